package keeper_test

import (
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

// ---- MsgRegisterOperator ---------------------------------------------------

// ntRegisterOperatorMsg is kec's admin registering kec with settlement account ntKecOp.
func ntRegisterOperatorMsg(f *ntFixture) *types.MsgRegisterOperator {
	return &types.MsgRegisterOperator{Signer: f.s(ntKecAdmin), AgencyId: ntKec, SettlementAccount: f.s(ntKecOp)}
}

func TestRegisterOperator(t *testing.T) {
	// ARRANGE
	f := ntSetup(t)
	f.freshEvents()

	// ACT
	res, err := f.msg.RegisterOperator(f.Ctx, ntRegisterOperatorMsg(f))

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, ntKec, res.Operator)
	got, err := f.Keeper.Operators.Get(f.Ctx, ntKec)
	require.NoError(t, err)
	require.Equal(t, types.Operator{AgencyId: ntKec, SettlementAccount: f.s(ntKecOp), RegisteredAt: ntT0}, got)
	has, err := f.Keeper.Operators.Has(f.Ctx, ntPrv)
	require.NoError(t, err)
	require.False(t, has, "only the named agency is registered")
	f.requireOnlyEvent("civic.toll.v1.EventOperatorRegistered",
		&types.EventOperatorRegistered{Operator: ntKec, SettlementAccount: f.s(ntKecOp), Admin: f.s(ntKecAdmin)})
}

func TestRegisterOperatorAgainMovesSettlementAccount(t *testing.T) {
	// ARRANGE: kec registered with ntKecOp at ntT0; ntKecOp2 also holds toll.settlement
	f := ntTwoOperators(t)
	f.at(ntT0.Add(time.Hour))
	f.freshEvents()

	// ACT: kec's admin moves the settlement account an hour later
	res, err := f.msg.RegisterOperator(f.Ctx, &types.MsgRegisterOperator{Signer: f.s(ntKecAdmin), AgencyId: ntKec, SettlementAccount: f.s(ntKecOp2)})

	// ASSERT: the settlement account moved, registered_at is kept
	require.NoError(t, err)
	require.Equal(t, ntKec, res.Operator)
	got, err := f.Keeper.Operators.Get(f.Ctx, ntKec)
	require.NoError(t, err)
	require.Equal(t, types.Operator{AgencyId: ntKec, SettlementAccount: f.s(ntKecOp2), RegisteredAt: ntT0}, got)
	prv, err := f.Keeper.Operators.Get(f.Ctx, ntPrv)
	require.NoError(t, err)
	require.Equal(t, f.s(ntPrvOp), prv.SettlementAccount, "other operators are untouched")
	f.requireOnlyEvent("civic.toll.v1.EventOperatorRegistered",
		&types.EventOperatorRegistered{Operator: ntKec, SettlementAccount: f.s(ntKecOp2), Admin: f.s(ntKecAdmin)})
}

func TestRegisterOperatorRejected(t *testing.T) {
	register := func(f *ntFixture, edit func(*types.MsgRegisterOperator)) func() error {
		msg := ntRegisterOperatorMsg(f)
		edit(msg)
		return func() error {
			_, err := f.msg.RegisterOperator(f.Ctx, msg)
			return err
		}
	}
	ntRunRejections(t, ntSetup, []ntRejection{
		{"empty signer", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.Signer = "" })
		}, sdkerrors.ErrInvalidAddress},
		{"malformed signer", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.Signer = "civic1nope" })
		}, sdkerrors.ErrInvalidAddress},
		{"uppercase signer", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.Signer = strings.ToUpper(m.Signer) })
		}, sdkerrors.ErrInvalidAddress},
		{"bad agency id", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.AgencyId = "k e c" })
		}, types.ErrInvalidID},
		{"empty settlement account", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.SettlementAccount = "" })
		}, sdkerrors.ErrInvalidAddress},
		{"unknown agency", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.AgencyId = "zz" })
		}, agencytypes.ErrAgencyNotFound},
		{"a member, not the admin", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.Signer = f.s(ntKecOp) })
		}, types.ErrNotAgencyAdmin},
		{"another agency's admin", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.Signer = f.s(ntPrvAdmin) })
		}, types.ErrNotAgencyAdmin},
		{"suspended agency", func(f *ntFixture) func() error {
			testkeeper.SetTestAgencyStatus(f.t, f.Agency, f.Ctx, ntKec, agencytypes.AgencyStatusSuspended)
			return register(f, func(*types.MsgRegisterOperator) {})
		}, types.ErrAgencyNotEligible},
		{"agency without toll.operator", func(f *ntFixture) func() error {
			testkeeper.RegisterTestAgency(f.t, f.Agency, f.Ctx, "bus", ntOutsider, types.RoleSettlement)
			testkeeper.AddTestMember(f.t, f.Agency, f.Ctx, "bus", ntOutsider, ntFriend, types.RoleSettlement)
			return register(f, func(m *types.MsgRegisterOperator) {
				m.Signer, m.AgencyId, m.SettlementAccount = f.s(ntOutsider), "bus", f.s(ntFriend)
			})
		}, types.ErrAgencyNotEligible},
		{"settlement account in no agency", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.SettlementAccount = f.s(ntDriver) })
		}, agencytypes.ErrNotMember},
		{"settlement account without toll.settlement", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.SettlementAccount = f.s(ntKecPlaza) })
		}, agencytypes.ErrRoleNotHeld},
		{"settlement account of another agency", func(f *ntFixture) func() error {
			return register(f, func(m *types.MsgRegisterOperator) { m.SettlementAccount = f.s(ntPrvOp) })
		}, types.ErrNotSettlementAccount},
	})
}

// ---- MsgRegisterPlaza ------------------------------------------------------

func TestRegisterPlaza(t *testing.T) {
	// ARRANGE: prv holds a segment of kec's R1, so it may place plazas there
	f := ntTwoOperators(t)
	f.segmentFor(ntKecOp, "R1", 30_000, 50_000, ntPrv)
	f.at(ntT0.Add(2 * time.Hour))
	f.freshEvents()

	// ACT
	_, err := f.msg.RegisterPlaza(f.Ctx, &types.MsgRegisterPlaza{Signer: f.s(ntPrvOp), PlazaId: "R1-OSAN", Route: "R1", PositionM: 50_000})

	// ASSERT
	require.NoError(t, err)
	got, err := f.Keeper.Plazas.Get(f.Ctx, "R1-OSAN")
	require.NoError(t, err)
	require.Equal(t, types.Plaza{Id: "R1-OSAN", Operator: ntPrv, Route: "R1", PositionM: 50_000, RegisteredAt: ntT0.Add(2 * time.Hour)}, got)
	require.Equal(t, []collections.Pair[string, string]{collections.Join(ntPrv, "R1-OSAN")}, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Plazas.Indexes.ByOperator))
	f.requireOnlyEvent("civic.toll.v1.EventPlazaRegistered",
		&types.EventPlazaRegistered{PlazaId: "R1-OSAN", Operator: ntPrv, Route: "R1", PositionM: 50_000})
}

func TestRegisterPlazaAtTheLastPosition(t *testing.T) {
	// ARRANGE
	f := ntTwoOperators(t)

	// ACT: position 10 000 km exactly is allowed (position_m <= 10 000 km)
	_, err := f.msg.RegisterPlaza(f.Ctx, &types.MsgRegisterPlaza{Signer: f.s(ntKecOp), PlazaId: "far.away_1", Route: "R1", PositionM: types.MaxPositionM})

	// ASSERT
	require.NoError(t, err)
	got, err := f.Keeper.Plazas.Get(f.Ctx, "far.away_1")
	require.NoError(t, err)
	require.Equal(t, uint64(10_000_000), got.PositionM)
	require.Equal(t, ntKec, got.Operator)
}

func TestRegisterPlazaRejected(t *testing.T) {
	register := func(f *ntFixture, signer sdk.AccAddress, edit func(*types.MsgRegisterPlaza)) func() error {
		msg := &types.MsgRegisterPlaza{Signer: f.s(signer), PlazaId: "R1-SEOUL", Route: "R1", PositionM: 0}
		if edit != nil {
			edit(msg)
		}
		return func() error { _, err := f.msg.RegisterPlaza(f.Ctx, msg); return err }
	}
	ntRunRejections(t, ntTwoOperators, []ntRejection{
		{"empty plaza id", func(f *ntFixture) func() error {
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.PlazaId = "" })
		}, types.ErrInvalidID},
		{"plaza id with a space", func(f *ntFixture) func() error {
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.PlazaId = "R1 SEOUL" })
		}, types.ErrInvalidID},
		{"plaza id of 65 characters", func(f *ntFixture) func() error {
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.PlazaId = strings.Repeat("p", 65) })
		}, types.ErrInvalidID},
		{"empty route", func(f *ntFixture) func() error {
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.Route = "" })
		}, types.ErrInvalidID},
		{"route of 33 characters", func(f *ntFixture) func() error {
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.Route = strings.Repeat("r", 33) })
		}, types.ErrInvalidID},
		{"route with a slash", func(f *ntFixture) func() error {
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.Route = "R1/north" })
		}, types.ErrInvalidID},
		{"position beyond 10 000 km", func(f *ntFixture) func() error {
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.PositionM = types.MaxPositionM + 1 })
		}, types.ErrInvalidPosition},
		{"bad signer", func(f *ntFixture) func() error {
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.Signer = "civic1nope" })
		}, sdkerrors.ErrInvalidAddress},
		{"not a member", func(f *ntFixture) func() error { return register(f, ntOutsider, nil) }, agencytypes.ErrNotMember},
		{"member without toll.operator", func(f *ntFixture) func() error { return register(f, ntKecClerk, nil) }, agencytypes.ErrRoleNotHeld},
		{"agency not registered as operator", func(f *ntFixture) func() error { return register(f, ntNopOp, nil) }, types.ErrOperatorNotRegistered},
		{"plaza id taken by the same operator", func(f *ntFixture) func() error {
			f.plaza(ntKecOp, "R1-SEOUL", "R1", 0)
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.PositionM = 5 })
		}, types.ErrPlazaExists},
		{"plaza id taken by another operator on another route", func(f *ntFixture) func() error {
			f.plaza(ntKecOp, "R1-SEOUL", "R1", 0)
			return register(f, ntPrvOp, func(m *types.MsgRegisterPlaza) { m.Route = "R2"; m.PositionM = 700 })
		}, types.ErrPlazaExists},
		{"unregistered route", func(f *ntFixture) func() error {
			return register(f, ntKecOp, func(m *types.MsgRegisterPlaza) { m.Route = "R9" })
		}, types.ErrRouteNotFound},
		{"another's route without a segment of it", func(f *ntFixture) func() error {
			return register(f, ntPrvOp, nil)
		}, types.ErrNotRouteOwner},
	})
}

// ---- MsgRegisterSegment ----------------------------------------------------

func TestRegisterSegment(t *testing.T) {
	// ARRANGE
	f := ntTwoOperators(t)
	f.segment(ntKecOp, "R1", 0, 30_000)
	f.freshEvents()

	// ACT: kec, R1's owner, hands prv the stretch touching its own at 30 000
	// (half-open segments do not overlap)
	_, err := f.msg.RegisterSegment(f.Ctx, &types.MsgRegisterSegment{Signer: f.s(ntKecOp), Route: "R1", StartM: 30_000, EndM: 50_000, Operator: ntPrv})

	// ASSERT
	require.NoError(t, err)
	got, err := f.Keeper.Segments.Get(f.Ctx, collections.Join("R1", uint64(30_000)))
	require.NoError(t, err)
	require.Equal(t, types.Segment{Route: "R1", StartM: 30_000, EndM: 50_000, Operator: ntPrv}, got)
	all := testkeeper.EntriesOf(t, f.Ctx, f.Keeper.Segments)
	require.Len(t, all, 2)
	require.Equal(t, types.Segment{Route: "R1", StartM: 0, EndM: 30_000, Operator: ntKec}, all[0].Value)
	f.requireOnlyEvent("civic.toll.v1.EventSegmentRegistered",
		&types.EventSegmentRegistered{Route: "R1", StartM: 30_000, EndM: 50_000, Operator: ntPrv})
}

func TestRegisterSegmentTouchingOnBothSidesAndOtherRoutes(t *testing.T) {
	// ARRANGE: [0, 10 000) and [20 000, 30 000) on R1, [10 000, 20 000) on R2
	f := ntTwoOperators(t)
	f.segment(ntKecOp, "R1", 0, 10_000)
	f.segment(ntKecOp, "R1", 20_000, 30_000)
	f.segmentFor(ntKecOp, "R2", 10_000, 20_000, ntPrv)

	// ACT: fill the R1 gap exactly, and a segment ending at 10 000 km
	_, err1 := f.msg.RegisterSegment(f.Ctx, &types.MsgRegisterSegment{Signer: f.s(ntKecOp), Route: "R1", StartM: 10_000, EndM: 20_000, Operator: ntPrv})
	_, err2 := f.msg.RegisterSegment(f.Ctx, &types.MsgRegisterSegment{Signer: f.s(ntKecOp), Route: "R1", StartM: 9_000_000, EndM: types.MaxPositionM, Operator: ntPrv})

	// ASSERT
	require.NoError(t, err1)
	require.NoError(t, err2)
	require.Len(t, testkeeper.EntriesOf(t, f.Ctx, f.Keeper.Segments), 5)
	got, err := f.Keeper.Segments.Get(f.Ctx, collections.Join("R1", uint64(10_000)))
	require.NoError(t, err)
	require.Equal(t, ntPrv, got.Operator)
}

func TestRegisterSegmentRejected(t *testing.T) {
	// every case starts with kec's R1 segment [10 000, 20 000)
	setup := func(t *testing.T) *ntFixture {
		f := ntTwoOperators(t)
		f.segment(ntKecOp, "R1", 10_000, 20_000)
		return f
	}
	register := func(f *ntFixture, signer sdk.AccAddress, route string, start, end uint64) func() error {
		msg := &types.MsgRegisterSegment{Signer: f.s(signer), Route: route, StartM: start, EndM: end}
		return func() error { _, err := f.msg.RegisterSegment(f.Ctx, msg); return err }
	}
	ntRunRejections(t, setup, []ntRejection{
		{"empty route", func(f *ntFixture) func() error { return register(f, ntKecOp, "", 0, 10) }, types.ErrInvalidID},
		{"route with a space", func(f *ntFixture) func() error { return register(f, ntKecOp, "R 1", 0, 10) }, types.ErrInvalidID},
		{"start == end", func(f *ntFixture) func() error { return register(f, ntKecOp, "R1", 500, 500) }, types.ErrInvalidSegment},
		{"start > end", func(f *ntFixture) func() error { return register(f, ntKecOp, "R1", 5_000, 1_000) }, types.ErrInvalidSegment},
		{"end beyond 10 000 km", func(f *ntFixture) func() error {
			return register(f, ntKecOp, "R1", 9_000_000, types.MaxPositionM+1)
		}, types.ErrInvalidSegment},
		{"overlaps on the left", func(f *ntFixture) func() error { return register(f, ntKecOp, "R1", 5_000, 10_001) }, types.ErrSegmentOverlap},
		{"overlaps on the right", func(f *ntFixture) func() error { return register(f, ntKecOp, "R1", 19_999, 25_000) }, types.ErrSegmentOverlap},
		{"same start", func(f *ntFixture) func() error { return register(f, ntKecOp, "R1", 10_000, 12_000) }, types.ErrSegmentOverlap},
		{"identical", func(f *ntFixture) func() error { return register(f, ntKecOp, "R1", 10_000, 20_000) }, types.ErrSegmentOverlap},
		{"contained in the existing one", func(f *ntFixture) func() error { return register(f, ntKecOp, "R1", 12_000, 13_000) }, types.ErrSegmentOverlap},
		{"containing the existing one", func(f *ntFixture) func() error { return register(f, ntKecOp, "R1", 0, 30_000) }, types.ErrSegmentOverlap},
		{"containing two existing ones", func(f *ntFixture) func() error {
			f.segmentFor(ntKecOp, "R1", 20_000, 25_000, ntPrv)
			return register(f, ntKecOp, "R1", 9_000, 26_000)
		}, types.ErrSegmentOverlap},
		{"bridging two existing ones", func(f *ntFixture) func() error {
			f.segmentFor(ntKecOp, "R1", 30_000, 40_000, ntPrv)
			return register(f, ntKecOp, "R1", 15_000, 35_000)
		}, types.ErrSegmentOverlap},
		{"not a member", func(f *ntFixture) func() error { return register(f, ntOutsider, "R1", 0, 1_000) }, agencytypes.ErrNotMember},
		{"member without toll.operator", func(f *ntFixture) func() error { return register(f, ntKecClerk, "R1", 0, 1_000) }, agencytypes.ErrRoleNotHeld},
		{"plaza terminal (toll.plaza only)", func(f *ntFixture) func() error { return register(f, ntKecPlaza, "R1", 0, 1_000) }, agencytypes.ErrRoleNotHeld},
		{"agency not registered as operator", func(f *ntFixture) func() error { return register(f, ntNopOp, "R1", 0, 1_000) }, types.ErrOperatorNotRegistered},
		{"unregistered route", func(f *ntFixture) func() error { return register(f, ntKecOp, "R9", 0, 1_000) }, types.ErrRouteNotFound},
		{"segment for an unregistered operator", func(f *ntFixture) func() error {
			msg := &types.MsgRegisterSegment{Signer: f.s(ntKecOp), Route: "R1", StartM: 0, EndM: 1_000, Operator: ntNop}
			return func() error { _, err := f.msg.RegisterSegment(f.Ctx, msg); return err }
		}, types.ErrOperatorNotRegistered},
		{"governance without naming the operator", func(f *ntFixture) func() error {
			msg := &types.MsgRegisterSegment{Signer: f.Keeper.GetAuthority(), Route: "R1", StartM: 0, EndM: 1_000}
			return func() error { _, err := f.msg.RegisterSegment(f.Ctx, msg); return err }
		}, types.ErrInvalidSegment},
	})
}

// ---- MsgSetTariff ----------------------------------------------------------

func TestSetTariff(t *testing.T) {
	// ARRANGE
	f := ntTwoOperators(t)
	f.freshEvents()
	msg := ntKecMsgTariff(f, ntT0) // effective_from == block time is allowed

	// ACT
	res, err := f.msg.SetTariff(f.Ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.Version)
	want := types.Tariff{
		Operator: ntKec, Version: 1, EffectiveFrom: ntT0, Rates: ntKecRates, Discounts: ntDiscounts,
		CommuterStartMinute: 300, CommuterEndMinute: 420, SetBy: f.s(ntKecOp),
	}
	got, err := f.Keeper.Tariffs.Get(f.Ctx, collections.Join(ntKec, uint64(1)))
	require.NoError(t, err)
	require.Equal(t, want, got)
	head, err := f.Keeper.TariffHead.Get(f.Ctx, ntKec)
	require.NoError(t, err)
	require.Equal(t, uint64(1), head)
	key, err := f.Keeper.Tariffs.Indexes.ByTime.MatchExact(f.Ctx, collections.Join(ntKec, ntT0))
	require.NoError(t, err)
	require.Equal(t, collections.Join(ntKec, uint64(1)), key)
	f.requireOnlyEvent("civic.toll.v1.EventTariffSet", &types.EventTariffSet{Operator: ntKec, Version: 1, EffectiveFromUnix: ntT0.Unix()})
}

func TestSetTariffNextVersion(t *testing.T) {
	// ARRANGE: kec v1 from ntT0, prv v1 from ntT0; the block time moves on
	f := ntTwoOperators(t)
	f.tariff(ntKecMsgTariff(f, ntT0))
	f.tariff(ntPrvMsgTariff(f, ntT0))
	f.at(ntT0.Add(time.Hour))
	// exactly tariff_min_notice_seconds after the block time is allowed
	from := ntT0.Add(time.Hour + time.Duration(types.DefaultTariffMinNoticeSeconds)*time.Second)
	msg := ntKecMsgTariff(f, from)
	msg.Signer = f.s(ntKecOp2) // any toll.operator member of kec
	msg.Rates[0] = types.ClassRate{VehicleClass: 1, BaseFee: 1000, PerKm: 500}
	msg.Discounts = nil
	msg.CommuterStartMinute, msg.CommuterEndMinute = 0, 0
	f.freshEvents()

	// ACT
	res, err := f.msg.SetTariff(f.Ctx, msg)

	// ASSERT: version 2; version 1 and prv's are unchanged
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.Version)
	v2, err := f.Keeper.Tariffs.Get(f.Ctx, collections.Join(ntKec, uint64(2)))
	require.NoError(t, err)
	require.Equal(t, uint64(500), v2.Rates[0].PerKm)
	require.Equal(t, from, v2.EffectiveFrom)
	require.Equal(t, f.s(ntKecOp2), v2.SetBy)
	require.Empty(t, v2.Discounts)
	v1, err := f.Keeper.Tariffs.Get(f.Ctx, collections.Join(ntKec, uint64(1)))
	require.NoError(t, err)
	require.Equal(t, uint64(443), v1.Rates[0].PerKm)
	head, err := f.Keeper.TariffHead.Get(f.Ctx, ntKec)
	require.NoError(t, err)
	require.Equal(t, uint64(2), head)
	prvHead, err := f.Keeper.TariffHead.Get(f.Ctx, ntPrv)
	require.NoError(t, err)
	require.Equal(t, uint64(1), prvHead)
	require.Equal(t, []collections.KeyValue[collections.Pair[string, time.Time], uint64]{
		{Key: collections.Join(ntKec, ntT0), Value: 1},
		{Key: collections.Join(ntKec, from), Value: 2},
		{Key: collections.Join(ntPrv, ntT0), Value: 1},
	}, ntTariffTimes(t, f.Ctx, f.Keeper))
	f.requireOnlyEvent("civic.toll.v1.EventTariffSet", &types.EventTariffSet{Operator: ntKec, Version: 2, EffectiveFromUnix: from.Unix()})
}

func TestSetTariffRejected(t *testing.T) {
	set := func(f *ntFixture, edit func(*types.MsgSetTariff)) func() error {
		msg := ntKecMsgTariff(f, ntT0.Add(time.Hour))
		if edit != nil {
			edit(msg)
		}
		return func() error { _, err := f.msg.SetTariff(f.Ctx, msg); return err }
	}
	withHead := func(f *ntFixture) { f.tariff(ntKecMsgTariff(f, ntT0.Add(10*time.Hour))) }
	ntRunRejections(t, ntTwoOperators, []ntRejection{
		{"no rates", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Rates = nil })
		}, types.ErrInvalidTariff},
		{"four rates", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Rates = m.Rates[:4] })
		}, types.ErrInvalidTariff},
		{"six rates", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) {
				m.Rates = append(m.Rates, types.ClassRate{VehicleClass: 6, BaseFee: 1, PerKm: 1})
			})
		}, types.ErrInvalidTariff},
		{"rates out of class order", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Rates[0], m.Rates[1] = m.Rates[1], m.Rates[0] })
		}, types.ErrInvalidTariff},
		{"rate for class 0", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Rates[0].VehicleClass = 0 })
		}, types.ErrInvalidTariff},
		{"discount code unspecified", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) {
				m.Discounts = []types.DiscountRate{{Code: types.DiscountUnspecified, Bps: 100}}
			})
		}, types.ErrInvalidTariff},
		{"unknown discount code", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Discounts = []types.DiscountRate{{Code: 99, Bps: 100}} })
		}, types.ErrInvalidTariff},
		{"discounts out of code order", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Discounts[0], m.Discounts[1] = m.Discounts[1], m.Discounts[0] })
		}, types.ErrInvalidTariff},
		{"discount code repeated", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) {
				m.Discounts = []types.DiscountRate{{Code: types.DiscountCompact, Bps: 100}, {Code: types.DiscountCompact, Bps: 200}}
			})
		}, types.ErrInvalidTariff},
		{"discount of 0 bps", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Discounts[0].Bps = 0 })
		}, types.ErrInvalidTariff},
		{"discount of 10001 bps", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Discounts[0].Bps = 10_001 })
		}, types.ErrInvalidTariff},
		{"commuter window start == end", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.CommuterStartMinute, m.CommuterEndMinute = 420, 420 })
		}, types.ErrInvalidTariff},
		{"commuter window start > end", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.CommuterStartMinute, m.CommuterEndMinute = 420, 300 })
		}, types.ErrInvalidTariff},
		{"commuter window only a start", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.CommuterStartMinute, m.CommuterEndMinute = 300, 0 })
		}, types.ErrInvalidTariff},
		{"commuter window end after midnight", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.CommuterStartMinute, m.CommuterEndMinute = 1380, 1441 })
		}, types.ErrInvalidTariff},
		{"effective_from before the block time", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.EffectiveFrom = ntT0.Add(-time.Second) })
		}, types.ErrInvalidTime},
		{"effective_from unset", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.EffectiveFrom = time.Time{} })
		}, types.ErrInvalidTime},
		{"effective_from equal to the head version's", func(f *ntFixture) func() error {
			withHead(f)
			return set(f, func(m *types.MsgSetTariff) { m.EffectiveFrom = ntT0.Add(10 * time.Hour) })
		}, types.ErrTariffOverlap},
		{"effective_from before the head version's, after the block time", func(f *ntFixture) func() error {
			withHead(f)
			return set(f, func(m *types.MsgSetTariff) { m.EffectiveFrom = ntT0.Add(5 * time.Hour) })
		}, types.ErrTariffOverlap},
		{"bad signer", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Signer = "" })
		}, sdkerrors.ErrInvalidAddress},
		{"not a member", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Signer = f.s(ntOutsider) })
		}, agencytypes.ErrNotMember},
		{"member without toll.operator", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Signer = f.s(ntKecClerk) })
		}, agencytypes.ErrRoleNotHeld},
		{"agency not registered as operator", func(f *ntFixture) func() error {
			return set(f, func(m *types.MsgSetTariff) { m.Signer = f.s(ntNopOp) })
		}, types.ErrOperatorNotRegistered},
	})
}

// ---- MsgSetSpendingLimit ---------------------------------------------------

func TestSetSpendingLimitLifecycle(t *testing.T) {
	// ARRANGE
	f := ntNetwork(t)
	f.Fund(t, ntDriver, ntDenom, 1_000_000)
	f.freshEvents()

	// ACT 1: create
	_, err := f.msg.SetSpendingLimit(f.Ctx, &types.MsgSetSpendingLimit{Payer: f.s(ntDriver), Operator: ntPrv, Limit: 50_000})

	// ASSERT 1
	require.NoError(t, err)
	l, ok := f.limit(ntDriver, ntPrv)
	require.True(t, ok)
	require.Equal(t, types.SpendingLimit{Payer: f.s(ntDriver), Operator: ntPrv, Remaining: 50_000}, l)
	_, ok = f.limit(ntDriver, ntKec)
	require.False(t, ok, "a limit is per (payer, operator)")
	f.requireOnlyEvent("civic.toll.v1.EventSpendingLimitSet", &types.EventSpendingLimitSet{Payer: f.s(ntDriver), Operator: ntPrv, Limit: 50_000})

	// ACT 2: spend through a PAID trip (fare 32 230, see TestQuoteFareTwoOperators), then raise the limit
	res := f.record(f.accountMsg("R1-SEOUL", "R1-OSAN", ntDriver))
	require.Equal(t, types.PaymentStatusPaid, res.PaymentStatus)
	f.freshEvents()
	_, err = f.msg.SetSpendingLimit(f.Ctx, &types.MsgSetSpendingLimit{Payer: f.s(ntDriver), Operator: ntPrv, Limit: 70_000})

	// ASSERT 2: remaining := limit, spent kept
	require.NoError(t, err)
	l, _ = f.limit(ntDriver, ntPrv)
	require.Equal(t, types.SpendingLimit{Payer: f.s(ntDriver), Operator: ntPrv, Remaining: 70_000, Spent: 32_230}, l)
	f.requireOnlyEvent("civic.toll.v1.EventSpendingLimitSet", &types.EventSpendingLimitSet{Payer: f.s(ntDriver), Operator: ntPrv, Limit: 70_000})

	// ACT 3: withdraw
	f.freshEvents()
	_, err = f.msg.SetSpendingLimit(f.Ctx, &types.MsgSetSpendingLimit{Payer: f.s(ntDriver), Operator: ntPrv, Limit: 0})

	// ASSERT 3
	require.NoError(t, err)
	_, ok = f.limit(ntDriver, ntPrv)
	require.False(t, ok)
	f.requireOnlyEvent("civic.toll.v1.EventSpendingLimitSet", &types.EventSpendingLimitSet{Payer: f.s(ntDriver), Operator: ntPrv, Limit: 0})
}

func TestSetSpendingLimitRejected(t *testing.T) {
	set := func(f *ntFixture, payer, operator string, limit uint64) func() error {
		return func() error {
			_, err := f.msg.SetSpendingLimit(f.Ctx, &types.MsgSetSpendingLimit{Payer: payer, Operator: operator, Limit: limit})
			return err
		}
	}
	ntRunRejections(t, ntTwoOperators, []ntRejection{
		{"empty payer", func(f *ntFixture) func() error { return set(f, "", ntKec, 10) }, sdkerrors.ErrInvalidAddress},
		{"malformed payer", func(f *ntFixture) func() error { return set(f, "civic1nope", ntKec, 10) }, sdkerrors.ErrInvalidAddress},
		{"uppercase payer", func(f *ntFixture) func() error {
			return set(f, strings.ToUpper(f.s(ntDriver)), ntKec, 10)
		}, sdkerrors.ErrInvalidAddress},
		{"empty operator", func(f *ntFixture) func() error { return set(f, f.s(ntDriver), "", 10) }, types.ErrInvalidID},
		{"operator with a space", func(f *ntFixture) func() error { return set(f, f.s(ntDriver), "k ec", 10) }, types.ErrInvalidID},
		{"unknown operator", func(f *ntFixture) func() error { return set(f, f.s(ntDriver), "nobody", 10) }, types.ErrOperatorNotRegistered},
		{"agency not registered as operator", func(f *ntFixture) func() error { return set(f, f.s(ntDriver), ntNop, 10) }, types.ErrOperatorNotRegistered},
		{"withdraw without a limit", func(f *ntFixture) func() error { return set(f, f.s(ntDriver), ntKec, 0) }, types.ErrSpendingLimitNotFound},
		{"withdraw another operator's limit", func(f *ntFixture) func() error {
			f.spendingLimit(ntDriver, ntPrv, 10)
			return set(f, f.s(ntDriver), ntKec, 0)
		}, types.ErrSpendingLimitNotFound},
	})
}
