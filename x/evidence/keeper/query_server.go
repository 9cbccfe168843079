package keeper

import (
	"context"

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
	c, err := grpcerr.GetID(ctx, q.k.Cases, "id", req.GetId(), "case")
	if err != nil {
		return nil, err
	}
	return &types.QueryCaseResponse{Case: c}, nil
}

// CasesByAgency lists an agency's cases in id order.
func (q queryServer) CasesByAgency(ctx context.Context, req *types.QueryCasesByAgencyRequest) (*types.QueryCasesByAgencyResponse, error) {
	if err := grpcerr.Validate(req, agencytypes.ValidateAgencyID(req.GetAgencyId())); err != nil {
		return nil, err
	}
	cases, page, err := pagination.IndexValues(ctx, q.k.pages.casesByAgency, req.AgencyId, q.k.Cases, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCasesByAgencyResponse{Cases: cases, Pagination: page}, nil
}

// Evidence returns one item.
func (q queryServer) Evidence(ctx context.Context, req *types.QueryEvidenceRequest) (*types.QueryEvidenceResponse, error) {
	it, err := grpcerr.GetID(ctx, q.k.Items, "id", req.GetId(), "evidence")
	if err != nil {
		return nil, err
	}
	return &types.QueryEvidenceResponse{Evidence: it}, nil
}

// EvidenceByCase lists the items of a case in id order.
func (q queryServer) EvidenceByCase(ctx context.Context, req *types.QueryEvidenceByCaseRequest) (*types.QueryEvidenceByCaseResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Cases, "case_id", req.GetCaseId(), "case"); err != nil {
		return nil, err
	}
	items, page, err := pagination.IndexValues(ctx, q.k.pages.itemsByCase, req.CaseId, q.k.Items, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryEvidenceByCaseResponse{Evidence: items, Pagination: page}, nil
}

// EvidenceByDigest lists the items with a digest, in id order. An unknown
// digest is an empty list, not an error: "nothing registered" is the answer.
func (q queryServer) EvidenceByDigest(ctx context.Context, req *types.QueryEvidenceByDigestRequest) (*types.QueryEvidenceByDigestResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateDigest("digest", req.GetDigest())); err != nil {
		return nil, err
	}
	items, page, err := pagination.IndexValues(ctx, q.k.pages.itemsByDigest, req.Digest, q.k.Items, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryEvidenceByDigestResponse{Evidence: items, Pagination: page}, nil
}

// CustodyHistory lists an item's custody log in seq order.
func (q queryServer) CustodyHistory(ctx context.Context, req *types.QueryCustodyHistoryRequest) (*types.QueryCustodyHistoryResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Items, "evidence_id", req.GetEvidenceId(), "evidence"); err != nil {
		return nil, err
	}
	events, page, err := pagination.PrefixValues(ctx, q.k.CustodyLog, req.EvidenceId, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCustodyHistoryResponse{Events: events, Pagination: page}, nil
}

// Transfer returns an item's open transfer.
func (q queryServer) Transfer(ctx context.Context, req *types.QueryTransferRequest) (*types.QueryTransferResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Items, "evidence_id", req.GetEvidenceId(), "evidence"); err != nil {
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
	transfers, page, err := pagination.IndexValues(ctx, q.k.pages.transfersByReceiver, receiver, q.k.Transfers, req.Pagination)
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
