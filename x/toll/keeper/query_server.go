package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/civicchain/civic/x/toll/types"
)

// queryServer implements types.QueryServer. Unknown ids answer
// codes.NotFound, malformed requests codes.InvalidArgument; list queries page
// through an index with the page size clamped by internal/pagination.
type queryServer struct {
	k Keeper
	*types.UnimplementedQueryServer // SCAFFOLD: removed when every query exists
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service implementation.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
}

// Params returns the module parameters.
func (q queryServer) Params(ctx context.Context, req *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryParamsResponse{Params: p}, nil
}
