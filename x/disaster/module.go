// Package disaster is civic's disaster-response module (module name, store key and
// codespace "disaster"): incidents declared by an agency's coordinators, their numbered
// revisions and the public alerts recorded for them. Other modules (x/water, x/voucher)
// read incidents through the keeper's GetIncident, CoversDistrict and
// IncidentsCoveringDistrict. See README.md for the specification.
package disaster

import (
	"cosmossdk.io/client/v2/autocli"

	"github.com/civicchain/civic/internal/modulebase"
	"github.com/civicchain/civic/x/disaster/keeper"
	"github.com/civicchain/civic/x/disaster/simulation"
	"github.com/civicchain/civic/x/disaster/types"
)

// ConsensusVersion is the version of the module's state layout; a migration
// bumps it.
const ConsensusVersion = 1

var _ autocli.HasAutoCLIConfig = AppModule{}

// AppModule is the disaster-response module.
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
