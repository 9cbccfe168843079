package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/invariant"
	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/welfare/types"
)

// Invariants of the module state (business rules only): the duplicate
// registry and the enrolments holding it linked both ways; every counter
// equal to what it counts; each program's money adding up; each cycle's
// payments adding up; the payees' live counts; and the module account holding,
// in each denom, exactly the escrow of the CASH programs paying in it. The
// indexes of the IndexedMaps are written with their records by collections,
// so no invariant re-checks them. Each check walks the whole store (the
// state as genesis would export it), so they are for tests and simulations
// (app/sim_test.go), never for a block hook. Each returns nil or an error
// naming the broken record.

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []invariant.Invariant {
	return []invariant.Invariant{
		{Name: "slots", Check: k.state(types.GenesisState.CheckSlots)},
		{Name: "counters", Check: k.state(types.GenesisState.CheckCounters)},
		{Name: "money", Check: k.state(types.GenesisState.CheckMoney)},
		{Name: "cycles", Check: k.state(types.GenesisState.CheckCycles)},
		{Name: "payee-live", Check: k.PayeeLiveInvariant},
		{Name: "escrow", Check: k.EscrowInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	return invariant.Run(ctx, types.ModuleName, k.Invariants())
}

// state runs a check of types.GenesisState on the exported state.
func (k Keeper) state(check func(types.GenesisState) error) func(context.Context) error {
	return func(ctx context.Context) error {
		gs, err := k.ExportGenesis(ctx)
		if err != nil {
			return err
		}
		return check(*gs)
	}
}

// PayeeLiveInvariant checks every payee's live count against its stored live
// entitlements, and that no count is stored for a payee without one.
func (k Keeper) PayeeLiveInvariant(ctx context.Context) error {
	counted := map[string]uint64{}
	var payees []string
	if err := walk.Each(ctx, k.Entitlements, func(id uint64, e types.Entitlement) error {
		if !e.Status.IsLive() {
			return nil
		}
		if _, ok := counted[e.Payee]; !ok {
			payees = append(payees, e.Payee)
		}
		counted[e.Payee]++
		return nil
	}); err != nil {
		return err
	}
	for _, payee := range payees {
		bz, err := k.addressCodec.StringToBytes(payee)
		if err != nil {
			return err
		}
		n, err := k.PayeeLive.Get(ctx, bz)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if n != counted[payee] {
			return fmt.Errorf("payee %s counts %d live entitlements, %d are stored", payee, n, counted[payee])
		}
	}
	return walk.Each(ctx, k.PayeeLive, func(payee sdk.AccAddress, n uint64) error {
		if s := k.addr(payee); counted[s] == 0 {
			return fmt.Errorf("payee %s counts %d live entitlements, none is stored", s, n)
		}
		return nil
	})
}

// EscrowInvariant checks that the module account's balance of each denom a
// CASH program pays in is the sum of those programs' escrow.
func (k Keeper) EscrowInvariant(ctx context.Context) error {
	escrow := map[string]sdkmath.Int{}
	var denoms []string
	if err := walk.Each(ctx, k.Programs, func(id uint64, p types.Program) error {
		if !p.IsCash() {
			return nil
		}
		sum, ok := escrow[p.Benefit.Denom]
		if !ok {
			sum = sdkmath.ZeroInt()
			denoms = append(denoms, p.Benefit.Denom)
		}
		escrow[p.Benefit.Denom] = sum.Add(p.Totals.Escrow)
		return nil
	}); err != nil {
		return err
	}
	module := k.moduleAddress()
	for _, d := range denoms {
		if held := k.bankKeeper.GetBalance(ctx, module, d).Amount; !held.Equal(escrow[d]) {
			return fmt.Errorf("the module account holds %s of %s, the CASH programs' escrow in it is %s", held, d, escrow[d])
		}
	}
	return nil
}
