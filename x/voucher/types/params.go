package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/bounds"
	"github.com/civicchain/civic/internal/text"
)

// Parameter defaults and bounds.
const (
	// MaxFundingDenoms bounds params.allowed_funding_denoms.
	MaxFundingDenoms = 16
	// MaxDistricts is the hard bound of max_districts: more than every
	// si/gun/gu of the country (about 250).
	MaxDistricts uint32 = 300
	// DefaultMaxDistricts allows every si/gun/gu of a large province.
	DefaultMaxDistricts uint32 = 64
	// MaxExcludedMccs is the hard bound of max_excluded_mccs.
	MaxExcludedMccs uint32 = 1_000
	// DefaultMaxExcludedMccs allows the excluded categories of 지역사랑상품권 and more.
	DefaultMaxExcludedMccs uint32 = 200
	// MaxClasses is the hard bound of max_classes.
	MaxClasses uint32 = 64
	// DefaultMaxClasses allows household classes 1..4+ and room to spare.
	DefaultMaxClasses uint32 = 16
	// MaxAllocators is the hard bound of max_allocators.
	MaxAllocators uint32 = 64
	// DefaultMaxAllocators allows a few welfare agencies.
	DefaultMaxAllocators uint32 = 8
	// MaxAllocationEntries is the hard bound of max_allocation_entries.
	MaxAllocationEntries uint32 = 1_000
	// DefaultMaxAllocationEntries keeps a MsgAllocate within a block's gas.
	DefaultMaxAllocationEntries uint32 = 100
	// MaxSweepBound is the hard bound of max_sweep.
	MaxSweepBound uint32 = 1_000
	// DefaultMaxSweep keeps a MsgSweep within a block's gas.
	DefaultMaxSweep uint32 = 100
)

var (
	// MaxMaxAmount is the hard bound of max_amount (10^30): a sum of a few
	// thousand such amounts still fits math.Int's 256 bits many times over.
	MaxMaxAmount = sdkmath.NewIntWithDecimal(1, 30)
	// DefaultMaxAmount is 10^15 base units (a trillion won with room to spare).
	DefaultMaxAmount = sdkmath.NewIntWithDecimal(1, 15)
	// DefaultFundingDenoms are the staking denom and the won-backed denom.
	DefaultFundingDenoms = []string{"ucivic", "ukrw"}
)

// DefaultParams returns the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		AllowedFundingDenoms: append([]string(nil), DefaultFundingDenoms...),
		MaxAmount:            DefaultMaxAmount,
		MaxDistricts:         DefaultMaxDistricts,
		MaxExcludedMccs:      DefaultMaxExcludedMccs,
		MaxClasses:           DefaultMaxClasses,
		MaxAllocators:        DefaultMaxAllocators,
		MaxAllocationEntries: DefaultMaxAllocationEntries,
		MaxSweep:             DefaultMaxSweep,
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
		bounds.Range("max_districts", p.MaxDistricts, 1, MaxDistricts),
		bounds.Range("max_excluded_mccs", p.MaxExcludedMccs, 1, MaxExcludedMccs),
		bounds.Range("max_classes", p.MaxClasses, 1, MaxClasses),
		bounds.Range("max_allocators", p.MaxAllocators, 1, MaxAllocators),
		bounds.Range("max_allocation_entries", p.MaxAllocationEntries, 1, MaxAllocationEntries),
		bounds.Range("max_sweep", p.MaxSweep, 1, MaxSweepBound),
	); err != nil {
		return err
	}
	if p.MaxAmount.IsNil() || !p.MaxAmount.IsPositive() || p.MaxAmount.GT(MaxMaxAmount) {
		return fmt.Errorf("max_amount must be 1..%s, got %s", MaxMaxAmount, bounds.IntString(p.MaxAmount))
	}
	if n := len(p.AllowedFundingDenoms); n < 1 || n > MaxFundingDenoms {
		return fmt.Errorf("allowed_funding_denoms must hold 1..%d denoms, got %d", MaxFundingDenoms, n)
	}
	seen := make(map[string]bool, len(p.AllowedFundingDenoms))
	for _, d := range p.AllowedFundingDenoms {
		if err := sdk.ValidateDenom(d); err != nil {
			return fmt.Errorf("allowed_funding_denoms: %s is not a bank denom: %w", text.Quote(d), err)
		}
		if IsVoucherDenom(d) {
			return fmt.Errorf("allowed_funding_denoms: %s is a voucher denom: vouchers cannot back vouchers", text.Quote(d))
		}
		if seen[d] {
			return fmt.Errorf("allowed_funding_denoms names %s twice", text.Quote(d))
		}
		seen[d] = true
	}
	return nil
}

// AllowsFunding reports whether denom may fund a new program.
func (p Params) AllowsFunding(denom string) bool {
	for _, d := range p.AllowedFundingDenoms {
		if d == denom {
			return true
		}
	}
	return false
}
