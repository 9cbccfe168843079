package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/evidence/types"
)

// Invariants of the module state: the custody log is unbroken and ends where its item is,
// every index entry points to an existing record and every record is indexed, and no record
// refers to a missing one. Each check walks the whole store, so they are for tests and
// simulations (app/sim_test.go), never for a block hook; the crisis module is not wired.
// Each returns nil or an error naming the broken record.

// Invariant is one named check of the module state.
type Invariant struct {
	Name  string
	Check func(ctx context.Context) error
}

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []Invariant {
	return []Invariant{
		{"cases", k.CasesInvariant},
		{"case-indexes", k.CaseIndexesInvariant},
		{"items", k.ItemsInvariant},
		{"item-indexes", k.ItemIndexesInvariant},
		{"custody-log", k.CustodyLogInvariant},
		{"transfers", k.TransfersInvariant},
		{"integrity-checks", k.IntegrityChecksInvariant},
	}
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
	err := k.CustodyLog.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], e types.CustodyEvent) (bool, error) {
		if e.Action.IsIntegrityCheck() {
			counts[e.EvidenceId]++
		}
		if e.Action == types.CustodyActionIntegrityMismatch {
			key := mismatch{e.EvidenceId, e.NoteDigest}
			if mismatches[key] {
				return true, fmt.Errorf("evidence %d records the mismatch with digest %s twice", e.EvidenceId, e.NoteDigest)
			}
			mismatches[key] = true
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	stored := 0
	if err := k.IntegrityChecks.Walk(ctx, nil, func(id, n uint64) (bool, error) {
		stored++
		if counts[id] != n {
			return true, fmt.Errorf("evidence %d: integrity_checks is %d but its log holds %d checks", id, n, counts[id])
		}
		return false, nil
	}); err != nil {
		return err
	}
	if stored != len(counts) {
		return fmt.Errorf("integrity_checks has %d entries but %d items have checks", stored, len(counts))
	}
	indexed := 0
	if err := k.IntegrityMismatches.Walk(ctx, nil, func(key collections.Pair[uint64, string]) (bool, error) {
		indexed++
		if !mismatches[mismatch{key.K1(), key.K2()}] {
			return true, fmt.Errorf("integrity_mismatches has (%d, %s) without a mismatch entry", key.K1(), key.K2())
		}
		return false, nil
	}); err != nil {
		return err
	}
	if indexed != len(mismatches) {
		return fmt.Errorf("integrity_mismatches has %d entries but the logs record %d mismatches", indexed, len(mismatches))
	}
	return nil
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	var errs []error
	for _, inv := range k.Invariants() {
		if err := inv.Check(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s invariant %q broken: %w", types.ModuleName, inv.Name, err))
		}
	}
	return errors.Join(errs...)
}

// CasesInvariant checks every case: stored under its own id, an id already issued, a valid
// status with closed_at set exactly when CLOSED, indexed by agency and by reference, and
// evidence_count equal to the number of its items.
func (k Keeper) CasesInvariant(ctx context.Context) error {
	last, err := k.NextCaseID.Peek(ctx)
	if err != nil {
		return err
	}
	return k.Cases.Walk(ctx, nil, func(id uint64, c types.Case) (bool, error) {
		if c.Id != id || id == 0 || id > last {
			return true, fmt.Errorf("case stored under %d has id %d (ids issued: 1..%d)", id, c.Id, last)
		}
		if !c.Status.IsValid() || (c.Status == types.CaseStatusClosed) == c.ClosedAt.IsZero() {
			return true, fmt.Errorf("case %d is %s with closed_at %v", id, c.Status.Label(), c.ClosedAt)
		}
		has, err := k.CasesByAgency.Has(ctx, collections.Join(c.AgencyId, id))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("case %d is not in the cases-by-agency index under agency %q", id, c.AgencyId)
		}
		ref, err := k.CaseByReference.Get(ctx, collections.Join(c.AgencyId, c.ReferenceDigest))
		switch {
		case errors.Is(err, collections.ErrNotFound):
			return true, fmt.Errorf("case %d is not in the case-by-reference index", id)
		case err != nil:
			return true, err
		case ref != id:
			return true, fmt.Errorf("the reference of case %d is indexed to case %d", id, ref)
		}
		n, err := k.countItemsOfCase(ctx, id)
		if err != nil {
			return true, err
		}
		if n != c.EvidenceCount {
			return true, fmt.Errorf("case %d has evidence_count %d but %d items", id, c.EvidenceCount, n)
		}
		return false, nil
	})
}

// CaseIndexesInvariant checks that every cases-by-agency and case-by-reference entry points
// to an existing case with that agency (and reference).
func (k Keeper) CaseIndexesInvariant(ctx context.Context) error {
	if err := k.CasesByAgency.Walk(ctx, nil, func(key collections.Pair[string, uint64]) (bool, error) {
		c, err := k.Cases.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("cases-by-agency entry (%q, %d) points to no case", key.K1(), key.K2())
		} else if err != nil {
			return true, err
		}
		if c.AgencyId != key.K1() {
			return true, fmt.Errorf("cases-by-agency entry (%q, %d) points to a case of agency %q", key.K1(), key.K2(), c.AgencyId)
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.CaseByReference.Walk(ctx, nil, func(key collections.Pair[string, string], id uint64) (bool, error) {
		c, err := k.Cases.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("case-by-reference entry (%q, %s) points to case %d, which does not exist", key.K1(), key.K2(), id)
		} else if err != nil {
			return true, err
		}
		if c.AgencyId != key.K1() || c.ReferenceDigest != key.K2() {
			return true, fmt.Errorf("case-by-reference entry (%q, %s) points to case %d of agency %q with reference %s",
				key.K1(), key.K2(), id, c.AgencyId, c.ReferenceDigest)
		}
		return false, nil
	})
}

// ItemsInvariant checks every item: stored under its own id, an id already issued, a valid
// status, its case exists, its parent (if any) is an earlier item of the same case, and it is
// indexed by case, by exhibit number and by digest.
func (k Keeper) ItemsInvariant(ctx context.Context) error {
	last, err := k.NextEvidenceID.Peek(ctx)
	if err != nil {
		return err
	}
	return k.Items.Walk(ctx, nil, func(id uint64, it types.EvidenceItem) (bool, error) {
		if it.Id != id || id == 0 || id > last {
			return true, fmt.Errorf("evidence stored under %d has id %d (ids issued: 1..%d)", id, it.Id, last)
		}
		if !it.Status.IsValid() {
			return true, fmt.Errorf("evidence %d has status %s", id, it.Status)
		}
		has, err := k.Cases.Has(ctx, it.CaseId)
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("evidence %d belongs to case %d, which does not exist", id, it.CaseId)
		}
		if it.ParentId != 0 {
			parent, err := k.Items.Get(ctx, it.ParentId)
			if errors.Is(err, collections.ErrNotFound) {
				return true, fmt.Errorf("evidence %d is derived from evidence %d, which does not exist", id, it.ParentId)
			} else if err != nil {
				return true, err
			}
			if it.ParentId >= id || parent.CaseId != it.CaseId {
				return true, fmt.Errorf("evidence %d of case %d is derived from evidence %d of case %d (a parent is an earlier item of the same case)",
					id, it.CaseId, it.ParentId, parent.CaseId)
			}
		}
		if has, err = k.ItemsByCase.Has(ctx, collections.Join(it.CaseId, id)); err != nil {
			return true, err
		} else if !has {
			return true, fmt.Errorf("evidence %d is not in the items-by-case index under case %d", id, it.CaseId)
		}
		ex, err := k.ItemByExhibit.Get(ctx, collections.Join(it.CaseId, it.ExhibitNumber))
		switch {
		case errors.Is(err, collections.ErrNotFound):
			return true, fmt.Errorf("evidence %d is not in the item-by-exhibit index (case %d, exhibit %q)", id, it.CaseId, it.ExhibitNumber)
		case err != nil:
			return true, err
		case ex != id:
			return true, fmt.Errorf("exhibit %q of case %d is indexed to evidence %d, not evidence %d", it.ExhibitNumber, it.CaseId, ex, id)
		}
		if has, err = k.ItemsByDigest.Has(ctx, collections.Join(it.Digest, id)); err != nil {
			return true, err
		} else if !has {
			return true, fmt.Errorf("evidence %d is not in the items-by-digest index", id)
		}
		return false, nil
	})
}

// ItemIndexesInvariant checks that every items-by-case, item-by-exhibit and items-by-digest
// entry points to an existing item with that case, exhibit number or digest.
func (k Keeper) ItemIndexesInvariant(ctx context.Context) error {
	item := func(what string, id uint64) (types.EvidenceItem, error) {
		it, err := k.Items.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) {
			return it, fmt.Errorf("%s points to evidence %d, which does not exist", what, id)
		}
		return it, err
	}
	if err := k.ItemsByCase.Walk(ctx, nil, func(key collections.Pair[uint64, uint64]) (bool, error) {
		what := fmt.Sprintf("items-by-case entry (%d, %d)", key.K1(), key.K2())
		it, err := item(what, key.K2())
		if err != nil {
			return true, err
		}
		if it.CaseId != key.K1() {
			return true, fmt.Errorf("%s points to an item of case %d", what, it.CaseId)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.ItemByExhibit.Walk(ctx, nil, func(key collections.Pair[uint64, string], id uint64) (bool, error) {
		what := fmt.Sprintf("item-by-exhibit entry (%d, %q)", key.K1(), key.K2())
		it, err := item(what, id)
		if err != nil {
			return true, err
		}
		if it.CaseId != key.K1() || it.ExhibitNumber != key.K2() {
			return true, fmt.Errorf("%s points to evidence %d, exhibit %q of case %d", what, id, it.ExhibitNumber, it.CaseId)
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.ItemsByDigest.Walk(ctx, nil, func(key collections.Pair[string, uint64]) (bool, error) {
		what := fmt.Sprintf("items-by-digest entry (%s, %d)", key.K1(), key.K2())
		it, err := item(what, key.K2())
		if err != nil {
			return true, err
		}
		if it.Digest != key.K1() {
			return true, fmt.Errorf("%s points to an item with digest %s", what, it.Digest)
		}
		return false, nil
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
	err := k.CustodyLog.Walk(ctx, nil, func(key collections.Pair[uint64, uint64], e types.CustodyEvent) (bool, error) {
		id, seq := key.K1(), key.K2()
		if id != cur.id {
			if err := finish(); err != nil {
				return true, err
			}
			cur = run{id: id}
			logged[id] = true
		}
		if e.EvidenceId != id || e.Seq != seq {
			return true, fmt.Errorf("custody entry stored under (%d, %d) says (%d, %d)", id, seq, e.EvidenceId, e.Seq)
		}
		if seq != cur.seq+1 {
			return true, fmt.Errorf("custody log of evidence %d: entry %d follows entry %d", id, seq, cur.seq)
		}
		if err := checkCustodyEntry(e, cur.status); err != nil {
			return true, fmt.Errorf("custody log of evidence %d, entry %d: %w", id, seq, err)
		}
		cur.seq, cur.status = seq, e.ToStatus
		return false, nil
	})
	if err != nil {
		return err
	}
	if err := finish(); err != nil {
		return err
	}
	if err := k.Items.Walk(ctx, nil, func(id uint64, _ types.EvidenceItem) (bool, error) {
		if !logged[id] {
			return true, fmt.Errorf("evidence %d has no custody log", id)
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.CustodyHead.Walk(ctx, nil, func(id, seq uint64) (bool, error) {
		if !logged[id] {
			return true, fmt.Errorf("custody head of evidence %d (seq %d) points to an empty log", id, seq)
		}
		return false, nil
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
// stored under its item, proposed by the item's custodian for the custodian agency to
// another account, and indexed by receiver; and every receiver index entry points to an open
// transfer to that receiver.
func (k Keeper) TransfersInvariant(ctx context.Context) error {
	if err := k.Transfers.Walk(ctx, nil, func(id uint64, t types.Transfer) (bool, error) {
		if t.EvidenceId != id {
			return true, fmt.Errorf("transfer stored under evidence %d names evidence %d", id, t.EvidenceId)
		}
		it, err := k.Items.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("transfer of evidence %d: the item does not exist", id)
		} else if err != nil {
			return true, err
		}
		if it.Status != types.EvidenceStatusTransferPending {
			return true, fmt.Errorf("evidence %d has an open transfer but is %s", id, it.Status.Label())
		}
		if t.Proposer != it.Custodian || t.ProposerAgency != it.CustodianAgency {
			return true, fmt.Errorf("transfer of evidence %d was proposed by %s for agency %q, but the item is held by %s for agency %q",
				id, t.Proposer, t.ProposerAgency, it.Custodian, it.CustodianAgency)
		}
		if t.Receiver == t.Proposer {
			return true, fmt.Errorf("transfer of evidence %d is addressed to its proposer", id)
		}
		receiver, err := k.addressCodec.StringToBytes(t.Receiver)
		if err != nil {
			return true, fmt.Errorf("transfer of evidence %d: receiver %q: %w", id, t.Receiver, err)
		}
		has, err := k.TransfersByReceiver.Has(ctx, collections.Join(sdk.AccAddress(receiver), id))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("transfer of evidence %d is not in the transfers-by-receiver index", id)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.Items.Walk(ctx, nil, func(id uint64, it types.EvidenceItem) (bool, error) {
		if it.Status != types.EvidenceStatusTransferPending {
			return false, nil
		}
		has, err := k.Transfers.Has(ctx, id)
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("evidence %d is TRANSFER_PENDING but has no open transfer", id)
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.TransfersByReceiver.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		t, err := k.Transfers.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("transfers-by-receiver entry for evidence %d points to no open transfer", key.K2())
		} else if err != nil {
			return true, err
		}
		receiver, err := k.addressCodec.StringToBytes(t.Receiver)
		if err != nil {
			return true, err
		}
		if !bytes.Equal(receiver, key.K1()) {
			return true, fmt.Errorf("transfers-by-receiver entry for evidence %d names another receiver than %s", key.K2(), t.Receiver)
		}
		return false, nil
	})
}

// countItemsOfCase counts the items-by-case entries of a case.
func (k Keeper) countItemsOfCase(ctx context.Context, caseID uint64) (uint64, error) {
	var n uint64
	err := k.ItemsByCase.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](caseID), func(collections.Pair[uint64, uint64]) (bool, error) {
		n++
		return false, nil
	})
	return n, err
}
