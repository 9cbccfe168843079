package haccp_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/haccp"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

func TestModuleBasics(t *testing.T) {
	am := haccp.NewAppModule(keeper.Keeper{})
	var gs types.GenesisState
	testkeeper.RequireModuleBasics(t, am, "haccp", uint64(haccp.ConsensusVersion), &types.MsgShareImportConfirmation{}, &gs)
	require.Equal(t, types.DefaultParams(), gs.Params)
	require.Equal(t, uint64(1), gs.NextFacilityId)
	require.Equal(t, uint64(1), gs.NextRecallId)
}

func TestModuleGenesisJSONRoundTrip(t *testing.T) {
	k, _, ctx := testkeeper.HaccpKeeper(t)
	am := haccp.NewAppModule(k)
	testkeeper.RequireGenesisJSONRoundTrip(t, am, ctx, `{"next_facility_id":"0"}`)
}
