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
	if req == nil || req.TripId == 0 {
		return nil, grpcerr.Unset("trip_id")
	}
	t, err := q.k.Trips.Get(ctx, req.TripId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "trip %d", req.TripId)
	}
	return &types.QueryTripResponse{Trip: t}, nil
}

// TripsByPlaza lists the trips recorded at an exit plaza by (period, id),
// all of them or those of one period.
func (q queryServer) TripsByPlaza(ctx context.Context, req *types.QueryTripsByPlazaRequest) (*types.QueryTripsByPlazaResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := types.ValidateID("plaza_id", req.PlazaId, types.MaxPlazaIDLength); err != nil {
		return nil, grpcerr.Invalid(err)
	}
	if err := requireID(ctx, q.k.Plazas, req.PlazaId, "plaza %q", req.PlazaId); err != nil {
		return nil, err
	}
	prefix := collections.TriplePrefix[string, uint64, uint64](req.PlazaId)
	if req.PeriodId > 0 {
		if err := requireID(ctx, q.k.Periods, req.PeriodId, "period %d", req.PeriodId); err != nil {
			return nil, err
		}
		prefix = collections.TripleSuperPrefix[string, uint64, uint64](req.PlazaId, req.PeriodId)
	}
	trips, page, err := query.CollectionPaginate(ctx, q.k.Trips.Indexes.ByPlaza, pagination.Clamp(req.Pagination),
		func(key collections.Triple[string, uint64, uint64], _ collections.NoValue) (types.Trip, error) {
			return q.k.Trips.Get(ctx, key.K3())
		},
		withTriplePrefix(prefix))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryTripsByPlazaResponse{Trips: trips, Pagination: page}, nil
}

// TripsByPeriod lists the trips of a period by id.
func (q queryServer) TripsByPeriod(ctx context.Context, req *types.QueryTripsByPeriodRequest) (*types.QueryTripsByPeriodResponse, error) {
	if req == nil || req.PeriodId == 0 {
		return nil, grpcerr.Unset("period_id")
	}
	if err := requireID(ctx, q.k.Periods, req.PeriodId, "period %d", req.PeriodId); err != nil {
		return nil, err
	}
	trips, page, err := query.CollectionPaginate(ctx, q.k.Trips.Indexes.ByPeriod, pagination.Clamp(req.Pagination),
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.Trip, error) {
			return q.k.Trips.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.PeriodId))
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
	trips, page, err := query.CollectionPaginate(ctx, q.k.UnpaidTrips, pagination.Clamp(req.Pagination),
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.Trip, error) {
			return q.k.Trips.Get(ctx, key.K2())
		},
		opts...)
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
	limits, page, err := query.CollectionPaginate(ctx, q.k.SpendingLimits, pagination.Clamp(req.Pagination),
		func(_ collections.Pair[sdk.AccAddress, string], l types.SpendingLimit) (types.SpendingLimit, error) {
			return l, nil
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, string](payer))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QuerySpendingLimitsResponse{Limits: limits, Pagination: page}, nil
}

// TripBatch returns a trip batch.
func (q queryServer) TripBatch(ctx context.Context, req *types.QueryTripBatchRequest) (*types.QueryTripBatchResponse, error) {
	if req == nil || req.BatchId == 0 {
		return nil, grpcerr.Unset("batch_id")
	}
	b, err := q.k.Batches.Get(ctx, req.BatchId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "batch %d", req.BatchId)
	}
	return &types.QueryTripBatchResponse{Batch: b}, nil
}

// TripBatches lists the trip batches of a period by id.
func (q queryServer) TripBatches(ctx context.Context, req *types.QueryTripBatchesRequest) (*types.QueryTripBatchesResponse, error) {
	if req == nil || req.PeriodId == 0 {
		return nil, grpcerr.Unset("period_id")
	}
	if err := requireID(ctx, q.k.Periods, req.PeriodId, "period %d", req.PeriodId); err != nil {
		return nil, err
	}
	batches, page, err := query.CollectionPaginate(ctx, q.k.Batches.Indexes.ByPeriod, pagination.Clamp(req.Pagination),
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.TripBatch, error) {
			return q.k.Batches.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.PeriodId))
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
	if req == nil || req.BatchId == 0 {
		return nil, grpcerr.Unset("batch_id")
	}
	b, err := q.k.Batches.Get(ctx, req.BatchId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "batch %d", req.BatchId)
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
	if req == nil || req.PeriodId == 0 {
		return nil, grpcerr.Unset("period_id")
	}
	p, err := q.k.Periods.Get(ctx, req.PeriodId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "period %d", req.PeriodId)
	}
	return &types.QueryPeriodResponse{Period: p}, nil
}

// Periods lists the settlement periods by id.
func (q queryServer) Periods(ctx context.Context, req *types.QueryPeriodsRequest) (*types.QueryPeriodsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	periods, page, err := query.CollectionPaginate(ctx, q.k.Periods, pagination.Clamp(req.Pagination),
		func(_ uint64, p types.Period) (types.Period, error) { return p, nil })
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryPeriodsResponse{Periods: periods, Pagination: page}, nil
}

// NetPositions returns a period's status, every operator's net position and
// the accruals behind them (Keeper.NetPositions).
func (q queryServer) NetPositions(ctx context.Context, req *types.QueryNetPositionsRequest) (*types.QueryNetPositionsResponse, error) {
	if req == nil || req.PeriodId == 0 {
		return nil, grpcerr.Unset("period_id")
	}
	p, err := q.k.Periods.Get(ctx, req.PeriodId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "period %d", req.PeriodId)
	}
	positions, accruals, err := q.k.NetPositions(ctx, req.PeriodId)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryNetPositionsResponse{Status: p.Status, Positions: positions, Accruals: accruals}, nil
}

// Dispute returns a dispute.
func (q queryServer) Dispute(ctx context.Context, req *types.QueryDisputeRequest) (*types.QueryDisputeResponse, error) {
	if req == nil || req.DisputeId == 0 {
		return nil, grpcerr.Unset("dispute_id")
	}
	d, err := q.k.Disputes.Get(ctx, req.DisputeId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "dispute %d", req.DisputeId)
	}
	return &types.QueryDisputeResponse{Dispute: d}, nil
}

// Disputes lists disputes by id, all of them or those of one period.
func (q queryServer) Disputes(ctx context.Context, req *types.QueryDisputesRequest) (*types.QueryDisputesResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if req.PeriodId == 0 {
		disputes, page, err := query.CollectionPaginate(ctx, q.k.Disputes, pagination.Clamp(req.Pagination),
			func(_ uint64, d types.Dispute) (types.Dispute, error) { return d, nil })
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		return &types.QueryDisputesResponse{Disputes: disputes, Pagination: page}, nil
	}
	if err := requireID(ctx, q.k.Periods, req.PeriodId, "period %d", req.PeriodId); err != nil {
		return nil, err
	}
	disputes, page, err := query.CollectionPaginate(ctx, q.k.Disputes.Indexes.ByPeriod, pagination.Clamp(req.Pagination),
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.Dispute, error) {
			return q.k.Disputes.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.PeriodId))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryDisputesResponse{Disputes: disputes, Pagination: page}, nil
}

// requireID answers NotFound unless m holds id.
func requireID[K any](ctx context.Context, m interface {
	Has(context.Context, K) (bool, error)
}, id K, format string, args ...any) error {
	has, err := m.Has(ctx, id)
	if err != nil {
		return grpcerr.Internal(err)
	}
	if !has {
		return grpcerr.NotFound(collections.ErrNotFound, format, args...)
	}
	return nil
}

// withTriplePrefix pages a triple-keyed index under a prefix of one or two
// key parts (collections.TriplePrefix, collections.TripleSuperPrefix); the
// SDK has the option for pairs only.
func withTriplePrefix[K1, K2, K3 any](prefix collections.Triple[K1, K2, K3]) func(*query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
	return func(o *query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
		o.Prefix = &prefix
	}
}
