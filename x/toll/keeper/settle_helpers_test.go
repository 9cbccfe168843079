package keeper_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/walk"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// Helpers of the settlement tests (period_test.go, dispute_test.go,
// settlement_test.go). Every name defined here starts with "st".
//
// The network (route "A1", class 1 rates; every tariff effective at T0):
//
//	metres    0 ─────── 10 000 ─────── 20 000 ─────── 30 000
//	segment   [ kec: 50/km ) [ prv: 80/km ) [ prv2: 120/km )
//	plazas    K=1 000 (kec), K2=8 000 (kec), P=15 000 (prv), Q=25 000 (prv2)
//	base fee  kec 900, prv 1 100, prv2 1 300 (charged by the exit plaza's operator)
//
// Fares (computed by hand; stFare* constants):
//
//	K→Q  exit Q, prv2 collects: kec 9 000 m×50=450, prv 10 000 m×80=800, prv2 5 000 m×120=600+1300=1900 → 3150
//	Q→K  exit K, kec collects:  kec 450+900=1350, prv 800, prv2 600                                     → 2750
//	K→P  exit P, prv collects:  kec 450, prv 5 000 m×80=400+1100=1500                                     → 1950
//	Q→P  exit P, prv collects:  prv 400+1100=1500, prv2 600                                               → 2100
//	P→K  exit K, kec collects:  kec 1350, prv 400                                                         → 1750
//	K2→K exit K, kec collects:  kec 7 000 m×50=350+900=1250 (kec only)                                    → 1250

const (
	stDenom = "ukrw"
	stRoute = "A1"

	stK  = "K"
	stK2 = "K2"
	stP  = "P"
	stQ  = "Q"

	stFareKQ  = 3150
	stFareQK  = 2750
	stFareKP  = 1950
	stFareQP  = 2100
	stFarePK  = 1750
	stFareK2K = 1250

	stPayerFunds = 1_000_000
	stLimit      = 500_000
)

// stOps are the three operators, in operator (string) order.
var stOps = []string{"kec", "prv", "prv2"}

var (
	// stOutsider is a member of no agency.
	stOutsider = stAcc("outsider")
	// stNoRole is a member of kec without toll.operator.
	stNoRole = stAcc("kec/norole")
	// stUnreg holds toll.operator in agency "exw", which never registered as an operator.
	stUnreg = stAcc("exw/op")
	// stPayer has spending limits with every operator and funds: its ACCOUNT trips are PAID.
	stPayer = stAcc("payer")
	// stPayer2 has no spending limit: its ACCOUNT trips are UNPAID.
	stPayer2 = stAcc("payer-2")
	// stSink receives coins drained out of an account in an ARRANGE.
	stSink = stAcc("sink")
)

func stAcc(name string) sdk.AccAddress {
	b := make([]byte, 20)
	copy(b, "st:"+name)
	return b
}

// stSettle is the operator's settlement account (the member that registered it).
func stSettle(op string) sdk.AccAddress { return stAcc(op + "/settle") }

// stClerk is another toll.operator member of the operator's agency.
func stClerk(op string) sdk.AccAddress { return stAcc(op + "/clerk") }

func stAdmin(agency string) sdk.AccAddress { return stAcc(agency + "/admin") }

type stFixture struct {
	testkeeper.TollFixture
	t   *testing.T
	msg types.MsgServer
}

// stSetup builds the network above through the real messages: agencies kec,
// prv, prv2 (each with a settlement account and a clerk, both holding
// toll.operator, toll.plaza and toll.settlement) registered as operators by
// their admins, route A1 owned by kec, agency exw (toll.operator, not registered), the
// segments, plazas and tariffs, and stPayer's spending limits and funds.
func stSetup(t *testing.T) *stFixture {
	t.Helper()
	f := &stFixture{TollFixture: testkeeper.TollKeeper(t), t: t}
	f.msg = keeper.NewMsgServerImpl(f.Keeper)
	roles := []string{types.RoleOperator, types.RolePlaza, types.RoleSettlement}
	for _, op := range stOps {
		testkeeper.RegisterTestAgency(t, f.Agency, f.Ctx, op, stAdmin(op), roles...)
		testkeeper.AddTestMember(t, f.Agency, f.Ctx, op, stAdmin(op), stSettle(op), roles...)
		testkeeper.AddTestMember(t, f.Agency, f.Ctx, op, stAdmin(op), stClerk(op), roles...)
		_, err := f.msg.RegisterOperator(f.Ctx, &types.MsgRegisterOperator{Signer: f.s(stAdmin(op)), AgencyId: op, SettlementAccount: f.s(stSettle(op))})
		require.NoError(t, err)
	}
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, "kec", stAdmin("kec"), stNoRole)
	testkeeper.RegisterTestAgency(t, f.Agency, f.Ctx, "exw", stAdmin("exw"), types.RoleOperator)
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, "exw", stAdmin("exw"), stUnreg, types.RoleOperator)

	_, err := f.msg.RegisterRoute(f.Ctx, &types.MsgRegisterRoute{Signer: f.s(stSettle("kec")), Route: stRoute})
	require.NoError(t, err)
	for _, s := range []struct {
		op         string
		start, end uint64
	}{{"kec", 0, 10_000}, {"prv", 10_000, 20_000}, {"prv2", 20_000, 30_000}} {
		// kec owns the route and hands the other stretches to prv and prv2.
		_, err := f.msg.RegisterSegment(f.Ctx, &types.MsgRegisterSegment{Signer: f.s(stSettle("kec")), Route: stRoute, StartM: s.start, EndM: s.end, Operator: s.op})
		require.NoError(t, err)
	}
	for _, p := range []struct {
		op, id string
		pos    uint64
	}{{"kec", stK, 1_000}, {"kec", stK2, 8_000}, {"prv", stP, 15_000}, {"prv2", stQ, 25_000}} {
		_, err := f.msg.RegisterPlaza(f.Ctx, &types.MsgRegisterPlaza{Signer: f.s(stSettle(p.op)), PlazaId: p.id, Route: stRoute, PositionM: p.pos})
		require.NoError(t, err)
	}
	for _, tr := range []struct {
		op          string
		base, perKm uint64
	}{{"kec", 900, 50}, {"prv", 1100, 80}, {"prv2", 1300, 120}} {
		rates := make([]types.ClassRate, 5)
		for c := range rates {
			rates[c] = types.ClassRate{VehicleClass: uint32(c + 1), BaseFee: tr.base * uint64(c+1), PerKm: tr.perKm * uint64(c+1)}
		}
		_, err := f.msg.SetTariff(f.Ctx, &types.MsgSetTariff{Signer: f.s(stSettle(tr.op)), EffectiveFrom: testkeeper.BlockTime, Rates: rates})
		require.NoError(t, err)
	}
	f.Fund(t, stPayer, stDenom, stPayerFunds)
	for _, op := range stOps {
		_, err := f.msg.SetSpendingLimit(f.Ctx, &types.MsgSetSpendingLimit{Payer: f.s(stPayer), Operator: op, Limit: stLimit})
		require.NoError(t, err)
	}
	return f
}

// s is an account's bech32 string.
func (f *stFixture) s(a sdk.AccAddress) string {
	str, err := f.Keeper.AddressCodec().BytesToString(a)
	require.NoError(f.t, err)
	return str
}

// stCollector is the operator collecting at an exit plaza.
func stCollector(plaza string) string {
	switch plaza {
	case stK, stK2:
		return "kec"
	case stP:
		return "prv"
	default:
		return "prv2"
	}
}

var stTripSeq int

// stTripMsg is a class-1 trip entry → exit recorded by the exit plaza
// operator's clerk, exiting at the block time after 30 minutes. payer nil
// means OFFCHAIN.
func (f *stFixture) stTripMsg(entry, exit string, payer sdk.AccAddress) *types.MsgRecordTrip {
	stTripSeq++
	now := f.Ctx.BlockTime()
	msg := &types.MsgRecordTrip{
		Signer:        f.s(stClerk(stCollector(exit))),
		EntryPlaza:    entry,
		ExitPlaza:     exit,
		VehicleClass:  1,
		EntryTime:     now.Add(-30 * time.Minute),
		ExitTime:      now,
		PaymentMethod: types.PaymentOffchain,
		VehicleRef:    fmt.Sprintf("%064x", stTripSeq),
	}
	if payer != nil {
		msg.PaymentMethod, msg.Payer = types.PaymentAccount, f.s(payer)
	}
	return msg
}

// stTrip records a trip (see stTripMsg) and returns its id; it checks the fare.
func (f *stFixture) stTrip(entry, exit string, payer sdk.AccAddress, wantFare uint64) uint64 {
	f.t.Helper()
	res, err := f.msg.RecordTrip(f.Ctx, f.stTripMsg(entry, exit, payer))
	require.NoError(f.t, err)
	require.Equal(f.t, wantFare, res.Fare, "fare %s→%s", entry, exit)
	return res.TripId
}

var stBatchSeq int

// stBatch submits a batch at plaza with the given totals (operator, amount
// pairs, sorted), signed by the plaza operator's clerk; it returns its id.
func (f *stFixture) stBatch(plaza string, totals ...types.OperatorAmount) uint64 {
	f.t.Helper()
	stBatchSeq++
	res, err := f.msg.SubmitTripBatch(f.Ctx, &types.MsgSubmitTripBatch{
		Signer: f.s(stClerk(stCollector(plaza))), PlazaId: plaza,
		MerkleRoot: fmt.Sprintf("%064x", 1_000_000+stBatchSeq), Count: 10, Totals: totals,
	})
	require.NoError(f.t, err)
	return res.BatchId
}

func stAmt(op string, amount uint64) types.OperatorAmount {
	return types.OperatorAmount{Operator: op, Amount: amount}
}

// stScenario is the key scenario of period 1: flows between all three
// operators in both directions, ACCOUNT paid and unpaid, OFFCHAIN, batches.
type stScenario struct {
	paidKQ   uint64 // K→Q  ACCOUNT stPayer (PAID), prv2 collects, 3 shares kec 450 / prv 800 / prv2 1900
	offQK    uint64 // Q→K  OFFCHAIN, kec collects: kec 1350 / prv 800 / prv2 600
	unpaidKP uint64 // K→P  ACCOUNT stPayer2 (UNPAID), prv collects: kec 450 / prv 1500
	paidQP   uint64 // Q→P  ACCOUNT stPayer (PAID), prv collects: prv 1500 / prv2 600
	offPK    uint64 // P→K  OFFCHAIN, kec collects: kec 1350 / prv 400
	ownK2K   uint64 // K2→K OFFCHAIN, kec collects: kec 1250 only
	batchP   uint64 // at P by prv: kec 10000 / prv 20000 / prv2 5000
	batchQ   uint64 // at Q by prv2: kec 3000 / prv 7000 / prv2 4000
}

// stThreeOperators records the key scenario in the OPEN period. The accruals
// across operators (collector → payee) are:
//
//	kec  → prv  800 (Q→K) + 400 (P→K)       = 1200
//	kec  → prv2 600 (Q→K)                   =  600
//	prv  → kec  450 (K→P) + 10000 (batch P) = 10450
//	prv  → prv2 600 (Q→P) + 5000 (batch P)  = 5600
//	prv2 → kec  450 (K→Q) + 3000 (batch Q)  = 3450
//	prv2 → prv  800 (K→Q) + 7000 (batch Q)  = 7800
//
// so (stScenarioPositions) kec receives 10450+3450=13900 and pays
// 1200+600=1800 (net +12100), prv receives 1200+7800=9000 and pays
// 10450+5600=16050 (net −7050), prv2 receives 600+5600=6200 and pays
// 3450+7800=11250 (net −5050); Σ net = 0.
func (f *stFixture) stThreeOperators() stScenario {
	f.t.Helper()
	var sc stScenario
	sc.paidKQ = f.stTrip(stK, stQ, stPayer, stFareKQ)
	sc.offQK = f.stTrip(stQ, stK, nil, stFareQK)
	sc.unpaidKP = f.stTrip(stK, stP, stPayer2, stFareKP)
	sc.paidQP = f.stTrip(stQ, stP, stPayer, stFareQP)
	sc.offPK = f.stTrip(stP, stK, nil, stFarePK)
	sc.ownK2K = f.stTrip(stK2, stK, nil, stFareK2K)
	sc.batchP = f.stBatch(stP, stAmt("kec", 10_000), stAmt("prv", 20_000), stAmt("prv2", 5_000))
	sc.batchQ = f.stBatch(stQ, stAmt("kec", 3_000), stAmt("prv", 7_000), stAmt("prv2", 4_000))
	require.Equal(f.t, types.PaymentStatusPaid, f.stGetTrip(sc.paidKQ).PaymentStatus)
	require.Equal(f.t, types.PaymentStatusUnpaid, f.stGetTrip(sc.unpaidKP).PaymentStatus)
	require.Equal(f.t, types.PaymentStatusOffchain, f.stGetTrip(sc.offQK).PaymentStatus)
	return sc
}

// stScenarioPositions are the positions of stThreeOperators, by hand.
func stScenarioPositions() []types.NetPosition {
	return []types.NetPosition{
		{Operator: "kec", Receivable: 13_900, Payable: 1_800, Net: 12_100},
		{Operator: "prv", Receivable: 9_000, Payable: 16_050, Net: -7_050},
		{Operator: "prv2", Receivable: 6_200, Payable: 11_250, Net: -5_050},
	}
}

// stCrossKP records only K→P trips (kec ↔ prv): prv2 takes no part.
// prv owes kec 450 per OFFCHAIN trip.
func (f *stFixture) stCrossKP() uint64 {
	return f.stTrip(stK, stP, nil, stFareKP)
}

func (f *stFixture) stGetTrip(id uint64) types.Trip {
	f.t.Helper()
	tr, err := f.Keeper.Trips.Get(f.Ctx, id)
	require.NoError(f.t, err)
	return tr
}

func (f *stFixture) stGetBatch(id uint64) types.TripBatch {
	f.t.Helper()
	b, err := f.Keeper.Batches.Get(f.Ctx, id)
	require.NoError(f.t, err)
	return b
}

func (f *stFixture) stPeriod(id uint64) types.Period {
	f.t.Helper()
	p, err := f.Keeper.Periods.Get(f.Ctx, id)
	require.NoError(f.t, err)
	return p
}

func (f *stFixture) stDispute(id uint64) types.Dispute {
	f.t.Helper()
	d, err := f.Keeper.Disputes.Get(f.Ctx, id)
	require.NoError(f.t, err)
	return d
}

func (f *stFixture) stAccrual(period uint64, collector, payee string) types.Accrual {
	f.t.Helper()
	a, err := f.Keeper.Accruals.Get(f.Ctx, collections.Join3(period, collector, payee))
	require.NoError(f.t, err)
	return a
}

func (f *stFixture) stPositions(period uint64) []types.NetPosition {
	f.t.Helper()
	pos, _, err := f.Keeper.NetPositions(f.Ctx, period)
	require.NoError(f.t, err)
	return pos
}

// stPosition is op's position (zero if it has none).
func (f *stFixture) stPosition(period uint64, op string) types.NetPosition {
	f.t.Helper()
	for _, p := range f.stPositions(period) {
		if p.Operator == op {
			return p
		}
	}
	return types.NetPosition{Operator: op}
}

// stSubmit submits the period, first moving the block time to when it may be
// submitted (min_period_seconds after its start) if it is earlier.
func (f *stFixture) stSubmit(period uint64) *types.MsgSubmitPeriodResponse {
	f.t.Helper()
	f.stSubmittable(period)
	res, err := f.msg.SubmitPeriod(f.Ctx, &types.MsgSubmitPeriod{Signer: f.s(stClerk("kec")), PeriodId: period})
	require.NoError(f.t, err)
	return res
}

// stSubmittable moves the block time to when the period may be submitted, if it is earlier.
func (f *stFixture) stSubmittable(period uint64) {
	f.t.Helper()
	params, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(f.t, err)
	if opens := f.stPeriod(period).StartTime.Add(time.Duration(params.MinPeriodSeconds) * time.Second); f.Ctx.BlockTime().Before(opens) {
		f.Ctx = f.Ctx.WithBlockTime(opens)
	}
}

// stConfirmMsg is op's confirmation with the totals NetPositions reports,
// signed by signer.
func (f *stFixture) stConfirmMsg(period uint64, op string, signer sdk.AccAddress) *types.MsgConfirmPeriod {
	f.t.Helper()
	pos := f.stPosition(period, op)
	return &types.MsgConfirmPeriod{Signer: f.s(signer), PeriodId: period, Receivable: pos.Receivable, Payable: pos.Payable}
}

// stConfirm confirms op's totals from its settlement account.
func (f *stFixture) stConfirm(period uint64, op string) *types.MsgConfirmPeriodResponse {
	f.t.Helper()
	res, err := f.msg.ConfirmPeriod(f.Ctx, f.stConfirmMsg(period, op, stSettle(op)))
	require.NoError(f.t, err)
	return res
}

// stFundNetPayers funds every net payer's settlement account with its escrow.
func (f *stFixture) stFundNetPayers(period uint64) {
	f.t.Helper()
	for _, p := range f.stPositions(period) {
		if p.Net < 0 {
			f.Fund(f.t, stSettle(p.Operator), stDenom, uint64(-p.Net))
		}
	}
}

// stConfirmAll funds the net payers and confirms every participant.
func (f *stFixture) stConfirmAll(period uint64) {
	f.t.Helper()
	f.stFundNetPayers(period)
	for _, op := range f.stPeriod(period).Participants {
		f.stConfirm(period, op)
	}
	require.Equal(f.t, types.PeriodReconciled, f.stPeriod(period).Status)
}

func (f *stFixture) stSettle(period uint64) *types.MsgSettlePeriodResponse {
	f.t.Helper()
	res, err := f.msg.SettlePeriod(f.Ctx, &types.MsgSettlePeriod{Signer: f.s(stClerk("kec")), PeriodId: period})
	require.NoError(f.t, err)
	return res
}

func (f *stFixture) stOpenDisputeMsg(signer sdk.AccAddress, target types.DisputeTarget, id uint64) *types.MsgOpenDispute {
	return &types.MsgOpenDispute{Signer: f.s(signer), Kind: types.DisputeMiscollection, Target: target, TargetId: id, EvidenceDigest: strings.Repeat("e5", 32)}
}

func (f *stFixture) stOpenDispute(signer sdk.AccAddress, target types.DisputeTarget, id uint64) uint64 {
	f.t.Helper()
	res, err := f.msg.OpenDispute(f.Ctx, f.stOpenDisputeMsg(signer, target, id))
	require.NoError(f.t, err)
	return res.DisputeId
}

// stRefund resolves a dispute with a refund, signed by the collector's settlement account.
func (f *stFixture) stRefund(dispute uint64, refund uint64) {
	f.t.Helper()
	d := f.stDispute(dispute)
	_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stSettle(d.Collector)), DisputeId: dispute, Outcome: types.OutcomeRefund, Refund: refund})
	require.NoError(f.t, err)
}

// stReject rejects a dispute, signed by the collector's clerk.
func (f *stFixture) stReject(dispute uint64) {
	f.t.Helper()
	d := f.stDispute(dispute)
	_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stClerk(d.Collector)), DisputeId: dispute, Outcome: types.OutcomeReject, Reason: "NOT_SUBSTANTIATED"})
	require.NoError(f.t, err)
}

// stModule is the module account's address.
func (f *stFixture) stModule() sdk.AccAddress { return f.Account.GetModuleAddress(types.ModuleName) }

// stAccounts are every account the tests move coins between, the module account included.
func (f *stFixture) stAccounts() map[string]sdk.AccAddress {
	m := map[string]sdk.AccAddress{
		"module": f.stModule(), "outsider": stOutsider, "norole": stNoRole, "unreg": stUnreg,
		"payer": stPayer, "payer2": stPayer2, "sink": stSink,
	}
	for _, op := range stOps {
		m[op+"/settle"], m[op+"/clerk"], m[op+"/admin"] = stSettle(op), stClerk(op), stAdmin(op)
	}
	return m
}

// stBalances are the balances of every account of stAccounts.
func (f *stFixture) stBalances() map[string]uint64 {
	out := make(map[string]uint64)
	for name, a := range f.stAccounts() {
		out[name] = f.Balance(a, stDenom)
	}
	return out
}

// stState is the genesis export, the indexes the export leaves out (as
// strings: collections.Pair holds pointers) and the balances of every
// account: equal before and after a rejected message proves it wrote nothing
// and moved no coins.
type stState struct {
	Export   *types.GenesisState
	Current  uint64
	Indexes  []string
	Balances map[string]uint64
}

func (f *stFixture) stState() stState {
	f.t.Helper()
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(f.t, err)
	cur, err := f.Keeper.CurrentPeriod.Get(f.Ctx)
	require.NoError(f.t, err)
	st := stState{Export: gs, Current: cur, Balances: f.stBalances()}
	add := func(format string, args ...any) { st.Indexes = append(st.Indexes, fmt.Sprintf(format, args...)) }
	require.NoError(f.t, f.Keeper.UnpaidTrips.Walk(f.Ctx, nil, func(k collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		add("unpaid %s %d", k.K1(), k.K2())
		return false, nil
	}))
	require.NoError(f.t, f.Keeper.OpenDisputeByTarget.Walk(f.Ctx, nil, func(k collections.Pair[int32, uint64], v uint64) (bool, error) {
		add("open dispute %d %d → %d", k.K1(), k.K2(), v)
		return false, nil
	}))
	for name, set := range map[string]walk.KeyWalker[collections.Pair[uint64, uint64]]{
		"dispute by period": f.Keeper.Disputes.Indexes.ByPeriod, "trip by period": f.Keeper.Trips.Indexes.ByPeriod, "batch by period": f.Keeper.Batches.Indexes.ByPeriod,
	} {
		require.NoError(f.t, set.Walk(f.Ctx, nil, func(k collections.Pair[uint64, uint64]) (bool, error) {
			add("%s %d %d", name, k.K1(), k.K2())
			return false, nil
		}))
	}
	require.NoError(f.t, f.Keeper.Trips.Indexes.ByPlaza.Walk(f.Ctx, nil, func(k collections.Triple[string, uint64, uint64]) (bool, error) {
		add("trip by plaza %s %d %d", k.K1(), k.K2(), k.K3())
		return false, nil
	}))
	sort.Strings(st.Indexes)
	return st
}

// stFreshEvents gives the context a new event manager before an ACT.
func (f *stFixture) stFreshEvents() {
	f.Ctx = f.Ctx.WithEventManager(sdk.NewEventManager())
}

// stEvents are the typed events of this module emitted since stFreshEvents.
func (f *stFixture) stEvents() []proto.Message {
	f.t.Helper()
	return testkeeper.NewEventReader(f.t).Read(f.Ctx, "civic.toll.v1")
}

// stEventTypes are the type names of every event emitted since stFreshEvents.
func (f *stFixture) stEventTypes() []string {
	var out []string
	for _, e := range f.Ctx.EventManager().Events() {
		if strings.HasPrefix(e.Type, "civic.toll.v1.") {
			out = append(out, e.Type)
		}
	}
	return out
}

// stOnlyEvent asserts exactly one module event was emitted and returns it.
func stOnlyEvent[E proto.Message](f *stFixture) E {
	f.t.Helper()
	got := f.stEvents()
	require.Len(f.t, got, 1, "want exactly one event, got %v", f.stEventTypes())
	ev, ok := got[0].(E)
	require.True(f.t, ok, "event is %T", got[0])
	return ev
}

// stRejection is a rejected message: arrange builds the state and returns the ACT.
type stRejection struct {
	name    string
	arrange func(f *stFixture) func() error
	want    error
	// contains, if set, must appear in the error message.
	contains string
}

// stRunRejections runs each case on a fresh fixture and asserts the
// registered error, that the store and every balance are unchanged and that
// no event was emitted.
func stRunRejections(t *testing.T, cases []stRejection) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := stSetup(t)
			act := tc.arrange(f)
			before := f.stState()
			f.stFreshEvents()
			// ACT
			err := act()
			// ASSERT
			require.ErrorIs(t, err, tc.want)
			if tc.contains != "" {
				require.ErrorContains(t, err, tc.contains)
			}
			require.Equal(t, before, f.stState(), "a rejected message must not change the store or move coins")
			require.Empty(t, f.stEventTypes(), "a rejected message must not emit an event")
		})
	}
}

// stSumNet is Σ net over positions.
func stSumNet(pos []types.NetPosition) int64 {
	var s int64
	for _, p := range pos {
		s += p.Net
	}
	return s
}
