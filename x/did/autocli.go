package did

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/civicchain/civic/internal/cliarg"
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
	const did = "did:civic:7Nq3fJtM1xXkZ4m9v2Wc8R"
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "Resolve",
					Use:            "resolve [did]",
					Short:          "Resolve a DID to its document and metadata (the latest version, or --version-id / --version-time)",
					Example:        cliarg.Example("query did resolve %s --version-time 2026-03-01T00:00:00Z", did),
					PositionalArgs: cliarg.Args("did"),
				},
				{
					RpcMethod:      "DidVersions",
					Use:            "versions [did]",
					Short:          "List the versions of a DID document, oldest first",
					Example:        cliarg.Example("query did versions %s", did),
					PositionalArgs: cliarg.Args("did"),
				},
				{
					RpcMethod:      "Schema",
					Use:            "schema [id]",
					Short:          "Show a credential schema: agency, name@version, JSON Schema digest and locator",
					Example:        cliarg.Example("query did schema 1"),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod: "Schemas",
					Use:       "schemas",
					Short:     "List credential schemas in id order, optionally of one agency (--agency-id)",
					Example:   cliarg.Example("query did schemas --agency-id mfds --page-limit 50"),
				},
				{
					RpcMethod:      "TrustedIssuer",
					Use:            "issuer [did]",
					Short:          "Show an issuer DID's agency binding and the schemas it was granted",
					Example:        cliarg.Example("query did issuer %s", did),
					PositionalArgs: cliarg.Args("did"),
				},
				{
					RpcMethod:      "TrustedIssuers",
					Use:            "issuers [schema-id]",
					Short:          "List the issuer DIDs granted a schema",
					Example:        cliarg.Example("query did issuers 1"),
					PositionalArgs: cliarg.Args("schema_id"),
				},
				{
					RpcMethod:      "IsTrustedIssuer",
					Use:            "is-trusted-issuer [did] [schema-id]",
					Short:          "Tell whether a DID may issue credentials of a schema at this block, and why not",
					Example:        cliarg.Example("query did is-trusted-issuer %s 1", did),
					PositionalArgs: cliarg.Args("did", "schema_id"),
				},
				{
					RpcMethod:      "StatusList",
					Use:            "status-list [id]",
					Short:          "Show a Bitstring status list and its W3C encodedList",
					Example:        cliarg.Example("query did status-list 1"),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod:      "StatusListsByIssuer",
					Use:            "status-lists [issuer-did]",
					Short:          "List an issuer's status lists in id order",
					Example:        cliarg.Example("query did status-lists %s", did),
					PositionalArgs: cliarg.Args("did"),
				},
				{
					RpcMethod:      "CredentialStatus",
					Use:            "credential-status [list-id] [index]",
					Short:          "Show one entry of a status list: set (revoked or suspended, per purpose) or not",
					Example:        cliarg.Example("query did credential-status 1 94567"),
					PositionalArgs: cliarg.Args("list_id", "index"),
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
					Example:        cliarg.Example("tx did deactivate %s 3 --from holder", did),
					PositionalArgs: cliarg.Args("did", "version_id"),
				},
				{
					RpcMethod:      "RegisterSchema",
					Use:            "register-schema [name] [version] [json-schema-digest] [locator]",
					Short:          "Register a credential schema for your agency (needs did.issuer); give the SHA-256 of the JSON Schema document",
					Example:        cliarg.Example("tx did register-schema FoodHandlerLicense 1.0.0 %s https://schemas.mfds.go.kr/food-handler/1.0.0.json --from issuer", cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("name", "version", "json_schema_digest", "locator"),
				},
				{
					RpcMethod:      "BindIssuer",
					Use:            "bind-issuer [agency-id] [did]",
					Short:          "Bind an issuer DID to your agency (signer: the agency admin, also an account controller of the DID)",
					Example:        cliarg.Example("tx did bind-issuer mfds %s --from mfds-admin", did),
					PositionalArgs: cliarg.Args("agency_id", "did"),
				},
				{
					RpcMethod:      "UnbindIssuer",
					Use:            "unbind-issuer [did]",
					Short:          "Remove an issuer binding and its schema grants (signer: the bound agency's admin or governance)",
					Example:        cliarg.Example("tx did unbind-issuer %s --from mfds-admin", did),
					PositionalArgs: cliarg.Args("did"),
				},
				{
					RpcMethod:      "SetIssuerSchemas",
					Use:            "set-issuer-schemas [did]",
					Short:          "Grant (--grant) and revoke (--revoke) the schemas a bound issuer may issue (signer: the bound agency's admin)",
					Example:        cliarg.Example("tx did set-issuer-schemas %s --grant 1,2 --revoke 3 --from mfds-admin", did),
					PositionalArgs: cliarg.Args("did"),
				},
				{
					RpcMethod:      "CreateStatusList",
					Use:            "create-status-list [issuer-did] [revocation|suspension] [entries]",
					Short:          "Publish an empty Bitstring status list of a bound issuer (needs did.issuer; entries >= 131072, a multiple of 8192)",
					Example:        cliarg.Example("tx did create-status-list %s revocation 131072 --from issuer", did),
					PositionalArgs: cliarg.Args("issuer_did", "purpose", "entries"),
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing the module parameters (all of them)",
					Example:        cliarg.Example(`tx did update-params-proposal '{"max_document_bytes":16384,"max_status_changes":1000,"max_status_list_entries":"1048576"}' --from proposer`),
					PositionalArgs: cliarg.Args("params"),
					GovProposal:    true,
				},
			},
		},
	}
}
