package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/enum"
	"github.com/civicchain/civic/internal/lifecycle"
)

// Transitions is THE evidence lifecycle: the only status changes an item may
// make. Every handler that changes an item's status checks it through
// ValidateTransition; README.md shows the same table.
var Transitions = lifecycle.Table[EvidenceStatus]{
	{From: EvidenceStatusRegistered, To: EvidenceStatusInCustody},      // TakeCustody
	{From: EvidenceStatusInCustody, To: EvidenceStatusTransferPending}, // ProposeTransfer
	{From: EvidenceStatusTransferPending, To: EvidenceStatusInCustody}, // AcceptTransfer, RejectTransfer, CancelTransfer
	{From: EvidenceStatusInCustody, To: EvidenceStatusInAnalysis},      // StartAnalysis
	{From: EvidenceStatusInAnalysis, To: EvidenceStatusAnalyzed},       // CompleteAnalysis
	{From: EvidenceStatusAnalyzed, To: EvidenceStatusSubmitted},        // SubmitToCourt
	{From: EvidenceStatusSubmitted, To: EvidenceStatusAdmitted},        // RecordCourtDecision(ADMITTED)
	{From: EvidenceStatusSubmitted, To: EvidenceStatusExcluded},        // RecordCourtDecision(EXCLUDED)
	{From: EvidenceStatusAdmitted, To: EvidenceStatusArchived},         // Archive
	{From: EvidenceStatusExcluded, To: EvidenceStatusArchived},         // Archive
	{From: EvidenceStatusArchived, To: EvidenceStatusDisposed},         // Dispose
	{From: EvidenceStatusArchived, To: EvidenceStatusReturned},         // Return
}

// CaseTransitions is the case lifecycle: OPEN -> CLOSED only (CloseCase).
var CaseTransitions = lifecycle.Table[CaseStatus]{
	{From: CaseStatusOpen, To: CaseStatusClosed},
}

// CanTransition reports whether the lifecycle has the edge from -> to.
func CanTransition(from, to EvidenceStatus) bool {
	return Transitions.Allows(from, to)
}

// ValidateTransition returns ErrInvalidTransition, naming the current and the
// requested status, unless the lifecycle has the edge from -> to.
func ValidateTransition(from, to EvidenceStatus) error {
	return invalidTransition(Transitions.Check("evidence", from, to))
}

// ValidateCaseTransition returns ErrInvalidTransition, naming the current and
// the requested status, unless the case lifecycle has the edge from -> to.
func ValidateCaseTransition(from, to CaseStatus) error {
	return invalidTransition(CaseTransitions.Check("case", from, to))
}

// invalidTransition wraps a lifecycle.Table.Check failure in ErrInvalidTransition.
func invalidTransition(err error) error {
	if err == nil {
		return nil
	}
	return errorsmod.Wrap(ErrInvalidTransition, err.Error())
}

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s EvidenceStatus) IsValid() bool { return enum.Named(EvidenceStatus_name, s) }

// Label is the status without its enum prefix, e.g. "IN_CUSTODY".
func (s EvidenceStatus) Label() string { return enum.Label(EvidenceStatus_name, s) }

// IsValid reports whether s is OPEN or CLOSED.
func (s CaseStatus) IsValid() bool { return enum.Named(CaseStatus_name, s) }

// Label is the status without its enum prefix, e.g. "OPEN".
func (s CaseStatus) Label() string { return enum.Label(CaseStatus_name, s) }

// IsValid reports whether a is a named action other than UNSPECIFIED.
func (a CustodyAction) IsValid() bool { return enum.Named(CustodyAction_name, a) }

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
