package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/types"
)

// queryServer implements types.QueryServer. Unknown ids answer codes.NotFound,
// malformed requests codes.InvalidArgument; list queries page through an index
// with the page size clamped by internal/pagination.
type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service implementation.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
}

// Case returns one case.
func (q queryServer) Case(ctx context.Context, req *types.QueryCaseRequest) (*types.QueryCaseResponse, error) {
	if req == nil || req.Id == 0 {
		return nil, grpcerr.Unset("id")
	}
	c, err := q.k.Cases.Get(ctx, req.Id)
	if err != nil {
		return nil, grpcerr.NotFound(err, "case %d", req.Id)
	}
	return &types.QueryCaseResponse{Case: c}, nil
}

// CasesByAgency lists an agency's cases in id order.
func (q queryServer) CasesByAgency(ctx context.Context, req *types.QueryCasesByAgencyRequest) (*types.QueryCasesByAgencyResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := agencytypes.ValidateAgencyID(req.AgencyId); err != nil {
		return nil, grpcerr.Invalid(err)
	}
	cases, page, err := query.CollectionPaginate(ctx, q.k.pages.casesByAgency, pagination.Clamp(req.Pagination),
		func(key collections.Pair[string, uint64], _ collections.NoValue) (types.Case, error) {
			return q.k.Cases.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[string, uint64](req.AgencyId))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCasesByAgencyResponse{Cases: cases, Pagination: page}, nil
}

// Evidence returns one item.
func (q queryServer) Evidence(ctx context.Context, req *types.QueryEvidenceRequest) (*types.QueryEvidenceResponse, error) {
	if req == nil || req.Id == 0 {
		return nil, grpcerr.Unset("id")
	}
	it, err := q.k.Items.Get(ctx, req.Id)
	if err != nil {
		return nil, grpcerr.NotFound(err, "evidence %d", req.Id)
	}
	return &types.QueryEvidenceResponse{Evidence: it}, nil
}

// EvidenceByCase lists the items of a case in id order.
func (q queryServer) EvidenceByCase(ctx context.Context, req *types.QueryEvidenceByCaseRequest) (*types.QueryEvidenceByCaseResponse, error) {
	if req == nil || req.CaseId == 0 {
		return nil, grpcerr.Unset("case_id")
	}
	if _, err := q.k.Cases.Get(ctx, req.CaseId); err != nil {
		return nil, grpcerr.NotFound(err, "case %d", req.CaseId)
	}
	items, page, err := query.CollectionPaginate(ctx, q.k.pages.itemsByCase, pagination.Clamp(req.Pagination),
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.EvidenceItem, error) {
			return q.k.Items.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.CaseId))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryEvidenceByCaseResponse{Evidence: items, Pagination: page}, nil
}

// EvidenceByDigest lists the items with a digest, in id order. An unknown
// digest is an empty list, not an error: "nothing registered" is the answer.
func (q queryServer) EvidenceByDigest(ctx context.Context, req *types.QueryEvidenceByDigestRequest) (*types.QueryEvidenceByDigestResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := types.ValidateDigest("digest", req.Digest); err != nil {
		return nil, grpcerr.Invalid(err)
	}
	items, page, err := query.CollectionPaginate(ctx, q.k.pages.itemsByDigest, pagination.Clamp(req.Pagination),
		func(key collections.Pair[string, uint64], _ collections.NoValue) (types.EvidenceItem, error) {
			return q.k.Items.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[string, uint64](req.Digest))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryEvidenceByDigestResponse{Evidence: items, Pagination: page}, nil
}

// CustodyHistory lists an item's custody log in seq order.
func (q queryServer) CustodyHistory(ctx context.Context, req *types.QueryCustodyHistoryRequest) (*types.QueryCustodyHistoryResponse, error) {
	if req == nil || req.EvidenceId == 0 {
		return nil, grpcerr.Unset("evidence_id")
	}
	if err := q.requireItem(ctx, req.EvidenceId); err != nil {
		return nil, err
	}
	events, page, err := query.CollectionPaginate(ctx, q.k.CustodyLog, pagination.Clamp(req.Pagination),
		func(_ collections.Pair[uint64, uint64], e types.CustodyEvent) (types.CustodyEvent, error) {
			return e, nil
		},
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.EvidenceId))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCustodyHistoryResponse{Events: events, Pagination: page}, nil
}

// Transfer returns an item's open transfer.
func (q queryServer) Transfer(ctx context.Context, req *types.QueryTransferRequest) (*types.QueryTransferResponse, error) {
	if req == nil || req.EvidenceId == 0 {
		return nil, grpcerr.Unset("evidence_id")
	}
	if err := q.requireItem(ctx, req.EvidenceId); err != nil {
		return nil, err
	}
	t, err := q.k.Transfers.Get(ctx, req.EvidenceId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "open transfer of evidence %d", req.EvidenceId)
	}
	return &types.QueryTransferResponse{Transfer: t}, nil
}

// PendingTransfers lists the open transfers addressed to a receiver.
func (q queryServer) PendingTransfers(ctx context.Context, req *types.QueryPendingTransfersRequest) (*types.QueryPendingTransfersResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	receiver, err := parseAddress(q.k.addressCodec, "receiver", req.Receiver)
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	transfers, page, err := query.CollectionPaginate(ctx, q.k.pages.transfersByReceiver, pagination.Clamp(req.Pagination),
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.Transfer, error) {
			return q.k.Transfers.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](receiver))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryPendingTransfersResponse{Transfers: transfers, Pagination: page}, nil
}

// VerifyDigest compares a digest with an item's recorded digest, read-only.
func (q queryServer) VerifyDigest(ctx context.Context, req *types.QueryVerifyDigestRequest) (*types.QueryVerifyDigestResponse, error) {
	if req == nil || req.EvidenceId == 0 {
		return nil, grpcerr.Unset("evidence_id")
	}
	if err := types.ValidateDigest("digest", req.Digest); err != nil {
		return nil, grpcerr.Invalid(err)
	}
	it, err := q.k.Items.Get(ctx, req.EvidenceId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "evidence %d", req.EvidenceId)
	}
	return &types.QueryVerifyDigestResponse{Match: it.Digest == req.Digest, RecordedDigest: it.Digest}, nil
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

// requireItem answers NotFound unless the item exists.
func (q queryServer) requireItem(ctx context.Context, id uint64) error {
	if _, err := q.k.Items.Get(ctx, id); err != nil {
		return grpcerr.NotFound(err, "evidence %d", id)
	}
	return nil
}
