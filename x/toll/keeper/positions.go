package keeper

import (
	"context"
	"errors"
	"math"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/x/toll/types"
)

// NetPositions computes every operator's position in a period from its
// accruals (x/toll/README.md, "Settlement") and returns them with the
// accruals of the period in key order, (collector, payee).
//
// Only accruals across operators (collector != payee) count: the undisputed
// part amount - disputed is owed by the collector (payable) to the payee
// (receivable), the disputed part goes to disputed_payable and
// disputed_receivable. An operator has a position when any of the four is
// non-zero; positions are sorted by operator, net = receivable - payable, and
// escrowed is what the operator has escrowed for the period.
func (k Keeper) NetPositions(ctx context.Context, periodID uint64) ([]types.NetPosition, []types.Accrual, error) {
	var (
		accruals  []types.Accrual
		operators []string
		positions = make(map[string]*types.NetPosition)
	)
	position := func(op string) *types.NetPosition {
		p, ok := positions[op]
		if !ok {
			p = &types.NetPosition{Operator: op}
			positions[op] = p
			operators = append(operators, op)
		}
		return p
	}
	add := func(field *uint64, amount uint64) error {
		sum, err := types.AddAmounts(*field, amount)
		*field = sum
		return err
	}

	rng := collections.NewPrefixedTripleRange[uint64, string, string](periodID)
	err := k.Accruals.Walk(ctx, rng, func(_ collections.Triple[uint64, string, string], a types.Accrual) (bool, error) {
		accruals = append(accruals, a)
		if a.Collector == a.Payee || (a.Amount == 0 && a.Disputed == 0) {
			return false, nil
		}
		if a.Disputed > a.Amount {
			return true, errorsmod.Wrapf(types.ErrInvalidAmount, "accrual (%d, %s, %s): disputed %d exceeds amount %d",
				a.PeriodId, a.Collector, a.Payee, a.Disputed, a.Amount)
		}
		eff := a.Amount - a.Disputed
		payee, collector := position(a.Payee), position(a.Collector)
		return false, errors.Join(
			add(&payee.Receivable, eff),
			add(&collector.Payable, eff),
			add(&payee.DisputedReceivable, a.Disputed),
			add(&collector.DisputedPayable, a.Disputed),
		)
	})
	if err != nil {
		return nil, nil, err
	}

	slices.Sort(operators)
	out := make([]types.NetPosition, 0, len(operators))
	for _, op := range operators {
		p := *positions[op]
		if p.Receivable > math.MaxInt64 || p.Payable > math.MaxInt64 {
			return nil, nil, errorsmod.Wrapf(types.ErrAmountOverflow, "operator %s: receivable %d or payable %d exceeds %d",
				op, p.Receivable, p.Payable, int64(math.MaxInt64))
		}
		p.Net = int64(p.Receivable) - int64(p.Payable)
		escrowed, err := k.Escrows.Get(ctx, collections.Join(periodID, op))
		switch {
		case err == nil:
			p.Escrowed = escrowed
		case !errors.Is(err, collections.ErrNotFound):
			return nil, nil, err
		}
		out = append(out, p)
	}
	return out, accruals, nil
}
