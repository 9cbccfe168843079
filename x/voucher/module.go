// Package voucher is civic's voucher module (module name, store key, module
// account and codespace "voucher"): programs of restricted vouchers (Busan's
// 동백전, disaster relief, welfare) each with its own denom voucher/<id>,
// fully backed by escrow, spendable only at approved merchants, redeemed by
// merchants for the funding denom and swept after expiry. Its keeper's
// SendRestriction, appended to x/bank's, keeps voucher coins on the module's
// own edges; other modules (x/welfare) allocate through the keeper's Allocate.
// See README.md for the specification.
package voucher

import (
	"github.com/spf13/cobra"

	"cosmossdk.io/client/v2/autocli"

	"github.com/civicchain/civic/internal/modulebase"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	didkeeper "github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/voucher/client/cli"
	"github.com/civicchain/civic/x/voucher/keeper"
	"github.com/civicchain/civic/x/voucher/simulation"
	"github.com/civicchain/civic/x/voucher/types"
)

// ConsensusVersion is the version of the module's state layout; a migration
// bumps it.
const ConsensusVersion = 1

var (
	_ autocli.HasAutoCLIConfig      = AppModule{}
	_ autocli.HasCustomQueryCommand = AppModule{}
)

// AppModule is the voucher module.
type AppModule struct {
	modulebase.Base[types.GenesisState, *types.GenesisState]
	keeper keeper.Keeper
	// agencies and did are x/agency's and x/did's keepers, read by the simulation only:
	// who may sign for a program's agency, and a claim's issuer DID, status list and key,
	// which the module's own state does not hold.
	agencies agencykeeper.Keeper
	did      didkeeper.Keeper
}

// NewAppModule returns the module for app wiring; agencyKeeper and didKeeper are x/agency's
// and x/did's keepers (the ones the voucher keeper was built with), read by the
// simulation's message factories.
func NewAppModule(k keeper.Keeper, agencyKeeper agencykeeper.Keeper, didKeeper didkeeper.Keeper) AppModule {
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
		did:      didKeeper,
	}
}

// GetQueryCmd returns the hand-written query command (claim-sign-bytes,
// offline); autocli adds every Query command to it.
func (AppModule) GetQueryCmd() *cobra.Command { return cli.GetQueryCmd() }
