package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/agency/types"
)

// RegisterAgency onboards a new ACTIVE agency (governance only).
func (m msgServer) RegisterAgency(ctx context.Context, msg *types.MsgRegisterAgency) (*types.MsgRegisterAgencyResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if _, err := validateMsgRegisterAgency(m.addressCodec, msg); err != nil {
		return nil, err
	}
	if err := m.checkCatalog(msg.Roles); err != nil {
		return nil, err
	}
	has, err := m.Agencies.Has(ctx, msg.Id)
	if err != nil {
		return nil, err
	}
	if has {
		return nil, errorsmod.Wrapf(types.ErrAgencyExists, "agency %q", msg.Id)
	}
	admin, err := m.addressCodec.StringToBytes(msg.Admin)
	if err != nil {
		return nil, err
	}
	other, err := m.Affiliation(ctx, admin)
	if err != nil {
		return nil, err
	}
	if other != "" {
		return nil, errorsmod.Wrapf(types.ErrAddressAffiliated, "admin %s already belongs to agency %q", msg.Admin, other)
	}

	now := blockctx.Time(ctx)
	agency := types.Agency{
		Id:           msg.Id,
		Name:         msg.Name,
		Admin:        msg.Admin,
		Roles:        types.NormalizeRoles(msg.Roles),
		Status:       types.AgencyStatusActive,
		RegisteredAt: now,
		UpdatedAt:    now,
	}
	if err := m.Agencies.Set(ctx, agency.Id, agency); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAgencyRegistered{
		AgencyId: agency.Id, Name: agency.Name, Admin: agency.Admin, Roles: agency.Roles,
	}, &types.MsgRegisterAgencyResponse{})
}

// SetAgencyRoles replaces an agency's roles (governance only). Roles removed from the
// agency are removed from each of its members too; the members visited are bounded by
// params.max_members_per_agency (itself at most types.MaxMembersPerAgencyLimit).
func (m msgServer) SetAgencyRoles(ctx context.Context, msg *types.MsgSetAgencyRoles) (*types.MsgSetAgencyRolesResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if _, err := validateMsgSetAgencyRoles(m.addressCodec, msg); err != nil {
		return nil, err
	}
	if err := m.checkCatalog(msg.Roles); err != nil {
		return nil, err
	}
	agency, err := m.changeableAgency(ctx, msg.AgencyId)
	if err != nil {
		return nil, err
	}

	newRoles := types.NormalizeRoles(msg.Roles)
	var removed []string
	for _, r := range agency.Roles {
		if !types.HasRole(newRoles, r) {
			removed = append(removed, r)
		}
	}

	// Collect every member update before writing anything.
	var updates []types.Member
	if len(removed) > 0 {
		rng := collections.NewPrefixedPairRange[string, sdk.AccAddress](agency.Id)
		err := m.Members.Indexes.Agency.Walk(ctx, rng, func(_ string, addr sdk.AccAddress) (bool, error) {
			member, err := m.Members.Get(ctx, addr)
			if err != nil {
				return true, err
			}
			kept := make([]string, 0, len(member.Roles))
			for _, r := range member.Roles {
				if types.HasRole(newRoles, r) {
					kept = append(kept, r)
				}
			}
			if len(kept) != len(member.Roles) {
				member.Roles = kept
				updates = append(updates, member)
			}
			return false, nil
		})
		if err != nil {
			return nil, err
		}
	}

	agency.Roles = newRoles
	agency.UpdatedAt = blockctx.Time(ctx)
	if err := m.Agencies.Set(ctx, agency.Id, agency); err != nil {
		return nil, err
	}
	for _, member := range updates {
		addr, err := m.addressCodec.StringToBytes(member.Address)
		if err != nil {
			return nil, err
		}
		if err := m.Members.Set(ctx, addr, member); err != nil {
			return nil, err
		}
	}
	n := uint32(len(updates)) //nolint:gosec // bounded by MaxMembersPerAgencyLimit
	return blockctx.Reply(ctx, &types.EventAgencyRolesSet{
		AgencyId: agency.Id, Roles: agency.Roles, RemovedRoles: removed, MembersUpdated: n,
	}, &types.MsgSetAgencyRolesResponse{MembersUpdated: n})
}

// SetAgencyStatus moves an agency along its lifecycle (governance only):
// ACTIVE <-> SUSPENDED, ACTIVE | SUSPENDED -> RETIRED; RETIRED is final.
func (m msgServer) SetAgencyStatus(ctx context.Context, msg *types.MsgSetAgencyStatus) (*types.MsgSetAgencyStatusResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if _, err := validateMsgSetAgencyStatus(m.addressCodec, msg); err != nil {
		return nil, err
	}
	agency, err := m.GetAgency(ctx, msg.AgencyId)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateStatusTransition(agency.Status, msg.Status); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatusTransition, "agency %q: %s", agency.Id, err)
	}
	from := agency.Status
	agency.Status = msg.Status
	agency.UpdatedAt = blockctx.Time(ctx)
	if err := m.Agencies.Set(ctx, agency.Id, agency); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAgencyStatusChanged{
		AgencyId: agency.Id, From: from, To: agency.Status, Reason: msg.Reason,
	}, &types.MsgSetAgencyStatusResponse{})
}
