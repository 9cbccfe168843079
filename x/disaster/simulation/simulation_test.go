package simulation_test

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/grpc"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	isim "github.com/civicchain/civic/internal/simulation"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/disaster/keeper"
	"github.com/civicchain/civic/x/disaster/simulation"
	"github.com/civicchain/civic/x/disaster/types"
)

// chain is x/agency and this module on one store, seeded with both random geneses.
type chain = testkeeper.SimChain[keeper.Keeper]

func newChain(t *testing.T, r *rand.Rand, numAccounts int) (*chain, *types.GenesisState) {
	t.Helper()
	k, ak, ctx := testkeeper.DisasterKeeper(t)
	accs, ags := testkeeper.SimAgencies(t, r, ak, ctx, numAccounts, types.Roles())
	gs := simulation.RandomGenesis(r, ags, testkeeper.BlockTime, simulation.RandomParams(r))
	require.NoError(t, k.InitGenesis(ctx, gs))
	return &chain{Ctx: ctx, K: k, Agency: ak, Accs: accs}, gs
}

func TestRandomGenesisIsValid(t *testing.T) {
	withIncidents := 0
	for _, numAccounts := range []int{0, 2, 5, 40} {
		for seed := int64(0); seed < 10; seed++ {
			t.Run(fmt.Sprintf("accounts=%d/seed=%d", numAccounts, seed), func(t *testing.T) {
				// ARRANGE, ACT: both geneses imported (InitGenesis validates).
				c, gs := newChain(t, rand.New(rand.NewSource(seed)), numAccounts)

				// ASSERT
				require.NoError(t, c.K.CheckInvariants(c.Ctx))
				got, err := c.K.ExportGenesis(c.Ctx)
				require.NoError(t, err)
				require.Equal(t, gs, got)
				// Every incident was declared by a coordinator of its agency.
				for _, inc := range gs.Incidents {
					id, err := c.Agency.Authorize(c.Ctx, sdk.MustAccAddressFromBech32(inc.DeclaredBy), types.RoleCoordinator)
					require.NoError(t, err)
					require.Equal(t, inc.AgencyId, id)
				}
				if len(gs.Incidents) > 0 {
					withIncidents++
				}
			})
		}
	}
	require.Positive(t, withIncidents, "some seeds give a genesis with incidents")
}

func TestRandomParamsAreValid(t *testing.T) {
	for seed := int64(0); seed < 200; seed++ {
		require.NoError(t, simulation.RandomParams(rand.New(rand.NewSource(seed))).Validate())
	}
}

// TestFactoriesBuildAcceptedMessages runs the factories many times against keepers seeded
// with the random geneses and delivers every message they build through the Msg service:
// each must be accepted (the simulation fails on a delivered message that fails), the state
// must stay sound, and every factory must have built some.
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(13))
	c, _ := newChain(t, r, 40)
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(c.K)) }),
		Data: func(ctx sdk.Context) *simsx.ChainDataSource {
			return isim.NewTestData(ctx, r, c.K.AddressCodec(), c.Accs...)
		},
		Factories: []simsx.SimMsgFactoryX{
			simulation.MsgDeclareIncidentFactory(c.K),
			simulation.MsgUpdateIncidentFactory(c.K),
			simulation.MsgSetIncidentStatusFactory(c.K),
			simulation.MsgIssuePublicAlertFactory(c.K),
			simulation.MsgUpdateParamsFactory(c.K),
		},
	}

	// ACT, ASSERT: every message built is accepted (Op).
	for i := 0; i < 1500; i++ {
		if i%100 == 0 {
			c.Ctx = c.Ctx.WithBlockTime(c.Ctx.BlockTime().Add(time.Hour))
		}
		signers, msg := run.Op(t, c.Ctx, r.Intn(len(run.Factories)))
		if _, gov := msg.(*types.MsgUpdateParams); msg != nil && !gov {
			require.Len(t, signers, 1)
		}
	}
	require.NoError(t, c.K.CheckInvariants(c.Ctx))
	gs, err := c.K.ExportGenesis(c.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.NotEmpty(t, gs.Alerts)
	run.RequireAllDelivered(t)
}
