// Package simulation holds x/welfare's part of the SDK simulation: a random genesis
// (params and a few exclusivity groups) and simsx message factories that dry-run every
// candidate message on a throw-away cache of the block state, so that only accepted
// messages are delivered. Programs, enrolments and the rest start empty: the factories
// make them.
package simulation

import (
	"math/rand"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/welfare/types"
)

// Simulation parameters (AppParams keys) of the module params.
const (
	MaxGroupsPerProgram = "max_groups_per_program"
	MaxDistribute       = "max_distribute"
)

// Groups are the exclusivity groups of the random genesis: livelihood (기초생활보장
// 생계급여, 긴급복지 생계지원), housing and energy vouchers.
var Groups = []types.ExclusivityGroup{
	{Id: "energy", Description: "Energy vouchers", LegalBasis: "KR-EVSA-3"},
	{Id: "housing", Description: "Housing benefits", LegalBasis: "KR-HBA-7"},
	{Id: "livelihood", Description: "기초생활보장 생계급여 and 긴급복지 생계지원", LegalBasis: "KR-NBLSA-8+KR-EWSA-3"},
}

// RandomParams returns params within their bounds (small, so that the limits are reached).
func RandomParams(r *rand.Rand) types.Params {
	p := types.DefaultParams()
	p.MaxAmount = sdkmath.NewInt(1_000_000 + r.Int63n(1_000_000_000))
	p.MaxGroupsPerProgram = 1 + uint32(r.Intn(int(types.MaxGroupsPerProgram))) //nolint:gosec // bounded
	p.MaxDistribute = 1 + uint32(r.Intn(20))                                   //nolint:gosec // bounded
	return p
}

// RandomizedGenState writes a random genesis into simState: random params and the
// exclusivity groups (no program yet, so every counter is 0).
func RandomizedGenState(simState *module.SimulationState) {
	def := RandomParams(simState.Rand)
	params := types.DefaultParams()
	params.MaxAmount = def.MaxAmount
	simulation.Param(simState, MaxGroupsPerProgram, &params.MaxGroupsPerProgram, def.MaxGroupsPerProgram)
	simulation.Param(simState, MaxDistribute, &params.MaxDistribute, def.MaxDistribute)
	gs := types.DefaultGenesis()
	gs.Params = params
	gs.Groups = GenesisGroups(simState.GenTimestamp)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// GenesisGroups are Groups created at t.
func GenesisGroups(t time.Time) []types.ExclusivityGroup {
	out := make([]types.ExclusivityGroup, len(Groups))
	for i, g := range Groups {
		g.CreatedAt = t
		out[i] = g
	}
	return out
}
