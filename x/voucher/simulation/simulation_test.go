package simulation_test

import (
	"math/rand"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/grpc"
	"github.com/stretchr/testify/require"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	isim "github.com/civicchain/civic/internal/simulation"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	didkeeper "github.com/civicchain/civic/x/did/keeper"
	didsim "github.com/civicchain/civic/x/did/simulation"
	didtypes "github.com/civicchain/civic/x/did/types"
	"github.com/civicchain/civic/x/voucher/keeper"
	"github.com/civicchain/civic/x/voucher/simulation"
	"github.com/civicchain/civic/x/voucher/types"
)

// chain is x/agency, x/did, x/bank and this module on one store (the whole Fixture, with
// the send restriction), with random agencies holding the voucher and did roles and the
// simulation accounts funded in the bond denom.
type chain struct {
	f    *testkeeper.Fixture
	accs []simtypes.Account
}

func newChain(t *testing.T, r *rand.Rand, numAccounts int) *chain {
	t.Helper()
	f := testkeeper.NewFixture(t, testkeeper.WithChainID("civic-sim-1"))
	accs, _ := testkeeper.SimAgencies(t, r, f.Agency, f.Ctx, numAccounts, append(types.Roles(), didtypes.Roles()...))
	gs := types.DefaultGenesis()
	gs.Params = simulation.RandomParams(r)
	require.NoError(t, f.Voucher.InitGenesis(f.Ctx, gs))
	for _, a := range accs {
		f.Fund(t, a.Address, sdk.DefaultBondDenom, uint64(1_000_000+r.Int63n(1_000_000_000))) //nolint:gosec // positive
	}
	return &chain{f: f, accs: accs}
}

func TestRandomParamsAreValid(t *testing.T) {
	for seed := int64(0); seed < 200; seed++ {
		require.NoError(t, simulation.RandomParams(rand.New(rand.NewSource(seed))).Validate())
	}
}

// TestFactoriesBuildAcceptedMessages runs the factories many times, with x/did's that make
// the issuers claims need (DIDs, bindings, schemas, grants, status lists), moving the
// block time on so that programs start, expire and close, and delivers every message they
// build through the Msg services: each must be accepted, the state must stay sound, and
// every factory must have built some (claims too: signed with x/did's simulation keys).
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(7))
	c := newChain(t, r, 40)
	k, dk, ak := c.f.Voucher, c.f.Did, c.f.Agency
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(
			func(ir codectypes.InterfaceRegistry) { types.RegisterInterfaces(ir); didtypes.RegisterInterfaces(ir) },
			func(s grpc.Server) {
				types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k))
				didtypes.RegisterMsgServer(s, didkeeper.NewMsgServerImpl(dk))
			}),
		Data: func(ctx sdk.Context) *simsx.ChainDataSource {
			return simsx.NewChainDataSource(ctx, r, c.f.Account, c.f.Bank, k.AddressCodec(), c.accs...)
		},
		Factories: []simsx.SimMsgFactoryX{
			simulation.MsgCreateProgramFactory(k, ak, dk),
			simulation.MsgActivateProgramFactory(k, ak, dk),
			simulation.MsgSetProgramStatusFactory(k, ak, dk),
			simulation.MsgFundProgramFactory(k, ak, dk),
			simulation.MsgAllocateFactory(k, ak, dk),
			simulation.MsgClaimFactory(k, ak, dk),
			simulation.MsgApplyMerchantFactory(k, ak, dk),
			simulation.MsgDecideMerchantFactory(k, ak, dk),
			simulation.MsgPayFactory(k, ak, dk),
			simulation.MsgRedeemFactory(k, ak, dk),
			simulation.MsgSweepFactory(k, ak, dk),
			simulation.MsgUpdateParamsFactory(k),
			didsim.MsgCreateDidFactory(dk, ak),
			didsim.MsgRegisterSchemaFactory(dk, ak),
			didsim.MsgBindIssuerFactory(dk, ak),
			didsim.MsgSetIssuerSchemasFactory(dk, ak),
			didsim.MsgCreateStatusListFactory(dk, ak),
		},
	}
	weights := []int{3, 3, 1, 4, 6, 4, 4, 4, 8, 4, 3, 1, 2, 1, 1, 1, 1}
	var pick []int
	for i, w := range weights {
		for range w {
			pick = append(pick, i)
		}
	}

	// ACT, ASSERT: every message built is accepted (Op).
	ctx := c.f.Ctx
	for i := 0; i < 3000; i++ {
		if i%25 == 0 {
			ctx = ctx.WithBlockTime(ctx.BlockTime().Add(30 * time.Minute))
		}
		run.Op(t, ctx, pick[r.Intn(len(pick))])
	}
	require.NoError(t, k.CheckInvariants(ctx))
	require.NoError(t, dk.CheckInvariants(ctx))
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	closed := 0
	for _, p := range gs.Programs {
		if p.Status == types.ProgramStatusClosed {
			closed++
		}
	}
	require.Positive(t, closed, "some programs were swept and closed")
	run.RequireAllDelivered(t)
}
