package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// TestSubmitPeriod: OPEN → SUBMITTED with the participants listed; period 2
// opens at the block time and takes the new trips and batches.
func TestSubmitPeriod(t *testing.T) {
	// ARRANGE
	f := stSetup(t)
	f.stThreeOperators()
	positions := f.stPositions(1)
	t1 := testkeeper.BlockTime.Add(2 * time.Hour)
	f.Ctx = f.Ctx.WithBlockTime(t1)
	before := f.stBalances()
	f.stFreshEvents()

	// ACT
	res, err := f.msg.SubmitPeriod(f.Ctx, &types.MsgSubmitPeriod{Signer: f.s(stClerk("prv2")), PeriodId: 1})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, &types.MsgSubmitPeriodResponse{Status: types.PeriodSubmitted, NextPeriodId: 2}, res)
	require.Equal(t, types.Period{
		Id: 1, Status: types.PeriodSubmitted, StartTime: testkeeper.BlockTime, EndTime: t1,
		Participants: []string{"kec", "prv", "prv2"},
		// fares 3150+2750+1950+2100+1750+1250 and batches 35000+14000
		Accrued: 61_950, ConfirmBy: t1.Add(7 * 24 * time.Hour),
	}, f.stPeriod(1))
	require.Equal(t, types.Period{Id: 2, Status: types.PeriodOpen, StartTime: t1}, f.stPeriod(2))
	cur, err := f.Keeper.CurrentPeriod.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(2), cur)
	require.Equal(t, positions, f.stPositions(1), "submitting does not change the positions")
	require.Equal(t, before, f.stBalances(), "submitting moves no coins")
	ev := stOnlyEvent[*types.EventPeriodSubmitted](f)
	require.Equal(t, &types.EventPeriodSubmitted{PeriodId: 1, Status: types.PeriodSubmitted, Participants: []string{"kec", "prv", "prv2"}, NextPeriodId: 2}, ev)
	require.Equal(t, []string{"civic.toll.v1.EventPeriodSubmitted"}, f.stEventTypes())

	// New trips and batches land in period 2, not in the submitted period 1.
	trip := f.stTrip(stK, stP, nil, stFareKP)
	batch := f.stBatch(stQ, stAmt("kec", 70))
	require.Equal(t, uint64(2), f.stGetTrip(trip).PeriodId)
	require.Equal(t, uint64(2), f.stGetBatch(batch).PeriodId)
	has, err := f.Keeper.Trips.Indexes.ByPeriod.Has(f.Ctx, collections.Join(uint64(2), trip))
	require.NoError(t, err)
	require.True(t, has)
	require.Equal(t, uint64(450), f.stAccrual(2, "prv", "kec").Amount)
	require.Equal(t, uint64(70), f.stAccrual(2, "prv2", "kec").Amount)
	require.Equal(t, positions, f.stPositions(1), "period 1 takes no new trip")
	require.Equal(t, []types.NetPosition{
		{Operator: "kec", Receivable: 520, Net: 520},
		{Operator: "prv", Payable: 450, Net: -450},
		{Operator: "prv2", Payable: 70, Net: -70},
	}, f.stPositions(2))
}

// TestSubmitPeriodReconciled: OPEN → RECONCILED when no operator owes another
// anything (no trips, or only an operator's own trips); the period then
// settles without moving coins.
func TestSubmitPeriodReconciled(t *testing.T) {
	for _, tc := range []struct {
		name    string
		arrange func(f *stFixture)
	}{
		{"no trips", func(*stFixture) {}},
		{"only one operator's own trips", func(f *stFixture) {
			f.stTrip(stK2, stK, nil, stFareK2K)
			f.stTrip(stK2, stK, stPayer, stFareK2K)
			f.stBatch(stK, stAmt("kec", 5_000))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := stSetup(t)
			tc.arrange(f)
			before := f.stBalances()
			f.stFreshEvents()

			// ACT
			res := f.stSubmit(1)

			// ASSERT
			require.Equal(t, types.PeriodReconciled, res.Status)
			p := f.stPeriod(1)
			require.Equal(t, types.PeriodReconciled, p.Status)
			require.Empty(t, p.Participants)
			require.Empty(t, f.stPositions(1))
			require.Equal(t, types.PeriodOpen, f.stPeriod(2).Status)
			ev := stOnlyEvent[*types.EventPeriodSubmitted](f)
			require.Equal(t, types.PeriodReconciled, ev.Status)

			// RECONCILED → SETTLED, nothing paid out.
			settled := f.stSettle(1)
			require.Empty(t, settled.PaidOut)
			require.Equal(t, types.PeriodSettled, f.stPeriod(1).Status)
			require.Equal(t, before, f.stBalances())
		})
	}
}

// TestSubmitPeriodDisputed: a dispute opened while the period is OPEN keeps it
// OPEN; submitting it makes it SUBMITTED all the same, the disputed amounts
// held out (their collector a participant for its disputed payable);
// deciding the dispute recomputes the participants.
func TestSubmitPeriodDisputed(t *testing.T) {
	// ARRANGE: the only crossing flows are K→P (prv owes kec 450) and Q→K
	// (kec owes prv 800 and prv2 600); prv2 disputes Q→K.
	f := stSetup(t)
	f.stCrossKP()
	qk := f.stTrip(stQ, stK, nil, stFareQK)
	d := f.stOpenDispute(stClerk("prv"), types.TargetTrip, qk)
	require.Equal(t, types.PeriodOpen, f.stPeriod(1).Status, "a dispute does not move an OPEN period")
	require.Equal(t, uint32(1), f.stPeriod(1).OpenDisputes)
	f.stFreshEvents()

	// ACT
	res := f.stSubmit(1)

	// ASSERT
	require.Equal(t, types.PeriodSubmitted, res.Status)
	p := f.stPeriod(1)
	require.Equal(t, types.PeriodSubmitted, p.Status)
	require.Equal(t, []string{"kec", "prv"}, p.Participants, "the disputed Q→K is held out: prv2 has only a disputed receivable")
	require.Equal(t, uint32(1), p.OpenDisputes)
	require.Equal(t, types.PeriodOpen, f.stPeriod(2).Status)
	require.Equal(t, types.PeriodSubmitted, stOnlyEvent[*types.EventPeriodSubmitted](f).Status)

	// The dispute is rejected; prv2 participates again.
	f.stReject(d)
	p = f.stPeriod(1)
	require.Equal(t, types.PeriodSubmitted, p.Status)
	require.Equal(t, []string{"kec", "prv", "prv2"}, p.Participants)
	require.Zero(t, p.OpenDisputes)
}

// TestResolveLastDisputeReconciles: SUBMITTED → RECONCILED when the last
// dispute is resolved and nothing crosses operators any more.
func TestResolveLastDisputeReconciles(t *testing.T) {
	// ARRANGE: one crossing trip (K→P, OFFCHAIN), disputed by kec, period submitted.
	f := stSetup(t)
	kp := f.stCrossKP()
	d := f.stOpenDispute(stClerk("kec"), types.TargetTrip, kp)
	require.Equal(t, types.PeriodSubmitted, f.stSubmit(1).Status)
	require.Equal(t, []string{"prv"}, f.stPeriod(1).Participants, "prv holds the disputed payable")
	f.stFreshEvents()

	// ACT: prv refunds the whole fare.
	_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stClerk("prv")), DisputeId: d, Outcome: types.OutcomeRefund, Refund: stFareKP})

	// ASSERT
	require.NoError(t, err)
	p := f.stPeriod(1)
	require.Equal(t, types.PeriodReconciled, p.Status)
	require.Empty(t, p.Participants)
	require.Equal(t, types.PeriodReconciled, stOnlyEvent[*types.EventDisputeResolved](f).PeriodStatus)
	tr := f.stGetTrip(kp)
	require.Zero(t, tr.Fare)
	require.Empty(t, tr.Shares)
	require.Equal(t, uint64(stFareKP), tr.Refunded)
}

func TestSubmitPeriodRejected(t *testing.T) {
	act := func(f *stFixture, signer string, period uint64) func() error {
		return func() error {
			_, err := f.msg.SubmitPeriod(f.Ctx, &types.MsgSubmitPeriod{Signer: signer, PeriodId: period})
			return err
		}
	}
	stRunRejections(t, []stRejection{
		{"period SUBMITTED", func(f *stFixture) func() error {
			f.stThreeOperators()
			f.stSubmit(1)
			return act(f, f.s(stClerk("prv")), 1)
		}, types.ErrInvalidTransition, "not OPEN"},
		{"period RECONCILED", func(f *stFixture) func() error {
			f.stSubmit(1)
			return act(f, f.s(stClerk("prv")), 1)
		}, types.ErrInvalidTransition, ""},
		{"period SETTLED", func(f *stFixture) func() error {
			f.stSubmit(1)
			f.stSettle(1)
			return act(f, f.s(stClerk("prv")), 1)
		}, types.ErrInvalidTransition, ""},
		{"period SUBMITTED around an open dispute", func(f *stFixture) func() error {
			kp := f.stCrossKP()
			f.stOpenDispute(stClerk("kec"), types.TargetTrip, kp)
			f.stSubmit(1)
			return act(f, f.s(stClerk("prv")), 1)
		}, types.ErrInvalidTransition, ""},
		{"unknown period", func(f *stFixture) func() error {
			f.stThreeOperators()
			return act(f, f.s(stClerk("prv")), 2)
		}, types.ErrPeriodNotFound, ""},
		{"period 0", func(f *stFixture) func() error {
			return act(f, f.s(stClerk("prv")), 0)
		}, types.ErrPeriodNotFound, ""},
		{"signer without toll.operator", func(f *stFixture) func() error {
			f.stThreeOperators()
			return act(f, f.s(stNoRole), 1)
		}, agencytypes.ErrRoleNotHeld, ""},
		{"signer in no agency", func(f *stFixture) func() error {
			f.stThreeOperators()
			return act(f, f.s(stOutsider), 1)
		}, agencytypes.ErrNotMember, ""},
		{"agency not registered as operator", func(f *stFixture) func() error {
			f.stThreeOperators()
			return act(f, f.s(stUnreg), 1)
		}, types.ErrOperatorNotRegistered, ""},
		{"bad signer address", func(f *stFixture) func() error {
			return act(f, "civic1notanaddress", 1)
		}, sdkerrors.ErrInvalidAddress, ""},
	})
}

// TestConfirmPeriod: a net payer confirms from its settlement account and
// escrows −net; a net receiver may confirm from any toll.operator member and
// escrows nothing; the last confirmation makes the period RECONCILED.
func TestConfirmPeriod(t *testing.T) {
	// ARRANGE
	f := stSetup(t)
	f.stThreeOperators()
	f.stSubmit(1)
	f.Fund(t, stSettle("prv"), stDenom, 7_050+123)
	before := f.stBalances()
	f.stFreshEvents()

	// ACT 1: prv (net −7050) from its settlement account.
	res, err := f.msg.ConfirmPeriod(f.Ctx, &types.MsgConfirmPeriod{Signer: f.s(stSettle("prv")), PeriodId: 1, Receivable: 9_000, Payable: 16_050})

	// ASSERT 1
	require.NoError(t, err)
	require.Equal(t, &types.MsgConfirmPeriodResponse{Status: types.PeriodSubmitted, Escrowed: 7_050}, res)
	require.Equal(t, []string{"prv"}, f.stPeriod(1).Confirmed)
	esc, err := f.Keeper.Escrows.Get(f.Ctx, collections.Join(uint64(1), "prv"))
	require.NoError(t, err)
	require.Equal(t, uint64(7_050), esc)
	require.Equal(t, uint64(7_050), f.stPosition(1, "prv").Escrowed)
	after := f.stBalances()
	require.Equal(t, before["prv/settle"]-7_050, after["prv/settle"])
	require.Equal(t, uint64(7_050), after["module"])
	before["prv/settle"], before["module"] = after["prv/settle"], 7_050
	require.Equal(t, before, after, "only the escrow moved")
	require.Equal(t, &types.EventPeriodConfirmed{PeriodId: 1, Operator: "prv", Net: -7_050, Escrowed: 7_050, Status: types.PeriodSubmitted},
		stOnlyEvent[*types.EventPeriodConfirmed](f))

	// ACT 2: kec (net +12100) from its clerk, which is not its settlement account.
	f.stFreshEvents()
	res, err = f.msg.ConfirmPeriod(f.Ctx, &types.MsgConfirmPeriod{Signer: f.s(stClerk("kec")), PeriodId: 1, Receivable: 13_900, Payable: 1_800})

	// ASSERT 2
	require.NoError(t, err)
	require.Equal(t, &types.MsgConfirmPeriodResponse{Status: types.PeriodSubmitted}, res)
	require.Equal(t, []string{"kec", "prv"}, f.stPeriod(1).Confirmed)
	require.Equal(t, after, f.stBalances(), "a net receiver escrows nothing")
	has, err := f.Keeper.Escrows.Has(f.Ctx, collections.Join(uint64(1), "kec"))
	require.NoError(t, err)
	require.False(t, has)
	require.Equal(t, int64(12_100), stOnlyEvent[*types.EventPeriodConfirmed](f).Net)

	// ACT 3: prv2 (net −5050), the last participant.
	f.Fund(t, stSettle("prv2"), stDenom, 5_050)
	f.stFreshEvents()
	res, err = f.msg.ConfirmPeriod(f.Ctx, &types.MsgConfirmPeriod{Signer: f.s(stSettle("prv2")), PeriodId: 1, Receivable: 6_200, Payable: 11_250})

	// ASSERT 3
	require.NoError(t, err)
	require.Equal(t, &types.MsgConfirmPeriodResponse{Status: types.PeriodReconciled, Escrowed: 5_050}, res)
	p := f.stPeriod(1)
	require.Equal(t, types.PeriodReconciled, p.Status)
	require.Equal(t, []string{"kec", "prv", "prv2"}, p.Confirmed)
	require.Equal(t, uint64(7_050+5_050), f.Balance(f.stModule(), stDenom))
	require.Equal(t, uint64(stFareKQ), f.Balance(stSettle("prv2"), stDenom), "prv2 keeps the K→Q fare it collected")
	require.Equal(t, &types.EventPeriodConfirmed{PeriodId: 1, Operator: "prv2", Net: -5_050, Escrowed: 5_050, Status: types.PeriodReconciled},
		stOnlyEvent[*types.EventPeriodConfirmed](f))
}

// TestConfirmPeriodZeroNet: flows that cancel out make participants with net
// 0; they confirm without escrow and the period settles paying nobody.
func TestConfirmPeriodZeroNet(t *testing.T) {
	// ARRANGE: prv owes kec 450 (K→P); kec owes prv 400 (P→K) plus 50 (a
	// batch at K): kec → prv 450 = prv → kec 450.
	f := stSetup(t)
	f.stCrossKP()
	f.stTrip(stP, stK, nil, stFarePK)
	f.stBatch(stK, stAmt("prv", 50))
	require.Equal(t, []types.NetPosition{
		{Operator: "kec", Receivable: 450, Payable: 450},
		{Operator: "prv", Receivable: 450, Payable: 450},
	}, f.stPositions(1))
	require.Equal(t, types.PeriodSubmitted, f.stSubmit(1).Status)
	before := f.stBalances()

	// ACT
	for _, op := range []string{"kec", "prv"} {
		_, err := f.msg.ConfirmPeriod(f.Ctx, f.stConfirmMsg(1, op, stClerk(op)))
		require.NoError(t, err)
	}
	res := f.stSettle(1)

	// ASSERT
	require.Empty(t, res.PaidOut)
	require.Equal(t, types.PeriodSettled, f.stPeriod(1).Status)
	require.Equal(t, before, f.stBalances())
}

func TestConfirmPeriodRejected(t *testing.T) {
	confirm := func(f *stFixture, period uint64, op string, signer string, receivable, payable uint64) func() error {
		return func() error {
			_, err := f.msg.ConfirmPeriod(f.Ctx, &types.MsgConfirmPeriod{Signer: signer, PeriodId: period, Receivable: receivable, Payable: payable})
			return err
		}
	}
	// prvConfirms is prv's correct confirmation (net −7050) from its
	// settlement account, funded so that only the case's defect can fail it.
	prvConfirms := func(f *stFixture) func() error {
		f.Fund(f.t, stSettle("prv"), stDenom, 3*7_050)
		return confirm(f, 1, "prv", f.s(stSettle("prv")), 9_000, 16_050)
	}
	submitted := func(f *stFixture) {
		f.stThreeOperators()
		f.stSubmit(1)
	}
	stRunRejections(t, []stRejection{
		{"period OPEN", func(f *stFixture) func() error {
			f.stThreeOperators()
			return prvConfirms(f)
		}, types.ErrInvalidTransition, ""},
		{"period RECONCILED", func(f *stFixture) func() error {
			submitted(f)
			f.stConfirmAll(1)
			return prvConfirms(f)
		}, types.ErrInvalidTransition, ""},
		{"period SETTLED", func(f *stFixture) func() error {
			submitted(f)
			f.stConfirmAll(1)
			f.stSettle(1)
			return prvConfirms(f)
		}, types.ErrAlreadySettled, ""},
		{"unknown period", func(f *stFixture) func() error {
			submitted(f)
			f.Fund(f.t, stSettle("prv"), stDenom, 7_050)
			return confirm(f, 7, "prv", f.s(stSettle("prv")), 9_000, 16_050)
		}, types.ErrPeriodNotFound, ""},
		{"period 0", func(f *stFixture) func() error {
			submitted(f)
			return confirm(f, 0, "prv", f.s(stSettle("prv")), 9_000, 16_050)
		}, types.ErrPeriodNotFound, ""},
		{"not a participant", func(f *stFixture) func() error {
			f.stCrossKP()
			f.stSubmit(1)
			f.Fund(f.t, stSettle("prv2"), stDenom, 10_000)
			return confirm(f, 1, "prv2", f.s(stSettle("prv2")), 0, 0)
		}, types.ErrNotParticipant, ""},
		{"already confirmed (net payer)", func(f *stFixture) func() error {
			submitted(f)
			require.NoError(f.t, prvConfirms(f)())
			return prvConfirms(f)
		}, types.ErrAlreadyConfirmed, ""},
		{"already confirmed (net receiver)", func(f *stFixture) func() error {
			submitted(f)
			f.stConfirm(1, "kec")
			return confirm(f, 1, "kec", f.s(stClerk("kec")), 13_900, 1_800)
		}, types.ErrAlreadyConfirmed, ""},
		{"receivable differs", func(f *stFixture) func() error {
			submitted(f)
			f.Fund(f.t, stSettle("prv"), stDenom, 7_050)
			return confirm(f, 1, "prv", f.s(stSettle("prv")), 9_001, 16_050)
		}, types.ErrTotalsMismatch, "the chain has receivable 9000 payable 16050"},
		{"payable differs", func(f *stFixture) func() error {
			submitted(f)
			return confirm(f, 1, "kec", f.s(stSettle("kec")), 13_900, 1_000)
		}, types.ErrTotalsMismatch, "confirms receivable 13900 payable 1000; the chain has receivable 13900 payable 1800"},
		{"stale totals from before a refund", func(f *stFixture) func() error {
			// kec's totals from before prv refunded 450 of K→P (fare 1950: kec 450, prv 1500).
			// kec's share drops by floor(450×450/1950)=103 plus the leftover unit = 104, so
			// the chain now has receivable 10450−104+3450 = 13796.
			sc := f.stThreeOperators()
			d := f.stOpenDispute(stClerk("kec"), types.TargetTrip, sc.unpaidKP)
			f.stSubmit(1)
			f.stRefund(d, 450)
			return confirm(f, 1, "kec", f.s(stSettle("kec")), 13_900, 1_800)
		}, types.ErrTotalsMismatch, "the chain has receivable 13796 payable 1800"},
		{"net payer signs from a member that is not its settlement account", func(f *stFixture) func() error {
			submitted(f)
			f.Fund(f.t, stClerk("prv"), stDenom, 7_050)
			f.Fund(f.t, stSettle("prv"), stDenom, 7_050)
			return confirm(f, 1, "prv", f.s(stClerk("prv")), 9_000, 16_050)
		}, types.ErrNotSettlementAccount, ""},
		{"net payer without the funds to escrow", func(f *stFixture) func() error {
			submitted(f)
			// prv's settlement account holds the Q→P fare; top it up to 7049.
			f.Fund(f.t, stSettle("prv"), stDenom, 7_049-f.Balance(stSettle("prv"), stDenom))
			return confirm(f, 1, "prv", f.s(stSettle("prv")), 9_000, 16_050)
		}, types.ErrInsufficientFunds, ""},
		{"signer without toll.operator", func(f *stFixture) func() error {
			submitted(f)
			return confirm(f, 1, "kec", f.s(stNoRole), 13_900, 1_800)
		}, agencytypes.ErrRoleNotHeld, ""},
		{"signer in no agency", func(f *stFixture) func() error {
			submitted(f)
			return confirm(f, 1, "kec", f.s(stOutsider), 13_900, 1_800)
		}, agencytypes.ErrNotMember, ""},
		{"agency not registered as operator", func(f *stFixture) func() error {
			submitted(f)
			return confirm(f, 1, "exw", f.s(stUnreg), 0, 0)
		}, types.ErrOperatorNotRegistered, ""},
	})
}
