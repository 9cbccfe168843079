package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/disaster/types"
)

func requireCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, want, status.Code(err), err.Error())
}

func incidentIDs(incs []types.Incident) []uint64 {
	return testkeeper.Pluck(incs, func(i types.Incident) uint64 { return i.Id })
}

func alertIDs(as []types.PublicAlert) []uint64 {
	return testkeeper.Pluck(as, func(a types.PublicAlert) uint64 { return a.Id })
}

// queryFixture holds three incidents and three alerts:
//
//	1 busan  Busanjin+Dongnae  RESPONDING  alerts 1 (Busanjin), 3 (Dongnae)
//	2 busan  Busanjin          CLOSED      alert 2 (Busanjin)
//	3 gyeongnam Uichang        DECLARED
func queryFixture(t *testing.T) *fixture {
	f := newFixture(t)
	one := f.declare(nil)
	two := f.declare(func(m *types.MsgDeclareIncident) {
		m.DescriptionDigest, m.AffectedDistricts = descDigest2, []string{busanjin}
	})
	f.declare(func(m *types.MsgDeclareIncident) {
		m.Coordinator, m.AffectedDistricts, m.Type = f.s(coord2), []string{uichang}, types.IncidentTypeHeatWave
	})
	_, err := f.msg.IssuePublicAlert(f.ctx, f.alertMsg(one))
	require.NoError(t, err)
	a2 := f.alertMsg(two)
	_, err = f.msg.IssuePublicAlert(f.ctx, a2)
	require.NoError(t, err)
	a3 := f.alertMsg(one)
	a3.Districts, a3.BroadcastDigest = []string{dongnae}, castDigest2
	_, err = f.msg.IssuePublicAlert(f.ctx, a3)
	require.NoError(t, err)
	require.NoError(t, f.setStatus(one, f.s(coord), types.IncidentStatusResponding))
	require.NoError(t, f.setStatus(two, f.s(coord), types.IncidentStatusClosed))
	return f
}

func TestQueryParams(t *testing.T) {
	f := newFixture(t)
	resp, err := f.q.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), resp.Params)
	_, err = f.q.Params(f.ctx, nil)
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryIncident(t *testing.T) {
	f := queryFixture(t)
	resp, err := f.q.Incident(f.ctx, &types.QueryIncidentRequest{Id: 2})
	require.NoError(t, err)
	require.Equal(t, f.incident(2), resp.Incident)

	_, err = f.q.Incident(f.ctx, &types.QueryIncidentRequest{Id: 9})
	requireCode(t, err, codes.NotFound)
	require.ErrorContains(t, err, "incident 9 not found")
	_, err = f.q.Incident(f.ctx, &types.QueryIncidentRequest{})
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.q.Incident(f.ctx, nil)
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryIncidents(t *testing.T) {
	f := queryFixture(t)
	for _, tc := range []struct {
		name string
		req  *types.QueryIncidentsRequest
		want []uint64
	}{
		{"all", &types.QueryIncidentsRequest{}, []uint64{1, 2, 3}},
		{"by status", &types.QueryIncidentsRequest{Status: types.IncidentStatusClosed}, []uint64{2}},
		{"by district", &types.QueryIncidentsRequest{District: busanjin}, []uint64{1, 2}},
		{"by district and status", &types.QueryIncidentsRequest{District: busanjin, Status: types.IncidentStatusResponding}, []uint64{1}},
		{"district nobody names", &types.QueryIncidentsRequest{District: jung}, nil},
		{"newest first", &types.QueryIncidentsRequest{Pagination: &query.PageRequest{Reverse: true}}, []uint64{3, 2, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := f.q.Incidents(f.ctx, tc.req)
			require.NoError(t, err)
			require.Equal(t, tc.want, incidentIDs(resp.Incidents))
		})
	}

	// pages of one, following next_key
	var got []uint64
	var key []byte
	for {
		resp, err := f.q.Incidents(f.ctx, &types.QueryIncidentsRequest{District: busanjin, Pagination: &query.PageRequest{Limit: 1, Key: key}})
		require.NoError(t, err)
		got = append(got, incidentIDs(resp.Incidents)...)
		if key = resp.Pagination.NextKey; key == nil {
			break
		}
	}
	require.Equal(t, []uint64{1, 2}, got)

	for _, req := range []*types.QueryIncidentsRequest{nil, {Status: 9}, {District: "2623"}} {
		_, err := f.q.Incidents(f.ctx, req)
		requireCode(t, err, codes.InvalidArgument)
	}
}

func TestQueryIncidentRevisions(t *testing.T) {
	f := queryFixture(t)
	_, err := f.msg.UpdateIncident(f.ctx, f.updateMsg(1))
	require.NoError(t, err)
	resp, err := f.q.IncidentRevisions(f.ctx, &types.QueryIncidentRevisionsRequest{IncidentId: 1})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2}, testkeeper.Pluck(resp.Revisions, func(r types.IncidentRevision) uint64 { return r.Revision }))
	require.Equal(t, types.SeverityAlert, resp.Revisions[1].Severity)

	_, err = f.q.IncidentRevisions(f.ctx, &types.QueryIncidentRevisionsRequest{IncidentId: 9})
	requireCode(t, err, codes.NotFound)
	_, err = f.q.IncidentRevisions(f.ctx, &types.QueryIncidentRevisionsRequest{})
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryIncidentAlerts(t *testing.T) {
	f := queryFixture(t)
	resp, err := f.q.IncidentAlerts(f.ctx, &types.QueryIncidentAlertsRequest{IncidentId: 1})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 3}, alertIDs(resp.Alerts))
	resp, err = f.q.IncidentAlerts(f.ctx, &types.QueryIncidentAlertsRequest{IncidentId: 3})
	require.NoError(t, err)
	require.Empty(t, resp.Alerts)

	_, err = f.q.IncidentAlerts(f.ctx, &types.QueryIncidentAlertsRequest{IncidentId: 9})
	requireCode(t, err, codes.NotFound)
	_, err = f.q.IncidentAlerts(f.ctx, nil)
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryDistrictAlerts(t *testing.T) {
	f := queryFixture(t)
	resp, err := f.q.DistrictAlerts(f.ctx, &types.QueryDistrictAlertsRequest{District: busanjin})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2}, alertIDs(resp.Alerts), "oldest first")
	resp, err = f.q.DistrictAlerts(f.ctx, &types.QueryDistrictAlertsRequest{District: busanjin, Pagination: &query.PageRequest{Reverse: true}})
	require.NoError(t, err)
	require.Equal(t, []uint64{2, 1}, alertIDs(resp.Alerts), "newest first with reverse")
	resp, err = f.q.DistrictAlerts(f.ctx, &types.QueryDistrictAlertsRequest{District: jung})
	require.NoError(t, err)
	require.Empty(t, resp.Alerts)

	for _, req := range []*types.QueryDistrictAlertsRequest{nil, {}, {District: "Busan"}} {
		_, err := f.q.DistrictAlerts(f.ctx, req)
		requireCode(t, err, codes.InvalidArgument)
	}
}

func TestQueryPublicAlert(t *testing.T) {
	f := queryFixture(t)
	resp, err := f.q.PublicAlert(f.ctx, &types.QueryPublicAlertRequest{Id: 3})
	require.NoError(t, err)
	require.Equal(t, []string{dongnae}, resp.Alert.Districts)
	require.EqualValues(t, 1, resp.Alert.IncidentId)

	_, err = f.q.PublicAlert(f.ctx, &types.QueryPublicAlertRequest{Id: 4})
	requireCode(t, err, codes.NotFound)
	_, err = f.q.PublicAlert(f.ctx, &types.QueryPublicAlertRequest{})
	requireCode(t, err, codes.InvalidArgument)
}
