package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/haccp/types"
)

// Queries of hygiene certificates, import declarations and
// import-confirmation shares.

// HygieneCertificate returns a foreign hygiene certificate by (country, cert_no).
func (q queryServer) HygieneCertificate(ctx context.Context, req *types.QueryHygieneCertificateRequest) (*types.QueryHygieneCertificateResponse, error) {
	if err := grpcerr.Validate(req,
		types.ValidateCountry(req.GetCountry()),
		types.ValidateHygieneCertNo(req.GetCertNo()),
	); err != nil {
		return nil, err
	}
	h, err := q.k.HygieneCerts.Get(ctx, collections.Join(req.Country, req.CertNo))
	if err != nil {
		return nil, grpcerr.NotFound(err, "hygiene certificate %s/%s", req.Country, req.CertNo)
	}
	return &types.QueryHygieneCertificateResponse{Certificate: h}, nil
}

// Declaration returns an import declaration.
func (q queryServer) Declaration(ctx context.Context, req *types.QueryDeclarationRequest) (*types.QueryDeclarationResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateDeclNo(req.GetDeclNo())); err != nil {
		return nil, err
	}
	d, err := q.k.Declarations.Get(ctx, req.DeclNo)
	if err != nil {
		return nil, grpcerr.NotFound(err, "declaration %q", req.DeclNo)
	}
	return &types.QueryDeclarationResponse{Declaration: d}, nil
}

// DeclarationsByImporter lists an importer facility's declarations in decl_no order.
func (q queryServer) DeclarationsByImporter(ctx context.Context, req *types.QueryDeclarationsByImporterRequest) (*types.QueryDeclarationsByImporterResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Facilities, "facility_id", req.GetFacilityId(), "facility"); err != nil {
		return nil, err
	}
	decls, page, err := pagination.IndexValues(ctx, q.k.Declarations.Indexes.Importer, req.FacilityId, q.k.Declarations, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryDeclarationsByImporterResponse{Declarations: decls, Pagination: page}, nil
}

// DeclarationByCustomsRef returns the declaration a customs clearance number cleared.
func (q queryServer) DeclarationByCustomsRef(ctx context.Context, req *types.QueryDeclarationByCustomsRefRequest) (*types.QueryDeclarationByCustomsRefResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateCustomsRef(req.GetCustomsRef())); err != nil {
		return nil, err
	}
	declNo, err := q.k.Declarations.Indexes.CustomsRef.MatchExact(ctx, req.CustomsRef)
	if err != nil {
		return nil, grpcerr.NotFound(err, "customs_ref %q", req.CustomsRef)
	}
	d, err := q.k.Declarations.Get(ctx, declNo)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryDeclarationByCustomsRefResponse{Declaration: d}, nil
}

// DeclarationsByTraceNumber lists the declarations with an item of a livestock
// trace number, in decl_no order (empty when there are none).
func (q queryServer) DeclarationsByTraceNumber(ctx context.Context, req *types.QueryDeclarationsByTraceNumberRequest) (*types.QueryDeclarationsByTraceNumberResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateTraceNumber(req.GetTraceNo())); err != nil {
		return nil, err
	}
	decls, page, err := pagination.IndexValues(ctx, q.k.Declarations.Indexes.TraceNo, req.TraceNo, q.k.Declarations, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryDeclarationsByTraceNumberResponse{Declarations: decls, Pagination: page}, nil
}

// ImportConfirmationShare returns an import-confirmation share.
func (q queryServer) ImportConfirmationShare(ctx context.Context, req *types.QueryImportConfirmationShareRequest) (*types.QueryImportConfirmationShareResponse, error) {
	s, err := grpcerr.GetID(ctx, q.k.Shares, "id", req.GetId(), "import confirmation share")
	if err != nil {
		return nil, err
	}
	return &types.QueryImportConfirmationShareResponse{Share: s}, nil
}
