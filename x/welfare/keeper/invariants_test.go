package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/welfare/types"
)

func TestInvariantsHoldAfterMessages(t *testing.T) {
	empty := newFixture(t)
	require.NoError(t, empty.k.CheckInvariants(empty.Ctx), "an empty state is sound")
	busyState(t).requireSound()
}

func TestInvariantsBroken(t *testing.T) {
	for _, tc := range []struct {
		name, invariant, want string
		spoil                 func(f *fixture)
	}{
		{"a slot of no enrolment", "slots", "does not exist", func(f *fixture) {
			require.NoError(f.t, f.k.Slots.Set(f.Ctx, digest("stray"), types.Slot{SlotKey: digest("stray"), EnrolmentId: 99, GroupId: livelihood}))
		}},
		{"a held enrolment without its slot", "slots", "not held by it", func(f *fixture) {
			require.NoError(f.t, f.k.Slots.Remove(f.Ctx, slotKey("kim", livelihood)))
		}},
		{"slots_held off", "slots", "slots held", func(f *fixture) {
			g := f.groupOf(livelihood)
			g.SlotsHeld++
			require.NoError(f.t, f.k.Groups.Set(f.Ctx, g.Id, g))
		}},
		{"an enrolment counter off", "counters", "enrolments_pending", func(f *fixture) {
			p := f.program(1)
			p.Totals.EnrolmentsPending++
			require.NoError(f.t, f.k.Programs.Set(f.Ctx, 1, p))
		}},
		{"due_per_cycle off", "counters", "due_per_cycle", func(f *fixture) {
			p := f.program(1)
			p.DuePerCycle = p.DuePerCycle.AddRaw(1)
			require.NoError(f.t, f.k.Programs.Set(f.Ctx, 1, p))
		}},
		{"escrow not adding up", "money", "funded", func(f *fixture) {
			p := f.program(1)
			p.Totals.Paid = p.Totals.Paid.AddRaw(1)
			p.Totals.PaymentsAmount = p.Totals.PaymentsAmount.AddRaw(1)
			require.NoError(f.t, f.k.Programs.Set(f.Ctx, 1, p))
		}},
		{"reserved off its cycles", "money", "reserved", func(f *fixture) {
			p := f.program(1)
			p.Totals.Reserved = p.Totals.Reserved.AddRaw(1)
			require.NoError(f.t, f.k.Programs.Set(f.Ctx, 1, p))
		}},
		{"a cycle's paid amount off its payments", "cycles", "payments", func(f *fixture) {
			c := f.cycle(1, 1)
			c.PaidAmount = c.PaidAmount.AddRaw(1)
			require.NoError(f.t, f.k.Cycles.Set(f.Ctx, cycleKeyOf(1, 1), c))
		}},
		{"a payee's live count off", "payee-live", "live entitlements", func(f *fixture) {
			require.NoError(f.t, f.k.PayeeLive.Set(f.Ctx, f.payee, 7))
		}},
		{"a live count of nobody", "payee-live", "none is stored", func(f *fixture) {
			require.NoError(f.t, f.k.PayeeLive.Set(f.Ctx, f.outsider, 1))
		}},
		{"module balance off the escrow", "escrow", "the CASH programs' escrow in it is", func(f *fixture) {
			f.Fund(f.t, f.manager, krw, 7)
			require.NoError(f.t, f.Bank.SendCoinsFromAccountToModule(f.Ctx, f.manager, types.ModuleName, sdk.NewCoins(sdk.NewCoin(krw, sdkmath.NewInt(7)))))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := busyState(t)
			tc.spoil(f)
			testkeeper.RequireInvariantBroken(t, f.Ctx, f.k.Invariants(), f.k.CheckInvariants(f.Ctx), types.ModuleName, tc.invariant, tc.want)
		})
	}
}
