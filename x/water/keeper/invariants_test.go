package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/water/types"
)

// withFull is a state with every kind of record: the site chain, two
// sensors (one recalibrated), readings, a batch, a band, a new threshold
// version, an alert acknowledged and one resolved.
func withFull(t *testing.T) *wf {
	f := withAcknowledged(t) // alert 1 (turbidity, LEGAL) acknowledged
	f.sensor(sensorAddr2, 2, types.ParameterPH, types.ParameterResidualChlorine)
	_, err := f.msg.RecordCalibration(f.Ctx, &types.MsgRecordCalibration{Signer: f.s(f.op), Sensor: f.s(sensorAddr2),
		Calibration: types.Calibration{CertificateDigest: fixDigest, CalibratedAt: t0, DueAt: due.Add(time.Hour)}})
	require.NoError(t, err)
	_, err = f.msg.SetOperationalBand(f.Ctx, &types.MsgSetOperationalBand{Signer: f.s(f.op), SiteId: tapID, Parameter: types.ParameterPH, Min: limit(6500), Max: limit(8000)})
	require.NoError(t, err)
	_, err = f.msg.SetThreshold(f.Ctx, f.turbidityMsg(t0.Add(notice+time.Minute)))
	require.NoError(t, err)
	f.reading(t0.Add(2*time.Minute), compliant()...)
	_, err = f.msg.ResolveAlert(f.Ctx, f.resolveMsg(1))
	require.NoError(t, err)
	f.reading(t0.Add(3*time.Minute), m(types.ParameterPH, 8200)) // alert 2: WARNING, open
	f.at(t0.Add(time.Hour))
	rs := rawReadings(t0.Add(4*time.Minute), 5, func(int) int64 { return 90 })
	_, err = f.msg.SubmitBatch(f.Ctx, f.batchMsg(rs, t0.Add(4*time.Minute), t0.Add(8*time.Minute)))
	require.NoError(t, err)
	_, err = f.msg.SubmitReading(f.Ctx, &types.MsgSubmitReading{Sensor: f.s(sensorAddr2), PhenomenonTime: t0.Add(time.Minute), Values: []types.Measurement{m(types.ParameterPH, 7100)}})
	require.NoError(t, err)
	return f
}

func TestInvariantsHold(t *testing.T) {
	f := withFull(t)
	var names []string
	for _, inv := range f.k.Invariants() {
		names = append(names, inv.Name)
		require.NoError(t, inv.Check(f.Ctx), inv.Name)
	}
	require.Equal(t, []string{"sites", "sensors", "thresholds", "latest", "batches", "alerts"}, names)
	require.NoError(t, f.k.CheckInvariants(f.Ctx))
	require.Equal(t, types.AlertOpen, f.alert(2).Status)
}

func TestInvariantsBroken(t *testing.T) {
	for _, c := range []struct {
		name, invariant, want string
		breakIt               func(f *wf)
	}{
		{"upstream is a later site", "sites", "upstream site 3 is not an earlier site", func(f *wf) {
			s, err := f.k.Sites.Get(f.Ctx, 1)
			require.NoError(f.t, err)
			s.UpstreamSiteId = 3
			require.NoError(f.t, f.k.Sites.Set(f.Ctx, 1, s))
		}},
		{"site stored under an unissued id", "sites", "ids issued: 1..3", func(f *wf) {
			s, err := f.k.Sites.Get(f.Ctx, 1)
			require.NoError(f.t, err)
			s.Id = 9
			require.NoError(f.t, f.k.Sites.Set(f.Ctx, 9, s))
		}},
		{"calibration count off", "sensors", "calibration_count 3, history of 2 entries", func(f *wf) {
			s, err := f.k.Sensors.Get(f.Ctx, sensorAddr2)
			require.NoError(f.t, err)
			s.CalibrationCount = 3
			require.NoError(f.t, f.k.Sensors.Set(f.Ctx, sensorAddr2, s))
		}},
		{"calibration not the last of the history", "sensors", "not the last entry of its history", func(f *wf) {
			s, err := f.k.Sensors.Get(f.Ctx, sensorAddr2)
			require.NoError(f.t, err)
			s.Calibration = calibration()
			require.NoError(f.t, f.k.Sensors.Set(f.Ctx, sensorAddr2, s))
		}},
		{"threshold versions out of time order", "thresholds", "not after version 1", func(f *wf) {
			key := collections.Join3(int32(types.ParameterTurbidity), int32(types.StandardClassTapWater), uint64(2))
			th, err := f.k.Thresholds.Get(f.Ctx, key)
			require.NoError(f.t, err)
			th.EffectiveFrom = types.GenesisEpoch.Add(-time.Second)
			require.NoError(f.t, f.k.Thresholds.Set(f.Ctx, key, th))
		}},
		{"latest value not the newest point", "latest", "a point is at", func(f *wf) {
			key := collectionsPair(tapID, types.ParameterPH)
			o, err := f.k.Latest.Get(f.Ctx, key)
			require.NoError(f.t, err)
			older := o
			older.PhenomenonTime, older.Value, older.BatchId = t0.Add(2*time.Minute), 7250, 0
			older.ResultTime = t0.Add(time.Minute)
			require.NoError(f.t, f.k.Latest.Set(f.Ctx, key, older))
		}},
		{"latest value changed", "latest", "differs from its point", func(f *wf) {
			key := collectionsPair(tapID, types.ParameterPH)
			o, err := f.k.Latest.Get(f.Ctx, key)
			require.NoError(f.t, err)
			o.Value++
			require.NoError(f.t, f.k.Latest.Set(f.Ctx, key, o))
		}},
		{"a series without latest value", "latest", "has points but no latest value", func(f *wf) {
			require.NoError(f.t, f.k.Latest.Remove(f.Ctx, collectionsPair(2, types.ParameterPH)))
		}},
		{"batch past its sensor's head", "batches", "after its sensor's head", func(f *wf) {
			require.NoError(f.t, f.k.SensorHeads.Set(f.Ctx, sensorAddr, types.SensorHead{LastTime: t0}))
		}},
		{"batch at another site", "batches", "its sensor at site 3", func(f *wf) {
			b, err := f.k.Batches.Get(f.Ctx, 1)
			require.NoError(f.t, err)
			b.SiteId = 2
			require.NoError(f.t, f.k.Batches.Set(f.Ctx, 1, b))
		}},
		{"acknowledged without acknowledged_at", "alerts", "acknowledged_at and acknowledged_by are set exactly once acknowledged", func(f *wf) {
			a := f.alert(1)
			a.AcknowledgedAt = nil
			require.NoError(f.t, f.k.Alerts.Set(f.Ctx, 1, a))
		}},
		{"resolved without a report", "alerts", "corrective_action_digest are set exactly once resolved", func(f *wf) {
			a := f.alert(1)
			a.CorrectiveActionDigest = ""
			require.NoError(f.t, f.k.Alerts.Set(f.Ctx, 1, a))
		}},
		{"alert in the wrong district", "alerts", "alert 2 in district 26320", func(f *wf) {
			a := f.alert(2)
			a.DistrictCode = bukgu
			require.NoError(f.t, f.k.Alerts.Set(f.Ctx, 2, a))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := withFull(t)
			c.breakIt(f)
			testkeeper.RequireInvariantBroken(t, f.Ctx, f.k.Invariants(), f.k.CheckInvariants(f.Ctx), types.ModuleName, c.invariant, c.want)
		})
	}
}

// TestOneOpenAlertPerKeyIsStructural: a second open alert for the same
// (site, parameter, level) cannot even be written: the Open index refuses it.
func TestOneOpenAlertPerKeyIsStructural(t *testing.T) {
	f := withAlert(t)
	dup := f.alert(1)
	dup.Id = 2
	require.ErrorIs(t, f.k.Alerts.Set(f.Ctx, 2, dup), collections.ErrConflict)
}
