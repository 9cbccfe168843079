package keeper

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// operatorPeriod is how the period handlers begin: the signer must act for a
// registered operator (registeredOperator), and the period must exist. It
// returns both.
func (k Keeper) operatorPeriod(ctx context.Context, signer sdk.AccAddress, periodID uint64) (types.Operator, types.Period, error) {
	op, err := k.registeredOperator(ctx, signer)
	if err != nil {
		return types.Operator{}, types.Period{}, err
	}
	p, err := k.getPeriod(ctx, periodID)
	if err != nil {
		return types.Operator{}, types.Period{}, err
	}
	return op, p, nil
}

// SubmitPeriod closes the OPEN period and opens the next one.
func (m msgServer) SubmitPeriod(ctx context.Context, msg *types.MsgSubmitPeriod) (*types.MsgSubmitPeriodResponse, error) {
	signer, err := validateMsgSubmitPeriod(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	_, p, err := m.operatorPeriod(ctx, signer, msg.PeriodId)
	if err != nil {
		return nil, err
	}
	if p.Status != types.PeriodOpen {
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "period %d is %s, not OPEN", p.Id, p.Status)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	if opens := p.StartTime.Add(time.Duration(params.MinPeriodSeconds) * time.Second); now.Before(opens) {
		return nil, errorsmod.Wrapf(types.ErrPeriodTooShort, "period %d opened at %s; it can be submitted from %s (min_period_seconds %d)", p.Id, p.StartTime.UTC().Format(time.RFC3339), opens.UTC().Format(time.RFC3339), params.MinPeriodSeconds)
	}
	participants, err := m.participants(ctx, p.Id)
	if err != nil {
		return nil, err
	}
	p.EndTime = now
	p.Participants = participants
	p.Status = afterSubmission(p)
	p.ConfirmBy = confirmBy(now, params)
	next := types.Period{Id: p.Id + 1, Status: types.PeriodOpen, StartTime: now}
	if err := m.Periods.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	if err := m.Periods.Set(ctx, next.Id, next); err != nil {
		return nil, err
	}
	if err := m.CurrentPeriod.Set(ctx, next.Id); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventPeriodSubmitted{PeriodId: p.Id, Status: p.Status, Participants: p.Participants, NextPeriodId: next.Id}, &types.MsgSubmitPeriodResponse{Status: p.Status, NextPeriodId: next.Id})
}

// afterSubmission is the status of a submitted period whose totals were just
// set: RECONCILED when no operator owes another anything (and none holds a
// disputed payable), SUBMITTED otherwise. Open disputes do not stop a period:
// their amounts are held out (README, "Disputes").
func afterSubmission(p types.Period) types.PeriodStatus {
	if len(p.Participants) == 0 {
		return types.PeriodReconciled
	}
	return types.PeriodSubmitted
}

// confirmBy is the confirmation deadline of totals set at now.
func confirmBy(now time.Time, params types.Params) time.Time {
	return now.Add(time.Duration(params.ConfirmationDeadlineSeconds) * time.Second)
}

// participants lists, sorted, the operators that take part in the period's
// settlement (types.NetPosition.IsParticipant).
func (k Keeper) participants(ctx context.Context, periodID uint64) ([]string, error) {
	positions, _, err := k.NetPositions(ctx, periodID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range positions {
		if p.IsParticipant() {
			out = append(out, p.Operator)
		}
	}
	return out, nil
}

// resetTotals is what a SUBMITTED period goes through when its totals change
// (a dispute opened, appealed or decided): every escrow is returned, the
// confirmations are cleared, the participants recomputed and the
// confirmation deadline restarts (restartConfirmBy). It returns the escrow
// released.
func (k Keeper) resetTotals(ctx context.Context, p *types.Period, params types.Params) ([]types.OperatorAmount, error) {
	released, err := k.releaseEscrow(ctx, p.Id, params.Denom)
	if err != nil {
		return nil, err
	}
	if p.Participants, err = k.participants(ctx, p.Id); err != nil {
		return nil, err
	}
	p.Confirmed = nil
	p.Status = afterSubmission(*p)
	p.ConfirmBy = restartConfirmBy(blockctx.Time(ctx), p.EndTime, params)
	return released, nil
}

// restartConfirmBy is the confirmation deadline after a SUBMITTED period's
// totals change at now: a full confirmation_deadline_seconds, but never past
// twice that after the submission (submitted), and never less than
// types.MinConfirmationDeadlineSeconds for the participants to confirm again.
// So one party opening its disputes one after another cannot postpone the
// settlement by a full deadline each time.
func restartConfirmBy(now, submitted time.Time, params types.Params) time.Time {
	deadline := time.Duration(params.ConfirmationDeadlineSeconds) * time.Second
	by := now.Add(deadline)
	if limit := submitted.Add(2 * deadline); by.After(limit) {
		by = limit
	}
	if least := now.Add(time.Duration(types.MinConfirmationDeadlineSeconds) * time.Second); by.Before(least) {
		by = least
	}
	return by
}

// positionOf returns the operator's position in the list, or a zero one.
func positionOf(positions []types.NetPosition, operator string) types.NetPosition {
	for _, p := range positions {
		if p.Operator == operator {
			return p
		}
	}
	return types.NetPosition{Operator: operator}
}

// ConfirmPeriod records a participant's confirmation of its totals; a net
// payer escrows its net.
func (m msgServer) ConfirmPeriod(ctx context.Context, msg *types.MsgConfirmPeriod) (*types.MsgConfirmPeriodResponse, error) {
	signer, err := validateMsgConfirmPeriod(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	op, p, err := m.operatorPeriod(ctx, signer, msg.PeriodId)
	if err != nil {
		return nil, err
	}
	switch p.Status {
	case types.PeriodSubmitted:
	case types.PeriodSettled:
		return nil, errorsmod.Wrapf(types.ErrAlreadySettled, "period %d", p.Id)
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "period %d is %s; only a SUBMITTED period is confirmed", p.Id, p.Status)
	}
	if _, found := slices.BinarySearch(p.Participants, op.AgencyId); !found {
		return nil, errorsmod.Wrapf(types.ErrNotParticipant, "operator %s in period %d", op.AgencyId, p.Id)
	}
	at, confirmed := slices.BinarySearch(p.Confirmed, op.AgencyId)
	if confirmed {
		return nil, errorsmod.Wrapf(types.ErrAlreadyConfirmed, "operator %s, period %d", op.AgencyId, p.Id)
	}
	positions, _, err := m.NetPositions(ctx, p.Id)
	if err != nil {
		return nil, err
	}
	pos := positionOf(positions, op.AgencyId)
	if pos.Receivable != msg.Receivable || pos.Payable != msg.Payable {
		return nil, errorsmod.Wrapf(types.ErrTotalsMismatch, "operator %s confirms receivable %d payable %d; the chain has receivable %d payable %d", op.AgencyId, msg.Receivable, msg.Payable, pos.Receivable, pos.Payable)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	// Both fit: each is a sum of the period's accruals (types.PositionsOf).
	escrow, held := pos.Escrow()
	if escrow+held > 0 {
		if msg.Signer != op.SettlementAccount {
			return nil, errorsmod.Wrapf(types.ErrNotSettlementAccount, "operator %s escrows %d net and %d disputed: its settlement account %s must confirm", op.AgencyId, escrow, held, op.SettlementAccount)
		}
		if !m.hasSpendable(ctx, signer, params.Denom, escrow+held) {
			return nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "operator %s must escrow %d%s (%d net, %d disputed)", op.AgencyId, escrow+held, params.Denom, escrow, held)
		}
	}
	p.Confirmed = slices.Insert(p.Confirmed, at, op.AgencyId)
	if len(p.Confirmed) == len(p.Participants) {
		p.Status = types.PeriodReconciled
	}
	if err := m.Periods.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	if escrow > 0 {
		if err := m.Escrows.Set(ctx, collections.Join(p.Id, op.AgencyId), escrow); err != nil {
			return nil, err
		}
	}
	if held > 0 {
		if err := m.HeldEscrows.Set(ctx, collections.Join(p.Id, op.AgencyId), held); err != nil {
			return nil, err
		}
	}
	if escrow+held > 0 {
		if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, signer, types.ModuleName, coins(params.Denom, escrow+held)); err != nil {
			return nil, err
		}
	}
	return blockctx.Reply(ctx, &types.EventPeriodConfirmed{PeriodId: p.Id, Operator: op.AgencyId, Net: pos.Net, Escrowed: escrow + held, Status: p.Status}, &types.MsgConfirmPeriodResponse{Status: p.Status, Escrowed: escrow + held})
}

// SettlePeriod pays the net receivers of a period from escrow: a RECONCILED
// one, or a SUBMITTED one without the participants that have not confirmed,
// once its confirmation deadline has passed or when every such participant's
// agency is not ACTIVE (x/toll/README.md, "Settlement").
func (m msgServer) SettlePeriod(ctx context.Context, msg *types.MsgSettlePeriod) (*types.MsgSettlePeriodResponse, error) {
	signer, err := validateMsgSettlePeriod(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	_, p, err := m.operatorPeriod(ctx, signer, msg.PeriodId)
	if err != nil {
		return nil, err
	}
	var unconfirmed []string
	switch p.Status {
	case types.PeriodReconciled:
	case types.PeriodSubmitted:
		if unconfirmed, err = m.excludable(ctx, p); err != nil {
			return nil, err
		}
	case types.PeriodSettled:
		return nil, errorsmod.Wrapf(types.ErrAlreadySettled, "period %d was settled at %s", p.Id, p.SettledAt.UTC().Format(time.RFC3339))
	case types.PeriodDisputed:
		return nil, errorsmod.Wrapf(types.ErrOpenDispute, "period %d has %d open disputes", p.Id, p.OpenDisputes)
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "period %d is %s; only a RECONCILED or SUBMITTED period is settled", p.Id, p.Status)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	plan, err := m.planSettlement(ctx, p.Id, unconfirmed)
	if err != nil {
		return nil, err
	}

	// Writes.
	p.Status = types.PeriodSettled
	p.SettledAt = blockctx.Time(ctx)
	p.Excluded = plan.excluded
	if err := m.Periods.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	for _, e := range plan.escrows {
		key := collections.Join(p.Id, e.operator)
		var err error
		if e.used > 0 {
			err = e.m.Set(ctx, key, e.used)
		} else {
			err = e.m.Remove(ctx, key)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, po := range plan.payouts {
		if err := m.sendToOperator(ctx, po.Operator, params.Denom, po.Amount); err != nil {
			return nil, err
		}
	}
	for _, r := range plan.returned {
		if err := m.sendToOperator(ctx, r.Operator, params.Denom, r.Amount); err != nil {
			return nil, err
		}
	}
	return blockctx.Reply(ctx, &types.EventPeriodSettled{PeriodId: p.Id, PaidOut: plan.payouts, Excluded: plan.excluded, Returned: plan.returned}, &types.MsgSettlePeriodResponse{PaidOut: plan.payouts})
}

// excludable returns, sorted, the participants of a SUBMITTED period that
// have not confirmed, if the period may be settled without them: its
// confirmation deadline has passed, or none of them belongs to an ACTIVE
// agency (ErrConfirmationPending otherwise).
func (k Keeper) excludable(ctx context.Context, p types.Period) ([]string, error) {
	var out []string
	for _, op := range p.Participants {
		if _, ok := slices.BinarySearch(p.Confirmed, op); !ok {
			out = append(out, op)
		}
	}
	if !blockctx.Time(ctx).Before(p.ConfirmBy) {
		return out, nil
	}
	for _, op := range out {
		a, err := k.agencyKeeper.GetAgency(ctx, op)
		if err != nil {
			return nil, err
		}
		if a.Status == agencytypes.AgencyStatusActive {
			return nil, errorsmod.Wrapf(types.ErrConfirmationPending, "period %d: operator %s has not confirmed; until %s only the confirmations settle the period", p.Id, op, p.ConfirmBy.UTC().Format(time.RFC3339))
		}
	}
	return out, nil
}

// settlementPlan is what settling a period moves.
type settlementPlan struct {
	// excluded are the participants left out, sorted.
	excluded []string
	// payouts are the nets paid to the net receivers, by operator.
	payouts []types.OperatorAmount
	// returned is escrow given back, by operator.
	returned []types.OperatorAmount
	// escrows are the escrow entries with what stays recorded as used.
	escrows []escrowUse
}

type escrowUse struct {
	m        collections.Map[collections.Pair[uint64, string], uint64]
	operator string
	used     uint64
}

// planSettlement computes the settlement of a period without the operators
// in excluded (sorted): the nets are taken over the accruals between the
// other operators only, and any of them whose escrow does not cover its net
// is excluded as well, until every remaining net payer's escrow covers its
// net (at most one round per participant). The remaining nets sum to zero,
// so the escrow used pays the receivers exactly; the rest of each escrow,
// and all escrow of the excluded (held escrow included), is returned. The
// excluded operators' accruals across operators are not settled on chain.
// It writes nothing.
func (k Keeper) planSettlement(ctx context.Context, periodID uint64, excluded []string) (settlementPlan, error) {
	accruals, err := k.periodAccruals(ctx, periodID)
	if err != nil {
		return settlementPlan{}, err
	}
	escrowOf := func(op string) (uint64, error) {
		e, err := k.Escrows.Get(ctx, collections.Join(periodID, op))
		if errors.Is(err, collections.ErrNotFound) {
			return 0, nil
		}
		return e, err
	}
	excluded = slices.Clone(excluded)
	include := func(op string) bool {
		_, found := slices.BinarySearch(excluded, op)
		return !found
	}
	var positions []types.NetPosition
	for {
		if positions, err = types.PositionsOf(accruals, include); err != nil {
			return settlementPlan{}, err
		}
		grown := false
		for _, pos := range positions {
			if pos.Net >= 0 {
				continue
			}
			e, err := escrowOf(pos.Operator)
			if err != nil {
				return settlementPlan{}, err
			}
			if e < uint64(-pos.Net) {
				at, _ := slices.BinarySearch(excluded, pos.Operator)
				excluded = slices.Insert(excluded, at, pos.Operator)
				grown = true
			}
		}
		if !grown {
			break
		}
	}
	plan := settlementPlan{excluded: excluded}
	var owed, used uint64
	for _, pos := range positions {
		if pos.Net > 0 {
			plan.payouts = append(plan.payouts, types.OperatorAmount{Operator: pos.Operator, Amount: uint64(pos.Net)})
			owed += uint64(pos.Net) // a sum of the period's accruals: fits
		}
	}
	returned := make(map[string]uint64)
	var returnedOps []string
	giveBack := func(op string, amount uint64) {
		if amount == 0 {
			return
		}
		if _, ok := returned[op]; !ok {
			returnedOps = append(returnedOps, op)
		}
		returned[op] += amount
	}
	err = k.Escrows.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](periodID), func(key collections.Pair[uint64, string], amount uint64) (bool, error) {
		op := key.K2()
		var use uint64
		if include(op) {
			use = uint64(-min(positionOf(positions, op).Net, 0))
		}
		used += use
		plan.escrows = append(plan.escrows, escrowUse{m: k.Escrows, operator: op, used: use})
		giveBack(op, amount-use)
		return false, nil
	})
	if err != nil {
		return settlementPlan{}, err
	}
	err = k.HeldEscrows.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](periodID), func(key collections.Pair[uint64, string], amount uint64) (bool, error) {
		if op := key.K2(); !include(op) {
			plan.escrows = append(plan.escrows, escrowUse{m: k.HeldEscrows, operator: op})
			giveBack(op, amount)
		}
		return false, nil
	})
	if err != nil {
		return settlementPlan{}, err
	}
	if owed != used {
		// The nets sum to zero and every remaining net payer's escrow covers
		// its net, so this only happens if state was corrupted.
		return settlementPlan{}, errorsmod.Wrapf(types.ErrTotalsMismatch, "period %d: net receivers are owed %d but %d is escrowed", periodID, owed, used)
	}
	slices.Sort(returnedOps)
	for _, op := range returnedOps {
		plan.returned = append(plan.returned, types.OperatorAmount{Operator: op, Amount: returned[op]})
	}
	return plan, nil
}

// sendToOperator pays amount from the module account to the operator's
// settlement account (as registered now).
func (k Keeper) sendToOperator(ctx context.Context, operator, denom string, amount uint64) error {
	if amount == 0 {
		return nil
	}
	op, err := k.getOperator(ctx, operator)
	if err != nil {
		return err
	}
	to, err := k.addressCodec.StringToBytes(op.SettlementAccount)
	if err != nil {
		return err
	}
	return k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, coins(denom, amount))
}

// releaseEscrow returns every escrow of a period, net and held, to its
// operator's settlement account and deletes it; it returns what was
// released, by operator.
func (k Keeper) releaseEscrow(ctx context.Context, periodID uint64, denom string) ([]types.OperatorAmount, error) {
	var released []types.OperatorAmount
	for _, m := range []collections.Map[collections.Pair[uint64, string], uint64]{k.Escrows, k.HeldEscrows} {
		var keys []collections.Pair[uint64, string]
		err := m.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](periodID), func(key collections.Pair[uint64, string], amount uint64) (bool, error) {
			keys = append(keys, key)
			i, found := slices.BinarySearchFunc(released, key.K2(), func(a types.OperatorAmount, op string) int { return strings.Compare(a.Operator, op) })
			if found {
				released[i].Amount += amount // both parts are sums of the period's accruals
			} else {
				released = slices.Insert(released, i, types.OperatorAmount{Operator: key.K2(), Amount: amount})
			}
			return false, nil
		})
		if err != nil {
			return nil, err
		}
		for _, key := range keys {
			if err := m.Remove(ctx, key); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range released {
		if err := k.sendToOperator(ctx, r.Operator, denom, r.Amount); err != nil {
			return nil, err
		}
	}
	return released, nil
}
