package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/welfare/types"
)

func TestGenesisDefaultRoundTrip(t *testing.T) {
	f := newFixture(t)
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultGenesis(), gs)
}

// busyState is a fixture with every kind of record: groups, CASH and VOUCHER programs,
// enrolments in every status, live and ended entitlements, cycles DISTRIBUTED, APPROVED,
// CANCELLED and DRAFT, payments, an audit hold and findings.
func busyState(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	m, kim, _ := paying(f) // program 1 (mohw CASH), kim and lee ENROLLED, entitled
	f.group(housing)
	vp := f.voucherProgram(busan)
	b := f.create(voucherMsg(f.bManager, vp, housing, livelihood))
	f.activate(b, f.bManager)
	f.apply(applyMsg(f.bCaseworker, b, "kim", housing, livelihood))                      // DUPLICATED
	park := f.apply(applyMsg(f.bCaseworker, b, "park", housing, livelihood)).EnrolmentId // PENDING
	notEligible := f.apply(applyMsg(f.bCaseworker, b, "choi", housing, livelihood)).EnrolmentId
	_, err := f.ms.DecideEligibility(f.Ctx, decideMsg(f.bCaseworker2, notEligible, types.EnrolmentStatusNotEligible))
	require.NoError(t, err)
	han := f.enrol(b, "han", f.bCaseworker, f.bCaseworker2, housing, livelihood)
	f.entitle(f.bCaseworker, han, f.payee3, 100_000)
	f.distribute(b, f.approved(b, f.bManager, f.bManager2, 1), f.bManager, 10)
	yoon := f.enrol(m, "yoon", f.caseworker, f.caseworker2, livelihood)
	_, err = f.ms.SetEnrolmentStatus(f.Ctx, &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: yoon, Status: types.EnrolmentStatusExited, ReasonCode: "MOVED"})
	require.NoError(t, err)
	f.distribute(m, f.approved(m, f.manager, f.manager2, 1), f.manager, 10)
	f.hold(kim, f.auditor)
	f.approved(m, f.manager, f.manager2, 2)
	cancelled := f.newCycle(m, f.manager, 3)
	_, err = f.ms.CancelCycle(f.Ctx, &types.MsgCancelCycle{Manager: s(f.manager), ProgramId: m, Seq: cancelled})
	require.NoError(t, err)
	f.newCycle(m, f.manager, 3)
	_, err = f.ms.RecordFinding(f.Ctx, &types.MsgRecordFinding{Auditor: s(f.auditor), ProgramId: m, CycleSeq: 1, FindingDigest: digest("finding")})
	require.NoError(t, err)
	require.NotZero(t, park)
	f.requireSound()
	return f
}

func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE
	f := busyState(t)
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())

	// ACT: import into a fresh chain.
	f2 := newFixture(t)
	require.NoError(t, f2.k.InitGenesis(f2.Ctx, gs))

	// ASSERT: the same export, and the indexes and live counts rebuilt (queries answer the same).
	got, err := f2.k.ExportGenesis(f2.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs, got)
	for _, req := range []*types.QueryEnrolmentsRequest{{ProgramId: 2}, {ProgramId: 2, Status: types.EnrolmentStatusDuplicated}, {ProgramId: 1, Status: types.EnrolmentStatusExited}} {
		a, err := f.qs.Enrolments(f.Ctx, req)
		require.NoError(t, err)
		b, err := f2.qs.Enrolments(f2.Ctx, req)
		require.NoError(t, err)
		require.Equal(t, a.Enrolments, b.Enrolments)
		require.NotEmpty(t, b.Enrolments)
	}
	for _, payee := range []string{s(f.payee), s(f.payee3)} {
		a, err := f.qs.PayeeFanIn(f.Ctx, &types.QueryPayeeFanInRequest{Payee: payee})
		require.NoError(t, err)
		b, err := f2.qs.PayeeFanIn(f2.Ctx, &types.QueryPayeeFanInRequest{Payee: payee})
		require.NoError(t, err)
		require.Equal(t, a, b)
		require.Equal(t, uint64(1), b.Live)
	}
	require.NoError(t, f2.k.PayeeLiveInvariant(f2.Ctx))
}

func TestInitGenesisRefusals(t *testing.T) {
	f := busyState(t)
	good, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		spoil func(gs *types.GenesisState)
		want  string
	}{
		{"bad params", func(gs *types.GenesisState) { gs.Params.MaxDistribute = 0 }, "max_distribute"},
		{"next id zero", func(gs *types.GenesisState) { gs.NextEnrolmentId = 0 }, "next_enrolment_id"},
		{"program id not issued", func(gs *types.GenesisState) { gs.NextProgramId = 2 }, "program id 2 must be in 1..1"},
		{"group twice", func(gs *types.GenesisState) { gs.Groups = append(gs.Groups, gs.Groups[0]) }, "listed twice"},
		{"group with a phone number", func(gs *types.GenesisState) { gs.Groups[0].Description = "call 010-1234-5678" }, "telephone"},
		{"program in a missing group", func(gs *types.GenesisState) { gs.Groups = gs.Groups[1:] }, "does not exist"},
		{"groups out of order", func(gs *types.GenesisState) { gs.Programs[1].Groups = []string{livelihood, housing} }, "ascending"},
		{"closed without closed_at", func(gs *types.GenesisState) { gs.Programs[1].Status = types.ProgramStatusClosed }, "closed_at"},
		{"enrolment of another agency", func(gs *types.GenesisState) { gs.Enrolments[0].AgencyId = busan }, "agency"},
		{"enrolment missing a slot key", func(gs *types.GenesisState) { gs.Enrolments[0].SlotKeys = nil }, "slot_keys"},
		{"DUPLICATED without its group", func(gs *types.GenesisState) {
			for i := range gs.Enrolments {
				if gs.Enrolments[i].Status == types.EnrolmentStatusDuplicated {
					gs.Enrolments[i].DuplicateGroup = ""
				}
			}
		}, "duplicate_group"},
		{"slot twice", func(gs *types.GenesisState) { gs.Slots = append(gs.Slots, gs.Slots[0]) }, "listed twice"},
		{"slot of an exited enrolment", func(gs *types.GenesisState) {
			gs.Slots = append(gs.Slots, types.Slot{SlotKey: slotKey("yoon", livelihood), EnrolmentId: 7, GroupId: livelihood})
		}, "EXITED"},
		{"slot missing", func(gs *types.GenesisState) { gs.Slots = gs.Slots[1:] }, "not held by it"},
		{"slots_held off", func(gs *types.GenesisState) { gs.Groups[0].SlotsHeld++ }, "slots held"},
		{"duplicates_refused off", func(gs *types.GenesisState) { gs.Groups[0].DuplicatesRefused++ }, "duplicates refused"},
		{"enrolment counter off", func(gs *types.GenesisState) { gs.Programs[0].Totals.EnrolmentsEnrolled++ }, "enrolments_enrolled"},
		{"due_per_cycle off", func(gs *types.GenesisState) { gs.Programs[0].DuePerCycle = amt(1) }, "due_per_cycle"},
		{"escrow not adding up", func(gs *types.GenesisState) { gs.Programs[0].Totals.Escrow = amt(1) }, "funded"},
		{"escrow on a VOUCHER program", func(gs *types.GenesisState) {
			gs.Programs[1].Totals.Funded, gs.Programs[1].Totals.Escrow = amt(5), amt(5)
		}, "holds no escrow"},
		{"two live entitlements", func(gs *types.GenesisState) {
			e := gs.Entitlements[0]
			e.Id = gs.NextEntitlementId
			gs.NextEntitlementId++
			gs.Entitlements = append(gs.Entitlements, e)
		}, "two live entitlements"},
		{"payment twice", func(gs *types.GenesisState) { gs.Payments = append(gs.Payments, gs.Payments[0]) }, "paid twice"},
		{"payment to another payee", func(gs *types.GenesisState) { gs.Payments[0].Payee = gs.Entitlements[2].Payee }, "payee"},
		{"cycle counts off", func(gs *types.GenesisState) { gs.Cycles[0].PaidCount++ }, "payments"},
		{"open cycles off", func(gs *types.GenesisState) { gs.Programs[0].OpenCycles = 0 }, "open_cycles"},
		{"finding with a bad digest", func(gs *types.GenesisState) { gs.Findings[0].FindingDigest = "x" }, "finding"},
		{"bad address", func(gs *types.GenesisState) { gs.Cycles[0].CreatedBy = "civic1xyz" }, "invalid address"},
		{"uppercase address", func(gs *types.GenesisState) {
			gs.Programs[0].CreatedBy = "CIVIC" + gs.Programs[0].CreatedBy[5:]
		}, "address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.k.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			tc.spoil(gs)
			f2 := newFixture(t)
			before, err := f2.k.ExportGenesis(f2.Ctx)
			require.NoError(t, err)
			err = f2.k.InitGenesis(f2.Ctx, gs)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.want)
			after, err := f2.k.ExportGenesis(f2.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "a refused genesis writes nothing")
		})
	}
	require.NoError(t, good.Validate())
}
