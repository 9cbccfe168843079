// Package agency is civic's agency registry and its only permission system: governance
// onboards agencies with roles from the catalog the service modules declare at wiring,
// agency admins manage their members, and every service module calls
// keeper.Authorize(ctx, signer, role) before a state change.
package agency

import (
	"cosmossdk.io/client/v2/autocli"

	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/internal/modulebase"
	"github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/agency/simulation"
	"github.com/civicchain/civic/x/agency/types"
)

// ConsensusVersion is the x/agency state version; bump it with a registered migration.
const ConsensusVersion = 1

var _ autocli.HasAutoCLIConfig = AppModule{}

// AppModule is the x/agency module.
type AppModule struct {
	modulebase.Base[types.GenesisState, *types.GenesisState]
	keeper keeper.Keeper
}

// NewAppModule returns the x/agency module.
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
			RandomizedGenState:       func(s *module.SimulationState) { simulation.RandomizedGenState(s, k.RoleCatalog()) },
			Keeper:                   k,
		}),
		keeper: k,
	}
}
