package simulation_test

import (
	"crypto/ed25519"
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
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/simulation"
	"github.com/civicchain/civic/x/did/types"
)

// chain is x/agency and this module on one store, seeded with both random geneses.
type chain = testkeeper.SimChain[keeper.Keeper]

func newChain(t *testing.T, r *rand.Rand, numAccounts int) (*chain, *types.GenesisState) {
	t.Helper()
	k, ak, ctx := testkeeper.DidKeeper(t)
	accs, ags := testkeeper.SimAgencies(t, r, ak, ctx, numAccounts, types.Roles())
	gs := simulation.RandomGenesis(r, accs, ags, testkeeper.BlockTime, simulation.RandomParams(r))
	require.NoError(t, k.InitGenesis(ctx, gs))
	return &chain{Ctx: ctx, K: k, Agency: ak, Accs: accs}, gs
}

func TestRandomGenesisIsValid(t *testing.T) {
	var withDids, withIssuers, withLists int
	for _, numAccounts := range []int{0, 2, 5, 40} {
		for seed := int64(0); seed < 10; seed++ {
			t.Run(fmt.Sprintf("accounts=%d/seed=%d", numAccounts, seed), func(t *testing.T) {
				// ARRANGE, ACT: both geneses imported (InitGenesis validates).
				c, gs := newChain(t, rand.New(rand.NewSource(seed)), numAccounts)

				// ASSERT
				require.NoError(t, gs.ValidateAddresses(c.K.AddressCodec()))
				require.NoError(t, c.K.CheckInvariants(c.Ctx))
				require.Equal(t, gs, export(t, c))
				// Every schema was registered, and every list created, by a did.issuer member
				// of its agency; every issuer was bound by its agency's admin.
				for _, s := range gs.Schemas {
					id, err := c.Agency.Authorize(c.Ctx, sdk.MustAccAddressFromBech32(s.RegisteredBy), types.RoleIssuer)
					require.NoError(t, err)
					require.Equal(t, s.AgencyId, id)
				}
				for _, l := range gs.StatusLists {
					id, err := c.Agency.Authorize(c.Ctx, sdk.MustAccAddressFromBech32(l.CreatedBy), types.RoleIssuer)
					require.NoError(t, err)
					require.Equal(t, l.AgencyId, id)
				}
				for _, is := range gs.Issuers {
					a, err := c.Agency.GetAgency(c.Ctx, is.AgencyId)
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
	gs, err := c.K.ExportGenesis(c.Ctx)
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
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(c.K)) }),
		Data: func(ctx sdk.Context) *simsx.ChainDataSource {
			return isim.NewTestData(ctx, r, c.K.AddressCodec(), c.Accs...)
		},
		Factories: []simsx.SimMsgFactoryX{
			simulation.MsgCreateDidFactory(c.K, c.Agency),
			simulation.MsgUpdateDidFactory(c.K, c.Agency),
			simulation.MsgDeactivateDidFactory(c.K, c.Agency),
			simulation.MsgRegisterSchemaFactory(c.K, c.Agency),
			simulation.MsgBindIssuerFactory(c.K, c.Agency),
			simulation.MsgUnbindIssuerFactory(c.K, c.Agency),
			simulation.MsgSetIssuerSchemasFactory(c.K, c.Agency),
			simulation.MsgCreateStatusListFactory(c.K, c.Agency),
			simulation.MsgUpdateStatusListFactory(c.K, c.Agency),
			simulation.MsgUpdateParamsFactory(c.K),
		},
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
	pick := func() int {
		n := r.Intn(total)
		for i, w := range weights {
			if n < w {
				return i
			}
			n -= w
		}
		panic("unreachable")
	}

	// ACT, ASSERT: every message built is accepted (Op).
	for i := 0; i < 1500; i++ {
		f := pick()
		if i%100 == 0 {
			c.Ctx = c.Ctx.WithBlockTime(c.Ctx.BlockTime().Add(time.Hour)).WithBlockHeight(c.Ctx.BlockHeight() + 1)
		}
		signers, msg := run.Op(t, c.Ctx, f)
		if _, gov := msg.(*types.MsgUpdateParams); msg != nil && !gov {
			require.Len(t, signers, 1)
		}
	}
	require.NoError(t, c.K.CheckInvariants(c.Ctx))
	run.RequireAllDelivered(t)
}

// TestHeldAssertionKeySigns: every assertionMethod the simulation writes is one of its
// keys, and what it signs with it verifies on chain (keeper VerifyAssertion), as
// x/voucher's simulated claims do; a key the simulation did not write is not held.
func TestHeldAssertionKeySigns(t *testing.T) {
	// ARRANGE: a DID of a random document with an assertion method, created through the
	// Msg service.
	r := rand.New(rand.NewSource(3))
	c, _ := newChain(t, r, 5)
	controller := c.Accs[0].Address.String()
	doc := simulation.RandomDocument(r, []string{controller})
	for len(doc.AssertionMethod) == 0 {
		doc = simulation.RandomDocument(r, []string{controller})
	}
	_, err := keeper.NewMsgServerImpl(c.K).CreateDid(c.Ctx, &types.MsgCreateDid{Signer: controller, Document: doc})
	require.NoError(t, err)
	payload := []byte("a claim")

	// ACT
	key, held := simulation.HeldAssertionKey(doc)
	latest, heldLatest := simulation.LatestAssertionKey(c.Ctx, c.K, doc.Id)

	// ASSERT
	require.True(t, held)
	require.True(t, heldLatest)
	require.Equal(t, key, latest)
	require.Equal(t, doc.AssertionMethod[0], key.VerificationMethod)
	require.NoError(t, c.K.VerifyAssertion(c.Ctx, doc.Id, key.VerificationMethod, payload, key.Sign(c.Ctx.ChainID(), payload)))
	require.ErrorIs(t, c.K.VerifyAssertion(c.Ctx, doc.Id, key.VerificationMethod, payload, key.Sign("civic-other-1", payload)), types.ErrInvalidProof)

	foreign := doc
	seed := make([]byte, ed25519.SeedSize) // all zero: not a simulation key
	foreign.VerificationMethod = []types.VerificationMethod{{Id: doc.Id + "#key-1", Type: types.KeyTypeEd25519, Controller: doc.Id,
		PublicKeyMultibase: types.Ed25519Multibase(ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey))}}
	_, held = simulation.HeldAssertionKey(foreign)
	require.False(t, held)
	_, held = simulation.LatestAssertionKey(c.Ctx, c.K, simulation.RandomDid(r))
	require.False(t, held, "an unknown DID")
}
