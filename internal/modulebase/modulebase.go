// Package modulebase is the part of every civic module's AppModule that is
// the same in every module: its name and consensus version, codec and REST
// registration, and genesis as JSON (default, validate, init, export), plus
// the simulation's genesis and store decoder, and its Msg and Query services.
// A module's AppModule embeds Base, built from a Spec, and adds only what is
// its own: autocli options, hand-written commands and simulation messages.
package modulebase

import (
	"context"
	"encoding/json"
	"fmt"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/appmodule"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	gogogrpc "github.com/cosmos/gogoproto/grpc"
	"github.com/cosmos/gogoproto/proto"
)

// Genesis is a module's *GenesisState.
type Genesis[G any] interface {
	*G
	proto.Message
	// Validate checks the state without the chain's address codec.
	Validate() error
}

// Keeper is what Base needs of a module's keeper.
type Keeper[G any] interface {
	InitGenesis(ctx context.Context, gs *G) error
	ExportGenesis(ctx context.Context) (*G, error)
	AddressCodec() address.Codec
}

// Spec describes a module to Base.
type Spec[G any, PG Genesis[G]] struct {
	// Name is the module name, which is also its store key.
	Name             string
	ConsensusVersion uint64
	// Schema is the keeper's collections schema (store decoder).
	Schema collections.Schema

	RegisterLegacyAminoCodec func(*codec.LegacyAmino)
	RegisterInterfaces       func(codectypes.InterfaceRegistry)
	// RegisterGateway registers the REST routes; build it with Gateway.
	RegisterGateway func(client.Context, *gwruntime.ServeMux) error
	// Services registers the Msg and Query servers; build it with Services.
	Services       func(module.Configurator)
	DefaultGenesis func() PG
	// RandomizedGenState writes the simulation's random genesis.
	RandomizedGenState func(*module.SimulationState)
	Keeper             Keeper[G]
}

// Every module's AppModule implements these through the Base it embeds.
func _[G any, PG Genesis[G]]() {
	var (
		_ module.AppModuleBasic      = Base[G, PG]{}
		_ module.HasGenesis          = Base[G, PG]{}
		_ module.HasServices         = Base[G, PG]{}
		_ module.HasConsensusVersion = Base[G, PG]{}
		_ module.AppModuleSimulation = Base[G, PG]{}
		_ appmodule.AppModule        = Base[G, PG]{}
	)
}

// Base implements, from its Spec, the AppModule methods every civic module
// shares. Embed it in the module's AppModule.
type Base[G any, PG Genesis[G]] struct {
	spec Spec[G, PG]
}

// New returns the Base of the module s describes.
func New[G any, PG Genesis[G]](s Spec[G, PG]) Base[G, PG] {
	return Base[G, PG]{spec: s}
}

// Gateway adapts a module's generated RegisterQueryHandlerClient and
// NewQueryClient to Spec.RegisterGateway.
func Gateway[QC any](register func(context.Context, *gwruntime.ServeMux, QC) error, newClient func(gogogrpc.ClientConn) QC,
) func(client.Context, *gwruntime.ServeMux) error {
	return func(clientCtx client.Context, mux *gwruntime.ServeMux) error {
		return register(context.Background(), mux, newClient(clientCtx))
	}
}

// Services adapts a module's generated RegisterMsgServer and
// RegisterQueryServer, with the servers, to Spec.RegisterServices.
func Services[M, Q any](registerMsg func(gogogrpc.Server, M), msgServer M, registerQuery func(gogogrpc.Server, Q), queryServer Q,
) func(module.Configurator) {
	return func(cfg module.Configurator) {
		registerMsg(cfg.MsgServer(), msgServer)
		registerQuery(cfg.QueryServer(), queryServer)
	}
}

// IsAppModule implements appmodule.AppModule.
func (Base[G, PG]) IsAppModule() {}

// IsOnePerModuleType implements appmodule.AppModule (required by the
// interface; this app does not use depinject).
func (Base[G, PG]) IsOnePerModuleType() {}

// Name returns the module name.
func (b Base[G, PG]) Name() string { return b.spec.Name }

// ConsensusVersion implements module.HasConsensusVersion.
func (b Base[G, PG]) ConsensusVersion() uint64 { return b.spec.ConsensusVersion }

// RegisterLegacyAminoCodec registers the Amino names of the messages.
func (b Base[G, PG]) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	b.spec.RegisterLegacyAminoCodec(cdc)
}

// RegisterInterfaces registers the messages and the Msg service.
func (b Base[G, PG]) RegisterInterfaces(ir codectypes.InterfaceRegistry) {
	b.spec.RegisterInterfaces(ir)
}

// RegisterGRPCGatewayRoutes serves the queries over REST at /civic/<module>/v1/...
func (b Base[G, PG]) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := b.spec.RegisterGateway(clientCtx, mux); err != nil {
		panic(err)
	}
}

// RegisterServices registers the Msg and Query services.
func (b Base[G, PG]) RegisterServices(cfg module.Configurator) {
	b.spec.Services(cfg)
}

// DefaultGenesis returns the genesis of a new chain as JSON.
func (b Base[G, PG]) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(b.spec.DefaultGenesis())
}

// addressed is a genesis state whose addresses are checked with the chain's codec.
type addressed interface {
	ValidateAddresses(address.Codec) error
}

// ValidateGenesis checks a genesis document: its Validate, then, where the
// state has one, its ValidateAddresses with the keeper's address codec.
func (b Base[G, PG]) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	gs := PG(new(G))
	if err := cdc.UnmarshalJSON(bz, gs); err != nil {
		return fmt.Errorf("failed to unmarshal %s genesis state: %w", b.spec.Name, err)
	}
	if err := gs.Validate(); err != nil {
		return err
	}
	if a, ok := any(gs).(addressed); ok {
		return a.ValidateAddresses(b.spec.Keeper.AddressCodec())
	}
	return nil
}

// InitGenesis writes the genesis state; an invalid state halts start-up.
func (b Base[G, PG]) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	gs := PG(new(G))
	cdc.MustUnmarshalJSON(bz, gs)
	if err := b.spec.Keeper.InitGenesis(ctx, gs); err != nil {
		panic(fmt.Errorf("failed to initialize %s genesis state: %w", b.spec.Name, err))
	}
}

// ExportGenesis exports the state as JSON.
func (b Base[G, PG]) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := b.spec.Keeper.ExportGenesis(ctx)
	if err != nil {
		panic(fmt.Errorf("failed to export %s genesis state: %w", b.spec.Name, err))
	}
	return cdc.MustMarshalJSON(PG(gs))
}

// GenerateGenesisState writes the simulation's random genesis.
func (b Base[G, PG]) GenerateGenesisState(simState *module.SimulationState) {
	b.spec.RandomizedGenState(simState)
}

// RegisterStoreDecoder decodes the module's store entries for simulation
// diffs; the store key is the module name.
func (b Base[G, PG]) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[b.spec.Name] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(b.spec.Schema)
}

// WeightedOperations returns no legacy operations: the simsx runner uses the
// module's WeightedOperationsX.
func (Base[G, PG]) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return nil
}
