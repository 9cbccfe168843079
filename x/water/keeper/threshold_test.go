package keeper_test

import (
	"math"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/water/keeper"
	"github.com/civicchain/civic/x/water/types"
)

// notice is the default minimum notice of a threshold.
const notice = time.Duration(types.DefaultThresholdMinNoticeSeconds) * time.Second

// turbidityMsg is the regulator lowering tap-water turbidity to 300 mNTU from `from`.
func (f *wf) turbidityMsg(from time.Time) *types.MsgSetThreshold {
	return &types.MsgSetThreshold{
		Signer: f.s(f.regulator), Parameter: types.ParameterTurbidity, StandardClass: types.StandardClassTapWater,
		Max: limit(300), EffectiveFrom: from, LegalBasis: "KR-DWQS-ANNEX1-2027",
	}
}

func TestDefaultThresholdsInForce(t *testing.T) {
	// ARRANGE
	f := setup(t)

	// ACT
	res, err := f.q.Thresholds(f.Ctx, &types.QueryThresholdsRequest{})

	// ASSERT: pH, chlorine and turbidity for both classes; conductivity and temperature have no standard
	require.NoError(t, err)
	require.Equal(t, types.DefaultThresholds(), res.Thresholds)
	_, err = f.q.Threshold(f.Ctx, &types.QueryThresholdRequest{Parameter: types.ParameterConductivity, StandardClass: types.StandardClassTapWater})
	requireCode(t, err, "NotFound")
}

func TestSetThreshold(t *testing.T) {
	// ARRANGE
	f := setup(t)
	from := t0.Add(notice)
	f.fresh()

	// ACT: by the regulator with exactly the minimum notice, then by governance withdrawing it later
	res, err := f.msg.SetThreshold(f.Ctx, f.turbidityMsg(from))
	require.NoError(t, err)
	gov := &types.MsgSetThreshold{Signer: f.k.GetAuthority(), Parameter: types.ParameterTurbidity, StandardClass: types.StandardClassTapWater,
		EffectiveFrom: from.Add(time.Hour), LegalBasis: "KR-GOV-PROP-12"}
	res3, err3 := f.msg.SetThreshold(f.Ctx, gov)

	// ASSERT
	require.NoError(t, err3)
	require.Equal(t, uint64(2), res.Version, "version 1 is the genesis default")
	require.Equal(t, uint64(3), res3.Version)
	want := types.Threshold{Parameter: types.ParameterTurbidity, StandardClass: types.StandardClassTapWater, Version: 2,
		Max: limit(300), EffectiveFrom: from, LegalBasis: "KR-DWQS-ANNEX1-2027", SetBy: f.s(f.regulator), SetAt: t0}
	require.Len(t, f.events(), 2)
	require.Equal(t, &types.EventThresholdSet{Threshold: want}, f.events()[0])
	at := func(t time.Time) (types.Threshold, bool) {
		th, found, err := f.k.ThresholdAt(f.Ctx, types.ParameterTurbidity, types.StandardClassTapWater, t)
		require.NoError(f.t, err)
		return th, found
	}
	before, _ := at(from.Add(-time.Nanosecond))
	require.Equal(t, uint64(1), before.Version, "version 1 until the instant version 2 takes effect")
	got, _ := at(from)
	require.Equal(t, want, got)
	withdrawn, found := at(from.Add(2 * time.Hour))
	require.True(t, found)
	require.False(t, withdrawn.HasLimits(), "version 3 withdraws the standard")
	_, standard, err := f.k.Standard(f.Ctx, types.ParameterTurbidity, types.StandardClassTapWater, from.Add(2*time.Hour))
	require.NoError(t, err)
	require.False(t, standard)
	versions, err := f.q.ThresholdVersions(f.Ctx, &types.QueryThresholdVersionsRequest{Parameter: types.ParameterTurbidity, StandardClass: types.StandardClassTapWater})
	require.NoError(t, err)
	require.Len(t, versions.Thresholds, 3)
}

func TestSetThresholdRejected(t *testing.T) {
	set := func(edit func(f *wf, m *types.MsgSetThreshold)) func(f *wf) error {
		return func(f *wf) error {
			msg := f.turbidityMsg(t0.Add(notice))
			edit(f, msg)
			_, err := f.msg.SetThreshold(f.Ctx, msg)
			return err
		}
	}
	runRejections(t, setup, []rejection{
		{"unspecified parameter", types.ErrInvalidParameter, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.Parameter = 0 })},
		{"unspecified class", types.ErrInvalidClass, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.StandardClass = 0 })},
		{"min above max", types.ErrInvalidLimits, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.Min = limit(301) })},
		{"negative turbidity", types.ErrInvalidLimits, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.Max = limit(-1) })},
		{"no effective_from", types.ErrInvalidTime, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.EffectiveFrom = time.Time{} })},
		{"lower-case legal basis", types.ErrInvalidCode, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.LegalBasis = "kr-dwqs" })},
		{"legal basis holding a phone number", types.ErrInvalidCode, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.LegalBasis = "010-1234-5678" })},
		{"an operator (threats: self-dealing)", agencytypes.ErrRoleNotHeld, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.Signer = f.s(f.op) })},
		{"this block (threats: zero-notice changes)", types.ErrShortNotice, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.EffectiveFrom = t0 })},
		{"a nanosecond short of the notice", types.ErrShortNotice, nil, set(func(f *wf, m *types.MsgSetThreshold) { m.EffectiveFrom = t0.Add(notice - 1) })},
		{"not after the latest version", types.ErrOverlappingVersion, func(f *wf) {
			_, err := f.msg.SetThreshold(f.Ctx, f.turbidityMsg(t0.Add(2*notice)))
			require.NoError(f.t, err)
		}, set(func(*wf, *types.MsgSetThreshold) {})},
		{"governance short of the notice too", types.ErrShortNotice, nil, set(func(f *wf, m *types.MsgSetThreshold) {
			m.Signer, m.EffectiveFrom = f.k.GetAuthority(), t0.Add(time.Hour)
		})},
	})
}

func TestThresholdQueriesRejected(t *testing.T) {
	f := setup(t)
	_, err := f.q.Threshold(f.Ctx, &types.QueryThresholdRequest{Parameter: 0, StandardClass: types.StandardClassTapWater})
	requireCode(t, err, "InvalidArgument")
	_, err = f.q.ThresholdVersions(f.Ctx, &types.QueryThresholdVersionsRequest{Parameter: types.ParameterPH})
	requireCode(t, err, "InvalidArgument")
	_, err = f.q.Thresholds(f.Ctx, nil)
	requireCode(t, err, "InvalidArgument")
}

// seekAt is the version in force at t found the way ThresholdAt found it
// before the LastVersion index, by one reverse seek of the by-time index:
// the oracle ThresholdAt must agree with at every time.
func (f *wf) seekAt(p types.Parameter, c types.StandardClass, t time.Time) (types.Threshold, bool) {
	f.t.Helper()
	rng := new(collections.Range[keeper.ThresholdTimeKey]).
		StartInclusive(collections.Join3(int32(p), int32(c), int64(math.MinInt64))).
		EndInclusive(collections.Join3(int32(p), int32(c), t.UnixNano())).
		Descending()
	it, err := f.k.Thresholds.Indexes.ByTime.Iterate(f.Ctx, rng)
	require.NoError(f.t, err)
	defer it.Close()
	if !it.Valid() {
		return types.Threshold{}, false
	}
	key, err := it.PrimaryKey()
	require.NoError(f.t, err)
	th, err := f.k.Thresholds.Get(f.Ctx, key)
	require.NoError(f.t, err)
	return th, true
}

// requireAt asserts ThresholdAt answers version want (0: none) at t, as the
// reverse seek does.
func (f *wf) requireAt(p types.Parameter, c types.StandardClass, t time.Time, want uint64, why string) {
	f.t.Helper()
	th, found, err := f.k.ThresholdAt(f.Ctx, p, c, t)
	require.NoError(f.t, err, why)
	require.Equal(f.t, want != 0, found, why)
	require.Equal(f.t, want, th.Version, why)
	seek, seekFound := f.seekAt(p, c, t)
	require.Equal(f.t, seekFound, found, why)
	require.Equal(f.t, seek, th, why)
}

// TestThresholdAtMatchesTheSeek: the version in force at t, read from the
// latest version when t falls in it and by the reverse seek before it, is
// the one the seek alone finds, at every edge.
func TestThresholdAtMatchesTheSeek(t *testing.T) {
	// ARRANGE: conductivity at taps has no version; three are added in one
	// block, the third withdrawing the standard
	f := setup(t)
	cond, tap := types.ParameterConductivity, types.StandardClassTapWater
	from1 := t0.Add(notice)
	from2, from3 := from1.Add(time.Hour), from1.Add(2*time.Hour)
	set := func(from time.Time, max *types.Limit) {
		_, err := f.msg.SetThreshold(f.Ctx, &types.MsgSetThreshold{Signer: f.s(f.regulator), Parameter: cond, StandardClass: tap,
			Max: max, EffectiveFrom: from, LegalBasis: "KR-DWQS-ANNEX1-2027"})
		require.NoError(t, err)
	}
	f.requireAt(cond, tap, from1, 0, "no version yet")

	// ACT + ASSERT: each version read in the block that sets it
	set(from1, limit(300_000))
	f.requireAt(cond, tap, from2, 1, "version 1 is the latest, in force from from1 on")
	set(from2, limit(250_000))
	f.requireAt(cond, tap, from2, 2, "version 2 set in the same block is in force at from2")
	set(from3, nil)

	for _, c := range []struct {
		name string
		at   time.Time
		want uint64
	}{
		{"before any version", t0, 0},
		{"a nanosecond before version 1", from1.Add(-time.Nanosecond), 0},
		{"exactly at version 1's effective_from", from1, 1},
		{"between versions 1 and 2", from1.Add(30 * time.Minute), 1},
		{"a nanosecond before version 2", from2.Add(-time.Nanosecond), 1},
		{"exactly at version 2's effective_from", from2, 2},
		{"between versions 2 and 3", from2.Add(30 * time.Minute), 2},
		{"exactly at version 3's effective_from", from3, 3},
		{"a year after the latest", from3.Add(365 * 24 * time.Hour), 3},
	} {
		f.requireAt(cond, tap, c.at, c.want, c.name)
	}
	withdrawn, found, err := f.k.ThresholdAt(f.Ctx, cond, tap, from3)
	require.NoError(t, err)
	require.True(t, found)
	require.False(t, withdrawn.HasLimits(), "version 3 withdraws the standard")
	_, standard, err := f.k.Standard(f.Ctx, cond, tap, from3.Add(time.Hour))
	require.NoError(t, err)
	require.False(t, standard)

	// every (parameter, class) of the defaults, and the new one, at each
	// version's edges and far before and after
	for _, p := range types.AllParameters {
		for _, c := range types.AllStandardClasses {
			times := []time.Time{types.GenesisEpoch.Add(-time.Hour), t0, from3.Add(time.Hour)}
			versions, err := f.q.ThresholdVersions(f.Ctx, &types.QueryThresholdVersionsRequest{Parameter: p, StandardClass: c})
			require.NoError(t, err)
			for _, v := range versions.Thresholds {
				times = append(times, v.EffectiveFrom.Add(-time.Nanosecond), v.EffectiveFrom, v.EffectiveFrom.Add(time.Nanosecond))
			}
			for _, at := range times {
				th, found, err := f.k.ThresholdAt(f.Ctx, p, c, at)
				require.NoError(t, err)
				seek, seekFound := f.seekAt(p, c, at)
				require.Equal(t, seekFound, found, "%s %s at %s", p.Label(), c.Label(), at)
				require.Equal(t, seek, th, "%s %s at %s", p.Label(), c.Label(), at)
			}
		}
	}
}

// TestLastVersionIndex: the index holds the highest version of each
// (parameter, class) and follows its records: a new version moves it up,
// rewriting an earlier version leaves it, and removing the latest version
// (which the module never does) moves it back to the one before.
func TestLastVersionIndex(t *testing.T) {
	// ARRANGE
	f := setup(t)
	turb, tap := types.ParameterTurbidity, types.StandardClassTapWater
	last := func() (uint64, bool) {
		v, found, err := f.k.Thresholds.Indexes.LastVersion.Get(f.Ctx, turb, tap)
		require.NoError(t, err)
		return v, found
	}
	key := func(v uint64) keeper.ThresholdKey { return collections.Join3(int32(turb), int32(tap), v) }
	v, found := last()
	require.True(t, found)
	require.Equal(t, uint64(1), v, "the genesis default")
	require.Len(t, testkeeper.EntriesOf(t, f.Ctx, f.k.Thresholds.Indexes.LastVersion), len(types.DefaultThresholds()))

	// ACT + ASSERT
	_, err := f.msg.SetThreshold(f.Ctx, f.turbidityMsg(t0.Add(notice)))
	require.NoError(t, err)
	_, err = f.msg.SetThreshold(f.Ctx, f.turbidityMsg(t0.Add(notice+time.Hour)))
	require.NoError(t, err)
	v, _ = last()
	require.Equal(t, uint64(3), v)

	v1, err := f.k.Thresholds.Get(f.Ctx, key(1))
	require.NoError(t, err)
	v1.LegalBasis = "KR-REWRITTEN"
	require.NoError(t, f.k.Thresholds.Set(f.Ctx, key(1), v1))
	v, _ = last()
	require.Equal(t, uint64(3), v, "rewriting version 1 leaves the latest")

	require.NoError(t, f.k.Thresholds.Remove(f.Ctx, key(3)))
	v, _ = last()
	require.Equal(t, uint64(2), v, "removing the latest makes version 2 the latest")
	f.requireAt(turb, tap, t0.Add(2*notice), 2, "version 2 in force after version 3 is gone")

	require.NoError(t, f.k.Thresholds.Remove(f.Ctx, key(1)))
	v, _ = last()
	require.Equal(t, uint64(2), v, "removing an earlier version leaves the latest")

	ph := collections.Join3(int32(types.ParameterPH), int32(tap), uint64(1))
	require.NoError(t, f.k.Thresholds.Remove(f.Ctx, ph))
	_, found, err = f.k.Thresholds.Indexes.LastVersion.Get(f.Ctx, types.ParameterPH, tap)
	require.NoError(t, err)
	require.False(t, found, "removing pH's only version leaves no latest")
	f.requireAt(types.ParameterPH, tap, t0, 0, "no pH version left")
}
