package types_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/toll/types"
)

// t0 is the reference time of the genesis tables.
var t0 = sample.Now

func share(op string, amount uint64) types.OperatorAmount {
	return types.OperatorAmount{Operator: op, Amount: amount}
}

func rates(base, perKm uint64) []types.ClassRate {
	out := make([]types.ClassRate, types.VehicleClassMax)
	for i := range out {
		out[i] = types.ClassRate{VehicleClass: uint32(i + 1), BaseFee: base * uint64(i+1), PerKm: perKm * uint64(i+1)}
	}
	return out
}

// validGenesis has two operators (ex: the public corporation, pv: a private
// operator) on route R1 (plazas SEOUL 0 m, SUWON 30 km, PYEONG 60 km; ex owns
// [0, 40 km), pv [40, 80 km)) and a plaza on route R2; ex has two tariff
// versions, pv one; a payer's spending limit with ex. Four periods:
//
//  1. SETTLED: ACCOUNT trip 1 (PAID, collected by pv) and batch 1 (ex); ex
//     escrowed its net -500, kept as a record.
//  2. DISPUTED: ACCOUNT trip 2 (UNPAID, ex) under OPEN dispute 2, so its
//     shares are disputed in the accruals; batch 2 (pv) whose dispute 3 was
//     REJECTED.
//  3. SUBMITTED: OFFCHAIN trip 4 (pv); pv confirmed and escrowed 800.
//  4. OPEN: OFFCHAIN trip 3 (ex) refunded 300 by dispute 1.
func validGenesis() *types.GenesisState {
	ex, pv, payer := sample.Addr("ex"), sample.Addr("pv"), sample.Addr("payer")
	trip := func(id uint64, entry, exit, collector string, period uint64, fare uint64, shares ...types.OperatorAmount) types.Trip {
		return types.Trip{
			Id: id, EntryPlaza: entry, ExitPlaza: exit, VehicleClass: 1,
			EntryTime: t0.Add(time.Duration(id) * time.Hour), ExitTime: t0.Add(time.Duration(id)*time.Hour + 30*time.Minute),
			PaymentMethod: types.PaymentOffchain, PaymentStatus: types.PaymentStatusOffchain,
			VehicleRef: sample.HexDigest("a"), Collector: collector, DistanceM: 60_000, Fare: fare, Shares: shares,
			Tariffs:  []types.TariffRef{{Operator: "ex", Version: 1}, {Operator: "pv", Version: 1}},
			PeriodId: period, RecordedAt: t0, RecordedBy: sample.Addr(collector),
		}
	}

	t1 := trip(1, "SEOUL", "PYEONG", "pv", 1, 3500, share("ex", 2000), share("pv", 1500))
	t1.PaymentMethod, t1.PaymentStatus, t1.Payer = types.PaymentAccount, types.PaymentStatusPaid, payer
	t1.DiscountCodes = []types.DiscountCode{types.DiscountCompact, types.DiscountCommuter}
	t2 := trip(2, "PYEONG", "SEOUL", "ex", 2, 3000, share("ex", 2000), share("pv", 1000))
	t2.PaymentMethod, t2.PaymentStatus, t2.Payer, t2.UnpaidReason = types.PaymentAccount, types.PaymentStatusUnpaid, payer, types.UnpaidNoSpendingLimit
	t3 := trip(3, "SEOUL", "SUWON", "ex", 4, 1200, share("ex", 1200))
	t3.DistanceM, t3.Refunded, t3.Tariffs = 30_000, 300, []types.TariffRef{{Operator: "ex", Version: 2}}
	t4 := trip(4, "SUWON", "PYEONG", "pv", 3, 1500, share("ex", 800), share("pv", 700))
	t4.DistanceM = 30_000

	return &types.GenesisState{
		Params: types.DefaultParams(),
		Operators: []types.Operator{
			{AgencyId: "ex", SettlementAccount: ex, RegisteredAt: t0},
			{AgencyId: "pv", SettlementAccount: pv, RegisteredAt: t0},
		},
		Plazas: []types.Plaza{
			{Id: "GANGNEUNG", Operator: "pv", Route: "R2", PositionM: 0, RegisteredAt: t0},
			{Id: "PYEONG", Operator: "pv", Route: "R1", PositionM: 60_000, RegisteredAt: t0},
			{Id: "SEOUL", Operator: "ex", Route: "R1", PositionM: 0, RegisteredAt: t0},
			{Id: "SUWON", Operator: "ex", Route: "R1", PositionM: 30_000, RegisteredAt: t0},
		},
		Routes: []types.Route{
			{Id: "R1", Owner: "ex", RegisteredAt: t0},
			{Id: "R2", Owner: "pv", RegisteredAt: t0},
		},
		Segments: []types.Segment{
			{Route: "R1", StartM: 0, EndM: 40_000, Operator: "ex"},
			{Route: "R1", StartM: 40_000, EndM: 80_000, Operator: "pv"},
			{Route: "R2", StartM: 0, EndM: 10_000, Operator: "pv"},
		},
		Tariffs: []types.Tariff{
			{Operator: "ex", Version: 1, EffectiveFrom: t0, Rates: rates(900, 50), SetBy: ex},
			{Operator: "ex", Version: 2, EffectiveFrom: t0.Add(72 * time.Hour), Rates: rates(1000, 60),
				Discounts:           []types.DiscountRate{{Code: types.DiscountCompact, Bps: 5000}, {Code: types.DiscountCommuter, Bps: 2000}},
				CommuterStartMinute: 5 * 60, CommuterEndMinute: 7 * 60, SetBy: ex},
			{Operator: "pv", Version: 1, EffectiveFrom: t0, Rates: rates(0, 80), SetBy: pv},
		},
		SpendingLimits: []types.SpendingLimit{{Payer: payer, Operator: "ex", Remaining: 100_000, Spent: 3500}},
		Trips:          []types.Trip{t1, t2, t3, t4},
		Batches: []types.TripBatch{
			{Id: 1, PlazaId: "SUWON", Collector: "ex", MerkleRoot: sample.HexDigest("b"), Count: 10,
				Totals: []types.OperatorAmount{share("ex", 5000), share("pv", 2500)}, Total: 7500, PeriodId: 1, SubmittedAt: t0, SubmittedBy: ex,
				DeclaredTotals: []types.OperatorAmount{share("ex", 5000), share("pv", 2500)}},
			{Id: 2, PlazaId: "PYEONG", Collector: "pv", MerkleRoot: sample.HexDigest("c"), Count: 1,
				Totals: []types.OperatorAmount{share("ex", 400)}, Total: 400, PeriodId: 2, SubmittedAt: t0, SubmittedBy: pv,
				DeclaredTotals: []types.OperatorAmount{share("ex", 400)}},
		},
		Periods: []types.Period{
			{Id: 1, Status: types.PeriodSettled, StartTime: t0, EndTime: t0.Add(24 * time.Hour),
				Participants: []string{"ex", "pv"}, Confirmed: []string{"ex", "pv"}, SettledAt: t0.Add(48 * time.Hour), Accrued: 11_000},
			{Id: 2, Status: types.PeriodDisputed, StartTime: t0.Add(24 * time.Hour), EndTime: t0.Add(48 * time.Hour),
				Participants: []string{"ex", "pv"}, OpenDisputes: 1, Accrued: 3400},
			{Id: 3, Status: types.PeriodSubmitted, StartTime: t0.Add(48 * time.Hour), EndTime: t0.Add(72 * time.Hour),
				Participants: []string{"ex", "pv"}, Confirmed: []string{"pv"}, Accrued: 1500, ConfirmBy: t0.Add(240 * time.Hour)},
			{Id: 4, Status: types.PeriodOpen, StartTime: t0.Add(72 * time.Hour), Accrued: 1200},
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
			{PeriodId: 3, Operator: "pv", Amount: 800},
		},
		Disputes: []types.Dispute{
			{Id: 1, Kind: types.DisputeMiscollection, Target: types.TargetTrip, TargetId: 3, PeriodId: 4, Collector: "ex",
				OpenedBy: sample.Addr("pv"), EvidenceDigest: sample.HexDigest("d"), Amount: 1500, Status: types.DisputeRefunded, Refund: 300,
				Reason: "OVERCHARGED", OpenedAt: t0, ResolvedAt: t0.Add(time.Hour), ResolvedBy: ex, Respondent: "ex", Disputant: "pv"},
			{Id: 2, Kind: types.DisputeClassMismatch, Target: types.TargetTrip, TargetId: 2, PeriodId: 2, Collector: "ex",
				OpenedBy: payer, Amount: 3000, Status: types.DisputeOpen, OpenedAt: t0, Respondent: "ex"},
			{Id: 3, Kind: types.DisputeDuplicate, Target: types.TargetBatch, TargetId: 2, PeriodId: 2, Collector: "pv",
				OpenedBy: ex, Amount: 400, Status: types.DisputeRejected, Reason: "NO_DUPLICATE", OpenedAt: t0, ResolvedAt: t0, ResolvedBy: pv, Respondent: "pv", Disputant: "ex"},
		},
		NextTripId: 5, NextBatchId: 3, NextDisputeId: 4,
	}
}

func TestDefaultGenesis(t *testing.T) {
	gs := types.DefaultGenesis()
	require.NoError(t, gs.Validate())
	require.NoError(t, gs.ValidateAddresses(sample.Codec))
	require.Equal(t, uint64(1), gs.NextTripId)
	require.Empty(t, gs.Periods, "InitGenesis opens period 1")
}

func TestValidGenesis(t *testing.T) {
	gs := validGenesis()
	require.NoError(t, gs.Validate())
	require.NoError(t, gs.ValidateAddresses(sample.Codec))
}

func TestGenesisRejections(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*types.GenesisState)
		msg  string
	}{
		// params and ids
		{"bad params", func(g *types.GenesisState) { g.Params.MaxBatchTrips = 0 }, "max_batch_trips"},
		{"next id zero", func(g *types.GenesisState) { g.NextDisputeId = 0 }, "start at 1"},
		// operators
		{"operator bad id", func(g *types.GenesisState) { g.Operators[0].AgencyId = "e x" }, "operator agency_id"},
		{"operator duplicate", func(g *types.GenesisState) { g.Operators[1].AgencyId = "ex" }, "duplicate operator ex"},
		// plazas
		{"plaza bad id", func(g *types.GenesisState) { g.Plazas[0].Id = strings.Repeat("P", types.MaxPlazaIDLength+1) }, "plaza id must be 1..64"},
		{"plaza duplicate", func(g *types.GenesisState) { g.Plazas[1].Id = "GANGNEUNG" }, "duplicate plaza GANGNEUNG"},
		{"plaza bad route", func(g *types.GenesisState) { g.Plazas[0].Route = strings.Repeat("R", types.MaxRouteLength+1) }, "route must be 1..32"},
		{"plaza beyond 10 000 km", func(g *types.GenesisState) { g.Plazas[0].PositionM = types.MaxPositionM + 1 }, "position_m 10000001"},
		{"plaza operator not registered", func(g *types.GenesisState) { g.Plazas[0].Operator = "zz" }, `plaza GANGNEUNG: operator "zz" is not registered`},
		// routes
		{"route bad id", func(g *types.GenesisState) { g.Routes[0].Id = "R 1" }, "route id"},
		{"route duplicate", func(g *types.GenesisState) { g.Routes[1].Id = "R1" }, "duplicate route R1"},
		{"route owner not registered", func(g *types.GenesisState) { g.Routes[0].Owner = "zz" }, `route R1 owner: operator "zz" is not registered`},
		{"plaza on an unregistered route", func(g *types.GenesisState) { g.Routes = g.Routes[:1] }, `plaza GANGNEUNG: route "R2" is not registered`},
		{"segment on an unregistered route", func(g *types.GenesisState) {
			g.Segments = append(g.Segments, types.Segment{Route: "R9", StartM: 0, EndM: 5, Operator: "pv"})
		}, `segment: route "R9" is not registered`},
		// segments
		{"segment bad route", func(g *types.GenesisState) { g.Segments[2].Route = "R 2" }, "segment route"},
		{"segment empty", func(g *types.GenesisState) { g.Segments[2].EndM = 0 }, "segment R2 [0, 0)"},
		{"segment beyond 10 000 km", func(g *types.GenesisState) { g.Segments[2].EndM = types.MaxPositionM + 1 }, "start < end <= 10000000"},
		{"segment operator not registered", func(g *types.GenesisState) { g.Segments[0].Operator = "zz" }, `segment R1: operator "zz"`},
		{"segments overlap", func(g *types.GenesisState) {
			g.Segments = append(g.Segments, types.Segment{Route: "R1", StartM: 30_000, EndM: 50_000, Operator: "ex"})
		}, "segments R1 [0, 40000) and [30000, 50000) overlap"},
		{"segments with one start", func(g *types.GenesisState) {
			g.Segments = append(g.Segments, types.Segment{Route: "R2", StartM: 0, EndM: 5, Operator: "pv"})
		}, "overlap"},
		// tariffs
		{"tariffs unordered", func(g *types.GenesisState) {
			g.Tariffs[0], g.Tariffs[2] = g.Tariffs[2], g.Tariffs[0]
		}, "ordered by (operator, version)"},
		{"tariff version gap", func(g *types.GenesisState) { g.Tariffs[1].Version = 3 }, "tariff ex: version 3 where 2"},
		{"tariff first version 2", func(g *types.GenesisState) { g.Tariffs = g.Tariffs[1:] }, "tariff ex: version 2 where 1"},
		{"tariff takes effect before its predecessor", func(g *types.GenesisState) { g.Tariffs[1].EffectiveFrom = t0 }, "is not after version 1's"},
		{"tariff bad body", func(g *types.GenesisState) { g.Tariffs[2].Rates = g.Tariffs[2].Rates[:4] }, "tariff pv version 1: rates"},
		{"tariff bad discount", func(g *types.GenesisState) { g.Tariffs[1].Discounts[0].Bps = 0 }, "bps must be 1..10000"},
		{"tariff operator not registered", func(g *types.GenesisState) {
			g.Tariffs = append(g.Tariffs, types.Tariff{Operator: "zz", Version: 1, Rates: rates(1, 1)})
		}, `tariff: operator "zz"`},
		// spending limits
		{"spending limit duplicate", func(g *types.GenesisState) {
			g.SpendingLimits = append(g.SpendingLimits, g.SpendingLimits[0])
		}, "duplicate spending limit"},
		{"spending limit operator not registered", func(g *types.GenesisState) { g.SpendingLimits[0].Operator = "zz" }, `operator "zz" is not registered`},
		{"spending limit exhausted", func(g *types.GenesisState) { g.SpendingLimits[0].Remaining = 0 }, "remaining is 0"},
		// trips
		{"trip id zero", func(g *types.GenesisState) { g.Trips[0].Id = 0 }, "trip id 0 must be in 1..4"},
		{"trip id at next", func(g *types.GenesisState) { g.NextTripId = 4 }, "trip id 4 must be in 1..3"},
		{"trip duplicate", func(g *types.GenesisState) { g.Trips[3].Id = 3 }, "duplicate trip id 3"},
		{"trip unknown entry plaza", func(g *types.GenesisState) { g.Trips[0].EntryPlaza = "NOWHERE" }, `unknown entry plaza "NOWHERE"`},
		{"trip unknown exit plaza", func(g *types.GenesisState) { g.Trips[0].ExitPlaza = "NOWHERE" }, `unknown exit plaza "NOWHERE"`},
		{"trip across routes", func(g *types.GenesisState) { g.Trips[0].EntryPlaza = "GANGNEUNG" }, "different plazas of one route"},
		{"trip entry is exit", func(g *types.GenesisState) { g.Trips[0].EntryPlaza = "PYEONG" }, "different plazas of one route"},
		{"trip distance wrong", func(g *types.GenesisState) { g.Trips[0].DistanceM = 1 }, "distance_m 1, but the plazas are 60000 m apart"},
		{"trip collector not the exit operator", func(g *types.GenesisState) { g.Trips[0].Collector = "ex" }, `collector "ex" is not exit plaza PYEONG's operator "pv"`},
		{"trip bad class", func(g *types.GenesisState) { g.Trips[0].VehicleClass = 6 }, "vehicle_class 6"},
		{"trip repeated discount", func(g *types.GenesisState) {
			g.Trips[0].DiscountCodes = []types.DiscountCode{types.DiscountCompact, types.DiscountCompact}
		}, "repeated"},
		{"trip bad vehicle_ref", func(g *types.GenesisState) { g.Trips[0].VehicleRef = sample.HexDigest("A") }, "vehicle_ref \"" + sample.HexDigest("A") + "\" is not lowercase hex"},
		{"trip exits before entering", func(g *types.GenesisState) { g.Trips[0].ExitTime = t0 }, "before entry_time"},
		{"trip recorded twice", func(g *types.GenesisState) {
			dup := g.Trips[3]
			dup.Id = g.NextTripId
			g.NextTripId++
			g.Trips = append(g.Trips, dup)
		}, "trips 4 and 5 record the same trip (exit plaza PYEONG"},
		{"trip shares unsorted", func(g *types.GenesisState) {
			s := g.Trips[0].Shares
			s[0], s[1] = s[1], s[0]
		}, `trip 1: trip shares must be sorted by operator without repeats: "ex" follows "pv"`},
		{"trip share repeated", func(g *types.GenesisState) { g.Trips[0].Shares[1].Operator = "ex" }, "without repeats"},
		{"trip share zero", func(g *types.GenesisState) {
			g.Trips[2].Shares = append(g.Trips[2].Shares, share("pv", 0))
		}, "trip shares: amount of pv is 0"},
		{"trip share of no operator", func(g *types.GenesisState) { g.Trips[2].Shares[0].Operator = "zz" }, `trip shares: operator "zz"`},
		{"trip shares off the fare", func(g *types.GenesisState) { g.Trips[0].Fare = 3501 }, "trip shares sum to 3500, not 3501"},
		{"trip shares overflow", func(g *types.GenesisState) {
			g.Trips[0].Shares[0].Amount, g.Trips[0].Shares[1].Amount = math.MaxUint64, 1
		}, "overflows"},
		{"trip unknown tariff", func(g *types.GenesisState) { g.Trips[2].Tariffs[0].Version = 3 }, "unknown tariff ex version 3"},
		{"trip unknown period", func(g *types.GenesisState) { g.Trips[2].PeriodId = 5 }, "trip 3: unknown period 5"},
		{"ACCOUNT trip without payer", func(g *types.GenesisState) { g.Trips[0].Payer = "" }, "an ACCOUNT trip has a payer"},
		{"ACCOUNT trip marked OFFCHAIN", func(g *types.GenesisState) { g.Trips[0].PaymentStatus = types.PaymentStatusOffchain }, "is PAID or UNPAID"},
		{"OFFCHAIN trip with payer", func(g *types.GenesisState) { g.Trips[2].Payer = sample.Addr("payer") }, "an OFFCHAIN trip has no payer"},
		{"OFFCHAIN trip marked PAID", func(g *types.GenesisState) { g.Trips[2].PaymentStatus = types.PaymentStatusPaid }, "an OFFCHAIN trip has no payer and is OFFCHAIN"},
		{"trip without payment method", func(g *types.GenesisState) { g.Trips[2].PaymentMethod = types.PaymentUnspecified }, "invalid payment_method"},
		{"UNPAID trip without reason", func(g *types.GenesisState) { g.Trips[1].UnpaidReason = types.UnpaidReasonUnspecified }, "is set exactly for UNPAID trips"},
		{"PAID trip with a reason", func(g *types.GenesisState) { g.Trips[0].UnpaidReason = types.UnpaidLimitExceeded }, "is set exactly for UNPAID trips"},
		{"UNPAID trip with an unknown reason", func(g *types.GenesisState) { g.Trips[1].UnpaidReason = 9 }, "is set exactly for UNPAID trips"},
		// batches
		{"batch id at next", func(g *types.GenesisState) { g.NextBatchId = 2 }, "batch id 2 must be in 1..1"},
		{"batch duplicate", func(g *types.GenesisState) { g.Batches[1].Id = 1 }, "duplicate batch id 1"},
		{"batch unknown plaza", func(g *types.GenesisState) { g.Batches[0].PlazaId = "NOWHERE" }, `batch 1: unknown plaza "NOWHERE"`},
		{"batch collector not the plaza operator", func(g *types.GenesisState) { g.Batches[0].Collector = "pv" }, `collector "pv" is not plaza SUWON's operator "ex"`},
		{"batch bad merkle root", func(g *types.GenesisState) { g.Batches[0].MerkleRoot = "00" }, "merkle_root must be 64"},
		{"batch empty", func(g *types.GenesisState) { g.Batches[0].Count = 0 }, "batch 1: count is 0"},
		{"batch totals unsorted", func(g *types.GenesisState) {
			s := g.Batches[0].Totals
			s[0], s[1] = s[1], s[0]
		}, "batch totals must be sorted"},
		{"batch total zero", func(g *types.GenesisState) { g.Batches[1].Totals[0].Amount, g.Batches[1].Total = 0, 0 }, "batch totals: amount of ex is 0"},
		{"batch totals off the total", func(g *types.GenesisState) { g.Batches[0].Total = 7000 }, "batch totals sum to 7500, not 7000"},
		{"batch unknown period", func(g *types.GenesisState) { g.Batches[0].PeriodId = 9 }, "batch 1: unknown period 9"},
		{"batch declared totals off total + refunded", func(g *types.GenesisState) { g.Batches[0].DeclaredTotals[0].Amount++ }, "batch 1: batch declared totals sum to 7501, not 7500"},
		{"batch declared totals unsorted", func(g *types.GenesisState) {
			d := g.Batches[0].DeclaredTotals
			d[0], d[1] = d[1], d[0]
		}, "batch declared totals must be sorted by operator"},
		// periods
		{"period id gap", func(g *types.GenesisState) { g.Periods[3].Id = 5 }, "periods[3] has id 5, want 4"},
		{"no period OPEN", func(g *types.GenesisState) { g.Periods[3].Status = types.PeriodSubmitted }, "period 4 is PERIOD_STATUS_SUBMITTED: exactly the last period is OPEN"},
		{"earlier period OPEN", func(g *types.GenesisState) { g.Periods[2].Status = types.PeriodOpen }, "period 3 is PERIOD_STATUS_OPEN: exactly the last"},
		{"period unknown status", func(g *types.GenesisState) { g.Periods[0].Status = types.PeriodUnspecified }, "period 1: invalid status"},
		{"participants unsorted", func(g *types.GenesisState) { g.Periods[1].Participants = []string{"pv", "ex"} }, "period participants must be sorted"},
		{"participant not registered", func(g *types.GenesisState) { g.Periods[1].Participants = []string{"ex", "pv", "zz"} }, `period participant: operator "zz"`},
		{"confirmed unsorted", func(g *types.GenesisState) { g.Periods[0].Confirmed = []string{"pv", "ex"} }, "period confirmed must be sorted"},
		{"confirmed not a participant", func(g *types.GenesisState) { g.Periods[2].Participants = []string{"ex"} }, "period 3: pv confirmed but is not a participant"},
		// disputes
		{"dispute id at next", func(g *types.GenesisState) { g.NextDisputeId = 3 }, "dispute id 3 must be in 1..2"},
		{"dispute duplicate", func(g *types.GenesisState) { g.Disputes[2].Id = 2 }, "duplicate dispute id 2"},
		{"dispute bad kind", func(g *types.GenesisState) { g.Disputes[0].Kind = types.DisputeKindUnspecified }, "dispute 1: invalid kind"},
		{"dispute unknown trip", func(g *types.GenesisState) { g.Disputes[0].TargetId = 9 }, "dispute 1: unknown target DISPUTE_TARGET_TRIP 9"},
		{"dispute unknown batch", func(g *types.GenesisState) { g.Disputes[2].TargetId = 9 }, "dispute 3: unknown target DISPUTE_TARGET_BATCH 9"},
		{"dispute target kind unspecified", func(g *types.GenesisState) { g.Disputes[0].Target = types.TargetUnspecified }, "unknown target DISPUTE_TARGET_UNSPECIFIED"},
		{"dispute in another period", func(g *types.GenesisState) { g.Disputes[0].PeriodId = 3 }, "dispute 1: period 3, but its target is in period 4"},
		{"dispute names another collector", func(g *types.GenesisState) { g.Disputes[2].Collector = "ex" }, `dispute 3: collector "ex", but its target's collector is "pv"`},
		{"dispute without opener", func(g *types.GenesisState) { g.Disputes[1].OpenedBy = "" }, "dispute 2: opened_by is empty"},
		{"dispute bad evidence digest", func(g *types.GenesisState) { g.Disputes[0].EvidenceDigest = "x" }, "evidence_digest"},
		{"dispute unknown status", func(g *types.GenesisState) { g.Disputes[2].Status = types.DisputeStatusUnspecified }, "dispute 3: invalid status"},
		{"OPEN dispute with a refund", func(g *types.GenesisState) { g.Disputes[1].Refund = 1 }, "dispute 2 is OPEN with refund 1"},
		{"OPEN dispute resolved", func(g *types.GenesisState) { g.Disputes[1].ResolvedBy = sample.Addr("ex") }, "dispute 2 is OPEN with refund 0"},
		{"OPEN dispute off its target", func(g *types.GenesisState) { g.Disputes[1].Amount = 2999 }, "dispute 2 is OPEN for 2999, but its target's disputed shares amount to 3000"},
		{"REFUNDED without refund", func(g *types.GenesisState) { g.Disputes[0].Refund = 0 }, "dispute 1 is REFUNDED with refund 0"},
		{"REFUNDED beyond the amount", func(g *types.GenesisState) { g.Disputes[0].Refund = 1501 }, "dispute 1 refunds 1501, more than the disputed 1500"},
		{"REFUNDED with a bad reason", func(g *types.GenesisState) { g.Disputes[0].Reason = "over charged" }, "dispute 1: reason"},
		{"REJECTED with a refund", func(g *types.GenesisState) { g.Disputes[2].Refund = 1 }, "dispute 3 is REJECTED with refund 1"},
		{"REJECTED without reason", func(g *types.GenesisState) { g.Disputes[2].Reason = "" }, "reason must be 1..64"},
		{"resolved without resolver", func(g *types.GenesisState) { g.Disputes[2].ResolvedBy = "" }, "dispute 3 is DISPUTE_STATUS_REJECTED without resolved_by"},
		{"two OPEN disputes on one trip", func(g *types.GenesisState) {
			d := g.Disputes[1]
			d.Id = 4
			g.Disputes = append(g.Disputes, d)
			g.NextDisputeId = 5
		}, "disputes 2 and 4 are both on DISPUTE_TARGET_TRIP 2 (a target has one dispute)"},
		{"open_disputes miscounted", func(g *types.GenesisState) { g.Periods[1].OpenDisputes = 2 }, "period 2: open_disputes is 2 but 1"},
		{"DISPUTED period without open dispute", func(g *types.GenesisState) { g.Periods[2].Status = types.PeriodDisputed }, "period 3 is DISPUTED without an open dispute"},
		{"trip refunded off its disputes", func(g *types.GenesisState) { g.Trips[2].Refunded = 0 }, "trip 3: refunded is 0 but its disputes refund 300"},
		{"batch refunded off its disputes", func(g *types.GenesisState) {
			g.Batches[1].Refunded, g.Batches[1].DeclaredTotals[0].Amount = 1, 401
		}, "batch 2: refunded is 1 but its disputes refund 0"},
		// accruals
		{"accrual duplicate", func(g *types.GenesisState) { g.Accruals = append(g.Accruals, g.Accruals[0]) }, "duplicate accrual (1, ex, ex)"},
		{"accrual unknown period", func(g *types.GenesisState) {
			g.Accruals = append(g.Accruals, types.Accrual{PeriodId: 7, Collector: "ex", Payee: "ex"})
		}, "accrual (7, ex, ex): unknown period 7"},
		{"accrual collector not registered", func(g *types.GenesisState) {
			g.Accruals = append(g.Accruals, types.Accrual{PeriodId: 4, Collector: "zz", Payee: "ex"})
		}, `accrual collector: operator "zz"`},
		{"SUBMITTED period without confirm_by", func(g *types.GenesisState) { g.Periods[2].ConfirmBy = time.Time{} }, "period 3 is SUBMITTED without confirm_by"},
		{"accrual disputed beyond amount", func(g *types.GenesisState) { g.Accruals[6].Disputed = 401 }, "accrual (2, pv, ex): disputed 401 and settled_late 0 exceed amount 400"},
		{"accrual off the trips and batches", func(g *types.GenesisState) { g.Accruals[0].Amount = 4999 }, "accrual (1, ex, ex) is 4999 but the period's trips and batches accrue 5000"},
		{"accrual of nothing", func(g *types.GenesisState) {
			g.Accruals = append(g.Accruals, types.Accrual{PeriodId: 4, Collector: "pv", Payee: "pv", Amount: 1})
		}, "accrual (4, pv, pv) is 1 but the period's trips and batches accrue 0"},
		{"accrual disputed off the open disputes", func(g *types.GenesisState) { g.Accruals[5].Disputed = 0 }, "accrual (2, ex, pv) has 0 disputed but its open disputes hold 1000"},
		{"share without accrual", func(g *types.GenesisState) { g.Accruals = g.Accruals[:len(g.Accruals)-1] }, "trip 3: no accrual (4, ex, ex)"},
		{"batch total without accrual", func(g *types.GenesisState) { g.Accruals = append(g.Accruals[:6], g.Accruals[7:]...) }, "batch 2: no accrual (2, pv, ex)"},
		// escrows
		{"escrow duplicate", func(g *types.GenesisState) { g.Escrows = append(g.Escrows, g.Escrows[1]) }, "duplicate escrow of pv in period 3"},
		{"escrow unknown period", func(g *types.GenesisState) { g.Escrows[1].PeriodId = 8 }, "escrow of pv: unknown period 8"},
		{"escrow of a non-participant", func(g *types.GenesisState) { g.Escrows[1].PeriodId = 4 }, "escrow of pv in period 4: not a participant"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis()
			tc.mod(gs)
			err := gs.Validate()
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestGenesisAddressRejections(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*types.GenesisState)
		msg  string
	}{
		{"operator without settlement account", func(g *types.GenesisState) { g.Operators[0].SettlementAccount = "" }, "operator ex has no settlement account"},
		{"settlement account of another chain", func(g *types.GenesisState) { g.Operators[0].SettlementAccount = "cosmos1notcivic" }, "operator ex: address"},
		{"tariff set_by not an address", func(g *types.GenesisState) { g.Tariffs[0].SetBy = "x" }, "tariff set_by"},
		{"spending limit without payer", func(g *types.GenesisState) { g.SpendingLimits[0].Payer = "" }, "spending limit without payer"},
		{"payer not canonical", func(g *types.GenesisState) { g.SpendingLimits[0].Payer = strings.ToUpper(sample.Addr("payer")) }, "not in canonical form"},
		{"ACCOUNT trip without payer", func(g *types.GenesisState) { g.Trips[0].Payer = "" }, "ACCOUNT trip 1 without payer"},
		{"trip recorded_by not an address", func(g *types.GenesisState) { g.Trips[0].RecordedBy = "x" }, "trip recorded_by"},
		{"batch submitted_by not an address", func(g *types.GenesisState) { g.Batches[0].SubmittedBy = "x" }, "batch submitted_by"},
		{"dispute opened_by not an address", func(g *types.GenesisState) { g.Disputes[0].OpenedBy = "x" }, "dispute opened_by"},
		{"dispute resolved_by not an address", func(g *types.GenesisState) { g.Disputes[0].ResolvedBy = "x" }, "dispute resolved_by"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis()
			tc.mod(gs)
			err := gs.ValidateAddresses(sample.Codec)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.Contains(t, err.Error(), tc.msg)
		})
	}
}
