package keeper

import (
	"bytes"
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/agency/types"
)

// AddMember adds a member to an agency (agency admin only). The address must not belong to
// another agency; the agency's own admin may become a member.
func (m msgServer) AddMember(ctx context.Context, msg *types.MsgAddMember) (*types.MsgAddMemberResponse, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if err := validateMsgAddMember(m.addressCodec, msg, sdkCtx.BlockTime()); err != nil {
		return nil, err
	}
	if err := m.checkCatalog(msg.Roles); err != nil {
		return nil, err
	}
	agency, err := m.agencyForAdmin(ctx, msg.AgencyId, msg.Admin)
	if err != nil {
		return nil, err
	}
	if err := checkRolesInAgency(agency, msg.Roles); err != nil {
		return nil, err
	}
	addr, err := m.addressCodec.StringToBytes(msg.Address)
	if err != nil {
		return nil, err
	}
	other, err := m.affiliation(ctx, addr)
	if err != nil {
		return nil, err
	}
	if other != "" && other != agency.Id {
		return nil, errorsmod.Wrapf(types.ErrAddressAffiliated, "%s already belongs to agency %q", msg.Address, other)
	}
	isMember, err := m.Members.Has(ctx, addr)
	if err != nil {
		return nil, err
	}
	if isMember {
		return nil, errorsmod.Wrapf(types.ErrAlreadyMember, "%s is already a member of agency %q", msg.Address, agency.Id)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	count, err := m.memberCount(ctx, agency.Id)
	if err != nil {
		return nil, err
	}
	if count >= uint64(params.MaxMembersPerAgency) {
		return nil, errorsmod.Wrapf(types.ErrMemberLimit, "agency %q already has %d members (max %d)", agency.Id, count, params.MaxMembersPerAgency)
	}

	member := types.Member{
		AgencyId:  agency.Id,
		Address:   msg.Address,
		Roles:     types.NormalizeRoles(msg.Roles),
		ExpiresAt: msg.ExpiresAt,
		AddedAt:   sdkCtx.BlockTime(),
	}
	if err := m.Members.Set(ctx, addr, member); err != nil {
		return nil, err
	}
	if err := m.MembersByAgency.Set(ctx, collections.Join(agency.Id, sdk.AccAddress(addr))); err != nil {
		return nil, err
	}
	if err := m.Affiliations.Set(ctx, addr, agency.Id); err != nil {
		return nil, err
	}
	if err := m.MemberCount.Set(ctx, agency.Id, count+1); err != nil {
		return nil, err
	}
	if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventMemberAdded{
		AgencyId: agency.Id, Address: member.Address, Roles: member.Roles, ExpiresAt: member.ExpiresAt,
	}); err != nil {
		return nil, err
	}
	return &types.MsgAddMemberResponse{}, nil
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
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if err := validateMsgSetMemberRoles(m.addressCodec, msg, sdkCtx.BlockTime()); err != nil {
		return nil, err
	}
	if err := m.checkCatalog(msg.Roles); err != nil {
		return nil, err
	}
	agency, err := m.agencyForAdmin(ctx, msg.AgencyId, msg.Admin)
	if err != nil {
		return nil, err
	}
	if err := checkRolesInAgency(agency, msg.Roles); err != nil {
		return nil, err
	}
	addr, err := m.addressCodec.StringToBytes(msg.Address)
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
	if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventMemberRolesSet{
		AgencyId: agency.Id, Address: member.Address, Roles: member.Roles, ExpiresAt: member.ExpiresAt,
	}); err != nil {
		return nil, err
	}
	return &types.MsgSetMemberRolesResponse{}, nil
}

// RemoveMember removes a member (agency admin only). The address is free to join another
// agency afterwards, unless it is this agency's admin.
func (m msgServer) RemoveMember(ctx context.Context, msg *types.MsgRemoveMember) (*types.MsgRemoveMemberResponse, error) {
	if err := validateMsgRemoveMember(m.addressCodec, msg); err != nil {
		return nil, err
	}
	agency, err := m.agencyForAdmin(ctx, msg.AgencyId, msg.Admin)
	if err != nil {
		return nil, err
	}
	addr, err := m.addressCodec.StringToBytes(msg.Address)
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
	adminBz, err := m.addressCodec.StringToBytes(agency.Admin)
	if err != nil {
		return nil, err
	}

	if err := m.Members.Remove(ctx, addr); err != nil {
		return nil, err
	}
	if err := m.MembersByAgency.Remove(ctx, collections.Join(agency.Id, sdk.AccAddress(addr))); err != nil {
		return nil, err
	}
	if !bytes.Equal(addr, adminBz) {
		if err := m.Affiliations.Remove(ctx, addr); err != nil {
			return nil, err
		}
	}
	if count <= 1 {
		err = m.MemberCount.Remove(ctx, agency.Id)
	} else {
		err = m.MemberCount.Set(ctx, agency.Id, count-1)
	}
	if err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventMemberRemoved{
		AgencyId: agency.Id, Address: msg.Address,
	}); err != nil {
		return nil, err
	}
	return &types.MsgRemoveMemberResponse{}, nil
}

// TransferAdmin hands the agency to a new admin (agency admin only). The new admin must not
// belong to another agency; it may already be a member of this one. The previous admin
// keeps its membership, if any, and otherwise becomes free to join another agency.
func (m msgServer) TransferAdmin(ctx context.Context, msg *types.MsgTransferAdmin) (*types.MsgTransferAdminResponse, error) {
	if err := validateMsgTransferAdmin(m.addressCodec, msg); err != nil {
		return nil, err
	}
	agency, err := m.agencyForAdmin(ctx, msg.AgencyId, msg.Admin)
	if err != nil {
		return nil, err
	}
	oldAdmin, err := m.addressCodec.StringToBytes(agency.Admin)
	if err != nil {
		return nil, err
	}
	newAdmin, err := m.addressCodec.StringToBytes(msg.NewAdmin)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(oldAdmin, newAdmin) {
		return nil, errorsmod.Wrapf(types.ErrSameAdmin, "%s is already the admin of agency %q", msg.NewAdmin, agency.Id)
	}
	other, err := m.affiliation(ctx, newAdmin)
	if err != nil {
		return nil, err
	}
	if other != "" && other != agency.Id {
		return nil, errorsmod.Wrapf(types.ErrAddressAffiliated, "new admin %s already belongs to agency %q", msg.NewAdmin, other)
	}
	oldIsMember, err := m.Members.Has(ctx, oldAdmin)
	if err != nil {
		return nil, err
	}

	previous := agency.Admin
	agency.Admin = msg.NewAdmin
	agency.UpdatedAt = sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := m.Agencies.Set(ctx, agency.Id, agency); err != nil {
		return nil, err
	}
	if !oldIsMember {
		if err := m.Affiliations.Remove(ctx, oldAdmin); err != nil {
			return nil, err
		}
	}
	if err := m.Affiliations.Set(ctx, newAdmin, agency.Id); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAdminTransferred{
		AgencyId: agency.Id, PreviousAdmin: previous, NewAdmin: agency.Admin,
	}); err != nil {
		return nil, err
	}
	return &types.MsgTransferAdminResponse{}, nil
}
