package simulation

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

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
