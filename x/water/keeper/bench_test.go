package keeper_test

import (
	"testing"
	"time"

	storetypes "cosmossdk.io/store/types"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	"github.com/civicchain/civic/x/water/keeper"
	"github.com/civicchain/civic/x/water/types"
)

// benchBlock is how many messages make one "block": as on a node, every
// message runs in its own cache context over a block-level cache context,
// which is written to the IAVL stores and committed at the end of the block
// (outside the timer), so iterators pay for the block's dirty writes as they
// do in FinalizeBlock.
const benchBlock = 1000

// benchVersions is how many versions each legal threshold of the bench
// fixture has: version 1 from the genesis epoch, the others one a month
// before t0, the last in force from t0 - 30 days.
const benchVersions = 4

// benchFixture is x/water on a committable multistore with the
// tap site and sensor 1 measuring every parameter.
type benchFixture struct {
	ctx sdk.Context
	k   keeper.Keeper
	msg types.MsgServer
	ops int

	blockCtx sdk.Context
	block    func() // writes the block cache; nil between blocks
}

// newBenchFixture builds the fixture: the agencies and genesis of setup on a
// committable store, thresholds with benchVersions versions each, the tap
// and sensor 1 (all parameters), committed.
func newBenchFixture(b *testing.B) *benchFixture {
	b.Helper()
	tf := testkeeper.NewFixture(b)
	ctx := testkeeper.CommittableContext(b, tf.Ctx)
	require.NoError(b, tf.Agency.InitGenesis(ctx, agencytypes.DefaultGenesis()))
	require.NoError(b, tf.Disaster.InitGenesis(ctx, disastertypes.DefaultGenesis()))
	gs := types.DefaultGenesis()
	gs.Thresholds = benchThresholds()
	require.NoError(b, tf.Water.InitGenesis(ctx, gs))
	admin, op := testkeeper.TestAddress("bench admin"), testkeeper.TestAddress("bench operator")
	testkeeper.RegisterTestAgency(b, tf.Agency, ctx, agWater, admin, types.RoleOperator)
	testkeeper.AddTestMember(b, tf.Agency, ctx, agWater, admin, op, types.RoleOperator)

	f := &benchFixture{ctx: ctx, k: tf.Water, msg: keeper.NewMsgServerImpl(tf.Water)}
	opStr, err := f.k.AddressCodec().BytesToString(op)
	require.NoError(b, err)
	var site uint64
	for _, kind := range []types.SiteKind{types.SiteKindPurificationPlant, types.SiteKindReservoir, types.SiteKindTap} {
		res, err := f.msg.RegisterSite(ctx, &types.MsgRegisterSite{
			Signer: opStr, Kind: kind, Name: "Bench Site", DistrictCode: busanjin, SupplyBlock: "BJ-03",
			UpstreamSiteId: site, LatUdeg: 35_163_000, LonUdeg: 129_053_000, StandardClass: types.StandardClassTapWater,
		})
		require.NoError(b, err)
		site = res.SiteId
	}
	_, err = f.msg.RegisterSensor(ctx, &types.MsgRegisterSensor{
		Signer: opStr, Sensor: f.str(b, sensorAddr), SiteId: site, Parameters: allParams,
		Model: "YSI-EXO2", SerialDigest: serial, Calibration: calibration(),
	})
	require.NoError(b, err)
	f.commit()
	return f
}

// benchThresholds are the default thresholds, each with benchVersions
// versions, limits a little wider at each.
func benchThresholds() []types.Threshold {
	var out []types.Threshold
	for _, th := range types.DefaultThresholds() {
		out = append(out, th)
		for v := uint64(2); v <= benchVersions; v++ {
			next := th
			next.Version = v
			next.EffectiveFrom = t0.Add(-time.Duration(benchVersions-v+1) * 30 * 24 * time.Hour)
			next.SetAt = next.EffectiveFrom.Add(-notice)
			if th.Max != nil {
				next.Max = limit(th.Max.Value + int64(v))
			}
			out = append(out, next)
		}
	}
	return out
}

// str is a's bech32 string.
func (f *benchFixture) str(b *testing.B, a sdk.AccAddress) string {
	s, err := f.k.AddressCodec().BytesToString(a)
	require.NoError(b, err)
	return s
}

// run executes one message in a transaction cache over the block cache at
// block time now, and commits every benchBlock messages.
func (f *benchFixture) run(b *testing.B, now time.Time, fn func(ctx sdk.Context) error) {
	if f.block == nil {
		f.blockCtx, f.block = f.ctx.CacheContext()
	}
	cctx, write := f.blockCtx.WithBlockTime(now).CacheContext()
	if err := fn(cctx); err != nil {
		b.Fatal(err)
	}
	write()
	f.ops++
	if f.ops%benchBlock == 0 {
		b.StopTimer()
		f.commit()
		b.StartTimer()
	}
}

// commit writes the block cache and commits the multistore.
func (f *benchFixture) commit() {
	if f.block != nil {
		f.block()
		f.block = nil
	}
	f.ctx.MultiStore().(storetypes.CommitMultiStore).Commit()
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
}

// BenchmarkSubmitReading measures MsgSubmitReading of all five parameters
// (three with a legal threshold of benchVersions versions, two without), one
// a second at the block time, compliant, as bench/workload_water.go sends
// them: validation, sensor, site and agency checks, five points and latest
// values, the threshold in force and the band of each parameter.
func BenchmarkSubmitReading(b *testing.B) {
	f := newBenchFixture(b)
	sensor := f.str(b, sensorAddr)
	start := t0.Add(time.Second)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		at := start.Add(time.Duration(i) * time.Second)
		msg := &types.MsgSubmitReading{Sensor: sensor, PhenomenonTime: at, Values: []types.Measurement{
			m(types.ParameterPH, 7_200+int64(i%100)), m(types.ParameterResidualChlorine, 450+int64(i%50)),
			m(types.ParameterTurbidity, 80+int64(i%20)), m(types.ParameterConductivity, 250_000+int64(i%1000)),
			m(types.ParameterTemperature, 18_500+int64(i%300)),
		}}
		f.run(b, at, func(ctx sdk.Context) error {
			res, err := f.msg.SubmitReading(ctx, msg)
			if err == nil && len(res.AlertIds) != 0 {
				b.Fatalf("reading %d raised alerts %v", i, res.AlertIds)
			}
			return err
		})
	}
}

// BenchmarkThresholdAt measures the threshold in force at t, each call in a
// fresh transaction cache over one block cache (prepared outside the timer,
// a block's worth at a time), for t after the latest version (the readings'
// case), t between two earlier versions (a backfill across a change) and a
// parameter without any version.
func BenchmarkThresholdAt(b *testing.B) {
	for _, c := range []struct {
		name    string
		param   types.Parameter
		at      time.Time
		version uint64
	}{
		{"latest", types.ParameterTurbidity, t0, benchVersions},
		{"earlier", types.ParameterTurbidity, t0.Add(-45 * 24 * time.Hour), benchVersions - 1},
		{"none", types.ParameterConductivity, t0, 0},
	} {
		b.Run(c.name, func(b *testing.B) {
			f := newBenchFixture(b)
			blockCtx, _ := f.ctx.CacheContext()
			txs := make([]sdk.Context, benchBlock)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%benchBlock == 0 {
					b.StopTimer()
					for j := range txs {
						txs[j], _ = blockCtx.CacheContext()
					}
					b.StartTimer()
				}
				th, found, err := f.k.ThresholdAt(txs[i%benchBlock], c.param, types.StandardClassTapWater, c.at)
				if err != nil || found != (c.version != 0) || th.Version != c.version {
					b.Fatalf("version %d (found %v, %v), want %d", th.Version, found, err, c.version)
				}
			}
		})
	}
}
