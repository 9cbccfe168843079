package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// Schema returns a credential schema.
func (q queryServer) Schema(ctx context.Context, req *types.QuerySchemaRequest) (*types.QuerySchemaResponse, error) {
	if req == nil || req.Id == 0 {
		return nil, grpcerr.Unset("id")
	}
	s, err := q.k.Schemas.Get(ctx, req.Id)
	if err != nil {
		return nil, grpcerr.NotFound(err, "schema %d", req.Id)
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
		schemas, page, err = query.CollectionPaginate(ctx, q.k.Schemas, pagination.Clamp(req.Pagination),
			func(_ uint64, s types.CredentialSchema) (types.CredentialSchema, error) { return s, nil })
	} else {
		if verr := agencytypes.ValidateAgencyID(req.AgencyId); verr != nil {
			return nil, grpcerr.Invalid(verr)
		}
		schemas, page, err = query.CollectionPaginate(ctx, q.k.schemasByAgency, pagination.Clamp(req.Pagination),
			func(key collections.Pair[string, uint64], _ collections.NoValue) (types.CredentialSchema, error) {
				return q.k.Schemas.Get(ctx, key.K2())
			},
			query.WithCollectionPaginationPairPrefix[string, uint64](req.AgencyId))
	}
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QuerySchemasResponse{Schemas: schemas, Pagination: page}, nil
}

// TrustedIssuer returns an issuer binding and all the schemas granted to it,
// ascending (at most types.MaxIssuerSchemas, which SetIssuerSchemas enforces).
func (q queryServer) TrustedIssuer(ctx context.Context, req *types.QueryTrustedIssuerRequest) (*types.QueryTrustedIssuerResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := types.ValidateDid(req.Did); err != nil {
		return nil, grpcerr.Invalid(err)
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
	if req == nil || req.SchemaId == 0 {
		return nil, grpcerr.Unset("schema_id")
	}
	if has, err := q.k.Schemas.Has(ctx, req.SchemaId); err != nil {
		return nil, grpcerr.Internal(err)
	} else if !has {
		return nil, status.Errorf(codes.NotFound, "schema %d not found", req.SchemaId)
	}
	issuers, page, err := query.CollectionPaginate(ctx, q.k.IssuerSchemas.Indexes.Schema, pagination.Clamp(req.Pagination),
		func(key collections.Pair[uint64, string], _ collections.NoValue) (types.TrustedIssuer, error) {
			return q.k.Issuers.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[uint64, string](req.SchemaId))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryTrustedIssuersResponse{Issuers: issuers, Pagination: page}, nil
}

// IsTrustedIssuer tells whether a DID may issue credentials of a schema at
// this block (Keeper.IssuerTrust). A "no" is an answer with a reason, not an
// error; an unknown schema is simply not granted.
func (q queryServer) IsTrustedIssuer(ctx context.Context, req *types.QueryIsTrustedIssuerRequest) (*types.QueryIsTrustedIssuerResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := types.ValidateDid(req.Did); err != nil {
		return nil, grpcerr.Invalid(err)
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
