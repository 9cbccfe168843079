package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/lifecycle"
)

// ProgramTransitions is THE program lifecycle: ActivateProgram takes DRAFT ->
// ACTIVE, CloseProgram DRAFT or ACTIVE -> CLOSED. CLOSED is final.
var ProgramTransitions = lifecycle.Table[ProgramStatus]{
	{From: ProgramStatusDraft, To: ProgramStatusActive},
	{From: ProgramStatusDraft, To: ProgramStatusClosed},
	{From: ProgramStatusActive, To: ProgramStatusClosed},
}

// EnrolmentTransitions is THE enrolment lifecycle (OpenSPP program
// membership). Apply stores PENDING or DUPLICATED (no edge: a new record);
// DecideEligibility takes PENDING -> ENROLLED | NOT_ELIGIBLE;
// SetEnrolmentStatus ENROLLED <-> PAUSED and ENROLLED, PAUSED -> EXITED; a
// write releasing a lapsed enrolment takes PENDING, ENROLLED or PAUSED ->
// EXITED. NOT_ELIGIBLE, EXITED and DUPLICATED are final.
var EnrolmentTransitions = lifecycle.Table[EnrolmentStatus]{
	{From: EnrolmentStatusPending, To: EnrolmentStatusEnrolled},
	{From: EnrolmentStatusPending, To: EnrolmentStatusNotEligible},
	{From: EnrolmentStatusEnrolled, To: EnrolmentStatusPaused},
	{From: EnrolmentStatusPaused, To: EnrolmentStatusEnrolled},
	{From: EnrolmentStatusEnrolled, To: EnrolmentStatusExited},
	{From: EnrolmentStatusPaused, To: EnrolmentStatusExited},
	{From: EnrolmentStatusPending, To: EnrolmentStatusExited},
}

// EntitlementTransitions is THE entitlement lifecycle: AcceptEntitlement
// OFFERED -> ACCEPTED, DeclineEntitlement OFFERED -> DECLINED, the first
// payment ACCEPTED -> ACTIVE, SetEntitlementStatus ACTIVE <-> SUSPENDED and
// any live status -> ENDED (so does an enrolment's exit). ENDED and DECLINED
// are final.
var EntitlementTransitions = lifecycle.Table[EntitlementStatus]{
	{From: EntitlementStatusOffered, To: EntitlementStatusAccepted},
	{From: EntitlementStatusOffered, To: EntitlementStatusDeclined},
	{From: EntitlementStatusAccepted, To: EntitlementStatusActive},
	{From: EntitlementStatusActive, To: EntitlementStatusSuspended},
	{From: EntitlementStatusSuspended, To: EntitlementStatusActive},
	{From: EntitlementStatusOffered, To: EntitlementStatusEnded},
	{From: EntitlementStatusAccepted, To: EntitlementStatusEnded},
	{From: EntitlementStatusActive, To: EntitlementStatusEnded},
	{From: EntitlementStatusSuspended, To: EntitlementStatusEnded},
}

// CycleTransitions is THE cycle lifecycle (OpenSPP cycles): SubmitCycle
// DRAFT -> TO_APPROVE, ApproveCycle TO_APPROVE -> APPROVED, the Distribute
// whose cursor ends APPROVED -> DISTRIBUTED, EndCycle DISTRIBUTED -> ENDED,
// CancelCycle DRAFT, TO_APPROVE or APPROVED (nothing paid yet) -> CANCELLED.
var CycleTransitions = lifecycle.Table[CycleStatus]{
	{From: CycleStatusDraft, To: CycleStatusToApprove},
	{From: CycleStatusToApprove, To: CycleStatusApproved},
	{From: CycleStatusApproved, To: CycleStatusDistributed},
	{From: CycleStatusDistributed, To: CycleStatusEnded},
	{From: CycleStatusDraft, To: CycleStatusCancelled},
	{From: CycleStatusToApprove, To: CycleStatusCancelled},
	{From: CycleStatusApproved, To: CycleStatusCancelled},
}

// check wraps a lifecycle refusal in ErrInvalidTransition.
func check[S lifecycle.Status](table lifecycle.Table[S], what string, from, to S) error {
	if err := table.Check(what, from, to); err != nil {
		return errorsmod.Wrap(ErrInvalidTransition, err.Error())
	}
	return nil
}

// ValidateProgramTransition returns ErrInvalidTransition, naming the current
// and the requested status, unless the program lifecycle has the edge.
func ValidateProgramTransition(from, to ProgramStatus) error {
	return check(ProgramTransitions, "program", from, to)
}

// ValidateEnrolmentTransition is ValidateProgramTransition for enrolments.
func ValidateEnrolmentTransition(from, to EnrolmentStatus) error {
	return check(EnrolmentTransitions, "enrolment", from, to)
}

// ValidateEntitlementTransition is ValidateProgramTransition for entitlements.
func ValidateEntitlementTransition(from, to EntitlementStatus) error {
	return check(EntitlementTransitions, "entitlement", from, to)
}

// ValidateCycleTransition is ValidateProgramTransition for cycles.
func ValidateCycleTransition(from, to CycleStatus) error {
	return check(CycleTransitions, "cycle", from, to)
}
