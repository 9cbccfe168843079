package keeper_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// quote runs Keeper.QuoteFare for two fixture plazas.
func (f *ntFixture) quote(entry, exit string, class uint32, codes []types.DiscountCode, exitTime time.Time) (keeper.FareQuote, error) {
	f.t.Helper()
	en, err := f.Keeper.Plazas.Get(f.Ctx, entry)
	require.NoError(f.t, err)
	ex, err := f.Keeper.Plazas.Get(f.Ctx, exit)
	require.NoError(f.t, err)
	return f.Keeper.QuoteFare(f.Ctx, en, ex, class, codes, exitTime)
}

func ntShares(kv ...any) []types.OperatorAmount {
	var out []types.OperatorAmount
	for i := 0; i < len(kv); i += 2 {
		out = append(out, types.OperatorAmount{Operator: kv[i].(string), Amount: uint64(kv[i+1].(int))})
	}
	return out
}

func ntRefs(kv ...any) []types.TariffRef {
	var out []types.TariffRef
	for i := 0; i < len(kv); i += 2 {
		out = append(out, types.TariffRef{Operator: kv[i].(string), Version: uint64(kv[i+1].(int))})
	}
	return out
}

// R1-SEOUL (0 m, kec) -> R1-OSAN (50 000 m, prv): kec's 30 000 m, prv's 20 000 m, prv collects.
func TestQuoteFareTwoOperatorsByClass(t *testing.T) {
	cases := []struct {
		class    uint32
		kec, prv int
	}{
		// kec: 30 000 m x per_km / 1000      prv: 20 000 m x per_km / 1000 + base (collector)
		{1, 13_290, 18_940}, // 30 x 443 = 13 290     20 x  887 = 17 740 + 1 200 = 18 940   fare 32 230
		{2, 13_560, 19_330}, // 30 x 452 = 13 560     20 x  904 = 18 080 + 1 250 = 19 330   fare 32 890
		{3, 14_100, 20_100}, // 30 x 470 = 14 100     20 x  940 = 18 800 + 1 300 = 20 100   fare 34 200
		{4, 18_870, 26_560}, // 30 x 629 = 18 870     20 x 1258 = 25 160 + 1 400 = 26 560   fare 45 430
		{5, 22_320, 31_260}, // 30 x 744 = 22 320     20 x 1488 = 29 760 + 1 500 = 31 260   fare 53 580
	}
	f := ntNetwork(t)
	for _, tc := range cases {
		// ACT
		q, err := f.quote("R1-SEOUL", "R1-OSAN", tc.class, nil, ntExit)

		// ASSERT
		require.NoError(t, err, "class %d", tc.class)
		require.Equal(t, keeper.FareQuote{
			DistanceM: 50_000,
			Fare:      uint64(tc.kec + tc.prv),
			Shares:    ntShares(ntKec, tc.kec, ntPrv, tc.prv),
			Tariffs:   ntRefs(ntKec, 1, ntPrv, 1),
			Collector: ntPrv,
		}, q, "class %d", tc.class)
	}
	q1, _ := f.quote("R1-SEOUL", "R1-OSAN", 1, nil, ntExit)
	q5, _ := f.quote("R1-SEOUL", "R1-OSAN", 5, nil, ntExit)
	require.Equal(t, uint64(32_230), q1.Fare)
	require.Equal(t, uint64(53_580), q5.Fare)
}

func TestQuoteFareRoutesAndDirections(t *testing.T) {
	cases := []struct {
		name        string
		entry, exit string
		class       uint32
		want        keeper.FareQuote
	}{
		{
			// kec collects: kec 30 x 443 = 13 290 + base 900 = 14 190; prv 20 x 887 = 17 740 (no base)
			"reverse: OSAN -> SEOUL, kec collects", "R1-OSAN", "R1-SEOUL", 1,
			keeper.FareQuote{DistanceM: 50_000, Fare: 31_930, Shares: ntShares(ntKec, 14_190, ntPrv, 17_740), Tariffs: ntRefs(ntKec, 1, ntPrv, 1), Collector: ntKec},
		},
		{
			// only kec's road: 20 x 443 = 8 860 + 900 = 9 760; prv's tariff is not used
			"one operator: SEOUL -> SUWON", "R1-SEOUL", "R1-SUWON", 1,
			keeper.FareQuote{DistanceM: 20_000, Fare: 9_760, Shares: ntShares(ntKec, 9_760), Tariffs: ntRefs(ntKec, 1), Collector: ntKec},
		},
		{
			// kec 10 x 443 = 4 430; prv 17 740 + 1 200 = 18 940
			"SUWON -> OSAN", "R1-SUWON", "R1-OSAN", 1,
			keeper.FareQuote{DistanceM: 30_000, Fare: 23_370, Shares: ntShares(ntKec, 4_430, ntPrv, 18_940), Tariffs: ntRefs(ntKec, 1, ntPrv, 1), Collector: ntPrv},
		},
		{
			// the collector owns none of the 10 000 m: kec 10 x 443 = 4 430; prv only its base fee 1 200
			"collector without road: SEOUL -> HWASEONG (prv's plaza on kec's road)", "R1-SEOUL", "R1-HWASEONG", 1,
			keeper.FareQuote{DistanceM: 10_000, Fare: 5_630, Shares: ntShares(ntKec, 4_430, ntPrv, 1_200), Tariffs: ntRefs(ntKec, 1, ntPrv, 1), Collector: ntPrv},
		},
		{
			// and the other way, kec collects its own stretch: 4 430 + 900 = 5 330; prv has no part
			"HWASEONG -> SEOUL", "R1-HWASEONG", "R1-SEOUL", 1,
			keeper.FareQuote{DistanceM: 10_000, Fare: 5_330, Shares: ntShares(ntKec, 5_330), Tariffs: ntRefs(ntKec, 1), Collector: ntKec},
		},
		{
			// per-km floor: kec 30 000 - 12 345 = 17 655 m x 443 = 7 821 165 / 1000 = 7 821.165 -> 7 821; prv 18 940
			"rounding: GIHEUNG -> OSAN", "R1-GIHEUNG", "R1-OSAN", 1,
			keeper.FareQuote{DistanceM: 37_655, Fare: 26_761, Shares: ntShares(ntKec, 7_821, ntPrv, 18_940), Tariffs: ntRefs(ntKec, 1, ntPrv, 1), Collector: ntPrv},
		},
		{
			// per-km floor: 12 345 m x 452 = 5 579 940 / 1000 = 5 579.94 -> 5 579 (not 5 580) + 900 = 6 479
			"rounding: SEOUL -> GIHEUNG class 2", "R1-SEOUL", "R1-GIHEUNG", 2,
			keeper.FareQuote{DistanceM: 12_345, Fare: 6_479, Shares: ntShares(ntKec, 6_479), Tariffs: ntRefs(ntKec, 1), Collector: ntKec},
		},
		{
			// the other route: kec class 4, 15 000 m x 629 / 1000 = 9 435 + 900 = 10 335
			"route R2, class 4", "R2-INCHEON", "R2-BUPYEONG", 4,
			keeper.FareQuote{DistanceM: 15_000, Fare: 10_335, Shares: ntShares(ntKec, 10_335), Tariffs: ntRefs(ntKec, 1), Collector: ntKec},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := ntNetwork(t)
			// ACT
			q, err := f.quote(tc.entry, tc.exit, tc.class, nil, ntExit)
			// ASSERT
			require.NoError(t, err)
			require.Equal(t, tc.want, q)
		})
	}
}

// R1-SEOUL -> R1-OSAN, class 1, exiting at 20:00 KST (outside both commuter
// windows): undiscounted kec 13 290, prv 18 940.
func TestQuoteFareDiscounts(t *testing.T) {
	c := func(codes ...types.DiscountCode) []types.DiscountCode { return codes }
	cases := []struct {
		name     string
		codes    []types.DiscountCode
		kec, prv int
	}{
		{"none", nil, 13_290, 18_940},
		// 13 290 x 5000 / 10000 = 6 645 off; 18 940 x 5000 / 10000 = 9 470 off
		{"COMPACT 50%", c(types.DiscountCompact), 6_645, 9_470},
		// 13 290 x 3000 / 10000 = 3 987 off -> 9 303; 18 940 x 0.3 = 5 682 off -> 13 258
		{"ECO_FRIENDLY 30%", c(types.DiscountEcoFriendly), 9_303, 13_258},
		// the largest wins, not 50% + 30% (which would be 2 658 and 3 788)
		{"COMPACT and ECO_FRIENDLY do not stack", c(types.DiscountEcoFriendly, types.DiscountCompact), 6_645, 9_470},
		// COMMUTER does not count at 20:00 KST, ECO does
		{"ECO_FRIENDLY and COMMUTER outside the window", c(types.DiscountCommuter, types.DiscountEcoFriendly), 9_303, 13_258},
		{"COMMUTER outside the window", c(types.DiscountCommuter), 13_290, 18_940},
		// neither tariff gives DISABLED anything
		{"DISABLED, which no tariff gives", c(types.DiscountDisabled), 13_290, 18_940},
		{"DISABLED and COMPACT", c(types.DiscountDisabled, types.DiscountCompact), 6_645, 9_470},
	}
	f := ntNetwork(t)
	for _, tc := range cases {
		// ACT
		q, err := f.quote("R1-SEOUL", "R1-OSAN", 1, tc.codes, ntExit)
		// ASSERT
		require.NoError(t, err, tc.name)
		require.Equal(t, ntShares(ntKec, tc.kec, ntPrv, tc.prv), q.Shares, tc.name)
		require.Equal(t, uint64(tc.kec+tc.prv), q.Fare, tc.name)
	}
}

func TestQuoteFareDiscountRoundsDown(t *testing.T) {
	// ARRANGE
	f := ntNetwork(t)

	// ACT: GIHEUNG -> OSAN class 1 COMPACT
	q, err := f.quote("R1-GIHEUNG", "R1-OSAN", 1, []types.DiscountCode{types.DiscountCompact}, ntExit)

	// ASSERT: kec 7 821 x 5000 / 10000 = 3 910.5 -> 3 910 off -> 3 911 (operators' favour)
	//         prv 18 940 -> 9 470 off -> 9 470; fare 13 381
	require.NoError(t, err)
	require.Equal(t, ntShares(ntKec, 3_911, ntPrv, 9_470), q.Shares)
	require.Equal(t, uint64(13_381), q.Fare)
}

// COMMUTER 2000 bps counts only when the exit time in KST (UTC+9) falls in the
// tariff's own window: kec [05:00, 07:00), prv [06:00, 08:00).
// R1-SEOUL -> R1-OSAN class 1: kec 13 290 -> 13 290 - 2 658 = 10 632 inside,
// prv 18 940 -> 18 940 - 3 788 = 15 152 inside.
func TestQuoteFareCommuterWindow(t *testing.T) {
	cases := []struct {
		name     string
		exit     time.Time
		kec, prv int
	}{
		{"04:59 KST: before both", ntKSTTime(4, 59), 13_290, 18_940},
		{"05:00 KST: kec's window opens (inclusive)", ntKSTTime(5, 0), 10_632, 18_940},
		{"05:30 KST: kec only", ntKSTTime(5, 30), 10_632, 18_940},
		{"06:00 KST: both", ntKSTTime(6, 0), 10_632, 15_152},
		{"06:59 KST: both", ntKSTTime(6, 59), 10_632, 15_152},
		{"07:00 KST: kec's window closed (exclusive), prv's open", ntKSTTime(7, 0), 13_290, 15_152},
		{"07:59 KST: prv only", ntKSTTime(7, 59), 13_290, 15_152},
		{"08:00 KST: after both", ntKSTTime(8, 0), 13_290, 18_940},
		// 06:30 UTC is 15:30 KST: the window is in KST, not UTC
		{"06:30 UTC = 15:30 KST: none", time.Date(2026, time.January, 2, 6, 30, 0, 0, time.UTC), 13_290, 18_940},
		// 21:30 UTC on Jan 1 is 06:30 KST on Jan 2
		{"21:30 UTC the day before = 06:30 KST: both", time.Date(2026, time.January, 1, 21, 30, 0, 0, time.UTC), 10_632, 15_152},
	}
	f := ntNetwork(t)
	for _, tc := range cases {
		// ACT
		q, err := f.quote("R1-SEOUL", "R1-OSAN", 1, []types.DiscountCode{types.DiscountCommuter}, tc.exit)
		// ASSERT
		require.NoError(t, err, tc.name)
		require.Equal(t, ntShares(ntKec, tc.kec, ntPrv, tc.prv), q.Shares, tc.name)
		require.Equal(t, uint64(tc.kec+tc.prv), q.Fare, tc.name)
	}

	// ECO_FRIENDLY 30% beats COMMUTER 20% inside both windows: 9 303 + 13 258
	q, err := f.quote("R1-SEOUL", "R1-OSAN", 1, []types.DiscountCode{types.DiscountEcoFriendly, types.DiscountCommuter}, ntKSTTime(6, 30))
	require.NoError(t, err)
	require.Equal(t, ntShares(ntKec, 9_303, ntPrv, 13_258), q.Shares)
}

func TestQuoteFareTariffVersionAtExitTime(t *testing.T) {
	// ARRANGE: kec v2 from ntNow+1h: class 1 base 1 000, per_km 500
	f := ntNetwork(t)
	from := ntNow.Add(time.Hour)
	v2 := ntKecMsgTariff(f, from)
	v2.Rates[0] = types.ClassRate{VehicleClass: 1, BaseFee: 1_000, PerKm: 500}
	require.Equal(t, uint64(2), f.tariff(v2))

	// ACT
	before, err1 := f.quote("R1-SEOUL", "R1-OSAN", 1, nil, from.Add(-time.Nanosecond))
	at, err2 := f.quote("R1-SEOUL", "R1-OSAN", 1, nil, from)
	reverse, err3 := f.quote("R1-OSAN", "R1-SEOUL", 1, nil, from.Add(time.Hour))

	// ASSERT
	require.NoError(t, err1)
	require.NoError(t, err2)
	require.NoError(t, err3)
	// v1: 13 290 + 18 940
	require.Equal(t, uint64(32_230), before.Fare)
	require.Equal(t, ntRefs(ntKec, 1, ntPrv, 1), before.Tariffs)
	// v2 from effective_from on: kec 30 x 500 = 15 000; prv 18 940; fare 33 940
	require.Equal(t, ntShares(ntKec, 15_000, ntPrv, 18_940), at.Shares)
	require.Equal(t, uint64(33_940), at.Fare)
	require.Equal(t, ntRefs(ntKec, 2, ntPrv, 1), at.Tariffs)
	// v2's base fee for kec as collector: 15 000 + 1 000 = 16 000; prv 17 740; fare 33 740
	require.Equal(t, ntShares(ntKec, 16_000, ntPrv, 17_740), reverse.Shares)
	require.Equal(t, uint64(33_740), reverse.Fare)
}

func TestQuoteFareSegmentsPerOperatorAndLimit(t *testing.T) {
	// ARRANGE: route R5 kec [0, 10 000), prv [10 000, 20 000), kec [20 000, 30 000)
	f := ntNetwork(t)
	f.route(ntKecOp, "R5")
	f.segment(ntKecOp, "R5", 0, 10_000)
	f.segmentFor(ntKecOp, "R5", 10_000, 20_000, ntPrv)
	f.segment(ntKecOp, "R5", 20_000, 30_000)
	f.plaza(ntKecOp, "R5-A", "R5", 0)
	f.plaza(ntKecOp, "R5-B", "R5", 30_000)
	f.plaza(ntKecOp, "R5-C", "R5", 20_000)

	// ACT 1: three segments, max 3
	f.setParams(func(p *types.Params) { p.MaxSegmentsPerTrip = 3 })
	q, err := f.quote("R5-A", "R5-B", 1, nil, ntExit)

	// ASSERT 1: kec's two segments add up: 20 000 m x 443 = 8 860 + 900 = 9 760; prv 10 x 887 = 8 870
	require.NoError(t, err)
	require.Equal(t, ntShares(ntKec, 9_760, ntPrv, 8_870), q.Shares)
	require.Equal(t, uint64(18_630), q.Fare)

	// ACT 2: max 2
	f.setParams(func(p *types.Params) { p.MaxSegmentsPerTrip = 2 })
	_, err = f.quote("R5-A", "R5-B", 1, nil, ntExit)
	// ASSERT 2
	require.ErrorIs(t, err, types.ErrTooMany)
	// up to 20 000 m only two segments are crossed ([20 000, 30 000) starts at the exit):
	// kec 10 x 443 = 4 430 + 900 = 5 330; prv 10 x 887 = 8 870
	q, err = f.quote("R5-A", "R5-C", 1, nil, ntExit)
	require.NoError(t, err)
	require.Equal(t, ntShares(ntKec, 5_330, ntPrv, 8_870), q.Shares)

	// ACT 3: max 1 on R1
	f.setParams(func(p *types.Params) { p.MaxSegmentsPerTrip = 1 })
	_, err = f.quote("R1-SEOUL", "R1-OSAN", 1, nil, ntExit)
	// ASSERT 3
	require.ErrorIs(t, err, types.ErrTooMany)
	q, err = f.quote("R1-SEOUL", "R1-SUWON", 1, nil, ntExit)
	require.NoError(t, err)
	require.Equal(t, uint64(9_760), q.Fare)
}

func TestQuoteFareOverflow(t *testing.T) {
	// ARRANGE: prv v2 from ntNow with absurd class 2..4 rates, far above
	// max_rates (so written straight into the store, as an old genesis may
	// hold one): QuoteFare still refuses to overflow.
	f := ntNetwork(t)
	v2 := ntPrvMsgTariff(f, ntNow)
	// class 2: per_km x 20 000 m does not fit 64 bits
	v2.Rates[1] = types.ClassRate{VehicleClass: 2, BaseFee: 0, PerKm: math.MaxUint64}
	// class 3: 20 x 1 + base MaxUint64 does not fit
	v2.Rates[2] = types.ClassRate{VehicleClass: 3, BaseFee: math.MaxUint64, PerKm: 1}
	// class 4: prv's part 922 337 203 685 477 580 x 20 = 18 446 744 073 709 551 600 fits,
	//          plus kec's 18 870 does not (MaxUint64 = 18 446 744 073 709 551 615)
	v2.Rates[3] = types.ClassRate{VehicleClass: 4, BaseFee: 0, PerKm: math.MaxUint64 / 20}
	f.forceTariff(v2, ntPrv)

	for _, class := range []uint32{2, 3, 4} {
		// ACT
		_, err := f.quote("R1-SEOUL", "R1-OSAN", class, nil, ntNow)
		// ASSERT
		require.ErrorIs(t, err, types.ErrAmountOverflow, "class %d", class)
	}

	// the sum is of the discounted parts: with COMPACT class 4 fits:
	// prv 18 446 744 073 709 551 600 - 9 223 372 036 854 775 800 = 9 223 372 036 854 775 800; kec 18 870 - 9 435 = 9 435
	q, err := f.quote("R1-SEOUL", "R1-OSAN", 4, []types.DiscountCode{types.DiscountCompact}, ntNow)
	require.NoError(t, err)
	require.Len(t, q.Shares, 2)
	require.Equal(t, ntShares(ntKec, 9_435), q.Shares[:1])
	require.Equal(t, uint64(9_223_372_036_854_775_800), q.Shares[1].Amount)
	require.Equal(t, uint64(9_223_372_036_854_785_235), q.Fare)
	// class 1 is unaffected
	q, err = f.quote("R1-SEOUL", "R1-OSAN", 1, nil, ntNow)
	require.NoError(t, err)
	require.Equal(t, uint64(32_230), q.Fare)
}

func TestQuoteFareRejected(t *testing.T) {
	cases := []struct {
		name        string
		arrange     func(f *ntFixture)
		entry, exit string
		class       uint32
		exitTime    time.Time
		want        error
	}{
		{"same plaza", nil, "R1-SEOUL", "R1-SEOUL", 1, ntExit, types.ErrSamePlaza},
		{"different routes", nil, "R1-SEOUL", "R2-BUPYEONG", 1, ntExit, types.ErrRouteMismatch},
		{"gap in the middle", func(f *ntFixture) {
			f.route(ntKecOp, "R3")
			f.route(ntKecOp, "R")
			f.route(ntKecOp, "R30")
			f.segment(ntKecOp, "R3", 0, 10_000)
			f.segment(ntKecOp, "R3", 15_000, 30_000)
			// segments of other routes sharing a prefix do not cover the gap
			f.segment(ntKecOp, "R", 0, 100_000)
			f.segment(ntKecOp, "R30", 0, 100_000)
			f.plaza(ntKecOp, "R3-A", "R3", 0)
			f.plaza(ntKecOp, "R3-B", "R3", 20_000)
		}, "R3-A", "R3-B", 1, ntExit, types.ErrRouteNotCovered},
		{"gap at the start", func(f *ntFixture) {
			f.route(ntKecOp, "R4")
			f.segment(ntKecOp, "R4", 5_000, 10_000)
			f.plaza(ntKecOp, "R4-A", "R4", 0)
			f.plaza(ntKecOp, "R4-B", "R4", 8_000)
		}, "R4-A", "R4-B", 1, ntExit, types.ErrRouteNotCovered},
		{"gap at the end (exit beyond the last segment)", func(f *ntFixture) {
			f.plaza(ntPrvOp, "R1-PYEONGTAEK", "R1", 60_000)
		}, "R1-SUWON", "R1-PYEONGTAEK", 1, ntExit, types.ErrRouteNotCovered},
		{"route without segments", func(f *ntFixture) {
			f.route(ntKecOp, "R6")
			f.plaza(ntKecOp, "R6-A", "R6", 0)
			f.plaza(ntKecOp, "R6-B", "R6", 1_000)
		}, "R6-A", "R6-B", 1, ntExit, types.ErrRouteNotCovered},
		{"exit before any tariff version", nil, "R1-SEOUL", "R1-OSAN", 1, ntT0.Add(-time.Second), types.ErrTariffNotFound},
		{"an operator on the way without a tariff", func(f *ntFixture) {
			f.registerOperator(ntNopOp)
			f.route(ntKecOp, "R7")
			f.segmentFor(ntKecOp, "R7", 0, 10_000, ntNop)
			f.segment(ntKecOp, "R7", 10_000, 20_000)
			f.plaza(ntKecOp, "R7-A", "R7", 0)
			f.plaza(ntKecOp, "R7-B", "R7", 20_000)
		}, "R7-A", "R7-B", 1, ntExit, types.ErrTariffNotFound},
		{"the collector without a tariff", func(f *ntFixture) {
			f.registerOperator(ntNopOp)
			f.segmentFor(ntKecOp, "R1", 50_000, 60_000, ntNop) // nop may then place plazas on R1
			f.plaza(ntNopOp, "R1-NOP", "R1", 40_000)
		}, "R1-SEOUL", "R1-NOP", 1, ntExit, types.ErrTariffNotFound},
		{"vehicle class 0", nil, "R1-SEOUL", "R1-OSAN", 0, ntExit, types.ErrInvalidVehicleClass},
		{"vehicle class 6", nil, "R1-SEOUL", "R1-OSAN", 6, ntExit, types.ErrInvalidVehicleClass},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := ntNetwork(t)
			if tc.arrange != nil {
				tc.arrange(f)
			}
			// ACT
			var err error
			require.NotPanics(t, func() { _, err = f.quote(tc.entry, tc.exit, tc.class, nil, tc.exitTime) })
			// ASSERT
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// Every fixture plaza pair on R1, every class and every combination of codes
// at several times: the shares are sorted by operator, non-zero and sum to
// the fare, and the collector is the exit plaza's operator.
func TestQuoteFareSharesSumToFare(t *testing.T) {
	f := ntNetwork(t)
	plazas := []string{"R1-SEOUL", "R1-HWASEONG", "R1-GIHEUNG", "R1-SUWON", "R1-OSAN"}
	all := []types.DiscountCode{types.DiscountCompact, types.DiscountEcoFriendly, types.DiscountDisabled, types.DiscountCommuter}
	n := 0
	for _, entry := range plazas {
		for _, exit := range plazas {
			if entry == exit {
				continue
			}
			ex, err := f.Keeper.Plazas.Get(f.Ctx, exit)
			require.NoError(t, err)
			for class := uint32(1); class <= 5; class++ {
				for mask := 0; mask < 1<<len(all); mask++ {
					var codes []types.DiscountCode
					for i, c := range all {
						if mask&(1<<i) != 0 {
							codes = append(codes, c)
						}
					}
					for _, at := range []time.Time{ntExit, ntKSTTime(5, 30), ntKSTTime(6, 30), ntKSTTime(7, 30)} {
						q, err := f.quote(entry, exit, class, codes, at)
						require.NoError(t, err)
						var sum uint64
						for _, s := range q.Shares {
							require.NotZero(t, s.Amount)
							sum += s.Amount
						}
						require.Equal(t, q.Fare, sum, "%s -> %s class %d codes %v", entry, exit, class, codes)
						require.True(t, slices.IsSortedFunc(q.Shares, func(a, b types.OperatorAmount) int {
							return strings.Compare(a.Operator, b.Operator)
						}))
						require.Equal(t, ex.Operator, q.Collector)
						require.NotZero(t, q.Fare)
						n++
					}
				}
			}
		}
	}
	require.Equal(t, 20*5*16*4, n)
}
