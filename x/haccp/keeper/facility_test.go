package keeper_test

import (
	"strings"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

func TestRegisterFacility(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	first := f.facility(op2)
	msg := f.facilityMsg(op)
	msg.Type = types.FacilityTypeImporter
	f.freshEvents()

	// ACT
	res, err := f.msg.RegisterFacility(f.ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, first+1, res.Id)
	got, err := f.k.Facilities.Get(f.ctx, res.Id)
	require.NoError(t, err)
	require.Equal(t, types.Facility{
		Id: res.Id, Operator: f.s(op), BusinessRegistrationDigest: bizDigest, Type: types.FacilityTypeImporter,
		Name: msg.Name, RegionCode: msg.RegionCode, RegisteredAt: T0,
	}, got)
	has, err := f.k.Facilities.Indexes.Operator.Has(f.ctx, collections.Join(op, res.Id))
	require.NoError(t, err)
	require.True(t, has)
	f.requireOnlyEvent(&types.EventFacilityRegistered{FacilityId: res.Id, Type: types.FacilityTypeImporter, Operator: f.s(op)})
}

func TestRegisterFacilityRejected(t *testing.T) {
	register := func(f *fixture, edit func(*types.MsgRegisterFacility)) func() error {
		msg := f.facilityMsg(op)
		edit(msg)
		return func() error { _, err := f.msg.RegisterFacility(f.ctx, msg); return err }
	}
	runRejections(t, []rejection{
		{"empty operator", func(f *fixture) func() error {
			return register(f, func(m *types.MsgRegisterFacility) { m.Operator = "" })
		}, sdkerrors.ErrInvalidAddress},
		{"uppercase operator", func(f *fixture) func() error {
			return register(f, func(m *types.MsgRegisterFacility) { m.Operator = strings.ToUpper(m.Operator) })
		}, sdkerrors.ErrInvalidAddress},
		{"registration number instead of its digest", func(f *fixture) func() error {
			return register(f, func(m *types.MsgRegisterFacility) { m.BusinessRegistrationDigest = "123-45-67890" })
		}, types.ErrInvalidDigest},
		{"unspecified type", func(f *fixture) func() error {
			return register(f, func(m *types.MsgRegisterFacility) { m.Type = types.FacilityTypeUnspecified })
		}, types.ErrInvalidFacility},
		{"unknown type", func(f *fixture) func() error {
			return register(f, func(m *types.MsgRegisterFacility) { m.Type = 99 })
		}, types.ErrInvalidFacility},
		{"name too long", func(f *fixture) func() error {
			return register(f, func(m *types.MsgRegisterFacility) { m.Name = strings.Repeat("x", types.MaxFacilityNameLength+1) })
		}, types.ErrFieldTooLong},
		{"empty name", func(f *fixture) func() error {
			return register(f, func(m *types.MsgRegisterFacility) { m.Name = "" })
		}, types.ErrInvalidName},
		{"region code not 5 digits", func(f *fixture) func() error {
			return register(f, func(m *types.MsgRegisterFacility) { m.RegionCode = "4150" })
		}, types.ErrInvalidFacility},
	})
}

func TestFacilityStaff(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.facility(op)
	f.freshEvents()

	// ACT: add
	_, err := f.msg.AddFacilityStaff(f.ctx, &types.MsgAddFacilityStaff{Operator: f.s(op), FacilityId: id, Staff: f.s(staff)})

	// ASSERT
	require.NoError(t, err)
	f.requireOnlyEvent(&types.EventFacilityStaffAdded{FacilityId: id, Staff: f.s(staff), Operator: f.s(op)})
	fac, err := f.k.Facilities.Get(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, uint64(1), fac.StaffCount)
	has, err := f.k.FacilityStaff.Has(f.ctx, collections.Join(id, staff))
	require.NoError(t, err)
	require.True(t, has)
	require.Equal(t, []uint64{id}, f.facilitiesOfStaff(staff))

	// ACT: remove
	f.addStaff(op, id, staff2)
	f.freshEvents()
	_, err = f.msg.RemoveFacilityStaff(f.ctx, &types.MsgRemoveFacilityStaff{Operator: f.s(op), FacilityId: id, Staff: f.s(staff)})

	// ASSERT
	require.NoError(t, err)
	f.requireOnlyEvent(&types.EventFacilityStaffRemoved{FacilityId: id, Staff: f.s(staff), Operator: f.s(op)})
	fac, err = f.k.Facilities.Get(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, uint64(1), fac.StaffCount)
	has, err = f.k.FacilityStaff.Has(f.ctx, collections.Join(id, staff))
	require.NoError(t, err)
	require.False(t, has)
	require.Empty(t, f.facilitiesOfStaff(staff))
	has, err = f.k.FacilityStaff.Has(f.ctx, collections.Join(id, staff2))
	require.NoError(t, err)
	require.True(t, has)
}

func TestFacilityStaffRejected(t *testing.T) {
	add := func(f *fixture, by sdk.AccAddress, id uint64, member sdk.AccAddress) func() error {
		return func() error {
			_, err := f.msg.AddFacilityStaff(f.ctx, &types.MsgAddFacilityStaff{Operator: f.s(by), FacilityId: id, Staff: f.s(member)})
			return err
		}
	}
	remove := func(f *fixture, by sdk.AccAddress, id uint64, member sdk.AccAddress) func() error {
		return func() error {
			_, err := f.msg.RemoveFacilityStaff(f.ctx, &types.MsgRemoveFacilityStaff{Operator: f.s(by), FacilityId: id, Staff: f.s(member)})
			return err
		}
	}
	runRejections(t, []rejection{
		{"add: facility_id 0", func(f *fixture) func() error { return add(f, op, 0, staff) }, types.ErrInvalidFacility},
		{"add: unknown facility", func(f *fixture) func() error { return add(f, op, 404, staff) }, types.ErrFacilityNotFound},
		{"add: operator of another facility", func(f *fixture) func() error {
			f.facility(op2)
			return add(f, op2, f.facility(op), staff)
		}, types.ErrNotOperator},
		{"add: staff adding staff", func(f *fixture) func() error {
			id := f.facility(op)
			f.addStaff(op, id, staff)
			return add(f, staff, id, staff2)
		}, types.ErrNotOperator},
		{"add: the operator itself", func(f *fixture) func() error { return add(f, op, f.facility(op), op) }, types.ErrInvalidFacility},
		{"add: bad staff address", func(f *fixture) func() error {
			id := f.facility(op)
			return func() error {
				_, err := f.msg.AddFacilityStaff(f.ctx, &types.MsgAddFacilityStaff{Operator: f.s(op), FacilityId: id, Staff: "civic1nope"})
				return err
			}
		}, sdkerrors.ErrInvalidAddress},
		{"add: already staff", func(f *fixture) func() error {
			id := f.facility(op)
			f.addStaff(op, id, staff)
			return add(f, op, id, staff)
		}, types.ErrStaffExists},
		{"add: staff limit reached", func(f *fixture) func() error {
			p := types.DefaultParams()
			p.MaxStaffPerFacility = 1
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.s(testkeeper.AgencyAuthority()), Params: p})
			require.NoError(f.t, err)
			id := f.facility(op)
			f.addStaff(op, id, staff)
			return add(f, op, id, staff2)
		}, types.ErrTooManyStaff},
		{"remove: unknown facility", func(f *fixture) func() error { return remove(f, op, 404, staff) }, types.ErrFacilityNotFound},
		{"remove: not the operator", func(f *fixture) func() error {
			id := f.facility(op)
			f.addStaff(op, id, staff)
			return remove(f, op2, id, staff)
		}, types.ErrNotOperator},
		{"remove: not staff", func(f *fixture) func() error {
			id := f.facility(op)
			f.addStaff(op, id, staff)
			return remove(f, op, id, staff2)
		}, types.ErrStaffNotFound},
		{"remove: staff of another facility", func(f *fixture) func() error {
			other := f.facility(op2)
			f.addStaff(op2, other, staff)
			return remove(f, op, f.facility(op), staff)
		}, types.ErrStaffNotFound},
	})
}

func TestUpdateParams(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxStaffPerFacility = 7
	f.freshEvents()

	// ACT
	_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.s(testkeeper.AgencyAuthority()), Params: p})

	// ASSERT
	require.NoError(t, err)
	got, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	require.Equal(t, p, got)
	f.requireOnlyEvent(&types.EventParamsUpdated{Authority: f.s(testkeeper.AgencyAuthority()), Params: p})
}

func TestUpdateParamsRejected(t *testing.T) {
	runRejections(t, []rejection{
		{"not the authority", func(f *fixture) func() error {
			return func() error {
				_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.s(op), Params: types.DefaultParams()})
				return err
			}
		}, govtypes.ErrInvalidSigner},
		{"zero staff bound", func(f *fixture) func() error {
			p := types.DefaultParams()
			p.MaxStaffPerFacility = 0
			return func() error {
				_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.s(testkeeper.AgencyAuthority()), Params: p})
				return err
			}
		}, types.ErrInvalidParams},
	})
}
