package types

import agencytypes "github.com/civicchain/civic/x/agency/types"

// The roles of this module. x/agency grants them to agencies (by governance)
// and to members (by the agency admin); the msg server asks x/agency
// Authorize(signer, role) before every state change and then requires the
// agency it acts for to be the program's.
const (
	// RoleIssuer creates, activates, suspends, funds, allocates and sweeps its agency's programs.
	RoleIssuer = "voucher.issuer"
	// RoleMerchant is the issuer's merchant desk: it decides merchant applications of its agency's programs.
	RoleMerchant = "voucher.merchant"
)

// Roles returns the role catalog entries this module hands to x/agency at wiring.
func Roles() []agencytypes.RoleDefinition {
	return []agencytypes.RoleDefinition{
		{Name: RoleIssuer, Module: ModuleName, Description: "creates, activates, suspends and funds its agency's voucher programs, allocates vouchers and sweeps expired programs"},
		{Name: RoleMerchant, Module: ModuleName, Description: "approves, suspends, reinstates and revokes merchants of its agency's voucher programs"},
	}
}
