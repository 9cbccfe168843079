package keeper

import (
	"context"
	"errors"

	errorsmod "cosmossdk.io/errors"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// queryServer implements types.QueryServer. Unknown ids answer
// codes.NotFound, malformed requests codes.InvalidArgument; list queries page
// through an index with the page size clamped by internal/pagination.
//
// The road network (operators, plazas, segments, tariffs, fare quotes) is
// served here; trips, batches, periods and disputes in
// query_server_settlement.go.
type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service implementation.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
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

// Operator returns a registered operator.
func (q queryServer) Operator(ctx context.Context, req *types.QueryOperatorRequest) (*types.QueryOperatorResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := validateOperatorID("agency_id", req.AgencyId); err != nil {
		return nil, err
	}
	op, err := q.k.Operators.Get(ctx, req.AgencyId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "operator %q", req.AgencyId)
	}
	return &types.QueryOperatorResponse{Operator: op}, nil
}

// Operators lists the registered operators by agency id.
func (q queryServer) Operators(ctx context.Context, req *types.QueryOperatorsRequest) (*types.QueryOperatorsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	ops, page, err := pagination.Values(ctx, q.k.Operators, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryOperatorsResponse{Operators: ops, Pagination: page}, nil
}

// Plaza returns a plaza.
func (q queryServer) Plaza(ctx context.Context, req *types.QueryPlazaRequest) (*types.QueryPlazaResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateID("plaza_id", req.GetPlazaId(), types.MaxPlazaIDLength)); err != nil {
		return nil, err
	}
	p, err := q.k.Plazas.Get(ctx, req.PlazaId)
	if err != nil {
		return nil, grpcerr.NotFound(err, "plaza %q", req.PlazaId)
	}
	return &types.QueryPlazaResponse{Plaza: p}, nil
}

// Plazas lists plazas by id, all of them or those of one operator.
func (q queryServer) Plazas(ctx context.Context, req *types.QueryPlazasRequest) (*types.QueryPlazasResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if req.Operator == "" {
		plazas, page, err := pagination.Values(ctx, q.k.Plazas, req.Pagination)
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		return &types.QueryPlazasResponse{Plazas: plazas, Pagination: page}, nil
	}
	if err := validateOperatorID("operator", req.Operator); err != nil {
		return nil, err
	}
	plazas, page, err := pagination.IndexValues(ctx, q.k.Plazas.Indexes.ByOperator, req.Operator, q.k.Plazas, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryPlazasResponse{Plazas: plazas, Pagination: page}, nil
}

// Segments lists a route's segments by start position.
func (q queryServer) Segments(ctx context.Context, req *types.QuerySegmentsRequest) (*types.QuerySegmentsResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateID("route", req.GetRoute(), types.MaxRouteLength)); err != nil {
		return nil, err
	}
	segments, page, err := pagination.PrefixValues(ctx, q.k.Segments, req.Route, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QuerySegmentsResponse{Segments: segments, Pagination: page}, nil
}

// Route returns a route and its owner.
func (q queryServer) Route(ctx context.Context, req *types.QueryRouteRequest) (*types.QueryRouteResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateID("route", req.GetRoute(), types.MaxRouteLength)); err != nil {
		return nil, err
	}
	r, err := q.k.Routes.Get(ctx, req.Route)
	if err != nil {
		return nil, grpcerr.NotFound(err, "route %q", req.Route)
	}
	return &types.QueryRouteResponse{Route: r}, nil
}

// Tariff returns the operator's tariff version in effect at req.At (default:
// the block time); NotFound if the operator is unknown or had none in effect.
func (q queryServer) Tariff(ctx context.Context, req *types.QueryTariffRequest) (*types.QueryTariffResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := q.requireOperator(ctx, req.Operator); err != nil {
		return nil, err
	}
	at := blockctx.Time(ctx)
	if req.At != nil {
		at = *req.At
	}
	t, err := q.k.TariffAt(ctx, req.Operator, at)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryTariffResponse{Tariff: t}, nil
}

// TariffVersions lists every version of an operator's tariff, oldest first.
func (q queryServer) TariffVersions(ctx context.Context, req *types.QueryTariffVersionsRequest) (*types.QueryTariffVersionsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := q.requireOperator(ctx, req.Operator); err != nil {
		return nil, err
	}
	tariffs, page, err := pagination.PrefixValues(ctx, q.k.Tariffs, req.Operator, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryTariffVersionsResponse{Tariffs: tariffs, Pagination: page}, nil
}

// QuoteFare computes a trip's fare and shares with Keeper.QuoteFare, the
// computation MsgRecordTrip uses, at req.ExitTime (default: the block time).
func (q queryServer) QuoteFare(ctx context.Context, req *types.QueryQuoteFareRequest) (*types.QueryQuoteFareResponse, error) {
	if err := grpcerr.Validate(req,
		types.ValidateID("entry_plaza", req.GetEntryPlaza(), types.MaxPlazaIDLength),
		types.ValidateID("exit_plaza", req.GetExitPlaza(), types.MaxPlazaIDLength),
		types.ValidateVehicleClass(req.GetVehicleClass()),
		types.ValidateDiscountCodes(req.GetDiscountCodes()),
	); err != nil {
		return nil, err
	}
	entry, err := q.k.Plazas.Get(ctx, req.EntryPlaza)
	if err != nil {
		return nil, grpcerr.NotFound(err, "plaza %q", req.EntryPlaza)
	}
	exit, err := q.k.Plazas.Get(ctx, req.ExitPlaza)
	if err != nil {
		return nil, grpcerr.NotFound(err, "plaza %q", req.ExitPlaza)
	}
	exitTime := blockctx.Time(ctx)
	if req.ExitTime != nil {
		exitTime = *req.ExitTime
	}
	fq, err := q.k.QuoteFare(ctx, entry, exit, req.VehicleClass, req.DiscountCodes, exitTime)
	if err != nil {
		return nil, grpcError(err)
	}
	return &types.QueryQuoteFareResponse{
		DistanceM: fq.DistanceM,
		Fare:      fq.Fare,
		Shares:    fq.Shares,
		Tariffs:   fq.Tariffs,
		Collector: fq.Collector,
	}, nil
}

// requireOperator checks an operator id (InvalidArgument) and that the
// operator is registered (NotFound).
func (q queryServer) requireOperator(ctx context.Context, operator string) error {
	if err := validateOperatorID("operator", operator); err != nil {
		return err
	}
	return grpcerr.Require(ctx, q.k.Operators, operator, "operator %q", operator)
}

// validateOperatorID checks an operator's agency id (x/agency's grammar) as
// codes.InvalidArgument.
func validateOperatorID(field, id string) error {
	if id == "" {
		return grpcerr.Unset(field)
	}
	if err := agencytypes.ValidateAgencyID(id); err != nil {
		return status.Errorf(codes.InvalidArgument, "%s: %s", field, err)
	}
	return nil
}

// parsePayer decodes a payer address as codes.InvalidArgument.
func (q queryServer) parsePayer(payer string) (sdk.AccAddress, error) {
	addr, err := accaddr.Parse(q.k.addressCodec, "payer", payer)
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	return addr, nil
}

// grpcError maps a module error of a fare or tariff computation to a gRPC
// status keeping its message: no tariff in effect is NotFound, a request the
// network cannot serve (plazas on different routes, a gap in the segments,
// too many segments, an overflowing fare) InvalidArgument, anything else
// Internal.
func grpcError(err error) error {
	if errors.Is(err, types.ErrTariffNotFound) {
		return status.Error(codes.NotFound, err.Error())
	}
	for _, inv := range []*errorsmod.Error{types.ErrSamePlaza, types.ErrRouteMismatch, types.ErrRouteNotCovered, types.ErrTooMany, types.ErrAmountOverflow} {
		if errors.Is(err, inv) {
			return grpcerr.Invalid(err)
		}
	}
	return grpcerr.Internal(err)
}
