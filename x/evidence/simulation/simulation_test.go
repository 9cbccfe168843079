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
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	isim "github.com/civicchain/civic/internal/simulation"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/simulation"
	"github.com/civicchain/civic/x/evidence/types"
)

// chain is x/agency and this module on one store, seeded with both random geneses.
type chain struct {
	ctx  sdk.Context
	k    keeper.Keeper
	ak   agencykeeper.Keeper
	accs []simtypes.Account
}

func newChain(t *testing.T, r *rand.Rand, numAccounts int) (*chain, *types.GenesisState) {
	t.Helper()
	k, ak, ctx := testkeeper.EvidenceKeeper(t)
	accs := simtypes.RandomAccounts(r, numAccounts)
	ags := agencysim.RandomGenesis(r, accs, types.Roles(), testkeeper.BlockTime, agencytypes.DefaultParams())
	require.NoError(t, ak.InitGenesis(ctx, ags))
	gs := simulation.RandomGenesis(r, ags, testkeeper.BlockTime, types.DefaultParams())
	require.NoError(t, k.InitGenesis(ctx, gs))
	return &chain{ctx: ctx, k: k, ak: ak, accs: accs}, gs
}

func TestRandomGenesisIsValid(t *testing.T) {
	var withRecords int
	for _, numAccounts := range []int{0, 2, 5, 40} {
		for seed := int64(0); seed < 10; seed++ {
			t.Run(fmt.Sprintf("accounts=%d/seed=%d", numAccounts, seed), func(t *testing.T) {
				// ARRANGE, ACT: both geneses imported (InitGenesis validates).
				c, gs := newChain(t, rand.New(rand.NewSource(seed)), numAccounts)

				// ASSERT
				require.NoError(t, c.k.CheckInvariants(c.ctx))
				require.Equal(t, gs, export(t, c))
				// Every case was opened by a member of its agency who may open cases.
				for _, kase := range gs.Cases {
					id, err := c.ak.Authorize(c.ctx, sdk.MustAccAddressFromBech32(kase.OpenedBy), types.RoleInvestigator)
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
	gs, err := c.k.ExportGenesis(c.ctx)
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
	router := isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(c.k)) })
	factories := []simsx.SimMsgFactoryX{
		simulation.MsgOpenCaseFactory(c.k),
		simulation.MsgCloseCaseFactory(c.k),
		simulation.MsgRegisterEvidenceFactory(c.k),
		simulation.MsgTakeCustodyFactory(c.k),
		simulation.MsgProposeTransferFactory(c.k),
		simulation.MsgAcceptTransferFactory(c.k),
		simulation.MsgRejectTransferFactory(c.k),
		simulation.MsgCancelTransferFactory(c.k),
		simulation.MsgStartAnalysisFactory(c.k),
		simulation.MsgCompleteAnalysisFactory(c.k),
		simulation.MsgSubmitToCourtFactory(c.k),
		simulation.MsgRecordCourtDecisionFactory(c.k),
		simulation.MsgArchiveFactory(c.k),
		simulation.MsgDisposeFactory(c.k),
		simulation.MsgReturnFactory(c.k),
		simulation.MsgVerifyIntegrityFactory(c.k),
		simulation.MsgUpdateParamsFactory(c.k),
	}
	plain := len(factories)
	for _, p := range simulation.OutOfOrderProbes(c.k) {
		factories = append(factories, p.Factory)
	}
	delivered := make(map[string]int)
	refused := 0

	// ACT
	for i := 0; i < 2000; i++ {
		n := r.Intn(len(factories))
		f := factories[n]
		if i%100 == 0 {
			c.ctx = c.ctx.WithBlockTime(c.ctx.BlockTime().Add(time.Hour))
		}
		testData := isim.NewTestData(c.ctx, r, c.k.AddressCodec(), c.accs...)
		reporter := simsx.NewBasicSimulationReporter().WithScope(f.MsgType())
		signers, msg := f.Create()(c.ctx, testData, reporter)
		if n >= plain { // an out-of-order probe
			// ASSERT: a lifecycle message out of order is refused.
			require.True(t, reporter.IsSkipped(), "lifecycle hole: %T %v accepted out of order", msg, msg)
			if strings.Contains(reporter.Comment(), "refused as it must be") {
				refused++
			}
			continue
		}
		if reporter.IsSkipped() {
			require.NotEmpty(t, reporter.Comment(), "a skip says why")
			continue
		}
		// ASSERT
		require.NoError(t, isim.Deliver(c.ctx, router, msg), "%T %v", msg, msg)
		if _, gov := msg.(*types.MsgUpdateParams); !gov {
			require.Len(t, signers, 1)
		}
		delivered[sdk.MsgTypeURL(msg)]++
	}
	require.NoError(t, c.k.CheckInvariants(c.ctx))
	require.Positive(t, refused, "the probes sent messages out of order")
	for _, f := range factories[:plain] {
		require.Positive(t, delivered[sdk.MsgTypeURL(f.MsgType())], "%s never delivered", sdk.MsgTypeURL(f.MsgType()))
	}
	t.Logf("delivered: %v", delivered)
}
