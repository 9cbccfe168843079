package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/water/keeper"
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

// TestGenesisRoundTripRebuildsLastVersions: thresholds of several versions
// export to the same JSON as before the LastVersion index (it is not part of
// the genesis) and InitGenesis rebuilds it, so the imported chain answers
// the version in force at every time as the exporting one.
func TestGenesisRoundTripRebuildsLastVersions(t *testing.T) {
	// ARRANGE: turbidity at taps in three versions (the third withdrawing the
	// standard), pH at taps in two, conductivity at taps in one, the other
	// defaults in one
	f := withFull(t) // turbidity version 2 from t0 + notice + 1 min
	set := func(p types.Parameter, from time.Time, max *types.Limit) {
		_, err := f.msg.SetThreshold(f.Ctx, &types.MsgSetThreshold{Signer: f.s(f.regulator), Parameter: p, StandardClass: types.StandardClassTapWater,
			Max: max, EffectiveFrom: from, LegalBasis: "KR-DWQS-ANNEX1-2027"})
		require.NoError(t, err)
	}
	now := f.Ctx.BlockTime()
	set(types.ParameterTurbidity, now.Add(2*notice), nil)
	set(types.ParameterPH, now.Add(notice), limit(8400))
	set(types.ParameterConductivity, now.Add(notice), limit(300_000))
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	cdc := moduletestutil.MakeTestEncodingConfig().Codec
	exported, err := cdc.MarshalJSON(gs)
	require.NoError(t, err)
	require.NotContains(t, string(exported), "last_version", "the index is not exported")

	// ACT: import into a fresh chain and export again
	g := testkeeper.NewFixture(t)
	g.Ctx = g.Ctx.WithBlockTime(f.Ctx.BlockTime())
	require.NoError(t, g.Water.InitGenesis(g.Ctx, gs))
	again, err := g.Water.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	reexported, err := cdc.MarshalJSON(again)
	require.NoError(t, err)

	// ASSERT: the same JSON, the index rebuilt, the same answers
	require.Equal(t, string(exported), string(reexported))
	lastVersions := func(ctx sdk.Context, k keeper.Keeper) map[string]uint64 {
		out := map[string]uint64{}
		for _, e := range testkeeper.EntriesOf(t, ctx, k.Thresholds.Indexes.LastVersion) {
			out[types.Parameter(e.Key.K1()).Label()+"/"+types.StandardClass(e.Key.K2()).Label()] = e.Value
		}
		return out
	}
	want := map[string]uint64{
		"PH_MILLI/TAP_WATER": 2, "PH_MILLI/SMALL_GROUNDWATER": 1,
		"RESIDUAL_CHLORINE_UG_PER_L/TAP_WATER": 1, "RESIDUAL_CHLORINE_UG_PER_L/SMALL_GROUNDWATER": 1,
		"TURBIDITY_MNTU/TAP_WATER": 3, "TURBIDITY_MNTU/SMALL_GROUNDWATER": 1,
		"CONDUCTIVITY_NS_PER_CM/TAP_WATER": 1,
	}
	require.Equal(t, want, lastVersions(f.Ctx, f.k))
	require.Equal(t, want, lastVersions(g.Ctx, g.Water))
	require.NoError(t, g.Water.CheckInvariants(g.Ctx))
	for _, th := range gs.Thresholds {
		for _, at := range []time.Time{th.EffectiveFrom.Add(-time.Nanosecond), th.EffectiveFrom, th.EffectiveFrom.Add(time.Hour)} {
			before, foundBefore, err := f.k.ThresholdAt(f.Ctx, th.Parameter, th.StandardClass, at)
			require.NoError(t, err)
			after, foundAfter, err := g.Water.ThresholdAt(g.Ctx, th.Parameter, th.StandardClass, at)
			require.NoError(t, err)
			require.Equal(t, foundBefore, foundAfter)
			require.Equal(t, before, after, "%s %s at %s", th.Parameter.Label(), th.StandardClass.Label(), at)
		}
	}
}
