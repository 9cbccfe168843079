package agency_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	gateway "github.com/cosmos/gogogateway"
	gogoproto "github.com/cosmos/gogoproto/proto"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	protov2 "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoregistry"

	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/client/v2/autocli/flag"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdktestutil "github.com/cosmos/cosmos-sdk/codec/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency"
	"github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

var roles = []types.RoleDefinition{
	{Name: "evidence.investigator", Module: "digitalevidence", Description: "opens cases and registers evidence"},
	{Name: "haccp.certifier", Module: "haccp", Description: "certifies food-safety inspections"},
}

func member() sdk.AccAddress { return bytes.Repeat([]byte{10}, 20) }
func admin() sdk.AccAddress  { return bytes.Repeat([]byte{1}, 20) }

// seeded returns a keeper with agency knpa (admin(), member() as investigator).
func seeded(t *testing.T) (keeper.Keeper, sdk.Context) {
	k, ctx := testkeeper.AgencyKeeper(t, roles...)
	testkeeper.RegisterTestAgency(t, k, ctx, "knpa", admin(), "evidence.investigator")
	testkeeper.AddTestMember(t, k, ctx, "knpa", admin(), member(), "evidence.investigator")
	return k, ctx
}

// directConn serves the Query service in process: gRPC-gateway and autocli clients call
// the real query server at a fixed context through it.
type directConn struct {
	ctx sdk.Context
	srv types.QueryServer
}

func encode(v any) ([]byte, error) {
	if m, ok := v.(interface{ Marshal() ([]byte, error) }); ok {
		return m.Marshal()
	}
	return protov2.Marshal(v.(protov2.Message))
}

func decode(bz []byte, v any) error {
	if m, ok := v.(interface{ Unmarshal([]byte) error }); ok {
		return m.Unmarshal(bz)
	}
	return protov2.Unmarshal(bz, v.(protov2.Message))
}

func (c directConn) Invoke(_ context.Context, method string, args, reply any, _ ...grpc.CallOption) error {
	for _, m := range types.Query_serviceDesc.Methods {
		if method != "/"+types.Query_serviceDesc.ServiceName+"/"+m.MethodName {
			continue
		}
		out, err := m.Handler(c.srv, c.ctx, func(req any) error {
			bz, err := encode(args)
			if err != nil {
				return err
			}
			return decode(bz, req)
		}, nil)
		if err != nil {
			return err
		}
		bz, err := encode(out)
		if err != nil {
			return err
		}
		return decode(bz, reply)
	}
	return fmt.Errorf("unknown method %s", method)
}

func (directConn) NewStream(context.Context, *grpc.StreamDesc, string, ...grpc.CallOption) (grpc.ClientStream, error) {
	return nil, fmt.Errorf("no streams")
}

func TestRESTRoutes(t *testing.T) {
	k, ctx := seeded(t)
	// the same marshaler and error handler as the SDK's API server (server/api)
	mux := gwruntime.NewServeMux(
		gwruntime.WithMarshalerOption(gwruntime.MIMEWildcard, &gateway.JSONPb{
			EmitDefaults: true, OrigName: true, AnyResolver: moduletestutil.MakeTestEncodingConfig().InterfaceRegistry,
		}),
		gwruntime.WithProtoErrorHandler(gwruntime.DefaultHTTPProtoErrorHandler),
	)
	require.NoError(t, types.RegisterQueryHandlerClient(context.Background(), mux,
		types.NewQueryClient(directConn{ctx: ctx, srv: keeper.NewQueryServerImpl(k)})))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	get := func(path string) (int, map[string]any) {
		resp, err := http.Get(srv.URL + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		var out map[string]any
		require.NoError(t, json.Unmarshal(body, &out), string(body))
		return resp.StatusCode, out
	}
	m := member().String()

	code, body := get("/civic/agency/v1/agencies/knpa")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "knpa", body["agency"].(map[string]any)["id"])
	require.Equal(t, "AGENCY_STATUS_ACTIVE", body["agency"].(map[string]any)["status"])

	code, body = get("/civic/agency/v1/agencies?pagination.limit=1")
	require.Equal(t, http.StatusOK, code)
	require.Len(t, body["agencies"], 1)

	code, body = get("/civic/agency/v1/agencies/knpa/members")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, m, body["members"].([]any)[0].(map[string]any)["address"])

	code, body = get("/civic/agency/v1/memberships/" + m)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "knpa", body["agency"].(map[string]any)["id"])

	code, body = get("/civic/agency/v1/memberships/" + m + "/roles/evidence.investigator")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, true, body["has_role"])
	require.Equal(t, "knpa", body["agency_id"])

	code, body = get("/civic/agency/v1/memberships/" + m + "/roles/haccp.certifier")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, false, body["has_role"])
	require.Contains(t, body["reason"], "does not hold role")

	code, body = get("/civic/agency/v1/roles")
	require.Equal(t, http.StatusOK, code)
	require.Len(t, body["roles"], 2)

	code, body = get("/civic/agency/v1/params")
	require.Equal(t, http.StatusOK, code)
	require.EqualValues(t, types.DefaultMaxMembersPerAgency, body["params"].(map[string]any)["max_members_per_agency"])

	code, _ = get("/civic/agency/v1/agencies/nope")
	require.Equal(t, http.StatusNotFound, code)
	code, _ = get("/civic/agency/v1/agencies/NOPE")
	require.Equal(t, http.StatusBadRequest, code)
}

// cliBuilder builds autocli commands over the in-process query server.
func cliBuilder(t *testing.T, conn grpc.ClientConnInterface) *autocli.Builder {
	files, err := gogoproto.MergedRegistry()
	require.NoError(t, err)
	b := &autocli.Builder{
		Builder: flag.Builder{
			TypeResolver:          protoregistry.GlobalTypes,
			FileResolver:          files,
			AddressCodec:          addresscodec.NewBech32Codec("civic"),
			ValidatorAddressCodec: addresscodec.NewBech32Codec("civicvaloper"),
			ConsensusAddressCodec: addresscodec.NewBech32Codec("civicvalcons"),
		},
		GetClientConn:     func(*cobra.Command) (grpc.ClientConnInterface, error) { return conn, nil },
		AddQueryConnFlags: flags.AddQueryFlagsToCmd,
		AddTxConnFlags:    flags.AddTxFlagsToCmd,
	}
	require.NoError(t, b.ValidateAndComplete())
	return b
}

func TestAutoCLIQueries(t *testing.T) {
	k, ctx := seeded(t)
	opts := agency.NewAppModule(k).AutoCLIOptions()
	b := cliBuilder(t, directConn{ctx: ctx, srv: keeper.NewQueryServerImpl(k)})

	run := func(args ...string) string {
		cmd := &cobra.Command{Use: "agency"}
		require.NoError(t, b.AddQueryServiceCommands(cmd, opts.Query))
		out := &bytes.Buffer{}
		cmd.SetOut(out)
		cmd.SetArgs(append(args, "--output", "json"))
		require.NoError(t, cmd.Execute(), "agency %v", args)
		return out.String()
	}
	require.Contains(t, run("agency", "knpa"), `"id": "knpa"`)
	require.Contains(t, run("agencies"), `"knpa"`)
	require.Contains(t, run("members", "knpa"), member().String())
	require.Contains(t, run("membership", member().String()), `"knpa"`)
	require.Contains(t, run("has-role", member().String(), "evidence.investigator"), `"has_role": true`)
	require.Contains(t, run("roles"), "haccp.certifier")
	require.Contains(t, run("params"), "max_members_per_agency")
}

func TestModuleGenesis(t *testing.T) {
	k, ctx := seeded(t)
	cdc := moduletestutil.MakeTestEncodingConfig().Codec
	am := agency.NewAppModule(k)

	def := am.DefaultGenesis(cdc)
	require.NoError(t, am.ValidateGenesis(cdc, nil, def))
	require.Error(t, am.ValidateGenesis(cdc, nil, []byte(`{"params":{"max_members_per_agency":0}}`)))
	require.Error(t, am.ValidateGenesis(cdc, nil, []byte(`not json`)))

	exported := am.ExportGenesis(ctx, cdc)
	require.NoError(t, am.ValidateGenesis(cdc, nil, exported))
	k2, ctx2 := testkeeper.AgencyKeeper(t, roles...)
	am2 := agency.NewAppModule(k2)
	am2.InitGenesis(ctx2, cdc, exported)
	require.JSONEq(t, string(exported), string(am2.ExportGenesis(ctx2, cdc)))

	// a genesis role outside the catalog halts InitGenesis with a clear message
	k3, ctx3 := testkeeper.AgencyKeeper(t) // empty catalog
	var got any
	func() {
		defer func() { got = recover() }()
		agency.NewAppModule(k3).InitGenesis(ctx3, cdc, exported)
	}()
	err, ok := got.(error)
	require.True(t, ok, "InitGenesis panics with an error, got %v", got)
	require.ErrorIs(t, err, types.ErrUnknownRole)
	require.ErrorContains(t, err, `failed to initialize agency genesis state: genesis agency "knpa" has role "evidence.investigator", which is not in the role catalog: unknown role`)
}

func TestNewKeeperPanics(t *testing.T) {
	cdc := moduletestutil.MakeTestEncodingConfig().Codec
	ac := addresscodec.NewBech32Codec("civic")
	gov := testkeeper.AgencyAuthority().String()
	for name, tc := range map[string]struct {
		authority string
		roles     []types.RoleDefinition
	}{
		"bad authority":   {"gov", roles},
		"empty authority": {"", roles},
		"malformed role":  {gov, []types.RoleDefinition{{Name: "Investigator", Module: "m"}}},
		"role w/o module": {gov, []types.RoleDefinition{{Name: "a.b"}}},
		"duplicate role":  {gov, []types.RoleDefinition{roles[0], roles[0]}},
	} {
		t.Run(name, func(t *testing.T) {
			require.Panics(t, func() { keeper.NewKeeper(cdc, nil, ac, tc.authority, tc.roles) })
		})
	}
}

func TestCodecRegistration(t *testing.T) {
	ir := sdktestutil.CodecOptions{AccAddressPrefix: "civic", ValAddressPrefix: "civicvaloper"}.NewInterfaceRegistry()
	am := agency.NewAppModule(keeper.Keeper{})
	am.RegisterInterfaces(ir)
	require.NoError(t, ir.SigningContext().Validate())
	cdc := codec.NewProtoCodec(ir)
	amino := codec.NewLegacyAmino()
	require.NotPanics(t, func() { am.RegisterLegacyAminoCodec(amino) })

	// every message resolves and names its signer
	signers := map[sdk.Msg][]byte{
		&types.MsgRegisterAgency{Authority: testkeeper.AgencyAuthority().String()}: testkeeper.AgencyAuthority(),
		&types.MsgAddMember{Admin: admin().String()}:                               admin(),
		&types.MsgTransferAdmin{Admin: admin().String()}:                           admin(),
		&types.MsgAcceptMembership{Address: admin().String()}:                      admin(),
		&types.MsgDeclineMembership{Address: admin().String()}:                     admin(),
		&types.MsgWithdrawMembershipOffer{Admin: admin().String()}:                 admin(),
		&types.MsgAcceptAdmin{NewAdmin: admin().String()}:                          admin(),
		&types.MsgCancelAdminTransfer{Signer: admin().String()}:                    admin(),
	}
	for msg, want := range signers {
		got, _, err := cdc.GetMsgV1Signers(msg)
		require.NoError(t, err)
		require.Equal(t, [][]byte{want}, got)
	}
}
