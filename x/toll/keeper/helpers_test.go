package keeper_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// Every helper of network_test.go, trip_test.go, fare_test.go and
// batch_test.go is prefixed with nt (period and dispute tests use st).
//
// The network fixture (ntNetwork), registered through the real x/agency and
// x/toll Msg services:
//
//	agency kec  Korea Expressway Corporation   roles toll.operator, toll.plaza, toll.settlement
//	            ntKecOp [toll.operator toll.plaza toll.settlement] (settlement account)
//	            ntKecOp2 [toll.operator toll.plaza toll.settlement]   ntKecClerk [no role]
//	            ntKecPlaza [toll.plaza] (a plaza terminal)
//	agency prv  a private expressway operator  roles toll.operator, toll.plaza, toll.settlement
//	            ntPrvOp [toll.operator toll.plaza toll.settlement] (settlement account)
//	            ntPrvPlaza [toll.plaza]
//	agency nop  an agency with the roles that never registers with x/toll
//	            ntNopOp [toll.operator toll.plaza toll.settlement]
//
// The agency admins (ntKecAdmin, ...) register kec and prv as operators.
//
//	route R1   owned by kec; segments kec [0, 30 000) m, prv [30 000, 50 000) m
//	           (kec hands prv its stretch)
//	           plazas   R1-SEOUL    kec      0 m
//	                    R1-HWASEONG prv 10 000 m (inside kec's stretch)
//	                    R1-GIHEUNG  kec 12 345 m (for the rounding cases)
//	                    R1-SUWON    kec 20 000 m
//	                    R1-OSAN     prv 50 000 m
//	route R2   owned by kec; segment kec [0, 40 000) m
//	           plazas   R2-INCHEON  kec      0 m
//	                    R2-BUPYEONG kec 15 000 m
//
// Tariffs, version 1 of both, effective from ntT0:
//
//	class         1      2      3      4      5
//	kec base    900    900    900    900    900
//	kec per_km  443    452    470    629    744
//	prv base   1200   1250   1300   1400   1500
//	prv per_km  887    904    940   1258   1488
//
//	discounts (both): COMPACT 5000, ECO_FRIENDLY 3000, COMMUTER 2000 bps
//	commuter window: kec [300, 420) = 05:00-07:00 KST, prv [360, 480) = 06:00-08:00 KST
//
// After ntNetwork the block time is ntNow; trips exit at ntExit unless a test says otherwise.
var (
	ntKecAdmin = ntAcc("kec-admin")
	ntPrvAdmin = ntAcc("prv-admin")
	ntNopAdmin = ntAcc("nop-admin")
	ntKecOp    = ntAcc("kec-operator")
	ntKecOp2   = ntAcc("kec-operator-2")
	ntKecClerk = ntAcc("kec-clerk")
	ntPrvOp    = ntAcc("prv-operator")
	ntKecPlaza = ntAcc("kec-plaza")
	ntPrvPlaza = ntAcc("prv-plaza")
	ntNopOp    = ntAcc("nop-operator")
	ntDriver   = ntAcc("driver")
	ntDriver2  = ntAcc("driver-2")
	ntFriend   = ntAcc("friend")
	ntOutsider = ntAcc("outsider")
)

const (
	ntKec   = "kec"
	ntPrv   = "prv"
	ntNop   = "nop"
	ntDenom = types.DefaultDenom
)

// Times: ntT0 is the fixture's genesis block time (2026-01-01T00:00Z = 09:00
// KST); the network is built at ntT0 and the block time then moves to ntNow.
var (
	ntT0    = testkeeper.BlockTime
	ntNow   = ntT0.Add(36 * time.Hour)      // 2026-01-02T12:00Z = 21:00 KST
	ntExit  = ntNow.Add(-time.Hour)         // 2026-01-02T11:00Z = 20:00 KST (minute 1200: no commuter window)
	ntEntry = ntExit.Add(-40 * time.Minute) // 40 minutes on the road
	ntKST   = time.FixedZone("KST", 9*3600)
)

// ntKSTTime is 2026-01-02 hh:mm KST in UTC.
func ntKSTTime(hh, mm int) time.Time {
	return time.Date(2026, time.January, 2, hh, mm, 0, 0, ntKST).UTC()
}

var (
	ntVehicleRef = strings.Repeat("ab", 32)
	ntRoot       = strings.Repeat("cd", 32)
)

var (
	ntKecRates = []types.ClassRate{
		{VehicleClass: 1, BaseFee: 900, PerKm: 443},
		{VehicleClass: 2, BaseFee: 900, PerKm: 452},
		{VehicleClass: 3, BaseFee: 900, PerKm: 470},
		{VehicleClass: 4, BaseFee: 900, PerKm: 629},
		{VehicleClass: 5, BaseFee: 900, PerKm: 744},
	}
	ntPrvRates = []types.ClassRate{
		{VehicleClass: 1, BaseFee: 1200, PerKm: 887},
		{VehicleClass: 2, BaseFee: 1250, PerKm: 904},
		{VehicleClass: 3, BaseFee: 1300, PerKm: 940},
		{VehicleClass: 4, BaseFee: 1400, PerKm: 1258},
		{VehicleClass: 5, BaseFee: 1500, PerKm: 1488},
	}
	ntDiscounts = []types.DiscountRate{
		{Code: types.DiscountCompact, Bps: 5000},
		{Code: types.DiscountEcoFriendly, Bps: 3000},
		{Code: types.DiscountCommuter, Bps: 2000},
	}
)

// ntAcc is a 20-byte test address spelled from name.
func ntAcc(name string) sdk.AccAddress {
	b := make([]byte, 20)
	copy(b, name)
	return b
}

type ntFixture struct {
	testkeeper.TollFixture
	t   *testing.T
	msg types.MsgServer
	// refs counts the vehicle_refs handed out by offchainMsg.
	refs int
}

// nextVehicleRef is ntVehicleRef the first time, then a fresh digest each
// time: a plaza salts every trip anew, and a trip's natural key (exit plaza,
// vehicle_ref, entry and exit times) is recorded once.
func (f *ntFixture) nextVehicleRef() string {
	f.refs++
	if f.refs == 1 {
		return ntVehicleRef
	}
	return fmt.Sprintf("%064x", f.refs)
}

// ntSetup registers the agencies and members; nothing is registered with x/toll.
func ntSetup(t *testing.T) *ntFixture {
	t.Helper()
	f := &ntFixture{TollFixture: testkeeper.TollKeeper(t), t: t}
	f.msg = keeper.NewMsgServerImpl(f.Keeper)
	all := []string{types.RoleOperator, types.RolePlaza, types.RoleSettlement}
	testkeeper.RegisterTestAgency(t, f.Agency, f.Ctx, ntKec, ntKecAdmin, all...)
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, ntKec, ntKecAdmin, ntKecOp, all...)
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, ntKec, ntKecAdmin, ntKecOp2, all...)
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, ntKec, ntKecAdmin, ntKecClerk)
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, ntKec, ntKecAdmin, ntKecPlaza, types.RolePlaza)
	testkeeper.RegisterTestAgency(t, f.Agency, f.Ctx, ntPrv, ntPrvAdmin, all...)
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, ntPrv, ntPrvAdmin, ntPrvOp, all...)
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, ntPrv, ntPrvAdmin, ntPrvPlaza, types.RolePlaza)
	testkeeper.RegisterTestAgency(t, f.Agency, f.Ctx, ntNop, ntNopAdmin, all...)
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, ntNop, ntNopAdmin, ntNopOp, all...)
	return f
}

// ntAdminOf is the fixture admin of an agency.
func ntAdminOf(agency string) sdk.AccAddress {
	return map[string]sdk.AccAddress{ntKec: ntKecAdmin, ntPrv: ntPrvAdmin, ntNop: ntNopAdmin}[agency]
}

// ntAgencyOf is the fixture agency a member acts for.
func ntAgencyOf(member sdk.AccAddress) string {
	switch {
	case member.Equals(ntKecOp), member.Equals(ntKecOp2), member.Equals(ntKecClerk), member.Equals(ntKecPlaza):
		return ntKec
	case member.Equals(ntPrvOp), member.Equals(ntPrvPlaza):
		return ntPrv
	}
	return ntNop
}

// ntTwoOperators is ntSetup with kec (settlement account ntKecOp) and prv
// (ntPrvOp) registered as operators and routes R1 and R2 registered by kec;
// block time ntT0.
func ntTwoOperators(t *testing.T) *ntFixture {
	t.Helper()
	f := ntSetup(t)
	f.registerOperator(ntKecOp)
	f.registerOperator(ntPrvOp)
	f.route(ntKecOp, "R1")
	f.route(ntKecOp, "R2")
	return f
}

// ntNetwork is the whole fixture network (see the top of this file) with the
// block time moved to ntNow.
func ntNetwork(t *testing.T) *ntFixture {
	t.Helper()
	f := ntTwoOperators(t)
	f.segment(ntKecOp, "R1", 0, 30_000)
	f.segmentFor(ntKecOp, "R1", 30_000, 50_000, ntPrv)
	f.segment(ntKecOp, "R2", 0, 40_000)
	f.plaza(ntKecOp, "R1-SEOUL", "R1", 0)
	f.plaza(ntPrvOp, "R1-HWASEONG", "R1", 10_000)
	f.plaza(ntKecOp, "R1-GIHEUNG", "R1", 12_345)
	f.plaza(ntKecOp, "R1-SUWON", "R1", 20_000)
	f.plaza(ntPrvOp, "R1-OSAN", "R1", 50_000)
	f.plaza(ntKecOp, "R2-INCHEON", "R2", 0)
	f.plaza(ntKecOp, "R2-BUPYEONG", "R2", 15_000)
	f.tariff(ntKecMsgTariff(f, ntT0))
	f.tariff(ntPrvMsgTariff(f, ntT0))
	f.at(ntNow)
	return f
}

// s is the canonical bech32 string of a.
func (f *ntFixture) s(a sdk.AccAddress) string {
	f.t.Helper()
	str, err := f.Keeper.AddressCodec().BytesToString(a)
	require.NoError(f.t, err)
	return str
}

// at moves the block time to t.
func (f *ntFixture) at(t time.Time) { f.Ctx = f.Ctx.WithBlockTime(t) }

// registerOperator has the admin of signer's agency register it with signer
// (holding toll.settlement) as settlement account.
func (f *ntFixture) registerOperator(signer sdk.AccAddress) {
	f.t.Helper()
	agency := ntAgencyOf(signer)
	_, err := f.msg.RegisterOperator(f.Ctx, &types.MsgRegisterOperator{Signer: f.s(ntAdminOf(agency)), AgencyId: agency, SettlementAccount: f.s(signer)})
	require.NoError(f.t, err)
}

func (f *ntFixture) route(signer sdk.AccAddress, route string) {
	f.t.Helper()
	_, err := f.msg.RegisterRoute(f.Ctx, &types.MsgRegisterRoute{Signer: f.s(signer), Route: route})
	require.NoError(f.t, err)
}

// segmentFor registers a segment for operator on a route of signer's operator.
func (f *ntFixture) segmentFor(signer sdk.AccAddress, route string, start, end uint64, operator string) {
	f.t.Helper()
	_, err := f.msg.RegisterSegment(f.Ctx, &types.MsgRegisterSegment{Signer: f.s(signer), Route: route, StartM: start, EndM: end, Operator: operator})
	require.NoError(f.t, err)
}

func (f *ntFixture) plaza(signer sdk.AccAddress, id, route string, pos uint64) {
	f.t.Helper()
	_, err := f.msg.RegisterPlaza(f.Ctx, &types.MsgRegisterPlaza{Signer: f.s(signer), PlazaId: id, Route: route, PositionM: pos})
	require.NoError(f.t, err)
}

func (f *ntFixture) segment(signer sdk.AccAddress, route string, start, end uint64) {
	f.t.Helper()
	_, err := f.msg.RegisterSegment(f.Ctx, &types.MsgRegisterSegment{Signer: f.s(signer), Route: route, StartM: start, EndM: end})
	require.NoError(f.t, err)
}

// tariff sets a tariff version as sent tariff_min_notice_seconds before it
// takes effect (or now, if that is earlier): the block time moves back for
// the message and returns.
func (f *ntFixture) tariff(msg *types.MsgSetTariff) uint64 {
	f.t.Helper()
	p, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(f.t, err)
	now := f.Ctx.BlockTime()
	if sent := msg.EffectiveFrom.Add(-time.Duration(p.TariffMinNoticeSeconds) * time.Second); sent.Before(now) {
		f.at(sent)
		defer f.at(now)
	}
	res, err := f.msg.SetTariff(f.Ctx, msg)
	require.NoError(f.t, err)
	return res.Version
}

// forceTariff writes a tariff version straight into the store, as a genesis
// may hold one (a version set before governance lowered max_rates).
func (f *ntFixture) forceTariff(msg *types.MsgSetTariff, operator string) {
	f.t.Helper()
	head, err := f.Keeper.TariffHead.Get(f.Ctx, operator)
	require.NoError(f.t, err)
	t := types.Tariff{
		Operator: operator, Version: head + 1, EffectiveFrom: msg.EffectiveFrom, Rates: msg.Rates, Discounts: msg.Discounts,
		CommuterStartMinute: msg.CommuterStartMinute, CommuterEndMinute: msg.CommuterEndMinute, SetBy: msg.Signer,
	}
	require.NoError(f.t, f.Keeper.Tariffs.Set(f.Ctx, collections.Join(operator, t.Version), t))
	require.NoError(f.t, f.Keeper.TariffHead.Set(f.Ctx, operator, t.Version))
}

func (f *ntFixture) spendingLimit(payer sdk.AccAddress, operator string, limit uint64) {
	f.t.Helper()
	_, err := f.msg.SetSpendingLimit(f.Ctx, &types.MsgSetSpendingLimit{Payer: f.s(payer), Operator: operator, Limit: limit})
	require.NoError(f.t, err)
}

// setParams replaces the params through MsgUpdateParams.
func (f *ntFixture) setParams(edit func(*types.Params)) {
	f.t.Helper()
	p, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(f.t, err)
	edit(&p)
	_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Keeper.GetAuthority(), Params: p})
	require.NoError(f.t, err)
}

// ntKecMsgTariff is kec's fixture tariff effective from `from`, signed by ntKecOp.
func ntKecMsgTariff(f *ntFixture, from time.Time) *types.MsgSetTariff {
	return &types.MsgSetTariff{
		Signer: f.s(ntKecOp), EffectiveFrom: from,
		Rates:     append([]types.ClassRate(nil), ntKecRates...),
		Discounts: append([]types.DiscountRate(nil), ntDiscounts...),
		// 05:00-07:00 KST
		CommuterStartMinute: 300, CommuterEndMinute: 420,
	}
}

// ntPrvMsgTariff is prv's fixture tariff effective from `from`, signed by ntPrvOp.
func ntPrvMsgTariff(f *ntFixture, from time.Time) *types.MsgSetTariff {
	return &types.MsgSetTariff{
		Signer: f.s(ntPrvOp), EffectiveFrom: from,
		Rates:     append([]types.ClassRate(nil), ntPrvRates...),
		Discounts: append([]types.DiscountRate(nil), ntDiscounts...),
		// 06:00-08:00 KST
		CommuterStartMinute: 360, CommuterEndMinute: 480,
	}
}

// ntPlazaOperator is the member (holding toll.plaza) that signs for a fixture
// plaza's operator.
func ntPlazaOperator(f *ntFixture, plazaID string) sdk.AccAddress {
	f.t.Helper()
	p, err := f.Keeper.Plazas.Get(f.Ctx, plazaID)
	require.NoError(f.t, err)
	switch p.Operator {
	case ntKec:
		return ntKecOp
	case ntPrv:
		return ntPrvOp
	}
	f.t.Fatalf("no signer for operator %s", p.Operator)
	return nil
}

// offchainMsg is a valid OFFCHAIN MsgRecordTrip from entry to exit in class 1,
// signed by the exit plaza's operator, exiting at ntExit, with a fresh
// vehicle_ref (nextVehicleRef).
func (f *ntFixture) offchainMsg(entry, exit string) *types.MsgRecordTrip {
	f.t.Helper()
	return &types.MsgRecordTrip{
		Signer:        f.s(ntPlazaOperator(f, exit)),
		EntryPlaza:    entry,
		ExitPlaza:     exit,
		VehicleClass:  1,
		EntryTime:     ntEntry,
		ExitTime:      ntExit,
		PaymentMethod: types.PaymentOffchain,
		VehicleRef:    f.nextVehicleRef(),
	}
}

// accountMsg is offchainMsg paid from payer's account.
func (f *ntFixture) accountMsg(entry, exit string, payer sdk.AccAddress) *types.MsgRecordTrip {
	msg := f.offchainMsg(entry, exit)
	msg.PaymentMethod = types.PaymentAccount
	msg.Payer = f.s(payer)
	return msg
}

func (f *ntFixture) record(msg *types.MsgRecordTrip) *types.MsgRecordTripResponse {
	f.t.Helper()
	res, err := f.msg.RecordTrip(f.Ctx, msg)
	require.NoError(f.t, err)
	return res
}

func (f *ntFixture) trip(id uint64) types.Trip {
	f.t.Helper()
	tr, err := f.Keeper.Trips.Get(f.Ctx, id)
	require.NoError(f.t, err)
	return tr
}

// batchMsg is a valid MsgSubmitTripBatch of 120 trips at R1-OSAN by ntPrvOp:
// kec 1 000 000, prv 2 500 000.
func (f *ntFixture) batchMsg() *types.MsgSubmitTripBatch {
	return &types.MsgSubmitTripBatch{
		Signer:     f.s(ntPrvOp),
		PlazaId:    "R1-OSAN",
		MerkleRoot: ntRoot,
		Count:      120,
		Totals:     []types.OperatorAmount{{Operator: ntKec, Amount: 1_000_000}, {Operator: ntPrv, Amount: 2_500_000}},
	}
}

func (f *ntFixture) limit(payer sdk.AccAddress, operator string) (types.SpendingLimit, bool) {
	f.t.Helper()
	l, err := f.Keeper.SpendingLimits.Get(f.Ctx, collections.Join(payer, operator))
	if err != nil {
		require.ErrorIs(f.t, err, collections.ErrNotFound)
		return types.SpendingLimit{}, false
	}
	return l, true
}

func (f *ntFixture) unpaid(payer sdk.AccAddress, tripID uint64) bool {
	f.t.Helper()
	has, err := f.Keeper.UnpaidTrips.Has(f.Ctx, collections.Join(payer, tripID))
	require.NoError(f.t, err)
	return has
}

// accruals is every accrual as (period, collector, payee) -> amount.
func (f *ntFixture) accruals() map[ntAccrualKey]uint64 {
	f.t.Helper()
	out := map[ntAccrualKey]uint64{}
	err := f.Keeper.Accruals.Walk(f.Ctx, nil, func(_ collections.Triple[uint64, string, string], a types.Accrual) (bool, error) {
		out[ntAccrualKey{a.PeriodId, a.Collector, a.Payee}] = a.Amount
		return false, nil
	})
	require.NoError(f.t, err)
	return out
}

type ntAccrualKey struct {
	Period           uint64
	Collector, Payee string
}

// ---- state snapshots -----------------------------------------------------

// ntState is the genesis export, every index and every bank balance.
// Comparing it before and after a rejected message proves the message wrote
// nothing (index entries and sequences included) and moved no coins.
type ntState struct {
	Export              *types.GenesisState
	PlazasByOperator    []collections.Pair[string, string]
	PlazasByRoute       []collections.Triple[string, string, string]
	TripsByKey          []collections.KeyValue[keeper.TripKey, uint64]
	TariffsByTime       []collections.KeyValue[collections.Pair[string, time.Time], uint64]
	TariffHead          []collections.KeyValue[string, uint64]
	TripsByPlaza        []collections.Triple[string, uint64, uint64]
	TripsByPeriod       []collections.Pair[uint64, uint64]
	UnpaidTrips         []collections.Pair[sdk.AccAddress, uint64]
	BatchesByPeriod     []collections.Pair[uint64, uint64]
	DisputesByPeriod    []collections.Pair[uint64, uint64]
	OpenDisputeByTarget []collections.KeyValue[collections.Pair[int32, uint64], uint64]
	CurrentPeriod       uint64
	Balances            []banktypes.Balance
}

// ntTariffTimes is the tariffs' time index: (operator, effective_from) -> version.
func ntTariffTimes(t *testing.T, ctx sdk.Context, k keeper.Keeper) []collections.KeyValue[collections.Pair[string, time.Time], uint64] {
	t.Helper()
	var out []collections.KeyValue[collections.Pair[string, time.Time], uint64]
	require.NoError(t, k.Tariffs.Indexes.ByTime.Walk(ctx, nil, func(at collections.Pair[string, time.Time], key collections.Pair[string, uint64]) (bool, error) {
		out = append(out, collections.KeyValue[collections.Pair[string, time.Time], uint64]{Key: at, Value: key.K2()})
		return false, nil
	}))
	return out
}

// ntTripKeys is the trips' unique natural-key index.
func ntTripKeys(t *testing.T, ctx sdk.Context, k keeper.Keeper) []collections.KeyValue[keeper.TripKey, uint64] {
	t.Helper()
	var out []collections.KeyValue[keeper.TripKey, uint64]
	require.NoError(t, k.Trips.Indexes.ByKey.Walk(ctx, nil, func(key keeper.TripKey, id uint64) (bool, error) {
		out = append(out, collections.KeyValue[keeper.TripKey, uint64]{Key: key, Value: id})
		return false, nil
	}))
	return out
}

func (f *ntFixture) state() ntState {
	f.t.Helper()
	k, ctx := f.Keeper, f.Ctx
	gs, err := k.ExportGenesis(ctx)
	require.NoError(f.t, err)
	cur, err := k.CurrentPeriod.Get(ctx)
	require.NoError(f.t, err)
	return ntState{
		Export:              gs,
		PlazasByOperator:    testkeeper.KeysOf(f.t, ctx, k.Plazas.Indexes.ByOperator),
		PlazasByRoute:       testkeeper.KeysOf(f.t, ctx, k.Plazas.Indexes.ByRoute),
		TripsByKey:          ntTripKeys(f.t, ctx, k),
		TariffsByTime:       ntTariffTimes(f.t, ctx, k),
		TariffHead:          testkeeper.EntriesOf(f.t, ctx, k.TariffHead),
		TripsByPlaza:        testkeeper.KeysOf(f.t, ctx, k.Trips.Indexes.ByPlaza),
		TripsByPeriod:       testkeeper.KeysOf(f.t, ctx, k.Trips.Indexes.ByPeriod),
		UnpaidTrips:         testkeeper.KeysOf(f.t, ctx, k.UnpaidTrips),
		BatchesByPeriod:     testkeeper.KeysOf(f.t, ctx, k.Batches.Indexes.ByPeriod),
		DisputesByPeriod:    testkeeper.KeysOf(f.t, ctx, k.Disputes.Indexes.ByPeriod),
		OpenDisputeByTarget: testkeeper.EntriesOf(f.t, ctx, k.OpenDisputeByTarget),
		CurrentPeriod:       cur,
		Balances:            f.Bank.GetAccountsBalances(ctx),
	}
}

// ---- events --------------------------------------------------------------

// freshEvents gives the context a new event manager before an ACT.
func (f *ntFixture) freshEvents() { f.Ctx = f.Ctx.WithEventManager(sdk.NewEventManager()) }

// events are the typed x/toll events emitted since freshEvents.
func (f *ntFixture) events() []proto.Message {
	f.t.Helper()
	return testkeeper.NewEventReader(f.t).Read(f.Ctx, "civic.toll.v1")
}

// requireOnlyEvent asserts that exactly one x/toll event was emitted, of the
// type name typeName, and equal to want.
func (f *ntFixture) requireOnlyEvent(typeName string, want proto.Message) {
	f.t.Helper()
	var names []string
	for _, e := range f.Ctx.EventManager().Events() {
		if strings.HasPrefix(e.Type, "civic.toll.v1.") {
			names = append(names, e.Type)
		}
	}
	require.Equal(f.t, []string{typeName}, names)
	got := f.events()
	require.Len(f.t, got, 1)
	require.Equal(f.t, want, got[0])
}

// ---- rejections ----------------------------------------------------------

// ntRejection is one rejected-message case: arrange builds on a fresh fixture
// and returns the ACT; the runner asserts the registered error, an unchanged
// store, unchanged balances and no event.
type ntRejection struct {
	name    string
	arrange func(f *ntFixture) func() error
	want    error
}

func ntRunRejections(t *testing.T, setup func(*testing.T) *ntFixture, cases []ntRejection) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := setup(t)
			testkeeper.RequireRejected(t, tc.want, &f.Ctx, f.state, tc.arrange(f))
		})
	}
}
