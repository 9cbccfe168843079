package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and error codespace.
	ModuleName = "agency"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes. They are part of the state layout: never renumber, only append.
var (
	// ParamsKey holds the module Params.
	ParamsKey = collections.NewPrefix(0)
	// AgenciesKey maps agency id -> Agency.
	AgenciesKey = collections.NewPrefix(1)
	// MembersKey maps member address -> Member (one agency per address, so Authorize is one read).
	MembersKey = collections.NewPrefix(2)
	// MembersByAgencyKey holds the members' Agency index: (agency id, member address), for
	// listing an agency's members.
	MembersByAgencyKey = collections.NewPrefix(3)
	// AgencyByAdminKey holds the agencies' Admin index: admin address -> agency id (an address
	// administers at most one agency). It was Affiliations, every admin and member address ->
	// agency id; a member's agency is now read from its member record.
	AgencyByAdminKey = collections.NewPrefix(4)
	// MemberCountKey maps agency id -> number of members (bounded by Params.MaxMembersPerAgency).
	MemberCountKey = collections.NewPrefix(5)
	// MembershipOffersKey maps (agency id, address) -> MembershipOffer pending acceptance.
	MembershipOffersKey = collections.NewPrefix(6)
	// OfferCountKey maps agency id -> number of its pending membership offers
	// (bounded by Params.MaxPendingOffersPerAgency).
	OfferCountKey = collections.NewPrefix(7)
	// AdminOffersKey maps agency id -> AdminOffer pending acceptance (one per agency).
	AdminOffersKey = collections.NewPrefix(8)
)
