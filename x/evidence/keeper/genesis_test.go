package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

// TestGenesisRoundTrip exports a state with every kind of record, imports it
// into a fresh keeper, and checks the export is identical, the indexes
// follow the imported records and the id sequences continue.
func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.itemIn(types.EvidenceStatusReturned)
	pending := f.itemIn(types.EvidenceStatusTransferPending)
	f.itemIn(types.EvidenceStatusExcluded)
	caseID := f.openCase(inv, caseRef1)
	parent := f.register(f.registerMsg(caseID, "E-001"))
	cp := f.registerMsg(caseID, "E-001-C1")
	cp.ParentId, cp.Digest = parent, digestB
	f.register(cp)
	_, err := f.msg.CloseCase(f.ctx, &types.MsgCloseCase{Investigator: f.s(inv), CaseId: caseID})
	require.NoError(t, err)
	exported := f.export()
	require.NoError(t, exported.Validate())

	// ACT
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, exported))

	// ASSERT
	require.Equal(t, exported, g.export())
	require.Equal(t, []uint64{pending}, g.pendingFor(nfsAna), "receiver index follows the imported transfers")
	require.Equal(t, []uint64{parent + 1}, g.withDigest(digestB), "digest index follows the imported items")
	cases, err := g.q.CasesByAgency(g.ctx, &types.QueryCasesByAgencyRequest{AgencyId: "knpa"})
	require.NoError(t, err)
	require.Equal(t, caseID, cases.Cases[len(cases.Cases)-1].Id, "agency index follows the imported cases")
	got, err := g.k.Items.Indexes.Exhibit.MatchExact(g.ctx, collections.Join(caseID, "E-001-C1"))
	require.NoError(t, err)
	require.Equal(t, parent+1, got, "exhibit index follows the imported items")
	_, err = g.k.Cases.Indexes.Reference.MatchExact(g.ctx, collections.Join("knpa", caseRef1))
	require.NoError(t, err)
	head, err := g.k.CustodyHead.Get(g.ctx, pending)
	require.NoError(t, err)
	require.Equal(t, uint64(3), head, "custody head rebuilt")
	require.NoError(t, g.k.CheckInvariants(g.ctx))

	// The imported chain carries on: ids continue, indexes enforce uniqueness.
	_, err = g.msg.OpenCase(g.ctx, &types.MsgOpenCase{Investigator: g.s(inv), ReferenceDigest: caseRef1})
	require.ErrorIs(t, err, types.ErrDuplicateCase)
	next := g.openCase(inv, caseRef2)
	require.Equal(t, exported.NextCaseId, next)
	id := g.register(g.registerMsg(next, "E-001"))
	require.Equal(t, exported.NextEvidenceId, id)
	_, err = g.msg.AcceptTransfer(g.ctx, &types.MsgAcceptTransfer{Receiver: g.s(nfsAna), EvidenceId: pending})
	require.NoError(t, err)
	require.Equal(t, uint64(4), g.lastSeq(pending), "custody log continues after import")
}

func TestInitGenesisRejectsInvalid(t *testing.T) {
	k, _, ctx := testkeeper.EvidenceKeeper(t)
	gs := types.DefaultGenesis()
	gs.NextCaseId = 0
	require.ErrorIs(t, k.InitGenesis(ctx, gs), types.ErrInvalidGenesis)

	gs = validGenesis(t)
	gs.Cases[0].OpenedBy = "cosmos1notcivic"
	require.ErrorIs(t, k.InitGenesis(ctx, gs), types.ErrInvalidGenesis)
}

func TestDefaultGenesisExport(t *testing.T) {
	k, _, ctx := testkeeper.EvidenceKeeper(t)
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultGenesis(), gs)
}

// validGenesis is the export of a small but complete state.
func validGenesis(t *testing.T) *types.GenesisState {
	f := newFixture(t)
	f.itemIn(types.EvidenceStatusTransferPending)
	return f.export()
}
