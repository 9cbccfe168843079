package simulation

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them.
const (
	OpWeightMsgAddMember      = "op_weight_msg_add_member"
	OpWeightMsgSetMemberRoles = "op_weight_msg_set_member_roles"
	OpWeightMsgRemoveMember   = "op_weight_msg_remove_member"
	OpWeightMsgTransferAdmin  = "op_weight_msg_transfer_admin"

	OpWeightMsgAcceptMembership        = "op_weight_msg_accept_membership"
	OpWeightMsgDeclineMembership       = "op_weight_msg_decline_membership"
	OpWeightMsgWithdrawMembershipOffer = "op_weight_msg_withdraw_membership_offer"
	OpWeightMsgAcceptAdmin             = "op_weight_msg_accept_admin"
	OpWeightMsgCancelAdminTransfer     = "op_weight_msg_cancel_admin_transfer"

	DefaultWeightMsgAddMember      = 40
	DefaultWeightMsgSetMemberRoles = 20
	DefaultWeightMsgRemoveMember   = 8
	DefaultWeightMsgTransferAdmin  = 5

	DefaultWeightMsgAcceptMembership        = 30
	DefaultWeightMsgDeclineMembership       = 4
	DefaultWeightMsgWithdrawMembershipOffer = 4
	DefaultWeightMsgAcceptAdmin             = 4
	DefaultWeightMsgCancelAdminTransfer     = 2
)

// Bounds of the factories' reads: each factory looks at no more than this many records, so
// that an operation costs the same on a large state.
const (
	maxAccountTries   = 20
	maxMembersScanned = 256
)

// Every factory reads the state it needs through the keeper, builds a message the Msg
// service accepts (the admin of a live agency whose key the simulation holds, a member of
// that agency, an account free to join, roles the agency has) and otherwise reports a skip
// with the reason, which the simulation logs as a NoOp. A delivered message that fails
// fails the simulation.

// MsgAddMemberFactory offers membership to a free simulation account (or the admin itself),
// with a random subset of the agency's roles and sometimes an expiry.
func MsgAddMemberFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAddMember] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAddMember) {
		r := testData.Rand()
		agency, admin, reason := managedAgency(ctx, k, testData, reporter)
		if reason != "" {
			reporter.Skip(reason)
			return nil, nil
		}
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		count, err := memberCount(ctx, k, agency.Id)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		if count >= uint64(params.MaxMembersPerAgency) {
			reporter.Skipf("agency %q is full (%d members)", agency.Id, count)
			return nil, nil
		}
		offers, err := counter(ctx, k.OfferCount, agency.Id)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		if offers >= uint64(params.MaxPendingOffersPerAgency) {
			reporter.Skipf("agency %q has %d pending offers", agency.Id, offers)
			return nil, nil
		}

		var candidate simsx.SimAccount
		adminIsMember, err := k.Members.Has(ctx, admin.Address)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		if !adminIsMember && r.Intn(8) == 0 {
			candidate = admin
		} else {
			var ok bool
			if candidate, ok = freeAccount(ctx, k, testData, reporter); !ok {
				reporter.Skip("no simulation account is free to join an agency")
				return nil, nil
			}
		}
		return []simsx.SimAccount{admin}, &types.MsgAddMember{
			Admin:     admin.AddressBech32,
			AgencyId:  agency.Id,
			Address:   candidate.AddressBech32,
			Roles:     shuffledSubset(r, agency.Roles),
			ExpiresAt: randomExpiry(r, sdk.UnwrapSDKContext(ctx).BlockTime()),
		}
	}
}

// MsgSetMemberRolesFactory replaces a member's roles (a random subset of its agency's) and expiry.
func MsgSetMemberRolesFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetMemberRoles] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetMemberRoles) {
		r := testData.Rand()
		agency, admin, reason := managedAgency(ctx, k, testData, reporter)
		if reason != "" {
			reporter.Skip(reason)
			return nil, nil
		}
		member, reason := anyMember(ctx, k, testData, agency.Id)
		if reason != "" {
			reporter.Skip(reason)
			return nil, nil
		}
		return []simsx.SimAccount{admin}, &types.MsgSetMemberRoles{
			Admin:     admin.AddressBech32,
			AgencyId:  agency.Id,
			Address:   member,
			Roles:     shuffledSubset(r, agency.Roles),
			ExpiresAt: randomExpiry(r, sdk.UnwrapSDKContext(ctx).BlockTime()),
		}
	}
}

// MsgRemoveMemberFactory removes a member of an agency.
func MsgRemoveMemberFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRemoveMember] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRemoveMember) {
		agency, admin, reason := managedAgency(ctx, k, testData, reporter)
		if reason != "" {
			reporter.Skip(reason)
			return nil, nil
		}
		member, reason := anyMember(ctx, k, testData, agency.Id)
		if reason != "" {
			reporter.Skip(reason)
			return nil, nil
		}
		return []simsx.SimAccount{admin}, &types.MsgRemoveMember{Admin: admin.AddressBech32, AgencyId: agency.Id, Address: member}
	}
}

// MsgTransferAdminFactory offers an agency to one of its members or to a free account.
func MsgTransferAdminFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgTransferAdmin] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgTransferAdmin) {
		r := testData.Rand()
		agency, admin, reason := managedAgency(ctx, k, testData, reporter)
		if reason != "" {
			reporter.Skip(reason)
			return nil, nil
		}
		var newAdmin string
		if r.Intn(2) == 0 {
			if m, reason := anyMember(ctx, k, testData, agency.Id); reason == "" && m != admin.AddressBech32 {
				newAdmin = m
			}
		}
		if newAdmin == "" {
			free, ok := freeAccount(ctx, k, testData, reporter)
			if !ok {
				reporter.Skip("no simulation account is free to become an admin")
				return nil, nil
			}
			newAdmin = free.AddressBech32
		}
		return []simsx.SimAccount{admin}, &types.MsgTransferAdmin{Admin: admin.AddressBech32, AgencyId: agency.Id, NewAdmin: newAdmin}
	}
}

// managedAgency picks a random agency that is not RETIRED and whose admin is a simulation
// account (so that the simulation can sign for it). It returns a skip reason when none is.
func managedAgency(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) (types.Agency, simsx.SimAccount, string) {
	var candidates []types.Agency
	err := k.Agencies.Walk(ctx, nil, func(_ string, a types.Agency) (bool, error) {
		if a.Status != types.AgencyStatusRetired && testData.HasAccount(a.Admin) {
			candidates = append(candidates, a)
		}
		return false, nil
	})
	if err != nil {
		return types.Agency{}, simsx.SimAccount{}, err.Error()
	}
	if len(candidates) == 0 {
		return types.Agency{}, simsx.SimAccount{}, "no agency that is not RETIRED has a simulation account as admin"
	}
	a := simsx.OneOf(testData.Rand(), candidates)
	return a, testData.GetAccount(reporter, a.Admin), "" // HasAccount was checked: no skip
}

// anyMember returns a random member of the agency among the first maxMembersScanned whose
// key the simulation holds.
func anyMember(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, agencyID string) (string, string) {
	var members []string
	rng := collections.NewPrefixedPairRange[string, sdk.AccAddress](agencyID)
	err := k.Members.Indexes.Agency.Walk(ctx, rng, func(_ string, member sdk.AccAddress) (bool, error) {
		addr, err := k.AddressCodec().BytesToString(member)
		if err != nil {
			return true, err
		}
		if testData.HasAccount(addr) {
			members = append(members, addr)
		}
		return len(members) >= maxMembersScanned, nil
	})
	if err != nil {
		return "", err.Error()
	}
	if len(members) == 0 {
		return "", fmt.Sprintf("agency %q has no member the simulation can name", agencyID)
	}
	return simsx.OneOf(testData.Rand(), members), ""
}

// freeAccount tries a few random simulation accounts and returns one that belongs to no agency.
func freeAccount(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) (simsx.SimAccount, bool) {
	r := testData.Rand()
	for i := 0; i < maxAccountTries; i++ {
		acc := testData.AccountAt(reporter, r.Intn(testData.AccountsCount())) // in range: no skip
		other, err := k.Affiliation(ctx, acc.Address)
		if err == nil && other == "" {
			return acc, true
		}
	}
	return simsx.SimAccount{}, false
}

func memberCount(ctx context.Context, k keeper.Keeper, agencyID string) (uint64, error) {
	return counter(ctx, k.MemberCount, agencyID)
}

// counter reads a per-agency count (MemberCount, OfferCount): 0 when absent.
func counter(ctx context.Context, m collections.Map[string, uint64], agencyID string) (uint64, error) {
	n, err := m.Get(ctx, agencyID)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return n, err
}

// shuffledSubset returns each role with probability 1/2, in a random order (the Msg service
// stores roles sorted whatever the order they come in).
func shuffledSubset(r *simsx.XRand, roles []string) []string {
	out := make([]string, 0, len(roles))
	for _, role := range roles {
		if r.Intn(2) == 0 {
			out = append(out, role)
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// randomExpiry returns no expiry three times in four, else a time 1 hour to 60 days after now.
func randomExpiry(r *simsx.XRand, now time.Time) *time.Time {
	if r.Intn(4) != 0 {
		return nil
	}
	at := now.Add(time.Duration(1+r.Intn(60*24)) * time.Hour).UTC()
	return &at
}

// RoleRefusals are x/agency's answers to an account that may not act for an agency (not
// a member, agency not active, membership expired, role not held, role not in the
// agency): another simulation account may, so the other modules' factories move on to
// their next candidate signer on these.
func RoleRefusals() []error {
	return []error{
		types.ErrNotMember, types.ErrAgencyNotActive, types.ErrMembershipExpired, types.ErrRoleNotHeld, types.ErrRoleNotInAgency,
	}
}

// RoleMembers returns the members of agency agencyID holding role whose keys the
// simulation holds (of the first maxMembersScanned members, in address order): the only
// accounts that may sign another module's message for the agency in that role (Authorize
// answers for the member's own agency), so that its factory tries them rather than every
// simulation account. Expired memberships are left out; whether the agency may act (its
// status) the Msg service decides.
func RoleMembers(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, agencyID, role string) []string {
	var out []string
	scanned, now := 0, sdk.UnwrapSDKContext(ctx).BlockTime()
	rng := collections.NewPrefixedPairRange[string, sdk.AccAddress](agencyID)
	_ = k.Members.Indexes.Agency.Walk(ctx, rng, func(_ string, addr sdk.AccAddress) (bool, error) {
		scanned++
		m, err := k.Members.Get(ctx, addr)
		if err == nil && types.HasRole(m.Roles, role) && testData.HasAccount(m.Address) && (m.ExpiresAt == nil || now.Before(*m.ExpiresAt)) {
			out = append(out, m.Address)
		}
		return scanned >= maxMembersScanned, nil
	})
	return out
}

// Factories of the second step of the two-step flows: the named account accepts or
// declines an offer, the admin withdraws one. Each reads at most maxMembersScanned offers.

// MsgAcceptMembershipFactory has an offered simulation account accept a pending offer that
// the Msg service will take: not expired, agency not RETIRED and not full, the account free
// (or affiliated with the offering agency only as its admin), the roles still the agency's.
func MsgAcceptMembershipFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAcceptMembership] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAcceptMembership) {
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		offer, ok := pickMembershipOffer(ctx, k, testData, func(o types.MembershipOffer) bool {
			return acceptable(ctx, k, o, params) && now.Before(o.OfferExpiresAt) && (o.ExpiresAt == nil || o.ExpiresAt.After(now))
		})
		if !ok {
			reporter.Skip("no pending membership offer the simulation can accept")
			return nil, nil
		}
		acc := testData.GetAccount(reporter, offer.Address)
		return []simsx.SimAccount{acc}, &types.MsgAcceptMembership{Address: offer.Address, AgencyId: offer.AgencyId}
	}
}

// MsgDeclineMembershipFactory has an offered simulation account decline a pending offer.
func MsgDeclineMembershipFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDeclineMembership] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDeclineMembership) {
		offer, ok := pickMembershipOffer(ctx, k, testData, func(types.MembershipOffer) bool { return true })
		if !ok {
			reporter.Skip("no pending membership offer to a simulation account")
			return nil, nil
		}
		acc := testData.GetAccount(reporter, offer.Address)
		return []simsx.SimAccount{acc}, &types.MsgDeclineMembership{Address: offer.Address, AgencyId: offer.AgencyId}
	}
}

// MsgWithdrawMembershipOfferFactory has an agency admin withdraw one of its agency's offers.
func MsgWithdrawMembershipOfferFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgWithdrawMembershipOffer] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgWithdrawMembershipOffer) {
		agency, admin, reason := managedAgency(ctx, k, testData, reporter)
		if reason != "" {
			reporter.Skip(reason)
			return nil, nil
		}
		var addrs []string
		rng := collections.NewPrefixedPairRange[string, sdk.AccAddress](agency.Id)
		err := k.MembershipOffers.Walk(ctx, rng, func(_ collections.Pair[string, sdk.AccAddress], o types.MembershipOffer) (bool, error) {
			addrs = append(addrs, o.Address)
			return len(addrs) >= maxMembersScanned, nil
		})
		if err != nil || len(addrs) == 0 {
			reporter.Skipf("agency %q has no pending membership offer", agency.Id)
			return nil, nil
		}
		return []simsx.SimAccount{admin}, &types.MsgWithdrawMembershipOffer{
			Admin: admin.AddressBech32, AgencyId: agency.Id, Address: simsx.OneOf(testData.Rand(), addrs),
		}
	}
}

// MsgAcceptAdminFactory has the account an admin transfer names accept it, when the Msg
// service will take it: not expired, agency not RETIRED, the account free or of this agency.
func MsgAcceptAdminFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAcceptAdmin] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAcceptAdmin) {
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		offer, ok := pickAdminOffer(ctx, k, testData, func(o types.AdminOffer, a types.Agency) bool {
			if a.Status == types.AgencyStatusRetired || !now.Before(o.OfferExpiresAt) || !testData.HasAccount(o.NewAdmin) {
				return false
			}
			other, err := k.Affiliation(ctx, sdk.MustAccAddressFromBech32(o.NewAdmin))
			return err == nil && (other == "" || other == a.Id)
		})
		if !ok {
			reporter.Skip("no pending admin transfer the simulation can accept")
			return nil, nil
		}
		acc := testData.GetAccount(reporter, offer.NewAdmin)
		return []simsx.SimAccount{acc}, &types.MsgAcceptAdmin{NewAdmin: offer.NewAdmin, AgencyId: offer.AgencyId}
	}
}

// MsgCancelAdminTransferFactory has the named account decline, or the admin of an agency
// that is not RETIRED withdraw, a pending admin transfer.
func MsgCancelAdminTransferFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCancelAdminTransfer] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCancelAdminTransfer) {
		r := testData.Rand()
		var signer string
		offer, ok := pickAdminOffer(ctx, k, testData, func(o types.AdminOffer, a types.Agency) bool {
			byAdmin := a.Status != types.AgencyStatusRetired && testData.HasAccount(a.Admin)
			byNamed := testData.HasAccount(o.NewAdmin)
			switch {
			case byAdmin && (!byNamed || r.Intn(2) == 0):
				signer = a.Admin
			case byNamed:
				signer = o.NewAdmin
			default:
				return false
			}
			return true
		})
		if !ok {
			reporter.Skip("no pending admin transfer the simulation can cancel")
			return nil, nil
		}
		acc := testData.GetAccount(reporter, signer)
		return []simsx.SimAccount{acc}, &types.MsgCancelAdminTransfer{Signer: signer, AgencyId: offer.AgencyId}
	}
}

// acceptable reports whether the state lets o be accepted (its expiries aside).
func acceptable(ctx context.Context, k keeper.Keeper, o types.MembershipOffer, params types.Params) bool {
	agency, err := k.Agencies.Get(ctx, o.AgencyId)
	if err != nil || agency.Status == types.AgencyStatusRetired {
		return false
	}
	for _, r := range o.Roles {
		if !types.HasRole(agency.Roles, r) {
			return false
		}
	}
	addr := sdk.MustAccAddressFromBech32(o.Address)
	if other, err := k.Affiliation(ctx, addr); err != nil || other != "" && other != o.AgencyId {
		return false
	}
	if isMember, err := k.Members.Has(ctx, addr); err != nil || isMember {
		return false
	}
	n, err := memberCount(ctx, k, o.AgencyId)
	return err == nil && n < uint64(params.MaxMembersPerAgency)
}

// pickMembershipOffer returns a random offer to a simulation account among the first
// maxMembersScanned that keep passes.
func pickMembershipOffer(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, keep func(types.MembershipOffer) bool) (types.MembershipOffer, bool) {
	var offers []types.MembershipOffer
	err := k.MembershipOffers.Walk(ctx, nil, func(_ collections.Pair[string, sdk.AccAddress], o types.MembershipOffer) (bool, error) {
		if testData.HasAccount(o.Address) && keep(o) {
			offers = append(offers, o)
		}
		return len(offers) >= maxMembersScanned, nil
	})
	if err != nil || len(offers) == 0 {
		return types.MembershipOffer{}, false
	}
	return simsx.OneOf(testData.Rand(), offers), true
}

// pickAdminOffer returns the first admin offer (in a random rotation of at most
// maxMembersScanned) that keep passes.
func pickAdminOffer(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, keep func(types.AdminOffer, types.Agency) bool) (types.AdminOffer, bool) {
	var offers []types.AdminOffer
	err := k.AdminOffers.Walk(ctx, nil, func(_ string, o types.AdminOffer) (bool, error) {
		offers = append(offers, o)
		return len(offers) >= maxMembersScanned, nil
	})
	if err != nil || len(offers) == 0 {
		return types.AdminOffer{}, false
	}
	start := testData.Rand().Intn(len(offers))
	for i := range offers {
		o := offers[(start+i)%len(offers)]
		a, err := k.Agencies.Get(ctx, o.AgencyId)
		if err == nil && keep(o, a) {
			return o, true
		}
	}
	return types.AdminOffer{}, false
}
