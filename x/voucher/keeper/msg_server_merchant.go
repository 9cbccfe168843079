package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/voucher/types"
)

// ApplyMerchant records a PENDING application of the signing account to
// accept a program's vouchers, before the program expires. An account applies
// once per program, may not be a holder of the program, and names a
// settlement address that may receive coins. The category and district are
// checked when the application is decided.
func (m msgServer) ApplyMerchant(ctx context.Context, msg *types.MsgApplyMerchant) (*types.MsgApplyMerchantResponse, error) {
	merchant, settlement, err := validateMsgApplyMerchant(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if err := requireNotClosed(p); err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	if !now.Before(p.ExpiresAt) {
		return nil, errorsmod.Wrapf(types.ErrProgramExpired, "program %d is EXPIRED: it takes no new merchants", p.Id)
	}
	key := collections.Join(p.Id, merchant)
	if exists, err := m.Merchants.Has(ctx, key); err != nil {
		return nil, err
	} else if exists {
		return nil, errorsmod.Wrapf(types.ErrMerchantExists, "%s already applied to program %d", msg.Merchant, p.Id)
	}
	if holder, err := m.Holders.Has(ctx, key); err != nil {
		return nil, err
	} else if holder {
		return nil, errorsmod.Wrapf(types.ErrHolderIsMerchant, "%s holds vouchers of program %d and cannot be its merchant", msg.Merchant, p.Id)
	}
	if m.bankKeeper.BlockedAddr(settlement) {
		return nil, errorsmod.Wrapf(types.ErrBlockedAddress, "settlement_address %s is a module account that may not receive coins", msg.SettlementAddress)
	}
	if err := m.Merchants.Set(ctx, key, types.Merchant{
		ProgramId:         p.Id,
		Address:           msg.Merchant,
		BusinessDigest:    msg.BusinessDigest,
		DistrictCode:      msg.DistrictCode,
		Mcc:               msg.Mcc,
		SettlementAddress: msg.SettlementAddress,
		Status:            types.MerchantStatusPending,
		AppliedAt:         now,
		Received:          sdkmath.ZeroInt(),
		Redeemed:          sdkmath.ZeroInt(),
	}); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventMerchantApplied{
		ProgramId: p.Id, Merchant: msg.Merchant, DistrictCode: msg.DistrictCode, Mcc: msg.Mcc,
	}, &types.MsgApplyMerchantResponse{})
}

// DecideMerchant takes a merchant of a program that is not CLOSED along its
// lifecycle (types.DecideMerchantStatus). The signer is a voucher.merchant of
// the program's agency and never the merchant itself. A merchant of an
// excluded category or outside the program's merchant districts cannot be
// approved or reinstated.
func (m msgServer) DecideMerchant(ctx context.Context, msg *types.MsgDecideMerchant) (*types.MsgDecideMerchantResponse, error) {
	signer, merchant, err := validateMsgDecideMerchant(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if _, err := m.authorizeFor(ctx, signer, types.RoleMerchant, p); err != nil {
		return nil, err
	}
	if signer.Equals(merchant) {
		return nil, errorsmod.Wrapf(types.ErrSelfDecision, "%s decides on its own application to program %d", msg.Signer, p.Id)
	}
	if err := requireNotClosed(p); err != nil {
		return nil, err
	}
	mer, err := m.getMerchant(ctx, p.Id, merchant)
	if err != nil {
		return nil, err
	}
	from := mer.Status
	to, err := types.DecideMerchantStatus(from, msg.Decision)
	if err != nil {
		return nil, errorsmod.Wrapf(err, "merchant %s of program %d", msg.Merchant, p.Id)
	}
	if to == types.MerchantStatusApproved {
		if p.Excludes(mer.Mcc) {
			return nil, errorsmod.Wrapf(types.ErrMccExcluded, "merchant category %s is excluded by program %d", mer.Mcc, p.Id)
		}
		if !p.HasMerchantDistrict(mer.DistrictCode) {
			return nil, errorsmod.Wrapf(types.ErrDistrictNotInProgram, "district %s is not a merchant district of program %d", mer.DistrictCode, p.Id)
		}
	}
	mer.Status = to
	mer.DecidedBy = msg.Signer
	mer.DecidedAt = blockctx.Time(ctx)
	if err := m.Merchants.Set(ctx, collections.Join(p.Id, merchant), mer); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventMerchantDecided{
		ProgramId: p.Id, Merchant: msg.Merchant, Decision: msg.Decision, From: from, To: to, Actor: msg.Signer,
	}, &types.MsgDecideMerchantResponse{Status: to})
}
