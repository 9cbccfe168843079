package types

import (
	"fmt"

	"github.com/civicchain/civic/internal/enum"
	"github.com/civicchain/civic/internal/lifecycle"
)

// StatusTransitions is THE agency lifecycle: ACTIVE <-> SUSPENDED,
// ACTIVE | SUSPENDED -> RETIRED; RETIRED is final. SetAgencyStatus is the
// only message that changes a status.
var StatusTransitions = lifecycle.Table[AgencyStatus]{
	{From: AgencyStatusActive, To: AgencyStatusSuspended},
	{From: AgencyStatusSuspended, To: AgencyStatusActive},
	{From: AgencyStatusActive, To: AgencyStatusRetired},
	{From: AgencyStatusSuspended, To: AgencyStatusRetired},
}

// ValidateStatusTransition enforces the agency lifecycle (StatusTransitions).
// The error names the current and the requested state.
func ValidateStatusTransition(from, to AgencyStatus) error {
	if !StatusTransitions.Allows(from, to) {
		return fmt.Errorf("agency is %s, cannot become %s", StatusName(from), StatusName(to))
	}
	return nil
}

// ValidStatus reports whether s is a storable status (not UNSPECIFIED, not out of range).
func ValidStatus(s AgencyStatus) bool { return enum.Named(AgencyStatus_name, s) }

// Label is the status without its enum prefix, e.g. "ACTIVE".
func (s AgencyStatus) Label() string { return enum.Label(AgencyStatus_name, s) }

// StatusName is the short name of a status: ACTIVE, SUSPENDED, RETIRED,
// UNSPECIFIED (its Label), or UNKNOWN(<n>) for a number the enum does not name.
func StatusName(s AgencyStatus) string {
	if _, ok := AgencyStatus_name[int32(s)]; !ok {
		return fmt.Sprintf("UNKNOWN(%d)", int32(s))
	}
	return s.Label()
}
