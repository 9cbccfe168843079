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
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	isim "github.com/civicchain/civic/internal/simulation"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/simulation"
	"github.com/civicchain/civic/x/haccp/types"
)

// chain is x/agency and this module on one store, seeded with both random geneses.
type chain = testkeeper.SimChain[keeper.Keeper]

func newChain(t *testing.T, r *rand.Rand, numAccounts int) (*chain, *types.GenesisState) {
	t.Helper()
	k, ak, ctx := testkeeper.HaccpKeeper(t)
	accs, _ := testkeeper.SimAgencies(t, r, ak, ctx, numAccounts, types.Roles())
	gs := simulation.RandomGenesis(r, accs, testkeeper.BlockTime, simulation.RandomParams(r))
	require.NoError(t, k.InitGenesis(ctx, gs))
	return &chain{Ctx: ctx, K: k, Agency: ak, Accs: accs}, gs
}

func TestRandomGenesisIsValid(t *testing.T) {
	withFacilities := 0
	for seed := int64(0); seed < 40; seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			// ARRANGE, ACT
			r := rand.New(rand.NewSource(seed))
			gs := simulation.RandomGenesis(r, simtypes.RandomAccounts(r, int(seed%12)), testkeeper.BlockTime, simulation.RandomParams(r))

			// ASSERT
			require.NoError(t, gs.Validate())
			require.NoError(t, gs.Params.Validate())
			if len(gs.Facilities) > 0 {
				withFacilities++
			}
			c, _ := newChain(t, rand.New(rand.NewSource(seed)), 10)
			got, err := c.K.ExportGenesis(c.Ctx)
			require.NoError(t, err)
			require.NoError(t, got.Validate())
		})
	}
	require.Positive(t, withFacilities, "some seeds give a genesis with facilities")
}

func TestRandomParamsAreValid(t *testing.T) {
	for seed := int64(0); seed < 200; seed++ {
		require.NoError(t, simulation.RandomParams(rand.New(rand.NewSource(seed))).Validate())
	}
}

// TestFactoriesBuildAcceptedMessages runs the factories many times against keepers seeded
// with the random geneses and delivers every message they build through the Msg service:
// each must be accepted (the simulation fails on a delivered message that fails), and
// every factory must have built some.
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(7))
	c, _ := newChain(t, r, 40)
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(c.K)) }),
		Data: func(ctx sdk.Context) *simsx.ChainDataSource {
			return isim.NewTestData(ctx, r, c.K.AddressCodec(), c.Accs...)
		},
	}
	run.Factories = []simsx.SimMsgFactoryX{
		simulation.MsgRegisterFacilityFactory(c.K),
		simulation.MsgAddFacilityStaffFactory(c.K),
		simulation.MsgRemoveFacilityStaffFactory(c.K),
		simulation.MsgAnchorCcpRecordFactory(c.K),
		simulation.MsgRecordCorrectiveActionFactory(c.K),
		simulation.MsgIssueCertificateFactory(c.K),
		simulation.MsgSuspendCertificateFactory(c.K),
		simulation.MsgReinstateCertificateFactory(c.K),
		simulation.MsgRevokeCertificateFactory(c.K),
		simulation.MsgRenewCertificateFactory(c.K),
		simulation.MsgRecordAuditFactory(c.K),
		simulation.MsgIssueRecallFactory(c.K),
		simulation.MsgCloseRecallFactory(c.K),
		simulation.MsgReceiveHygieneCertFactory(c.K),
		simulation.MsgVerifyHygieneCertFactory(c.K),
		simulation.MsgDeclareImportFactory(c.K),
		simulation.MsgStartInspectionFactory(c.K),
		simulation.MsgRecordInspectionFactory(c.K),
		simulation.MsgClearDeclarationFactory(c.K),
		simulation.MsgShareImportConfirmationFactory(c.K),
		simulation.MsgRefuseClearanceFactory(c.K),
		simulation.MsgWithdrawDeclarationFactory(c.K),
		simulation.MsgUpdateParamsFactory(c.K),
	}

	// ACT, ASSERT: every message built is accepted (Op).
	for i := 0; i < 3000; i++ {
		if i%100 == 0 {
			c.Ctx = c.Ctx.WithBlockTime(c.Ctx.BlockTime().Add(time.Hour))
		}
		signers, msg := run.Op(t, c.Ctx, r.Intn(len(run.Factories)))
		if _, gov := msg.(*types.MsgUpdateParams); msg != nil && !gov {
			require.Len(t, signers, 1)
		}
	}
	gs, err := c.K.ExportGenesis(c.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	run.RequireAllDelivered(t)
}
