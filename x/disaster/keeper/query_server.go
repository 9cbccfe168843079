package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/disaster/types"
)

// queryServer implements types.QueryServer. Unknown ids answer codes.NotFound,
// malformed requests codes.InvalidArgument; list queries page through an index
// in ascending id order (pagination.reverse for newest first), with the page
// size clamped by internal/pagination.
type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service implementation.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
}

// Params returns the module parameters.
func (q queryServer) Params(ctx context.Context, req *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Incident returns one incident.
func (q queryServer) Incident(ctx context.Context, req *types.QueryIncidentRequest) (*types.QueryIncidentResponse, error) {
	inc, err := grpcerr.GetID(ctx, q.k.Incidents, "id", req.GetId(), "incident")
	if err != nil {
		return nil, err
	}
	return &types.QueryIncidentResponse{Incident: inc}, nil
}

// Incidents lists incidents in id order: all of them, those of a status,
// those whose current affected districts include a district, or both. Each
// filter pages one index, so no filter scans records it does not return.
func (q queryServer) Incidents(ctx context.Context, req *types.QueryIncidentsRequest) (*types.QueryIncidentsResponse, error) {
	if err := grpcerr.Validate(req, validateStatusFilter(req.GetStatus()), validateDistrictFilter(req.GetDistrict())); err != nil {
		return nil, err
	}
	var (
		incidents []types.Incident
		page      *query.PageResponse
		err       error
	)
	idx := q.k.Incidents.Indexes
	switch byStatus, byDistrict := req.Status != types.IncidentStatusUnspecified, req.District != ""; {
	case byStatus && byDistrict:
		incidents, page, err = pagination.IndexValues(ctx, idx.DistrictStatus, collections.Join(req.District, req.Status), q.k.Incidents, req.Pagination)
	case byStatus:
		incidents, page, err = pagination.IndexValues(ctx, idx.Status, req.Status, q.k.Incidents, req.Pagination)
	case byDistrict:
		incidents, page, err = pagination.IndexValues(ctx, idx.District, req.District, q.k.Incidents, req.Pagination)
	default:
		incidents, page, err = pagination.Values(ctx, q.k.Incidents, req.Pagination)
	}
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryIncidentsResponse{Incidents: incidents, Pagination: page}, nil
}

// IncidentRevisions lists an incident's revision records in revision order.
func (q queryServer) IncidentRevisions(ctx context.Context, req *types.QueryIncidentRevisionsRequest) (*types.QueryIncidentRevisionsResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Incidents, "incident_id", req.GetIncidentId(), "incident"); err != nil {
		return nil, err
	}
	revs, page, err := pagination.PrefixValues(ctx, q.k.Revisions, req.IncidentId, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryIncidentRevisionsResponse{Revisions: revs, Pagination: page}, nil
}

// IncidentAlerts lists the public alerts of an incident in id order (oldest first).
func (q queryServer) IncidentAlerts(ctx context.Context, req *types.QueryIncidentAlertsRequest) (*types.QueryIncidentAlertsResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Incidents, "incident_id", req.GetIncidentId(), "incident"); err != nil {
		return nil, err
	}
	alerts, page, err := pagination.IndexValues(ctx, q.k.Alerts.Indexes.Incident, req.IncidentId, q.k.Alerts, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryIncidentAlertsResponse{Alerts: alerts, Pagination: page}, nil
}

// DistrictAlerts lists the public alerts naming a district in id order
// (oldest first; pagination.reverse for newest first). A district no alert
// names is an empty list, not an error.
func (q queryServer) DistrictAlerts(ctx context.Context, req *types.QueryDistrictAlertsRequest) (*types.QueryDistrictAlertsResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateDistrict("district", req.GetDistrict())); err != nil {
		return nil, err
	}
	alerts, page, err := pagination.IndexValues(ctx, q.k.Alerts.Indexes.District, req.District, q.k.Alerts, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryDistrictAlertsResponse{Alerts: alerts, Pagination: page}, nil
}

// PublicAlert returns one public alert.
func (q queryServer) PublicAlert(ctx context.Context, req *types.QueryPublicAlertRequest) (*types.QueryPublicAlertResponse, error) {
	a, err := grpcerr.GetID(ctx, q.k.Alerts, "id", req.GetId(), "public alert")
	if err != nil {
		return nil, err
	}
	return &types.QueryPublicAlertResponse{Alert: a}, nil
}

// validateStatusFilter accepts UNSPECIFIED (no filter) or a named status.
func validateStatusFilter(s types.IncidentStatus) error {
	if s != types.IncidentStatusUnspecified && !s.IsValid() {
		return errorsmod.Wrapf(types.ErrInvalidStatus, "status %s is not DECLARED, RESPONDING or CLOSED", s.Label())
	}
	return nil
}

// validateDistrictFilter accepts "" (no filter) or a 5-digit district code.
func validateDistrictFilter(d string) error {
	if d == "" {
		return nil
	}
	return types.ValidateDistrict("district", d)
}
