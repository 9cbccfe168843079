package types

import agencytypes "github.com/civicchain/civic/x/agency/types"

// RoleIssuer is the role this module declares: an agency member with it
// registers credential schemas for the agency and maintains the status lists
// of the agency's issuer DIDs.
const RoleIssuer = "did.issuer"

// Roles returns the role catalog entries this module hands to x/agency at wiring.
func Roles() []agencytypes.RoleDefinition {
	return []agencytypes.RoleDefinition{
		{Name: RoleIssuer, Module: ModuleName, Description: "registers credential schemas and maintains the status lists of the agency's issuer DIDs"},
	}
}
