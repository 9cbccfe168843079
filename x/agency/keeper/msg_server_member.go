package keeper

import (
	"bytes"
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/agency/types"
)

// AddMember offers membership of an agency to an account (agency admin only): the account
// becomes a member only when it accepts (AcceptMembership) before the offer expires, so no
// account is made a member without its consent. The address must not belong to another
// agency or be a member already; the agency's own admin may be offered membership. A new
// offer to the same account replaces the pending one; otherwise the agency may hold at most
// params.max_pending_offers_per_agency offers.
func (m msgServer) AddMember(ctx context.Context, msg *types.MsgAddMember) (*types.MsgAddMemberResponse, error) {
	signer, err := validateMsgAddMember(m.addressCodec, msg, blockctx.Time(ctx))
	if err != nil {
		return nil, err
	}
	agency, addr, err := m.adminGranting(ctx, msg.AgencyId, signer, msg.Admin, msg.Address, msg.Roles)
	if err != nil {
		return nil, err
	}
	if err := m.checkCanJoin(ctx, agency.Id, addr, msg.Address); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.checkMemberLimit(ctx, agency.Id, params); err != nil {
		return nil, err
	}
	key := collections.Join(agency.Id, sdk.AccAddress(addr))
	replacing, err := m.MembershipOffers.Has(ctx, key)
	if err != nil {
		return nil, err
	}
	offers, err := counter(ctx, m.OfferCount, agency.Id)
	if err != nil {
		return nil, err
	}
	if !replacing && offers >= uint64(params.MaxPendingOffersPerAgency) {
		return nil, errorsmod.Wrapf(types.ErrOfferLimit,
			"agency %q already has %d pending membership offers (max %d); withdraw expired or unwanted ones first",
			agency.Id, offers, params.MaxPendingOffersPerAgency)
	}

	now := blockctx.Time(ctx)
	offer := types.MembershipOffer{
		AgencyId:       agency.Id,
		Address:        msg.Address,
		Roles:          types.NormalizeRoles(msg.Roles),
		ExpiresAt:      msg.ExpiresAt,
		OfferedAt:      now,
		OfferExpiresAt: offerDeadline(now, params),
	}
	if err := m.MembershipOffers.Set(ctx, key, offer); err != nil {
		return nil, err
	}
	if !replacing {
		if err := m.OfferCount.Set(ctx, agency.Id, offers+1); err != nil {
			return nil, err
		}
	}
	return blockctx.Reply(ctx, &types.EventMembershipOffered{
		AgencyId: agency.Id, Address: offer.Address, Roles: offer.Roles, ExpiresAt: offer.ExpiresAt,
		OfferExpiresAt: &offer.OfferExpiresAt,
	}, &types.MsgAddMemberResponse{OfferExpiresAt: offer.OfferExpiresAt})
}

// adminOf requires signer to be the admin of a non-RETIRED agency (agencyForAdmin) and
// decodes the account the admin's message is about.
func (k Keeper) adminOf(ctx context.Context, agencyID string, signer sdk.AccAddress, signerStr, account string) (types.Agency, sdk.AccAddress, error) {
	agency, err := k.agencyForAdmin(ctx, agencyID, signer, signerStr)
	if err != nil {
		return types.Agency{}, nil, err
	}
	addr, err := k.addressCodec.StringToBytes(account)
	if err != nil {
		return types.Agency{}, nil, err
	}
	return agency, addr, nil
}

// adminGranting runs the checks of an admin giving roles to an account (AddMember,
// SetMemberRoles): the roles are in the catalog, the signer is the admin (adminOf) and the
// agency has every role. It returns the agency and the decoded account.
func (k Keeper) adminGranting(ctx context.Context, agencyID string, signer sdk.AccAddress, signerStr, account string, roles []string) (types.Agency, sdk.AccAddress, error) {
	if err := k.checkCatalog(roles); err != nil {
		return types.Agency{}, nil, err
	}
	agency, addr, err := k.adminOf(ctx, agencyID, signer, signerStr, account)
	if err != nil {
		return types.Agency{}, nil, err
	}
	if err := checkRolesInAgency(agency, roles); err != nil {
		return types.Agency{}, nil, err
	}
	return agency, addr, nil
}

// checkCanJoin fails when addr belongs to another agency (ErrAddressAffiliated) or is a
// member already (ErrAlreadyMember).
func (k Keeper) checkCanJoin(ctx context.Context, agencyID string, addr sdk.AccAddress, addrStr string) error {
	other, err := k.Affiliation(ctx, addr)
	if err != nil {
		return err
	}
	if other != "" && other != agencyID {
		return errorsmod.Wrapf(types.ErrAddressAffiliated, "%s already belongs to agency %q", addrStr, other)
	}
	isMember, err := k.Members.Has(ctx, addr)
	if err != nil {
		return err
	}
	if isMember {
		return errorsmod.Wrapf(types.ErrAlreadyMember, "%s is already a member of agency %q", addrStr, agencyID)
	}
	return nil
}

// checkMemberLimit fails with ErrMemberLimit when the agency has params.max_members_per_agency members.
func (k Keeper) checkMemberLimit(ctx context.Context, agencyID string, params types.Params) error {
	count, err := k.memberCount(ctx, agencyID)
	if err != nil {
		return err
	}
	if count >= uint64(params.MaxMembersPerAgency) {
		return errorsmod.Wrapf(types.ErrMemberLimit, "agency %q already has %d members (max %d)", agencyID, count, params.MaxMembersPerAgency)
	}
	return nil
}

// memberOf loads a member of the given agency, failing with ErrNotMember.
func (k Keeper) memberOf(ctx context.Context, agencyID string, addr sdk.AccAddress, addrStr string) (types.Member, error) {
	member, err := k.Members.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) || (err == nil && member.AgencyId != agencyID) {
		return member, errorsmod.Wrapf(types.ErrNotMember, "%s is not a member of agency %q", addrStr, agencyID)
	}
	return member, err
}

// SetMemberRoles replaces a member's roles and expiry (agency admin only).
func (m msgServer) SetMemberRoles(ctx context.Context, msg *types.MsgSetMemberRoles) (*types.MsgSetMemberRolesResponse, error) {
	signer, err := validateMsgSetMemberRoles(m.addressCodec, msg, blockctx.Time(ctx))
	if err != nil {
		return nil, err
	}
	agency, addr, err := m.adminGranting(ctx, msg.AgencyId, signer, msg.Admin, msg.Address, msg.Roles)
	if err != nil {
		return nil, err
	}
	member, err := m.memberOf(ctx, agency.Id, addr, msg.Address)
	if err != nil {
		return nil, err
	}
	member.Roles = types.NormalizeRoles(msg.Roles)
	member.ExpiresAt = msg.ExpiresAt
	if err := m.Members.Set(ctx, addr, member); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventMemberRolesSet{
		AgencyId: agency.Id, Address: member.Address, Roles: member.Roles, ExpiresAt: member.ExpiresAt,
	}, &types.MsgSetMemberRolesResponse{})
}

// RemoveMember removes a member (agency admin only). The address is free to join another
// agency afterwards, unless it is this agency's admin.
func (m msgServer) RemoveMember(ctx context.Context, msg *types.MsgRemoveMember) (*types.MsgRemoveMemberResponse, error) {
	signer, err := validateMsgRemoveMember(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agency, addr, err := m.adminOf(ctx, msg.AgencyId, signer, msg.Admin, msg.Address)
	if err != nil {
		return nil, err
	}
	if _, err := m.memberOf(ctx, agency.Id, addr, msg.Address); err != nil {
		return nil, err
	}
	count, err := m.memberCount(ctx, agency.Id)
	if err != nil {
		return nil, err
	}

	if err := m.Members.Remove(ctx, addr); err != nil {
		return nil, err
	}
	if count <= 1 {
		err = m.MemberCount.Remove(ctx, agency.Id)
	} else {
		err = m.MemberCount.Set(ctx, agency.Id, count-1)
	}
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventMemberRemoved{
		AgencyId: agency.Id, Address: msg.Address,
	}, &types.MsgRemoveMemberResponse{})
}

// TransferAdmin offers the agency to a new admin (agency admin only): the account becomes
// admin only when it accepts (AcceptAdmin) before the offer expires. The new admin must not
// belong to another agency; it may be a member of this one. A new offer replaces the
// pending one.
func (m msgServer) TransferAdmin(ctx context.Context, msg *types.MsgTransferAdmin) (*types.MsgTransferAdminResponse, error) {
	signer, err := validateMsgTransferAdmin(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agency, newAdmin, err := m.adminOf(ctx, msg.AgencyId, signer, msg.Admin, msg.NewAdmin)
	if err != nil {
		return nil, err
	}
	if err := m.checkCanAdminister(ctx, agency, newAdmin, msg.NewAdmin); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	offer := types.AdminOffer{
		AgencyId: agency.Id, NewAdmin: msg.NewAdmin, OfferedAt: now, OfferExpiresAt: offerDeadline(now, params),
	}
	if err := m.AdminOffers.Set(ctx, agency.Id, offer); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAdminTransferOffered{
		AgencyId: agency.Id, Admin: agency.Admin, NewAdmin: offer.NewAdmin, OfferExpiresAt: &offer.OfferExpiresAt,
	}, &types.MsgTransferAdminResponse{OfferExpiresAt: offer.OfferExpiresAt})
}

// checkCanAdminister fails when newAdmin is the agency's admin already (ErrSameAdmin) or
// belongs to another agency (ErrAddressAffiliated).
func (k Keeper) checkCanAdminister(ctx context.Context, agency types.Agency, newAdmin sdk.AccAddress, newAdminStr string) error {
	oldAdmin, err := k.addressCodec.StringToBytes(agency.Admin)
	if err != nil {
		return err
	}
	if bytes.Equal(oldAdmin, newAdmin) {
		return errorsmod.Wrapf(types.ErrSameAdmin, "%s is already the admin of agency %q", newAdminStr, agency.Id)
	}
	other, err := k.Affiliation(ctx, newAdmin)
	if err != nil {
		return err
	}
	if other != "" && other != agency.Id {
		return errorsmod.Wrapf(types.ErrAddressAffiliated, "new admin %s already belongs to agency %q", newAdminStr, other)
	}
	return nil
}
