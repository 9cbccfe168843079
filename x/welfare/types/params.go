package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/civicchain/civic/internal/bounds"
)

// Parameter defaults and bounds.
const (
	// MaxGroupsPerProgram is the hard bound of max_groups_per_program: an
	// application carries one slot key per group, and releasing an enrolment
	// deletes at most this many slots.
	MaxGroupsPerProgram uint32 = 4
	// DefaultMaxGroupsPerProgram allows the hard bound.
	DefaultMaxGroupsPerProgram uint32 = 4
	// MaxDistributeBound is the hard bound of max_distribute.
	MaxDistributeBound uint32 = 1_000
	// DefaultMaxDistribute keeps a MsgDistribute within a block's gas.
	DefaultMaxDistribute uint32 = 200
	// MaxSecondsBound is the hard bound of max_entitlement_seconds and
	// max_cycle_seconds: ten years.
	MaxSecondsBound uint64 = 10 * 366 * 24 * 3600
	// DefaultMaxEntitlementSeconds is five years: an entitlement is reviewed at least that often.
	DefaultMaxEntitlementSeconds uint64 = 5 * 365 * 24 * 3600
	// DefaultMaxCycleSeconds is 366 days: a yearly cycle at most.
	DefaultMaxCycleSeconds uint64 = 366 * 24 * 3600
)

var (
	// MaxMaxAmount is the hard bound of max_amount (10^30): a sum of many
	// thousands of such amounts still fits math.Int's 256 bits.
	MaxMaxAmount = sdkmath.NewIntWithDecimal(1, 30)
	// DefaultMaxAmount is 10^15 base units.
	DefaultMaxAmount = sdkmath.NewIntWithDecimal(1, 15)
)

// DefaultParams returns the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		MaxAmount:             DefaultMaxAmount,
		MaxGroupsPerProgram:   DefaultMaxGroupsPerProgram,
		MaxDistribute:         DefaultMaxDistribute,
		MaxEntitlementSeconds: DefaultMaxEntitlementSeconds,
		MaxCycleSeconds:       DefaultMaxCycleSeconds,
	}
}

// Validate checks every parameter against its bounds.
func (p Params) Validate() error {
	if err := p.validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	return nil
}

func (p Params) validate() error {
	if err := bounds.First(
		bounds.Range("max_groups_per_program", p.MaxGroupsPerProgram, 1, MaxGroupsPerProgram),
		bounds.Range("max_distribute", p.MaxDistribute, 1, MaxDistributeBound),
		bounds.Range("max_entitlement_seconds", p.MaxEntitlementSeconds, 1, MaxSecondsBound),
		bounds.Range("max_cycle_seconds", p.MaxCycleSeconds, 1, MaxSecondsBound),
	); err != nil {
		return err
	}
	if p.MaxAmount.IsNil() || !p.MaxAmount.IsPositive() || p.MaxAmount.GT(MaxMaxAmount) {
		return fmt.Errorf("max_amount must be 1..%s, got %s", MaxMaxAmount, bounds.IntString(p.MaxAmount))
	}
	return nil
}
