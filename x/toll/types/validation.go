package types

import (
	"math/bits"
	"slices"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/digest"
)

// Bounds of the strings and lists a message may carry, checked before any
// state access.
const (
	MaxPlazaIDLength   = 64
	MaxRouteLength     = 32
	MaxReasonLength    = 64
	MaxDiscountCodes   = 4
	VehicleClassMin    = 1
	VehicleClassMax    = 5
	BpsDenominator     = 10_000
	MinutesPerDay      = 24 * 60
	KSTOffsetSeconds   = 9 * 3600
	MetresPerKilometre = 1000
)

// ValidateID checks an identifier (plaza id, route): 1..max characters of
// [A-Za-z0-9._-].
func ValidateID(field, s string, max int) error {
	if len(s) == 0 || len(s) > max {
		return errorsmod.Wrapf(ErrInvalidID, "%s must be 1..%d characters, got %d", field, max, len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return errorsmod.Wrapf(ErrInvalidID, "%s %q: character %q at %d is not one of [A-Za-z0-9._-]", field, s, c, i)
		}
	}
	return nil
}

// ValidateDigest checks a SHA-256 digest: 64 lowercase hex characters.
func ValidateDigest(field, s string) error {
	return digest.Validate(ErrInvalidDigest, field, s)
}

// ValidateReason checks a reason code: 1..64 of [A-Z0-9_].
func ValidateReason(s string) error {
	if len(s) == 0 || len(s) > MaxReasonLength {
		return errorsmod.Wrapf(ErrInvalidReason, "reason must be 1..%d characters, got %d", MaxReasonLength, len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return errorsmod.Wrapf(ErrInvalidReason, "reason %q: character %q is not one of [A-Z0-9_]", s, c)
		}
	}
	return nil
}

// ValidateVehicleClass checks a Korean vehicle class (1..5).
func ValidateVehicleClass(class uint32) error {
	if class < VehicleClassMin || class > VehicleClassMax {
		return errorsmod.Wrapf(ErrInvalidVehicleClass, "vehicle_class %d", class)
	}
	return nil
}

// ValidateDiscountCodes checks a trip's discount codes: known, no repeats, at
// most MaxDiscountCodes.
func ValidateDiscountCodes(codes []DiscountCode) error {
	if len(codes) > MaxDiscountCodes {
		return errorsmod.Wrapf(ErrInvalidDiscount, "%d discount codes, at most %d", len(codes), MaxDiscountCodes)
	}
	for i, c := range codes {
		if _, ok := DiscountCode_name[int32(c)]; !ok || c == DiscountUnspecified {
			return errorsmod.Wrapf(ErrInvalidDiscount, "discount_codes[%d] = %d", i, c)
		}
		if slices.Contains(codes[:i], c) {
			return errorsmod.Wrapf(ErrInvalidDiscount, "discount code %s repeated", c)
		}
	}
	return nil
}

// ValidateTariffBody checks a tariff's rates, discounts and commuter window:
// exactly one rate per class 1..5 in class order, at most one discount per
// code in code order with 1..10000 bps, and a window start < end <= 1440
// (both 0: no window).
func ValidateTariffBody(rates []ClassRate, discounts []DiscountRate, startMin, endMin uint32) error {
	if len(rates) != VehicleClassMax {
		return errorsmod.Wrapf(ErrInvalidTariff, "rates must have one entry per vehicle class 1..5, got %d entries", len(rates))
	}
	for i, r := range rates {
		if r.VehicleClass != uint32(i+1) {
			return errorsmod.Wrapf(ErrInvalidTariff, "rates[%d] is for class %d, want class %d (class order)", i, r.VehicleClass, i+1)
		}
	}
	if len(discounts) > MaxDiscountCodes {
		return errorsmod.Wrapf(ErrInvalidTariff, "%d discounts, at most %d", len(discounts), MaxDiscountCodes)
	}
	for i, d := range discounts {
		if _, ok := DiscountCode_name[int32(d.Code)]; !ok || d.Code == DiscountUnspecified {
			return errorsmod.Wrapf(ErrInvalidTariff, "discounts[%d]: unknown code %d", i, d.Code)
		}
		if i > 0 && d.Code <= discounts[i-1].Code {
			return errorsmod.Wrapf(ErrInvalidTariff, "discounts[%d]: codes must be in increasing order without repeats", i)
		}
		if d.Bps == 0 || d.Bps > BpsDenominator {
			return errorsmod.Wrapf(ErrInvalidTariff, "discounts[%d]: bps must be 1..%d, got %d", i, BpsDenominator, d.Bps)
		}
	}
	if startMin != 0 || endMin != 0 {
		if startMin >= endMin || endMin > MinutesPerDay {
			return errorsmod.Wrapf(ErrInvalidTariff, "commuter window [%d, %d) must satisfy start < end <= %d", startMin, endMin, MinutesPerDay)
		}
	}
	return nil
}

// AddAmounts returns a + b or ErrAmountOverflow.
func AddAmounts(a, b uint64) (uint64, error) {
	s, carry := bits.Add64(a, b, 0)
	if carry != 0 {
		return 0, errorsmod.Wrapf(ErrAmountOverflow, "%d + %d", a, b)
	}
	return s, nil
}

// MulDiv returns floor(a * b / d) computed in 128 bits, or ErrAmountOverflow
// if the result does not fit 64 bits. d must not be 0.
func MulDiv(a, b, d uint64) (uint64, error) {
	hi, lo := bits.Mul64(a, b)
	if hi >= d {
		return 0, errorsmod.Wrapf(ErrAmountOverflow, "%d * %d / %d", a, b, d)
	}
	q, _ := bits.Div64(hi, lo, d)
	return q, nil
}

// MaxPositionM bounds a position along a route (10 000 km).
const MaxPositionM uint64 = 10_000_000
