package keeper_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// gnInvariant returns the named invariant of k.
func gnInvariant(t *testing.T, k keeper.Keeper, name string) func(ctx context.Context) error {
	t.Helper()
	for _, inv := range k.Invariants() {
		if inv.Name == name {
			return inv.Check
		}
	}
	t.Fatalf("no invariant %q", name)
	return nil
}

func TestInvariantsList(t *testing.T) {
	f := gnInit(t)
	var names []string
	for _, inv := range f.Keeper.Invariants() {
		names = append(names, inv.Name)
		require.NoError(t, inv.Check(f.Ctx), inv.Name)
	}
	require.Equal(t, []string{"escrow", "trips", "accruals", "periods", "disputes", "network"}, names)
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
}

func TestInvariantsHoldOnANewChain(t *testing.T) {
	f := testkeeper.TollKeeper(t)
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
}

func TestInvariantsCatchCorruption(t *testing.T) {
	type corruption func(t *testing.T, f testkeeper.TollFixture)
	setTrip := func(id uint64, change func(*types.Trip)) corruption {
		return func(t *testing.T, f testkeeper.TollFixture) {
			tr, err := f.Keeper.Trips.Get(f.Ctx, id)
			require.NoError(t, err)
			change(&tr)
			require.NoError(t, f.Keeper.Trips.Set(f.Ctx, id, tr))
		}
	}
	setAccrual := func(period uint64, collector, payee string, change func(*types.Accrual)) corruption {
		return func(t *testing.T, f testkeeper.TollFixture) {
			key := collections.Join3(period, collector, payee)
			a, err := f.Keeper.Accruals.Get(f.Ctx, key)
			require.NoError(t, err)
			change(&a)
			require.NoError(t, f.Keeper.Accruals.Set(f.Ctx, key, a))
		}
	}
	setPeriod := func(id uint64, change func(*types.Period)) corruption {
		return func(t *testing.T, f testkeeper.TollFixture) {
			p, err := f.Keeper.Periods.Get(f.Ctx, id)
			require.NoError(t, err)
			change(&p)
			require.NoError(t, f.Keeper.Periods.Set(f.Ctx, id, p))
		}
	}
	payer := func(t *testing.T) sdk.AccAddress { return gnAccAddr(t, gnAddr("payer")) }
	cases := []struct {
		name      string
		corrupt   corruption
		invariant string
		want      string
	}{
		// escrow
		{"module account holds more than the escrow", func(t *testing.T, f testkeeper.TollFixture) {
			f.Fund(t, f.Account.GetModuleAddress(types.ModuleName), types.DefaultDenom, 1)
		}, "escrow", "module account holds 801ukrw but the escrows of unsettled periods and the held escrows sum to 800ukrw"},
		{"escrow of an unsettled period not in the module account", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Escrows.Set(f.Ctx, collections.Join(uint64(3), "ex"), 200))
		}, "escrow", "module account holds 800ukrw but the escrows of unsettled periods and the held escrows sum to 1000ukrw"},
		{"escrow of no period", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Escrows.Set(f.Ctx, collections.Join(uint64(9), "ex"), 1))
		}, "escrow", "escrow of ex names no period 9"},
		// trips
		{"shares not sorted", setTrip(1, func(tr *types.Trip) { tr.Shares[0], tr.Shares[1] = tr.Shares[1], tr.Shares[0] }),
			"trips", `trip 1: shares not sorted by operator: "ex" follows "pv"`},
		{"zero share", setTrip(3, func(tr *types.Trip) { tr.Shares = append(tr.Shares, gnShare("pv", 0)) }),
			"trips", "trip 3: share of pv is 0"},
		{"shares off the fare", setTrip(4, func(tr *types.Trip) { tr.Fare++ }),
			"trips", "trip 4: shares sum to 1500, not 1501"},
		{"trip id never issued", func(t *testing.T, f testkeeper.TollFixture) {
			tr, err := f.Keeper.Trips.Get(f.Ctx, 1)
			require.NoError(t, err)
			tr.Id, tr.VehicleRef = 9, strings.Repeat("9", 64) // another natural key
			require.NoError(t, f.Keeper.Trips.Set(f.Ctx, 9, tr))
		}, "trips", "trip stored under 9 has id 9 (ids issued: 1..4)"},
		{"UNPAID trip not in the unpaid index", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.UnpaidTrips.Remove(f.Ctx, collections.Join(payer(t), uint64(2))))
		}, "trips", "UNPAID trip 2 is not in the unpaid-trips index"},
		{"PAID trip in the unpaid index", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.UnpaidTrips.Set(f.Ctx, collections.Join(payer(t), uint64(1))))
		}, "trips", "points to a PAYMENT_STATUS_PAID trip"},
		{"unpaid index entry of no trip", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.UnpaidTrips.Set(f.Ctx, collections.Join(payer(t), uint64(99))))
		}, "trips", "points to no trip"},
		// accruals
		{"accrual off its trips and batches", setAccrual(1, "ex", "pv", func(a *types.Accrual) { a.Amount-- }),
			"accruals", "accrual (1, ex, pv) is 2499 but the trips and batches accrue 2500"},
		{"accrual of nothing", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Accruals.Set(f.Ctx, collections.Join3(uint64(4), "pv", "ex"),
				types.Accrual{PeriodId: 4, Collector: "pv", Payee: "ex", Amount: 5}))
		}, "accruals", "accrual (4, pv, ex) is 5 but the trips and batches accrue 0"},
		{"accrual missing", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Accruals.Remove(f.Ctx, collections.Join3(uint64(4), "ex", "ex")))
		}, "accruals", "the trips and batches accrue 10 (period, collector, payee) amounts but 9 accruals hold them"},
		{"trip fare changed without its accrual", setTrip(3, func(tr *types.Trip) { tr.Fare, tr.Shares[0].Amount = 1000, 1000 }),
			"accruals", "accrual (4, ex, ex) is 1200 but the trips and batches accrue 1000"},
		{"disputed part not held out", setAccrual(2, "ex", "pv", func(a *types.Accrual) { a.Disputed = 0 }),
			"accruals", "accrual (2, ex, pv) has 0 disputed but its open disputes hold 1000"},
		{"disputed part of a resolved dispute", setAccrual(2, "pv", "ex", func(a *types.Accrual) { a.Disputed = 400 }),
			"accruals", "accrual (2, pv, ex) has 400 disputed but its open disputes hold 0"},
		{"accrual under another key", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Accruals.Set(f.Ctx, collections.Join3(uint64(4), "pv", "pv"),
				types.Accrual{PeriodId: 4, Collector: "ex", Payee: "ex", Amount: 1200}))
		}, "accruals", "accrual stored under (4, pv, pv) is (4, ex, ex)"},
		// periods
		{"current period not the last", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.CurrentPeriod.Set(f.Ctx, 3))
		}, "periods", "period 3 is PERIOD_STATUS_SUBMITTED but the current period is 3"},
		{"an earlier period OPEN", setPeriod(3, func(p *types.Period) { p.Status = types.PeriodOpen }),
			"periods", "period 3 is PERIOD_STATUS_OPEN but the current period is 4"},
		{"gap in the periods", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Periods.Remove(f.Ctx, 2))
		}, "periods", "period stored under 3 has id 3, after period 1"},
		{"current period beyond the last", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Periods.Remove(f.Ctx, 4))
			require.NoError(t, f.Keeper.CurrentPeriod.Set(f.Ctx, 4))
		}, "periods", "the current period is 4 but the last period is 3"},
		{"open_disputes miscounted", setPeriod(2, func(p *types.Period) { p.OpenDisputes = 0 }),
			"periods", "period 2 has open_disputes 0 but 1 OPEN disputes"},
		// disputes
		{"OPEN dispute not indexed by its target", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.OpenDisputeByTarget.Remove(f.Ctx, collections.Join(int32(types.TargetTrip), uint64(2))))
		}, "disputes", "OPEN dispute 2 is not the open dispute of DISPUTE_TARGET_TRIP 2"},
		{"resolved dispute indexed as open", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.OpenDisputeByTarget.Set(f.Ctx, collections.Join(int32(types.TargetBatch), uint64(2)), 3))
		}, "disputes", "open-dispute entry (DISPUTE_TARGET_BATCH, 2) points to DISPUTE_STATUS_REJECTED dispute 3"},
		{"open index entry of no dispute", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.OpenDisputeByTarget.Set(f.Ctx, collections.Join(int32(types.TargetTrip), uint64(4)), 99))
		}, "disputes", "points to no dispute 99"},
		{"dispute id never issued", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.LastDisputeID.Set(f.Ctx, 2))
		}, "disputes", "dispute stored under 3 has id 3 (ids issued: 1..2)"},
		// network
		{"overlapping segments", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Segments.Set(f.Ctx, collections.Join("R1", uint64(30_000)),
				types.Segment{Route: "R1", StartM: 30_000, EndM: 35_000, Operator: "pv"}))
		}, "network", "segments R1 [0, 40000) and [30000, 35000) overlap"},
		{"route of no owner", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Routes.Set(f.Ctx, "R3", types.Route{Id: "R3", Owner: "zz"}))
		}, "network", `route R3 is owned by "zz", not a registered operator`},
		{"tariff head behind", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.TariffHead.Set(f.Ctx, "ex", 1))
		}, "network", "tariff ex: head 1 but the latest version is 2"},
		{"tariff head of an operator without tariffs", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.TariffHead.Set(f.Ctx, "zz", 1))
		}, "network", "tariff zz: head 1 but the latest version is 0"},
		{"gap in the tariff versions", func(t *testing.T, f testkeeper.TollFixture) {
			require.NoError(t, f.Keeper.Tariffs.Remove(f.Ctx, collections.Join("ex", uint64(1))))
		}, "network", "tariff ex: version 2 follows version 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := gnInit(t)
			inv := gnInvariant(t, f.Keeper, tc.invariant)
			require.NoError(t, inv(f.Ctx))

			tc.corrupt(t, f)

			require.ErrorContains(t, inv(f.Ctx), tc.want)
			require.ErrorContains(t, f.Keeper.CheckInvariants(f.Ctx), `invariant "`+tc.invariant+`" broken`)
		})
	}
}

// TestEscrowOfSettledPeriodsIsARecord checks a SETTLED period's escrow is not
// expected in the module account: it was paid out at settlement.
func TestEscrowOfSettledPeriodsIsARecord(t *testing.T) {
	f := gnInit(t)
	inv := gnInvariant(t, f.Keeper, "escrow")
	require.NoError(t, f.Keeper.Escrows.Set(f.Ctx, collections.Join(uint64(1), "pv"), 12_345))

	require.NoError(t, inv(f.Ctx))
}
