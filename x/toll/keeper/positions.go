package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/x/toll/types"
)

// NetPositions computes every operator's position in a period from its
// accruals (types.PositionsOf, x/toll/README.md "Settlement") and returns
// them with the accruals of the period in key order, (collector, payee);
// escrowed and held are what the operator has escrowed for the period.
func (k Keeper) NetPositions(ctx context.Context, periodID uint64) ([]types.NetPosition, []types.Accrual, error) {
	accruals, err := k.periodAccruals(ctx, periodID)
	if err != nil {
		return nil, nil, err
	}
	positions, err := types.PositionsOf(accruals, nil)
	if err != nil {
		return nil, nil, err
	}
	for i := range positions {
		if err := k.fillEscrow(ctx, periodID, &positions[i]); err != nil {
			return nil, nil, err
		}
	}
	return positions, accruals, nil
}

// periodAccruals lists the accruals of a period in key order.
func (k Keeper) periodAccruals(ctx context.Context, periodID uint64) ([]types.Accrual, error) {
	var accruals []types.Accrual
	rng := collections.NewPrefixedTripleRange[uint64, string, string](periodID)
	err := k.Accruals.Walk(ctx, rng, func(_ collections.Triple[uint64, string, string], a types.Accrual) (bool, error) {
		accruals = append(accruals, a)
		return false, nil
	})
	return accruals, err
}

// fillEscrow sets a position's escrowed and held amounts from the store.
func (k Keeper) fillEscrow(ctx context.Context, periodID uint64, p *types.NetPosition) error {
	for _, e := range []struct {
		m     collections.Map[collections.Pair[uint64, string], uint64]
		field *uint64
	}{{k.Escrows, &p.Escrowed}, {k.HeldEscrows, &p.Held}} {
		amount, err := e.m.Get(ctx, collections.Join(periodID, p.Operator))
		switch {
		case err == nil:
			*e.field = amount
		case !errors.Is(err, collections.ErrNotFound):
			return err
		}
	}
	return nil
}
