package keeper

import (
	"bytes"
	"context"
	"errors"
	"sort"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/agency/types"
)

type queryServer struct {
	k Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the x/agency Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{k: k}
}

// Agency returns one agency by id.
func (q queryServer) Agency(ctx context.Context, req *types.QueryAgencyRequest) (*types.QueryAgencyResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateAgencyID(req.GetId())); err != nil {
		return nil, err
	}
	a, err := q.k.Agencies.Get(ctx, req.Id)
	if err != nil {
		return nil, grpcerr.NotFound(err, "agency %q", req.Id)
	}
	return &types.QueryAgencyResponse{Agency: a}, nil
}

// Agencies lists agencies ordered by id.
func (q queryServer) Agencies(ctx context.Context, req *types.QueryAgenciesRequest) (*types.QueryAgenciesResponse, error) {
	agencies, page, err := pagination.Values(ctx, q.k.Agencies, req.GetPagination())
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	return &types.QueryAgenciesResponse{Agencies: agencies, Pagination: page}, nil
}

// knownAgency answers InvalidArgument for a malformed agency id and NotFound
// for one that is not registered.
func (q queryServer) knownAgency(ctx context.Context, id string) error {
	if err := types.ValidateAgencyID(id); err != nil {
		return grpcerr.Invalid(err)
	}
	return grpcerr.Require(ctx, q.k.Agencies, id, "agency %q", id)
}

// Members lists the members of an agency ordered by address bytes.
func (q queryServer) Members(ctx context.Context, req *types.QueryMembersRequest) (*types.QueryMembersResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := q.knownAgency(ctx, req.AgencyId); err != nil {
		return nil, err
	}
	members, page, err := pagination.IndexValues(ctx, q.k.memberPages, req.AgencyId, q.k.Members, req.Pagination)
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	return &types.QueryMembersResponse{Members: members, Pagination: page}, nil
}

// MembershipOffers lists an agency's pending membership offers ordered by address bytes.
func (q queryServer) MembershipOffers(ctx context.Context, req *types.QueryMembershipOffersRequest) (*types.QueryMembershipOffersResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if err := q.knownAgency(ctx, req.AgencyId); err != nil {
		return nil, err
	}
	offers, page, err := pagination.PrefixValues(ctx, q.k.MembershipOffers, req.AgencyId, req.Pagination)
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	return &types.QueryMembershipOffersResponse{Offers: offers, Pagination: page}, nil
}

// AdminOffer returns an agency's pending admin transfer.
func (q queryServer) AdminOffer(ctx context.Context, req *types.QueryAdminOfferRequest) (*types.QueryAdminOfferResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateAgencyID(req.GetAgencyId())); err != nil {
		return nil, err
	}
	o, err := q.k.AdminOffers.Get(ctx, req.AgencyId)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "agency %q has no pending admin transfer", req.AgencyId)
	} else if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryAdminOfferResponse{Offer: o}, nil
}

// Membership returns the agency an address belongs to and its member record.
func (q queryServer) Membership(ctx context.Context, req *types.QueryMembershipRequest) (*types.QueryMembershipResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	addr, err := q.address(req.Address)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryMembershipResponse{}
	// A member belongs to its member record's agency; an address that is no member, to
	// the agency it administers, if any.
	var agencyID string
	member, err := q.k.Members.Get(ctx, addr)
	switch {
	case err == nil:
		resp.Member, agencyID = &member, member.AgencyId
	case errors.Is(err, collections.ErrNotFound):
		agencyID, err = q.k.Agencies.Indexes.Admin.MatchExact(ctx, addr)
		if errors.Is(err, collections.ErrNotFound) {
			return nil, status.Errorf(codes.NotFound, "%s does not belong to any agency", req.Address)
		} else if err != nil {
			return nil, grpcerr.Internal(err)
		}
	default:
		return nil, grpcerr.Internal(err)
	}
	if resp.Agency, err = q.k.Agencies.Get(ctx, agencyID); err != nil {
		return nil, grpcerr.Internal(err)
	}
	adminBz, err := q.k.addressCodec.StringToBytes(resp.Agency.Admin)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	resp.IsAdmin = bytes.Equal(adminBz, addr)
	return resp, nil
}

// address decodes a request's account address; a malformed or empty one is
// InvalidArgument.
func (q queryServer) address(s string) ([]byte, error) {
	addr, err := q.k.addressCodec.StringToBytes(s)
	if err != nil || len(addr) == 0 {
		return nil, status.Errorf(codes.InvalidArgument, "invalid address %q", truncate(s))
	}
	return addr, nil
}

// HasRole answers whether Authorize(address, role) passes at the current block.
func (q queryServer) HasRole(ctx context.Context, req *types.QueryHasRoleRequest) (*types.QueryHasRoleResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	addr, err := q.address(req.Address)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateRoleName(req.Role); err != nil {
		return nil, grpcerr.Invalid(err)
	}
	agencyID, err := q.k.authorize(ctx, addr, req.Role)
	if err != nil {
		return &types.QueryHasRoleResponse{HasRole: false, AgencyId: agencyID, Reason: err.Error()}, nil
	}
	return &types.QueryHasRoleResponse{HasRole: true, AgencyId: agencyID}, nil
}

// Roles lists the role catalog ordered by name. The catalog lives in memory, so it is
// paginated here: key is the name to start from, offset/limit/count_total/reverse as usual.
func (q queryServer) Roles(_ context.Context, req *types.QueryRolesRequest) (*types.QueryRolesResponse, error) {
	page := pagination.Clamp(req.GetPagination())
	if page.Offset > 0 && page.Key != nil {
		return nil, status.Error(codes.InvalidArgument, "invalid request, either offset or key is expected, got both")
	}
	all := q.k.roles
	n := len(all)
	// at(i) is the i-th role in the requested order.
	at := func(i int) types.RoleDefinition {
		if page.Reverse {
			return all[n-1-i]
		}
		return all[i]
	}
	start := 0
	switch {
	case page.Key != nil:
		key := string(page.Key)
		start = sort.Search(n, func(i int) bool {
			if page.Reverse {
				return at(i).Name <= key
			}
			return at(i).Name >= key
		})
	case page.Offset > 0:
		start = n
		if page.Offset < uint64(n) {
			start = int(page.Offset) //nolint:gosec // below n
		}
	}
	end := start + int(page.Limit) //nolint:gosec // clamped to pagination.MaxLimit
	if end > n {
		end = n
	}
	out := make([]types.Role, 0, end-start)
	for i := start; i < end; i++ {
		r := at(i)
		out = append(out, types.Role{Name: r.Name, Module: r.Module, Description: r.Description})
	}
	resp := &query.PageResponse{}
	if end < n {
		resp.NextKey = []byte(at(end).Name)
	}
	if page.CountTotal {
		resp.Total = uint64(n)
	}
	return &types.QueryRolesResponse{Roles: out, Pagination: resp}, nil
}

// Params returns the module params.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryParamsResponse{Params: p}, nil
}
