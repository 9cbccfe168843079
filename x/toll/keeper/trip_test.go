package keeper_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// R1-SEOUL -> R1-OSAN class 1 (TestQuoteFareTwoOperatorsByClass):
// kec 30 x 443 = 13 290, prv 20 x 887 + 1 200 = 18 940, fare 32 230, prv collects.
const (
	ntFareKec = 13_290
	ntFarePrv = 18_940
	ntFare    = ntFareKec + ntFarePrv // 32 230
)

func TestRecordTripOffchain(t *testing.T) {
	// ARRANGE
	f := ntNetwork(t)
	msg := f.offchainMsg("R1-SEOUL", "R1-OSAN")
	before := f.state()
	f.freshEvents()

	// ACT
	res, err := f.msg.RecordTrip(f.Ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, &types.MsgRecordTripResponse{TripId: 1, Fare: ntFare, PaymentStatus: types.PaymentStatusOffchain}, res)
	shares := ntShares(ntKec, ntFareKec, ntPrv, ntFarePrv)
	require.Equal(t, types.Trip{
		Id: 1, EntryPlaza: "R1-SEOUL", ExitPlaza: "R1-OSAN", VehicleClass: 1,
		EntryTime: ntEntry, ExitTime: ntExit, PaymentMethod: types.PaymentOffchain, VehicleRef: ntVehicleRef,
		Collector: ntPrv, DistanceM: 50_000, Fare: ntFare, Shares: shares, Tariffs: ntRefs(ntKec, 1, ntPrv, 1),
		PeriodId: 1, PaymentStatus: types.PaymentStatusOffchain, RecordedAt: ntNow, RecordedBy: f.s(ntPrvOp),
	}, f.trip(1))
	require.Equal(t, []collections.Triple[string, uint64, uint64]{collections.Join3("R1-OSAN", uint64(1), uint64(1))}, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Trips.Indexes.ByPlaza))
	require.Equal(t, []collections.Pair[uint64, uint64]{collections.Join(uint64(1), uint64(1))}, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Trips.Indexes.ByPeriod))
	require.Empty(t, testkeeper.KeysOf(t, f.Ctx, f.Keeper.UnpaidTrips))
	// prv collected: it owes kec kec's share and keeps its own
	require.Equal(t, map[ntAccrualKey]uint64{{1, ntPrv, ntKec}: ntFareKec, {1, ntPrv, ntPrv}: ntFarePrv}, f.accruals())
	require.Equal(t, before.Balances, f.state().Balances, "an OFFCHAIN trip moves no coins")
	f.requireOnlyEvent("civic.toll.v1.EventTripRecorded", &types.EventTripRecorded{
		TripId: 1, EntryPlaza: "R1-SEOUL", ExitPlaza: "R1-OSAN", VehicleClass: 1, Collector: ntPrv,
		Fare: ntFare, Shares: shares, PaymentStatus: types.PaymentStatusOffchain, PeriodId: 1,
	})
}

func TestRecordTripStoresDiscountsClassAndDirection(t *testing.T) {
	// ARRANGE: kec collects OSAN -> SEOUL, class 5, COMPACT and ECO_FRIENDLY
	f := ntNetwork(t)
	msg := f.offchainMsg("R1-OSAN", "R1-SEOUL")
	msg.VehicleClass = 5
	msg.DiscountCodes = []types.DiscountCode{types.DiscountEcoFriendly, types.DiscountCompact}

	// ACT
	res, err := f.msg.RecordTrip(f.Ctx, msg)

	// ASSERT: kec 30 x 744 = 22 320 + 900 = 23 220, half off -> 11 610
	//         prv 20 x 1488 = 29 760 (no base: kec collects), half off -> 14 880; fare 26 490
	require.NoError(t, err)
	require.Equal(t, uint64(26_490), res.Fare)
	tr := f.trip(res.TripId)
	require.Equal(t, ntShares(ntKec, 11_610, ntPrv, 14_880), tr.Shares)
	require.Equal(t, ntKec, tr.Collector)
	require.Equal(t, uint32(5), tr.VehicleClass)
	require.Equal(t, []types.DiscountCode{types.DiscountEcoFriendly, types.DiscountCompact}, tr.DiscountCodes)
	require.Equal(t, f.s(ntKecOp), tr.RecordedBy)
	require.Equal(t, map[ntAccrualKey]uint64{{1, ntKec, ntKec}: 11_610, {1, ntKec, ntPrv}: 14_880}, f.accruals())
}

func TestRecordTripUsesTariffAtExitTime(t *testing.T) {
	// ARRANGE: kec v2 from ntNow+1h (class 1: base 1 000, per_km 500); the block time moves to ntNow+2h
	f := ntNetwork(t)
	v2 := ntKecMsgTariff(f, ntNow.Add(time.Hour))
	v2.Rates[0] = types.ClassRate{VehicleClass: 1, BaseFee: 1_000, PerKm: 500}
	f.tariff(v2)
	f.at(ntNow.Add(2 * time.Hour))
	early := f.offchainMsg("R1-SEOUL", "R1-OSAN")
	early.EntryTime, early.ExitTime = ntNow, ntNow.Add(30*time.Minute)
	late := f.offchainMsg("R1-SEOUL", "R1-OSAN")
	late.EntryTime, late.ExitTime = ntNow.Add(time.Hour), ntNow.Add(90*time.Minute)

	// ACT: both recorded at the same block time
	r1 := f.record(early)
	r2 := f.record(late)

	// ASSERT: v1 32 230; v2 kec 30 x 500 = 15 000 + prv 18 940 = 33 940
	require.Equal(t, uint64(ntFare), r1.Fare)
	require.Equal(t, ntRefs(ntKec, 1, ntPrv, 1), f.trip(r1.TripId).Tariffs)
	require.Equal(t, uint64(33_940), r2.Fare)
	require.Equal(t, ntRefs(ntKec, 2, ntPrv, 1), f.trip(r2.TripId).Tariffs)
	require.Equal(t, map[ntAccrualKey]uint64{
		{1, ntPrv, ntKec}: 13_290 + 15_000,
		{1, ntPrv, ntPrv}: 2 * ntFarePrv,
	}, f.accruals())
}

func TestRecordTripTimeBoundaries(t *testing.T) {
	// ARRANGE: 31 days after genesis, so that an exit 30 days back is after the tariffs' ntT0
	f := ntNetwork(t)
	now := ntT0.Add(31 * 24 * time.Hour)
	f.at(now)
	p := types.DefaultParams()
	cases := []struct {
		name        string
		entry, exit time.Time
	}{
		{"exit == entry", now.Add(-time.Hour), now.Add(-time.Hour)},
		{"lasting exactly max_trip_duration_seconds", now.Add(-time.Hour - 48*time.Hour), now.Add(-time.Hour)},
		{"exit exactly max_clock_skew_seconds after the block time", now, now.Add(300 * time.Second)},
		{"exit exactly max_trip_age_seconds before the block time", now.Add(-30*24*time.Hour - time.Hour), now.Add(-time.Duration(p.MaxTripAgeSeconds) * time.Second)},
	}
	for i, tc := range cases {
		msg := f.offchainMsg("R1-SEOUL", "R1-OSAN")
		msg.EntryTime, msg.ExitTime = tc.entry, tc.exit

		// ACT
		res, err := f.msg.RecordTrip(f.Ctx, msg)

		// ASSERT
		require.NoError(t, err, tc.name)
		require.Equal(t, uint64(i+1), res.TripId, tc.name)
		require.Equal(t, tc.exit, f.trip(res.TripId).ExitTime, tc.name)
	}
}

func TestRecordTripAccountPaid(t *testing.T) {
	// ARRANGE: the driver holds 100 000 and allows prv 50 000 (and kec 1 000 000, unused)
	f := ntNetwork(t)
	f.Fund(t, ntDriver, ntDenom, 100_000)
	f.spendingLimit(ntDriver, ntPrv, 50_000)
	f.spendingLimit(ntDriver, ntKec, 1_000_000)
	kecBefore, prvBefore := f.Balance(ntKecOp, ntDenom), f.Balance(ntPrvOp, ntDenom)
	f.freshEvents()

	// ACT
	res, err := f.msg.RecordTrip(f.Ctx, f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver))

	// ASSERT: the whole fare moves driver -> prv's settlement account (ntPrvOp)
	require.NoError(t, err)
	require.Equal(t, &types.MsgRecordTripResponse{TripId: 1, Fare: ntFare, PaymentStatus: types.PaymentStatusPaid}, res)
	require.Equal(t, uint64(100_000-ntFare), f.Balance(ntDriver, ntDenom)) // 67 770
	require.Equal(t, prvBefore+ntFare, f.Balance(ntPrvOp, ntDenom))
	require.Equal(t, kecBefore, f.Balance(ntKecOp, ntDenom), "kec is paid at settlement, not now")
	l, _ := f.limit(ntDriver, ntPrv)
	require.Equal(t, types.SpendingLimit{Payer: f.s(ntDriver), Operator: ntPrv, Remaining: 50_000 - ntFare, Spent: ntFare}, l) // 17 770
	l, _ = f.limit(ntDriver, ntKec)
	require.Equal(t, uint64(1_000_000), l.Remaining, "only the collector's limit is charged")
	tr := f.trip(1)
	require.Equal(t, types.PaymentStatusPaid, tr.PaymentStatus)
	require.Equal(t, types.UnpaidReasonUnspecified, tr.UnpaidReason)
	require.Equal(t, f.s(ntDriver), tr.Payer)
	require.False(t, f.unpaid(ntDriver, 1))
	require.Equal(t, map[ntAccrualKey]uint64{{1, ntPrv, ntKec}: ntFareKec, {1, ntPrv, ntPrv}: ntFarePrv}, f.accruals())
	f.requireOnlyEvent("civic.toll.v1.EventTripRecorded", &types.EventTripRecorded{
		TripId: 1, EntryPlaza: "R1-SEOUL", ExitPlaza: "R1-OSAN", VehicleClass: 1, Collector: ntPrv,
		Fare: ntFare, Shares: ntShares(ntKec, ntFareKec, ntPrv, ntFarePrv), PaymentStatus: types.PaymentStatusPaid, PeriodId: 1,
	})
}

func TestRecordTripAccountPaidExactly(t *testing.T) {
	// ARRANGE: balance and limit exactly the fare
	f := ntNetwork(t)
	f.Fund(t, ntDriver, ntDenom, ntFare)
	f.spendingLimit(ntDriver, ntPrv, ntFare)

	// ACT
	res := f.record(f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver))

	// ASSERT
	require.Equal(t, types.PaymentStatusPaid, res.PaymentStatus)
	require.Zero(t, f.Balance(ntDriver, ntDenom))
	l, ok := f.limit(ntDriver, ntPrv)
	require.True(t, ok, "a used-up limit stays, with remaining 0")
	require.Equal(t, types.SpendingLimit{Payer: f.s(ntDriver), Operator: ntPrv, Remaining: 0, Spent: ntFare}, l)
}

func TestRecordTripAccountUnpaid(t *testing.T) {
	cases := []struct {
		name    string
		arrange func(f *ntFixture)
		reason  types.UnpaidReason
	}{
		{"no spending limit for the collector", func(f *ntFixture) {
			f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
			f.spendingLimit(ntDriver, ntKec, 1_000_000) // kec does not collect this trip
		}, types.UnpaidNoSpendingLimit},
		{"limit one below the fare", func(f *ntFixture) {
			f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
			f.spendingLimit(ntDriver, ntPrv, ntFare-1)
		}, types.UnpaidLimitExceeded},
		{"limit used up by an earlier trip", func(f *ntFixture) {
			f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
			f.spendingLimit(ntDriver, ntPrv, 50_000)
			require.Equal(f.t, types.PaymentStatusPaid, f.record(f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver)).PaymentStatus)
			// 17 770 left < 32 230
		}, types.UnpaidLimitExceeded},
		{"balance one below the fare", func(f *ntFixture) {
			f.Fund(f.t, ntDriver, ntDenom, ntFare-1)
			f.spendingLimit(ntDriver, ntPrv, 1_000_000)
		}, types.UnpaidInsufficientFunds},
		{"no balance at all", func(f *ntFixture) {
			f.spendingLimit(ntDriver, ntPrv, 1_000_000)
		}, types.UnpaidInsufficientFunds},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := ntNetwork(t)
			tc.arrange(f)
			before := f.state()
			limitBefore, hadLimit := f.limit(ntDriver, ntPrv)
			f.freshEvents()

			// ACT
			res, err := f.msg.RecordTrip(f.Ctx, f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver))

			// ASSERT: UNPAID with the reason, nothing moved, indexed as unpaid, accrued all the same
			require.NoError(t, err)
			require.Equal(t, types.PaymentStatusUnpaid, res.PaymentStatus)
			require.Equal(t, uint64(ntFare), res.Fare)
			tr := f.trip(res.TripId)
			require.Equal(t, types.PaymentStatusUnpaid, tr.PaymentStatus)
			require.Equal(t, tc.reason, tr.UnpaidReason)
			require.Equal(t, before.Balances, f.state().Balances, "an UNPAID trip moves no coins")
			limitAfter, hasLimit := f.limit(ntDriver, ntPrv)
			require.Equal(t, hadLimit, hasLimit)
			require.Equal(t, limitBefore, limitAfter, "an UNPAID trip does not touch the limit")
			require.True(t, f.unpaid(ntDriver, res.TripId))
			require.Len(t, testkeeper.KeysOf(t, f.Ctx, f.Keeper.UnpaidTrips), 1)
			acc := f.accruals()
			require.Equal(t, uint64(ntFarePrv)*uint64(res.TripId), acc[ntAccrualKey{1, ntPrv, ntPrv}])
			f.requireOnlyEvent("civic.toll.v1.EventTripRecorded", &types.EventTripRecorded{
				TripId: res.TripId, EntryPlaza: "R1-SEOUL", ExitPlaza: "R1-OSAN", VehicleClass: 1, Collector: ntPrv,
				Fare: ntFare, Shares: ntShares(ntKec, ntFareKec, ntPrv, ntFarePrv),
				PaymentStatus: types.PaymentStatusUnpaid, UnpaidReason: tc.reason, PeriodId: 1,
			})
		})
	}
}

func TestRecordTripZeroFareAccountIsPaid(t *testing.T) {
	// ARRANGE: kec v2 from ntNow: class 1 free (base 0, per_km 0); no limit, no balance
	f := ntNetwork(t)
	v2 := ntKecMsgTariff(f, ntNow)
	v2.Rates[0] = types.ClassRate{VehicleClass: 1}
	f.tariff(v2)
	msg := f.accountMsg("R1-SEOUL", "R1-SUWON", ntDriver)
	msg.EntryTime, msg.ExitTime = ntNow, ntNow
	before := f.state()

	// ACT
	res := f.record(msg)

	// ASSERT: nothing to pay is PAID; no shares, nothing accrued or moved
	require.Equal(t, &types.MsgRecordTripResponse{TripId: 1, Fare: 0, PaymentStatus: types.PaymentStatusPaid}, res)
	require.Empty(t, f.trip(1).Shares)
	require.Equal(t, ntRefs(ntKec, 2), f.trip(1).Tariffs)
	require.Empty(t, f.accruals())
	require.False(t, f.unpaid(ntDriver, 1))
	require.Equal(t, before.Balances, f.state().Balances)
}

func TestRecordTripRejected(t *testing.T) {
	record := func(f *ntFixture, edit func(*types.MsgRecordTrip)) func() error {
		f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
		f.spendingLimit(ntDriver, ntPrv, 1_000_000)
		msg := f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver)
		if edit != nil {
			edit(msg)
		}
		return func() error { _, err := f.msg.RecordTrip(f.Ctx, msg); return err }
	}
	edit := func(e func(f *ntFixture, m *types.MsgRecordTrip)) func(f *ntFixture) func() error {
		return func(f *ntFixture) func() error {
			return record(f, func(m *types.MsgRecordTrip) { e(f, m) })
		}
	}
	p := types.DefaultParams()
	ntRunRejections(t, ntNetwork, []ntRejection{
		// identifiers
		{"empty entry plaza", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.EntryPlaza = "" }), types.ErrInvalidID},
		{"exit plaza with a space", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.ExitPlaza = "R1 OSAN" }), types.ErrInvalidID},
		{"unknown exit plaza", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.ExitPlaza = "R1-BUSAN" }), types.ErrPlazaNotFound},
		{"unknown entry plaza", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.EntryPlaza = "R1-BUSAN" }), types.ErrPlazaNotFound},
		// class and discounts
		{"vehicle class 0", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.VehicleClass = 0 }), types.ErrInvalidVehicleClass},
		{"vehicle class 6", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.VehicleClass = 6 }), types.ErrInvalidVehicleClass},
		{"discount code unspecified", edit(func(_ *ntFixture, m *types.MsgRecordTrip) {
			m.DiscountCodes = []types.DiscountCode{types.DiscountUnspecified}
		}), types.ErrInvalidDiscount},
		{"unknown discount code", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.DiscountCodes = []types.DiscountCode{42} }), types.ErrInvalidDiscount},
		{"discount code repeated", edit(func(_ *ntFixture, m *types.MsgRecordTrip) {
			m.DiscountCodes = []types.DiscountCode{types.DiscountCompact, types.DiscountCommuter, types.DiscountCompact}
		}), types.ErrInvalidDiscount},
		{"five discount codes", edit(func(_ *ntFixture, m *types.MsgRecordTrip) {
			m.DiscountCodes = []types.DiscountCode{1, 2, 3, 4, 1}
		}), types.ErrInvalidDiscount},
		// vehicle_ref
		{"vehicle_ref empty", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.VehicleRef = "" }), types.ErrInvalidDigest},
		{"vehicle_ref a plate number", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.VehicleRef = "12가3456" }), types.ErrInvalidDigest},
		{"vehicle_ref 63 characters", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.VehicleRef = ntVehicleRef[:63] }), types.ErrInvalidDigest},
		{"vehicle_ref uppercase", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.VehicleRef = strings.ToUpper(ntVehicleRef) }), types.ErrInvalidDigest},
		{"vehicle_ref not hex", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.VehicleRef = strings.Repeat("g", 64) }), types.ErrInvalidDigest},
		// payment
		{"payment method unspecified", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.PaymentMethod = types.PaymentUnspecified }), types.ErrInvalidPaymentMethod},
		{"unknown payment method", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.PaymentMethod = 9 }), types.ErrInvalidPaymentMethod},
		{"OFFCHAIN with a payer", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.PaymentMethod = types.PaymentOffchain }), types.ErrInvalidPaymentMethod},
		{"ACCOUNT without a payer", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.Payer = "" }), types.ErrInvalidPaymentMethod},
		{"ACCOUNT with a malformed payer", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.Payer = "civic1nope" }), sdkerrors.ErrInvalidAddress},
		{"ACCOUNT with an uppercase payer", edit(func(f *ntFixture, m *types.MsgRecordTrip) { m.Payer = strings.ToUpper(f.s(ntDriver)) }), sdkerrors.ErrInvalidAddress},
		// times
		{"entry time unset", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.EntryTime = time.Time{} }), types.ErrInvalidTime},
		{"exit time unset", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.ExitTime = time.Time{} }), types.ErrInvalidTime},
		{"exit before entry", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.EntryTime = m.ExitTime.Add(time.Second) }), types.ErrExitBeforeEntry},
		{"trip one second longer than max_trip_duration_seconds", edit(func(_ *ntFixture, m *types.MsgRecordTrip) {
			m.EntryTime = m.ExitTime.Add(-time.Duration(p.MaxTripDurationSeconds+1) * time.Second)
		}), types.ErrTripTooLong},
		{"exit one second beyond the clock skew", edit(func(_ *ntFixture, m *types.MsgRecordTrip) {
			m.ExitTime = ntNow.Add(time.Duration(p.MaxClockSkewSeconds+1) * time.Second)
			m.EntryTime = ntNow
		}), types.ErrTripInFuture},
		{"exit one second older than max_trip_age_seconds", edit(func(_ *ntFixture, m *types.MsgRecordTrip) {
			m.ExitTime = ntNow.Add(-time.Duration(p.MaxTripAgeSeconds+1) * time.Second)
			m.EntryTime = m.ExitTime.Add(-time.Hour)
		}), types.ErrTripTooOld},
		// signer
		{"malformed signer", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.Signer = "civic1nope" }), sdkerrors.ErrInvalidAddress},
		{"signer not a member", edit(func(f *ntFixture, m *types.MsgRecordTrip) { m.Signer = f.s(ntOutsider) }), agencytypes.ErrNotMember},
		{"signer without toll.operator", edit(func(f *ntFixture, m *types.MsgRecordTrip) { m.Signer = f.s(ntKecClerk) }), agencytypes.ErrRoleNotHeld},
		{"signer's agency not registered as operator", edit(func(f *ntFixture, m *types.MsgRecordTrip) { m.Signer = f.s(ntNopOp) }), types.ErrOperatorNotRegistered},
		{"recording at another operator's plaza", edit(func(f *ntFixture, m *types.MsgRecordTrip) { m.Signer = f.s(ntKecOp) }), types.ErrWrongOperator},
		{"the payer recording its own trip", edit(func(f *ntFixture, m *types.MsgRecordTrip) { m.Signer = f.s(ntDriver) }), agencytypes.ErrNotMember},
		// fare
		{"same plaza", edit(func(_ *ntFixture, m *types.MsgRecordTrip) { m.EntryPlaza = "R1-OSAN" }), types.ErrSamePlaza},
		{"different routes", edit(func(f *ntFixture, m *types.MsgRecordTrip) {
			m.Signer, m.ExitPlaza = f.s(ntKecOp), "R2-BUPYEONG"
		}), types.ErrRouteMismatch},
		{"stretch not covered", func(f *ntFixture) func() error {
			f.plaza(ntPrvOp, "R1-PYEONGTAEK", "R1", 60_000)
			return record(f, func(m *types.MsgRecordTrip) { m.ExitPlaza = "R1-PYEONGTAEK" })
		}, types.ErrRouteNotCovered},
		{"exit before the first tariff version", edit(func(_ *ntFixture, m *types.MsgRecordTrip) {
			m.ExitTime = ntT0.Add(-time.Minute)
			m.EntryTime = m.ExitTime.Add(-time.Hour)
		}), types.ErrTariffNotFound},
		{"more segments than max_segments_per_trip", func(f *ntFixture) func() error {
			f.setParams(func(p *types.Params) { p.MaxSegmentsPerTrip = 1 })
			return record(f, nil)
		}, types.ErrTooMany},
		{"fare overflows", func(f *ntFixture) func() error {
			v2 := ntPrvMsgTariff(f, ntNow)
			v2.Rates[1].PerKm = math.MaxUint64 // above max_rates: as an old genesis may hold
			f.forceTariff(v2, ntPrv)
			return record(f, func(m *types.MsgRecordTrip) {
				m.VehicleClass = 2
				m.EntryTime, m.ExitTime = ntNow, ntNow
			})
		}, types.ErrAmountOverflow},
		{"accrual beyond the period caps", func(f *ntFixture) func() error {
			// class 4 with COMPACT: prv's part 9 223 372 036 854 775 800 (TestQuoteFareOverflow),
			// beyond max_period_accrual: the first such trip is refused
			v2 := ntPrvMsgTariff(f, ntNow)
			v2.Rates[3] = types.ClassRate{VehicleClass: 4, PerKm: math.MaxUint64 / 20}
			f.forceTariff(v2, ntPrv)
			big := func() *types.MsgRecordTrip {
				m := f.offchainMsg("R1-SEOUL", "R1-OSAN")
				m.VehicleClass, m.DiscountCodes = 4, []types.DiscountCode{types.DiscountCompact}
				m.EntryTime, m.ExitTime = ntNow, ntNow
				return m
			}
			return func() error { _, err := f.msg.RecordTrip(f.Ctx, big()); return err }
		}, types.ErrPeriodCapExceeded},
	})
}

func TestRecordTripAfterSubmitPeriod(t *testing.T) {
	// ARRANGE: one trip in period 1, then period 1 is submitted
	f := ntNetwork(t)
	f.record(f.offchainMsg("R1-SEOUL", "R1-OSAN"))
	sub, err := f.msg.SubmitPeriod(f.Ctx, &types.MsgSubmitPeriod{Signer: f.s(ntKecOp), PeriodId: 1})
	require.NoError(t, err)
	require.Equal(t, uint64(2), sub.NextPeriodId)
	f.freshEvents()

	// ACT
	res, err := f.msg.RecordTrip(f.Ctx, f.offchainMsg("R1-OSAN", "R1-SEOUL"))

	// ASSERT: the trip, its indexes and accruals are in period 2; period 1's are untouched
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.TripId)
	require.Equal(t, uint64(2), f.trip(2).PeriodId)
	require.Equal(t, uint64(1), f.trip(1).PeriodId)
	require.Equal(t, []collections.Pair[uint64, uint64]{collections.Join(uint64(1), uint64(1)), collections.Join(uint64(2), uint64(2))}, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Trips.Indexes.ByPeriod))
	has, err := f.Keeper.Trips.Indexes.ByPlaza.Has(f.Ctx, collections.Join3("R1-SEOUL", uint64(2), uint64(2)))
	require.NoError(t, err)
	require.True(t, has)
	// reverse: kec collects 14 190 (own) and owes prv 17 740
	require.Equal(t, map[ntAccrualKey]uint64{
		{1, ntPrv, ntKec}: ntFareKec, {1, ntPrv, ntPrv}: ntFarePrv,
		{2, ntKec, ntKec}: 14_190, {2, ntKec, ntPrv}: 17_740,
	}, f.accruals())
	events := f.events()
	require.Len(t, events, 1)
	require.Equal(t, uint64(2), events[0].(*types.EventTripRecorded).PeriodId)
}

// ---- MsgPayTrip ------------------------------------------------------------

// ntUnpaidTrip records an UNPAID (no spending limit) ACCOUNT trip of
// ntDriver, SEOUL -> OSAN, and returns its id.
func ntUnpaidTrip(f *ntFixture) uint64 {
	f.t.Helper()
	res := f.record(f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver))
	require.Equal(f.t, types.PaymentStatusUnpaid, res.PaymentStatus)
	return res.TripId
}

func TestPayTripByThePayer(t *testing.T) {
	// ARRANGE: unpaid for lack of a limit; the driver tops up
	f := ntNetwork(t)
	id := ntUnpaidTrip(f)
	f.Fund(t, ntDriver, ntDenom, 40_000)
	prvBefore := f.Balance(ntPrvOp, ntDenom)
	accBefore := f.accruals()
	f.freshEvents()

	// ACT
	res, err := f.msg.PayTrip(f.Ctx, &types.MsgPayTrip{Signer: f.s(ntDriver), TripId: id})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(ntFare), res.Amount)
	require.Equal(t, uint64(40_000-ntFare), f.Balance(ntDriver, ntDenom)) // 7 770
	require.Equal(t, prvBefore+ntFare, f.Balance(ntPrvOp, ntDenom))
	tr := f.trip(id)
	require.Equal(t, types.PaymentStatusPaid, tr.PaymentStatus)
	require.Equal(t, types.UnpaidReasonUnspecified, tr.UnpaidReason)
	require.Equal(t, f.s(ntDriver), tr.Payer)
	require.Equal(t, uint64(ntFare), tr.Fare)
	require.False(t, f.unpaid(ntDriver, id))
	require.Empty(t, testkeeper.KeysOf(t, f.Ctx, f.Keeper.UnpaidTrips))
	require.Equal(t, accBefore, f.accruals(), "paying moves coins, the accruals were written at recording")
	f.requireOnlyEvent("civic.toll.v1.EventTripPaid", &types.EventTripPaid{TripId: id, Payer: f.s(ntDriver), Amount: ntFare})
}

func TestPayTripByAnotherAccount(t *testing.T) {
	// ARRANGE: unpaid because the limit is exceeded; a friend pays
	f := ntNetwork(t)
	f.Fund(t, ntDriver, ntDenom, 1_000_000)
	f.spendingLimit(ntDriver, ntPrv, 100)
	res := f.record(f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver))
	require.Equal(t, types.PaymentStatusUnpaid, res.PaymentStatus)
	f.Fund(t, ntFriend, ntDenom, ntFare)
	prvBefore := f.Balance(ntPrvOp, ntDenom)
	f.freshEvents()

	// ACT
	pay, err := f.msg.PayTrip(f.Ctx, &types.MsgPayTrip{Signer: f.s(ntFriend), TripId: res.TripId})

	// ASSERT: the friend pays the fare, the driver's balance and limit are untouched
	require.NoError(t, err)
	require.Equal(t, uint64(ntFare), pay.Amount)
	require.Zero(t, f.Balance(ntFriend, ntDenom))
	require.Equal(t, uint64(1_000_000), f.Balance(ntDriver, ntDenom))
	require.Equal(t, prvBefore+ntFare, f.Balance(ntPrvOp, ntDenom))
	l, _ := f.limit(ntDriver, ntPrv)
	require.Equal(t, types.SpendingLimit{Payer: f.s(ntDriver), Operator: ntPrv, Remaining: 100}, l)
	tr := f.trip(res.TripId)
	require.Equal(t, types.PaymentStatusPaid, tr.PaymentStatus)
	require.Equal(t, f.s(ntDriver), tr.Payer, "the trip's payer stays the driver")
	require.False(t, f.unpaid(ntDriver, res.TripId))
	f.requireOnlyEvent("civic.toll.v1.EventTripPaid", &types.EventTripPaid{TripId: res.TripId, Payer: f.s(ntFriend), Amount: ntFare})
}

func TestPayTripLeavesOtherUnpaidTrips(t *testing.T) {
	// ARRANGE: two unpaid trips of the driver, one of driver 2
	f := ntNetwork(t)
	a := ntUnpaidTrip(f)
	b := ntUnpaidTrip(f)
	c := f.record(f.accountMsg("R1-SEOUL", "R1-SUWON", ntDriver2)).TripId
	f.Fund(t, ntDriver, ntDenom, ntFare)

	// ACT
	_, err := f.msg.PayTrip(f.Ctx, &types.MsgPayTrip{Signer: f.s(ntDriver), TripId: b})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, []collections.Pair[sdk.AccAddress, uint64]{
		collections.Join(ntDriver, a), collections.Join(ntDriver2, c),
	}, testkeeper.KeysOf(t, f.Ctx, f.Keeper.UnpaidTrips))
	require.Equal(t, types.PaymentStatusUnpaid, f.trip(a).PaymentStatus)
}

func TestPayTripRejected(t *testing.T) {
	pay := func(f *ntFixture, signer sdk.AccAddress, id uint64) func() error {
		return func() error {
			_, err := f.msg.PayTrip(f.Ctx, &types.MsgPayTrip{Signer: f.s(signer), TripId: id})
			return err
		}
	}
	ntRunRejections(t, ntNetwork, []ntRejection{
		{"unknown trip", func(f *ntFixture) func() error {
			ntUnpaidTrip(f)
			f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
			return pay(f, ntDriver, 2)
		}, types.ErrTripNotFound},
		{"trip id 0", func(f *ntFixture) func() error {
			f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
			return pay(f, ntDriver, 0)
		}, types.ErrTripNotFound},
		{"a PAID trip", func(f *ntFixture) func() error {
			f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
			f.spendingLimit(ntDriver, ntPrv, 1_000_000)
			id := f.record(f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver)).TripId
			return pay(f, ntDriver, id)
		}, types.ErrTripNotUnpaid},
		{"a trip paid by MsgPayTrip already", func(f *ntFixture) func() error {
			id := ntUnpaidTrip(f)
			f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
			require.NoError(f.t, pay(f, ntDriver, id)())
			return pay(f, ntDriver, id)
		}, types.ErrTripNotUnpaid},
		{"an OFFCHAIN trip", func(f *ntFixture) func() error {
			f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
			id := f.record(f.offchainMsg("R1-SEOUL", "R1-OSAN")).TripId
			return pay(f, ntDriver, id)
		}, types.ErrTripNotUnpaid},
		{"the signer lacks one unit", func(f *ntFixture) func() error {
			id := ntUnpaidTrip(f)
			f.Fund(f.t, ntDriver, ntDenom, ntFare-1)
			return pay(f, ntDriver, id)
		}, types.ErrInsufficientFunds},
		{"a stranger without funds", func(f *ntFixture) func() error {
			id := ntUnpaidTrip(f)
			f.Fund(f.t, ntDriver, ntDenom, 1_000_000)
			return pay(f, ntOutsider, id)
		}, types.ErrInsufficientFunds},
		{"funds in another denom", func(f *ntFixture) func() error {
			id := ntUnpaidTrip(f)
			f.Fund(f.t, ntDriver, "uatom", 1_000_000)
			return pay(f, ntDriver, id)
		}, types.ErrInsufficientFunds},
		{"malformed signer", func(f *ntFixture) func() error {
			id := ntUnpaidTrip(f)
			return func() error {
				_, err := f.msg.PayTrip(f.Ctx, &types.MsgPayTrip{Signer: "civic1nope", TripId: id})
				return err
			}
		}, sdkerrors.ErrInvalidAddress},
	})
}
