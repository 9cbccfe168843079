package keeper

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	haccpkeeper "github.com/civicchain/civic/x/haccp/keeper"
	haccptypes "github.com/civicchain/civic/x/haccp/types"
)

// HaccpKeeper builds a real x/haccp keeper wired to a real x/agency keeper (a
// NewFixture): the agency role catalog is haccptypes.Roles(), and the context is at
// BlockTime. Register agencies and members with RegisterTestAgency and AddTestMember.
func HaccpKeeper(t testing.TB) (haccpkeeper.Keeper, agencykeeper.Keeper, sdk.Context) {
	t.Helper()
	f := NewFixture(t, WithRoles(haccptypes.Roles()...))
	return f.Haccp, f.Agency, f.Ctx
}
