package keeper

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/toll/types"
)

// disputeTarget is the trip or batch a dispute is about, loaded, with what a
// dispute reads of either: its period and collector, its shares (the trip's
// shares or the batch's totals) and its amount (the trip's fare or the
// batch's total).
type disputeTarget struct {
	trip      *types.Trip
	batch     *types.TripBatch
	periodID  uint64
	collector string
	shares    []types.OperatorAmount
	amount    uint64
}

// loadTarget loads a dispute's target.
func (k Keeper) loadTarget(ctx context.Context, target types.DisputeTarget, id uint64) (disputeTarget, error) {
	switch target {
	case types.TargetTrip:
		t, err := k.getTrip(ctx, id)
		return disputeTarget{trip: &t, periodID: t.PeriodId, collector: t.Collector, shares: t.Shares, amount: t.Fare}, err
	case types.TargetBatch:
		b, err := k.getBatch(ctx, id)
		return disputeTarget{batch: &b, periodID: b.PeriodId, collector: b.Collector, shares: b.Totals, amount: b.Total}, err
	default:
		return disputeTarget{}, errorsmod.Wrapf(types.ErrInvalidDispute, "target %s", target)
	}
}

// held returns the target's shares a dispute of kind against respondent
// holds (types.HeldShares) and their sum.
func (t disputeTarget) held(kind types.DisputeKind, respondent string) ([]types.OperatorAmount, uint64, error) {
	held := types.HeldShares(kind, respondent, t.shares)
	sum, err := types.SumAmounts(held)
	return held, sum, err
}

// markDisputed adds (sign > 0) or removes the target's shares to or from the
// disputed part of the period's accruals.
func (k Keeper) markDisputed(ctx context.Context, periodID uint64, collector string, shares []types.OperatorAmount, add bool) error {
	for _, s := range shares {
		if err := k.updateAccrual(ctx, periodID, collector, s.Operator, func(a *types.Accrual) (err error) {
			if add {
				a.Disputed, err = types.AddAmounts(a.Disputed, s.Amount)
				return err
			}
			if a.Disputed < s.Amount {
				return errorsmod.Wrapf(types.ErrInvalidDispute, "accrual (%d, %s, %s) has %d disputed, less than %d", periodID, collector, s.Operator, a.Disputed, s.Amount)
			}
			a.Disputed -= s.Amount
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// updateAccrual applies change to the accrual (periodID, collector, payee)
// and stores it, unless change fails.
func (k Keeper) updateAccrual(ctx context.Context, periodID uint64, collector, payee string, change func(*types.Accrual) error) error {
	key := collections.Join3(periodID, collector, payee)
	a, err := k.Accruals.Get(ctx, key)
	if err != nil {
		return err
	}
	if err := change(&a); err != nil {
		return err
	}
	return k.Accruals.Set(ctx, key, a)
}

// OpenDispute opens a dispute against a trip or a batch.
func (m msgServer) OpenDispute(ctx context.Context, msg *types.MsgOpenDispute) (*types.MsgOpenDisputeResponse, error) {
	signer, err := validateMsgOpenDispute(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	target, err := m.loadTarget(ctx, msg.Target, msg.TargetId)
	if err != nil {
		return nil, err
	}
	disputant, respondent, err := m.mayDispute(ctx, signer, msg, target)
	if err != nil {
		return nil, err
	}
	key := collections.Join(int32(msg.Target), msg.TargetId)
	if id, err := m.OpenDisputeByTarget.Get(ctx, key); err == nil {
		return nil, errorsmod.Wrapf(types.ErrDisputeExists, "%s %d has open dispute %d", msg.Target, msg.TargetId, id)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	if id, err := m.Disputes.Indexes.ByTarget.MatchExact(ctx, key); err == nil {
		return nil, errorsmod.Wrapf(types.ErrDisputeDecided, "%s %d was disputed in dispute %d, which was decided; a decision can only be appealed (MsgAppealDispute)", msg.Target, msg.TargetId, id)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	p, err := m.getPeriod(ctx, target.periodID)
	if err != nil {
		return nil, err
	}
	if err := disputable(p); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	held, amount, err := target.held(msg.Kind, respondent)
	if err != nil {
		return nil, err
	}
	if amount == 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidDispute, "%s %d has nothing to dispute", msg.Target, msg.TargetId)
	}

	d := types.Dispute{
		Kind:           msg.Kind,
		Target:         msg.Target,
		TargetId:       msg.TargetId,
		PeriodId:       p.Id,
		Collector:      target.collector,
		OpenedBy:       msg.Signer,
		EvidenceDigest: msg.EvidenceDigest,
		Amount:         amount,
		Status:         types.DisputeOpen,
		OpenedAt:       blockctx.Time(ctx),
		Respondent:     respondent,
		Disputant:      disputant,
	}
	if d.Id, err = m.nextID(ctx, m.LastDisputeID); err != nil {
		return nil, err
	}
	released, err := m.hold(ctx, &p, d.Collector, held, params)
	if err != nil {
		return nil, err
	}
	if err := m.setDispute(ctx, d); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventDisputeOpened{DisputeId: d.Id, Kind: d.Kind, Target: d.Target, TargetId: d.TargetId, PeriodId: d.PeriodId, Amount: d.Amount, Released: released},
		&types.MsgOpenDisputeResponse{DisputeId: d.Id})
}

// hold holds a dispute's held shares out of period p (a dispute opened or
// appealed): they count as disputed, p counts one more open dispute, and a
// SUBMITTED p has its totals reset. It stores p and returns the escrow the
// reset released.
func (k Keeper) hold(ctx context.Context, p *types.Period, collector string, held []types.OperatorAmount, params types.Params) ([]types.OperatorAmount, error) {
	if err := k.markDisputed(ctx, p.Id, collector, held, true); err != nil {
		return nil, err
	}
	p.OpenDisputes++
	var released []types.OperatorAmount
	if p.Status == types.PeriodSubmitted {
		var err error
		if released, err = k.resetTotals(ctx, p, params); err != nil {
			return nil, err
		}
	}
	if err := k.Periods.Set(ctx, p.Id, *p); err != nil {
		return nil, err
	}
	return released, nil
}

// disputable checks a period still takes disputes and appeals: OPEN or
// SUBMITTED (DISPUTED only in state from before disputes stopped holding
// periods).
func disputable(p types.Period) error {
	switch p.Status {
	case types.PeriodOpen, types.PeriodSubmitted, types.PeriodDisputed:
		return nil
	default:
		return errorsmod.Wrapf(types.ErrPeriodNotDisputable, "period %d is %s", p.Id, p.Status)
	}
}

// mayDispute checks who opens a dispute and returns the disputing operator
// (empty for a payer) and the respondent, who resolves it. A TARIFF dispute
// is opened by a toll.operator of the target's collector against another
// operator's share, which that operator resolves. Any other kind is opened
// by an ACCOUNT trip's payer, or a toll.operator of an operator other than
// the collector with a share in the target, and the collector resolves it.
func (k Keeper) mayDispute(ctx context.Context, signer sdk.AccAddress, msg *types.MsgOpenDispute, target disputeTarget) (string, string, error) {
	hasShare := func(op string) bool {
		return slices.ContainsFunc(target.shares, func(s types.OperatorAmount) bool { return s.Operator == op })
	}
	if msg.Kind == types.DisputeTariff {
		agencyID, err := k.agencyKeeper.Authorize(ctx, signer, types.RoleOperator)
		if err != nil {
			return "", "", errorsmod.Wrapf(types.ErrNotDisputant, "a TARIFF dispute is opened by the collector's toll operator: %s", err)
		}
		if agencyID != target.collector {
			return "", "", errorsmod.Wrapf(types.ErrNotDisputant, "operator %s is not the collector %s; only the collector contests another operator's share", agencyID, target.collector)
		}
		if msg.ShareOperator == agencyID || !hasShare(msg.ShareOperator) {
			return "", "", errorsmod.Wrapf(types.ErrNotDisputant, "operator %s has no share in the target other than the collector's", msg.ShareOperator)
		}
		return agencyID, msg.ShareOperator, nil
	}
	if target.trip != nil && target.trip.PaymentMethod == types.PaymentAccount && target.trip.Payer == msg.Signer {
		return "", target.collector, nil
	}
	agencyID, err := k.agencyKeeper.Authorize(ctx, signer, types.RoleOperator)
	if err != nil {
		return "", "", errorsmod.Wrapf(types.ErrNotDisputant, "not the trip's payer and not a toll operator: %s", err)
	}
	if agencyID == target.collector {
		return "", "", errorsmod.Wrapf(types.ErrNotDisputant, "operator %s is the collector; it resolves disputes, it does not open them (a TARIFF dispute contests another operator's share)", agencyID)
	}
	if !hasShare(agencyID) {
		return "", "", errorsmod.Wrapf(types.ErrNotDisputant, "operator %s has no share in the target", agencyID)
	}
	return agencyID, target.collector, nil
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

// ResolveDispute resolves an OPEN dispute with a refund or a rejection; the
// respondent decides.
func (m msgServer) ResolveDispute(ctx context.Context, msg *types.MsgResolveDispute) (*types.MsgResolveDisputeResponse, error) {
	signer, err := validateMsgResolveDispute(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	op, err := m.registeredOperator(ctx, signer)
	if err != nil {
		return nil, err
	}
	d, err := m.getDispute(ctx, msg.DisputeId)
	if err != nil {
		return nil, err
	}
	switch d.Status {
	case types.DisputeOpen:
	case types.DisputeAppealed:
		return nil, errorsmod.Wrapf(types.ErrDisputeResolved, "dispute %d is APPEALED: governance decides it (MsgDecideDispute)", d.Id)
	default:
		return nil, errorsmod.Wrapf(types.ErrDisputeResolved, "dispute %d is %s", d.Id, d.Status)
	}
	if d.Respondent != op.AgencyId {
		return nil, errorsmod.Wrapf(types.ErrWrongOperator, "dispute %d is decided by %s, the signer acts for %s", d.Id, d.Respondent, op.AgencyId)
	}
	if err := m.decide(ctx, d, decision{outcome: msg.Outcome, refund: msg.Refund, reason: msg.Reason, by: msg.Signer}); err != nil {
		return nil, err
	}
	return &types.MsgResolveDisputeResponse{}, nil
}

// DecideDispute decides an OPEN or APPEALED dispute by governance.
func (m msgServer) DecideDispute(ctx context.Context, msg *types.MsgDecideDispute) (*types.MsgDecideDisputeResponse, error) {
	if _, err := validateMsgDecideDispute(m.addressCodec, msg, m.authority); err != nil {
		return nil, err
	}
	d, err := m.getDispute(ctx, msg.DisputeId)
	if err != nil {
		return nil, err
	}
	if !d.Holds() {
		return nil, errorsmod.Wrapf(types.ErrDisputeResolved, "dispute %d is %s", d.Id, d.Status)
	}
	if err := m.decide(ctx, d, decision{outcome: msg.Outcome, refund: msg.Refund, reason: msg.Reason, by: msg.Authority, governance: true}); err != nil {
		return nil, err
	}
	return &types.MsgDecideDisputeResponse{}, nil
}

// decision is how a dispute is decided and by whom.
type decision struct {
	outcome    types.DisputeOutcome
	refund     uint64
	reason     string
	by         string
	governance bool
}

// decide applies a decision to an OPEN or APPEALED dispute (README,
// "Disputes"). A REFUND takes refund off the held shares: pro rata off the
// target's fare or total, and for a PAID ACCOUNT trip the collector's
// settlement account pays it to whoever paid the fare (it must sign, unless
// governance decides); for a TARIFF dispute it moves refund of the
// respondent's share to the collector's instead (the fare is unchanged). The
// held amounts are released into the period's totals: an OPEN period just
// counts them, a SUBMITTED one resets its confirmations, and a RECONCILED or
// SETTLED one (a late decision) pays each held payee its remaining share from
// the collector's held escrow and returns the rest to the collector.
func (k Keeper) decide(ctx context.Context, d types.Dispute, dec decision) error {
	target, err := k.loadTarget(ctx, d.Target, d.TargetId)
	if err != nil {
		return err
	}
	p, err := k.getPeriod(ctx, d.PeriodId)
	if err != nil {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	held, heldSum, err := target.held(d.Kind, d.Respondent)
	if err != nil {
		return err
	}
	var reductions, remaining []types.OperatorAmount
	var refundFrom, refundTo sdk.AccAddress
	if dec.outcome == types.OutcomeRefund {
		if dec.refund > heldSum {
			return errorsmod.Wrapf(types.ErrInvalidRefund, "refund %d is more than the disputed %d", dec.refund, heldSum)
		}
		if d.Kind == types.DisputeTariff {
			reductions = []types.OperatorAmount{{Operator: d.Respondent, Amount: dec.refund}}
			remaining = resplit(target.shares, d.Respondent, d.Collector, dec.refund)
		} else {
			if reductions, remaining, err = refundShares(target.shares, target.amount, dec.refund); err != nil {
				return err
			}
			if refundFrom, refundTo, err = k.refundParties(ctx, target, d.Collector, dec, params.Denom); err != nil {
				return err
			}
		}
	}
	late := p.Status == types.PeriodReconciled || p.Status == types.PeriodSettled
	var lateUse lateSettlement
	if late {
		if lateUse, err = k.planLate(ctx, p.Id, d.Collector, held, reductions); err != nil {
			return err
		}
	}

	// Writes.
	if err := k.markDisputed(ctx, p.Id, d.Collector, held, false); err != nil {
		return err
	}
	if dec.outcome == types.OutcomeRefund {
		if err := k.applyRefund(ctx, &p, d, target, reductions, remaining, dec.refund); err != nil {
			return err
		}
		d.Status = types.DisputeRefunded
	} else {
		d.Status = types.DisputeRejected
	}
	d.Refund += dec.refund // at most the disputed amount, checked above
	d.Reason = dec.reason
	d.ResolvedAt, d.ResolvedBy = blockctx.Time(ctx), dec.by
	if err := k.setDispute(ctx, d); err != nil {
		return err
	}
	p.OpenDisputes--
	var released []types.OperatorAmount
	if p.Status == types.PeriodSubmitted || (p.Status == types.PeriodDisputed && p.OpenDisputes == 0) {
		if released, err = k.resetTotals(ctx, &p, params); err != nil {
			return err
		}
	}
	if err := k.Periods.Set(ctx, p.Id, p); err != nil {
		return err
	}
	if late {
		if err := k.markSettledLate(ctx, p.Id, d.Collector, held, reductions); err != nil {
			return err
		}
		if err := k.payLate(ctx, p.Id, d.Collector, lateUse, params.Denom); err != nil {
			return err
		}
	}
	if refundTo != nil {
		if err := k.bankKeeper.SendCoins(ctx, refundFrom, refundTo, coins(params.Denom, dec.refund)); err != nil {
			return err
		}
	}
	return blockctx.Emit(ctx, &types.EventDisputeResolved{
		DisputeId: d.Id, Status: d.Status, Refund: dec.refund, Reason: d.Reason, PeriodStatus: p.Status,
		PaidOut: lateUse.paid, DecidedByGovernance: dec.governance, Released: released,
	})
}

// refundParties returns who pays a refund and who receives it, for a PAID
// ACCOUNT trip (nil otherwise): the collector's settlement account, which
// must sign unless governance decides, pays the account that paid the fare
// (paid_by, or the payer).
func (k Keeper) refundParties(ctx context.Context, target disputeTarget, collector string, dec decision, denom string) (sdk.AccAddress, sdk.AccAddress, error) {
	t := target.trip
	if t == nil || t.PaymentMethod != types.PaymentAccount || t.PaymentStatus != types.PaymentStatusPaid {
		return nil, nil, nil
	}
	op, err := k.getOperator(ctx, collector)
	if err != nil {
		return nil, nil, err
	}
	if !dec.governance && dec.by != op.SettlementAccount {
		return nil, nil, errorsmod.Wrapf(types.ErrNotSettlementAccount, "refunding paid trip %d moves coins from %s's settlement account %s, which must sign", t.Id, op.AgencyId, op.SettlementAccount)
	}
	from, err := k.addressCodec.StringToBytes(op.SettlementAccount)
	if err != nil {
		return nil, nil, err
	}
	if !k.hasSpendable(ctx, from, denom, dec.refund) {
		return nil, nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "refund of %d%s from %s's settlement account", dec.refund, denom, op.AgencyId)
	}
	paidBy := t.Payer
	if t.PaidBy != "" {
		paidBy = t.PaidBy
	}
	to, err := k.addressCodec.StringToBytes(paidBy)
	if err != nil {
		return nil, nil, err
	}
	return from, to, nil
}

// resplit moves amount of from's share to to's share (a TARIFF refund); the
// result is sorted by operator without zero shares.
func resplit(shares []types.OperatorAmount, from, to string, amount uint64) []types.OperatorAmount {
	out := make([]types.OperatorAmount, 0, len(shares)+1)
	added := false
	for _, s := range shares {
		if !added && s.Operator >= to {
			if s.Operator != to {
				out = append(out, types.OperatorAmount{Operator: to})
			}
			added = true
		}
		out = append(out, s)
	}
	if !added {
		out = append(out, types.OperatorAmount{Operator: to})
	}
	for i := range out {
		switch out[i].Operator {
		case from:
			out[i].Amount -= amount
		case to:
			out[i].Amount += amount // moved within one fare: fits
		}
	}
	return slices.DeleteFunc(out, func(s types.OperatorAmount) bool { return s.Amount == 0 })
}

// applyRefund writes a refund: the accruals (for a TARIFF refund the
// collector's own accrual gains what the respondent's loses), the period's
// accrued total and the target's shares, fare and refunded amount.
func (k Keeper) applyRefund(ctx context.Context, p *types.Period, d types.Dispute, target disputeTarget, reductions, remaining []types.OperatorAmount, refund uint64) error {
	if err := k.reduceAccruals(ctx, p.Id, d.Collector, reductions); err != nil {
		return err
	}
	if d.Kind == types.DisputeTariff {
		u, err := k.moveAccrual(ctx, p.Id, d.Collector, refund)
		if err != nil {
			return err
		}
		if err := k.Accruals.Set(ctx, collections.Join3(p.Id, d.Collector, d.Collector), u); err != nil {
			return err
		}
		if t := target.trip; t != nil {
			t.Shares = remaining
			return k.setTrip(ctx, *t)
		}
		target.batch.Totals = remaining
		return k.Batches.Set(ctx, target.batch.Id, *target.batch)
	}
	p.Accrued -= refund // the refund was part of the period's accruals
	if t := target.trip; t != nil {
		t.Fare -= refund
		t.Shares = remaining
		t.Refunded += refund
		if t.PaymentStatus == types.PaymentStatusUnpaid && t.Fare == 0 {
			t.PaymentStatus, t.UnpaidReason = types.PaymentStatusPaid, types.UnpaidReasonUnspecified
		}
		return k.setTrip(ctx, *t)
	}
	b := target.batch
	b.Total -= refund
	b.Totals = remaining
	b.Refunded += refund
	return k.Batches.Set(ctx, b.Id, *b)
}

// moveAccrual returns the collector's own accrual of the period with amount added.
func (k Keeper) moveAccrual(ctx context.Context, periodID uint64, collector string, amount uint64) (types.Accrual, error) {
	a, err := k.Accruals.Get(ctx, collections.Join3(periodID, collector, collector))
	switch {
	case errors.Is(err, collections.ErrNotFound):
		a = types.Accrual{PeriodId: periodID, Collector: collector, Payee: collector}
	case err != nil:
		return a, err
	}
	a.Amount += amount // moved within the period's accruals: fits
	return a, nil
}

// lateSettlement is what a late decision pays from the collector's held escrow.
type lateSettlement struct {
	found    bool
	left     uint64
	paid     []types.OperatorAmount
	returned uint64
}

// planLate computes a late decision's payments: each held payee other than
// the collector gets its held share less its reduction, the collector the
// rest of what was held for the dispute. Without held escrow (the collector
// was left out of the settlement) nothing moves. It writes nothing.
func (k Keeper) planLate(ctx context.Context, periodID uint64, collector string, held, reductions []types.OperatorAmount) (lateSettlement, error) {
	escrow, err := k.HeldEscrows.Get(ctx, collections.Join(periodID, collector))
	if errors.Is(err, collections.ErrNotFound) {
		return lateSettlement{}, nil
	}
	if err != nil {
		return lateSettlement{}, err
	}
	ls := lateSettlement{found: true}
	var cross uint64
	for _, h := range held {
		if h.Operator == collector {
			continue
		}
		cross += h.Amount // a part of one target: fits
		pay := h.Amount
		for _, r := range reductions {
			if r.Operator == h.Operator {
				pay -= r.Amount
			}
		}
		if pay > 0 {
			ls.paid = append(ls.paid, types.OperatorAmount{Operator: h.Operator, Amount: pay})
		}
		ls.returned += h.Amount - pay
	}
	if escrow < cross {
		return lateSettlement{}, errorsmod.Wrapf(types.ErrTotalsMismatch, "operator %s holds %d in period %d, less than the %d its dispute holds", collector, escrow, periodID, cross)
	}
	ls.left = escrow - cross
	return ls, nil
}

// markSettledLate records, in the accruals of a reconciled period, the held
// shares (less their reductions) a late decision released: they are settled
// from held escrow, not by the period's netting, whose nets stay as
// confirmed.
func (k Keeper) markSettledLate(ctx context.Context, periodID uint64, collector string, held, reductions []types.OperatorAmount) error {
	for _, h := range held {
		if h.Operator == collector {
			continue
		}
		amount := h.Amount
		for _, r := range reductions {
			if r.Operator == h.Operator {
				amount -= r.Amount
			}
		}
		if amount == 0 {
			continue
		}
		if err := k.updateAccrual(ctx, periodID, collector, h.Operator, func(a *types.Accrual) error {
			a.SettledLate += amount // part of the accrual's amount: fits
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// payLate writes a late decision's payments.
func (k Keeper) payLate(ctx context.Context, periodID uint64, collector string, ls lateSettlement, denom string) error {
	if !ls.found {
		return nil
	}
	key := collections.Join(periodID, collector)
	var err error
	if ls.left > 0 {
		err = k.HeldEscrows.Set(ctx, key, ls.left)
	} else {
		err = k.HeldEscrows.Remove(ctx, key)
	}
	if err != nil {
		return err
	}
	for _, po := range ls.paid {
		if err := k.sendToOperator(ctx, po.Operator, denom, po.Amount); err != nil {
			return err
		}
	}
	return k.sendToOperator(ctx, collector, denom, ls.returned)
}

// AppealDispute appeals a decided dispute to governance: once, by its
// disputant, within appeal_window_seconds of the decision, while the target's
// period still takes disputes and some of the target's disputed shares are
// left. The held shares are held out again until MsgDecideDispute.
func (m msgServer) AppealDispute(ctx context.Context, msg *types.MsgAppealDispute) (*types.MsgAppealDisputeResponse, error) {
	signer, err := validateMsgAppealDispute(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	d, err := m.getDispute(ctx, msg.DisputeId)
	if err != nil {
		return nil, err
	}
	if d.Status != types.DisputeRefunded && d.Status != types.DisputeRejected {
		return nil, errorsmod.Wrapf(types.ErrNotAppealable, "dispute %d is %s; only a decided dispute is appealed", d.Id, d.Status)
	}
	if !d.AppealedAt.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrNotAppealable, "dispute %d was appealed at %s and decided by governance: final", d.Id, d.AppealedAt.UTC().Format(time.RFC3339))
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	if until := d.ResolvedAt.Add(time.Duration(params.AppealWindowSeconds) * time.Second); now.After(until) {
		return nil, errorsmod.Wrapf(types.ErrNotAppealable, "dispute %d could be appealed until %s (appeal_window_seconds %d)", d.Id, until.UTC().Format(time.RFC3339), params.AppealWindowSeconds)
	}
	if err := m.mayAppeal(ctx, signer, msg.Signer, d); err != nil {
		return nil, err
	}
	target, err := m.loadTarget(ctx, d.Target, d.TargetId)
	if err != nil {
		return nil, err
	}
	p, err := m.getPeriod(ctx, d.PeriodId)
	if err != nil {
		return nil, err
	}
	if err := disputable(p); err != nil {
		return nil, err
	}
	held, amount, err := target.held(d.Kind, d.Respondent)
	if err != nil {
		return nil, err
	}
	if amount == 0 {
		return nil, errorsmod.Wrapf(types.ErrNotAppealable, "dispute %d: nothing of it is left to appeal", d.Id)
	}

	// Writes.
	released, err := m.hold(ctx, &p, d.Collector, held, params)
	if err != nil {
		return nil, err
	}
	d.Status, d.AppealedAt = types.DisputeAppealed, now
	if err := m.setDispute(ctx, d); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventDisputeAppealed{DisputeId: d.Id, AppealedBy: msg.Signer, Amount: amount, EvidenceDigest: msg.EvidenceDigest, Released: released},
		&types.MsgAppealDisputeResponse{})
}

// mayAppeal allows the disputant: the payer that opened the dispute, or a
// toll.operator of the operator that did (not only the member who signed).
func (k Keeper) mayAppeal(ctx context.Context, signer sdk.AccAddress, signerStr string, d types.Dispute) error {
	if d.Disputant == "" {
		if signerStr != d.OpenedBy {
			return errorsmod.Wrapf(types.ErrNotDisputant, "dispute %d was opened by %s; only it may appeal", d.Id, d.OpenedBy)
		}
		return nil
	}
	agencyID, err := k.agencyKeeper.Authorize(ctx, signer, types.RoleOperator)
	if err != nil {
		return errorsmod.Wrapf(types.ErrNotDisputant, "dispute %d was opened by operator %s: %s", d.Id, d.Disputant, err)
	}
	if agencyID != d.Disputant {
		return errorsmod.Wrapf(types.ErrNotDisputant, "dispute %d was opened by operator %s, the signer acts for %s", d.Id, d.Disputant, agencyID)
	}
	return nil
}

// reduceAccruals takes refund reductions off the period's accruals.
func (k Keeper) reduceAccruals(ctx context.Context, periodID uint64, collector string, reductions []types.OperatorAmount) error {
	for _, r := range reductions {
		if r.Amount == 0 {
			continue
		}
		if err := k.updateAccrual(ctx, periodID, collector, r.Operator, func(a *types.Accrual) error {
			if a.Amount < r.Amount {
				return errorsmod.Wrapf(types.ErrInvalidRefund, "accrual (%d, %s, %s) is %d, less than the refund's %d", periodID, collector, r.Operator, a.Amount, r.Amount)
			}
			a.Amount -= r.Amount
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}
