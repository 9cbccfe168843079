package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/water/types"
)

// rawReadings are n raw readings of pH and turbidity one minute apart from start.
func rawReadings(start time.Time, n int, turbidity func(i int) int64) []types.RawReading {
	out := make([]types.RawReading, n)
	for i := range out {
		out[i] = types.RawReading{
			PhenomenonTime: start.Add(time.Duration(i) * time.Minute),
			Values:         []types.Measurement{m(types.ParameterPH, 7000+int64(i)), m(types.ParameterTurbidity, turbidity(i))},
		}
	}
	return out
}

// batchMsg is sensor 1's batch of readings over [start, end].
func (f *wf) batchMsg(rs []types.RawReading, start, end time.Time) *types.MsgSubmitBatch {
	f.t.Helper()
	stats, err := types.BatchStats(rs)
	require.NoError(f.t, err)
	r, err := types.BatchRoot(rs)
	require.NoError(f.t, err)
	return &types.MsgSubmitBatch{Sensor: f.s(sensorAddr), WindowStart: start, WindowEnd: end, Count: uint64(len(rs)), Stats: stats, MerkleRoot: r}
}

// hour is the hour before t0.
var hourStart = t0.Add(-time.Hour)

func TestSubmitBatchAndVerifyReading(t *testing.T) {
	// ARRANGE: an hourly point of 60 readings, turbidity 100..159 mNTU
	f := withTap(t)
	rs := rawReadings(hourStart, 60, func(i int) int64 { return 100 + int64(i) })
	msg := f.batchMsg(rs, hourStart, hourStart.Add(59*time.Minute))
	f.fresh()

	// ACT
	res, err := f.msg.SubmitBatch(f.Ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.BatchId)
	require.Empty(t, res.AlertIds)
	require.Equal(t, []types.ParameterStats{
		{Parameter: types.ParameterPH, Min: 7000, Max: 7059, Sum: 421_770, Mean: 7029},
		{Parameter: types.ParameterTurbidity, Min: 100, Max: 159, Sum: 7770, Mean: 129},
	}, msg.Stats)
	b, err := f.q.Batch(f.Ctx, &types.QueryBatchRequest{BatchId: 1})
	require.NoError(t, err)
	require.Equal(t, types.Batch{Id: 1, Sensor: f.s(sensorAddr), SiteId: tapID, WindowStart: msg.WindowStart, WindowEnd: msg.WindowEnd,
		Count: 60, Stats: msg.Stats, MerkleRoot: msg.MerkleRoot, SubmittedAt: t0}, b.Batch)
	latest, err := f.k.Latest.Get(f.Ctx, collectionsPair(tapID, types.ParameterTurbidity))
	require.NoError(t, err)
	require.Equal(t, types.Observation{SiteId: tapID, Parameter: types.ParameterTurbidity, PhenomenonTime: msg.WindowEnd,
		Sensor: f.s(sensorAddr), Value: 129, ResultTime: t0, BatchId: 1}, latest, "the mean stands at window_end")
	require.Equal(t, []any{&types.EventBatchSubmitted{BatchId: 1, Sensor: f.s(sensorAddr), SiteId: tapID, Count: 60, MerkleRoot: msg.MerkleRoot}}, f.events())
	batches, err := f.q.Batches(f.Ctx, &types.QueryBatchesRequest{Sensor: f.s(sensorAddr)})
	require.NoError(t, err)
	require.Len(t, batches.Batches, 1)

	// every raw reading proves against the root; a changed one does not
	for _, i := range []int{0, 31, 59} {
		proof, err := types.BatchProof(rs, i)
		require.NoError(t, err)
		v, err := f.q.VerifyReading(f.Ctx, &types.QueryVerifyReadingRequest{BatchId: 1, Index: uint64(i), Reading: rs[i], Siblings: proof})
		require.NoError(t, err)
		require.True(t, v.Valid, v.Reason)
		leaf, err := types.ReadingLeafHash(rs[i])
		require.NoError(t, err)
		require.Equal(t, leaf, mustHex(t, v.LeafHash))
	}
	proof, err := types.BatchProof(rs, 5)
	require.NoError(t, err)
	forged := rs[5]
	forged.Values = []types.Measurement{m(types.ParameterPH, 7005), m(types.ParameterTurbidity, 106)}
	v, err := f.q.VerifyReading(f.Ctx, &types.QueryVerifyReadingRequest{BatchId: 1, Index: 5, Reading: forged, Siblings: proof})
	require.NoError(t, err)
	require.False(t, v.Valid)
	require.Contains(t, v.Reason, "not the root")
	v, err = f.q.VerifyReading(f.Ctx, &types.QueryVerifyReadingRequest{BatchId: 1, Index: 6, Reading: rs[5], Siblings: proof})
	require.NoError(t, err)
	require.False(t, v.Valid, "the right reading at the wrong index")
	outside := rs[5]
	outside.Values = []types.Measurement{m(types.ParameterPH, 7005), m(types.ParameterTurbidity, 999)}
	v, err = f.q.VerifyReading(f.Ctx, &types.QueryVerifyReadingRequest{BatchId: 1, Index: 5, Reading: outside, Siblings: proof})
	require.NoError(t, err)
	require.False(t, v.Valid)
	require.Contains(t, v.Reason, "outside the batch's")
	_, err = f.q.VerifyReading(f.Ctx, &types.QueryVerifyReadingRequest{BatchId: 2, Reading: rs[0]})
	requireCode(t, err, "NotFound")
	_, err = f.q.VerifyReading(f.Ctx, &types.QueryVerifyReadingRequest{BatchId: 1, Reading: types.RawReading{PhenomenonTime: hourStart}})
	requireCode(t, err, "InvalidArgument")
}

func TestBatchExceedanceAgainstThresholdsAtWindowTimes(t *testing.T) {
	// ARRANGE: tap-water turbidity tightens to 300 mNTU at `change`, inside the next window
	f := withTap(t)
	change := t0.Add(notice)
	_, err := f.msg.SetThreshold(f.Ctx, f.turbidityMsg(change))
	require.NoError(t, err)
	f.at(change.Add(30 * time.Minute))
	start := change.Add(-30 * time.Minute)
	rs := rawReadings(start, 59, func(i int) int64 { return 100 + 5*int64(i) }) // max 390 mNTU

	// ACT
	res, err := f.msg.SubmitBatch(f.Ctx, f.batchMsg(rs, start, start.Add(58*time.Minute)))

	// ASSERT: 390 complies with version 1 (500) at window_start but not with version 2 (300) at window_end
	require.NoError(t, err)
	require.Equal(t, []uint64{1}, res.AlertIds)
	a := f.alert(1)
	require.Equal(t, types.AlertSourceBatch, a.Source)
	require.Equal(t, uint64(2), a.ThresholdVersion)
	require.Equal(t, int64(300), a.Limit)
	require.Equal(t, int64(390), a.PeakValue)
	require.Equal(t, start.Add(58*time.Minute), a.FirstAt)
}

func TestSubmitBatchRejected(t *testing.T) {
	rs := rawReadings(hourStart, 10, func(i int) int64 { return 100 })
	submit := func(edit func(f *wf, m *types.MsgSubmitBatch)) func(f *wf) error {
		return func(f *wf) error {
			msg := f.batchMsg(rs, hourStart, hourStart.Add(9*time.Minute))
			edit(f, msg)
			_, err := f.msg.SubmitBatch(f.Ctx, msg)
			return err
		}
	}
	runRejections(t, withTap, []rejection{
		{"count 0", types.ErrInvalidBatch, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.Count = 0 })},
		{"count above max_batch_count", types.ErrInvalidBatch, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.Count = types.DefaultMaxBatchCount + 1 })},
		{"min above max", types.ErrInvalidBatch, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.Stats[1].Min = 101 })},
		{"a wrong mean", types.ErrInvalidBatch, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.Stats[0].Mean++ })},
		{"a sum no readings can make", types.ErrInvalidBatch, nil, submit(func(f *wf, m *types.MsgSubmitBatch) {
			m.Stats[1].Sum, m.Stats[1].Mean = 2000, 200
		})},
		{"no stats", types.ErrInvalidBatch, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.Stats = nil })},
		{"stats out of order", types.ErrInvalidBatch, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.Stats[0], m.Stats[1] = m.Stats[1], m.Stats[0] })},
		{"pH max above 14", types.ErrInvalidValue, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.Stats[0].Max = 14_001 })},
		{"a malformed root", types.ErrInvalidDigest, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.MerkleRoot = strings.ToUpper(m.MerkleRoot) })},
		{"window end before start", types.ErrInvalidBatch, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.WindowEnd = m.WindowStart.Add(-time.Second) })},
		{"window longer than max_batch_window", types.ErrInvalidBatch, nil, submit(func(f *wf, m *types.MsgSubmitBatch) {
			m.WindowStart = m.WindowEnd.Add(-25 * time.Hour)
		})},
		{"an overlapping window (threats: replays)", types.ErrOutOfOrder, func(f *wf) {
			_, err := f.msg.SubmitBatch(f.Ctx, f.batchMsg(rs, hourStart, hourStart.Add(9*time.Minute)))
			require.NoError(f.t, err)
		}, submit(func(f *wf, m *types.MsgSubmitBatch) {
			m.WindowStart, m.WindowEnd = hourStart.Add(9*time.Minute), hourStart.Add(20*time.Minute)
		})},
		{"a window starting at a prior reading", types.ErrOutOfOrder, func(f *wf) { f.reading(hourStart, m(types.ParameterPH, 7000)) },
			submit(func(*wf, *types.MsgSubmitBatch) {})},
		{"a parameter the sensor does not measure", types.ErrParameterNotMeasured, func(f *wf) {
			_, err := f.msg.SetSensorStatus(f.Ctx, &types.MsgSetSensorStatus{Signer: f.s(f.op), Sensor: f.s(sensorAddr), Status: types.SensorRetired})
			require.NoError(f.t, err)
			f.sensor(sensorAddr2, tapID, types.ParameterPH)
		}, submit(func(f *wf, m *types.MsgSubmitBatch) { m.Sensor = f.s(sensorAddr2) })},
		{"window end beyond the clock skew", types.ErrClockSkew, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.WindowEnd = t0.Add(time.Hour) })},
		{"window start beyond the backfill", types.ErrBackfill, func(f *wf) { f.at(t0.Add(7 * 24 * time.Hour)) }, submit(func(*wf, *types.MsgSubmitBatch) {})},
		{"unregistered sensor", types.ErrSensorNotFound, nil, submit(func(f *wf, m *types.MsgSubmitBatch) { m.Sensor = f.s(stranger) })},
		{"calibration due inside the window", types.ErrCalibrationOverdue, func(f *wf) {
			_, err := f.msg.RecordCalibration(f.Ctx, &types.MsgRecordCalibration{Signer: f.s(f.op), Sensor: f.s(sensorAddr),
				Calibration: types.Calibration{CertificateDigest: fixDigest, CalibratedAt: t0.Add(-2 * time.Hour), DueAt: hourStart.Add(5*time.Minute + 24*time.Hour)}})
			require.NoError(f.t, err)
			f.at(hourStart.Add(5*time.Minute + 24*time.Hour + time.Second))
		}, submit(func(f *wf, m *types.MsgSubmitBatch) {
			m.WindowStart, m.WindowEnd = hourStart.Add(24*time.Hour), hourStart.Add(24*time.Hour+9*time.Minute)
		})},
		{"decommissioned site", types.ErrSiteDecommissioned, func(f *wf) {
			_, err := f.msg.DecommissionSite(f.Ctx, &types.MsgDecommissionSite{Signer: f.s(f.op), SiteId: tapID})
			require.NoError(f.t, err)
		}, submit(func(*wf, *types.MsgSubmitBatch) {})},
		{"agency retired in x/agency", types.ErrAgencyNotActive, func(f *wf) {
			testkeeper.SetTestAgencyStatus(f.t, f.Agency, f.Ctx, agWater, agencytypes.AgencyStatusRetired)
		}, submit(func(*wf, *types.MsgSubmitBatch) {})},
		{"suspended sensor", types.ErrSensorNotActive, func(f *wf) {
			_, err := f.msg.SetSensorStatus(f.Ctx, &types.MsgSetSensorStatus{Signer: f.s(f.op), Sensor: f.s(sensorAddr), Status: types.SensorSuspended})
			require.NoError(f.t, err)
		}, submit(func(*wf, *types.MsgSubmitBatch) {})},
	})
}

func TestBatchStatsHelpers(t *testing.T) {
	// floor, not truncation, for negative temperatures
	rs := []types.RawReading{
		{PhenomenonTime: t0, Values: []types.Measurement{m(types.ParameterTemperature, -1)}},
		{PhenomenonTime: t0.Add(time.Second), Values: []types.Measurement{m(types.ParameterTemperature, -2)}},
	}
	stats, err := types.BatchStats(rs)
	require.NoError(t, err)
	require.Equal(t, []types.ParameterStats{{Parameter: types.ParameterTemperature, Min: -2, Max: -1, Sum: -3, Mean: -2}}, stats)
	require.NoError(t, types.ValidateBatchStats(2, 10, stats))
	stats[0].Mean = -1
	require.ErrorIs(t, types.ValidateBatchStats(2, 10, stats), types.ErrInvalidBatch)
	_, err = types.BatchStats(append(rs, types.RawReading{PhenomenonTime: t0, Values: []types.Measurement{m(types.ParameterPH, 7000)}}))
	require.ErrorIs(t, err, types.ErrInvalidBatch, "every reading carries the same parameters")
}
