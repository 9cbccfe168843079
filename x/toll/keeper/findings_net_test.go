package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// Tests of issue 11's findings 3, 5, 6 and 7 on the toll network: each tries
// the attack (refused with the registered error, nothing written, no coins
// moved, no event) and the success path that replaces it.

// ntNotice is the default tariff_min_notice_seconds as a duration.
const ntNotice = time.Duration(types.DefaultTariffMinNoticeSeconds) * time.Second

// ---- finding 3: tariffs take effect only after a notice, within bounds -------

func TestFinding03TariffNoticeAndBounds(t *testing.T) {
	// prv's v2 raising per_km tenfold, effective at `from`
	raise := func(f *ntFixture, from time.Time) *types.MsgSetTariff {
		msg := ntPrvMsgTariff(f, from)
		for i := range msg.Rates {
			msg.Rates[i].PerKm *= 10
		}
		return msg
	}
	set := func(f *ntFixture, msg *types.MsgSetTariff) func() error {
		return func() error { _, err := f.msg.SetTariff(f.Ctx, msg); return err }
	}
	ntRunRejections(t, ntNetwork, []ntRejection{
		{"new version effective in the block that sets it", func(f *ntFixture) func() error {
			return set(f, raise(f, ntNow))
		}, types.ErrTariffNoticeTooShort},
		{"new version one second short of the notice", func(f *ntFixture) func() error {
			return set(f, raise(f, ntNow.Add(ntNotice-time.Second)))
		}, types.ErrTariffNoticeTooShort},
		{"base fee above max_rates", func(f *ntFixture) func() error {
			msg := ntPrvMsgTariff(f, ntNow.Add(ntNotice))
			msg.Rates[4].BaseFee = types.DefaultMaxRates()[4].BaseFee + 1
			return set(f, msg)
		}, types.ErrTariffAboveMax},
		{"per_km above max_rates", func(f *ntFixture) func() error {
			msg := ntPrvMsgTariff(f, ntNow.Add(ntNotice))
			msg.Rates[0].PerKm = types.DefaultMaxRates()[0].PerKm + 1
			return set(f, msg)
		}, types.ErrTariffAboveMax},
		{"an operator's first version above max_rates", func(f *ntFixture) func() error {
			f.registerOperator(ntNopOp)
			msg := ntPrvMsgTariff(f, ntNow)
			msg.Signer = f.s(ntNopOp)
			msg.Rates[2].PerKm = types.DefaultMaxRates()[2].PerKm * 2
			return set(f, msg)
		}, types.ErrTariffAboveMax},
	})

	t.Run("the raise takes effect after the notice; trips before it keep the old rates", func(t *testing.T) {
		// ARRANGE
		f := ntNetwork(t)
		from := ntNow.Add(ntNotice)
		before, err := f.quote("R1-SEOUL", "R1-OSAN", 1, nil, ntExit)
		require.NoError(t, err)

		// ACT
		res, err := f.msg.SetTariff(f.Ctx, raise(f, from))

		// ASSERT
		require.NoError(t, err)
		require.Equal(t, uint64(2), res.Version)
		// a trip exiting now (or within the clock skew) is priced with v1
		now, err := f.quote("R1-SEOUL", "R1-OSAN", 1, nil, ntNow.Add(time.Duration(types.DefaultMaxClockSkewSeconds)*time.Second))
		require.NoError(t, err)
		require.Equal(t, before.Shares, now.Shares)
		// from `from`, prv's 20 km cost ten times as much: 20 x 8 870 = 177 400
		later, err := f.quote("R1-SEOUL", "R1-OSAN", 1, nil, from)
		require.NoError(t, err)
		require.Equal(t, ntShares(ntKec, 13_290, ntPrv, 1_200+177_400), later.Shares)
	})

	t.Run("an operator's first version needs no notice", func(t *testing.T) {
		// ARRANGE: no trip across nop's stretch could be priced before its first version
		f := ntNetwork(t)
		f.registerOperator(ntNopOp)
		msg := ntPrvMsgTariff(f, ntNow)
		msg.Signer = f.s(ntNopOp)

		// ACT
		res, err := f.msg.SetTariff(f.Ctx, msg)

		// ASSERT
		require.NoError(t, err)
		require.Equal(t, uint64(1), res.Version)
	})

	t.Run("params bound the notice and the caps", func(t *testing.T) {
		f := ntNetwork(t)
		for name, edit := range map[string]func(*types.Params){
			"notice below the clock skew": func(p *types.Params) { p.TariffMinNoticeSeconds = p.MaxClockSkewSeconds - 1 },
			"notice zero":                 func(p *types.Params) { p.MaxClockSkewSeconds, p.TariffMinNoticeSeconds = 0, 0 },
			"notice above 366 days":       func(p *types.Params) { p.TariffMinNoticeSeconds = types.MaxTariffMinNoticeSeconds + 1 },
			"max_rates for four classes":  func(p *types.Params) { p.MaxRates = p.MaxRates[:4] },
			"max_rates out of order":      func(p *types.Params) { p.MaxRates[0], p.MaxRates[1] = p.MaxRates[1], p.MaxRates[0] },
			"max per_km too large":        func(p *types.Params) { p.MaxRates[0].PerKm = types.MaxMaxPerKm + 1 },
		} {
			p := types.DefaultParams()
			edit(&p)
			before := f.state()
			_, err := f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Keeper.GetAuthority(), Params: p})
			require.ErrorIs(t, err, types.ErrInvalidParams, name)
			require.Equal(t, before, f.state(), name)
		}
	})
}

// ---- finding 5: a plaza terminal's key cannot move money or the network ---

func TestFinding05PlazaKeyCannotRedirectSettlement(t *testing.T) {
	ntRunRejections(t, ntNetwork, []ntRejection{
		{"plaza terminal names itself the settlement account", func(f *ntFixture) func() error {
			msg := &types.MsgRegisterOperator{Signer: f.s(ntKecPlaza), AgencyId: ntKec, SettlementAccount: f.s(ntKecPlaza)}
			return func() error { _, err := f.msg.RegisterOperator(f.Ctx, msg); return err }
		}, types.ErrNotAgencyAdmin},
		{"toll.operator member names itself the settlement account", func(f *ntFixture) func() error {
			msg := &types.MsgRegisterOperator{Signer: f.s(ntKecOp2), AgencyId: ntKec, SettlementAccount: f.s(ntKecOp2)}
			return func() error { _, err := f.msg.RegisterOperator(f.Ctx, msg); return err }
		}, types.ErrNotAgencyAdmin},
		{"the admin names a plaza terminal (no toll.settlement)", func(f *ntFixture) func() error {
			msg := &types.MsgRegisterOperator{Signer: f.s(ntKecAdmin), AgencyId: ntKec, SettlementAccount: f.s(ntKecPlaza)}
			return func() error { _, err := f.msg.RegisterOperator(f.Ctx, msg); return err }
		}, agencytypes.ErrRoleNotHeld},
		{"plaza terminal sets a tariff", func(f *ntFixture) func() error {
			msg := ntKecMsgTariff(f, ntNow.Add(ntNotice))
			msg.Signer = f.s(ntKecPlaza)
			return func() error { _, err := f.msg.SetTariff(f.Ctx, msg); return err }
		}, agencytypes.ErrRoleNotHeld},
		{"plaza terminal registers a plaza", func(f *ntFixture) func() error {
			msg := &types.MsgRegisterPlaza{Signer: f.s(ntKecPlaza), PlazaId: "R1-FAKE", Route: "R1", PositionM: 1}
			return func() error { _, err := f.msg.RegisterPlaza(f.Ctx, msg); return err }
		}, agencytypes.ErrRoleNotHeld},
		{"plaza terminal registers a segment", func(f *ntFixture) func() error {
			msg := &types.MsgRegisterSegment{Signer: f.s(ntKecPlaza), Route: "R1", StartM: 60_000, EndM: 70_000}
			return func() error { _, err := f.msg.RegisterSegment(f.Ctx, msg); return err }
		}, agencytypes.ErrRoleNotHeld},
		{"plaza terminal submits a period", func(f *ntFixture) func() error {
			msg := &types.MsgSubmitPeriod{Signer: f.s(ntKecPlaza), PeriodId: 1}
			return func() error { _, err := f.msg.SubmitPeriod(f.Ctx, msg); return err }
		}, agencytypes.ErrRoleNotHeld},
		{"network manager without toll.plaza records a trip", func(f *ntFixture) func() error {
			net := ntAcc("kec-network")
			testkeeper.AddTestMember(f.t, f.Agency, f.Ctx, ntKec, ntKecAdmin, net, types.RoleOperator)
			msg := f.offchainMsg("R1-OSAN", "R1-SEOUL")
			msg.Signer = f.s(net)
			return func() error { _, err := f.msg.RecordTrip(f.Ctx, msg); return err }
		}, agencytypes.ErrRoleNotHeld},
	})

	t.Run("the plaza terminal records trips and batches; fares reach the admin's settlement account", func(t *testing.T) {
		// ARRANGE
		f := ntNetwork(t)
		f.Fund(t, ntDriver, ntDenom, 1_000_000)
		f.spendingLimit(ntDriver, ntKec, 100_000)
		trip := f.accountMsg("R1-OSAN", "R1-SEOUL", ntDriver)
		trip.Signer = f.s(ntKecPlaza)
		batch := f.batchMsg()
		batch.Signer = f.s(ntPrvPlaza)
		settlement := f.Balance(ntKecOp, ntDenom)

		// ACT
		res, err1 := f.msg.RecordTrip(f.Ctx, trip)
		_, err2 := f.msg.SubmitTripBatch(f.Ctx, batch)

		// ASSERT
		require.NoError(t, err1)
		require.NoError(t, err2)
		require.Equal(t, types.PaymentStatusPaid, res.PaymentStatus)
		require.Equal(t, f.s(ntKecPlaza), f.trip(res.TripId).RecordedBy)
		require.Equal(t, settlement+res.Fare, f.Balance(ntKecOp, ntDenom), "the fare went to the settlement account the admin named")
		require.Zero(t, f.Balance(ntKecPlaza, ntDenom), "nothing reaches the terminal's key")
	})
}

// ---- finding 6: one real-world trip is recorded once -----------------------

func TestFinding06DuplicateTripRefused(t *testing.T) {
	// ARRANGE: the driver's trip R1-SEOUL -> R1-OSAN, PAID from its account
	setup := func(t *testing.T) *ntFixture {
		f := ntNetwork(t)
		f.Fund(t, ntDriver, ntDenom, 1_000_000)
		f.spendingLimit(ntDriver, ntPrv, 500_000)
		f.record(f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver))
		return f
	}
	replay := func(f *ntFixture, edit func(*types.MsgRecordTrip)) func() error {
		msg := f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver)
		msg.VehicleRef = f.trip(1).VehicleRef
		if edit != nil {
			edit(msg)
		}
		return func() error { _, err := f.msg.RecordTrip(f.Ctx, msg); return err }
	}
	ntRunRejections(t, setup, []ntRejection{
		{"the identical message again", func(f *ntFixture) func() error { return replay(f, nil) }, types.ErrDuplicateTrip},
		{"the same trip from another terminal of the operator", func(f *ntFixture) func() error {
			return replay(f, func(m *types.MsgRecordTrip) { m.Signer = f.s(ntPrvPlaza) })
		}, types.ErrDuplicateTrip},
		{"the same trip as OFFCHAIN", func(f *ntFixture) func() error {
			return replay(f, func(m *types.MsgRecordTrip) { m.PaymentMethod, m.Payer = types.PaymentOffchain, "" })
		}, types.ErrDuplicateTrip},
		{"the same trip with another class and discounts", func(f *ntFixture) func() error {
			return replay(f, func(m *types.MsgRecordTrip) {
				m.VehicleClass, m.DiscountCodes = 2, []types.DiscountCode{types.DiscountCompact}
			})
		}, types.ErrDuplicateTrip},
	})

	t.Run("the refusal names the trip already recorded", func(t *testing.T) {
		f := setup(t)
		err := replay(f, nil)()
		require.ErrorIs(t, err, types.ErrDuplicateTrip)
		require.ErrorContains(t, err, "trip 1 already records this trip: exit plaza R1-OSAN")
	})

	t.Run("another exit time is another trip", func(t *testing.T) {
		f := setup(t)
		require.NoError(t, replay(f, func(m *types.MsgRecordTrip) { m.ExitTime = m.ExitTime.Add(time.Second) })())
		id, err := f.Keeper.Trips.Indexes.ByKey.MatchExact(f.Ctx, collections.Join4("R1-OSAN", f.trip(1).VehicleRef, ntEntry, ntExit.Add(time.Second)))
		require.NoError(t, err)
		require.Equal(t, uint64(2), id)
	})

	t.Run("genesis refuses duplicates and rebuilds the index", func(t *testing.T) {
		// ARRANGE
		f := setup(t)
		gs, err := f.Keeper.ExportGenesis(f.Ctx)
		require.NoError(t, err)

		// ACT 1: a genesis holding trip 1 twice
		dup := *gs
		again := gs.Trips[0]
		again.Id = gs.NextTripId
		dup.Trips = append(append([]types.Trip(nil), gs.Trips...), again)
		dup.NextTripId++
		fresh := testkeeper.TollKeeper(t)
		err = fresh.Keeper.InitGenesis(fresh.Ctx, &dup)

		// ASSERT 1
		require.ErrorIs(t, err, types.ErrInvalidGenesis)
		require.ErrorContains(t, err, "trips 1 and 2 record the same trip")

		// ACT 2: the exported genesis imports, and the replay is still refused
		imported := testkeeper.TollKeeper(t)
		require.NoError(t, imported.Keeper.InitGenesis(imported.Ctx, gs))
		id, err := imported.Keeper.Trips.Indexes.ByKey.MatchExact(imported.Ctx, collections.Join4("R1-OSAN", gs.Trips[0].VehicleRef, ntEntry, ntExit))

		// ASSERT 2
		require.NoError(t, err)
		require.Equal(t, uint64(1), id)
	})
}

// ---- finding 7: routes have owners; segments can be retired ----------------

func TestFinding07RouteOwnershipAndSegmentRetirement(t *testing.T) {
	segment := func(f *ntFixture, signer string, route string, start, end uint64, operator string) func() error {
		msg := &types.MsgRegisterSegment{Signer: signer, Route: route, StartM: start, EndM: end, Operator: operator}
		return func() error { _, err := f.msg.RegisterSegment(f.Ctx, msg); return err }
	}
	retire := func(f *ntFixture, signer string, route string, start uint64) func() error {
		msg := &types.MsgRetireSegment{Signer: signer, Route: route, StartM: start}
		return func() error { _, err := f.msg.RetireSegment(f.Ctx, msg); return err }
	}
	ntRunRejections(t, ntNetwork, []ntRejection{
		{"prv claims a free stretch of kec's route", func(f *ntFixture) func() error {
			return segment(f, f.s(ntPrvOp), "R1", 50_000, 60_000, "")
		}, types.ErrNotRouteOwner},
		{"prv claims it for kec", func(f *ntFixture) func() error {
			return segment(f, f.s(ntPrvOp), "R2", 40_000, 60_000, ntKec)
		}, types.ErrNotRouteOwner},
		{"prv registers kec's route again", func(f *ntFixture) func() error {
			msg := &types.MsgRegisterRoute{Signer: f.s(ntPrvOp), Route: "R1"}
			return func() error { _, err := f.msg.RegisterRoute(f.Ctx, msg); return err }
		}, types.ErrRouteExists},
		{"a segment on an unregistered route", func(f *ntFixture) func() error {
			return segment(f, f.s(ntPrvOp), "R9", 0, 10_000, "")
		}, types.ErrRouteNotFound},
		{"kec retires prv's segment", func(f *ntFixture) func() error {
			return retire(f, f.s(ntKecOp), "R1", 30_000)
		}, types.ErrWrongOperator},
		{"prv retires its segment under kec's plazas", func(f *ntFixture) func() error {
			return retire(f, f.s(ntPrvOp), "R1", 30_000)
		}, types.ErrSegmentInUse},
		{"kec retires its segment under prv's plazas", func(f *ntFixture) func() error {
			return retire(f, f.s(ntKecOp), "R1", 0)
		}, types.ErrSegmentInUse},
		{"an operator without a segment of the route places a plaza on it (to hold off its retirement)", func(f *ntFixture) func() error {
			f.registerOperator(ntNopOp)
			msg := &types.MsgRegisterPlaza{Signer: f.s(ntNopOp), PlazaId: "R2-SQUAT", Route: "R2", PositionM: 20_000}
			return func() error { _, err := f.msg.RegisterPlaza(f.Ctx, msg); return err }
		}, types.ErrNotRouteOwner},
		{"a plaza terminal retires a segment", func(f *ntFixture) func() error {
			return retire(f, f.s(ntKecPlaza), "R2", 0)
		}, agencytypes.ErrRoleNotHeld},
		{"no segment starts there", func(f *ntFixture) func() error {
			return retire(f, f.s(ntKecOp), "R2", 1)
		}, types.ErrSegmentNotFound},
		{"bad route", func(f *ntFixture) func() error {
			return retire(f, f.s(ntKecOp), "R 2", 0)
		}, types.ErrInvalidID},
	})

	t.Run("a new route is its registrant's", func(t *testing.T) {
		f := ntNetwork(t)
		f.freshEvents()
		_, err := f.msg.RegisterRoute(f.Ctx, &types.MsgRegisterRoute{Signer: f.s(ntPrvOp), Route: "R9"})
		require.NoError(t, err)
		r, err := f.Keeper.Routes.Get(f.Ctx, "R9")
		require.NoError(t, err)
		require.Equal(t, types.Route{Id: "R9", Owner: ntPrv, RegisteredAt: ntNow}, r)
		f.requireOnlyEvent("civic.toll.v1.EventRouteRegistered", &types.EventRouteRegistered{Route: "R9", Owner: ntPrv})
		require.NoError(t, segment(f, f.s(ntPrvOp), "R9", 0, 10_000, "")())
	})

	t.Run("governance registers and retires segments on any route", func(t *testing.T) {
		// ARRANGE: trip 1 across prv's stretch is recorded first
		f := ntNetwork(t)
		gov := f.Keeper.GetAuthority()
		trip := f.record(f.offchainMsg("R1-SEOUL", "R1-OSAN"))

		// ACT 1: governance extends kec's R1 with a stretch for prv
		require.NoError(t, segment(f, gov, "R1", 50_000, 60_000, ntPrv)())
		// ACT 2: governance retires prv's [30 000, 50 000)
		f.freshEvents()
		require.NoError(t, retire(f, gov, "R1", 30_000)())

		// ASSERT: fares across the retired stretch are ErrRouteNotCovered; trip 1 keeps its fare
		f.requireOnlyEvent("civic.toll.v1.EventSegmentRetired",
			&types.EventSegmentRetired{Route: "R1", StartM: 30_000, EndM: 50_000, Operator: ntPrv, RetiredBy: gov})
		_, err := f.quote("R1-SEOUL", "R1-OSAN", 1, nil, ntExit)
		require.ErrorIs(t, err, types.ErrRouteNotCovered)
		_, err = f.msg.RecordTrip(f.Ctx, f.offchainMsg("R1-SUWON", "R1-OSAN"))
		require.ErrorIs(t, err, types.ErrRouteNotCovered)
		require.Equal(t, trip.Fare, f.trip(trip.TripId).Fare)
		q, err := f.quote("R1-SEOUL", "R1-SUWON", 1, nil, ntExit)
		require.NoError(t, err, "the stretch still covered prices as before")
		require.Equal(t, uint64(9_760), q.Fare)
		require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
		// the retired stretch can be registered again by the route's owner
		require.NoError(t, segment(f, f.s(ntKecOp), "R1", 30_000, 50_000, ntPrv)())
	})

	t.Run("a segment's operator retires it while only its own plazas are on the route", func(t *testing.T) {
		// ARRANGE: R2 carries only kec's plazas
		f := ntNetwork(t)
		f.freshEvents()

		// ACT
		require.NoError(t, retire(f, f.s(ntKecOp), "R2", 0)())

		// ASSERT
		has, err := f.Keeper.Segments.Has(f.Ctx, collections.Join("R2", uint64(0)))
		require.NoError(t, err)
		require.False(t, has)
		f.requireOnlyEvent("civic.toll.v1.EventSegmentRetired",
			&types.EventSegmentRetired{Route: "R2", StartM: 0, EndM: 40_000, Operator: ntKec, RetiredBy: f.s(ntKecOp)})
		_, err = f.quote("R2-INCHEON", "R2-BUPYEONG", 1, nil, ntExit)
		require.ErrorIs(t, err, types.ErrRouteNotCovered)
		require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
	})

	t.Run("routes survive a genesis round trip", func(t *testing.T) {
		f := ntNetwork(t)
		gs, err := f.Keeper.ExportGenesis(f.Ctx)
		require.NoError(t, err)
		require.Equal(t, []types.Route{{Id: "R1", Owner: ntKec, RegisteredAt: ntT0}, {Id: "R2", Owner: ntKec, RegisteredAt: ntT0}}, gs.Routes)
		imported := testkeeper.TollKeeper(t)
		require.NoError(t, imported.Keeper.InitGenesis(imported.Ctx, gs))
		require.NoError(t, imported.Keeper.CheckInvariants(imported.Ctx))
		other, err := imported.Keeper.ExportGenesis(imported.Ctx)
		require.NoError(t, err)
		require.Equal(t, gs, other)
		var plazas []collections.Triple[string, string, string]
		require.NoError(t, imported.Keeper.Plazas.Indexes.ByRoute.Walk(imported.Ctx, nil, func(k collections.Triple[string, string, string]) (bool, error) {
			plazas = append(plazas, k)
			return false, nil
		}))
		require.Equal(t, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Plazas.Indexes.ByRoute), plazas, "the route index is rebuilt")
	})
}
