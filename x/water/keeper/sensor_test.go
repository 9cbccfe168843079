package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/query"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/water/types"
)

// withChain is the fixture with plant (1) -> reservoir (2) -> tap (3) and no sensor.
func withChain(t *testing.T) *wf {
	f := setup(t)
	f.chain()
	return f
}

func TestRegisterSensor(t *testing.T) {
	// ARRANGE
	f := withChain(t)
	f.fresh()

	// ACT
	_, err := f.msg.RegisterSensor(f.Ctx, f.sensorMsg(sensorAddr, tapID, types.ParameterPH, types.ParameterResidualChlorine, types.ParameterTurbidity))

	// ASSERT
	require.NoError(t, err)
	want := types.Sensor{
		Address: f.s(sensorAddr), AgencyId: agWater, SiteId: tapID,
		Parameters: []types.Parameter{types.ParameterPH, types.ParameterResidualChlorine, types.ParameterTurbidity},
		Model:      "YSI-EXO2", SerialDigest: serial, Calibration: calibration(), Status: types.SensorActive,
		RegisteredBy: f.s(f.op), RegisteredAt: t0, CalibrationCount: 1,
	}
	got, err := f.k.Sensors.Get(f.Ctx, sensorAddr)
	require.NoError(t, err)
	require.Equal(t, want, got)
	rec, err := f.k.Calibrations.Get(f.Ctx, collections.Join(sensorAddr, uint64(1)))
	require.NoError(t, err)
	require.Equal(t, types.CalibrationRecord{Sensor: f.s(sensorAddr), Seq: 1, Calibration: calibration(), RecordedBy: f.s(f.op), RecordedAt: t0}, rec)
	require.Equal(t, []any{
		&types.EventSensorRegistered{Sensor: f.s(sensorAddr), SiteId: tapID, AgencyId: agWater, Parameters: want.Parameters, DueAt: due, Signer: f.s(f.op)},
		&types.EventCalibrationRecorded{Sensor: f.s(sensorAddr), Seq: 1, CertificateDigest: certDigest, DueAt: due, Signer: f.s(f.op)},
	}, f.events())
	bySite, err := f.q.Sensors(f.Ctx, &types.QuerySensorsRequest{SiteId: tapID})
	require.NoError(t, err)
	require.Equal(t, []types.Sensor{want}, bySite.Sensors)
}

func TestRegisterSensorRejected(t *testing.T) {
	register := func(edit func(f *wf, m *types.MsgRegisterSensor)) func(f *wf) error {
		return func(f *wf) error {
			msg := f.sensorMsg(sensorAddr, tapID, types.ParameterPH)
			edit(f, msg)
			_, err := f.msg.RegisterSensor(f.Ctx, msg)
			return err
		}
	}
	runRejections(t, withChain, []rejection{
		{"bad sensor address", sdkerrors.ErrInvalidAddress, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Sensor = "civic1bad" })},
		{"the operator's own key", types.ErrSensorAffiliated, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Sensor = m.Signer })},
		{"site 0", types.ErrInvalidID, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.SiteId = 0 })},
		{"no parameter", types.ErrInvalidParameter, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Parameters = nil })},
		{"parameters out of order", types.ErrInvalidParameter, nil, register(func(f *wf, m *types.MsgRegisterSensor) {
			m.Parameters = []types.Parameter{types.ParameterTurbidity, types.ParameterPH}
		})},
		{"a parameter twice", types.ErrInvalidParameter, nil, register(func(f *wf, m *types.MsgRegisterSensor) {
			m.Parameters = []types.Parameter{types.ParameterPH, types.ParameterPH}
		})},
		{"model with a space", types.ErrInvalidCode, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Model = "YSI EXO2" })},
		{"model holding a phone number (threats: personal data)", types.ErrInvalidCode, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Model = "01012345678" })},
		{"serial in clear, not a digest (threats: personal data)", types.ErrInvalidDigest, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.SerialDigest = "SN-12345" })},
		{"calibration digest upper case", types.ErrInvalidDigest, nil, register(func(f *wf, m *types.MsgRegisterSensor) {
			m.Calibration.CertificateDigest = "C1" + certDigest[2:]
		})},
		{"due before calibrated", types.ErrInvalidCalibration, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Calibration.DueAt = calibrated })},
		{"calibrated in the future", types.ErrInvalidCalibration, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Calibration.CalibratedAt = t0.Add(time.Second) })},
		{"calibration already due", types.ErrCalibrationOverdue, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Calibration.DueAt = t0 })},
		{"unknown site", types.ErrSiteNotFound, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.SiteId = 9 })},
		{"another agency's site (threats: self-dealing)", types.ErrWrongAgency, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Signer = f.s(f.otherOp) })},
		{"no role", agencytypes.ErrRoleNotHeld, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Signer = f.s(f.regulator) })},
		{"decommissioned site", types.ErrSiteDecommissioned, func(f *wf) {
			_, err := f.msg.DecommissionSite(f.Ctx, &types.MsgDecommissionSite{Signer: f.s(f.op), SiteId: tapID})
			require.NoError(f.t, err)
		}, register(func(*wf, *types.MsgRegisterSensor) {})},
		{"already registered", types.ErrSensorExists, func(f *wf) { f.sensor(sensorAddr, 2, types.ParameterPH) }, register(func(*wf, *types.MsgRegisterSensor) {})},
		{"an agency member's key (threats: hot keys)", types.ErrSensorAffiliated, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Sensor = f.s(f.coordinator) })},
		{"an agency admin's key", types.ErrSensorAffiliated, nil, register(func(f *wf, m *types.MsgRegisterSensor) { m.Sensor = f.s(f.admin) })},
		{"a sensor registering a sensor (threats: hot keys)", types.ErrSensorKey, func(f *wf) { f.sensor(sensorAddr2, tapID, types.ParameterPH) },
			register(func(f *wf, m *types.MsgRegisterSensor) { m.Signer = f.s(sensorAddr2) })},
		{"site full", types.ErrTooManySensors, func(f *wf) {
			f.setParams(func(p *types.Params) { p.MaxSensorsPerSite = 1 })
			f.sensor(sensorAddr2, tapID, types.ParameterPH)
		}, register(func(*wf, *types.MsgRegisterSensor) {})},
	})
}

func TestRetiredSensorsFreeTheirPlace(t *testing.T) {
	// ARRANGE: a site of one sensor whose sensor is retired
	f := withChain(t)
	f.setParams(func(p *types.Params) { p.MaxSensorsPerSite = 1 })
	f.sensor(sensorAddr2, tapID, types.ParameterPH)
	_, err := f.msg.SetSensorStatus(f.Ctx, &types.MsgSetSensorStatus{Signer: f.s(f.op), Sensor: f.s(sensorAddr2), Status: types.SensorRetired})
	require.NoError(t, err)

	// ACT
	_, err = f.msg.RegisterSensor(f.Ctx, f.sensorMsg(sensorAddr, tapID, types.ParameterPH))

	// ASSERT: registered, and the state (two sensors at a site of one place, one of them
	// retired) still exports to a genesis that validates
	require.NoError(t, err)
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
}

// TestLoweredSensorLimitStillExports: governance may lower max_sensors_per_site below what a
// site already holds; the limit binds new registrations only, so the state still exports to a
// genesis that validates.
func TestLoweredSensorLimitStillExports(t *testing.T) {
	// ARRANGE: two sensors at the tap
	f := withChain(t)
	f.sensor(sensorAddr, tapID, types.ParameterPH)
	f.sensor(sensorAddr2, tapID, types.ParameterPH)

	// ACT
	f.setParams(func(p *types.Params) { p.MaxSensorsPerSite = 1 })

	// ASSERT
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.Len(t, gs.Sensors, 2)
}

func TestRecordCalibration(t *testing.T) {
	// ARRANGE
	f := withTap(t)
	f.at(t0.Add(24 * time.Hour))
	f.fresh()
	next := types.Calibration{CertificateDigest: fixDigest, CalibratedAt: t0.Add(23 * time.Hour), DueAt: t0.Add(365 * 24 * time.Hour)}

	// ACT
	res, err := f.msg.RecordCalibration(f.Ctx, &types.MsgRecordCalibration{Signer: f.s(f.op), Sensor: f.s(sensorAddr), Calibration: next})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.Seq)
	s, err := f.k.Sensors.Get(f.Ctx, sensorAddr)
	require.NoError(t, err)
	require.Equal(t, next, s.Calibration)
	require.Equal(t, uint64(2), s.CalibrationCount)
	hist, err := f.q.SensorCalibrations(f.Ctx, &types.QuerySensorCalibrationsRequest{Address: f.s(sensorAddr)})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2}, testkeeper.Pluck(hist.Calibrations, func(c types.CalibrationRecord) uint64 { return c.Seq }))
	require.Equal(t, calibration(), hist.Calibrations[0].Calibration, "the history keeps the first calibration")
	require.Equal(t, []collections.Pair[int64, sdk.AccAddress]{collections.Join(next.DueAt.UnixNano(), sensorAddr)},
		testkeeper.KeysOf(t, f.Ctx, f.k.Sensors.Indexes.ByDue), "the due index follows the sensor")
	require.Equal(t, []any{&types.EventCalibrationRecorded{Sensor: f.s(sensorAddr), Seq: 2, CertificateDigest: fixDigest, DueAt: next.DueAt, Signer: f.s(f.op)}}, f.events())
}

func TestRecordCalibrationRejected(t *testing.T) {
	record := func(edit func(f *wf, m *types.MsgRecordCalibration)) func(f *wf) error {
		return func(f *wf) error {
			msg := &types.MsgRecordCalibration{Signer: f.s(f.op), Sensor: f.s(sensorAddr),
				Calibration: types.Calibration{CertificateDigest: fixDigest, CalibratedAt: t0, DueAt: t0.Add(time.Hour)}}
			edit(f, msg)
			_, err := f.msg.RecordCalibration(f.Ctx, msg)
			return err
		}
	}
	runRejections(t, withTap, []rejection{
		{"bad sensor address", sdkerrors.ErrInvalidAddress, nil, record(func(f *wf, m *types.MsgRecordCalibration) { m.Sensor = "civic1" })},
		{"bad signer address", sdkerrors.ErrInvalidAddress, nil, record(func(f *wf, m *types.MsgRecordCalibration) { m.Signer = "" })},
		{"bad digest", types.ErrInvalidDigest, nil, record(func(f *wf, m *types.MsgRecordCalibration) { m.Calibration.CertificateDigest = "" })},
		{"no calibration time", types.ErrInvalidCalibration, nil, record(func(f *wf, m *types.MsgRecordCalibration) { m.Calibration.CalibratedAt = time.Time{} })},
		{"unknown sensor", types.ErrSensorNotFound, nil, record(func(f *wf, m *types.MsgRecordCalibration) { m.Sensor = f.s(sensorAddr2) })},
		{"another agency (threats: self-dealing)", types.ErrWrongAgency, nil, record(func(f *wf, m *types.MsgRecordCalibration) { m.Signer = f.s(f.otherOp) })},
		{"the sensor itself (threats: hot keys)", types.ErrSensorKey, nil, record(func(f *wf, m *types.MsgRecordCalibration) { m.Signer = f.s(sensorAddr) })},
		{"not after the current calibration", types.ErrInvalidCalibration, nil, record(func(f *wf, m *types.MsgRecordCalibration) { m.Calibration.CalibratedAt = calibrated })},
		{"in the future", types.ErrInvalidCalibration, nil, record(func(f *wf, m *types.MsgRecordCalibration) { m.Calibration.CalibratedAt = t0.Add(time.Minute) })},
		{"already due", types.ErrCalibrationOverdue, nil, record(func(f *wf, m *types.MsgRecordCalibration) {
			m.Calibration.CalibratedAt, m.Calibration.DueAt = t0.Add(-time.Hour), t0
		})},
		{"retired sensor", types.ErrSensorNotActive, func(f *wf) {
			_, err := f.msg.SetSensorStatus(f.Ctx, &types.MsgSetSensorStatus{Signer: f.s(f.op), Sensor: f.s(sensorAddr), Status: types.SensorRetired})
			require.NoError(f.t, err)
		}, record(func(*wf, *types.MsgRecordCalibration) {})},
	})
}

func TestSetSensorStatus(t *testing.T) {
	// ARRANGE
	f := withTap(t)
	f.fresh()
	set := func(s types.SensorStatus) {
		_, err := f.msg.SetSensorStatus(f.Ctx, &types.MsgSetSensorStatus{Signer: f.s(f.op), Sensor: f.s(sensorAddr), Status: s})
		require.NoError(t, err)
	}

	// ACT: ACTIVE -> SUSPENDED -> ACTIVE -> RETIRED
	set(types.SensorSuspended)
	set(types.SensorActive)
	set(types.SensorRetired)

	// ASSERT
	s, err := f.k.Sensors.Get(f.Ctx, sensorAddr)
	require.NoError(t, err)
	require.Equal(t, types.SensorRetired, s.Status)
	require.Empty(t, testkeeper.KeysOf(t, f.Ctx, f.k.Sensors.Indexes.ByDue), "a retired sensor is never due")
	require.Equal(t, []any{
		&types.EventSensorStatusChanged{Sensor: f.s(sensorAddr), From: types.SensorActive, To: types.SensorSuspended, Signer: f.s(f.op)},
		&types.EventSensorStatusChanged{Sensor: f.s(sensorAddr), From: types.SensorSuspended, To: types.SensorActive, Signer: f.s(f.op)},
		&types.EventSensorStatusChanged{Sensor: f.s(sensorAddr), From: types.SensorActive, To: types.SensorRetired, Signer: f.s(f.op)},
	}, f.events())
}

func TestSetSensorStatusRejected(t *testing.T) {
	set := func(signer func(f *wf) string, status types.SensorStatus) func(f *wf) error {
		return func(f *wf) error {
			_, err := f.msg.SetSensorStatus(f.Ctx, &types.MsgSetSensorStatus{Signer: signer(f), Sensor: f.s(sensorAddr), Status: status})
			return err
		}
	}
	op := func(f *wf) string { return f.s(f.op) }
	runRejections(t, withTap, []rejection{
		{"unspecified status", types.ErrInvalidStatus, nil, set(op, types.SensorStatusUnspecified)},
		{"bad signer", sdkerrors.ErrInvalidAddress, nil, set(func(*wf) string { return "civic1" }, types.SensorSuspended)},
		{"unknown sensor", types.ErrSensorNotFound, nil, func(f *wf) error {
			_, err := f.msg.SetSensorStatus(f.Ctx, &types.MsgSetSensorStatus{Signer: f.s(f.op), Sensor: f.s(stranger), Status: types.SensorSuspended})
			return err
		}},
		{"ACTIVE -> ACTIVE", types.ErrInvalidTransition, nil, set(op, types.SensorActive)},
		{"RETIRED -> ACTIVE", types.ErrInvalidTransition, func(f *wf) { require.NoError(f.t, set(op, types.SensorRetired)(f)) }, set(op, types.SensorActive)},
		{"another agency", types.ErrWrongAgency, nil, set(func(f *wf) string { return f.s(f.otherOp) }, types.SensorSuspended)},
		{"the sensor un-suspending itself (threats: hot keys)", types.ErrSensorKey, func(f *wf) { require.NoError(f.t, set(op, types.SensorSuspended)(f)) },
			set(func(f *wf) string { return f.s(sensorAddr) }, types.SensorActive)},
	})
}

func TestSensorsDueForCalibration(t *testing.T) {
	// ARRANGE: sensor 1 due at `due`, sensor 2 due a day earlier
	f := withTap(t)
	msg := f.sensorMsg(sensorAddr2, tapID, types.ParameterPH)
	msg.Calibration.DueAt = due.Add(-24 * time.Hour)
	_, err := f.msg.RegisterSensor(f.Ctx, msg)
	require.NoError(t, err)
	addrs := func(res *types.QuerySensorsDueForCalibrationResponse) []string {
		return testkeeper.Pluck(res.Sensors, func(s types.Sensor) string { return s.Address })
	}

	// ACT
	none, err1 := f.q.SensorsDueForCalibration(f.Ctx, &types.QuerySensorsDueForCalibrationRequest{})
	before := due
	one, err2 := f.q.SensorsDueForCalibration(f.Ctx, &types.QuerySensorsDueForCalibrationRequest{Before: &before})
	later := due.Add(time.Nanosecond)
	page, err3 := f.q.SensorsDueForCalibration(f.Ctx, &types.QuerySensorsDueForCalibrationRequest{Before: &later, Pagination: &query.PageRequest{Limit: 1}})
	rest, err4 := f.q.SensorsDueForCalibration(f.Ctx, &types.QuerySensorsDueForCalibrationRequest{Before: &later, Pagination: &query.PageRequest{Key: pageKeyOf(page)}})

	// ASSERT
	for _, err := range []error{err1, err2, err3, err4} {
		require.NoError(t, err)
	}
	require.Empty(t, none.Sensors)
	require.Equal(t, []string{f.s(sensorAddr2)}, addrs(one), "due strictly before")
	require.Equal(t, []string{f.s(sensorAddr2)}, addrs(page), "soonest first")
	require.Equal(t, []string{f.s(sensorAddr)}, addrs(rest))
	require.Nil(t, rest.Pagination.NextKey)
}
