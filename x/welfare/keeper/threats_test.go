package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	"github.com/civicchain/civic/x/welfare/types"
)

// The ten classes of docs/threats.md, each tried against this module: the attack is
// refused with a registered error, nothing is written and no coins move — or, where the
// answer is a design (a process that cannot be halted), the test shows the process
// finishing.

// 1. One party halts everyone: a voucher program that refuses every allocation (closed
// under the cycle) does not stop the distribution: each payment is skipped as FAILED,
// the cursor reaches the end and the cycle is DISTRIBUTED; a program whose agency is
// suspended is still closed by governance.
func TestThreatOnePartyHaltsEveryone(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	vp := f.voucherProgram(busan)
	b := f.create(voucherMsg(f.bManager, vp))
	f.activate(b, f.bManager)
	f.entitle(f.bCaseworker, f.enrol(b, "kim", f.bCaseworker, f.bCaseworker2), f.payee, 100_000)
	f.entitle(f.bCaseworker, f.enrol(b, "lee", f.bCaseworker, f.bCaseworker2), f.payee2, 100_000)
	seq := f.approved(b, f.bManager, f.bManager2, 1)
	f.closeVoucherProgram(vp)

	// ACT
	res := f.distribute(b, seq, f.bManager, 10)

	// ASSERT
	require.True(t, res.Distributed)
	require.Equal(t, uint32(2), res.Skipped)
	require.Equal(t, uint64(2), f.cycle(b, seq).SkippedFailed)
	require.Equal(t, int64(0), f.bal(f.payee, vouchertypes.Denom(vp)))
	// The agency is suspended: governance winds its program up.
	_, err := f.ms.EndCycle(f.Ctx, &types.MsgEndCycle{Manager: s(f.bManager), ProgramId: b, Seq: seq})
	require.NoError(t, err)
	f.suspendAgency(busan)
	_, err = f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: f.authority, ProgramId: b})
	require.NoError(t, err)
	f.requireSound()
}

// 2. Declared numbers overflow later: every amount is bounded by max_amount, funding by
// the budget cap, so due_per_cycle, totals and reservations cannot overflow.
func TestThreatDeclaredNumbersOverflow(t *testing.T) {
	f := newFixture(t)
	_, e := enrolled(f)
	huge := offerMsg(f.caseworker, e, f.payee, 1)
	huge.AmountPerCycle = types.MaxMaxAmount.MulRaw(1_000_000)
	f.rejected(types.ErrInvalidAmount, func() error { _, err := f.ms.OfferEntitlement(f.Ctx, huge); return err })
	fund := &types.MsgFundProgram{Funder: s(f.manager), ProgramId: 1, Amount: amt(5_000_001)} // 5 000 000 funded, cap 10 000 000
	f.Fund(t, f.manager, krw, 5_000_001)
	f.rejected(types.ErrOverBudget, func() error { _, err := f.ms.FundProgram(f.Ctx, fund); return err })
}

// 3. Self-dealing across agencies: busan cannot file, decide, pay or close in mohw's
// program, nor draw on a voucher program that does not list it.
func TestThreatSelfDealingAcrossAgencies(t *testing.T) {
	f := newFixture(t)
	m, kim, _ := paying(f)
	vp := f.voucherProgram(mohw) // a busan voucher program that lists mohw only
	f.rejected(types.ErrWrongAgency, func() error {
		_, err := f.ms.Apply(f.Ctx, applyMsg(f.bCaseworker, m, "park", livelihood))
		return err
	})
	f.rejected(types.ErrWrongAgency, func() error {
		_, err := f.ms.SetEntitlementStatus(f.Ctx, &types.MsgSetEntitlementStatus{Caseworker: s(f.bCaseworker), EntitlementId: kim, Status: types.EntitlementStatusEnded, ReasonCode: "X"})
		return err
	})
	f.rejected(types.ErrWrongAgency, func() error {
		_, err := f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: s(f.bManager), ProgramId: m})
		return err
	})
	f.rejected(types.ErrNotAllocator, func() error {
		_, err := f.ms.CreateProgram(f.Ctx, voucherMsg(f.bManager, vp))
		return err
	})
}

// 4. Keys outlive their holder: a caseworker removed from the agency can no longer
// decide, and a manager removed can no longer approve.
func TestThreatKeysOutliveTheirHolder(t *testing.T) {
	f := newFixture(t)
	m, _ := enrolled(f)
	pending := f.apply(applyMsg(f.caseworker, m, "lee", livelihood)).EnrolmentId
	seq := f.newCycle(m, f.manager, 1)
	f.submit(m, seq, f.manager)
	f.removeMember(mohw, f.caseworker2)
	f.rejected(agencytypes.ErrNotMember, func() error {
		_, err := f.ms.DecideEligibility(f.Ctx, decideMsg(f.caseworker2, pending, types.EnrolmentStatusEnrolled))
		return err
	})
	f.rejected(agencytypes.ErrNotMember, func() error {
		_, err := f.ms.ApproveCycle(f.Ctx, &types.MsgApproveCycle{Manager: s(f.manager2), ProgramId: m, Seq: seq})
		return err
	})
}

// 5. Hot keys with cold powers: a caseworker's key cannot fund, approve or distribute
// (money is the managers'); an auditor's cannot move money either.
func TestThreatHotKeysColdPowers(t *testing.T) {
	f := newFixture(t)
	m, _, _ := paying(f)
	cw := f.caseworkerOnly()
	seq := f.newCycle(m, f.manager, 1)
	f.submit(m, seq, f.manager)
	f.Fund(t, cw, krw, 10)
	f.rejected(agencytypes.ErrRoleNotHeld, func() error {
		_, err := f.ms.ApproveCycle(f.Ctx, &types.MsgApproveCycle{Manager: s(cw), ProgramId: m, Seq: seq})
		return err
	})
	f.rejected(agencytypes.ErrRoleNotHeld, func() error {
		_, err := f.ms.FundProgram(f.Ctx, &types.MsgFundProgram{Funder: s(cw), ProgramId: m, Amount: amt(10)})
		return err
	})
	f.rejected(agencytypes.ErrRoleNotHeld, func() error {
		_, err := f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: s(f.auditor), ProgramId: m})
		return err
	})
}

// 6. Replays and duplicates: the same person applying again is recorded DUPLICATED
// (never a second slot); a distribution replayed after the end is refused; a cycle
// overlapping an earlier period is refused (no entitlement is paid twice for one time).
func TestThreatReplaysAndDuplicates(t *testing.T) {
	f := newFixture(t)
	m, _, _ := paying(f)
	again := f.apply(applyMsg(f.caseworker2, m, "kim", livelihood))
	require.Equal(t, types.EnrolmentStatusDuplicated, again.Status)
	require.Equal(t, uint64(2), f.groupOf(livelihood).SlotsHeld, "kim and lee only")
	seq := f.approved(m, f.manager, f.manager2, 1)
	f.distribute(m, seq, f.manager, 10)
	f.rejected(types.ErrInvalidTransition, func() error {
		_, err := f.ms.Distribute(f.Ctx, &types.MsgDistribute{Manager: s(f.manager), ProgramId: m, Seq: seq, Limit: 10})
		return err
	})
	start, end := period(1)
	f.rejected(types.ErrPeriodOverlap, func() error {
		_, err := f.ms.CreateCycle(f.Ctx, &types.MsgCreateCycle{Manager: s(f.manager), ProgramId: m, PeriodStart: start, PeriodEnd: end})
		return err
	})
}

// 7. Zero-notice changes: a cycle's total_due and reservation are fixed when it is
// submitted and approved; raising an entitlement afterwards (a new offer) does not raise
// what the approved cycle pays (the new one is skipped as UNCOVERED), and lowering a
// param does not touch stored records.
func TestThreatZeroNoticeChanges(t *testing.T) {
	f := newFixture(t)
	m, _, _ := paying(f)
	seq := f.approved(m, f.manager, f.manager2, 1)
	f.entitle(f.caseworker, f.enrol(m, "park", f.caseworker, f.caseworker2, livelihood), f.payee3, 1_000_000)
	params := types.DefaultParams()
	params.MaxAmount = amt(1)
	_, err := f.ms.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.authority, Params: params})
	require.NoError(t, err)
	res := f.distribute(m, seq, f.manager, 10)
	require.Equal(t, amt(500_000), res.Amount)
	require.Equal(t, uint64(1), f.cycle(m, seq).SkippedUncovered)
	require.Equal(t, int64(0), f.bal(f.payee3, krw))
	f.requireSound()
}

// 8. Squatting without consent: an entitlement is paid only once its payee accepted
// it; nobody else can accept for the payee.
func TestThreatSquattingWithoutConsent(t *testing.T) {
	f := newFixture(t)
	m, e := enrolled(f)
	res, err := f.ms.OfferEntitlement(f.Ctx, offerMsg(f.caseworker, e, f.payee, 100_000))
	require.NoError(t, err)
	f.rejected(types.ErrNotPayee, func() error {
		_, err := f.ms.AcceptEntitlement(f.Ctx, &types.MsgAcceptEntitlement{Payee: s(f.caseworker), EntitlementId: res.EntitlementId})
		return err
	})
	got := f.distribute(m, f.approved(m, f.manager, f.manager2, 1), f.manager, 10)
	require.Equal(t, uint32(0), got.Paid, "an OFFERED entitlement is not paid")
	require.Equal(t, int64(0), f.bal(f.payee, krw))
}

// 9. Personal data by the back door: names, descriptions, references, reasons and
// versions refuse the shapes of names written out, resident registration numbers,
// telephone numbers and e-mail addresses.
func TestThreatPersonalData(t *testing.T) {
	f := newFixture(t)
	m, e := enrolled(f)
	f.rejected(types.ErrInvalidName, func() error {
		_, err := f.ms.CreateGroup(f.Ctx, &types.MsgCreateGroup{Authority: f.authority, Id: "energy", Description: "contact 02-323-4567", LegalBasis: "KR-EVSA-3"})
		return err
	})
	msg := applyMsg(f.caseworker, m, "park", livelihood)
	msg.BeneficiaryRef = "900101-1234567"
	f.rejected(types.ErrInvalidBeneficiary, func() error { _, err := f.ms.Apply(f.Ctx, msg); return err })
	f.rejected(types.ErrInvalidReasonCode, func() error {
		_, err := f.ms.SetEnrolmentStatus(f.Ctx, &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: e, Status: types.EnrolmentStatusPaused, ReasonCode: "R9001011234567"})
		return err
	})
	d := decideMsg(f.caseworker2, e, types.EnrolmentStatusEnrolled)
	d.CriteriaVersion = "kim@mohw.go.kr"
	f.rejected(types.ErrInvalidCriteria, func() error { _, err := f.ms.DecideEligibility(f.Ctx, d); return err })
}

// 10. Work that grows with others' data: a distribution visits at most limit
// entitlements (at most max_distribute) from its cursor; an application touches at most
// one slot per group (at most 4); total_due is a counter, never a scan.
func TestThreatWorkGrowsWithOthersData(t *testing.T) {
	f := newFixture(t)
	m, _, _ := paying(f)
	for _, p := range []string{"a", "b", "c"} {
		f.entitle(f.caseworker, f.enrol(m, p, f.caseworker, f.caseworker2, livelihood), f.outsider, 1)
	}
	seq := f.approved(m, f.manager, f.manager2, 1)
	first := f.distribute(m, seq, f.manager, 2)
	require.Equal(t, uint32(2), first.Visited)
	require.False(t, first.Distributed)
	require.Equal(t, uint64(2), f.cycle(m, seq).Cursor)
	f.rejected(types.ErrInvalidLimit, func() error {
		_, err := f.ms.Distribute(f.Ctx, &types.MsgDistribute{Manager: s(f.manager), ProgramId: m, Seq: seq, Limit: types.DefaultMaxDistribute + 1})
		return err
	})
	msg := applyMsg(f.caseworker, m, "z", livelihood)
	msg.SlotKeys = []string{digest("1"), digest("2"), digest("3"), digest("4"), digest("5")}
	f.rejected(types.ErrSlotKeysMismatch, func() error { _, err := f.ms.Apply(f.Ctx, msg); return err })
}
