// Package simulation holds x/haccp's part of the SDK simulation: a random genesis (params,
// facilities and their staff) and simsx message factories that dry-run every candidate
// message on a throw-away cache of the block state, so that only accepted messages are
// delivered.
package simulation

import (
	"fmt"
	"math/rand"
	"time"

	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/haccp/types"
)

// Simulation parameters (AppParams keys) of the module params.
const (
	MaxItemsPerDeclaration = "max_items_per_declaration"
	MaxRecallTargets       = "max_recall_targets"
	MaxStaffPerFacility    = "max_staff_per_facility"
)

const (
	maxGenesisFacilities = 5
	maxGenesisStaff      = 3
)

// RandomParams returns params within their bounds.
func RandomParams(r *rand.Rand) types.Params {
	return types.Params{
		MaxItemsPerDeclaration: 1 + uint32(r.Intn(int(types.MaxMaxItemsPerDeclaration))), //nolint:gosec // bounded
		MaxRecallTargets:       1 + uint32(r.Intn(int(types.MaxMaxRecallTargets))),       //nolint:gosec // bounded
		MaxStaffPerFacility:    1 + uint32(r.Intn(200)),                                  //nolint:gosec // bounded
	}
}

// RandomizedGenState writes a random genesis into simState: random params and, half the
// time, a few facilities operated by simulation accounts with some of the others as staff.
// It panics if the state it built does not validate (a bug in the generator).
func RandomizedGenState(simState *module.SimulationState) {
	def := RandomParams(simState.Rand)
	params := types.DefaultParams()
	simulation.Param(simState, MaxItemsPerDeclaration, &params.MaxItemsPerDeclaration, def.MaxItemsPerDeclaration)
	simulation.Param(simState, MaxRecallTargets, &params.MaxRecallTargets, def.MaxRecallTargets)
	simulation.Param(simState, MaxStaffPerFacility, &params.MaxStaffPerFacility, def.MaxStaffPerFacility)
	gs := RandomGenesis(simState.Rand, simState.Accounts, simState.GenTimestamp, params)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// RandomGenesis builds the genesis of RandomizedGenState from r for accs; every time is
// genesisTime.
func RandomGenesis(r *rand.Rand, accs []simtypes.Account, genesisTime time.Time, params types.Params) *types.GenesisState {
	gs := types.DefaultGenesis()
	gs.Params = params
	if len(accs) == 0 || r.Intn(2) == 0 {
		return gs
	}
	n := 1 + r.Intn(maxGenesisFacilities)
	for i := 0; i < n; i++ {
		op := accs[r.Intn(len(accs))]
		f := types.Facility{
			Id:                         gs.NextFacilityId,
			Operator:                   op.Address.String(),
			BusinessRegistrationDigest: simulation.RandomDigest(r),
			Type:                       randomFacilityType(r),
			Name:                       fmt.Sprintf("Sim Facility %d", gs.NextFacilityId),
			RegionCode:                 randomRegion(r),
			RegisteredAt:               genesisTime,
		}
		gs.NextFacilityId++
		seen := map[string]bool{f.Operator: true}
		for s := 0; s < r.Intn(maxGenesisStaff+1) && f.StaffCount < uint64(params.MaxStaffPerFacility); s++ {
			addr := accs[r.Intn(len(accs))].Address.String()
			if seen[addr] {
				continue
			}
			seen[addr] = true
			gs.Staff = append(gs.Staff, types.FacilityStaffEntry{FacilityId: f.Id, Address: addr})
			f.StaffCount++
		}
		gs.Facilities = append(gs.Facilities, f)
	}
	if err := gs.Validate(); err != nil {
		panic(fmt.Sprintf("x/haccp simulation: random genesis is invalid: %v", err))
	}
	return gs
}

func randomFacilityType(r *rand.Rand) types.FacilityType {
	return types.FacilityType(1 + r.Intn(int(types.FacilityTypeFoodService))) //nolint:gosec // small
}

func randomRegion(r *rand.Rand) string { return fmt.Sprintf("%05d", 11000+r.Intn(39000)) }
