package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Parameter defaults and bounds.
const (
	DefaultDenom                         = "ukrw"
	DefaultMaxClockSkewSeconds    uint64 = 300
	MaxMaxClockSkewSeconds        uint64 = 3600
	DefaultMaxTripAgeSeconds      uint64 = 30 * 24 * 3600
	MaxMaxTripAgeSeconds          uint64 = 366 * 24 * 3600
	DefaultMaxTripDurationSeconds uint64 = 48 * 3600
	MaxMaxTripDurationSeconds     uint64 = 7 * 24 * 3600
	DefaultMaxSegmentsPerTrip     uint32 = 64
	MaxMaxSegmentsPerTrip         uint32 = 1000
	DefaultMaxBatchOperators      uint32 = 32
	MaxMaxBatchOperators          uint32 = 1000
	DefaultMaxBatchTrips          uint64 = 1_000_000
	MaxMaxBatchTrips              uint64 = 100_000_000
	DefaultMaxTripFare            uint64 = 1_000_000_000_000 // 1 000 000 KRW in ukrw
	MaxMaxTripFare                uint64 = 1_000_000_000_000_000
	// MaxPeriodTotal is the hard bound of max_period_total, 2^62: every sum
	// over a period's accruals (receivables, payables, disputed parts, nets,
	// escrow) is at most the period's accrued total, so it fits an int64.
	MaxPeriodTotal                     uint64 = 1 << 62
	DefaultMaxPeriodTotal              uint64 = MaxPeriodTotal
	DefaultMaxPeriodAccrual            uint64 = 100_000_000_000_000_000 // 10^11 KRW in ukrw
	DefaultConfirmationDeadlineSeconds uint64 = 7 * 24 * 3600
	MinConfirmationDeadlineSeconds     uint64 = 3600
	MaxConfirmationDeadlineSeconds     uint64 = 90 * 24 * 3600
	DefaultAppealWindowSeconds         uint64 = 7 * 24 * 3600
	MaxAppealWindowSeconds             uint64 = 90 * 24 * 3600
	DefaultMinPeriodSeconds            uint64 = 60
	MaxMinPeriodSeconds                uint64 = 31 * 24 * 3600
)

// DefaultParams returns the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		Denom:                  DefaultDenom,
		MaxClockSkewSeconds:    DefaultMaxClockSkewSeconds,
		MaxTripAgeSeconds:      DefaultMaxTripAgeSeconds,
		MaxTripDurationSeconds: DefaultMaxTripDurationSeconds,
		MaxSegmentsPerTrip:     DefaultMaxSegmentsPerTrip,
		MaxBatchOperators:      DefaultMaxBatchOperators,
		MaxBatchTrips:          DefaultMaxBatchTrips,

		MaxTripFare:                 DefaultMaxTripFare,
		MaxPeriodAccrual:            DefaultMaxPeriodAccrual,
		MaxPeriodTotal:              DefaultMaxPeriodTotal,
		ConfirmationDeadlineSeconds: DefaultConfirmationDeadlineSeconds,
		AppealWindowSeconds:         DefaultAppealWindowSeconds,
		MinPeriodSeconds:            DefaultMinPeriodSeconds,
	}
}

// Validate checks every parameter against its bounds.
func (p Params) Validate() error {
	if err := sdk.ValidateDenom(p.Denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "denom: %s", err)
	}
	if p.MaxClockSkewSeconds > MaxMaxClockSkewSeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "max_clock_skew_seconds must be at most %d, got %d", MaxMaxClockSkewSeconds, p.MaxClockSkewSeconds)
	}
	if p.MaxTripAgeSeconds == 0 || p.MaxTripAgeSeconds > MaxMaxTripAgeSeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "max_trip_age_seconds must be 1..%d, got %d", MaxMaxTripAgeSeconds, p.MaxTripAgeSeconds)
	}
	if p.MaxTripDurationSeconds == 0 || p.MaxTripDurationSeconds > MaxMaxTripDurationSeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "max_trip_duration_seconds must be 1..%d, got %d", MaxMaxTripDurationSeconds, p.MaxTripDurationSeconds)
	}
	if p.MaxSegmentsPerTrip == 0 || p.MaxSegmentsPerTrip > MaxMaxSegmentsPerTrip {
		return errorsmod.Wrapf(ErrInvalidParams, "max_segments_per_trip must be 1..%d, got %d", MaxMaxSegmentsPerTrip, p.MaxSegmentsPerTrip)
	}
	if p.MaxBatchOperators == 0 || p.MaxBatchOperators > MaxMaxBatchOperators {
		return errorsmod.Wrapf(ErrInvalidParams, "max_batch_operators must be 1..%d, got %d", MaxMaxBatchOperators, p.MaxBatchOperators)
	}
	if p.MaxBatchTrips == 0 || p.MaxBatchTrips > MaxMaxBatchTrips {
		return errorsmod.Wrapf(ErrInvalidParams, "max_batch_trips must be 1..%d, got %d", MaxMaxBatchTrips, p.MaxBatchTrips)
	}
	if p.MaxTripFare == 0 || p.MaxTripFare > MaxMaxTripFare {
		return errorsmod.Wrapf(ErrInvalidParams, "max_trip_fare must be 1..%d, got %d", MaxMaxTripFare, p.MaxTripFare)
	}
	if p.MaxPeriodTotal == 0 || p.MaxPeriodTotal > MaxPeriodTotal {
		return errorsmod.Wrapf(ErrInvalidParams, "max_period_total must be 1..%d, got %d", MaxPeriodTotal, p.MaxPeriodTotal)
	}
	if p.MaxPeriodAccrual == 0 || p.MaxPeriodAccrual > p.MaxPeriodTotal {
		return errorsmod.Wrapf(ErrInvalidParams, "max_period_accrual must be 1..max_period_total (%d), got %d", p.MaxPeriodTotal, p.MaxPeriodAccrual)
	}
	if p.ConfirmationDeadlineSeconds < MinConfirmationDeadlineSeconds || p.ConfirmationDeadlineSeconds > MaxConfirmationDeadlineSeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "confirmation_deadline_seconds must be %d..%d, got %d", MinConfirmationDeadlineSeconds, MaxConfirmationDeadlineSeconds, p.ConfirmationDeadlineSeconds)
	}
	if p.AppealWindowSeconds == 0 || p.AppealWindowSeconds > MaxAppealWindowSeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "appeal_window_seconds must be 1..%d, got %d", MaxAppealWindowSeconds, p.AppealWindowSeconds)
	}
	if p.MinPeriodSeconds == 0 || p.MinPeriodSeconds > MaxMinPeriodSeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "min_period_seconds must be 1..%d, got %d", MaxMinPeriodSeconds, p.MinPeriodSeconds)
	}
	return nil
}
