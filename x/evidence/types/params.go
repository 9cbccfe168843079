package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/bounds"
)

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
	if err := bounds.First(
		bounds.Range("max_items_per_case", p.MaxItemsPerCase, 1, MaxMaxItemsPerCase),
		bounds.Range("max_derivation_depth", p.MaxDerivationDepth, 1, MaxMaxDerivationDepth),
		bounds.Range("max_integrity_checks_per_item", p.MaxIntegrityChecksPerItem, 1, MaxMaxIntegrityChecksPerItem),
	); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	return nil
}
