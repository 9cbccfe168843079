package bench

import (
	"fmt"
	"slices"
	"sort"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	tolltypes "github.com/civicchain/civic/x/toll/types"
)

// The toll network ExtendGenesis writes into the bench chain's genesis: the
// load agency is a registered x/toll operator (settlement account: load
// account 0) owning one route, one segment covering it, two plazas 20 km
// apart and a tariff in effect from genesis; every load account has a
// spending limit with it, and x/toll's denom is the bench denom so ACCOUNT
// fares are paid from the load accounts' coins.
const (
	BenchTollRoute      = "BENCH-R1"
	BenchTollEntryPlaza = "BENCH-IN"
	BenchTollExitPlaza  = "BENCH-OUT"
	BenchTollDistanceM  = 20_000
	BenchTollBaseFee    = 900
	BenchTollPerKm      = 45
	BenchTollLimit      = "1000000000000"
	// BenchTollTariffFrom is before any trip the workloads send (their exits
	// are a minute before the wall clock, which may precede genesis).
	BenchTollTariffFrom = "2026-01-01T00:00:00Z"
)

// RecordTrip: x/toll MsgRecordTrip at the bench exit plaza (x/agency
// Authorize toll.plaza, the trip's natural key checked unique, fare computed on chain from the segment and the
// tariff, accruals updated). With Account the fare is paid on chain from the
// signer's own account within its spending limit (a x/bank transfer per
// trip); otherwise the trip is OFFCHAIN, recorded for settlement only.
// Classes cycle 1..5; vehicle_ref is a fresh digest per trip.
type RecordTrip struct{ Account bool }

func (w RecordTrip) Name() string {
	if w.Account {
		return "toll-record-trip-account"
	}
	return "toll-record-trip"
}

func (w RecordTrip) Msgs(env *Env, acct, max int) []sdk.Msg {
	// Exit a little before now: the chain refuses exits later than its block
	// time plus max_clock_skew_seconds, and block time trails the wall clock.
	exit := time.Now().UTC().Add(-time.Minute).Truncate(time.Second)
	return makeMsgs(max, func(i int) sdk.Msg {
		msg := &tolltypes.MsgRecordTrip{
			Signer:        env.Accounts[acct].Address,
			EntryPlaza:    BenchTollEntryPlaza,
			ExitPlaza:     BenchTollExitPlaza,
			VehicleClass:  uint32(i%5 + 1),
			EntryTime:     exit.Add(-12 * time.Minute),
			ExitTime:      exit,
			PaymentMethod: tolltypes.PaymentOffchain,
			VehicleRef:    digestOf(fmt.Sprintf("vehicle/%s/%d/%d", env.RunID, acct, i)),
		}
		if w.Account {
			msg.PaymentMethod = tolltypes.PaymentAccount
			msg.Payer = env.Accounts[acct].Address
		}
		return msg
	})
}

// extendTollGenesis writes the bench toll network (see the constants above)
// into app_state.toll and grants toll.operator and toll.plaza to the load
// agency (its load accounts hold toll.plaza: plaza terminals).
func extendTollGenesis(app map[string]any, accts []*LoadAccount, denom, agency, genesisTime string) {
	toll, ok := app["toll"].(map[string]any)
	if !ok || len(accts) == 0 {
		return
	}
	grantRoles(app, agency, tolltypes.RoleOperator, tolltypes.RolePlaza)
	if params, ok := toll["params"].(map[string]any); ok {
		params["denom"] = denom
	}
	toll["operators"] = []any{map[string]any{"agency_id": agency, "settlement_account": accts[0].Address, "registered_at": genesisTime}}
	toll["routes"] = []any{map[string]any{"id": BenchTollRoute, "owner": agency, "registered_at": genesisTime}}
	toll["plazas"] = []any{
		map[string]any{"id": BenchTollEntryPlaza, "operator": agency, "route": BenchTollRoute, "position_m": "0", "registered_at": genesisTime},
		map[string]any{"id": BenchTollExitPlaza, "operator": agency, "route": BenchTollRoute, "position_m": fmt.Sprint(BenchTollDistanceM), "registered_at": genesisTime},
	}
	toll["segments"] = []any{map[string]any{"route": BenchTollRoute, "start_m": "0", "end_m": fmt.Sprint(BenchTollDistanceM), "operator": agency}}
	rates := make([]any, 5)
	for c := range rates {
		rates[c] = map[string]any{"vehicle_class": c + 1, "base_fee": fmt.Sprint(BenchTollBaseFee * (c + 1)), "per_km": fmt.Sprint(BenchTollPerKm * (c + 1))}
	}
	toll["tariffs"] = []any{map[string]any{
		"operator": agency, "version": "1", "effective_from": BenchTollTariffFrom, "rates": rates, "discounts": []any{},
		"commuter_start_minute": 0, "commuter_end_minute": 0, "set_by": accts[0].Address,
	}}
	limits := make([]any, 0, len(accts))
	for _, a := range accts {
		limits = append(limits, map[string]any{"payer": a.Address, "operator": agency, "remaining": BenchTollLimit, "spent": "0"})
	}
	toll["spending_limits"] = limits
}

// grantRoles adds roles to the genesis agency's roles (sorted, each once).
func grantRoles(app map[string]any, agency string, roles ...string) {
	ag, ok := app["agency"].(map[string]any)
	if !ok {
		return
	}
	agencies, _ := ag["agencies"].([]any)
	for _, a := range agencies {
		m, _ := a.(map[string]any)
		if fmt.Sprint(m["id"]) != agency {
			continue
		}
		have, _ := m["roles"].([]any)
		for _, want := range roles {
			if !slices.ContainsFunc(have, func(r any) bool { return fmt.Sprint(r) == want }) {
				have = append(have, want)
			}
		}
		m["roles"] = sortedStrings(have)
	}
}

// sortedStrings returns the values as sorted strings.
func sortedStrings(vals []any) []any {
	s := make([]string, len(vals))
	for i, v := range vals {
		s[i] = fmt.Sprint(v)
	}
	sort.Strings(s)
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
