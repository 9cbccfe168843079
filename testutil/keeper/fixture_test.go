package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
	tolltypes "github.com/civicchain/civic/x/toll/types"
)

func TestNewFixture(t *testing.T) {
	f := testkeeper.NewFixture(t, testkeeper.WithAccounts(3), testkeeper.WithChainID("civic-test-9"),
		testkeeper.WithAgency("knpa", evidencetypes.RoleInvestigator))
	require.Equal(t, "civic-test-9", f.Ctx.ChainID())
	require.Equal(t, testkeeper.BlockTime, f.Ctx.BlockTime())
	require.Len(t, f.Accounts, 3)
	require.NotEqual(t, f.Accounts[0], f.Accounts[1])
	require.Equal(t, f.Accounts[0], testkeeper.TestAddress("account 0"), "accounts are deterministic")

	// the agency is registered and its member holds its roles; the admin holds none
	knpa := f.Agencies["knpa"]
	id, err := f.Agency.Authorize(f.Ctx, knpa.Member, evidencetypes.RoleInvestigator)
	require.NoError(t, err)
	require.Equal(t, "knpa", id)
	_, err = f.Agency.Authorize(f.Ctx, knpa.Admin, evidencetypes.RoleInvestigator)
	require.Error(t, err)

	// every civic module starts from its default genesis
	p, err := f.Toll.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, tolltypes.DefaultParams(), p)

	f.Fund(t, f.Accounts[2], "ucivic", 7)
	require.EqualValues(t, 7, f.Balance(f.Accounts[2], "ucivic"))
}

func TestEventReader(t *testing.T) {
	f := testkeeper.NewFixture(t, testkeeper.WithAgency("knpa"))
	// registering knpa emitted typed agency events; a fresh context has none
	require.NotEmpty(t, f.Events.Read(f.Ctx, "civic.agency.v1"))
	ctx := f.Events.Fresh(f.Ctx)
	require.Empty(t, f.Events.Read(ctx, "civic.agency.v1"))

	testkeeper.SetTestAgencyStatus(t, f.Agency, ctx, "knpa", agencytypes.AgencyStatusSuspended)
	got := f.Events.Read(ctx, "civic.agency.v1")
	require.Len(t, got, 1)
	require.IsType(t, &agencytypes.EventAgencyStatusChanged{}, got[0])
	require.Empty(t, f.Events.Read(ctx, "civic.toll.v1"), "another module's events are left out")
	testkeeper.NewEventReader(t).RequireOnly(ctx, "civic.agency.v1", got[0])
}

func TestAgencyKeeperRoleCatalog(t *testing.T) {
	k, ctx := testkeeper.AgencyKeeper(t)
	require.Empty(t, k.RoleCatalog(), "an explicit empty catalog stays empty")
	require.Equal(t, int64(1), ctx.BlockHeight())
	f := testkeeper.NewFixture(t)
	require.Len(t, f.Agency.RoleCatalog(), len(testkeeper.AllRoles()))
}
