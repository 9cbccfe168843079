package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	"github.com/civicchain/civic/x/welfare/types"
)

// totals is Query/ProgramTotals of a program and cycle.
func (f *fixture) totals(id, seq uint64) *types.QueryProgramTotalsResponse {
	f.t.Helper()
	res, err := f.qs.ProgramTotals(f.Ctx, &types.QueryProgramTotalsRequest{ProgramId: id, CycleSeq: seq})
	require.NoError(f.t, err)
	return res
}

// TestCashBalancesMatchProgramTotals runs a CASH program's whole life and checks, after
// every step, the real x/bank balances against ProgramTotals: the module account holds
// the escrow, the payees what was paid, the agency's admin what was returned, and the
// manager paid what was funded.
func TestCashBalancesMatchProgramTotals(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, _, _ := paying(f) // 2 000 000 funded; kim 300 000 and lee 200 000 a cycle
	admin := f.Agencies[mohw].Admin
	check := func(step string) {
		t.Helper()
		tot := f.totals(m, 0).Totals
		require.Equal(t, tot.Escrow.Int64(), f.bal(f.moduleAddr(), krw), step+": module account = escrow")
		require.Equal(t, tot.Paid.Int64(), f.bal(f.payee, krw)+f.bal(f.payee2, krw)+f.bal(f.payee3, krw), step+": payees = paid")
		require.Equal(t, tot.PaymentsAmount, tot.Paid, step)
		require.Equal(t, tot.Returned.Int64(), f.bal(admin, krw), step+": admin = returned")
		require.Equal(t, tot.Funded, tot.Escrow.Add(tot.Paid).Add(tot.Returned), step)
		f.requireSound()
	}
	check("funded")

	// ACT + ASSERT
	seq1 := f.approved(m, f.manager, f.manager2, 1)
	check("approved")
	f.distribute(m, seq1, f.manager, 1)
	check("half distributed")
	f.distribute(m, seq1, f.manager, 1)
	check("distributed")
	c1 := f.totals(m, seq1).Cycle
	require.Equal(t, types.CycleTotals{Seq: 1, Status: types.CycleStatusDistributed, TotalDue: amt(500_000), PaidCount: 2, PaidAmount: amt(500_000)}, c1)
	f.hold(f.enrolment(1).EntitlementId, f.auditor)
	seq2 := f.approved(m, f.manager, f.manager2, 2)
	f.distribute(m, seq2, f.manager, 10)
	check("second cycle, kim held")
	require.Equal(t, uint64(1), f.totals(m, seq2).Cycle.SkippedSuspended)
	_, err := f.ms.EndCycle(f.Ctx, &types.MsgEndCycle{Manager: s(f.manager), ProgramId: m, Seq: seq2})
	require.NoError(t, err)
	_, err = f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: s(f.manager), ProgramId: m})
	require.NoError(t, err)
	check("closed")

	tot := f.totals(m, 0).Totals
	require.Equal(t, uint64(3), tot.PaymentsCount)
	require.Equal(t, amt(700_000), tot.PaymentsAmount)
	require.Equal(t, amt(1_300_000), tot.Returned)
	require.Equal(t, uint64(2), tot.EnrolmentsEnrolled)
	require.Equal(t, uint64(2), tot.EntitlementsActive)
}

// TestVoucherBenefitThroughRealVoucherKeeper pays a VOUCHER program through the real
// x/voucher keeper: Allocate issues vouchers of busan's voucher program to the payees,
// backed by its escrow; ProgramTotals count them; a refused allocation (a payee at the
// voucher program's holder cap) is skipped as FAILED without writing anything of it, and
// the others are still paid.
func TestVoucherBenefitThroughRealVoucherKeeper(t *testing.T) {
	// ARRANGE: busan's voucher program (allocators: busan), a busan VOUCHER program in
	// livelihood, kim (payee, 400 000) and lee (payee2, 700 000: above the 1 000 000 holder
	// cap at the second cycle).
	f := newFixture(t)
	f.group(livelihood)
	vp := f.voucherProgram(busan)
	denom := vouchertypes.Denom(vp)
	b := f.create(voucherMsg(f.bManager, vp, livelihood))
	f.activate(b, f.bManager)
	kim := f.entitle(f.bCaseworker, f.enrol(b, "kim", f.bCaseworker, f.bCaseworker2, livelihood), f.payee, 400_000)
	lee := f.entitle(f.bCaseworker, f.enrol(b, "lee", f.bCaseworker, f.bCaseworker2, livelihood), f.payee2, 700_000)
	seq1 := f.approved(b, f.bManager, f.bManager2, 1)

	// ACT: cycle 1 pays both.
	res := f.distribute(b, seq1, f.bManager, 10)

	// ASSERT: vouchers in the payees' accounts, x/voucher's counters and ours agree.
	require.Equal(t, uint32(2), res.Paid)
	require.Equal(t, int64(400_000), f.bal(f.payee, denom))
	require.Equal(t, int64(700_000), f.bal(f.payee2, denom))
	vprog, err := f.Voucher.GetProgram(f.Ctx, vp)
	require.NoError(t, err)
	tot := f.totals(b, seq1)
	require.Equal(t, vprog.Budget.Outstanding, tot.Totals.PaymentsAmount)
	require.Equal(t, f.Bank.GetSupply(f.Ctx, denom).Amount, tot.Totals.PaymentsAmount)
	require.Equal(t, uint64(2), vprog.AllocationsCount)
	require.True(t, tot.Totals.Escrow.IsZero(), "a VOUCHER program holds no escrow here")
	require.Equal(t, int64(0), f.bal(f.moduleAddr(), krw))

	// ACT: cycle 2: lee would hold 1 400 000, above the holder cap: x/voucher refuses.
	seq2 := f.approved(b, f.bManager, f.bManager2, 2)
	f.fresh()
	res = f.distribute(b, seq2, f.bManager, 10)

	// ASSERT: kim paid, lee skipped as FAILED with x/voucher's reason; nothing of the
	// refused allocation was written.
	require.Equal(t, uint32(1), res.Paid)
	require.Equal(t, uint32(1), res.Skipped)
	require.Equal(t, int64(800_000), f.bal(f.payee, denom))
	require.Equal(t, int64(700_000), f.bal(f.payee2, denom))
	c := f.totals(b, seq2).Cycle
	require.Equal(t, uint64(1), c.SkippedFailed)
	require.Equal(t, uint64(1), f.entitlement(lee).PaymentsCount)
	require.Equal(t, uint64(2), f.entitlement(kim).PaymentsCount)
	var skipped *types.EventPaymentSkipped
	for _, e := range f.events() {
		if ev, ok := e.(*types.EventPaymentSkipped); ok {
			skipped = ev
		}
	}
	require.NotNil(t, skipped)
	require.Equal(t, types.SkipReasonFailed, skipped.Reason)
	require.Contains(t, skipped.Detail, "cap")
	vprog, err = f.Voucher.GetProgram(f.Ctx, vp)
	require.NoError(t, err)
	require.Equal(t, amt(1_500_000), vprog.Budget.Outstanding)
	require.Equal(t, vprog.Budget.Outstanding, f.totals(b, 0).Totals.PaymentsAmount)
	require.NoError(t, f.Voucher.CheckInvariants(f.Ctx))
	f.requireSound()
}

// TestVoucherApprovalChecks: a VOUCHER cycle is approved only within the program's budget
// cap and when the voucher program's unissued escrow covers it.
func TestVoucherApprovalChecks(t *testing.T) {
	// ARRANGE: budget_cap 3 000 000; the voucher program has 5 000 000 of escrow.
	f := newFixture(t)
	vp := f.voucherProgram(busan)
	b := f.create(voucherMsg(f.bManager, vp))
	f.activate(b, f.bManager)
	for i, person := range []string{"a1", "a2", "a3", "a4"} {
		f.entitle(f.bCaseworker, f.enrol(b, person, f.bCaseworker, f.bCaseworker2), f.Accounts[i], 900_000)
	}
	seq := f.newCycle(b, f.bManager, 1)
	f.submit(b, seq, f.bManager) // due 3 600 000 > budget_cap 3 000 000
	msg := &types.MsgApproveCycle{Manager: s(f.bManager2), ProgramId: b, Seq: seq}

	// ACT + ASSERT
	f.rejected(types.ErrOverBudget, func() error { _, err := f.ms.ApproveCycle(f.Ctx, msg); return err })
}

// TestWorkedExampleScenario is the story on the keepers: group livelihood; a
// MOHW cash program and a Busan voucher program in it; a person enrolled by MOHW,
// entitlement accepted, cycle approved by a second manager and distributed; the same
// person applies at Busan -> DUPLICATED, counted in Busan's and the group's totals; MOHW
// exits -> a new Busan application succeeds; an audit hold skips one payment.
func TestWorkedExampleScenario(t *testing.T) {
	f := newFixture(t)
	f.group(livelihood)
	cash := f.cash(1_000_000, livelihood)
	vp := f.voucherProgram(busan)
	voucher := f.create(voucherMsg(f.bManager, vp, livelihood))
	f.activate(voucher, f.bManager)

	// MOHW enrols kim; kim accepts; a second manager approves; distributed.
	e := f.enrol(cash, "kim", f.caseworker, f.caseworker2, livelihood)
	f.entitle(f.caseworker, e, f.payee, 500_000)
	seq := f.approved(cash, f.manager, f.manager2, 1)
	f.distribute(cash, seq, f.manager, 10)
	require.Equal(t, int64(500_000), f.bal(f.payee, krw))

	// Busan: DUPLICATED, counted.
	dup := f.apply(applyMsg(f.bCaseworker, voucher, "kim", livelihood))
	require.Equal(t, types.EnrolmentStatusDuplicated, dup.Status)
	require.Equal(t, uint64(1), f.totals(voucher, 0).Totals.EnrolmentsDuplicated)
	gt, err := f.qs.GroupTotals(f.Ctx, &types.QueryGroupTotalsRequest{GroupId: livelihood})
	require.NoError(t, err)
	require.Equal(t, uint64(1), gt.DuplicatesRefused)

	// MOHW exits kim; Busan's new application succeeds and kim is paid in vouchers.
	_, err = f.ms.SetEnrolmentStatus(f.Ctx, &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: e, Status: types.EnrolmentStatusExited, ReasonCode: "MOVED_TO_BUSAN"})
	require.NoError(t, err)
	again := f.apply(applyMsg(f.bCaseworker, voucher, "kim", livelihood))
	require.Equal(t, types.EnrolmentStatusPending, again.Status)
	_, err = f.ms.DecideEligibility(f.Ctx, decideMsg(f.bCaseworker2, again.EnrolmentId, types.EnrolmentStatusEnrolled))
	require.NoError(t, err)
	kimB := f.entitle(f.bCaseworker, again.EnrolmentId, f.payee, 300_000)
	leeB := f.entitle(f.bCaseworker, f.enrol(voucher, "lee", f.bCaseworker, f.bCaseworker2, livelihood), f.payee2, 300_000)

	// The Board of Audit and Inspection holds lee: one payment skipped.
	f.hold(leeB, f.auditor)
	vseq := f.approved(voucher, f.bManager, f.bManager2, 1)
	res := f.distribute(voucher, vseq, f.bManager, 10)
	require.Equal(t, uint32(1), res.Paid)
	require.Equal(t, uint32(1), res.Skipped)
	require.Equal(t, int64(300_000), f.bal(f.payee, vouchertypes.Denom(vp)))
	require.Equal(t, uint64(1), f.entitlement(kimB).PaymentsCount)
	require.Equal(t, uint64(1), f.totals(voucher, vseq).Cycle.SkippedSuspended)
	require.NoError(t, f.Voucher.CheckInvariants(f.Ctx))
	f.requireSound()
}
