package did

import (
	"fmt"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"

	"github.com/civicchain/civic/x/did/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Query and Msg is a command under
// "did", ids are positional arguments and optional fields are flags (--version-id,
// --version-time, --agency-id, --grant, --revoke, --proofs, --pagination...).
//
// CreateDid, UpdateDid and UpdateStatusList are skipped here: a DID document is a nested
// message that autocli would only read as protojson (no "@context", no string
// serviceEndpoint), and a status update is a list of messages; the hand-written commands
// of client/cli (create, update, status-update; GetTxCmd) take a W3C JSON document file and
// index=0|1 pairs instead. EnhanceCustomCommand adds the generated commands next to them.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	app, mod := version.AppName, types.ModuleName
	args := func(fields ...string) []*autocliv1.PositionalArgDescriptor {
		out := make([]*autocliv1.PositionalArgDescriptor, len(fields))
		for i, f := range fields {
			out[i] = &autocliv1.PositionalArgDescriptor{ProtoField: f}
		}
		return out
	}
	const (
		did    = "did:civic:7Nq3fJtM1xXkZ4m9v2Wc8R"
		digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	)
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "Resolve",
					Use:            "resolve [did]",
					Short:          "Resolve a DID to its document and metadata (the latest version, or --version-id / --version-time)",
					Example:        fmt.Sprintf("%s query %s resolve %s --version-time 2026-03-01T00:00:00Z", app, mod, did),
					PositionalArgs: args("did"),
				},
				{
					RpcMethod:      "DidVersions",
					Use:            "versions [did]",
					Short:          "List the versions of a DID document, oldest first",
					Example:        fmt.Sprintf("%s query %s versions %s", app, mod, did),
					PositionalArgs: args("did"),
				},
				{
					RpcMethod:      "Schema",
					Use:            "schema [id]",
					Short:          "Show a credential schema: agency, name@version, JSON Schema digest and locator",
					Example:        fmt.Sprintf("%s query %s schema 1", app, mod),
					PositionalArgs: args("id"),
				},
				{
					RpcMethod: "Schemas",
					Use:       "schemas",
					Short:     "List credential schemas in id order, optionally of one agency (--agency-id)",
					Example:   fmt.Sprintf("%s query %s schemas --agency-id mfds --page-limit 50", app, mod),
				},
				{
					RpcMethod:      "TrustedIssuer",
					Use:            "issuer [did]",
					Short:          "Show an issuer DID's agency binding and the schemas it was granted",
					Example:        fmt.Sprintf("%s query %s issuer %s", app, mod, did),
					PositionalArgs: args("did"),
				},
				{
					RpcMethod:      "TrustedIssuers",
					Use:            "issuers [schema-id]",
					Short:          "List the issuer DIDs granted a schema",
					Example:        fmt.Sprintf("%s query %s issuers 1", app, mod),
					PositionalArgs: args("schema_id"),
				},
				{
					RpcMethod:      "IsTrustedIssuer",
					Use:            "is-trusted-issuer [did] [schema-id]",
					Short:          "Tell whether a DID may issue credentials of a schema at this block, and why not",
					Example:        fmt.Sprintf("%s query %s is-trusted-issuer %s 1", app, mod, did),
					PositionalArgs: args("did", "schema_id"),
				},
				{
					RpcMethod:      "StatusList",
					Use:            "status-list [id]",
					Short:          "Show a Bitstring status list and its W3C encodedList",
					Example:        fmt.Sprintf("%s query %s status-list 1", app, mod),
					PositionalArgs: args("id"),
				},
				{
					RpcMethod:      "StatusListsByIssuer",
					Use:            "status-lists [issuer-did]",
					Short:          "List an issuer's status lists in id order",
					Example:        fmt.Sprintf("%s query %s status-lists %s", app, mod, did),
					PositionalArgs: args("did"),
				},
				{
					RpcMethod:      "CredentialStatus",
					Use:            "credential-status [list-id] [index]",
					Short:          "Show one entry of a status list: set (revoked or suspended, per purpose) or not",
					Example:        fmt.Sprintf("%s query %s credential-status 1 94567", app, mod),
					PositionalArgs: args("list_id", "index"),
				},
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the module parameters",
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Msg_serviceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				// Hand-written in client/cli: create, update, status-update.
				{RpcMethod: "CreateDid", Skip: true},
				{RpcMethod: "UpdateDid", Skip: true},
				{RpcMethod: "UpdateStatusList", Skip: true},
				{
					RpcMethod:      "DeactivateDid",
					Use:            "deactivate [did] [version-id]",
					Short:          "Deactivate a DID for good, replacing its latest version (signer: a controller of the DID)",
					Example:        fmt.Sprintf("%s tx %s deactivate %s 3 --from holder", app, mod, did),
					PositionalArgs: args("did", "version_id"),
				},
				{
					RpcMethod:      "RegisterSchema",
					Use:            "register-schema [name] [version] [json-schema-digest] [locator]",
					Short:          "Register a credential schema for your agency (needs did.issuer); give the SHA-256 of the JSON Schema document",
					Example:        fmt.Sprintf("%s tx %s register-schema FoodHandlerLicense 1.0.0 %s https://schemas.mfds.go.kr/food-handler/1.0.0.json --from issuer", app, mod, digest),
					PositionalArgs: args("name", "version", "json_schema_digest", "locator"),
				},
				{
					RpcMethod:      "BindIssuer",
					Use:            "bind-issuer [agency-id] [did]",
					Short:          "Bind an issuer DID to your agency (signer: the agency admin, also an account controller of the DID)",
					Example:        fmt.Sprintf("%s tx %s bind-issuer mfds %s --from mfds-admin", app, mod, did),
					PositionalArgs: args("agency_id", "did"),
				},
				{
					RpcMethod:      "UnbindIssuer",
					Use:            "unbind-issuer [did]",
					Short:          "Remove an issuer binding and its schema grants (signer: the bound agency's admin or governance)",
					Example:        fmt.Sprintf("%s tx %s unbind-issuer %s --from mfds-admin", app, mod, did),
					PositionalArgs: args("did"),
				},
				{
					RpcMethod:      "SetIssuerSchemas",
					Use:            "set-issuer-schemas [did]",
					Short:          "Grant (--grant) and revoke (--revoke) the schemas a bound issuer may issue (signer: the bound agency's admin)",
					Example:        fmt.Sprintf("%s tx %s set-issuer-schemas %s --grant 1,2 --revoke 3 --from mfds-admin", app, mod, did),
					PositionalArgs: args("did"),
				},
				{
					RpcMethod:      "CreateStatusList",
					Use:            "create-status-list [issuer-did] [revocation|suspension] [entries]",
					Short:          "Publish an empty Bitstring status list of a bound issuer (needs did.issuer; entries >= 131072, a multiple of 8192)",
					Example:        fmt.Sprintf("%s tx %s create-status-list %s revocation 131072 --from issuer", app, mod, did),
					PositionalArgs: args("issuer_did", "purpose", "entries"),
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing the module parameters (all of them)",
					Example:        fmt.Sprintf(`%s tx %s update-params-proposal '{"max_document_bytes":16384,"max_status_changes":1000,"max_status_list_entries":"1048576"}' --from proposer`, app, mod),
					PositionalArgs: args("params"),
					GovProposal:    true,
				},
			},
		},
	}
}
