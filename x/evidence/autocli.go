package evidence

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/civicchain/civic/internal/cliarg"
	"github.com/civicchain/civic/x/evidence/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is a
// command under "digitalevidence", ids are positional arguments and optional
// fields are flags (--note-digest, --parent-id, --acquisition, --pagination...).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	mod := types.ModuleName
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "Case",
					Use:            "case [id]",
					Short:          "Show a case: agency, reference digest, status and item count",
					Example:        cliarg.Example("query %s case 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod:      "CasesByAgency",
					Use:            "cases-by-agency [agency-id]",
					Short:          "List an agency's cases in id order",
					Example:        cliarg.Example("query %s cases-by-agency knpa --page-limit 50", mod),
					PositionalArgs: cliarg.Args("agency_id"),
				},
				{
					RpcMethod:      "Evidence",
					Use:            "evidence [id]",
					Short:          "Show an evidence item: digest, locator, custodian and status",
					Example:        cliarg.Example("query %s evidence 7", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod:      "EvidenceByCase",
					Use:            "evidence-by-case [case-id]",
					Short:          "List the evidence items of a case in id order",
					Example:        cliarg.Example("query %s evidence-by-case 1", mod),
					PositionalArgs: cliarg.Args("case_id"),
				},
				{
					RpcMethod:      "EvidenceByDigest",
					Use:            "evidence-by-digest [digest]",
					Short:          "List the evidence items whose payload has this SHA-256 digest",
					Example:        cliarg.Example("query %s evidence-by-digest %s", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("digest"),
				},
				{
					RpcMethod:      "CustodyHistory",
					Use:            "custody-history [evidence-id]",
					Short:          "List an item's chain of custody in sequence order",
					Example:        cliarg.Example("query %s custody-history 7", mod),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "Transfer",
					Use:            "transfer [evidence-id]",
					Short:          "Show the open transfer of an item",
					Example:        cliarg.Example("query %s transfer 7", mod),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "PendingTransfers",
					Use:            "pending-transfers [receiver]",
					Short:          "List the open transfers waiting for a receiver to accept or reject",
					Example:        cliarg.Example("query %s pending-transfers civic1...", mod),
					PositionalArgs: cliarg.Args("receiver"),
				},
				{
					RpcMethod:      "VerifyDigest",
					Use:            "verify-digest [evidence-id] [digest]",
					Short:          "Check a payload's SHA-256 digest against an item's recorded digest (read-only)",
					Example:        cliarg.Example("query %s verify-digest 7 %s", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("evidence_id", "digest"),
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
					RpcMethod:      "OpenCase",
					Use:            "open-case [reference-digest]",
					Short:          "Open a case for your agency (needs evidence.investigator); give the SHA-256 of the case number, never the number",
					Example:        cliarg.Example("tx %s open-case $(printf '2024-형제-1234' | sha256sum | cut -d' ' -f1) --from investigator", mod),
					PositionalArgs: cliarg.Args("reference_digest"),
				},
				{
					RpcMethod:      "CloseCase",
					Use:            "close-case [case-id]",
					Short:          "Close an open case of your agency (needs evidence.investigator)",
					Example:        cliarg.Example("tx %s close-case 1 --from investigator", mod),
					PositionalArgs: cliarg.Args("case_id"),
				},
				{
					RpcMethod: "RegisterEvidence",
					Use:       "register-evidence [case-id] [exhibit-number] [digest] [size-bytes] [media-type] [locator]",
					Short:     "Register an evidence item in an open case of your agency (needs evidence.investigator); you become its custodian",
					Example: cliarg.Example(`tx %s register-evidence 1 E-001 %s 512110190592 application/octet-stream s3://npa-evidence/2024/1/e-001.dd \
  --acquisition '{"method":"ACQUISITION_METHOD_FORENSIC_IMAGE","tool":"ftk-imager","tool_version":"4.7","acquired_at":"2024-05-01T09:30:00Z"}' \
  --parent-id 0 --from investigator`, mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("case_id", "exhibit_number", "digest", "size_bytes", "media_type", "locator"),
				},
				{
					RpcMethod:      "TakeCustody",
					Use:            "take-custody [evidence-id]",
					Short:          "Take a registered item into the evidence room (needs evidence.custodian of the item's agency)",
					Example:        cliarg.Example("tx %s take-custody 7 --from custodian", mod),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "ProposeTransfer",
					Use:            "propose-transfer [evidence-id] [receiver]",
					Short:          "Propose to hand an item you hold to another custodian or analyst (needs evidence.custodian)",
					Example:        cliarg.Example("tx %s propose-transfer 7 civic1... --note-digest %s --from custodian", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("evidence_id", "receiver"),
				},
				{
					RpcMethod:      "AcceptTransfer",
					Use:            "accept-transfer [evidence-id]",
					Short:          "Accept a transfer addressed to you and become the custodian (needs evidence.custodian or evidence.analyst)",
					Example:        cliarg.Example("tx %s accept-transfer 7 --from analyst", mod),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "RejectTransfer",
					Use:            "reject-transfer [evidence-id]",
					Short:          "Reject a transfer addressed to you; the item stays with its custodian",
					Example:        cliarg.Example("tx %s reject-transfer 7 --from analyst", mod),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "CancelTransfer",
					Use:            "cancel-transfer [evidence-id]",
					Short:          "Withdraw a transfer you proposed (needs evidence.custodian)",
					Example:        cliarg.Example("tx %s cancel-transfer 7 --from custodian", mod),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "StartAnalysis",
					Use:            "start-analysis [evidence-id]",
					Short:          "Start forensic analysis of an item you hold (needs evidence.analyst)",
					Example:        cliarg.Example("tx %s start-analysis 7 --from analyst", mod),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "CompleteAnalysis",
					Use:            "complete-analysis [evidence-id] [report-digest]",
					Short:          "Complete the analysis and anchor the report's SHA-256 digest (needs evidence.analyst)",
					Example:        cliarg.Example("tx %s complete-analysis 7 %s --from analyst", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("evidence_id", "report_digest"),
				},
				{
					RpcMethod:      "SubmitToCourt",
					Use:            "submit-to-court [evidence-id] [court-ref-digest]",
					Short:          "Record that an analysed item was submitted to court (needs evidence.prosecutor)",
					Example:        cliarg.Example("tx %s submit-to-court 7 %s --from prosecutor", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("evidence_id", "court_ref_digest"),
				},
				{
					RpcMethod:      "RecordCourtDecision",
					Use:            "record-court-decision [evidence-id] [admitted|excluded]",
					Short:          "Record whether the court admitted or excluded a submitted item (needs evidence.prosecutor)",
					Example:        cliarg.Example("tx %s record-court-decision 7 admitted --from prosecutor", mod),
					PositionalArgs: cliarg.Args("evidence_id", "decision"),
				},
				{
					RpcMethod:      "Archive",
					Use:            "archive [evidence-id]",
					Short:          "Archive an item after the court's decision (needs evidence.custodian of the item's agency)",
					Example:        cliarg.Example("tx %s archive 7 --from custodian", mod),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "Dispose",
					Use:            "dispose [evidence-id]",
					Short:          "Record the destruction of an archived item (needs evidence.custodian of the item's agency)",
					Example:        cliarg.Example("tx %s dispose 7 --note-digest %s --from custodian", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "Return",
					Use:            "return [evidence-id]",
					Short:          "Record the return of an archived item to its owner (needs evidence.custodian of the item's agency)",
					Example:        cliarg.Example("tx %s return 7 --note-digest %s --from custodian", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("evidence_id"),
				},
				{
					RpcMethod:      "VerifyIntegrity",
					Use:            "verify-integrity [evidence-id] [digest]",
					Short:          "Check a payload's SHA-256 against the recorded digest and log MATCH or MISMATCH on chain (needs any evidence role)",
					Example:        cliarg.Example("tx %s verify-integrity 7 $(sha256sum e-001.dd | cut -d' ' -f1) --from auditor", mod),
					PositionalArgs: cliarg.Args("evidence_id", "digest"),
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing the module parameters (all of them)",
					Example:        cliarg.Example(`tx %s update-params-proposal '{"max_items_per_case":"1000","max_derivation_depth":4}' --from proposer`, mod),
					PositionalArgs: cliarg.Args("params"),
					GovProposal:    true,
				},
			},
		},
	}
}
