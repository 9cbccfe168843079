package keeper_test

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// fixture is what the DID tests (didFixture) and the schema, issuer and
// status-list tests (issFixture) share: a real x/did keeper wired to a real
// x/agency keeper (testutil/keeper.DidKeeper) and the module's Msg and Query
// servers over it.
type fixture struct {
	t   *testing.T
	ctx sdk.Context
	k   keeper.Keeper
	ak  agencykeeper.Keeper
	msg types.MsgServer
	q   types.QueryServer
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	k, ak, ctx := testkeeper.DidKeeper(t)
	return fixtureOn(t, k, ak, ctx)
}

// fixtureOn wraps existing keepers (e.g. after an InitGenesis).
func fixtureOn(t *testing.T, k keeper.Keeper, ak agencykeeper.Keeper, ctx sdk.Context) fixture {
	return fixture{t: t, ctx: ctx, k: k, ak: ak, msg: keeper.NewMsgServerImpl(k), q: keeper.NewQueryServerImpl(k)}
}

// s is an account's canonical bech32 string.
func (f *fixture) s(a sdk.AccAddress) string {
	str, err := f.k.AddressCodec().BytesToString(a)
	require.NoError(f.t, err)
	return str
}

// export is the whole module state; comparing it before and after a rejected
// message proves the message wrote nothing.
func (f *fixture) export() *types.GenesisState {
	f.t.Helper()
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(f.t, err)
	return gs
}

// freshEvents gives the context a new event manager before an ACT.
func (f *fixture) freshEvents() {
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
}

// requireOnlyEvent asserts the ACT emitted exactly one event of this module and
// that it equals want.
func (f *fixture) requireOnlyEvent(want proto.Message) {
	f.t.Helper()
	testkeeper.NewEventReader(f.t).RequireOnly(f.ctx, "civic.did.v1", want)
}
