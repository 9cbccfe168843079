// Package haccp is civic's food-safety module: HACCP facilities and
// certificates, CCP monitoring records, foreign hygiene certificates, import
// declarations, recalls and import-confirmation shares. See README.md for the
// specification. The simulation methods are in module_simulation.go.
package haccp

import (
	"cosmossdk.io/client/v2/autocli"

	"github.com/civicchain/civic/internal/modulebase"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/simulation"
	"github.com/civicchain/civic/x/haccp/types"
)

// ConsensusVersion is the version of the module's state layout; a migration
// bumps it.
const ConsensusVersion = 1

var _ autocli.HasAutoCLIConfig = AppModule{}

// AppModule is the HACCP module.
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
