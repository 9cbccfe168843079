package agency

import (
	"fmt"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"

	"github.com/civicchain/civic/x/agency/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is a command.
// Governance messages (GovProposal) are submitted as proposals signed by --from; their
// authority is set to the gov module account.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	app := version.AppName
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "Agency",
					Use:            "agency [id]",
					Short:          "Show one agency: name, admin, roles and status",
					Example:        fmt.Sprintf("%s query agency agency knpa", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}},
				},
				{
					RpcMethod: "Agencies",
					Use:       "agencies",
					Short:     "List all agencies, ordered by id",
				},
				{
					RpcMethod:      "Members",
					Use:            "members [agency-id]",
					Short:          "List the members of an agency with their roles and expiry",
					Example:        fmt.Sprintf("%s query agency members knpa", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}},
				},
				{
					RpcMethod:      "MembershipOffers",
					Use:            "membership-offers [agency-id]",
					Short:          "List an agency's pending membership offers (roles, expiry, acceptance deadline)",
					Example:        fmt.Sprintf("%s query agency membership-offers knpa", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}},
				},
				{
					RpcMethod:      "AdminOffer",
					Use:            "admin-offer [agency-id]",
					Short:          "Show an agency's pending admin transfer and its acceptance deadline",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}},
				},
				{
					RpcMethod:      "Membership",
					Use:            "membership [address]",
					Short:          "Show the agency an address belongs to (as admin or member) and its member record",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod:      "HasRole",
					Use:            "has-role [address] [role]",
					Short:          "Check whether an address may use a role now, and the reason when it may not",
					Example:        fmt.Sprintf("%s query agency has-role civic1... evidence.investigator", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}, {ProtoField: "role"}},
				},
				{
					RpcMethod: "Roles",
					Use:       "roles",
					Short:     "List the role catalog the modules declare (name, module, description)",
				},
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the x/agency parameters",
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "RegisterAgency",
					Use:            "register-agency [id] [name] [admin] --roles role1,role2",
					Short:          "Submit a governance proposal to register a new agency",
					Example:        fmt.Sprintf(`%s tx agency register-agency knpa "Korean National Police Agency" civic1... --roles evidence.investigator --from mykey --deposit 10000000ucivic`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}, {ProtoField: "name"}, {ProtoField: "admin"}},
					GovProposal:    true,
				},
				{
					RpcMethod:      "SetAgencyRoles",
					Use:            "set-agency-roles [agency-id] --roles role1,role2",
					Short:          "Submit a governance proposal to replace an agency's roles (removed roles are taken from its members)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}},
					GovProposal:    true,
				},
				{
					RpcMethod:      "SetAgencyStatus",
					Use:            "set-agency-status [agency-id] [active|suspended|retired] --reason text",
					Short:          "Submit a governance proposal to suspend, restore or retire an agency",
					Example:        fmt.Sprintf(`%s tx agency set-agency-status knpa suspended --reason "audit pending" --from mykey`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}, {ProtoField: "status"}},
					GovProposal:    true,
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal to update the x/agency parameters (all params must be given)",
					Example:        fmt.Sprintf(`%s tx agency update-params-proposal '{"max_members_per_agency":2000}' --from mykey`, app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
				{
					RpcMethod:      "AddMember",
					Use:            "add-member [agency-id] [address] --roles role1,role2 [--expires-at RFC3339]",
					Short:          "Offer membership of your agency with a subset of its roles; the account must accept it (agency admin)",
					Example:        fmt.Sprintf("%s tx agency add-member knpa civic1... --roles evidence.investigator --expires-at 2027-01-01T00:00:00Z --from knpa-admin", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}, {ProtoField: "address"}},
				},
				{
					RpcMethod:      "AcceptMembership",
					Use:            "accept-membership [agency-id]",
					Short:          "Accept the membership an agency's admin offered you (signed by the offered account)",
					Example:        fmt.Sprintf("%s tx agency accept-membership knpa --from knpa-investigator", app),
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}},
				},
				{
					RpcMethod:      "DeclineMembership",
					Use:            "decline-membership [agency-id]",
					Short:          "Decline the membership an agency's admin offered you (signed by the offered account)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}},
				},
				{
					RpcMethod:      "WithdrawMembershipOffer",
					Use:            "withdraw-membership-offer [agency-id] [address]",
					Short:          "Withdraw a pending or expired membership offer (agency admin)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}, {ProtoField: "address"}},
				},
				{
					RpcMethod:      "SetMemberRoles",
					Use:            "set-member-roles [agency-id] [address] --roles role1,role2 [--expires-at RFC3339]",
					Short:          "Replace a member's roles and expiry (agency admin)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}, {ProtoField: "address"}},
				},
				{
					RpcMethod:      "RemoveMember",
					Use:            "remove-member [agency-id] [address]",
					Short:          "Remove a member from your agency (agency admin)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}, {ProtoField: "address"}},
				},
				{
					RpcMethod:      "TransferAdmin",
					Use:            "transfer-admin [agency-id] [new-admin]",
					Short:          "Offer your agency to a new admin account; it becomes admin when it accepts (agency admin)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}, {ProtoField: "new_admin"}},
				},
				{
					RpcMethod:      "AcceptAdmin",
					Use:            "accept-admin [agency-id]",
					Short:          "Accept the admin transfer that names you (signed by the new admin)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}},
				},
				{
					RpcMethod:      "CancelAdminTransfer",
					Use:            "cancel-admin-transfer [agency-id]",
					Short:          "Withdraw (agency admin) or decline (named account) a pending admin transfer",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "agency_id"}},
				},
			},
		},
	}
}
