package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/disaster/types"
)

func TestIssuePublicAlert(t *testing.T) {
	// ARRANGE: an incident at revision 2 (ALERT)
	f := newFixture(t)
	id := f.declare(nil)
	_, err := f.msg.UpdateIncident(f.ctx, f.updateMsg(id))
	require.NoError(t, err)
	f.at(T0.Add(30 * time.Minute))
	f.fresh()
	msg := f.alertMsg(id)
	msg.Districts, msg.Level = []string{dongnae, busanjin}, types.SeverityAlert

	// ACT
	resp, err := f.msg.IssuePublicAlert(f.ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.EqualValues(t, 1, resp.AlertId)
	st := f.state()
	require.Equal(t, []types.PublicAlert{{
		Id: 1, IncidentId: id, IncidentRevision: 2, Districts: []string{busanjin, dongnae},
		Level: types.SeverityAlert, MessageCode: "FLOOD_EVACUATE", BroadcastDigest: castDigest,
		IssuedBy: f.s(coord), IssuedAt: T0.Add(30 * time.Minute),
	}}, st.Genesis.Alerts)
	inc := f.incident(id)
	require.EqualValues(t, 1, inc.AlertCount)
	require.Equal(t, T0, inc.UpdatedAt, "an alert does not change the incident's severity, districts or status")
	require.Len(t, st.AlertsByDistrict, 2)
	f.only(&types.EventPublicAlertIssued{
		AlertId: 1, IncidentId: id, AgencyId: busan, Districts: []string{busanjin, dongnae}, Level: types.SeverityAlert,
		MessageCode: "FLOOD_EVACUATE", BroadcastDigest: castDigest, Actor: f.s(coord),
	})

	// ACT 2: a lower level while RESPONDING, by another coordinator
	require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusResponding))
	msg = f.alertMsg(id)
	msg.Coordinator, msg.Level, msg.BroadcastDigest = f.s(coordB), types.SeverityAttention, castDigest2
	resp, err = f.msg.IssuePublicAlert(f.ctx, msg)

	// ASSERT 2
	require.NoError(t, err)
	require.EqualValues(t, 2, resp.AlertId)
	require.EqualValues(t, 2, f.incident(id).AlertCount)
}

func TestIssuePublicAlertRejections(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(f *fixture, id uint64, m *types.MsgIssuePublicAlert)
		want error
	}{
		{"bad coordinator address", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Coordinator = "" }, sdkerrors.ErrInvalidAddress},
		{"incident id 0", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.IncidentId = 0 }, types.ErrInvalidID},
		{"no districts", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Districts = nil }, types.ErrInvalidDistricts},
		{"bad district", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Districts = []string{"262300"} }, types.ErrInvalidDistrict},
		{"district twice", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Districts = []string{busanjin, busanjin} }, types.ErrInvalidDistricts},
		{"level unspecified", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Level = types.SeverityUnspecified }, types.ErrInvalidSeverity},
		{"message code lowercase", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.MessageCode = "flood_evacuate" }, types.ErrInvalidMessageCode},
		{"message code as free text", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.MessageCode = "EVACUATE TO SCHOOL" }, types.ErrInvalidMessageCode},
		{"message code too short", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.MessageCode = "EV" }, types.ErrInvalidMessageCode},
		{"message code hiding a phone number", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.MessageCode = "CALL_01012345678" }, types.ErrInvalidMessageCode},
		{"broadcast digest missing", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.BroadcastDigest = "" }, types.ErrInvalidDigest},
		{"unknown incident", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.IncidentId = 99 }, types.ErrIncidentNotFound},
		{"signer in no agency", func(f *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Coordinator = f.s(outsider) }, agencytypes.ErrNotMember},
		{"member without the role", func(f *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Coordinator = f.s(clerk) }, agencytypes.ErrRoleNotHeld},
		{"coordinator of another agency", func(f *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Coordinator = f.s(coord2) }, types.ErrWrongAgency},
		{"closed incident", func(f *fixture, id uint64, _ *types.MsgIssuePublicAlert) {
			require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusClosed))
		}, types.ErrIncidentClosed},
		{"district outside the incident", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Districts = []string{busanjin, haeundae} }, types.ErrDistrictNotAffected},
		{"level above the severity", func(_ *fixture, _ uint64, m *types.MsgIssuePublicAlert) { m.Level = types.SeveritySerious }, types.ErrLevelAboveSeverity},
		{"more districts than params allow", func(f *fixture, _ uint64, m *types.MsgIssuePublicAlert) {
			f.setParams(func(p *types.Params) { p.MaxDistrictsPerIncident = 1 })
			m.Districts = []string{busanjin, dongnae}
		}, types.ErrInvalidDistricts},
		{"alert limit reached", func(f *fixture, id uint64, m *types.MsgIssuePublicAlert) {
			f.setParams(func(p *types.Params) { p.MaxAlertsPerIncident = 1 })
			first := f.alertMsg(id)
			first.BroadcastDigest = castDigest2
			_, err := f.msg.IssuePublicAlert(f.ctx, first)
			require.NoError(t, err)
		}, types.ErrAlertLimit},
		{"broadcast recorded twice", func(f *fixture, id uint64, m *types.MsgIssuePublicAlert) {
			_, err := f.msg.IssuePublicAlert(f.ctx, f.alertMsg(id))
			require.NoError(t, err)
			m.Districts = []string{dongnae}
		}, types.ErrDuplicateAlert},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			id := f.declare(nil)
			msg := f.alertMsg(id)
			tc.edit(f, id, msg)
			// ACT / ASSERT
			f.rejected(tc.want, func() error { _, err := f.msg.IssuePublicAlert(f.ctx, msg); return err })
		})
	}
}
