package keeper

import (
	"bytes"
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/agency/types"
)

// The second step of the two-step flows: an account becomes a member or an admin only by
// signing its acceptance of a pending offer. Expiry is evaluated here, on acceptance, so
// no block hook scans offers; an expired offer stays (and counts against the agency's
// bound) until the admin withdraws it or the account declines it.

// AcceptMembership makes the signer a member of the agency with the roles and expiry of the
// pending offer, which it consumes. Everything MsgAddMember checked is checked again: the
// state may have changed since the offer.
func (m msgServer) AcceptMembership(ctx context.Context, msg *types.MsgAcceptMembership) (*types.MsgAcceptMembershipResponse, error) {
	addr, err := validateMsgAcceptMembership(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	key := collections.Join(msg.AgencyId, sdk.AccAddress(addr))
	offer, err := m.membershipOffer(ctx, key, msg.Address)
	if err != nil {
		return nil, err
	}
	agency, err := m.changeableAgency(ctx, msg.AgencyId)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	if err := checkOfferOpen("membership offer", agency.Id, msg.Address, offer.OfferExpiresAt, now); err != nil {
		return nil, err
	}
	if err := m.checkCanJoin(ctx, agency.Id, addr, msg.Address); err != nil {
		return nil, err
	}
	if err := checkRolesInAgency(agency, offer.Roles); err != nil {
		return nil, err
	}
	if err := validateExpiry(offer.ExpiresAt, now); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.checkMemberLimit(ctx, agency.Id, params); err != nil {
		return nil, err
	}
	count, err := m.memberCount(ctx, agency.Id)
	if err != nil {
		return nil, err
	}

	member := types.Member{
		AgencyId:  agency.Id,
		Address:   offer.Address,
		Roles:     offer.Roles,
		ExpiresAt: offer.ExpiresAt,
		AddedAt:   now,
	}
	if err := m.Members.Set(ctx, addr, member); err != nil {
		return nil, err
	}
	if err := m.MemberCount.Set(ctx, agency.Id, count+1); err != nil {
		return nil, err
	}
	if err := m.removeMembershipOffer(ctx, key); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventMemberAdded{
		AgencyId: agency.Id, Address: member.Address, Roles: member.Roles, ExpiresAt: member.ExpiresAt,
	}, &types.MsgAcceptMembershipResponse{})
}

// DeclineMembership removes a pending (or expired) membership offer made to the signer,
// whatever the agency's status.
func (m msgServer) DeclineMembership(ctx context.Context, msg *types.MsgDeclineMembership) (*types.MsgDeclineMembershipResponse, error) {
	if _, err := validateMsgDeclineMembership(m.addressCodec, msg); err != nil {
		return nil, err
	}
	if err := m.dropMembershipOffer(ctx, msg.AgencyId, msg.Address, &types.EventMembershipDeclined{
		AgencyId: msg.AgencyId, Address: msg.Address,
	}); err != nil {
		return nil, err
	}
	return &types.MsgDeclineMembershipResponse{}, nil
}

// WithdrawMembershipOffer removes a pending (or expired) membership offer of the agency
// (agency admin only).
func (m msgServer) WithdrawMembershipOffer(ctx context.Context, msg *types.MsgWithdrawMembershipOffer) (*types.MsgWithdrawMembershipOfferResponse, error) {
	signer, err := validateMsgWithdrawMembershipOffer(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agency, err := m.agencyForAdmin(ctx, msg.AgencyId, signer, msg.Admin)
	if err != nil {
		return nil, err
	}
	if err := m.dropMembershipOffer(ctx, agency.Id, msg.Address, &types.EventMembershipOfferWithdrawn{
		AgencyId: agency.Id, Address: msg.Address,
	}); err != nil {
		return nil, err
	}
	return &types.MsgWithdrawMembershipOfferResponse{}, nil
}

// dropMembershipOffer removes the pending (or expired) membership offer of agencyID to
// address and emits event; ErrOfferNotFound if there is none.
func (m msgServer) dropMembershipOffer(ctx context.Context, agencyID, address string, event proto.Message) error {
	addr, err := m.addressCodec.StringToBytes(address)
	if err != nil {
		return err
	}
	key := collections.Join(agencyID, sdk.AccAddress(addr))
	if _, err := m.membershipOffer(ctx, key, address); err != nil {
		return err
	}
	if err := m.removeMembershipOffer(ctx, key); err != nil {
		return err
	}
	return blockctx.Emit(ctx, event)
}

// AcceptAdmin makes the signer the agency's admin, consuming the pending admin offer that
// names it. The previous admin keeps its membership, if any, and otherwise becomes free to
// join another agency.
func (m msgServer) AcceptAdmin(ctx context.Context, msg *types.MsgAcceptAdmin) (*types.MsgAcceptAdminResponse, error) {
	newAdmin, err := validateMsgAcceptAdmin(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	offer, err := m.adminOffer(ctx, msg.AgencyId)
	if err != nil {
		return nil, err
	}
	named, err := m.addressCodec.StringToBytes(offer.NewAdmin)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(named, newAdmin) {
		return nil, errorsmod.Wrapf(types.ErrOfferNotFound, "agency %q has no pending admin transfer to %s", msg.AgencyId, msg.NewAdmin)
	}
	agency, err := m.changeableAgency(ctx, msg.AgencyId)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	if err := checkOfferOpen("admin transfer", agency.Id, msg.NewAdmin, offer.OfferExpiresAt, now); err != nil {
		return nil, err
	}
	if err := m.checkCanAdminister(ctx, agency, newAdmin, msg.NewAdmin); err != nil {
		return nil, err
	}

	previous := agency.Admin
	agency.Admin = offer.NewAdmin
	agency.UpdatedAt = now
	if err := m.Agencies.Set(ctx, agency.Id, agency); err != nil {
		return nil, err
	}
	if err := m.AdminOffers.Remove(ctx, agency.Id); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAdminTransferred{
		AgencyId: agency.Id, PreviousAdmin: previous, NewAdmin: agency.Admin,
	}, &types.MsgAcceptAdminResponse{})
}

// CancelAdminTransfer removes the agency's pending (or expired) admin offer: the admin
// withdraws it (not once the agency is RETIRED) or the account it names declines it.
func (m msgServer) CancelAdminTransfer(ctx context.Context, msg *types.MsgCancelAdminTransfer) (*types.MsgCancelAdminTransferResponse, error) {
	signer, err := validateMsgCancelAdminTransfer(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	offer, err := m.adminOffer(ctx, msg.AgencyId)
	if err != nil {
		return nil, err
	}
	agency, err := m.GetAgency(ctx, msg.AgencyId)
	if err != nil {
		return nil, err
	}
	admin, err := m.addressCodec.StringToBytes(agency.Admin)
	if err != nil {
		return nil, err
	}
	named, err := m.addressCodec.StringToBytes(offer.NewAdmin)
	if err != nil {
		return nil, err
	}
	switch {
	case bytes.Equal(signer, named):
	case bytes.Equal(signer, admin):
		if agency.Status == types.AgencyStatusRetired {
			return nil, errorsmod.Wrapf(types.ErrAgencyRetired, "agency %q is RETIRED and can no longer change", agency.Id)
		}
	default:
		return nil, errorsmod.Wrapf(types.ErrNotOfferParty, "%s is neither the admin of agency %q nor %s, whom its admin transfer names",
			msg.Signer, agency.Id, offer.NewAdmin)
	}
	if err := m.AdminOffers.Remove(ctx, agency.Id); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAdminTransferCancelled{
		AgencyId: agency.Id, NewAdmin: offer.NewAdmin, CancelledBy: msg.Signer,
	}, &types.MsgCancelAdminTransferResponse{})
}

// changeableAgency loads an agency that may still change: ErrAgencyRetired once it is
// RETIRED.
func (k Keeper) changeableAgency(ctx context.Context, id string) (types.Agency, error) {
	agency, err := k.GetAgency(ctx, id)
	if err != nil {
		return agency, err
	}
	if agency.Status == types.AgencyStatusRetired {
		return agency, errorsmod.Wrapf(types.ErrAgencyRetired, "agency %q is RETIRED and can no longer change", agency.Id)
	}
	return agency, nil
}

// checkOfferOpen fails with ErrOfferExpired once the offer (what: "membership offer" or
// "admin transfer") of agencyID to to has expired at now.
func checkOfferOpen(what, agencyID, to string, offerExpiresAt, now time.Time) error {
	if !now.Before(offerExpiresAt) {
		return errorsmod.Wrapf(types.ErrOfferExpired, "%s of agency %q to %s expired at %s (block time %s)",
			what, agencyID, to, offerExpiresAt.UTC().Format(timeFormat), now.UTC().Format(timeFormat))
	}
	return nil
}

// membershipOffer loads a pending membership offer, failing with ErrOfferNotFound.
func (k Keeper) membershipOffer(ctx context.Context, key collections.Pair[string, sdk.AccAddress], addrStr string) (types.MembershipOffer, error) {
	offer, err := k.MembershipOffers.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return offer, errorsmod.Wrapf(types.ErrOfferNotFound, "agency %q has no pending membership offer to %s", key.K1(), addrStr)
	}
	return offer, err
}

// adminOffer loads an agency's pending admin offer, failing with ErrOfferNotFound.
func (k Keeper) adminOffer(ctx context.Context, agencyID string) (types.AdminOffer, error) {
	offer, err := k.AdminOffers.Get(ctx, agencyID)
	if errors.Is(err, collections.ErrNotFound) {
		return offer, errorsmod.Wrapf(types.ErrOfferNotFound, "agency %q has no pending admin transfer", agencyID)
	}
	return offer, err
}

// removeMembershipOffer deletes an existing offer and decrements its agency's offer count.
func (k Keeper) removeMembershipOffer(ctx context.Context, key collections.Pair[string, sdk.AccAddress]) error {
	if err := k.MembershipOffers.Remove(ctx, key); err != nil {
		return err
	}
	n, err := counter(ctx, k.OfferCount, key.K1())
	if err != nil {
		return err
	}
	if n <= 1 {
		return k.OfferCount.Remove(ctx, key.K1())
	}
	return k.OfferCount.Set(ctx, key.K1(), n-1)
}
