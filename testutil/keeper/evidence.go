package keeper

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	evidencekeeper "github.com/civicchain/civic/x/evidence/keeper"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
)

// EvidenceKeeper builds a real x/evidence keeper wired to a real x/agency keeper (a
// NewFixture): the agency role catalog is evidencetypes.Roles(), and the context is at
// BlockTime. Register agencies and members with RegisterTestAgency and AddTestMember.
func EvidenceKeeper(t testing.TB) (evidencekeeper.Keeper, agencykeeper.Keeper, sdk.Context) {
	t.Helper()
	f := NewFixture(t, WithRoles(evidencetypes.Roles()...))
	return f.Evidence, f.Agency, f.Ctx
}
