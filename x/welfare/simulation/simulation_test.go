package simulation_test

import (
	"math/rand"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/grpc"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	isim "github.com/civicchain/civic/internal/simulation"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/welfare/keeper"
	"github.com/civicchain/civic/x/welfare/simulation"
	"github.com/civicchain/civic/x/welfare/types"
)

// chain is x/agency, x/bank and this module on one store (the whole Fixture), with random
// agencies holding the welfare roles, the genesis groups and the simulation accounts
// funded in the bond denom.
type chain struct {
	f    *testkeeper.Fixture
	accs []simtypes.Account
}

func newChain(t *testing.T, r *rand.Rand, numAccounts int) *chain {
	t.Helper()
	f := testkeeper.NewFixture(t)
	accs, _ := testkeeper.SimAgencies(t, r, f.Agency, f.Ctx, numAccounts, types.Roles())
	gs := types.DefaultGenesis()
	gs.Params = simulation.RandomParams(r)
	gs.Groups = simulation.GenesisGroups(f.Ctx.BlockTime())
	require.NoError(t, f.Welfare.InitGenesis(f.Ctx, gs))
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

func TestGenesisGroupsAreValid(t *testing.T) {
	gs := types.DefaultGenesis()
	gs.Groups = simulation.GenesisGroups(testkeeper.BlockTime)
	require.NoError(t, gs.Validate())
}

// TestFactoriesBuildAcceptedMessages runs the factories many times and delivers every
// message they build through the Msg service: each must be accepted, the state must stay
// sound, some applications must have been refused as duplicates, and every factory must
// have built some.
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(7))
	c := newChain(t, r, 40)
	k := c.f.Welfare
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) }),
		Data: func(ctx sdk.Context) *simsx.ChainDataSource {
			return simsx.NewChainDataSource(ctx, r, c.f.Account, c.f.Bank, k.AddressCodec(), c.accs...)
		},
		Factories: []simsx.SimMsgFactoryX{
			simulation.MsgCreateProgramFactory(k),
			simulation.MsgActivateProgramFactory(k),
			simulation.MsgFundProgramFactory(k),
			simulation.MsgApplyFactory(k),
			simulation.MsgUpdateParamsFactory(k),
			simulation.MsgCreateGroupFactory(k),
		},
	}
	weights := []int{3, 3, 4, 10, 1, 1}
	var pick []int
	for i, w := range weights {
		for range w {
			pick = append(pick, i)
		}
	}

	// ACT, ASSERT: every message built is accepted (Op).
	ctx := c.f.Ctx
	for i := 0; i < 2000; i++ {
		if i%25 == 0 {
			ctx = ctx.WithBlockTime(ctx.BlockTime().Add(30 * time.Minute))
		}
		run.Op(t, ctx, pick[r.Intn(len(pick))])
	}
	require.NoError(t, k.CheckInvariants(ctx))
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	duplicated := 0
	for _, e := range gs.Enrolments {
		if e.Status == types.EnrolmentStatusDuplicated {
			duplicated++
		}
	}
	require.Positive(t, duplicated, "some applications were refused as duplicates")
	run.RequireAllDelivered(t)
}
