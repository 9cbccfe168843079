package haccp_test

import (
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/haccp"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

// TestAutoCLICoversEveryRPC checks that every Msg and Query rpc has a command
// with a Short text, and that every positional argument names a real field of
// the rpc's request message.
func TestAutoCLICoversEveryRPC(t *testing.T) {
	opts := haccp.AppModule{}.AutoCLIOptions()
	check := func(svc *autocliv1.ServiceCommandDescriptor, service string) {
		require.Equal(t, service, svc.Service)
		sd, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(service))
		require.NoError(t, err)
		methods := sd.(protoreflect.ServiceDescriptor).Methods()
		byName := map[string]*autocliv1.RpcCommandOptions{}
		for _, o := range svc.RpcCommandOptions {
			byName[o.RpcMethod] = o
		}
		require.Len(t, byName, methods.Len(), "one command per rpc of %s", service)
		for i := 0; i < methods.Len(); i++ {
			m := methods.Get(i)
			o, ok := byName[string(m.Name())]
			require.True(t, ok, "no command for %s", m.FullName())
			require.NotEmpty(t, o.Short, "%s has no Short text", m.Name())
			require.NotEmpty(t, o.Use)
			args := strings.Fields(o.Use)[1:]
			require.Len(t, o.PositionalArgs, len(args), "%s: Use %q and positional args differ", m.Name(), o.Use)
			for i, p := range o.PositionalArgs {
				fd := m.Input().Fields().ByName(protoreflect.Name(p.ProtoField))
				require.NotNil(t, fd, "%s has no field %s", m.Input().FullName(), p.ProtoField)
				// A repeated field is the last argument and takes the remaining ones.
				require.Equal(t, fd.IsList(), p.Varargs, "%s.%s: varargs iff repeated", m.Name(), p.ProtoField)
				if p.Varargs {
					require.Equal(t, len(o.PositionalArgs)-1, i, "%s: varargs must be last", m.Name())
					require.True(t, strings.HasSuffix(args[i], "...]"), "%s: Use should show %s as [x...]", m.Name(), p.ProtoField)
				}
			}
		}
	}
	check(opts.Tx, types.Msg_serviceDesc.ServiceName)
	check(opts.Query, types.Query_serviceDesc.ServiceName)
}

func TestModuleBasics(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	am := haccp.NewAppModule(enc.Codec, keeper.Keeper{})
	require.Equal(t, "haccp", am.Name())
	require.Equal(t, uint64(haccp.ConsensusVersion), am.ConsensusVersion())

	am.RegisterInterfaces(enc.InterfaceRegistry)
	am.RegisterLegacyAminoCodec(enc.Amino) // panics on an amino name over 39 characters
	require.NoError(t, enc.InterfaceRegistry.EnsureRegistered(&types.MsgShareImportConfirmation{}))
	// Every Msg has a valid cosmos.msg.v1.signer field (what a hand-wired app checks at start).
	require.NoError(t, enc.InterfaceRegistry.SigningContext().Validate())

	var gs types.GenesisState
	require.NoError(t, enc.Codec.UnmarshalJSON(am.DefaultGenesis(enc.Codec), &gs))
	require.NoError(t, gs.Validate())
	require.Equal(t, types.DefaultParams(), gs.Params)
	require.Equal(t, uint64(1), gs.NextFacilityId)
	require.Equal(t, uint64(1), gs.NextRecallId)
}

func TestModuleGenesisJSONRoundTrip(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	k, _, ctx := testkeeper.HaccpKeeper(t)
	am := haccp.NewAppModule(enc.Codec, k)

	bz := am.DefaultGenesis(enc.Codec)
	require.NoError(t, am.ValidateGenesis(enc.Codec, nil, bz))
	am.InitGenesis(ctx, enc.Codec, bz)
	require.JSONEq(t, string(bz), string(am.ExportGenesis(ctx, enc.Codec)))

	require.Error(t, am.ValidateGenesis(enc.Codec, nil, []byte(`{"next_facility_id":"0"}`)))
	require.Error(t, am.ValidateGenesis(enc.Codec, nil, []byte(`not json`)))
}
