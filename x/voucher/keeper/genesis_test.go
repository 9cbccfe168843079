package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/voucher/types"
)

func TestGenesisDefaultRoundTrip(t *testing.T) {
	f := newFixture(t)
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultGenesis(), gs)
}

// busyState is a fixture with every kind of record: two programs, holders, merchants in
// several statuses, receipts, claims are left to claim_test.go.
func busyState(t *testing.T) *fixture {
	f := newFixture(t)
	id := sweptProgram(f)
	f.apply(id, f.shop2, f.settle2, busanjin, restaurant)
	f.create(func(m *types.MsgCreateProgram) { m.AllocatorAgencies = []string{welfare} })
	f.at(expires)
	sweep(f, id, 1)
	require.NoError(t, f.k.Claimed.Set(f.Ctx, claimedKey(id, 3, 42), noValue))
	f.requireSound()
	return f
}

func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE
	f := busyState(t)
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate())

	// ACT: import into a fresh chain.
	f2 := newFixture(t)
	require.NoError(t, f2.k.InitGenesis(f2.Ctx, gs))

	// ASSERT: the same export, and the indexes rebuilt (queries answer the same).
	got, err := f2.k.ExportGenesis(f2.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs, got)
	for _, q := range []*types.QueryProgramsRequest{{AgencyId: busan}, {}} {
		a, err := f.qs.Programs(f.Ctx, q)
		require.NoError(t, err)
		b, err := f2.qs.Programs(f2.Ctx, q)
		require.NoError(t, err)
		require.Equal(t, testkeeper.Pluck(a.Programs, programID), testkeeper.Pluck(b.Programs, programID))
	}
	a, err := f.qs.Merchants(f.Ctx, &types.QueryMerchantsRequest{ProgramId: 1, Status: types.MerchantStatusPending})
	require.NoError(t, err)
	b, err := f2.qs.Merchants(f2.Ctx, &types.QueryMerchantsRequest{ProgramId: 1, Status: types.MerchantStatusPending})
	require.NoError(t, err)
	require.Equal(t, a.Merchants, b.Merchants)
	require.Len(t, b.Merchants, 1)
}

func TestInitGenesisRefusals(t *testing.T) {
	f := busyState(t)
	good, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		spoil func(gs *types.GenesisState)
		want  string
	}{
		{"bad params", func(gs *types.GenesisState) { gs.Params.MaxSweep = 0 }, "max_sweep"},
		{"next id zero", func(gs *types.GenesisState) { gs.NextProgramId = 0 }, "next_program_id"},
		{"program id not issued", func(gs *types.GenesisState) { gs.NextProgramId = 2 }, "program id 2 must be in 1..1"},
		{"wrong denom", func(gs *types.GenesisState) { gs.Programs[0].Denom = "voucher/9" }, "must be voucher/1"},
		{"budget not adding up", func(gs *types.GenesisState) { gs.Programs[0].Budget.Issued = amt(1) }, "issued"},
		{"escrow below outstanding", func(gs *types.GenesisState) {
			b := &gs.Programs[0].Budget
			b.Escrow, b.Refunded = b.Outstanding.SubRaw(1), b.Refunded.Add(b.Escrow.Sub(b.Outstanding).AddRaw(1))
		}, "below outstanding"},
		{"EXPIRED stored", func(gs *types.GenesisState) { gs.Programs[0].Status = types.ProgramStatusExpired }, "not a stored status"},
		{"closed without closed_at", func(gs *types.GenesisState) { gs.Programs[1].Status = types.ProgramStatusClosed }, "closed_at"},
		{"districts out of order", func(gs *types.GenesisState) { gs.Programs[0].HolderDistricts = []string{dongnae, busanjin} }, "ascending"},
		{"merchant of a missing program", func(gs *types.GenesisState) { gs.Merchants[0].ProgramId = 7 }, "does not exist"},
		{"merchant twice", func(gs *types.GenesisState) { gs.Merchants = append(gs.Merchants, gs.Merchants[0]) }, "listed twice"},
		{"holder and merchant", func(gs *types.GenesisState) {
			gs.Holders = append(gs.Holders, types.HolderEntry{ProgramId: 1, Address: gs.Merchants[0].Address})
		}, "both a holder and a merchant"},
		{"receipt of no merchant", func(gs *types.GenesisState) { gs.Receipts[0].Merchant = gs.Holders[0].Address }, "does not exist"},
		{"usage code of the wrong kind", func(gs *types.GenesisState) { gs.Usage[0].Code = "5411" }, "district"},
		{"claimed twice", func(gs *types.GenesisState) { gs.Claimed = append(gs.Claimed, gs.Claimed[0]) }, "claimed twice"},
		{"bad address", func(gs *types.GenesisState) { gs.Programs[0].RefundAddress = "civic1xyz" }, "invalid address"},
		{"uppercase address", func(gs *types.GenesisState) {
			gs.Holders[0].Address = "CIVIC" + gs.Holders[0].Address[5:]
		}, "address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.k.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			tc.spoil(gs)
			f2 := newFixture(t)
			before, err := f2.k.ExportGenesis(f2.Ctx)
			require.NoError(t, err)
			err = f2.k.InitGenesis(f2.Ctx, gs)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.want)
			after, err := f2.k.ExportGenesis(f2.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "a refused genesis writes nothing")
		})
	}
	require.NoError(t, good.Validate())
}
