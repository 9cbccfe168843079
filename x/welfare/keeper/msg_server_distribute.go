package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/welfare/types"
)

// MaxSkipDetail bounds the detail of an EventPaymentSkipped (x/voucher's refusal).
const MaxSkipDetail = 256

// Distribute pays the next entitlements of an APPROVED cycle. From the
// cycle's cursor it visits up to limit entitlements of the program in id
// order and pays each one that is ACCEPTED or ACTIVE, whose enrolment is
// ENROLLED and which is valid in the cycle's period — amount_per_cycle, from
// the program's escrow through x/bank (CASH) or as vouchers through
// x/voucher's Allocate (VOUCHER) — recording one Payment per entitlement per
// cycle. It skips and counts a SUSPENDED entitlement, one under an audit hold
// or whose enrolment is PAUSED (SUSPENDED), a payment the cycle's reservation
// no longer covers (UNCOVERED), and a payment x/bank or x/voucher refuses
// (FAILED: run on a cache of the state, so nothing of it is written). Nothing
// a payee or a voucher program can do makes the message fail for the
// others. When the cursor has passed the program's last entitlement the
// cycle is DISTRIBUTED and its unspent reservation released.
func (m msgServer) Distribute(ctx context.Context, msg *types.MsgDistribute) (*types.MsgDistributeResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	signer, err := validateMsgDistribute(m.addressCodec, msg, params)
	if err != nil {
		return nil, err
	}
	c, p, err := m.cycleFor(ctx, signer, msg.ProgramId, msg.Seq)
	if err != nil {
		return nil, err
	}
	if c.Status != types.CycleStatusApproved {
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "cycle %d of program %d is %s: only an APPROVED cycle distributes", c.Seq, p.Id, c.Status.Label())
	}

	// The entitlements to visit: limit of them from the cursor, and whether any is left.
	rng := collections.NewPrefixedPairRange[uint64, uint64](p.Id).StartExclusive(c.Cursor)
	it, err := m.Entitlements.Indexes.Program.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	var ids []uint64
	for ; it.Valid() && len(ids) <= int(msg.Limit); it.Next() {
		key, err := it.Key()
		if err != nil {
			it.Close()
			return nil, err
		}
		ids = append(ids, key.K2())
	}
	it.Close()
	done := len(ids) <= int(msg.Limit)
	if !done {
		ids = ids[:msg.Limit]
	}

	resp := &types.MsgDistributeResponse{Amount: sdkmath.ZeroInt()}
	for _, id := range ids {
		resp.Visited++
		c.Cursor = id
		paid, skipped, err := m.visit(ctx, &p, &c, id)
		if err != nil {
			return nil, err
		}
		if paid.IsPositive() {
			resp.Paid++
			resp.Amount = resp.Amount.Add(paid)
		}
		if skipped {
			resp.Skipped++
		}
	}
	if done {
		if err := moveCycle(&c, &p, types.CycleStatusDistributed, blockctx.Time(ctx)); err != nil {
			return nil, err
		}
		released := c.Reserved
		p.Totals.Reserved = p.Totals.Reserved.Sub(released)
		c.Reserved = sdkmath.ZeroInt()
		resp.Distributed = true
		if err := blockctx.Emit(ctx, &types.EventCycleDistributed{
			ProgramId: p.Id, Seq: c.Seq, PaidCount: c.PaidCount, PaidAmount: c.PaidAmount, Released: released,
		}); err != nil {
			return nil, err
		}
	}
	if err := m.Cycles.Set(ctx, cycleKey(c), c); err != nil {
		return nil, err
	}
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return resp, nil
}

// visit pays or skips entitlement id in cycle c of program p and returns the
// amount paid (zero when none) and whether it was skipped (counted in the
// cycle and reported by an EventPaymentSkipped). An entitlement that is not
// ACCEPTED, ACTIVE or SUSPENDED, or not valid in the period, is neither.
func (k Keeper) visit(ctx context.Context, p *types.Program, c *types.Cycle, id uint64) (sdkmath.Int, bool, error) {
	zero := sdkmath.ZeroInt()
	ent, err := k.GetEntitlement(ctx, id)
	if err != nil {
		return zero, false, err
	}
	switch ent.Status {
	case types.EntitlementStatusAccepted, types.EntitlementStatusActive, types.EntitlementStatusSuspended:
	default:
		return zero, false, nil
	}
	if !ent.ValidIn(c.PeriodStart, c.PeriodEnd) {
		return zero, false, nil
	}
	key := paymentKey(p.Id, c.Seq, ent.Id)
	if has, err := k.Payments.Has(ctx, key); err != nil {
		return zero, false, err
	} else if has {
		return zero, false, errorsmod.Wrapf(types.ErrAlreadyPaid, "entitlement %d was paid in cycle %d of program %d", ent.Id, c.Seq, p.Id)
	}
	e, err := k.GetEnrolment(ctx, ent.EnrolmentId)
	if err != nil {
		return zero, false, err
	}
	skip := func(reason types.SkipReason, detail string) (sdkmath.Int, bool, error) {
		switch reason {
		case types.SkipReasonSuspended:
			c.SkippedSuspended++
		case types.SkipReasonUncovered:
			c.SkippedUncovered++
		case types.SkipReasonFailed:
			c.SkippedFailed++
		}
		return zero, true, blockctx.Emit(ctx, &types.EventPaymentSkipped{
			ProgramId: p.Id, Seq: c.Seq, EntitlementId: ent.Id, Reason: reason, Detail: detail,
		})
	}
	switch {
	case ent.Status == types.EntitlementStatusSuspended:
		return skip(types.SkipReasonSuspended, types.ReasonSuspended)
	case ent.AuditHold:
		return skip(types.SkipReasonSuspended, types.ReasonAuditHold)
	case e.Status == types.EnrolmentStatusPaused:
		return skip(types.SkipReasonSuspended, types.ReasonEnrolmentPaused)
	case e.Status != types.EnrolmentStatusEnrolled:
		return zero, false, nil
	case ent.AmountPerCycle.GT(c.Reserved):
		return skip(types.SkipReasonUncovered, "")
	}
	payee, err := k.addressCodec.StringToBytes(ent.Payee)
	if err != nil {
		return zero, false, err
	}
	if err := k.transfer(ctx, *p, payee, ent.AmountPerCycle); err != nil {
		detail := err.Error()
		if len(detail) > MaxSkipDetail {
			detail = detail[:MaxSkipDetail]
		}
		return skip(types.SkipReasonFailed, detail)
	}

	amount, now := ent.AmountPerCycle, blockctx.Time(ctx)
	if err := k.Payments.Set(ctx, key, types.Payment{
		ProgramId: p.Id, Seq: c.Seq, EntitlementId: ent.Id, Payee: ent.Payee, Amount: amount, PaidAt: now,
	}); err != nil {
		return zero, false, err
	}
	c.PaidCount++
	c.PaidAmount = c.PaidAmount.Add(amount)
	c.Reserved = c.Reserved.Sub(amount)
	p.Totals.PaymentsCount++
	p.Totals.PaymentsAmount = p.Totals.PaymentsAmount.Add(amount)
	p.Totals.Reserved = p.Totals.Reserved.Sub(amount)
	if p.IsCash() {
		p.Totals.Escrow = p.Totals.Escrow.Sub(amount)
		p.Totals.Paid = p.Totals.Paid.Add(amount)
	}
	from := ent.Status
	ent.PaymentsCount++
	ent.PaidAmount = ent.PaidAmount.Add(amount)
	if from == types.EntitlementStatusAccepted {
		ent.Status, ent.UpdatedAt = types.EntitlementStatusActive, now
	}
	if err := k.saveEntitlement(ctx, p, from, ent); err != nil {
		return zero, false, err
	}
	if from != ent.Status {
		if err := blockctx.Emit(ctx, &types.EventEntitlementStatusChanged{
			EntitlementId: ent.Id, ProgramId: p.Id, From: from, To: ent.Status, ReasonCode: "FIRST_PAYMENT",
		}); err != nil {
			return zero, false, err
		}
	}
	return amount, false, blockctx.Emit(ctx, &types.EventPaymentMade{
		ProgramId: p.Id, Seq: c.Seq, EntitlementId: ent.Id, Payee: ent.Payee, Amount: amount, Kind: p.Benefit.Kind, Denom: p.PayDenom(),
	})
}

// transfer pays amount to payee on a cache of the state, written only when
// the payment succeeds: CASH from the module account through x/bank,
// VOUCHER through x/voucher's Allocate on behalf of the program's agency.
func (k Keeper) transfer(ctx context.Context, p types.Program, payee sdk.AccAddress, amount sdkmath.Int) error {
	cache, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	var err error
	if p.IsCash() {
		err = k.bankKeeper.SendCoinsFromModuleToAccount(cache, types.ModuleName, payee, coins(p.Benefit.Denom, amount))
	} else {
		err = k.voucherKeeper.Allocate(cache, p.Benefit.VoucherProgramId, p.AgencyId, payee, amount)
	}
	if err != nil {
		return err
	}
	write()
	return nil
}
