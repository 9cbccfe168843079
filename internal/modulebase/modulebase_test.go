package modulebase_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"google.golang.org/grpc"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/civicchain/civic/internal/modulebase"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// fakeKeeper stores the genesis it is given and fails when told to.
type fakeKeeper struct {
	stored *agencytypes.GenesisState
	fail   error
}

func (k *fakeKeeper) InitGenesis(_ context.Context, gs *agencytypes.GenesisState) error {
	if k.fail != nil {
		return k.fail
	}
	k.stored = gs
	return nil
}

func (k *fakeKeeper) ExportGenesis(context.Context) (*agencytypes.GenesisState, error) {
	if k.fail != nil {
		return nil, k.fail
	}
	return k.stored, nil
}

func (k *fakeKeeper) AddressCodec() address.Codec { return addresscodec.NewBech32Codec("civic") }

// servers records the services registered with it, by name.
type servers map[string]any

func (s servers) RegisterService(sd *grpc.ServiceDesc, impl any) { s[sd.ServiceName] = impl }

func TestBase(t *testing.T) {
	ir := codectypes.NewInterfaceRegistry()
	cdc := codec.NewProtoCodec(ir)
	k := &fakeKeeper{}
	simulated := false
	msgServer, queryServer := &agencytypes.UnimplementedMsgServer{}, &agencytypes.UnimplementedQueryServer{}
	b := modulebase.New(modulebase.Spec[agencytypes.GenesisState, *agencytypes.GenesisState]{
		Name:             "agency",
		ConsensusVersion: 3,
		Services: modulebase.Services(agencytypes.RegisterMsgServer, agencytypes.MsgServer(msgServer),
			agencytypes.RegisterQueryServer, agencytypes.QueryServer(queryServer)),
		RegisterInterfaces: agencytypes.RegisterInterfaces,
		DefaultGenesis:     agencytypes.DefaultGenesis,
		RandomizedGenState: func(*module.SimulationState) { simulated = true },
		Keeper:             k,
	})
	if b.Name() != "agency" || b.ConsensusVersion() != 3 {
		t.Fatalf("Name %q, ConsensusVersion %d", b.Name(), b.ConsensusVersion())
	}
	b.RegisterInterfaces(ir)
	if _, err := ir.Resolve("/civic.agency.v1.MsgRegisterAgency"); err != nil {
		t.Fatalf("RegisterInterfaces did not register the module's messages: %v", err)
	}

	msgs, queries := servers{}, servers{}
	b.RegisterServices(module.NewConfigurator(cdc, msgs, queries))
	if len(msgs) != 1 || msgs["civic.agency.v1.Msg"] != msgServer ||
		len(queries) != 1 || queries["civic.agency.v1.Query"] != queryServer {
		t.Fatalf("RegisterServices registered %v and %v", msgs, queries)
	}

	def := b.DefaultGenesis(cdc)
	if err := b.ValidateGenesis(cdc, nil, def); err != nil {
		t.Fatalf("the default genesis must validate: %v", err)
	}
	err := b.ValidateGenesis(cdc, nil, []byte(`{"agencies": 7}`))
	if err == nil || !strings.HasPrefix(err.Error(), "failed to unmarshal agency genesis state") {
		t.Fatalf("malformed genesis: %v", err)
	}

	ctx := sdk.Context{}
	b.InitGenesis(ctx, cdc, def)
	if k.stored == nil {
		t.Fatal("InitGenesis did not reach the keeper")
	}
	if got := b.ExportGenesis(ctx, cdc); string(got) != string(def) {
		t.Fatalf("export %s, want the imported %s", got, def)
	}

	k.fail = errors.New("role outside the catalog")
	for name, call := range map[string]func(){
		"failed to initialize agency genesis state: role outside the catalog": func() { b.InitGenesis(ctx, cdc, def) },
		"failed to export agency genesis state: role outside the catalog":     func() { b.ExportGenesis(ctx, cdc) },
	} {
		func() {
			defer func() {
				r := recover()
				if e, ok := r.(error); !ok || e.Error() != name {
					t.Fatalf("panic %v, want %q", r, name)
				}
			}()
			call()
		}()
	}

	b.GenerateGenesisState(&module.SimulationState{})
	sdr := simtypes.StoreDecoderRegistry{}
	b.RegisterStoreDecoder(sdr)
	if !simulated || sdr["agency"] == nil || b.WeightedOperations(module.SimulationState{}) != nil {
		t.Fatalf("simulation hooks: genesis %v, decoder %v", simulated, sdr["agency"] != nil)
	}
}
