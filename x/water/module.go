// Package water is civic's tap-water quality module (module name, store key
// and codespace "water"): sites, calibrated sensors that sign their own
// readings, versioned legal thresholds, exceedance alerts and their links to
// x/disaster incidents. See README.md for the specification.
package water

import (
	"github.com/spf13/cobra"

	"cosmossdk.io/client/v2/autocli"

	"github.com/civicchain/civic/internal/modulebase"
	"github.com/civicchain/civic/x/water/client/cli"
	"github.com/civicchain/civic/x/water/keeper"
	"github.com/civicchain/civic/x/water/simulation"
	"github.com/civicchain/civic/x/water/types"
)

// ConsensusVersion is the version of the module's state layout; a migration
// bumps it.
const ConsensusVersion = 1

var (
	_ autocli.HasAutoCLIConfig      = AppModule{}
	_ autocli.HasCustomTxCommand    = AppModule{}
	_ autocli.HasCustomQueryCommand = AppModule{}
)

// AppModule is the water-quality module.
type AppModule struct {
	modulebase.Base[types.GenesisState, *types.GenesisState]
	keeper keeper.Keeper
}

// NewAppModule returns the module for app wiring.
func NewAppModule(k keeper.Keeper) AppModule {
	return AppModule{
		Base: modulebase.New(modulebase.Spec[types.GenesisState, *types.GenesisState]{
			Name:                     types.ModuleName,
			ConsensusVersion:         ConsensusVersion,
			Schema:                   k.Schema,
			RegisterLegacyAminoCodec: types.RegisterLegacyAminoCodec,
			RegisterInterfaces:       types.RegisterInterfaces,
			RegisterGateway:          modulebase.Gateway(types.RegisterQueryHandlerClient, types.NewQueryClient),
			Services:                 modulebase.Services(types.RegisterMsgServer, keeper.NewMsgServerImpl(k), types.RegisterQueryServer, keeper.NewQueryServerImpl(k)),
			DefaultGenesis:           types.DefaultGenesis,
			RandomizedGenState:       simulation.RandomizedGenState,
			Keeper:                   k,
		}),
		keeper: k,
	}
}

// GetTxCmd returns the hand-written tx commands (submit-batch-file reads a
// file of a sensor's raw readings); autocli adds every Msg command to it
// (AutoCLIOptions, EnhanceCustomCommand).
func (AppModule) GetTxCmd() *cobra.Command { return cli.GetTxCmd() }

// GetQueryCmd returns the hand-written query commands (batch-proof, offline);
// autocli adds every Query command to it.
func (AppModule) GetQueryCmd() *cobra.Command { return cli.GetQueryCmd() }
