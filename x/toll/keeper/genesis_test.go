package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// Every name defined by genesis_test.go and invariants_test.go starts with
// "gn" (network and trip tests use "nt", settlement tests "st").

var gnT0 = testkeeper.BlockTime

// gnAddr is a deterministic civic address for name.
func gnAddr(name string) string {
	b := make([]byte, 20)
	copy(b, name)
	return sdk.AccAddress(b).String()
}

func gnRates(base, perKm uint64) []types.ClassRate {
	out := make([]types.ClassRate, types.VehicleClassMax)
	for i := range out {
		out[i] = types.ClassRate{VehicleClass: uint32(i + 1), BaseFee: base * uint64(i+1), PerKm: perKm * uint64(i+1)}
	}
	return out
}

func gnShare(op string, amount uint64) types.OperatorAmount {
	return types.OperatorAmount{Operator: op, Amount: amount}
}

// gnEscrowHeld is what gnGenesis holds in escrow for periods not yet settled
// (pv's 800 in period 3); ex's 500 of SETTLED period 1 is a record only.
const gnEscrowHeld = 800

// gnGenesis is a state with every kind of record, in export order: two
// operators (ex, pv) on route R1 (plazas SEOUL 0 m, SUWON 30 km, PYEONG
// 60 km; ex owns [0, 40 km), pv [40, 80 km)) and a plaza on route R2; ex has
// two tariff versions, pv one; a payer's spending limit with ex. Periods:
//
//  1. SETTLED: ACCOUNT trip 1 (PAID, collected by pv) and batch 1 (ex); ex
//     escrowed its net -500, kept as a record.
//  2. DISPUTED: ACCOUNT trip 2 (UNPAID, ex) under OPEN dispute 2, its shares
//     disputed in the accruals; batch 2 (pv) whose dispute 3 was REJECTED.
//  3. SUBMITTED: OFFCHAIN trip 4 (pv); pv confirmed and escrowed 800.
//  4. OPEN: OFFCHAIN trip 3 (ex) refunded 300 by dispute 1.
func gnGenesis() *types.GenesisState {
	ex, pv, payer := gnAddr("ex"), gnAddr("pv"), gnAddr("payer")
	trip := func(id uint64, entry, exit, collector string, period, distance, fare uint64, shares ...types.OperatorAmount) types.Trip {
		return types.Trip{
			Id: id, EntryPlaza: entry, ExitPlaza: exit, VehicleClass: 1,
			EntryTime: gnT0.Add(time.Duration(id) * time.Hour), ExitTime: gnT0.Add(time.Duration(id)*time.Hour + 30*time.Minute),
			PaymentMethod: types.PaymentOffchain, PaymentStatus: types.PaymentStatusOffchain,
			VehicleRef: strings.Repeat("a", 64), Collector: collector, DistanceM: distance, Fare: fare, Shares: shares,
			Tariffs:  []types.TariffRef{{Operator: "ex", Version: 1}, {Operator: "pv", Version: 1}},
			PeriodId: period, RecordedAt: gnT0, RecordedBy: gnAddr(collector),
		}
	}
	t1 := trip(1, "SEOUL", "PYEONG", "pv", 1, 60_000, 3500, gnShare("ex", 2000), gnShare("pv", 1500))
	t1.PaymentMethod, t1.PaymentStatus, t1.Payer = types.PaymentAccount, types.PaymentStatusPaid, payer
	t1.DiscountCodes = []types.DiscountCode{types.DiscountCompact, types.DiscountCommuter}
	t2 := trip(2, "PYEONG", "SEOUL", "ex", 2, 60_000, 3000, gnShare("ex", 2000), gnShare("pv", 1000))
	t2.PaymentMethod, t2.PaymentStatus, t2.Payer, t2.UnpaidReason = types.PaymentAccount, types.PaymentStatusUnpaid, payer, types.UnpaidNoSpendingLimit
	t3 := trip(3, "SEOUL", "SUWON", "ex", 4, 30_000, 1200, gnShare("ex", 1200))
	t3.Refunded, t3.Tariffs = 300, []types.TariffRef{{Operator: "ex", Version: 2}}
	t4 := trip(4, "SUWON", "PYEONG", "pv", 3, 30_000, 1500, gnShare("ex", 800), gnShare("pv", 700))

	return &types.GenesisState{
		Params: types.DefaultParams(),
		Operators: []types.Operator{
			{AgencyId: "ex", SettlementAccount: ex, RegisteredAt: gnT0},
			{AgencyId: "pv", SettlementAccount: pv, RegisteredAt: gnT0},
		},
		Plazas: []types.Plaza{
			{Id: "GANGNEUNG", Operator: "pv", Route: "R2", PositionM: 0, RegisteredAt: gnT0},
			{Id: "PYEONG", Operator: "pv", Route: "R1", PositionM: 60_000, RegisteredAt: gnT0},
			{Id: "SEOUL", Operator: "ex", Route: "R1", PositionM: 0, RegisteredAt: gnT0},
			{Id: "SUWON", Operator: "ex", Route: "R1", PositionM: 30_000, RegisteredAt: gnT0},
		},
		Routes: []types.Route{
			{Id: "R1", Owner: "ex", RegisteredAt: gnT0},
			{Id: "R2", Owner: "pv", RegisteredAt: gnT0},
		},
		Segments: []types.Segment{
			{Route: "R1", StartM: 0, EndM: 40_000, Operator: "ex"},
			{Route: "R1", StartM: 40_000, EndM: 80_000, Operator: "pv"},
			{Route: "R2", StartM: 0, EndM: 10_000, Operator: "pv"},
		},
		Tariffs: []types.Tariff{
			{Operator: "ex", Version: 1, EffectiveFrom: gnT0, Rates: gnRates(900, 50), SetBy: ex},
			{Operator: "ex", Version: 2, EffectiveFrom: gnT0.Add(72 * time.Hour), Rates: gnRates(1000, 60),
				Discounts:           []types.DiscountRate{{Code: types.DiscountCompact, Bps: 5000}, {Code: types.DiscountCommuter, Bps: 2000}},
				CommuterStartMinute: 5 * 60, CommuterEndMinute: 7 * 60, SetBy: ex},
			{Operator: "pv", Version: 1, EffectiveFrom: gnT0, Rates: gnRates(0, 80), SetBy: pv},
		},
		SpendingLimits: []types.SpendingLimit{{Payer: payer, Operator: "ex", Remaining: 100_000, Spent: 3500}},
		Trips:          []types.Trip{t1, t2, t3, t4},
		Batches: []types.TripBatch{
			{Id: 1, PlazaId: "SUWON", Collector: "ex", MerkleRoot: strings.Repeat("b", 64), Count: 10,
				Totals: []types.OperatorAmount{gnShare("ex", 5000), gnShare("pv", 2500)}, Total: 7500, PeriodId: 1, SubmittedAt: gnT0, SubmittedBy: ex,
				DeclaredTotals: []types.OperatorAmount{gnShare("ex", 5000), gnShare("pv", 2500)}},
			{Id: 2, PlazaId: "PYEONG", Collector: "pv", MerkleRoot: strings.Repeat("c", 64), Count: 1,
				Totals: []types.OperatorAmount{gnShare("ex", 400)}, Total: 400, PeriodId: 2, SubmittedAt: gnT0, SubmittedBy: pv,
				DeclaredTotals: []types.OperatorAmount{gnShare("ex", 400)}},
		},
		Periods: []types.Period{
			{Id: 1, Status: types.PeriodSettled, StartTime: gnT0, EndTime: gnT0.Add(24 * time.Hour),
				Participants: []string{"ex", "pv"}, Confirmed: []string{"ex", "pv"}, SettledAt: gnT0.Add(48 * time.Hour), Accrued: 11_000},
			{Id: 2, Status: types.PeriodDisputed, StartTime: gnT0.Add(24 * time.Hour), EndTime: gnT0.Add(48 * time.Hour),
				Participants: []string{"ex", "pv"}, OpenDisputes: 1, Accrued: 3400},
			{Id: 3, Status: types.PeriodSubmitted, StartTime: gnT0.Add(48 * time.Hour), EndTime: gnT0.Add(72 * time.Hour),
				Participants: []string{"ex", "pv"}, Confirmed: []string{"pv"}, Accrued: 1500, ConfirmBy: gnT0.Add(240 * time.Hour)},
			{Id: 4, Status: types.PeriodOpen, StartTime: gnT0.Add(72 * time.Hour), Accrued: 1200},
		},
		Accruals: []types.Accrual{
			{PeriodId: 1, Collector: "ex", Payee: "ex", Amount: 5000},
			{PeriodId: 1, Collector: "ex", Payee: "pv", Amount: 2500},
			{PeriodId: 1, Collector: "pv", Payee: "ex", Amount: 2000},
			{PeriodId: 1, Collector: "pv", Payee: "pv", Amount: 1500},
			{PeriodId: 2, Collector: "ex", Payee: "ex", Amount: 2000, Disputed: 2000},
			{PeriodId: 2, Collector: "ex", Payee: "pv", Amount: 1000, Disputed: 1000},
			{PeriodId: 2, Collector: "pv", Payee: "ex", Amount: 400},
			{PeriodId: 3, Collector: "pv", Payee: "ex", Amount: 800},
			{PeriodId: 3, Collector: "pv", Payee: "pv", Amount: 700},
			{PeriodId: 4, Collector: "ex", Payee: "ex", Amount: 1200},
		},
		Escrows: []types.EscrowEntry{
			{PeriodId: 1, Operator: "ex", Amount: 500},
			{PeriodId: 3, Operator: "pv", Amount: gnEscrowHeld},
		},
		Disputes: []types.Dispute{
			{Id: 1, Kind: types.DisputeMiscollection, Target: types.TargetTrip, TargetId: 3, PeriodId: 4, Collector: "ex",
				OpenedBy: pv, EvidenceDigest: strings.Repeat("d", 64), Amount: 1500, Status: types.DisputeRefunded, Refund: 300,
				Reason: "OVERCHARGED", OpenedAt: gnT0, ResolvedAt: gnT0.Add(time.Hour), ResolvedBy: ex, Respondent: "ex", Disputant: "pv"},
			{Id: 2, Kind: types.DisputeClassMismatch, Target: types.TargetTrip, TargetId: 2, PeriodId: 2, Collector: "ex",
				OpenedBy: payer, Amount: 3000, Status: types.DisputeOpen, OpenedAt: gnT0, Respondent: "ex"},
			{Id: 3, Kind: types.DisputeDuplicate, Target: types.TargetBatch, TargetId: 2, PeriodId: 2, Collector: "pv",
				OpenedBy: ex, Amount: 400, Status: types.DisputeRejected, Reason: "NO_DUPLICATE", OpenedAt: gnT0, ResolvedAt: gnT0, ResolvedBy: pv, Respondent: "pv", Disputant: "ex"},
		},
		NextTripId: 5, NextBatchId: 3, NextDisputeId: 4,
	}
}

// gnInit builds a fixture holding gnGenesis, with the escrow of the unsettled
// periods in the module account.
func gnInit(t *testing.T) testkeeper.TollFixture {
	t.Helper()
	f := testkeeper.TollKeeper(t)
	require.NoError(t, f.Keeper.InitGenesis(f.Ctx, gnGenesis()))
	f.Fund(t, f.Account.GetModuleAddress(types.ModuleName), types.DefaultDenom, gnEscrowHeld)
	return f
}

func gnAccAddr(t *testing.T, s string) sdk.AccAddress {
	t.Helper()
	a, err := sdk.AccAddressFromBech32(s)
	require.NoError(t, err)
	return a
}

// TestGenesisRoundTrip imports gnGenesis, checks the export is identical and
// that InitGenesis rebuilt every index from the records.
func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE
	gs := gnGenesis()
	require.NoError(t, gs.Validate())
	f := testkeeper.TollKeeper(t)
	require.NoError(t, gs.ValidateAddresses(f.Keeper.AddressCodec()))

	// ACT
	require.NoError(t, f.Keeper.InitGenesis(f.Ctx, gs))

	// ASSERT
	exported, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, gnGenesis(), exported)

	k, ctx := f.Keeper, f.Ctx
	require.Equal(t, []collections.Pair[string, string]{
		collections.Join("ex", "SEOUL"), collections.Join("ex", "SUWON"),
		collections.Join("pv", "GANGNEUNG"), collections.Join("pv", "PYEONG"),
	}, testkeeper.KeysOf(t, ctx, k.Plazas.Indexes.ByOperator))
	require.Equal(t, []collections.KeyValue[collections.Pair[string, time.Time], uint64]{
		{Key: collections.Join("ex", gnT0), Value: 1},
		{Key: collections.Join("ex", gnT0.Add(72*time.Hour)), Value: 2},
		{Key: collections.Join("pv", gnT0), Value: 1},
	}, ntTariffTimes(t, ctx, k))
	require.Equal(t, []collections.KeyValue[string, uint64]{{Key: "ex", Value: 2}, {Key: "pv", Value: 1}}, testkeeper.EntriesOf(t, ctx, k.TariffHead))
	require.Equal(t, []collections.Triple[string, uint64, uint64]{
		collections.Join3("PYEONG", uint64(1), uint64(1)), collections.Join3("PYEONG", uint64(3), uint64(4)),
		collections.Join3("SEOUL", uint64(2), uint64(2)), collections.Join3("SUWON", uint64(4), uint64(3)),
	}, testkeeper.KeysOf(t, ctx, k.Trips.Indexes.ByPlaza))
	require.Equal(t, []collections.Pair[uint64, uint64]{
		collections.Join(uint64(1), uint64(1)), collections.Join(uint64(2), uint64(2)),
		collections.Join(uint64(3), uint64(4)), collections.Join(uint64(4), uint64(3)),
	}, testkeeper.KeysOf(t, ctx, k.Trips.Indexes.ByPeriod))
	require.Equal(t, []collections.Pair[sdk.AccAddress, uint64]{collections.Join(gnAccAddr(t, gnAddr("payer")), uint64(2))},
		testkeeper.KeysOf(t, ctx, k.UnpaidTrips), "only trip 2 is UNPAID")
	require.Equal(t, []collections.Pair[uint64, uint64]{collections.Join(uint64(1), uint64(1)), collections.Join(uint64(2), uint64(2))},
		testkeeper.KeysOf(t, ctx, k.Batches.Indexes.ByPeriod))
	require.Equal(t, []collections.Pair[uint64, uint64]{
		collections.Join(uint64(2), uint64(2)), collections.Join(uint64(2), uint64(3)), collections.Join(uint64(4), uint64(1)),
	}, testkeeper.KeysOf(t, ctx, k.Disputes.Indexes.ByPeriod))
	require.Equal(t, []collections.KeyValue[collections.Pair[int32, uint64], uint64]{
		{Key: collections.Join(int32(types.TargetTrip), uint64(2)), Value: 2},
	}, testkeeper.EntriesOf(t, ctx, k.OpenDisputeByTarget), "only dispute 2 is OPEN")
	current, err := k.CurrentPeriod.Get(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(4), current)
	for seq, want := range map[string]uint64{"trip": 4, "batch": 2, "dispute": 3} {
		s := map[string]collections.Sequence{"trip": k.LastTripID, "batch": k.LastBatchID, "dispute": k.LastDisputeID}[seq]
		last, err := s.Peek(ctx)
		require.NoError(t, err)
		require.Equal(t, want, last, "the %s sequence holds the last id issued", seq)
	}

	f.Fund(t, f.Account.GetModuleAddress(types.ModuleName), types.DefaultDenom, gnEscrowHeld)
	require.NoError(t, k.CheckInvariants(ctx), "an imported state keeps every invariant")
}

// TestDefaultGenesisOpensPeriodOne checks a new chain has period 1 OPEN from
// the genesis block time, and nothing else.
func TestDefaultGenesisOpensPeriodOne(t *testing.T) {
	f := testkeeper.TollKeeper(t) // InitGenesis(DefaultGenesis()) at BlockTime

	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)

	want := types.DefaultGenesis()
	want.Periods = []types.Period{{Id: 1, Status: types.PeriodOpen, StartTime: testkeeper.BlockTime}}
	require.Equal(t, want, gs)
	current, err := f.Keeper.CurrentPeriod.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(1), current)
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
	require.NoError(t, gs.Validate(), "the export of a new chain is a valid genesis")
}

func TestInitGenesisRejectsInvalid(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(gs *types.GenesisState)
	}{
		{"next_trip_id 0", func(gs *types.GenesisState) { gs.NextTripId = 0 }},
		{"invalid params", func(gs *types.GenesisState) { gs.Params.Denom = "" }},
		{"accrual off its trips", func(gs *types.GenesisState) { gs.Accruals[0].Amount++ }},
		{"two OPEN periods", func(gs *types.GenesisState) { gs.Periods[2].Status = types.PeriodOpen }},
		{"dispute of an unknown trip", func(gs *types.GenesisState) { gs.Disputes[1].TargetId = 99 }},
		{"payer not a civic address", func(gs *types.GenesisState) { gs.SpendingLimits[0].Payer = "cosmos1notcivic" }},
		{"settlement account not a civic address", func(gs *types.GenesisState) { gs.Operators[1].SettlementAccount = "cosmos1notcivic" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			gs := gnGenesis()
			tc.edit(gs)
			f := testkeeper.TollKeeper(t)
			before, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)

			// ACT
			err = f.Keeper.InitGenesis(f.Ctx, gs)

			// ASSERT
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			after, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "a rejected genesis writes nothing")
			require.Empty(t, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Plazas.Indexes.ByOperator), "nor any index")
			require.Empty(t, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Trips.Indexes.ByPlaza))
		})
	}
}
