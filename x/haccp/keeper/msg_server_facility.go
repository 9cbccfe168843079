package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/haccp/types"
)

// RegisterFacility registers a facility. Any account may; it becomes the
// facility's operator.
func (m msgServer) RegisterFacility(ctx context.Context, msg *types.MsgRegisterFacility) (*types.MsgRegisterFacilityResponse, error) {
	_, err := validateRegisterFacility(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	last, err := m.LastFacilityID.Next(ctx)
	if err != nil {
		return nil, err
	}
	f := types.Facility{
		Id:                         last + 1,
		Operator:                   msg.Operator,
		BusinessRegistrationDigest: msg.BusinessRegistrationDigest,
		Type:                       msg.Type,
		Name:                       msg.Name,
		RegionCode:                 msg.RegionCode,
		RegisteredAt:               blockctx.Time(ctx),
	}
	if err := m.Facilities.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventFacilityRegistered{FacilityId: f.Id, Type: f.Type, Operator: msg.Operator}); err != nil {
		return nil, err
	}
	return &types.MsgRegisterFacilityResponse{Id: f.Id}, nil
}

// AddFacilityStaff adds a staff account to a facility; only its operator may,
// and at most params.max_staff_per_facility accounts.
func (m msgServer) AddFacilityStaff(ctx context.Context, msg *types.MsgAddFacilityStaff) (*types.MsgAddFacilityStaffResponse, error) {
	signer, err := validateAddFacilityStaff(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	f, key, has, err := m.facilityStaff(ctx, signer, msg.FacilityId, msg.Staff)
	if err != nil {
		return nil, err
	}
	if has {
		return nil, errorsmod.Wrapf(types.ErrStaffExists, "%s is staff of facility %d", msg.Staff, f.Id)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if f.StaffCount >= uint64(params.MaxStaffPerFacility) {
		return nil, errorsmod.Wrapf(types.ErrTooManyStaff, "facility %d has %d staff, at most %d", f.Id, f.StaffCount, params.MaxStaffPerFacility)
	}

	f.StaffCount++
	if err := m.Facilities.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	if err := m.FacilityStaff.Set(ctx, key, collections.NoValue{}); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventFacilityStaffAdded{FacilityId: f.Id, Staff: msg.Staff, Operator: msg.Operator}); err != nil {
		return nil, err
	}
	return &types.MsgAddFacilityStaffResponse{}, nil
}

// RemoveFacilityStaff removes a staff account from a facility; only its
// operator may.
func (m msgServer) RemoveFacilityStaff(ctx context.Context, msg *types.MsgRemoveFacilityStaff) (*types.MsgRemoveFacilityStaffResponse, error) {
	signer, err := validateRemoveFacilityStaff(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	f, key, has, err := m.facilityStaff(ctx, signer, msg.FacilityId, msg.Staff)
	if err != nil {
		return nil, err
	}
	if !has {
		return nil, errorsmod.Wrapf(types.ErrStaffNotFound, "%s is not staff of facility %d", msg.Staff, f.Id)
	}

	f.StaffCount--
	if err := m.Facilities.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	if err := m.FacilityStaff.Remove(ctx, key); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventFacilityStaffRemoved{FacilityId: f.Id, Staff: msg.Staff, Operator: msg.Operator}); err != nil {
		return nil, err
	}
	return &types.MsgRemoveFacilityStaffResponse{}, nil
}

// facilityStaff loads what AddFacilityStaff and RemoveFacilityStaff act on:
// the facility, which signer must operate, and the FacilityStaff key of the
// staff account, with whether the account is its staff now.
func (m msgServer) facilityStaff(ctx context.Context, signer sdk.AccAddress, facilityID uint64, staff string,
) (types.Facility, collections.Pair[uint64, sdk.AccAddress], bool, error) {
	var key collections.Pair[uint64, sdk.AccAddress]
	member, err := parseAddress(m.addressCodec, "staff", staff)
	if err != nil {
		return types.Facility{}, key, false, err
	}
	f, err := m.getFacility(ctx, facilityID)
	if err != nil {
		return types.Facility{}, key, false, err
	}
	if err := m.requireOperator(signer, f); err != nil {
		return types.Facility{}, key, false, err
	}
	key = collections.Join(f.Id, member)
	has, err := m.FacilityStaff.Has(ctx, key)
	return f, key, has, err
}

// memberFacility loads a facility that signer may act for: its operator or
// one of its staff.
func (k Keeper) memberFacility(ctx context.Context, signer sdk.AccAddress, id uint64) (types.Facility, error) {
	f, err := k.getFacility(ctx, id)
	if err != nil {
		return types.Facility{}, err
	}
	if err := k.requireMember(ctx, signer, f); err != nil {
		return types.Facility{}, err
	}
	return f, nil
}
