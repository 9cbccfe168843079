package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	disasterkeeper "github.com/civicchain/civic/x/disaster/keeper"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	"github.com/civicchain/civic/x/water/types"
)

// withAlert is withTap with a turbidity spike at t0 (alert 1, OPEN) and the
// block time at t0+1m.
func withAlert(t *testing.T) *wf {
	f := withTap(t)
	f.reading(t0, m(types.ParameterTurbidity, 2400))
	f.at(t0.Add(time.Minute))
	return f
}

// withAcknowledged is withAlert with alert 1 acknowledged at t0+1m.
func withAcknowledged(t *testing.T) *wf {
	f := withAlert(t)
	f.ack(1)
	return f
}

func (f *wf) ack(id uint64) {
	f.t.Helper()
	_, err := f.msg.AcknowledgeAlert(f.Ctx, &types.MsgAcknowledgeAlert{Signer: f.s(f.op), AlertId: id})
	require.NoError(f.t, err)
}

func (f *wf) resolveMsg(id uint64) *types.MsgResolveAlert {
	return &types.MsgResolveAlert{Signer: f.s(f.op), AlertId: id, CorrectiveActionDigest: fixDigest}
}

// incident declares incident id through the real x/disaster Msg service
// (signed by the coordinator; ids are issued in order), covering districts,
// and moves it to status.
func (f *wf) incident(id uint64, status disastertypes.IncidentStatus, districts ...string) {
	f.t.Helper()
	ms := disasterkeeper.NewMsgServerImpl(f.Disaster)
	res, err := ms.DeclareIncident(f.Ctx, &disastertypes.MsgDeclareIncident{
		Coordinator: f.s(f.coordinator), Type: disastertypes.IncidentTypeTyphoon, AffectedDistricts: districts,
		Severity: disastertypes.SeverityAlert, DescriptionDigest: fmt.Sprintf("%064x", id),
	})
	require.NoError(f.t, err)
	require.Equal(f.t, id, res.IncidentId)
	if status != disastertypes.IncidentStatusDeclared {
		_, err = ms.SetIncidentStatus(f.Ctx, &disastertypes.MsgSetIncidentStatus{Signer: f.s(f.coordinator), IncidentId: id, Status: status})
		require.NoError(f.t, err)
	}
}

func TestAlertLifecycle(t *testing.T) {
	// ARRANGE: alert 1 open since t0
	f := withAlert(t)

	// ACT: acknowledge at t0+1m; a compliant reading at t0+2m; resolve at t0+3m
	f.fresh()
	f.ack(1)
	acked := f.alert(1)
	ackEvents := f.events()
	f.reading(t0.Add(2*time.Minute), m(types.ParameterTurbidity, 120))
	f.at(t0.Add(3 * time.Minute))
	f.fresh()
	_, err := f.msg.ResolveAlert(f.Ctx, f.resolveMsg(1))

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.AlertAcknowledged, acked.Status)
	require.Equal(t, f.s(f.op), acked.AcknowledgedBy)
	require.Equal(t, []any{&types.EventAlertStatusChanged{AlertId: 1, From: types.AlertOpen, To: types.AlertAcknowledged, Signer: f.s(f.op)}}, ackEvents)
	a := f.alert(1)
	require.Equal(t, types.AlertResolved, a.Status)
	require.Equal(t, fixDigest, a.CorrectiveActionDigest)
	require.Equal(t, t0.Add(2*time.Minute), *a.LastCompliantAt)
	require.Equal(t, t0.Add(3*time.Minute), *a.ResolvedAt)
	require.Equal(t, []any{&types.EventAlertStatusChanged{AlertId: 1, From: types.AlertAcknowledged, To: types.AlertResolved, Signer: f.s(f.op), CorrectiveActionDigest: fixDigest}}, f.events())
	require.Empty(t, testkeeper.KeysOf(t, f.Ctx, f.k.Alerts.Indexes.OpenByDistrict), "a resolved alert leaves the open indexes")
	require.Empty(t, testkeeper.EntriesOf(t, f.Ctx, f.k.Alerts.Indexes.Open))

	// a new spike opens a new alert
	res := f.reading(t0.Add(4*time.Minute), m(types.ParameterTurbidity, 800))
	require.Equal(t, []uint64{2}, res.AlertIds)
}

func TestCompliantBatchAfterAcknowledgementResolves(t *testing.T) {
	// ARRANGE: alert 1 acknowledged at t0+1m; a compliant batch from t0+2m
	f := withAcknowledged(t)
	f.at(t0.Add(time.Hour))
	rs := rawReadings(t0.Add(2*time.Minute), 10, func(int) int64 { return 90 })
	_, err := f.msg.SubmitBatch(f.Ctx, f.batchMsg(rs, t0.Add(2*time.Minute), t0.Add(11*time.Minute)))
	require.NoError(t, err)

	// ACT
	_, err = f.msg.ResolveAlert(f.Ctx, f.resolveMsg(1))

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, t0.Add(2*time.Minute), *f.alert(1).LastCompliantAt, "a batch counts from its window_start")
}

func TestDecommissionedSiteAlertResolvesWithoutReading(t *testing.T) {
	// ARRANGE (threats: one party halts everyone): the site closes with its alert acknowledged
	f := withAcknowledged(t)
	_, err := f.msg.DecommissionSite(f.Ctx, &types.MsgDecommissionSite{Signer: f.s(f.op), SiteId: tapID})
	require.NoError(t, err)

	// ACT
	_, err = f.msg.ResolveAlert(f.Ctx, f.resolveMsg(1))

	// ASSERT: no reading can ever come, so the report suffices
	require.NoError(t, err)
	require.Equal(t, types.AlertResolved, f.alert(1).Status)
}

// TestGovernanceClosesAlertOfRetiredAgency (threats: one party halts everyone): once the
// site's agency is retired no operator can act, and governance decommissions the site,
// acknowledges and resolves its alert, so the verdict does not stay EXCEEDANCE for good.
func TestGovernanceClosesAlertOfRetiredAgency(t *testing.T) {
	// ARRANGE: an open alert, the agency retired in x/agency
	f := withAlert(t)
	testkeeper.SetTestAgencyStatus(f.t, f.Agency, f.Ctx, agWater, agencytypes.AgencyStatusRetired)
	_, err := f.msg.AcknowledgeAlert(f.Ctx, &types.MsgAcknowledgeAlert{Signer: f.s(f.op), AlertId: 1})
	require.ErrorIs(t, err, agencytypes.ErrAgencyNotActive)
	gov := f.k.GetAuthority()
	resolve := f.resolveMsg(1)
	resolve.Signer = gov

	// ACT
	_, ackErr := f.msg.AcknowledgeAlert(f.Ctx, &types.MsgAcknowledgeAlert{Signer: gov, AlertId: 1})
	_, earlyErr := f.msg.ResolveAlert(f.Ctx, resolve)
	_, decErr := f.msg.DecommissionSite(f.Ctx, &types.MsgDecommissionSite{Signer: gov, SiteId: tapID})
	_, resErr := f.msg.ResolveAlert(f.Ctx, resolve)

	// ASSERT: no compliant reading can come while the site is active, so resolving waits
	// for the decommissioning; then the report suffices
	require.NoError(t, ackErr)
	require.ErrorIs(t, earlyErr, types.ErrNoCompliantReading)
	require.NoError(t, decErr)
	require.NoError(t, resErr)
	a := f.alert(1)
	require.Equal(t, types.AlertResolved, a.Status)
	require.Equal(t, gov, a.ResolvedBy)
}

func TestAcknowledgeAlertRejected(t *testing.T) {
	ack := func(signer func(f *wf) string, id uint64) func(f *wf) error {
		return func(f *wf) error {
			_, err := f.msg.AcknowledgeAlert(f.Ctx, &types.MsgAcknowledgeAlert{Signer: signer(f), AlertId: id})
			return err
		}
	}
	op := func(f *wf) string { return f.s(f.op) }
	runRejections(t, withAlert, []rejection{
		{"alert 0", types.ErrInvalidID, nil, ack(op, 0)},
		{"unknown alert", types.ErrAlertNotFound, nil, ack(op, 9)},
		{"another agency", types.ErrWrongAgency, nil, ack(func(f *wf) string { return f.s(f.otherOp) }, 1)},
		{"the coordinator", agencytypes.ErrRoleNotHeld, nil, ack(func(f *wf) string { return f.s(f.coordinator) }, 1)},
		{"the sensor (threats: hot keys)", types.ErrSensorKey, nil, ack(func(f *wf) string { return f.s(sensorAddr) }, 1)},
		{"twice", types.ErrInvalidTransition, func(f *wf) { f.ack(1) }, ack(op, 1)},
	})
}

func TestResolveAlertRejected(t *testing.T) {
	resolve := func(edit func(f *wf, m *types.MsgResolveAlert)) func(f *wf) error {
		return func(f *wf) error {
			msg := f.resolveMsg(1)
			edit(f, msg)
			_, err := f.msg.ResolveAlert(f.Ctx, msg)
			return err
		}
	}
	same := func(*wf, *types.MsgResolveAlert) {}
	runRejections(t, withAcknowledged, []rejection{
		{"alert 0", types.ErrInvalidID, nil, resolve(func(f *wf, m *types.MsgResolveAlert) { m.AlertId = 0 })},
		{"the regulator", agencytypes.ErrRoleNotHeld, nil, resolve(func(f *wf, m *types.MsgResolveAlert) { m.Signer = f.s(f.regulator) })},
		{"no corrective action digest", types.ErrInvalidDigest, nil, resolve(func(f *wf, m *types.MsgResolveAlert) { m.CorrectiveActionDigest = "" })},
		{"a report in clear text (threats: personal data)", types.ErrInvalidDigest, nil, resolve(func(f *wf, m *types.MsgResolveAlert) { m.CorrectiveActionDigest = "flushed main" })},
		{"unknown alert", types.ErrAlertNotFound, nil, resolve(func(f *wf, m *types.MsgResolveAlert) { m.AlertId = 5 })},
		{"another agency", types.ErrWrongAgency, nil, resolve(func(f *wf, m *types.MsgResolveAlert) { m.Signer = f.s(f.otherOp) })},
		{"no compliant reading since", types.ErrNoCompliantReading, nil, resolve(same)},
		{"a compliant reading before the acknowledgement only", types.ErrNoCompliantReading, func(f *wf) {
			// a second sensor back-fills a compliant value at t0+30s (< ack at t0+1m)
			f.sensor(sensorAddr2, tapID, types.ParameterTurbidity)
			_, err := f.msg.SubmitReading(f.Ctx, &types.MsgSubmitReading{Sensor: f.s(sensorAddr2), PhenomenonTime: t0.Add(30 * time.Second), Values: []types.Measurement{m(types.ParameterTurbidity, 100)}})
			require.NoError(f.t, err)
			require.Equal(f.t, t0.Add(30*time.Second), *f.alert(1).LastCompliantAt)
		}, resolve(same)},
		{"a compliant reading then a new exceedance", types.ErrNoCompliantReading, func(f *wf) {
			f.reading(t0.Add(2*time.Minute), m(types.ParameterTurbidity, 100))
			f.reading(t0.Add(3*time.Minute), m(types.ParameterTurbidity, 900))
		}, resolve(same)},
		{"a compliant value of another parameter", types.ErrNoCompliantReading, func(f *wf) {
			f.reading(t0.Add(2*time.Minute), m(types.ParameterPH, 7000))
		}, resolve(same)},
	})
	runRejections(t, withAlert, []rejection{
		{"not acknowledged", types.ErrInvalidTransition, nil, resolve(same)},
	})
}

func TestLinkAlert(t *testing.T) {
	for _, c := range []struct {
		name   string
		signer func(f *wf) string
	}{
		{"by the coordinator", func(f *wf) string { return f.s(f.coordinator) }},
		{"by the site's operator", func(f *wf) string { return f.s(f.op) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			// ARRANGE: a typhoon incident covering Busanjin-gu and Buk-gu
			f := withAlert(t)
			f.incident(1, disastertypes.IncidentStatusResponding, busanjin, bukgu)
			f.fresh()

			// ACT
			_, err := f.msg.LinkAlert(f.Ctx, &types.MsgLinkAlert{Signer: c.signer(f), AlertId: 1, IncidentId: 1})

			// ASSERT
			require.NoError(t, err)
			require.Equal(t, uint64(1), f.alert(1).IncidentId)
			require.Equal(t, []any{&types.EventAlertLinked{AlertId: 1, IncidentId: 1, Signer: c.signer(f)}}, f.events())
		})
	}
}

func TestLinkAlertRejected(t *testing.T) {
	link := func(signer func(f *wf) string, incident uint64) func(f *wf) error {
		return func(f *wf) error {
			_, err := f.msg.LinkAlert(f.Ctx, &types.MsgLinkAlert{Signer: signer(f), AlertId: 1, IncidentId: incident})
			return err
		}
	}
	coord := func(f *wf) string { return f.s(f.coordinator) }
	incidents := func(f *wf) {
		f.incident(1, disastertypes.IncidentStatusDeclared, busanjin)
		f.incident(2, disastertypes.IncidentStatusClosed, busanjin)
		f.incident(3, disastertypes.IncidentStatusDeclared, gimhae)
	}
	build := func(t *testing.T) *wf {
		f := withAlert(t)
		incidents(f)
		return f
	}
	runRejections(t, build, []rejection{
		{"incident 0", types.ErrInvalidID, nil, link(coord, 0)},
		{"alert 0", types.ErrInvalidID, nil, func(f *wf) error {
			_, err := f.msg.LinkAlert(f.Ctx, &types.MsgLinkAlert{Signer: coord(f), IncidentId: 1})
			return err
		}},
		{"bad signer", sdkerrors.ErrInvalidAddress, nil, link(func(*wf) string { return "civic1nope" }, 1)},
		{"unknown incident", types.ErrIncidentNotLinkable, nil, link(coord, 9)},
		{"a closed incident", types.ErrIncidentNotLinkable, nil, link(coord, 2)},
		{"an incident not covering the district", types.ErrIncidentNotLinkable, nil, link(coord, 3)},
		{"already linked", types.ErrAlreadyLinked, func(f *wf) { require.NoError(f.t, link(coord, 1)(f)) }, link(coord, 1)},
		{"another agency's operator (threats: self-dealing)", types.ErrWrongAgency, nil, link(func(f *wf) string { return f.s(f.otherOp) }, 1)},
		{"the regulator", agencytypes.ErrRoleNotHeld, nil, link(func(f *wf) string { return f.s(f.regulator) }, 1)},
		{"the sensor (threats: hot keys)", types.ErrSensorKey, nil, link(func(f *wf) string { return f.s(sensorAddr) }, 1)},
		{"unknown alert", types.ErrAlertNotFound, nil, func(f *wf) error {
			_, err := f.msg.LinkAlert(f.Ctx, &types.MsgLinkAlert{Signer: coord(f), AlertId: 7, IncidentId: 1})
			return err
		}},
	})
}

// TestWithdrawnStandardLetsTheAlertResolve (threats: one party halts
// everyone): once governance withdraws the standard an alert was raised
// under, any later value counts: nothing is left to exceed.
func TestWithdrawnStandardLetsTheAlertResolve(t *testing.T) {
	// ARRANGE: alert 1 on turbidity; the standard is withdrawn from t0+notice
	f := withAlert(t)
	_, err := f.msg.SetThreshold(f.Ctx, &types.MsgSetThreshold{Signer: f.k.GetAuthority(), Parameter: types.ParameterTurbidity,
		StandardClass: types.StandardClassTapWater, EffectiveFrom: t0.Add(time.Minute + notice), LegalBasis: "KR-GOV-PROP-13"})
	require.NoError(t, err)
	f.at(t0.Add(time.Minute + notice))
	f.ack(1)
	f.reading(t0.Add(time.Minute+notice+time.Second), m(types.ParameterTurbidity, 2400))

	// ACT
	_, err = f.msg.ResolveAlert(f.Ctx, f.resolveMsg(1))

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), f.alert(1).ExceedanceCount, "no exceedance without a standard")
}

func TestCompliantValueEventsAndBandCleared(t *testing.T) {
	// ARRANGE: a WARNING alert under a band, then the band is cleared
	f := withTap(t)
	_, err := f.msg.SetOperationalBand(f.Ctx, &types.MsgSetOperationalBand{Signer: f.s(f.op), SiteId: tapID, Parameter: types.ParameterPH, Max: limit(8000)})
	require.NoError(t, err)
	f.reading(t0, m(types.ParameterPH, 8200))
	_, err = f.msg.ClearOperationalBand(f.Ctx, &types.MsgClearOperationalBand{Signer: f.s(f.op), SiteId: tapID, Parameter: types.ParameterPH})
	require.NoError(t, err)
	f.at(t0.Add(time.Minute))
	f.ack(1)
	f.fresh()

	// ACT
	f.reading(t0.Add(2*time.Minute), m(types.ParameterPH, 8200))

	// ASSERT
	require.Equal(t, []any{
		&types.EventAlertCompliantValue{AlertId: 1, LastCompliantAt: t0.Add(2 * time.Minute)},
		&types.EventReadingSubmitted{Sensor: f.s(sensorAddr), SiteId: tapID, PhenomenonTime: t0.Add(2 * time.Minute), Values: []types.Measurement{m(types.ParameterPH, 8200)}},
	}, f.events())
	_, err = f.msg.ResolveAlert(f.Ctx, f.resolveMsg(1))
	require.NoError(t, err)
}
