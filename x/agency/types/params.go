package types

import errorsmod "cosmossdk.io/errors"

const (
	// DefaultMaxMembersPerAgency is the default member bound of an agency.
	DefaultMaxMembersPerAgency uint32 = 1000
	// MaxMembersPerAgencyLimit is the hard ceiling governance may set; it bounds the loop
	// of MsgSetAgencyRoles over an agency's members.
	MaxMembersPerAgencyLimit uint32 = 10_000
)

// DefaultParams returns the default module params.
func DefaultParams() Params {
	return Params{MaxMembersPerAgency: DefaultMaxMembersPerAgency}
}

// Validate checks the params.
func (p Params) Validate() error {
	if p.MaxMembersPerAgency == 0 || p.MaxMembersPerAgency > MaxMembersPerAgencyLimit {
		return errorsmod.Wrapf(ErrInvalidParams, "max_members_per_agency must be 1..%d, got %d",
			MaxMembersPerAgencyLimit, p.MaxMembersPerAgency)
	}
	return nil
}
