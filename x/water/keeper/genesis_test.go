package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/water/types"
)

func TestDefaultGenesisRoundTrip(t *testing.T) {
	// ARRANGE: the fixture imported the default genesis
	f := setup(t)

	// ACT
	gs, err := f.k.ExportGenesis(f.Ctx)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.DefaultGenesis(), gs)
	require.NoError(t, gs.Validate())
}

func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE: every kind of record, exported
	f := withFull(t)
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.NoError(t, gs.ValidateAddresses(f.k.AddressCodec()))

	// ACT: import into a fresh chain whose x/water genesis is this one
	g := testkeeper.NewFixture(t)
	g.Ctx = g.Ctx.WithBlockTime(f.Ctx.BlockTime())
	require.NoError(t, g.Water.InitGenesis(g.Ctx, gs))
	again, err := g.Water.ExportGenesis(g.Ctx)

	// ASSERT: the same state, indexes rebuilt, invariants holding
	require.NoError(t, err)
	require.Equal(t, gs, again)
	require.NoError(t, g.Water.CheckInvariants(g.Ctx))
	require.Equal(t, testkeeper.KeysOf(t, f.Ctx, f.k.Alerts.Indexes.OpenByDistrict), testkeeper.KeysOf(t, g.Ctx, g.Water.Alerts.Indexes.OpenByDistrict))
	require.Equal(t, testkeeper.KeysOf(t, f.Ctx, f.k.Sensors.Indexes.ByDue), testkeeper.KeysOf(t, g.Ctx, g.Water.Sensors.Indexes.ByDue))
	require.Len(t, gs.Observations, 5+2+2+1, "5 compliant values, 2 batch means, turbidity and pH spikes, sensor 2's pH")
}

func TestGenesisRefused(t *testing.T) {
	export := func(t *testing.T) (*wf, *types.GenesisState) {
		f := withFull(t)
		gs, err := f.k.ExportGenesis(f.Ctx)
		require.NoError(t, err)
		return f, gs
	}
	for _, c := range []struct {
		name, want string
		edit       func(gs *types.GenesisState)
	}{
		{"next ids unset", "start at 1", func(gs *types.GenesisState) { gs.NextAlertId = 0 }},
		{"invalid params", "max_batch_count", func(gs *types.GenesisState) { gs.Params.MaxBatchCount = 0 }},
		{"site id not issued", "site id 3 must be in 1..2", func(gs *types.GenesisState) { gs.NextSiteId = 3 }},
		{"upstream a later site", "must be an earlier site", func(gs *types.GenesisState) { gs.Sites[0].UpstreamSiteId = 2 }},
		{"site name with a phone number", "has the shape of", func(gs *types.GenesisState) { gs.Sites[0].Name = "Plant 051-888-1234" }},
		{"sensor at an unknown site", "unknown site 9", func(gs *types.GenesisState) { gs.Sensors[0].SiteId = 9 }},
		{"calibration history gap", "calibration seq 3 follows 1", func(gs *types.GenesisState) {
			for i := range gs.Calibrations {
				if gs.Calibrations[i].Seq == 2 {
					gs.Calibrations[i].Seq = 3
				}
			}
		}},
		{"threshold version gap", "version 3 where 2 is expected", func(gs *types.GenesisState) {
			for i := range gs.Thresholds {
				if gs.Thresholds[i].Version == 2 {
					gs.Thresholds[i].Version = 3
				}
			}
		}},
		{"threshold versions not in time order", "not after version 1", func(gs *types.GenesisState) {
			for i := range gs.Thresholds {
				if gs.Thresholds[i].Version == 2 {
					gs.Thresholds[i].EffectiveFrom = types.GenesisEpoch
				}
			}
		}},
		{"latest not the newest", "a newer observation is at", func(gs *types.GenesisState) {
			for i, o := range gs.Observations {
				if o.SiteId == tapID && o.Parameter == types.ParameterPH && o.PhenomenonTime.Equal(t0.Add(2*time.Minute)) {
					for j, l := range gs.Latest {
						if l.SiteId == tapID && l.Parameter == types.ParameterPH {
							gs.Latest[j] = gs.Observations[i]
						}
					}
				}
			}
		}},
		{"two open alerts for one key", "are both open", func(gs *types.GenesisState) {
			dup := gs.Alerts[1]
			dup.Id = gs.NextAlertId
			gs.Alerts = append(gs.Alerts, dup)
			gs.NextAlertId++
		}},
		{"resolved alert without its report", "exactly when resolved", func(gs *types.GenesisState) { gs.Alerts[0].CorrectiveActionDigest = "" }},
		{"a point after its sensor's head", "after its sensor's head", func(gs *types.GenesisState) {
			for i := range gs.SensorHeads {
				gs.SensorHeads[i].Head.LastTime = t0.Add(-time.Hour)
			}
		}},
		{"an upper-case address", "canonical", func(gs *types.GenesisState) { gs.Sites[0].RegisteredBy = upper(gs.Sites[0].RegisteredBy) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, gs := export(t)
			c.edit(gs)
			g := testkeeper.NewFixture(t)
			before, err := g.Water.ExportGenesis(g.Ctx)
			require.NoError(t, err)

			err = g.Water.InitGenesis(g.Ctx, gs)

			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, c.want)
			after, err := g.Water.ExportGenesis(g.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "a refused genesis writes nothing")
		})
	}
}

// upper is s in upper case (ASCII).
func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
