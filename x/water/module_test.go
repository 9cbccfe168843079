package water_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/water"
	"github.com/civicchain/civic/x/water/keeper"
	"github.com/civicchain/civic/x/water/types"
)

func TestModuleBasics(t *testing.T) {
	am := water.NewAppModule(keeper.Keeper{})
	var gs types.GenesisState
	testkeeper.RequireModuleBasics(t, am, "water", uint64(water.ConsensusVersion), &types.MsgSubmitReading{}, &gs)
	require.Equal(t, types.DefaultParams(), gs.Params)
	require.Equal(t, types.DefaultThresholds(), gs.Thresholds)
	require.Equal(t, uint64(1), gs.NextSiteId)
}

func TestModuleGenesisJSONRoundTrip(t *testing.T) {
	f := testkeeper.NewFixture(t)
	am := water.NewAppModule(f.Water)
	testkeeper.RequireGenesisJSONRoundTrip(t, am, f.Ctx, `{"next_site_id":"0"}`)
}
