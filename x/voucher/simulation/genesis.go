// Package simulation holds x/voucher's part of the SDK simulation: a random genesis
// (params) and simsx message factories that dry-run every candidate message on a
// throw-away cache of the block state, so that only accepted messages are delivered.
// Programs start empty in genesis: a program's vouchers are x/bank coins whose supply
// must equal its outstanding counter, so they are only made by the factories.
package simulation

import (
	"math/rand"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/voucher/types"
)

// Simulation parameters (AppParams keys) of the module params.
const (
	MaxDistricts         = "max_districts"
	MaxAllocationEntries = "max_allocation_entries"
	MaxSweep             = "max_sweep"
)

// Random field values shared by the factories: codes only, as on the real chain.
// Districts are Busan's 16 si/gun/gu codes; the MCCs are common ISO 18245 codes
// (5411 grocery, 5812 restaurants, 5912 pharmacies, 5311 department stores, 5813 bars,
// 7995 gambling).
var (
	districts = []string{
		"26110", "26140", "26170", "26200", "26230", "26260", "26290", "26320",
		"26350", "26380", "26410", "26440", "26470", "26500", "26530", "26710",
	}
	mccs     = []string{"5411", "5812", "5912", "5311", "5813", "7995"}
	excluded = []string{"5311", "5813", "7995"}
)

// RandomParams returns params within their bounds (small, so that the limits are reached);
// programs are funded in the bond denom, which the simulation accounts hold.
func RandomParams(r *rand.Rand) types.Params {
	p := types.DefaultParams()
	p.AllowedFundingDenoms = []string{sdk.DefaultBondDenom, "ukrw"}
	p.MaxAmount = sdkmath.NewInt(1_000_000 + r.Int63n(1_000_000_000))
	p.MaxDistricts = 4 + uint32(r.Intn(16))        //nolint:gosec // bounded
	p.MaxAllocationEntries = 1 + uint32(r.Intn(8)) //nolint:gosec // bounded
	p.MaxSweep = 1 + uint32(r.Intn(10))            //nolint:gosec // bounded
	return p
}

// RandomizedGenState writes a random genesis into simState: random params, no records.
func RandomizedGenState(simState *module.SimulationState) {
	def := RandomParams(simState.Rand)
	params := types.DefaultParams()
	params.AllowedFundingDenoms = def.AllowedFundingDenoms
	params.MaxAmount = def.MaxAmount
	simulation.Param(simState, MaxDistricts, &params.MaxDistricts, def.MaxDistricts)
	simulation.Param(simState, MaxAllocationEntries, &params.MaxAllocationEntries, def.MaxAllocationEntries)
	simulation.Param(simState, MaxSweep, &params.MaxSweep, def.MaxSweep)
	gs := types.DefaultGenesis()
	gs.Params = params
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}
