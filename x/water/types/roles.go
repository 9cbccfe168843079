package types

import agencytypes "github.com/civicchain/civic/x/agency/types"

// The roles this module declares. x/agency grants them to agencies (by
// governance) and to members (by the agency admin). Sensors hold no role:
// a sensor is a device account registered here, belonging to no agency, and
// can only sign its own readings and batches.
const (
	// RoleOperator runs an agency's sites: registers sites and sensors,
	// records calibrations, sets operational bands and handles alerts.
	RoleOperator = "water.operator"
	// RoleRegulator sets the legal thresholds (as governance can).
	RoleRegulator = "water.regulator"
)

// Roles returns the role catalog entries this module hands to x/agency at wiring.
func Roles() []agencytypes.RoleDefinition {
	return []agencytypes.RoleDefinition{
		{Name: RoleOperator, Module: ModuleName, Description: "registers water sites and sensors, records calibrations, sets operational bands, acknowledges, resolves and links alerts"},
		{Name: RoleRegulator, Module: ModuleName, Description: "sets new versions of the legal water-quality thresholds, with the minimum notice"},
	}
}
