package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/disaster/types"
)

func TestGenesisDefaultRoundTrip(t *testing.T) {
	k, _, ctx := testkeeper.DisasterKeeper(t)
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultGenesis(), gs)
}

func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE: incidents in every status, revisions and alerts
	f := queryFixture(t)
	_, err := f.msg.UpdateIncident(f.ctx, f.updateMsg(1))
	require.NoError(t, err)
	before := f.state()
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	// ACT: import the export into a fresh chain
	k2, _, ctx2 := testkeeper.DisasterKeeper(t)
	require.NoError(t, k2.InitGenesis(ctx2, before.Genesis))

	// ASSERT: the same records, and the indexes rebuilt (every query answers the same)
	f2 := &fixture{t: t, ctx: ctx2, k: k2}
	require.Equal(t, before, f2.state())
	require.NoError(t, k2.CheckInvariants(ctx2))
	open, err := k2.IncidentsCoveringDistrict(ctx2, busanjin, 10)
	require.NoError(t, err)
	require.Equal(t, []uint64{1}, incidentIDs(open))
}

func TestInitGenesisRefusals(t *testing.T) {
	// ARRANGE: a sound exported state to break
	f := queryFixture(t)
	good := f.state().Genesis
	for _, tc := range []struct {
		name  string
		spoil func(gs *types.GenesisState)
		want  string
	}{
		{"bad address", func(gs *types.GenesisState) { gs.Alerts[1].IssuedBy = "civic1xyz" }, "invalid address"},
		{"uppercase address", func(gs *types.GenesisState) {
			gs.Alerts[0].IssuedBy = upper(gs.Alerts[0].IssuedBy)
		}, "invalid address"},
		{"next id too low", func(gs *types.GenesisState) { gs.NextIncidentId = 3 }, "incident id 3 must be in 1..2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := clone(t, good)
			tc.spoil(gs)
			k, _, ctx := testkeeper.DisasterKeeper(t)
			err := k.InitGenesis(ctx, gs)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// clone is a deep copy of gs, through its protobuf encoding.
func clone(t *testing.T, gs *types.GenesisState) *types.GenesisState {
	t.Helper()
	bz, err := gs.Marshal()
	require.NoError(t, err)
	var out types.GenesisState
	require.NoError(t, out.Unmarshal(bz))
	return &out
}

func upper(s string) string { return strings.ToUpper(s) }
