// Package did is civic's identity layer: W3C DID documents of the method
// did:civic (versioned, resolvable as W3C JSON at /civic/did/v1/identifiers/{did}),
// verifiable-credential schemas registered by agencies, trusted-issuer bindings
// of DIDs to agencies and W3C Bitstring status lists. See README.md for the
// specification.
package did

import (
	"context"
	"encoding/json"
	"fmt"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/spf13/cobra"

	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/core/appmodule"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/did/client/cli"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// ConsensusVersion is the x/did state version; bump it with a registered migration.
const ConsensusVersion = 1

var (
	_ module.AppModuleBasic      = AppModule{}
	_ module.HasGenesis          = AppModule{}
	_ module.HasServices         = AppModule{}
	_ module.HasConsensusVersion = AppModule{}

	_ appmodule.AppModule        = AppModule{}
	_ autocli.HasAutoCLIConfig   = AppModule{}
	_ autocli.HasCustomTxCommand = AppModule{}
)

// AppModule is the x/did module.
type AppModule struct {
	cdc    codec.Codec
	keeper keeper.Keeper
	// agencies is x/agency's keeper, read by the simulation only: binding an issuer names
	// an agency and needs its admin, which the module's own state does not hold.
	agencies agencykeeper.Keeper
}

// NewAppModule returns the x/did module; agencyKeeper is x/agency's keeper (the one the
// did keeper was built with), read by the simulation's message factories.
func NewAppModule(cdc codec.Codec, k keeper.Keeper, agencyKeeper agencykeeper.Keeper) AppModule {
	return AppModule{cdc: cdc, keeper: k, agencies: agencyKeeper}
}

// IsAppModule implements appmodule.AppModule.
func (AppModule) IsAppModule() {}

// IsOnePerModuleType implements appmodule.AppModule (required by the interface; this app does not use depinject).
func (AppModule) IsOnePerModuleType() {}

// Name returns "did".
func (AppModule) Name() string { return types.ModuleName }

// RegisterLegacyAminoCodec registers the Amino names of the messages.
func (AppModule) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	types.RegisterLegacyAminoCodec(cdc)
}

// RegisterInterfaces registers the messages and the Msg service.
func (AppModule) RegisterInterfaces(ir codectypes.InterfaceRegistry) {
	types.RegisterInterfaces(ir)
}

// RegisterGRPCGatewayRoutes serves the queries over REST at /civic/did/v1/... The W3C
// resolver route /civic/did/v1/identifiers/{did} is not a gateway route: the app registers
// it with client/resolver.RegisterRoute.
func (AppModule) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// GetTxCmd returns the hand-written tx commands (create and update take a W3C JSON
// document file, status-update takes index=0|1 pairs); autocli adds the other Msg
// commands to it (AutoCLIOptions, EnhanceCustomCommand).
func (AppModule) GetTxCmd() *cobra.Command { return cli.GetTxCmd() }

// RegisterServices registers the Msg and Query services.
func (am AppModule) RegisterServices(cfg module.Configurator) {
	types.RegisterMsgServer(cfg.MsgServer(), keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(cfg.QueryServer(), keeper.NewQueryServerImpl(am.keeper))
}

// ConsensusVersion implements module.HasConsensusVersion.
func (AppModule) ConsensusVersion() uint64 { return ConsensusVersion }

// DefaultGenesis returns the default genesis state as JSON.
func (AppModule) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(types.DefaultGenesis())
}

// ValidateGenesis checks a genesis document, addresses included.
func (am AppModule) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		return fmt.Errorf("failed to unmarshal %s genesis state: %w", types.ModuleName, err)
	}
	if err := gs.Validate(); err != nil {
		return err
	}
	return gs.ValidateAddresses(am.keeper.AddressCodec())
}

// InitGenesis writes the genesis state; an invalid state halts start-up.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if err := am.keeper.InitGenesis(ctx, &gs); err != nil {
		panic(fmt.Errorf("failed to initialize %s genesis state: %w", types.ModuleName, err))
	}
}

// ExportGenesis exports the state as JSON.
func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := am.keeper.ExportGenesis(ctx)
	if err != nil {
		panic(fmt.Errorf("failed to export %s genesis state: %w", types.ModuleName, err))
	}
	return cdc.MustMarshalJSON(gs)
}
