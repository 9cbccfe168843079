package keeper

import (
	"context"
	"fmt"
	"slices"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/civicchain/civic/internal/blockctx"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	"github.com/civicchain/civic/x/voucher/types"
)

// CreateProgram creates a DRAFT program of the issuer's agency, with its own
// denom voucher/<id> whose x/bank metadata it registers (a description and
// the denom, no personal data). A RELIEF program naming an incident needs the
// incident to exist, not be CLOSED and cover every holder district; every
// allocator agency must exist.
func (m msgServer) CreateProgram(ctx context.Context, msg *types.MsgCreateProgram) (*types.MsgCreateProgramResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	signer, f, err := validateMsgCreateProgram(m.addressCodec, msg, params, now)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleIssuer)
	if err != nil {
		return nil, err
	}
	for _, id := range f.allocators {
		if _, err := m.agencyKeeper.GetAgency(ctx, id); errorsmod.IsOf(err, agencytypes.ErrAgencyNotFound) {
			return nil, errorsmod.Wrapf(types.ErrInvalidAgencies, "allocator agency %q does not exist", id)
		} else if err != nil {
			return nil, err
		}
	}
	if m.bankKeeper.BlockedAddr(f.refund) {
		return nil, errorsmod.Wrapf(types.ErrBlockedAddress, "refund_address %s is a module account that may not receive coins", msg.RefundAddress)
	}
	if msg.IncidentId != 0 {
		if err := m.checkIncident(ctx, msg.IncidentId, f.holderDistricts); err != nil {
			return nil, err
		}
	}

	last, err := m.LastProgramID.Next(ctx)
	if err != nil {
		return nil, err
	}
	id := last + 1
	p := types.Program{
		Id:                id,
		AgencyId:          agencyID,
		Kind:              msg.Kind,
		Denom:             types.Denom(id),
		FundingDenom:      msg.FundingDenom,
		BudgetCap:         msg.BudgetCap,
		PerHolderCap:      msg.PerHolderCap,
		HolderDistricts:   f.holderDistricts,
		MerchantDistricts: f.merchantDistricts,
		ExcludedMccs:      f.excludedMccs,
		Eligibility:       msg.Eligibility,
		SchemaId:          msg.SchemaId,
		AmountByClass:     f.classes,
		IncidentId:        msg.IncidentId,
		StartsAt:          msg.StartsAt,
		ExpiresAt:         msg.ExpiresAt,
		RedeemUntil:       msg.RedeemUntil,
		RefundAddress:     msg.RefundAddress,
		AllocatorAgencies: f.allocators,
		Status:            types.ProgramStatusDraft,
		Budget:            types.ZeroBudget(),
		PaymentsAmount:    sdkmath.ZeroInt(),
		CreatedBy:         msg.Issuer,
		CreatedAt:         now,
	}
	if err := m.Programs.Set(ctx, id, p); err != nil {
		return nil, err
	}
	m.bankKeeper.SetDenomMetaData(ctx, denomMetadata(id))
	return blockctx.Reply(ctx, &types.EventProgramCreated{
		ProgramId: id, AgencyId: agencyID, Kind: p.Kind, Denom: p.Denom, FundingDenom: p.FundingDenom,
		BudgetCap: p.BudgetCap, IncidentId: p.IncidentId, Actor: msg.Issuer,
	}, &types.MsgCreateProgramResponse{ProgramId: id, Denom: p.Denom})
}

// denomMetadata is the x/bank metadata of program id's denom: one unit, the
// denom itself, and a description naming the program.
func denomMetadata(id uint64) banktypes.Metadata {
	denom := types.Denom(id)
	return banktypes.Metadata{
		Description: fmt.Sprintf("civic voucher of program %d: spendable only at its approved merchants, backed 1:1 by the program's escrow", id),
		DenomUnits:  []*banktypes.DenomUnit{{Denom: denom, Exponent: 0}},
		Base:        denom,
		Display:     denom,
		Name:        fmt.Sprintf("voucher program %d", id),
		Symbol:      fmt.Sprintf("VOUCHER%d", id),
	}
}

// checkIncident requires a RELIEF program's incident to exist, not be
// CLOSED and cover every holder district (its current affected districts).
func (k Keeper) checkIncident(ctx context.Context, id uint64, holderDistricts []string) error {
	inc, err := k.disasterKeeper.GetIncident(ctx, id)
	if errorsmod.IsOf(err, disastertypes.ErrIncidentNotFound) {
		return errorsmod.Wrapf(types.ErrIncident, "incident %d does not exist", id)
	} else if err != nil {
		return err
	}
	if inc.Status == disastertypes.IncidentStatusClosed {
		return errorsmod.Wrapf(types.ErrIncident, "incident %d is CLOSED", id)
	}
	for _, d := range holderDistricts {
		if _, found := slices.BinarySearch(inc.AffectedDistricts, d); !found {
			return errorsmod.Wrapf(types.ErrIncident, "incident %d does not cover holder district %s (it covers %v)", id, d, inc.AffectedDistricts)
		}
	}
	return nil
}

// ActivateProgram moves a DRAFT program to ACTIVE, before it expires.
func (m msgServer) ActivateProgram(ctx context.Context, msg *types.MsgActivateProgram) (*types.MsgActivateProgramResponse, error) {
	signer, err := validateMsgActivateProgram(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if _, err := m.authorizeFor(ctx, signer, types.RoleIssuer, p); err != nil {
		return nil, err
	}
	if err := m.changeStatus(ctx, &p, types.ProgramStatusActive); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventProgramStatusChanged{
		ProgramId: p.Id, AgencyId: p.AgencyId, From: types.ProgramStatusDraft, To: p.Status, Actor: msg.Issuer,
	}, &types.MsgActivateProgramResponse{})
}

// SetProgramStatus suspends an ACTIVE program or resumes a SUSPENDED one,
// before it expires. An issuer of the program's agency may, and so may
// governance (a program whose agency is gone or misbehaves can be stopped).
func (m msgServer) SetProgramStatus(ctx context.Context, msg *types.MsgSetProgramStatus) (*types.MsgSetProgramStatusResponse, error) {
	signer, err := validateMsgSetProgramStatus(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if !m.isAuthority(signer) {
		if _, err := m.authorizeFor(ctx, signer, types.RoleIssuer, p); err != nil {
			return nil, err
		}
	}
	from := p.Status
	if err := m.changeStatus(ctx, &p, msg.Status); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventProgramStatusChanged{
		ProgramId: p.Id, AgencyId: p.AgencyId, From: from, To: p.Status, Actor: msg.Signer,
	}, &types.MsgSetProgramStatusResponse{})
}

// changeStatus moves a program that has not expired along the lifecycle to
// status and stores it.
func (k Keeper) changeStatus(ctx context.Context, p *types.Program, status types.ProgramStatus) error {
	if err := types.ValidateProgramTransition(p.Status, status); err != nil {
		return errorsmod.Wrapf(err, "program %d", p.Id)
	}
	if now := blockctx.Time(ctx); !now.Before(p.ExpiresAt) {
		return errorsmod.Wrapf(types.ErrProgramExpired, "program %d is EXPIRED: it cannot become %s", p.Id, status.Label())
	}
	p.Status = status
	return k.Programs.Set(ctx, p.Id, *p)
}

// FundProgram escrows amount of the program's funding denom from the funder
// (an issuer of the program's agency) in the module account. A program is
// funded up to its budget_cap in all, before it expires.
func (m msgServer) FundProgram(ctx context.Context, msg *types.MsgFundProgram) (*types.MsgFundProgramResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	signer, err := validateMsgFundProgram(m.addressCodec, msg, params)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if _, err := m.authorizeFor(ctx, signer, types.RoleIssuer, p); err != nil {
		return nil, err
	}
	if err := requireNotClosed(p); err != nil {
		return nil, err
	}
	if now := blockctx.Time(ctx); !now.Before(p.ExpiresAt) {
		return nil, errorsmod.Wrapf(types.ErrProgramExpired, "program %d is EXPIRED: it takes no more funding", p.Id)
	}
	if funded := p.Budget.Funded.Add(msg.Amount); funded.GT(p.BudgetCap) {
		return nil, errorsmod.Wrapf(types.ErrOverBudget, "program %d would be funded %s, above its budget_cap %s", p.Id, funded, p.BudgetCap)
	}
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, signer, types.ModuleName, coins(p.FundingDenom, msg.Amount)); err != nil {
		return nil, err
	}
	p.Budget.Funded = p.Budget.Funded.Add(msg.Amount)
	p.Budget.Escrow = p.Budget.Escrow.Add(msg.Amount)
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventProgramFunded{
		ProgramId: p.Id, Funder: msg.Funder, Amount: msg.Amount, Escrow: p.Budget.Escrow,
	}, &types.MsgFundProgramResponse{})
}
