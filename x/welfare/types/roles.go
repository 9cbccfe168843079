package types

import agencytypes "github.com/civicchain/civic/x/agency/types"

// The roles of this module. x/agency grants them to agencies (by governance)
// and to members (by the agency admin); the msg server asks x/agency
// Authorize(signer, role) before every state change and then requires the
// agency it acts for to be the program's (the auditor's aside: the Board of
// Audit and Inspection audits every agency's programs).
const (
	// RoleManager creates, activates, funds and closes its agency's programs and runs their cycles
	// (a second manager approves what the first submitted).
	RoleManager = "welfare.manager"
	// RoleCaseworker files applications, decides eligibility (not of its own filings), and offers,
	// suspends and ends entitlements of its agency's programs.
	RoleCaseworker = "welfare.caseworker"
	// RoleAuditor places and releases audit holds and records findings on any agency's programs.
	RoleAuditor = "welfare.auditor"
)

// Roles returns the role catalog entries this module hands to x/agency at wiring.
func Roles() []agencytypes.RoleDefinition {
	return []agencytypes.RoleDefinition{
		{Name: RoleManager, Module: ModuleName, Description: "creates, funds, activates and closes its agency's welfare programs; creates, submits, approves (not its own), distributes and ends payment cycles"},
		{Name: RoleCaseworker, Module: ModuleName, Description: "files welfare applications, decides eligibility of applications another caseworker filed, pauses and exits enrolments, offers and suspends entitlements"},
		{Name: RoleAuditor, Module: ModuleName, Description: "places and releases audit holds on entitlements and records audit findings on any agency's welfare programs"},
	}
}
