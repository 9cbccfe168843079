package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/water/types"
)

func TestDefaultsValidate(t *testing.T) {
	require.NoError(t, types.DefaultParams().Validate())
	require.NoError(t, types.DefaultGenesis().Validate())
}

func TestParamsBounds(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(p *types.Params)
		want string
	}{
		{"no clock skew", func(p *types.Params) { p.MaxClockSkewSeconds = 0 }, "max_clock_skew_seconds must be 1..3600, got 0"},
		{"backfill over 30 days", func(p *types.Params) { p.MaxBackfillSeconds = types.MaxMaxBackfillSeconds + 1 }, "max_backfill_seconds"},
		{"stale under a minute", func(p *types.Params) { p.StaleAfterSeconds = 59 }, "stale_after_seconds"},
		{"notice under an hour", func(p *types.Params) { p.ThresholdMinNoticeSeconds = 3599 }, "threshold_min_notice_seconds"},
		{"no batch", func(p *types.Params) { p.MaxBatchCount = 0 }, "max_batch_count"},
		{"window over a week", func(p *types.Params) { p.MaxBatchWindowSeconds = types.MaxMaxBatchWindowSeconds + 1 }, "max_batch_window_seconds"},
		{"no sensor per site", func(p *types.Params) { p.MaxSensorsPerSite = 0 }, "max_sensors_per_site"},
		{"too many incidents", func(p *types.Params) { p.MaxSummaryIncidents = 65 }, "max_summary_incidents"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := types.DefaultParams()
			c.edit(&p)
			err := p.Validate()
			require.ErrorIs(t, err, types.ErrInvalidParams)
			require.ErrorContains(t, err, c.want)
		})
	}
}

func TestGrammars(t *testing.T) {
	require.NoError(t, types.ValidateDistrict("d", "26230"))
	require.ErrorIs(t, types.ValidateDistrict("d", "２６２３０"), types.ErrInvalidDistrict, "full-width digits")
	require.NoError(t, types.ValidateSiteName("화명정수장 (Hwamyeong) No.2"))
	require.ErrorIs(t, types.ValidateSiteName("Tap  1"), types.ErrInvalidName)
	require.ErrorIs(t, types.ValidateSiteName("Tap 900101-1234567"), types.ErrInvalidName, "a resident registration number")
	require.NoError(t, types.ValidateLegalBasis("KR-DWQS-ANNEX1+KR-WSHR-FREE-CL"))
	require.ErrorIs(t, types.ValidateLegalBasis("-KR"), types.ErrInvalidCode)
	require.NoError(t, types.ValidateValue(types.ParameterPH, 0))
	require.NoError(t, types.ValidateValue(types.ParameterPH, 14_000))
	require.ErrorIs(t, types.ValidateValue(types.ParameterPH, 14_001), types.ErrInvalidValue)
	require.ErrorIs(t, types.ValidateValue(types.ParameterTemperature, -50_001), types.ErrInvalidValue)
	require.ErrorIs(t, types.ValidateValue(types.ParameterUnspecified, 1), types.ErrInvalidParameter)
	require.Equal(t, int64(-2), types.FloorDiv(-3, 2))
	require.Equal(t, int64(1), types.FloorDiv(3, 2))
	require.Equal(t, int64(-1), types.FloorDiv(-2, 2))
}
