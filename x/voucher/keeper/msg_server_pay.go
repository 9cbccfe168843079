package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/voucher/types"
)

// Pay moves amount of a program's vouchers from a holder to an APPROVED
// merchant of the program (the pay edge of the send restriction), while the
// program is ACTIVE and in [starts_at, expires_at). A receipt digest is paid
// once per (program, merchant), so one purchase is not charged twice. It
// counts the payment by the merchant's district and category.
func (m msgServer) Pay(ctx context.Context, msg *types.MsgPay) (*types.MsgPayResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	holder, merchant, err := validateMsgPay(m.addressCodec, msg, params)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if err := requireOpenWindow(p, blockctx.Time(ctx), types.ErrProgramNotPaying); err != nil {
		return nil, err
	}
	if isHolder, err := m.Holders.Has(ctx, collections.Join(p.Id, holder)); err != nil {
		return nil, err
	} else if !isHolder {
		return nil, errorsmod.Wrapf(types.ErrNotHolder, "%s holds no vouchers of program %d", msg.Holder, p.Id)
	}
	mer, err := m.getMerchant(ctx, p.Id, merchant)
	if err != nil {
		return nil, err
	}
	if mer.Status != types.MerchantStatusApproved {
		return nil, errorsmod.Wrapf(types.ErrMerchantNotApproved, "merchant %s of program %d is %s", msg.Merchant, p.Id, mer.Status.Label())
	}
	receipt := collections.Join3(p.Id, merchant, msg.ReceiptDigest)
	if used, err := m.Receipts.Has(ctx, receipt); err != nil {
		return nil, err
	} else if used {
		return nil, errorsmod.Wrapf(types.ErrDuplicateReceipt, "receipt %s was paid to merchant %s in program %d", msg.ReceiptDigest, msg.Merchant, p.Id)
	}
	if bal := m.bankKeeper.GetBalance(ctx, holder, p.Denom).Amount; bal.LT(msg.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientVouchers, "holder %s has %s of %s, pays %s", msg.Holder, bal, p.Denom, msg.Amount)
	}

	if err := m.bankKeeper.SendCoins(withFlow(ctx, flow{kind: flowPay, program: p.Id, from: holder, to: merchant}), holder, merchant, coins(p.Denom, msg.Amount)); err != nil {
		return nil, err
	}
	if err := m.Receipts.Set(ctx, receipt, collections.NoValue{}); err != nil {
		return nil, err
	}
	mer.PaymentsCount++
	mer.Received = mer.Received.Add(msg.Amount)
	if err := m.Merchants.Set(ctx, collections.Join(p.Id, merchant), mer); err != nil {
		return nil, err
	}
	p.PaymentsCount++
	p.PaymentsAmount = p.PaymentsAmount.Add(msg.Amount)
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	if err := m.addUsage(ctx, p.Id, types.UsageKindPaymentsByDistrict, mer.DistrictCode, msg.Amount); err != nil {
		return nil, err
	}
	if err := m.addUsage(ctx, p.Id, types.UsageKindPaymentsByMcc, mer.Mcc, msg.Amount); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventPaid{
		ProgramId: p.Id, Holder: msg.Holder, Merchant: msg.Merchant, Amount: msg.Amount, ReceiptDigest: msg.ReceiptDigest,
	}, &types.MsgPayResponse{})
}

// Redeem burns amount of a merchant's vouchers (merchant -> module, the
// redeem edge) and pays the same amount of the funding denom from the
// program's escrow to the merchant's settlement address. A merchant redeems
// before redeem_until whatever its status and the program's (also SUSPENDED
// or EXPIRED; a REVOKED merchant still redeems what it holds).
func (m msgServer) Redeem(ctx context.Context, msg *types.MsgRedeem) (*types.MsgRedeemResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	merchant, err := validateMsgRedeem(m.addressCodec, msg, params)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	mer, err := m.getMerchant(ctx, p.Id, merchant)
	if err != nil {
		return nil, err
	}
	if err := requireNotClosed(p); err != nil {
		return nil, err
	}
	if now := blockctx.Time(ctx); !now.Before(p.RedeemUntil) {
		return nil, errorsmod.Wrapf(types.ErrRedeemPeriodOver, "program %d took redemptions until %s", p.Id, p.RedeemUntil.UTC().Format(time.RFC3339))
	}
	if bal := m.bankKeeper.GetBalance(ctx, merchant, p.Denom).Amount; bal.LT(msg.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientVouchers, "merchant %s has %s of %s, redeems %s", msg.Merchant, bal, p.Denom, msg.Amount)
	}
	if p.Budget.Escrow.LT(msg.Amount) || p.Budget.Outstanding.LT(msg.Amount) {
		return nil, errorsmod.Wrapf(types.ErrNotBacked, "program %d has escrow %s and outstanding %s, below %s", p.Id, p.Budget.Escrow, p.Budget.Outstanding, msg.Amount)
	}
	settlement, err := m.addressCodec.StringToBytes(mer.SettlementAddress)
	if err != nil {
		return nil, err
	}

	if err := m.burnFrom(ctx, p, flowRedeem, merchant, msg.Amount); err != nil {
		return nil, err
	}
	if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, settlement, coins(p.FundingDenom, msg.Amount)); err != nil {
		return nil, err
	}
	p.Budget.Outstanding = p.Budget.Outstanding.Sub(msg.Amount)
	p.Budget.Redeemed = p.Budget.Redeemed.Add(msg.Amount)
	p.Budget.Escrow = p.Budget.Escrow.Sub(msg.Amount)
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	mer.Redeemed = mer.Redeemed.Add(msg.Amount)
	if err := m.Merchants.Set(ctx, collections.Join(p.Id, merchant), mer); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventRedeemed{
		ProgramId: p.Id, Merchant: msg.Merchant, SettlementAddress: mer.SettlementAddress, Amount: msg.Amount, FundingDenom: p.FundingDenom,
	}, &types.MsgRedeemResponse{})
}
