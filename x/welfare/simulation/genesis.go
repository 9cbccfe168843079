// Package simulation holds x/welfare's part of the SDK simulation: a random genesis
// (params, a few exclusivity groups and a few unfunded CASH programs of x/agency's random
// agencies) and simsx message factories that dry-run every candidate message on a
// throw-away cache of the block state, so that only accepted messages are delivered.
// Enrolments, entitlements, cycles and the rest start empty: the factories make them.
package simulation

import (
	"fmt"
	"math/rand"
	"time"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/welfare/types"
)

// maxGenesisPrograms bounds the programs of the random genesis.
const maxGenesisPrograms = 4

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

// RandomizedGenState writes a random genesis into simState: random params (some may be set
// by the simulation's params file) and RandomGenesis over x/agency's random genesis
// (generated first: "agency" sorts before "welfare").
func RandomizedGenState(simState *module.SimulationState) {
	def := RandomParams(simState.Rand)
	params := types.DefaultParams()
	params.MaxAmount = def.MaxAmount
	simulation.Param(simState, MaxGroupsPerProgram, &params.MaxGroupsPerProgram, def.MaxGroupsPerProgram)
	simulation.Param(simState, MaxDistribute, &params.MaxDistribute, def.MaxDistribute)
	gs := RandomGenesis(simState.Rand, agencysim.GeneratedGenesis(simState), simState.GenTimestamp, params)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// RandomGenesis builds the genesis of RandomizedGenState from r: the params, the groups
// and, when an ACTIVE agency has a welfare.manager member whose membership does not
// expire, one to four CASH programs in the bond denom created at genesisTime by such
// managers, each in up to max_groups_per_program of the groups, unfunded, ACTIVE (one time
// in four DRAFT), so that applications start from the first block. No enrolment or cycle:
// the factories make them. It panics if the state it built does not validate (a bug in
// the generator).
func RandomGenesis(r *rand.Rand, agencies *agencytypes.GenesisState, genesisTime time.Time, params types.Params) *types.GenesisState {
	gs := types.DefaultGenesis()
	gs.Params = params
	gs.Groups = GenesisGroups(genesisTime)
	managers := genesisManagers(agencies)
	capMax := sdkmath.MinInt(params.MaxAmount, sdkmath.NewInt(100_000_000)).Int64()
	if len(managers) > 0 {
		for range 1 + r.Intn(maxGenesisPrograms) {
			m := managers[r.Intn(len(managers))]
			p := types.Program{
				Id:          gs.NextProgramId,
				AgencyId:    m.AgencyId,
				Name:        programNames[r.Intn(len(programNames))],
				Target:      []types.Target{types.TargetIndividual, types.TargetHousehold}[r.Intn(2)],
				Benefit:     types.Benefit{Kind: types.BenefitKindCash, Denom: sdk.DefaultBondDenom},
				BudgetCap:   sdkmath.NewInt(1 + r.Int63n(capMax)),
				Status:      types.ProgramStatusActive,
				CreatedBy:   m.Address,
				CreatedAt:   genesisTime,
				DuePerCycle: sdkmath.ZeroInt(),
				Totals:      types.ZeroTotals(),
			}
			if r.Intn(4) == 0 {
				p.Status = types.ProgramStatusDraft
			}
			for i := range gs.Groups { // ascending, as the groups are
				if len(p.Groups) < int(params.MaxGroupsPerProgram) && r.Intn(2) == 0 {
					p.Groups = append(p.Groups, gs.Groups[i].Id)
					gs.Groups[i].Programs++
				}
			}
			gs.Programs = append(gs.Programs, p)
			gs.NextProgramId++
		}
	}
	if err := gs.Validate(); err != nil {
		panic(fmt.Sprintf("x/welfare simulation: random genesis is invalid: %v", err))
	}
	return gs
}

// programNames are the names of the random genesis's programs and MsgCreateProgram's.
var programNames = []string{"기초생활보장 생계급여", "긴급복지 생계지원", "Energy voucher", "Housing benefit"}

// genesisManagers are the members of ACTIVE agencies of the x/agency genesis that hold
// welfare.manager (and whose agency does) without an expiry.
func genesisManagers(agencies *agencytypes.GenesisState) []agencytypes.Member {
	active := make(map[string]bool)
	for _, a := range agencies.Agencies {
		active[a.Id] = a.Status == agencytypes.AgencyStatusActive && agencytypes.HasRole(a.Roles, types.RoleManager)
	}
	var out []agencytypes.Member
	for _, m := range agencies.Members {
		if active[m.AgencyId] && m.ExpiresAt == nil && agencytypes.HasRole(m.Roles, types.RoleManager) {
			out = append(out, m)
		}
	}
	return out
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
