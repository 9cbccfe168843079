package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/invariant"
	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/evidence/types"
)

// Invariants of the module state: the custody log is unbroken and ends where its item is, the
// custody heads and integrity counters equal what the logs hold, case item counts equal the
// items, open transfers match the items awaiting them, and no record refers to a missing one.
// The record indexes are kept by collections (IndexedMap), so no invariant re-checks them.
// Each check walks the whole store, so they are for tests and simulations (app/sim_test.go),
// never for a block hook; the crisis module is not wired. Each returns nil or an error naming
// the broken record.

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []invariant.Invariant {
	return []invariant.Invariant{
		{Name: "cases", Check: k.CasesInvariant},
		{Name: "items", Check: k.ItemsInvariant},
		{Name: "custody-log", Check: k.CustodyLogInvariant},
		{Name: "transfers", Check: k.TransfersInvariant},
		{Name: "integrity-checks", Check: k.IntegrityChecksInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	return invariant.Run(ctx, types.ModuleName, k.Invariants())
}

// IntegrityChecksInvariant checks the two collections derived from the integrity
// entries of the custody logs: IntegrityChecks holds, for each item with any, the
// number of its INTEGRITY_MATCH/MISMATCH entries, and IntegrityMismatches holds
// exactly the (item, presented digest) of its INTEGRITY_MISMATCH entries, each once.
func (k Keeper) IntegrityChecksInvariant(ctx context.Context) error {
	counts := make(map[uint64]uint64)
	type mismatch struct {
		id     uint64
		digest string
	}
	mismatches := make(map[mismatch]bool)
	err := walk.Each(ctx, k.CustodyLog, func(_ collections.Pair[uint64, uint64], e types.CustodyEvent) error {
		if e.Action.IsIntegrityCheck() {
			counts[e.EvidenceId]++
		}
		if e.Action == types.CustodyActionIntegrityMismatch {
			key := mismatch{e.EvidenceId, e.NoteDigest}
			if mismatches[key] {
				return fmt.Errorf("evidence %d records the mismatch with digest %s twice", e.EvidenceId, e.NoteDigest)
			}
			mismatches[key] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	stored := 0
	if err := walk.Each(ctx, k.IntegrityChecks, func(id, n uint64) error {
		stored++
		if counts[id] != n {
			return fmt.Errorf("evidence %d: integrity_checks is %d but its log holds %d checks", id, n, counts[id])
		}
		return nil
	}); err != nil {
		return err
	}
	if stored != len(counts) {
		return fmt.Errorf("integrity_checks has %d entries but %d items have checks", stored, len(counts))
	}
	indexed, err := walk.Keys(ctx, k.IntegrityMismatches)
	if err != nil {
		return err
	}
	for _, key := range indexed {
		if !mismatches[mismatch{key.K1(), key.K2()}] {
			return fmt.Errorf("integrity_mismatches has (%d, %s) without a mismatch entry", key.K1(), key.K2())
		}
	}
	if len(indexed) != len(mismatches) {
		return fmt.Errorf("integrity_mismatches has %d entries but the logs record %d mismatches", len(indexed), len(mismatches))
	}
	return nil
}

// CasesInvariant checks every case: stored under its own id, an id already issued, a valid
// status with closed_at set exactly when CLOSED, and evidence_count equal to the number of
// its items.
func (k Keeper) CasesInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastCaseID, k.Cases, "case", (*types.Case).GetId, func(id uint64, c types.Case) error {
		if !c.Status.IsValid() || (c.Status == types.CaseStatusClosed) == c.ClosedAt.IsZero() {
			return fmt.Errorf("case %d is %s with closed_at %v", id, c.Status.Label(), c.ClosedAt)
		}
		n, err := k.countItemsOfCase(ctx, id)
		if err != nil {
			return err
		}
		if n != c.EvidenceCount {
			return fmt.Errorf("case %d has evidence_count %d but %d items", id, c.EvidenceCount, n)
		}
		return nil
	})
}

// ItemsInvariant checks every item: stored under its own id, an id already issued, a valid
// status, its case exists, and its parent (if any) is an earlier item of the same case.
func (k Keeper) ItemsInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastEvidenceID, k.Items, "evidence", (*types.EvidenceItem).GetId, func(id uint64, it types.EvidenceItem) error {
		if !it.Status.IsValid() {
			return fmt.Errorf("evidence %d has status %s", id, it.Status)
		}
		has, err := k.Cases.Has(ctx, it.CaseId)
		if err != nil {
			return err
		}
		if !has {
			return fmt.Errorf("evidence %d belongs to case %d, which does not exist", id, it.CaseId)
		}
		if it.ParentId != 0 {
			parent, err := k.Items.Get(ctx, it.ParentId)
			if errors.Is(err, collections.ErrNotFound) {
				return fmt.Errorf("evidence %d is derived from evidence %d, which does not exist", id, it.ParentId)
			} else if err != nil {
				return err
			}
			if it.ParentId >= id || parent.CaseId != it.CaseId {
				return fmt.Errorf("evidence %d of case %d is derived from evidence %d of case %d (a parent is an earlier item of the same case)",
					id, it.CaseId, it.ParentId, parent.CaseId)
			}
		}
		return nil
	})
}

// CustodyLogInvariant checks the custody log: every entry belongs to an existing item and
// repeats its own key; each item's entries are numbered 1..n without gaps, the first is
// REGISTERED (UNSPECIFIED -> REGISTERED), each later one is a lifecycle edge (or an
// integrity check, which keeps the status) starting where the previous one ended, and the
// last ends in the item's status. Every item has a log, and the item's custody head holds
// the seq of its last entry; no head exists without a log.
func (k Keeper) CustodyLogInvariant(ctx context.Context) error {
	type run struct {
		id     uint64
		seq    uint64
		status types.EvidenceStatus
	}
	var cur run
	finish := func() error {
		if cur.id == 0 {
			return nil
		}
		it, err := k.Items.Get(ctx, cur.id)
		if errors.Is(err, collections.ErrNotFound) {
			return fmt.Errorf("custody log of evidence %d: the item does not exist", cur.id)
		} else if err != nil {
			return err
		}
		if it.Status != cur.status {
			return fmt.Errorf("evidence %d is %s but its custody log (%d entries) ends in %s", cur.id, it.Status.Label(), cur.seq, cur.status.Label())
		}
		head, err := k.CustodyHead.Get(ctx, cur.id)
		if errors.Is(err, collections.ErrNotFound) {
			return fmt.Errorf("custody log of evidence %d has no head entry", cur.id)
		} else if err != nil {
			return err
		}
		if head != cur.seq {
			return fmt.Errorf("custody head of evidence %d is %d but its log has %d entries", cur.id, head, cur.seq)
		}
		return nil
	}
	logged := make(map[uint64]bool)
	err := walk.Each(ctx, k.CustodyLog, func(key collections.Pair[uint64, uint64], e types.CustodyEvent) error {
		id, seq := key.K1(), key.K2()
		if id != cur.id {
			if err := finish(); err != nil {
				return err
			}
			cur = run{id: id}
			logged[id] = true
		}
		if e.EvidenceId != id || e.Seq != seq {
			return fmt.Errorf("custody entry stored under (%d, %d) says (%d, %d)", id, seq, e.EvidenceId, e.Seq)
		}
		if seq != cur.seq+1 {
			return fmt.Errorf("custody log of evidence %d: entry %d follows entry %d", id, seq, cur.seq)
		}
		if err := checkCustodyEntry(e, cur.status); err != nil {
			return fmt.Errorf("custody log of evidence %d, entry %d: %w", id, seq, err)
		}
		cur.seq, cur.status = seq, e.ToStatus
		return nil
	})
	if err != nil {
		return err
	}
	if err := finish(); err != nil {
		return err
	}
	if err := walk.Each(ctx, k.Items, func(id uint64, _ types.EvidenceItem) error {
		if !logged[id] {
			return fmt.Errorf("evidence %d has no custody log", id)
		}
		return nil
	}); err != nil {
		return err
	}
	return walk.Each(ctx, k.CustodyHead, func(id, seq uint64) error {
		if !logged[id] {
			return fmt.Errorf("custody head of evidence %d (seq %d) points to an empty log", id, seq)
		}
		return nil
	})
}

// checkCustodyEntry checks one entry against the status the log was at (UNSPECIFIED before
// the first entry).
func checkCustodyEntry(e types.CustodyEvent, at types.EvidenceStatus) error {
	if e.FromStatus != at {
		return fmt.Errorf("starts from %s but the log was at %s", e.FromStatus.Label(), at.Label())
	}
	if e.Seq == 1 {
		if e.Action != types.CustodyActionRegistered || e.ToStatus != types.EvidenceStatusRegistered {
			return fmt.Errorf("the first entry is %s to %s, not REGISTERED", e.Action, e.ToStatus.Label())
		}
		return nil
	}
	switch e.Action {
	case types.CustodyActionRegistered, types.CustodyActionUnspecified:
		return fmt.Errorf("action %s after the first entry", e.Action)
	case types.CustodyActionIntegrityMatch, types.CustodyActionIntegrityMismatch, types.CustodyActionCustodyReclaimed:
		if e.ToStatus != e.FromStatus {
			return fmt.Errorf("%s moved the item from %s to %s", e.Action, e.FromStatus.Label(), e.ToStatus.Label())
		}
		return nil
	default:
		return types.ValidateTransition(e.FromStatus, e.ToStatus)
	}
}

// TransfersInvariant checks open transfers: one exactly for each TRANSFER_PENDING item,
// stored under its item, and proposed by the item's custodian for the custodian agency to
// another account.
func (k Keeper) TransfersInvariant(ctx context.Context) error {
	if err := walk.Each(ctx, k.Transfers, func(id uint64, t types.Transfer) error {
		if t.EvidenceId != id {
			return fmt.Errorf("transfer stored under evidence %d names evidence %d", id, t.EvidenceId)
		}
		it, err := k.Items.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) {
			return fmt.Errorf("transfer of evidence %d: the item does not exist", id)
		} else if err != nil {
			return err
		}
		if it.Status != types.EvidenceStatusTransferPending {
			return fmt.Errorf("evidence %d has an open transfer but is %s", id, it.Status.Label())
		}
		if t.Proposer != it.Custodian || t.ProposerAgency != it.CustodianAgency {
			return fmt.Errorf("transfer of evidence %d was proposed by %s for agency %q, but the item is held by %s for agency %q",
				id, t.Proposer, t.ProposerAgency, it.Custodian, it.CustodianAgency)
		}
		if t.Receiver == t.Proposer {
			return fmt.Errorf("transfer of evidence %d is addressed to its proposer", id)
		}
		return nil
	}); err != nil {
		return err
	}
	return walk.Each(ctx, k.Items, func(id uint64, it types.EvidenceItem) error {
		if it.Status != types.EvidenceStatusTransferPending {
			return nil
		}
		has, err := k.Transfers.Has(ctx, id)
		if err != nil {
			return err
		}
		if !has {
			return fmt.Errorf("evidence %d is TRANSFER_PENDING but has no open transfer", id)
		}
		return nil
	})
}

// countItemsOfCase counts the items of a case (its entries in the items' case index).
func (k Keeper) countItemsOfCase(ctx context.Context, caseID uint64) (uint64, error) {
	var n uint64
	err := k.Items.Indexes.Case.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](caseID), func(uint64, uint64) (bool, error) {
		n++
		return false, nil
	})
	return n, err
}
