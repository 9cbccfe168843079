package keeper_test

import (
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	didtypes "github.com/civicchain/civic/x/did/types"
	"github.com/civicchain/civic/x/welfare/types"
)

// twoPrograms: groups livelihood and housing; mohw's CASH program 1 in livelihood,
// busan's CASH program 2 in livelihood and housing.
func twoPrograms(f *fixture) (uint64, uint64) {
	f.t.Helper()
	f.group(livelihood)
	f.group(housing)
	mohwProgram := f.cash(5_000_000, livelihood)
	b := f.create(cashMsg(f.bManager, livelihood, housing))
	f.fund(b, f.bManager, 5_000_000)
	f.activate(b, f.bManager)
	return mohwProgram, b
}

func TestApplyReservesSlots(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	_, b := twoPrograms(f)
	msg := applyMsg(f.bCaseworker, b, "kim", housing, livelihood)
	f.fresh()

	// ACT
	res, err := f.ms.Apply(f.Ctx, msg)

	// ASSERT: PENDING, one slot per group held by the enrolment, counted.
	require.NoError(t, err)
	require.Equal(t, &types.MsgApplyResponse{EnrolmentId: 1, Status: types.EnrolmentStatusPending}, res)
	e := f.enrolment(1)
	require.Equal(t, types.EnrolmentStatusPending, e.Status)
	require.Equal(t, busan, e.AgencyId)
	require.Equal(t, s(f.bCaseworker), e.FiledBy)
	for _, g := range []string{housing, livelihood} {
		require.Equal(t, &types.QuerySlotHeldResponse{Held: true, EnrolmentId: 1, ProgramId: b, GroupId: g}, f.held(slotKey("kim", g)))
		require.Equal(t, uint64(1), f.groupOf(g).SlotsHeld)
	}
	require.Equal(t, uint64(1), f.program(b).Totals.EnrolmentsPending)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventApplied{
		EnrolmentId: 1, ProgramId: b, AgencyId: busan, Status: types.EnrolmentStatusPending, Caseworker: s(f.bCaseworker),
	})
	f.requireSound()
}

func TestApplyDuplicateIsRecorded(t *testing.T) {
	// ARRANGE: kim is enrolled in mohw's livelihood program.
	f := newFixture(t)
	m, b := twoPrograms(f)
	f.enrol(m, "kim", f.caseworker, f.caseworker2, livelihood)
	f.fresh()

	// ACT: busan files kim's application to its program (livelihood and housing).
	res, err := f.ms.Apply(f.Ctx, applyMsg(f.bCaseworker, b, "kim", housing, livelihood))

	// ASSERT: a successful transaction whose outcome is DUPLICATED on livelihood,
	// counted in busan's program and in the group; no slot reserved (housing stays free).
	require.NoError(t, err)
	require.Equal(t, &types.MsgApplyResponse{EnrolmentId: 2, Status: types.EnrolmentStatusDuplicated, DuplicateGroup: livelihood}, res)
	require.Equal(t, types.EnrolmentStatusDuplicated, f.enrolment(2).Status)
	require.Equal(t, uint64(1), f.program(b).Totals.EnrolmentsDuplicated)
	require.Equal(t, uint64(0), f.program(b).Totals.EnrolmentsPending)
	require.Equal(t, uint64(1), f.groupOf(livelihood).DuplicatesRefused)
	require.Equal(t, uint64(0), f.groupOf(housing).DuplicatesRefused)
	require.False(t, f.held(slotKey("kim", housing)).Held)
	require.Equal(t, uint64(1), f.held(slotKey("kim", livelihood)).EnrolmentId)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventApplied{
		EnrolmentId: 2, ProgramId: b, AgencyId: busan, Status: types.EnrolmentStatusDuplicated, DuplicateGroup: livelihood, Caseworker: s(f.bCaseworker),
	})
	// A different person is not a duplicate.
	require.Equal(t, types.EnrolmentStatusPending, f.apply(applyMsg(f.bCaseworker, b, "lee", housing, livelihood)).Status)
	f.requireSound()
}

func TestApplyAfterExitSucceeds(t *testing.T) {
	// ARRANGE: kim enrolled at mohw, then exited.
	f := newFixture(t)
	m, b := twoPrograms(f)
	e := f.enrol(m, "kim", f.caseworker, f.caseworker2, livelihood)
	_, err := f.ms.SetEnrolmentStatus(f.Ctx, &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: e, Status: types.EnrolmentStatusExited, ReasonCode: "MOVED_TO_BUSAN"})
	require.NoError(t, err)

	// ACT
	res := f.apply(applyMsg(f.bCaseworker, b, "kim", housing, livelihood))

	// ASSERT
	require.Equal(t, types.EnrolmentStatusPending, res.Status)
	require.Equal(t, b, f.held(slotKey("kim", livelihood)).ProgramId)
	f.requireSound()
}

func TestApplyReleasesLapsedHolder(t *testing.T) {
	// ARRANGE: kim's mohw entitlement ends at yearEnd.
	f := newFixture(t)
	m, b := twoPrograms(f)
	e := f.enrol(m, "kim", f.caseworker, f.caseworker2, livelihood)
	ent := f.entitle(f.caseworker, e, f.payee, 100_000)
	require.True(t, f.held(slotKey("kim", livelihood)).Held)

	// ACT: a day past valid_until the slot counts as free (on read) ...
	f.at(yearEnd.Add(24 * 3600e9))
	require.False(t, f.held(slotKey("kim", livelihood)).Held)
	require.Equal(t, types.EntitlementStatusEnded, f.queryEntitlement(ent).Status, "shown ENDED on read")
	require.Equal(t, types.EntitlementStatusAccepted, f.entitlement(ent).Status, "stored ACCEPTED until a write")
	f.fresh()
	// ... and busan's application, the next write touching it, releases it.
	res := f.apply(applyMsg(f.bCaseworker, b, "kim", housing, livelihood))

	// ASSERT: PENDING at busan; the mohw enrolment EXITED (ENTITLEMENT_EXPIRED), its
	// entitlement ENDED, its slot gone, every counter moved.
	require.Equal(t, types.EnrolmentStatusPending, res.Status)
	old := f.enrolment(e)
	require.Equal(t, types.EnrolmentStatusExited, old.Status)
	require.Equal(t, types.ReasonEntitlementExpired, old.ExitReason)
	require.Equal(t, types.EntitlementStatusEnded, f.entitlement(ent).Status)
	p := f.program(m)
	require.Equal(t, uint64(1), p.Totals.EnrolmentsExited)
	require.Equal(t, uint64(0), p.Totals.EnrolmentsEnrolled)
	require.Equal(t, uint64(1), p.Totals.EntitlementsEnded)
	require.True(t, p.DuePerCycle.IsZero())
	require.Equal(t, uint64(1), f.groupOf(livelihood).SlotsHeld, "only busan's slot")
	require.Contains(t, f.events(), any(&types.EventSlotReleased{SlotKey: slotKey("kim", livelihood), GroupId: livelihood, EnrolmentId: e, Reason: types.ReasonEntitlementExpired}))
	require.Contains(t, f.events(), any(&types.EventEnrolmentStatusChanged{EnrolmentId: e, ProgramId: m, From: types.EnrolmentStatusEnrolled, To: types.EnrolmentStatusExited, ReasonCode: types.ReasonEntitlementExpired}))
	f.requireSound()
}

func TestApplyReleasesHolderOfClosedProgram(t *testing.T) {
	// ARRANGE: kim PENDING at mohw, whose program then closes.
	f := newFixture(t)
	m, b := twoPrograms(f)
	first := f.apply(applyMsg(f.caseworker, m, "kim", livelihood)).EnrolmentId
	_, err := f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: s(f.manager), ProgramId: m})
	require.NoError(t, err)

	// ACT
	res := f.apply(applyMsg(f.bCaseworker, b, "kim", housing, livelihood))

	// ASSERT
	require.Equal(t, types.EnrolmentStatusPending, res.Status)
	require.Equal(t, types.EnrolmentStatusExited, f.enrolment(first).Status)
	require.Equal(t, types.ReasonProgramClosed, f.enrolment(first).ExitReason)
	f.requireSound()
}

func TestApplyWithBeneficiaryDid(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, _ := twoPrograms(f)
	did := f.beneficiaryDid("kim", f.payee)
	msg := applyMsg(f.caseworker, m, "kim", livelihood)
	msg.BeneficiaryRef = did

	// ACT
	res := f.apply(msg)

	// ASSERT
	require.Equal(t, types.EnrolmentStatusPending, res.Status)
	require.Equal(t, did, f.enrolment(res.EnrolmentId).BeneficiaryRef)
	f.requireSound()
}

func TestApplyRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(f *fixture, m *types.MsgApply)
		want error
	}{
		{"bad caseworker address", func(_ *fixture, m *types.MsgApply) { m.Caseworker = "civic1bad" }, sdkerrors.ErrInvalidAddress},
		{"caseworker of another agency", func(f *fixture, m *types.MsgApply) { m.Caseworker = s(f.caseworker) }, types.ErrWrongAgency},
		{"an auditor", func(f *fixture, m *types.MsgApply) { m.Caseworker = s(f.auditor) }, agencytypes.ErrRoleNotHeld},
		{"unknown program", func(_ *fixture, m *types.MsgApply) { m.ProgramId = 99 }, types.ErrProgramNotFound},
		{"DRAFT program", func(f *fixture, m *types.MsgApply) {
			m.ProgramId = f.create(cashMsg(f.bManager, livelihood, housing))
		}, types.ErrProgramNotActive},
		{"malformed slot key", func(_ *fixture, m *types.MsgApply) { m.SlotKeys[0] = strings.ToUpper(m.SlotKeys[0]) }, types.ErrInvalidSlotKey},
		{"short slot key", func(_ *fixture, m *types.MsgApply) { m.SlotKeys[1] = m.SlotKeys[1][:63] }, types.ErrInvalidSlotKey},
		{"missing slot key", func(_ *fixture, m *types.MsgApply) { m.SlotKeys = m.SlotKeys[:1] }, types.ErrSlotKeysMismatch},
		{"extra slot key", func(_ *fixture, m *types.MsgApply) { m.SlotKeys = append(m.SlotKeys, slotKey("kim", "energy")) }, types.ErrSlotKeysMismatch},
		{"the same slot key twice", func(_ *fixture, m *types.MsgApply) { m.SlotKeys[1] = m.SlotKeys[0] }, types.ErrSlotKeysMismatch},
		{"five slot keys", func(_ *fixture, m *types.MsgApply) {
			m.SlotKeys = []string{digest("1"), digest("2"), digest("3"), digest("4"), digest("5")}
		}, types.ErrSlotKeysMismatch},
		{"a slot key held in another group", func(f *fixture, m *types.MsgApply) {
			f.apply(applyMsg(f.bCaseworker, m.ProgramId, "lee", housing, livelihood))
			m.SlotKeys[0] = slotKey("lee", livelihood) // given for housing
		}, types.ErrSlotGroupMismatch},
		{"deactivated beneficiary DID", func(f *fixture, m *types.MsgApply) {
			did := f.beneficiaryDid("kim", f.payee)
			f.deactivateDid(did, f.payee)
			m.BeneficiaryRef = did
		}, types.ErrBeneficiaryInactive},
		{"unknown beneficiary DID", func(_ *fixture, m *types.MsgApply) {
			h := sha256.Sum256([]byte("nobody"))
			m.BeneficiaryRef = didtypes.DidMethodPrefix + didtypes.Base58Encode(h[:])
		}, types.ErrBeneficiaryInactive},
		{"beneficiary named in clear", func(_ *fixture, m *types.MsgApply) { m.BeneficiaryRef = "홍길동" }, types.ErrInvalidBeneficiary},
		{"beneficiary a DID of another method", func(_ *fixture, m *types.MsgApply) { m.BeneficiaryRef = "did:web:example.org" }, types.ErrInvalidBeneficiary},
		{"bad application digest", func(_ *fixture, m *types.MsgApply) { m.ApplicationDigest = "abc" }, types.ErrInvalidDigest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			_, b := twoPrograms(f)
			msg := applyMsg(f.bCaseworker, b, "kim", housing, livelihood)
			tc.edit(f, msg)

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.Apply(f.Ctx, msg); return err })
		})
	}
}

func TestDecideEligibility(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, _ := twoPrograms(f)
	id := f.apply(applyMsg(f.caseworker, m, "kim", livelihood)).EnrolmentId
	f.fresh()

	// ACT: a second caseworker decides.
	_, err := f.ms.DecideEligibility(f.Ctx, decideMsg(f.caseworker2, id, types.EnrolmentStatusEnrolled))

	// ASSERT
	require.NoError(t, err)
	e := f.enrolment(id)
	require.Equal(t, types.EnrolmentStatusEnrolled, e.Status)
	require.Equal(t, s(f.caseworker2), e.DecidedBy)
	require.Equal(t, "2026.1", e.CriteriaVersion)
	p := f.program(m)
	require.Equal(t, uint64(1), p.Totals.EnrolmentsEnrolled)
	require.Equal(t, uint64(0), p.Totals.EnrolmentsPending)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventEligibilityDecided{
		EnrolmentId: id, ProgramId: m, Outcome: types.EnrolmentStatusEnrolled, CriteriaVersion: "2026.1", DecisionDigest: digest("decision"), Caseworker: s(f.caseworker2),
	})
	require.True(t, f.held(slotKey("kim", livelihood)).Held)
	f.requireSound()
}

func TestDecideNotEligibleReleasesSlots(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, _ := twoPrograms(f)
	id := f.apply(applyMsg(f.caseworker, m, "kim", livelihood)).EnrolmentId

	// ACT
	_, err := f.ms.DecideEligibility(f.Ctx, decideMsg(f.caseworker2, id, types.EnrolmentStatusNotEligible))

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.EnrolmentStatusNotEligible, f.enrolment(id).Status)
	require.False(t, f.held(slotKey("kim", livelihood)).Held)
	require.Equal(t, uint64(0), f.groupOf(livelihood).SlotsHeld)
	require.Equal(t, uint64(1), f.program(m).Totals.EnrolmentsNotEligible)
	f.requireSound()
}

func TestDecideEligibilityRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		msg  func(f *fixture, pending, duplicated uint64) *types.MsgDecideEligibility
		want error
	}{
		{"the filing caseworker", func(f *fixture, p, _ uint64) *types.MsgDecideEligibility {
			return decideMsg(f.caseworker, p, types.EnrolmentStatusEnrolled)
		}, types.ErrSelfDecision},
		{"caseworker of another agency", func(f *fixture, p, _ uint64) *types.MsgDecideEligibility {
			return decideMsg(f.bCaseworker, p, types.EnrolmentStatusEnrolled)
		}, types.ErrWrongAgency},
		{"unknown enrolment", func(f *fixture, _, _ uint64) *types.MsgDecideEligibility {
			return decideMsg(f.caseworker2, 99, types.EnrolmentStatusEnrolled)
		}, types.ErrEnrolmentNotFound},
		{"outcome PAUSED", func(f *fixture, p, _ uint64) *types.MsgDecideEligibility {
			return decideMsg(f.caseworker2, p, types.EnrolmentStatusPaused)
		}, types.ErrInvalidStatus},
		{"a DUPLICATED enrolment", func(f *fixture, _, d uint64) *types.MsgDecideEligibility {
			return decideMsg(f.bCaseworker2, d, types.EnrolmentStatusEnrolled)
		}, types.ErrInvalidTransition},
		{"decided twice", func(f *fixture, p, _ uint64) *types.MsgDecideEligibility {
			_, err := f.ms.DecideEligibility(f.Ctx, decideMsg(f.caseworker2, p, types.EnrolmentStatusEnrolled))
			require.NoError(f.t, err)
			return decideMsg(f.caseworker2, p, types.EnrolmentStatusNotEligible)
		}, types.ErrInvalidTransition},
		{"bad decision digest", func(f *fixture, p, _ uint64) *types.MsgDecideEligibility {
			m := decideMsg(f.caseworker2, p, types.EnrolmentStatusEnrolled)
			m.DecisionDigest = strings.Repeat("G", 64)
			return m
		}, types.ErrInvalidDigest},
		{"criteria version with a space", func(f *fixture, p, _ uint64) *types.MsgDecideEligibility {
			m := decideMsg(f.caseworker2, p, types.EnrolmentStatusEnrolled)
			m.CriteriaVersion = "2026 1"
			return m
		}, types.ErrInvalidCriteria},
		{"program closed", func(f *fixture, p, _ uint64) *types.MsgDecideEligibility {
			_, err := f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: s(f.manager), ProgramId: 1})
			require.NoError(f.t, err)
			return decideMsg(f.caseworker2, p, types.EnrolmentStatusEnrolled)
		}, types.ErrProgramNotActive},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE: kim PENDING at mohw; kim DUPLICATED at busan.
			f := newFixture(t)
			m, b := twoPrograms(f)
			pending := f.apply(applyMsg(f.caseworker, m, "kim", livelihood)).EnrolmentId
			duplicated := f.apply(applyMsg(f.bCaseworker, b, "kim", housing, livelihood)).EnrolmentId
			msg := tc.msg(f, pending, duplicated)

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.DecideEligibility(f.Ctx, msg); return err })
		})
	}
}

func TestSetEnrolmentStatus(t *testing.T) {
	// ARRANGE: kim enrolled at mohw with an accepted entitlement.
	f := newFixture(t)
	m, _ := twoPrograms(f)
	id := f.enrol(m, "kim", f.caseworker, f.caseworker2, livelihood)
	ent := f.entitle(f.caseworker, id, f.payee, 100_000)
	set := func(status types.EnrolmentStatus, reason string) {
		t.Helper()
		f.fresh()
		_, err := f.ms.SetEnrolmentStatus(f.Ctx, &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: id, Status: status, ReasonCode: reason})
		require.NoError(t, err)
	}

	// ACT + ASSERT: pause (slots still held) ...
	set(types.EnrolmentStatusPaused, "REVIEW")
	require.Equal(t, types.EnrolmentStatusPaused, f.enrolment(id).Status)
	require.True(t, f.held(slotKey("kim", livelihood)).Held)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventEnrolmentStatusChanged{
		EnrolmentId: id, ProgramId: m, From: types.EnrolmentStatusEnrolled, To: types.EnrolmentStatusPaused, ReasonCode: "REVIEW", Actor: s(f.caseworker),
	})
	// ... resume ...
	set(types.EnrolmentStatusEnrolled, "REVIEW_CLEARED")
	require.Equal(t, types.EnrolmentStatusEnrolled, f.enrolment(id).Status)
	// ... exit: slots released, the entitlement ENDED.
	set(types.EnrolmentStatusExited, "INCOME_ABOVE_THRESHOLD")
	e := f.enrolment(id)
	require.Equal(t, types.EnrolmentStatusExited, e.Status)
	require.Equal(t, "INCOME_ABOVE_THRESHOLD", e.ExitReason)
	require.False(t, f.held(slotKey("kim", livelihood)).Held)
	require.Equal(t, types.EntitlementStatusEnded, f.entitlement(ent).Status)
	require.Equal(t, types.ReasonEnrolmentExited, f.entitlement(ent).EndReason)
	p := f.program(m)
	require.Equal(t, uint64(1), p.Totals.EnrolmentsExited)
	require.True(t, p.DuePerCycle.IsZero())
	f.requireSound()
}

func TestSetEnrolmentStatusRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		msg  func(f *fixture, pending, enrolled, duplicated uint64) *types.MsgSetEnrolmentStatus
		want error
	}{
		{"exit a PENDING enrolment", func(f *fixture, p, _, _ uint64) *types.MsgSetEnrolmentStatus {
			return &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: p, Status: types.EnrolmentStatusExited, ReasonCode: "X"}
		}, types.ErrInvalidTransition},
		{"pause a DUPLICATED enrolment", func(f *fixture, _, _, d uint64) *types.MsgSetEnrolmentStatus {
			return &types.MsgSetEnrolmentStatus{Caseworker: s(f.bCaseworker), EnrolmentId: d, Status: types.EnrolmentStatusPaused, ReasonCode: "X"}
		}, types.ErrInvalidTransition},
		{"resume an ENROLLED enrolment", func(f *fixture, _, e, _ uint64) *types.MsgSetEnrolmentStatus {
			return &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: e, Status: types.EnrolmentStatusEnrolled, ReasonCode: "X"}
		}, types.ErrInvalidTransition},
		{"status NOT_ELIGIBLE", func(f *fixture, _, e, _ uint64) *types.MsgSetEnrolmentStatus {
			return &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: e, Status: types.EnrolmentStatusNotEligible, ReasonCode: "X"}
		}, types.ErrInvalidStatus},
		{"caseworker of another agency", func(f *fixture, _, e, _ uint64) *types.MsgSetEnrolmentStatus {
			return &types.MsgSetEnrolmentStatus{Caseworker: s(f.bCaseworker), EnrolmentId: e, Status: types.EnrolmentStatusPaused, ReasonCode: "X"}
		}, types.ErrWrongAgency},
		{"lowercase reason", func(f *fixture, _, e, _ uint64) *types.MsgSetEnrolmentStatus {
			return &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: e, Status: types.EnrolmentStatusPaused, ReasonCode: "review"}
		}, types.ErrInvalidReasonCode},
		{"reason with a phone number", func(f *fixture, _, e, _ uint64) *types.MsgSetEnrolmentStatus {
			return &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: e, Status: types.EnrolmentStatusPaused, ReasonCode: "C01012345678"}
		}, types.ErrInvalidReasonCode},
		{"unknown enrolment", func(f *fixture, _, _, _ uint64) *types.MsgSetEnrolmentStatus {
			return &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: 99, Status: types.EnrolmentStatusPaused, ReasonCode: "X"}
		}, types.ErrEnrolmentNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE: lee PENDING and kim ENROLLED at mohw; kim DUPLICATED at busan.
			f := newFixture(t)
			m, b := twoPrograms(f)
			enrolled := f.enrol(m, "kim", f.caseworker, f.caseworker2, livelihood)
			pending := f.apply(applyMsg(f.caseworker, m, "lee", livelihood)).EnrolmentId
			duplicated := f.apply(applyMsg(f.bCaseworker, b, "kim", housing, livelihood)).EnrolmentId
			msg := tc.msg(f, pending, enrolled, duplicated)

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.SetEnrolmentStatus(f.Ctx, msg); return err })
		})
	}
}
