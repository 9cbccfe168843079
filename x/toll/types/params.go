package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/bounds"
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
	// DefaultTariffMinNoticeSeconds is a week: operators whose terminals
	// quote and collect a fare before recording it, and whose trips cross
	// another operator's segments, learn of a new rate in time.
	DefaultTariffMinNoticeSeconds uint64 = 7 * 24 * 3600
	MaxTariffMinNoticeSeconds     uint64 = 366 * 24 * 3600
	// MaxMaxBaseFee and MaxMaxPerKm bound the caps themselves, so that no
	// fare (at most MaxPositionM metres) comes near overflowing uint64:
	// 10^12 * 10^4 km + 10^15 < 1.1 * 10^16.
	MaxMaxBaseFee uint64 = 1_000_000_000_000_000
	MaxMaxPerKm   uint64 = 1_000_000_000_000
)

// DefaultMaxRates caps tariffs at 10 000 KRW base fee and 1 000 KRW per km
// (in ukrw) for every class: ten to twenty times today's Korean expressway
// tariffs for passenger cars, several times those for class 5.
func DefaultMaxRates() []ClassRate {
	rates := make([]ClassRate, VehicleClassMax)
	for i := range rates {
		rates[i] = ClassRate{VehicleClass: uint32(i + 1), BaseFee: 10_000_000_000, PerKm: 1_000_000_000}
	}
	return rates
}

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
		TariffMinNoticeSeconds:      DefaultTariffMinNoticeSeconds,
		MaxRates:                    DefaultMaxRates(),
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
	if err := bounds.First(
		bounds.Range("max_trip_age_seconds", p.MaxTripAgeSeconds, 1, MaxMaxTripAgeSeconds),
		bounds.Range("max_trip_duration_seconds", p.MaxTripDurationSeconds, 1, MaxMaxTripDurationSeconds),
		bounds.Range("max_segments_per_trip", p.MaxSegmentsPerTrip, 1, MaxMaxSegmentsPerTrip),
		bounds.Range("max_batch_operators", p.MaxBatchOperators, 1, MaxMaxBatchOperators),
		bounds.Range("max_batch_trips", p.MaxBatchTrips, 1, MaxMaxBatchTrips),
		bounds.Range("max_trip_fare", p.MaxTripFare, 1, MaxMaxTripFare),
		bounds.Range("max_period_total", p.MaxPeriodTotal, 1, MaxPeriodTotal),
	); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	if p.MaxPeriodAccrual == 0 || p.MaxPeriodAccrual > p.MaxPeriodTotal {
		return errorsmod.Wrapf(ErrInvalidParams, "max_period_accrual must be 1..max_period_total (%d), got %d", p.MaxPeriodTotal, p.MaxPeriodAccrual)
	}
	if err := bounds.First(
		bounds.Range("confirmation_deadline_seconds", p.ConfirmationDeadlineSeconds, MinConfirmationDeadlineSeconds, MaxConfirmationDeadlineSeconds),
		bounds.Range("appeal_window_seconds", p.AppealWindowSeconds, 1, MaxAppealWindowSeconds),
		bounds.Range("min_period_seconds", p.MinPeriodSeconds, 1, MaxMinPeriodSeconds),
	); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	// A version set now never prices a trip whose exit lies within the clock
	// skew of now (a trip a terminal may already have quoted and collected).
	minNotice := max(1, p.MaxClockSkewSeconds)
	if p.TariffMinNoticeSeconds < minNotice || p.TariffMinNoticeSeconds > MaxTariffMinNoticeSeconds {
		return errorsmod.Wrapf(ErrInvalidParams, "tariff_min_notice_seconds must be %d (max(1, max_clock_skew_seconds))..%d, got %d", minNotice, MaxTariffMinNoticeSeconds, p.TariffMinNoticeSeconds)
	}
	if len(p.MaxRates) != VehicleClassMax {
		return errorsmod.Wrapf(ErrInvalidParams, "max_rates must have one entry per vehicle class 1..%d, got %d entries", VehicleClassMax, len(p.MaxRates))
	}
	for i, r := range p.MaxRates {
		if r.VehicleClass != uint32(i+1) {
			return errorsmod.Wrapf(ErrInvalidParams, "max_rates[%d] is for class %d, want class %d (class order)", i, r.VehicleClass, i+1)
		}
		if r.BaseFee > MaxMaxBaseFee || r.PerKm > MaxMaxPerKm {
			return errorsmod.Wrapf(ErrInvalidParams, "max_rates[%d]: base_fee %d and per_km %d must be at most %d and %d", i, r.BaseFee, r.PerKm, MaxMaxBaseFee, MaxMaxPerKm)
		}
	}
	return nil
}

// CheckTariffRates checks a tariff's rates (one per class, in class order,
// see ValidateTariffBody) against the params' max_rates.
func (p Params) CheckTariffRates(rates []ClassRate) error {
	for i, r := range rates {
		if i >= len(p.MaxRates) {
			break
		}
		m := p.MaxRates[i]
		if r.BaseFee > m.BaseFee {
			return errorsmod.Wrapf(ErrTariffAboveMax, "class %d: base_fee %d is above max_rates' %d", r.VehicleClass, r.BaseFee, m.BaseFee)
		}
		if r.PerKm > m.PerKm {
			return errorsmod.Wrapf(ErrTariffAboveMax, "class %d: per_km %d is above max_rates' %d", r.VehicleClass, r.PerKm, m.PerKm)
		}
	}
	return nil
}
