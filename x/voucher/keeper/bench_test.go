package keeper_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/voucher/keeper"
	"github.com/civicchain/civic/x/voucher/types"
)

// benchHolding is the holder's vouchers and ucivic: far beyond any b.N of one-unit transfers.
const benchHolding = 1_000_000_000_000

// benchFixture is x/bank and x/voucher, as the app wires them (the voucher
// send restriction appended to the bank), on a committable multistore: an
// ACTIVE busan program funded in ukrw, an APPROVED merchant (shop), a holder
// allocated benchHolding vouchers and holding benchHolding ucivic, and one
// transfer of each kind already made, so that every account exists.
type benchFixture struct {
	tf           *testkeeper.Fixture
	ms           types.MsgServer
	holder, shop sdk.AccAddress
	program      uint64
	blocks       *testkeeper.Blocks
}

func newBenchFixture(b *testing.B) *benchFixture {
	b.Helper()
	tf := testkeeper.NewFixture(b, testkeeper.WithChainID(chainID), testkeeper.WithAccounts(4), testkeeper.WithBlockedModuleAccounts())
	blocks := testkeeper.NewBlocks(b, tf.Ctx)
	ctx := blocks.Ctx
	tf.Ctx = ctx
	require.NoError(b, tf.Bank.SetParams(ctx, banktypes.DefaultParams()))
	require.NoError(b, tf.Agency.InitGenesis(ctx, agencytypes.DefaultGenesis()))
	require.NoError(b, tf.Voucher.InitGenesis(ctx, types.DefaultGenesis()))
	admin, issuer := testkeeper.TestAddress("bench admin"), testkeeper.TestAddress("bench issuer")
	testkeeper.RegisterTestAgency(b, tf.Agency, ctx, busan, admin, types.RoleIssuer, types.RoleMerchant)
	testkeeper.AddTestMember(b, tf.Agency, ctx, busan, admin, issuer, types.RoleIssuer, types.RoleMerchant)

	f := &benchFixture{tf: tf, ms: keeper.NewMsgServerImpl(tf.Voucher), holder: tf.Accounts[0], shop: tf.Accounts[1], blocks: blocks}
	settle, refund := tf.Accounts[2], tf.Accounts[3]
	hold := sdkmath.NewInt(benchHolding)
	res, err := f.ms.CreateProgram(ctx, &types.MsgCreateProgram{
		Issuer: s(issuer), Kind: types.ProgramKindLocalCurrency, FundingDenom: krw, BudgetCap: hold, PerHolderCap: hold,
		HolderDistricts: []string{busanjin}, MerchantDistricts: []string{busanjin}, ExcludedMccs: []string{department, bar},
		Eligibility: types.EligibilityAllocation, StartsAt: T0, ExpiresAt: expires, RedeemUntil: redeemBy, RefundAddress: s(refund),
	})
	require.NoError(b, err)
	f.program = res.ProgramId
	tf.Fund(b, issuer, krw, benchHolding)
	_, err = f.ms.FundProgram(ctx, &types.MsgFundProgram{Funder: s(issuer), ProgramId: f.program, Amount: hold})
	require.NoError(b, err)
	_, err = f.ms.ActivateProgram(ctx, &types.MsgActivateProgram{Issuer: s(issuer), ProgramId: f.program})
	require.NoError(b, err)
	_, err = f.ms.ApplyMerchant(ctx, &types.MsgApplyMerchant{Merchant: s(f.shop), ProgramId: f.program,
		BusinessDigest: digest("bench shop"), DistrictCode: busanjin, Mcc: grocery, SettlementAddress: s(settle)})
	require.NoError(b, err)
	_, err = f.ms.DecideMerchant(ctx, &types.MsgDecideMerchant{Signer: s(issuer), ProgramId: f.program, Merchant: s(f.shop), Decision: types.MerchantDecisionApprove})
	require.NoError(b, err)
	_, err = f.ms.Allocate(ctx, &types.MsgAllocate{Issuer: s(issuer), ProgramId: f.program,
		Entries: []types.AllocationEntry{{Address: s(f.holder), Amount: hold, DistrictCode: busanjin}}})
	require.NoError(b, err)
	tf.Fund(b, f.holder, "ucivic", benchHolding)
	require.NoError(b, tf.Bank.SendCoins(ctx, f.holder, f.shop, ucivic(1)))
	_, err = f.ms.Pay(ctx, f.payMsg("warm-up"))
	require.NoError(b, err)
	f.commit()
	return f
}

func ucivic(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewInt64Coin("ucivic", n)) }

// payMsg is a payment of one voucher from the holder to the shop with the receipt named by receipt.
func (f *benchFixture) payMsg(receipt string) *types.MsgPay {
	return &types.MsgPay{Holder: s(f.holder), ProgramId: f.program, Merchant: s(f.shop), Amount: amt(1), ReceiptDigest: digest(receipt)}
}

// measure runs op b.N times as a node runs messages (testkeeper.Blocks).
func (f *benchFixture) measure(b *testing.B, op func(ctx sdk.Context, i int) error) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.blocks.Run(b, time.Time{}, func(ctx sdk.Context) error { return op(ctx, i) })
	}
	b.StopTimer()
	f.commit()
}

// commit commits the blocks and points the fixture at the committed state.
func (f *benchFixture) commit() {
	f.blocks.Commit()
	f.tf.Ctx = f.blocks.Ctx
}

// BenchmarkSendRestriction measures what x/voucher's send restriction costs an
// ordinary transfer: x/bank SendCoins of 1 ucivic from the holder to the shop
// with the restriction appended (as app.go does) and, on the same store
// setup, with the bank's restrictions cleared; for reference a MsgPay of one
// voucher to the shop (the handler: checks, the transfer along the pay edge
// with the restriction's merchant lookup, the receipt, merchant, program and
// usage writes, the event); and the restriction function alone on a ucivic
// transfer (its prefix check), outside any store.
func BenchmarkSendRestriction(b *testing.B) {
	sendCase := func(restricted bool) func(b *testing.B) {
		return func(b *testing.B) {
			f := newBenchFixture(b)
			if !restricted {
				f.tf.Bank.ClearSendRestriction()
			}
			before := f.tf.Bank.GetBalance(f.tf.Ctx, f.shop, "ucivic").Amount
			f.measure(b, func(ctx sdk.Context, _ int) error { return f.tf.Bank.SendCoins(ctx, f.holder, f.shop, ucivic(1)) })
			got := f.tf.Bank.GetBalance(f.tf.Ctx, f.shop, "ucivic").Amount
			require.True(b, got.Equal(before.AddRaw(int64(b.N))), "every send must move 1 ucivic: %s -> %s after %d", before, got, b.N)
		}
	}
	b.Run("bank-send/with-restriction", sendCase(true))
	b.Run("bank-send/without-restriction", sendCase(false))
	b.Run("voucher-pay", func(b *testing.B) {
		f := newBenchFixture(b)
		msgs := make([]*types.MsgPay, b.N)
		for i := range msgs {
			msgs[i] = f.payMsg(fmt.Sprintf("receipt %d", i))
		}
		f.measure(b, func(ctx sdk.Context, i int) error {
			_, err := f.ms.Pay(ctx, msgs[i])
			return err
		})
		p, err := f.tf.Voucher.GetProgram(f.tf.Ctx, f.program)
		require.NoError(b, err)
		require.Equal(b, uint64(b.N)+1, p.PaymentsCount, "every payment must be counted (and the warm-up)")
	})
	b.Run("restriction-fn/ucivic", func(b *testing.B) {
		f := newBenchFixture(b)
		amount := ucivic(1)
		// x/bank hands the restriction its context.Context; boxing the sdk.Context
		// here, once, keeps that copy out of the loop.
		var ctx context.Context = f.tf.Ctx
		passed := 0
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			to, err := f.tf.Voucher.SendRestriction(ctx, f.holder, f.shop, amount)
			if err == nil && bytes.Equal(to, f.shop) {
				passed++
			}
		}
		b.StopTimer()
		require.Equal(b, b.N, passed, "a ucivic transfer must pass unchanged")
	})
}
