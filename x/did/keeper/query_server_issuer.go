package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// Schema returns a credential schema.
func (q queryServer) Schema(ctx context.Context, req *types.QuerySchemaRequest) (*types.QuerySchemaResponse, error) {
	s, err := grpcerr.GetID(ctx, q.k.Schemas, "id", req.GetId(), "schema")
	if err != nil {
		return nil, err
	}
	return &types.QuerySchemaResponse{Schema: s}, nil
}

// Schemas lists credential schemas in id order, of one agency when agency_id
// is set.
func (q queryServer) Schemas(ctx context.Context, req *types.QuerySchemasRequest) (*types.QuerySchemasResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	var (
		schemas []types.CredentialSchema
		page    *query.PageResponse
		err     error
	)
	if req.AgencyId == "" {
		schemas, page, err = pagination.Values(ctx, q.k.Schemas, req.Pagination)
	} else {
		if verr := agencytypes.ValidateAgencyID(req.AgencyId); verr != nil {
			return nil, grpcerr.Invalid(verr)
		}
		schemas, page, err = pagination.IndexValues(ctx, q.k.schemasByAgency, req.AgencyId, q.k.Schemas, req.Pagination)
	}
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QuerySchemasResponse{Schemas: schemas, Pagination: page}, nil
}

// TrustedIssuer returns an issuer binding and all the schemas granted to it,
// ascending (at most types.MaxIssuerSchemas, which SetIssuerSchemas enforces).
func (q queryServer) TrustedIssuer(ctx context.Context, req *types.QueryTrustedIssuerRequest) (*types.QueryTrustedIssuerResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateDid(req.GetDid())); err != nil {
		return nil, err
	}
	is, err := q.k.Issuers.Get(ctx, req.Did)
	if err != nil {
		return nil, grpcerr.NotFound(err, "issuer %s", req.Did)
	}
	ids, err := q.k.grantsOf(ctx, req.Did, types.MaxIssuerSchemas)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryTrustedIssuerResponse{Issuer: is, SchemaIds: ids}, nil
}

// TrustedIssuers lists the issuers granted a schema, in DID order, whether or
// not they are trusted now (IsTrustedIssuer answers that).
func (q queryServer) TrustedIssuers(ctx context.Context, req *types.QueryTrustedIssuersRequest) (*types.QueryTrustedIssuersResponse, error) {
	if err := grpcerr.RequireID(ctx, q.k.Schemas, "schema_id", req.GetSchemaId(), "schema"); err != nil {
		return nil, err
	}
	issuers, page, err := pagination.IndexValues(ctx, q.k.IssuerSchemas.Indexes.Schema, req.SchemaId, q.k.Issuers, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryTrustedIssuersResponse{Issuers: issuers, Pagination: page}, nil
}

// IsTrustedIssuer tells whether a DID may issue credentials of a schema at
// this block (Keeper.IssuerTrust). A "no" is an answer with a reason, not an
// error; an unknown schema is simply not granted.
func (q queryServer) IsTrustedIssuer(ctx context.Context, req *types.QueryIsTrustedIssuerRequest) (*types.QueryIsTrustedIssuerResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateDid(req.GetDid())); err != nil {
		return nil, err
	}
	if req.SchemaId == 0 {
		return nil, grpcerr.Unset("schema_id")
	}
	trusted, reason, agencyID, err := q.k.IssuerTrust(ctx, req.Did, req.SchemaId)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryIsTrustedIssuerResponse{
		Trusted:  trusted,
		Reason:   reason,
		AgencyId: agencyID,
		Height:   sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}, nil
}
