package keeper_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/evidence/types"
)

func requireCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, want, status.Code(err), err.Error())
}

func TestQueryCaseAndEvidence(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	caseID := f.openCase(inv, caseRef1)
	id := f.register(f.registerMsg(caseID, "E-001"))

	// ACT / ASSERT
	c, err := f.q.Case(f.ctx, &types.QueryCaseRequest{Id: caseID})
	require.NoError(t, err)
	require.Equal(t, uint64(1), c.Case.EvidenceCount)
	ev, err := f.q.Evidence(f.ctx, &types.QueryEvidenceRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, f.item(id), ev.Evidence)

	_, err = f.q.Case(f.ctx, &types.QueryCaseRequest{Id: 99})
	requireCode(t, err, codes.NotFound)
	_, err = f.q.Case(f.ctx, &types.QueryCaseRequest{})
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.q.Case(f.ctx, nil)
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.q.Evidence(f.ctx, &types.QueryEvidenceRequest{Id: 99})
	requireCode(t, err, codes.NotFound)
	_, err = f.q.Evidence(f.ctx, &types.QueryEvidenceRequest{})
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryListsAndPaginationClamp(t *testing.T) {
	// ARRANGE: 3 knpa cases, 1 smpa case; pagination.MaxLimit+5 items in case 1,
	// every one with the same digest except the first.
	f := newFixture(t)
	var knpaCases []uint64
	for i := 0; i < 3; i++ {
		knpaCases = append(knpaCases, f.openCase(inv, digestOf(100+i)))
	}
	f.openCase(inv2, digestOf(200))
	n := int(pagination.MaxLimit) + 5
	_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: types.Params{MaxItemsPerCase: uint64(n), MaxDerivationDepth: 4, MaxIntegrityChecksPerItem: types.DefaultMaxIntegrityChecksPerItem}})
	require.NoError(t, err)
	for i := 0; i < n; i++ {
		m := f.registerMsg(knpaCases[0], fmt.Sprintf("E-%03d", i))
		if i > 0 {
			m.Digest = digestB
		}
		f.register(m)
	}

	// CasesByAgency
	cs, err := f.q.CasesByAgency(f.ctx, &types.QueryCasesByAgencyRequest{AgencyId: "knpa"})
	require.NoError(t, err)
	require.Len(t, cs.Cases, 3)
	for i, c := range cs.Cases {
		require.Equal(t, knpaCases[i], c.Id)
	}
	cs, err = f.q.CasesByAgency(f.ctx, &types.QueryCasesByAgencyRequest{AgencyId: "knpa", Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, cs.Cases, 2)
	require.Equal(t, uint64(3), cs.Pagination.Total)
	cs, err = f.q.CasesByAgency(f.ctx, &types.QueryCasesByAgencyRequest{AgencyId: "knpa", Pagination: &query.PageRequest{Key: cs.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, cs.Cases, 1)
	require.Equal(t, knpaCases[2], cs.Cases[0].Id)
	cs, err = f.q.CasesByAgency(f.ctx, &types.QueryCasesByAgencyRequest{AgencyId: "nobody"})
	require.NoError(t, err)
	require.Empty(t, cs.Cases)
	_, err = f.q.CasesByAgency(f.ctx, &types.QueryCasesByAgencyRequest{AgencyId: "Not An Id"})
	requireCode(t, err, codes.InvalidArgument)

	// EvidenceByCase: no limit gives the default page, a huge limit is clamped.
	ev, err := f.q.EvidenceByCase(f.ctx, &types.QueryEvidenceByCaseRequest{CaseId: knpaCases[0]})
	require.NoError(t, err)
	require.Len(t, ev.Evidence, int(pagination.DefaultLimit))
	ev, err = f.q.EvidenceByCase(f.ctx, &types.QueryEvidenceByCaseRequest{CaseId: knpaCases[0], Pagination: &query.PageRequest{Limit: 1_000_000}})
	require.NoError(t, err)
	require.Len(t, ev.Evidence, int(pagination.MaxLimit), "limit is clamped to MaxLimit")
	require.NotNil(t, ev.Pagination.NextKey)
	ev, err = f.q.EvidenceByCase(f.ctx, &types.QueryEvidenceByCaseRequest{CaseId: knpaCases[1]})
	require.NoError(t, err)
	require.Empty(t, ev.Evidence)
	_, err = f.q.EvidenceByCase(f.ctx, &types.QueryEvidenceByCaseRequest{CaseId: 999})
	requireCode(t, err, codes.NotFound)
	_, err = f.q.EvidenceByCase(f.ctx, &types.QueryEvidenceByCaseRequest{})
	requireCode(t, err, codes.InvalidArgument)

	// EvidenceByDigest
	ev2, err := f.q.EvidenceByDigest(f.ctx, &types.QueryEvidenceByDigestRequest{Digest: digestA})
	require.NoError(t, err)
	require.Len(t, ev2.Evidence, 1)
	require.Equal(t, uint64(1), ev2.Evidence[0].Id)
	ev2, err = f.q.EvidenceByDigest(f.ctx, &types.QueryEvidenceByDigestRequest{Digest: digestB, Pagination: &query.PageRequest{Limit: 10_000, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, ev2.Evidence, int(pagination.MaxLimit))
	require.Equal(t, uint64(n-1), ev2.Pagination.Total)
	ev2, err = f.q.EvidenceByDigest(f.ctx, &types.QueryEvidenceByDigestRequest{Digest: reportDig})
	require.NoError(t, err)
	require.Empty(t, ev2.Evidence)
	_, err = f.q.EvidenceByDigest(f.ctx, &types.QueryEvidenceByDigestRequest{Digest: "ABC"})
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryCustodyAndTransfers(t *testing.T) {
	// ARRANGE: two items pending for nfsAna, one for custB.
	f := newFixture(t)
	a := f.itemIn(types.EvidenceStatusTransferPending)
	b := f.itemIn(types.EvidenceStatusTransferPending)
	c := f.itemIn(types.EvidenceStatusInCustody)
	_, err := f.msg.ProposeTransfer(f.ctx, &types.MsgProposeTransfer{Custodian: f.s(cust), EvidenceId: c, Receiver: f.s(custB)})
	require.NoError(t, err)

	// PendingTransfers
	pt, err := f.q.PendingTransfers(f.ctx, &types.QueryPendingTransfersRequest{Receiver: f.s(nfsAna)})
	require.NoError(t, err)
	require.Len(t, pt.Transfers, 2)
	require.Equal(t, a, pt.Transfers[0].EvidenceId)
	require.Equal(t, b, pt.Transfers[1].EvidenceId)
	pt, err = f.q.PendingTransfers(f.ctx, &types.QueryPendingTransfersRequest{Receiver: f.s(nfsAna), Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, pt.Transfers, 1)
	pt, err = f.q.PendingTransfers(f.ctx, &types.QueryPendingTransfersRequest{Receiver: f.s(outsider)})
	require.NoError(t, err)
	require.Empty(t, pt.Transfers)
	_, err = f.q.PendingTransfers(f.ctx, &types.QueryPendingTransfersRequest{Receiver: "cosmos1xyz"})
	requireCode(t, err, codes.InvalidArgument)

	// After acceptance the transfer leaves the receiver's list.
	_, err = f.msg.AcceptTransfer(f.ctx, &types.MsgAcceptTransfer{Receiver: f.s(nfsAna), EvidenceId: a})
	require.NoError(t, err)
	pt, err = f.q.PendingTransfers(f.ctx, &types.QueryPendingTransfersRequest{Receiver: f.s(nfsAna)})
	require.NoError(t, err)
	require.Len(t, pt.Transfers, 1)
	require.Equal(t, b, pt.Transfers[0].EvidenceId)

	// Transfer
	tr, err := f.q.Transfer(f.ctx, &types.QueryTransferRequest{EvidenceId: c})
	require.NoError(t, err)
	require.Equal(t, f.s(custB), tr.Transfer.Receiver)
	_, err = f.q.Transfer(f.ctx, &types.QueryTransferRequest{EvidenceId: a})
	requireCode(t, err, codes.NotFound)
	_, err = f.q.Transfer(f.ctx, &types.QueryTransferRequest{EvidenceId: 999})
	requireCode(t, err, codes.NotFound)

	// CustodyHistory
	h, err := f.q.CustodyHistory(f.ctx, &types.QueryCustodyHistoryRequest{EvidenceId: a})
	require.NoError(t, err)
	require.Len(t, h.Events, 4)
	h, err = f.q.CustodyHistory(f.ctx, &types.QueryCustodyHistoryRequest{EvidenceId: a, Pagination: &query.PageRequest{Offset: 2, Limit: 1}})
	require.NoError(t, err)
	require.Len(t, h.Events, 1)
	require.Equal(t, uint64(3), h.Events[0].Seq)
	h, err = f.q.CustodyHistory(f.ctx, &types.QueryCustodyHistoryRequest{EvidenceId: a, Pagination: &query.PageRequest{Reverse: true, Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, uint64(4), h.Events[0].Seq)
	_, err = f.q.CustodyHistory(f.ctx, &types.QueryCustodyHistoryRequest{EvidenceId: 999})
	requireCode(t, err, codes.NotFound)
	_, err = f.q.CustodyHistory(f.ctx, &types.QueryCustodyHistoryRequest{})
	requireCode(t, err, codes.InvalidArgument)
}

func TestQueryVerifyDigestAndParams(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.itemIn(types.EvidenceStatusRegistered)
	before := f.export()

	// ACT / ASSERT
	res, err := f.q.VerifyDigest(f.ctx, &types.QueryVerifyDigestRequest{EvidenceId: id, Digest: digestA})
	require.NoError(t, err)
	require.Equal(t, &types.QueryVerifyDigestResponse{Match: true, RecordedDigest: digestA}, res)
	res, err = f.q.VerifyDigest(f.ctx, &types.QueryVerifyDigestRequest{EvidenceId: id, Digest: digestB})
	require.NoError(t, err)
	require.Equal(t, &types.QueryVerifyDigestResponse{Match: false, RecordedDigest: digestA}, res)
	require.Equal(t, before, f.export(), "the query writes nothing")

	_, err = f.q.VerifyDigest(f.ctx, &types.QueryVerifyDigestRequest{EvidenceId: 999, Digest: digestA})
	requireCode(t, err, codes.NotFound)
	_, err = f.q.VerifyDigest(f.ctx, &types.QueryVerifyDigestRequest{EvidenceId: id, Digest: "A1"})
	requireCode(t, err, codes.InvalidArgument)
	_, err = f.q.VerifyDigest(f.ctx, &types.QueryVerifyDigestRequest{Digest: digestA})
	requireCode(t, err, codes.InvalidArgument)

	p, err := f.q.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), p.Params)
}

// TestIndexQueriesFollowRecords checks that every query served by an index of
// an IndexedMap answers right after its record is created, updated and (for
// transfers) deleted, and that the unique indexes still refuse a duplicate
// with the module's error after an update.
func TestIndexQueriesFollowRecords(t *testing.T) {
	f := newFixture(t)
	casesOf := func(agency string) []types.Case {
		res, err := f.q.CasesByAgency(f.ctx, &types.QueryCasesByAgencyRequest{AgencyId: agency})
		require.NoError(t, err)
		return res.Cases
	}
	itemsOf := func(caseID uint64) []types.EvidenceItem {
		res, err := f.q.EvidenceByCase(f.ctx, &types.QueryEvidenceByCaseRequest{CaseId: caseID})
		require.NoError(t, err)
		return res.Evidence
	}

	// create
	caseID := f.openCase(inv, caseRef1)
	require.Len(t, casesOf("knpa"), 1)
	require.Empty(t, casesOf("smpa"))
	id := f.register(f.registerMsg(caseID, "E-001"))
	require.Equal(t, []types.EvidenceItem{f.item(id)}, itemsOf(caseID))
	require.Equal(t, []uint64{id}, f.withDigest(digestA))

	// update: the item moves, the transfer opens, closes (reject), opens again and closes (accept)
	_, err := f.msg.TakeCustody(f.ctx, &types.MsgTakeCustody{Custodian: f.s(cust), EvidenceId: id})
	require.NoError(t, err)
	require.Equal(t, []types.EvidenceItem{f.item(id)}, itemsOf(caseID), "the index serves the updated item")
	require.Equal(t, []uint64{id}, f.withDigest(digestA), "an update keeps the item under its digest once")
	propose := func() {
		_, err := f.msg.ProposeTransfer(f.ctx, &types.MsgProposeTransfer{Custodian: f.s(cust), EvidenceId: id, Receiver: f.s(nfsAna)})
		require.NoError(t, err)
		require.Equal(t, []uint64{id}, f.pendingFor(nfsAna))
	}
	propose()
	_, err = f.msg.RejectTransfer(f.ctx, &types.MsgRejectTransfer{Receiver: f.s(nfsAna), EvidenceId: id})
	require.NoError(t, err)
	require.Empty(t, f.pendingFor(nfsAna))
	propose()
	_, err = f.msg.AcceptTransfer(f.ctx, &types.MsgAcceptTransfer{Receiver: f.s(nfsAna), EvidenceId: id})
	require.NoError(t, err)
	require.Empty(t, f.pendingFor(nfsAna))

	// update of the case: still listed once, closed
	_, err = f.msg.CloseCase(f.ctx, &types.MsgCloseCase{Investigator: f.s(inv), CaseId: caseID})
	require.NoError(t, err)
	cs := casesOf("knpa")
	require.Len(t, cs, 1)
	require.Equal(t, types.CaseStatusClosed, cs[0].Status)

	// the unique indexes still hold the updated records
	_, err = f.msg.OpenCase(f.ctx, &types.MsgOpenCase{Investigator: f.s(inv), ReferenceDigest: caseRef1})
	require.ErrorIs(t, err, types.ErrDuplicateCase)
	got, err := f.k.Items.Indexes.Exhibit.MatchExact(f.ctx, collections.Join(caseID, "E-001"))
	require.NoError(t, err)
	require.Equal(t, id, got)
}
