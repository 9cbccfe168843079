package types

import (
	"math"
	"slices"

	errorsmod "cosmossdk.io/errors"
)

// Holds reports whether the dispute holds its amounts out of settlement:
// while it is OPEN or APPEALED.
func (d Dispute) Holds() bool {
	return d.Status == DisputeOpen || d.Status == DisputeAppealed
}

// HeldShares are the shares a dispute holds out of its target's shares: all
// of them, or for a TARIFF dispute only the respondent's.
func HeldShares(kind DisputeKind, respondent string, shares []OperatorAmount) []OperatorAmount {
	if kind != DisputeTariff {
		return shares
	}
	for _, s := range shares {
		if s.Operator == respondent {
			return []OperatorAmount{s}
		}
	}
	return nil
}

// SumAmounts is the checked sum of amounts.
func SumAmounts(amounts []OperatorAmount) (uint64, error) {
	var sum uint64
	for _, a := range amounts {
		var err error
		if sum, err = AddAmounts(sum, a.Amount); err != nil {
			return 0, err
		}
	}
	return sum, nil
}

// PositionsOf computes the operators' positions from the accruals of one
// period (x/toll/README.md, "Settlement"), counting only the accruals across
// operators (collector != payee) whose collector and payee are both
// included (include nil: all). The part amount - disputed - settled_late is
// owed by the collector (payable) to the payee (receivable), the disputed
// part goes to disputed_payable and disputed_receivable (settled_late was
// paid outside the netting). An operator has a
// position when any of the four is non-zero; positions are sorted by
// operator and net = receivable - payable.
//
// It cannot overflow on stored data: every sum it forms is a sum of some of
// the period's accrual amounts, and every accrual was added only while the
// period's accrued total stayed within max_period_total <= 2^62
// (MaxPeriodTotal); the checks below only guard against corrupted state.
func PositionsOf(accruals []Accrual, include func(operator string) bool) ([]NetPosition, error) {
	var operators []string
	positions := make(map[string]*NetPosition)
	position := func(op string) *NetPosition {
		p, ok := positions[op]
		if !ok {
			p = &NetPosition{Operator: op}
			positions[op] = p
			operators = append(operators, op)
		}
		return p
	}
	add := func(field *uint64, amount uint64) error {
		sum, err := AddAmounts(*field, amount)
		*field = sum
		return err
	}
	for _, a := range accruals {
		if a.Collector == a.Payee || (a.Amount == 0 && a.Disputed == 0) {
			continue
		}
		if include != nil && (!include(a.Collector) || !include(a.Payee)) {
			continue
		}
		if a.Disputed > a.Amount || a.SettledLate > a.Amount-a.Disputed {
			return nil, errorsmod.Wrapf(ErrInvalidAmount, "accrual (%d, %s, %s): disputed %d and settled_late %d exceed amount %d",
				a.PeriodId, a.Collector, a.Payee, a.Disputed, a.SettledLate, a.Amount)
		}
		eff := a.Amount - a.Disputed - a.SettledLate
		payee, collector := position(a.Payee), position(a.Collector)
		for _, f := range []struct {
			field  *uint64
			amount uint64
		}{{&payee.Receivable, eff}, {&collector.Payable, eff}, {&payee.DisputedReceivable, a.Disputed}, {&collector.DisputedPayable, a.Disputed}} {
			if err := add(f.field, f.amount); err != nil {
				return nil, err
			}
		}
	}
	slices.Sort(operators)
	out := make([]NetPosition, 0, len(operators))
	for _, op := range operators {
		p := *positions[op]
		if p.Receivable > math.MaxInt64 || p.Payable > math.MaxInt64 {
			return nil, errorsmod.Wrapf(ErrAmountOverflow, "operator %s: receivable %d or payable %d exceeds %d",
				op, p.Receivable, p.Payable, int64(math.MaxInt64))
		}
		p.Net = int64(p.Receivable) - int64(p.Payable)
		out = append(out, p)
	}
	return out, nil
}

// IsParticipant reports whether an operator with this position takes part in
// a period's settlement: it is owed or owes something across operators, or
// holds a disputed payable it escrows at confirmation.
func (p NetPosition) IsParticipant() bool {
	return p.Receivable > 0 || p.Payable > 0 || p.DisputedPayable > 0
}

// Escrow is what the operator escrows when it confirms: its net if it pays
// net, plus its disputed payable (held until those disputes are decided).
func (p NetPosition) Escrow() (net, held uint64) {
	if p.Net < 0 {
		net = uint64(-p.Net)
	}
	return net, p.DisputedPayable
}
