package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// parseCanonical decodes a bech32 account address of the chain's prefix and requires its
// canonical (lowercase) spelling, as every message does (internal/accaddr).
func parseCanonical(s string) (sdk.AccAddress, error) {
	addr, err := sdk.AccAddressFromBech32(s)
	if err != nil {
		return nil, err
	}
	if addr.String() != s {
		return nil, fmt.Errorf("not in canonical (lowercase) form %s", addr)
	}
	return addr, nil
}

// DefaultGenesis returns the default genesis state: default params, no agencies.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the genesis state without the role catalog (InitGenesis checks that):
// unique valid ids and names, valid canonical admin and member addresses, storable statuses, sorted
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
		admin, err := parseCanonical(a.Admin)
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
		addr, err := parseCanonical(m.Address)
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
	return gs.validateOffers(agencies)
}

// validateOffers checks the pending offers: each names an existing agency and a canonical
// address, once; a membership offer's roles are sorted, unique and well formed (governance
// may have withdrawn one of them from the agency since: acceptance checks that) and no
// agency holds more than MaxPendingOffersPerAgencyLimit; an admin offer does not name the
// agency's current admin. Whether the named account is free is checked on acceptance.
func (gs GenesisState) validateOffers(agencies map[string]*Agency) error {
	seen := make(map[string]struct{}, len(gs.MembershipOffers))
	counts := make(map[string]uint32, len(gs.Agencies))
	for i := range gs.MembershipOffers {
		o := &gs.MembershipOffers[i]
		addr, err := parseCanonical(o.Address)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "membership offer %d: address %q: %s", i, o.Address, err)
		}
		if _, ok := agencies[o.AgencyId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "membership offer to %s: agency %q does not exist", o.Address, o.AgencyId)
		}
		key := o.AgencyId + "/" + string(addr)
		if _, dup := seen[key]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate membership offer of agency %q to %s", o.AgencyId, o.Address)
		}
		seen[key] = struct{}{}
		if err := ValidateSortedRoles(o.Roles); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "membership offer of agency %q to %s: %s", o.AgencyId, o.Address, err)
		}
		counts[o.AgencyId]++
		if counts[o.AgencyId] > MaxPendingOffersPerAgencyLimit {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agency %q has more than %d membership offers", o.AgencyId, MaxPendingOffersPerAgencyLimit)
		}
	}
	adminOffers := make(map[string]struct{}, len(gs.AdminOffers))
	for i := range gs.AdminOffers {
		o := &gs.AdminOffers[i]
		a, ok := agencies[o.AgencyId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "admin offer %d: agency %q does not exist", i, o.AgencyId)
		}
		if _, dup := adminOffers[o.AgencyId]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate admin offer of agency %q", o.AgencyId)
		}
		adminOffers[o.AgencyId] = struct{}{}
		if _, err := parseCanonical(o.NewAdmin); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "admin offer of agency %q: new admin %q: %s", o.AgencyId, o.NewAdmin, err)
		}
		if o.NewAdmin == a.Admin {
			return errorsmod.Wrapf(ErrInvalidGenesis, "admin offer of agency %q names its current admin", o.AgencyId)
		}
	}
	return nil
}
