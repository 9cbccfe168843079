package keeper_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/voucher/types"
)

// One test per applicable class of docs/threats.md.

// One party halts everyone: the issuing agency is retired with escrow in its program;
// its members can no longer act, but governance sweeps and closes the program, so the
// escrow returns to the refund address.
func TestThreatRetiredAgencyCannotStrandEscrow(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.active(300_000, nil)
	f.allocate(id, f.holder, 100_000, busanjin)
	_, err := agencykeeper.NewMsgServerImpl(f.Agency).SetAgencyStatus(f.Ctx, &agencytypes.MsgSetAgencyStatus{
		Authority: f.Agency.GetAuthority(), AgencyId: busan, Status: agencytypes.AgencyStatusRetired, Reason: "merged"})
	require.NoError(t, err)
	f.at(redeemBy)
	f.rejected(agencytypes.ErrAgencyNotActive, func() error {
		_, err := f.ms.Sweep(f.Ctx, &types.MsgSweep{Signer: s(f.issuer), ProgramId: id, Limit: 10})
		return err
	})

	// ACT
	res, err := f.ms.Sweep(f.Ctx, &types.MsgSweep{Signer: f.k.GetAuthority(), ProgramId: id, Limit: 10})

	// ASSERT
	require.NoError(t, err)
	require.True(t, res.Closed)
	require.Equal(t, int64(300_000), f.bal(f.refund, krw))
	f.requireSound()
}

// Declared numbers overflow later: every amount is bounded by params.max_amount (itself
// at most 10^30), so no counter or aggregate can overflow.
func TestThreatAmountsBounded(t *testing.T) {
	f := newFixture(t)
	id := f.active(800_000, nil)
	huge := types.MaxMaxAmount.MulRaw(1_000_000)
	f.rejected(types.ErrInvalidAmount, func() error {
		_, err := f.ms.Allocate(f.Ctx, &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id,
			Entries: []types.AllocationEntry{{Address: s(f.holder), Amount: huge, DistrictCode: busanjin}}})
		return err
	})
	f.rejected(types.ErrInvalidAmount, func() error {
		_, err := f.ms.Pay(f.Ctx, &types.MsgPay{Holder: s(f.holder), ProgramId: id, Merchant: s(f.shop), Amount: huge, ReceiptDigest: digest("r")})
		return err
	})
	p := types.DefaultParams()
	p.MaxAmount = types.MaxMaxAmount.AddRaw(1)
	require.ErrorIs(t, p.Validate(), types.ErrInvalidParams)
}

// Self-dealing across agencies: another agency's issuer and merchant desk cannot touch
// the program.
func TestThreatAnotherAgencyCannotTouchTheProgram(t *testing.T) {
	f := newFixture(t)
	id := f.active(800_000, nil)
	f.allocate(id, f.holder, 100_000, busanjin)
	f.apply(id, f.shop, f.settle, busanjin, grocery)
	f.Fund(t, f.issuer2, krw, 1_000)
	other := s(f.issuer2)
	for name, act := range map[string]func() error{
		"activate": func() error {
			_, err := f.ms.ActivateProgram(f.Ctx, &types.MsgActivateProgram{Issuer: other, ProgramId: id})
			return err
		},
		"suspend": func() error {
			_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: other, ProgramId: id, Status: types.ProgramStatusSuspended})
			return err
		},
		"fund": func() error {
			_, err := f.ms.FundProgram(f.Ctx, &types.MsgFundProgram{Funder: other, ProgramId: id, Amount: amt(1_000)})
			return err
		},
		"allocate": func() error {
			_, err := f.ms.Allocate(f.Ctx, &types.MsgAllocate{Issuer: other, ProgramId: id,
				Entries: []types.AllocationEntry{{Address: other, Amount: amt(1), DistrictCode: busanjin}}})
			return err
		},
		"approve a merchant": func() error {
			_, err := f.ms.DecideMerchant(f.Ctx, &types.MsgDecideMerchant{Signer: other, ProgramId: id, Merchant: s(f.shop), Decision: types.MerchantDecisionApprove})
			return err
		},
		"sweep": func() error {
			_, err := f.ms.Sweep(f.Ctx, &types.MsgSweep{Signer: other, ProgramId: id, Limit: 1})
			return err
		},
		"allocate through the keeper": func() error { return f.k.Allocate(f.Ctx, id, seoul, f.holder2, amt(1)) },
	} {
		t.Run(name, func(t *testing.T) {
			f.t = t
			want := types.ErrWrongAgency
			if name == "allocate through the keeper" {
				want = types.ErrNotAllocator
			}
			f.rejected(want, act)
		})
	}
}

// Keys outlive their holder: an issuer removed from the agency loses its powers at once.
func TestThreatRemovedIssuerLosesPowers(t *testing.T) {
	f := newFixture(t)
	id := f.active(800_000, nil)
	a := f.Agencies[busan]
	_, err := agencykeeper.NewMsgServerImpl(f.Agency).RemoveMember(f.Ctx, &agencytypes.MsgRemoveMember{Admin: s(a.Admin), AgencyId: busan, Address: s(a.Member)})
	require.NoError(t, err)
	f.rejected(agencytypes.ErrNotMember, func() error {
		_, err := f.ms.Allocate(f.Ctx, &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id,
			Entries: []types.AllocationEntry{{Address: s(f.holder), Amount: amt(1), DistrictCode: busanjin}}})
		return err
	})
}

// Hot keys with cold powers: the merchant desk (voucher.merchant) moves no money, and an
// issuer without the desk's role decides no merchant.
func TestThreatMerchantDeskMovesNoMoney(t *testing.T) {
	f := newFixture(t)
	id := f.active(800_000, nil)
	a := f.Agencies[busan]
	desk, clerk := testkeeper.TestAddress("desk"), testkeeper.TestAddress("clerk")
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, busan, a.Admin, desk, types.RoleMerchant)
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, busan, a.Admin, clerk, types.RoleIssuer)
	f.Fund(t, desk, krw, 10)
	f.apply(id, f.shop, f.settle, busanjin, grocery)
	f.rejected(agencytypes.ErrRoleNotHeld, func() error {
		_, err := f.ms.FundProgram(f.Ctx, &types.MsgFundProgram{Funder: s(desk), ProgramId: id, Amount: amt(10)})
		return err
	})
	f.rejected(agencytypes.ErrRoleNotHeld, func() error {
		_, err := f.ms.Allocate(f.Ctx, &types.MsgAllocate{Issuer: s(desk), ProgramId: id,
			Entries: []types.AllocationEntry{{Address: s(desk), Amount: amt(1), DistrictCode: busanjin}}})
		return err
	})
	f.rejected(agencytypes.ErrRoleNotHeld, func() error {
		_, err := f.ms.DecideMerchant(f.Ctx, &types.MsgDecideMerchant{Signer: s(clerk), ProgramId: id, Merchant: s(f.shop), Decision: types.MerchantDecisionApprove})
		return err
	})
	_, err := f.ms.DecideMerchant(f.Ctx, &types.MsgDecideMerchant{Signer: s(desk), ProgramId: id, Merchant: s(f.shop), Decision: types.MerchantDecisionApprove})
	require.NoError(t, err, "the desk decides merchants")
}

// Replays and duplicates: one receipt is paid once per merchant (TestPayRejected "receipt
// paid twice"), one status entry claimed once per program (TestClaimRejected "reused
// entry"); here the same receipt digest at two merchants is two purchases.
func TestThreatReceiptIsAnIdempotencyKey(t *testing.T) {
	f := newFixture(t)
	id := f.active(800_000, nil)
	f.allocate(id, f.holder, 100_000, busanjin)
	f.approvedShop(id)
	f.apply(id, f.shop2, f.settle2, busanjin, restaurant)
	f.decide(id, f.shop2, types.MerchantDecisionApprove)
	f.pay(id, f.holder, f.shop, 10, "r1")
	f.pay(id, f.holder, f.shop2, 10, "r1")
	f.rejected(types.ErrDuplicateReceipt, func() error {
		_, err := f.ms.Pay(f.Ctx, &types.MsgPay{Holder: s(f.holder), ProgramId: id, Merchant: s(f.shop), Amount: amt(10), ReceiptDigest: digest("r1")})
		return err
	})
}

// Zero-notice changes: governance changing the params never changes a program already
// created: a funding denom taken off the list still funds its programs.
func TestThreatParamsDoNotRewriteProgramsInFlight(t *testing.T) {
	f := newFixture(t)
	id := f.create(nil)
	p := types.DefaultParams()
	p.AllowedFundingDenoms = []string{"ucivic"}
	_, err := f.ms.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})
	require.NoError(t, err)
	f.fund(id, f.issuer, 1_000)
	require.Equal(t, krw, f.program(id).FundingDenom)
	f.rejected(types.ErrInvalidDenom, func() error { _, err := f.ms.CreateProgram(f.Ctx, f.createMsg()); return err })
}

// Squatting without consent: nobody is made a merchant without applying, and the desk
// cannot approve an account for another program than the one it applied to.
func TestThreatNoMerchantWithoutApplication(t *testing.T) {
	f := newFixture(t)
	id := f.create(nil)
	other := f.create(nil)
	f.apply(id, f.shop, f.settle, busanjin, grocery)
	f.rejected(types.ErrMerchantNotFound, func() error {
		_, err := f.ms.DecideMerchant(f.Ctx, &types.MsgDecideMerchant{Signer: s(f.issuer), ProgramId: other, Merchant: s(f.shop), Decision: types.MerchantDecisionApprove})
		return err
	})
}

// Personal data by the back door: the business registration is a salted digest, never a
// name or a number; class names refuse personal-data shapes (TestCreateProgramRejected).
func TestThreatNoPersonalDataInMerchants(t *testing.T) {
	f := newFixture(t)
	id := f.create(nil)
	for _, bad := range []string{"Kim Cheolsu", "010-1234-5678", "900101-1234567", "shop@example.com"} {
		f.rejected(types.ErrInvalidDigest, func() error {
			_, err := f.ms.ApplyMerchant(f.Ctx, &types.MsgApplyMerchant{Merchant: s(f.shop), ProgramId: id, BusinessDigest: bad,
				DistrictCode: busanjin, Mcc: grocery, SettlementAddress: s(f.settle)})
			return err
		})
	}
}

// Work that grows with others' data: a sweep visits at most limit accounts (itself at
// most params.max_sweep), however many holders a program has; and no query lists holders.
func TestThreatSweepIsBoundedAndHoldersAreNotListed(t *testing.T) {
	f := newFixture(t)
	id := f.active(1_000_000, func(m *types.MsgCreateProgram) { m.PerHolderCap = amt(10) })
	holders := make([]sdk.AccAddress, 25)
	for i := range holders {
		holders[i] = testkeeper.TestAddress("crowd " + string(rune('a'+i)))
		f.allocate(id, holders[i], 10, busanjin)
	}
	f.at(expires)
	visited := 0
	for range 9 {
		res := sweep(f, id, 3)
		require.LessOrEqual(t, res.Accounts, uint32(3))
		visited += int(res.Accounts)
	}
	require.Equal(t, 25, visited)
	require.True(t, f.program(id).Budget.Outstanding.IsZero())

	// Every query answer about the program: no holder address in any.
	var answers []any
	for _, call := range []func() (any, error){
		func() (any, error) { return f.qs.Program(f.Ctx, &types.QueryProgramRequest{Id: id}) },
		func() (any, error) { return f.qs.Programs(f.Ctx, &types.QueryProgramsRequest{}) },
		func() (any, error) { return f.qs.Budget(f.Ctx, &types.QueryBudgetRequest{ProgramId: id}) },
		func() (any, error) {
			return f.qs.UsageStats(f.Ctx, &types.QueryUsageStatsRequest{ProgramId: id, District: busanjin})
		},
		func() (any, error) { return f.qs.Merchants(f.Ctx, &types.QueryMerchantsRequest{ProgramId: id}) },
	} {
		a, err := call()
		require.NoError(t, err)
		answers = append(answers, a)
	}
	bz, err := json.Marshal(answers)
	require.NoError(t, err)
	for _, h := range holders {
		require.False(t, strings.Contains(string(bz), h.String()), "a query lists holder %s", h)
	}
}
