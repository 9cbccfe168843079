package types

import (
	"strings"

	errorsmod "cosmossdk.io/errors"
)

// Transition is one legal edge of the evidence lifecycle.
type Transition struct {
	From EvidenceStatus
	To   EvidenceStatus
}

// Transitions is THE evidence lifecycle: the only status changes an item may
// make. Every handler that changes an item's status checks it through
// ValidateTransition; README.md shows the same table.
var Transitions = []Transition{
	{EvidenceStatusRegistered, EvidenceStatusInCustody},      // TakeCustody
	{EvidenceStatusInCustody, EvidenceStatusTransferPending}, // ProposeTransfer
	{EvidenceStatusTransferPending, EvidenceStatusInCustody}, // AcceptTransfer, RejectTransfer, CancelTransfer
	{EvidenceStatusInCustody, EvidenceStatusInAnalysis},      // StartAnalysis
	{EvidenceStatusInAnalysis, EvidenceStatusAnalyzed},       // CompleteAnalysis
	{EvidenceStatusAnalyzed, EvidenceStatusSubmitted},        // SubmitToCourt
	{EvidenceStatusSubmitted, EvidenceStatusAdmitted},        // RecordCourtDecision(ADMITTED)
	{EvidenceStatusSubmitted, EvidenceStatusExcluded},        // RecordCourtDecision(EXCLUDED)
	{EvidenceStatusAdmitted, EvidenceStatusArchived},         // Archive
	{EvidenceStatusExcluded, EvidenceStatusArchived},         // Archive
	{EvidenceStatusArchived, EvidenceStatusDisposed},         // Dispose
	{EvidenceStatusArchived, EvidenceStatusReturned},         // Return
}

// CanTransition reports whether the lifecycle has the edge from -> to.
func CanTransition(from, to EvidenceStatus) bool {
	for _, t := range Transitions {
		if t.From == from && t.To == to {
			return true
		}
	}
	return false
}

// ValidateTransition returns ErrInvalidTransition, naming the current and the
// requested status, unless the lifecycle has the edge from -> to.
func ValidateTransition(from, to EvidenceStatus) error {
	if !CanTransition(from, to) {
		return errorsmod.Wrapf(ErrInvalidTransition, "evidence cannot go from %s to %s", from.Label(), to.Label())
	}
	return nil
}

// ValidateCaseTransition is the case lifecycle: OPEN -> CLOSED only.
func ValidateCaseTransition(from, to CaseStatus) error {
	if from != CaseStatusOpen || to != CaseStatusClosed {
		return errorsmod.Wrapf(ErrInvalidTransition, "case cannot go from %s to %s", from.Label(), to.Label())
	}
	return nil
}

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s EvidenceStatus) IsValid() bool {
	_, ok := EvidenceStatus_name[int32(s)]
	return ok && s != EvidenceStatusUnspecified
}

// Label is the status without its enum prefix, e.g. "IN_CUSTODY".
func (s EvidenceStatus) Label() string {
	return strings.TrimPrefix(s.String(), "EVIDENCE_STATUS_")
}

// IsValid reports whether s is OPEN or CLOSED.
func (s CaseStatus) IsValid() bool {
	return s == CaseStatusOpen || s == CaseStatusClosed
}

// Label is the status without its enum prefix, e.g. "OPEN".
func (s CaseStatus) Label() string {
	return strings.TrimPrefix(s.String(), "CASE_STATUS_")
}

// IsValid reports whether a is a named action other than UNSPECIFIED.
func (a CustodyAction) IsValid() bool {
	_, ok := CustodyAction_name[int32(a)]
	return ok && a != CustodyActionUnspecified
}

// IsIntegrityCheck reports whether a is INTEGRITY_MATCH or INTEGRITY_MISMATCH.
func (a CustodyAction) IsIntegrityCheck() bool {
	return a == CustodyActionIntegrityMatch || a == CustodyActionIntegrityMismatch
}

// KeepsStatus reports whether a custody entry of action a leaves the status
// as it was: integrity checks and reclaims of custody.
func (a CustodyAction) KeepsStatus() bool {
	return a.IsIntegrityCheck() || a == CustodyActionCustodyReclaimed
}

// Reclaimable is the status an item must be in for its custody to be
// reclaimed from a custodian who can no longer act for the custodian agency,
// and the role the new custodian needs: IN_CUSTODY (evidence.custodian) and
// IN_ANALYSIS (evidence.analyst). In the other statuses nobody in particular
// holds the item: any member with the role acts on it.
func Reclaimable(s EvidenceStatus) (role string, ok bool) {
	switch s {
	case EvidenceStatusInCustody:
		return RoleCustodian, true
	case EvidenceStatusInAnalysis:
		return RoleAnalyst, true
	default:
		return "", false
	}
}

// Status is the evidence status a court decision leads to.
func (d CourtDecision) Status() (EvidenceStatus, error) {
	switch d {
	case CourtDecisionAdmitted:
		return EvidenceStatusAdmitted, nil
	case CourtDecisionExcluded:
		return EvidenceStatusExcluded, nil
	default:
		return EvidenceStatusUnspecified, errorsmod.Wrapf(ErrInvalidDecision, "decision must be ADMITTED or EXCLUDED, got %s", d)
	}
}
