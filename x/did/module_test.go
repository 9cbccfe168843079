package did_test

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/civicchain/civic/cmd/civicd/cmd"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	did "github.com/civicchain/civic/x/did"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// TestCLICommandTree builds civicd's command tree and checks that "tx did" holds the
// hand-written commands and the generated ones, and "query did" every query.
func TestCLICommandTree(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	root := cmd.NewRootCmd()
	find := func(path ...string) *cobra.Command {
		c, _, err := root.Find(path)
		require.NoError(t, err, strings.Join(path, " "))
		require.Equal(t, path[len(path)-1], c.Name(), strings.Join(path, " "))
		return c
	}
	for _, name := range []string{"create", "update", "status-update", "deactivate", "register-schema", "bind-issuer",
		"unbind-issuer", "set-issuer-schemas", "create-status-list", "update-params-proposal"} {
		c := find("tx", "did", name)
		require.NotEmpty(t, c.Short, name)
		require.NotNil(t, c.Flags().Lookup("from"), "%s takes --from", name)
	}
	require.NotNil(t, find("tx", "did", "create").Flags().Lookup("proof"))
	for _, name := range []string{"resolve", "versions", "schema", "schemas", "issuer", "issuers", "is-trusted-issuer",
		"status-list", "status-lists", "credential-status", "params"} {
		find("query", "did", name)
	}
	require.NotNil(t, find("query", "did", "resolve").Flags().Lookup("version-time"))
}

func TestModuleBasics(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	am := did.NewAppModule(keeper.Keeper{}, agencykeeper.Keeper{})
	require.Equal(t, "did", am.Name())
	require.Equal(t, uint64(did.ConsensusVersion), am.ConsensusVersion())
	require.NotNil(t, am.GetTxCmd())

	am.RegisterInterfaces(enc.InterfaceRegistry)
	am.RegisterLegacyAminoCodec(enc.Amino) // panics on an amino name over 39 characters
	require.NoError(t, enc.InterfaceRegistry.EnsureRegistered(&types.MsgSetIssuerSchemas{}))
	// Every Msg has a valid cosmos.msg.v1.signer field (what a hand-wired app checks at start).
	require.NoError(t, enc.InterfaceRegistry.SigningContext().Validate())

	var gs types.GenesisState
	require.NoError(t, enc.Codec.UnmarshalJSON(am.DefaultGenesis(enc.Codec), &gs))
	require.NoError(t, gs.Validate())
	require.Equal(t, types.DefaultParams(), gs.Params)
	require.Equal(t, uint64(1), gs.NextSchemaId)
	require.Equal(t, uint64(1), gs.NextStatusListId)
}

func TestModuleGenesisJSONRoundTrip(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	k, ak, ctx := testkeeper.DidKeeper(t)
	am := did.NewAppModule(k, ak)

	bz := am.DefaultGenesis(enc.Codec)
	require.NoError(t, am.ValidateGenesis(enc.Codec, nil, bz))
	am.InitGenesis(ctx, enc.Codec, bz)
	require.JSONEq(t, string(bz), string(am.ExportGenesis(ctx, enc.Codec)))

	require.Error(t, am.ValidateGenesis(enc.Codec, nil, []byte(`{"next_schema_id":"0"}`)))
	require.Error(t, am.ValidateGenesis(enc.Codec, nil, []byte(`not json`)))
}
