package keeper

import (
	"context"
	"math"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/x/water/types"
)

// queryServer implements types.QueryServer. Unknown ids answer
// codes.NotFound, malformed requests codes.InvalidArgument; list queries page
// through a map or an index with the page size clamped by
// internal/pagination.
//
// Sites, sensors, thresholds and bands are served here; observations,
// batches, alerts and the site summary in query_server_data.go.
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
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Site returns a site.
func (q queryServer) Site(ctx context.Context, req *types.QuerySiteRequest) (*types.QuerySiteResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	site, err := grpcerr.GetID(ctx, q.k.Sites, "site_id", req.SiteId, "site")
	if err != nil {
		return nil, err
	}
	return &types.QuerySiteResponse{Site: site}, nil
}

// Sites lists sites by id; of one district (and kind) through the district
// index, of one kind through the kind index.
func (q queryServer) Sites(ctx context.Context, req *types.QuerySitesRequest) (*types.QuerySitesResponse, error) {
	if err := grpcerr.Validate(req, optionalDistrict(req.GetDistrictCode()), optionalKind(req.GetKind())); err != nil {
		return nil, err
	}
	var (
		sites []types.Site
		page  *query.PageResponse
		err   error
	)
	switch {
	case req.DistrictCode != "" && req.Kind != types.SiteKindUnspecified:
		sites, page, err = pagination.Lookup(ctx, q.k.Sites.Indexes.ByDistrict, q.k.Sites, collections.Triple[string, int32, uint64].K3, req.Pagination,
			func(o *query.CollectionsPaginateOptions[collections.Triple[string, int32, uint64]]) {
				p := collections.TripleSuperPrefix[string, int32, uint64](req.DistrictCode, int32(req.Kind))
				o.Prefix = &p
			})
	case req.DistrictCode != "":
		sites, page, err = pagination.Lookup(ctx, q.k.Sites.Indexes.ByDistrict, q.k.Sites, collections.Triple[string, int32, uint64].K3, req.Pagination,
			func(o *query.CollectionsPaginateOptions[collections.Triple[string, int32, uint64]]) {
				p := collections.TriplePrefix[string, int32, uint64](req.DistrictCode)
				o.Prefix = &p
			})
	case req.Kind != types.SiteKindUnspecified:
		sites, page, err = pagination.IndexValues(ctx, q.k.Sites.Indexes.ByKind, int32(req.Kind), q.k.Sites, req.Pagination)
	default:
		sites, page, err = pagination.Values(ctx, q.k.Sites, req.Pagination)
	}
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QuerySitesResponse{Sites: sites, Pagination: page}, nil
}

// Sensor returns a sensor.
func (q queryServer) Sensor(ctx context.Context, req *types.QuerySensorRequest) (*types.QuerySensorResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	addr, err := accaddr.Parse(q.k.addressCodec, "address", req.Address)
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	s, err := grpcerr.Get(ctx, q.k.Sensors, addr, "sensor %s", text.Quote(req.Address))
	if err != nil {
		return nil, err
	}
	return &types.QuerySensorResponse{Sensor: s}, nil
}

// Sensors lists the sensors of a site, by address.
func (q queryServer) Sensors(ctx context.Context, req *types.QuerySensorsRequest) (*types.QuerySensorsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := grpcerr.RequireID(ctx, q.k.Sites, "site_id", req.SiteId, "site"); err != nil {
		return nil, err
	}
	sensors, page, err := pagination.IndexValues(ctx, q.k.Sensors.Indexes.BySite, req.SiteId, q.k.Sensors, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QuerySensorsResponse{Sensors: sensors, Pagination: page}, nil
}

// SensorCalibrations lists a sensor's calibration history, oldest first.
func (q queryServer) SensorCalibrations(ctx context.Context, req *types.QuerySensorCalibrationsRequest) (*types.QuerySensorCalibrationsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	addr, err := accaddr.Parse(q.k.addressCodec, "address", req.Address)
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	if err := grpcerr.Require(ctx, q.k.Sensors, addr, "sensor %s", text.Quote(req.Address)); err != nil {
		return nil, err
	}
	records, page, err := pagination.PrefixValues(ctx, q.k.Calibrations, addr, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QuerySensorCalibrationsResponse{Calibrations: records, Pagination: page}, nil
}

// SensorsDueForCalibration lists the sensors not RETIRED whose calibration is
// due strictly before `before` (default: the block time), soonest first.
func (q queryServer) SensorsDueForCalibration(ctx context.Context, req *types.QuerySensorsDueForCalibrationRequest) (*types.QuerySensorsDueForCalibrationResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	before := blockctx.Time(ctx)
	if req.Before != nil {
		if err := types.ValidateTime("before", *req.Before); err != nil {
			return nil, grpcerr.Invalid(err)
		}
		before = *req.Before
	}
	var out []types.Sensor
	page, err := pageRange(ctx, q.k.Sensors.Indexes.ByDue, req.Pagination,
		collections.PairPrefix[int64, sdk.AccAddress](math.MinInt64),
		collections.PairPrefix[int64, sdk.AccAddress](before.UnixNano()),
		func(key collections.Pair[int64, sdk.AccAddress]) error {
			s, err := q.k.Sensors.Get(ctx, key.K2())
			out = append(out, s)
			return err
		})
	if err != nil {
		return nil, err
	}
	return &types.QuerySensorsDueForCalibrationResponse{Sensors: out, Pagination: page}, nil
}

// Threshold returns the version of a threshold in force at a time (default:
// the block time); NotFound when none is.
func (q queryServer) Threshold(ctx context.Context, req *types.QueryThresholdRequest) (*types.QueryThresholdResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateParameter(req.GetParameter()), types.ValidateStandardClass(req.GetStandardClass()), optionalTime("at", req.GetAt())); err != nil {
		return nil, err
	}
	at := blockctx.Time(ctx)
	if req.At != nil {
		at = *req.At
	}
	th, found, err := q.k.ThresholdAt(ctx, req.Parameter, req.StandardClass, at)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	if !found {
		return nil, grpcerr.NotFound(collections.ErrNotFound, "threshold of %s for %s at %s", req.Parameter.Label(), req.StandardClass.Label(), at.UTC().Format(time.RFC3339))
	}
	return &types.QueryThresholdResponse{Threshold: th}, nil
}

// Thresholds returns, per (parameter, class) in enum order, the version in
// force at a time (default: the block time): at most 10 lookups (point
// reads, or a seek for a time before the latest version).
func (q queryServer) Thresholds(ctx context.Context, req *types.QueryThresholdsRequest) (*types.QueryThresholdsResponse, error) {
	if err := grpcerr.Validate(req, optionalTime("at", req.GetAt())); err != nil {
		return nil, err
	}
	at := blockctx.Time(ctx)
	if req.At != nil {
		at = *req.At
	}
	var out []types.Threshold
	for _, p := range types.AllParameters {
		for _, c := range types.AllStandardClasses {
			th, found, err := q.k.ThresholdAt(ctx, p, c, at)
			if err != nil {
				return nil, grpcerr.Internal(err)
			}
			if found {
				out = append(out, th)
			}
		}
	}
	return &types.QueryThresholdsResponse{Thresholds: out}, nil
}

// ThresholdVersions lists every version of a threshold, oldest first.
func (q queryServer) ThresholdVersions(ctx context.Context, req *types.QueryThresholdVersionsRequest) (*types.QueryThresholdVersionsResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateParameter(req.GetParameter()), types.ValidateStandardClass(req.GetStandardClass())); err != nil {
		return nil, err
	}
	ths, page, err := pagination.Values(ctx, q.k.Thresholds, req.Pagination, func(o *query.CollectionsPaginateOptions[ThresholdKey]) {
		p := collections.TripleSuperPrefix[int32, int32, uint64](int32(req.Parameter), int32(req.StandardClass))
		o.Prefix = &p
	})
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryThresholdVersionsResponse{Thresholds: ths, Pagination: page}, nil
}

// OperationalBands lists a site's bands that have limits, in parameter order
// (at most one per parameter).
func (q queryServer) OperationalBands(ctx context.Context, req *types.QueryOperationalBandsRequest) (*types.QueryOperationalBandsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := grpcerr.RequireID(ctx, q.k.Sites, "site_id", req.SiteId, "site"); err != nil {
		return nil, err
	}
	var out []types.OperationalBand
	for _, p := range types.AllParameters {
		b, found, err := q.k.band(ctx, req.SiteId, p)
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		if found && b.HasLimits() {
			out = append(out, b)
		}
	}
	return &types.QueryOperationalBandsResponse{Bands: out}, nil
}

// optionalDistrict checks a district filter, if set.
func optionalDistrict(d string) error {
	if d == "" {
		return nil
	}
	return types.ValidateDistrict("district_code", d)
}

// optionalKind checks a kind filter, if set.
func optionalKind(k types.SiteKind) error {
	if k == types.SiteKindUnspecified {
		return nil
	}
	return types.ValidateSiteKind(k)
}

// optionalTime checks a time argument, if set.
func optionalTime(field string, t *time.Time) error {
	if t == nil {
		return nil
	}
	return types.ValidateTime(field, *t)
}
