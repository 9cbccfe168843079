package keeper

import (
	"context"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/did/types"
)

// StatusList returns a status list and its W3C encodedList, built from the
// stored chunks at query time (types.EncodeStatusList).
func (q queryServer) StatusList(ctx context.Context, req *types.QueryStatusListRequest) (*types.QueryStatusListResponse, error) {
	l, err := grpcerr.GetID(ctx, q.k.StatusLists, "id", req.GetId(), "status list")
	if err != nil {
		return nil, err
	}
	encoded, err := types.EncodeStatusList(l.Entries, func(chunk uint32) ([]byte, error) {
		return q.k.statusChunk(ctx, l.Id, chunk)
	})
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryStatusListResponse{StatusList: l, EncodedList: encoded}, nil
}

// StatusListsByIssuer lists an issuer DID's status lists in id order, also
// after the DID was unbound or deactivated.
func (q queryServer) StatusListsByIssuer(ctx context.Context, req *types.QueryStatusListsByIssuerRequest) (*types.QueryStatusListsByIssuerResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateDid(req.GetDid())); err != nil {
		return nil, err
	}
	lists, page, err := pagination.IndexValues(ctx, q.k.statusListsByIssuer, req.Did, q.k.StatusLists, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryStatusListsByIssuerResponse{StatusLists: lists, Pagination: page}, nil
}

// CredentialStatus returns one entry of a status list.
func (q queryServer) CredentialStatus(ctx context.Context, req *types.QueryCredentialStatusRequest) (*types.QueryCredentialStatusResponse, error) {
	l, err := grpcerr.GetID(ctx, q.k.StatusLists, "list_id", req.GetListId(), "status list")
	if err != nil {
		return nil, err
	}
	if err := checkStatusIndex(l, req.Index); err != nil {
		return nil, grpcerr.Invalid(err)
	}
	set, err := q.k.statusSet(ctx, l.Id, req.Index)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCredentialStatusResponse{
		Set:         set,
		Purpose:     l.Purpose,
		IssuerDid:   l.IssuerDid,
		ListVersion: l.Version,
	}, nil
}
