package simulation_test

import (
	"math/rand"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/gogoproto/grpc"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	isim "github.com/civicchain/civic/internal/simulation"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	voucherkeeper "github.com/civicchain/civic/x/voucher/keeper"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	"github.com/civicchain/civic/x/welfare/keeper"
	"github.com/civicchain/civic/x/welfare/simulation"
	"github.com/civicchain/civic/x/welfare/types"
)

// chain is x/agency, x/bank, x/voucher and this module on one store (the whole Fixture),
// with random agencies holding the welfare roles, the random genesis, the simulation
// accounts funded in the bond denom, and an ACTIVE, funded x/voucher ALLOCATION program
// (of an agency of its own) whose allocator agencies are the random agencies, for VOUCHER
// programs to draw on.
type chain struct {
	f        *testkeeper.Fixture
	accs     []simtypes.Account
	voucher  uint64
	agencies []string
}

func newChain(t *testing.T, r *rand.Rand, numAccounts int) *chain {
	t.Helper()
	f := testkeeper.NewFixture(t)
	accs, ags := testkeeper.SimAgencies(t, r, f.Agency, f.Ctx, numAccounts, types.Roles())
	require.NoError(t, f.Welfare.InitGenesis(f.Ctx, simulation.RandomGenesis(r, ags, f.Ctx.BlockTime(), simulation.RandomParams(r))))
	for _, a := range accs {
		f.Fund(t, a.Address, sdk.DefaultBondDenom, uint64(1_000_000+r.Int63n(1_000_000_000))) //nolint:gosec // positive
	}
	c := &chain{f: f, accs: accs}
	for _, a := range ags.Agencies {
		c.agencies = append(c.agencies, a.Id)
	}
	c.voucher = c.voucherProgram(t)
	return c
}

// voucherProgram creates, funds and activates an x/voucher ALLOCATION program in ukrw of a
// voucher-issuing agency of its own, listing every random agency among its allocators and
// expiring in 60 days.
func (c *chain) voucherProgram(t *testing.T) uint64 {
	t.Helper()
	const issuing, denom = "voucher-issuer", "ukrw"
	admin, issuer := testkeeper.TestAddress("voucher admin"), testkeeper.TestAddress("voucher issuer")
	testkeeper.RegisterTestAgency(t, c.f.Agency, c.f.Ctx, issuing, admin, vouchertypes.RoleIssuer)
	testkeeper.AddTestMember(t, c.f.Agency, c.f.Ctx, issuing, admin, issuer, vouchertypes.RoleIssuer)
	ms := voucherkeeper.NewMsgServerImpl(c.f.Voucher)
	now := c.f.Ctx.BlockTime()
	res, err := ms.CreateProgram(c.f.Ctx, &vouchertypes.MsgCreateProgram{
		Issuer: issuer.String(), Kind: vouchertypes.ProgramKindWelfare, FundingDenom: denom,
		BudgetCap: sdkmath.NewInt(50_000_000_000), PerHolderCap: sdkmath.NewInt(10_000_000_000),
		HolderDistricts: []string{"26230"}, MerchantDistricts: []string{"26230"},
		Eligibility: vouchertypes.EligibilityAllocation, StartsAt: now, ExpiresAt: now.Add(60 * 24 * time.Hour),
		RedeemUntil: now.Add(61 * 24 * time.Hour), RefundAddress: admin.String(), AllocatorAgencies: c.agencies,
	})
	require.NoError(t, err)
	c.f.Fund(t, issuer, denom, 50_000_000_000)
	_, err = ms.FundProgram(c.f.Ctx, &vouchertypes.MsgFundProgram{Funder: issuer.String(), ProgramId: res.ProgramId, Amount: sdkmath.NewInt(50_000_000_000)})
	require.NoError(t, err)
	_, err = ms.ActivateProgram(c.f.Ctx, &vouchertypes.MsgActivateProgram{Issuer: issuer.String(), ProgramId: res.ProgramId})
	require.NoError(t, err)
	return res.ProgramId
}

func TestRandomParamsAreValid(t *testing.T) {
	for seed := int64(0); seed < 200; seed++ {
		require.NoError(t, simulation.RandomParams(rand.New(rand.NewSource(seed))).Validate())
	}
}

// TestRandomGenesisIsValid builds the random genesis over x/agency's random agencies for
// many seeds: it validates (RandomGenesis panics otherwise), imports and keeps the
// invariants; its programs belong to managers of their agency; most seeds have some.
func TestRandomGenesisIsValid(t *testing.T) {
	withPrograms := 0
	for _, numAccounts := range []int{0, 3, 20, 60} {
		for seed := int64(0); seed < 25; seed++ {
			// ARRANGE
			r := rand.New(rand.NewSource(seed))
			f := testkeeper.NewFixture(t)
			_, ags := testkeeper.SimAgencies(t, r, f.Agency, f.Ctx, numAccounts, types.Roles())

			// ACT
			gs := simulation.RandomGenesis(r, ags, f.Ctx.BlockTime(), simulation.RandomParams(r))

			// ASSERT
			require.NoError(t, f.Welfare.InitGenesis(f.Ctx, gs))
			require.NoError(t, f.Welfare.CheckInvariants(f.Ctx))
			for _, p := range gs.Programs {
				agency, err := f.Agency.Authorize(f.Ctx, sdk.MustAccAddressFromBech32(p.CreatedBy), types.RoleManager)
				require.NoError(t, err, "seed %d program %d", seed, p.Id)
				require.Equal(t, p.AgencyId, agency)
			}
			if len(gs.Programs) > 0 {
				withPrograms++
			}
		}
	}
	require.Greater(t, withPrograms, 30, "most seeds with accounts have programs")
}

func TestGenesisGroupsAreValid(t *testing.T) {
	gs := types.DefaultGenesis()
	gs.Groups = simulation.GenesisGroups(testkeeper.BlockTime)
	require.NoError(t, gs.Validate())
}

// TestFactoriesBuildAcceptedMessages runs the factories many times, moving the block time
// on so that entitlements lapse, and delivers every message they build through the Msg
// service: each must be accepted, the state must stay sound (invariants, genesis), every
// factory must have built some, and the run must have gone where the factories aim: some
// applications refused as duplicates, enrolments decided both ways by a caseworker other
// than the filer, cycles approved by a manager other than the submitter, payments in cash
// and in vouchers (the voucher program's vouchers issued), audit holds, and programs closed.
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(7))
	c := newChain(t, r, 40)
	k := c.f.Welfare
	factories := []struct {
		f      simsx.SimMsgFactoryX
		weight int
	}{
		{simulation.MsgCreateProgramFactory(k, c.f.Agency), 3},
		{simulation.MsgActivateProgramFactory(k, c.f.Agency), 3},
		{simulation.MsgFundProgramFactory(k, c.f.Agency), 4},
		{simulation.MsgCloseProgramFactory(k, c.f.Agency), 1},
		{simulation.MsgApplyFactory(k, c.f.Agency), 10},
		{simulation.MsgDecideEligibilityFactory(k, c.f.Agency), 8},
		{simulation.MsgSetEnrolmentStatusFactory(k, c.f.Agency), 2},
		{simulation.MsgOfferEntitlementFactory(k, c.f.Agency), 8},
		{simulation.MsgAcceptEntitlementFactory(k, c.f.Agency), 7},
		{simulation.MsgDeclineEntitlementFactory(k, c.f.Agency), 1},
		{simulation.MsgSetEntitlementStatusFactory(k, c.f.Agency), 2},
		{simulation.MsgCreateCycleFactory(k, c.f.Agency), 4},
		{simulation.MsgSubmitCycleFactory(k, c.f.Agency), 4},
		{simulation.MsgApproveCycleFactory(k, c.f.Agency), 4},
		{simulation.MsgDistributeFactory(k, c.f.Agency), 6},
		{simulation.MsgEndCycleFactory(k, c.f.Agency), 2},
		{simulation.MsgCancelCycleFactory(k, c.f.Agency), 1},
		{simulation.MsgPlaceAuditHoldFactory(k, c.f.Agency), 2},
		{simulation.MsgReleaseAuditHoldFactory(k, c.f.Agency), 2},
		{simulation.MsgRecordFindingFactory(k, c.f.Agency), 2},
		{simulation.MsgUpdateParamsFactory(k), 1},
		{simulation.MsgCreateGroupFactory(k), 1},
	}
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) }),
		Data: func(ctx sdk.Context) *simsx.ChainDataSource {
			return simsx.NewChainDataSource(ctx, r, c.f.Account, c.f.Bank, k.AddressCodec(), c.accs...)
		},
	}
	var pick []int
	for i, f := range factories {
		run.Factories = append(run.Factories, f.f)
		for range f.weight {
			pick = append(pick, i)
		}
	}

	// ACT, ASSERT: every message built is accepted (Op).
	ctx := c.f.Ctx
	for i := 0; i < 4000; i++ {
		if i%25 == 0 {
			ctx = ctx.WithBlockTime(ctx.BlockTime().Add(30 * time.Minute))
		}
		run.Op(t, ctx, pick[r.Intn(len(pick))])
	}
	require.NoError(t, k.CheckInvariants(ctx))
	require.NoError(t, c.f.Voucher.CheckInvariants(ctx))
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	run.RequireAllDelivered(t)

	enrolments := make(map[types.EnrolmentStatus]int)
	for _, e := range gs.Enrolments {
		enrolments[e.Status]++
		if e.DecidedBy != "" {
			require.NotEqual(t, e.FiledBy, e.DecidedBy, "enrolment %d: four eyes", e.Id)
		}
	}
	require.Positive(t, enrolments[types.EnrolmentStatusDuplicated], "some applications were refused as duplicates")
	require.Positive(t, enrolments[types.EnrolmentStatusNotEligible], "some applications were found not eligible")
	require.Positive(t, enrolments[types.EnrolmentStatusExited], "some enrolments exited")
	approved := 0
	for _, cy := range gs.Cycles {
		if cy.ApprovedBy != "" {
			approved++
			require.NotEqual(t, cy.SubmittedBy, cy.ApprovedBy, "cycle %d of program %d: four eyes", cy.Seq, cy.ProgramId)
		}
	}
	require.Positive(t, approved, "some cycles were approved")
	kinds, programs := make(map[types.BenefitKind]int), make(map[types.BenefitKind]int)
	closed := 0
	for _, p := range gs.Programs {
		programs[p.Benefit.Kind]++
		kinds[p.Benefit.Kind] += int(p.Totals.PaymentsCount) //nolint:gosec // small
		if p.Status == types.ProgramStatusClosed {
			closed++
		}
	}
	t.Logf("enrolments by status: %v; cycles approved: %d; programs: %d cash, %d voucher, %d closed; payments: %d cash, %d voucher",
		enrolments, approved, programs[types.BenefitKindCash], programs[types.BenefitKindVoucher], closed, kinds[types.BenefitKindCash], kinds[types.BenefitKindVoucher])
	require.Positive(t, kinds[types.BenefitKindCash], "some cash payments")
	require.Positive(t, kinds[types.BenefitKindVoucher], "some voucher payments")
	vp, err := c.f.Voucher.GetProgram(ctx, c.voucher)
	require.NoError(t, err)
	require.True(t, vp.Budget.Issued.IsPositive(), "the voucher program issued vouchers to payees")
	require.Positive(t, closed, "some programs were closed")
}
