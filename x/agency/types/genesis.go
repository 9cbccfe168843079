package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis returns the default genesis state: default params, no agencies.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the genesis state without the role catalog (InitGenesis checks that):
// unique valid ids and names, valid admin and member addresses, storable statuses, sorted
// unique well-formed roles, each member's agency exists and its roles are a subset of the
// agency's, at most one agency per address (admins included; an admin may be a member of
// its own agency) and no agency over MaxMembersPerAgencyLimit members (a lowered
// params.max_members_per_agency leaves existing members in place, so it is not checked here).
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	agencies := make(map[string]*Agency, len(gs.Agencies))
	affiliation := make(map[string]string, len(gs.Agencies)+len(gs.Members)) // address bytes -> agency id
	for i := range gs.Agencies {
		a := &gs.Agencies[i]
		if err := ValidateAgencyID(a.Id); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agency %d: %s", i, err)
		}
		if _, dup := agencies[a.Id]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate agency %q", a.Id)
		}
		agencies[a.Id] = a
		if err := ValidateName(a.Name); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agency %q: %s", a.Id, err)
		}
		admin, err := sdk.AccAddressFromBech32(a.Admin)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agency %q: admin %q: %s", a.Id, a.Admin, err)
		}
		if other, taken := affiliation[string(admin)]; taken {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agency %q: admin %s already belongs to agency %q", a.Id, a.Admin, other)
		}
		affiliation[string(admin)] = a.Id
		if !ValidStatus(a.Status) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agency %q: invalid status %s", a.Id, StatusName(a.Status))
		}
		if err := ValidateSortedRoles(a.Roles); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agency %q: %s", a.Id, err)
		}
	}

	members := make(map[string]struct{}, len(gs.Members))
	counts := make(map[string]uint32, len(gs.Agencies))
	for i := range gs.Members {
		m := &gs.Members[i]
		addr, err := sdk.AccAddressFromBech32(m.Address)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member %d: address %q: %s", i, m.Address, err)
		}
		a, ok := agencies[m.AgencyId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member %s: agency %q does not exist", m.Address, m.AgencyId)
		}
		if _, dup := members[string(addr)]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate member %s", m.Address)
		}
		members[string(addr)] = struct{}{}
		if other, taken := affiliation[string(addr)]; taken && other != m.AgencyId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member %s of agency %q already belongs to agency %q", m.Address, m.AgencyId, other)
		}
		affiliation[string(addr)] = m.AgencyId
		if err := ValidateSortedRoles(m.Roles); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member %s: %s", m.Address, err)
		}
		for _, r := range m.Roles {
			if !HasRole(a.Roles, r) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "member %s holds role %q that agency %q does not have", m.Address, r, a.Id)
			}
		}
		// params.max_members_per_agency only gates new members: governance may lower it
		// below an agency's count, and that state must export and import. No agency can
		// exceed the hard ceiling, which bounds MsgSetAgencyRoles' loop over members.
		counts[m.AgencyId]++
		if counts[m.AgencyId] > MaxMembersPerAgencyLimit {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agency %q has more than %d members", m.AgencyId, MaxMembersPerAgencyLimit)
		}
	}
	return nil
}
