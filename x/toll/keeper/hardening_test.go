package keeper_test

import (
	"math"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// Tests of issue 11's settlement findings: each tries the attack and checks
// it is refused with the registered error, nothing is written and no coin
// moves (stRunRejections), then the new success paths.

// stParams edits the params in place (an ARRANGE step standing for governance).
func (f *stFixture) stParams(edit func(*types.Params)) {
	f.t.Helper()
	p, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(f.t, err)
	edit(&p)
	require.NoError(f.t, p.Validate())
	require.NoError(f.t, f.Keeper.Params.Set(f.Ctx, p))
}

// stBatchMsg is a batch of count trips at plaza signed by its operator's clerk.
func (f *stFixture) stBatchMsg(plaza string, count uint64, totals ...types.OperatorAmount) *types.MsgSubmitTripBatch {
	stBatchSeq++
	return &types.MsgSubmitTripBatch{
		Signer: f.s(stClerk(stCollector(plaza))), PlazaId: plaza,
		MerkleRoot: stRoot(stBatchSeq), Count: count, Totals: totals,
	}
}

func stRoot(n int) string {
	const hexdigits = "0123456789abcdef"
	b := make([]byte, 64)
	for i := range b {
		b[i] = '0'
	}
	for i := 63; n > 0 && i >= 0; i-- {
		b[i] = hexdigits[n%16]
		n /= 16
	}
	return string(b)
}

// stLate moves the block time past the period's confirmation deadline.
func (f *stFixture) stLate(period uint64) {
	f.Ctx = f.Ctx.WithBlockTime(f.stPeriod(period).ConfirmBy)
}

// TestFinding01BatchTotalsBounded: a batch declaring totals that make an
// operator owe about 2^63 is refused: its total is bounded by count x
// max_trip_fare, each operator's total by count x the most its tariff charges
// one trip on the plaza's route, and what a collector and a period accrue by
// max_period_accrual and max_period_total.
func TestFinding01BatchTotalsBounded(t *testing.T) {
	submit := func(f *stFixture, msg *types.MsgSubmitTripBatch) func() error {
		return func() error { _, err := f.msg.SubmitTripBatch(f.Ctx, msg); return err }
	}
	// prv's tariff (class 5: base 5 500, 400/km) on route A1 (30 km): at most
	// 5 500 + 12 000 = 17 500 a trip when prv collects, 12 000 when it does not.
	stRunRejections(t, []stRejection{
		{"prv owes kec about 2^63", func(f *stFixture) func() error {
			return submit(f, f.stBatchMsg(stP, 1_000, stAmt("kec", 1<<63)))
		}, types.ErrInvalidBatch, "max_trip_fare"},
		{"total beyond count x max_trip_fare", func(f *stFixture) func() error {
			f.stParams(func(p *types.Params) { p.MaxTripFare = 10 })
			return submit(f, f.stBatchMsg(stK, 3, stAmt("kec", 31)))
		}, types.ErrInvalidBatch, "max_trip_fare"},
		{"a share beyond count x the tariff's most for one trip", func(f *stFixture) func() error {
			// kec's part of a trip at P is at most 250/km x 30 km = 7 500 (no base fee: prv collects)
			return submit(f, f.stBatchMsg(stP, 2, stAmt("kec", 15_001), stAmt("prv", 10)))
		}, types.ErrInvalidBatch, "operator kec's total 15001 exceeds 2 trips x 7500"},
		{"beyond max_period_accrual", func(f *stFixture) func() error {
			f.stParams(func(p *types.Params) { p.MaxPeriodAccrual = 20_000 })
			f.stBatch(stP, stAmt("kec", 10_000), stAmt("prv", 9_000))
			return submit(f, f.stBatchMsg(stP, 10, stAmt("kec", 1_001)))
		}, types.ErrPeriodCapExceeded, "max_period_accrual"},
		{"beyond max_period_total", func(f *stFixture) func() error {
			f.stParams(func(p *types.Params) { p.MaxPeriodTotal, p.MaxPeriodAccrual = 30_000, 30_000 })
			f.stBatch(stP, stAmt("kec", 10_000), stAmt("prv", 15_000))
			return submit(f, f.stBatchMsg(stQ, 10, stAmt("kec", 5_001)))
		}, types.ErrPeriodCapExceeded, "max_period_total"},
	})
}

// TestFinding01FullPeriodNets fills a period to the hard bound 2^62 and nets,
// confirms and settles it: stored data cannot make netting overflow.
func TestFinding01FullPeriodNets(t *testing.T) {
	// ARRANGE: the largest params; prv's tariff version 2, an hour's notice,
	// charges the largest per-km rate params allow (10^12/km).
	f := stSetup(t)
	f.stParams(func(p *types.Params) {
		p.MaxTripFare, p.MaxPeriodTotal, p.MaxPeriodAccrual, p.MaxBatchTrips = types.MaxMaxTripFare, types.MaxPeriodTotal, types.MaxPeriodTotal, types.MaxMaxBatchTrips
		p.TariffMinNoticeSeconds = 3600
		for c := range p.MaxRates {
			p.MaxRates[c].PerKm = types.MaxMaxPerKm
		}
	})
	rates := make([]types.ClassRate, 5)
	for c := range rates {
		rates[c] = types.ClassRate{VehicleClass: uint32(c + 1), BaseFee: 1, PerKm: types.MaxMaxPerKm}
	}
	from := f.Ctx.BlockTime().Add(time.Hour)
	_, err := f.msg.SetTariff(f.Ctx, &types.MsgSetTariff{Signer: f.s(stSettle("prv")), EffectiveFrom: from, Rates: rates})
	require.NoError(t, err)
	f.Ctx = f.Ctx.WithBlockTime(from)
	full := types.MaxPeriodTotal
	_, err = f.msg.SubmitTripBatch(f.Ctx, f.stBatchMsg(stK, types.MaxMaxBatchTrips, stAmt("prv", full)))
	require.NoError(t, err)
	// The period is full: not one unit more.
	state := f.stState()
	_, err = f.msg.SubmitTripBatch(f.Ctx, f.stBatchMsg(stP, 1, stAmt("prv", 1)))
	require.ErrorIs(t, err, types.ErrPeriodCapExceeded)
	require.Equal(t, state, f.stState())

	// ACT
	positions := f.stPositions(1)
	f.stSubmit(1)
	f.Fund(t, stSettle("kec"), stDenom, full)
	f.stConfirmAll(1)
	res := f.stSettle(1)

	// ASSERT
	require.Equal(t, []types.NetPosition{
		{Operator: "kec", Payable: full, Net: -int64(full)},
		{Operator: "prv", Receivable: full, Net: int64(full)},
	}, positions)
	require.Equal(t, []types.OperatorAmount{stAmt("prv", full)}, res.PaidOut)
	require.Equal(t, full, f.Balance(stSettle("prv"), stDenom))
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
}

// TestFinding02OneDisputePerTarget: after the collector rejects a dispute,
// neither the payer nor anyone else opens another on the same trip.
func TestFinding02OneDisputePerTarget(t *testing.T) {
	stRunRejections(t, []stRejection{
		{"the payer again after a rejection", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			f.stSubmit(1)
			f.stReject(f.stOpenDispute(stPayer, types.TargetTrip, sc.paidKQ))
			return func() error {
				_, err := f.msg.OpenDispute(f.Ctx, f.stOpenDisputeMsg(stPayer, types.TargetTrip, sc.paidKQ))
				return err
			}
		}, types.ErrDisputeDecided, "MsgAppealDispute"},
		{"another operator after a refund", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			f.stRefund(f.stOpenDispute(stPayer, types.TargetTrip, sc.paidKQ), 10)
			return func() error {
				_, err := f.msg.OpenDispute(f.Ctx, f.stOpenDisputeMsg(stClerk("kec"), types.TargetTrip, sc.paidKQ))
				return err
			}
		}, types.ErrDisputeDecided, ""},
	})
}

// TestFinding02PeriodSettlesAroundOpenDispute: a period with an open dispute
// is confirmed and settled; the collector escrows its disputed payable at
// confirmation and, when it decides the dispute after the settlement, the
// held escrow pays the payees their shares less the refund.
func TestFinding02PeriodSettlesAroundOpenDispute(t *testing.T) {
	// ARRANGE: the payer disputes K→Q (prv2 collects: kec 450, prv 800, prv2 1900).
	f := stSetup(t)
	sc := f.stThreeOperators()
	d := f.stOpenDispute(stPayer, types.TargetTrip, sc.paidKQ)
	require.Equal(t, types.PeriodSubmitted, f.stSubmit(1).Status)
	require.Equal(t, uint64(1_250), f.stPosition(1, "prv2").DisputedPayable)

	// ACT 1: everybody confirms; prv2 escrows its net and its disputed payable.
	f.stFundNetPayers(1)
	f.Fund(t, stSettle("prv2"), stDenom, 1_250)
	f.stConfirmAll(1)
	require.Equal(t, uint64(1_250), f.stPosition(1, "prv2").Held)
	f.stSettle(1)
	require.Equal(t, types.PeriodSettled, f.stPeriod(1).Status)
	require.Equal(t, uint64(1_250), f.Balance(f.stModule(), stDenom), "the held escrow stays")
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
	before := f.stBalances()
	positions := f.stPositions(1)

	// ACT 2: prv2 refunds 1000 (kec −143, prv −254, prv2 −603) after the settlement.
	f.stFreshEvents()
	f.stRefund(d, 1_000)

	// ASSERT: kec gets 450−143, prv 800−254, prv2 the rest of the 1250; the payer 1000.
	after := f.stBalances()
	require.Equal(t, before["kec/settle"]+307, after["kec/settle"])
	require.Equal(t, before["prv/settle"]+546, after["prv/settle"])
	require.Equal(t, before["prv2/settle"]+143+254-1_000, after["prv2/settle"])
	require.Equal(t, before["payer"]+1_000, after["payer"])
	require.Zero(t, after["module"])
	ev := stOnlyEvent[*types.EventDisputeResolved](f)
	require.Equal(t, []types.OperatorAmount{stAmt("kec", 307), stAmt("prv", 546)}, ev.PaidOut)
	for i, pos := range f.stPositions(1) {
		require.Equal(t, positions[i].Net, pos.Net, "the settled nets do not move")
		require.Equal(t, positions[i].Receivable, pos.Receivable)
		require.Equal(t, positions[i].Payable, pos.Payable)
	}
	has, err := f.Keeper.HeldEscrows.Has(f.Ctx, collections.Join(uint64(1), "prv2"))
	require.NoError(t, err)
	require.False(t, has)
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
}

// TestFinding02AppealDecidedByGovernance: the disputant appeals a rejection
// once, within the appeal window; only governance decides the appeal, and its
// decision is final.
func TestFinding02AppealDecidedByGovernance(t *testing.T) {
	appeal := func(f *stFixture, signer string, id uint64) func() error {
		return func() error {
			_, err := f.msg.AppealDispute(f.Ctx, &types.MsgAppealDispute{Signer: signer, DisputeId: id})
			return err
		}
	}
	// rejected: kec's dispute on batch P (collector prv), rejected by prv.
	rejected := func(f *stFixture) uint64 {
		sc := f.stThreeOperators()
		d := f.stOpenDispute(stClerk("kec"), types.TargetBatch, sc.batchP)
		f.stReject(d)
		return d
	}
	stRunRejections(t, []stRejection{
		{"an OPEN dispute", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			return appeal(f, f.s(stClerk("kec")), f.stOpenDispute(stClerk("kec"), types.TargetBatch, sc.batchP))
		}, types.ErrNotAppealable, ""},
		{"by the collector", func(f *stFixture) func() error {
			return appeal(f, f.s(stClerk("prv")), rejected(f))
		}, types.ErrNotDisputant, ""},
		{"after the window", func(f *stFixture) func() error {
			d := rejected(f)
			f.Ctx = f.Ctx.WithBlockTime(f.Ctx.BlockTime().Add(time.Duration(types.DefaultAppealWindowSeconds+1) * time.Second))
			return appeal(f, f.s(stClerk("kec")), d)
		}, types.ErrNotAppealable, "appeal_window_seconds"},
		{"a second time", func(f *stFixture) func() error {
			d := rejected(f)
			require.NoError(f.t, appeal(f, f.s(stSettle("kec")), d)())
			_, err := f.msg.DecideDispute(f.Ctx, &types.MsgDecideDispute{Authority: f.s(testkeeper.AgencyAuthority()), DisputeId: d, Outcome: types.OutcomeReject, Reason: "UPHELD"})
			require.NoError(f.t, err)
			return appeal(f, f.s(stClerk("kec")), d)
		}, types.ErrNotAppealable, "final"},
		{"the respondent resolving an appeal", func(f *stFixture) func() error {
			d := rejected(f)
			require.NoError(f.t, appeal(f, f.s(stClerk("kec")), d)())
			return func() error {
				_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stClerk("prv")), DisputeId: d, Outcome: types.OutcomeReject, Reason: "NO"})
				return err
			}
		}, types.ErrDisputeResolved, "governance"},
		{"a decision not by the authority", func(f *stFixture) func() error {
			d := rejected(f)
			require.NoError(f.t, appeal(f, f.s(stClerk("kec")), d)())
			return func() error {
				_, err := f.msg.DecideDispute(f.Ctx, &types.MsgDecideDispute{Authority: f.s(stClerk("kec")), DisputeId: d, Outcome: types.OutcomeRefund, Refund: 1})
				return err
			}
		}, govtypes.ErrInvalidSigner, ""},
	})

	// Success: appeal, then governance refunds 5000 of batch P's 35 000.
	f := stSetup(t)
	s := f.stThreeOperators()
	d := f.stOpenDispute(stClerk("kec"), types.TargetBatch, s.batchP)
	f.stReject(d)
	require.NoError(t, appeal(f, f.s(stClerk("kec")), d)())
	require.Equal(t, types.DisputeAppealed, f.stDispute(d).Status)
	require.Equal(t, uint32(1), f.stPeriod(1).OpenDisputes)
	require.Equal(t, uint64(10_000), f.stAccrual(1, "prv", "kec").Disputed, "batch P's kec share is held again")
	_, err := f.msg.DecideDispute(f.Ctx, &types.MsgDecideDispute{Authority: f.s(testkeeper.AgencyAuthority()), DisputeId: d, Outcome: types.OutcomeRefund, Refund: 5_000})
	require.NoError(t, err)
	got := f.stDispute(d)
	require.Equal(t, types.DisputeRefunded, got.Status)
	require.Equal(t, uint64(5_000), got.Refund)
	require.Equal(t, f.s(testkeeper.AgencyAuthority()), got.ResolvedBy)
	require.Equal(t, uint64(30_000), f.stGetBatch(s.batchP).Total)
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
}

// TestFinding03TariffDispute: the collector contests another operator's
// share (its tariff); that operator decides once (appealable to governance);
// a refund moves part of its share to the collector's, the fare unchanged.
func TestFinding03TariffDispute(t *testing.T) {
	tariff := func(f *stFixture, signer string, trip uint64, share string) *types.MsgOpenDispute {
		m := f.stOpenDisputeMsg(stClerk("kec"), types.TargetTrip, trip)
		m.Signer, m.Kind, m.ShareOperator = signer, types.DisputeTariff, share
		return m
	}
	open := func(f *stFixture, m *types.MsgOpenDispute) func() error {
		return func() error { _, err := f.msg.OpenDispute(f.Ctx, m); return err }
	}
	stRunRejections(t, []stRejection{
		{"a payee contesting another share", func(f *stFixture) func() error {
			sc := f.stThreeOperators() // Q→K: kec collects; prv 800, prv2 600
			return open(f, tariff(f, f.s(stClerk("prv")), sc.offQK, "prv2"))
		}, types.ErrNotDisputant, "only the collector"},
		{"the collector's own share", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			return open(f, tariff(f, f.s(stClerk("kec")), sc.offQK, "kec"))
		}, types.ErrNotDisputant, ""},
		{"an operator without a share", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			return open(f, tariff(f, f.s(stClerk("kec")), sc.offPK, "prv2")) // P→K: kec, prv only
		}, types.ErrNotDisputant, ""},
		{"share_operator on another kind", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			m := tariff(f, f.s(stClerk("kec")), sc.offQK, "prv")
			m.Kind = types.DisputeMiscollection
			return open(f, m)
		}, types.ErrInvalidDispute, "share_operator"},
		{"the collector deciding its own tariff dispute", func(f *stFixture) func() error {
			sc := f.stThreeOperators()
			res, err := f.msg.OpenDispute(f.Ctx, tariff(f, f.s(stClerk("kec")), sc.offQK, "prv"))
			require.NoError(f.t, err)
			return func() error {
				_, err := f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stSettle("kec")), DisputeId: res.DisputeId, Outcome: types.OutcomeRefund, Refund: 1})
				return err
			}
		}, types.ErrWrongOperator, "decided by prv"},
	})

	// Success: kec contests prv's 800 of Q→K; only that share is held out.
	f := stSetup(t)
	s := f.stThreeOperators()
	res, err := f.msg.OpenDispute(f.Ctx, tariff(f, f.s(stClerk("kec")), s.offQK, "prv"))
	require.NoError(t, err)
	d := f.stDispute(res.DisputeId)
	require.Equal(t, "prv", d.Respondent)
	require.Equal(t, "kec", d.Disputant)
	require.Equal(t, uint64(800), d.Amount)
	require.Equal(t, uint64(800), f.stAccrual(1, "kec", "prv").Disputed)
	require.Zero(t, f.stAccrual(1, "kec", "prv2").Disputed)
	before := f.stBalances()
	// prv decides: 300 of its share was computed wrongly.
	_, err = f.msg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Signer: f.s(stClerk("prv")), DisputeId: d.Id, Outcome: types.OutcomeRefund, Refund: 300, Reason: "TARIFF_V1_APPLIED"})
	require.NoError(t, err)
	tr := f.stGetTrip(s.offQK)
	require.Equal(t, uint64(stFareQK), tr.Fare, "the fare is unchanged")
	require.Zero(t, tr.Refunded)
	require.Equal(t, []types.OperatorAmount{stAmt("kec", 1_650), stAmt("prv", 500), stAmt("prv2", 600)}, tr.Shares)
	require.Equal(t, types.Accrual{PeriodId: 1, Collector: "kec", Payee: "prv", Amount: 1_200 - 300}, f.stAccrual(1, "kec", "prv"))
	require.Equal(t, uint64(1_350+1_250+1_350+300), f.stAccrual(1, "kec", "kec").Amount)
	require.Equal(t, before, f.stBalances(), "a TARIFF decision moves no coins")
	// The collector may appeal it once.
	_, err = f.msg.AppealDispute(f.Ctx, &types.MsgAppealDispute{Signer: f.s(stClerk("kec")), DisputeId: d.Id})
	require.NoError(t, err)
	require.Equal(t, uint64(500), f.stAccrual(1, "kec", "prv").Disputed)
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
}

// TestFinding04ConfirmationDeadline: a participant that never confirms (or
// whose agency is not ACTIVE) does not lock the others' escrow: after the
// deadline (at once for an inactive agency) the period settles without it.
func TestFinding04ConfirmationDeadline(t *testing.T) {
	// prv (net −7050) never confirms; kec and prv2 (net −5050) do.
	arrange := func(f *stFixture) {
		f.stThreeOperators()
		f.stSubmit(1)
		f.stFundNetPayers(1)
		f.stConfirm(1, "kec")
		f.stConfirm(1, "prv2")
	}
	settle := func(f *stFixture) func() error {
		return func() error {
			_, err := f.msg.SettlePeriod(f.Ctx, &types.MsgSettlePeriod{Signer: f.s(stClerk("kec")), PeriodId: 1})
			return err
		}
	}
	stRunRejections(t, []stRejection{
		{"before the deadline, the silent participant ACTIVE", func(f *stFixture) func() error {
			arrange(f)
			f.Ctx = f.Ctx.WithBlockTime(f.stPeriod(1).ConfirmBy.Add(-time.Second))
			return settle(f)
		}, types.ErrConfirmationPending, "prv has not confirmed"},
	})

	for _, tc := range []struct {
		name  string
		delay func(f *stFixture)
	}{
		{"after the deadline", func(f *stFixture) { f.stLate(1) }},
		{"the silent participant's agency RETIRED", func(f *stFixture) {
			testkeeper.SetTestAgencyStatus(t, f.Agency, f.Ctx, "prv", agencytypes.AgencyStatusRetired)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := stSetup(t)
			arrange(f)
			tc.delay(f)
			before := f.stBalances()
			f.stFreshEvents()

			// ACT
			res, err := f.msg.SettlePeriod(f.Ctx, &types.MsgSettlePeriod{Signer: f.s(stClerk("kec")), PeriodId: 1})

			// ASSERT: without prv, kec ↔ prv2 net: prv2 owes 3450 − 600 = 2850 of its 5050 escrow.
			require.NoError(t, err)
			require.Equal(t, []types.OperatorAmount{stAmt("kec", 2_850)}, res.PaidOut)
			p := f.stPeriod(1)
			require.Equal(t, types.PeriodSettled, p.Status)
			require.Equal(t, []string{"prv"}, p.Excluded)
			ev := stOnlyEvent[*types.EventPeriodSettled](f)
			require.Equal(t, []string{"prv"}, ev.Excluded)
			require.Equal(t, []types.OperatorAmount{stAmt("prv2", 5_050-2_850)}, ev.Returned)
			after := f.stBalances()
			require.Equal(t, before["kec/settle"]+2_850, after["kec/settle"])
			require.Equal(t, before["prv2/settle"]+2_200, after["prv2/settle"])
			require.Zero(t, after["module"])
			require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
			gs, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.NoError(t, gs.Validate())
		})
	}

	// A remaining payer whose escrow cannot cover its net without the
	// excluded is left out as well: kec and prv confirm, prv2 does not;
	// without prv2, prv owes kec 10450 − 1200 = 9250 but escrowed 7050.
	f := stSetup(t)
	f.stThreeOperators()
	f.stSubmit(1)
	f.stFundNetPayers(1)
	f.stConfirm(1, "kec")
	f.stConfirm(1, "prv")
	f.stLate(1)
	before := f.stBalances()
	res, err := f.msg.SettlePeriod(f.Ctx, &types.MsgSettlePeriod{Signer: f.s(stClerk("kec")), PeriodId: 1})
	require.NoError(t, err)
	require.Empty(t, res.PaidOut)
	require.Equal(t, []string{"prv", "prv2"}, f.stPeriod(1).Excluded)
	require.Equal(t, before["prv/settle"]+7_050, f.Balance(stSettle("prv"), stDenom), "its escrow goes back")
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
}

// TestFinding08GenesisEscrowChecked: genesis refuses escrow that does not
// match the period's computed positions.
func TestFinding08GenesisEscrowChecked(t *testing.T) {
	// ARRANGE: period 1 SUBMITTED, prv confirmed (escrow 7050), prv2 not.
	f := stSetup(t)
	f.stThreeOperators()
	f.stSubmit(1)
	f.stFundNetPayers(1)
	f.stConfirm(1, "prv")
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	for _, tc := range []struct {
		name string
		edit func(gs *types.GenesisState)
		want string
	}{
		{"escrow of the wrong amount", func(gs *types.GenesisState) { gs.Escrows[0].Amount++ }, "prv escrows 7051 but its position (net -7050, confirmed true) needs 7050"},
		{"escrow of a net receiver", func(gs *types.GenesisState) {
			gs.Escrows = append(gs.Escrows, types.EscrowEntry{PeriodId: 1, Operator: "kec", Amount: 1})
		}, "kec escrows 1"},
		{"escrow of a payer that did not confirm", func(gs *types.GenesisState) {
			gs.Escrows = append(gs.Escrows, types.EscrowEntry{PeriodId: 1, Operator: "prv2", Amount: 5_050})
		}, "prv2 escrows 5050 but its position (net -5050, confirmed false) needs 0"},
		{"a confirmed payer without escrow", func(gs *types.GenesisState) { gs.Escrows = nil }, "prv escrows 0"},
		{"a held escrow no dispute needs", func(gs *types.GenesisState) {
			gs.HeldEscrows = []types.EscrowEntry{{PeriodId: 1, Operator: "prv", Amount: 1}}
		}, "prv holds 1 for disputes but needs 0"},
		{"RECONCILED with a payer's escrow missing", func(gs *types.GenesisState) {
			gs.Periods[0].Status, gs.Periods[0].Confirmed = types.PeriodReconciled, gs.Periods[0].Participants
		}, "prv2 escrows 0"},
		{"a period's accrued off its accruals", func(gs *types.GenesisState) { gs.Periods[0].Accrued++ }, "accrued is 61951"},
		{"a period's accrued beyond the bound", func(gs *types.GenesisState) { gs.Periods[0].Accrued = math.MaxUint64 }, "exceeds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			tc.edit(g)
			err = g.Validate()
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// TestSuspectedRefundToWhoPaid: a refund of a trip paid by a third party
// (MsgPayTrip) goes to that party, not to the trip's payer.
func TestSuspectedRefundToWhoPaid(t *testing.T) {
	// ARRANGE: stPayer2's K→P is UNPAID; a friend (stSink) pays it.
	f := stSetup(t)
	sc := f.stThreeOperators()
	f.Fund(t, stSink, stDenom, stFareKP)
	_, err := f.msg.PayTrip(f.Ctx, &types.MsgPayTrip{Signer: f.s(stSink), TripId: sc.unpaidKP})
	require.NoError(t, err)
	require.Equal(t, f.s(stSink), f.stGetTrip(sc.unpaidKP).PaidBy)
	d := f.stOpenDispute(stPayer2, types.TargetTrip, sc.unpaidKP)
	f.Fund(t, stSettle("prv"), stDenom, 1_000)
	before := f.stBalances()

	// ACT
	f.stRefund(d, 1_000)

	// ASSERT
	after := f.stBalances()
	require.Equal(t, before["sink"]+1_000, after["sink"], "whoever paid is refunded")
	require.Equal(t, before["payer2"], after["payer2"])
	require.Equal(t, before["prv/settle"]-1_000, after["prv/settle"])
}

// TestSuspectedSubmitPeriodBounded: periods cannot be submitted back to back:
// each is OPEN for min_period_seconds at least.
func TestSuspectedSubmitPeriodBounded(t *testing.T) {
	stRunRejections(t, []stRejection{
		{"the next period at once", func(f *stFixture) func() error {
			f.stThreeOperators()
			f.stSubmit(1)
			return func() error {
				_, err := f.msg.SubmitPeriod(f.Ctx, &types.MsgSubmitPeriod{Signer: f.s(stClerk("kec")), PeriodId: 2})
				return err
			}
		}, types.ErrPeriodTooShort, "min_period_seconds 60"},
		{"period 1 before its minimum", func(f *stFixture) func() error {
			return func() error {
				_, err := f.msg.SubmitPeriod(f.Ctx, &types.MsgSubmitPeriod{Signer: f.s(stClerk("kec")), PeriodId: 1})
				return err
			}
		}, types.ErrPeriodTooShort, ""},
	})
}

// TestFinding02GovernanceDecidesSilentRespondent: a respondent that never
// decides does not hold a dispute open forever: governance decides it, and a
// refund of a PAID trip moves from the collector's settlement account to the
// payer without its signature.
func TestFinding02GovernanceDecidesSilentRespondent(t *testing.T) {
	// ARRANGE: the payer disputes K→Q (PAID 3150 to prv2's settlement account); prv2 stays silent.
	f := stSetup(t)
	sc := f.stThreeOperators()
	d := f.stOpenDispute(stPayer, types.TargetTrip, sc.paidKQ)
	before := f.stBalances()
	f.stFreshEvents()

	// ACT
	_, err := f.msg.DecideDispute(f.Ctx, &types.MsgDecideDispute{Authority: f.s(testkeeper.AgencyAuthority()), DisputeId: d, Outcome: types.OutcomeRefund, Refund: 150, Reason: "GOV_DECIDED"})

	// ASSERT
	require.NoError(t, err)
	after := f.stBalances()
	require.Equal(t, before["prv2/settle"]-150, after["prv2/settle"])
	require.Equal(t, before["payer"]+150, after["payer"])
	require.Equal(t, types.DisputeRefunded, f.stDispute(d).Status)
	require.True(t, stOnlyEvent[*types.EventDisputeResolved](f).DecidedByGovernance)
	require.Equal(t, uint64(stFareKQ-150), f.stGetTrip(sc.paidKQ).Fare)
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
}

// TestSuspectedDisputesCannotPostponeSettlement: each dispute opened on a
// SUBMITTED period restarts its confirmation deadline, but a party with many
// trips cannot push settlement back a full deadline per dispute: the deadline
// never passes twice confirmation_deadline_seconds after the submission, and a
// late dispute leaves the participants only the minimum hour to confirm again.
func TestSuspectedDisputesCannotPostponeSettlement(t *testing.T) {
	// ARRANGE: period 1 submitted at T with the three operators' trips.
	f := stSetup(t)
	sc := f.stThreeOperators()
	f.stSubmit(1)
	params, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	d := time.Duration(params.ConfirmationDeadlineSeconds) * time.Second
	submitted := f.stPeriod(1).EndTime
	require.Equal(t, submitted.Add(d), f.stPeriod(1).ConfirmBy)
	open := func(at time.Time, by sdk.AccAddress, trip uint64) time.Time {
		f.Ctx = f.Ctx.WithBlockTime(at)
		_, err := f.msg.OpenDispute(f.Ctx, f.stOpenDisputeMsg(by, types.TargetTrip, trip))
		require.NoError(t, err)
		return f.stPeriod(1).ConfirmBy
	}

	// ACT / ASSERT: early in the window the deadline restarts in full.
	require.Equal(t, submitted.Add(d/2).Add(d), open(submitted.Add(d/2), stPayer, sc.paidKQ))
	// Later it stops at twice the deadline after the submission...
	require.Equal(t, submitted.Add(2*d), open(submitted.Add(3*d/2), stPayer, sc.paidQP))
	// ...and a dispute just before that leaves the minimum hour, no more.
	late := submitted.Add(2*d - time.Minute)
	require.Equal(t, late.Add(time.Duration(types.MinConfirmationDeadlineSeconds)*time.Second),
		open(late, stPayer2, sc.unpaidKP))
}
