package keeper_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/pagination"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// The query tests seed the store directly through the keeper's collections
// (records and their indexes) and read it back through the query server.
//
// The network: route "gyeongbu" is kec's on [0, 100 km) and sjr's on
// [100 km, 160 km); plazas seoul (0 m, kec), osan (40 000 m, kec) and
// daejeon (150 750 m, sjr); yd-1 is kec's on route "yeongdong", west-a and
// west-b on route "west" which has no segments.
//
// Tariffs, class 1 (base fee, per km, COMPACT discount):
//
//	kec v1 from T0-10d: 900, 443, 3000 bps; kec v2 from T0+10d: 1000, 500, 3000 bps
//	sjr v1 from T0-10d: 1200, 887, 5000 bps
const (
	qyKec = "kec"
	qySjr = "sjr"
)

var (
	qyT0     = testkeeper.BlockTime
	qyPayerA = qyAcc("payer-a")
	qyPayerB = qyAcc("payer-b")
	qyPayerC = qyAcc("payer-c")
)

func qyAcc(name string) sdk.AccAddress {
	h := sha256.Sum256([]byte("query-test/" + name))
	return sdk.AccAddress(h[:20])
}

func qyRequireCode(t *testing.T, want codes.Code, err error, contains ...string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, want, status.Code(err), err.Error())
	for _, c := range contains {
		require.Contains(t, err.Error(), c)
	}
}

type qyFixture struct {
	testkeeper.TollFixture
	t *testing.T
	q types.QueryServer
}

func qySetup(t *testing.T) *qyFixture {
	f := testkeeper.TollKeeper(t)
	return &qyFixture{TollFixture: f, t: t, q: keeper.NewQueryServerImpl(f.Keeper)}
}

func (f *qyFixture) must(err error) {
	f.t.Helper()
	require.NoError(f.t, err)
}

func (f *qyFixture) operator(id string) {
	f.must(f.Keeper.Operators.Set(f.Ctx, id, types.Operator{AgencyId: id, SettlementAccount: qyAcc(id + "/settle").String(), RegisteredAt: qyT0}))
}

func (f *qyFixture) plaza(id, operator, route string, pos uint64) {
	f.must(f.Keeper.Plazas.Set(f.Ctx, id, types.Plaza{Id: id, Operator: operator, Route: route, PositionM: pos, RegisteredAt: qyT0}))
}

func (f *qyFixture) segment(route string, start, end uint64, operator string) {
	f.must(f.Keeper.Segments.Set(f.Ctx, collections.Join(route, start), types.Segment{Route: route, StartM: start, EndM: end, Operator: operator}))
}

// tariff writes a version whose class c pays base+100(c-1) and perKm+10(c-1),
// with a COMPACT discount of compactBps.
func (f *qyFixture) tariff(operator string, version uint64, from time.Time, base, perKm uint64, compactBps uint32) {
	rates := make([]types.ClassRate, types.VehicleClassMax)
	for i := range rates {
		rates[i] = types.ClassRate{VehicleClass: uint32(i + 1), BaseFee: base + 100*uint64(i), PerKm: perKm + 10*uint64(i)}
	}
	t := types.Tariff{
		Operator: operator, Version: version, EffectiveFrom: from, Rates: rates,
		Discounts: []types.DiscountRate{{Code: types.DiscountCompact, Bps: compactBps}},
	}
	f.must(f.Keeper.Tariffs.Set(f.Ctx, collections.Join(operator, version), t))
	f.must(f.Keeper.TariffHead.Set(f.Ctx, operator, version))
}

func (f *qyFixture) network() {
	f.operator(qyKec)
	f.operator(qySjr)
	f.plaza("seoul", qyKec, "gyeongbu", 0)
	f.plaza("osan", qyKec, "gyeongbu", 40_000)
	f.plaza("daejeon", qySjr, "gyeongbu", 150_750)
	f.plaza("yd-1", qyKec, "yeongdong", 0)
	f.plaza("west-a", qyKec, "west", 0)
	f.plaza("west-b", qySjr, "west", 10_000)
	f.segment("gyeongbu", 100_000, 160_000, qySjr)
	f.segment("gyeongbu", 0, 100_000, qyKec)
	f.tariff(qyKec, 1, qyT0.Add(-10*24*time.Hour), 900, 443, 3000)
	f.tariff(qyKec, 2, qyT0.Add(10*24*time.Hour), 1000, 500, 3000)
	f.tariff(qySjr, 1, qyT0.Add(-10*24*time.Hour), 1200, 887, 5000)
}

func (f *qyFixture) period(id uint64, st types.PeriodStatus) {
	f.must(f.Keeper.Periods.Set(f.Ctx, id, types.Period{Id: id, Status: st, StartTime: qyT0}))
}

// trip writes a trip (its IndexedMap indexes follow) and, if UNPAID, its unpaid entry.
func (f *qyFixture) trip(id uint64, exit string, period uint64, payer sdk.AccAddress, st types.PaymentStatus) {
	t := types.Trip{Id: id, EntryPlaza: "osan", ExitPlaza: exit, VehicleClass: 1, PeriodId: period, PaymentStatus: st, Fare: 1000 + id,
		VehicleRef: fmt.Sprintf("%064x", id)} // one natural key per trip
	if payer == nil {
		t.PaymentMethod = types.PaymentOffchain
	} else {
		t.PaymentMethod, t.Payer = types.PaymentAccount, payer.String()
	}
	f.must(f.Keeper.Trips.Set(f.Ctx, id, t))
	if st == types.PaymentStatusUnpaid {
		f.must(f.Keeper.UnpaidTrips.Set(f.Ctx, collections.Join(payer, id)))
	}
}

func (f *qyFixture) batch(b types.TripBatch) {
	f.must(f.Keeper.Batches.Set(f.Ctx, b.Id, b))
}

func (f *qyFixture) dispute(id, period uint64) {
	f.must(f.Keeper.Disputes.Set(f.Ctx, id, types.Dispute{Id: id, PeriodId: period, Target: types.TargetTrip, TargetId: id, Status: types.DisputeOpen}))
}

func (f *qyFixture) accrual(period uint64, collector, payee string, amount, disputed uint64) {
	f.must(f.Keeper.Accruals.Set(f.Ctx, collections.Join3(period, collector, payee),
		types.Accrual{PeriodId: period, Collector: collector, Payee: payee, Amount: amount, Disputed: disputed}))
}

func qyTripIDs(trips []types.Trip) []uint64 {
	ids := make([]uint64, len(trips))
	for i, t := range trips {
		ids[i] = t.Id
	}
	return ids
}

func TestQueryParams(t *testing.T) {
	f := qySetup(t)
	res, err := f.q.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), res.Params)
	_, err = f.q.Params(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)
}

func TestQueryOperators(t *testing.T) {
	// ARRANGE
	f := qySetup(t)
	f.network()

	// ACT / ASSERT: Operator
	res, err := f.q.Operator(f.Ctx, &types.QueryOperatorRequest{AgencyId: qySjr})
	require.NoError(t, err)
	require.Equal(t, qyAcc("sjr/settle").String(), res.Operator.SettlementAccount)
	_, err = f.q.Operator(f.Ctx, &types.QueryOperatorRequest{AgencyId: "nop"})
	qyRequireCode(t, codes.NotFound, err, `operator "nop" not found`)
	_, err = f.q.Operator(f.Ctx, &types.QueryOperatorRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Operator(f.Ctx, &types.QueryOperatorRequest{AgencyId: "KEC"})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Operator(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)

	// Operators, in agency id order, paged
	all, err := f.q.Operators(f.Ctx, &types.QueryOperatorsRequest{})
	require.NoError(t, err)
	require.Equal(t, []string{qyKec, qySjr}, []string{all.Operators[0].AgencyId, all.Operators[1].AgencyId})
	require.Len(t, all.Operators, 2)
	page, err := f.q.Operators(f.Ctx, &types.QueryOperatorsRequest{Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, page.Operators, 1)
	require.Equal(t, qyKec, page.Operators[0].AgencyId)
	require.NotEmpty(t, page.Pagination.NextKey)
	next, err := f.q.Operators(f.Ctx, &types.QueryOperatorsRequest{Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, next.Operators, 1)
	require.Equal(t, qySjr, next.Operators[0].AgencyId)
	require.Empty(t, next.Pagination.NextKey)
	_, err = f.q.Operators(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)
}

func TestQueryPageSizeIsClamped(t *testing.T) {
	// ARRANGE: 501 operators, and 501 trips of one plaza and period
	f := qySetup(t)
	f.period(1, types.PeriodOpen)
	n := pagination.MaxLimit + 1
	for i := uint64(1); i <= n; i++ {
		f.operator(fmt.Sprintf("op-%03d", i))
		f.trip(i, "seoul", 1, nil, types.PaymentStatusOffchain)
	}
	f.plaza("seoul", "op-001", "gyeongbu", 0)

	// ACT
	huge := &query.PageRequest{Limit: 1 << 40}
	ops, err := f.q.Operators(f.Ctx, &types.QueryOperatorsRequest{Pagination: huge})
	require.NoError(t, err)
	trips, err := f.q.TripsByPlaza(f.Ctx, &types.QueryTripsByPlazaRequest{PlazaId: "seoul", PeriodId: 1, Pagination: huge})
	require.NoError(t, err)
	byDefault, err := f.q.Operators(f.Ctx, &types.QueryOperatorsRequest{})
	require.NoError(t, err)

	// ASSERT
	require.Len(t, ops.Operators, int(pagination.MaxLimit))
	require.NotEmpty(t, ops.Pagination.NextKey)
	require.Len(t, trips.Trips, int(pagination.MaxLimit))
	require.NotEmpty(t, trips.Pagination.NextKey)
	require.Len(t, byDefault.Operators, int(pagination.DefaultLimit))

	last, err := f.q.TripsByPlaza(f.Ctx, &types.QueryTripsByPlazaRequest{PlazaId: "seoul", PeriodId: 1, Pagination: &query.PageRequest{Key: trips.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, []uint64{n}, qyTripIDs(last.Trips))
}

func TestQueryPlazasAndSegments(t *testing.T) {
	// ARRANGE
	f := qySetup(t)
	f.network()

	// ACT / ASSERT: Plaza
	res, err := f.q.Plaza(f.Ctx, &types.QueryPlazaRequest{PlazaId: "daejeon"})
	require.NoError(t, err)
	require.Equal(t, types.Plaza{Id: "daejeon", Operator: qySjr, Route: "gyeongbu", PositionM: 150_750, RegisteredAt: qyT0}, res.Plaza)
	_, err = f.q.Plaza(f.Ctx, &types.QueryPlazaRequest{PlazaId: "busan"})
	qyRequireCode(t, codes.NotFound, err, `plaza "busan" not found`)
	_, err = f.q.Plaza(f.Ctx, &types.QueryPlazaRequest{PlazaId: "bad id"})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Plaza(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)

	// Plazas: all by id, by operator, paged
	plazaIDs := func(ps []types.Plaza) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Id
		}
		return out
	}
	all, err := f.q.Plazas(f.Ctx, &types.QueryPlazasRequest{})
	require.NoError(t, err)
	require.Equal(t, []string{"daejeon", "osan", "seoul", "west-a", "west-b", "yd-1"}, plazaIDs(all.Plazas))
	kec, err := f.q.Plazas(f.Ctx, &types.QueryPlazasRequest{Operator: qyKec})
	require.NoError(t, err)
	require.Equal(t, []string{"osan", "seoul", "west-a", "yd-1"}, plazaIDs(kec.Plazas))
	sjr, err := f.q.Plazas(f.Ctx, &types.QueryPlazasRequest{Operator: qySjr, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []string{"daejeon"}, plazaIDs(sjr.Plazas))
	require.NotEmpty(t, sjr.Pagination.NextKey)
	sjr, err = f.q.Plazas(f.Ctx, &types.QueryPlazasRequest{Operator: qySjr, Pagination: &query.PageRequest{Key: sjr.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, []string{"west-b"}, plazaIDs(sjr.Plazas))
	none, err := f.q.Plazas(f.Ctx, &types.QueryPlazasRequest{Operator: "nop"})
	require.NoError(t, err)
	require.Empty(t, none.Plazas)
	_, err = f.q.Plazas(f.Ctx, &types.QueryPlazasRequest{Operator: "Bad!"})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Plazas(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)

	// Segments: by start position, of one route only
	segs, err := f.q.Segments(f.Ctx, &types.QuerySegmentsRequest{Route: "gyeongbu"})
	require.NoError(t, err)
	require.Equal(t, []types.Segment{
		{Route: "gyeongbu", StartM: 0, EndM: 100_000, Operator: qyKec},
		{Route: "gyeongbu", StartM: 100_000, EndM: 160_000, Operator: qySjr},
	}, segs.Segments)
	page, err := f.q.Segments(f.Ctx, &types.QuerySegmentsRequest{Route: "gyeongbu", Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, page.Segments, 1)
	require.NotEmpty(t, page.Pagination.NextKey)
	west, err := f.q.Segments(f.Ctx, &types.QuerySegmentsRequest{Route: "west"})
	require.NoError(t, err)
	require.Empty(t, west.Segments)
	_, err = f.q.Segments(f.Ctx, &types.QuerySegmentsRequest{Route: ""})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Segments(f.Ctx, &types.QuerySegmentsRequest{Route: strings.Repeat("r", types.MaxRouteLength+1)})
	qyRequireCode(t, codes.InvalidArgument, err)
}

func TestQueryTariff(t *testing.T) {
	// ARRANGE
	f := qySetup(t)
	f.network()
	day := 24 * time.Hour
	at := func(t time.Time) *time.Time { return &t }

	cases := []struct {
		name    string
		at      *time.Time
		version uint64
	}{
		{"at the first version's start", at(qyT0.Add(-10 * day)), 1},
		{"between the two versions", at(qyT0.Add(5 * day)), 1},
		{"a second before the second version", at(qyT0.Add(10*day - time.Second)), 1},
		{"at the second version's start", at(qyT0.Add(10 * day)), 2},
		{"long after", at(qyT0.Add(1000 * day)), 2},
		{"default: the block time", nil, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ACT
			res, err := f.q.Tariff(f.Ctx, &types.QueryTariffRequest{Operator: qyKec, At: tc.at})

			// ASSERT
			require.NoError(t, err)
			require.Equal(t, qyKec, res.Tariff.Operator)
			require.Equal(t, tc.version, res.Tariff.Version)
			require.Equal(t, []uint64{0, 900, 1000}[tc.version], res.Tariff.Rates[0].BaseFee)
		})
	}

	// The block time selects the version: at T0+20d it is version 2.
	later := f.Ctx.WithBlockTime(qyT0.Add(20 * day))
	res, err := f.q.Tariff(later, &types.QueryTariffRequest{Operator: qyKec})
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.Tariff.Version)

	_, err = f.q.Tariff(f.Ctx, &types.QueryTariffRequest{Operator: qyKec, At: at(qyT0.Add(-11 * day))})
	qyRequireCode(t, codes.NotFound, err, "no tariff in effect")
	_, err = f.q.Tariff(f.Ctx, &types.QueryTariffRequest{Operator: "nop"})
	qyRequireCode(t, codes.NotFound, err, `operator "nop" not found`)
	_, err = f.q.Tariff(f.Ctx, &types.QueryTariffRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Tariff(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)

	// TariffVersions: oldest first, paged, of one operator only
	versions, err := f.q.TariffVersions(f.Ctx, &types.QueryTariffVersionsRequest{Operator: qyKec})
	require.NoError(t, err)
	require.Len(t, versions.Tariffs, 2)
	require.Equal(t, []uint64{1, 2}, []uint64{versions.Tariffs[0].Version, versions.Tariffs[1].Version})
	first, err := f.q.TariffVersions(f.Ctx, &types.QueryTariffVersionsRequest{Operator: qyKec, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, first.Tariffs, 1)
	require.Equal(t, uint64(1), first.Tariffs[0].Version)
	second, err := f.q.TariffVersions(f.Ctx, &types.QueryTariffVersionsRequest{Operator: qyKec, Pagination: &query.PageRequest{Key: first.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, second.Tariffs, 1)
	require.Equal(t, uint64(2), second.Tariffs[0].Version)
	sjr, err := f.q.TariffVersions(f.Ctx, &types.QueryTariffVersionsRequest{Operator: qySjr})
	require.NoError(t, err)
	require.Len(t, sjr.Tariffs, 1)
	_, err = f.q.TariffVersions(f.Ctx, &types.QueryTariffVersionsRequest{Operator: "nop"})
	qyRequireCode(t, codes.NotFound, err)
	_, err = f.q.TariffVersions(f.Ctx, &types.QueryTariffVersionsRequest{Operator: "-x"})
	qyRequireCode(t, codes.InvalidArgument, err)
}

// TestQueryQuoteFare checks the numbers of two quotes by hand.
//
// seoul -> daejeon, class 1, COMPACT, exit at T0 (kec v1, sjr v1): 150 750 m,
// kec's 100 000 m and sjr's 50 750 m; the collector is sjr (daejeon).
//
//	kec: 443 x 100 000 / 1000 = 44 300; -30% = 44 300 - 13 290 = 31 010
//	sjr: floor(887 x 50 750 / 1000) = floor(45 015.25) = 45 015, + base 1200 = 46 215;
//	     -50% = 46 215 - floor(23 107.5) = 46 215 - 23 107 = 23 108
//	fare 31 010 + 23 108 = 54 118
//
// The same at T0+11d uses kec v2: 500 x 100 = 50 000, -30% = 35 000; fare 58 108.
//
// daejeon -> osan, class 1, no discount: 110 750 m, kec's 60 000 m, sjr's
// 50 750 m; the collector is kec (osan).
//
//	kec: 443 x 60 = 26 580 + base 900 = 27 480; sjr: 45 015; fare 72 495
func TestQueryQuoteFare(t *testing.T) {
	// ARRANGE
	f := qySetup(t)
	f.network()
	compact := []types.DiscountCode{types.DiscountCompact}
	at := func(t time.Time) *time.Time { return &t }

	cases := []struct {
		name      string
		req       *types.QueryQuoteFareRequest
		distance  uint64
		fare      uint64
		shares    []types.OperatorAmount
		tariffs   []types.TariffRef
		collector string
	}{
		{
			name:      "two operators, compact, at the block time",
			req:       &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "daejeon", VehicleClass: 1, DiscountCodes: compact},
			distance:  150_750,
			fare:      54_118,
			shares:    []types.OperatorAmount{{Operator: qyKec, Amount: 31_010}, {Operator: qySjr, Amount: 23_108}},
			tariffs:   []types.TariffRef{{Operator: qyKec, Version: 1}, {Operator: qySjr, Version: 1}},
			collector: qySjr,
		},
		{
			name:      "exit time under kec's second version",
			req:       &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "daejeon", VehicleClass: 1, DiscountCodes: compact, ExitTime: at(qyT0.Add(11 * 24 * time.Hour))},
			distance:  150_750,
			fare:      58_108,
			shares:    []types.OperatorAmount{{Operator: qyKec, Amount: 35_000}, {Operator: qySjr, Amount: 23_108}},
			tariffs:   []types.TariffRef{{Operator: qyKec, Version: 2}, {Operator: qySjr, Version: 1}},
			collector: qySjr,
		},
		{
			name:      "the other direction, collected by kec, no discount",
			req:       &types.QueryQuoteFareRequest{EntryPlaza: "daejeon", ExitPlaza: "osan", VehicleClass: 1},
			distance:  110_750,
			fare:      72_495,
			shares:    []types.OperatorAmount{{Operator: qyKec, Amount: 27_480}, {Operator: qySjr, Amount: 45_015}},
			tariffs:   []types.TariffRef{{Operator: qyKec, Version: 1}, {Operator: qySjr, Version: 1}},
			collector: qyKec,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ACT
			res, err := f.q.QuoteFare(f.Ctx, tc.req)

			// ASSERT
			require.NoError(t, err)
			require.Equal(t, tc.distance, res.DistanceM)
			require.Equal(t, tc.fare, res.Fare)
			require.Equal(t, tc.shares, res.Shares)
			require.Equal(t, tc.tariffs, res.Tariffs)
			require.Equal(t, tc.collector, res.Collector)
		})
	}

	rejections := []struct {
		name     string
		req      *types.QueryQuoteFareRequest
		code     codes.Code
		contains string
	}{
		{"no request", nil, codes.InvalidArgument, "empty request"},
		{"no entry plaza", &types.QueryQuoteFareRequest{ExitPlaza: "daejeon", VehicleClass: 1}, codes.InvalidArgument, "entry_plaza"},
		{"a bad exit plaza", &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "dae jeon", VehicleClass: 1}, codes.InvalidArgument, "exit_plaza"},
		{"class 0", &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "daejeon"}, codes.InvalidArgument, "vehicle class"},
		{"class 6", &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "daejeon", VehicleClass: 6}, codes.InvalidArgument, "vehicle_class 6"},
		{"a repeated code", &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "daejeon", VehicleClass: 1, DiscountCodes: []types.DiscountCode{types.DiscountCompact, types.DiscountCompact}}, codes.InvalidArgument, "repeated"},
		{"an unspecified code", &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "daejeon", VehicleClass: 1, DiscountCodes: []types.DiscountCode{types.DiscountUnspecified}}, codes.InvalidArgument, "discount"},
		{"an unknown entry plaza", &types.QueryQuoteFareRequest{EntryPlaza: "busan", ExitPlaza: "daejeon", VehicleClass: 1}, codes.NotFound, `plaza "busan" not found`},
		{"an unknown exit plaza", &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "busan", VehicleClass: 1}, codes.NotFound, `plaza "busan" not found`},
		{"the same plaza", &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "seoul", VehicleClass: 1}, codes.InvalidArgument, "same"},
		{"different routes", &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "yd-1", VehicleClass: 1}, codes.InvalidArgument, "different routes"},
		{"a route without segments", &types.QueryQuoteFareRequest{EntryPlaza: "west-a", ExitPlaza: "west-b", VehicleClass: 1}, codes.InvalidArgument, "not covered"},
		{"before any tariff", &types.QueryQuoteFareRequest{EntryPlaza: "seoul", ExitPlaza: "daejeon", VehicleClass: 1, ExitTime: at(qyT0.Add(-11 * 24 * time.Hour))}, codes.NotFound, "no tariff in effect"},
	}
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.q.QuoteFare(f.Ctx, tc.req)
			qyRequireCode(t, tc.code, err, tc.contains)
		})
	}
}

// qyTrips seeds periods 1 (SUBMITTED) and 2 (OPEN) and five trips:
//
//	1 seoul   period 1 OFFCHAIN
//	2 daejeon period 1 payer A UNPAID
//	3 seoul   period 2 payer A PAID
//	4 seoul   period 2 payer B UNPAID
//	5 seoul   period 1 payer A UNPAID
func (f *qyFixture) qyTrips() {
	f.network()
	f.period(1, types.PeriodSubmitted)
	f.period(2, types.PeriodOpen)
	f.trip(1, "seoul", 1, nil, types.PaymentStatusOffchain)
	f.trip(2, "daejeon", 1, qyPayerA, types.PaymentStatusUnpaid)
	f.trip(3, "seoul", 2, qyPayerA, types.PaymentStatusPaid)
	f.trip(4, "seoul", 2, qyPayerB, types.PaymentStatusUnpaid)
	f.trip(5, "seoul", 1, qyPayerA, types.PaymentStatusUnpaid)
}

func TestQueryTrips(t *testing.T) {
	// ARRANGE
	f := qySetup(t)
	f.qyTrips()

	// ACT / ASSERT: Trip
	res, err := f.q.Trip(f.Ctx, &types.QueryTripRequest{TripId: 4})
	require.NoError(t, err)
	require.Equal(t, qyPayerB.String(), res.Trip.Payer)
	require.Equal(t, uint64(1004), res.Trip.Fare)
	_, err = f.q.Trip(f.Ctx, &types.QueryTripRequest{TripId: 6})
	qyRequireCode(t, codes.NotFound, err, "trip 6 not found")
	_, err = f.q.Trip(f.Ctx, &types.QueryTripRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Trip(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)

	// TripsByPlaza: by (period, id), all periods or one
	byPlaza := func(req *types.QueryTripsByPlazaRequest) ([]uint64, *query.PageResponse) {
		t.Helper()
		res, err := f.q.TripsByPlaza(f.Ctx, req)
		require.NoError(t, err)
		return qyTripIDs(res.Trips), res.Pagination
	}
	ids, _ := byPlaza(&types.QueryTripsByPlazaRequest{PlazaId: "seoul"})
	require.Equal(t, []uint64{1, 5, 3, 4}, ids)
	ids, _ = byPlaza(&types.QueryTripsByPlazaRequest{PlazaId: "seoul", PeriodId: 1})
	require.Equal(t, []uint64{1, 5}, ids)
	ids, _ = byPlaza(&types.QueryTripsByPlazaRequest{PlazaId: "seoul", PeriodId: 2})
	require.Equal(t, []uint64{3, 4}, ids)
	ids, _ = byPlaza(&types.QueryTripsByPlazaRequest{PlazaId: "daejeon"})
	require.Equal(t, []uint64{2}, ids)
	ids, _ = byPlaza(&types.QueryTripsByPlazaRequest{PlazaId: "daejeon", PeriodId: 2})
	require.Empty(t, ids)
	ids, page := byPlaza(&types.QueryTripsByPlazaRequest{PlazaId: "seoul", Pagination: &query.PageRequest{Limit: 3}})
	require.Equal(t, []uint64{1, 5, 3}, ids)
	require.NotEmpty(t, page.NextKey)
	ids, page = byPlaza(&types.QueryTripsByPlazaRequest{PlazaId: "seoul", Pagination: &query.PageRequest{Key: page.NextKey}})
	require.Equal(t, []uint64{4}, ids)
	require.Empty(t, page.NextKey)
	_, page = byPlaza(&types.QueryTripsByPlazaRequest{PlazaId: "seoul", Pagination: &query.PageRequest{CountTotal: true}})
	require.Equal(t, uint64(4), page.Total)
	_, err = f.q.TripsByPlaza(f.Ctx, &types.QueryTripsByPlazaRequest{PlazaId: "busan"})
	qyRequireCode(t, codes.NotFound, err, `plaza "busan" not found`)
	_, err = f.q.TripsByPlaza(f.Ctx, &types.QueryTripsByPlazaRequest{PlazaId: "seoul", PeriodId: 9})
	qyRequireCode(t, codes.NotFound, err, "period 9 not found")
	_, err = f.q.TripsByPlaza(f.Ctx, &types.QueryTripsByPlazaRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.TripsByPlaza(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)

	// TripsByPeriod
	p1, err := f.q.TripsByPeriod(f.Ctx, &types.QueryTripsByPeriodRequest{PeriodId: 1})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2, 5}, qyTripIDs(p1.Trips))
	p2, err := f.q.TripsByPeriod(f.Ctx, &types.QueryTripsByPeriodRequest{PeriodId: 2, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []uint64{3}, qyTripIDs(p2.Trips))
	require.NotEmpty(t, p2.Pagination.NextKey)
	_, err = f.q.TripsByPeriod(f.Ctx, &types.QueryTripsByPeriodRequest{PeriodId: 9})
	qyRequireCode(t, codes.NotFound, err)
	_, err = f.q.TripsByPeriod(f.Ctx, &types.QueryTripsByPeriodRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)

	// UnpaidTrips: all (by payer bytes, then id) or one payer's
	unpaid, err := f.q.UnpaidTrips(f.Ctx, &types.QueryUnpaidTripsRequest{})
	require.NoError(t, err)
	require.ElementsMatch(t, []uint64{2, 4, 5}, qyTripIDs(unpaid.Trips))
	for _, tr := range unpaid.Trips {
		require.Equal(t, types.PaymentStatusUnpaid, tr.PaymentStatus)
	}
	a, err := f.q.UnpaidTrips(f.Ctx, &types.QueryUnpaidTripsRequest{Payer: qyPayerA.String()})
	require.NoError(t, err)
	require.Equal(t, []uint64{2, 5}, qyTripIDs(a.Trips))
	a, err = f.q.UnpaidTrips(f.Ctx, &types.QueryUnpaidTripsRequest{Payer: qyPayerA.String(), Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []uint64{2}, qyTripIDs(a.Trips))
	require.NotEmpty(t, a.Pagination.NextKey)
	b, err := f.q.UnpaidTrips(f.Ctx, &types.QueryUnpaidTripsRequest{Payer: qyPayerB.String()})
	require.NoError(t, err)
	require.Equal(t, []uint64{4}, qyTripIDs(b.Trips))
	c, err := f.q.UnpaidTrips(f.Ctx, &types.QueryUnpaidTripsRequest{Payer: qyPayerC.String()})
	require.NoError(t, err)
	require.Empty(t, c.Trips)
	_, err = f.q.UnpaidTrips(f.Ctx, &types.QueryUnpaidTripsRequest{Payer: "civic1bad"})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.UnpaidTrips(f.Ctx, &types.QueryUnpaidTripsRequest{Payer: strings.ToUpper(qyPayerA.String())})
	qyRequireCode(t, codes.InvalidArgument, err, "canonical")
	_, err = f.q.UnpaidTrips(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)
}

func TestQuerySpendingLimits(t *testing.T) {
	// ARRANGE
	f := qySetup(t)
	set := func(payer sdk.AccAddress, op string, remaining, spent uint64) {
		f.must(f.Keeper.SpendingLimits.Set(f.Ctx, collections.Join(payer, op),
			types.SpendingLimit{Payer: payer.String(), Operator: op, Remaining: remaining, Spent: spent}))
	}
	set(qyPayerA, qySjr, 500, 7)
	set(qyPayerA, qyKec, 1000, 0)
	set(qyPayerB, qyKec, 30, 70)

	// ACT / ASSERT
	a, err := f.q.SpendingLimits(f.Ctx, &types.QuerySpendingLimitsRequest{Payer: qyPayerA.String()})
	require.NoError(t, err)
	require.Equal(t, []types.SpendingLimit{
		{Payer: qyPayerA.String(), Operator: qyKec, Remaining: 1000},
		{Payer: qyPayerA.String(), Operator: qySjr, Remaining: 500, Spent: 7},
	}, a.Limits)
	page, err := f.q.SpendingLimits(f.Ctx, &types.QuerySpendingLimitsRequest{Payer: qyPayerA.String(), Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, page.Limits, 1)
	require.NotEmpty(t, page.Pagination.NextKey)
	b, err := f.q.SpendingLimits(f.Ctx, &types.QuerySpendingLimitsRequest{Payer: qyPayerB.String()})
	require.NoError(t, err)
	require.Equal(t, []types.SpendingLimit{{Payer: qyPayerB.String(), Operator: qyKec, Remaining: 30, Spent: 70}}, b.Limits)
	c, err := f.q.SpendingLimits(f.Ctx, &types.QuerySpendingLimitsRequest{Payer: qyPayerC.String()})
	require.NoError(t, err)
	require.Empty(t, c.Limits)
	_, err = f.q.SpendingLimits(f.Ctx, &types.QuerySpendingLimitsRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.SpendingLimits(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)
}

// qyBatchTrips are seven off-chain trips exiting at seoul.
func qyBatchTrips() []types.BatchTrip {
	trips := make([]types.BatchTrip, 7)
	for i := range trips {
		fare := uint64(5000 + 10*i)
		trips[i] = types.BatchTrip{
			EntryPlaza: "daejeon", ExitPlaza: "seoul", VehicleClass: 1,
			EntryUnix: qyT0.Unix() - 7200 + int64(i), ExitUnix: qyT0.Unix() - 3600 + int64(i),
			VehicleRef: fmt.Sprintf("%064x", 100+i), Fare: fare,
			Shares: []types.OperatorAmount{{Operator: qyKec, Amount: fare - 2000}, {Operator: qySjr, Amount: 2000}},
		}
	}
	return trips
}

func TestQueryTripBatches(t *testing.T) {
	// ARRANGE: batches 1 and 3 in period 1, batch 2 in period 2
	f := qySetup(t)
	f.period(1, types.PeriodSubmitted)
	f.period(2, types.PeriodOpen)
	for _, b := range []types.TripBatch{
		{Id: 1, PlazaId: "seoul", Collector: qyKec, Count: 7, PeriodId: 1},
		{Id: 2, PlazaId: "daejeon", Collector: qySjr, Count: 2, PeriodId: 2},
		{Id: 3, PlazaId: "osan", Collector: qyKec, Count: 1, PeriodId: 1},
	} {
		f.batch(b)
	}
	batchIDs := func(bs []types.TripBatch) []uint64 {
		out := make([]uint64, len(bs))
		for i, b := range bs {
			out[i] = b.Id
		}
		return out
	}

	// ACT / ASSERT: TripBatch
	res, err := f.q.TripBatch(f.Ctx, &types.QueryTripBatchRequest{BatchId: 2})
	require.NoError(t, err)
	require.Equal(t, "daejeon", res.Batch.PlazaId)
	_, err = f.q.TripBatch(f.Ctx, &types.QueryTripBatchRequest{BatchId: 4})
	qyRequireCode(t, codes.NotFound, err, "batch 4 not found")
	_, err = f.q.TripBatch(f.Ctx, &types.QueryTripBatchRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.TripBatch(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)

	// TripBatches
	p1, err := f.q.TripBatches(f.Ctx, &types.QueryTripBatchesRequest{PeriodId: 1})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 3}, batchIDs(p1.Batches))
	page, err := f.q.TripBatches(f.Ctx, &types.QueryTripBatchesRequest{PeriodId: 1, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []uint64{1}, batchIDs(page.Batches))
	page, err = f.q.TripBatches(f.Ctx, &types.QueryTripBatchesRequest{PeriodId: 1, Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, []uint64{3}, batchIDs(page.Batches))
	p2, err := f.q.TripBatches(f.Ctx, &types.QueryTripBatchesRequest{PeriodId: 2})
	require.NoError(t, err)
	require.Equal(t, []uint64{2}, batchIDs(p2.Batches))
	_, err = f.q.TripBatches(f.Ctx, &types.QueryTripBatchesRequest{PeriodId: 9})
	qyRequireCode(t, codes.NotFound, err)
	_, err = f.q.TripBatches(f.Ctx, &types.QueryTripBatchesRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
}

func TestQueryVerifyTrip(t *testing.T) {
	// ARRANGE: batch 1 anchors qyBatchTrips at seoul
	f := qySetup(t)
	trips := qyBatchTrips()
	root, err := types.BatchRoot(trips)
	require.NoError(t, err)
	f.batch(types.TripBatch{Id: 1, PlazaId: "seoul", Collector: qyKec, MerkleRoot: root.Hash, Count: root.Count,
		Totals: root.Sums, DeclaredTotals: root.Sums, PeriodId: 1})
	proof := func(i int) []types.MerkleSumNode {
		siblings, err := types.BatchProof(trips, i)
		require.NoError(t, err)
		return siblings
	}
	leafHex := func(bt types.BatchTrip) string {
		h, err := types.LeafHash(bt)
		require.NoError(t, err)
		return hex.EncodeToString(h)
	}

	// ACT / ASSERT: every trip's proof holds
	for i, tr := range trips {
		res, err := f.q.VerifyTrip(f.Ctx, &types.QueryVerifyTripRequest{BatchId: 1, Trip: tr, Index: uint64(i), Siblings: proof(i)})
		require.NoError(t, err)
		require.True(t, res.Valid, "trip %d: %s", i, res.Reason)
		require.Empty(t, res.Reason)
		require.Equal(t, leafHex(tr), res.LeafHash)
	}

	// Invalid proofs are answers, not errors.
	changed := trips[4]
	changed.Fare, changed.Shares = 1, []types.OperatorAmount{{Operator: qyKec, Amount: 1}}
	elsewhere := trips[4]
	elsewhere.ExitPlaza = "osan"
	inflatedSibling := proof(4)
	inflatedSibling[0].Sums = slices.Clone(inflatedSibling[0].Sums)
	inflatedSibling[0].Sums[0].Amount++
	invalid := []struct {
		name     string
		trip     types.BatchTrip
		index    uint64
		siblings []types.MerkleSumNode
		reason   string
	}{
		{"a changed fare", changed, 4, proof(4), "does not lead to root"},
		{"a wrong index", trips[4], 5, proof(4), "does not lead to root"},
		{"a truncated sibling list", trips[4], 4, proof(4)[:2], "needs 3 siblings, got 2"},
		{"an index outside the batch", trips[4], 7, proof(4), "index 7 outside a batch of 7 trips"},
		{"a malformed sibling hash", trips[4], 4, []types.MerkleSumNode{{Hash: "00"}, {Hash: "11"}, {Hash: "22"}}, "siblings[0] hash"},
		{"a tampered sibling sum", trips[4], 4, inflatedSibling, "does not lead to root"},
		{"a trip of another plaza", elsewhere, 4, proof(4), `exits at plaza "osan", batch 1 is of plaza "seoul"`},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			res, err := f.q.VerifyTrip(f.Ctx, &types.QueryVerifyTripRequest{BatchId: 1, Trip: tc.trip, Index: tc.index, Siblings: tc.siblings})
			require.NoError(t, err)
			require.False(t, res.Valid)
			require.Contains(t, res.Reason, tc.reason)
			require.Equal(t, leafHex(tc.trip), res.LeafHash)
		})
	}

	_, err = f.q.VerifyTrip(f.Ctx, &types.QueryVerifyTripRequest{BatchId: 2, Trip: trips[0], Siblings: proof(0)})
	qyRequireCode(t, codes.NotFound, err, "batch 2 not found")
	_, err = f.q.VerifyTrip(f.Ctx, &types.QueryVerifyTripRequest{Trip: trips[0]})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.VerifyTrip(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)
}

func TestQueryPeriods(t *testing.T) {
	// ARRANGE
	f := qySetup(t)
	f.period(1, types.PeriodSettled)
	f.period(2, types.PeriodSubmitted)
	f.period(3, types.PeriodOpen)

	// ACT / ASSERT: Period
	res, err := f.q.Period(f.Ctx, &types.QueryPeriodRequest{PeriodId: 2})
	require.NoError(t, err)
	require.Equal(t, types.PeriodSubmitted, res.Period.Status)
	_, err = f.q.Period(f.Ctx, &types.QueryPeriodRequest{PeriodId: 4})
	qyRequireCode(t, codes.NotFound, err, "period 4 not found")
	_, err = f.q.Period(f.Ctx, &types.QueryPeriodRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Period(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)

	// Periods: by id, paged, reversed
	all, err := f.q.Periods(f.Ctx, &types.QueryPeriodsRequest{})
	require.NoError(t, err)
	require.Len(t, all.Periods, 3)
	require.Equal(t, []types.PeriodStatus{types.PeriodSettled, types.PeriodSubmitted, types.PeriodOpen},
		[]types.PeriodStatus{all.Periods[0].Status, all.Periods[1].Status, all.Periods[2].Status})
	page, err := f.q.Periods(f.Ctx, &types.QueryPeriodsRequest{Pagination: &query.PageRequest{Limit: 2}})
	require.NoError(t, err)
	require.Len(t, page.Periods, 2)
	require.NotEmpty(t, page.Pagination.NextKey)
	latest, err := f.q.Periods(f.Ctx, &types.QueryPeriodsRequest{Pagination: &query.PageRequest{Limit: 1, Reverse: true}})
	require.NoError(t, err)
	require.Equal(t, uint64(3), latest.Periods[0].Id)
	_, err = f.q.Periods(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)
}

// TestQueryNetPositions checks the positions of period 1 by hand:
//
//	(kec, kec) 5000            own share: ignored
//	(kec, sjr) 3000, 1000 disputed: sjr receives 2000, kec pays 2000; 1000 disputed
//	(sjr, ano)  500,  500 disputed: nothing undisputed; 500 disputed
//	(sjr, kec) 7000            kec receives 7000, sjr pays 7000
//	(sjr, zed)    0            nothing: zed has no position
//
//	ano: receivable 0,    payable 0,    net 0,     disputed receivable 500
//	kec: receivable 7000, payable 2000, net  5000, disputed payable 1000
//	sjr: receivable 2000, payable 7000, net -5000, disputed receivable 1000, payable 500, escrowed 5000
//
// Period 2 (kec owes sjr 999, kec escrowed 77) is kept apart.
func TestQueryNetPositions(t *testing.T) {
	// ARRANGE
	f := qySetup(t)
	f.period(1, types.PeriodSubmitted)
	f.period(2, types.PeriodOpen)
	f.period(3, types.PeriodOpen)
	f.accrual(1, qySjr, qyKec, 7000, 0)
	f.accrual(1, qyKec, qySjr, 3000, 1000)
	f.accrual(1, qyKec, qyKec, 5000, 0)
	f.accrual(1, qySjr, "ano", 500, 500)
	f.accrual(1, qySjr, "zed", 0, 0)
	f.accrual(2, qyKec, qySjr, 999, 0)
	f.must(f.Keeper.Escrows.Set(f.Ctx, collections.Join(uint64(1), qySjr), 5000))
	f.must(f.Keeper.Escrows.Set(f.Ctx, collections.Join(uint64(2), qyKec), 77))

	// ACT
	res, err := f.q.NetPositions(f.Ctx, &types.QueryNetPositionsRequest{PeriodId: 1})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.PeriodSubmitted, res.Status)
	require.Equal(t, []types.NetPosition{
		{Operator: "ano", DisputedReceivable: 500},
		{Operator: qyKec, Receivable: 7000, Payable: 2000, Net: 5000, DisputedPayable: 1000},
		{Operator: qySjr, Receivable: 2000, Payable: 7000, Net: -5000, Escrowed: 5000, DisputedReceivable: 1000, DisputedPayable: 500},
	}, res.Positions)
	require.Equal(t, []types.Accrual{
		{PeriodId: 1, Collector: qyKec, Payee: qyKec, Amount: 5000},
		{PeriodId: 1, Collector: qyKec, Payee: qySjr, Amount: 3000, Disputed: 1000},
		{PeriodId: 1, Collector: qySjr, Payee: "ano", Amount: 500, Disputed: 500},
		{PeriodId: 1, Collector: qySjr, Payee: qyKec, Amount: 7000},
		{PeriodId: 1, Collector: qySjr, Payee: "zed"},
	}, res.Accruals)

	p2, err := f.q.NetPositions(f.Ctx, &types.QueryNetPositionsRequest{PeriodId: 2})
	require.NoError(t, err)
	require.Equal(t, types.PeriodOpen, p2.Status)
	require.Equal(t, []types.NetPosition{
		{Operator: qyKec, Payable: 999, Net: -999, Escrowed: 77},
		{Operator: qySjr, Receivable: 999, Net: 999},
	}, p2.Positions)
	require.Len(t, p2.Accruals, 1)

	p3, err := f.q.NetPositions(f.Ctx, &types.QueryNetPositionsRequest{PeriodId: 3})
	require.NoError(t, err)
	require.Empty(t, p3.Positions)
	require.Empty(t, p3.Accruals)

	_, err = f.q.NetPositions(f.Ctx, &types.QueryNetPositionsRequest{PeriodId: 4})
	qyRequireCode(t, codes.NotFound, err, "period 4 not found")
	_, err = f.q.NetPositions(f.Ctx, &types.QueryNetPositionsRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.NetPositions(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)
}

func TestNetPositionsRejectsImpossibleAccruals(t *testing.T) {
	// A receivable beyond int64 has no net.
	f := qySetup(t)
	f.accrual(1, qyKec, qySjr, math.MaxInt64, 0)
	f.accrual(1, "ano", qySjr, 1, 0)
	_, _, err := f.Keeper.NetPositions(f.Ctx, 1)
	require.ErrorIs(t, err, types.ErrAmountOverflow)
	_, err = f.q.NetPositions(f.Ctx, &types.QueryNetPositionsRequest{PeriodId: 1})
	qyRequireCode(t, codes.Internal, err, "amount overflows")

	// Sums beyond uint64 overflow.
	f = qySetup(t)
	f.accrual(1, qyKec, qySjr, math.MaxUint64, 0)
	f.accrual(1, "ano", qySjr, 1, 0)
	_, _, err = f.Keeper.NetPositions(f.Ctx, 1)
	require.ErrorIs(t, err, types.ErrAmountOverflow)

	// A disputed part above the amount.
	f = qySetup(t)
	f.accrual(1, qyKec, qySjr, 10, 11)
	_, _, err = f.Keeper.NetPositions(f.Ctx, 1)
	require.ErrorIs(t, err, types.ErrInvalidAmount)

	// At exactly MaxInt64 the net still fits.
	f = qySetup(t)
	f.accrual(1, qyKec, qySjr, math.MaxInt64, 0)
	pos, _, err := f.Keeper.NetPositions(f.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, int64(math.MinInt64+1), pos[0].Net)
	require.Equal(t, int64(math.MaxInt64), pos[1].Net)
}

func TestQueryDisputes(t *testing.T) {
	// ARRANGE: disputes 1 and 3 in period 1, 2 in period 2
	f := qySetup(t)
	f.period(1, types.PeriodDisputed)
	f.period(2, types.PeriodOpen)
	f.dispute(1, 1)
	f.dispute(2, 2)
	f.dispute(3, 1)
	disputeIDs := func(ds []types.Dispute) []uint64 {
		out := make([]uint64, len(ds))
		for i, d := range ds {
			out[i] = d.Id
		}
		return out
	}

	// ACT / ASSERT: Dispute
	res, err := f.q.Dispute(f.Ctx, &types.QueryDisputeRequest{DisputeId: 2})
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.Dispute.PeriodId)
	_, err = f.q.Dispute(f.Ctx, &types.QueryDisputeRequest{DisputeId: 4})
	qyRequireCode(t, codes.NotFound, err, "dispute 4 not found")
	_, err = f.q.Dispute(f.Ctx, &types.QueryDisputeRequest{})
	qyRequireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Dispute(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)

	// Disputes: all, of one period, paged
	all, err := f.q.Disputes(f.Ctx, &types.QueryDisputesRequest{})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2, 3}, disputeIDs(all.Disputes))
	p1, err := f.q.Disputes(f.Ctx, &types.QueryDisputesRequest{PeriodId: 1})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 3}, disputeIDs(p1.Disputes))
	page, err := f.q.Disputes(f.Ctx, &types.QueryDisputesRequest{PeriodId: 1, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []uint64{1}, disputeIDs(page.Disputes))
	require.NotEmpty(t, page.Pagination.NextKey)
	page, err = f.q.Disputes(f.Ctx, &types.QueryDisputesRequest{Pagination: &query.PageRequest{Offset: 2}})
	require.NoError(t, err)
	require.Equal(t, []uint64{3}, disputeIDs(page.Disputes))
	_, err = f.q.Disputes(f.Ctx, &types.QueryDisputesRequest{PeriodId: 9})
	qyRequireCode(t, codes.NotFound, err, "period 9 not found")
	_, err = f.q.Disputes(f.Ctx, nil)
	qyRequireCode(t, codes.InvalidArgument, err)
}

// TestIndexQueriesFollowTheirRecords: the queries served by an IndexedMap
// index (plazas of an operator, trips by plaza and by period, batches and
// disputes of a period) answer right after a record is created, changed
// (moved to another plaza, operator or period) and removed, and page with
// the same next_key as the hand-written indexes they replaced: the index key
// after the prefix.
func TestIndexQueriesFollowTheirRecords(t *testing.T) {
	f := qySetup(t)
	f.network()
	f.period(1, types.PeriodSubmitted)
	f.period(2, types.PeriodOpen)
	plazaIDs := func(operator string) []string {
		t.Helper()
		res, err := f.q.Plazas(f.Ctx, &types.QueryPlazasRequest{Operator: operator})
		require.NoError(t, err)
		return testkeeper.Pluck(res.Plazas, func(p types.Plaza) string { return p.Id })
	}
	byPlaza := func(plaza string) []uint64 {
		t.Helper()
		res, err := f.q.TripsByPlaza(f.Ctx, &types.QueryTripsByPlazaRequest{PlazaId: plaza})
		require.NoError(t, err)
		return qyTripIDs(res.Trips)
	}
	byPeriod := func(period uint64) []uint64 {
		t.Helper()
		res, err := f.q.TripsByPeriod(f.Ctx, &types.QueryTripsByPeriodRequest{PeriodId: period})
		require.NoError(t, err)
		return qyTripIDs(res.Trips)
	}
	batchIDs := func(period uint64) []uint64 {
		t.Helper()
		res, err := f.q.TripBatches(f.Ctx, &types.QueryTripBatchesRequest{PeriodId: period})
		require.NoError(t, err)
		return testkeeper.Pluck(res.Batches, func(b types.TripBatch) uint64 { return b.Id })
	}
	disputeIDs := func(period uint64) []uint64 {
		t.Helper()
		res, err := f.q.Disputes(f.Ctx, &types.QueryDisputesRequest{PeriodId: period})
		require.NoError(t, err)
		return testkeeper.Pluck(res.Disputes, func(d types.Dispute) uint64 { return d.Id })
	}

	// create
	f.trip(1, "seoul", 1, nil, types.PaymentStatusOffchain)
	f.trip(2, "seoul", 1, nil, types.PaymentStatusOffchain)
	f.batch(types.TripBatch{Id: 1, PlazaId: "seoul", PeriodId: 1})
	f.dispute(1, 1)
	require.Equal(t, []uint64{1, 2}, byPlaza("seoul"))
	require.Equal(t, []uint64{1, 2}, byPeriod(1))
	require.Equal(t, []uint64{1}, batchIDs(1))
	require.Equal(t, []uint64{1}, disputeIDs(1))
	res, err := f.q.TripsByPlaza(f.Ctx, &types.QueryTripsByPlazaRequest{PlazaId: "seoul", Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	next, err := collections.EncodeKeyWithPrefix(nil,
		collections.TripleKeyCodec(collections.StringKey, collections.Uint64Key, collections.Uint64Key),
		collections.Join3("seoul", uint64(1), uint64(2)))
	require.NoError(t, err)
	require.Equal(t, next[len("seoul\x00"):], res.Pagination.NextKey, "next_key is the index key after the plaza")

	// change: trip 2 moves to osan and period 2, plaza osan to sjr, batch 1
	// and dispute 1 to period 2
	trip, err := f.Keeper.Trips.Get(f.Ctx, 2)
	require.NoError(t, err)
	trip.ExitPlaza, trip.PeriodId = "osan", 2
	f.must(f.Keeper.Trips.Set(f.Ctx, 2, trip))
	require.Equal(t, []uint64{1}, byPlaza("seoul"))
	require.Equal(t, []uint64{2}, byPlaza("osan"))
	require.Equal(t, []uint64{1}, byPeriod(1))
	require.Equal(t, []uint64{2}, byPeriod(2))
	require.Equal(t, []string{"osan", "seoul", "west-a", "yd-1"}, plazaIDs(qyKec))
	f.plaza("osan", qySjr, "gyeongbu", 40_000)
	require.Equal(t, []string{"seoul", "west-a", "yd-1"}, plazaIDs(qyKec))
	require.Equal(t, []string{"daejeon", "osan", "west-b"}, plazaIDs(qySjr))
	f.batch(types.TripBatch{Id: 1, PlazaId: "seoul", PeriodId: 2})
	require.Empty(t, batchIDs(1))
	require.Equal(t, []uint64{1}, batchIDs(2))
	f.dispute(1, 2)
	require.Empty(t, disputeIDs(1))
	require.Equal(t, []uint64{1}, disputeIDs(2))

	// remove
	f.must(f.Keeper.Trips.Remove(f.Ctx, 1))
	f.must(f.Keeper.Plazas.Remove(f.Ctx, "osan"))
	f.must(f.Keeper.Batches.Remove(f.Ctx, 1))
	f.must(f.Keeper.Disputes.Remove(f.Ctx, 1))
	require.Empty(t, byPlaza("seoul"))
	require.Empty(t, byPeriod(1))
	require.Equal(t, []string{"daejeon", "west-b"}, plazaIDs(qySjr))
	require.Empty(t, batchIDs(2))
	require.Empty(t, disputeIDs(2))
}
