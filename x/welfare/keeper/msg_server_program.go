package keeper

import (
	"context"
	"slices"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/civicchain/civic/internal/blockctx"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	"github.com/civicchain/civic/x/welfare/types"
)

// CreateProgram creates a DRAFT program of the manager's agency. Every group
// must exist; a VOUCHER benefit's x/voucher program must exist, not be
// CLOSED, take allocations and list the agency among its allocator agencies.
func (m msgServer) CreateProgram(ctx context.Context, msg *types.MsgCreateProgram) (*types.MsgCreateProgramResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	signer, groups, err := validateMsgCreateProgram(m.addressCodec, msg, params)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleManager)
	if err != nil {
		return nil, err
	}
	gs := make([]types.ExclusivityGroup, len(groups))
	for i, id := range groups {
		if gs[i], err = m.GetGroup(ctx, id); err != nil {
			return nil, err
		}
	}
	if msg.Benefit.Kind == types.BenefitKindVoucher {
		if err := m.checkVoucherProgram(ctx, msg.Benefit.VoucherProgramId, agencyID, blockctx.Time(ctx)); err != nil {
			return nil, err
		}
	}

	last, err := m.LastProgramID.Next(ctx)
	if err != nil {
		return nil, err
	}
	id := last + 1
	p := types.Program{
		Id:          id,
		AgencyId:    agencyID,
		Name:        msg.Name,
		Target:      msg.Target,
		Groups:      groups,
		Benefit:     msg.Benefit,
		BudgetCap:   msg.BudgetCap,
		Status:      types.ProgramStatusDraft,
		CreatedBy:   msg.Manager,
		CreatedAt:   blockctx.Time(ctx),
		DuePerCycle: sdkmath.ZeroInt(),
		Totals:      types.ZeroTotals(),
	}
	if err := m.Programs.Set(ctx, id, p); err != nil {
		return nil, err
	}
	for _, g := range gs {
		g.Programs++
		if err := m.Groups.Set(ctx, g.Id, g); err != nil {
			return nil, err
		}
	}
	return blockctx.Reply(ctx, &types.EventProgramCreated{
		ProgramId: id, AgencyId: agencyID, Target: p.Target, Groups: p.Groups, BenefitKind: p.Benefit.Kind,
		Denom: p.Benefit.Denom, VoucherProgramId: p.Benefit.VoucherProgramId, BudgetCap: p.BudgetCap, Actor: msg.Manager,
	}, &types.MsgCreateProgramResponse{ProgramId: id})
}

// checkVoucherProgram requires the x/voucher program a VOUCHER benefit draws
// on to exist, not be CLOSED, take allocations and list agencyID among its
// allocator agencies (the agency allocates through x/voucher's Allocate).
func (k Keeper) checkVoucherProgram(ctx context.Context, id uint64, agencyID string, now time.Time) error {
	vp, err := k.voucherKeeper.GetProgram(ctx, id)
	if errorsmod.IsOf(err, vouchertypes.ErrProgramNotFound) {
		return errorsmod.Wrapf(types.ErrVoucherProgram, "voucher program %d does not exist", id)
	} else if err != nil {
		return err
	}
	if status := vp.StatusAt(now); status == vouchertypes.ProgramStatusClosed || status == vouchertypes.ProgramStatusExpired {
		return errorsmod.Wrapf(types.ErrVoucherProgram, "voucher program %d is %s", id, status.Label())
	}
	if !vp.Eligibility.AllowsAllocations() {
		return errorsmod.Wrapf(types.ErrVoucherProgram, "voucher program %d has eligibility %s: it takes no allocations", id, vp.Eligibility.Label())
	}
	if _, found := slices.BinarySearch(vp.AllocatorAgencies, agencyID); !found {
		return errorsmod.Wrapf(types.ErrNotAllocator, "agency %q is not an allocator agency of voucher program %d (%v)", agencyID, id, vp.AllocatorAgencies)
	}
	return nil
}

// ActivateProgram moves a DRAFT program to ACTIVE; a VOUCHER program's
// voucher program is checked again.
func (m msgServer) ActivateProgram(ctx context.Context, msg *types.MsgActivateProgram) (*types.MsgActivateProgramResponse, error) {
	signer, err := validateMsgActivateProgram(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if _, err := m.authorizeFor(ctx, signer, types.RoleManager, p); err != nil {
		return nil, err
	}
	if err := types.ValidateProgramTransition(p.Status, types.ProgramStatusActive); err != nil {
		return nil, errorsmod.Wrapf(err, "program %d", p.Id)
	}
	if !p.IsCash() {
		if err := m.checkVoucherProgram(ctx, p.Benefit.VoucherProgramId, p.AgencyId, blockctx.Time(ctx)); err != nil {
			return nil, err
		}
	}
	p.Status = types.ProgramStatusActive
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventProgramActivated{ProgramId: p.Id, AgencyId: p.AgencyId, Actor: msg.Manager}, &types.MsgActivateProgramResponse{})
}

// FundProgram escrows amount of a CASH program's denom from the funder (a
// manager of the program's agency) in the module account, up to the
// program's budget_cap in all, while it is not CLOSED.
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
	if _, err := m.authorizeFor(ctx, signer, types.RoleManager, p); err != nil {
		return nil, err
	}
	if !p.IsCash() {
		return nil, errorsmod.Wrapf(types.ErrNotCash, "program %d pays vouchers of voucher program %d, whose escrow backs it: fund that program", p.Id, p.Benefit.VoucherProgramId)
	}
	if p.Status == types.ProgramStatusClosed {
		return nil, errorsmod.Wrapf(types.ErrProgramNotActive, "program %d is CLOSED: it takes no more funding", p.Id)
	}
	if funded := p.Totals.Funded.Add(msg.Amount); funded.GT(p.BudgetCap) {
		return nil, errorsmod.Wrapf(types.ErrOverBudget, "program %d would be funded %s, above its budget_cap %s", p.Id, funded, p.BudgetCap)
	}
	if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, signer, types.ModuleName, coins(p.Benefit.Denom, msg.Amount)); err != nil {
		return nil, err
	}
	p.Totals.Funded = p.Totals.Funded.Add(msg.Amount)
	p.Totals.Escrow = p.Totals.Escrow.Add(msg.Amount)
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventProgramFunded{
		ProgramId: p.Id, Funder: msg.Funder, Amount: msg.Amount, Denom: p.Benefit.Denom, Escrow: p.Totals.Escrow,
	}, &types.MsgFundProgramResponse{Escrow: p.Totals.Escrow})
}

// CloseProgram closes a DRAFT or ACTIVE program and returns its escrow to the
// agency's admin account. A manager of the program's agency may, and so may
// governance (a program whose agency is gone can be wound up). Refused while
// a cycle is TO_APPROVE or APPROVED: its payments are reserved. The program's
// enrolments keep their slots until the next write touching them releases
// them (a closed program's slots count as free at once).
func (m msgServer) CloseProgram(ctx context.Context, msg *types.MsgCloseProgram) (*types.MsgCloseProgramResponse, error) {
	signer, err := validateMsgCloseProgram(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if !m.isAuthority(signer) {
		if _, err := m.authorizeFor(ctx, signer, types.RoleManager, p); err != nil {
			return nil, err
		}
	}
	if err := types.ValidateProgramTransition(p.Status, types.ProgramStatusClosed); err != nil {
		return nil, errorsmod.Wrapf(err, "program %d", p.Id)
	}
	if p.OpenCycles > 0 {
		return nil, errorsmod.Wrapf(types.ErrCycleOpen, "program %d has %d cycle(s) TO_APPROVE or APPROVED: distribute or cancel them first", p.Id, p.OpenCycles)
	}
	agency, err := m.agencyKeeper.GetAgency(ctx, p.AgencyId)
	if err != nil {
		return nil, err
	}
	admin, err := m.addressCodec.StringToBytes(agency.Admin)
	if err != nil {
		return nil, err
	}
	from, returned := p.Status, p.Totals.Escrow
	if returned.IsPositive() {
		if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, admin, coins(p.Benefit.Denom, returned)); err != nil {
			return nil, err
		}
	}
	p.Totals.Returned = p.Totals.Returned.Add(returned)
	p.Totals.Escrow = sdkmath.ZeroInt()
	p.Status = types.ProgramStatusClosed
	p.ClosedAt = blockctx.Time(ctx)
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventProgramClosed{
		ProgramId: p.Id, AgencyId: p.AgencyId, From: from, Returned: returned, ReturnAddress: agency.Admin, Actor: msg.Signer,
	}, &types.MsgCloseProgramResponse{Returned: returned})
}
