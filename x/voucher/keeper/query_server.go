package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/voucher/types"
)

// queryServer implements types.QueryServer. Unknown ids answer
// codes.NotFound, malformed requests codes.InvalidArgument; list queries page
// through an index with the page size clamped by internal/pagination. Every
// program in an answer shows its status at the block (EXPIRED computed). No
// query lists holders: usage comes as aggregates only.
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
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// shown is a program as the queries show it: with its status at the block.
func shown(ctx context.Context, p types.Program) types.Program {
	p.Status = p.StatusAt(blockctx.Time(ctx))
	return p
}

// Program returns one program.
func (q queryServer) Program(ctx context.Context, req *types.QueryProgramRequest) (*types.QueryProgramResponse, error) {
	p, err := grpcerr.GetID(ctx, q.k.Programs, "id", req.GetId(), "program")
	if err != nil {
		return nil, err
	}
	return &types.QueryProgramResponse{Program: shown(ctx, p)}, nil
}

// Programs lists programs in id order: all, an agency's, or an incident's.
func (q queryServer) Programs(ctx context.Context, req *types.QueryProgramsRequest) (*types.QueryProgramsResponse, error) {
	var agencyErr error
	if req.GetAgencyId() != "" {
		if err := agencytypes.ValidateAgencyID(req.AgencyId); err != nil {
			agencyErr = errorsmod.Wrap(types.ErrInvalidAgencies, err.Error())
		}
	}
	if err := grpcerr.Validate(req, agencyErr); err != nil {
		return nil, err
	}
	if req.AgencyId != "" && req.IncidentId != 0 {
		return nil, grpcerr.Invalid(errorsmod.Wrap(types.ErrInvalidID, "filter by agency_id or by incident_id, not both"))
	}
	var (
		programs []types.Program
		page     *query.PageResponse
		err      error
	)
	switch {
	case req.AgencyId != "":
		programs, page, err = pagination.IndexValues(ctx, q.k.Programs.Indexes.Agency, req.AgencyId, q.k.Programs, req.Pagination)
	case req.IncidentId != 0:
		programs, page, err = pagination.IndexValues(ctx, q.k.Programs.Indexes.Incident, req.IncidentId, q.k.Programs, req.Pagination)
	default:
		programs, page, err = pagination.Values(ctx, q.k.Programs, req.Pagination)
	}
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	for i := range programs {
		programs[i] = shown(ctx, programs[i])
	}
	return &types.QueryProgramsResponse{Programs: programs, Pagination: page}, nil
}

// Merchant returns one merchant of a program.
func (q queryServer) Merchant(ctx context.Context, req *types.QueryMerchantRequest) (*types.QueryMerchantResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	addr, err := accaddr.Parse(q.k.addressCodec, "address", req.Address)
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	if err := grpcerr.RequireID(ctx, q.k.Programs, "program_id", req.ProgramId, "program"); err != nil {
		return nil, err
	}
	m, err := grpcerr.Get(ctx, q.k.Merchants, collections.Join(req.ProgramId, addr), "merchant %s of program %d", req.Address, req.ProgramId)
	if err != nil {
		return nil, err
	}
	return &types.QueryMerchantResponse{Merchant: m}, nil
}

// Merchants lists a program's merchants in address order, optionally those of one status.
func (q queryServer) Merchants(ctx context.Context, req *types.QueryMerchantsRequest) (*types.QueryMerchantsResponse, error) {
	var statusErr error
	if s := req.GetStatus(); s != types.MerchantStatusUnspecified && !s.IsValid() {
		statusErr = errorsmod.Wrapf(types.ErrInvalidStatus, "status %s is not PENDING, APPROVED, SUSPENDED or REVOKED", s.Label())
	}
	if err := grpcerr.Validate(req, statusErr); err != nil {
		return nil, err
	}
	if err := grpcerr.RequireID(ctx, q.k.Programs, "program_id", req.ProgramId, "program"); err != nil {
		return nil, err
	}
	var (
		merchants []types.Merchant
		page      *query.PageResponse
		err       error
	)
	if req.Status == types.MerchantStatusUnspecified {
		merchants, page, err = pagination.PrefixValues(ctx, q.k.Merchants, req.ProgramId, req.Pagination)
	} else {
		ref := collections.Join(req.ProgramId, req.Status)
		merchants, page, err = pagination.Lookup(ctx, q.k.Merchants.Indexes.Status, q.k.Merchants,
			func(key collections.Pair[MerchantStatusRef, sdk.AccAddress]) ProgramAddress {
				return collections.Join(key.K1().K1(), key.K2())
			}, req.Pagination, query.WithCollectionPaginationPairPrefix[MerchantStatusRef, sdk.AccAddress](ref))
	}
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryMerchantsResponse{Merchants: merchants, Pagination: page}, nil
}

// Budget returns a program's cap and money counters.
func (q queryServer) Budget(ctx context.Context, req *types.QueryBudgetRequest) (*types.QueryBudgetResponse, error) {
	p, err := grpcerr.GetID(ctx, q.k.Programs, "program_id", req.GetProgramId(), "program")
	if err != nil {
		return nil, err
	}
	return &types.QueryBudgetResponse{BudgetCap: p.BudgetCap, FundingDenom: p.FundingDenom, Denom: p.Denom, Budget: p.Budget}, nil
}

// UsageStats returns a program's usage aggregates: its payments, claims and
// allocations in all, and those of one district and one MCC when asked.
func (q queryServer) UsageStats(ctx context.Context, req *types.QueryUsageStatsRequest) (*types.QueryUsageStatsResponse, error) {
	var districtErr, mccErr error
	if req.GetDistrict() != "" {
		districtErr = types.ValidateDistrict("district", req.District)
	}
	if req.GetMcc() != "" {
		mccErr = types.ValidateMcc("mcc", req.Mcc)
	}
	if err := grpcerr.Validate(req, districtErr, mccErr); err != nil {
		return nil, err
	}
	p, err := grpcerr.GetID(ctx, q.k.Programs, "program_id", req.ProgramId, "program")
	if err != nil {
		return nil, err
	}
	resp := &types.QueryUsageStatsResponse{
		Payments:            types.Usage{Count: p.PaymentsCount, Amount: p.PaymentsAmount},
		ClaimsCount:         p.ClaimsCount,
		AllocationsCount:    p.AllocationsCount,
		Issued:              p.Budget.Issued,
		DistrictPayments:    zeroUsage(),
		DistrictClaims:      zeroUsage(),
		DistrictAllocations: zeroUsage(),
		MccPayments:         zeroUsage(),
	}
	for _, u := range []struct {
		ask  bool
		kind types.UsageKind
		code string
		into *types.Usage
	}{
		{req.District != "", types.UsageKindPaymentsByDistrict, req.District, &resp.DistrictPayments},
		{req.District != "", types.UsageKindClaimsByDistrict, req.District, &resp.DistrictClaims},
		{req.District != "", types.UsageKindAllocationsByDistrict, req.District, &resp.DistrictAllocations},
		{req.Mcc != "", types.UsageKindPaymentsByMcc, req.Mcc, &resp.MccPayments},
	} {
		if !u.ask {
			continue
		}
		got, err := q.k.Usage.Get(ctx, collections.Join3(p.Id, u.kind, u.code))
		switch {
		case err == nil:
			*u.into = got
		case !errorsmod.IsOf(err, collections.ErrNotFound):
			return nil, grpcerr.Internal(err)
		}
	}
	return resp, nil
}

func zeroUsage() types.Usage { return types.Usage{Amount: sdkmath.ZeroInt()} }

// IsClaimed reports whether a status entry was claimed in a program.
func (q queryServer) IsClaimed(ctx context.Context, req *types.QueryIsClaimedRequest) (*types.QueryIsClaimedResponse, error) {
	var listErr error
	if req.GetStatusListId() == 0 {
		listErr = errorsmod.Wrap(types.ErrInvalidID, "status_list_id must be set (ids start at 1)")
	}
	if err := grpcerr.Validate(req, listErr); err != nil {
		return nil, err
	}
	if err := grpcerr.RequireID(ctx, q.k.Programs, "program_id", req.ProgramId, "program"); err != nil {
		return nil, err
	}
	claimed, err := q.k.Claimed.Has(ctx, collections.Join3(req.ProgramId, req.StatusListId, req.StatusIndex))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryIsClaimedResponse{Claimed: claimed}, nil
}

// Balance is addr's balance of denom in x/bank (the simulation's factories
// read holders' and merchants' vouchers with it).
func (k Keeper) Balance(ctx context.Context, addr sdk.AccAddress, denom string) sdkmath.Int {
	return k.bankKeeper.GetBalance(ctx, addr, denom).Amount
}
