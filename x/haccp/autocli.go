package haccp

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"

	"github.com/civicchain/civic/internal/cliarg"
	"github.com/civicchain/civic/x/haccp/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is a
// command under "haccp". Ids are positional arguments; a repeated scalar or
// enum field that is the message's main list (scope, items, disclose) is the
// last positional argument and takes any number of values; nested messages are
// JSON (an Audit positional, --undisclosed '{"field":...}' repeated); the
// other optional fields are flags (--deviation, --reason-code, --lots,
// --declaration-nos, --facility-id, --at, --pagination...). Enum values are
// written in kebab case without their prefix (manufacturer, pass, i, items).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	mod := types.ModuleName
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "Facility",
					Use:            "facility [id]",
					Short:          "Show a facility: operator, type, name, region and staff count",
					Example:        cliarg.Example("query %s facility 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod: "Facilities",
					Use:       "facilities",
					Short:     "List the facilities in id order, or an operator's with --operator",
					Example:   cliarg.Example("query %s facilities --operator civic1... --page-limit 50", mod),
				},
				{
					RpcMethod:      "FacilityStaff",
					Use:            "facility-staff [facility-id]",
					Short:          "List the staff accounts of a facility",
					Example:        cliarg.Example("query %s facility-staff 1", mod),
					PositionalArgs: cliarg.Args("facility_id"),
				},
				{
					RpcMethod:      "Certificate",
					Use:            "certificate [cert-no]",
					Short:          "Show the latest version of a HACCP certificate and its effective status",
					Example:        cliarg.Example("query %s certificate HACCP-2024-0001", mod),
					PositionalArgs: cliarg.Args("cert_no"),
				},
				{
					RpcMethod:      "CertificateVersions",
					Use:            "certificate-versions [cert-no]",
					Short:          "List every version of a certificate in version order",
					Example:        cliarg.Example("query %s certificate-versions HACCP-2024-0001", mod),
					PositionalArgs: cliarg.Args("cert_no"),
				},
				{
					RpcMethod:      "CertificateHistory",
					Use:            "certificate-history [cert-no]",
					Short:          "List a certificate's events (issued, suspended, audited...) in sequence order",
					Example:        cliarg.Example("query %s certificate-history HACCP-2024-0001", mod),
					PositionalArgs: cliarg.Args("cert_no"),
				},
				{
					RpcMethod:      "CertificatesByFacility",
					Use:            "certificates-by-facility [facility-id]",
					Short:          "List the certificates of a facility",
					Example:        cliarg.Example("query %s certificates-by-facility 1", mod),
					PositionalArgs: cliarg.Args("facility_id"),
				},
				{
					RpcMethod:      "IsCertValid",
					Use:            "is-cert-valid [cert-no]",
					Short:          "Check whether a certificate is valid now, or at --at (RFC 3339)",
					Example:        cliarg.Example("query %s is-cert-valid HACCP-2024-0001 --at 2025-01-01T00:00:00Z", mod),
					PositionalArgs: cliarg.Args("cert_no"),
				},
				{
					RpcMethod:      "CcpRecord",
					Use:            "ccp-record [id]",
					Short:          "Show a CCP monitoring record and its corrective action",
					Example:        cliarg.Example("query %s ccp-record 3", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod:      "CcpRecordsByFacility",
					Use:            "ccp-records-by-facility [facility-id]",
					Short:          "List the CCP monitoring records of a facility in id order",
					Example:        cliarg.Example("query %s ccp-records-by-facility 1", mod),
					PositionalArgs: cliarg.Args("facility_id"),
				},
				{
					RpcMethod:      "HygieneCertificate",
					Use:            "hygiene-certificate [country] [cert-no]",
					Short:          "Show a foreign hygiene certificate",
					Example:        cliarg.Example("query %s hygiene-certificate AU AU-2024-778", mod),
					PositionalArgs: cliarg.Args("country", "cert_no"),
				},
				{
					RpcMethod:      "Declaration",
					Use:            "declaration [decl-no]",
					Short:          "Show an import declaration: items, hygiene certificate, inspection and status",
					Example:        cliarg.Example("query %s declaration D-2024-0001", mod),
					PositionalArgs: cliarg.Args("decl_no"),
				},
				{
					RpcMethod:      "DeclarationsByImporter",
					Use:            "declarations-by-importer [facility-id]",
					Short:          "List the import declarations of an importer facility",
					Example:        cliarg.Example("query %s declarations-by-importer 2", mod),
					PositionalArgs: cliarg.Args("facility_id"),
				},
				{
					RpcMethod:      "DeclarationByCustomsRef",
					Use:            "declaration-by-customs-ref [customs-ref]",
					Short:          "Show the cleared import declaration with this customs reference",
					Example:        cliarg.Example("query %s declaration-by-customs-ref 12345-24-000001M", mod),
					PositionalArgs: cliarg.Args("customs_ref"),
				},
				{
					RpcMethod:      "DeclarationsByTraceNumber",
					Use:            "declarations-by-trace-number [trace-no]",
					Short:          "List the import declarations with an item of this livestock trace number",
					Example:        cliarg.Example("query %s declarations-by-trace-number L02407150012345", mod),
					PositionalArgs: cliarg.Args("trace_no"),
				},
				{
					RpcMethod:      "Recall",
					Use:            "recall [id]",
					Short:          "Show a recall: class, reason, lots, declarations and whether it is active",
					Example:        cliarg.Example("query %s recall 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod: "Recalls",
					Use:       "recalls",
					Short:     "List every recall in id order",
					Example:   cliarg.Example("query %s recalls --page-limit 50", mod),
				},
				{
					RpcMethod: "ActiveRecalls",
					Use:       "active-recalls",
					Short:     "List the recalls not closed",
					Example:   cliarg.Example("query %s active-recalls", mod),
				},
				{
					RpcMethod:      "IsRecalled",
					Use:            "is-recalled [lot]",
					Short:          "Check whether a lot is under an active recall, and which",
					Example:        cliarg.Example("query %s is-recalled LOT-2024-07-15", mod),
					PositionalArgs: cliarg.Args("lot"),
				},
				{
					RpcMethod:      "ImportConfirmationShare",
					Use:            "import-confirmation-share [id]",
					Short:          "Show an import-confirmation share: the disclosed values and the digests of the others",
					Example:        cliarg.Example("query %s import-confirmation-share 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the module parameters",
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "RegisterFacility",
					Use:       "register-facility [business-registration-digest] [type] [name] [region-code]",
					Short:     "Register a facility you operate (type: manufacturer, processor, importer, livestock-processor, distributor, food-service)",
					Example: cliarg.Example("tx %s register-facility $(printf '123-45-67890' | sha256sum | cut -d' ' -f1) importer 'Han River Foods' 11110 --from operator",
						mod),
					PositionalArgs: cliarg.Args("business_registration_digest", "type", "name", "region_code"),
				},
				{
					RpcMethod:      "AddFacilityStaff",
					Use:            "add-facility-staff [facility-id] [staff]",
					Short:          "Allow an account to anchor CCP records for a facility you operate",
					Example:        cliarg.Example("tx %s add-facility-staff 1 civic1... --from operator", mod),
					PositionalArgs: cliarg.Args("facility_id", "staff"),
				},
				{
					RpcMethod:      "RemoveFacilityStaff",
					Use:            "remove-facility-staff [facility-id] [staff]",
					Short:          "Remove a staff account from a facility you operate",
					Example:        cliarg.Example("tx %s remove-facility-staff 1 civic1... --from operator", mod),
					PositionalArgs: cliarg.Args("facility_id", "staff"),
				},
				{
					RpcMethod:      "IssueCertificate",
					Use:            "issue-certificate [cert-no] [facility-id] [valid-from] [valid-until] [scope...]",
					Short:          "Issue a HACCP certificate to a facility (needs haccp.certifier); the scope is one or more product categories",
					Example:        cliarg.Example("tx %s issue-certificate HACCP-2024-0001 1 2024-07-01T00:00:00Z 2027-06-30T00:00:00Z meat-processing frozen-foods --from certifier", mod),
					PositionalArgs: cliarg.Varargs("cert_no", "facility_id", "valid_from", "valid_until", "scope"),
				},
				{
					RpcMethod:      "SuspendCertificate",
					Use:            "suspend-certificate [cert-no] [reason-code]",
					Short:          "Suspend an active certificate (needs haccp.certifier)",
					Example:        cliarg.Example("tx %s suspend-certificate HACCP-2024-0001 CCP_DEVIATION --from certifier", mod),
					PositionalArgs: cliarg.Args("cert_no", "reason_code"),
				},
				{
					RpcMethod:      "ReinstateCertificate",
					Use:            "reinstate-certificate [cert-no] [reason-code]",
					Short:          "Reinstate a suspended certificate (needs haccp.certifier)",
					Example:        cliarg.Example("tx %s reinstate-certificate HACCP-2024-0001 CORRECTED --from certifier", mod),
					PositionalArgs: cliarg.Args("cert_no", "reason_code"),
				},
				{
					RpcMethod:      "RevokeCertificate",
					Use:            "revoke-certificate [cert-no] [reason-code]",
					Short:          "Revoke a certificate for good (needs haccp.certifier)",
					Example:        cliarg.Example("tx %s revoke-certificate HACCP-2024-0001 FRAUD --from certifier", mod),
					PositionalArgs: cliarg.Args("cert_no", "reason_code"),
				},
				{
					RpcMethod:      "RenewCertificate",
					Use:            "renew-certificate [cert-no] [valid-from] [valid-until] [scope...]",
					Short:          "Renew a certificate as a new version with a new validity and scope (needs haccp.certifier)",
					Example:        cliarg.Example("tx %s renew-certificate HACCP-2024-0001 2027-07-01T00:00:00Z 2030-06-30T00:00:00Z meat-processing --from certifier", mod),
					PositionalArgs: cliarg.Varargs("cert_no", "valid_from", "valid_until", "scope"),
				},
				{
					RpcMethod:      "RecordAudit",
					Use:            "record-audit [cert-no] [audit]",
					Short:          "Record a certificate's audit, given as JSON {at, result, report_digest} (needs haccp.certifier)",
					Example:        cliarg.Example(`tx %s record-audit HACCP-2024-0001 '{"at":"2025-03-02T10:00:00Z","result":"AUDIT_RESULT_PASS","report_digest":"%s"}' --from certifier`, mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("cert_no", "audit"),
				},
				{
					RpcMethod:      "AnchorCcpRecord",
					Use:            "anchor-ccp-record [facility-id] [ccp-code] [period-start] [period-end] [log-digest]",
					Short:          "Anchor the digest of a CCP monitoring log of a facility you operate or staff (--deviation if a limit was exceeded)",
					Example:        cliarg.Example("tx %s anchor-ccp-record 1 CCP-1B 2024-07-15T00:00:00Z 2024-07-16T00:00:00Z %s --deviation --from staff", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("facility_id", "ccp_code", "period_start", "period_end", "log_digest"),
				},
				{
					RpcMethod:      "RecordCorrectiveAction",
					Use:            "record-corrective-action [record-id] [action-digest]",
					Short:          "Record the corrective action of a CCP record with a deviation",
					Example:        cliarg.Example("tx %s record-corrective-action 3 %s --from staff", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("record_id", "action_digest"),
				},
				{
					RpcMethod:      "ReceiveHygieneCert",
					Use:            "receive-hygiene-cert [country] [cert-no] [issuing-authority] [product] [lot] [document-digest] [importer-facility-id]",
					Short:          "Record a foreign hygiene certificate received from an exporting country for one lot and its consignee, an IMPORTER facility (needs haccp.customs or haccp.inspector)",
					Example:        cliarg.Example("tx %s receive-hygiene-cert AU AU-2024-778 DAFF beef LOT-2024-07-15 %s 1 --from customs", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("country", "cert_no", "issuing_authority", "product", "lot", "document_digest", "importer_facility_id"),
				},
				{
					RpcMethod:      "VerifyHygieneCert",
					Use:            "verify-hygiene-cert [country] [cert-no] [verified]",
					Short:          "Verify (true) or reject (false, with --reason-code) a received hygiene certificate (needs haccp.inspector)",
					Example:        cliarg.Example("tx %s verify-hygiene-cert AU AU-2024-778 false --reason-code FORGED --from inspector", mod),
					PositionalArgs: cliarg.Args("country", "cert_no", "verified"),
				},
				{
					RpcMethod: "DeclareImport",
					Use:       "declare-import [decl-no] [importer-facility-id] [hygiene-cert-country] [hygiene-cert-no] [items...]",
					Short:     "Declare an import for an importer facility you operate; each item is JSON {product, hs_code, origin_country, lot, quantity, unit, livestock_trace_no}",
					Example: cliarg.Example(`tx %s declare-import D-2024-0001 2 AU AU-2024-778 \
  '{"product":"beef","hs_code":"020230","origin_country":"AU","lot":"LOT-2024-07-15","quantity":"1200","unit":"KG","livestock_trace_no":"L02407150012345"}' --from importer`, mod),
					PositionalArgs: cliarg.Varargs("decl_no", "importer_facility_id", "hygiene_cert_country", "hygiene_cert_no", "items"),
				},
				{
					RpcMethod:      "StartInspection",
					Use:            "start-inspection [decl-no]",
					Short:          "Start the inspection of a declared import (needs haccp.inspector)",
					Example:        cliarg.Example("tx %s start-inspection D-2024-0001 --from inspector", mod),
					PositionalArgs: cliarg.Args("decl_no"),
				},
				{
					RpcMethod:      "RecordInspection",
					Use:            "record-inspection [decl-no] [result] [report-digest]",
					Short:          "Record an inspection's result (pass or fail) and report digest (needs haccp.inspector)",
					Example:        cliarg.Example("tx %s record-inspection D-2024-0001 pass %s --from inspector", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("decl_no", "result", "report_digest"),
				},
				{
					RpcMethod:      "ClearDeclaration",
					Use:            "clear-declaration [decl-no] [customs-ref]",
					Short:          "Clear an inspected import under a customs reference (needs haccp.customs)",
					Example:        cliarg.Example("tx %s clear-declaration D-2024-0001 12345-24-000001M --from customs", mod),
					PositionalArgs: cliarg.Args("decl_no", "customs_ref"),
				},
				{
					RpcMethod:      "RefuseClearance",
					Use:            "refuse-clearance [decl-no] [reason-code]",
					Short:          "Refuse clearance of an inspected import (inspection PASS): it becomes REJECTED (needs haccp.customs)",
					Example:        cliarg.Example("tx %s refuse-clearance D-2024-0001 HYGIENE_CERT_REJECTED --from customs", mod),
					PositionalArgs: cliarg.Args("decl_no", "reason_code"),
				},
				{
					RpcMethod:      "WithdrawDeclaration",
					Use:            "withdraw-declaration [decl-no]",
					Short:          "Withdraw an import declaration before a decision; its hygiene certificate is released (the importer facility's operator or staff)",
					Example:        cliarg.Example("tx %s withdraw-declaration D-2024-0001 --from importer", mod),
					PositionalArgs: cliarg.Args("decl_no"),
				},
				{
					RpcMethod:      "IssueRecall",
					Use:            "issue-recall [class] [reason-code]",
					Short:          "Issue a recall (class i, ii or iii) of --lots, --declaration-nos and/or a --facility-id (needs haccp.certifier or haccp.inspector)",
					Example:        cliarg.Example("tx %s issue-recall i LISTERIA --lots LOT-2024-07-15,LOT-2024-07-16 --declaration-nos D-2024-0001 --from inspector", mod),
					PositionalArgs: cliarg.Args("class", "reason_code"),
				},
				{
					RpcMethod:      "CloseRecall",
					Use:            "close-recall [recall-id]",
					Short:          "Close an active recall; its lots are no longer recalled",
					Example:        cliarg.Example("tx %s close-recall 1 --from inspector", mod),
					PositionalArgs: cliarg.Args("recall_id"),
				},
				{
					RpcMethod: "ShareImportConfirmation",
					Use:       "share-import-confirmation [decl-no] [partner] [disclose...]",
					Short:     "Share an import confirmation with a partner, disclosing the listed fields (items, quantities, origin, hygiene-cert, customs-ref, inspection); the others as --undisclosed JSON digests",
					Example: cliarg.Example(`tx %s share-import-confirmation D-2024-0001 civic1... items origin \
  --undisclosed '{"field":"SHARE_FIELD_QUANTITIES","digest":"%s"}' --from importer`, mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Varargs("decl_no", "partner", "disclose"),
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing the module parameters (all of them)",
					Example:        cliarg.Example(`tx %s update-params-proposal "$(%s query %s params -o json | jq -c .params)" --from proposer`, mod, version.AppName, mod),
					PositionalArgs: cliarg.Args("params"),
					GovProposal:    true,
				},
			},
		},
	}
}
