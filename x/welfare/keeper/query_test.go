package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/welfare/types"
)

func TestQueries(t *testing.T) {
	// ARRANGE
	f := busyState(t)
	qs := f.qs
	ctx := f.Ctx

	// ACT + ASSERT: each query answers from the records.
	params, err := qs.Params(ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), params.Params)

	g, err := qs.Group(ctx, &types.QueryGroupRequest{Id: livelihood})
	require.NoError(t, err)
	require.Equal(t, livelihood, g.Group.Id)
	groups, err := qs.Groups(ctx, &types.QueryGroupsRequest{})
	require.NoError(t, err)
	require.Equal(t, []string{housing, livelihood}, testkeeper.Pluck(groups.Groups, func(g types.ExclusivityGroup) string { return g.Id }))
	gt, err := qs.GroupTotals(ctx, &types.QueryGroupTotalsRequest{GroupId: livelihood})
	require.NoError(t, err)
	require.Equal(t, &types.QueryGroupTotalsResponse{GroupId: livelihood, SlotsHeld: g.Group.SlotsHeld, DuplicatesRefused: 1, Programs: 2}, gt)

	programs, err := qs.Programs(ctx, &types.QueryProgramsRequest{AgencyId: busan})
	require.NoError(t, err)
	require.Equal(t, []uint64{2}, testkeeper.Pluck(programs.Programs, func(p types.Program) uint64 { return p.Id }))
	all, err := qs.Programs(ctx, &types.QueryProgramsRequest{Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, all.Programs, 1)
	require.NotEmpty(t, all.Pagination.NextKey)
	p, err := qs.Program(ctx, &types.QueryProgramRequest{Id: 1})
	require.NoError(t, err)
	tot := f.totals(1, 1)
	require.Equal(t, p.Program.Totals, tot.Totals)
	require.Equal(t, uint64(2), tot.Cycle.PaidCount)

	en, err := qs.Enrolments(ctx, &types.QueryEnrolmentsRequest{ProgramId: 2, Status: types.EnrolmentStatusPending})
	require.NoError(t, err)
	require.Len(t, en.Enrolments, 1)
	one, err := qs.Enrolment(ctx, &types.QueryEnrolmentRequest{Id: en.Enrolments[0].Id})
	require.NoError(t, err)
	require.Equal(t, en.Enrolments[0], one.Enrolment)

	ents, err := qs.Entitlements(ctx, &types.QueryEntitlementsRequest{ProgramId: 1})
	require.NoError(t, err)
	require.Len(t, ents.Entitlements, 2)
	cycles, err := qs.Cycles(ctx, &types.QueryCyclesRequest{ProgramId: 1})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2, 3, 4}, testkeeper.Pluck(cycles.Cycles, func(c types.Cycle) uint64 { return c.Seq }))
	c, err := qs.Cycle(ctx, &types.QueryCycleRequest{ProgramId: 1, Seq: 3})
	require.NoError(t, err)
	require.Equal(t, types.CycleStatusCancelled, c.Cycle.Status)
	pays, err := qs.Payments(ctx, &types.QueryPaymentsRequest{ProgramId: 1, Seq: 1})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2}, testkeeper.Pluck(pays.Payments, func(p types.Payment) uint64 { return p.EntitlementId }))
	none, err := qs.Payments(ctx, &types.QueryPaymentsRequest{ProgramId: 1, Seq: 2})
	require.NoError(t, err)
	require.Empty(t, none.Payments)
	findings, err := qs.Findings(ctx, &types.QueryFindingsRequest{ProgramId: 1})
	require.NoError(t, err)
	require.Len(t, findings.Findings, 1)
	held, err := qs.SlotHeld(ctx, &types.QuerySlotHeldRequest{SlotKey: slotKey("nobody", livelihood)})
	require.NoError(t, err)
	require.Equal(t, &types.QuerySlotHeldResponse{}, held)
	fan, err := qs.PayeeFanIn(ctx, &types.QueryPayeeFanInRequest{Payee: s(f.payee)})
	require.NoError(t, err)
	require.Equal(t, uint64(1), fan.Live)
	require.Len(t, fan.Entitlements, 1)
}

// TestPayeeFanInCountsAcrossPrograms: one account paid by two agencies' programs shows
// a fan-in of 2 (the ghost-beneficiary signal), whatever the program.
func TestPayeeFanInCountsAcrossPrograms(t *testing.T) {
	f := newFixture(t)
	m := f.cash(1_000)
	b := f.create(cashMsg(f.bManager))
	f.activate(b, f.bManager)
	f.entitle(f.caseworker, f.enrol(m, "kim", f.caseworker, f.caseworker2), f.outsider, 1)
	f.entitle(f.bCaseworker, f.enrol(b, "lee", f.bCaseworker, f.bCaseworker2), f.outsider, 1)
	fan, err := f.qs.PayeeFanIn(f.Ctx, &types.QueryPayeeFanInRequest{Payee: s(f.outsider)})
	require.NoError(t, err)
	require.Equal(t, uint64(2), fan.Live)
	require.Len(t, fan.Entitlements, 2)
}

func TestQueryRefusals(t *testing.T) {
	f := busyState(t)
	qs, ctx := f.qs, f.Ctx
	for _, tc := range []struct {
		name string
		call func() error
		want codes.Code
	}{
		{"nil params request", func() error { _, err := qs.Params(ctx, nil); return err }, codes.InvalidArgument},
		{"unknown group", func() error { _, err := qs.Group(ctx, &types.QueryGroupRequest{Id: "energy"}); return err }, codes.NotFound},
		{"bad group id", func() error {
			_, err := qs.GroupTotals(ctx, &types.QueryGroupTotalsRequest{GroupId: "Energy"})
			return err
		}, codes.InvalidArgument},
		{"unknown program", func() error { _, err := qs.Program(ctx, &types.QueryProgramRequest{Id: 9}); return err }, codes.NotFound},
		{"program id 0", func() error { _, err := qs.ProgramTotals(ctx, &types.QueryProgramTotalsRequest{}); return err }, codes.InvalidArgument},
		{"unknown cycle's totals", func() error {
			_, err := qs.ProgramTotals(ctx, &types.QueryProgramTotalsRequest{ProgramId: 1, CycleSeq: 9})
			return err
		}, codes.NotFound},
		{"malformed slot key", func() error { _, err := qs.SlotHeld(ctx, &types.QuerySlotHeldRequest{SlotKey: "ab"}); return err }, codes.InvalidArgument},
		{"unknown enrolment", func() error { _, err := qs.Enrolment(ctx, &types.QueryEnrolmentRequest{Id: 99}); return err }, codes.NotFound},
		{"bad enrolment status", func() error {
			_, err := qs.Enrolments(ctx, &types.QueryEnrolmentsRequest{ProgramId: 1, Status: 42})
			return err
		}, codes.InvalidArgument},
		{"unknown entitlement", func() error { _, err := qs.Entitlement(ctx, &types.QueryEntitlementRequest{Id: 99}); return err }, codes.NotFound},
		{"bad payee", func() error {
			_, err := qs.PayeeFanIn(ctx, &types.QueryPayeeFanInRequest{Payee: "civic1x"})
			return err
		}, codes.InvalidArgument},
		{"unknown cycle", func() error { _, err := qs.Cycle(ctx, &types.QueryCycleRequest{ProgramId: 1, Seq: 9}); return err }, codes.NotFound},
		{"payments of an unknown cycle", func() error {
			_, err := qs.Payments(ctx, &types.QueryPaymentsRequest{ProgramId: 1, Seq: 9})
			return err
		}, codes.NotFound},
		{"findings of an unknown program", func() error { _, err := qs.Findings(ctx, &types.QueryFindingsRequest{ProgramId: 9}); return err }, codes.NotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.Error(t, err)
			require.Equal(t, tc.want, status.Code(err), err.Error())
		})
	}
}
