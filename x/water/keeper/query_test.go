package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/query"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	"github.com/civicchain/civic/x/water/types"
)

func (f *wf) summary() *types.QuerySiteSummaryResponse {
	f.t.Helper()
	res, err := f.q.SiteSummary(f.Ctx, &types.QuerySiteSummaryRequest{SiteId: tapID})
	require.NoError(f.t, err)
	return res
}

func TestSiteSummaryVerdicts(t *testing.T) {
	// no data yet: the three standards are listed without values
	f := withTap(t)
	s := f.summary()
	require.Equal(t, types.VerdictNoRecentData, s.Verdict)
	require.Equal(t, []types.Parameter{types.ParameterPH, types.ParameterResidualChlorine, types.ParameterTurbidity},
		testkeeper.Pluck(s.Parameters, func(p types.ParameterSummary) types.Parameter { return p.Parameter }))
	require.Nil(t, s.Parameters[0].Latest)
	require.Equal(t, uint64(1), s.Parameters[0].Threshold.Version)

	// compliant readings: COMPLIANT, each parameter YES or NO_STANDARD
	f.reading(t0, compliant()...)
	s = f.summary()
	require.Equal(t, types.VerdictCompliant, s.Verdict)
	require.Equal(t, []types.Compliance{types.ComplianceYes, types.ComplianceYes, types.ComplianceYes, types.ComplianceNoStandard, types.ComplianceNoStandard},
		testkeeper.Pluck(s.Parameters, func(p types.ParameterSummary) types.Compliance { return p.Compliant }))
	require.Equal(t, "ug/L", s.Parameters[1].Unit)
	require.Equal(t, int64(450), s.Parameters[1].Latest.Value)
	require.Equal(t, f.s(sensorAddr), s.Parameters[1].Latest.Sensor)
	require.False(t, s.Parameters[1].Stale)
	require.Nil(t, s.Parameters[3].Threshold, "conductivity has no standard")
	require.Equal(t, t0, s.AsOf)

	// a turbidity spike: EXCEEDANCE, with the open alert and a covering incident
	f.incident(1, disastertypes.IncidentStatusDeclared, busanjin)
	f.incident(2, disastertypes.IncidentStatusClosed, busanjin)
	f.incident(3, disastertypes.IncidentStatusDeclared, gimhae)
	f.reading(t0.Add(time.Second), m(types.ParameterTurbidity, 2400))
	s = f.summary()
	require.Equal(t, types.VerdictExceedance, s.Verdict)
	require.Equal(t, types.ComplianceNo, s.Parameters[2].Compliant)
	require.Len(t, s.OpenAlerts, 1)
	require.Equal(t, []types.CoveringIncident{{Id: 1, Type: "TYPHOON", Severity: "ALERT", Status: "DECLARED"}}, s.Incidents)

	// back within the standard but the LEGAL alert still open: still EXCEEDANCE
	f.reading(t0.Add(2*time.Second), m(types.ParameterTurbidity, 100))
	require.Equal(t, types.VerdictExceedance, f.summary().Verdict)

	// resolved: COMPLIANT again
	f.at(t0.Add(time.Minute))
	f.ack(1)
	f.reading(t0.Add(time.Minute+time.Second), m(types.ParameterTurbidity, 100))
	_, err := f.msg.ResolveAlert(f.Ctx, f.resolveMsg(1))
	require.NoError(t, err)
	require.Equal(t, types.VerdictCompliant, f.summary().Verdict)

	// stale_after later without data: NO_RECENT_DATA, values marked stale
	f.at(t0.Add(time.Minute + time.Duration(types.DefaultStaleAfterSeconds)*time.Second + time.Second))
	s = f.summary()
	require.Equal(t, types.VerdictNoRecentData, s.Verdict)
	require.True(t, s.Parameters[0].Stale)

	// a stale exceedance is not a current one: a fresh pH 9000 makes it EXCEEDANCE
	f.reading(f.Ctx.BlockTime(), m(types.ParameterPH, 9000))
	require.Equal(t, types.VerdictExceedance, f.summary().Verdict)
}

func TestSiteSummaryUsesTheThresholdAtTheValuesTime(t *testing.T) {
	// ARRANGE: turbidity 400 mNTU at t0 complies with version 1 (500); version 2 (300) takes effect later
	f := withTap(t)
	f.reading(t0, m(types.ParameterPH, 7000), m(types.ParameterTurbidity, 400))
	_, err := f.msg.SetThreshold(f.Ctx, f.turbidityMsg(t0.Add(notice)))
	require.NoError(t, err)
	f.at(t0.Add(notice))

	// ACT
	s := f.summary()

	// ASSERT
	require.Equal(t, types.ComplianceYes, s.Parameters[2].Compliant)
	require.Equal(t, uint64(1), s.Parameters[2].Threshold.Version)
}

func TestSeriesPagesARange(t *testing.T) {
	// ARRANGE: ten pH readings a minute apart, and other parameters around them
	f := withTap(t)
	for i := range 10 {
		f.reading(t0.Add(time.Duration(i-10)*time.Minute), m(types.ParameterPH, 7000+int64(i)), m(types.ParameterTurbidity, 100))
	}
	from, to := t0.Add(-8*time.Minute), t0.Add(-3*time.Minute)
	values := func(res *types.QuerySeriesResponse) []int64 {
		return testkeeper.Pluck(res.Observations, func(o types.Observation) int64 { return o.Value })
	}

	// ACT: [from, to) in pages of 2
	var got []int64
	var key []byte
	pages := 0
	for {
		res, err := f.q.Series(f.Ctx, &types.QuerySeriesRequest{SiteId: tapID, Parameter: types.ParameterPH, From: &from, To: &to, Pagination: &query.PageRequest{Key: key, Limit: 2}})
		require.NoError(t, err)
		got = append(got, values(res)...)
		pages++
		if key = res.Pagination.NextKey; key == nil {
			break
		}
	}

	// ASSERT
	require.Equal(t, []int64{7002, 7003, 7004, 7005, 7006}, got, "from inclusive, to exclusive, oldest first")
	require.Equal(t, 3, pages)
	all, err := f.q.Series(f.Ctx, &types.QuerySeriesRequest{SiteId: tapID, Parameter: types.ParameterTurbidity})
	require.NoError(t, err)
	require.Len(t, all.Observations, 10)
}

func TestQueriesRejected(t *testing.T) {
	f := withTap(t)
	f.reading(t0, compliant()...)
	f.reading(t0.Add(time.Second), compliant()...)
	other, otherTo := t0.Add(-time.Hour), t0.Add(-2*time.Hour)
	page, err := f.q.Series(f.Ctx, &types.QuerySeriesRequest{SiteId: tapID, Parameter: types.ParameterPH, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.NotNil(t, page.Pagination.NextKey)
	for _, c := range []struct {
		name string
		code string
		call func() error
	}{
		{"site 0", "InvalidArgument", func() error { _, err := f.q.Site(f.Ctx, &types.QuerySiteRequest{}); return err }},
		{"unknown site", "NotFound", func() error { _, err := f.q.Site(f.Ctx, &types.QuerySiteRequest{SiteId: 9}); return err }},
		{"nil request", "InvalidArgument", func() error { _, err := f.q.SiteSummary(f.Ctx, nil); return err }},
		{"summary of an unknown site", "NotFound", func() error { _, err := f.q.SiteSummary(f.Ctx, &types.QuerySiteSummaryRequest{SiteId: 9}); return err }},
		{"bad district", "InvalidArgument", func() error { _, err := f.q.Sites(f.Ctx, &types.QuerySitesRequest{DistrictCode: "busan"}); return err }},
		{"bad kind", "InvalidArgument", func() error { _, err := f.q.Sites(f.Ctx, &types.QuerySitesRequest{Kind: 9}); return err }},
		{"bad sensor address", "InvalidArgument", func() error { _, err := f.q.Sensor(f.Ctx, &types.QuerySensorRequest{Address: "x"}); return err }},
		{"unknown sensor", "NotFound", func() error {
			_, err := f.q.Sensor(f.Ctx, &types.QuerySensorRequest{Address: f.s(stranger)})
			return err
		}},
		{"sensors of an unknown site", "NotFound", func() error { _, err := f.q.Sensors(f.Ctx, &types.QuerySensorsRequest{SiteId: 9}); return err }},
		{"calibrations of an unknown sensor", "NotFound", func() error {
			_, err := f.q.SensorCalibrations(f.Ctx, &types.QuerySensorCalibrationsRequest{Address: f.s(stranger)})
			return err
		}},
		{"series of no parameter", "InvalidArgument", func() error { _, err := f.q.Series(f.Ctx, &types.QuerySeriesRequest{SiteId: tapID}); return err }},
		{"series from after to", "InvalidArgument", func() error {
			_, err := f.q.Series(f.Ctx, &types.QuerySeriesRequest{SiteId: tapID, Parameter: types.ParameterPH, From: &other, To: &otherTo})
			return err
		}},
		{"series with an offset", "InvalidArgument", func() error {
			_, err := f.q.Series(f.Ctx, &types.QuerySeriesRequest{SiteId: tapID, Parameter: types.ParameterPH, Pagination: &query.PageRequest{Offset: 1}})
			return err
		}},
		{"series key of another series", "InvalidArgument", func() error {
			_, err := f.q.Series(f.Ctx, &types.QuerySeriesRequest{SiteId: tapID, Parameter: types.ParameterTurbidity, Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
			return err
		}},
		{"series key that is no key", "InvalidArgument", func() error {
			_, err := f.q.Series(f.Ctx, &types.QuerySeriesRequest{SiteId: tapID, Parameter: types.ParameterPH, Pagination: &query.PageRequest{Key: []byte{1}}})
			return err
		}},
		{"unknown batch", "NotFound", func() error { _, err := f.q.Batch(f.Ctx, &types.QueryBatchRequest{BatchId: 1}); return err }},
		{"batches of a bad address", "InvalidArgument", func() error { _, err := f.q.Batches(f.Ctx, &types.QueryBatchesRequest{Sensor: "x"}); return err }},
		{"alert 0", "InvalidArgument", func() error { _, err := f.q.Alert(f.Ctx, &types.QueryAlertRequest{}); return err }},
		{"unknown alert", "NotFound", func() error { _, err := f.q.Alert(f.Ctx, &types.QueryAlertRequest{AlertId: 1}); return err }},
		{"alerts of an unknown site", "NotFound", func() error { _, err := f.q.Alerts(f.Ctx, &types.QueryAlertsRequest{SiteId: 9}); return err }},
		{"open alerts of a bad district", "InvalidArgument", func() error {
			_, err := f.q.OpenAlerts(f.Ctx, &types.QueryOpenAlertsRequest{DistrictCode: "1"})
			return err
		}},
		{"latest of an unknown site", "NotFound", func() error { _, err := f.q.Latest(f.Ctx, &types.QueryLatestRequest{SiteId: 9}); return err }},
		{"bands of an unknown site", "NotFound", func() error {
			_, err := f.q.OperationalBands(f.Ctx, &types.QueryOperationalBandsRequest{SiteId: 9})
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) { requireCode(t, c.call(), c.code) })
	}
}

func TestListQueries(t *testing.T) {
	// ARRANGE
	f := withAlert(t)
	f.site(f.siteMsg(types.SiteKindTap, "Gimhae Tap", gimhae, 0))

	// ACT
	taps, err1 := f.q.Sites(f.Ctx, &types.QuerySitesRequest{Kind: types.SiteKindTap})
	bjTaps, err2 := f.q.Sites(f.Ctx, &types.QuerySitesRequest{DistrictCode: busanjin, Kind: types.SiteKindTap})
	all, err3 := f.q.Sites(f.Ctx, &types.QuerySitesRequest{Pagination: &query.PageRequest{Limit: 2}})
	alerts, err4 := f.q.Alerts(f.Ctx, &types.QueryAlertsRequest{SiteId: tapID})
	open, err5 := f.q.OpenAlerts(f.Ctx, &types.QueryOpenAlertsRequest{})
	none, err6 := f.q.OpenAlerts(f.Ctx, &types.QueryOpenAlertsRequest{DistrictCode: gimhae})

	// ASSERT
	for _, err := range []error{err1, err2, err3, err4, err5, err6} {
		require.NoError(t, err)
	}
	ids := func(ss []types.Site) []uint64 { return testkeeper.Pluck(ss, func(s types.Site) uint64 { return s.Id }) }
	require.Equal(t, []uint64{3, 4}, ids(taps.Sites))
	require.Equal(t, []uint64{3}, ids(bjTaps.Sites))
	require.Equal(t, []uint64{1, 2}, ids(all.Sites))
	require.NotNil(t, all.Pagination.NextKey)
	require.Len(t, alerts.Alerts, 1)
	require.Len(t, open.Alerts, 1)
	require.Empty(t, none.Alerts)
}
