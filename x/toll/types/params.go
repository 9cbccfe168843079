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
	return nil
}
