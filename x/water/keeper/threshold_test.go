package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	agencytypes "github.com/civicchain/civic/x/agency/types"
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
