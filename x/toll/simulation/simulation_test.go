package simulation_test

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/grpc"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	isim "github.com/civicchain/civic/internal/simulation"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/simulation"
	"github.com/civicchain/civic/x/toll/types"
)

// maxFunding bounds what each simulation account is funded with, so that some ACCOUNT
// trips go UNPAID for lack of funds.
const maxFunding = 2_000_000

// chain is x/agency, x/bank and this module on one store, seeded with both random
// geneses; the simulation accounts are funded in the params denom.
type chain struct {
	f    testkeeper.TollFixture
	accs []simtypes.Account
}

func newChain(t *testing.T, r *rand.Rand, numAccounts int) (*chain, *types.GenesisState) {
	t.Helper()
	f := testkeeper.TollKeeper(t)
	accs, ags := testkeeper.SimAgencies(t, r, f.Agency, f.Ctx, numAccounts, types.Roles())
	gs := simulation.RandomGenesis(r, accs, ags, testkeeper.BlockTime, simulation.RandomParams(r))
	require.NoError(t, f.Keeper.InitGenesis(f.Ctx, gs))
	for _, a := range accs {
		if amount := uint64(r.Int63n(maxFunding)); amount > 0 { //nolint:gosec // positive
			f.Fund(t, a.Address, gs.Params.Denom, amount)
		}
	}
	return &chain{f: f, accs: accs}, gs
}

// addOperatorAgencies registers n more ACTIVE agencies holding the toll roles, each with
// an admin, a member holding toll.operator and toll.settlement and a plaza terminal
// (toll.plaza), all simulation accounts that were in no
// agency nor admin of one (so that settlement has several operators whatever the random genesis gave).
func (c *chain) addOperatorAgencies(t *testing.T, n int) {
	t.Helper()
	admins := make(map[string]bool)
	require.NoError(t, c.f.Agency.Agencies.Walk(c.f.Ctx, nil, func(_ string, a agencytypes.Agency) (bool, error) {
		admins[a.Admin] = true
		return false, nil
	}))
	var free []sdk.AccAddress
	for _, a := range c.accs {
		if has, err := c.f.Agency.Members.Has(c.f.Ctx, a.Address); err == nil && !has && !admins[a.Address.String()] {
			free = append(free, a.Address)
		}
	}
	require.GreaterOrEqual(t, len(free), 3*n, "free simulation accounts")
	for i := 0; i < n; i++ {
		id, admin := fmt.Sprintf("toll-%d", i), free[3*i]
		testkeeper.RegisterTestAgency(t, c.f.Agency, c.f.Ctx, id, admin, types.RoleOperator, types.RolePlaza, types.RoleSettlement)
		testkeeper.AddTestMember(t, c.f.Agency, c.f.Ctx, id, admin, free[3*i+1], types.RoleOperator, types.RoleSettlement)
		testkeeper.AddTestMember(t, c.f.Agency, c.f.Ctx, id, admin, free[3*i+2], types.RolePlaza)
	}
}

func TestRandomGenesisIsValid(t *testing.T) {
	withNetwork := 0
	for _, numAccounts := range []int{0, 2, 5, 40} {
		for seed := int64(0); seed < 10; seed++ {
			t.Run(fmt.Sprintf("accounts=%d/seed=%d", numAccounts, seed), func(t *testing.T) {
				// ARRANGE, ACT: both geneses imported (InitGenesis validates).
				c, gs := newChain(t, rand.New(rand.NewSource(seed)), numAccounts)

				// ASSERT
				require.NoError(t, c.f.Keeper.CheckInvariants(c.f.Ctx))
				got, err := c.f.Keeper.ExportGenesis(c.f.Ctx)
				require.NoError(t, err)
				require.NoError(t, got.Validate())
				require.Equal(t, gs.Operators, got.Operators)
				require.Equal(t, gs.Tariffs, got.Tariffs)
				// Every operator's settlement account may act for it.
				for _, o := range gs.Operators {
					id, err := c.f.Agency.Authorize(c.f.Ctx, sdk.MustAccAddressFromBech32(o.SettlementAccount), types.RoleOperator)
					require.NoError(t, err)
					require.Equal(t, o.AgencyId, id)
				}
				if len(gs.Plazas) > 0 {
					withNetwork++
				}
			})
		}
	}
	require.Positive(t, withNetwork, "some seeds give a genesis with a network")
}

func TestRandomParamsAreValid(t *testing.T) {
	for seed := int64(0); seed < 200; seed++ {
		p := simulation.RandomParams(rand.New(rand.NewSource(seed)))
		require.NoError(t, p.Validate())
		require.Equal(t, sdk.DefaultBondDenom, p.Denom)
	}
}

// signerOf is the address that signs msg.
func signerOf(msg sdk.Msg) string {
	switch m := msg.(type) {
	case *types.MsgSetSpendingLimit:
		return m.Payer
	case interface{ GetSigner() string }:
		return m.GetSigner()
	default:
		return ""
	}
}

// TestFactoriesBuildAcceptedMessages runs the factories many times against keepers seeded
// with the random geneses and delivers every message they build through the Msg service:
// each must be accepted (the simulation fails on a delivered message that fails), signed
// by the account the factory returns, and every factory must have built some. The state
// must hold the invariants throughout and then export to a valid genesis, with the module
// account holding exactly the escrow of the periods not settled yet.
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(7))
	c, _ := newChain(t, r, 40)
	c.addOperatorAgencies(t, 3)
	k := c.f.Keeper
	type factory struct {
		name string
		f    simsx.SimMsgFactoryX
	}
	factories := []factory{
		{"RegisterOperator", simulation.MsgRegisterOperatorFactory(k)},
		{"RegisterPlaza", simulation.MsgRegisterPlazaFactory(k)},
		{"RegisterSegment", simulation.MsgRegisterSegmentFactory(k)},
		{"SetTariff", simulation.MsgSetTariffFactory(k)},
		{"SetSpendingLimit", simulation.MsgSetSpendingLimitFactory(k)},
		{"RecordTrip ACCOUNT", simulation.MsgRecordTripFactory(k, types.PaymentAccount)},
		{"RecordTrip OFFCHAIN", simulation.MsgRecordTripFactory(k, types.PaymentOffchain)},
		{"PayTrip", simulation.MsgPayTripFactory(k)},
		{"SubmitTripBatch", simulation.MsgSubmitTripBatchFactory(k)},
		{"SubmitPeriod", simulation.MsgSubmitPeriodFactory(k)},
		{"ConfirmPeriod", simulation.MsgConfirmPeriodFactory(k)},
		{"SettlePeriod", simulation.MsgSettlePeriodFactory(k)},
		{"OpenDispute", simulation.MsgOpenDisputeFactory(k)},
		{"ResolveDispute", simulation.MsgResolveDisputeFactory(k)},
		{"AppealDispute", simulation.MsgAppealDisputeFactory(k)},
		{"DecideDispute", simulation.MsgDecideDisputeFactory(k)},
		{"RegisterRoute", simulation.MsgRegisterRouteFactory(k)},
		{"RetireSegment", simulation.MsgRetireSegmentFactory(k)},
		{"UpdateParams", simulation.MsgUpdateParamsFactory(k)},
	}
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) }),
		Data: func(ctx sdk.Context) *simsx.ChainDataSource {
			return simsx.NewChainDataSource(ctx, r, c.f.Account, c.f.Bank, k.AddressCodec(), c.accs...)
		},
	}
	for _, f := range factories {
		run.Names = append(run.Names, f.name)
		run.Factories = append(run.Factories, f.f)
	}
	outcomes := make(map[string]int)

	// ACT
	for i := 0; i < 4000; i++ {
		n := r.Intn(len(run.Factories))
		if i%50 == 0 {
			c.f.Ctx = c.f.Ctx.WithBlockTime(c.f.Ctx.BlockTime().Add(time.Hour))
		}
		// ASSERT: every message built is accepted (Op), signed by the account returned.
		signers, msg := run.Op(t, c.f.Ctx, n)
		if msg == nil {
			continue
		}
		if signers != nil {
			require.Len(t, signers, 1)
			require.Equal(t, signerOf(msg), signers[0].AddressBech32)
		}
		switch m := msg.(type) {
		case *types.MsgResolveDispute:
			outcomes[m.Outcome.String()]++
		case *types.MsgRecordTrip:
			it, err := k.Trips.Iterate(c.f.Ctx, new(collections.Range[uint64]).Descending())
			require.NoError(t, err)
			trip, err := it.Value() // the trip just recorded: the last id
			it.Close()
			require.NoError(t, err)
			outcomes[trip.PaymentStatus.String()]++
		}
		if i%1000 == 0 {
			require.NoError(t, k.CheckInvariants(c.f.Ctx), "after %d operations", i)
		}
	}
	require.NoError(t, k.CheckInvariants(c.f.Ctx))
	gs, err := k.ExportGenesis(c.f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.NoError(t, gs.ValidateAddresses(k.AddressCodec()))
	settled := make(map[uint64]bool)
	for _, p := range gs.Periods {
		settled[p.Id] = p.Status == types.PeriodSettled
	}
	var escrowed uint64 // settling pays the escrow out but keeps its record
	for _, e := range gs.Escrows {
		if !settled[e.PeriodId] {
			escrowed += e.Amount
		}
	}
	for _, e := range gs.HeldEscrows {
		escrowed += e.Amount
	}
	moduleAddr := c.f.Account.GetModuleAddress(types.ModuleName)
	require.Equal(t, escrowed, c.f.Balance(moduleAddr, gs.Params.Denom), "the module account holds exactly the escrow of the unsettled periods")
	statuses := make(map[string]int)
	for _, p := range gs.Periods {
		statuses[p.Status.String()]++
	}
	t.Logf("outcomes: %v; periods: %v; disputes: %d", outcomes, statuses, len(gs.Disputes))
	run.RequireAllDelivered(t)
}
