package types

import errorsmod "cosmossdk.io/errors"

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
	if p.MaxItemsPerDeclaration == 0 || p.MaxItemsPerDeclaration > MaxMaxItemsPerDeclaration {
		return errorsmod.Wrapf(ErrInvalidParams, "max_items_per_declaration must be 1..%d, got %d", MaxMaxItemsPerDeclaration, p.MaxItemsPerDeclaration)
	}
	if p.MaxRecallTargets == 0 || p.MaxRecallTargets > MaxMaxRecallTargets {
		return errorsmod.Wrapf(ErrInvalidParams, "max_recall_targets must be 1..%d, got %d", MaxMaxRecallTargets, p.MaxRecallTargets)
	}
	if p.MaxStaffPerFacility == 0 || p.MaxStaffPerFacility > MaxMaxStaffPerFacility {
		return errorsmod.Wrapf(ErrInvalidParams, "max_staff_per_facility must be 1..%d, got %d", MaxMaxStaffPerFacility, p.MaxStaffPerFacility)
	}
	return nil
}
