package keeper_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/disaster/types"
)

func TestDeclareIncident(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.fresh()

	// ACT
	resp, err := f.msg.DeclareIncident(f.ctx, f.declareMsg())

	// ASSERT
	require.NoError(t, err)
	require.EqualValues(t, 1, resp.IncidentId)
	want := types.Incident{
		Id: 1, AgencyId: busan, Type: types.IncidentTypeFlood,
		AffectedDistricts: []string{busanjin, dongnae}, // stored ascending
		Severity:          types.SeverityCaution, DescriptionDigest: descDigest,
		Status: types.IncidentStatusDeclared, DeclaredBy: f.s(coord),
		DeclaredAt: T0, UpdatedAt: T0, Revision: 1,
	}
	require.Equal(t, want, f.incident(1))
	st := f.state()
	require.Equal(t, []types.IncidentRevision{{
		IncidentId: 1, Revision: 1, Severity: types.SeverityCaution, AffectedDistricts: []string{busanjin, dongnae},
		ChangedBy: f.s(coord), ChangedAt: T0, ReasonDigest: descDigest,
	}}, st.Genesis.Revisions, "the declaration is revision 1")
	require.EqualValues(t, 2, st.Genesis.NextIncidentId)
	require.Len(t, st.ByDistrict, 2)
	f.only(&types.EventIncidentDeclared{
		IncidentId: 1, AgencyId: busan, Type: types.IncidentTypeFlood, Severity: types.SeverityCaution,
		AffectedDistricts: []string{busanjin, dongnae}, DescriptionDigest: descDigest, Actor: f.s(coord),
	})
}

func TestDeclareIncidentSameDescriptionInAnotherAgency(t *testing.T) {
	// ARRANGE: busan declared descDigest
	f := newFixture(t)
	f.declare(nil)

	// ACT: another agency declares a report with the same digest
	id := f.declare(func(m *types.MsgDeclareIncident) {
		m.Coordinator = f.s(coord2)
		m.AffectedDistricts = []string{uichang}
	})

	// ASSERT: the idempotency key is per agency
	require.Equal(t, gyeongnam, f.incident(id).AgencyId)
}

func TestDeclareIncidentRejections(t *testing.T) {
	tooMany := make([]string, types.MaxDistricts+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("26%03d", i)
	}
	for _, tc := range []struct {
		name string
		edit func(f *fixture, m *types.MsgDeclareIncident)
		want error
	}{
		{"bad coordinator address", func(_ *fixture, m *types.MsgDeclareIncident) { m.Coordinator = "civic1nope" }, sdkerrors.ErrInvalidAddress},
		{"type unspecified", func(_ *fixture, m *types.MsgDeclareIncident) { m.Type = types.IncidentTypeUnspecified }, types.ErrInvalidType},
		{"type unknown", func(_ *fixture, m *types.MsgDeclareIncident) { m.Type = 42 }, types.ErrInvalidType},
		{"no districts", func(_ *fixture, m *types.MsgDeclareIncident) { m.AffectedDistricts = nil }, types.ErrInvalidDistricts},
		{"district of 4 digits", func(_ *fixture, m *types.MsgDeclareIncident) { m.AffectedDistricts = []string{"2623"} }, types.ErrInvalidDistrict},
		{"district with a letter", func(_ *fixture, m *types.MsgDeclareIncident) { m.AffectedDistricts = []string{"2623a"} }, types.ErrInvalidDistrict},
		{"district in non-ASCII digits", func(_ *fixture, m *types.MsgDeclareIncident) { m.AffectedDistricts = []string{"２６２３０"} }, types.ErrInvalidDistrict},
		{"district named twice", func(_ *fixture, m *types.MsgDeclareIncident) {
			m.AffectedDistricts = []string{busanjin, dongnae, busanjin}
		}, types.ErrInvalidDistricts},
		{"65 districts", func(_ *fixture, m *types.MsgDeclareIncident) { m.AffectedDistricts = tooMany }, types.ErrInvalidDistricts},
		{"more districts than params allow", func(f *fixture, m *types.MsgDeclareIncident) {
			f.setParams(func(p *types.Params) { p.MaxDistrictsPerIncident = 1 })
		}, types.ErrInvalidDistricts},
		{"severity unspecified", func(_ *fixture, m *types.MsgDeclareIncident) { m.Severity = types.SeverityUnspecified }, types.ErrInvalidSeverity},
		{"severity unknown", func(_ *fixture, m *types.MsgDeclareIncident) { m.Severity = 5 }, types.ErrInvalidSeverity},
		{"description digest uppercase", func(_ *fixture, m *types.MsgDeclareIncident) { m.DescriptionDigest = strings.ToUpper(descDigest) }, types.ErrInvalidDigest},
		{"description as text", func(_ *fixture, m *types.MsgDeclareIncident) { m.DescriptionDigest = "flooding near Seomyeon station" }, types.ErrInvalidDigest},
		{"signer in no agency", func(f *fixture, m *types.MsgDeclareIncident) { m.Coordinator = f.s(outsider) }, agencytypes.ErrNotMember},
		{"member without the role", func(f *fixture, m *types.MsgDeclareIncident) { m.Coordinator = f.s(clerk) }, agencytypes.ErrRoleNotHeld},
		{"same description twice in one agency", func(f *fixture, m *types.MsgDeclareIncident) {
			f.declare(nil)
			m.Coordinator = f.s(coordB)
		}, types.ErrDuplicateIncident},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			msg := f.declareMsg()
			tc.edit(f, msg)
			// ACT / ASSERT
			f.rejected(tc.want, func() error { _, err := f.msg.DeclareIncident(f.ctx, msg); return err })
		})
	}
}

func TestUpdateIncident(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.declare(nil)
	t1 := T0.Add(time.Hour)
	f.at(t1)
	f.fresh()

	// ACT 1: severity only
	resp, err := f.msg.UpdateIncident(f.ctx, f.updateMsg(id))

	// ASSERT 1
	require.NoError(t, err)
	require.EqualValues(t, 2, resp.Revision)
	inc := f.incident(id)
	require.Equal(t, types.SeverityAlert, inc.Severity)
	require.Equal(t, []string{busanjin, dongnae}, inc.AffectedDistricts, "districts kept")
	require.EqualValues(t, 2, inc.Revision)
	require.Equal(t, t1, inc.UpdatedAt)
	require.Equal(t, T0, inc.DeclaredAt)
	f.only(&types.EventIncidentUpdated{
		IncidentId: id, AgencyId: busan, Revision: 2, Severity: types.SeverityAlert,
		AffectedDistricts: []string{busanjin, dongnae}, ReasonDigest: reasonDigest, Actor: f.s(coord),
	})

	// ACT 2: districts only, by another coordinator of the agency
	msg := f.updateMsg(id)
	msg.Coordinator, msg.Severity, msg.AffectedDistricts = f.s(coordB), types.SeverityUnspecified, []string{haeundae, busanjin}
	resp, err = f.msg.UpdateIncident(f.ctx, msg)

	// ASSERT 2: Dongnae-gu left the district indexes, Haeundae-gu joined them
	require.NoError(t, err)
	require.EqualValues(t, 3, resp.Revision)
	inc = f.incident(id)
	require.Equal(t, types.SeverityAlert, inc.Severity, "severity kept")
	require.Equal(t, []string{busanjin, haeundae}, inc.AffectedDistricts)
	covers, err := f.k.CoversDistrict(f.ctx, id, dongnae)
	require.NoError(t, err)
	require.False(t, covers)
	got, err := f.k.IncidentsCoveringDistrict(f.ctx, haeundae, 10)
	require.NoError(t, err)
	require.Len(t, got, 1)

	// ACT 3: both at once
	msg = f.updateMsg(id)
	msg.Severity, msg.AffectedDistricts = types.SeveritySerious, []string{jung}
	_, err = f.msg.UpdateIncident(f.ctx, msg)
	require.NoError(t, err)

	// ASSERT 3: every change is a numbered revision
	revs := f.state().Genesis.Revisions
	require.Len(t, revs, 4)
	for i, r := range revs {
		require.EqualValues(t, i+1, r.Revision)
	}
	require.Equal(t, types.SeveritySerious, revs[3].Severity)
	require.Equal(t, []string{jung}, revs[3].AffectedDistricts)
	require.Equal(t, f.s(coordB), revs[2].ChangedBy)
}

func TestUpdateIncidentRejections(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(f *fixture, id uint64, m *types.MsgUpdateIncident)
		want error
	}{
		{"bad coordinator address", func(_ *fixture, _ uint64, m *types.MsgUpdateIncident) { m.Coordinator = "nope" }, sdkerrors.ErrInvalidAddress},
		{"incident id 0", func(_ *fixture, _ uint64, m *types.MsgUpdateIncident) { m.IncidentId = 0 }, types.ErrInvalidID},
		{"nothing to change", func(_ *fixture, _ uint64, m *types.MsgUpdateIncident) { m.Severity = types.SeverityUnspecified }, types.ErrNoChange},
		{"severity unknown", func(_ *fixture, _ uint64, m *types.MsgUpdateIncident) { m.Severity = 7 }, types.ErrInvalidSeverity},
		{"bad district", func(_ *fixture, _ uint64, m *types.MsgUpdateIncident) { m.AffectedDistricts = []string{"26 23"} }, types.ErrInvalidDistrict},
		{"district twice", func(_ *fixture, _ uint64, m *types.MsgUpdateIncident) { m.AffectedDistricts = []string{jung, jung} }, types.ErrInvalidDistricts},
		{"reason digest missing", func(_ *fixture, _ uint64, m *types.MsgUpdateIncident) { m.ReasonDigest = "" }, types.ErrInvalidDigest},
		{"unknown incident", func(_ *fixture, _ uint64, m *types.MsgUpdateIncident) { m.IncidentId = 99 }, types.ErrIncidentNotFound},
		{"signer in no agency", func(f *fixture, _ uint64, m *types.MsgUpdateIncident) { m.Coordinator = f.s(outsider) }, agencytypes.ErrNotMember},
		{"member without the role", func(f *fixture, _ uint64, m *types.MsgUpdateIncident) { m.Coordinator = f.s(clerk) }, agencytypes.ErrRoleNotHeld},
		{"coordinator of another agency", func(f *fixture, _ uint64, m *types.MsgUpdateIncident) { m.Coordinator = f.s(coord2) }, types.ErrWrongAgency},
		{"closed incident", func(f *fixture, id uint64, _ *types.MsgUpdateIncident) {
			require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusClosed))
		}, types.ErrIncidentClosed},
		{"same severity and districts", func(_ *fixture, _ uint64, m *types.MsgUpdateIncident) {
			m.Severity, m.AffectedDistricts = types.SeverityCaution, []string{dongnae, busanjin}
		}, types.ErrNoChange},
		{"more districts than params allow", func(f *fixture, _ uint64, m *types.MsgUpdateIncident) {
			f.setParams(func(p *types.Params) { p.MaxDistrictsPerIncident = 2 })
			m.AffectedDistricts = []string{jung, busanjin, dongnae}
		}, types.ErrInvalidDistricts},
		{"revision limit reached", func(f *fixture, _ uint64, _ *types.MsgUpdateIncident) {
			f.setParams(func(p *types.Params) { p.MaxRevisionsPerIncident = 1 })
		}, types.ErrRevisionLimit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			id := f.declare(nil)
			msg := f.updateMsg(id)
			tc.edit(f, id, msg)
			// ACT / ASSERT
			f.rejected(tc.want, func() error { _, err := f.msg.UpdateIncident(f.ctx, msg); return err })
		})
	}
}

func TestSetIncidentStatus(t *testing.T) {
	t.Run("declared, responding, closed", func(t *testing.T) {
		// ARRANGE
		f := newFixture(t)
		id := f.declare(nil)
		f.at(T0.Add(time.Hour))
		f.fresh()

		// ACT: respond
		require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusResponding))

		// ASSERT
		inc := f.incident(id)
		require.Equal(t, types.IncidentStatusResponding, inc.Status)
		require.Equal(t, T0.Add(time.Hour), inc.UpdatedAt)
		require.True(t, inc.ClosedAt.IsZero())
		f.only(&types.EventIncidentStatusChanged{
			IncidentId: id, AgencyId: busan, From: types.IncidentStatusDeclared, To: types.IncidentStatusResponding, Actor: f.s(coord),
		})

		// ACT: close, by another coordinator of the agency
		f.at(T0.Add(2 * time.Hour))
		require.NoError(t, f.setStatus(id, f.s(coordB), types.IncidentStatusClosed))

		// ASSERT: closed, and no longer open in any district
		inc = f.incident(id)
		require.Equal(t, types.IncidentStatusClosed, inc.Status)
		require.Equal(t, T0.Add(2*time.Hour), inc.ClosedAt)
		require.Equal(t, inc.ClosedAt, inc.UpdatedAt)
		open, err := f.k.IncidentsCoveringDistrict(f.ctx, busanjin, 10)
		require.NoError(t, err)
		require.Empty(t, open)
		require.Len(t, f.state().Genesis.Revisions, 1, "a status change is not a severity/district revision")
	})
	t.Run("declared straight to closed", func(t *testing.T) {
		f := newFixture(t)
		id := f.declare(nil)
		require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusClosed))
		require.Equal(t, types.IncidentStatusClosed, f.incident(id).Status)
	})
	t.Run("governance closes", func(t *testing.T) {
		f := newFixture(t)
		id := f.declare(nil)
		require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusResponding))
		f.fresh()
		require.NoError(t, f.setStatus(id, f.gov(), types.IncidentStatusClosed))
		require.Equal(t, types.IncidentStatusClosed, f.incident(id).Status)
		f.only(&types.EventIncidentStatusChanged{
			IncidentId: id, AgencyId: busan, From: types.IncidentStatusResponding, To: types.IncidentStatusClosed, Actor: f.gov(),
		})
	})
}

func TestSetIncidentStatusRejections(t *testing.T) {
	for _, tc := range []struct {
		name    string
		arrange func(f *fixture, id uint64)
		signer  func(f *fixture) string
		id      uint64 // 0: the declared incident
		status  types.IncidentStatus
		want    error
	}{
		{name: "bad signer address", signer: func(*fixture) string { return "civic1" }, status: types.IncidentStatusResponding, want: sdkerrors.ErrInvalidAddress},
		{name: "status unspecified", status: types.IncidentStatusUnspecified, want: types.ErrInvalidStatus},
		{name: "status unknown", status: 9, want: types.ErrInvalidStatus},
		{name: "unknown incident", id: 99, status: types.IncidentStatusResponding, want: types.ErrIncidentNotFound},
		{name: "signer in no agency", signer: func(f *fixture) string { return f.s(outsider) }, status: types.IncidentStatusResponding, want: agencytypes.ErrNotMember},
		{name: "member without the role", signer: func(f *fixture) string { return f.s(clerk) }, status: types.IncidentStatusClosed, want: agencytypes.ErrRoleNotHeld},
		{name: "coordinator of another agency", signer: func(f *fixture) string { return f.s(coord2) }, status: types.IncidentStatusClosed, want: types.ErrWrongAgency},
		{name: "declared to declared", status: types.IncidentStatusDeclared, want: types.ErrInvalidTransition},
		{name: "responding back to declared", arrange: func(f *fixture, id uint64) {
			require.NoError(f.t, f.setStatus(id, f.s(coord), types.IncidentStatusResponding))
		}, status: types.IncidentStatusDeclared, want: types.ErrInvalidTransition},
		{name: "closed reopened", arrange: func(f *fixture, id uint64) {
			require.NoError(f.t, f.setStatus(id, f.s(coord), types.IncidentStatusClosed))
		}, status: types.IncidentStatusResponding, want: types.ErrInvalidTransition},
		{name: "closed twice by governance", arrange: func(f *fixture, id uint64) {
			require.NoError(f.t, f.setStatus(id, f.s(coord), types.IncidentStatusClosed))
		}, signer: func(f *fixture) string { return f.gov() }, status: types.IncidentStatusClosed, want: types.ErrInvalidTransition},
		{name: "governance asks for responding", signer: func(f *fixture) string { return f.gov() }, status: types.IncidentStatusResponding, want: types.ErrGovernanceCloseOnly},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			id := f.declare(nil)
			if tc.arrange != nil {
				tc.arrange(f, id)
			}
			signer := f.s(coord)
			if tc.signer != nil {
				signer = tc.signer(f)
			}
			if tc.id != 0 {
				id = tc.id
			}
			// ACT / ASSERT
			f.rejected(tc.want, func() error { return f.setStatus(id, signer, tc.status) })
		})
	}
}

func TestTransitionErrorNamesBothStates(t *testing.T) {
	f := newFixture(t)
	id := f.declare(nil)
	require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusClosed))
	err := f.setStatus(id, f.s(coord), types.IncidentStatusResponding)
	require.ErrorIs(t, err, types.ErrInvalidTransition)
	require.ErrorContains(t, err, "incident cannot go from CLOSED to RESPONDING")
}
