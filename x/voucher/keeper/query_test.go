package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/voucher/types"
)

func requireCode(t *testing.T, err error, code codes.Code) {
	t.Helper()
	st, ok := status.FromError(err)
	require.True(t, ok, "%v is not a gRPC status", err)
	require.Equal(t, code, st.Code(), err)
}

func TestQueries(t *testing.T) {
	// ARRANGE: busan programs 1 and 3, seoul program 2; merchants of program 1.
	f := newFixture(t)
	id := f.active(800_000, nil)
	f.create(func(m *types.MsgCreateProgram) { m.Issuer = s(f.issuer2) })
	f.create(nil)
	f.allocate(id, f.holder, 100_000, busanjin)
	f.approvedShop(id)
	f.apply(id, f.shop2, f.settle2, busanjin, restaurant)

	// Params
	params, err := f.qs.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), params.Params)

	// Program, Programs by agency, paginated.
	p, err := f.qs.Program(f.Ctx, &types.QueryProgramRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, types.ProgramStatusActive, p.Program.Status)
	byAgency, err := f.qs.Programs(f.Ctx, &types.QueryProgramsRequest{AgencyId: busan})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 3}, testkeeper.Pluck(byAgency.Programs, programID))
	page, err := f.qs.Programs(f.Ctx, &types.QueryProgramsRequest{Pagination: &query.PageRequest{Limit: 2}})
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2}, testkeeper.Pluck(page.Programs, programID))
	require.NotEmpty(t, page.Pagination.NextKey)

	// Merchant, Merchants by status.
	m, err := f.qs.Merchant(f.Ctx, &types.QueryMerchantRequest{ProgramId: id, Address: s(f.shop)})
	require.NoError(t, err)
	require.Equal(t, types.MerchantStatusApproved, m.Merchant.Status)
	all, err := f.qs.Merchants(f.Ctx, &types.QueryMerchantsRequest{ProgramId: id})
	require.NoError(t, err)
	require.Len(t, all.Merchants, 2)
	pending, err := f.qs.Merchants(f.Ctx, &types.QueryMerchantsRequest{ProgramId: id, Status: types.MerchantStatusPending})
	require.NoError(t, err)
	require.Len(t, pending.Merchants, 1)
	require.Equal(t, s(f.shop2), pending.Merchants[0].Address)

	// Budget.
	b, err := f.qs.Budget(f.Ctx, &types.QueryBudgetRequest{ProgramId: id})
	require.NoError(t, err)
	require.Equal(t, amt(1_000_000), b.BudgetCap)
	require.Equal(t, amt(800_000), b.Budget.Escrow)
	require.Equal(t, amt(100_000), b.Budget.Outstanding)

	// IsClaimed of an entry never claimed.
	c, err := f.qs.IsClaimed(f.Ctx, &types.QueryIsClaimedRequest{ProgramId: id, StatusListId: 1, StatusIndex: 3})
	require.NoError(t, err)
	require.False(t, c.Claimed)

	// EXPIRED on read once expires_at passes.
	f.at(expires)
	p, err = f.qs.Program(f.Ctx, &types.QueryProgramRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, types.ProgramStatusExpired, p.Program.Status)
	require.Equal(t, types.ProgramStatusActive, f.program(id).Status, "EXPIRED is never stored")
}

func TestQueryErrors(t *testing.T) {
	f := newFixture(t)
	id := f.create(nil)
	for _, tc := range []struct {
		name string
		call func() error
		code codes.Code
	}{
		{"program unknown", func() error { _, err := f.qs.Program(f.Ctx, &types.QueryProgramRequest{Id: 9}); return err }, codes.NotFound},
		{"program unset", func() error { _, err := f.qs.Program(f.Ctx, &types.QueryProgramRequest{}); return err }, codes.InvalidArgument},
		{"programs nil", func() error { _, err := f.qs.Programs(f.Ctx, nil); return err }, codes.InvalidArgument},
		{"programs bad agency", func() error {
			_, err := f.qs.Programs(f.Ctx, &types.QueryProgramsRequest{AgencyId: "Not Valid"})
			return err
		}, codes.InvalidArgument},
		{"programs both filters", func() error {
			_, err := f.qs.Programs(f.Ctx, &types.QueryProgramsRequest{AgencyId: busan, IncidentId: 1})
			return err
		}, codes.InvalidArgument},
		{"merchant unknown", func() error {
			_, err := f.qs.Merchant(f.Ctx, &types.QueryMerchantRequest{ProgramId: id, Address: s(f.shop)})
			return err
		}, codes.NotFound},
		{"merchant of unknown program", func() error {
			_, err := f.qs.Merchant(f.Ctx, &types.QueryMerchantRequest{ProgramId: 9, Address: s(f.shop)})
			return err
		}, codes.NotFound},
		{"merchant bad address", func() error {
			_, err := f.qs.Merchant(f.Ctx, &types.QueryMerchantRequest{ProgramId: id, Address: "x"})
			return err
		}, codes.InvalidArgument},
		{"merchants unknown program", func() error {
			_, err := f.qs.Merchants(f.Ctx, &types.QueryMerchantsRequest{ProgramId: 9})
			return err
		}, codes.NotFound},
		{"merchants bad status", func() error {
			_, err := f.qs.Merchants(f.Ctx, &types.QueryMerchantsRequest{ProgramId: id, Status: 9})
			return err
		}, codes.InvalidArgument},
		{"budget unknown", func() error { _, err := f.qs.Budget(f.Ctx, &types.QueryBudgetRequest{ProgramId: 9}); return err }, codes.NotFound},
		{"usage unknown", func() error {
			_, err := f.qs.UsageStats(f.Ctx, &types.QueryUsageStatsRequest{ProgramId: 9})
			return err
		}, codes.NotFound},
		{"usage bad district", func() error {
			_, err := f.qs.UsageStats(f.Ctx, &types.QueryUsageStatsRequest{ProgramId: id, District: "abc"})
			return err
		}, codes.InvalidArgument},
		{"usage bad mcc", func() error {
			_, err := f.qs.UsageStats(f.Ctx, &types.QueryUsageStatsRequest{ProgramId: id, Mcc: "12345"})
			return err
		}, codes.InvalidArgument},
		{"is-claimed unknown program", func() error {
			_, err := f.qs.IsClaimed(f.Ctx, &types.QueryIsClaimedRequest{ProgramId: 9, StatusListId: 1})
			return err
		}, codes.NotFound},
		{"is-claimed no list", func() error {
			_, err := f.qs.IsClaimed(f.Ctx, &types.QueryIsClaimedRequest{ProgramId: id})
			return err
		}, codes.InvalidArgument},
	} {
		t.Run(tc.name, func(t *testing.T) { requireCode(t, tc.call(), tc.code) })
	}
}
