package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/bounds"
)

// Parameter defaults and bounds.
const (
	DefaultMaxItemsPerDeclaration uint32 = 50
	MaxMaxItemsPerDeclaration     uint32 = 1000
	DefaultMaxRecallTargets       uint32 = 200
	MaxMaxRecallTargets           uint32 = 5000
	DefaultMaxStaffPerFacility    uint32 = 100
	MaxMaxStaffPerFacility        uint32 = 10_000
)

// DefaultParams returns the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		MaxItemsPerDeclaration: DefaultMaxItemsPerDeclaration,
		MaxRecallTargets:       DefaultMaxRecallTargets,
		MaxStaffPerFacility:    DefaultMaxStaffPerFacility,
	}
}

// Validate checks every parameter against its bounds.
func (p Params) Validate() error {
	if err := bounds.First(
		bounds.Range("max_items_per_declaration", p.MaxItemsPerDeclaration, 1, MaxMaxItemsPerDeclaration),
		bounds.Range("max_recall_targets", p.MaxRecallTargets, 1, MaxMaxRecallTargets),
		bounds.Range("max_staff_per_facility", p.MaxStaffPerFacility, 1, MaxMaxStaffPerFacility),
	); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	return nil
}
