// Package welfare is civic's welfare module (module name, store key, module
// account and codespace "welfare"): benefits without duplicates or fraud.
// Governance creates exclusivity groups; agencies run programs whose
// applications pass one shared duplicate registry (HMAC slot keys made off
// chain) before any eligibility decision; entitlements are accepted by their
// payee; cycles approved by a second manager pay from an escrow in the module
// account (CASH, through x/bank) or through x/voucher's Allocate (VOUCHER);
// the Board of Audit and Inspection holds entitlements and totals any program
// without learning who anyone is. See README.md for the specification.
package welfare

import (
	"cosmossdk.io/client/v2/autocli"

	"github.com/civicchain/civic/internal/modulebase"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/welfare/keeper"
	"github.com/civicchain/civic/x/welfare/simulation"
	"github.com/civicchain/civic/x/welfare/types"
)

// ConsensusVersion is the version of the module's state layout; a migration
// bumps it.
const ConsensusVersion = 1

var _ autocli.HasAutoCLIConfig = AppModule{}

// AppModule is the welfare module.
type AppModule struct {
	modulebase.Base[types.GenesisState, *types.GenesisState]
	keeper keeper.Keeper
	// agencies is x/agency's keeper, read by the simulation only: who may sign for a
	// program (its agency's managers and caseworkers, any agency's auditors) is x/agency's
	// membership, which the module's own state does not hold.
	agencies agencykeeper.Keeper
}

// NewAppModule returns the module for app wiring; agencyKeeper is x/agency's keeper (the
// one the welfare keeper was built with), read by the simulation's message factories.
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
