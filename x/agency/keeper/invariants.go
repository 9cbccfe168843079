package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/agency/types"
)

// Invariants of x/agency's state: what every handler keeps true (README "Invariants kept by
// every handler") and what the derived indexes must agree on. Each check walks the whole
// store, so they are for tests and simulations (app/sim_test.go), never for a block hook;
// the crisis module is not wired. Each returns nil or an error naming the broken record.

// Invariant is one named check of the module state.
type Invariant struct {
	Name  string
	Check func(ctx context.Context) error
}

// Invariants lists every invariant of x/agency, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []Invariant {
	return []Invariant{
		{"agencies", k.AgenciesInvariant},
		{"members", k.MembersInvariant},
		{"members-by-agency", k.MembersByAgencyInvariant},
		{"member-count", k.MemberCountInvariant},
		{"affiliations", k.AffiliationsInvariant},
		{"offers", k.OffersInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	var errs []error
	for _, inv := range k.Invariants() {
		if err := inv.Check(ctx); err != nil {
			errs = append(errs, fmt.Errorf("x/agency invariant %q broken: %w", inv.Name, err))
		}
	}
	return errors.Join(errs...)
}

// AgenciesInvariant checks every agency record: stored under its own id, a valid slug, a
// storable status, sorted unique roles all in the role catalog, and its admin indexed in
// Affiliations under the agency.
func (k Keeper) AgenciesInvariant(ctx context.Context) error {
	return k.Agencies.Walk(ctx, nil, func(id string, a types.Agency) (bool, error) {
		if a.Id != id {
			return true, fmt.Errorf("agency stored under %q has id %q", id, a.Id)
		}
		if err := types.ValidateAgencyID(a.Id); err != nil {
			return true, fmt.Errorf("agency %q: %w", id, err)
		}
		if !types.ValidStatus(a.Status) {
			return true, fmt.Errorf("agency %q has status %s", id, types.StatusName(a.Status))
		}
		if err := types.ValidateSortedRoles(a.Roles); err != nil {
			return true, fmt.Errorf("agency %q roles: %w", id, err)
		}
		for _, r := range a.Roles {
			if !k.IsKnownRole(r) {
				return true, fmt.Errorf("agency %q has role %q, which is not in the role catalog", id, r)
			}
		}
		admin, err := k.addressCodec.StringToBytes(a.Admin)
		if err != nil {
			return true, fmt.Errorf("agency %q admin %q: %w", id, a.Admin, err)
		}
		got, err := k.Affiliations.Get(ctx, admin)
		switch {
		case errors.Is(err, collections.ErrNotFound):
			return true, fmt.Errorf("agency %q: admin %s is not in the affiliation index", id, a.Admin)
		case err != nil:
			return true, err
		case got != id:
			return true, fmt.Errorf("agency %q: admin %s is indexed as affiliated with agency %q", id, a.Admin, got)
		}
		return false, nil
	})
}

// MembersInvariant checks every member record: stored under its own address, its agency
// exists, its roles are sorted, unique and a subset of the agency's, and it is indexed in
// MembersByAgency and in Affiliations under its agency.
func (k Keeper) MembersInvariant(ctx context.Context) error {
	return k.Members.Walk(ctx, nil, func(addr sdk.AccAddress, m types.Member) (bool, error) {
		bz, err := k.addressCodec.StringToBytes(m.Address)
		if err != nil || !bytes.Equal(bz, addr) {
			return true, fmt.Errorf("member stored under %s has address %q", k.addrString(addr), m.Address)
		}
		agency, err := k.Agencies.Get(ctx, m.AgencyId)
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("member %s belongs to agency %q, which does not exist", m.Address, m.AgencyId)
		} else if err != nil {
			return true, err
		}
		if err := types.ValidateSortedRoles(m.Roles); err != nil {
			return true, fmt.Errorf("member %s roles: %w", m.Address, err)
		}
		for _, r := range m.Roles {
			if !types.HasRole(agency.Roles, r) {
				return true, fmt.Errorf("member %s holds role %q, which agency %q does not have", m.Address, r, m.AgencyId)
			}
		}
		has, err := k.MembersByAgency.Has(ctx, collections.Join(m.AgencyId, addr))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("member %s of agency %q is not in the members-by-agency index", m.Address, m.AgencyId)
		}
		got, err := k.Affiliations.Get(ctx, addr)
		switch {
		case errors.Is(err, collections.ErrNotFound):
			return true, fmt.Errorf("member %s of agency %q is not in the affiliation index", m.Address, m.AgencyId)
		case err != nil:
			return true, err
		case got != m.AgencyId:
			return true, fmt.Errorf("member %s of agency %q is indexed as affiliated with agency %q", m.Address, m.AgencyId, got)
		}
		return false, nil
	})
}

// MembersByAgencyInvariant checks that every (agency, address) index entry points to a
// member of that agency.
func (k Keeper) MembersByAgencyInvariant(ctx context.Context) error {
	return k.MembersByAgency.Walk(ctx, nil, func(key collections.Pair[string, sdk.AccAddress]) (bool, error) {
		m, err := k.Members.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("members-by-agency entry (%q, %s) points to no member", key.K1(), k.addrString(key.K2()))
		} else if err != nil {
			return true, err
		}
		if m.AgencyId != key.K1() {
			return true, fmt.Errorf("members-by-agency entry (%q, %s) points to a member of agency %q", key.K1(), m.Address, m.AgencyId)
		}
		return false, nil
	})
}

// MemberCountInvariant checks that MemberCount holds, for exactly the agencies that have
// members, the number of their members (no zero entries).
func (k Keeper) MemberCountInvariant(ctx context.Context) error {
	counted := make(map[string]uint64)
	if err := k.Members.Walk(ctx, nil, func(_ sdk.AccAddress, m types.Member) (bool, error) {
		counted[m.AgencyId]++
		return false, nil
	}); err != nil {
		return err
	}
	return k.checkCounts(ctx, k.MemberCount, counted, "member count", "members")
}

// AffiliationsInvariant checks that every affiliation (address -> agency) is the agency's
// admin or a member of that agency, and that the agency exists.
func (k Keeper) AffiliationsInvariant(ctx context.Context) error {
	return k.Affiliations.Walk(ctx, nil, func(addr sdk.AccAddress, id string) (bool, error) {
		agency, err := k.Agencies.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("%s is affiliated with agency %q, which does not exist", k.addrString(addr), id)
		} else if err != nil {
			return true, err
		}
		admin, err := k.addressCodec.StringToBytes(agency.Admin)
		if err != nil {
			return true, err
		}
		if bytes.Equal(admin, addr) {
			return false, nil
		}
		m, err := k.Members.Get(ctx, addr)
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("%s is affiliated with agency %q but is neither its admin nor a member", k.addrString(addr), id)
		} else if err != nil {
			return true, err
		}
		if m.AgencyId != id {
			return true, fmt.Errorf("%s is affiliated with agency %q but is a member of agency %q", m.Address, id, m.AgencyId)
		}
		return false, nil
	})
}

// OffersInvariant checks the pending offers: every membership offer is stored under its own
// agency and address, its agency exists, and OfferCount holds, for exactly the agencies
// that have offers, their number (no zero entries); every admin offer is stored under its
// agency, which exists, and does not name the current admin.
func (k Keeper) OffersInvariant(ctx context.Context) error {
	counted := make(map[string]uint64)
	if err := k.MembershipOffers.Walk(ctx, nil, func(key collections.Pair[string, sdk.AccAddress], o types.MembershipOffer) (bool, error) {
		bz, err := k.addressCodec.StringToBytes(o.Address)
		if err != nil || !bytes.Equal(bz, key.K2()) || o.AgencyId != key.K1() {
			return true, fmt.Errorf("membership offer stored under (%q, %s) is for (%q, %q)", key.K1(), k.addrString(key.K2()), o.AgencyId, o.Address)
		}
		if has, err := k.Agencies.Has(ctx, o.AgencyId); err != nil || !has {
			return true, fmt.Errorf("membership offer to %s is from agency %q, which does not exist (%v)", o.Address, o.AgencyId, err)
		}
		counted[o.AgencyId]++
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.checkCounts(ctx, k.OfferCount, counted, "offer count", "membership offers"); err != nil {
		return err
	}
	return k.AdminOffers.Walk(ctx, nil, func(id string, o types.AdminOffer) (bool, error) {
		agency, err := k.Agencies.Get(ctx, id)
		if err != nil {
			return true, fmt.Errorf("admin offer of agency %q: %w", id, err)
		}
		if o.AgencyId != id || o.NewAdmin == agency.Admin {
			return true, fmt.Errorf("admin offer stored under %q is for agency %q and names %s (admin %s)", id, o.AgencyId, o.NewAdmin, agency.Admin)
		}
		return false, nil
	})
}

// addrString is addr in bech32, or its hex when it does not encode.
func (k Keeper) addrString(addr sdk.AccAddress) string {
	s, err := k.addressCodec.BytesToString(addr)
	if err != nil {
		return fmt.Sprintf("%X", []byte(addr))
	}
	return s
}

// checkCounts checks that counts holds, for exactly the agencies in counted,
// their counted number of things (no zero entries); countName names the
// counter in errors.
func (k Keeper) checkCounts(ctx context.Context, counts collections.Map[string, uint64], counted map[string]uint64, countName, things string) error {
	stored := make(map[string]bool)
	if err := counts.Walk(ctx, nil, func(id string, n uint64) (bool, error) {
		stored[id] = true
		if n != counted[id] || n == 0 {
			return true, fmt.Errorf("%s of agency %q is %d, but it has %d %s", countName, id, n, counted[id], things)
		}
		return false, nil
	}); err != nil {
		return err
	}
	ids := make([]string, 0, len(counted))
	for id := range counted {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !stored[id] {
			return fmt.Errorf("agency %q has %d %s but no %s", id, counted[id], things, countName)
		}
	}
	return nil
}
