// Package keeper holds x/agency's state: the agency registry, memberships and the
// Authorize check every service module calls before a state change.
package keeper

import (
	"fmt"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/index"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/agency/types"
)

// Keeper is x/agency's keeper. It is cheap to copy: the role catalog is shared read-only.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec

	// authority may send the governance messages (the x/gov module account).
	authority []byte

	// catalog is the role catalog declared at wiring; roles is the same, sorted by name.
	catalog map[string]types.RoleDefinition
	roles   []types.RoleDefinition

	Schema collections.Schema
	// Params are the module params.
	Params collections.Item[types.Params]
	// Agencies maps agency id -> Agency, indexed by admin.
	Agencies *collections.IndexedMap[string, types.Agency, AgencyIndexes]
	// Members maps member address -> Member, indexed by agency; keyed by address so
	// Authorize reads it directly.
	Members *collections.IndexedMap[sdk.AccAddress, types.Member, MemberIndexes]
	// MemberCount maps agency id -> number of members.
	MemberCount collections.Map[string, uint64]
	// MembershipOffers maps (agency id, address) -> a membership offer pending acceptance.
	MembershipOffers collections.Map[collections.Pair[string, sdk.AccAddress], types.MembershipOffer]
	// OfferCount maps agency id -> number of its pending membership offers.
	OfferCount collections.Map[string, uint64]
	// AdminOffers maps agency id -> the admin transfer pending acceptance.
	AdminOffers collections.Map[string, types.AdminOffer]

	// memberPages reads the entries of Members.Indexes.Agency for query.CollectionPaginate,
	// which needs IterateRaw: indexes.Multi has none in collections v1.3.1 (upstream adds it in
	// cosmos/cosmos-sdk#25464; page over the index itself once go.mod has that release). It is
	// a read-only handle on the index's prefix, outside Schema; only the index writes there.
	memberPages collections.KeySet[collections.Pair[string, sdk.AccAddress]]
}

// AgencyIndexes are the indexes that always follow an agency (collections keeps them in step).
type AgencyIndexes struct {
	// Admin: admin address -> agency id. An address administers at most one agency; the
	// handlers check that first (ErrAddressAffiliated), the index would refuse it too.
	Admin *indexes.Unique[sdk.AccAddress, string, types.Agency]
}

// IndexesList implements collections.Indexes.
func (i AgencyIndexes) IndexesList() []collections.Index[string, types.Agency] {
	return []collections.Index[string, types.Agency]{i.Admin}
}

// MemberIndexes are the indexes that always follow a member (collections keeps them in step).
type MemberIndexes struct {
	// Agency: (agency id, member address), for the Members query and MsgSetAgencyRoles.
	Agency *indexes.Multi[string, sdk.AccAddress, types.Member]
}

// IndexesList implements collections.Indexes.
func (i MemberIndexes) IndexesList() []collections.Index[sdk.AccAddress, types.Member] {
	return []collections.Index[sdk.AccAddress, types.Member]{i.Agency}
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
		authority:    keeperbase.MustAuthority(addressCodec, types.ModuleName, authority),
		catalog:      catalog,
		roles:        sorted,

		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Agencies: collections.NewIndexedMap(sb, types.AgenciesKey, "agencies", collections.StringKey, codec.CollValue[types.Agency](cdc),
			AgencyIndexes{
				Admin: indexes.NewUnique(sb, types.AgencyByAdminKey, "agency_by_admin", sdk.AccAddressKey, collections.StringKey,
					func(_ string, a types.Agency) (sdk.AccAddress, error) { return addressCodec.StringToBytes(a.Admin) }),
			}),
		Members: collections.NewIndexedMap(sb, types.MembersKey, "members", sdk.AccAddressKey, codec.CollValue[types.Member](cdc),
			MemberIndexes{
				Agency: indexes.NewMulti(sb, types.MembersByAgencyKey, "members_by_agency", collections.StringKey, sdk.AccAddressKey,
					func(_ sdk.AccAddress, m types.Member) (string, error) { return m.AgencyId, nil }),
			}),
		MemberCount: collections.NewMap(sb, types.MemberCountKey, "member_count", collections.StringKey, collections.Uint64Value),
		MembershipOffers: collections.NewMap(sb, types.MembershipOffersKey, "membership_offers",
			collections.PairKeyCodec(collections.StringKey, sdk.AccAddressKey), codec.CollValue[types.MembershipOffer](cdc)),
		OfferCount:  collections.NewMap(sb, types.OfferCountKey, "offer_count", collections.StringKey, collections.Uint64Value),
		AdminOffers: collections.NewMap(sb, types.AdminOffersKey, "admin_offers", collections.StringKey, codec.CollValue[types.AdminOffer](cdc)),

		memberPages: index.Pages(storeService, types.MembersByAgencyKey, collections.StringKey, sdk.AccAddressKey),
	}
	k.Schema = keeperbase.MustBuild(sb)
	return k
}

// GetAuthority returns the address allowed to send governance messages.
func (k Keeper) GetAuthority() string { return keeperbase.AuthorityString(k.addressCodec, k.authority) }

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
