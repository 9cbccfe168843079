package types

import agencytypes "github.com/civicchain/civic/x/agency/types"

// RoleCoordinator is the one role of this module: it declares incidents and,
// for its own agency's incidents, updates them, moves them along their
// lifecycle and records public alerts. x/agency grants it to agencies (by
// governance) and to members (by the agency admin); the msg server asks
// x/agency Authorize(signer, role) before every state change.
const RoleCoordinator = "disaster.coordinator"

// Roles returns the role catalog entries this module hands to x/agency at wiring.
func Roles() []agencytypes.RoleDefinition {
	return []agencytypes.RoleDefinition{
		{Name: RoleCoordinator, Module: ModuleName, Description: "declares disaster incidents, updates its agency's incidents, moves them to RESPONDING and CLOSED, and records public alerts"},
	}
}
