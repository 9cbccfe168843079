// Package did is civic's identity layer: W3C DID documents of the method
// did:civic (versioned, resolvable as W3C JSON at /civic/did/v1/identifiers/{did}),
// verifiable-credential schemas registered by agencies, trusted-issuer bindings
// of DIDs to agencies and W3C Bitstring status lists. See README.md for the
// specification.
package did

import (
	"github.com/spf13/cobra"

	"cosmossdk.io/client/v2/autocli"

	"github.com/civicchain/civic/internal/modulebase"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/did/client/cli"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/simulation"
	"github.com/civicchain/civic/x/did/types"
)

// ConsensusVersion is the x/did state version; bump it with a registered migration.
const ConsensusVersion = 1

var (
	_ autocli.HasAutoCLIConfig   = AppModule{}
	_ autocli.HasCustomTxCommand = AppModule{}
)

// AppModule is the x/did module.
type AppModule struct {
	modulebase.Base[types.GenesisState, *types.GenesisState]
	keeper keeper.Keeper
	// agencies is x/agency's keeper, read by the simulation only: binding an issuer names
	// an agency and needs its admin, which the module's own state does not hold.
	agencies agencykeeper.Keeper
}

// NewAppModule returns the x/did module; agencyKeeper is x/agency's keeper (the one the
// did keeper was built with), read by the simulation's message factories.
func NewAppModule(k keeper.Keeper, agencyKeeper agencykeeper.Keeper) AppModule {
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
		keeper:   k,
		agencies: agencyKeeper,
	}
}

// GetTxCmd returns the hand-written tx commands (create and update take a W3C JSON
// document file, status-update takes index=0|1 pairs); autocli adds the other Msg
// commands to it (AutoCLIOptions, EnhanceCustomCommand).
func (AppModule) GetTxCmd() *cobra.Command { return cli.GetTxCmd() }
