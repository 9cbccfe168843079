package agency

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/civicchain/civic/internal/cliarg"
	"github.com/civicchain/civic/x/agency/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is a command.
// Governance messages (GovProposal) are submitted as proposals signed by --from; their
// authority is set to the gov module account.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "Agency",
					Use:            "agency [id]",
					Short:          "Show one agency: name, admin, roles and status",
					Example:        cliarg.Example("query agency agency knpa"),
					PositionalArgs: cliarg.Args("id"),
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
					Example:        cliarg.Example("query agency members knpa"),
					PositionalArgs: cliarg.Args("agency_id"),
				},
				{
					RpcMethod:      "MembershipOffers",
					Use:            "membership-offers [agency-id]",
					Short:          "List an agency's pending membership offers (roles, expiry, acceptance deadline)",
					Example:        cliarg.Example("query agency membership-offers knpa"),
					PositionalArgs: cliarg.Args("agency_id"),
				},
				{
					RpcMethod:      "AdminOffer",
					Use:            "admin-offer [agency-id]",
					Short:          "Show an agency's pending admin transfer and its acceptance deadline",
					PositionalArgs: cliarg.Args("agency_id"),
				},
				{
					RpcMethod:      "Membership",
					Use:            "membership [address]",
					Short:          "Show the agency an address belongs to (as admin or member) and its member record",
					PositionalArgs: cliarg.Args("address"),
				},
				{
					RpcMethod:      "HasRole",
					Use:            "has-role [address] [role]",
					Short:          "Check whether an address may use a role now, and the reason when it may not",
					Example:        cliarg.Example("query agency has-role civic1... evidence.investigator"),
					PositionalArgs: cliarg.Args("address", "role"),
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
					Example:        cliarg.Example(`tx agency register-agency knpa "Korean National Police Agency" civic1... --roles evidence.investigator --from mykey --deposit 10000000ucivic`),
					PositionalArgs: cliarg.Args("id", "name", "admin"),
					GovProposal:    true,
				},
				{
					RpcMethod:      "SetAgencyRoles",
					Use:            "set-agency-roles [agency-id] --roles role1,role2",
					Short:          "Submit a governance proposal to replace an agency's roles (removed roles are taken from its members)",
					PositionalArgs: cliarg.Args("agency_id"),
					GovProposal:    true,
				},
				{
					RpcMethod:      "SetAgencyStatus",
					Use:            "set-agency-status [agency-id] [active|suspended|retired] --reason text",
					Short:          "Submit a governance proposal to suspend, restore or retire an agency",
					Example:        cliarg.Example(`tx agency set-agency-status knpa suspended --reason "audit pending" --from mykey`),
					PositionalArgs: cliarg.Args("agency_id", "status"),
					GovProposal:    true,
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal to update the x/agency parameters (all params must be given)",
					Example:        cliarg.Example(`tx agency update-params-proposal '{"max_members_per_agency":2000}' --from mykey`),
					PositionalArgs: cliarg.Args("params"),
					GovProposal:    true,
				},
				{
					RpcMethod:      "AddMember",
					Use:            "add-member [agency-id] [address] --roles role1,role2 [--expires-at RFC3339]",
					Short:          "Offer membership of your agency with a subset of its roles; the account must accept it (agency admin)",
					Example:        cliarg.Example("tx agency add-member knpa civic1... --roles evidence.investigator --expires-at 2027-01-01T00:00:00Z --from knpa-admin"),
					PositionalArgs: cliarg.Args("agency_id", "address"),
				},
				{
					RpcMethod:      "AcceptMembership",
					Use:            "accept-membership [agency-id]",
					Short:          "Accept the membership an agency's admin offered you (signed by the offered account)",
					Example:        cliarg.Example("tx agency accept-membership knpa --from knpa-investigator"),
					PositionalArgs: cliarg.Args("agency_id"),
				},
				{
					RpcMethod:      "DeclineMembership",
					Use:            "decline-membership [agency-id]",
					Short:          "Decline the membership an agency's admin offered you (signed by the offered account)",
					PositionalArgs: cliarg.Args("agency_id"),
				},
				{
					RpcMethod:      "WithdrawMembershipOffer",
					Use:            "withdraw-membership-offer [agency-id] [address]",
					Short:          "Withdraw a pending or expired membership offer (agency admin)",
					PositionalArgs: cliarg.Args("agency_id", "address"),
				},
				{
					RpcMethod:      "SetMemberRoles",
					Use:            "set-member-roles [agency-id] [address] --roles role1,role2 [--expires-at RFC3339]",
					Short:          "Replace a member's roles and expiry (agency admin)",
					PositionalArgs: cliarg.Args("agency_id", "address"),
				},
				{
					RpcMethod:      "RemoveMember",
					Use:            "remove-member [agency-id] [address]",
					Short:          "Remove a member from your agency (agency admin)",
					PositionalArgs: cliarg.Args("agency_id", "address"),
				},
				{
					RpcMethod:      "TransferAdmin",
					Use:            "transfer-admin [agency-id] [new-admin]",
					Short:          "Offer your agency to a new admin account; it becomes admin when it accepts (agency admin)",
					PositionalArgs: cliarg.Args("agency_id", "new_admin"),
				},
				{
					RpcMethod:      "AcceptAdmin",
					Use:            "accept-admin [agency-id]",
					Short:          "Accept the admin transfer that names you (signed by the new admin)",
					PositionalArgs: cliarg.Args("agency_id"),
				},
				{
					RpcMethod:      "CancelAdminTransfer",
					Use:            "cancel-admin-transfer [agency-id]",
					Short:          "Withdraw (agency admin) or decline (named account) a pending admin transfer",
					PositionalArgs: cliarg.Args("agency_id"),
				},
			},
		},
	}
}
