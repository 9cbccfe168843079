package evidence_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/evidence"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

func TestModuleBasics(t *testing.T) {
	am := evidence.NewAppModule(keeper.Keeper{})
	var gs types.GenesisState
	testkeeper.RequireModuleBasics(t, am, "digitalevidence", uint64(evidence.ConsensusVersion), &types.MsgRecordCourtDecision{}, &gs)
	require.Equal(t, types.DefaultParams(), gs.Params)
	require.Equal(t, uint64(1), gs.NextCaseId)
	require.Equal(t, uint64(1), gs.NextEvidenceId)
}

func TestModuleGenesisJSONRoundTrip(t *testing.T) {
	k, _, ctx := testkeeper.EvidenceKeeper(t)
	am := evidence.NewAppModule(k)
	testkeeper.RequireGenesisJSONRoundTrip(t, am, ctx, `{"next_case_id":"0"}`)
}
