package keeper

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	disasterkeeper "github.com/civicchain/civic/x/disaster/keeper"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
)

// DisasterKeeper builds a real x/disaster keeper wired to a real x/agency keeper (a
// NewFixture): the agency role catalog is disastertypes.Roles(), and the context is at
// BlockTime. Register agencies and members with RegisterTestAgency and AddTestMember.
func DisasterKeeper(t testing.TB) (disasterkeeper.Keeper, agencykeeper.Keeper, sdk.Context) {
	t.Helper()
	f := NewFixture(t, WithRoles(disastertypes.Roles()...))
	return f.Disaster, f.Agency, f.Ctx
}
