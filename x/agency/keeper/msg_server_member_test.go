package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

// twoAgencies registers knpa (investigator, custodian) with member officer, and mfds
// (certifier) with member inspector.
func twoAgencies(f *fixture) {
	f.register("knpa", knpaAdmin, roleInvestigator, roleCustodian)
	f.addMember("knpa", knpaAdmin, officer, nil, roleInvestigator)
	f.register("mfds", mfdsAdmin, roleCertifier)
	f.addMember("mfds", mfdsAdmin, inspector, nil, roleCertifier)
}

func TestAddMember(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.register("knpa", knpaAdmin, roleInvestigator, roleCustodian)
	newcomer := addr(20)
	expires := testkeeper.BlockTime.Add(24 * time.Hour)
	f.freshEvents()

	// ACT 1: the admin offers.
	resp, err := f.ms.AddMember(f.ctx, &types.MsgAddMember{
		Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(newcomer),
		Roles: []string{roleInvestigator, roleCustodian}, ExpiresAt: &expires,
	})

	// ASSERT 1: an offer, not a member yet.
	require.NoError(t, err)
	deadline := testkeeper.BlockTime.Add(time.Duration(types.DefaultOfferTTLSeconds) * time.Second)
	require.Equal(t, deadline, resp.OfferExpiresAt)
	offer, err := f.k.MembershipOffers.Get(f.ctx, collections.Join("knpa", newcomer))
	require.NoError(t, err)
	require.Equal(t, types.MembershipOffer{
		AgencyId: "knpa", Address: f.str(newcomer), Roles: []string{roleCustodian, roleInvestigator},
		ExpiresAt: &expires, OfferedAt: testkeeper.BlockTime, OfferExpiresAt: deadline,
	}, offer)
	require.Equal(t, &types.EventMembershipOffered{
		AgencyId: "knpa", Address: f.str(newcomer), Roles: []string{roleCustodian, roleInvestigator},
		ExpiresAt: &expires, OfferExpiresAt: &deadline,
	}, onlyEvent[*types.EventMembershipOffered](t, f.ctx))
	other, err := f.k.Affiliation(f.ctx, newcomer)
	require.NoError(t, err)
	require.Empty(t, other, "an offer affiliates nobody")
	_, err = f.k.Authorize(f.ctx, newcomer, roleCustodian)
	require.ErrorIs(t, err, types.ErrNotMember)

	// ACT 2: the account accepts.
	f.freshEvents()
	require.NoError(t, f.accept("knpa", newcomer))

	// ASSERT 2
	has, err := f.k.MembershipOffers.Has(f.ctx, collections.Join("knpa", newcomer))
	require.NoError(t, err)
	require.False(t, has, "acceptance consumes the offer")
	has, err = f.k.OfferCount.Has(f.ctx, "knpa")
	require.NoError(t, err)
	require.False(t, has)
	m, err := f.k.Members.Get(f.ctx, newcomer)
	require.NoError(t, err)
	require.Equal(t, types.Member{
		AgencyId: "knpa", Address: f.str(newcomer), Roles: []string{roleCustodian, roleInvestigator},
		ExpiresAt: &expires, AddedAt: testkeeper.BlockTime,
	}, m)
	aff, err := f.k.Affiliation(f.ctx, newcomer)
	require.NoError(t, err)
	require.Equal(t, "knpa", aff)
	n, err := f.k.MemberCount.Get(f.ctx, "knpa")
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	id, err := f.k.Authorize(f.ctx, newcomer, roleCustodian)
	require.NoError(t, err)
	require.Equal(t, "knpa", id)

	ev := onlyEvent[*types.EventMemberAdded](t, f.ctx)
	require.Equal(t, &types.EventMemberAdded{
		AgencyId: "knpa", Address: f.str(newcomer), Roles: []string{roleCustodian, roleInvestigator}, ExpiresAt: &expires,
	}, ev)
}

func TestAdminMayBeMemberOfOwnAgency(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.register("knpa", knpaAdmin, roleInvestigator)

	// ACT
	f.addMember("knpa", knpaAdmin, knpaAdmin, nil, roleInvestigator)

	// ASSERT
	id, err := f.k.Authorize(f.ctx, knpaAdmin, roleInvestigator)
	require.NoError(t, err)
	require.Equal(t, "knpa", id)

	// removing the admin's membership keeps it affiliated as admin
	_, err = f.ms.RemoveMember(f.ctx, &types.MsgRemoveMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(knpaAdmin)})
	require.NoError(t, err)
	aff, err := f.k.Affiliation(f.ctx, knpaAdmin)
	require.NoError(t, err)
	require.Equal(t, "knpa", aff)
	_, err = f.k.Authorize(f.ctx, knpaAdmin, roleInvestigator)
	require.ErrorIs(t, err, types.ErrNotMember)
}

func TestAddMemberRejections(t *testing.T) {
	setup := func(f *fixture) {
		twoAgencies(f)
		f.register("old", addr(3), roleOperator)
		f.setStatus("old", types.AgencyStatusRetired)
	}
	add := func(f *fixture, mutate func(m *types.MsgAddMember)) error {
		m := &types.MsgAddMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(addr(20)), Roles: []string{roleInvestigator}}
		mutate(m)
		_, err := f.ms.AddMember(f.ctx, m)
		return err
	}
	runRejections(t, setup, []rejection{
		{"signer is not the admin", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Admin = f.str(stranger) })
		}, types.ErrNotAdmin, []string{"knpa"}},
		{"signer is a member, not the admin", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Admin = f.str(officer) })
		}, types.ErrNotAdmin, nil},
		{"signer is another agency's admin", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Admin = f.str(mfdsAdmin) })
		}, types.ErrNotAdmin, nil},
		{"unknown agency", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.AgencyId = "nope" })
		}, types.ErrAgencyNotFound, nil},
		{"bad slug", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.AgencyId = "-knpa" })
		}, types.ErrInvalidAgencyID, nil},
		{"unknown role", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Roles = []string{"evidence.judge"} })
		}, types.ErrUnknownRole, nil},
		{"role not granted to the agency", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Roles = []string{roleCertifier} })
		}, types.ErrRoleNotInAgency, []string{roleCertifier, "knpa"}},
		{"duplicate role", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Roles = []string{roleInvestigator, roleInvestigator} })
		}, types.ErrInvalidRole, nil},
		{"address is a member of another agency", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Address = f.str(inspector) })
		}, types.ErrAddressAffiliated, []string{"mfds"}},
		{"address is the admin of another agency", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Address = f.str(mfdsAdmin) })
		}, types.ErrAddressAffiliated, []string{"mfds"}},
		{"address is already a member", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Address = f.str(officer) })
		}, types.ErrAlreadyMember, nil},
		{"retired agency", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) {
				m.Admin, m.AgencyId, m.Roles = f.str(addr(3)), "old", []string{roleOperator}
			})
		}, types.ErrAgencyRetired, nil},
		{"expires_at equal to block time", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.ExpiresAt = ptime(testkeeper.BlockTime) })
		}, types.ErrInvalidExpiry, nil},
		{"expires_at in the past", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.ExpiresAt = ptime(testkeeper.BlockTime.Add(-time.Hour)) })
		}, types.ErrInvalidExpiry, nil},
		{"bad member address", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Address = "civic1xyz" })
		}, sdkerrors.ErrInvalidAddress, nil},
		{"empty member address", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Address = "" })
		}, sdkerrors.ErrInvalidAddress, nil},
		{"bad admin address", func(f *fixture) error {
			return add(f, func(m *types.MsgAddMember) { m.Admin = "admin" })
		}, sdkerrors.ErrInvalidAddress, nil},
	})

	limited := func(f *fixture) {
		setup(f)
		_, err := f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: maxMembers(1)})
		require.NoError(t, err)
	}
	runRejections(t, limited, []rejection{
		{"member limit reached", func(f *fixture) error { return add(f, func(*types.MsgAddMember) {}) },
			types.ErrMemberLimit, []string{"max 1"}},
	})
}

func TestAddMemberToSuspendedAgency(t *testing.T) {
	// ARRANGE: admin messages still work while suspended; Authorize does not.
	f := newFixture(t)
	f.register("knpa", knpaAdmin, roleInvestigator)
	f.setStatus("knpa", types.AgencyStatusSuspended)

	// ACT
	f.addMember("knpa", knpaAdmin, officer, nil, roleInvestigator)

	// ASSERT
	_, err := f.k.Authorize(f.ctx, officer, roleInvestigator)
	require.ErrorIs(t, err, types.ErrAgencyNotActive)
}

func TestSetMemberRoles(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	twoAgencies(f)
	expires := testkeeper.BlockTime.Add(time.Hour)
	f.freshEvents()

	// ACT
	_, err := f.ms.SetMemberRoles(f.ctx, &types.MsgSetMemberRoles{
		Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(officer), Roles: []string{roleCustodian}, ExpiresAt: &expires,
	})

	// ASSERT
	require.NoError(t, err)
	m, err := f.k.Members.Get(f.ctx, officer)
	require.NoError(t, err)
	require.Equal(t, []string{roleCustodian}, m.Roles)
	require.Equal(t, &expires, m.ExpiresAt)
	require.Equal(t, testkeeper.BlockTime, m.AddedAt)
	_, err = f.k.Authorize(f.ctx, officer, roleInvestigator)
	require.ErrorIs(t, err, types.ErrRoleNotHeld)
	ev := onlyEvent[*types.EventMemberRolesSet](t, f.ctx)
	require.Equal(t, &types.EventMemberRolesSet{
		AgencyId: "knpa", Address: f.str(officer), Roles: []string{roleCustodian}, ExpiresAt: &expires,
	}, ev)

	// clearing the expiry makes the membership permanent again
	_, err = f.ms.SetMemberRoles(f.ctx, &types.MsgSetMemberRoles{
		Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(officer), Roles: []string{roleCustodian},
	})
	require.NoError(t, err)
	m, err = f.k.Members.Get(f.ctx, officer)
	require.NoError(t, err)
	require.Nil(t, m.ExpiresAt)
}

func TestSetMemberRolesRejections(t *testing.T) {
	setup := func(f *fixture) {
		twoAgencies(f)
		f.register("old", addr(3), roleOperator)
		f.addMember("old", addr(3), addr(30), nil, roleOperator)
		f.setStatus("old", types.AgencyStatusRetired)
	}
	set := func(f *fixture, mutate func(m *types.MsgSetMemberRoles)) error {
		m := &types.MsgSetMemberRoles{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(officer), Roles: []string{roleCustodian}}
		mutate(m)
		_, err := f.ms.SetMemberRoles(f.ctx, m)
		return err
	}
	runRejections(t, setup, []rejection{
		{"signer is not the admin", func(f *fixture) error {
			return set(f, func(m *types.MsgSetMemberRoles) { m.Admin = f.str(officer) })
		}, types.ErrNotAdmin, nil},
		{"unknown agency", func(f *fixture) error {
			return set(f, func(m *types.MsgSetMemberRoles) { m.AgencyId = "nope" })
		}, types.ErrAgencyNotFound, nil},
		{"address is not a member", func(f *fixture) error {
			return set(f, func(m *types.MsgSetMemberRoles) { m.Address = f.str(stranger) })
		}, types.ErrNotMember, nil},
		{"address is a member of another agency", func(f *fixture) error {
			return set(f, func(m *types.MsgSetMemberRoles) { m.Address = f.str(inspector) })
		}, types.ErrNotMember, []string{"knpa"}},
		{"role not granted to the agency", func(f *fixture) error {
			return set(f, func(m *types.MsgSetMemberRoles) { m.Roles = []string{roleOperator} })
		}, types.ErrRoleNotInAgency, nil},
		{"unknown role", func(f *fixture) error {
			return set(f, func(m *types.MsgSetMemberRoles) { m.Roles = []string{"water.sampler"} })
		}, types.ErrUnknownRole, nil},
		{"expired expires_at", func(f *fixture) error {
			return set(f, func(m *types.MsgSetMemberRoles) { m.ExpiresAt = ptime(testkeeper.BlockTime.Add(-time.Second)) })
		}, types.ErrInvalidExpiry, nil},
		{"retired agency", func(f *fixture) error {
			return set(f, func(m *types.MsgSetMemberRoles) {
				m.Admin, m.AgencyId, m.Address, m.Roles = f.str(addr(3)), "old", f.str(addr(30)), []string{roleOperator}
			})
		}, types.ErrAgencyRetired, nil},
	})
}

func TestRemoveMember(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	twoAgencies(f)
	f.freshEvents()

	// ACT
	_, err := f.ms.RemoveMember(f.ctx, &types.MsgRemoveMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(officer)})

	// ASSERT
	require.NoError(t, err)
	has, err := f.k.Members.Has(f.ctx, officer)
	require.NoError(t, err)
	require.False(t, has)
	other, err := f.k.Affiliation(f.ctx, officer)
	require.NoError(t, err)
	require.Empty(t, other)
	has, err = f.k.MemberCount.Has(f.ctx, "knpa")
	require.NoError(t, err)
	require.False(t, has, "count of an agency without members is removed")
	_, err = f.k.Authorize(f.ctx, officer, roleInvestigator)
	require.ErrorIs(t, err, types.ErrNotMember)
	require.Equal(t, &types.EventMemberRemoved{AgencyId: "knpa", Address: f.str(officer)},
		onlyEvent[*types.EventMemberRemoved](t, f.ctx))

	// the address is free to join another agency now
	f.addMember("mfds", mfdsAdmin, officer, nil, roleCertifier)
}

func TestRemoveMemberRejections(t *testing.T) {
	setup := func(f *fixture) {
		twoAgencies(f)
		f.register("old", addr(3), roleOperator)
		f.addMember("old", addr(3), addr(30), nil, roleOperator)
		f.setStatus("old", types.AgencyStatusRetired)
	}
	remove := func(f *fixture, admin, id, address string) error {
		_, err := f.ms.RemoveMember(f.ctx, &types.MsgRemoveMember{Admin: admin, AgencyId: id, Address: address})
		return err
	}
	runRejections(t, setup, []rejection{
		{"signer is not the admin", func(f *fixture) error { return remove(f, f.str(mfdsAdmin), "knpa", f.str(officer)) },
			types.ErrNotAdmin, nil},
		{"unknown agency", func(f *fixture) error { return remove(f, f.str(knpaAdmin), "nope", f.str(officer)) },
			types.ErrAgencyNotFound, nil},
		{"not a member", func(f *fixture) error { return remove(f, f.str(knpaAdmin), "knpa", f.str(stranger)) },
			types.ErrNotMember, nil},
		{"member of another agency", func(f *fixture) error { return remove(f, f.str(knpaAdmin), "knpa", f.str(inspector)) },
			types.ErrNotMember, nil},
		{"admin without membership", func(f *fixture) error { return remove(f, f.str(knpaAdmin), "knpa", f.str(knpaAdmin)) },
			types.ErrNotMember, nil},
		{"retired agency", func(f *fixture) error { return remove(f, f.str(addr(3)), "old", f.str(addr(30))) },
			types.ErrAgencyRetired, nil},
		{"bad address", func(f *fixture) error { return remove(f, f.str(knpaAdmin), "knpa", "civic1") },
			sdkerrors.ErrInvalidAddress, nil},
	})
}

func TestTransferAdmin(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	twoAgencies(f)
	successor := addr(40)
	f.ctx = f.ctx.WithBlockTime(testkeeper.BlockTime.Add(time.Minute))
	f.freshEvents()

	// ACT 1: the admin offers.
	resp, err := f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(knpaAdmin), AgencyId: "knpa", NewAdmin: f.str(successor)})

	// ASSERT 1: nothing changes hands before the successor accepts.
	require.NoError(t, err)
	deadline := f.ctx.BlockTime().Add(time.Duration(types.DefaultOfferTTLSeconds) * time.Second)
	require.Equal(t, deadline, resp.OfferExpiresAt)
	require.Equal(t, &types.EventAdminTransferOffered{
		AgencyId: "knpa", Admin: f.str(knpaAdmin), NewAdmin: f.str(successor), OfferExpiresAt: &deadline,
	}, onlyEvent[*types.EventAdminTransferOffered](t, f.ctx))
	a, err := f.k.Agencies.Get(f.ctx, "knpa")
	require.NoError(t, err)
	require.Equal(t, f.str(knpaAdmin), a.Admin)
	other, err := f.k.Affiliation(f.ctx, successor)
	require.NoError(t, err)
	require.Empty(t, other, "an admin offer affiliates nobody")
	q, err := f.qs.AdminOffer(f.ctx, &types.QueryAdminOfferRequest{AgencyId: "knpa"})
	require.NoError(t, err)
	require.Equal(t, f.str(successor), q.Offer.NewAdmin)

	// ACT 2: the successor accepts.
	f.freshEvents()
	_, err = f.ms.AcceptAdmin(f.ctx, &types.MsgAcceptAdmin{NewAdmin: f.str(successor), AgencyId: "knpa"})

	// ASSERT 2
	require.NoError(t, err)
	has, err := f.k.AdminOffers.Has(f.ctx, "knpa")
	require.NoError(t, err)
	require.False(t, has, "acceptance consumes the offer")
	a, err = f.k.Agencies.Get(f.ctx, "knpa")
	require.NoError(t, err)
	require.Equal(t, f.str(successor), a.Admin)
	require.Equal(t, f.ctx.BlockTime(), a.UpdatedAt)
	aff, err := f.k.Affiliation(f.ctx, successor)
	require.NoError(t, err)
	require.Equal(t, "knpa", aff)
	other, err = f.k.Affiliation(f.ctx, knpaAdmin)
	require.NoError(t, err)
	require.Empty(t, other, "the previous admin, not a member, is released")
	require.Equal(t, &types.EventAdminTransferred{AgencyId: "knpa", PreviousAdmin: f.str(knpaAdmin), NewAdmin: f.str(successor)},
		onlyEvent[*types.EventAdminTransferred](t, f.ctx))

	// the old admin lost its powers and may now lead another agency
	_, err = f.ms.RemoveMember(f.ctx, &types.MsgRemoveMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(officer)})
	require.ErrorIs(t, err, types.ErrNotAdmin)
	f.register("kcg", knpaAdmin, roleInvestigator)
}

func TestTransferAdminToOwnMemberKeepsPreviousMembership(t *testing.T) {
	// ARRANGE: the admin is also a member; the successor is a member.
	f := newFixture(t)
	twoAgencies(f)
	f.addMember("knpa", knpaAdmin, knpaAdmin, nil, roleCustodian)

	// ACT
	f.transferAdmin("knpa", knpaAdmin, officer)

	// ASSERT
	a, err := f.k.Agencies.Get(f.ctx, "knpa")
	require.NoError(t, err)
	require.Equal(t, f.str(officer), a.Admin)
	for _, a := range [][]byte{knpaAdmin, officer} {
		aff, err := f.k.Affiliation(f.ctx, a)
		require.NoError(t, err)
		require.Equal(t, "knpa", aff)
	}
	_, err = f.k.Authorize(f.ctx, knpaAdmin, roleCustodian)
	require.NoError(t, err)
}

func TestTransferAdminRejections(t *testing.T) {
	setup := func(f *fixture) {
		twoAgencies(f)
		f.register("old", addr(3), roleOperator)
		f.setStatus("old", types.AgencyStatusRetired)
	}
	transfer := func(f *fixture, admin, id, newAdmin string) error {
		_, err := f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: admin, AgencyId: id, NewAdmin: newAdmin})
		return err
	}
	runRejections(t, setup, []rejection{
		{"signer is not the admin", func(f *fixture) error { return transfer(f, f.str(officer), "knpa", f.str(officer)) },
			types.ErrNotAdmin, nil},
		{"unknown agency", func(f *fixture) error { return transfer(f, f.str(knpaAdmin), "nope", f.str(addr(40))) },
			types.ErrAgencyNotFound, nil},
		{"new admin is the current admin", func(f *fixture) error { return transfer(f, f.str(knpaAdmin), "knpa", f.str(knpaAdmin)) },
			types.ErrSameAdmin, nil},
		{"new admin is a member of another agency", func(f *fixture) error {
			return transfer(f, f.str(knpaAdmin), "knpa", f.str(inspector))
		}, types.ErrAddressAffiliated, []string{"mfds"}},
		{"new admin is the admin of another agency", func(f *fixture) error {
			return transfer(f, f.str(knpaAdmin), "knpa", f.str(mfdsAdmin))
		}, types.ErrAddressAffiliated, nil},
		{"retired agency", func(f *fixture) error { return transfer(f, f.str(addr(3)), "old", f.str(addr(40))) },
			types.ErrAgencyRetired, nil},
		{"bad new admin address", func(f *fixture) error { return transfer(f, f.str(knpaAdmin), "knpa", "civic1bad") },
			sdkerrors.ErrInvalidAddress, nil},
	})
}
