package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/lifecycle"
)

// IncidentTransitions is THE incident lifecycle: the only status changes
// Msg/SetIncidentStatus may make. DECLARED -> CLOSED closes an incident that
// needed no response (a false alarm, or over before the response started).
// CLOSED is final.
var IncidentTransitions = lifecycle.Table[IncidentStatus]{
	{From: IncidentStatusDeclared, To: IncidentStatusResponding},
	{From: IncidentStatusResponding, To: IncidentStatusClosed},
	{From: IncidentStatusDeclared, To: IncidentStatusClosed},
}

// ValidateTransition returns ErrInvalidTransition, naming the current and the
// requested status, unless the lifecycle has the edge.
func ValidateTransition(from, to IncidentStatus) error {
	if err := IncidentTransitions.Check("incident", from, to); err != nil {
		return errorsmod.Wrap(ErrInvalidTransition, err.Error())
	}
	return nil
}

// IsOpen reports whether an incident in status s may still change: every
// status but CLOSED.
func (s IncidentStatus) IsOpen() bool { return s != IncidentStatusClosed }
