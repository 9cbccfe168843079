package keeper_test

import (
	"math"
	"strings"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

func TestSubmitTripBatch(t *testing.T) {
	// ARRANGE
	f := ntNetwork(t)
	msg := f.batchMsg()
	before := f.state()
	f.freshEvents()

	// ACT
	res, err := f.msg.SubmitTripBatch(f.Ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.BatchId)
	got, err := f.Keeper.Batches.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.TripBatch{
		Id: 1, PlazaId: "R1-OSAN", Collector: ntPrv, MerkleRoot: ntRoot, Count: 120,
		Totals:   ntShares(ntKec, 1_000_000, ntPrv, 2_500_000),
		Total:    3_500_000, // 1 000 000 + 2 500 000
		PeriodId: 1, SubmittedAt: ntNow, SubmittedBy: f.s(ntPrvOp),
		DeclaredTotals: ntShares(ntKec, 1_000_000, ntPrv, 2_500_000),
	}, got)
	require.Equal(t, []collections.Pair[uint64, uint64]{collections.Join(uint64(1), uint64(1))}, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Batches.Indexes.ByPeriod))
	require.Equal(t, map[ntAccrualKey]uint64{{1, ntPrv, ntKec}: 1_000_000, {1, ntPrv, ntPrv}: 2_500_000}, f.accruals())
	require.Equal(t, before.Balances, f.state().Balances, "a batch moves no coins")
	require.Empty(t, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Trips.Indexes.ByPeriod), "a batch records no trips")
	f.requireOnlyEvent("civic.toll.v1.EventTripBatchSubmitted", &types.EventTripBatchSubmitted{
		BatchId: 1, PlazaId: "R1-OSAN", MerkleRoot: ntRoot, Count: 120, Total: 3_500_000, PeriodId: 1,
	})

	// ACT 2: a second batch of kec at SEOUL, only kec's own share, the largest count
	res2, err := f.msg.SubmitTripBatch(f.Ctx, &types.MsgSubmitTripBatch{
		Signer: f.s(ntKecOp2), PlazaId: "R1-SEOUL", MerkleRoot: strings.Repeat("0f", 32),
		Count: types.DefaultMaxBatchTrips, Totals: ntShares(ntKec, 7),
	})

	// ASSERT 2
	require.NoError(t, err)
	require.Equal(t, uint64(2), res2.BatchId)
	b2, err := f.Keeper.Batches.Get(f.Ctx, 2)
	require.NoError(t, err)
	require.Equal(t, ntKec, b2.Collector)
	require.Equal(t, uint64(7), b2.Total)
	require.Equal(t, map[ntAccrualKey]uint64{
		{1, ntKec, ntKec}: 7, {1, ntPrv, ntKec}: 1_000_000, {1, ntPrv, ntPrv}: 2_500_000,
	}, f.accruals())
}

func TestSubmitTripBatchAddsToAccruals(t *testing.T) {
	// ARRANGE: a trip and a batch already accrued
	f := ntNetwork(t)
	f.record(f.offchainMsg("R1-SEOUL", "R1-OSAN")) // prv owes kec 13 290, keeps 18 940
	_, err := f.msg.SubmitTripBatch(f.Ctx, f.batchMsg())
	require.NoError(t, err)

	// ACT
	_, err = f.msg.SubmitTripBatch(f.Ctx, f.batchMsg())

	// ASSERT: 13 290 + 2 x 1 000 000; 18 940 + 2 x 2 500 000
	require.NoError(t, err)
	require.Equal(t, map[ntAccrualKey]uint64{{1, ntPrv, ntKec}: 2_013_290, {1, ntPrv, ntPrv}: 5_018_940}, f.accruals())
}

func TestSubmitTripBatchAfterSubmitPeriod(t *testing.T) {
	// ARRANGE
	f := ntNetwork(t)
	_, err := f.msg.SubmitTripBatch(f.Ctx, f.batchMsg())
	require.NoError(t, err)
	_, err = f.msg.SubmitPeriod(f.Ctx, &types.MsgSubmitPeriod{Signer: f.s(ntPrvOp), PeriodId: 1})
	require.NoError(t, err)
	f.freshEvents()

	// ACT
	res, err := f.msg.SubmitTripBatch(f.Ctx, f.batchMsg())

	// ASSERT
	require.NoError(t, err)
	b, err := f.Keeper.Batches.Get(f.Ctx, res.BatchId)
	require.NoError(t, err)
	require.Equal(t, uint64(2), b.PeriodId)
	require.Equal(t, []collections.Pair[uint64, uint64]{collections.Join(uint64(1), uint64(1)), collections.Join(uint64(2), uint64(2))}, testkeeper.KeysOf(t, f.Ctx, f.Keeper.Batches.Indexes.ByPeriod))
	require.Equal(t, map[ntAccrualKey]uint64{
		{1, ntPrv, ntKec}: 1_000_000, {1, ntPrv, ntPrv}: 2_500_000,
		{2, ntPrv, ntKec}: 1_000_000, {2, ntPrv, ntPrv}: 2_500_000,
	}, f.accruals())
	ev := f.events()
	require.Len(t, ev, 1)
	require.Equal(t, uint64(2), ev[0].(*types.EventTripBatchSubmitted).PeriodId)
}

func TestSubmitTripBatchRejected(t *testing.T) {
	submit := func(f *ntFixture, edit func(*types.MsgSubmitTripBatch)) func() error {
		msg := f.batchMsg()
		if edit != nil {
			edit(msg)
		}
		return func() error { _, err := f.msg.SubmitTripBatch(f.Ctx, msg); return err }
	}
	edit := func(e func(f *ntFixture, m *types.MsgSubmitTripBatch)) func(f *ntFixture) func() error {
		return func(f *ntFixture) func() error { return submit(f, func(m *types.MsgSubmitTripBatch) { e(f, m) }) }
	}
	totals := func(kv ...any) func(_ *ntFixture, m *types.MsgSubmitTripBatch) {
		return func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.Totals = ntShares(kv...) }
	}
	ntRunRejections(t, ntNetwork, []ntRejection{
		// plaza
		{"empty plaza id", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.PlazaId = "" }), types.ErrInvalidID},
		{"unknown plaza", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.PlazaId = "R1-BUSAN" }), types.ErrPlazaNotFound},
		{"another operator's plaza", edit(func(f *ntFixture, m *types.MsgSubmitTripBatch) { m.PlazaId = "R1-SEOUL" }), types.ErrWrongOperator},
		{"signed for another operator", edit(func(f *ntFixture, m *types.MsgSubmitTripBatch) { m.Signer = f.s(ntKecOp) }), types.ErrWrongOperator},
		// merkle root
		{"empty root", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.MerkleRoot = "" }), types.ErrInvalidDigest},
		{"root of 63 characters", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.MerkleRoot = ntRoot[:63] }), types.ErrInvalidDigest},
		{"root of 66 characters", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.MerkleRoot = ntRoot + "cd" }), types.ErrInvalidDigest},
		{"uppercase root", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.MerkleRoot = strings.ToUpper(ntRoot) }), types.ErrInvalidDigest},
		{"root not hex", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.MerkleRoot = strings.Repeat("z", 64) }), types.ErrInvalidDigest},
		// count
		{"count 0", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.Count = 0 }), types.ErrInvalidBatch},
		{"count above max_batch_trips", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.Count = types.DefaultMaxBatchTrips + 1 }), types.ErrInvalidBatch},
		{"count above a lowered max_batch_trips", func(f *ntFixture) func() error {
			f.setParams(func(p *types.Params) { p.MaxBatchTrips = 100 })
			return submit(f, nil) // 120 trips
		}, types.ErrInvalidBatch},
		// totals
		{"empty totals", edit(totals()), types.ErrInvalidBatch},
		{"totals not sorted", edit(totals(ntPrv, 2, ntKec, 1)), types.ErrInvalidBatch},
		{"operator repeated", edit(totals(ntKec, 1, ntKec, 2)), types.ErrInvalidBatch},
		{"more operators than max_batch_operators", func(f *ntFixture) func() error {
			f.setParams(func(p *types.Params) { p.MaxBatchOperators = 1 })
			return submit(f, nil) // kec and prv
		}, types.ErrInvalidBatch},
		{"zero amount", edit(totals(ntKec, 0, ntPrv, 5)), types.ErrInvalidAmount},
		{"totals overflow", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) {
			m.Totals = []types.OperatorAmount{{Operator: ntKec, Amount: math.MaxUint64}, {Operator: ntPrv, Amount: 1}}
		}), types.ErrAmountOverflow},
		{"totals operator id with a space", edit(totals("k ec", 1)), types.ErrInvalidID},
		{"unknown totals operator", edit(totals(ntKec, 1, ntPrv, 1, "zzz", 1)), types.ErrOperatorNotRegistered},
		{"totals operator whose agency never registered", edit(totals(ntKec, 1, ntNop, 1, ntPrv, 1)), types.ErrOperatorNotRegistered},
		{"totals beyond what the trips can cost", func(f *ntFixture) func() error {
			// an accrual near 2^64 can no longer be declared (TestFinding01BatchTotalsBounded)
			return submit(f, func(m *types.MsgSubmitTripBatch) {
				m.Count, m.Totals = 1, []types.OperatorAmount{{Operator: ntPrv, Amount: math.MaxUint64 - 10}}
			})
		}, types.ErrInvalidBatch},
		// signer
		{"malformed signer", edit(func(_ *ntFixture, m *types.MsgSubmitTripBatch) { m.Signer = "civic1nope" }), sdkerrors.ErrInvalidAddress},
		{"signer not a member", edit(func(f *ntFixture, m *types.MsgSubmitTripBatch) { m.Signer = f.s(ntOutsider) }), agencytypes.ErrNotMember},
		{"signer without toll.operator", edit(func(f *ntFixture, m *types.MsgSubmitTripBatch) { m.Signer = f.s(ntKecClerk) }), agencytypes.ErrRoleNotHeld},
		{"signer's agency not registered as operator", edit(func(f *ntFixture, m *types.MsgSubmitTripBatch) { m.Signer = f.s(ntNopOp) }), types.ErrOperatorNotRegistered},
	})
}

// After trips and batches of two periods, every accrual (period, collector,
// payee) is the sum of the payee's shares of the collector's trips and
// batches of that period, by hand and recomputed from the stored records.
func TestAccrualsEqualSummedShares(t *testing.T) {
	// ARRANGE + ACT: period 1
	f := ntNetwork(t)
	// A: SEOUL -> OSAN class 1 OFFCHAIN, prv collects: kec 13 290, prv 18 940
	f.record(f.offchainMsg("R1-SEOUL", "R1-OSAN"))
	// B: OSAN -> SEOUL class 5 ECO_FRIENDLY, kec collects:
	//    kec 30 x 744 = 22 320 + 900 = 23 220 - floor(23 220 x 0.3) 6 966 = 16 254
	//    prv 20 x 1488 = 29 760 - 8 928 = 20 832
	b := f.offchainMsg("R1-OSAN", "R1-SEOUL")
	b.VehicleClass, b.DiscountCodes = 5, []types.DiscountCode{types.DiscountEcoFriendly}
	require.Equal(t, uint64(16_254+20_832), f.record(b).Fare)
	// C: SEOUL -> SUWON class 1 ACCOUNT, UNPAID (no limit), kec collects: 8 860 + 900 = 9 760
	require.Equal(t, types.PaymentStatusUnpaid, f.record(f.accountMsg("R1-SEOUL", "R1-SUWON", ntDriver)).PaymentStatus)
	// batch of prv at OSAN: kec 1 000 000, prv 2 500 000; batch of kec at SEOUL: kec 400 000
	_, err := f.msg.SubmitTripBatch(f.Ctx, f.batchMsg())
	require.NoError(t, err)
	_, err = f.msg.SubmitTripBatch(f.Ctx, &types.MsgSubmitTripBatch{
		Signer: f.s(ntKecOp), PlazaId: "R1-SEOUL", MerkleRoot: ntRoot, Count: 40, Totals: ntShares(ntKec, 400_000),
	})
	require.NoError(t, err)
	// period 2: D = A again
	_, err = f.msg.SubmitPeriod(f.Ctx, &types.MsgSubmitPeriod{Signer: f.s(ntKecOp), PeriodId: 1})
	require.NoError(t, err)
	f.record(f.offchainMsg("R1-SEOUL", "R1-OSAN"))

	// ASSERT: by hand
	want := map[ntAccrualKey]uint64{
		{1, ntPrv, ntKec}: 13_290 + 1_000_000,       // 1 013 290
		{1, ntPrv, ntPrv}: 18_940 + 2_500_000,       // 2 518 940
		{1, ntKec, ntKec}: 16_254 + 9_760 + 400_000, // 426 014
		{1, ntKec, ntPrv}: 20_832,
		{2, ntPrv, ntKec}: 13_290,
		{2, ntPrv, ntPrv}: 18_940,
	}
	require.Equal(t, want, f.accruals())

	// ASSERT: recomputed from the stored trips and batches
	sums := map[ntAccrualKey]uint64{}
	for _, trip := range f.state().Export.Trips {
		for _, s := range trip.Shares {
			sums[ntAccrualKey{trip.PeriodId, trip.Collector, s.Operator}] += s.Amount
		}
	}
	for _, kv := range testkeeper.EntriesOf(t, f.Ctx, f.Keeper.Batches) {
		for _, s := range kv.Value.Totals {
			sums[ntAccrualKey{kv.Value.PeriodId, kv.Value.Collector, s.Operator}] += s.Amount
		}
	}
	require.Equal(t, sums, f.accruals())
}
