package disaster

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/civicchain/civic/internal/cliarg"
	"github.com/civicchain/civic/x/disaster/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is a
// command under "disaster", ids and required fields are positional arguments
// (district lists last, as varargs), optional fields are flags (--status,
// --district, --severity, --affected-districts, --pagination...). Enum values
// are written without their prefix: flood, caution, responding.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	mod := types.ModuleName
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the module parameters",
				},
				{
					RpcMethod:      "Incident",
					Use:            "incident [id]",
					Short:          "Show an incident: agency, type, affected districts, severity, status and revision",
					Example:        cliarg.Example("query %s incident 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod: "Incidents",
					Use:       "incidents",
					Short:     "List incidents in id order, optionally of one status (--status) and/or naming one district (--district)",
					Example:   cliarg.Example("query %s incidents --status responding --district 26230", mod),
				},
				{
					RpcMethod:      "IncidentRevisions",
					Use:            "incident-revisions [incident-id]",
					Short:          "List an incident's revisions (severity and districts) in order; revision 1 is the declaration",
					Example:        cliarg.Example("query %s incident-revisions 1", mod),
					PositionalArgs: cliarg.Args("incident_id"),
				},
				{
					RpcMethod:      "IncidentAlerts",
					Use:            "incident-alerts [incident-id]",
					Short:          "List the public alerts recorded for an incident, oldest first",
					Example:        cliarg.Example("query %s incident-alerts 1", mod),
					PositionalArgs: cliarg.Args("incident_id"),
				},
				{
					RpcMethod:      "DistrictAlerts",
					Use:            "district-alerts [district]",
					Short:          "List the public alerts naming a 5-digit district code, oldest first (--page-reverse for newest first)",
					Example:        cliarg.Example("query %s district-alerts 26230 --page-reverse", mod),
					PositionalArgs: cliarg.Args("district"),
				},
				{
					RpcMethod:      "PublicAlert",
					Use:            "public-alert [id]",
					Short:          "Show a public alert: incident, districts, level and message code",
					Example:        cliarg.Example("query %s public-alert 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "DeclareIncident",
					Use:            "declare-incident [type] [severity] [description-digest] [affected-districts...]",
					Short:          "Declare an incident for your agency (needs disaster.coordinator); give the SHA-256 of the off-chain description and 1..64 five-digit district codes",
					Example:        cliarg.Example("tx %s declare-incident flood caution %s 26230 26260 --from busan-safety-coordinator", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Varargs("type", "severity", "description_digest", "affected_districts"),
				},
				{
					RpcMethod:      "UpdateIncident",
					Use:            "update-incident [incident-id] [reason-digest]",
					Short:          "Change an open incident's severity (--severity) and/or districts (--affected-districts); recorded as the next revision (needs disaster.coordinator of its agency)",
					Example:        cliarg.Example("tx %s update-incident 1 %s --severity alert --from busan-safety-coordinator", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("incident_id", "reason_digest"),
				},
				{
					RpcMethod:      "SetIncidentStatus",
					Use:            "set-incident-status [incident-id] [status]",
					Short:          "Move an incident to status responding or closed (needs disaster.coordinator of its agency; governance may close)",
					Example:        cliarg.Example("tx %s set-incident-status 1 responding --from busan-safety-coordinator", mod),
					PositionalArgs: cliarg.Args("incident_id", "status"),
				},
				{
					RpcMethod:      "IssuePublicAlert",
					Use:            "issue-public-alert [incident-id] [level] [message-code] [broadcast-digest] [districts...]",
					Short:          "Record a public alert the city broadcast for an open incident, to some of its districts (needs disaster.coordinator of its agency)",
					Example:        cliarg.Example("tx %s issue-public-alert 1 caution FLOOD_EVACUATE %s 26230 --from busan-safety-coordinator", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Varargs("incident_id", "level", "message_code", "broadcast_digest", "districts"),
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing the module parameters (all of them)",
					Example:        cliarg.Example(`tx %s update-params-proposal '{"max_districts_per_incident":64,"max_revisions_per_incident":100,"max_alerts_per_incident":1000}' --from proposer`, mod),
					PositionalArgs: cliarg.Args("params"),
					GovProposal:    true,
				},
			},
		},
	}
}
