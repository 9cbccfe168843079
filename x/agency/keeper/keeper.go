// Package keeper holds x/agency's state: the agency registry, memberships and the
// Authorize check every service module calls before a state change.
package keeper

import (
	"fmt"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/agency/types"
)

// Keeper is x/agency's keeper. It is cheap to copy: the role catalog is shared read-only.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec

	// authority may send the governance messages (the x/gov module account).
	authority    []byte
	authorityStr string

	// catalog is the role catalog declared at wiring; roles is the same, sorted by name.
	catalog map[string]types.RoleDefinition
	roles   []types.RoleDefinition

	Schema collections.Schema
	// Params are the module params.
	Params collections.Item[types.Params]
	// Agencies maps agency id -> Agency.
	Agencies collections.Map[string, types.Agency]
	// Members maps member address -> Member; keyed by address so Authorize reads it directly.
	Members collections.Map[sdk.AccAddress, types.Member]
	// MembersByAgency indexes members by agency, for listing and for MsgSetAgencyRoles.
	MembersByAgency collections.KeySet[collections.Pair[string, sdk.AccAddress]]
	// Affiliations maps every admin and member address -> agency id (one agency per address).
	Affiliations collections.Map[sdk.AccAddress, string]
	// MemberCount maps agency id -> number of members.
	MemberCount collections.Map[string, uint64]
	// MembershipOffers maps (agency id, address) -> a membership offer pending acceptance.
	MembershipOffers collections.Map[collections.Pair[string, sdk.AccAddress], types.MembershipOffer]
	// OfferCount maps agency id -> number of its pending membership offers.
	OfferCount collections.Map[string, uint64]
	// AdminOffers maps agency id -> the admin transfer pending acceptance.
	AdminOffers collections.Map[string, types.AdminOffer]
}

// NewKeeper builds the keeper. It panics on a bad authority address or on a malformed
// or duplicate role definition: both are wiring mistakes that must stop the binary.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	authority string,
	roles []types.RoleDefinition,
) Keeper {
	authBz, err := addressCodec.StringToBytes(authority)
	if err != nil || len(authBz) == 0 {
		panic(fmt.Sprintf("x/agency: invalid authority address %q: %v", authority, err))
	}

	catalog := make(map[string]types.RoleDefinition, len(roles))
	sorted := make([]types.RoleDefinition, 0, len(roles))
	for _, r := range roles {
		if err := r.Validate(); err != nil {
			panic(fmt.Sprintf("x/agency: invalid role definition: %v", err))
		}
		if prev, dup := catalog[r.Name]; dup {
			panic(fmt.Sprintf("x/agency: role %q declared twice (by %q and %q)", r.Name, prev.Module, r.Module))
		}
		catalog[r.Name] = r
		sorted = append(sorted, r)
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })

	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: addressCodec,
		authority:    authBz,
		authorityStr: authority,
		catalog:      catalog,
		roles:        sorted,

		Params:   collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Agencies: collections.NewMap(sb, types.AgenciesKey, "agencies", collections.StringKey, codec.CollValue[types.Agency](cdc)),
		Members:  collections.NewMap(sb, types.MembersKey, "members", sdk.AccAddressKey, codec.CollValue[types.Member](cdc)),
		MembersByAgency: collections.NewKeySet(sb, types.MembersByAgencyKey, "members_by_agency",
			collections.PairKeyCodec(collections.StringKey, sdk.AccAddressKey)),
		Affiliations: collections.NewMap(sb, types.AffiliationsKey, "affiliations", sdk.AccAddressKey, collections.StringValue),
		MemberCount:  collections.NewMap(sb, types.MemberCountKey, "member_count", collections.StringKey, collections.Uint64Value),
		MembershipOffers: collections.NewMap(sb, types.MembershipOffersKey, "membership_offers",
			collections.PairKeyCodec(collections.StringKey, sdk.AccAddressKey), codec.CollValue[types.MembershipOffer](cdc)),
		OfferCount:  collections.NewMap(sb, types.OfferCountKey, "offer_count", collections.StringKey, collections.Uint64Value),
		AdminOffers: collections.NewMap(sb, types.AdminOffersKey, "admin_offers", collections.StringKey, codec.CollValue[types.AdminOffer](cdc)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// GetAuthority returns the address allowed to send governance messages.
func (k Keeper) GetAuthority() string { return k.authorityStr }

// AddressCodec returns the account address codec.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// RoleCatalog returns the role catalog sorted by name (a copy).
func (k Keeper) RoleCatalog() []types.RoleDefinition {
	out := make([]types.RoleDefinition, len(k.roles))
	copy(out, k.roles)
	return out
}

// IsKnownRole reports whether role is in the catalog.
func (k Keeper) IsKnownRole(role string) bool {
	_, ok := k.catalog[role]
	return ok
}
