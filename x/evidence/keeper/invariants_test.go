package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

// invState is a state built through the Msg service that fills every collection: an item
// with an open transfer, an item in custody with a derived copy and an integrity mismatch on
// record, and an item returned after the court, in a closed case.
type invState struct {
	pending, held, copied, returned uint64
}

func newInvState(t *testing.T) (*fixture, invState) {
	t.Helper()
	f := newFixture(t)
	s := invState{
		pending:  f.itemIn(types.EvidenceStatusTransferPending),
		held:     f.itemIn(types.EvidenceStatusInCustody),
		returned: f.itemIn(types.EvidenceStatusReturned),
	}
	copyMsg := f.registerMsg(f.item(s.held).CaseId, "E-002")
	copyMsg.ParentId = s.held
	copyMsg.Digest = digestB
	s.copied = f.register(copyMsg)
	_, err := f.msg.VerifyIntegrity(f.ctx, &types.MsgVerifyIntegrity{Verifier: f.s(aud), EvidenceId: s.held, Digest: digestB})
	require.NoError(t, err)
	_, err = f.msg.CloseCase(f.ctx, &types.MsgCloseCase{Investigator: f.s(inv), CaseId: f.item(s.returned).CaseId})
	require.NoError(t, err)
	return f, s
}

func TestInvariantsHoldAfterMessages(t *testing.T) {
	f, _ := newInvState(t)
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	empty := newFixture(t)
	require.NoError(t, empty.k.CheckInvariants(empty.ctx), "an empty state is sound")

	// and after an export/import round trip (the heads and counters are rebuilt)
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, f.export()))
	require.NoError(t, g.k.CheckInvariants(g.ctx))
}

func TestInvariantsCatchCorruption(t *testing.T) {
	type corruption func(t *testing.T, f *fixture, s invState) error
	setItem := func(id uint64, change func(*types.EvidenceItem)) corruption {
		return func(t *testing.T, f *fixture, _ invState) error {
			it := f.item(id)
			change(&it)
			return f.k.Items.Set(f.ctx, it.Id, it)
		}
	}
	entry := func(t *testing.T, f *fixture, id, seq uint64) types.CustodyEvent {
		t.Helper()
		e, err := f.k.CustodyLog.Get(f.ctx, collections.Join(id, seq))
		require.NoError(t, err)
		return e
	}
	cases := []struct {
		name      string
		corrupt   corruption
		invariant string
		want      string
	}{
		// custody log
		{"gap in the custody log", func(t *testing.T, f *fixture, s invState) error {
			return f.k.CustodyLog.Remove(f.ctx, collections.Join(s.returned, uint64(2)))
		}, "custody-log", "entry 3 follows entry 1"},
		{"log ends elsewhere than the item", func(t *testing.T, f *fixture, s invState) error {
			return setItem(s.held, func(it *types.EvidenceItem) { it.Status = types.EvidenceStatusInAnalysis })(t, f, s)
		}, "custody-log", "is IN_ANALYSIS but its custody log (3 entries) ends in IN_CUSTODY"},
		{"illegal transition in the log", func(t *testing.T, f *fixture, s invState) error {
			e := entry(t, f, s.held, 2)
			e.ToStatus = types.EvidenceStatusArchived
			return f.k.CustodyLog.Set(f.ctx, collections.Join(s.held, uint64(2)), e)
		}, "custody-log", "evidence cannot go from REGISTERED to ARCHIVED"},
		{"entry starts where the log was not", func(t *testing.T, f *fixture, s invState) error {
			e := entry(t, f, s.returned, 3)
			e.FromStatus = types.EvidenceStatusAnalyzed
			return f.k.CustodyLog.Set(f.ctx, collections.Join(s.returned, uint64(3)), e)
		}, "custody-log", "starts from ANALYZED but the log was at IN_CUSTODY"},
		{"integrity check that moves the item", func(t *testing.T, f *fixture, s invState) error {
			e := entry(t, f, s.held, 3)
			e.ToStatus = types.EvidenceStatusArchived
			return f.k.CustodyLog.Set(f.ctx, collections.Join(s.held, uint64(3)), e)
		}, "custody-log", "INTEGRITY_MISMATCH moved the item"},
		{"first entry not REGISTERED", func(t *testing.T, f *fixture, s invState) error {
			e := entry(t, f, s.copied, 1)
			e.Action = types.CustodyActionCustodyTaken
			return f.k.CustodyLog.Set(f.ctx, collections.Join(s.copied, uint64(1)), e)
		}, "custody-log", "not REGISTERED"},
		{"entry under another key", func(t *testing.T, f *fixture, s invState) error {
			e := entry(t, f, s.held, 2)
			e.Seq = 9
			return f.k.CustodyLog.Set(f.ctx, collections.Join(s.held, uint64(2)), e)
		}, "custody-log", "says"},
		{"log of a missing item", func(t *testing.T, f *fixture, s invState) error {
			e := entry(t, f, s.held, 1)
			e.EvidenceId = 99
			return f.k.CustodyLog.Set(f.ctx, collections.Join(uint64(99), uint64(1)), e)
		}, "custody-log", "custody log of evidence 99: the item does not exist"},
		{"item without a log", func(t *testing.T, f *fixture, s invState) error {
			return f.k.CustodyLog.Clear(f.ctx, collections.NewPrefixedPairRange[uint64, uint64](s.copied))
		}, "custody-log", "has no custody log"},
		{"custody head behind the log", func(t *testing.T, f *fixture, s invState) error {
			return f.k.CustodyHead.Set(f.ctx, s.held, 2)
		}, "custody-log", "custody head of evidence"},
		{"custody head missing", func(t *testing.T, f *fixture, s invState) error {
			return f.k.CustodyHead.Remove(f.ctx, s.held)
		}, "custody-log", "has no head entry"},
		{"custody head without a log", func(t *testing.T, f *fixture, s invState) error {
			return f.k.CustodyHead.Set(f.ctx, 99, 1)
		}, "custody-log", "custody head of evidence 99 (seq 1) points to an empty log"},

		// cases
		{"evidence_count off", func(t *testing.T, f *fixture, s invState) error {
			c, err := f.k.Cases.Get(f.ctx, f.item(s.held).CaseId)
			require.NoError(t, err)
			c.EvidenceCount = 5
			return f.k.Cases.Set(f.ctx, c.Id, c)
		}, "cases", "has evidence_count 5 but 2 items"},
		{"open case with closed_at", func(t *testing.T, f *fixture, s invState) error {
			c, err := f.k.Cases.Get(f.ctx, f.item(s.returned).CaseId)
			require.NoError(t, err)
			c.Status = types.CaseStatusOpen
			return f.k.Cases.Set(f.ctx, c.Id, c)
		}, "cases", "is OPEN with closed_at"},
		{"case id never issued", func(t *testing.T, f *fixture, s invState) error {
			return f.k.LastCaseID.Set(f.ctx, 1)
		}, "cases", "ids issued: 1..1"},

		// items
		{"item of a missing case", func(t *testing.T, f *fixture, s invState) error {
			return setItem(s.copied, func(it *types.EvidenceItem) { it.CaseId = 99 })(t, f, s)
		}, "items", "belongs to case 99, which does not exist"},
		{"parent in another case", func(t *testing.T, f *fixture, s invState) error {
			return setItem(s.copied, func(it *types.EvidenceItem) { it.ParentId = s.pending })(t, f, s)
		}, "items", "is derived from evidence"},
		{"parent that does not exist", func(t *testing.T, f *fixture, s invState) error {
			return setItem(s.copied, func(it *types.EvidenceItem) { it.ParentId = 77 })(t, f, s)
		}, "items", "derived from evidence 77, which does not exist"},

		// transfers
		{"open transfer of an item in custody", func(t *testing.T, f *fixture, s invState) error {
			tr, err := f.k.Transfers.Get(f.ctx, s.pending)
			require.NoError(t, err)
			tr.EvidenceId = s.held
			return f.k.Transfers.Set(f.ctx, s.held, tr)
		}, "transfers", "has an open transfer but is IN_CUSTODY"},
		{"pending item without its transfer", func(t *testing.T, f *fixture, s invState) error {
			return f.k.Transfers.Remove(f.ctx, s.pending)
		}, "transfers", "is TRANSFER_PENDING but has no open transfer"},
		{"transfer not proposed by the custodian", func(t *testing.T, f *fixture, s invState) error {
			return setItem(s.pending, func(it *types.EvidenceItem) { it.Custodian = f.s(custB) })(t, f, s)
		}, "transfers", "but the item is held by"},
		{"integrity check count off", func(t *testing.T, f *fixture, s invState) error {
			return f.k.IntegrityChecks.Set(f.ctx, s.held, 7)
		}, "integrity-checks", "but its log holds 1 checks"},
		{"mismatch index without an entry", func(t *testing.T, f *fixture, s invState) error {
			return f.k.IntegrityMismatches.Set(f.ctx, collections.Join(s.held, digestA))
		}, "integrity-checks", "without a mismatch entry"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f, s := newInvState(t)
			require.NoError(t, f.k.CheckInvariants(f.ctx))

			// ACT
			require.NoError(t, tc.corrupt(t, f, s))

			// ASSERT: the named invariant reports it, and so does CheckInvariants.
			testkeeper.RequireInvariantBroken(t, f.ctx, f.k.Invariants(), f.k.CheckInvariants(f.ctx), types.ModuleName, tc.invariant, tc.want)
		})
	}
}
