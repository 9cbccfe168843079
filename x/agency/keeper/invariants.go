package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/invariant"
	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/agency/types"
)

// Invariants of x/agency's state: the business rules every handler keeps true (README
// "Invariants kept by every handler"); collections keeps the indexes in step with their
// records. Each check walks the whole store, so they are for tests and simulations
// (app/sim_test.go), never for a block hook; the crisis module is not wired. Each returns
// nil or an error naming the broken record.

// Invariants lists every invariant of x/agency, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []invariant.Invariant {
	return []invariant.Invariant{
		{Name: "agencies", Check: k.AgenciesInvariant},
		{Name: "members", Check: k.MembersInvariant},
		{Name: "member-count", Check: k.MemberCountInvariant},
		{Name: "offers", Check: k.OffersInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	return invariant.Run(ctx, types.ModuleName, k.Invariants())
}

// AgenciesInvariant checks every agency record: stored under its own id, a valid slug, a
// storable status, sorted unique roles all in the role catalog, and an admin address that
// decodes.
func (k Keeper) AgenciesInvariant(ctx context.Context) error {
	return walk.Each(ctx, k.Agencies, func(id string, a types.Agency) error {
		if a.Id != id {
			return fmt.Errorf("agency stored under %q has id %q", id, a.Id)
		}
		if err := types.ValidateAgencyID(a.Id); err != nil {
			return fmt.Errorf("agency %q: %w", id, err)
		}
		if !types.ValidStatus(a.Status) {
			return fmt.Errorf("agency %q has status %s", id, types.StatusName(a.Status))
		}
		if err := types.ValidateSortedRoles(a.Roles); err != nil {
			return fmt.Errorf("agency %q roles: %w", id, err)
		}
		for _, r := range a.Roles {
			if !k.IsKnownRole(r) {
				return fmt.Errorf("agency %q has role %q, which is not in the role catalog", id, r)
			}
		}
		if _, err := k.addressCodec.StringToBytes(a.Admin); err != nil {
			return fmt.Errorf("agency %q admin %q: %w", id, a.Admin, err)
		}
		return nil
	})
}

// MembersInvariant checks every member record: stored under its own address, its agency
// exists, its roles are sorted, unique and a subset of the agency's, and the address
// belongs to no other agency (an admin may be a member of its own agency only).
func (k Keeper) MembersInvariant(ctx context.Context) error {
	return walk.Each(ctx, k.Members, func(addr sdk.AccAddress, m types.Member) error {
		bz, err := k.addressCodec.StringToBytes(m.Address)
		if err != nil || !bytes.Equal(bz, addr) {
			return fmt.Errorf("member stored under %s has address %q", k.addrString(addr), m.Address)
		}
		agency, err := k.Agencies.Get(ctx, m.AgencyId)
		if errors.Is(err, collections.ErrNotFound) {
			return fmt.Errorf("member %s belongs to agency %q, which does not exist", m.Address, m.AgencyId)
		} else if err != nil {
			return err
		}
		if err := types.ValidateSortedRoles(m.Roles); err != nil {
			return fmt.Errorf("member %s roles: %w", m.Address, err)
		}
		for _, r := range m.Roles {
			if !types.HasRole(agency.Roles, r) {
				return fmt.Errorf("member %s holds role %q, which agency %q does not have", m.Address, r, m.AgencyId)
			}
		}
		administered, err := k.Agencies.Indexes.Admin.MatchExact(ctx, addr)
		switch {
		case errors.Is(err, collections.ErrNotFound):
			return nil
		case err != nil:
			return err
		case administered != m.AgencyId:
			return fmt.Errorf("member %s of agency %q is the admin of agency %q", m.Address, m.AgencyId, administered)
		}
		return nil
	})
}

// MemberCountInvariant checks that MemberCount holds, for exactly the agencies that have
// members, the number of their members (no zero entries).
func (k Keeper) MemberCountInvariant(ctx context.Context) error {
	counted := make(map[string]uint64)
	if err := walk.Each(ctx, k.Members, func(_ sdk.AccAddress, m types.Member) error {
		counted[m.AgencyId]++
		return nil
	}); err != nil {
		return err
	}
	return k.checkCounts(ctx, k.MemberCount, counted, "member count", "members")
}

// OffersInvariant checks the pending offers: every membership offer is stored under its own
// agency and address, its agency exists, and OfferCount holds, for exactly the agencies
// that have offers, their number (no zero entries); every admin offer is stored under its
// agency, which exists, and does not name the current admin.
func (k Keeper) OffersInvariant(ctx context.Context) error {
	counted := make(map[string]uint64)
	if err := walk.Each(ctx, k.MembershipOffers, func(key collections.Pair[string, sdk.AccAddress], o types.MembershipOffer) error {
		bz, err := k.addressCodec.StringToBytes(o.Address)
		if err != nil || !bytes.Equal(bz, key.K2()) || o.AgencyId != key.K1() {
			return fmt.Errorf("membership offer stored under (%q, %s) is for (%q, %q)", key.K1(), k.addrString(key.K2()), o.AgencyId, o.Address)
		}
		if has, err := k.Agencies.Has(ctx, o.AgencyId); err != nil || !has {
			return fmt.Errorf("membership offer to %s is from agency %q, which does not exist (%v)", o.Address, o.AgencyId, err)
		}
		counted[o.AgencyId]++
		return nil
	}); err != nil {
		return err
	}
	if err := k.checkCounts(ctx, k.OfferCount, counted, "offer count", "membership offers"); err != nil {
		return err
	}
	return walk.Each(ctx, k.AdminOffers, func(id string, o types.AdminOffer) error {
		agency, err := k.Agencies.Get(ctx, id)
		if err != nil {
			return fmt.Errorf("admin offer of agency %q: %w", id, err)
		}
		if o.AgencyId != id || o.NewAdmin == agency.Admin {
			return fmt.Errorf("admin offer stored under %q is for agency %q and names %s (admin %s)", id, o.AgencyId, o.NewAdmin, agency.Admin)
		}
		return nil
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
	if err := walk.Each(ctx, counts, func(id string, n uint64) error {
		stored[id] = true
		if n != counted[id] || n == 0 {
			return fmt.Errorf("%s of agency %q is %d, but it has %d %s", countName, id, n, counted[id], things)
		}
		return nil
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
