package keeper

import (
	"context"
	"errors"

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
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	"github.com/civicchain/civic/x/welfare/types"
)

// queryServer implements types.QueryServer. Unknown ids answer
// codes.NotFound, malformed requests codes.InvalidArgument; list queries page
// through a map or an index with the page size clamped by
// internal/pagination. Every entitlement in an answer shows its status at the
// block (ENDED once past valid_until); SlotHeld evaluates the holder on read.
// Totals are the counters kept in the records: no query scans.
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

// Group returns one exclusivity group.
func (q queryServer) Group(ctx context.Context, req *types.QueryGroupRequest) (*types.QueryGroupResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	g, err := q.group(ctx, "id", req.Id)
	if err != nil {
		return nil, err
	}
	return &types.QueryGroupResponse{Group: g}, nil
}

// group validates a group id of a request and reads the group.
func (q queryServer) group(ctx context.Context, field, id string) (types.ExclusivityGroup, error) {
	if id == "" {
		return types.ExclusivityGroup{}, grpcerr.Unset(field)
	}
	if err := types.ValidateGroupID(field, id); err != nil {
		return types.ExclusivityGroup{}, grpcerr.Invalid(err)
	}
	return grpcerr.Get(ctx, q.k.Groups, id, "group %q", id)
}

// Groups lists the groups in id order.
func (q queryServer) Groups(ctx context.Context, req *types.QueryGroupsRequest) (*types.QueryGroupsResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	groups, page, err := pagination.Values(ctx, q.k.Groups, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryGroupsResponse{Groups: groups, Pagination: page}, nil
}

// GroupTotals returns a group's counters.
func (q queryServer) GroupTotals(ctx context.Context, req *types.QueryGroupTotalsRequest) (*types.QueryGroupTotalsResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	g, err := q.group(ctx, "group_id", req.GroupId)
	if err != nil {
		return nil, err
	}
	return &types.QueryGroupTotalsResponse{GroupId: g.Id, SlotsHeld: g.SlotsHeld, DuplicatesRefused: g.DuplicatesRefused, Programs: g.Programs}, nil
}

// Program returns one program.
func (q queryServer) Program(ctx context.Context, req *types.QueryProgramRequest) (*types.QueryProgramResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	p, err := grpcerr.GetID(ctx, q.k.Programs, "id", req.Id, "program")
	if err != nil {
		return nil, err
	}
	return &types.QueryProgramResponse{Program: p}, nil
}

// Programs lists programs in id order, all or an agency's.
func (q queryServer) Programs(ctx context.Context, req *types.QueryProgramsRequest) (*types.QueryProgramsResponse, error) {
	var agencyErr error
	if req.GetAgencyId() != "" {
		agencyErr = agencytypes.ValidateAgencyID(req.AgencyId)
	}
	if err := grpcerr.Validate(req, agencyErr); err != nil {
		return nil, err
	}
	var (
		programs []types.Program
		page     *query.PageResponse
		err      error
	)
	if req.AgencyId != "" {
		programs, page, err = pagination.IndexValues(ctx, q.k.Programs.Indexes.Agency, req.AgencyId, q.k.Programs, req.Pagination)
	} else {
		programs, page, err = pagination.Values(ctx, q.k.Programs, req.Pagination)
	}
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryProgramsResponse{Programs: programs, Pagination: page}, nil
}

// ProgramTotals returns a program's counters and, when cycle_seq > 0, that cycle's.
func (q queryServer) ProgramTotals(ctx context.Context, req *types.QueryProgramTotalsRequest) (*types.QueryProgramTotalsResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	p, err := grpcerr.GetID(ctx, q.k.Programs, "program_id", req.ProgramId, "program")
	if err != nil {
		return nil, err
	}
	resp := &types.QueryProgramTotalsResponse{
		ProgramId: p.Id, AgencyId: p.AgencyId, Status: p.Status, Benefit: p.Benefit, BudgetCap: p.BudgetCap,
		DuePerCycle: p.DuePerCycle, Totals: p.Totals,
		Cycle: types.CycleTotals{TotalDue: sdkmath.ZeroInt(), PaidAmount: sdkmath.ZeroInt()},
	}
	if req.CycleSeq != 0 {
		c, err := grpcerr.Get(ctx, q.k.Cycles, collections.Join(p.Id, req.CycleSeq), "cycle %d of program %d", req.CycleSeq, p.Id)
		if err != nil {
			return nil, err
		}
		resp.Cycle = types.CycleTotals{
			Seq: c.Seq, Status: c.Status, TotalDue: c.TotalDue, PaidCount: c.PaidCount, PaidAmount: c.PaidAmount,
			SkippedSuspended: c.SkippedSuspended, SkippedUncovered: c.SkippedUncovered, SkippedFailed: c.SkippedFailed,
		}
	}
	return resp, nil
}

// SlotHeld reports whether a slot key is held now, evaluated on read: a slot
// whose enrolment lapsed (program CLOSED, latest entitlement past
// valid_until) is not held, though it is stored until a write releases it.
func (q queryServer) SlotHeld(ctx context.Context, req *types.QuerySlotHeldRequest) (*types.QuerySlotHeldResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if req.SlotKey == "" {
		return nil, grpcerr.Unset("slot_key")
	}
	if err := types.ValidateSlotKey("slot_key", req.SlotKey); err != nil {
		return nil, grpcerr.Invalid(err)
	}
	slot, err := q.k.Slots.Get(ctx, req.SlotKey)
	if errors.Is(err, collections.ErrNotFound) {
		return &types.QuerySlotHeldResponse{}, nil
	} else if err != nil {
		return nil, grpcerr.Internal(err)
	}
	reason, err := q.k.lapsed(ctx, slot.EnrolmentId, blockctx.Time(ctx))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	if reason != "" {
		return &types.QuerySlotHeldResponse{}, nil
	}
	e, err := q.k.GetEnrolment(ctx, slot.EnrolmentId)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QuerySlotHeldResponse{Held: true, EnrolmentId: e.Id, ProgramId: e.ProgramId, GroupId: slot.GroupId}, nil
}

// Enrolment returns one enrolment.
func (q queryServer) Enrolment(ctx context.Context, req *types.QueryEnrolmentRequest) (*types.QueryEnrolmentResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	e, err := grpcerr.GetID(ctx, q.k.Enrolments, "id", req.Id, "enrolment")
	if err != nil {
		return nil, err
	}
	return &types.QueryEnrolmentResponse{Enrolment: e}, nil
}

// Enrolments lists a program's enrolments in id order, optionally those of one status.
func (q queryServer) Enrolments(ctx context.Context, req *types.QueryEnrolmentsRequest) (*types.QueryEnrolmentsResponse, error) {
	var statusErr error
	if s := req.GetStatus(); s != types.EnrolmentStatusUnspecified && !s.IsValid() {
		statusErr = errorsmod.Wrapf(types.ErrInvalidStatus, "status %d is not an enrolment status", s)
	}
	if err := grpcerr.Validate(req, statusErr); err != nil {
		return nil, err
	}
	if err := grpcerr.RequireID(ctx, q.k.Programs, "program_id", req.ProgramId, "program"); err != nil {
		return nil, err
	}
	var (
		enrolments []types.Enrolment
		page       *query.PageResponse
		err        error
	)
	if req.Status == types.EnrolmentStatusUnspecified {
		enrolments, page, err = pagination.IndexValues(ctx, q.k.Enrolments.Indexes.Program, req.ProgramId, q.k.Enrolments, req.Pagination)
	} else {
		enrolments, page, err = pagination.IndexValues(ctx, q.k.Enrolments.Indexes.Status, collections.Join(req.ProgramId, req.Status), q.k.Enrolments, req.Pagination)
	}
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryEnrolmentsResponse{Enrolments: enrolments, Pagination: page}, nil
}

// shown is an entitlement as the queries show it: with its status at the block.
func shown(ctx context.Context, e types.Entitlement) types.Entitlement {
	e.Status = e.StatusAt(blockctx.Time(ctx))
	return e
}

func shownAll(ctx context.Context, es []types.Entitlement) []types.Entitlement {
	for i := range es {
		es[i] = shown(ctx, es[i])
	}
	return es
}

// Entitlement returns one entitlement.
func (q queryServer) Entitlement(ctx context.Context, req *types.QueryEntitlementRequest) (*types.QueryEntitlementResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	e, err := grpcerr.GetID(ctx, q.k.Entitlements, "id", req.Id, "entitlement")
	if err != nil {
		return nil, err
	}
	return &types.QueryEntitlementResponse{Entitlement: shown(ctx, e)}, nil
}

// Entitlements lists a program's entitlements in id order.
func (q queryServer) Entitlements(ctx context.Context, req *types.QueryEntitlementsRequest) (*types.QueryEntitlementsResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	if err := grpcerr.RequireID(ctx, q.k.Programs, "program_id", req.ProgramId, "program"); err != nil {
		return nil, err
	}
	es, page, err := pagination.IndexValues(ctx, q.k.Entitlements.Indexes.Program, req.ProgramId, q.k.Entitlements, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryEntitlementsResponse{Entitlements: shownAll(ctx, es), Pagination: page}, nil
}

// PayeeFanIn returns how many live entitlements pay one account, across
// every program and agency, and a page of its entitlements.
func (q queryServer) PayeeFanIn(ctx context.Context, req *types.QueryPayeeFanInRequest) (*types.QueryPayeeFanInResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	payee, err := accaddr.Parse(q.k.addressCodec, "payee", req.Payee)
	if err != nil {
		return nil, grpcerr.Invalid(err)
	}
	live, err := q.k.PayeeLive.Get(ctx, payee)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, grpcerr.Internal(err)
	}
	es, page, err := pagination.IndexValues(ctx, q.k.Entitlements.Indexes.Payee, payee, q.k.Entitlements, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryPayeeFanInResponse{Live: live, Entitlements: shownAll(ctx, es), Pagination: page}, nil
}

// Cycle returns one cycle of a program.
func (q queryServer) Cycle(ctx context.Context, req *types.QueryCycleRequest) (*types.QueryCycleResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	if err := grpcerr.RequireID(ctx, q.k.Programs, "program_id", req.ProgramId, "program"); err != nil {
		return nil, err
	}
	if req.Seq == 0 {
		return nil, grpcerr.Unset("seq")
	}
	c, err := grpcerr.Get(ctx, q.k.Cycles, collections.Join(req.ProgramId, req.Seq), "cycle %d of program %d", req.Seq, req.ProgramId)
	if err != nil {
		return nil, err
	}
	return &types.QueryCycleResponse{Cycle: c}, nil
}

// Cycles lists a program's cycles in seq order.
func (q queryServer) Cycles(ctx context.Context, req *types.QueryCyclesRequest) (*types.QueryCyclesResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	if err := grpcerr.RequireID(ctx, q.k.Programs, "program_id", req.ProgramId, "program"); err != nil {
		return nil, err
	}
	cycles, page, err := pagination.PrefixValues(ctx, q.k.Cycles, req.ProgramId, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryCyclesResponse{Cycles: cycles, Pagination: page}, nil
}

// Payments lists the payments of one cycle in entitlement order.
func (q queryServer) Payments(ctx context.Context, req *types.QueryPaymentsRequest) (*types.QueryPaymentsResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	if err := grpcerr.RequireID(ctx, q.k.Programs, "program_id", req.ProgramId, "program"); err != nil {
		return nil, err
	}
	if req.Seq == 0 {
		return nil, grpcerr.Unset("seq")
	}
	if err := grpcerr.Require(ctx, q.k.Cycles, collections.Join(req.ProgramId, req.Seq), "cycle %d of program %d", req.Seq, req.ProgramId); err != nil {
		return nil, err
	}
	payments, page, err := pagination.PrefixValues(ctx, q.k.Payments, collections.Join(req.ProgramId, req.Seq), req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryPaymentsResponse{Payments: payments, Pagination: page}, nil
}

// Findings lists the audit findings on a program in id order.
func (q queryServer) Findings(ctx context.Context, req *types.QueryFindingsRequest) (*types.QueryFindingsResponse, error) {
	if err := grpcerr.Validate(req); err != nil {
		return nil, err
	}
	if err := grpcerr.RequireID(ctx, q.k.Programs, "program_id", req.ProgramId, "program"); err != nil {
		return nil, err
	}
	findings, page, err := pagination.IndexValues(ctx, q.k.Findings.Indexes.Program, req.ProgramId, q.k.Findings, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryFindingsResponse{Findings: findings, Pagination: page}, nil
}

// Balance is addr's balance of denom in x/bank (the simulation's factories
// read managers' balances with it).
func (k Keeper) Balance(ctx context.Context, addr sdk.AccAddress, denom string) sdkmath.Int {
	return k.bankKeeper.GetBalance(ctx, addr, denom).Amount
}

// VoucherProgram is x/voucher's program id as this module reads it (the
// simulation's factories look for voucher programs a VOUCHER benefit may draw
// on with it).
func (k Keeper) VoucherProgram(ctx context.Context, id uint64) (vouchertypes.Program, error) {
	return k.voucherKeeper.GetProgram(ctx, id)
}
