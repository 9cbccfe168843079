package types

import agencytypes "github.com/civicchain/civic/x/agency/types"

// The roles of x/toll. x/agency grants them to agencies (by governance) and to
// members (by the agency admin). They keep the keys apart: a plaza
// terminal's hot key holds toll.plaza only and can neither change the road
// network nor redirect money; the settlement account holds toll.settlement and
// is named by the agency admin (MsgRegisterOperator).
const (
	// RoleOperator manages the agency's road network: routes, segments,
	// plazas and tariffs; and submits, confirms and settles periods, opens and
	// resolves disputes.
	RoleOperator = "toll.operator"
	// RolePlaza is a plaza terminal's: it records trips and submits trip
	// batches at the agency's plazas.
	RolePlaza = "toll.plaza"
	// RoleSettlement is the settlement account's: only a member holding it can
	// be named the agency's settlement account.
	RoleSettlement = "toll.settlement"
)

// Roles returns the role catalog entries this module hands to x/agency at wiring.
func Roles() []agencytypes.RoleDefinition {
	return []agencytypes.RoleDefinition{
		{Name: RoleOperator, Module: ModuleName, Description: "manages toll routes, segments, plazas and tariffs, submits, confirms and settles periods, opens and resolves disputes"},
		{Name: RolePlaza, Module: ModuleName, Description: "a plaza terminal: records trips and submits trip batches at the agency's plazas"},
		{Name: RoleSettlement, Module: ModuleName, Description: "may be named by the agency admin as the toll operator's settlement account"},
	}
}
