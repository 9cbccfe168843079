package did_test

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

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
	am := did.NewAppModule(keeper.Keeper{}, agencykeeper.Keeper{})
	var gs types.GenesisState
	testkeeper.RequireModuleBasics(t, am, "did", uint64(did.ConsensusVersion), &types.MsgSetIssuerSchemas{}, &gs)
	require.NotNil(t, am.GetTxCmd())
	require.Equal(t, types.DefaultParams(), gs.Params)
	require.Equal(t, uint64(1), gs.NextSchemaId)
	require.Equal(t, uint64(1), gs.NextStatusListId)
}

func TestModuleGenesisJSONRoundTrip(t *testing.T) {
	k, ak, ctx := testkeeper.DidKeeper(t)
	am := did.NewAppModule(k, ak)
	testkeeper.RequireGenesisJSONRoundTrip(t, am, ctx, `{"next_schema_id":"0"}`)
}
