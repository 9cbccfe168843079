package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/query"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/haccp/types"
)

const (
	declA = "IMP-2026-0001"
	declB = "IMP-2026-0002"
)

// customsOnly belongs to agency nqs, which holds only haccp.customs.
var customsOnly = acc("quarantine-customs")

func (f *fixture) customsAgency() {
	testkeeper.RegisterTestAgency(f.t, f.agencyKeeper, f.ctx, "nqs", adminOf("nqs"), types.RoleCustoms)
	testkeeper.AddTestMember(f.t, f.agencyKeeper, f.ctx, "nqs", adminOf("nqs"), customsOnly, types.RoleCustoms)
}

func TestIssueRecall(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	fac := f.facility(op)
	imp := f.importer(op2)
	a := f.putDeclaration(declA, imp, types.DeclarationStatusCleared, cheese("LOT-B"), beef("LOT-C", "002012345678"))
	f.putDeclaration(declB, imp, types.DeclarationStatusCleared, cheese("LOT-A"), cheese("LOT-C"))
	msg := f.recallMsg(cert, []string{"LOT-A", "LOT-Z"}, []string{declA, declB})
	msg.Class, msg.FacilityId = types.RecallClassI, fac
	f.at(T0.Add(time.Hour))
	f.freshEvents()

	// ACT
	res, err := f.msg.IssueRecall(f.ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.Id)
	require.Equal(t, types.Recall{
		Id: 1, Class: types.RecallClassI, ReasonCode: "LISTERIA", Lots: msg.Lots, DeclarationNos: msg.DeclarationNos,
		FacilityId: fac, Active: true, AgencyId: "mfds", IssuedBy: f.s(cert), IssuedAt: T0.Add(time.Hour),
	}, f.recall(1))
	require.Equal(t, []uint64{1}, f.activeRecalls())
	// Named lots and the lots of both declarations' items, each once.
	require.Equal(t, append(append(append(lotIDs("LOT-A", 1), lotIDs("LOT-B", 1)...), lotIDs("LOT-C", 1)...), lotIDs("LOT-Z", 1)...), f.recalledLots())
	wantA := a
	wantA.Status, wantA.RecallId, wantA.UpdatedAt = types.DeclarationStatusRecalled, 1, T0.Add(time.Hour)
	require.Equal(t, wantA, f.decl(declA))
	require.Equal(t, types.DeclarationStatusRecalled, f.decl(declB).Status)
	require.Equal(t, uint64(1), f.decl(declB).RecallId)
	f.requireOnlyEvent(&types.EventRecallIssued{
		Id: 1, Class: types.RecallClassI, ReasonCode: "LISTERIA", Lots: msg.Lots, DeclarationNos: msg.DeclarationNos,
		FacilityId: fac, AgencyId: "mfds", Signer: f.s(cert),
	})
}

// TestIssueRecallSigners: a certifier or an inspector may recall; the
// signer's agency is the recalling agency.
func TestIssueRecallSigners(t *testing.T) {
	for _, tc := range []struct {
		name   string
		signer sdk.AccAddress
		agency string
	}{
		{"certifier", cert, "mfds"},
		{"inspector", insp, "mfds"},
		{"certifier of another agency", cert2, "kfsi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := f.issueRecall(tc.signer, []string{"LOT-A"}, nil)
			r := f.recall(id)
			require.Equal(t, tc.agency, r.AgencyId)
			require.Equal(t, f.s(tc.signer), r.IssuedBy)
		})
	}
}

// TestIssueRecallFacilityOnly: a recall may name only a facility; it indexes no lot.
func TestIssueRecallFacilityOnly(t *testing.T) {
	f := newFixture(t)
	fac := f.facility(op)
	msg := f.recallMsg(insp, nil, nil)
	msg.FacilityId = fac
	res, err := f.msg.IssueRecall(f.ctx, msg)
	require.NoError(t, err)
	require.Equal(t, fac, f.recall(res.Id).FacilityId)
	require.Equal(t, []uint64{res.Id}, f.activeRecalls())
	require.Empty(t, f.recalledLots())
}

func TestIssueRecallIdsIncrease(t *testing.T) {
	f := newFixture(t)
	require.Equal(t, uint64(1), f.issueRecall(cert, []string{"LOT-A"}, nil))
	require.Equal(t, uint64(2), f.issueRecall(insp, []string{"LOT-A"}, nil))
	require.Equal(t, lotIDs("LOT-A", 1, 2), f.recalledLots())
}

func TestIssueRecallRejected(t *testing.T) {
	issue := func(f *fixture, edit func(*types.MsgIssueRecall)) func() error {
		imp := f.importer(op2)
		f.putDeclaration(declA, imp, types.DeclarationStatusCleared, cheese("LOT-B"))
		msg := f.recallMsg(cert, []string{"LOT-A"}, []string{declA})
		edit(msg)
		return func() error { _, err := f.msg.IssueRecall(f.ctx, msg); return err }
	}
	withDecl := func(status types.DeclarationStatus) func(f *fixture) func() error {
		return func(f *fixture) func() error {
			imp := f.importer(op2)
			f.putDeclaration(declB, imp, status, cheese("LOT-C"))
			msg := f.recallMsg(cert, nil, []string{declB})
			return func() error { _, err := f.msg.IssueRecall(f.ctx, msg); return err }
		}
	}
	manyLots := make([]string, types.MaxMaxRecallTargets+1)
	for i := range manyLots {
		manyLots[i] = fmt.Sprintf("LOT-%05d", i)
	}
	runRejections(t, []rejection{
		{"bad signer address", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Signer = "cosmos1xyz" })
		}, sdkerrors.ErrInvalidAddress},
		{"class unspecified", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Class = types.RecallClassUnspecified })
		}, types.ErrInvalidRecall},
		{"class out of range", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Class = 9 })
		}, types.ErrInvalidRecall},
		{"lowercase reason code", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.ReasonCode = "listeria" })
		}, types.ErrInvalidReasonCode},
		{"no target", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Lots, m.DeclarationNos = nil, nil })
		}, types.ErrInvalidRecall},
		{"unsorted lots", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Lots = []string{"LOT-B", "LOT-A"} })
		}, types.ErrInvalidRecall},
		{"duplicate lot", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Lots = []string{"LOT-A", "LOT-A"} })
		}, types.ErrInvalidRecall},
		{"invalid lot", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Lots = []string{"LOT A"} })
		}, types.ErrInvalidLot},
		{"empty lot", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Lots = []string{""} })
		}, types.ErrInvalidLot},
		{"invalid declaration number", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.DeclarationNos = []string{"imp-1"} })
		}, types.ErrInvalidDeclNo},
		{"unsorted declaration numbers", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.DeclarationNos = []string{declB, declA} })
		}, types.ErrInvalidRecall},
		{"duplicate declaration number", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.DeclarationNos = []string{declA, declA} })
		}, types.ErrInvalidRecall},
		{"more targets than the hard bound", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Lots, m.DeclarationNos = manyLots, nil })
		}, types.ErrInvalidRecall},
		{"more targets than params.max_recall_targets", func(f *fixture) func() error {
			p := types.DefaultParams()
			p.MaxRecallTargets = 2
			require.NoError(f.t, f.k.Params.Set(f.ctx, p))
			return issue(f, func(m *types.MsgIssueRecall) { m.Lots = []string{"LOT-A", "LOT-Z"} })
		}, types.ErrInvalidRecall},
		{"signer in no agency", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Signer = f.s(outsider) })
		}, agencytypes.ErrNotMember},
		{"facility operator", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.Signer = f.s(op) })
		}, agencytypes.ErrNotMember},
		{"customs holds neither certifier nor inspector", func(f *fixture) func() error {
			f.customsAgency()
			return issue(f, func(m *types.MsgIssueRecall) { m.Signer = f.s(customsOnly) })
		}, agencytypes.ErrRoleNotHeld},
		{"agency suspended", func(f *fixture) func() error {
			act := issue(f, func(*types.MsgIssueRecall) {})
			testkeeper.SetTestAgencyStatus(f.t, f.agencyKeeper, f.ctx, "mfds", agencytypes.AgencyStatusSuspended)
			return act
		}, agencytypes.ErrAgencyNotActive},
		{"unknown facility", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.FacilityId = 404 })
		}, types.ErrFacilityNotFound},
		{"unknown declaration", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueRecall) { m.DeclarationNos = []string{declA, "IMP-404"} })
		}, types.ErrDeclarationNotFound},
		{"declaration DECLARED", withDecl(types.DeclarationStatusDeclared), types.ErrInvalidTransition},
		{"declaration INSPECTING", withDecl(types.DeclarationStatusInspecting), types.ErrInvalidTransition},
		{"declaration REJECTED", withDecl(types.DeclarationStatusRejected), types.ErrInvalidTransition},
		{"declaration already RECALLED", func(f *fixture) func() error {
			act := issue(f, func(*types.MsgIssueRecall) {})
			f.issueRecall(insp, nil, []string{declA})
			return act
		}, types.ErrInvalidTransition},
		{"one good and one uncleared declaration", func(f *fixture) func() error {
			act := issue(f, func(m *types.MsgIssueRecall) { m.DeclarationNos = []string{declA, declB} })
			f.putDeclaration(declB, f.importer(op2), types.DeclarationStatusInspecting, cheese("LOT-C"))
			return act
		}, types.ErrInvalidTransition},
	})
}

// TestIssueRecallNamesDeclarationState: the transition error names the
// declaration and its current state.
func TestIssueRecallNamesDeclarationState(t *testing.T) {
	for _, status := range []types.DeclarationStatus{
		types.DeclarationStatusDeclared, types.DeclarationStatusInspecting, types.DeclarationStatusRejected,
	} {
		f := newFixture(t)
		f.putDeclaration(declA, f.importer(op2), status, cheese("LOT-C"))
		_, err := f.msg.IssueRecall(f.ctx, f.recallMsg(cert, nil, []string{declA}))
		require.ErrorIs(t, err, types.ErrInvalidTransition)
		require.Contains(t, err.Error(), fmt.Sprintf("from %s to RECALLED", status.Label()))
		require.Contains(t, err.Error(), declA)
	}
}

func TestCloseRecall(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	imp := f.importer(op2)
	f.putDeclaration(declA, imp, types.DeclarationStatusCleared, cheese("LOT-B"), cheese("LOT-C"))
	first := f.issueRecall(cert, []string{"LOT-A"}, []string{declA})
	second := f.issueRecall(cert, []string{"LOT-A", "LOT-C"}, nil)
	f.at(T0.Add(2 * time.Hour))
	f.freshEvents()

	// ACT: an inspector of the recalling agency closes the certifier's recall.
	_, err := f.msg.CloseRecall(f.ctx, &types.MsgCloseRecall{Signer: f.s(insp), RecallId: first})

	// ASSERT
	require.NoError(t, err)
	r := f.recall(first)
	require.False(t, r.Active)
	require.NotNil(t, r.ClosedAt)
	require.Equal(t, T0.Add(2*time.Hour), *r.ClosedAt)
	require.Equal(t, []uint64{second}, f.activeRecalls())
	require.Equal(t, append(lotIDs("LOT-A", second), lotIDs("LOT-C", second)...), f.recalledLots(),
		"only the closed recall's entries go; the other recall naming the same lots stays")
	d := f.decl(declA)
	require.Equal(t, types.DeclarationStatusRecalled, d.Status, "declarations stay RECALLED")
	require.Equal(t, first, d.RecallId)
	f.requireOnlyEvent(&types.EventRecallClosed{Id: first, AgencyId: "mfds", Signer: f.s(insp)})
}

func TestCloseRecallRejected(t *testing.T) {
	closeBy := func(f *fixture, signer sdk.AccAddress, id uint64) func() error {
		return func() error {
			_, err := f.msg.CloseRecall(f.ctx, &types.MsgCloseRecall{Signer: f.s(signer), RecallId: id})
			return err
		}
	}
	runRejections(t, []rejection{
		{"bad signer address", func(f *fixture) func() error {
			id := f.issueRecall(cert, []string{"LOT-A"}, nil)
			return func() error {
				_, err := f.msg.CloseRecall(f.ctx, &types.MsgCloseRecall{Signer: "cosmos1xyz", RecallId: id})
				return err
			}
		}, sdkerrors.ErrInvalidAddress},
		{"recall_id 0", func(f *fixture) func() error {
			f.issueRecall(cert, []string{"LOT-A"}, nil)
			return closeBy(f, cert, 0)
		}, types.ErrInvalidRecall},
		{"unknown recall", func(f *fixture) func() error {
			f.issueRecall(cert, []string{"LOT-A"}, nil)
			return closeBy(f, cert, 404)
		}, types.ErrRecallNotFound},
		{"another agency's certifier", func(f *fixture) func() error {
			return closeBy(f, cert2, f.issueRecall(cert, []string{"LOT-A"}, nil))
		}, types.ErrWrongAgency},
		{"signer in no agency", func(f *fixture) func() error {
			return closeBy(f, outsider, f.issueRecall(cert, []string{"LOT-A"}, nil))
		}, agencytypes.ErrNotMember},
		{"customs holds neither role", func(f *fixture) func() error {
			f.customsAgency()
			return closeBy(f, customsOnly, f.issueRecall(cert, []string{"LOT-A"}, nil))
		}, agencytypes.ErrRoleNotHeld},
		{"already closed", func(f *fixture) func() error {
			id := f.issueRecall(cert, []string{"LOT-A"}, nil)
			f.closeRecall(cert, id)
			return closeBy(f, insp, id)
		}, types.ErrRecallClosed},
	})
}

func TestRecallQueries(t *testing.T) {
	// ARRANGE: recall 1 (LOT-A and declA's LOT-B, LOT-C), recall 2 (LOT-C) closed, recall 3 (LOT-C, LOT-D).
	f := newFixture(t)
	f.putDeclaration(declA, f.importer(op2), types.DeclarationStatusCleared, cheese("LOT-B"), cheese("LOT-C"))
	r1 := f.issueRecall(cert, []string{"LOT-A"}, []string{declA})
	r2 := f.issueRecall(cert, []string{"LOT-C"}, nil)
	r3 := f.issueRecall(insp, []string{"LOT-C", "LOT-D"}, nil)
	f.closeRecall(cert, r2)

	// Recall
	res, err := f.q.Recall(f.ctx, &types.QueryRecallRequest{Id: r2})
	require.NoError(t, err)
	require.Equal(t, f.recall(r2), res.Recall)
	_, err = f.q.Recall(f.ctx, &types.QueryRecallRequest{Id: 404})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.Recall(f.ctx, &types.QueryRecallRequest{})
	requireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Recall(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)

	// Recalls: every recall in id order, paged.
	all, err := f.q.Recalls(f.ctx, &types.QueryRecallsRequest{})
	require.NoError(t, err)
	require.Equal(t, []types.Recall{f.recall(r1), f.recall(r2), f.recall(r3)}, all.Recalls)
	page, err := f.q.Recalls(f.ctx, &types.QueryRecallsRequest{Pagination: &query.PageRequest{Limit: 2}})
	require.NoError(t, err)
	require.Equal(t, []types.Recall{f.recall(r1), f.recall(r2)}, page.Recalls)
	page, err = f.q.Recalls(f.ctx, &types.QueryRecallsRequest{Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, []types.Recall{f.recall(r3)}, page.Recalls)
	_, err = f.q.Recalls(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)

	// ActiveRecalls: the closed one is left out.
	active, err := f.q.ActiveRecalls(f.ctx, &types.QueryActiveRecallsRequest{})
	require.NoError(t, err)
	require.Equal(t, []types.Recall{f.recall(r1), f.recall(r3)}, active.Recalls)
	apage, err := f.q.ActiveRecalls(f.ctx, &types.QueryActiveRecallsRequest{Pagination: &query.PageRequest{Limit: 1, CountTotal: true}})
	require.NoError(t, err)
	require.Equal(t, []types.Recall{f.recall(r1)}, apage.Recalls)
	require.Equal(t, uint64(2), apage.Pagination.Total)
	_, err = f.q.ActiveRecalls(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)

	// IsRecalled: named directly, through a declaration, by two recalls, by a closed one only, by none.
	require.Equal(t, &types.QueryIsRecalledResponse{Recalled: true, RecallIds: []uint64{r1}}, f.isRecalled("LOT-A"))
	require.Equal(t, &types.QueryIsRecalledResponse{Recalled: true, RecallIds: []uint64{r1}}, f.isRecalled("LOT-B"))
	require.Equal(t, &types.QueryIsRecalledResponse{Recalled: true, RecallIds: []uint64{r1, r3}}, f.isRecalled("LOT-C"))
	require.Equal(t, &types.QueryIsRecalledResponse{Recalled: true, RecallIds: []uint64{r3}}, f.isRecalled("LOT-D"))
	require.Equal(t, &types.QueryIsRecalledResponse{}, f.isRecalled("LOT-Z"))
	require.Equal(t, &types.QueryIsRecalledResponse{}, f.isRecalled("LOT-"), "a lot that prefixes others is not them")
	for _, bad := range []string{"", "LOT A", string(make([]byte, types.MaxLotLength+1))} {
		_, err = f.q.IsRecalled(f.ctx, &types.QueryIsRecalledRequest{Lot: bad})
		requireCode(t, codes.InvalidArgument, err)
	}
	_, err = f.q.IsRecalled(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)

	// After closing recall 1, LOT-A and LOT-B are free; LOT-C stays under recall 3.
	f.closeRecall(insp, r1)
	require.False(t, f.isRecalled("LOT-A").Recalled)
	require.False(t, f.isRecalled("LOT-B").Recalled)
	require.Equal(t, []uint64{r3}, f.isRecalled("LOT-C").RecallIds)
}

// TestIssueRecallOfHandlerClearedDeclaration recalls a declaration cleared
// through the import handlers: its hygiene certificate stays USED.
func TestIssueRecallOfHandlerClearedDeclaration(t *testing.T) {
	f := newFixture(t)
	f.customsAgency()
	f.clearThroughHandlers(declA, f.importer(op2), cheese("LOT-N"))
	require.Equal(t, types.DeclarationStatusCleared, f.decl(declA).Status)

	id := f.issueRecall(insp, nil, []string{declA})

	d := f.decl(declA)
	require.Equal(t, types.DeclarationStatusRecalled, d.Status)
	require.Equal(t, id, d.RecallId)
	require.Equal(t, []uint64{id}, f.isRecalled("LOT-N").RecallIds)
	require.NoError(t, f.export().Validate())
}
