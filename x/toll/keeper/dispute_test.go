package keeper_test

import (
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// TestOpenDisputeOnSubmittedPeriod: the period stays SUBMITTED. The escrow
// taken by confirmations goes back to the payer's settlement account, the
// confirmations are cleared, the confirmation deadline restarts, the trip's
// shares are marked disputed and held out of NetPositions.
func TestOpenDisputeOnSubmittedPeriod(t *testing.T) {
	// ARRANGE: prv (net −7050) and kec confirmed; prv escrowed 7050. (prv's
	// settlement account also holds the 2100 fare of the PAID Q→P trip.)
	f := stSetup(t)
	sc := f.stThreeOperators()
	f.stSubmit(1)
	f.Fund(t, stSettle("prv"), stDenom, 7_050)
	require.Equal(t, uint64(stFareQP+7_050), f.Balance(stSettle("prv"), stDenom))
	f.stConfirm(1, "prv")
	f.stConfirm(1, "kec")
	require.Equal(t, uint64(stFareQP), f.Balance(stSettle("prv"), stDenom))
	require.Equal(t, uint64(7_050), f.Balance(f.stModule(), stDenom))
	before := f.stBalances()
	f.stFreshEvents()

	// ACT: kec disputes K→Q (collected by prv2; kec 450, prv 800, prv2 1900).
	res, err := f.msg.OpenDispute(f.Ctx, f.stOpenDisputeMsg(stClerk("kec"), types.TargetTrip, sc.paidKQ))

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.DisputeId)
	require.Equal(t, types.Dispute{
		Id: 1, Kind: types.DisputeMiscollection, Target: types.TargetTrip, TargetId: sc.paidKQ, PeriodId: 1,
		Collector: "prv2", OpenedBy: f.s(stClerk("kec")), EvidenceDigest: strings.Repeat("e5", 32), Amount: stFareKQ,
		Status: types.DisputeOpen, OpenedAt: f.Ctx.BlockTime(), Respondent: "prv2", Disputant: "kec",
	}, f.stDispute(1))
	p := f.stPeriod(1)
	require.Equal(t, types.PeriodSubmitted, p.Status)
	require.Empty(t, p.Confirmed, "confirmations are cleared")
	params, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, f.Ctx.BlockTime().Add(time.Duration(params.ConfirmationDeadlineSeconds)*time.Second), p.ConfirmBy, "the deadline restarts")
	require.Equal(t, uint32(1), p.OpenDisputes)
	require.Equal(t, []string{"kec", "prv", "prv2"}, p.Participants)

	// The escrow went back: prv's settlement account +7050, module account 0.
	after := f.stBalances()
	require.Equal(t, uint64(stFareQP+7_050), after["prv/settle"])
	require.Zero(t, after["module"])
	before["prv/settle"], before["module"] = stFareQP+7_050, 0
	require.Equal(t, before, after)
	has, err := f.Keeper.Escrows.Has(f.Ctx, collections.Join(uint64(1), "prv"))
	require.NoError(t, err)
	require.False(t, has)

	// The shares are disputed in the accruals of the collector prv2.
	require.Equal(t, types.Accrual{PeriodId: 1, Collector: "prv2", Payee: "kec", Amount: 3_450, Disputed: 450}, f.stAccrual(1, "prv2", "kec"))
	require.Equal(t, types.Accrual{PeriodId: 1, Collector: "prv2", Payee: "prv", Amount: 7_800, Disputed: 800}, f.stAccrual(1, "prv2", "prv"))
	require.Equal(t, types.Accrual{PeriodId: 1, Collector: "prv2", Payee: "prv2", Amount: 5_900, Disputed: 1_900}, f.stAccrual(1, "prv2", "prv2"))

	// NetPositions hold the disputed amounts out (by hand):
	//   kec  receivable 10450 + (3450−450) = 13450, payable 1800            → net +11650, disputed_receivable 450
	//   prv  receivable 1200 + (7800−800) = 8200,   payable 16050           → net −7850,  disputed_receivable 800
	//   prv2 receivable 6200, payable (3450−450) + (7800−800) = 10000       → net −3800,  disputed_payable 450+800
	pos := f.stPositions(1)
	require.Equal(t, []types.NetPosition{
		{Operator: "kec", Receivable: 13_450, Payable: 1_800, Net: 11_650, DisputedReceivable: 450},
		{Operator: "prv", Receivable: 8_200, Payable: 16_050, Net: -7_850, DisputedReceivable: 800},
		{Operator: "prv2", Receivable: 6_200, Payable: 10_000, Net: -3_800, DisputedPayable: 1_250},
	}, pos)
	require.Zero(t, stSumNet(pos))

	id, err := f.Keeper.OpenDisputeByTarget.Get(f.Ctx, collections.Join(int32(types.TargetTrip), sc.paidKQ))
	require.NoError(t, err)
	require.Equal(t, uint64(1), id)
	require.Equal(t, &types.EventDisputeOpened{
		DisputeId: 1, Kind: types.DisputeMiscollection, Target: types.TargetTrip, TargetId: sc.paidKQ, PeriodId: 1,
		Amount: stFareKQ, Released: []types.OperatorAmount{stAmt("prv", 7_050)},
	}, stOnlyEvent[*types.EventDisputeOpened](f))
}

// TestOpenDisputeDisputants: who may open a dispute, and on what.
func TestOpenDisputeDisputants(t *testing.T) {
	for _, tc := range []struct {
		name      string
		signer    sdk.AccAddress
		target    types.DisputeTarget
		id        func(stScenario) uint64
		collector string
		amount    uint64
		noDigest  bool
	}{
		{"operator with a share, by a clerk", stClerk("kec"), types.TargetTrip, func(s stScenario) uint64 { return s.paidKQ }, "prv2", stFareKQ, false},
		{"operator with a share, by its settlement account", stSettle("prv"), types.TargetTrip, func(s stScenario) uint64 { return s.paidKQ }, "prv2", stFareKQ, false},
		{"payer of a PAID ACCOUNT trip", stPayer, types.TargetTrip, func(s stScenario) uint64 { return s.paidKQ }, "prv2", stFareKQ, false},
		{"payer of an UNPAID ACCOUNT trip", stPayer2, types.TargetTrip, func(s stScenario) uint64 { return s.unpaidKP }, "prv", stFareKP, false},
		{"payer of a trip with only its collector's share", stPayer, types.TargetTrip, func(s stScenario) uint64 { return s.paidQP }, "prv", stFareQP, false},
		{"operator with a share in a batch", stClerk("prv"), types.TargetBatch, func(s stScenario) uint64 { return s.batchQ }, "prv2", 14_000, false},
		{"without evidence digest", stClerk("prv2"), types.TargetBatch, func(s stScenario) uint64 { return s.batchP }, "prv", 35_000, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := stSetup(t)
			sc := f.stThreeOperators()
			msg := f.stOpenDisputeMsg(tc.signer, tc.target, tc.id(sc))
			if tc.noDigest {
				msg.EvidenceDigest = ""
			}
			before := f.stBalances()
			f.stFreshEvents()

			// ACT
			res, err := f.msg.OpenDispute(f.Ctx, msg)

			// ASSERT
			require.NoError(t, err)
			d := f.stDispute(res.DisputeId)
			require.Equal(t, f.s(tc.signer), d.OpenedBy)
			require.Equal(t, tc.collector, d.Collector)
			require.Equal(t, tc.amount, d.Amount)
			require.Equal(t, msg.EvidenceDigest, d.EvidenceDigest)
			require.Equal(t, types.DisputeOpen, d.Status)
			p := f.stPeriod(1)
			require.Equal(t, types.PeriodOpen, p.Status)
			require.Equal(t, uint32(1), p.OpenDisputes)
			require.Equal(t, before, f.stBalances())
			ev := stOnlyEvent[*types.EventDisputeOpened](f)
			require.Equal(t, tc.amount, ev.Amount)
			require.Empty(t, ev.Released)
		})
	}
}

func TestOpenDisputeRejected(t *testing.T) {
	open := func(f *stFixture, edit func(m *types.MsgOpenDispute), signer sdk.AccAddress, target types.DisputeTarget, id uint64) func() error {
		msg := f.stOpenDisputeMsg(signer, target, id)
		if edit != nil {
			edit(msg)
		}
		return func() error { _, err := f.msg.OpenDispute(f.Ctx, msg); return err }
	}
	// onKQ: kec's clerk disputes the PAID K→Q trip, with the message edited.
	onKQ := func(edit func(m *types.MsgOpenDispute)) func(f *stFixture) func() error {
		return func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			return open(f, edit, stClerk("kec"), types.TargetTrip, sc.paidKQ)
		}
	}
	// by: signer disputes the scenario's target picked by id.
	by := func(signer sdk.AccAddress, target types.DisputeTarget, id func(stScenario) uint64) func(f *stFixture) func() error {
		return func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			return open(f, nil, signer, target, id(sc))
		}
	}
	kq := func(s stScenario) uint64 { return s.paidKQ }
	stRunRejections(t, []stRejection{
		{"kind unspecified", onKQ(func(m *types.MsgOpenDispute) { m.Kind = types.DisputeKindUnspecified }), types.ErrInvalidDispute, ""},
		{"kind unknown", onKQ(func(m *types.MsgOpenDispute) { m.Kind = 9 }), types.ErrInvalidDispute, ""},
		{"target unspecified", onKQ(func(m *types.MsgOpenDispute) { m.Target = types.TargetUnspecified }), types.ErrInvalidDispute, ""},
		{"target unknown", onKQ(func(m *types.MsgOpenDispute) { m.Target = 7 }), types.ErrInvalidDispute, ""},
		{"target id 0", onKQ(func(m *types.MsgOpenDispute) { m.TargetId = 0 }), types.ErrInvalidDispute, ""},
		{"digest uppercase", onKQ(func(m *types.MsgOpenDispute) { m.EvidenceDigest = strings.Repeat("E5", 32) }), types.ErrInvalidDigest, ""},
		{"digest too short", onKQ(func(m *types.MsgOpenDispute) { m.EvidenceDigest = "e5e5" }), types.ErrInvalidDigest, ""},
		{"digest not hex", onKQ(func(m *types.MsgOpenDispute) { m.EvidenceDigest = strings.Repeat("zz", 32) }), types.ErrInvalidDigest, ""},
		{"bad signer address", onKQ(func(m *types.MsgOpenDispute) { m.Signer = "civic1notanaddress" }), sdkerrors.ErrInvalidAddress, ""},
		{"unknown trip", onKQ(func(m *types.MsgOpenDispute) { m.TargetId = 999 }), types.ErrTripNotFound, ""},
		{"unknown batch", onKQ(func(m *types.MsgOpenDispute) { m.Target, m.TargetId = types.TargetBatch, 999 }), types.ErrBatchNotFound, ""},
		{"collector's own member", by(stClerk("prv2"), types.TargetTrip, kq), types.ErrNotDisputant, "is the collector"},
		{"collector's settlement account", by(stSettle("prv2"), types.TargetTrip, kq), types.ErrNotDisputant, ""},
		{"collector of a batch", by(stClerk("prv"), types.TargetBatch, func(s stScenario) uint64 { return s.batchP }), types.ErrNotDisputant, ""},
		{"operator without a share in the trip", by(stClerk("prv2"), types.TargetTrip, func(s stScenario) uint64 { return s.unpaidKP }), types.ErrNotDisputant, "no share"},
		{"operator without a share in the trip (2)", by(stClerk("kec"), types.TargetTrip, func(s stScenario) uint64 { return s.paidQP }), types.ErrNotDisputant, ""},
		{"operator without a share in the batch", func(f *stFixture) func() error {
			f.stThreeOperators()
			b := f.stBatch(stP, stAmt("kec", 100), stAmt("prv", 200))
			return open(f, nil, stClerk("prv2"), types.TargetBatch, b)
		}, types.ErrNotDisputant, ""},
		{"random account that is not the payer", by(stOutsider, types.TargetTrip, kq), types.ErrNotDisputant, ""},
		{"payer of another trip", by(stPayer, types.TargetTrip, func(s stScenario) uint64 { return s.unpaidKP }), types.ErrNotDisputant, ""},
		{"an account on an OFFCHAIN trip", by(stPayer, types.TargetTrip, func(s stScenario) uint64 { return s.offQK }), types.ErrNotDisputant, ""},
		{"an account on a batch", by(stPayer, types.TargetBatch, func(s stScenario) uint64 { return s.batchP }), types.ErrNotDisputant, ""},
		{"member without toll.operator", by(stNoRole, types.TargetTrip, kq), types.ErrNotDisputant, ""},
		{"operator not registered, no share", by(stUnreg, types.TargetTrip, kq), types.ErrNotDisputant, ""},
		{"open dispute exists (another operator)", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			f.stOpenDispute(stClerk("kec"), types.TargetTrip, sc.paidKQ)
			return open(f, nil, stClerk("prv"), types.TargetTrip, sc.paidKQ)
		}, types.ErrDisputeExists, ""},
		{"open dispute exists (the payer)", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			f.stOpenDispute(stClerk("kec"), types.TargetTrip, sc.paidKQ)
			return open(f, nil, stPayer, types.TargetTrip, sc.paidKQ)
		}, types.ErrDisputeExists, ""},
		{"open dispute exists on a batch", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			f.stOpenDispute(stClerk("kec"), types.TargetBatch, sc.batchQ)
			return open(f, nil, stClerk("prv"), types.TargetBatch, sc.batchQ)
		}, types.ErrDisputeExists, ""},
		{"period RECONCILED", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			f.stSubmit(1)
			f.stConfirmAll(1)
			return open(f, nil, stPayer, types.TargetTrip, sc.paidKQ)
		}, types.ErrPeriodNotDisputable, ""},
		{"period RECONCILED at submission", func(f *stFixture) func() error {
			tr := f.stTrip(stK2, stK, stPayer, stFareK2K)
			f.stSubmit(1)
			return open(f, nil, stPayer, types.TargetTrip, tr)
		}, types.ErrPeriodNotDisputable, ""},
		{"period SETTLED", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			f.stSubmit(1)
			f.stConfirmAll(1)
			f.stSettle(1)
			return open(f, nil, stClerk("kec"), types.TargetBatch, sc.batchQ)
		}, types.ErrPeriodNotDisputable, ""},
	})
}

// TestResolveDisputeReject: REJECT restores the accruals unchanged, leaves
// the target alone and resets the SUBMITTED period's confirmations; the
// target takes no second dispute.
func TestResolveDisputeReject(t *testing.T) {
	// ARRANGE
	f := stSetup(t)
	sc := f.stThreeOperators()
	accruals := f.stState().Export.Accruals
	batch := f.stGetBatch(sc.batchP)
	d := f.stOpenDispute(stClerk("kec"), types.TargetBatch, sc.batchP)
	f.stSubmit(1)
	require.Equal(t, types.PeriodSubmitted, f.stPeriod(1).Status)
	require.NotEqual(t, accruals, f.stState().Export.Accruals, "the dispute marked the accruals")
	before := f.stBalances()
	f.stFreshEvents()

	// ACT
	_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stClerk("prv")), DisputeId: d, Outcome: types.OutcomeReject, Reason: "TOTALS_VERIFIED"})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, accruals, f.stState().Export.Accruals, "REJECT restores the accruals exactly")
	require.Equal(t, batch, f.stGetBatch(sc.batchP))
	require.Equal(t, stScenarioPositions(), f.stPositions(1))
	got := f.stDispute(d)
	require.Equal(t, types.DisputeRejected, got.Status)
	require.Equal(t, "TOTALS_VERIFIED", got.Reason)
	require.Zero(t, got.Refund)
	require.Equal(t, f.s(stClerk("prv")), got.ResolvedBy)
	require.Equal(t, f.Ctx.BlockTime(), got.ResolvedAt)
	has, err := f.Keeper.OpenDisputeByTarget.Has(f.Ctx, collections.Join(int32(types.TargetBatch), sc.batchP))
	require.NoError(t, err)
	require.False(t, has)
	p := f.stPeriod(1)
	require.Equal(t, types.PeriodSubmitted, p.Status)
	require.Zero(t, p.OpenDisputes)
	require.Equal(t, []string{"kec", "prv", "prv2"}, p.Participants)
	require.Equal(t, before, f.stBalances())
	require.Equal(t, &types.EventDisputeResolved{DisputeId: d, Status: types.DisputeRejected, Reason: "TOTALS_VERIFIED", PeriodStatus: types.PeriodSubmitted,
		PaidOut: []types.OperatorAmount{}, Released: []types.OperatorAmount{}},
		stOnlyEvent[*types.EventDisputeResolved](f))

	// The target takes no second dispute (finding 2: see TestFinding02*).
	_, err = f.msg.OpenDispute(f.Ctx, f.stOpenDisputeMsg(stClerk("prv2"), types.TargetBatch, sc.batchP))
	require.ErrorIs(t, err, types.ErrDisputeDecided)
}

// TestResolveDisputeRefundPaidTrip: the refund of a PAID ACCOUNT trip moves
// exactly the refund from the collector's settlement account to the payer and
// takes it off the shares pro rata.
func TestResolveDisputeRefundPaidTrip(t *testing.T) {
	// ARRANGE: the payer disputes K→Q (fare 3150 paid to prv2's settlement account).
	f := stSetup(t)
	sc := f.stThreeOperators()
	d := f.stOpenDispute(stPayer, types.TargetTrip, sc.paidKQ)
	f.stSubmit(1)
	before := f.stBalances()
	f.stFreshEvents()

	// ACT
	_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stSettle("prv2")), DisputeId: d, Outcome: types.OutcomeRefund, Refund: 1_000, Reason: "OVERCHARGED"})

	// ASSERT
	require.NoError(t, err)
	after := f.stBalances()
	require.Equal(t, before["prv2/settle"]-1_000, after["prv2/settle"])
	require.Equal(t, before["payer"]+1_000, after["payer"])
	before["prv2/settle"], before["payer"] = after["prv2/settle"], after["payer"]
	require.Equal(t, before, after, "no other account moved")

	// Refund 1000 of 3150 (kec 450, prv 800, prv2 1900):
	//   floor(450×1000/3150)=142, floor(800×1000/3150)=253, floor(1900×1000/3150)=603 → 998,
	//   leftover 2 units to kec and prv → 143, 254, 603.
	tr := f.stGetTrip(sc.paidKQ)
	require.Equal(t, uint64(2_150), tr.Fare)
	require.Equal(t, []types.OperatorAmount{stAmt("kec", 307), stAmt("prv", 546), stAmt("prv2", 1_297)}, tr.Shares)
	require.Equal(t, uint64(1_000), tr.Refunded)
	require.Equal(t, types.PaymentStatusPaid, tr.PaymentStatus)
	require.Equal(t, types.Accrual{PeriodId: 1, Collector: "prv2", Payee: "kec", Amount: 3_450 - 143}, f.stAccrual(1, "prv2", "kec"))
	require.Equal(t, types.Accrual{PeriodId: 1, Collector: "prv2", Payee: "prv", Amount: 7_800 - 254}, f.stAccrual(1, "prv2", "prv"))
	require.Equal(t, types.Accrual{PeriodId: 1, Collector: "prv2", Payee: "prv2", Amount: 5_900 - 603}, f.stAccrual(1, "prv2", "prv2"))
	got := f.stDispute(d)
	require.Equal(t, types.DisputeRefunded, got.Status)
	require.Equal(t, uint64(1_000), got.Refund)
	require.Equal(t, "OVERCHARGED", got.Reason)
	require.Equal(t, uint64(stFareKQ), got.Amount, "the dispute keeps the amount it was opened for")
	p := f.stPeriod(1)
	require.Equal(t, types.PeriodSubmitted, p.Status)
	require.Equal(t, []string{"kec", "prv", "prv2"}, p.Participants)
	require.Equal(t, &types.EventDisputeResolved{DisputeId: d, Status: types.DisputeRefunded, Refund: 1_000, Reason: "OVERCHARGED", PeriodStatus: types.PeriodSubmitted,
		PaidOut: []types.OperatorAmount{}, Released: []types.OperatorAmount{}},
		stOnlyEvent[*types.EventDisputeResolved](f))
}

// TestResolveDisputeRefundRounding: README section 2 — floor(s_i×R/F) from
// each share, then the leftover units one each in operator order; shares
// that reach zero are dropped. Trip K→Q (OFFCHAIN, no coins): F = 3150,
// shares kec 450, prv 800, prv2 1900.
func TestResolveDisputeRefundRounding(t *testing.T) {
	for _, tc := range []struct {
		name       string
		refund     uint64
		reductions [3]uint64 // kec, prv, prv2
		remaining  []types.OperatorAmount
	}{
		// floor: 0, 0, 0; leftover 1 → kec.
		{"R=1", 1, [3]uint64{1, 0, 0}, []types.OperatorAmount{stAmt("kec", 449), stAmt("prv", 800), stAmt("prv2", 1_900)}},
		// floor: 900/3150=0, 1600/3150=0, 3800/3150=1; leftover 1 → kec.
		{"R=2", 2, [3]uint64{1, 0, 1}, []types.OperatorAmount{stAmt("kec", 449), stAmt("prv", 800), stAmt("prv2", 1_899)}},
		// floor: 14.28→14, 25.39→25, 60.31→60 = 99; leftover 1 → kec.
		{"R=100", 100, [3]uint64{15, 25, 60}, []types.OperatorAmount{stAmt("kec", 435), stAmt("prv", 775), stAmt("prv2", 1_840)}},
		// floor: 142.86→142, 253.97→253, 603.17→603 = 998; leftover 2 → kec, prv.
		{"R=1000", 1_000, [3]uint64{143, 254, 603}, []types.OperatorAmount{stAmt("kec", 307), stAmt("prv", 546), stAmt("prv2", 1_297)}},
		// floor: 315, 560, 1330 = 2205 exactly; no leftover.
		{"R=2205 divides evenly", 2_205, [3]uint64{315, 560, 1_330}, []types.OperatorAmount{stAmt("kec", 135), stAmt("prv", 240), stAmt("prv2", 570)}},
		// floor: 449.86→449, 799.75→799, 1899.40→1899 = 3147; leftover 2 → kec, prv:
		// kec and prv reach zero and are dropped.
		{"R=3149", 3_149, [3]uint64{450, 800, 1_899}, []types.OperatorAmount{stAmt("prv2", 1)}},
		{"R=F", stFareKQ, [3]uint64{450, 800, 1_900}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := stSetup(t)
			kq := f.stTrip(stK, stQ, nil, stFareKQ)
			d := f.stOpenDispute(stClerk("kec"), types.TargetTrip, kq)
			before := f.stBalances()

			// ACT: prv2's clerk refunds (an OFFCHAIN trip moves no coins, so any member may).
			_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stClerk("prv2")), DisputeId: d, Outcome: types.OutcomeRefund, Refund: tc.refund})

			// ASSERT
			require.NoError(t, err)
			tr := f.stGetTrip(kq)
			require.Equal(t, stFareKQ-tc.refund, tr.Fare)
			require.Equal(t, tc.remaining, tr.Shares)
			require.Equal(t, tc.refund, tr.Refunded)
			require.Equal(t, tc.refund, tc.reductions[0]+tc.reductions[1]+tc.reductions[2], "the test's reductions sum to the refund")
			for i, sh := range []uint64{450, 800, 1_900} {
				a := f.stAccrual(1, "prv2", stOps[i])
				require.Equal(t, sh-tc.reductions[i], a.Amount, "accrual prv2 → %s", stOps[i])
				require.Zero(t, a.Disputed)
			}
			require.Equal(t, before, f.stBalances())
			require.Equal(t, types.PeriodOpen, f.stPeriod(1).Status)
			require.Zero(t, f.stPeriod(1).OpenDisputes)
		})
	}
}

// TestResolveDisputeRefundBatch: a batch refund takes the refund off its
// totals pro rata and moves no coins.
func TestResolveDisputeRefundBatch(t *testing.T) {
	// ARRANGE: kec disputes the batch at P (kec 10000, prv 20000, prv2 5000; total 35000).
	f := stSetup(t)
	sc := f.stThreeOperators()
	d := f.stOpenDispute(stClerk("kec"), types.TargetBatch, sc.batchP)
	before := f.stBalances()

	// ACT
	_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stClerk("prv")), DisputeId: d, Outcome: types.OutcomeRefund, Refund: 1_000})

	// ASSERT: floor(10000×1000/35000)=285, floor(20000×1000/35000)=571,
	// floor(5000×1000/35000)=142 → 998; leftover 2 → kec 286, prv 572.
	require.NoError(t, err)
	b := f.stGetBatch(sc.batchP)
	require.Equal(t, uint64(34_000), b.Total)
	require.Equal(t, uint64(1_000), b.Refunded)
	require.Equal(t, []types.OperatorAmount{stAmt("kec", 9_714), stAmt("prv", 19_428), stAmt("prv2", 4_858)}, b.Totals)
	require.Equal(t, uint64(10_450-286), f.stAccrual(1, "prv", "kec").Amount)
	require.Equal(t, uint64(5_600-142), f.stAccrual(1, "prv", "prv2").Amount)
	require.Equal(t, before, f.stBalances())
	// Positions: kec receivable 13900−286 = 13614; prv payable 16050−286−142 = 15622; prv2 receivable 6200−142 = 6058.
	require.Equal(t, []types.NetPosition{
		{Operator: "kec", Receivable: 13_614, Payable: 1_800, Net: 11_814},
		{Operator: "prv", Receivable: 9_000, Payable: 15_622, Net: -6_622},
		{Operator: "prv2", Receivable: 6_058, Payable: 11_250, Net: -5_192},
	}, f.stPositions(1))
}

// TestResolveDisputeRefundUnpaidTrip: refunding an UNPAID trip moves no
// coins; refunded to 0 it becomes PAID and leaves UnpaidTrips.
func TestResolveDisputeRefundUnpaidTrip(t *testing.T) {
	for _, tc := range []struct {
		name   string
		refund uint64
		status types.PaymentStatus
		unpaid bool
		shares []types.OperatorAmount
	}{
		// 1000 of 1950 (kec 450, prv 1500): floor 230.77→230, 769.23→769 = 999; leftover 1 → kec 231.
		{"partial refund stays UNPAID", 1_000, types.PaymentStatusUnpaid, true, []types.OperatorAmount{stAmt("kec", 219), stAmt("prv", 731)}},
		{"refund to 0 becomes PAID", stFareKP, types.PaymentStatusPaid, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE: stPayer2 disputes its UNPAID K→P trip.
			f := stSetup(t)
			sc := f.stThreeOperators()
			key := collections.Join(stPayer2, sc.unpaidKP)
			has, err := f.Keeper.UnpaidTrips.Has(f.Ctx, key)
			require.NoError(t, err)
			require.True(t, has)
			d := f.stOpenDispute(stPayer2, types.TargetTrip, sc.unpaidKP)
			before := f.stBalances()

			// ACT: prv's clerk (not its settlement account) refunds: nothing was paid.
			_, err = f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stClerk("prv")), DisputeId: d, Outcome: types.OutcomeRefund, Refund: tc.refund})

			// ASSERT
			require.NoError(t, err)
			tr := f.stGetTrip(sc.unpaidKP)
			require.Equal(t, tc.status, tr.PaymentStatus)
			require.Equal(t, stFareKP-tc.refund, tr.Fare)
			require.Equal(t, tc.shares, tr.Shares)
			if tc.unpaid {
				require.Equal(t, types.UnpaidNoSpendingLimit, tr.UnpaidReason)
			} else {
				require.Equal(t, types.UnpaidReasonUnspecified, tr.UnpaidReason)
			}
			has, err = f.Keeper.UnpaidTrips.Has(f.Ctx, key)
			require.NoError(t, err)
			require.Equal(t, tc.unpaid, has)
			require.Equal(t, before, f.stBalances(), "refunding an unpaid trip moves no coins")
		})
	}
}

// TestDisputeLifecycle: a SUBMITTED period stays SUBMITTED through two
// disputes; each change of its totals (an opening, a decision) recomputes the
// participants and every participant must confirm again, the net payer
// escrowing its new net.
func TestDisputeLifecycle(t *testing.T) {
	// ARRANGE: submitted; prv confirmed and escrowed 7050.
	f := stSetup(t)
	sc := f.stThreeOperators()
	f.stSubmit(1)
	f.Fund(t, stSettle("prv"), stDenom, 7_050)
	prvFunds := f.Balance(stSettle("prv"), stDenom)
	f.stConfirm(1, "prv")
	require.Equal(t, prvFunds-7_050, f.Balance(stSettle("prv"), stDenom))

	// Dispute A (kec on K→Q, collector prv2): still SUBMITTED, escrow released.
	a := f.stOpenDispute(stClerk("kec"), types.TargetTrip, sc.paidKQ)
	require.Equal(t, types.PeriodSubmitted, f.stPeriod(1).Status)
	require.Equal(t, prvFunds, f.Balance(stSettle("prv"), stDenom))
	// Dispute B (prv on the batch at Q, collector prv2): nothing more released.
	f.stFreshEvents()
	b := f.stOpenDispute(stClerk("prv"), types.TargetBatch, sc.batchQ)
	require.Empty(t, stOnlyEvent[*types.EventDisputeOpened](f).Released)
	require.Equal(t, uint32(2), f.stPeriod(1).OpenDisputes)

	// Resolving A leaves B open: SUBMITTED, and kec may confirm around B.
	f.stRefund(a, 1_000)
	p := f.stPeriod(1)
	require.Equal(t, types.PeriodSubmitted, p.Status)
	require.Equal(t, uint32(1), p.OpenDisputes)
	f.stConfirm(1, "kec")

	// ACT: deciding B changes the totals again: confirmations are cleared.
	f.stFreshEvents()
	f.stReject(b)

	// ASSERT
	require.Equal(t, types.PeriodSubmitted, stOnlyEvent[*types.EventDisputeResolved](f).PeriodStatus)
	p = f.stPeriod(1)
	require.Equal(t, types.PeriodSubmitted, p.Status)
	require.Zero(t, p.OpenDisputes)
	require.Equal(t, []string{"kec", "prv", "prv2"}, p.Participants)
	require.Empty(t, p.Confirmed, "prv confirmed before the disputes: it must confirm again")
	// The refund of A changed the nets (see TestSettlementAfterRefundedDispute):
	// prv now pays 7304, and confirming with the old totals fails.
	require.Equal(t, int64(-7_304), f.stPosition(1, "prv").Net)
	_, err := f.msg.ConfirmPeriod(f.Ctx, &types.MsgConfirmPeriod{Signer: f.s(stSettle("prv")), PeriodId: 1, Receivable: 9_000, Payable: 16_050})
	require.ErrorIs(t, err, types.ErrTotalsMismatch)
	f.Fund(t, stSettle("prv"), stDenom, 7_304-7_050)
	res := f.stConfirm(1, "prv")
	require.Equal(t, uint64(7_304), res.Escrowed)
	require.Equal(t, prvFunds-7_050, f.Balance(stSettle("prv"), stDenom))
	require.Equal(t, uint64(7_304), f.Balance(f.stModule(), stDenom))
	f.stConfirm(1, "kec")
	f.Fund(t, stSettle("prv2"), stDenom, 4_653)
	require.Equal(t, types.PeriodReconciled, f.stConfirm(1, "prv2").Status)
}

func TestResolveDisputeRejected(t *testing.T) {
	resolve := func(f *stFixture, signer sdk.AccAddress, id uint64, outcome types.DisputeOutcome, refund uint64, reason string) func() error {
		return func() error {
			_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(signer), DisputeId: id, Outcome: outcome, Refund: refund, Reason: reason})
			return err
		}
	}
	// onKQ opens kec's dispute on the PAID K→Q trip (collector prv2, fare
	// 3150) and returns its id.
	onKQ := func(f *stFixture) uint64 {
		sc := f.stThreeOperators()
		return f.stOpenDispute(stClerk("kec"), types.TargetTrip, sc.paidKQ)
	}
	// prv2 resolves dispute d, signed by its settlement account (which holds the 3150 fare).
	prv2 := func(outcome types.DisputeOutcome, refund uint64, reason string) func(f *stFixture) func() error {
		return func(f *stFixture) func() error {
			return resolve(f, stSettle("prv2"), onKQ(f), outcome, refund, reason)
		}
	}
	stRunRejections(t, []stRejection{
		{"unknown dispute", func(f *stFixture) func() error {
			onKQ(f)
			return resolve(f, stSettle("prv2"), 2, types.OutcomeReject, 0, "NO")
		}, types.ErrDisputeNotFound, ""},
		{"dispute already rejected", func(f *stFixture) func() error {
			d := onKQ(f)
			f.stReject(d)
			return resolve(f, stSettle("prv2"), d, types.OutcomeRefund, 10, "")
		}, types.ErrDisputeResolved, ""},
		{"dispute already refunded", func(f *stFixture) func() error {
			d := onKQ(f)
			f.stRefund(d, 10)
			return resolve(f, stSettle("prv2"), d, types.OutcomeRefund, 10, "")
		}, types.ErrDisputeResolved, ""},
		{"the counterparty that opened it", func(f *stFixture) func() error {
			return resolve(f, stClerk("kec"), onKQ(f), types.OutcomeReject, 0, "NO")
		}, types.ErrWrongOperator, ""},
		{"another operator with a share", func(f *stFixture) func() error {
			return resolve(f, stSettle("prv"), onKQ(f), types.OutcomeRefund, 100, "")
		}, types.ErrWrongOperator, ""},
		{"REJECT without reason", prv2(types.OutcomeReject, 0, ""), types.ErrInvalidReason, ""},
		{"REJECT with lowercase reason", prv2(types.OutcomeReject, 0, "wrong"), types.ErrInvalidReason, ""},
		{"REJECT with too long a reason", prv2(types.OutcomeReject, 0, strings.Repeat("A", 65)), types.ErrInvalidReason, ""},
		{"REJECT with refund", prv2(types.OutcomeReject, 5, "NO"), types.ErrInvalidRefund, ""},
		{"REFUND of 0", prv2(types.OutcomeRefund, 0, ""), types.ErrInvalidRefund, ""},
		{"REFUND of more than the fare", prv2(types.OutcomeRefund, stFareKQ+1, ""), types.ErrInvalidRefund, "more than"},
		{"REFUND with an invalid reason", prv2(types.OutcomeRefund, 100, "bad reason"), types.ErrInvalidReason, ""},
		{"outcome unspecified", prv2(types.OutcomeUnspecified, 0, "NO"), types.ErrInvalidDispute, ""},
		{"outcome unknown", prv2(5, 0, "NO"), types.ErrInvalidDispute, ""},
		{"REFUND of more than a batch's total", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			d := f.stOpenDispute(stClerk("kec"), types.TargetBatch, sc.batchP)
			return resolve(f, stClerk("prv"), d, types.OutcomeRefund, 35_001, "")
		}, types.ErrInvalidRefund, ""},
		{"refund of a PAID trip signed by a member that is not the settlement account", func(f *stFixture) func() error {
			return resolve(f, stClerk("prv2"), onKQ(f), types.OutcomeRefund, 100, "")
		}, types.ErrNotSettlementAccount, ""},
		{"refund of a PAID trip without the funds", func(f *stFixture) func() error {
			d := onKQ(f)
			// prv2's settlement account holds the fare (3150); keep 99.
			require.NoError(f.t, f.Bank.SendCoins(f.Ctx, stSettle("prv2"), stSink, sdk.NewCoins(sdk.NewInt64Coin(stDenom, stFareKQ-99))))
			return resolve(f, stSettle("prv2"), d, types.OutcomeRefund, 100, "")
		}, types.ErrInsufficientFunds, ""},
		{"signer without toll.operator", func(f *stFixture) func() error {
			return resolve(f, stNoRole, onKQ(f), types.OutcomeReject, 0, "NO")
		}, agencytypes.ErrRoleNotHeld, ""},
		{"agency not registered as operator", func(f *stFixture) func() error {
			return resolve(f, stUnreg, onKQ(f), types.OutcomeReject, 0, "NO")
		}, types.ErrOperatorNotRegistered, ""},
		{"bad signer address", func(f *stFixture) func() error {
			d := onKQ(f)
			return func() error {
				_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: "civic1notanaddress", DisputeId: d, Outcome: types.OutcomeReject, Reason: "NO"})
				return err
			}
		}, sdkerrors.ErrInvalidAddress, ""},
	})
}
