package types

import errorsmod "cosmossdk.io/errors"

// Parameter defaults and bounds.
const (
	DefaultMaxItemsPerCase    uint64 = 1000
	MaxMaxItemsPerCase        uint64 = 100_000
	DefaultMaxDerivationDepth uint32 = 4
	MaxMaxDerivationDepth     uint32 = 32
	// DefaultMaxIntegrityChecksPerItem allows a check a month for eight years.
	DefaultMaxIntegrityChecksPerItem uint32 = 100
	MaxMaxIntegrityChecksPerItem     uint32 = 10_000
)

// DefaultParams returns the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		MaxItemsPerCase:    DefaultMaxItemsPerCase,
		MaxDerivationDepth: DefaultMaxDerivationDepth,

		MaxIntegrityChecksPerItem: DefaultMaxIntegrityChecksPerItem,
	}
}

// Validate checks every parameter against its bounds.
func (p Params) Validate() error {
	if p.MaxItemsPerCase == 0 || p.MaxItemsPerCase > MaxMaxItemsPerCase {
		return errorsmod.Wrapf(ErrInvalidParams, "max_items_per_case must be 1..%d, got %d", MaxMaxItemsPerCase, p.MaxItemsPerCase)
	}
	if p.MaxDerivationDepth == 0 || p.MaxDerivationDepth > MaxMaxDerivationDepth {
		return errorsmod.Wrapf(ErrInvalidParams, "max_derivation_depth must be 1..%d, got %d", MaxMaxDerivationDepth, p.MaxDerivationDepth)
	}
	if p.MaxIntegrityChecksPerItem == 0 || p.MaxIntegrityChecksPerItem > MaxMaxIntegrityChecksPerItem {
		return errorsmod.Wrapf(ErrInvalidParams, "max_integrity_checks_per_item must be 1..%d, got %d", MaxMaxIntegrityChecksPerItem, p.MaxIntegrityChecksPerItem)
	}
	return nil
}
