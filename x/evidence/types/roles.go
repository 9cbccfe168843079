package types

import agencytypes "github.com/civicchain/civic/x/agency/types"

// The roles this module declares. x/agency grants them to agencies (by
// governance) and to members (by the agency admin); the msg server asks
// x/agency Authorize(signer, role) before every state change.
const (
	// RoleInvestigator opens and closes cases and registers evidence.
	RoleInvestigator = "evidence.investigator"
	// RoleCustodian keeps items in the evidence room: takes custody,
	// transfers, archives, disposes and returns.
	RoleCustodian = "evidence.custodian"
	// RoleAnalyst receives items for forensic analysis and reports on them.
	RoleAnalyst = "evidence.analyst"
	// RoleProsecutor submits items to court and records the court's decision.
	RoleProsecutor = "evidence.prosecutor"
	// RoleAuditor may only verify integrity (and read, which needs no role).
	RoleAuditor = "evidence.auditor"
)

// EvidenceRoles lists every role of the module, in the order MsgVerifyIntegrity
// tries them.
var EvidenceRoles = []string{RoleInvestigator, RoleCustodian, RoleAnalyst, RoleProsecutor, RoleAuditor}

// Roles returns the role catalog entries this module hands to x/agency at wiring.
func Roles() []agencytypes.RoleDefinition {
	return []agencytypes.RoleDefinition{
		{Name: RoleInvestigator, Module: ModuleName, Description: "opens and closes cases and registers evidence items"},
		{Name: RoleCustodian, Module: ModuleName, Description: "takes custody of, transfers, archives, disposes of and returns evidence items"},
		{Name: RoleAnalyst, Module: ModuleName, Description: "receives evidence items for forensic analysis and records the report digest"},
		{Name: RoleProsecutor, Module: ModuleName, Description: "submits analysed evidence to court and records the court's decision"},
		{Name: RoleAuditor, Module: ModuleName, Description: "verifies the integrity of evidence items against their recorded digest"},
	}
}
