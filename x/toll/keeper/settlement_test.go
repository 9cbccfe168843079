package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// stSettleAndCheck is the "done when": every participant confirms
// with the receivable and payable it reads from NetPositions (net payers
// from their settlement accounts, topped up here to 777 more than they owe
// if short), the period settles, and then for every operator
// (settlement-account balance after settlement) − (balance just before its
// first confirmation) == its net, Σ net == 0, the module account holds 0 and
// the period is SETTLED. first holds the baseline of operators that already
// confirmed once before (their escrow was returned by a dispute); they must
// not need topping up. It returns the positions the operators confirmed.
func stSettleAndCheck(t *testing.T, f *stFixture, period uint64, first map[string]uint64) []types.NetPosition {
	t.Helper()
	positions := f.stPositions(period)
	require.Zero(t, stSumNet(positions), "Σ net")
	p := f.stPeriod(period)
	require.Equal(t, types.PeriodSubmitted, p.Status)
	require.Len(t, p.Participants, len(positions))

	baseline := make(map[string]uint64)
	var escrow uint64
	for _, op := range p.Participants {
		pos := f.stPosition(period, op)
		require.Equal(t, op, pos.Operator)
		signer := stClerk(op) // a net receiver may confirm from any toll.operator member
		if pos.Net < 0 {
			signer = stSettle(op)
			if have := f.Balance(signer, stDenom); have < uint64(-pos.Net) {
				require.NotContains(t, first, op, "%s confirmed before and cannot be topped up", op)
				f.Fund(t, signer, stDenom, uint64(-pos.Net)-have+777)
			}
			escrow += uint64(-pos.Net)
		}
		baseline[op] = f.Balance(stSettle(op), stDenom)
		if b, ok := first[op]; ok {
			baseline[op] = b
		}
		_, err := f.msg.ConfirmPeriod(f.Ctx, &types.MsgConfirmPeriod{Signer: f.s(signer), PeriodId: period, Receivable: pos.Receivable, Payable: pos.Payable})
		require.NoError(t, err, "confirmation of %s", op)
	}
	require.Equal(t, types.PeriodReconciled, f.stPeriod(period).Status)
	require.Equal(t, escrow, f.Balance(f.stModule(), stDenom))

	f.Ctx = f.Ctx.WithBlockTime(f.Ctx.BlockTime().Add(time.Hour))
	f.stFreshEvents()
	res := f.stSettle(period)

	var paid []types.OperatorAmount
	for _, pos := range positions {
		if pos.Net > 0 {
			paid = append(paid, types.OperatorAmount{Operator: pos.Operator, Amount: uint64(pos.Net)})
		}
	}
	require.Equal(t, paid, res.PaidOut)
	require.Equal(t, &types.EventPeriodSettled{PeriodId: period, PaidOut: paid, Excluded: []string{}, Returned: []types.OperatorAmount{}}, stOnlyEvent[*types.EventPeriodSettled](f))
	for _, pos := range positions {
		got := int64(f.Balance(stSettle(pos.Operator), stDenom)) - int64(baseline[pos.Operator])
		require.Equal(t, pos.Net, got, "balance change of %s's settlement account", pos.Operator)
	}
	require.Zero(t, f.Balance(f.stModule(), stDenom), "the module account holds nothing after settlement")
	p = f.stPeriod(period)
	require.Equal(t, types.PeriodSettled, p.Status)
	require.Equal(t, f.Ctx.BlockTime(), p.SettledAt)
	return positions
}

// TestSettlementThreeOperators is the key test: three operators on one
// route, ACCOUNT (PAID and UNPAID) and OFFCHAIN trips at each operator's exit
// plazas and two trip batches, flows crossing in both directions; submit,
// confirm from NetPositions, settle; each settlement account changes by
// exactly its net.
func TestSettlementThreeOperators(t *testing.T) {
	// ARRANGE
	f := stSetup(t)
	sc := f.stThreeOperators()
	require.Equal(t, stScenarioPositions(), f.stPositions(1), "NetPositions equal the hand computation (stThreeOperators)")
	require.Equal(t, types.PeriodSubmitted, f.stSubmit(1).Status)
	require.Equal(t, []string{"kec", "prv", "prv2"}, f.stPeriod(1).Participants)

	// ACT + ASSERT
	positions := stSettleAndCheck(t, f, 1, nil)
	require.Equal(t, stScenarioPositions(), withoutEscrow(positions))

	// The UNPAID trip stays unpaid: settlement is between operators only.
	require.Equal(t, types.PaymentStatusUnpaid, f.stGetTrip(sc.unpaidKP).PaymentStatus)
	// A settled period settles once.
	_, err := f.msg.SettlePeriod(f.Ctx, &types.MsgSettlePeriod{Signer: f.s(stClerk("prv")), PeriodId: 1})
	require.ErrorIs(t, err, types.ErrAlreadySettled)
}

// TestSettlementAfterRefundedDispute: the key test with a dispute on the
// SUBMITTED period, resolved with a refund that changes the nets.
func TestSettlementAfterRefundedDispute(t *testing.T) {
	// ARRANGE: submitted; prv confirms first (escrow 7050), then kec disputes
	// K→Q (collector prv2): DISPUTED, prv's escrow returned.
	f := stSetup(t)
	sc := f.stThreeOperators()
	f.stSubmit(1)
	f.Fund(t, stSettle("prv"), stDenom, 10_000)
	prvBaseline := f.Balance(stSettle("prv"), stDenom)
	f.stConfirm(1, "prv")
	d := f.stOpenDispute(stClerk("kec"), types.TargetTrip, sc.paidKQ)
	require.Equal(t, prvBaseline, f.Balance(stSettle("prv"), stDenom), "escrow returned")
	payer := f.Balance(stPayer, stDenom)
	prv2 := f.Balance(stSettle("prv2"), stDenom)

	// ACT: prv2 refunds 1000 of the fare 3150 to the payer.
	f.stRefund(d, 1_000)

	// ASSERT
	require.Equal(t, payer+1_000, f.Balance(stPayer, stDenom))
	require.Equal(t, prv2-1_000, f.Balance(stSettle("prv2"), stDenom))
	// By hand: the refund takes kec 143, prv 254, prv2 603 off the shares
	// (TestResolveDisputeRefundPaidTrip), so
	//   prv2 → kec  3450 − 143 = 3307,  prv2 → prv  7800 − 254 = 7546;
	//   kec  receivable 10450 + 3307 = 13757, payable 1800           → net +11957
	//   prv  receivable 1200 + 7546 = 8746,   payable 16050          → net −7304
	//   prv2 receivable 6200,                 payable 3307 + 7546 = 10853 → net −4653
	//   Σ net = 11957 − 7304 − 4653 = 0.
	want := []types.NetPosition{
		{Operator: "kec", Receivable: 13_757, Payable: 1_800, Net: 11_957},
		{Operator: "prv", Receivable: 8_746, Payable: 16_050, Net: -7_304},
		{Operator: "prv2", Receivable: 6_200, Payable: 10_853, Net: -4_653},
	}
	require.Equal(t, want, f.stPositions(1))
	require.Equal(t, types.PeriodSubmitted, f.stPeriod(1).Status)
	require.Empty(t, f.stPeriod(1).Confirmed)

	// prv's balance just before its first confirmation was prvBaseline: its
	// escrow was returned, so its overall change is still exactly its net.
	positions := stSettleAndCheck(t, f, 1, map[string]uint64{"prv": prvBaseline})
	require.Equal(t, want, withoutEscrow(positions))
	require.Equal(t, prvBaseline-7_304, f.Balance(stSettle("prv"), stDenom))
}

// TestSettlementPeriodsIndependent: period 2's trips settle on their own after
// period 1 settled; period 1's accruals are untouched.
func TestSettlementPeriodsIndependent(t *testing.T) {
	// ARRANGE
	f := stSetup(t)
	f.stThreeOperators()
	f.stSubmit(1)
	f.stCrossKP()                                          // period 2: prv owes kec 450
	f.stBatch(stK, stAmt("prv", 1_000), stAmt("prv2", 20)) // period 2: kec owes prv 1000, prv2 20
	stSettleAndCheck(t, f, 1, nil)
	require.Equal(t, []types.NetPosition{
		{Operator: "kec", Receivable: 450, Payable: 1_020, Net: -570},
		{Operator: "prv", Receivable: 1_000, Payable: 450, Net: 550},
		{Operator: "prv2", Receivable: 20, Net: 20},
	}, f.stPositions(2))

	// ACT + ASSERT
	require.Equal(t, types.PeriodSubmitted, f.stSubmit(2).Status)
	stSettleAndCheck(t, f, 2, nil)
	require.Equal(t, stScenarioPositions(), withoutEscrow(f.stPositions(1)))
	require.Equal(t, types.PeriodOpen, f.stPeriod(3).Status)
}

// withoutEscrow clears the escrowed field (kept as a record after settlement).
func withoutEscrow(pos []types.NetPosition) []types.NetPosition {
	out := make([]types.NetPosition, len(pos))
	for i, p := range pos {
		p.Escrowed = 0
		out[i] = p
	}
	return out
}

// TestNetPositions: positions and accruals of the scenario, by hand.
func TestNetPositions(t *testing.T) {
	// ARRANGE
	f := stSetup(t)
	f.stThreeOperators()

	// ACT
	positions, accruals, err := f.Keeper.NetPositions(f.Ctx, 1)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, stScenarioPositions(), positions)
	require.Zero(t, stSumNet(positions))
	// Accruals in key order (collector, payee), the collectors' own shares
	// included: kec's own = 1350 (Q→K) + 1350 (P→K) + 1250 (K2→K) = 3950;
	// prv's own = 1500 (K→P) + 1500 (Q→P) + 20000 (batch) = 23000; prv2's
	// own = 1900 (K→Q) + 4000 (batch) = 5900.
	require.Equal(t, []types.Accrual{
		{PeriodId: 1, Collector: "kec", Payee: "kec", Amount: 3_950},
		{PeriodId: 1, Collector: "kec", Payee: "prv", Amount: 1_200},
		{PeriodId: 1, Collector: "kec", Payee: "prv2", Amount: 600},
		{PeriodId: 1, Collector: "prv", Payee: "kec", Amount: 10_450},
		{PeriodId: 1, Collector: "prv", Payee: "prv", Amount: 23_000},
		{PeriodId: 1, Collector: "prv", Payee: "prv2", Amount: 5_600},
		{PeriodId: 1, Collector: "prv2", Payee: "kec", Amount: 3_450},
		{PeriodId: 1, Collector: "prv2", Payee: "prv", Amount: 7_800},
		{PeriodId: 1, Collector: "prv2", Payee: "prv2", Amount: 5_900},
	}, accruals)

	// A period with no accruals (the next one, or one that does not exist) has no positions.
	for _, id := range []uint64{2, 99} {
		pos, acc, err := f.Keeper.NetPositions(f.Ctx, id)
		require.NoError(t, err)
		require.Empty(t, pos)
		require.Empty(t, acc)
	}
}

// TestNetPositionsDisputedOnly: an operator whose only cross-operator amount
// is disputed has a position (disputed fields only); it is a participant if
// it owes the disputed amount (it escrows it at confirmation), not if it is
// owed it.
func TestNetPositionsDisputedOnly(t *testing.T) {
	// ARRANGE: P→Q (prv2 collects: prv 400, prv2 1900) disputed by prv; K→P (prv owes kec 450).
	f := stSetup(t)
	f.stCrossKP()
	pq := f.stTrip(stP, stQ, nil, 2_300)
	f.stOpenDispute(stClerk("prv"), types.TargetTrip, pq)

	// ACT
	positions := f.stPositions(1)
	res := f.stSubmit(1)

	// ASSERT
	require.Equal(t, []types.NetPosition{
		{Operator: "kec", Receivable: 450, Net: 450},
		{Operator: "prv", Payable: 450, Net: -450, DisputedReceivable: 400},
		{Operator: "prv2", DisputedPayable: 400},
	}, positions)
	require.Equal(t, types.PeriodSubmitted, res.Status)
	require.Equal(t, []string{"kec", "prv", "prv2"}, f.stPeriod(1).Participants)
}

func TestSettlePeriodRejected(t *testing.T) {
	settle := func(f *stFixture, signer string, period uint64) func() error {
		return func() error {
			_, err := f.msg.SettlePeriod(f.Ctx, &types.MsgSettlePeriod{Signer: signer, PeriodId: period})
			return err
		}
	}
	reconciled := func(f *stFixture) {
		f.stThreeOperators()
		f.stSubmit(1)
		f.stConfirmAll(1)
	}
	stRunRejections(t, []stRejection{
		{"double settlement", func(f *stFixture) func() error {
			reconciled(f)
			f.stSettle(1)
			return settle(f, f.s(stSettle("kec")), 1)
		}, types.ErrAlreadySettled, ""},
		{"open dispute, before the deadline", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			f.stSubmit(1)
			f.stOpenDispute(stPayer2, types.TargetTrip, sc.unpaidKP)
			return settle(f, f.s(stSettle("kec")), 1)
		}, types.ErrConfirmationPending, ""},
		{"SUBMITTED, nobody confirmed, before the deadline", func(f *stFixture) func() error {
			f.stThreeOperators()
			f.stSubmit(1)
			return settle(f, f.s(stSettle("kec")), 1)
		}, types.ErrConfirmationPending, "kec has not confirmed"},
		{"SUBMITTED, escrow held, one confirmation missing", func(f *stFixture) func() error {
			f.stThreeOperators()
			f.stSubmit(1)
			f.stFundNetPayers(1)
			f.stConfirm(1, "prv")
			f.stConfirm(1, "prv2")
			return settle(f, f.s(stSettle("prv")), 1)
		}, types.ErrConfirmationPending, ""},
		{"OPEN", func(f *stFixture) func() error {
			f.stThreeOperators()
			return settle(f, f.s(stSettle("kec")), 1)
		}, types.ErrInvalidTransition, ""},
		{"unknown period", func(f *stFixture) func() error {
			reconciled(f)
			return settle(f, f.s(stSettle("kec")), 3)
		}, types.ErrPeriodNotFound, ""},
		{"period 0", func(f *stFixture) func() error {
			reconciled(f)
			return settle(f, f.s(stSettle("kec")), 0)
		}, types.ErrPeriodNotFound, ""},
		{"signer without toll.operator", func(f *stFixture) func() error {
			reconciled(f)
			return settle(f, f.s(stNoRole), 1)
		}, agencytypes.ErrRoleNotHeld, ""},
		{"signer in no agency", func(f *stFixture) func() error {
			reconciled(f)
			return settle(f, f.s(stOutsider), 1)
		}, agencytypes.ErrNotMember, ""},
		{"agency not registered as operator", func(f *stFixture) func() error {
			reconciled(f)
			return settle(f, f.s(stUnreg), 1)
		}, types.ErrOperatorNotRegistered, ""},
		{"bad signer address", func(f *stFixture) func() error {
			reconciled(f)
			return settle(f, "civic1notanaddress", 1)
		}, sdkerrors.ErrInvalidAddress, ""},
	})
}

// TestSettlementEvents: each message of the settlement flow emits exactly one
// typed event of its own type.
func TestSettlementEvents(t *testing.T) {
	f := stSetup(t)
	sc := f.stThreeOperators()
	step := func(want string, act func()) {
		t.Helper()
		f.stFreshEvents()
		act()
		require.Equal(t, []string{"civic.toll.v1." + want}, f.stEventTypes())
	}
	var d uint64
	step("EventDisputeOpened", func() { d = f.stOpenDispute(stPayer, types.TargetTrip, sc.paidKQ) })
	step("EventPeriodSubmitted", func() { f.stSubmit(1) })
	step("EventDisputeResolved", func() { f.stRefund(d, 10) })
	f.stFundNetPayers(1)
	for _, op := range stOps {
		step("EventPeriodConfirmed", func() { f.stConfirm(1, op) })
	}
	step("EventPeriodSettled", func() { f.stSettle(1) })
	require.Equal(t, types.PeriodSettled, f.stPeriod(1).Status)
	require.Equal(t, f.Ctx.BlockTime(), f.stPeriod(1).SettledAt)
}
