package keeper

import (
	"context"
	"fmt"
	"slices"

	sdkmath "cosmossdk.io/math"

	"github.com/civicchain/civic/internal/invariant"
	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/voucher/types"
)

// Invariants of the module state (business rules only): every program is
// stored under its own issued id with its budget counters adding up and its
// escrow covering what is outstanding; the bank supply of every program's
// denom equals its outstanding; the module account holds, in each funding
// denom, exactly the escrow of the programs funded in it (and no voucher).
// The indexes of the IndexedMaps are written with their records by
// collections, so no invariant re-checks them. Each check walks the whole
// store, so they are for tests and simulations (app/sim_test.go), never for
// a block hook. Each returns nil or an error naming the broken record.

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []invariant.Invariant {
	return []invariant.Invariant{
		{Name: "budgets", Check: k.BudgetsInvariant},
		{Name: "supply", Check: k.SupplyInvariant},
		{Name: "escrow", Check: k.EscrowInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	return invariant.Run(ctx, types.ModuleName, k.Invariants())
}

// BudgetsInvariant checks every program's counters: each within the budget
// cap, funded = escrow + redeemed + refunded, issued = outstanding + redeemed
// + swept, escrow >= outstanding, and a CLOSED program with nothing left.
func (k Keeper) BudgetsInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastProgramID, k.Programs, "program", (*types.Program).GetId, func(id uint64, p types.Program) error {
		if err := p.Budget.Check(p.BudgetCap); err != nil {
			return fmt.Errorf("program %d: %w", id, err)
		}
		if p.Status == types.ProgramStatusClosed && !(p.Budget.Escrow.IsZero() && p.Budget.Outstanding.IsZero()) {
			return fmt.Errorf("program %d is CLOSED with escrow %s and outstanding %s", id, p.Budget.Escrow, p.Budget.Outstanding)
		}
		return nil
	})
}

// SupplyInvariant checks that the bank supply of every program's denom is its outstanding.
func (k Keeper) SupplyInvariant(ctx context.Context) error {
	return walk.Each(ctx, k.Programs, func(id uint64, p types.Program) error {
		if supply := k.bankKeeper.GetSupply(ctx, p.Denom).Amount; !supply.Equal(p.Budget.Outstanding) {
			return fmt.Errorf("program %d: supply of %s is %s, outstanding is %s", id, p.Denom, supply, p.Budget.Outstanding)
		}
		return nil
	})
}

// EscrowInvariant checks that the module account's balance of each funding
// denom is the sum of the escrow of the programs funded in it, and that it
// holds none of the programs' vouchers (they are burned in the call that
// receives them).
func (k Keeper) EscrowInvariant(ctx context.Context) error {
	module := k.moduleAddress()
	escrow := map[string]sdkmath.Int{}
	var denoms []string
	if err := walk.Each(ctx, k.Programs, func(id uint64, p types.Program) error {
		if held := k.bankKeeper.GetBalance(ctx, module, p.Denom).Amount; !held.IsZero() {
			return fmt.Errorf("the module account holds %s of %s", held, p.Denom)
		}
		sum, ok := escrow[p.FundingDenom]
		if !ok {
			sum = sdkmath.ZeroInt()
			denoms = append(denoms, p.FundingDenom)
		}
		escrow[p.FundingDenom] = sum.Add(p.Budget.Escrow)
		return nil
	}); err != nil {
		return err
	}
	slices.Sort(denoms)
	for _, d := range denoms {
		if held := k.bankKeeper.GetBalance(ctx, module, d).Amount; !held.Equal(escrow[d]) {
			return fmt.Errorf("the module account holds %s of %s, the programs' escrow in it is %s", held, d, escrow[d])
		}
	}
	return nil
}
