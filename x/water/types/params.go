package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/bounds"
)

// Parameter defaults and bounds.
const (
	DefaultMaxClockSkewSeconds uint64 = 300
	MaxMaxClockSkewSeconds     uint64 = 3600
	// DefaultMaxBackfillSeconds lets a sensor that lost its link send a week late.
	DefaultMaxBackfillSeconds uint64 = 7 * 24 * 3600
	MinMaxBackfillSeconds     uint64 = 60
	MaxMaxBackfillSeconds     uint64 = 30 * 24 * 3600
	// DefaultStaleAfterSeconds: two hourly batches missed.
	DefaultStaleAfterSeconds uint64 = 2 * 3600
	MinStaleAfterSeconds     uint64 = 60
	MaxStaleAfterSeconds     uint64 = 30 * 24 * 3600
	// DefaultThresholdMinNoticeSeconds: a new legal threshold is known a week
	// before it applies. The lower bound keeps governance from setting zero.
	DefaultThresholdMinNoticeSeconds uint64 = 7 * 24 * 3600
	MinThresholdMinNoticeSeconds     uint64 = 3600
	MaxThresholdMinNoticeSeconds     uint64 = 365 * 24 * 3600
	DefaultMaxBatchCount             uint64 = 10_000
	MaxMaxBatchCount                 uint64 = 1_000_000
	DefaultMaxBatchWindowSeconds     uint64 = 24 * 3600
	MinMaxBatchWindowSeconds         uint64 = 60
	MaxMaxBatchWindowSeconds         uint64 = 7 * 24 * 3600
	DefaultMaxSensorsPerSite         uint32 = 32
	MaxMaxSensorsPerSite             uint32 = 1000
	DefaultMaxSummaryIncidents       uint32 = 10
	MaxMaxSummaryIncidents           uint32 = 64
)

// DefaultParams returns the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		MaxClockSkewSeconds:       DefaultMaxClockSkewSeconds,
		MaxBackfillSeconds:        DefaultMaxBackfillSeconds,
		StaleAfterSeconds:         DefaultStaleAfterSeconds,
		ThresholdMinNoticeSeconds: DefaultThresholdMinNoticeSeconds,
		MaxBatchCount:             DefaultMaxBatchCount,
		MaxBatchWindowSeconds:     DefaultMaxBatchWindowSeconds,
		MaxSensorsPerSite:         DefaultMaxSensorsPerSite,
		MaxSummaryIncidents:       DefaultMaxSummaryIncidents,
	}
}

// Validate checks every parameter against its bounds.
func (p Params) Validate() error {
	if err := bounds.First(
		bounds.Range("max_clock_skew_seconds", p.MaxClockSkewSeconds, 1, MaxMaxClockSkewSeconds),
		bounds.Range("max_backfill_seconds", p.MaxBackfillSeconds, MinMaxBackfillSeconds, MaxMaxBackfillSeconds),
		bounds.Range("stale_after_seconds", p.StaleAfterSeconds, MinStaleAfterSeconds, MaxStaleAfterSeconds),
		bounds.Range("threshold_min_notice_seconds", p.ThresholdMinNoticeSeconds, MinThresholdMinNoticeSeconds, MaxThresholdMinNoticeSeconds),
		bounds.Range("max_batch_count", p.MaxBatchCount, 1, MaxMaxBatchCount),
		bounds.Range("max_batch_window_seconds", p.MaxBatchWindowSeconds, MinMaxBatchWindowSeconds, MaxMaxBatchWindowSeconds),
		bounds.Range("max_sensors_per_site", p.MaxSensorsPerSite, 1, MaxMaxSensorsPerSite),
		bounds.Range("max_summary_incidents", p.MaxSummaryIncidents, 1, MaxMaxSummaryIncidents),
	); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	return nil
}
