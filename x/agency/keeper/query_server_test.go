package keeper_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/pagination"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

func requireCode(t *testing.T, err error, code codes.Code) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, status.Code(err), "error: %v", err)
}

func TestQueryAgency(t *testing.T) {
	f := newFixture(t)
	twoAgencies(f)

	resp, err := f.qs.Agency(f.ctx, &types.QueryAgencyRequest{Id: "knpa"})
	require.NoError(t, err)
	require.Equal(t, "knpa", resp.Agency.Id)
	require.Equal(t, f.str(knpaAdmin), resp.Agency.Admin)

	_, err = f.qs.Agency(f.ctx, &types.QueryAgencyRequest{Id: "nope"})
	requireCode(t, err, codes.NotFound)
	_, err = f.qs.Agency(f.ctx, &types.QueryAgencyRequest{Id: "NOPE!"})
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.qs.Agency(f.ctx, nil)
	requireCode(t, err, codes.InvalidArgument)
}

// manyAgencies writes n agencies a0000..a{n-1} through genesis.
func manyAgencies(f *fixture, n int) {
	gs := types.DefaultGenesis()
	for i := 0; i < n; i++ {
		gs.Agencies = append(gs.Agencies, types.Agency{
			Id: fmt.Sprintf("a%04d", i), Name: "agency", Admin: f.str(addrN(i)), Status: types.AgencyStatusActive,
			RegisteredAt: testkeeper.BlockTime, UpdatedAt: testkeeper.BlockTime,
		})
	}
	require.NoError(f.t, f.k.InitGenesis(f.ctx, gs))
}

// addrN returns a distinct address for any i < 65536.
func addrN(i int) []byte {
	b := make([]byte, 20)
	b[0], b[1], b[19] = byte(i>>8), byte(i), 0xAA
	return b
}

func TestQueryAgenciesPagination(t *testing.T) {
	f := newFixture(t)
	manyAgencies(f, int(pagination.MaxLimit)+1)

	// default page size
	resp, err := f.qs.Agencies(f.ctx, &types.QueryAgenciesRequest{})
	require.NoError(t, err)
	require.Len(t, resp.Agencies, int(pagination.DefaultLimit))
	require.Equal(t, "a0000", resp.Agencies[0].Id)
	require.NotNil(t, resp.Pagination.NextKey)

	// nil request gets the default too
	resp, err = f.qs.Agencies(f.ctx, nil)
	require.NoError(t, err)
	require.Len(t, resp.Agencies, int(pagination.DefaultLimit))

	// oversize limit is clamped
	resp, err = f.qs.Agencies(f.ctx, &types.QueryAgenciesRequest{Pagination: &query.PageRequest{Limit: 100_000, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, resp.Agencies, int(pagination.MaxLimit))
	require.EqualValues(t, pagination.MaxLimit+1, resp.Pagination.Total)
	require.NotNil(t, resp.Pagination.NextKey)

	// the next key continues where the page ended
	resp, err = f.qs.Agencies(f.ctx, &types.QueryAgenciesRequest{Pagination: &query.PageRequest{Key: resp.Pagination.NextKey, Limit: 10}})
	require.NoError(t, err)
	require.Len(t, resp.Agencies, 1)
	require.Equal(t, fmt.Sprintf("a%04d", pagination.MaxLimit), resp.Agencies[0].Id)
	require.Nil(t, resp.Pagination.NextKey)
}

func TestQueryMembers(t *testing.T) {
	f := newFixture(t)
	twoAgencies(f)
	f.addMember("knpa", knpaAdmin, addr(12), nil, roleCustodian)
	f.addMember("knpa", knpaAdmin, addr(13), nil)

	resp, err := f.qs.Members(f.ctx, &types.QueryMembersRequest{AgencyId: "knpa", Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, resp.Members, 2)
	require.EqualValues(t, 3, resp.Pagination.Total)
	require.Equal(t, f.str(officer), resp.Members[0].Address) // addr(10) sorts first
	for _, m := range resp.Members {
		require.Equal(t, "knpa", m.AgencyId)
	}
	resp, err = f.qs.Members(f.ctx, &types.QueryMembersRequest{AgencyId: "knpa", Pagination: &query.PageRequest{Key: resp.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, resp.Members, 1)
	require.Equal(t, f.str(addr(13)), resp.Members[0].Address)
	require.Nil(t, resp.Pagination.NextKey)

	// only mfds's member is listed for mfds
	resp, err = f.qs.Members(f.ctx, &types.QueryMembersRequest{AgencyId: "mfds"})
	require.NoError(t, err)
	require.Len(t, resp.Members, 1)
	require.Equal(t, f.str(inspector), resp.Members[0].Address)

	_, err = f.qs.Members(f.ctx, &types.QueryMembersRequest{AgencyId: "nope"})
	requireCode(t, err, codes.NotFound)
	_, err = f.qs.Members(f.ctx, &types.QueryMembersRequest{AgencyId: "x"})
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.qs.Members(f.ctx, &types.QueryMembersRequest{AgencyId: "knpa", Pagination: &query.PageRequest{Key: []byte("k"), Offset: 1}})
	requireCode(t, err, codes.InvalidArgument)
}

// Members reads the members' Agency index and Membership the agencies' Admin index, which
// collections keeps in step with the records: both answer right after a member is added,
// changed and removed, and after an admin transfer.
func TestQueriesFollowIndexedRecords(t *testing.T) {
	f := newFixture(t)
	twoAgencies(f)
	members := func(id string) []types.Member {
		t.Helper()
		resp, err := f.qs.Members(f.ctx, &types.QueryMembersRequest{AgencyId: id})
		require.NoError(t, err)
		return resp.Members
	}
	// agencyOf is the agency a belongs to ("" when none) and whether it is its admin.
	agencyOf := func(a []byte) (string, bool) {
		t.Helper()
		resp, err := f.qs.Membership(f.ctx, &types.QueryMembershipRequest{Address: f.str(a)})
		if status.Code(err) == codes.NotFound {
			return "", false
		}
		require.NoError(t, err)
		return resp.Agency.Id, resp.IsAdmin
	}

	// create
	f.addMember("knpa", knpaAdmin, addr(12), nil, roleCustodian)
	got := members("knpa")
	require.Len(t, got, 2)
	require.Equal(t, f.str(officer), got[0].Address)
	require.Equal(t, f.str(addr(12)), got[1].Address)

	// update
	_, err := f.ms.SetMemberRoles(f.ctx, &types.MsgSetMemberRoles{
		Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(addr(12)), Roles: []string{roleInvestigator},
	})
	require.NoError(t, err)
	got = members("knpa")
	require.Len(t, got, 2)
	require.Equal(t, []string{roleInvestigator}, got[1].Roles)

	// delete
	_, err = f.ms.RemoveMember(f.ctx, &types.MsgRemoveMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(officer)})
	require.NoError(t, err)
	got = members("knpa")
	require.Len(t, got, 1)
	require.Equal(t, f.str(addr(12)), got[0].Address)
	require.Len(t, members("mfds"), 1, "another agency's members are untouched")
	id, _ := agencyOf(officer)
	require.Empty(t, id, "a removed member belongs to no agency")

	// admin transfer: the new admin belongs to the agency, the old one (not a member) to none
	f.transferAdmin("knpa", knpaAdmin, addr(40))
	id, isAdmin := agencyOf(addr(40))
	require.Equal(t, "knpa", id)
	require.True(t, isAdmin)
	id, _ = agencyOf(knpaAdmin)
	require.Empty(t, id)
}

func TestQueryOffers(t *testing.T) {
	f := newFixture(t)
	twoAgencies(f)
	f.offer("knpa", knpaAdmin, addr(21), nil, roleCustodian)
	f.offer("knpa", knpaAdmin, addr(20), nil)
	f.offer("mfds", mfdsAdmin, addr(20), nil)

	// one agency's offers only, ordered by address bytes, paginated
	resp, err := f.qs.MembershipOffers(f.ctx, &types.QueryMembershipOffersRequest{AgencyId: "knpa", Pagination: &query.PageRequest{Limit: 1, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, resp.Offers, 1)
	require.EqualValues(t, 2, resp.Pagination.Total)
	require.Equal(t, f.str(addr(20)), resp.Offers[0].Address)
	resp, err = f.qs.MembershipOffers(f.ctx, &types.QueryMembershipOffersRequest{AgencyId: "knpa", Pagination: &query.PageRequest{Key: resp.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, resp.Offers, 1)
	require.Equal(t, []string{roleCustodian}, resp.Offers[0].Roles)
	_, err = f.qs.MembershipOffers(f.ctx, &types.QueryMembershipOffersRequest{AgencyId: "nope"})
	requireCode(t, err, codes.NotFound)
	_, err = f.qs.MembershipOffers(f.ctx, &types.QueryMembershipOffersRequest{AgencyId: "x"})
	requireCode(t, err, codes.InvalidArgument)

	_, err = f.qs.AdminOffer(f.ctx, &types.QueryAdminOfferRequest{AgencyId: "knpa"})
	requireCode(t, err, codes.NotFound)
	_, err = f.qs.AdminOffer(f.ctx, &types.QueryAdminOfferRequest{AgencyId: "x"})
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(knpaAdmin), AgencyId: "knpa", NewAdmin: f.str(addr(22))})
	require.NoError(t, err)
	got, err := f.qs.AdminOffer(f.ctx, &types.QueryAdminOfferRequest{AgencyId: "knpa"})
	require.NoError(t, err)
	require.Equal(t, f.str(addr(22)), got.Offer.NewAdmin)
}

func TestQueryMembersClamp(t *testing.T) {
	f := newFixture(t)
	f.register("knpa", knpaAdmin, roleInvestigator)
	for i := 0; i < int(pagination.MaxLimit)+1; i++ {
		f.addMember("knpa", knpaAdmin, addrN(i), nil, roleInvestigator)
	}
	resp, err := f.qs.Members(f.ctx, &types.QueryMembersRequest{AgencyId: "knpa", Pagination: &query.PageRequest{Limit: 1 << 40}})
	require.NoError(t, err)
	require.Len(t, resp.Members, int(pagination.MaxLimit))
	require.NotNil(t, resp.Pagination.NextKey)
}

func TestQueryMembership(t *testing.T) {
	f := newFixture(t)
	twoAgencies(f)

	resp, err := f.qs.Membership(f.ctx, &types.QueryMembershipRequest{Address: f.str(officer)})
	require.NoError(t, err)
	require.Equal(t, "knpa", resp.Agency.Id)
	require.False(t, resp.IsAdmin)
	require.NotNil(t, resp.Member)
	require.Equal(t, []string{roleInvestigator}, resp.Member.Roles)

	resp, err = f.qs.Membership(f.ctx, &types.QueryMembershipRequest{Address: f.str(mfdsAdmin)})
	require.NoError(t, err)
	require.Equal(t, "mfds", resp.Agency.Id)
	require.True(t, resp.IsAdmin)
	require.Nil(t, resp.Member)

	f.addMember("mfds", mfdsAdmin, mfdsAdmin, nil, roleCertifier)
	resp, err = f.qs.Membership(f.ctx, &types.QueryMembershipRequest{Address: f.str(mfdsAdmin)})
	require.NoError(t, err)
	require.True(t, resp.IsAdmin)
	require.NotNil(t, resp.Member)

	_, err = f.qs.Membership(f.ctx, &types.QueryMembershipRequest{Address: f.str(stranger)})
	requireCode(t, err, codes.NotFound)
	_, err = f.qs.Membership(f.ctx, &types.QueryMembershipRequest{Address: "civic1bad"})
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.qs.Membership(f.ctx, &types.QueryMembershipRequest{})
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryHasRole(t *testing.T) {
	f := newFixture(t)
	twoAgencies(f)

	resp, err := f.qs.HasRole(f.ctx, &types.QueryHasRoleRequest{Address: f.str(officer), Role: roleInvestigator})
	require.NoError(t, err)
	require.Equal(t, &types.QueryHasRoleResponse{HasRole: true, AgencyId: "knpa"}, resp)

	// false: the reason is Authorize's error text, the agency is still named
	resp, err = f.qs.HasRole(f.ctx, &types.QueryHasRoleRequest{Address: f.str(officer), Role: roleCustodian})
	require.NoError(t, err)
	_, authErr := f.k.Authorize(f.ctx, officer, roleCustodian)
	require.ErrorIs(t, authErr, types.ErrRoleNotHeld)
	require.Equal(t, &types.QueryHasRoleResponse{HasRole: false, AgencyId: "knpa", Reason: authErr.Error()}, resp)

	f.setStatus("knpa", types.AgencyStatusSuspended)
	resp, err = f.qs.HasRole(f.ctx, &types.QueryHasRoleRequest{Address: f.str(officer), Role: roleInvestigator})
	require.NoError(t, err)
	require.False(t, resp.HasRole)
	require.Contains(t, resp.Reason, "SUSPENDED")

	resp, err = f.qs.HasRole(f.ctx, &types.QueryHasRoleRequest{Address: f.str(stranger), Role: roleInvestigator})
	require.NoError(t, err)
	require.False(t, resp.HasRole)
	require.Empty(t, resp.AgencyId)
	require.Contains(t, resp.Reason, "not a member")

	resp, err = f.qs.HasRole(f.ctx, &types.QueryHasRoleRequest{Address: f.str(officer), Role: "evidence.judge"})
	require.NoError(t, err)
	require.False(t, resp.HasRole)
	require.Contains(t, resp.Reason, "unknown role")

	_, err = f.qs.HasRole(f.ctx, &types.QueryHasRoleRequest{Address: f.str(officer), Role: "Judge"})
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.qs.HasRole(f.ctx, &types.QueryHasRoleRequest{Address: "nope", Role: roleInvestigator})
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.qs.HasRole(f.ctx, nil)
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryRoles(t *testing.T) {
	f := newFixture(t)
	names := func(rs []types.Role) []string {
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = r.Name
		}
		return out
	}

	resp, err := f.qs.Roles(f.ctx, &types.QueryRolesRequest{})
	require.NoError(t, err)
	require.Equal(t, []string{roleCustodian, roleInvestigator, roleCertifier, roleOperator}, names(resp.Roles))
	require.Equal(t, types.Role{Name: roleCertifier, Module: "haccp", Description: "certifies food-safety inspections"}, resp.Roles[2])
	require.Nil(t, resp.Pagination.NextKey)

	resp, err = f.qs.Roles(f.ctx, &types.QueryRolesRequest{Pagination: &query.PageRequest{Limit: 3, CountTotal: true}})
	require.NoError(t, err)
	require.Equal(t, []string{roleCustodian, roleInvestigator, roleCertifier}, names(resp.Roles))
	require.Equal(t, []byte(roleOperator), resp.Pagination.NextKey)
	require.EqualValues(t, 4, resp.Pagination.Total)

	resp, err = f.qs.Roles(f.ctx, &types.QueryRolesRequest{Pagination: &query.PageRequest{Key: resp.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, []string{roleOperator}, names(resp.Roles))

	resp, err = f.qs.Roles(f.ctx, &types.QueryRolesRequest{Pagination: &query.PageRequest{Offset: 1, Limit: 2}})
	require.NoError(t, err)
	require.Equal(t, []string{roleInvestigator, roleCertifier}, names(resp.Roles))

	resp, err = f.qs.Roles(f.ctx, &types.QueryRolesRequest{Pagination: &query.PageRequest{Reverse: true, Limit: 2}})
	require.NoError(t, err)
	require.Equal(t, []string{roleOperator, roleCertifier}, names(resp.Roles))
	resp, err = f.qs.Roles(f.ctx, &types.QueryRolesRequest{Pagination: &query.PageRequest{Reverse: true, Key: resp.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, []string{roleInvestigator, roleCustodian}, names(resp.Roles))

	resp, err = f.qs.Roles(f.ctx, &types.QueryRolesRequest{Pagination: &query.PageRequest{Offset: 99}})
	require.NoError(t, err)
	require.Empty(t, resp.Roles)

	_, err = f.qs.Roles(f.ctx, &types.QueryRolesRequest{Pagination: &query.PageRequest{Offset: 1, Key: []byte("a")}})
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryParams(t *testing.T) {
	f := newFixture(t)
	resp, err := f.qs.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), resp.Params)
}
