package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/voucher/types"
)

// sweptProgram: 900 000 escrowed; holder 400 000 (pays shop 50 000), holder2 300 000,
// holder3 100 000 (spends nothing); shop redeems 20 000 before expiry.
func sweptProgram(f *fixture) uint64 {
	f.t.Helper()
	id := f.active(900_000, nil)
	f.allocate(id, f.holder, 400_000, busanjin)
	f.allocate(id, f.holder2, 300_000, dongnae)
	f.allocate(id, f.holder3, 100_000, dongnae)
	f.approvedShop(id)
	f.pay(id, f.holder, f.shop, 50_000, "r1")
	_, err := f.ms.Redeem(f.Ctx, &types.MsgRedeem{Merchant: s(f.shop), ProgramId: id, Amount: amt(20_000)})
	require.NoError(f.t, err)
	return id
}

func sweep(f *fixture, id uint64, limit uint32) *types.MsgSweepResponse {
	f.t.Helper()
	res, err := f.ms.Sweep(f.Ctx, &types.MsgSweep{Signer: s(f.issuer), ProgramId: id, Limit: limit})
	require.NoError(f.t, err)
	return res
}

func TestSweepAndClose(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := sweptProgram(f)
	f.at(expires)

	// ACT: after expiry, two holders a message.
	f.Ctx = f.Events.Fresh(f.Ctx)
	first := sweep(f, id, 2)

	// ASSERT: two holders burned, their escrow returned; the program is EXPIRED on read.
	require.Equal(t, uint32(2), first.Accounts)
	require.False(t, first.Closed)
	f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventSwept{ProgramId: id, Accounts: 2, Burned: first.Burned, RefundAddress: s(f.refund), Actor: s(f.issuer)})
	require.Equal(t, first.Burned.Int64(), f.bal(f.refund, krw))
	res, err := f.qs.Program(f.Ctx, &types.QueryProgramRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, types.ProgramStatusExpired, res.Program.Status)
	f.requireSound()

	// ACT: the last holder; then nothing to do before redeem_until: shop keeps its 30 000.
	second := sweep(f, id, 2)
	require.Equal(t, uint32(1), second.Accounts)
	require.Equal(t, int64(750_000), first.Burned.Add(second.Burned).Int64(), "holders' 350 000 + 300 000 + 100 000")
	require.Equal(t, int64(30_000), f.bal(f.shop, "voucher/1"))
	idle := sweep(f, id, 2)
	require.Equal(t, uint32(0), idle.Accounts)
	require.False(t, idle.Closed)

	// ACT: after redeem_until the merchant balance goes and the program closes.
	f.at(redeemBy)
	f.Ctx = f.Events.Fresh(f.Ctx)
	last := sweep(f, id, 2)

	// ASSERT: CLOSED, supply zero, every funding unit either redeemed or refunded.
	require.True(t, last.Closed)
	require.Equal(t, int64(30_000), last.Burned.Int64())
	p := f.program(id)
	require.Equal(t, types.ProgramStatusClosed, p.Status)
	require.Equal(t, f.Ctx.BlockTime(), p.ClosedAt)
	require.True(t, p.Budget.Escrow.IsZero())
	require.True(t, p.Budget.Outstanding.IsZero())
	require.Equal(t, amt(880_000), p.Budget.Refunded)
	require.Equal(t, amt(780_000), p.Budget.Swept)
	require.Equal(t, int64(0), f.Bank.GetSupply(f.Ctx, "voucher/1").Amount.Int64())
	require.Equal(t, int64(880_000), f.bal(f.refund, krw))
	require.Equal(t, int64(0), f.bal(f.moduleAddr(), krw))
	events := f.Events.Read(f.Ctx, "civic.voucher.v1")
	require.Len(t, events, 2)
	require.Equal(t, &types.EventProgramClosed{ProgramId: id, Refunded: amt(100_000), RefundAddress: s(f.refund)}, events[1])
	f.requireSound()

	// A CLOSED program is swept no more, and takes no redemption.
	f.rejected(types.ErrProgramClosed, func() error {
		_, err := f.ms.Sweep(f.Ctx, &types.MsgSweep{Signer: s(f.issuer), ProgramId: id, Limit: 1})
		return err
	})
}

func TestSweepDraftProgramByGovernance(t *testing.T) {
	// ARRANGE: a DRAFT program funded and never activated; its agency is gone.
	f := newFixture(t)
	id := f.create(nil)
	f.fund(id, f.issuer, 5_000)
	f.at(redeemBy)

	// ACT: governance sweeps it.
	res, err := f.ms.Sweep(f.Ctx, &types.MsgSweep{Signer: f.k.GetAuthority(), ProgramId: id, Limit: 1})

	// ASSERT
	require.NoError(t, err)
	require.True(t, res.Closed)
	require.Equal(t, int64(5_000), f.bal(f.refund, krw))
	f.requireSound()
}

func TestSweepRejected(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(f *fixture)
		msg   func(f *fixture, id uint64) *types.MsgSweep
		want  error
	}{
		{"before expiry", func(f *fixture) { f.at(expires.Add(-1)) }, func(f *fixture, id uint64) *types.MsgSweep {
			return &types.MsgSweep{Signer: s(f.issuer), ProgramId: id, Limit: 1}
		}, types.ErrNotExpired},
		{"limit zero", nil, func(f *fixture, id uint64) *types.MsgSweep {
			return &types.MsgSweep{Signer: s(f.issuer), ProgramId: id}
		}, types.ErrInvalidLimit},
		{"limit above max_sweep", nil, func(f *fixture, id uint64) *types.MsgSweep {
			return &types.MsgSweep{Signer: s(f.issuer), ProgramId: id, Limit: types.DefaultMaxSweep + 1}
		}, types.ErrInvalidLimit},
		{"another agency's issuer", nil, func(f *fixture, id uint64) *types.MsgSweep {
			return &types.MsgSweep{Signer: s(f.issuer2), ProgramId: id, Limit: 1}
		}, types.ErrWrongAgency},
		{"a holder", nil, func(f *fixture, id uint64) *types.MsgSweep {
			return &types.MsgSweep{Signer: s(f.holder), ProgramId: id, Limit: 1}
		}, agencytypes.ErrNotMember},
		{"unknown program", nil, func(f *fixture, _ uint64) *types.MsgSweep {
			return &types.MsgSweep{Signer: s(f.issuer), ProgramId: 9, Limit: 1}
		}, types.ErrProgramNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := sweptProgram(f)
			f.at(expires)
			if tc.setup != nil {
				tc.setup(f)
			}
			msg := tc.msg(f, id)
			f.rejected(tc.want, func() error { _, err := f.ms.Sweep(f.Ctx, msg); return err })
		})
	}
}
