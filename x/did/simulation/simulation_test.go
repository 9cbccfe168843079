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
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/simulation"
	"github.com/civicchain/civic/x/did/types"
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
	k, ak, ctx := testkeeper.DidKeeper(t)
	accs := simtypes.RandomAccounts(r, numAccounts)
	ags := agencysim.RandomGenesis(r, accs, types.Roles(), testkeeper.BlockTime, agencytypes.DefaultParams())
	require.NoError(t, ak.InitGenesis(ctx, ags))
	gs := simulation.RandomGenesis(r, accs, ags, testkeeper.BlockTime, simulation.RandomParams(r))
	require.NoError(t, k.InitGenesis(ctx, gs))
	return &chain{ctx: ctx, k: k, ak: ak, accs: accs}, gs
}

func TestRandomGenesisIsValid(t *testing.T) {
	var withDids, withIssuers, withLists int
	for _, numAccounts := range []int{0, 2, 5, 40} {
		for seed := int64(0); seed < 10; seed++ {
			t.Run(fmt.Sprintf("accounts=%d/seed=%d", numAccounts, seed), func(t *testing.T) {
				// ARRANGE, ACT: both geneses imported (InitGenesis validates).
				c, gs := newChain(t, rand.New(rand.NewSource(seed)), numAccounts)

				// ASSERT
				require.NoError(t, gs.ValidateAddresses(c.k.AddressCodec()))
				require.NoError(t, c.k.CheckInvariants(c.ctx))
				require.Equal(t, gs, export(t, c))
				// Every schema was registered, and every list created, by a did.issuer member
				// of its agency; every issuer was bound by its agency's admin.
				for _, s := range gs.Schemas {
					id, err := c.ak.Authorize(c.ctx, sdk.MustAccAddressFromBech32(s.RegisteredBy), types.RoleIssuer)
					require.NoError(t, err)
					require.Equal(t, s.AgencyId, id)
				}
				for _, l := range gs.StatusLists {
					id, err := c.ak.Authorize(c.ctx, sdk.MustAccAddressFromBech32(l.CreatedBy), types.RoleIssuer)
					require.NoError(t, err)
					require.Equal(t, l.AgencyId, id)
				}
				for _, is := range gs.Issuers {
					a, err := c.ak.GetAgency(c.ctx, is.AgencyId)
					require.NoError(t, err)
					require.Equal(t, a.Admin, is.BoundBy)
				}
				if len(gs.Versions) > 0 {
					withDids++
				}
				if len(gs.Issuers) > 0 {
					withIssuers++
				}
				if len(gs.StatusLists) > 0 {
					withLists++
				}
			})
		}
	}
	require.Positive(t, withDids, "some seeds give a genesis with DIDs")
	require.Positive(t, withIssuers, "some seeds give a genesis with issuers")
	require.Positive(t, withLists, "some seeds give a genesis with status lists")
}

func TestRandomParamsAreValid(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 1000; i++ {
		require.NoError(t, simulation.RandomParams(r).Validate())
	}
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
// must stay sound, and every factory must have built some.
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(11))
	c, _ := newChain(t, r, 40)
	router := isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(c.k)) })
	factories := []simsx.SimMsgFactoryX{
		simulation.MsgCreateDidFactory(c.k, c.ak),
		simulation.MsgUpdateDidFactory(c.k, c.ak),
		simulation.MsgDeactivateDidFactory(c.k, c.ak),
		simulation.MsgRegisterSchemaFactory(c.k, c.ak),
		simulation.MsgBindIssuerFactory(c.k, c.ak),
		simulation.MsgUnbindIssuerFactory(c.k, c.ak),
		simulation.MsgSetIssuerSchemasFactory(c.k, c.ak),
		simulation.MsgCreateStatusListFactory(c.k, c.ak),
		simulation.MsgUpdateStatusListFactory(c.k, c.ak),
		simulation.MsgUpdateParamsFactory(c.k),
	}
	// weights as in the app, so that issuers are not unbound faster than they are bound
	weights := []int{
		simulation.DefaultWeightMsgCreateDid, simulation.DefaultWeightMsgUpdateDid, simulation.DefaultWeightMsgDeactivateDid,
		simulation.DefaultWeightMsgRegisterSchema, simulation.DefaultWeightMsgBindIssuer, simulation.DefaultWeightMsgUnbindIssuer,
		simulation.DefaultWeightMsgSetIssuerSchemas, simulation.DefaultWeightMsgCreateStatusList, simulation.DefaultWeightMsgUpdateStatusList,
		5,
	}
	total := 0
	for _, w := range weights {
		total += w
	}
	pick := func() simsx.SimMsgFactoryX {
		n := r.Intn(total)
		for i, w := range weights {
			if n < w {
				return factories[i]
			}
			n -= w
		}
		panic("unreachable")
	}
	delivered := make(map[string]int)
	skips := make(map[string]int)

	// ACT
	for i := 0; i < 1500; i++ {
		f := pick()
		if i%100 == 0 {
			c.ctx = c.ctx.WithBlockTime(c.ctx.BlockTime().Add(time.Hour)).WithBlockHeight(c.ctx.BlockHeight() + 1)
		}
		testData := isim.NewTestData(c.ctx, r, c.k.AddressCodec(), c.accs...)
		reporter := simsx.NewBasicSimulationReporter().WithScope(f.MsgType())
		signers, msg := f.Create()(c.ctx, testData, reporter)
		if reporter.IsSkipped() {
			require.NotEmpty(t, reporter.Comment(), "a skip says why")
			skips[reporter.Comment()]++
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
	t.Logf("delivered: %v", delivered)
	t.Logf("skipped: %v", skips)
	for _, f := range factories {
		require.Positive(t, delivered[sdk.MsgTypeURL(f.MsgType())], "%s never delivered", sdk.MsgTypeURL(f.MsgType()))
	}
}
