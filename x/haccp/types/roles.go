package types

import agencytypes "github.com/civicchain/civic/x/agency/types"

// The roles this module declares. x/agency grants them to agencies (by
// governance) and to members (by the agency admin); the msg server asks
// x/agency Authorize(signer, role) before every agency action.
const (
	// RoleCertifier issues and maintains HACCP certificates and may recall.
	RoleCertifier = "haccp.certifier"
	// RoleInspector verifies hygiene certificates, inspects imports and may recall.
	RoleInspector = "haccp.inspector"
	// RoleCustoms records clearance of import declarations.
	RoleCustoms = "haccp.customs"
)

// Roles returns the role catalog entries this module hands to x/agency at wiring.
func Roles() []agencytypes.RoleDefinition {
	return []agencytypes.RoleDefinition{
		{Name: RoleCertifier, Module: ModuleName, Description: "issues, suspends, reinstates, revokes and renews HACCP certificates, records audits, issues recalls"},
		{Name: RoleInspector, Module: ModuleName, Description: "verifies foreign hygiene certificates, inspects import declarations, issues recalls"},
		{Name: RoleCustoms, Module: ModuleName, Description: "receives hygiene certificates and records customs clearance of import declarations"},
	}
}
