package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/lifecycle"
)

// ProgramTransitions is THE stored program lifecycle. ActivateProgram takes
// DRAFT -> ACTIVE, SetProgramStatus ACTIVE <-> SUSPENDED, and only the sweep
// that finds nothing outstanding after redeem_until takes a program to
// CLOSED. EXPIRED is computed on read (Program.StatusAt) and never stored.
var ProgramTransitions = lifecycle.Table[ProgramStatus]{
	{From: ProgramStatusDraft, To: ProgramStatusActive},
	{From: ProgramStatusActive, To: ProgramStatusSuspended},
	{From: ProgramStatusSuspended, To: ProgramStatusActive},
	{From: ProgramStatusDraft, To: ProgramStatusClosed},
	{From: ProgramStatusActive, To: ProgramStatusClosed},
	{From: ProgramStatusSuspended, To: ProgramStatusClosed},
}

// ValidateProgramTransition returns ErrInvalidTransition, naming the current
// and the requested status, unless the lifecycle has the edge.
func ValidateProgramTransition(from, to ProgramStatus) error {
	if err := ProgramTransitions.Check("program", from, to); err != nil {
		return errorsmod.Wrap(ErrInvalidTransition, err.Error())
	}
	return nil
}

// MerchantTransitions is THE merchant lifecycle, one edge per decision:
// APPROVE PENDING -> APPROVED, SUSPEND APPROVED -> SUSPENDED, REINSTATE
// SUSPENDED -> APPROVED, REVOKE from PENDING, APPROVED or SUSPENDED. REVOKED
// is final.
var MerchantTransitions = lifecycle.Table[MerchantStatus]{
	{From: MerchantStatusPending, To: MerchantStatusApproved},
	{From: MerchantStatusApproved, To: MerchantStatusSuspended},
	{From: MerchantStatusSuspended, To: MerchantStatusApproved},
	{From: MerchantStatusPending, To: MerchantStatusRevoked},
	{From: MerchantStatusApproved, To: MerchantStatusRevoked},
	{From: MerchantStatusSuspended, To: MerchantStatusRevoked},
}

// decisionEdges are the (from, to) edges each decision may take.
var decisionEdges = map[MerchantDecision]struct{ from, to MerchantStatus }{
	MerchantDecisionApprove:   {MerchantStatusPending, MerchantStatusApproved},
	MerchantDecisionSuspend:   {MerchantStatusApproved, MerchantStatusSuspended},
	MerchantDecisionReinstate: {MerchantStatusSuspended, MerchantStatusApproved},
}

// DecideMerchantStatus returns the status a decision moves a merchant of
// status from to, or ErrInvalidTransition naming both statuses (APPROVE only
// from PENDING, REINSTATE only from SUSPENDED: a suspended merchant is
// reinstated, not approved again).
func DecideMerchantStatus(from MerchantStatus, d MerchantDecision) (MerchantStatus, error) {
	to := MerchantStatusRevoked
	if e, ok := decisionEdges[d]; ok {
		to = e.to
		if from != e.from {
			return from, errorsmod.Wrapf(ErrInvalidTransition, "decision %s takes a merchant from %s, it is %s", d.Label(), e.from.Label(), from.Label())
		}
	}
	if err := MerchantTransitions.Check("merchant", from, to); err != nil {
		return from, errorsmod.Wrap(ErrInvalidTransition, err.Error())
	}
	return to, nil
}
