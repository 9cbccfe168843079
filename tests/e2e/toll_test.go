package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/types/bech32"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	tolltypes "github.com/civicchain/civic/x/toll/types"
)

// The x/toll worked example (x/toll/README.md, section 14, repeated in the
// README's "Expressway tolls from the CLI (x/toll)"), run through the real civicd
// against a chain built from config.yml: two road operators share route R1,
// the Korea Expressway Corporation (agency kec: kec-operator, its settlement
// account, and kec-plaza) kilometres 0-30 and a private concession (agency
// prv: prv-operator, prv-plaza) kilometres 30-50; driver is a citizen paying
// from its account. Each agency's admin registers it as operator with its
// settlement account (a plaza terminal may not: 70); kec registers route R1
// (prv may not again: 72), its segment and prv's (prv may not add one to
// kec's route: 74; an overlapping one is refused, 8), plazas and tariffs
// (first versions effective a few seconds after the latest block time; a
// second version without the week's notice is refused, 78); the fare is quoted over the CLI and REST;
// kec-plaza records an ACCOUNT trip paid within the driver's spending limit
// (recording it again is refused, 77, and charges nothing), prv-plaza one
// left UNPAID (no spending limit) that the driver pays; the
// refusals of record-trip (class 6: 13, exit before entry: 16, another
// operator's plaza: 25, unknown plaza: 6); prv anchors three off-chain trips
// as a batch from a file and a trip of it is proved against the root (and a
// changed fare is not); the driver disputes its trip, the period is
// submitted DISPUTED and cannot settle (35) until kec refunds 500 KRW; both
// operators confirm their totals (prv's plaza terminal may not: agency's
// role not held), the
// period settles (again: 36). The key check: each operator's ukrw balance
// changes between its confirmation and the settlement by exactly the net
// position NetPositions reported, and the toll module account ends empty.

const (
	tollCodespace = tolltypes.ModuleName
	tollAPI       = "/civic/toll/v1"
	tollDenom     = "ukrw"
	tollRoute     = "R1"

	kecAdmin    = "kec-admin"    // kec's agency admin: names the settlement account
	kecOperator = "kec-operator" // kec's settlement account, toll.operator and toll.settlement
	kecPlaza    = "kec-plaza"    // kec's plaza terminal, toll.plaza
	prvAdmin    = "prv-admin"    // prv's agency admin
	prvOperator = "prv-operator" // prv's settlement account, toll.operator and toll.settlement
	prvPlaza    = "prv-plaza"    // prv's plaza terminal, toll.plaza
	tollDriver  = "driver"       // a citizen with 50,000 KRW

	seoulTG = "seoul-tg" // kec's plaza at km 0
	osanTG  = "osan-tg"  // prv's plaza at km 50

	// The worked example's amounts (ukrw).
	fareOsanSeoul    = 4003000000 // class 1: kec 30 km x 44.3 + 900 base, prv 20 km x 88.7
	fareOsanSeoulCpt = 2001500000 // the same with the compact discount (50 % of each part)
	fareSeoulOsan    = 4303000000 // class 1: kec 30 km x 44.3, prv 20 km x 88.7 + 1,200 base
	tollRefund       = 500000000  // kec's refund of trip 1
	kecReceivable    = 4651500000 // prv owes kec: trip 2 (1329000000) + the batch (3322500000)
	kecPayable       = 1552416188 // kec owes prv: trip 1's 1774000000 less 221583812 of the refund
	kecNet           = kecReceivable - kecPayable
	tollGenesisKRW   = 1000000000000 // each operator's ukrw at genesis (config.yml)
	driverGenesisKRW = 50000000000
)

// tollAmount is an OperatorAmount in REST/CLI JSON.
type tollAmount struct {
	Operator string `json:"operator"`
	Amount   string `json:"amount"`
}

// tollTrip is the REST JSON of a Trip.
type tollTrip struct {
	ID            string       `json:"id"`
	EntryPlaza    string       `json:"entry_plaza"`
	ExitPlaza     string       `json:"exit_plaza"`
	Payer         string       `json:"payer"`
	Collector     string       `json:"collector"`
	DistanceM     string       `json:"distance_m"`
	Fare          string       `json:"fare"`
	Shares        []tollAmount `json:"shares"`
	PeriodID      string       `json:"period_id"`
	PaymentStatus string       `json:"payment_status"`
	UnpaidReason  string       `json:"unpaid_reason"`
	Refunded      string       `json:"refunded"`
}

// tollNetPosition is the REST JSON of a NetPosition.
type tollNetPosition struct {
	Operator           string `json:"operator"`
	Receivable         string `json:"receivable"`
	Payable            string `json:"payable"`
	Net                string `json:"net"`
	Escrowed           string `json:"escrowed"`
	DisputedReceivable string `json:"disputed_receivable"`
	DisputedPayable    string `json:"disputed_payable"`
}

type tollNetPositions struct {
	Status    string            `json:"status"`
	Positions []tollNetPosition `json:"positions"`
}

// tollBatchProof is the output of `query toll batch-proof`.
type tollBatchProof struct {
	Root     string            `json:"root"`
	Count    uint64            `json:"count"`
	Totals   []tollAmount      `json:"totals"`
	Index    uint64            `json:"index"`
	LeafHash string            `json:"leaf_hash"`
	Siblings []json.RawMessage `json:"siblings"`
	Trip     json.RawMessage   `json:"trip"`
}

// tollExample is the state the steps of the worked example share.
type tollExample struct {
	effectiveFrom time.Time // both tariffs' effective_from
	entry, exit   time.Time // the ACCOUNT trips' times
	batchFile     string
	merkleRoot    string
	// before are the operators' ukrw balances just before the confirmations;
	// nets their net positions as NetPositions reported them.
	before map[string]int64
	nets   map[string]int64
}

func TestToll(t *testing.T) {
	c, run := startExample(t, "toll e2e")
	ex := &tollExample{before: map[string]int64{}, nets: map[string]int64{}}
	run("register operators", func(t *testing.T) { tollRegisterOperators(t, c) })
	run("register route and segments", func(t *testing.T) { tollRegisterSegments(t, c) })
	run("register plazas", func(t *testing.T) { tollRegisterPlazas(t, c) })
	run("set tariffs", func(t *testing.T) { tollSetTariffs(t, c, ex) })
	run("set spending limit", func(t *testing.T) { tollSetSpendingLimit(t, c) })
	run("quote fare", func(t *testing.T) { tollQuoteFare(t, c, ex) })
	run("ACCOUNT trip paid", func(t *testing.T) { tollTripPaid(t, c, ex) })
	run("ACCOUNT trip unpaid, then paid", func(t *testing.T) { tollTripUnpaid(t, c, ex) })
	run("record-trip refusals", func(t *testing.T) { tollRecordTripRefusals(t, c, ex) })
	run("trip batch from a file", func(t *testing.T) { tollBatch(t, c, ex) })
	run("batch proof", func(t *testing.T) { tollBatchProofVerify(t, c, ex) })
	run("dispute, submit around it", func(t *testing.T) { tollDisputeAndSubmit(t, c) })
	run("refund resolves the dispute", func(t *testing.T) { tollResolveDispute(t, c) })
	run("net positions", func(t *testing.T) { tollNetPositionsStep(t, c, ex) })
	run("confirm period", func(t *testing.T) { tollConfirm(t, c, ex) })
	run("settle period", func(t *testing.T) { tollSettle(t, c) })
	run("balances moved by the nets", func(t *testing.T) { tollBalancesFollowNets(t, c, ex) })
	run("privacy scan", func(t *testing.T) { privacyScan(t, c) })
}

func tollRegisterOperators(t *testing.T, c *chain) {
	// A plaza terminal's key cannot name the settlement account: toll 70.
	res := c.txFixedGas(kecPlaza, 400000, "tx", "toll", "register-operator", "kec", c.addr(kecPlaza))
	mustReject(t, "register-operator from a plaza terminal", res, tollCodespace, tolltypes.ErrNotAgencyAdmin.ABCICode())

	for _, tc := range []struct{ admin, account, agency string }{{kecAdmin, kecOperator, "kec"}, {prvAdmin, prvOperator, "prv"}} {
		res := c.tx(tc.admin, "tx", "toll", "register-operator", tc.agency, c.addr(tc.account))
		mustEqual(t, "EventOperatorRegistered.operator", res.attr("civic.toll.v1.EventOperatorRegistered", "operator"), tc.agency)
		mustEqual(t, "EventOperatorRegistered.settlement_account",
			res.attr("civic.toll.v1.EventOperatorRegistered", "settlement_account"), c.addr(tc.account))
		mustEqual(t, "EventOperatorRegistered.admin", res.attr("civic.toll.v1.EventOperatorRegistered", "admin"), c.addr(tc.admin))

		var op struct {
			Operator struct {
				AgencyID          string `json:"agency_id"`
				SettlementAccount string `json:"settlement_account"`
			} `json:"operator"`
		}
		c.restGet(tollAPI+"/operators/"+tc.agency, &op)
		mustEqual(t, tc.agency+" settlement account", op.Operator.SettlementAccount, c.addr(tc.account))
	}
}

func tollRegisterSegments(t *testing.T, c *chain) {
	res := c.tx(kecOperator, "tx", "toll", "register-route", tollRoute)
	mustEqual(t, "EventRouteRegistered.owner", res.attr("civic.toll.v1.EventRouteRegistered", "owner"), "kec")
	var route struct {
		Route struct {
			ID    string `json:"id"`
			Owner string `json:"owner"`
		} `json:"route"`
	}
	c.restGet(tollAPI+"/routes/"+tollRoute, &route)
	mustEqual(t, "R1 owner", route.Route.Owner, "kec")
	// prv cannot take the route over: toll 72.
	res = c.txFixedGas(prvOperator, 400000, "tx", "toll", "register-route", tollRoute)
	mustReject(t, "register-route of a registered route", res, tollCodespace, tolltypes.ErrRouteExists.ABCICode())

	// kec, the owner, registers its stretch and hands [30000, 50000) to prv.
	res = c.tx(kecOperator, "tx", "toll", "register-segment", tollRoute, "0", "30000")
	mustEqual(t, "EventSegmentRegistered.operator", res.attr("civic.toll.v1.EventSegmentRegistered", "operator"), "kec")
	res = c.tx(kecOperator, "tx", "toll", "register-segment", tollRoute, "30000", "50000", "--operator", "prv")
	mustEqual(t, "EventSegmentRegistered.operator", res.attr("civic.toll.v1.EventSegmentRegistered", "operator"), "prv")

	// prv claiming a free stretch of kec's route: toll 74.
	res = c.txFixedGas(prvOperator, 400000, "tx", "toll", "register-segment", tollRoute, "50000", "60000")
	mustReject(t, "segment on another's route", res, tollCodespace, tolltypes.ErrNotRouteOwner.ABCICode())
	// A stretch overlapping kec's [0, 30000): toll 8.
	res = c.txFixedGas(kecOperator, 400000, "tx", "toll", "register-segment", tollRoute, "20000", "40000")
	mustReject(t, "overlapping segment", res, tollCodespace, tolltypes.ErrSegmentOverlap.ABCICode())

	var segs struct {
		Segments []struct {
			Route    string `json:"route"`
			StartM   string `json:"start_m"`
			EndM     string `json:"end_m"`
			Operator string `json:"operator"`
		} `json:"segments"`
	}
	c.restGet(tollAPI+"/routes/"+tollRoute+"/segments", &segs)
	var got []string
	for _, s := range segs.Segments {
		got = append(got, s.Operator+":"+s.StartM+"-"+s.EndM)
	}
	mustEqualSlices(t, "segments of R1", got, []string{"kec:0-30000", "prv:30000-50000"})
}

func tollRegisterPlazas(t *testing.T, c *chain) {
	res := c.tx(kecOperator, "tx", "toll", "register-plaza", seoulTG, tollRoute, "0")
	mustEqual(t, "EventPlazaRegistered.operator", res.attr("civic.toll.v1.EventPlazaRegistered", "operator"), "kec")
	res = c.tx(prvOperator, "tx", "toll", "register-plaza", osanTG, tollRoute, "50000")
	mustEqual(t, "EventPlazaRegistered.operator", res.attr("civic.toll.v1.EventPlazaRegistered", "operator"), "prv")

	var p struct {
		Plaza struct {
			ID        string `json:"id"`
			Operator  string `json:"operator"`
			Route     string `json:"route"`
			PositionM string `json:"position_m"`
		} `json:"plaza"`
	}
	c.restGet(tollAPI+"/plazas/"+osanTG, &p)
	mustEqual(t, "osan-tg operator", p.Plaza.Operator, "prv")
	mustEqual(t, "osan-tg position", p.Plaza.PositionM, "50000")
}

// tollRates are the --rates flags of a tariff: base fee and per-km rate of
// classes 1-5.
func tollRates(base string, perKm ...string) []string {
	var out []string
	for i, r := range perKm {
		raw, _ := json.Marshal(map[string]any{"vehicle_class": i + 1, "base_fee": base, "per_km": r})
		out = append(out, "--rates", string(raw))
	}
	return out
}

func tollSetTariffs(t *testing.T, c *chain, ex *tollExample) {
	// effective_from must not lie before the block time of the block that
	// includes the tariff: a few seconds after the latest block.
	ex.effectiveFrom = c.latestBlockTime(t).Truncate(time.Second).Add(8 * time.Second)
	eff := ex.effectiveFrom.UTC().Format(time.RFC3339)
	compact := []string{"--discounts", `{"code":"DISCOUNT_CODE_COMPACT","bps":5000}`}

	for _, tc := range []struct {
		account, agency string
		rates           []string
	}{
		{kecOperator, "kec", tollRates("900000000", "44300000", "45200000", "47000000", "62900000", "74400000")},
		{prvOperator, "prv", tollRates("1200000000", "88700000", "90400000", "94000000", "125800000", "148800000")},
	} {
		args := append(append([]string{"tx", "toll", "set-tariff", eff}, tc.rates...), compact...)
		res := c.tx(tc.account, args...)
		mustEqual(t, tc.agency+" EventTariffSet.operator", res.attr("civic.toll.v1.EventTariffSet", "operator"), tc.agency)
		mustEqual(t, tc.agency+" EventTariffSet.version", res.attr("civic.toll.v1.EventTariffSet", "version"), "1")
		mustEqual(t, tc.agency+" EventTariffSet.effective_from_unix",
			res.attr("civic.toll.v1.EventTariffSet", "effective_from_unix"), strconv.FormatInt(ex.effectiveFrom.Unix(), 10))
	}

	// A second version, fivefold per-km, within the week's notice: toll 78.
	soon := ex.effectiveFrom.Add(time.Hour).UTC().Format(time.RFC3339)
	args := append([]string{"tx", "toll", "set-tariff", soon}, tollRates("1200000000", "443500000", "452000000", "470000000", "629000000", "744000000")...)
	res := c.txFixedGas(prvOperator, 400000, args...)
	mustReject(t, "tariff without notice", res, tollCodespace, tolltypes.ErrTariffNoticeTooShort.ABCICode())
}

func tollSetSpendingLimit(t *testing.T, c *chain) {
	res := c.tx(tollDriver, "tx", "toll", "set-spending-limit", "kec", "20000000000")
	mustEqual(t, "EventSpendingLimitSet.limit", res.attr("civic.toll.v1.EventSpendingLimitSet", "limit"), "20000000000")
	mustEqual(t, "EventSpendingLimitSet.payer", res.attr("civic.toll.v1.EventSpendingLimitSet", "payer"), c.addr(tollDriver))
}

type tollQuote struct {
	DistanceM string       `json:"distance_m"`
	Fare      string       `json:"fare"`
	Shares    []tollAmount `json:"shares"`
	Collector string       `json:"collector"`
}

func tollQuoteFare(t *testing.T, c *chain, ex *tollExample) {
	// The tariffs are in effect once a block's time has passed effective_from
	// (a second more, so that a whole-second exit time is after it too).
	c.waitBlockTime(t, ex.effectiveFrom.Add(time.Second))

	var q tollQuote
	c.queryJSON(&q, "query", "toll", "quote-fare", osanTG, seoulTG, "1")
	mustEqual(t, "CLI quote fare", q.Fare, strconv.Itoa(fareOsanSeoul))
	mustEqual(t, "CLI quote distance", q.DistanceM, "50000")
	mustEqual(t, "CLI quote collector", q.Collector, "kec")
	mustEqualSlices(t, "CLI quote shares", q.Shares, []tollAmount{{"kec", "2229000000"}, {"prv", "1774000000"}})

	quote := func(discount string) tollQuote {
		v := url.Values{"entry_plaza": {osanTG}, "exit_plaza": {seoulTG}, "vehicle_class": {"1"}}
		if discount != "" {
			v.Set("discount_codes", discount)
		}
		var q tollQuote
		c.restGet(tollAPI+"/quote?"+v.Encode(), &q)
		return q
	}
	mustEqual(t, "REST quote fare", quote("").Fare, strconv.Itoa(fareOsanSeoul))
	cpt := quote("1") // DISCOUNT_CODE_COMPACT
	mustEqual(t, "REST compact quote fare", cpt.Fare, strconv.Itoa(fareOsanSeoulCpt))
	mustEqualSlices(t, "REST compact quote shares", cpt.Shares, []tollAmount{{"kec", "1114500000"}, {"prv", "887000000"}})
}

func tollTripPaid(t *testing.T, c *chain, ex *tollExample) {
	// The trip exits at the latest block time (after effective_from) after 35 minutes.
	ex.exit = c.latestBlockTime(t).Truncate(time.Second)
	ex.entry = ex.exit.Add(-35 * time.Minute)
	driverBefore := c.balance(t, c.addr(tollDriver))
	kecBefore := c.balance(t, c.addr(kecOperator))

	res := c.tx(kecPlaza, "tx", "toll", "record-trip", osanTG, seoulTG, "1",
		ex.entry.UTC().Format(time.RFC3339), ex.exit.UTC().Format(time.RFC3339), "account", sha256Hex("salt-7f3a|plate"),
		"--payer", c.addr(tollDriver))
	const ev = "civic.toll.v1.EventTripRecorded"
	mustEqual(t, "EventTripRecorded.trip_id", res.attr(ev, "trip_id"), "1")
	mustEqual(t, "EventTripRecorded.collector", res.attr(ev, "collector"), "kec")
	mustEqual(t, "EventTripRecorded.fare", res.attr(ev, "fare"), strconv.Itoa(fareOsanSeoul))
	mustEqual(t, "EventTripRecorded.payment_status", res.attr(ev, "payment_status"), "PAYMENT_STATUS_PAID")
	mustEqual(t, "EventTripRecorded.period_id", res.attr(ev, "period_id"), "1")
	var shares []tollAmount
	if err := json.Unmarshal([]byte(res.attr(ev, "shares")), &shares); err != nil {
		t.Fatalf("EventTripRecorded.shares %q: %v", res.attr(ev, "shares"), err)
	}
	mustEqualSlices(t, "EventTripRecorded.shares", shares, []tollAmount{{"kec", "2229000000"}, {"prv", "1774000000"}})

	// The fare moved driver -> kec's settlement account, exactly.
	mustEqual(t, "driver's ukrw after trip 1", c.balance(t, c.addr(tollDriver)), driverBefore-fareOsanSeoul)
	mustEqual(t, "kec-operator's ukrw after trip 1", c.balance(t, c.addr(kecOperator)), kecBefore+fareOsanSeoul)

	// The same trip again (a replay, or a terminal retrying): toll 77, nothing charged.
	res = c.txFixedGas(kecPlaza, 400000, "tx", "toll", "record-trip", osanTG, seoulTG, "1",
		ex.entry.UTC().Format(time.RFC3339), ex.exit.UTC().Format(time.RFC3339), "account", sha256Hex("salt-7f3a|plate"),
		"--payer", c.addr(tollDriver))
	mustReject(t, "record-trip of a recorded trip", res, tollCodespace, tolltypes.ErrDuplicateTrip.ABCICode())
	mustEqual(t, "driver's ukrw after the replay", c.balance(t, c.addr(tollDriver)), driverBefore-fareOsanSeoul)

	trip := c.tollTrip(t, "1")
	mustEqual(t, "trip 1 fare", trip.Fare, strconv.Itoa(fareOsanSeoul))
	mustEqual(t, "trip 1 payment_status", trip.PaymentStatus, "PAYMENT_STATUS_PAID")
	mustEqual(t, "trip 1 payer", trip.Payer, c.addr(tollDriver))
	mustEqualSlices(t, "trip 1 shares", trip.Shares, []tollAmount{{"kec", "2229000000"}, {"prv", "1774000000"}})

	var limits struct {
		Limits []struct {
			Operator  string `json:"operator"`
			Remaining string `json:"remaining"`
			Spent     string `json:"spent"`
		} `json:"limits"`
	}
	c.restGet(tollAPI+"/spending-limits/"+c.addr(tollDriver), &limits)
	if len(limits.Limits) != 1 || limits.Limits[0].Operator != "kec" ||
		limits.Limits[0].Remaining != "15997000000" || limits.Limits[0].Spent != strconv.Itoa(fareOsanSeoul) {
		t.Fatalf("driver's spending limits after trip 1: %+v", limits.Limits)
	}
}

func tollTripUnpaid(t *testing.T, c *chain, ex *tollExample) {
	driver := c.addr(tollDriver)
	driverBefore := c.balance(t, driver)
	prvBefore := c.balance(t, c.addr(prvOperator))

	// The return trip at prv's exit plaza: the driver gave prv no spending limit.
	res := c.tx(prvPlaza, "tx", "toll", "record-trip", seoulTG, osanTG, "1",
		ex.entry.UTC().Format(time.RFC3339), ex.exit.UTC().Format(time.RFC3339), "account", sha256Hex("salt-c01d|plate"),
		"--payer", driver)
	const ev = "civic.toll.v1.EventTripRecorded"
	mustEqual(t, "EventTripRecorded.trip_id", res.attr(ev, "trip_id"), "2")
	mustEqual(t, "EventTripRecorded.fare", res.attr(ev, "fare"), strconv.Itoa(fareSeoulOsan))
	mustEqual(t, "EventTripRecorded.payment_status", res.attr(ev, "payment_status"), "PAYMENT_STATUS_UNPAID")
	mustEqual(t, "EventTripRecorded.unpaid_reason", res.attr(ev, "unpaid_reason"), "UNPAID_REASON_NO_SPENDING_LIMIT")
	mustEqual(t, "driver's ukrw after the unpaid trip", c.balance(t, driver), driverBefore)

	var unpaid struct {
		Trips []tollTrip `json:"trips"`
	}
	c.restGet(tollAPI+"/unpaid-trips?payer="+driver, &unpaid)
	if len(unpaid.Trips) != 1 || unpaid.Trips[0].ID != "2" || unpaid.Trips[0].Fare != strconv.Itoa(fareSeoulOsan) ||
		unpaid.Trips[0].UnpaidReason != "UNPAID_REASON_NO_SPENDING_LIMIT" {
		t.Fatalf("unpaid trips of the driver: %+v", unpaid.Trips)
	}

	res = c.tx(tollDriver, "tx", "toll", "pay-trip", "2")
	mustEqual(t, "EventTripPaid.amount", res.attr("civic.toll.v1.EventTripPaid", "amount"), strconv.Itoa(fareSeoulOsan))
	mustEqual(t, "driver's ukrw after pay-trip", c.balance(t, driver), driverBefore-fareSeoulOsan)
	mustEqual(t, "prv-operator's ukrw after pay-trip", c.balance(t, c.addr(prvOperator)), prvBefore+fareSeoulOsan)
	mustEqual(t, "trip 2 payment_status", c.tollTrip(t, "2").PaymentStatus, "PAYMENT_STATUS_PAID")
	c.restGet(tollAPI+"/unpaid-trips?payer="+driver, &unpaid)
	mustEqual(t, "unpaid trips after pay-trip", len(unpaid.Trips), 0)
}

func tollRecordTripRefusals(t *testing.T, c *chain, ex *tollExample) {
	in, out := ex.entry.UTC().Format(time.RFC3339), ex.exit.UTC().Format(time.RFC3339)
	ref := sha256Hex("x")
	for _, tc := range []struct {
		what        string
		entry, exit string
		class       string
		in, out     string
		code        uint32
	}{
		{"vehicle class 6", osanTG, seoulTG, "6", in, out, tolltypes.ErrInvalidVehicleClass.ABCICode()},
		{"exit before entry", osanTG, seoulTG, "1", out, in, tolltypes.ErrExitBeforeEntry.ABCICode()},
		{"another operator's exit plaza", seoulTG, osanTG, "1", in, out, tolltypes.ErrWrongOperator.ABCICode()},
		{"unknown entry plaza", "nowhere-tg", seoulTG, "1", in, out, tolltypes.ErrPlazaNotFound.ABCICode()},
	} {
		res := c.txFixedGas(kecPlaza, 400000, "tx", "toll", "record-trip", tc.entry, tc.exit, tc.class,
			tc.in, tc.out, "offchain", ref)
		mustReject(t, "record-trip: "+tc.what, res, tollCodespace, tc.code)
	}
	// Nothing was recorded: trip 3 does not exist.
	if status, body := c.restRaw(tollAPI + "/trips/3"); status == http.StatusOK {
		t.Fatalf("a refused record-trip left trip 3: %s", body)
	}
}

func tollBatch(t *testing.T, c *chain, ex *tollExample) {
	// Three off-chain trips of prv's Hi-pass lanes at osan-tg, 50 to 20 minutes
	// before the latest block; the third is a compact car.
	now := c.latestBlockTime(t)
	e := strconv.FormatInt(now.Add(-50*time.Minute).Unix(), 10)
	x := strconv.FormatInt(now.Add(-20*time.Minute).Unix(), 10)
	trip := func(ref, fare, kec, prv string, discounts ...string) map[string]any {
		m := map[string]any{
			"entry_plaza": seoulTG, "exit_plaza": osanTG, "vehicle_class": 1,
			"entry_unix": e, "exit_unix": x, "vehicle_ref": sha256Hex(ref),
			"fare":   fare,
			"shares": []tollAmount{{"kec", kec}, {"prv", prv}},
		}
		if len(discounts) > 0 {
			m["discount_codes"] = discounts
		}
		return m
	}
	// The file outlives this step (batch-proof reads it): the parent test's temp dir.
	ex.batchFile = writeJSON(c.t, "osan-batch.json", []map[string]any{
		trip("a", "4303000000", "1329000000", "2974000000"),
		trip("b", "4303000000", "1329000000", "2974000000"),
		trip("c", "2151500000", "664500000", "1487000000", "DISCOUNT_CODE_COMPACT"),
	})

	res := c.tx(prvPlaza, "tx", "toll", "submit-batch-file", osanTG, ex.batchFile)
	const ev = "civic.toll.v1.EventTripBatchSubmitted"
	mustEqual(t, "EventTripBatchSubmitted.batch_id", res.attr(ev, "batch_id"), "1")
	mustEqual(t, "EventTripBatchSubmitted.count", res.attr(ev, "count"), "3")
	mustEqual(t, "EventTripBatchSubmitted.total", res.attr(ev, "total"), "10757500000")
	mustEqual(t, "EventTripBatchSubmitted.period_id", res.attr(ev, "period_id"), "1")

	var b struct {
		Batch struct {
			PlazaID    string       `json:"plaza_id"`
			Collector  string       `json:"collector"`
			MerkleRoot string       `json:"merkle_root"`
			Count      string       `json:"count"`
			Totals     []tollAmount `json:"totals"`
			Total      string       `json:"total"`
		} `json:"batch"`
	}
	c.restGet(tollAPI+"/batches/1", &b)
	mustEqual(t, "batch count", b.Batch.Count, "3")
	mustEqual(t, "batch collector", b.Batch.Collector, "prv")
	mustEqualSlices(t, "batch totals", b.Batch.Totals, []tollAmount{{"kec", "3322500000"}, {"prv", "7435000000"}})
	mustEqual(t, "event merkle_root = stored root", res.attr(ev, "merkle_root"), b.Batch.MerkleRoot)
	ex.merkleRoot = b.Batch.MerkleRoot
}

func tollBatchProofVerify(t *testing.T, c *chain, ex *tollExample) {
	var proof tollBatchProof
	raw := c.cli("query", "toll", "batch-proof", ex.batchFile, "2")
	if err := json.Unmarshal(raw, &proof); err != nil {
		t.Fatalf("batch-proof: %v\n%s", err, raw)
	}
	mustEqual(t, "batch-proof root = anchored root", proof.Root, ex.merkleRoot)
	mustEqual(t, "batch-proof count", proof.Count, uint64(3))
	mustEqualSlices(t, "batch-proof totals = anchored totals", proof.Totals, []tollAmount{{"kec", "3322500000"}, {"prv", "7435000000"}})

	verifyWith := func(trip json.RawMessage, siblings []json.RawMessage) (valid bool, leaf, reason string) {
		t.Helper()
		body, _ := json.Marshal(map[string]any{
			"trip":     trip,
			"index":    strconv.FormatUint(proof.Index, 10),
			"siblings": siblings,
		})
		status, resp := c.restPost(tollAPI+"/batches/1/verify", body)
		if status != http.StatusOK {
			t.Fatalf("POST verify: %d %s", status, resp)
		}
		var v struct {
			Valid    bool   `json:"valid"`
			LeafHash string `json:"leaf_hash"`
			Reason   string `json:"reason"`
		}
		if err := json.Unmarshal(resp, &v); err != nil {
			t.Fatalf("POST verify: %v\n%s", err, resp)
		}
		return v.Valid, v.LeafHash, v.Reason
	}
	verify := func(trip json.RawMessage) (bool, string, string) { return verifyWith(trip, proof.Siblings) }
	valid, leaf, reason := verify(proof.Trip)
	if !valid {
		t.Fatalf("trip 2 of the file against batch 1: valid false: %s", reason)
	}
	mustEqual(t, "verified leaf hash", leaf, proof.LeafHash)

	// The same trip with a changed fare is not the anchored one.
	var changed map[string]any
	if err := json.Unmarshal(proof.Trip, &changed); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "proved trip fare", changed["fare"], any("2151500000"))
	changed["fare"] = "2151400000"
	forged, _ := json.Marshal(changed)
	if valid, _, reason := verify(forged); valid {
		t.Fatal("a trip with a changed fare verified against batch 1")
	} else {
		t.Logf("changed fare refused: %s", reason)
	}

	// The sibling's sums are committed in the root: inflating them does not verify.
	var sibling struct {
		Hash  string       `json:"hash"`
		Sums  []tollAmount `json:"sums"`
		Count string       `json:"count"`
	}
	if err := json.Unmarshal(proof.Siblings[0], &sibling); err != nil {
		t.Fatalf("sibling: %v\n%s", err, proof.Siblings[0])
	}
	mustEqual(t, "sibling count (trips 0 and 1)", sibling.Count, "2")
	sibling.Sums[0].Amount += "0"
	inflated, _ := json.Marshal(sibling)
	if valid, _, reason := verifyWith(proof.Trip, []json.RawMessage{inflated}); valid {
		t.Fatal("a proof with an inflated sibling sum verified against batch 1")
	} else {
		t.Logf("inflated sibling sum refused: %s", reason)
	}

	// The same proof through the CLI: each sibling a JSON argument.
	var cliRes struct {
		Valid  bool   `json:"valid"`
		Reason string `json:"reason"`
	}
	args := []string{"query", "toll", "verify-trip", "1", strconv.FormatUint(proof.Index, 10), string(proof.Trip)}
	for _, s := range proof.Siblings {
		args = append(args, string(s))
	}
	c.queryJSON(&cliRes, args...)
	if !cliRes.Valid {
		t.Fatalf("verify-trip (CLI) of trip 2: valid false: %s", cliRes.Reason)
	}
}

func tollDisputeAndSubmit(t *testing.T, c *chain) {
	res := c.tx(tollDriver, "tx", "toll", "open-dispute", "miscollection", "trip", "1",
		"--evidence-digest", sha256Hex("receipt"))
	mustEqual(t, "EventDisputeOpened.dispute_id", res.attr("civic.toll.v1.EventDisputeOpened", "dispute_id"), "1")
	mustEqual(t, "EventDisputeOpened.amount", res.attr("civic.toll.v1.EventDisputeOpened", "amount"), strconv.Itoa(fareOsanSeoul))

	// A period is OPEN for min_period_seconds at least before it is submitted.
	c.tollWaitSubmittable(t)
	res = c.tx(kecOperator, "tx", "toll", "submit-period", "1")
	mustEqual(t, "EventPeriodSubmitted.status", res.attr("civic.toll.v1.EventPeriodSubmitted", "status"), "PERIOD_STATUS_SUBMITTED")
	mustEqual(t, "EventPeriodSubmitted.next_period_id", res.attr("civic.toll.v1.EventPeriodSubmitted", "next_period_id"), "2")

	// prv's 1,774 KRW share of the disputed trip is held out of settlement;
	// the period stays SUBMITTED around the open dispute.
	np := c.tollNetPositions(t)
	mustEqual(t, "net-positions status", np.Status, "PERIOD_STATUS_SUBMITTED")
	kec, prv := np.position(t, "kec"), np.position(t, "prv")
	mustEqual(t, "kec disputed_payable", kec.DisputedPayable, "1774000000")
	mustEqual(t, "prv disputed_receivable", prv.DisputedReceivable, "1774000000")
	t.Logf("positions with the dispute held out: %+v", np.Positions)

	res = c.txFixedGas(kecOperator, 400000, "tx", "toll", "settle-period", "1")
	mustReject(t, "settle before the confirmations and their deadline", res, tollCodespace, tolltypes.ErrConfirmationPending.ABCICode())
}

// tollWaitSubmittable waits until period 1 has been OPEN for min_period_seconds.
func (c *chain) tollWaitSubmittable(t *testing.T) {
	t.Helper()
	var p struct {
		Period struct {
			StartTime time.Time `json:"start_time"`
		} `json:"period"`
	}
	c.restGet(tollAPI+"/periods/1", &p)
	opens := p.Period.StartTime.Add(time.Duration(tolltypes.DefaultMinPeriodSeconds+2) * time.Second)
	if wait := time.Until(opens); wait > 0 {
		t.Logf("waiting %s for period 1 to be submittable", wait.Round(time.Second))
		time.Sleep(wait)
	}
}

func tollResolveDispute(t *testing.T, c *chain) {
	driverBefore := c.balance(t, c.addr(tollDriver))
	kecBefore := c.balance(t, c.addr(kecOperator))

	res := c.tx(kecOperator, "tx", "toll", "resolve-dispute", "1", "refund",
		"--refund", strconv.Itoa(tollRefund), "--reason", "PLAZA_MISREAD")
	const ev = "civic.toll.v1.EventDisputeResolved"
	mustEqual(t, "EventDisputeResolved.status", res.attr(ev, "status"), "DISPUTE_STATUS_REFUNDED")
	mustEqual(t, "EventDisputeResolved.refund", res.attr(ev, "refund"), strconv.Itoa(tollRefund))
	mustEqual(t, "EventDisputeResolved.period_status", res.attr(ev, "period_status"), "PERIOD_STATUS_SUBMITTED")

	// The refund moved kec's settlement account -> the driver, exactly.
	mustEqual(t, "driver's ukrw after the refund", c.balance(t, c.addr(tollDriver)), driverBefore+tollRefund)
	mustEqual(t, "kec-operator's ukrw after the refund", c.balance(t, c.addr(kecOperator)), kecBefore-tollRefund)

	// Taken off trip 1's shares pro rata: prv's 1774000000 lost 221583812.
	trip := c.tollTrip(t, "1")
	mustEqual(t, "trip 1 fare after the refund", trip.Fare, strconv.Itoa(fareOsanSeoul-tollRefund))
	mustEqual(t, "trip 1 refunded", trip.Refunded, strconv.Itoa(tollRefund))
	mustEqualSlices(t, "trip 1 shares after the refund", trip.Shares, []tollAmount{{"kec", "1950583812"}, {"prv", "1552416188"}})
}

func tollNetPositionsStep(t *testing.T, c *chain, ex *tollExample) {
	np := c.tollNetPositions(t)
	mustEqual(t, "net-positions status", np.Status, "PERIOD_STATUS_SUBMITTED")
	var got []string
	for _, p := range np.Positions {
		got = append(got, strings.Join([]string{p.Operator, p.Receivable, p.Payable, p.Net, p.DisputedReceivable, p.DisputedPayable}, "/"))
		n, err := strconv.ParseInt(p.Net, 10, 64)
		if err != nil {
			t.Fatalf("net of %s: %q", p.Operator, p.Net)
		}
		ex.nets[p.Operator] = n
	}
	k, p := strconv.Itoa(kecReceivable), strconv.Itoa(kecPayable)
	mustEqualSlices(t, "net positions (operator/receivable/payable/net/disputed)", got, []string{
		"kec/" + k + "/" + p + "/" + strconv.Itoa(kecNet) + "/0/0",
		"prv/" + p + "/" + k + "/" + strconv.Itoa(-kecNet) + "/0/0",
	})
	mustEqual(t, "kec net", ex.nets["kec"], int64(3099083812))

	// The CLI answers the same.
	var cli tollNetPositions
	c.queryJSON(&cli, "query", "toll", "net-positions", "1")
	mustEqual(t, "CLI kec net", cli.position(t, "kec").Net, "3099083812")
	mustEqual(t, "CLI prv net", cli.position(t, "prv").Net, "-3099083812")
}

func tollConfirm(t *testing.T, c *chain, ex *tollExample) {
	for _, a := range []string{kecOperator, prvOperator} {
		ex.before[a] = c.balance(t, c.addr(a))
	}
	k, p := strconv.Itoa(kecReceivable), strconv.Itoa(kecPayable)

	// prv pays net: its confirmation must come from its settlement account;
	// its plaza terminal (toll.plaza only) may not confirm at all.
	res := c.txFixedGas(prvPlaza, 400000, "tx", "toll", "confirm-period", "1", p, k)
	mustReject(t, "confirm of the net payer from its plaza terminal", res, agencytypes.ModuleName, agencytypes.ErrRoleNotHeld.ABCICode())

	const ev = "civic.toll.v1.EventPeriodConfirmed"
	res = c.tx(kecOperator, "tx", "toll", "confirm-period", "1", k, p)
	mustEqual(t, "kec EventPeriodConfirmed.net", res.attr(ev, "net"), strconv.Itoa(kecNet))
	mustEqual(t, "kec EventPeriodConfirmed.escrowed", res.attr(ev, "escrowed"), "0")
	mustEqual(t, "kec EventPeriodConfirmed.status", res.attr(ev, "status"), "PERIOD_STATUS_SUBMITTED")

	res = c.tx(prvOperator, "tx", "toll", "confirm-period", "1", p, k)
	mustEqual(t, "prv EventPeriodConfirmed.net", res.attr(ev, "net"), strconv.Itoa(-kecNet))
	mustEqual(t, "prv EventPeriodConfirmed.escrowed", res.attr(ev, "escrowed"), strconv.Itoa(kecNet))
	mustEqual(t, "prv EventPeriodConfirmed.status", res.attr(ev, "status"), "PERIOD_STATUS_RECONCILED")

	// prv's net sits in the module account until the settlement.
	mustEqual(t, "toll module account after the confirmations", c.balance(t, c.tollModuleAddr(t)), int64(kecNet))
	mustEqual(t, "prv-operator's ukrw after escrow", c.balance(t, c.addr(prvOperator)), ex.before[prvOperator]-kecNet)
}

func tollSettle(t *testing.T, c *chain) {
	res := c.tx(kecOperator, "tx", "toll", "settle-period", "1")
	mustEqual(t, "EventPeriodSettled.period_id", res.attr("civic.toll.v1.EventPeriodSettled", "period_id"), "1")
	var paid []tollAmount
	if err := json.Unmarshal([]byte(res.attr("civic.toll.v1.EventPeriodSettled", "paid_out")), &paid); err != nil {
		t.Fatalf("EventPeriodSettled.paid_out %q: %v", res.attr("civic.toll.v1.EventPeriodSettled", "paid_out"), err)
	}
	mustEqualSlices(t, "EventPeriodSettled.paid_out", paid, []tollAmount{{"kec", strconv.Itoa(kecNet)}})

	var p struct {
		Period struct {
			Status string `json:"status"`
		} `json:"period"`
	}
	c.restGet(tollAPI+"/periods/1", &p)
	mustEqual(t, "period 1 status", p.Period.Status, "PERIOD_STATUS_SETTLED")

	res = c.txFixedGas(kecOperator, 400000, "tx", "toll", "settle-period", "1")
	mustReject(t, "second settlement", res, tollCodespace, tolltypes.ErrAlreadySettled.ABCICode())
}

func tollBalancesFollowNets(t *testing.T, c *chain, ex *tollExample) {
	for _, tc := range []struct{ account, agency string }{{kecOperator, "kec"}, {prvOperator, "prv"}} {
		after := c.balance(t, c.addr(tc.account))
		t.Logf("%s: %d -> %d (net %+d)", tc.account, ex.before[tc.account], after, ex.nets[tc.agency])
		mustEqual(t, tc.account+" balance change = its net position", after-ex.before[tc.account], ex.nets[tc.agency])
	}
	mustEqual(t, "toll module account after the settlement", c.balance(t, c.tollModuleAddr(t)), int64(0))

	// The README's numbers.
	mustEqual(t, "kec-operator's ukrw", c.balance(t, c.addr(kecOperator)), int64(1006602083812))
	mustEqual(t, "prv-operator's ukrw", c.balance(t, c.addr(prvOperator)), int64(1001203916188))
	mustEqual(t, "kec-operator's ukrw (from genesis)", c.balance(t, c.addr(kecOperator)),
		int64(tollGenesisKRW+fareOsanSeoul-tollRefund+kecNet))
	mustEqual(t, "driver's ukrw", c.balance(t, c.addr(tollDriver)),
		int64(driverGenesisKRW-fareOsanSeoul-fareSeoulOsan+tollRefund))
}

// tollTrip GETs a trip over REST.
func (c *chain) tollTrip(t *testing.T, id string) tollTrip {
	t.Helper()
	var r struct {
		Trip tollTrip `json:"trip"`
	}
	c.restGet(tollAPI+"/trips/"+id, &r)
	return r.Trip
}

// tollNetPositions GETs period 1's net positions over REST.
func (c *chain) tollNetPositions(t *testing.T) tollNetPositions {
	t.Helper()
	var np tollNetPositions
	c.restGet(tollAPI+"/periods/1/net-positions", &np)
	return np
}

func (np tollNetPositions) position(t *testing.T, operator string) tollNetPosition {
	t.Helper()
	for _, p := range np.Positions {
		if p.Operator == operator {
			return p
		}
	}
	t.Fatalf("no net position of %s: %+v", operator, np.Positions)
	return tollNetPosition{}
}

// balance is an account's ukrw balance over REST.
func (c *chain) balance(t *testing.T, addr string) int64 {
	t.Helper()
	return c.balanceOf(t, addr, tollDenom)
}

// tollModuleAddr is the address of the toll module account (it holds the
// settlement escrow), in the chain's bech32 prefix.
func (c *chain) tollModuleAddr(t *testing.T) string {
	t.Helper()
	prefix, _, ok := strings.Cut(c.addr(tollDriver), "1")
	if !ok {
		t.Fatalf("address %q has no bech32 separator", c.addr(tollDriver))
	}
	addr, err := bech32.ConvertAndEncode(prefix, authtypes.NewModuleAddress(tolltypes.ModuleName))
	if err != nil {
		t.Fatal(err)
	}
	return addr
}

// latestBlockTime is the time of the latest block, read from the node.
func (c *chain) latestBlockTime(t *testing.T) time.Time {
	t.Helper()
	var r struct {
		Block struct {
			Header struct {
				Height string    `json:"height"`
				Time   time.Time `json:"time"`
			} `json:"header"`
		} `json:"block"`
	}
	c.restGet("/cosmos/base/tendermint/v1beta1/blocks/latest", &r)
	if r.Block.Header.Time.IsZero() {
		t.Fatalf("latest block %s has no time", r.Block.Header.Height)
	}
	return r.Block.Header.Time
}

// waitBlockTime waits until the latest block's time is at or after at.
func (c *chain) waitBlockTime(t *testing.T, at time.Time) {
	t.Helper()
	c.eventually(time.Until(at)+30*time.Second, 250*time.Millisecond, "a block at "+at.UTC().Format(time.RFC3339), func() error {
		if bt := c.latestBlockTime(t); bt.Before(at) {
			return fmt.Errorf("latest block time %s", bt.UTC().Format(time.RFC3339Nano))
		}
		return nil
	})
}

// restPost POSTs a JSON body to a REST path and returns the status and body.
func (c *chain) restPost(path string, body []byte) (int, []byte) {
	c.t.Helper()
	req, err := http.NewRequestWithContext(c.Ctx, http.MethodPost, c.Net.APIURL()+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, raw
}
