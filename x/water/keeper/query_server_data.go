package keeper

import (
	"context"
	"encoding/hex"
	"errors"
	"math"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/water/types"
)

// Latest returns the newest value of every parameter observed at a site, in
// parameter order (at most 5 reads).
func (q queryServer) Latest(ctx context.Context, req *types.QueryLatestRequest) (*types.QueryLatestResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := grpcerr.RequireID(ctx, q.k.Sites, "site_id", req.SiteId, "site"); err != nil {
		return nil, err
	}
	var out []types.Observation
	for _, p := range types.AllParameters {
		o, found, err := getOptional(ctx, q.k.Latest, collections.Join(req.SiteId, int32(p)))
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		if found {
			out = append(out, o)
		}
	}
	return &types.QueryLatestResponse{Observations: out}, nil
}

// Series lists the values of a parameter at a site with from <= phenomenon
// time < to, oldest first: one ranged scan of the points under (site,
// parameter, time), paged by next_key.
func (q queryServer) Series(ctx context.Context, req *types.QuerySeriesRequest) (*types.QuerySeriesResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateParameter(req.GetParameter()), optionalTime("from", req.GetFrom()), optionalTime("to", req.GetTo())); err != nil {
		return nil, err
	}
	if err := grpcerr.RequireID(ctx, q.k.Sites, "site_id", req.SiteId, "site"); err != nil {
		return nil, err
	}
	from, to := int64(math.MinInt64), int64(math.MaxInt64)
	if req.From != nil {
		from = req.From.UnixNano()
	}
	if req.To != nil {
		to = req.To.UnixNano()
	}
	if from > to {
		return nil, grpcerr.Invalid(errors.New("from is after to"))
	}
	p := int32(req.Parameter)
	var out []types.Observation
	page, err := pageRange(ctx, q.k.Points, req.Pagination,
		collections.QuadSuperPrefix3[uint64, int32, int64, sdk.AccAddress](req.SiteId, p, from),
		collections.QuadSuperPrefix3[uint64, int32, int64, sdk.AccAddress](req.SiteId, p, to),
		func(key PointKey) error {
			pt, err := q.k.Points.Get(ctx, key)
			if err != nil {
				return err
			}
			o, err := q.k.observation(key, pt)
			out = append(out, o)
			return err
		})
	if err != nil {
		return nil, err
	}
	return &types.QuerySeriesResponse{Observations: out, Pagination: page}, nil
}

// Batch returns a batch.
func (q queryServer) Batch(ctx context.Context, req *types.QueryBatchRequest) (*types.QueryBatchResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	b, err := grpcerr.GetID(ctx, q.k.Batches, "batch_id", req.BatchId, "batch")
	if err != nil {
		return nil, err
	}
	return &types.QueryBatchResponse{Batch: b}, nil
}

// Batches lists a sensor's batches, oldest first.
func (q queryServer) Batches(ctx context.Context, req *types.QueryBatchesRequest) (*types.QueryBatchesResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if _, err := accaddr.Parse(q.k.addressCodec, "sensor", req.Sensor); err != nil {
		return nil, grpcerr.Invalid(err)
	}
	batches, page, err := pagination.IndexValues(ctx, q.k.Batches.Indexes.BySensor, req.Sensor, q.k.Batches, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryBatchesResponse{Batches: batches, Pagination: page}, nil
}

// VerifyReading checks a raw reading's Merkle inclusion proof against a
// batch: valid, or not with the reason.
func (q queryServer) VerifyReading(ctx context.Context, req *types.QueryVerifyReadingRequest) (*types.QueryVerifyReadingResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if len(req.Siblings) > types.MaxProofSiblings {
		return nil, grpcerr.Invalid(errors.New("too many siblings"))
	}
	if err := types.ValidateMeasurements(req.Reading.Values); err != nil {
		return nil, grpcerr.Invalid(err)
	}
	b, err := grpcerr.GetID(ctx, q.k.Batches, "batch_id", req.BatchId, "batch")
	if err != nil {
		return nil, err
	}
	leaf, err := types.VerifyBatchReading(b, req.Index, req.Reading, req.Siblings)
	if leaf == nil {
		return nil, grpcerr.Invalid(err)
	}
	res := &types.QueryVerifyReadingResponse{Valid: err == nil, LeafHash: hex.EncodeToString(leaf)}
	if err != nil {
		res.Reason = err.Error()
	}
	return res, nil
}

// Alert returns an alert.
func (q queryServer) Alert(ctx context.Context, req *types.QueryAlertRequest) (*types.QueryAlertResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	a, err := grpcerr.GetID(ctx, q.k.Alerts, "alert_id", req.AlertId, "alert")
	if err != nil {
		return nil, err
	}
	return &types.QueryAlertResponse{Alert: a}, nil
}

// Alerts lists a site's alerts, oldest first.
func (q queryServer) Alerts(ctx context.Context, req *types.QueryAlertsRequest) (*types.QueryAlertsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := grpcerr.RequireID(ctx, q.k.Sites, "site_id", req.SiteId, "site"); err != nil {
		return nil, err
	}
	alerts, page, err := pagination.IndexValues(ctx, q.k.Alerts.Indexes.BySite, req.SiteId, q.k.Alerts, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryAlertsResponse{Alerts: alerts, Pagination: page}, nil
}

// OpenAlerts lists the alerts not RESOLVED, of one district or of all (by
// district, then id).
func (q queryServer) OpenAlerts(ctx context.Context, req *types.QueryOpenAlertsRequest) (*types.QueryOpenAlertsResponse, error) {
	if err := grpcerr.Validate(req, optionalDistrict(req.GetDistrictCode())); err != nil {
		return nil, err
	}
	idx := q.k.Alerts.Indexes.OpenByDistrict
	var (
		alerts []types.Alert
		page   *query.PageResponse
		err    error
	)
	if req.DistrictCode != "" {
		alerts, page, err = pagination.IndexValues(ctx, idx, req.DistrictCode, q.k.Alerts, req.Pagination)
	} else {
		alerts, page, err = pagination.Lookup(ctx, idx, q.k.Alerts, collections.Pair[string, uint64].K2, req.Pagination)
	}
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryOpenAlertsResponse{Alerts: alerts, Pagination: page}, nil
}

// SiteSummary answers a citizen page in one call, with bounded work (at
// most 5 latest values, 5 threshold lookups, the site's open alerts — at most
// 2 per parameter — and params.max_summary_incidents incidents):
//
//   - per parameter observed at the site or with a standard for its class
//     now: the latest value, the threshold in force at its phenomenon time,
//     compliant YES | NO | NO_STANDARD, and stale (older than stale_after);
//   - the open alerts; the incidents, not CLOSED, covering the district;
//   - the verdict: EXCEEDANCE when a fresh value does not comply or a LEGAL
//     alert is open; otherwise NO_RECENT_DATA when no parameter with a
//     standard has been observed, or one that has is stale; COMPLIANT.
func (q queryServer) SiteSummary(ctx context.Context, req *types.QuerySiteSummaryRequest) (*types.QuerySiteSummaryResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	site, err := grpcerr.GetID(ctx, q.k.Sites, "site_id", req.SiteId, "site")
	if err != nil {
		return nil, err
	}
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	now := blockctx.Time(ctx)
	staleAfter := time.Duration(params.StaleAfterSeconds) * time.Second
	res := &types.QuerySiteSummaryResponse{Site: site, AsOf: now}
	exceedance, observedStandard, staleStandard := false, false, false
	for _, p := range types.AllParameters {
		ps, err := q.k.parameterSummary(ctx, site, p, now, staleAfter)
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		if ps == nil {
			continue
		}
		res.Parameters = append(res.Parameters, *ps)
		if ps.Latest == nil || ps.Compliant == types.ComplianceNoStandard {
			continue
		}
		observedStandard = true
		staleStandard = staleStandard || ps.Stale
		exceedance = exceedance || (!ps.Stale && ps.Compliant == types.ComplianceNo)
	}
	err = q.k.Alerts.Indexes.OpenBySite.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](site.Id),
		func(key collections.Pair[uint64, uint64]) (bool, error) {
			a, err := q.k.Alerts.Get(ctx, key.K2())
			if err != nil {
				return true, err
			}
			res.OpenAlerts = append(res.OpenAlerts, a)
			exceedance = exceedance || a.Level == types.AlertLegal
			return false, nil
		})
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	incidents, err := q.k.disasterKeeper.IncidentsCoveringDistrict(ctx, site.DistrictCode, int(params.MaxSummaryIncidents))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	for _, inc := range incidents {
		res.Incidents = append(res.Incidents, types.CoveringIncident{
			Id: inc.Id, Type: inc.Type.Label(), Severity: inc.Severity.Label(), Status: inc.Status.Label(),
		})
	}
	switch {
	case exceedance:
		res.Verdict = types.VerdictExceedance
	case !observedStandard || staleStandard:
		res.Verdict = types.VerdictNoRecentData
	default:
		res.Verdict = types.VerdictCompliant
	}
	return res, nil
}

// parameterSummary is one parameter of a site summary, or nil when the
// parameter was never observed at the site and has no standard now.
func (k Keeper) parameterSummary(ctx context.Context, site types.Site, p types.Parameter, now time.Time, staleAfter time.Duration) (*types.ParameterSummary, error) {
	latest, observed, err := getOptional(ctx, k.Latest, collections.Join(site.Id, int32(p)))
	if err != nil {
		return nil, err
	}
	at := now
	if observed {
		at = latest.PhenomenonTime
	}
	th, standard, err := k.Standard(ctx, p, site.StandardClass, at)
	if err != nil {
		return nil, err
	}
	if !observed && !standard {
		return nil, nil
	}
	ps := &types.ParameterSummary{Parameter: p, Unit: p.Unit(), Stale: true, Compliant: types.ComplianceNoStandard}
	if standard {
		ps.Threshold = &th
	}
	if !observed {
		ps.Compliant = types.ComplianceUnspecified
		return ps, nil
	}
	ps.Latest = &latest
	ps.Stale = now.Sub(latest.PhenomenonTime) > staleAfter
	if standard {
		ps.Compliant = types.ComplianceYes
		if kind, _ := types.Check(th.Min, th.Max, latest.Value); kind != types.AlertKindUnspecified {
			ps.Compliant = types.ComplianceNo
		}
	}
	return ps, nil
}
