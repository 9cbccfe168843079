package types

import agencytypes "github.com/civicchain/civic/x/agency/types"

// RoleOperator is the role of a road operator (Korea Expressway Corporation,
// the private expressway operators): it registers plazas, segments and
// tariffs, records trips and batches at its plazas, and settles periods and
// disputes. x/agency grants it to agencies (by governance) and to members (by
// the agency admin).
const RoleOperator = "toll.operator"

// Roles returns the role catalog entries this module hands to x/agency at wiring.
func Roles() []agencytypes.RoleDefinition {
	return []agencytypes.RoleDefinition{
		{Name: RoleOperator, Module: ModuleName, Description: "runs toll plazas, segments and tariffs, records trips and batches, settles periods and resolves disputes"},
	}
}
