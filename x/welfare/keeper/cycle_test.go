package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/welfare/types"
)

// paying: mohw's CASH program in livelihood, 2 000 000 escrowed, with kim (payee, 300 000),
// lee (payee2, 200 000) entitled and accepted.
func paying(f *fixture) (m, kimEnt, leeEnt uint64) {
	f.t.Helper()
	f.group(livelihood)
	m = f.cash(2_000_000, livelihood)
	kimEnt = f.entitle(f.caseworker, f.enrol(m, "kim", f.caseworker, f.caseworker2, livelihood), f.payee, 300_000)
	leeEnt = f.entitle(f.caseworker, f.enrol(m, "lee", f.caseworker, f.caseworker2, livelihood), f.payee2, 200_000)
	return m, kimEnt, leeEnt
}

func TestCycleLifecycle(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, kim, lee := paying(f)
	start, end := period(1)

	// ACT + ASSERT: create (DRAFT) ...
	f.fresh()
	seq := f.newCycle(m, f.manager, 1)
	require.Equal(t, uint64(1), seq)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventCycleCreated{ProgramId: m, Seq: 1, PeriodStart: start, PeriodEnd: end, Actor: s(f.manager)})
	require.Equal(t, end, f.program(m).LastPeriodEnd)
	// ... submit: total_due is the program's due_per_cycle ...
	f.fresh()
	f.submit(m, seq, f.manager)
	c := f.cycle(m, seq)
	require.Equal(t, types.CycleStatusToApprove, c.Status)
	require.Equal(t, amt(500_000), c.TotalDue)
	require.Equal(t, uint64(1), f.program(m).OpenCycles)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventCycleStatusChanged{
		ProgramId: m, Seq: 1, From: types.CycleStatusDraft, To: types.CycleStatusToApprove, TotalDue: amt(500_000), Actor: s(f.manager),
	})
	// ... approve by a second manager: the escrow reserved ...
	f.approve(m, seq, f.manager2)
	require.Equal(t, types.CycleStatusApproved, f.cycle(m, seq).Status)
	require.Equal(t, amt(500_000), f.program(m).Totals.Reserved)
	// ... distribute: both paid from escrow, DISTRIBUTED, nothing left reserved ...
	f.fresh()
	res := f.distribute(m, seq, f.manager, 10)
	require.Equal(t, &types.MsgDistributeResponse{Visited: 2, Paid: 2, Amount: amt(500_000), Distributed: true}, res)
	require.Equal(t, int64(300_000), f.bal(f.payee, krw))
	require.Equal(t, int64(200_000), f.bal(f.payee2, krw))
	require.Equal(t, int64(1_500_000), f.bal(f.moduleAddr(), krw))
	c = f.cycle(m, seq)
	require.Equal(t, types.CycleStatusDistributed, c.Status)
	require.Equal(t, uint64(2), c.PaidCount)
	require.Equal(t, amt(500_000), c.PaidAmount)
	require.Equal(t, lee, c.Cursor)
	p := f.program(m)
	require.True(t, p.Totals.Reserved.IsZero())
	require.Equal(t, amt(1_500_000), p.Totals.Escrow)
	require.Equal(t, amt(500_000), p.Totals.Paid)
	require.Equal(t, uint64(2), p.Totals.EntitlementsActive)
	require.Equal(t, types.EntitlementStatusActive, f.entitlement(kim).Status)
	require.Contains(t, f.events(), any(&types.EventPaymentMade{ProgramId: m, Seq: 1, EntitlementId: kim, Payee: s(f.payee), Amount: amt(300_000), Kind: types.BenefitKindCash, Denom: krw}))
	require.Contains(t, f.events(), any(&types.EventCycleDistributed{ProgramId: m, Seq: 1, PaidCount: 2, PaidAmount: amt(500_000), Released: amt(0)}))
	pay, err := f.k.Payments.Get(f.Ctx, collections.Join(collections.Join(m, seq), kim))
	require.NoError(t, err)
	require.Equal(t, types.Payment{ProgramId: m, Seq: 1, EntitlementId: kim, Payee: s(f.payee), Amount: amt(300_000), PaidAt: T0}, pay)
	// ... end.
	_, err = f.ms.EndCycle(f.Ctx, &types.MsgEndCycle{Manager: s(f.manager2), ProgramId: m, Seq: seq})
	require.NoError(t, err)
	require.Equal(t, types.CycleStatusEnded, f.cycle(m, seq).Status)
	require.Equal(t, uint64(0), f.program(m).OpenCycles)
	f.requireSound()
}

func TestDistributeInBatches(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, kim, _ := paying(f)
	seq := f.approved(m, f.manager, f.manager2, 1)

	// ACT: one entitlement a message.
	first := f.distribute(m, seq, f.manager, 1)
	second := f.distribute(m, seq, f.manager, 1)

	// ASSERT: the cursor moved one at a time; the cycle is DISTRIBUTED when the
	// cursor passes the last entitlement.
	require.Equal(t, &types.MsgDistributeResponse{Visited: 1, Paid: 1, Amount: amt(300_000)}, first)
	require.Equal(t, &types.MsgDistributeResponse{Visited: 1, Paid: 1, Amount: amt(200_000), Distributed: true}, second)
	require.Equal(t, int64(300_000), f.bal(f.payee, krw))
	require.Equal(t, kim, uint64(1))
	f.requireSound()
}

func TestDistributeSkips(t *testing.T) {
	// ARRANGE: kim SUSPENDED (after a first cycle), lee under an audit hold, park PAUSED,
	// choi OFFERED only (not paid, not counted), han's entitlement starts after the period.
	f := newFixture(t)
	m, kim, lee := paying(f)
	f.distribute(m, f.approved(m, f.manager, f.manager2, 1), f.manager, 10)
	_, err := f.ms.SetEntitlementStatus(f.Ctx, &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: kim, Status: types.EntitlementStatusSuspended, ReasonCode: "REVIEW"})
	require.NoError(t, err)
	f.hold(lee, f.auditor)
	park := f.enrol(m, "park", f.caseworker, f.caseworker2, livelihood)
	f.entitle(f.caseworker, park, f.payee3, 100_000)
	_, err = f.ms.SetEnrolmentStatus(f.Ctx, &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: park, Status: types.EnrolmentStatusPaused, ReasonCode: "REVIEW"})
	require.NoError(t, err)
	choi := f.enrol(m, "choi", f.caseworker, f.caseworker2, livelihood)
	_, err = f.ms.OfferEntitlement(f.Ctx, offerMsg(f.caseworker, choi, f.outsider, 100_000))
	require.NoError(t, err)
	han := f.enrol(m, "han", f.caseworker, f.caseworker2, livelihood)
	late := offerMsg(f.caseworker, han, f.outsider, 100_000)
	late.ValidFrom = T0.Add(90 * 24 * time.Hour)
	res, err := f.ms.OfferEntitlement(f.Ctx, late)
	require.NoError(t, err)
	_, err = f.ms.AcceptEntitlement(f.Ctx, &types.MsgAcceptEntitlement{Payee: s(f.outsider), EntitlementId: res.EntitlementId})
	require.NoError(t, err)
	seq := f.approved(m, f.manager, f.manager2, 2)
	before := f.bal(f.moduleAddr(), krw)
	f.fresh()

	// ACT
	got := f.distribute(m, seq, f.manager, 10)

	// ASSERT: nothing paid; three skipped as SUSPENDED, each with its detail.
	require.Equal(t, &types.MsgDistributeResponse{Visited: 5, Paid: 0, Skipped: 3, Amount: amt(0), Distributed: true}, got)
	require.Equal(t, before, f.bal(f.moduleAddr(), krw))
	c := f.cycle(m, seq)
	require.Equal(t, uint64(3), c.SkippedSuspended)
	require.Equal(t, uint64(0), c.PaidCount)
	evs := f.events()
	require.Contains(t, evs, any(&types.EventPaymentSkipped{ProgramId: m, Seq: seq, EntitlementId: kim, Reason: types.SkipReasonSuspended, Detail: types.ReasonSuspended}))
	require.Contains(t, evs, any(&types.EventPaymentSkipped{ProgramId: m, Seq: seq, EntitlementId: lee, Reason: types.SkipReasonSuspended, Detail: types.ReasonAuditHold}))
	require.Contains(t, evs, any(&types.EventPaymentSkipped{ProgramId: m, Seq: seq, EntitlementId: f.enrolment(park).EntitlementId, Reason: types.SkipReasonSuspended, Detail: types.ReasonEnrolmentPaused}))
	// The unspent reservation went back to the escrow.
	require.True(t, f.program(m).Totals.Reserved.IsZero())
	f.requireSound()
}

func TestDistributeSkipsUncovered(t *testing.T) {
	// ARRANGE: total_due fixed at submission (500 000); an entitlement offered and accepted
	// afterwards is not covered by the reservation once the others are paid.
	f := newFixture(t)
	m, _, _ := paying(f)
	seq := f.newCycle(m, f.manager, 1)
	f.submit(m, seq, f.manager)
	late := f.entitle(f.caseworker, f.enrol(m, "park", f.caseworker, f.caseworker2, livelihood), f.payee3, 100_000)
	f.approve(m, seq, f.manager2)

	// ACT
	got := f.distribute(m, seq, f.manager, 10)

	// ASSERT
	require.Equal(t, uint32(2), got.Paid)
	require.Equal(t, uint32(1), got.Skipped)
	require.Equal(t, uint64(1), f.cycle(m, seq).SkippedUncovered)
	require.Equal(t, int64(0), f.bal(f.payee3, krw))
	require.Equal(t, uint64(0), f.entitlement(late).PaymentsCount)
	f.requireSound()
}

func TestCancelCycle(t *testing.T) {
	// ARRANGE: cycle 1 APPROVED, nothing paid yet.
	f := newFixture(t)
	m, _, _ := paying(f)
	seq := f.approved(m, f.manager, f.manager2, 1)
	require.Equal(t, amt(500_000), f.program(m).Totals.Reserved)

	// ACT
	_, err := f.ms.CancelCycle(f.Ctx, &types.MsgCancelCycle{Manager: s(f.manager), ProgramId: m, Seq: seq})

	// ASSERT: CANCELLED, reservation released, its period given back (a new cycle may
	// cover it), and the program may close.
	require.NoError(t, err)
	require.Equal(t, types.CycleStatusCancelled, f.cycle(m, seq).Status)
	p := f.program(m)
	require.True(t, p.Totals.Reserved.IsZero())
	require.Equal(t, uint64(0), p.OpenCycles)
	require.True(t, p.LastPeriodEnd.IsZero())
	require.Equal(t, uint64(2), f.newCycle(m, f.manager, 1))
	f.requireSound()
}

func TestCycleRejected(t *testing.T) {
	type env struct {
		m, draft, toApprove, approved uint64
	}
	for _, tc := range []struct {
		name    string
		arrange func(f *fixture, e env)
		act     func(f *fixture, e env) error
		want    error
	}{
		{"create in a DRAFT program", func(f *fixture, _ env) { f.create(cashMsg(f.manager)) }, func(f *fixture, _ env) error {
			start, end := period(1)
			_, err := f.ms.CreateCycle(f.Ctx, &types.MsgCreateCycle{Manager: s(f.manager), ProgramId: 2, PeriodStart: start, PeriodEnd: end})
			return err
		}, types.ErrProgramNotActive},
		{"create overlapping the last period", nil, func(f *fixture, e env) error {
			start, end := period(3)
			_, err := f.ms.CreateCycle(f.Ctx, &types.MsgCreateCycle{Manager: s(f.manager), ProgramId: e.m, PeriodStart: start.Add(-time.Hour), PeriodEnd: end})
			return err
		}, types.ErrPeriodOverlap},
		{"create with an empty period", nil, func(f *fixture, e env) error {
			start, _ := period(4)
			_, err := f.ms.CreateCycle(f.Ctx, &types.MsgCreateCycle{Manager: s(f.manager), ProgramId: e.m, PeriodStart: start, PeriodEnd: start})
			return err
		}, types.ErrInvalidTimes},
		{"create a period longer than max_cycle_seconds", nil, func(f *fixture, e env) error {
			start, _ := period(4)
			_, err := f.ms.CreateCycle(f.Ctx, &types.MsgCreateCycle{Manager: s(f.manager), ProgramId: e.m, PeriodStart: start, PeriodEnd: start.Add(367 * 24 * time.Hour)})
			return err
		}, types.ErrInvalidTimes},
		{"create by a caseworker-only member", func(f *fixture, _ env) { f.caseworkerOnly() }, func(f *fixture, e env) error {
			start, end := period(4)
			_, err := f.ms.CreateCycle(f.Ctx, &types.MsgCreateCycle{Manager: s(f.caseworkerOnly()), ProgramId: e.m, PeriodStart: start, PeriodEnd: end})
			return err
		}, agencytypes.ErrRoleNotHeld},
		{"submit twice", nil, func(f *fixture, e env) error {
			_, err := f.ms.SubmitCycle(f.Ctx, &types.MsgSubmitCycle{Manager: s(f.manager), ProgramId: e.m, Seq: e.toApprove})
			return err
		}, types.ErrInvalidTransition},
		{"submit an unknown cycle", nil, func(f *fixture, e env) error {
			_, err := f.ms.SubmitCycle(f.Ctx, &types.MsgSubmitCycle{Manager: s(f.manager), ProgramId: e.m, Seq: 9})
			return err
		}, types.ErrCycleNotFound},
		{"submit by a manager of another agency", nil, func(f *fixture, e env) error {
			_, err := f.ms.SubmitCycle(f.Ctx, &types.MsgSubmitCycle{Manager: s(f.bManager), ProgramId: e.m, Seq: e.draft})
			return err
		}, types.ErrWrongAgency},
		{"the submitter approving", nil, func(f *fixture, e env) error {
			_, err := f.ms.ApproveCycle(f.Ctx, &types.MsgApproveCycle{Manager: s(f.manager), ProgramId: e.m, Seq: e.toApprove})
			return err
		}, types.ErrSelfApproval},
		{"approve a DRAFT cycle", nil, func(f *fixture, e env) error {
			_, err := f.ms.ApproveCycle(f.Ctx, &types.MsgApproveCycle{Manager: s(f.manager2), ProgramId: e.m, Seq: e.draft})
			return err
		}, types.ErrInvalidTransition},
		{"distribute a TO_APPROVE cycle", nil, func(f *fixture, e env) error {
			_, err := f.ms.Distribute(f.Ctx, &types.MsgDistribute{Manager: s(f.manager), ProgramId: e.m, Seq: e.toApprove, Limit: 10})
			return err
		}, types.ErrInvalidTransition},
		{"distribute with limit 0", nil, func(f *fixture, e env) error {
			_, err := f.ms.Distribute(f.Ctx, &types.MsgDistribute{Manager: s(f.manager), ProgramId: e.m, Seq: e.approved, Limit: 0})
			return err
		}, types.ErrInvalidLimit},
		{"distribute above max_distribute", nil, func(f *fixture, e env) error {
			_, err := f.ms.Distribute(f.Ctx, &types.MsgDistribute{Manager: s(f.manager), ProgramId: e.m, Seq: e.approved, Limit: types.DefaultMaxDistribute + 1})
			return err
		}, types.ErrInvalidLimit},
		{"distribute by a manager of another agency", nil, func(f *fixture, e env) error {
			_, err := f.ms.Distribute(f.Ctx, &types.MsgDistribute{Manager: s(f.bManager), ProgramId: e.m, Seq: e.approved, Limit: 10})
			return err
		}, types.ErrWrongAgency},
		{"distribute after DISTRIBUTED", func(f *fixture, e env) { f.distribute(e.m, e.approved, f.manager, 10) }, func(f *fixture, e env) error {
			_, err := f.ms.Distribute(f.Ctx, &types.MsgDistribute{Manager: s(f.manager), ProgramId: e.m, Seq: e.approved, Limit: 10})
			return err
		}, types.ErrInvalidTransition},
		{"end an APPROVED cycle", nil, func(f *fixture, e env) error {
			_, err := f.ms.EndCycle(f.Ctx, &types.MsgEndCycle{Manager: s(f.manager), ProgramId: e.m, Seq: e.approved})
			return err
		}, types.ErrInvalidTransition},
		{"cancel a cycle that paid", func(f *fixture, e env) { f.distribute(e.m, e.approved, f.manager, 1) }, func(f *fixture, e env) error {
			_, err := f.ms.CancelCycle(f.Ctx, &types.MsgCancelCycle{Manager: s(f.manager), ProgramId: e.m, Seq: e.approved})
			return err
		}, types.ErrInvalidTransition},
		{"cancel a DISTRIBUTED cycle", func(f *fixture, e env) { f.distribute(e.m, e.approved, f.manager, 10) }, func(f *fixture, e env) error {
			_, err := f.ms.CancelCycle(f.Ctx, &types.MsgCancelCycle{Manager: s(f.manager), ProgramId: e.m, Seq: e.approved})
			return err
		}, types.ErrInvalidTransition},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE: cycle 1 APPROVED, 2 TO_APPROVE, 3 DRAFT.
			f := newFixture(t)
			m, _, _ := paying(f)
			e := env{m: m}
			e.approved = f.approved(m, f.manager, f.manager2, 1)
			e.toApprove = f.newCycle(m, f.manager, 2)
			f.submit(m, e.toApprove, f.manager)
			e.draft = f.newCycle(m, f.manager, 3)
			if tc.arrange != nil {
				tc.arrange(f, e)
			}

			// ACT + ASSERT
			f.rejected(tc.want, func() error { return tc.act(f, e) })
		})
	}
}

func TestApproveWithoutEscrowCover(t *testing.T) {
	// ARRANGE: 2 000 000 escrowed; cycle 1 reserves 500 000; a new entitlement of
	// 1 600 000 makes cycle 2 due 2 100 000 with 1 500 000 unreserved.
	f := newFixture(t)
	m, _, _ := paying(f)
	f.approved(m, f.manager, f.manager2, 1)
	f.entitle(f.caseworker, f.enrol(m, "park", f.caseworker, f.caseworker2, livelihood), f.payee3, 1_600_000)
	seq := f.newCycle(m, f.manager, 2)
	f.submit(m, seq, f.manager)
	msg := &types.MsgApproveCycle{Manager: s(f.manager2), ProgramId: m, Seq: seq}

	// ACT + ASSERT
	f.rejected(types.ErrEscrowShort, func() error { _, err := f.ms.ApproveCycle(f.Ctx, msg); return err })
	// Funded enough, the same approval passes.
	f.fund(m, f.manager, 600_000)
	f.approve(m, seq, f.manager2)
	f.requireSound()
}

func TestSecondPaymentRefused(t *testing.T) {
	// ARRANGE: kim paid in cycle 1; the cycle's cursor is then put back (as a corrupted
	// store would), so that the next distribution reaches kim again.
	f := newFixture(t)
	m, _, _ := paying(f)
	seq := f.approved(m, f.manager, f.manager2, 1)
	f.distribute(m, seq, f.manager, 1)
	c := f.cycle(m, seq)
	c.Cursor = 0
	require.NoError(t, f.k.Cycles.Set(f.Ctx, collections.Join(m, seq), c))
	msg := &types.MsgDistribute{Manager: s(f.manager), ProgramId: m, Seq: seq, Limit: 10}

	// ACT + ASSERT: a second payment for an entitlement in a cycle is refused, nothing
	// written, no coins moved.
	f.rejected(types.ErrAlreadyPaid, func() error { _, err := f.ms.Distribute(f.Ctx, msg); return err })
}

// caseworkerOnly is a new mohw member holding welfare.caseworker only.
func (f *fixture) caseworkerOnly() sdk.AccAddress {
	f.t.Helper()
	a := f.Accounts[7]
	if _, err := f.Agency.Members.Get(f.Ctx, a); err != nil {
		testkeeper.AddTestMember(f.t, f.Agency, f.Ctx, mohw, f.Agencies[mohw].Admin, a, types.RoleCaseworker)
	}
	return a
}
