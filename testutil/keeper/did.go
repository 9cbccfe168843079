package keeper

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	didkeeper "github.com/civicchain/civic/x/did/keeper"
	didtypes "github.com/civicchain/civic/x/did/types"
)

// DidChainID is the chain id of DidKeeper's context; DID proofs sign over it.
const DidChainID = "civic-test-1"

// DidKeeper builds a real x/did keeper wired to a real x/agency keeper (a NewFixture):
// the agency role catalog is didtypes.Roles(), and the context is at BlockTime, height 1,
// chain id DidChainID. Register agencies and members with RegisterTestAgency and
// AddTestMember.
func DidKeeper(t testing.TB) (didkeeper.Keeper, agencykeeper.Keeper, sdk.Context) {
	t.Helper()
	f := NewFixture(t, WithRoles(didtypes.Roles()...), WithChainID(DidChainID))
	return f.Did, f.Agency, f.Ctx
}
