package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/haccp/types"
)

// Recall returns one recall, active or closed.
func (q queryServer) Recall(ctx context.Context, req *types.QueryRecallRequest) (*types.QueryRecallResponse, error) {
	r, err := grpcerr.GetID(ctx, q.k.Recalls, "id", req.GetId(), "recall")
	if err != nil {
		return nil, err
	}
	return &types.QueryRecallResponse{Recall: r}, nil
}

// Recalls lists every recall, active and closed, in id order.
func (q queryServer) Recalls(ctx context.Context, req *types.QueryRecallsRequest) (*types.QueryRecallsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	recalls, page, err := pagination.Values(ctx, q.k.Recalls, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryRecallsResponse{Recalls: recalls, Pagination: page}, nil
}

// ActiveRecalls lists the active recalls in id order, paging through the
// ActiveRecalls index.
func (q queryServer) ActiveRecalls(ctx context.Context, req *types.QueryActiveRecallsRequest) (*types.QueryActiveRecallsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	recalls, page, err := pagination.Lookup(ctx, q.k.ActiveRecalls, q.k.Recalls, func(id uint64) uint64 { return id }, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryActiveRecallsResponse{Recalls: recalls, Pagination: page}, nil
}

// IsRecalled tells whether a lot is under an active recall, naming it
// directly or through a recalled declaration's items, and lists those
// recalls' ids in ascending order.
func (q queryServer) IsRecalled(ctx context.Context, req *types.QueryIsRecalledRequest) (*types.QueryIsRecalledResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateLot(req.GetLot())); err != nil {
		return nil, err
	}
	var ids []uint64
	err := q.k.RecalledLots.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](req.Lot),
		func(key collections.Pair[string, uint64]) (bool, error) {
			ids = append(ids, key.K2())
			return false, nil
		})
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryIsRecalledResponse{Recalled: len(ids) > 0, RecallIds: ids}, nil
}
