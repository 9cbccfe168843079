package keeper

import (
	"context"
	"errors"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/x/toll/types"
)

// disputeTarget is the trip or batch a dispute is about, loaded.
type disputeTarget struct {
	trip  *types.Trip
	batch *types.TripBatch
}

func (t disputeTarget) periodID() uint64 {
	if t.trip != nil {
		return t.trip.PeriodId
	}
	return t.batch.PeriodId
}

func (t disputeTarget) collector() string {
	if t.trip != nil {
		return t.trip.Collector
	}
	return t.batch.Collector
}

// shares are the trip's shares or the batch's totals.
func (t disputeTarget) shares() []types.OperatorAmount {
	if t.trip != nil {
		return t.trip.Shares
	}
	return t.batch.Totals
}

// amount is the trip's fare or the batch's total.
func (t disputeTarget) amount() uint64 {
	if t.trip != nil {
		return t.trip.Fare
	}
	return t.batch.Total
}

// loadTarget loads a dispute's target.
func (k Keeper) loadTarget(ctx context.Context, target types.DisputeTarget, id uint64) (disputeTarget, error) {
	switch target {
	case types.TargetTrip:
		t, err := k.getTrip(ctx, id)
		return disputeTarget{trip: &t}, err
	case types.TargetBatch:
		b, err := k.getBatch(ctx, id)
		return disputeTarget{batch: &b}, err
	default:
		return disputeTarget{}, errorsmod.Wrapf(types.ErrInvalidDispute, "target %s", target)
	}
}

// markDisputed adds (sign > 0) or removes the target's shares to or from the
// disputed part of the period's accruals.
func (k Keeper) markDisputed(ctx context.Context, periodID uint64, collector string, shares []types.OperatorAmount, add bool) error {
	for _, s := range shares {
		key := collections.Join3(periodID, collector, s.Operator)
		a, err := k.Accruals.Get(ctx, key)
		if err != nil {
			return err
		}
		if add {
			if a.Disputed, err = types.AddAmounts(a.Disputed, s.Amount); err != nil {
				return err
			}
		} else {
			if a.Disputed < s.Amount {
				return errorsmod.Wrapf(types.ErrInvalidDispute, "accrual (%d, %s, %s) has %d disputed, less than %d", periodID, collector, s.Operator, a.Disputed, s.Amount)
			}
			a.Disputed -= s.Amount
		}
		if err := k.Accruals.Set(ctx, key, a); err != nil {
			return err
		}
	}
	return nil
}

// OpenDispute opens a dispute against a trip or a batch.
func (m msgServer) OpenDispute(ctx context.Context, msg *types.MsgOpenDispute) (*types.MsgOpenDisputeResponse, error) {
	signer, err := accaddr.Parse(m.addressCodec, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if _, ok := types.DisputeKind_name[int32(msg.Kind)]; !ok || msg.Kind == types.DisputeKindUnspecified {
		return nil, errorsmod.Wrapf(types.ErrInvalidDispute, "kind %s", msg.Kind)
	}
	if msg.Target != types.TargetTrip && msg.Target != types.TargetBatch {
		return nil, errorsmod.Wrapf(types.ErrInvalidDispute, "target %s", msg.Target)
	}
	if msg.TargetId == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidDispute, "target_id is required")
	}
	if msg.EvidenceDigest != "" {
		if err := types.ValidateDigest("evidence_digest", msg.EvidenceDigest); err != nil {
			return nil, err
		}
	}
	target, err := m.loadTarget(ctx, msg.Target, msg.TargetId)
	if err != nil {
		return nil, err
	}
	if err := m.mayDispute(ctx, signer, msg.Signer, target); err != nil {
		return nil, err
	}
	if id, err := m.OpenDisputeByTarget.Get(ctx, collections.Join(int32(msg.Target), msg.TargetId)); err == nil {
		return nil, errorsmod.Wrapf(types.ErrDisputeExists, "%s %d has open dispute %d", msg.Target, msg.TargetId, id)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	p, err := m.getPeriod(ctx, target.periodID())
	if err != nil {
		return nil, err
	}
	switch p.Status {
	case types.PeriodOpen, types.PeriodSubmitted, types.PeriodDisputed:
	default:
		return nil, errorsmod.Wrapf(types.ErrPeriodNotDisputable, "period %d is %s", p.Id, p.Status)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}

	d := types.Dispute{
		Kind:           msg.Kind,
		Target:         msg.Target,
		TargetId:       msg.TargetId,
		PeriodId:       p.Id,
		Collector:      target.collector(),
		OpenedBy:       msg.Signer,
		EvidenceDigest: msg.EvidenceDigest,
		Amount:         target.amount(),
		Status:         types.DisputeOpen,
		OpenedAt:       blockTime(ctx),
	}
	if d.Id, err = m.nextID(ctx, m.NextDisputeID); err != nil {
		return nil, err
	}
	if err := m.markDisputed(ctx, p.Id, d.Collector, target.shares(), true); err != nil {
		return nil, err
	}
	p.OpenDisputes++
	var released []types.OperatorAmount
	if p.Status == types.PeriodSubmitted {
		p.Status = types.PeriodDisputed
		p.Confirmed = nil
		if released, err = m.releaseEscrow(ctx, p.Id, params.Denom); err != nil {
			return nil, err
		}
	}
	if err := m.Periods.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	if err := m.setDispute(ctx, d); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventDisputeOpened{DisputeId: d.Id, Kind: d.Kind, Target: d.Target, TargetId: d.TargetId, PeriodId: d.PeriodId, Amount: d.Amount, Released: released}); err != nil {
		return nil, err
	}
	return &types.MsgOpenDisputeResponse{DisputeId: d.Id}, nil
}

// mayDispute allows an ACCOUNT trip's payer, and toll.operator members of an
// operator, other than the collector, with a share in the target.
func (k Keeper) mayDispute(ctx context.Context, signer sdk.AccAddress, signerStr string, target disputeTarget) error {
	if target.trip != nil && target.trip.PaymentMethod == types.PaymentAccount && target.trip.Payer == signerStr {
		return nil
	}
	agencyID, err := k.agencyKeeper.Authorize(ctx, signer, types.RoleOperator)
	if err != nil {
		return errorsmod.Wrapf(types.ErrNotDisputant, "not the trip's payer and not a toll operator: %s", err)
	}
	if agencyID == target.collector() {
		return errorsmod.Wrapf(types.ErrNotDisputant, "operator %s is the collector; it resolves disputes, it does not open them", agencyID)
	}
	if !slices.ContainsFunc(target.shares(), func(s types.OperatorAmount) bool { return s.Operator == agencyID }) {
		return errorsmod.Wrapf(types.ErrNotDisputant, "operator %s has no share in the target", agencyID)
	}
	return nil
}

// refundShares takes refund off shares pro rata: floor(share × refund / total)
// from each, then the leftover units one each in operator order, never below
// zero. It returns the reductions (same order as shares) and the new shares
// without zero entries.
func refundShares(shares []types.OperatorAmount, total, refund uint64) (reductions, remaining []types.OperatorAmount, err error) {
	reductions = make([]types.OperatorAmount, len(shares))
	var taken uint64
	for i, s := range shares {
		r, err := types.MulDiv(s.Amount, refund, total)
		if err != nil {
			return nil, nil, err
		}
		reductions[i] = types.OperatorAmount{Operator: s.Operator, Amount: r}
		taken += r
	}
	for i := 0; taken < refund && i < len(shares); i++ {
		if reductions[i].Amount < shares[i].Amount {
			reductions[i].Amount++
			taken++
		}
	}
	if taken != refund {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidRefund, "refund %d cannot be taken from shares totalling %d", refund, total)
	}
	for i, s := range shares {
		if left := s.Amount - reductions[i].Amount; left > 0 {
			remaining = append(remaining, types.OperatorAmount{Operator: s.Operator, Amount: left})
		}
	}
	return reductions, remaining, nil
}

// ResolveDispute resolves an OPEN dispute with a refund or a rejection.
func (m msgServer) ResolveDispute(ctx context.Context, msg *types.MsgResolveDispute) (*types.MsgResolveDisputeResponse, error) {
	switch msg.Outcome {
	case types.OutcomeRefund:
		if msg.Refund == 0 {
			return nil, errorsmod.Wrap(types.ErrInvalidRefund, "a REFUND needs a refund > 0")
		}
		if msg.Reason != "" {
			if err := types.ValidateReason(msg.Reason); err != nil {
				return nil, err
			}
		}
	case types.OutcomeReject:
		if msg.Refund != 0 {
			return nil, errorsmod.Wrapf(types.ErrInvalidRefund, "a REJECT refunds nothing, got %d", msg.Refund)
		}
		if err := types.ValidateReason(msg.Reason); err != nil {
			return nil, err
		}
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidDispute, "outcome %s", msg.Outcome)
	}
	signer, op, err := m.registeredOperator(ctx, msg.Signer)
	if err != nil {
		return nil, err
	}
	d, err := m.getDispute(ctx, msg.DisputeId)
	if err != nil {
		return nil, err
	}
	if d.Status != types.DisputeOpen {
		return nil, errorsmod.Wrapf(types.ErrDisputeResolved, "dispute %d is %s", d.Id, d.Status)
	}
	if d.Collector != op.AgencyId {
		return nil, errorsmod.Wrapf(types.ErrWrongOperator, "dispute %d is against %s, the signer acts for %s", d.Id, d.Collector, op.AgencyId)
	}
	target, err := m.loadTarget(ctx, d.Target, d.TargetId)
	if err != nil {
		return nil, err
	}
	p, err := m.getPeriod(ctx, d.PeriodId)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	var reductions, remaining []types.OperatorAmount
	var refundTo sdk.AccAddress
	if msg.Outcome == types.OutcomeRefund {
		if msg.Refund > target.amount() {
			return nil, errorsmod.Wrapf(types.ErrInvalidRefund, "refund %d is more than the disputed %d", msg.Refund, target.amount())
		}
		if reductions, remaining, err = refundShares(target.shares(), target.amount(), msg.Refund); err != nil {
			return nil, err
		}
		if t := target.trip; t != nil && t.PaymentMethod == types.PaymentAccount && t.PaymentStatus == types.PaymentStatusPaid {
			if msg.Signer != op.SettlementAccount {
				return nil, errorsmod.Wrapf(types.ErrNotSettlementAccount, "refunding paid trip %d moves coins from %s's settlement account %s, which must sign", t.Id, op.AgencyId, op.SettlementAccount)
			}
			if !m.hasSpendable(ctx, signer, params.Denom, msg.Refund) {
				return nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "refund of %d%s", msg.Refund, params.Denom)
			}
			if refundTo, err = m.addressCodec.StringToBytes(t.Payer); err != nil {
				return nil, err
			}
		}
	}

	// Writes.
	if err := m.markDisputed(ctx, p.Id, d.Collector, target.shares(), false); err != nil {
		return nil, err
	}
	if msg.Outcome == types.OutcomeRefund {
		if err := m.reduceAccruals(ctx, p.Id, d.Collector, reductions); err != nil {
			return nil, err
		}
		if t := target.trip; t != nil {
			t.Fare -= msg.Refund
			t.Shares = remaining
			t.Refunded += msg.Refund
			if t.PaymentStatus == types.PaymentStatusUnpaid && t.Fare == 0 {
				t.PaymentStatus, t.UnpaidReason = types.PaymentStatusPaid, types.UnpaidReasonUnspecified
			}
			if err := m.setTrip(ctx, *t, false); err != nil {
				return nil, err
			}
		} else {
			b := target.batch
			b.Total -= msg.Refund
			b.Totals = remaining
			b.Refunded += msg.Refund
			if err := m.Batches.Set(ctx, b.Id, *b); err != nil {
				return nil, err
			}
		}
		d.Status = types.DisputeRefunded
	} else {
		d.Status = types.DisputeRejected
	}
	d.Refund, d.Reason = msg.Refund, msg.Reason
	d.ResolvedAt, d.ResolvedBy = blockTime(ctx), msg.Signer
	if err := m.setDispute(ctx, d); err != nil {
		return nil, err
	}
	p.OpenDisputes--
	if p.Status == types.PeriodDisputed && p.OpenDisputes == 0 {
		if p.Participants, err = m.participants(ctx, p.Id); err != nil {
			return nil, err
		}
		p.Confirmed = nil
		p.Status = afterSubmission(p)
	}
	if err := m.Periods.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	if refundTo != nil {
		if err := m.bankKeeper.SendCoins(ctx, signer, refundTo, coins(params.Denom, msg.Refund)); err != nil {
			return nil, err
		}
	}
	if err := emit(ctx, &types.EventDisputeResolved{DisputeId: d.Id, Status: d.Status, Refund: d.Refund, Reason: d.Reason, PeriodStatus: p.Status}); err != nil {
		return nil, err
	}
	return &types.MsgResolveDisputeResponse{}, nil
}

// reduceAccruals takes refund reductions off the period's accruals.
func (k Keeper) reduceAccruals(ctx context.Context, periodID uint64, collector string, reductions []types.OperatorAmount) error {
	for _, r := range reductions {
		if r.Amount == 0 {
			continue
		}
		key := collections.Join3(periodID, collector, r.Operator)
		a, err := k.Accruals.Get(ctx, key)
		if err != nil {
			return err
		}
		if a.Amount < r.Amount {
			return errorsmod.Wrapf(types.ErrInvalidRefund, "accrual (%d, %s, %s) is %d, less than the refund's %d", periodID, collector, r.Operator, a.Amount, r.Amount)
		}
		a.Amount -= r.Amount
		if err := k.Accruals.Set(ctx, key, a); err != nil {
			return err
		}
	}
	return nil
}
