package keeper

import (
	"context"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/x/toll/types"
)

// SubmitPeriod closes the OPEN period and opens the next one.
func (m msgServer) SubmitPeriod(ctx context.Context, msg *types.MsgSubmitPeriod) (*types.MsgSubmitPeriodResponse, error) {
	if msg.PeriodId == 0 {
		return nil, errorsmod.Wrap(types.ErrPeriodNotFound, "period_id is required")
	}
	if _, _, err := m.registeredOperator(ctx, msg.Signer); err != nil {
		return nil, err
	}
	p, err := m.getPeriod(ctx, msg.PeriodId)
	if err != nil {
		return nil, err
	}
	if p.Status != types.PeriodOpen {
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "period %d is %s, not OPEN", p.Id, p.Status)
	}
	participants, err := m.participants(ctx, p.Id)
	if err != nil {
		return nil, err
	}
	now := blockTime(ctx)
	p.EndTime = now
	p.Participants = participants
	p.Status = afterSubmission(p)
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
	if err := emit(ctx, &types.EventPeriodSubmitted{PeriodId: p.Id, Status: p.Status, Participants: p.Participants, NextPeriodId: next.Id}); err != nil {
		return nil, err
	}
	return &types.MsgSubmitPeriodResponse{Status: p.Status, NextPeriodId: next.Id}, nil
}

// afterSubmission is the status of a submitted period (or a disputed one whose
// last dispute was resolved): DISPUTED while a dispute is open, RECONCILED when
// no operator owes another anything, SUBMITTED otherwise.
func afterSubmission(p types.Period) types.PeriodStatus {
	switch {
	case p.OpenDisputes > 0:
		return types.PeriodDisputed
	case len(p.Participants) == 0:
		return types.PeriodReconciled
	default:
		return types.PeriodSubmitted
	}
}

// participants lists, sorted, the operators with a non-zero receivable or
// payable in the period.
func (k Keeper) participants(ctx context.Context, periodID uint64) ([]string, error) {
	positions, _, err := k.NetPositions(ctx, periodID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range positions {
		if p.Receivable > 0 || p.Payable > 0 {
			out = append(out, p.Operator)
		}
	}
	return out, nil
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
	if msg.PeriodId == 0 {
		return nil, errorsmod.Wrap(types.ErrPeriodNotFound, "period_id is required")
	}
	signer, op, err := m.registeredOperator(ctx, msg.Signer)
	if err != nil {
		return nil, err
	}
	p, err := m.getPeriod(ctx, msg.PeriodId)
	if err != nil {
		return nil, err
	}
	switch p.Status {
	case types.PeriodSubmitted:
	case types.PeriodDisputed:
		return nil, errorsmod.Wrapf(types.ErrOpenDispute, "period %d has %d open disputes", p.Id, p.OpenDisputes)
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
	var escrow uint64
	if pos.Net < 0 {
		escrow = uint64(-pos.Net)
		if msg.Signer != op.SettlementAccount {
			return nil, errorsmod.Wrapf(types.ErrNotSettlementAccount, "operator %s pays %d net: its settlement account %s must confirm", op.AgencyId, escrow, op.SettlementAccount)
		}
		if !m.hasSpendable(ctx, signer, params.Denom, escrow) {
			return nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "operator %s must escrow %d%s", op.AgencyId, escrow, params.Denom)
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
		if err := m.bankKeeper.SendCoinsFromAccountToModule(ctx, signer, types.ModuleName, coins(params.Denom, escrow)); err != nil {
			return nil, err
		}
	}
	if err := emit(ctx, &types.EventPeriodConfirmed{PeriodId: p.Id, Operator: op.AgencyId, Net: pos.Net, Escrowed: escrow, Status: p.Status}); err != nil {
		return nil, err
	}
	return &types.MsgConfirmPeriodResponse{Status: p.Status, Escrowed: escrow}, nil
}

// SettlePeriod pays the net receivers of a RECONCILED period from escrow.
func (m msgServer) SettlePeriod(ctx context.Context, msg *types.MsgSettlePeriod) (*types.MsgSettlePeriodResponse, error) {
	if msg.PeriodId == 0 {
		return nil, errorsmod.Wrap(types.ErrPeriodNotFound, "period_id is required")
	}
	if _, _, err := m.registeredOperator(ctx, msg.Signer); err != nil {
		return nil, err
	}
	p, err := m.getPeriod(ctx, msg.PeriodId)
	if err != nil {
		return nil, err
	}
	switch p.Status {
	case types.PeriodReconciled:
	case types.PeriodSettled:
		return nil, errorsmod.Wrapf(types.ErrAlreadySettled, "period %d was settled at %s", p.Id, p.SettledAt.UTC().Format(time.RFC3339))
	case types.PeriodDisputed:
		return nil, errorsmod.Wrapf(types.ErrOpenDispute, "period %d has %d open disputes", p.Id, p.OpenDisputes)
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "period %d is %s; only a RECONCILED period is settled", p.Id, p.Status)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	positions, _, err := m.NetPositions(ctx, p.Id)
	if err != nil {
		return nil, err
	}
	type payout struct {
		to     []byte
		amount types.OperatorAmount
	}
	var payouts []payout
	var owed, escrowed uint64
	for _, pos := range positions {
		if escrowed, err = types.AddAmounts(escrowed, pos.Escrowed); err != nil {
			return nil, err
		}
		if pos.Net <= 0 {
			continue
		}
		op, err := m.getOperator(ctx, pos.Operator)
		if err != nil {
			return nil, err
		}
		to, err := m.addressCodec.StringToBytes(op.SettlementAccount)
		if err != nil {
			return nil, err
		}
		payouts = append(payouts, payout{to: to, amount: types.OperatorAmount{Operator: pos.Operator, Amount: uint64(pos.Net)}})
		if owed, err = types.AddAmounts(owed, uint64(pos.Net)); err != nil {
			return nil, err
		}
	}
	if owed != escrowed {
		// The nets sum to zero and every net payer escrowed its net, so this
		// only happens if state was corrupted; settling would move wrong sums.
		return nil, errorsmod.Wrapf(types.ErrTotalsMismatch, "period %d: net receivers are owed %d but %d is escrowed", p.Id, owed, escrowed)
	}
	p.Status = types.PeriodSettled
	p.SettledAt = blockTime(ctx)
	if err := m.Periods.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	paid := make([]types.OperatorAmount, 0, len(payouts))
	for _, po := range payouts {
		if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, po.to, coins(params.Denom, po.amount.Amount)); err != nil {
			return nil, err
		}
		paid = append(paid, po.amount)
	}
	if err := emit(ctx, &types.EventPeriodSettled{PeriodId: p.Id, PaidOut: paid}); err != nil {
		return nil, err
	}
	return &types.MsgSettlePeriodResponse{PaidOut: paid}, nil
}

// releaseEscrow returns every escrow of a period to its operator's settlement
// account and deletes it; it returns what was released, by operator.
func (k Keeper) releaseEscrow(ctx context.Context, periodID uint64, denom string) ([]types.OperatorAmount, error) {
	var released []types.OperatorAmount
	err := k.Escrows.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](periodID), func(key collections.Pair[uint64, string], amount uint64) (bool, error) {
		released = append(released, types.OperatorAmount{Operator: key.K2(), Amount: amount})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range released {
		op, err := k.getOperator(ctx, r.Operator)
		if err != nil {
			return nil, err
		}
		to, err := k.addressCodec.StringToBytes(op.SettlementAccount)
		if err != nil {
			return nil, err
		}
		if err := k.Escrows.Remove(ctx, collections.Join(periodID, r.Operator)); err != nil {
			return nil, err
		}
		if err := k.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, coins(denom, r.Amount)); err != nil {
			return nil, err
		}
	}
	return released, nil
}
