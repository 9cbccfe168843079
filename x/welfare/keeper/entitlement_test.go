package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/welfare/types"
)

// enrolled: mohw's CASH program in livelihood with kim ENROLLED; it returns the
// program and the enrolment.
func enrolled(f *fixture) (uint64, uint64) {
	f.t.Helper()
	f.group(livelihood)
	m := f.cash(5_000_000, livelihood)
	return m, f.enrol(m, "kim", f.caseworker, f.caseworker2, livelihood)
}

func TestOfferAndAcceptEntitlement(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, e := enrolled(f)
	f.fresh()

	// ACT: offer ...
	res, err := f.ms.OfferEntitlement(f.Ctx, offerMsg(f.caseworker, e, f.payee, 500_000))

	// ASSERT: OFFERED, counted in due_per_cycle and in the payee's fan-in.
	require.NoError(t, err)
	id := res.EntitlementId
	ent := f.entitlement(id)
	require.Equal(t, types.EntitlementStatusOffered, ent.Status)
	require.Equal(t, s(f.payee), ent.Payee)
	require.Equal(t, id, f.enrolment(e).EntitlementId)
	p := f.program(m)
	require.Equal(t, amt(500_000), p.DuePerCycle)
	require.Equal(t, uint64(1), p.Totals.EntitlementsOffered)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventEntitlementOffered{
		EntitlementId: id, EnrolmentId: e, ProgramId: m, Payee: s(f.payee), AmountPerCycle: amt(500_000),
		ValidFrom: T0, ValidUntil: yearEnd, Caseworker: s(f.caseworker),
	})
	fan, err := f.qs.PayeeFanIn(f.Ctx, &types.QueryPayeeFanInRequest{Payee: s(f.payee)})
	require.NoError(t, err)
	require.Equal(t, uint64(1), fan.Live)

	// ACT: ... the payee accepts.
	f.fresh()
	_, err = f.ms.AcceptEntitlement(f.Ctx, &types.MsgAcceptEntitlement{Payee: s(f.payee), EntitlementId: id})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.EntitlementStatusAccepted, f.entitlement(id).Status)
	require.Equal(t, uint64(1), f.program(m).Totals.EntitlementsAccepted)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventEntitlementStatusChanged{
		EntitlementId: id, ProgramId: m, From: types.EntitlementStatusOffered, To: types.EntitlementStatusAccepted, Actor: s(f.payee),
	})
	f.requireSound()
}

func TestDeclineEntitlement(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	m, e := enrolled(f)
	res, err := f.ms.OfferEntitlement(f.Ctx, offerMsg(f.caseworker, e, f.payee, 500_000))
	require.NoError(t, err)

	// ACT
	_, err = f.ms.DeclineEntitlement(f.Ctx, &types.MsgDeclineEntitlement{Payee: s(f.payee), EntitlementId: res.EntitlementId})

	// ASSERT: DECLINED, no longer due, and a new offer may follow.
	require.NoError(t, err)
	require.Equal(t, types.EntitlementStatusDeclined, f.entitlement(res.EntitlementId).Status)
	require.True(t, f.program(m).DuePerCycle.IsZero())
	again, err := f.ms.OfferEntitlement(f.Ctx, offerMsg(f.caseworker, e, f.payee2, 400_000))
	require.NoError(t, err)
	require.Equal(t, again.EntitlementId, f.enrolment(e).EntitlementId)
	f.requireSound()
}

func TestSetEntitlementStatus(t *testing.T) {
	// ARRANGE: an ACTIVE entitlement (paid once).
	f := newFixture(t)
	m, e := enrolled(f)
	id := f.entitle(f.caseworker, e, f.payee, 100_000)
	f.distribute(m, f.approved(m, f.manager, f.manager2, 1), f.manager, 10)
	require.Equal(t, types.EntitlementStatusActive, f.entitlement(id).Status)
	set := func(status types.EntitlementStatus, reason string) {
		t.Helper()
		f.fresh()
		_, err := f.ms.SetEntitlementStatus(f.Ctx, &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker2), EntitlementId: id, Status: status, ReasonCode: reason})
		require.NoError(t, err)
		f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventEntitlementStatusChanged{
			EntitlementId: id, ProgramId: m, From: map[types.EntitlementStatus]types.EntitlementStatus{
				types.EntitlementStatusSuspended: types.EntitlementStatusActive, types.EntitlementStatusActive: types.EntitlementStatusSuspended,
				types.EntitlementStatusEnded: types.EntitlementStatusActive,
			}[status], To: status, ReasonCode: reason, Actor: s(f.caseworker2),
		})
	}

	// ACT + ASSERT: suspend, resume, end.
	set(types.EntitlementStatusSuspended, "DOCUMENTS_MISSING")
	require.Equal(t, uint64(1), f.program(m).Totals.EntitlementsSuspended)
	set(types.EntitlementStatusActive, "DOCUMENTS_RECEIVED")
	set(types.EntitlementStatusEnded, "DECEASED")
	ent := f.entitlement(id)
	require.Equal(t, types.EntitlementStatusEnded, ent.Status)
	require.Equal(t, "DECEASED", ent.EndReason)
	require.True(t, f.program(m).DuePerCycle.IsZero())
	f.requireSound()
}

func TestEndLapsedEntitlement(t *testing.T) {
	// ARRANGE: an ACCEPTED entitlement past valid_until (shown ENDED, stored ACCEPTED).
	f := newFixture(t)
	m, e := enrolled(f)
	id := f.entitle(f.caseworker, e, f.payee, 100_000)
	f.at(yearEnd)

	// ACT: ending it stores what the queries show.
	_, err := f.ms.SetEntitlementStatus(f.Ctx, &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusEnded, ReasonCode: "EXPIRED"})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.EntitlementStatusEnded, f.entitlement(id).Status)
	require.True(t, f.program(m).DuePerCycle.IsZero())
	f.requireSound()
}

func TestOfferEntitlementRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(f *fixture, m *types.MsgOfferEntitlement)
		want error
	}{
		{"payee a member of the paying agency", func(f *fixture, m *types.MsgOfferEntitlement) { m.Payee = s(f.manager2) }, types.ErrPayeeIsAgencyMember},
		{"payee the paying agency's admin", func(f *fixture, m *types.MsgOfferEntitlement) { m.Payee = s(f.Agencies[mohw].Admin) }, types.ErrPayeeIsAgencyMember},
		{"payee a module account", func(f *fixture, m *types.MsgOfferEntitlement) { m.Payee = s(f.moduleAddr()) }, types.ErrBlockedAddress},
		{"bad payee address", func(_ *fixture, m *types.MsgOfferEntitlement) { m.Payee = "civic1bad" }, sdkerrors.ErrInvalidAddress},
		{"caseworker of another agency", func(f *fixture, m *types.MsgOfferEntitlement) { m.Caseworker = s(f.bCaseworker) }, types.ErrWrongAgency},
		{"zero amount", func(_ *fixture, m *types.MsgOfferEntitlement) { m.AmountPerCycle = amt(0) }, types.ErrInvalidAmount},
		{"amount above max_amount", func(_ *fixture, m *types.MsgOfferEntitlement) {
			m.AmountPerCycle = types.DefaultMaxAmount.AddRaw(1)
		}, types.ErrInvalidAmount},
		{"valid_until before valid_from", func(_ *fixture, m *types.MsgOfferEntitlement) { m.ValidUntil = m.ValidFrom }, types.ErrInvalidTimes},
		{"longer than max_entitlement_seconds", func(_ *fixture, m *types.MsgOfferEntitlement) {
			m.ValidUntil = m.ValidFrom.Add(time.Duration(types.DefaultMaxEntitlementSeconds+1) * time.Second)
		}, types.ErrInvalidTimes},
		{"already over", func(_ *fixture, m *types.MsgOfferEntitlement) {
			m.ValidFrom, m.ValidUntil = T0.Add(-48*time.Hour), T0
		}, types.ErrInvalidTimes},
		{"a second live entitlement", func(f *fixture, m *types.MsgOfferEntitlement) {
			f.entitle(f.caseworker, m.EnrolmentId, f.payee2, 1)
		}, types.ErrLiveEntitlement},
		{"a PENDING enrolment", func(f *fixture, m *types.MsgOfferEntitlement) {
			m.EnrolmentId = f.apply(applyMsg(f.caseworker, 1, "lee", livelihood)).EnrolmentId
		}, types.ErrEnrolmentNotEnrolled},
		{"a PAUSED enrolment", func(f *fixture, m *types.MsgOfferEntitlement) {
			_, err := f.ms.SetEnrolmentStatus(f.Ctx, &types.MsgSetEnrolmentStatus{Caseworker: s(f.caseworker), EnrolmentId: m.EnrolmentId, Status: types.EnrolmentStatusPaused, ReasonCode: "REVIEW"})
			require.NoError(f.t, err)
		}, types.ErrEnrolmentNotEnrolled},
		{"unknown enrolment", func(_ *fixture, m *types.MsgOfferEntitlement) { m.EnrolmentId = 99 }, types.ErrEnrolmentNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			_, e := enrolled(f)
			msg := offerMsg(f.caseworker, e, f.payee, 100_000)
			tc.edit(f, msg)

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.OfferEntitlement(f.Ctx, msg); return err })
		})
	}
}

func TestAcceptDeclineRejected(t *testing.T) {
	for _, tc := range []struct {
		name    string
		arrange func(f *fixture, id uint64) uint64
		signer  func(f *fixture) string
		decline bool
		want    error
	}{
		{"acceptance by anyone but the payee", nil, func(f *fixture) string { return s(f.outsider) }, false, types.ErrNotPayee},
		{"acceptance by the caseworker", nil, func(f *fixture) string { return s(f.caseworker) }, false, types.ErrNotPayee},
		{"decline by anyone but the payee", nil, func(f *fixture) string { return s(f.payee2) }, true, types.ErrNotPayee},
		{"accepted twice", func(f *fixture, id uint64) uint64 {
			_, err := f.ms.AcceptEntitlement(f.Ctx, &types.MsgAcceptEntitlement{Payee: s(f.payee), EntitlementId: id})
			require.NoError(f.t, err)
			return id
		}, func(f *fixture) string { return s(f.payee) }, false, types.ErrInvalidTransition},
		{"decline an ACCEPTED entitlement", func(f *fixture, id uint64) uint64 {
			_, err := f.ms.AcceptEntitlement(f.Ctx, &types.MsgAcceptEntitlement{Payee: s(f.payee), EntitlementId: id})
			require.NoError(f.t, err)
			return id
		}, func(f *fixture) string { return s(f.payee) }, true, types.ErrInvalidTransition},
		{"accept past valid_until", func(f *fixture, id uint64) uint64 {
			f.at(yearEnd)
			return id
		}, func(f *fixture) string { return s(f.payee) }, false, types.ErrInvalidTransition},
		{"payee joined the paying agency since the offer", func(f *fixture, id uint64) uint64 {
			testkeeper.AddTestMember(f.t, f.Agency, f.Ctx, mohw, f.Agencies[mohw].Admin, f.payee, types.RoleCaseworker)
			return id
		}, func(f *fixture) string { return s(f.payee) }, false, types.ErrPayeeIsAgencyMember},
		{"unknown entitlement", func(*fixture, uint64) uint64 { return 99 }, func(f *fixture) string { return s(f.payee) }, false, types.ErrEntitlementNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			_, e := enrolled(f)
			res, err := f.ms.OfferEntitlement(f.Ctx, offerMsg(f.caseworker, e, f.payee, 100_000))
			require.NoError(t, err)
			id := res.EntitlementId
			if tc.arrange != nil {
				id = tc.arrange(f, id)
			}
			signer := tc.signer(f)

			// ACT + ASSERT
			f.rejected(tc.want, func() error {
				if tc.decline {
					_, err := f.ms.DeclineEntitlement(f.Ctx, &types.MsgDeclineEntitlement{Payee: signer, EntitlementId: id})
					return err
				}
				_, err := f.ms.AcceptEntitlement(f.Ctx, &types.MsgAcceptEntitlement{Payee: signer, EntitlementId: id})
				return err
			})
		})
	}
}

func TestSetEntitlementStatusRejected(t *testing.T) {
	for _, tc := range []struct {
		name    string
		arrange func(f *fixture, m, id uint64)
		msg     func(f *fixture, id uint64) *types.MsgSetEntitlementStatus
		want    error
	}{
		{"suspend an ACCEPTED entitlement", nil, func(f *fixture, id uint64) *types.MsgSetEntitlementStatus {
			return &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusSuspended, ReasonCode: "X"}
		}, types.ErrInvalidTransition},
		{"resume an ACCEPTED entitlement", nil, func(f *fixture, id uint64) *types.MsgSetEntitlementStatus {
			return &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusActive, ReasonCode: "X"}
		}, types.ErrInvalidTransition},
		{"status DECLINED", nil, func(f *fixture, id uint64) *types.MsgSetEntitlementStatus {
			return &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusDeclined, ReasonCode: "X"}
		}, types.ErrInvalidStatus},
		{"end an ENDED entitlement", func(f *fixture, _, id uint64) {
			_, err := f.ms.SetEntitlementStatus(f.Ctx, &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusEnded, ReasonCode: "X"})
			require.NoError(f.t, err)
		}, func(f *fixture, id uint64) *types.MsgSetEntitlementStatus {
			return &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusEnded, ReasonCode: "X"}
		}, types.ErrInvalidTransition},
		{"resume under an audit hold", func(f *fixture, m, id uint64) {
			f.distribute(m, f.approved(m, f.manager, f.manager2, 1), f.manager, 10)
			_, err := f.ms.SetEntitlementStatus(f.Ctx, &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusSuspended, ReasonCode: "X"})
			require.NoError(f.t, err)
			f.hold(id, f.auditor)
		}, func(f *fixture, id uint64) *types.MsgSetEntitlementStatus {
			return &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusActive, ReasonCode: "X"}
		}, types.ErrAuditHold},
		{"suspend past valid_until", func(f *fixture, m, id uint64) {
			f.distribute(m, f.approved(m, f.manager, f.manager2, 1), f.manager, 10)
			f.at(yearEnd)
		}, func(f *fixture, id uint64) *types.MsgSetEntitlementStatus {
			return &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusSuspended, ReasonCode: "X"}
		}, types.ErrInvalidTransition},
		{"caseworker of another agency", nil, func(f *fixture, id uint64) *types.MsgSetEntitlementStatus {
			return &types.MsgSetEntitlementStatus{Caseworker: s(f.bCaseworker), EntitlementId: id, Status: types.EntitlementStatusEnded, ReasonCode: "X"}
		}, types.ErrWrongAgency},
		{"the payee", nil, func(f *fixture, id uint64) *types.MsgSetEntitlementStatus {
			return &types.MsgSetEntitlementStatus{Caseworker: s(f.payee), EntitlementId: id, Status: types.EntitlementStatusEnded, ReasonCode: "X"}
		}, agencyNotMember},
		{"no reason", nil, func(f *fixture, id uint64) *types.MsgSetEntitlementStatus {
			return &types.MsgSetEntitlementStatus{Caseworker: s(f.caseworker), EntitlementId: id, Status: types.EntitlementStatusEnded}
		}, types.ErrInvalidReasonCode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			m, e := enrolled(f)
			id := f.entitle(f.caseworker, e, f.payee, 100_000)
			if tc.arrange != nil {
				tc.arrange(f, m, id)
			}
			msg := tc.msg(f, id)

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.SetEntitlementStatus(f.Ctx, msg); return err })
		})
	}
}
