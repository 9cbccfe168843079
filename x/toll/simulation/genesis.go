// Package simulation holds x/toll's part of the SDK simulation: a random genesis (params
// and, half the time, a small toll network of operators from x/agency's random genesis)
// and simsx message factories that read the state through the keeper and dry-run every
// candidate message on a throw-away cache of the block state, so that only accepted
// messages are delivered.
package simulation

import (
	"fmt"
	"math/rand"
	"slices"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// Simulation parameters (AppParams keys) of the module params.
const (
	MaxClockSkewSeconds    = "max_clock_skew_seconds"
	MaxTripAgeSeconds      = "max_trip_age_seconds"
	MaxTripDurationSeconds = "max_trip_duration_seconds"
	MaxSegmentsPerTrip     = "max_segments_per_trip"
	MaxBatchOperators      = "max_batch_operators"
	MaxBatchTrips          = "max_batch_trips"
)

// Bounds of the random genesis and of the random network the factories grow.
const (
	maxGenesisOperators   = 4
	maxGenesisRoutes      = 2
	maxGenesisSegments    = 4 // per route
	maxGenesisPlazas      = 4 // per route, at least 2
	maxGenesisLimits      = 4
	minSegmentM           = 5_000
	maxSegmentM           = 50_000
	maxSpendingLimit      = 1_000_000
	maxBaseFee            = 1_000
	maxPerKm              = 200
	maxDiscountBps        = 5_000
	minRandomTripAge      = 3_600
	minRandomTripDuration = 600
	minRandomSegments     = 16
	minRandomBatchTrips   = 1_000
	minRandomBatchOps     = 4
	maxRandomExtraNotice  = 6 * 3600
)

// RandomParams returns params within their bounds, in the denom the simulation accounts
// are funded with (sdk.DefaultBondDenom), and generous enough that the factories' trips
// (exiting up to an hour before the block time, lasting up to four hours), batches and
// tariffs (the default max_rates) fit; the tariff notice is up to six hours above its minimum.
func RandomParams(r *rand.Rand) types.Params {
	p := types.Params{
		Denom:                  sdk.DefaultBondDenom,
		MaxClockSkewSeconds:    uint64(r.Int63n(int64(types.MaxMaxClockSkewSeconds) + 1)),                                   //nolint:gosec // bounded
		MaxTripAgeSeconds:      minRandomTripAge + uint64(r.Int63n(int64(types.MaxMaxTripAgeSeconds-minRandomTripAge)+1)),   //nolint:gosec // bounded
		MaxTripDurationSeconds: 4*3600 + uint64(r.Int63n(int64(types.MaxMaxTripDurationSeconds-4*3600)+1)),                  //nolint:gosec // bounded
		MaxSegmentsPerTrip:     minRandomSegments + uint32(r.Intn(int(types.MaxMaxSegmentsPerTrip-minRandomSegments)+1)),    //nolint:gosec // bounded
		MaxBatchOperators:      minRandomBatchOps + uint32(r.Intn(int(types.MaxMaxBatchOperators-minRandomBatchOps)+1)),     //nolint:gosec // bounded
		MaxBatchTrips:          minRandomBatchTrips + uint64(r.Int63n(int64(types.MaxMaxBatchTrips-minRandomBatchTrips)+1)), //nolint:gosec // bounded

		MaxTripFare:                 types.DefaultMaxTripFare,
		MaxPeriodAccrual:            types.DefaultMaxPeriodAccrual,
		MaxPeriodTotal:              types.DefaultMaxPeriodTotal,
		ConfirmationDeadlineSeconds: types.MinConfirmationDeadlineSeconds + uint64(r.Int63n(int64(types.DefaultConfirmationDeadlineSeconds))), //nolint:gosec // bounded
		AppealWindowSeconds:         1 + uint64(r.Int63n(int64(types.DefaultAppealWindowSeconds))),                                            //nolint:gosec // bounded
		MinPeriodSeconds:            types.DefaultMinPeriodSeconds,
		MaxRates:                    types.DefaultMaxRates(),
	}
	p.TariffMinNoticeSeconds = max(1, p.MaxClockSkewSeconds) + uint64(r.Int63n(maxRandomExtraNotice+1)) //nolint:gosec // bounded
	return p
}

// RandomizedGenState writes a random genesis into simState: random params and, half the
// time, a small network whose operators are the agencies of x/agency's random genesis
// (generated first: "agency" sorts before "toll") with a member holding toll.operator.
// It panics if the state it built does not validate (a bug in the generator).
func RandomizedGenState(simState *module.SimulationState) {
	def := RandomParams(simState.Rand)
	params := def
	simulation.Param(simState, MaxClockSkewSeconds, &params.MaxClockSkewSeconds, def.MaxClockSkewSeconds)
	simulation.Param(simState, MaxTripAgeSeconds, &params.MaxTripAgeSeconds, def.MaxTripAgeSeconds)
	simulation.Param(simState, MaxTripDurationSeconds, &params.MaxTripDurationSeconds, def.MaxTripDurationSeconds)
	simulation.Param(simState, MaxSegmentsPerTrip, &params.MaxSegmentsPerTrip, def.MaxSegmentsPerTrip)
	simulation.Param(simState, MaxBatchOperators, &params.MaxBatchOperators, def.MaxBatchOperators)
	simulation.Param(simState, MaxBatchTrips, &params.MaxBatchTrips, def.MaxBatchTrips)

	gs := RandomGenesis(simState.Rand, simState.Accounts, agencysim.GeneratedGenesis(simState), simState.GenTimestamp, params)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// RandomGenesis builds the genesis of RandomizedGenState from r. Half the time it holds
// no records; otherwise up to four operators (ACTIVE agencies with a member holding
// toll.operator, that member as settlement account), one or two routes (each owned by one
// of them) fully covered by their segments from 0 m, two to four plazas on each, tariff version 1 of every operator
// effective at genesisTime, and a few spending limits of accs. It opens no period
// (InitGenesis opens period 1).
func RandomGenesis(r *rand.Rand, accs []simtypes.Account, agencies *agencytypes.GenesisState, genesisTime time.Time, params types.Params) *types.GenesisState {
	gs := types.DefaultGenesis()
	gs.Params = params
	if r.Intn(2) == 0 {
		return gs
	}
	ops := genesisOperators(r, agencies, genesisTime)
	if len(ops) == 0 {
		return gs
	}
	gs.Operators = ops
	for i, n := 0, 1+r.Intn(maxGenesisRoutes); i < n; i++ {
		route := fmt.Sprintf("R%d", i+1)
		gs.Routes = append(gs.Routes, types.Route{Id: route, Owner: ops[r.Intn(len(ops))].AgencyId, RegisteredAt: genesisTime})
		var end uint64
		for j, m := 0, 1+r.Intn(maxGenesisSegments); j < m; j++ {
			seg := types.Segment{Route: route, StartM: end, EndM: end + randomSegmentLength(r), Operator: ops[r.Intn(len(ops))].AgencyId}
			gs.Segments = append(gs.Segments, seg)
			end = seg.EndM
		}
		for j, m := 0, 2+r.Intn(maxGenesisPlazas-1); j < m; j++ {
			gs.Plazas = append(gs.Plazas, types.Plaza{
				Id: fmt.Sprintf("G%s-%d", route, j+1), Operator: ops[r.Intn(len(ops))].AgencyId, Route: route,
				PositionM: uint64(r.Int63n(int64(end) + 1)), RegisteredAt: genesisTime, //nolint:gosec // positive
			})
		}
	}
	for _, o := range ops { // sorted by agency id, so by (operator, version)
		body := randomTariffBody(r)
		gs.Tariffs = append(gs.Tariffs, types.Tariff{
			Operator: o.AgencyId, Version: 1, EffectiveFrom: genesisTime, Rates: body.Rates, Discounts: body.Discounts,
			CommuterStartMinute: body.CommuterStartMinute, CommuterEndMinute: body.CommuterEndMinute, SetBy: o.SettlementAccount,
		})
	}
	type limitKey struct{ payer, operator string }
	seen := make(map[limitKey]bool)
	for i, n := 0, r.Intn(maxGenesisLimits+1); i < n && len(accs) > 0; i++ {
		l := types.SpendingLimit{
			Payer: accs[r.Intn(len(accs))].Address.String(), Operator: ops[r.Intn(len(ops))].AgencyId,
			Remaining: 1 + uint64(r.Int63n(maxSpendingLimit)), //nolint:gosec // positive
		}
		if seen[limitKey{l.Payer, l.Operator}] {
			continue
		}
		seen[limitKey{l.Payer, l.Operator}] = true
		gs.SpendingLimits = append(gs.SpendingLimits, l)
	}
	if err := gs.Validate(); err != nil {
		panic(fmt.Sprintf("x/toll simulation: random genesis is invalid: %v", err))
	}
	return gs
}

// genesisOperators picks up to maxGenesisOperators ACTIVE agencies with a member holding
// toll.operator (not expiring within a day of genesisTime) and makes one such member the
// settlement account of each; sorted by agency id.
func genesisOperators(r *rand.Rand, agencies *agencytypes.GenesisState, genesisTime time.Time) []types.Operator {
	active := make(map[string]bool, len(agencies.Agencies))
	for _, a := range agencies.Agencies {
		active[a.Id] = a.Status == agencytypes.AgencyStatusActive && agencytypes.HasRole(a.Roles, types.RoleOperator)
	}
	var ids []string
	members := make(map[string][]string)
	for _, m := range agencies.Members {
		if !active[m.AgencyId] || !agencytypes.HasRole(m.Roles, types.RoleOperator) {
			continue
		}
		if m.ExpiresAt != nil && m.ExpiresAt.Before(genesisTime.Add(24*time.Hour)) {
			continue
		}
		if len(members[m.AgencyId]) == 0 {
			ids = append(ids, m.AgencyId)
		}
		members[m.AgencyId] = append(members[m.AgencyId], m.Address)
	}
	r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	ids = ids[:min(len(ids), 1+r.Intn(maxGenesisOperators))]
	slices.Sort(ids)
	ops := make([]types.Operator, len(ids))
	for i, id := range ids {
		ms := members[id]
		ops[i] = types.Operator{AgencyId: id, SettlementAccount: ms[r.Intn(len(ms))], RegisteredAt: genesisTime}
	}
	return ops
}

func randomSegmentLength(r *rand.Rand) uint64 {
	return minSegmentM + uint64(r.Int63n(maxSegmentM-minSegmentM+1)) //nolint:gosec // positive
}

// randomTariffBody is a valid tariff body: a rate per class 1..5 (base fee and per-km
// rate growing with the class), some discount codes in code order and, half the time, a
// commuter window.
func randomTariffBody(r *rand.Rand) types.MsgSetTariff {
	var t types.MsgSetTariff
	base, perKm := uint64(r.Int63n(maxBaseFee+1)), 1+uint64(r.Int63n(maxPerKm)) //nolint:gosec // positive
	for c := uint32(types.VehicleClassMin); c <= types.VehicleClassMax; c++ {
		t.Rates = append(t.Rates, types.ClassRate{VehicleClass: c, BaseFee: base * uint64(c), PerKm: perKm * uint64(c)})
	}
	for _, code := range []types.DiscountCode{types.DiscountCompact, types.DiscountEcoFriendly, types.DiscountDisabled, types.DiscountCommuter} {
		if r.Intn(2) == 0 {
			t.Discounts = append(t.Discounts, types.DiscountRate{Code: code, Bps: 1 + uint32(r.Intn(maxDiscountBps))}) //nolint:gosec // bounded
		}
	}
	if r.Intn(2) == 0 {
		t.CommuterStartMinute = uint32(r.Intn(types.MinutesPerDay))                                                      //nolint:gosec // bounded
		t.CommuterEndMinute = t.CommuterStartMinute + 1 + uint32(r.Intn(types.MinutesPerDay-int(t.CommuterStartMinute))) //nolint:gosec // bounded
	}
	return t
}
