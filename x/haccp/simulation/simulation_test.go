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
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/simulation"
	"github.com/civicchain/civic/x/haccp/types"
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
	k, ak, ctx := testkeeper.HaccpKeeper(t)
	accs := simtypes.RandomAccounts(r, numAccounts)
	ags := agencysim.RandomGenesis(r, accs, types.Roles(), testkeeper.BlockTime, agencytypes.DefaultParams())
	require.NoError(t, ak.InitGenesis(ctx, ags))
	gs := simulation.RandomGenesis(r, accs, testkeeper.BlockTime, simulation.RandomParams(r))
	require.NoError(t, k.InitGenesis(ctx, gs))
	return &chain{ctx: ctx, k: k, ak: ak, accs: accs}, gs
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
			got, err := c.k.ExportGenesis(c.ctx)
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
	router := isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(c.k)) })
	factories := []simsx.SimMsgFactoryX{
		simulation.MsgRegisterFacilityFactory(c.k),
		simulation.MsgAddFacilityStaffFactory(c.k),
		simulation.MsgAnchorCcpRecordFactory(c.k),
		simulation.MsgRecordCorrectiveActionFactory(c.k),
		simulation.MsgIssueCertificateFactory(c.k),
		simulation.MsgSuspendCertificateFactory(c.k),
		simulation.MsgReinstateCertificateFactory(c.k),
		simulation.MsgRevokeCertificateFactory(c.k),
		simulation.MsgRenewCertificateFactory(c.k),
		simulation.MsgRecordAuditFactory(c.k),
		simulation.MsgIssueRecallFactory(c.k),
		simulation.MsgCloseRecallFactory(c.k),
		simulation.MsgReceiveHygieneCertFactory(c.k),
		simulation.MsgVerifyHygieneCertFactory(c.k),
		simulation.MsgDeclareImportFactory(c.k),
		simulation.MsgStartInspectionFactory(c.k),
		simulation.MsgRecordInspectionFactory(c.k),
		simulation.MsgClearDeclarationFactory(c.k),
		simulation.MsgShareImportConfirmationFactory(c.k),
		simulation.MsgRefuseClearanceFactory(c.k),
		simulation.MsgWithdrawDeclarationFactory(c.k),
		simulation.MsgUpdateParamsFactory(c.k),
	}
	delivered := make(map[string]int)
	skips := make(map[string]string)

	// ACT
	for i := 0; i < 3000; i++ {
		f := factories[r.Intn(len(factories))]
		if i%100 == 0 {
			c.ctx = c.ctx.WithBlockTime(c.ctx.BlockTime().Add(time.Hour))
		}
		testData := isim.NewTestData(c.ctx, r, c.k.AddressCodec(), c.accs...)
		reporter := simsx.NewBasicSimulationReporter().WithScope(f.MsgType())
		signers, msg := f.Create()(c.ctx, testData, reporter)
		if reporter.IsSkipped() {
			require.NotEmpty(t, reporter.Comment(), "a skip says why")
			skips[sdk.MsgTypeURL(f.MsgType())] = reporter.Comment()
			continue
		}
		// ASSERT
		require.NoError(t, isim.Deliver(c.ctx, router, msg), "%T %v", msg, msg)
		if _, gov := msg.(*types.MsgUpdateParams); !gov {
			require.Len(t, signers, 1)
		}
		delivered[sdk.MsgTypeURL(msg)]++
	}
	gs, err := c.k.ExportGenesis(c.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	for _, f := range factories {
		url := sdk.MsgTypeURL(f.MsgType())
		require.Positive(t, delivered[url], "%s never delivered (last skip: %s)", url, skips[url])
	}
	t.Logf("delivered: %v", delivered)
}
