package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/haccp/types"
)

// queryServer implements types.QueryServer. Unknown ids answer codes.NotFound,
// malformed requests codes.InvalidArgument; list queries page through an index
// with the page size clamped by internal/pagination.
//
// Facilities, certificates and CCP records are served here; imports in
// query_server_import.go, recalls in query_server_recall.go.
type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service implementation.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
}

// Facility returns one facility.
func (q queryServer) Facility(ctx context.Context, req *types.QueryFacilityRequest) (*types.QueryFacilityResponse, error) {
	f, err := grpcerr.GetID(ctx, q.k.Facilities, "id", req.GetId(), "facility")
	if err != nil {
		return nil, err
	}
	return &types.QueryFacilityResponse{Facility: f}, nil
}

// Facilities lists facilities in id order, all of them or those of one operator.
func (q queryServer) Facilities(ctx context.Context, req *types.QueryFacilitiesRequest) (*types.QueryFacilitiesResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if req.Operator == "" {
		facilities, page, err := pagination.Values(ctx, q.k.Facilities, req.Pagination)
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		return &types.QueryFacilitiesResponse{Facilities: facilities, Pagination: page}, nil
	}
	operator, err := parseAddress(q.k.addressCodec, "operator", req.Operator)
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	facilities, page, err := pagination.IndexValues(ctx, q.k.Facilities.Indexes.Operator, operator, q.k.Facilities, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryFacilitiesResponse{Facilities: facilities, Pagination: page}, nil
}

// FacilityStaff lists a facility's staff accounts in address-byte order.
func (q queryServer) FacilityStaff(ctx context.Context, req *types.QueryFacilityStaffRequest) (*types.QueryFacilityStaffResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Facilities, "facility_id", req.GetFacilityId(), "facility"); err != nil {
		return nil, err
	}
	staff, page, err := query.CollectionPaginate(ctx, q.k.FacilityStaff, pagination.Clamp(req.Pagination),
		func(key collections.Pair[uint64, sdk.AccAddress], _ collections.NoValue) (string, error) {
			return q.k.addressCodec.BytesToString(key.K2())
		},
		query.WithCollectionPaginationPairPrefix[uint64, sdk.AccAddress](req.FacilityId))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryFacilityStaffResponse{Staff: staff, Pagination: page}, nil
}

// Certificate returns the latest version of a certificate and its status at
// the block's time (EXPIRED from valid_until on).
func (q queryServer) Certificate(ctx context.Context, req *types.QueryCertificateRequest) (*types.QueryCertificateResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateCertNo(req.GetCertNo())); err != nil {
		return nil, err
	}
	c, err := q.k.Certificates.Get(ctx, req.CertNo)
	if err != nil {
		return nil, grpcerr.NotFound(err, "certificate %q", req.CertNo)
	}
	return &types.QueryCertificateResponse{Certificate: c, EffectiveStatus: EffectiveStatus(c, blockctx.Time(ctx))}, nil
}

// CertificateVersions lists every version of a certificate, oldest first.
func (q queryServer) CertificateVersions(ctx context.Context, req *types.QueryCertificateVersionsRequest) (*types.QueryCertificateVersionsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := q.requireCertificate(ctx, req.CertNo); err != nil {
		return nil, err
	}
	versions, page, err := pagination.PrefixValues(ctx, q.k.CertificateVersions, req.CertNo, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCertificateVersionsResponse{Versions: versions, Pagination: page}, nil
}

// CertificateHistory lists a certificate's events in seq order.
func (q queryServer) CertificateHistory(ctx context.Context, req *types.QueryCertificateHistoryRequest) (*types.QueryCertificateHistoryResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := q.requireCertificate(ctx, req.CertNo); err != nil {
		return nil, err
	}
	events, page, err := pagination.PrefixValues(ctx, q.k.CertificateEvents, req.CertNo, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCertificateHistoryResponse{Events: events, Pagination: page}, nil
}

// CertificatesByFacility lists the latest versions of a facility's
// certificates in cert_no order.
func (q queryServer) CertificatesByFacility(ctx context.Context, req *types.QueryCertificatesByFacilityRequest) (*types.QueryCertificatesByFacilityResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Facilities, "facility_id", req.GetFacilityId(), "facility"); err != nil {
		return nil, err
	}
	certs, page, err := pagination.IndexValues(ctx, q.k.Certificates.Indexes.Facility, req.FacilityId, q.k.Certificates, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCertificatesByFacilityResponse{Certificates: certs, Pagination: page}, nil
}

// IsCertValid tells whether a certificate was valid at a time (default: the
// block time). It reads the status of the last CertificateEvent at or before
// that time and the latest version whose [valid_from, valid_until) covers it:
// valid means both exist and the status was ACTIVE.
func (q queryServer) IsCertValid(ctx context.Context, req *types.QueryIsCertValidRequest) (*types.QueryIsCertValidResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := q.requireCertificate(ctx, req.CertNo); err != nil {
		return nil, err
	}
	at := blockctx.Time(ctx)
	if req.At != nil {
		at = *req.At
	}
	res, err := q.k.certValidAt(ctx, req.CertNo, at)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return res, nil
}

// certValidAt is the body of IsCertValid. It costs O(1) reads when at is not
// before the certificate's last event and its version covers at (the usual
// question, "valid now?"), and O(log n) point reads otherwise, n the number of
// events or versions: events are in time order (block time never goes back)
// and versions in valid_from order (a renewal may not start before the
// version it renews), so both are binary-searched, never walked.
func (k Keeper) certValidAt(ctx context.Context, certNo string, at time.Time) (*types.QueryIsCertValidResponse, error) {
	when := at.UTC().Format(time.RFC3339)

	// The status then: the last event at or before at.
	ev, err := k.lastCertificateEventAt(ctx, certNo, at)
	if err != nil {
		return nil, err
	}
	if ev == nil {
		return &types.QueryIsCertValidResponse{
			Status: types.CertificateStatusUnspecified,
			Reason: fmt.Sprintf("certificate %q was not issued yet at %s", certNo, when),
		}, nil
	}
	if ev.Status == types.CertificateStatusRevoked {
		return &types.QueryIsCertValidResponse{
			Status: ev.Status, Version: ev.Version,
			Reason: fmt.Sprintf("certificate %q was revoked (%s) at %s", certNo, ev.ReasonCode, ev.Time.UTC().Format(time.RFC3339)),
		}, nil
	}

	// The version then: of the versions issued by then (1..ev.Version), the last
	// one that had started; version n is in force from its valid_from until the
	// earlier of its valid_until and version n+1's valid_from.
	v, err := k.CertificateVersions.Get(ctx, collections.Join(certNo, ev.Version))
	if err != nil {
		return nil, err
	}
	if at.Before(v.ValidFrom) {
		started, err := k.lastVersionStartedAt(ctx, certNo, ev.Version-1, at)
		if err != nil {
			return nil, err
		}
		if started == nil {
			return &types.QueryIsCertValidResponse{
				Status: ev.Status, Version: ev.Version,
				Reason: fmt.Sprintf("no version of certificate %q was valid yet at %s", certNo, when),
			}, nil
		}
		v = *started
	}
	switch {
	case !at.Before(v.ValidUntil):
		return &types.QueryIsCertValidResponse{
			Status: types.CertificateStatusExpired, Version: v.Version,
			Reason: fmt.Sprintf("certificate %q version %d expired at %s", certNo, v.Version, v.ValidUntil.UTC().Format(time.RFC3339)),
		}, nil
	case ev.Status != types.CertificateStatusActive:
		return &types.QueryIsCertValidResponse{
			Status: ev.Status, Version: v.Version,
			Reason: fmt.Sprintf("certificate %q was %s (%s) at %s", certNo, ev.Status.Label(), ev.ReasonCode, when),
		}, nil
	default:
		return &types.QueryIsCertValidResponse{Valid: true, Status: ev.Status, Version: v.Version}, nil
	}
}

// lastCertificateEventAt returns the last event of a certificate at or before
// at (nil if none): one read of the head when it is not after at, else a
// binary search over seq 1..head.
func (k Keeper) lastCertificateEventAt(ctx context.Context, certNo string, at time.Time) (*types.CertificateEvent, error) {
	head, err := k.CertificateEventHead.Get(ctx, certNo)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	get := func(seq uint64) (types.CertificateEvent, error) {
		return k.CertificateEvents.Get(ctx, collections.Join(certNo, seq))
	}
	last, err := get(head)
	if err != nil {
		return nil, err
	}
	if !last.Time.After(at) {
		return &last, nil
	}
	// Invariant: event lo is at or before at (lo = 0: none), event hi after it.
	lo, hi := uint64(0), head
	var found *types.CertificateEvent
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		e, err := get(mid)
		if err != nil {
			return nil, err
		}
		if e.Time.After(at) {
			hi = mid
		} else {
			lo, found = mid, &e
		}
	}
	return found, nil
}

// lastVersionStartedAt returns the newest of versions 1..upTo whose valid_from
// is not after at (nil if none), by binary search over the versions.
func (k Keeper) lastVersionStartedAt(ctx context.Context, certNo string, upTo uint64, at time.Time) (*types.Certificate, error) {
	// Invariant: version lo has started by at (lo = 0: none), version hi has not.
	lo, hi := uint64(0), upTo+1
	var found *types.Certificate
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		c, err := k.CertificateVersions.Get(ctx, collections.Join(certNo, mid))
		if err != nil {
			return nil, err
		}
		if at.Before(c.ValidFrom) {
			hi = mid
		} else {
			lo, found = mid, &c
		}
	}
	return found, nil
}

// CcpRecord returns one CCP monitoring record.
func (q queryServer) CcpRecord(ctx context.Context, req *types.QueryCcpRecordRequest) (*types.QueryCcpRecordResponse, error) {
	r, err := grpcerr.GetID(ctx, q.k.CcpRecords, "id", req.GetId(), "CCP record")
	if err != nil {
		return nil, err
	}
	return &types.QueryCcpRecordResponse{Record: r}, nil
}

// CcpRecordsByFacility lists a facility's CCP records in id order.
func (q queryServer) CcpRecordsByFacility(ctx context.Context, req *types.QueryCcpRecordsByFacilityRequest) (*types.QueryCcpRecordsByFacilityResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Facilities, "facility_id", req.GetFacilityId(), "facility"); err != nil {
		return nil, err
	}
	records, page, err := pagination.IndexValues(ctx, q.k.CcpRecords.Indexes.Facility, req.FacilityId, q.k.CcpRecords, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCcpRecordsByFacilityResponse{Records: records, Pagination: page}, nil
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

// requireCertificate checks a cert_no (InvalidArgument) and that it exists (NotFound).
func (q queryServer) requireCertificate(ctx context.Context, certNo string) error {
	if err := types.ValidateCertNo(certNo); err != nil {
		return grpcerr.Invalid(err)
	}
	return grpcerr.Require(ctx, q.k.Certificates, certNo, "certificate %q", certNo)
}
