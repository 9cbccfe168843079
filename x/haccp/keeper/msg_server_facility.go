package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

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
	staff, err := parseAddress(m.addressCodec, "staff", msg.Staff)
	if err != nil {
		return nil, err
	}
	f, err := m.getFacility(ctx, msg.FacilityId)
	if err != nil {
		return nil, err
	}
	if err := m.requireOperator(signer, f); err != nil {
		return nil, err
	}
	has, err := m.FacilityStaff.Has(ctx, collections.Join(f.Id, staff))
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
	if err := m.FacilityStaff.Set(ctx, collections.Join(f.Id, staff), collections.NoValue{}); err != nil {
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
	staff, err := parseAddress(m.addressCodec, "staff", msg.Staff)
	if err != nil {
		return nil, err
	}
	f, err := m.getFacility(ctx, msg.FacilityId)
	if err != nil {
		return nil, err
	}
	if err := m.requireOperator(signer, f); err != nil {
		return nil, err
	}
	has, err := m.FacilityStaff.Has(ctx, collections.Join(f.Id, staff))
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
	if err := m.FacilityStaff.Remove(ctx, collections.Join(f.Id, staff)); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventFacilityStaffRemoved{FacilityId: f.Id, Staff: msg.Staff, Operator: msg.Operator}); err != nil {
		return nil, err
	}
	return &types.MsgRemoveFacilityStaffResponse{}, nil
}
