package keeper_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/bech32"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

var (
	knpaAdmin = addr(1)
	mfdsAdmin = addr(2)
	officer   = addr(10)
	inspector = addr(11)
	stranger  = addr(99)
)

func TestRegisterAgency(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.freshEvents()

	// ACT
	_, err := f.ms.RegisterAgency(f.ctx, &types.MsgRegisterAgency{
		Authority: f.authority, Id: "knpa", Name: "경찰청 Korean National Police Agency",
		Admin: f.str(knpaAdmin), Roles: []string{roleInvestigator, roleCustodian},
	})

	// ASSERT
	require.NoError(t, err)
	a, err := f.k.Agencies.Get(f.ctx, "knpa")
	require.NoError(t, err)
	require.Equal(t, types.Agency{
		Id: "knpa", Name: "경찰청 Korean National Police Agency", Admin: f.str(knpaAdmin),
		Roles:  []string{roleCustodian, roleInvestigator}, // sorted
		Status: types.AgencyStatusActive, RegisteredAt: testkeeper.BlockTime, UpdatedAt: testkeeper.BlockTime,
	}, a)
	aff, err := f.k.Affiliation(f.ctx, knpaAdmin)
	require.NoError(t, err)
	require.Equal(t, "knpa", aff)

	ev := onlyEvent[*types.EventAgencyRegistered](t, f.ctx)
	require.Equal(t, &types.EventAgencyRegistered{
		AgencyId: "knpa", Name: a.Name, Admin: f.str(knpaAdmin), Roles: []string{roleCustodian, roleInvestigator},
	}, ev)
}

func TestRegisterAgencyRejections(t *testing.T) {
	setup := func(f *fixture) {
		f.register("knpa", knpaAdmin, roleInvestigator)
		f.addMember("knpa", knpaAdmin, officer, nil, roleInvestigator)
	}
	msg := func(f *fixture, mutate func(m *types.MsgRegisterAgency)) error {
		m := &types.MsgRegisterAgency{
			Authority: f.authority, Id: "mfds", Name: "Ministry of Food and Drug Safety",
			Admin: f.str(mfdsAdmin), Roles: []string{roleCertifier},
		}
		mutate(m)
		_, err := f.ms.RegisterAgency(f.ctx, m)
		return err
	}
	tooManyRoles := make([]string, types.MaxRolesPerList+1)
	for i := range tooManyRoles {
		tooManyRoles[i] = fmt.Sprintf("mod.role_%d", i)
	}
	cases := []rejection{
		{"signer is not the authority", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Authority = f.str(stranger) })
		}, govtypes.ErrInvalidSigner, []string{"expected"}},
		{"authority is not an address", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Authority = "gov" })
		}, govtypes.ErrInvalidSigner, nil},
		{"slug with uppercase", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Id = "MFDS" })
		}, types.ErrInvalidAgencyID, nil},
		{"slug starting with a digit", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Id = "1mfds" })
		}, types.ErrInvalidAgencyID, nil},
		{"slug of one character", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Id = "m" })
		}, types.ErrInvalidAgencyID, nil},
		{"slug of 33 characters", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Id = "m" + strings.Repeat("a", 32) })
		}, types.ErrInvalidAgencyID, nil},
		{"slug with underscore", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Id = "mf_ds" })
		}, types.ErrInvalidAgencyID, nil},
		{"empty name", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Name = "" })
		}, types.ErrInvalidName, nil},
		{"oversize name", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Name = strings.Repeat("식", 43) }) // 129 bytes
		}, types.ErrInvalidName, []string{"129"}},
		{"name with a control character", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Name = "MFDS\nInjected" })
		}, types.ErrInvalidName, nil},
		{"name with invalid UTF-8", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Name = "MFDS\xff" })
		}, types.ErrInvalidName, nil},
		{"bad admin address", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Admin = "civic1notanaddress" })
		}, sdkerrors.ErrInvalidAddress, nil},
		{"admin address with a foreign prefix", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) {
				foreign, err := bech32.ConvertAndEncode("cosmos", mfdsAdmin)
				require.NoError(t, err)
				m.Admin = foreign
			})
		}, sdkerrors.ErrInvalidAddress, nil},
		{"malformed role", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Roles = []string{"Haccp.Certifier"} })
		}, types.ErrInvalidRole, nil},
		{"duplicate role", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Roles = []string{roleCertifier, roleCertifier} })
		}, types.ErrInvalidRole, []string{"duplicate"}},
		{"too many roles", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Roles = tooManyRoles })
		}, types.ErrInvalidRole, nil},
		{"unknown role", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Roles = []string{"haccp.auditor"} })
		}, types.ErrUnknownRole, []string{"haccp.auditor"}},
		{"id already registered", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Id = "knpa" })
		}, types.ErrAgencyExists, nil},
		{"admin already admin of another agency", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Admin = f.str(knpaAdmin) })
		}, types.ErrAddressAffiliated, []string{"knpa"}},
		{"admin already member of another agency", func(f *fixture) error {
			return msg(f, func(m *types.MsgRegisterAgency) { m.Admin = f.str(officer) })
		}, types.ErrAddressAffiliated, []string{"knpa"}},
	}
	runRejections(t, setup, cases)
}

func TestSetAgencyRoles(t *testing.T) {
	// ARRANGE: two members; only one holds the role that will be withdrawn.
	f := newFixture(t)
	f.register("knpa", knpaAdmin, roleInvestigator, roleCustodian)
	f.addMember("knpa", knpaAdmin, officer, nil, roleInvestigator, roleCustodian)
	f.addMember("knpa", knpaAdmin, inspector, nil, roleInvestigator)
	f.ctx = f.ctx.WithBlockTime(testkeeper.BlockTime.Add(1e9))
	f.freshEvents()

	// ACT: withdraw custodian, grant certifier.
	resp, err := f.ms.SetAgencyRoles(f.ctx, &types.MsgSetAgencyRoles{
		Authority: f.authority, AgencyId: "knpa", Roles: []string{roleInvestigator, roleCertifier},
	})

	// ASSERT
	require.NoError(t, err)
	require.EqualValues(t, 1, resp.MembersUpdated)
	a, err := f.k.Agencies.Get(f.ctx, "knpa")
	require.NoError(t, err)
	require.Equal(t, []string{roleInvestigator, roleCertifier}, a.Roles) // "evidence..." < "haccp..."
	require.Equal(t, f.ctx.BlockTime(), a.UpdatedAt)
	require.Equal(t, testkeeper.BlockTime, a.RegisteredAt)
	m, err := f.k.Members.Get(f.ctx, officer)
	require.NoError(t, err)
	require.Equal(t, []string{roleInvestigator}, m.Roles)
	m, err = f.k.Members.Get(f.ctx, inspector)
	require.NoError(t, err)
	require.Equal(t, []string{roleInvestigator}, m.Roles)
	_, err = f.k.Authorize(f.ctx, officer, roleCustodian)
	require.ErrorIs(t, err, types.ErrRoleNotHeld)

	ev := onlyEvent[*types.EventAgencyRolesSet](t, f.ctx)
	require.Equal(t, &types.EventAgencyRolesSet{
		AgencyId: "knpa", Roles: []string{roleInvestigator, roleCertifier},
		RemovedRoles: []string{roleCustodian}, MembersUpdated: 1,
	}, ev)
}

func TestSetAgencyRolesRejections(t *testing.T) {
	setup := func(f *fixture) {
		f.register("knpa", knpaAdmin, roleInvestigator, roleCustodian)
		f.addMember("knpa", knpaAdmin, officer, nil, roleCustodian)
		f.register("old", mfdsAdmin, roleCertifier)
		f.setStatus("old", types.AgencyStatusRetired)
	}
	set := func(f *fixture, authority, id string, roles ...string) error {
		_, err := f.ms.SetAgencyRoles(f.ctx, &types.MsgSetAgencyRoles{Authority: authority, AgencyId: id, Roles: roles})
		return err
	}
	runRejections(t, setup, []rejection{
		{"signer is not the authority", func(f *fixture) error {
			return set(f, f.str(knpaAdmin), "knpa", roleInvestigator)
		}, govtypes.ErrInvalidSigner, nil},
		{"unknown agency", func(f *fixture) error { return set(f, f.authority, "nope", roleInvestigator) },
			types.ErrAgencyNotFound, []string{"nope"}},
		{"bad slug", func(f *fixture) error { return set(f, f.authority, "Knpa", roleInvestigator) },
			types.ErrInvalidAgencyID, nil},
		{"unknown role", func(f *fixture) error { return set(f, f.authority, "knpa", "evidence.judge") },
			types.ErrUnknownRole, nil},
		{"malformed role", func(f *fixture) error { return set(f, f.authority, "knpa", "evidence") },
			types.ErrInvalidRole, nil},
		{"retired agency", func(f *fixture) error { return set(f, f.authority, "old", roleCertifier) },
			types.ErrAgencyRetired, nil},
	})
}

func TestSetAgencyStatusTransitions(t *testing.T) {
	all := []types.AgencyStatus{types.AgencyStatusActive, types.AgencyStatusSuspended, types.AgencyStatusRetired}
	legal := map[[2]types.AgencyStatus]bool{
		{types.AgencyStatusActive, types.AgencyStatusSuspended}:  true,
		{types.AgencyStatusActive, types.AgencyStatusRetired}:    true,
		{types.AgencyStatusSuspended, types.AgencyStatusActive}:  true,
		{types.AgencyStatusSuspended, types.AgencyStatusRetired}: true,
	}
	// path from ACTIVE to each starting state
	reach := map[types.AgencyStatus][]types.AgencyStatus{
		types.AgencyStatusActive:    nil,
		types.AgencyStatusSuspended: {types.AgencyStatusSuspended},
		types.AgencyStatusRetired:   {types.AgencyStatusRetired},
	}
	for _, from := range all {
		for _, to := range all {
			t.Run(types.StatusName(from)+"->"+types.StatusName(to), func(t *testing.T) {
				// ARRANGE
				f := newFixture(t)
				f.register("knpa", knpaAdmin, roleInvestigator)
				for _, s := range reach[from] {
					f.setStatus("knpa", s)
				}
				before := f.export()
				f.freshEvents()

				// ACT
				_, err := f.ms.SetAgencyStatus(f.ctx, &types.MsgSetAgencyStatus{
					Authority: f.authority, AgencyId: "knpa", Status: to, Reason: "board decision 2026-01",
				})

				// ASSERT
				if !legal[[2]types.AgencyStatus{from, to}] {
					require.ErrorIs(t, err, types.ErrInvalidStatusTransition)
					require.Contains(t, err.Error(), "is "+types.StatusName(from))
					require.Contains(t, err.Error(), "become "+types.StatusName(to))
					require.Equal(t, before, f.export())
					require.Empty(t, f.ctx.EventManager().Events())
					return
				}
				require.NoError(t, err)
				a, err := f.k.Agencies.Get(f.ctx, "knpa")
				require.NoError(t, err)
				require.Equal(t, to, a.Status)
				ev := onlyEvent[*types.EventAgencyStatusChanged](t, f.ctx)
				require.Equal(t, &types.EventAgencyStatusChanged{
					AgencyId: "knpa", From: from, To: to, Reason: "board decision 2026-01",
				}, ev)
			})
		}
	}
}

func TestSetAgencyStatusRejections(t *testing.T) {
	setup := func(f *fixture) { f.register("knpa", knpaAdmin, roleInvestigator) }
	set := func(f *fixture, m types.MsgSetAgencyStatus) error {
		if m.Authority == "" {
			m.Authority = f.authority
		}
		_, err := f.ms.SetAgencyStatus(f.ctx, &m)
		return err
	}
	runRejections(t, setup, []rejection{
		{"signer is not the authority", func(f *fixture) error {
			return set(f, types.MsgSetAgencyStatus{Authority: f.str(knpaAdmin), AgencyId: "knpa", Status: types.AgencyStatusSuspended})
		}, govtypes.ErrInvalidSigner, nil},
		{"unknown agency", func(f *fixture) error {
			return set(f, types.MsgSetAgencyStatus{AgencyId: "nope", Status: types.AgencyStatusSuspended})
		}, types.ErrAgencyNotFound, nil},
		{"unspecified status", func(f *fixture) error {
			return set(f, types.MsgSetAgencyStatus{AgencyId: "knpa", Status: types.AgencyStatusUnspecified})
		}, types.ErrInvalidStatus, []string{"UNSPECIFIED"}},
		{"out-of-range status", func(f *fixture) error {
			return set(f, types.MsgSetAgencyStatus{AgencyId: "knpa", Status: 7})
		}, types.ErrInvalidStatus, nil},
		{"oversize reason", func(f *fixture) error {
			return set(f, types.MsgSetAgencyStatus{AgencyId: "knpa", Status: types.AgencyStatusSuspended, Reason: strings.Repeat("x", types.MaxReasonLength+1)})
		}, types.ErrInvalidReason, nil},
		{"same status", func(f *fixture) error {
			return set(f, types.MsgSetAgencyStatus{AgencyId: "knpa", Status: types.AgencyStatusActive})
		}, types.ErrInvalidStatusTransition, []string{"is ACTIVE, cannot become ACTIVE"}},
	})
}

func TestUpdateParams(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.freshEvents()
	p := maxMembers(2)

	// ACT
	_, err := f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})

	// ASSERT
	require.NoError(t, err)
	got, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	require.Equal(t, p, got)
	require.Equal(t, &types.EventParamsUpdated{Params: p}, onlyEvent[*types.EventParamsUpdated](t, f.ctx))
}

func TestUpdateParamsRejections(t *testing.T) {
	update := func(f *fixture, authority string, max uint32) error {
		_, err := f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: maxMembers(max)})
		return err
	}
	runRejections(t, func(*fixture) {}, []rejection{
		{"signer is not the authority", func(f *fixture) error { return update(f, f.str(stranger), 5) }, govtypes.ErrInvalidSigner, nil},
		{"zero max members", func(f *fixture) error { return update(f, f.authority, 0) }, types.ErrInvalidParams, nil},
		{"max members above the hard limit", func(f *fixture) error {
			return update(f, f.authority, types.MaxMembersPerAgencyLimit+1)
		}, types.ErrInvalidParams, nil},
	})
}
