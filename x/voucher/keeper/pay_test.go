package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/voucher/types"
)

func TestPayAndRedeem(t *testing.T) {
	// ARRANGE: holder has 400 000; shop is an approved grocery in Busanjin-gu.
	f := newFixture(t)
	id := f.active(800_000, nil)
	f.allocate(id, f.holder, 400_000, busanjin)
	f.approvedShop(id)
	f.Ctx = f.Events.Fresh(f.Ctx)

	// ACT: pay 12 000.
	f.pay(id, f.holder, f.shop, 12_000, "r1")

	// ASSERT
	require.Equal(t, int64(388_000), f.bal(f.holder, "voucher/1"))
	require.Equal(t, int64(12_000), f.bal(f.shop, "voucher/1"))
	f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventPaid{ProgramId: id, Holder: s(f.holder), Merchant: s(f.shop), Amount: amt(12_000), ReceiptDigest: digest("r1")})
	m := f.merchant(id, f.shop)
	require.Equal(t, uint64(1), m.PaymentsCount)
	require.Equal(t, amt(12_000), m.Received)
	stats, err := f.qs.UsageStats(f.Ctx, &types.QueryUsageStatsRequest{ProgramId: id, District: busanjin, Mcc: grocery})
	require.NoError(t, err)
	require.Equal(t, types.Usage{Count: 1, Amount: amt(12_000)}, stats.Payments)
	require.Equal(t, types.Usage{Count: 1, Amount: amt(12_000)}, stats.DistrictPayments)
	require.Equal(t, types.Usage{Count: 1, Amount: amt(12_000)}, stats.MccPayments)

	// ACT: redeem 10 000.
	f.Ctx = f.Events.Fresh(f.Ctx)
	_, err = f.ms.Redeem(f.Ctx, &types.MsgRedeem{Merchant: s(f.shop), ProgramId: id, Amount: amt(10_000)})

	// ASSERT: burned, paid from escrow to the settlement address.
	require.NoError(t, err)
	require.Equal(t, int64(2_000), f.bal(f.shop, "voucher/1"))
	require.Equal(t, int64(10_000), f.bal(f.settle, krw))
	require.Equal(t, int64(790_000), f.bal(f.moduleAddr(), krw))
	b := f.program(id).Budget
	require.Equal(t, amt(390_000), b.Outstanding)
	require.Equal(t, amt(10_000), b.Redeemed)
	require.Equal(t, amt(790_000), b.Escrow)
	require.Equal(t, int64(390_000), f.Bank.GetSupply(f.Ctx, "voucher/1").Amount.Int64())
	f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventRedeemed{ProgramId: id, Merchant: s(f.shop), SettlementAddress: s(f.settle), Amount: amt(10_000), FundingDenom: krw})
	f.requireSound()
}

func TestPayRejected(t *testing.T) {
	payMsg := func(f *fixture, id uint64) *types.MsgPay {
		return &types.MsgPay{Holder: s(f.holder), ProgramId: id, Merchant: s(f.shop), Amount: amt(1_000), ReceiptDigest: digest("r1")}
	}
	for _, tc := range []struct {
		name  string
		setup func(f *fixture, id uint64)
		edit  func(f *fixture, m *types.MsgPay)
		want  error
	}{
		{"zero amount", nil, func(_ *fixture, m *types.MsgPay) { m.Amount = amt(0) }, types.ErrInvalidAmount},
		{"bad receipt digest", nil, func(_ *fixture, m *types.MsgPay) { m.ReceiptDigest = "receipt-1" }, types.ErrInvalidDigest},
		{"pay itself", nil, func(f *fixture, m *types.MsgPay) { m.Merchant = m.Holder }, types.ErrHolderIsMerchant},
		{"unknown merchant", nil, func(f *fixture, m *types.MsgPay) { m.Merchant = s(f.shop2) }, types.ErrMerchantNotFound},
		{"PENDING merchant", func(f *fixture, id uint64) { f.apply(id, f.shop2, f.settle2, busanjin, grocery) },
			func(f *fixture, m *types.MsgPay) { m.Merchant = s(f.shop2) }, types.ErrMerchantNotApproved},
		{"SUSPENDED merchant", func(f *fixture, id uint64) { f.decide(id, f.shop, types.MerchantDecisionSuspend) }, nil, types.ErrMerchantNotApproved},
		{"REVOKED merchant", func(f *fixture, id uint64) { f.decide(id, f.shop, types.MerchantDecisionRevoke) }, nil, types.ErrMerchantNotApproved},
		{"not a holder", nil, func(f *fixture, m *types.MsgPay) { m.Holder = s(f.holder3) }, types.ErrNotHolder},
		{"a merchant pays on", func(f *fixture, id uint64) {
			f.pay(id, f.holder, f.shop, 1_000, "r0")
			f.apply(id, f.shop2, f.settle2, busanjin, grocery)
			f.decide(id, f.shop2, types.MerchantDecisionApprove)
		}, func(f *fixture, m *types.MsgPay) { m.Holder, m.Merchant = s(f.shop), s(f.shop2) }, types.ErrNotHolder},
		{"above the balance", nil, func(_ *fixture, m *types.MsgPay) { m.Amount = amt(400_001) }, types.ErrInsufficientVouchers},
		{"receipt paid twice", func(f *fixture, id uint64) { f.pay(id, f.holder, f.shop, 1_000, "r1") }, nil, types.ErrDuplicateReceipt},
		{"program suspended", func(f *fixture, id uint64) {
			_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: s(f.issuer), ProgramId: id, Status: types.ProgramStatusSuspended})
			require.NoError(f.t, err)
		}, nil, types.ErrProgramNotPaying},
		{"after expiry", func(f *fixture, _ uint64) { f.at(expires) }, nil, types.ErrProgramExpired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := f.active(800_000, nil)
			f.allocate(id, f.holder, 400_000, busanjin)
			f.approvedShop(id)
			if tc.setup != nil {
				tc.setup(f, id)
			}
			msg := payMsg(f, id)
			if tc.edit != nil {
				tc.edit(f, msg)
			}
			f.rejected(tc.want, func() error { _, err := f.ms.Pay(f.Ctx, msg); return err })
		})
	}
}

func TestRedeemWhileSuspendedExpiredOrRevoked(t *testing.T) {
	// ARRANGE: shop received 30 000; the program is then suspended, the shop revoked, and
	// the program expires.
	f := newFixture(t)
	id := f.active(800_000, nil)
	f.allocate(id, f.holder, 400_000, busanjin)
	f.approvedShop(id)
	f.pay(id, f.holder, f.shop, 30_000, "r1")
	_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: s(f.issuer), ProgramId: id, Status: types.ProgramStatusSuspended})
	require.NoError(t, err)
	f.decide(id, f.shop, types.MerchantDecisionRevoke)
	f.at(expires)

	// ACT: it still redeems what it holds before redeem_until.
	_, err = f.ms.Redeem(f.Ctx, &types.MsgRedeem{Merchant: s(f.shop), ProgramId: id, Amount: amt(30_000)})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, int64(30_000), f.bal(f.settle, krw))
	f.requireSound()
}

func TestRedeemRejected(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(f *fixture, id uint64)
		msg   func(f *fixture, id uint64) *types.MsgRedeem
		want  error
	}{
		{"above the balance", nil, func(f *fixture, id uint64) *types.MsgRedeem {
			return &types.MsgRedeem{Merchant: s(f.shop), ProgramId: id, Amount: amt(5_001)}
		}, types.ErrInsufficientVouchers},
		{"zero", nil, func(f *fixture, id uint64) *types.MsgRedeem {
			return &types.MsgRedeem{Merchant: s(f.shop), ProgramId: id, Amount: amt(0)}
		}, types.ErrInvalidAmount},
		{"not a merchant", nil, func(f *fixture, id uint64) *types.MsgRedeem {
			return &types.MsgRedeem{Merchant: s(f.holder), ProgramId: id, Amount: amt(1)}
		}, types.ErrMerchantNotFound},
		{"after redeem_until", func(f *fixture, _ uint64) { f.at(redeemBy) }, func(f *fixture, id uint64) *types.MsgRedeem {
			return &types.MsgRedeem{Merchant: s(f.shop), ProgramId: id, Amount: amt(1)}
		}, types.ErrRedeemPeriodOver},
		{"unknown program", nil, func(f *fixture, _ uint64) *types.MsgRedeem {
			return &types.MsgRedeem{Merchant: s(f.shop), ProgramId: 9, Amount: amt(1)}
		}, types.ErrProgramNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := f.active(800_000, nil)
			f.allocate(id, f.holder, 400_000, busanjin)
			f.approvedShop(id)
			f.pay(id, f.holder, f.shop, 5_000, "r1")
			if tc.setup != nil {
				tc.setup(f, id)
			}
			msg := tc.msg(f, id)
			f.rejected(tc.want, func() error { _, err := f.ms.Redeem(f.Ctx, msg); return err })
		})
	}
}
