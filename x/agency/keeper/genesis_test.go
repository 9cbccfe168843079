package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE: a state built through messages, exported.
	f := newFixture(t)
	twoAgencies(f)
	expires := testkeeper.BlockTime.Add(48 * time.Hour)
	f.addMember("knpa", knpaAdmin, knpaAdmin, &expires, roleCustodian)
	f.setStatus("mfds", types.AgencyStatusSuspended)
	_, err := f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: maxMembers(50)})
	require.NoError(t, err)
	exported := f.export()
	require.NoError(t, exported.Validate())
	require.Len(t, exported.Agencies, 2)
	require.Len(t, exported.Members, 3)

	// ACT: import into a fresh keeper and export again.
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, exported))

	// ASSERT: same state, and the derived indexes work.
	require.Equal(t, exported, g.export())
	id, err := g.k.Authorize(g.ctx, officer, roleInvestigator)
	require.NoError(t, err)
	require.Equal(t, "knpa", id)
	_, err = g.k.Authorize(g.ctx, inspector, roleCertifier)
	require.ErrorIs(t, err, types.ErrAgencyNotActive)
	n, err := g.k.MemberCount.Get(g.ctx, "knpa")
	require.NoError(t, err)
	require.EqualValues(t, 2, n)
	for a, want := range map[string]string{f.str(knpaAdmin): "knpa", f.str(officer): "knpa", f.str(mfdsAdmin): "mfds", f.str(inspector): "mfds"} {
		resp, err := g.qs.Membership(g.ctx, &types.QueryMembershipRequest{Address: a})
		require.NoError(t, err)
		require.Equal(t, want, resp.Agency.Id)
	}
	members, err := g.qs.Members(g.ctx, &types.QueryMembersRequest{AgencyId: "knpa"})
	require.NoError(t, err)
	require.Len(t, members.Members, 2)
	// an address of one agency cannot join another after import either
	_, err = g.ms.AddMember(g.ctx, &types.MsgAddMember{Admin: f.str(mfdsAdmin), AgencyId: "mfds", Address: f.str(officer)})
	require.ErrorIs(t, err, types.ErrAddressAffiliated)
}

func TestInitGenesisDefault(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.k.InitGenesis(f.ctx, types.DefaultGenesis()))
	require.Equal(t, types.DefaultGenesis(), f.export())
}

func TestInitGenesisRejectsRoleOutsideCatalog(t *testing.T) {
	f := newFixture(t)
	gs := types.DefaultGenesis()
	gs.Agencies = []types.Agency{{
		Id: "knpa", Name: "KNPA", Admin: f.str(knpaAdmin), Roles: []string{"evidence.judge"}, Status: types.AgencyStatusActive,
	}}
	require.NoError(t, gs.Validate(), "the grammar is fine; only the catalog knows the role")
	err := f.k.InitGenesis(f.ctx, gs)
	require.ErrorIs(t, err, types.ErrUnknownRole)
	require.Contains(t, err.Error(), "evidence.judge")
}

func TestInitGenesisRejectsInvalidState(t *testing.T) {
	f := newFixture(t)
	gs := types.DefaultGenesis()
	gs.Params.MaxMembersPerAgency = 0
	require.ErrorIs(t, f.k.InitGenesis(f.ctx, gs), types.ErrInvalidParams)
}

// Governance may lower max_members_per_agency below an agency's member count (existing
// members stay); the state must still export and import.
func TestGenesisRoundTripAfterLoweredMemberLimit(t *testing.T) {
	// ARRANGE: two members in knpa, then the limit lowered to 1.
	f := newFixture(t)
	twoAgencies(f)
	f.addMember("knpa", knpaAdmin, knpaAdmin, nil, roleCustodian)
	_, err := f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: maxMembers(1)})
	require.NoError(t, err)
	exported := f.export()

	// ACT
	g := newFixture(t)
	err = g.k.InitGenesis(g.ctx, exported)

	// ASSERT: imported as it was; the limit still refuses new members.
	require.NoError(t, err)
	require.Equal(t, exported, g.export())
	_, err = g.ms.AddMember(g.ctx, &types.MsgAddMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(addr(77))})
	require.ErrorIs(t, err, types.ErrMemberLimit)
}
