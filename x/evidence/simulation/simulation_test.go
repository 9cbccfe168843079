package simulation_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/grpc"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	isim "github.com/civicchain/civic/internal/simulation"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/simulation"
	"github.com/civicchain/civic/x/evidence/types"
)

// chain is x/agency and this module on one store, seeded with both random geneses.
type chain = testkeeper.SimChain[keeper.Keeper]

func newChain(t *testing.T, r *rand.Rand, numAccounts int) (*chain, *types.GenesisState) {
	t.Helper()
	k, ak, ctx := testkeeper.EvidenceKeeper(t)
	accs, ags := testkeeper.SimAgencies(t, r, ak, ctx, numAccounts, types.Roles())
	gs := simulation.RandomGenesis(r, ags, testkeeper.BlockTime, types.DefaultParams())
	require.NoError(t, k.InitGenesis(ctx, gs))
	return &chain{Ctx: ctx, K: k, Agency: ak, Accs: accs}, gs
}

func TestRandomGenesisIsValid(t *testing.T) {
	var withRecords int
	for _, numAccounts := range []int{0, 2, 5, 40} {
		for seed := int64(0); seed < 10; seed++ {
			t.Run(fmt.Sprintf("accounts=%d/seed=%d", numAccounts, seed), func(t *testing.T) {
				// ARRANGE, ACT: both geneses imported (InitGenesis validates).
				c, gs := newChain(t, rand.New(rand.NewSource(seed)), numAccounts)

				// ASSERT
				require.NoError(t, c.K.CheckInvariants(c.Ctx))
				require.Equal(t, gs, export(t, c))
				// Every case was opened by a member of its agency who may open cases.
				for _, kase := range gs.Cases {
					id, err := c.Agency.Authorize(c.Ctx, sdk.MustAccAddressFromBech32(kase.OpenedBy), types.RoleInvestigator)
					require.NoError(t, err)
					require.Equal(t, kase.AgencyId, id)
				}
				if len(gs.Items) > 0 {
					withRecords++
				}
			})
		}
	}
	require.Positive(t, withRecords, "some seeds give a genesis with items")
}

func export(t *testing.T, c *chain) *types.GenesisState {
	t.Helper()
	gs, err := c.K.ExportGenesis(c.Ctx)
	require.NoError(t, err)
	return gs
}

// TestFactoriesBuildAcceptedMessages runs the factories many times against keepers seeded
// with the random geneses and delivers every message they build through the Msg service:
// each must be accepted (the simulation fails on a delivered message that fails), the state
// must stay sound, and every factory must have built some, so items travel the whole
// lifecycle. The out-of-order probes run among them and must all be refused.
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(11))
	c, _ := newChain(t, r, 40)
	data := func(ctx sdk.Context) *simsx.ChainDataSource {
		return isim.NewTestData(ctx, r, c.K.AddressCodec(), c.Accs...)
	}
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(c.K)) }),
		Data:   data,
		Factories: []simsx.SimMsgFactoryX{
			simulation.MsgOpenCaseFactory(c.K),
			simulation.MsgCloseCaseFactory(c.K),
			simulation.MsgRegisterEvidenceFactory(c.K),
			simulation.MsgTakeCustodyFactory(c.K),
			simulation.MsgProposeTransferFactory(c.K),
			simulation.MsgAcceptTransferFactory(c.K),
			simulation.MsgRejectTransferFactory(c.K),
			simulation.MsgCancelTransferFactory(c.K),
			simulation.MsgStartAnalysisFactory(c.K),
			simulation.MsgCompleteAnalysisFactory(c.K),
			simulation.MsgSubmitToCourtFactory(c.K),
			simulation.MsgRecordCourtDecisionFactory(c.K),
			simulation.MsgArchiveFactory(c.K),
			simulation.MsgDisposeFactory(c.K),
			simulation.MsgReturnFactory(c.K),
			simulation.MsgVerifyIntegrityFactory(c.K),
			simulation.MsgUpdateParamsFactory(c.K),
		},
	}
	probes := &testkeeper.FactoryRun{Data: data}
	for _, p := range simulation.OutOfOrderProbes(c.K) {
		probes.Factories = append(probes.Factories, p.Factory)
	}
	plain := len(run.Factories)
	refused := 0

	// ACT
	for i := 0; i < 2000; i++ {
		n := r.Intn(plain + len(probes.Factories))
		if i%100 == 0 {
			c.Ctx = c.Ctx.WithBlockTime(c.Ctx.BlockTime().Add(time.Hour))
		}
		if n >= plain { // an out-of-order probe
			// ASSERT: a lifecycle message out of order is refused.
			_, msg, skip := probes.Build(t, c.Ctx, n-plain)
			require.NotEmpty(t, skip, "lifecycle hole: %T %v accepted out of order", msg, msg)
			if strings.Contains(skip, "refused as it must be") {
				refused++
			}
			continue
		}
		// ASSERT: every message built is accepted (Op).
		signers, msg := run.Op(t, c.Ctx, n)
		if _, gov := msg.(*types.MsgUpdateParams); msg != nil && !gov {
			require.Len(t, signers, 1)
		}
	}
	require.NoError(t, c.K.CheckInvariants(c.Ctx))
	require.Positive(t, refused, "the probes sent messages out of order")
	run.RequireAllDelivered(t)
}
