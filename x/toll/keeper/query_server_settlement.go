package keeper

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/toll/types"
)

// Trip returns a trip.
func (q queryServer) Trip(ctx context.Context, req *types.QueryTripRequest) (*types.QueryTripResponse, error) {
	t, err := grpcerr.GetID(ctx, q.k.Trips, "trip_id", req.GetTripId(), "trip")
	if err != nil {
		return nil, err
	}
	return &types.QueryTripResponse{Trip: t}, nil
}

// TripsByPlaza lists the trips recorded at an exit plaza by (period, id),
// all of them or those of one period.
func (q queryServer) TripsByPlaza(ctx context.Context, req *types.QueryTripsByPlazaRequest) (*types.QueryTripsByPlazaResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateID("plaza_id", req.GetPlazaId(), types.MaxPlazaIDLength)); err != nil {
		return nil, err
	}
	if err := grpcerr.Require(ctx, q.k.Plazas, req.PlazaId, "plaza %q", req.PlazaId); err != nil {
		return nil, err
	}
	prefix := collections.TriplePrefix[string, uint64, uint64](req.PlazaId)
	if req.PeriodId > 0 {
		if err := grpcerr.Require(ctx, q.k.Periods, req.PeriodId, "period %d", req.PeriodId); err != nil {
			return nil, err
		}
		prefix = collections.TripleSuperPrefix[string, uint64, uint64](req.PlazaId, req.PeriodId)
	}
	trips, page, err := pagination.Lookup(ctx, q.k.Trips.Indexes.ByPlaza, q.k.Trips, collections.Triple[string, uint64, uint64].K3,
		req.Pagination, withTriplePrefix(prefix))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryTripsByPlazaResponse{Trips: trips, Pagination: page}, nil
}

// TripsByPeriod lists the trips of a period by id.
func (q queryServer) TripsByPeriod(ctx context.Context, req *types.QueryTripsByPeriodRequest) (*types.QueryTripsByPeriodResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Periods, "period_id", req.GetPeriodId(), "period"); err != nil {
		return nil, err
	}
	trips, page, err := pagination.IndexValues(ctx, q.k.Trips.Indexes.ByPeriod, req.PeriodId, q.k.Trips, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryTripsByPeriodResponse{Trips: trips, Pagination: page}, nil
}

// UnpaidTrips lists the UNPAID trips by (payer address bytes, id), all of
// them or those of one payer.
func (q queryServer) UnpaidTrips(ctx context.Context, req *types.QueryUnpaidTripsRequest) (*types.QueryUnpaidTripsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	var opts []func(*query.CollectionsPaginateOptions[collections.Pair[sdk.AccAddress, uint64]])
	if req.Payer != "" {
		payer, err := q.parsePayer(req.Payer)
		if err != nil {
			return nil, err
		}
		opts = append(opts, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](payer))
	}
	trips, page, err := pagination.Lookup(ctx, q.k.UnpaidTrips, q.k.Trips, collections.Pair[sdk.AccAddress, uint64].K2, req.Pagination, opts...)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryUnpaidTripsResponse{Trips: trips, Pagination: page}, nil
}

// SpendingLimits lists a payer's spending limits by operator.
func (q queryServer) SpendingLimits(ctx context.Context, req *types.QuerySpendingLimitsRequest) (*types.QuerySpendingLimitsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	payer, err := q.parsePayer(req.Payer)
	if err != nil {
		return nil, err
	}
	limits, page, err := pagination.PrefixValues(ctx, q.k.SpendingLimits, payer, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QuerySpendingLimitsResponse{Limits: limits, Pagination: page}, nil
}

// TripBatch returns a trip batch.
func (q queryServer) TripBatch(ctx context.Context, req *types.QueryTripBatchRequest) (*types.QueryTripBatchResponse, error) {
	b, err := grpcerr.GetID(ctx, q.k.Batches, "batch_id", req.GetBatchId(), "batch")
	if err != nil {
		return nil, err
	}
	return &types.QueryTripBatchResponse{Batch: b}, nil
}

// TripBatches lists the trip batches of a period by id.
func (q queryServer) TripBatches(ctx context.Context, req *types.QueryTripBatchesRequest) (*types.QueryTripBatchesResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Periods, "period_id", req.GetPeriodId(), "period"); err != nil {
		return nil, err
	}
	batches, page, err := pagination.IndexValues(ctx, q.k.Batches.Indexes.ByPeriod, req.PeriodId, q.k.Batches, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryTripBatchesResponse{Batches: batches, Pagination: page}, nil
}

// VerifyTrip checks a Merkle sum proof that an off-chain trip is the one at
// req.Index of a batch and that the batch's declared count and totals are
// what the tree sums. A proof that does not hold is an answer, not an error:
// valid is false and reason says why (a trip of another plaza, an index
// outside the batch, malformed or wrong siblings, a root whose sums or count
// are not the declared ones).
func (q queryServer) VerifyTrip(ctx context.Context, req *types.QueryVerifyTripRequest) (*types.QueryVerifyTripResponse, error) {
	b, err := grpcerr.GetID(ctx, q.k.Batches, "batch_id", req.GetBatchId(), "batch")
	if err != nil {
		return nil, err
	}
	leaf, err := types.VerifyBatchTrip(b, req.Index, req.Trip, req.Siblings)
	if err != nil && !errors.Is(err, types.ErrInvalidProof) {
		return nil, grpcerr.Internal(err)
	}
	res := &types.QueryVerifyTripResponse{LeafHash: hex.EncodeToString(leaf)}
	switch {
	case req.Trip.ExitPlaza != b.PlazaId:
		res.Reason = fmt.Sprintf("the trip exits at plaza %q, batch %d is of plaza %q", req.Trip.ExitPlaza, b.Id, b.PlazaId)
	case err != nil:
		res.Reason = err.Error()
	default:
		res.Valid = true
	}
	return res, nil
}

// Period returns a settlement period.
func (q queryServer) Period(ctx context.Context, req *types.QueryPeriodRequest) (*types.QueryPeriodResponse, error) {
	p, err := grpcerr.GetID(ctx, q.k.Periods, "period_id", req.GetPeriodId(), "period")
	if err != nil {
		return nil, err
	}
	return &types.QueryPeriodResponse{Period: p}, nil
}

// Periods lists the settlement periods by id.
func (q queryServer) Periods(ctx context.Context, req *types.QueryPeriodsRequest) (*types.QueryPeriodsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	periods, page, err := pagination.Values(ctx, q.k.Periods, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryPeriodsResponse{Periods: periods, Pagination: page}, nil
}

// NetPositions returns a period's status, every operator's net position and
// the accruals behind them (Keeper.NetPositions).
func (q queryServer) NetPositions(ctx context.Context, req *types.QueryNetPositionsRequest) (*types.QueryNetPositionsResponse, error) {
	p, err := grpcerr.GetID(ctx, q.k.Periods, "period_id", req.GetPeriodId(), "period")
	if err != nil {
		return nil, err
	}
	positions, accruals, err := q.k.NetPositions(ctx, req.PeriodId)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryNetPositionsResponse{Status: p.Status, Positions: positions, Accruals: accruals}, nil
}

// Dispute returns a dispute.
func (q queryServer) Dispute(ctx context.Context, req *types.QueryDisputeRequest) (*types.QueryDisputeResponse, error) {
	d, err := grpcerr.GetID(ctx, q.k.Disputes, "dispute_id", req.GetDisputeId(), "dispute")
	if err != nil {
		return nil, err
	}
	return &types.QueryDisputeResponse{Dispute: d}, nil
}

// Disputes lists disputes by id, all of them or those of one period.
func (q queryServer) Disputes(ctx context.Context, req *types.QueryDisputesRequest) (*types.QueryDisputesResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if req.PeriodId == 0 {
		disputes, page, err := pagination.Values(ctx, q.k.Disputes, req.Pagination)
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		return &types.QueryDisputesResponse{Disputes: disputes, Pagination: page}, nil
	}
	if err := grpcerr.Require(ctx, q.k.Periods, req.PeriodId, "period %d", req.PeriodId); err != nil {
		return nil, err
	}
	disputes, page, err := pagination.IndexValues(ctx, q.k.Disputes.Indexes.ByPeriod, req.PeriodId, q.k.Disputes, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryDisputesResponse{Disputes: disputes, Pagination: page}, nil
}

// withTriplePrefix pages a triple-keyed index under a prefix of one or two
// key parts (collections.TriplePrefix, collections.TripleSuperPrefix); the
// SDK has the option for pairs only.
func withTriplePrefix[K1, K2, K3 any](prefix collections.Triple[K1, K2, K3]) func(*query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
	return func(o *query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
		o.Prefix = &prefix
	}
}
