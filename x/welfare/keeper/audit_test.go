package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/welfare/types"
)

func TestAuditHoldSkipsPaymentUntilReleased(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, kim, lee := paying(f)
	f.fresh()

	// ACT: the Board of Audit and Inspection holds kim's entitlement.
	_, err := f.ms.PlaceAuditHold(f.Ctx, &types.MsgPlaceAuditHold{Auditor: s(f.auditor), EntitlementId: kim, ReasonCode: "GHOST_SUSPECTED"})

	// ASSERT: held by bai; cycle 1 pays lee only, skipping kim.
	require.NoError(t, err)
	ent := f.entitlement(kim)
	require.True(t, ent.AuditHold)
	require.Equal(t, bai, ent.AuditAgency)
	require.Equal(t, "GHOST_SUSPECTED", ent.AuditReason)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventAuditHoldPlaced{EntitlementId: kim, ProgramId: m, AgencyId: bai, ReasonCode: "GHOST_SUSPECTED", Auditor: s(f.auditor)})
	seq := f.approved(m, f.manager, f.manager2, 1)
	res := f.distribute(m, seq, f.manager, 10)
	require.Equal(t, uint32(1), res.Paid)
	require.Equal(t, uint32(1), res.Skipped)
	require.Equal(t, int64(0), f.bal(f.payee, krw))
	require.Equal(t, int64(200_000), f.bal(f.payee2, krw))
	require.Equal(t, uint64(1), f.entitlement(lee).PaymentsCount)

	// ACT: released, the next cycle pays kim.
	f.fresh()
	_, err = f.ms.ReleaseAuditHold(f.Ctx, &types.MsgReleaseAuditHold{Auditor: s(f.auditor), EntitlementId: kim})

	// ASSERT
	require.NoError(t, err)
	require.False(t, f.entitlement(kim).AuditHold)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventAuditHoldReleased{EntitlementId: kim, ProgramId: m, AgencyId: bai, Auditor: s(f.auditor)})
	f.distribute(m, f.approved(m, f.manager, f.manager2, 2), f.manager, 10)
	require.Equal(t, int64(300_000), f.bal(f.payee, krw))
	f.requireSound()
}

func TestRecordFinding(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, _, _ := paying(f)
	seq := f.approved(m, f.manager, f.manager2, 1)
	f.fresh()

	// ACT
	res, err := f.ms.RecordFinding(f.Ctx, &types.MsgRecordFinding{Auditor: s(f.auditor), ProgramId: m, CycleSeq: seq, FindingDigest: digest("finding-1")})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.FindingId)
	got, err := f.qs.Findings(f.Ctx, &types.QueryFindingsRequest{ProgramId: m})
	require.NoError(t, err)
	require.Equal(t, []types.Finding{{Id: 1, ProgramId: m, CycleSeq: seq, FindingDigest: digest("finding-1"), AgencyId: bai, RecordedBy: s(f.auditor), RecordedAt: T0}}, got.Findings)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventFindingRecorded{FindingId: 1, ProgramId: m, CycleSeq: seq, FindingDigest: digest("finding-1"), AgencyId: bai, Auditor: s(f.auditor)})
	// On the program as a whole.
	res, err = f.ms.RecordFinding(f.Ctx, &types.MsgRecordFinding{Auditor: s(f.auditor2), ProgramId: m, FindingDigest: digest("finding-2")})
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.FindingId)
	f.requireSound()
}

func TestAuditRejected(t *testing.T) {
	for _, tc := range []struct {
		name    string
		arrange func(f *fixture, kim uint64)
		act     func(f *fixture, m, kim uint64) error
		want    error
	}{
		{"hold by a manager", nil, func(f *fixture, _, kim uint64) error {
			_, err := f.ms.PlaceAuditHold(f.Ctx, &types.MsgPlaceAuditHold{Auditor: s(f.manager), EntitlementId: kim, ReasonCode: "X"})
			return err
		}, agencytypes.ErrRoleNotHeld},
		{"hold twice", func(f *fixture, kim uint64) { f.hold(kim, f.auditor) }, func(f *fixture, _, kim uint64) error {
			_, err := f.ms.PlaceAuditHold(f.Ctx, &types.MsgPlaceAuditHold{Auditor: s(f.auditor2), EntitlementId: kim, ReasonCode: "X"})
			return err
		}, types.ErrAuditHold},
		{"hold an ENDED entitlement", func(f *fixture, kim uint64) {
			_, err := f.ms.SetEntitlementStatus(f.Ctx, &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: kim, Status: types.EntitlementStatusEnded, ReasonCode: "X"})
			require.NoError(f.t, err)
		}, func(f *fixture, _, kim uint64) error {
			_, err := f.ms.PlaceAuditHold(f.Ctx, &types.MsgPlaceAuditHold{Auditor: s(f.auditor), EntitlementId: kim, ReasonCode: "X"})
			return err
		}, types.ErrEntitlementNotLive},
		{"hold past valid_until", func(f *fixture, _ uint64) { f.at(yearEnd) }, func(f *fixture, _, kim uint64) error {
			_, err := f.ms.PlaceAuditHold(f.Ctx, &types.MsgPlaceAuditHold{Auditor: s(f.auditor), EntitlementId: kim, ReasonCode: "X"})
			return err
		}, types.ErrEntitlementNotLive},
		{"hold an unknown entitlement", nil, func(f *fixture, _, _ uint64) error {
			_, err := f.ms.PlaceAuditHold(f.Ctx, &types.MsgPlaceAuditHold{Auditor: s(f.auditor), EntitlementId: 99, ReasonCode: "X"})
			return err
		}, types.ErrEntitlementNotFound},
		{"hold reason with an e-mail", nil, func(f *fixture, _, kim uint64) error {
			_, err := f.ms.PlaceAuditHold(f.Ctx, &types.MsgPlaceAuditHold{Auditor: s(f.auditor), EntitlementId: kim, ReasonCode: "A@B"})
			return err
		}, types.ErrInvalidReasonCode},
		{"release without a hold", nil, func(f *fixture, _, kim uint64) error {
			_, err := f.ms.ReleaseAuditHold(f.Ctx, &types.MsgReleaseAuditHold{Auditor: s(f.auditor), EntitlementId: kim})
			return err
		}, types.ErrNoAuditHold},
		{"release by another agency's auditor", func(f *fixture, kim uint64) { f.hold(kim, f.auditor) }, func(f *fixture, _, kim uint64) error {
			_, err := f.ms.ReleaseAuditHold(f.Ctx, &types.MsgReleaseAuditHold{Auditor: s(f.auditor2), EntitlementId: kim})
			return err
		}, types.ErrWrongAgency},
		{"release by the paying agency's caseworker", func(f *fixture, kim uint64) { f.hold(kim, f.auditor) }, func(f *fixture, _, kim uint64) error {
			_, err := f.ms.ReleaseAuditHold(f.Ctx, &types.MsgReleaseAuditHold{Auditor: s(f.caseworker), EntitlementId: kim})
			return err
		}, agencytypes.ErrRoleNotHeld},
		{"finding on an unknown cycle", nil, func(f *fixture, m, _ uint64) error {
			_, err := f.ms.RecordFinding(f.Ctx, &types.MsgRecordFinding{Auditor: s(f.auditor), ProgramId: m, CycleSeq: 7, FindingDigest: digest("f")})
			return err
		}, types.ErrCycleNotFound},
		{"finding on an unknown program", nil, func(f *fixture, _, _ uint64) error {
			_, err := f.ms.RecordFinding(f.Ctx, &types.MsgRecordFinding{Auditor: s(f.auditor), ProgramId: 9, FindingDigest: digest("f")})
			return err
		}, types.ErrProgramNotFound},
		{"finding with a bad digest", nil, func(f *fixture, m, _ uint64) error {
			_, err := f.ms.RecordFinding(f.Ctx, &types.MsgRecordFinding{Auditor: s(f.auditor), ProgramId: m, FindingDigest: "finding"})
			return err
		}, types.ErrInvalidDigest},
		{"finding by a manager", nil, func(f *fixture, m, _ uint64) error {
			_, err := f.ms.RecordFinding(f.Ctx, &types.MsgRecordFinding{Auditor: s(f.manager), ProgramId: m, FindingDigest: digest("f")})
			return err
		}, agencytypes.ErrRoleNotHeld},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			m, kim, _ := paying(f)
			if tc.arrange != nil {
				tc.arrange(f, kim)
			}

			// ACT + ASSERT
			f.rejected(tc.want, func() error { return tc.act(f, m, kim) })
		})
	}
}
