package keeper

import (
	"context"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/x/did/types"
)

// queryServer implements types.QueryServer. Unknown ids answer codes.NotFound,
// malformed requests codes.InvalidArgument (Resolve reports resolution errors
// in its metadata instead, as W3C DID Resolution asks); list queries page
// through an index with the page size clamped by internal/pagination.
//
// The handlers live by feature: query_server_did.go (Resolve, DidVersions),
// query_server_issuer.go (schemas and issuers), query_server_status.go
// (status lists).
type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service implementation.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
}

// Params returns the module parameters.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryParamsResponse{Params: p}, nil
}
