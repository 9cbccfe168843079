package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"

	"cosmossdk.io/core/address"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/internal/text"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// DefaultGenesis is the state of a new chain: default params, nothing stored,
// ids starting at 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Params:         DefaultParams(),
		NextCaseId:     1,
		NextEvidenceId: 1,
	}
}

// Validate checks the genesis state is one the msg server could have produced:
// unique ids below the next ids, references that resolve (case, parent in the
// same case, transfer item), exhibit numbers and case references unique, every
// item's custody log numbered 1..n in order and ending in the item's status,
// and one open transfer exactly for each TRANSFER_PENDING item. Addresses are
// checked by ValidateAddresses, which needs the chain's address codec.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	if gs.NextCaseId == 0 || gs.NextEvidenceId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_case_id and next_evidence_id start at 1")
	}

	cases := make(map[uint64]Case, len(gs.Cases))
	refs := make(map[[2]string]struct{}, len(gs.Cases))
	for _, c := range gs.Cases {
		if err := genesisio.CheckID("case", c.Id, gs.NextCaseId, cases); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if err := agencytypes.ValidateAgencyID(c.AgencyId); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "case %d: %s", c.Id, err)
		}
		if err := ValidateDigest("reference_digest", c.ReferenceDigest); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "case %d: %s", c.Id, err)
		}
		ref := [2]string{c.AgencyId, c.ReferenceDigest}
		if _, dup := refs[ref]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "case %d: agency %q already has a case with reference %s", c.Id, c.AgencyId, c.ReferenceDigest)
		}
		refs[ref] = struct{}{}
		if !c.Status.IsValid() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "case %d: invalid status %s", c.Id, c.Status)
		}
		if c.OpenedBy == "" || c.OpenedAt.IsZero() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "case %d: opened_by and opened_at are required", c.Id)
		}
		if (c.Status == CaseStatusClosed) == c.ClosedAt.IsZero() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "case %d: closed_at must be set exactly when the case is closed", c.Id)
		}
		cases[c.Id] = c
	}

	items := make(map[uint64]EvidenceItem, len(gs.Items))
	for _, it := range gs.Items {
		if err := genesisio.CheckID("evidence", it.Id, gs.NextEvidenceId, items); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		items[it.Id] = it
	}
	perCase := make(map[uint64]uint64, len(gs.Cases))
	exhibits := make(map[uint64]map[string]struct{}, len(gs.Cases))
	for _, it := range gs.Items {
		if _, ok := cases[it.CaseId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d: unknown case %d", it.Id, it.CaseId)
		}
		if err := validateItemFields(it); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d: %s", it.Id, err)
		}
		if it.ParentId != 0 {
			// A parent is registered before its copies, so parent ids are
			// smaller: this also rules out cycles.
			parent, ok := items[it.ParentId]
			if !ok || it.ParentId >= it.Id || parent.CaseId != it.CaseId {
				return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d: parent %d must be an earlier item of case %d", it.Id, it.ParentId, it.CaseId)
			}
		}
		if exhibits[it.CaseId] == nil {
			exhibits[it.CaseId] = make(map[string]struct{})
		}
		if _, dup := exhibits[it.CaseId][it.ExhibitNumber]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d: exhibit number %q used twice in case %d", it.Id, it.ExhibitNumber, it.CaseId)
		}
		exhibits[it.CaseId][it.ExhibitNumber] = struct{}{}
		perCase[it.CaseId]++
	}
	for _, c := range gs.Cases {
		if c.EvidenceCount != perCase[c.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "case %d: evidence_count is %d but %d items name it", c.Id, c.EvidenceCount, perCase[c.Id])
		}
	}

	lastSeq := make(map[uint64]uint64, len(gs.Items))
	lastTo := make(map[uint64]EvidenceStatus, len(gs.Items))
	mismatches := make(map[string]struct{})
	for _, e := range gs.CustodyEvents {
		if _, ok := items[e.EvidenceId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "custody event %d: unknown evidence %d", e.Seq, e.EvidenceId)
		}
		if e.Seq != lastSeq[e.EvidenceId]+1 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d: custody event seq %d follows %d (want %d)", e.EvidenceId, e.Seq, lastSeq[e.EvidenceId], lastSeq[e.EvidenceId]+1)
		}
		if err := validateCustodyEventFields(e); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d custody event %d: %s", e.EvidenceId, e.Seq, err)
		}
		if e.Seq > 1 && e.FromStatus != lastTo[e.EvidenceId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d custody event %d starts from %s but the log was at %s", e.EvidenceId, e.Seq, e.FromStatus.Label(), lastTo[e.EvidenceId].Label())
		}
		if e.Action == CustodyActionIntegrityMismatch {
			key := fmt.Sprintf("%d/%s", e.EvidenceId, e.NoteDigest)
			if _, dup := mismatches[key]; dup {
				return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d custody event %d: mismatch with digest %s recorded twice", e.EvidenceId, e.Seq, e.NoteDigest)
			}
			mismatches[key] = struct{}{}
		}
		lastSeq[e.EvidenceId] = e.Seq
		lastTo[e.EvidenceId] = e.ToStatus
	}

	transfers := make(map[uint64]struct{}, len(gs.Transfers))
	for _, t := range gs.Transfers {
		it, ok := items[t.EvidenceId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "transfer: unknown evidence %d", t.EvidenceId)
		}
		if _, dup := transfers[t.EvidenceId]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d has two open transfers", t.EvidenceId)
		}
		transfers[t.EvidenceId] = struct{}{}
		if it.Status != EvidenceStatusTransferPending {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d has an open transfer but is %s", t.EvidenceId, it.Status.Label())
		}
		if t.Proposer == "" || t.Receiver == "" || t.Proposer == t.Receiver {
			return errorsmod.Wrapf(ErrInvalidGenesis, "transfer of evidence %d: proposer and receiver must be set and differ", t.EvidenceId)
		}
		if err := agencytypes.ValidateAgencyID(t.ProposerAgency); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "transfer of evidence %d: %s", t.EvidenceId, err)
		}
		if err := ValidateOptionalDigest("note_digest", t.NoteDigest); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "transfer of evidence %d: %s", t.EvidenceId, err)
		}
	}

	for _, it := range gs.Items {
		if lastSeq[it.Id] == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d has no custody log", it.Id)
		}
		if lastTo[it.Id] != it.Status {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d is %s but its custody log ends in %s", it.Id, it.Status.Label(), lastTo[it.Id].Label())
		}
		if _, open := transfers[it.Id]; (it.Status == EvidenceStatusTransferPending) != open {
			return errorsmod.Wrapf(ErrInvalidGenesis, "evidence %d is %s: an open transfer exists exactly for TRANSFER_PENDING items", it.Id, it.Status.Label())
		}
	}
	return nil
}

// ValidateAddresses checks every address in the state decodes with the chain's codec
// and is in its canonical (lowercase) form (accaddr.Parse, as in messages).
func (gs GenesisState) ValidateAddresses(ac address.Codec) error {
	check := func(what, addr string) error {
		if _, err := accaddr.Parse(ac, what, addr); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: invalid address %s: %s", what, text.Quote(addr), err)
		}
		return nil
	}
	for _, c := range gs.Cases {
		if err := check("case opened_by", c.OpenedBy); err != nil {
			return err
		}
	}
	for _, it := range gs.Items {
		if err := check("evidence custodian", it.Custodian); err != nil {
			return err
		}
	}
	for _, e := range gs.CustodyEvents {
		if err := check("custody event actor", e.Actor); err != nil {
			return err
		}
	}
	for _, t := range gs.Transfers {
		if err := check("transfer proposer", t.Proposer); err != nil {
			return err
		}
		if err := check("transfer receiver", t.Receiver); err != nil {
			return err
		}
	}
	return nil
}

func validateItemFields(it EvidenceItem) error {
	if err := ValidateExhibitNumber(it.ExhibitNumber); err != nil {
		return err
	}
	if err := ValidateDigest("digest", it.Digest); err != nil {
		return err
	}
	if err := ValidateSize(it.SizeBytes); err != nil {
		return err
	}
	if err := ValidateMediaType(it.MediaType); err != nil {
		return err
	}
	if err := ValidateLocator(it.Locator); err != nil {
		return err
	}
	if err := ValidateAcquisition(it.Acquisition, it.RegisteredAt); err != nil {
		return err
	}
	if it.Custodian == "" {
		return errorsmod.Wrap(ErrInvalidGenesis, "custodian is required")
	}
	if err := agencytypes.ValidateAgencyID(it.CustodianAgency); err != nil {
		return err
	}
	if !it.Status.IsValid() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "invalid status %s", it.Status)
	}
	return nil
}

func validateCustodyEventFields(e CustodyEvent) error {
	if !e.Action.IsValid() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "invalid action %s", e.Action)
	}
	if e.Seq == 1 {
		if e.Action != CustodyActionRegistered || e.FromStatus != EvidenceStatusUnspecified || e.ToStatus != EvidenceStatusRegistered {
			return errorsmod.Wrap(ErrInvalidGenesis, "the first entry must be REGISTERED, from UNSPECIFIED to REGISTERED")
		}
	} else {
		if e.Action == CustodyActionRegistered {
			return errorsmod.Wrap(ErrInvalidGenesis, "only the first entry may be REGISTERED")
		}
		keeps := e.Action.KeepsStatus()
		if keeps && (e.FromStatus != e.ToStatus || !e.ToStatus.IsValid()) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s does not change the status", e.Action)
		}
		if e.Action == CustodyActionCustodyReclaimed {
			if _, ok := Reclaimable(e.ToStatus); !ok {
				return errorsmod.Wrapf(ErrInvalidGenesis, "custody is reclaimed only IN_CUSTODY or IN_ANALYSIS, not %s", e.ToStatus.Label())
			}
		}
		if !keeps {
			if err := ValidateTransition(e.FromStatus, e.ToStatus); err != nil {
				return err
			}
		}
	}
	if e.Actor == "" || e.Time.IsZero() {
		return errorsmod.Wrap(ErrInvalidGenesis, "actor and time are required")
	}
	if err := agencytypes.ValidateAgencyID(e.AgencyId); err != nil {
		return err
	}
	return ValidateOptionalDigest("note_digest", e.NoteDigest)
}
