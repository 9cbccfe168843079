package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/water/types"
)

// compliant is a reading of every parameter within the defaults.
func compliant() []types.Measurement {
	return []types.Measurement{
		m(types.ParameterPH, 7250), m(types.ParameterResidualChlorine, 450), m(types.ParameterTurbidity, 80),
		m(types.ParameterConductivity, 180_000), m(types.ParameterTemperature, -1500),
	}
}

func TestSubmitReading(t *testing.T) {
	// ARRANGE
	f := withTap(t)
	f.at(t0.Add(time.Minute))
	at := t0.Add(30 * time.Second)
	f.fresh()

	// ACT
	res, err := f.msg.SubmitReading(f.Ctx, &types.MsgSubmitReading{Sensor: f.s(sensorAddr), PhenomenonTime: at, Values: compliant()})

	// ASSERT
	require.NoError(t, err)
	require.Empty(t, res.AlertIds)
	pt, err := f.k.Points.Get(f.Ctx, collections.Join4(tapID, int32(types.ParameterPH), at.UnixNano(), sensorAddr))
	require.NoError(t, err)
	require.Equal(t, types.Point{Value: 7250, ResultTime: t0.Add(time.Minute)}, pt)
	latest, err := f.q.Latest(f.Ctx, &types.QueryLatestRequest{SiteId: tapID})
	require.NoError(t, err)
	require.Len(t, latest.Observations, 5)
	require.Equal(t, types.Observation{SiteId: tapID, Parameter: types.ParameterTemperature, PhenomenonTime: at, Sensor: f.s(sensorAddr),
		Value: -1500, ResultTime: t0.Add(time.Minute)}, latest.Observations[4])
	head, err := f.k.SensorHeads.Get(f.Ctx, sensorAddr)
	require.NoError(t, err)
	require.Equal(t, at, head.LastTime)
	require.Empty(t, testkeeper.EntriesOf(t, f.Ctx, f.k.Alerts))
	require.Equal(t, []any{&types.EventReadingSubmitted{Sensor: f.s(sensorAddr), SiteId: tapID, PhenomenonTime: at, Values: compliant()}}, f.events())
}

// TestDefaultThresholdBoundaries: the genesis defaults at their edges (pH
// 8500 complies, 8501 exceeds; chlorine 100 µg/L complies, 99 is below).
func TestDefaultThresholdBoundaries(t *testing.T) {
	for _, c := range []struct {
		name  string
		value types.Measurement
		kind  types.AlertKind
	}{
		{"pH 8500 complies", m(types.ParameterPH, 8500), 0},
		{"pH 8501 exceeds", m(types.ParameterPH, 8501), types.AlertAboveMax},
		{"pH 5800 complies", m(types.ParameterPH, 5800), 0},
		{"pH 5799 is below", m(types.ParameterPH, 5799), types.AlertBelowMin},
		{"chlorine 100 complies", m(types.ParameterResidualChlorine, 100), 0},
		{"chlorine 99 is below", m(types.ParameterResidualChlorine, 99), types.AlertBelowMin},
		{"chlorine 4000 complies", m(types.ParameterResidualChlorine, 4000), 0},
		{"chlorine 4001 exceeds", m(types.ParameterResidualChlorine, 4001), types.AlertAboveMax},
		{"turbidity 500 complies", m(types.ParameterTurbidity, 500), 0},
		{"turbidity 501 exceeds", m(types.ParameterTurbidity, 501), types.AlertAboveMax},
		{"conductivity has no standard", m(types.ParameterConductivity, 200_000_000), 0},
		{"temperature has no standard", m(types.ParameterTemperature, 100_000), 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			// ARRANGE
			f := withTap(t)

			// ACT
			res := f.reading(t0, c.value)

			// ASSERT
			if c.kind == 0 {
				require.Empty(t, res.AlertIds)
				return
			}
			require.Equal(t, []uint64{1}, res.AlertIds)
			a := f.alert(1)
			require.Equal(t, c.kind, a.Kind)
			require.Equal(t, types.AlertLegal, a.Level)
			require.Equal(t, c.value.Value, a.FirstValue)
		})
	}
}

func TestSmallGroundwaterTurbidity(t *testing.T) {
	// ARRANGE: a small groundwater site allows 1000 mNTU
	f := setup(t)
	msg := f.siteMsg(types.SiteKindDistributionPoint, "Gijang Village Well", "26710", 0)
	msg.StandardClass = types.StandardClassSmallGroundwater
	site := f.site(msg)
	f.sensor(sensorAddr, site, types.ParameterTurbidity)

	// ACT
	ok := f.reading(t0, m(types.ParameterTurbidity, 1000))
	exceeds := f.reading(t0.Add(time.Second), m(types.ParameterTurbidity, 1001))

	// ASSERT
	require.Empty(t, ok.AlertIds)
	require.Equal(t, []uint64{1}, exceeds.AlertIds)
}

func TestExceedanceOpensThenUpdatesOneAlert(t *testing.T) {
	// ARRANGE
	f := withTap(t)
	f.reading(t0.Add(-time.Minute), compliant()...)
	f.fresh()

	// ACT: a turbidity spike, a higher one, a lower one still above 500
	first := f.reading(t0, m(types.ParameterTurbidity, 900))
	second := f.reading(t0.Add(time.Second), m(types.ParameterTurbidity, 2400))
	third := f.reading(t0.Add(2*time.Second), m(types.ParameterTurbidity, 700))

	// ASSERT
	require.Equal(t, []uint64{1}, first.AlertIds)
	require.Equal(t, []uint64{1}, second.AlertIds)
	require.Equal(t, []uint64{1}, third.AlertIds)
	require.Equal(t, types.Alert{
		Id: 1, SiteId: tapID, DistrictCode: busanjin, Parameter: types.ParameterTurbidity, Kind: types.AlertAboveMax,
		Level: types.AlertLegal, ThresholdVersion: 1, Limit: 500, FirstValue: 900, PeakValue: 2400,
		FirstAt: t0, LastAt: t0.Add(2 * time.Second), ExceedanceCount: 3, Source: types.AlertSourceReading,
		Status: types.AlertOpen, OpenedAt: t0,
	}, f.alert(1))
	evs := f.events()
	require.Len(t, evs, 6)
	require.IsType(t, &types.EventAlertOpened{}, evs[0])
	require.Equal(t, &types.EventAlertUpdated{AlertId: 1, Value: 2400, PeakValue: 2400, ExceedanceCount: 2, LastAt: t0.Add(time.Second)}, evs[2])
	open, err := f.q.OpenAlerts(f.Ctx, &types.QueryOpenAlertsRequest{DistrictCode: busanjin})
	require.NoError(t, err)
	require.Len(t, open.Alerts, 1)
}

func TestOperationalBandRaisesWarning(t *testing.T) {
	// ARRANGE: a band pH 6500..8000 at the tap
	f := withTap(t)
	_, err := f.msg.SetOperationalBand(f.Ctx, &types.MsgSetOperationalBand{Signer: f.s(f.op), SiteId: tapID, Parameter: types.ParameterPH, Min: limit(6500), Max: limit(8000)})
	require.NoError(t, err)

	// ACT: 8200 is legal but outside the band; 8600 is outside both
	warn := f.reading(t0, m(types.ParameterPH, 8200))
	both := f.reading(t0.Add(time.Second), m(types.ParameterPH, 8600))

	// ASSERT
	require.Equal(t, []uint64{1}, warn.AlertIds)
	require.Equal(t, []uint64{2, 1}, both.AlertIds, "a LEGAL alert opens, the WARNING one is updated")
	w := f.alert(1)
	require.Equal(t, types.AlertWarning, w.Level)
	require.Equal(t, int64(8000), w.Limit)
	require.Equal(t, uint64(1), w.ThresholdVersion, "the band's version")
	require.Equal(t, uint64(2), w.ExceedanceCount)
	require.Equal(t, types.AlertLegal, f.alert(2).Level)
}

func TestLatestKeepsTheNewest(t *testing.T) {
	// ARRANGE: two sensors at the tap; sensor 1 reports at t0
	f := withTap(t)
	f.sensor(sensorAddr2, tapID, types.ParameterPH)
	f.reading(t0, m(types.ParameterPH, 7000))

	// ACT: sensor 2 back-fills an older value, then reports a newer one
	_, err := f.msg.SubmitReading(f.Ctx, &types.MsgSubmitReading{Sensor: f.s(sensorAddr2), PhenomenonTime: t0.Add(-time.Hour), Values: []types.Measurement{m(types.ParameterPH, 6900)}})
	require.NoError(t, err)
	older, err := f.k.Latest.Get(f.Ctx, collectionsPair(tapID, types.ParameterPH))
	require.NoError(t, err)
	_, err = f.msg.SubmitReading(f.Ctx, &types.MsgSubmitReading{Sensor: f.s(sensorAddr2), PhenomenonTime: t0.Add(time.Second), Values: []types.Measurement{m(types.ParameterPH, 7100)}})
	require.NoError(t, err)
	newer, err := f.k.Latest.Get(f.Ctx, collectionsPair(tapID, types.ParameterPH))
	require.NoError(t, err)

	// ASSERT
	require.Equal(t, int64(7000), older.Value, "a back-filled value does not replace a newer one")
	require.Equal(t, int64(7100), newer.Value)
	require.Equal(t, f.s(sensorAddr2), newer.Sensor)
	series, err := f.q.Series(f.Ctx, &types.QuerySeriesRequest{SiteId: tapID, Parameter: types.ParameterPH})
	require.NoError(t, err)
	require.Equal(t, []int64{6900, 7000, 7100}, testkeeper.Pluck(series.Observations, func(o types.Observation) int64 { return o.Value }))
}

func TestSubmitReadingRejected(t *testing.T) {
	submit := func(edit func(f *wf, m *types.MsgSubmitReading)) func(f *wf) error {
		return func(f *wf) error {
			msg := &types.MsgSubmitReading{Sensor: f.s(sensorAddr), PhenomenonTime: t0, Values: []types.Measurement{m(types.ParameterPH, 7000)}}
			edit(f, msg)
			_, err := f.msg.SubmitReading(f.Ctx, msg)
			return err
		}
	}
	status := func(s types.SensorStatus) func(f *wf) {
		return func(f *wf) {
			_, err := f.msg.SetSensorStatus(f.Ctx, &types.MsgSetSensorStatus{Signer: f.s(f.op), Sensor: f.s(sensorAddr), Status: s})
			require.NoError(f.t, err)
		}
	}
	measures := func(f *wf) { f.sensor(sensorAddr2, tapID, types.ParameterPH) }
	prior := func(f *wf) { f.reading(t0, m(types.ParameterPH, 7000)) }
	runRejections(t, withTap, []rejection{
		{"bad sensor address", sdkerrors.ErrInvalidAddress, nil, submit(func(f *wf, m *types.MsgSubmitReading) { m.Sensor = "" })},
		{"no phenomenon time", types.ErrInvalidTime, nil, submit(func(f *wf, m *types.MsgSubmitReading) { m.PhenomenonTime = time.Time{} })},
		{"no value", types.ErrInvalidParameter, nil, submit(func(f *wf, m *types.MsgSubmitReading) { m.Values = nil })},
		{"values out of order", types.ErrInvalidParameter, nil, submit(func(f *wf, msg *types.MsgSubmitReading) {
			msg.Values = []types.Measurement{m(types.ParameterTurbidity, 1), m(types.ParameterPH, 7000)}
		})},
		{"pH above 14", types.ErrInvalidValue, nil, submit(func(f *wf, msg *types.MsgSubmitReading) {
			msg.Values = []types.Measurement{m(types.ParameterPH, 14_001)}
		})},
		{"negative turbidity", types.ErrInvalidValue, nil, submit(func(f *wf, msg *types.MsgSubmitReading) {
			msg.Values = []types.Measurement{m(types.ParameterTurbidity, -1)}
		})},
		{"unregistered sensor", types.ErrSensorNotFound, nil, submit(func(f *wf, m *types.MsgSubmitReading) { m.Sensor = f.s(stranger) })},
		{"suspended sensor", types.ErrSensorNotActive, status(types.SensorSuspended), submit(func(*wf, *types.MsgSubmitReading) {})},
		{"retired sensor", types.ErrSensorNotActive, status(types.SensorRetired), submit(func(*wf, *types.MsgSubmitReading) {})},
		{"a parameter the sensor does not measure", types.ErrParameterNotMeasured, measures, submit(func(f *wf, msg *types.MsgSubmitReading) {
			msg.Sensor, msg.Values = f.s(sensorAddr2), []types.Measurement{m(types.ParameterTurbidity, 10)}
		})},
		{"calibration overdue at the block time", types.ErrCalibrationOverdue, func(f *wf) { f.at(due.Add(time.Second)) },
			submit(func(f *wf, m *types.MsgSubmitReading) { m.PhenomenonTime = due })},
		{"phenomenon time after due_at", types.ErrCalibrationOverdue, func(f *wf) { f.at(due) },
			submit(func(f *wf, m *types.MsgSubmitReading) { m.PhenomenonTime = due.Add(time.Second) })},
		{"decommissioned site", types.ErrSiteDecommissioned, func(f *wf) {
			_, err := f.msg.DecommissionSite(f.Ctx, &types.MsgDecommissionSite{Signer: f.s(f.op), SiteId: tapID})
			require.NoError(f.t, err)
		}, submit(func(*wf, *types.MsgSubmitReading) {})},
		{"agency suspended in x/agency", types.ErrAgencyNotActive, func(f *wf) {
			testkeeper.SetTestAgencyStatus(f.t, f.Agency, f.Ctx, agWater, agencytypes.AgencyStatusSuspended)
		}, submit(func(*wf, *types.MsgSubmitReading) {})},
		{"the same time again (threats: replays)", types.ErrOutOfOrder, prior, submit(func(*wf, *types.MsgSubmitReading) {})},
		{"an earlier time", types.ErrOutOfOrder, prior, submit(func(f *wf, m *types.MsgSubmitReading) { m.PhenomenonTime = t0.Add(-time.Second) })},
		{"beyond the clock skew", types.ErrClockSkew, nil, submit(func(f *wf, m *types.MsgSubmitReading) {
			m.PhenomenonTime = t0.Add(time.Duration(types.DefaultMaxClockSkewSeconds)*time.Second + 1)
		})},
		{"beyond the backfill window", types.ErrBackfill, nil, submit(func(f *wf, m *types.MsgSubmitReading) {
			m.PhenomenonTime = t0.Add(-time.Duration(types.DefaultMaxBackfillSeconds)*time.Second - 1)
		})},
	})
}

func TestClockSkewAndBackfillEdgesAccepted(t *testing.T) {
	// ARRANGE
	f := withTap(t)
	f.sensor(sensorAddr2, tapID, types.ParameterPH)

	// ACT: exactly max_backfill behind, and exactly max_clock_skew ahead
	_, err1 := f.msg.SubmitReading(f.Ctx, &types.MsgSubmitReading{Sensor: f.s(sensorAddr), PhenomenonTime: t0.Add(-time.Duration(types.DefaultMaxBackfillSeconds) * time.Second), Values: []types.Measurement{m(types.ParameterPH, 7000)}})
	_, err2 := f.msg.SubmitReading(f.Ctx, &types.MsgSubmitReading{Sensor: f.s(sensorAddr2), PhenomenonTime: t0.Add(time.Duration(types.DefaultMaxClockSkewSeconds) * time.Second), Values: []types.Measurement{m(types.ParameterPH, 7000)}})

	// ASSERT
	require.NoError(t, err1)
	require.NoError(t, err2)
}

// TestBytesPerReading measures the state one MsgSubmitReading of all five
// parameters writes: new points (store growth) and overwritten latest values
// and head. Run with -v to see the figures.
func TestBytesPerReading(t *testing.T) {
	// ARRANGE
	f := withTap(t)
	f.reading(t0.Add(-time.Minute), compliant()...)
	before := storeBytes(t, f)

	// ACT
	f.reading(t0, compliant()...)

	// ASSERT
	after := storeBytes(t, f)
	growth := after.total() - before.total()
	t.Logf("one reading of 5 parameters: %d bytes of new state (%d per parameter: key %d + value %d); %d bytes rewritten (latest %d, head %d)",
		growth, after.points/after.n, after.pointKey, after.pointValue, after.latest+after.head, after.latest, after.head)
	require.Equal(t, after.points-before.points, growth, "only points grow; latest values and the head are overwritten")
	require.LessOrEqual(t, growth/5, 64, "a point stays under 64 bytes")
}

// sizes are the stored bytes (prefix + key + value) of the collections a reading writes.
type sizes struct {
	points, latest, head, n, pointKey, pointValue int
}

func (s sizes) total() int { return s.points + s.latest + s.head }

func storeBytes(t *testing.T, f *wf) sizes {
	var s sizes
	pk, pv := f.k.Points.KeyCodec(), f.k.Points.ValueCodec()
	for _, e := range testkeeper.EntriesOf(t, f.Ctx, f.k.Points) {
		bz, err := pv.Encode(e.Value)
		require.NoError(t, err)
		s.pointKey, s.pointValue = len(types.PointsKey)+pk.Size(e.Key), len(bz)
		s.points += s.pointKey + s.pointValue
		s.n++
	}
	lk, lv := f.k.Latest.KeyCodec(), f.k.Latest.ValueCodec()
	for _, e := range testkeeper.EntriesOf(t, f.Ctx, f.k.Latest) {
		bz, err := lv.Encode(e.Value)
		require.NoError(t, err)
		s.latest += len(types.LatestKey) + lk.Size(e.Key) + len(bz)
	}
	hk, hv := f.k.SensorHeads.KeyCodec(), f.k.SensorHeads.ValueCodec()
	for _, e := range testkeeper.EntriesOf(t, f.Ctx, f.k.SensorHeads) {
		bz, err := hv.Encode(e.Value)
		require.NoError(t, err)
		s.head += len(types.SensorHeadsKey) + hk.Size(e.Key) + len(bz)
	}
	return s
}
