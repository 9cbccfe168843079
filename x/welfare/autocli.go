package welfare

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/civicchain/civic/internal/cliarg"
	"github.com/civicchain/civic/x/welfare/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is
// a command under "welfare", ids and required fields are positional
// arguments, optional fields and lists are flags (--groups, --status,
// --pagination...). Enum values are written without their prefix:
// household, enrolled, suspended. Times are RFC 3339; amounts are integers in
// base units; the benefit is JSON ({"kind":"BENEFIT_KIND_CASH","denom":"ukrw"}).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	mod := types.ModuleName
	key := cliarg.SampleDigest
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
					RpcMethod:      "Group",
					Use:            "group [id]",
					Short:          "Show an exclusivity group: description, legal basis, slots held, duplicates refused, programs",
					Example:        cliarg.Example("query %s group livelihood", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod: "Groups",
					Use:       "groups",
					Short:     "List the exclusivity groups in id order",
					Example:   cliarg.Example("query %s groups", mod),
				},
				{
					RpcMethod:      "GroupTotals",
					Use:            "group-totals [group-id]",
					Short:          "Show a group's totals: slots held, duplicates refused, programs listing it",
					Example:        cliarg.Example("query %s group-totals livelihood", mod),
					PositionalArgs: cliarg.Args("group_id"),
				},
				{
					RpcMethod:      "Program",
					Use:            "program [id]",
					Short:          "Show a program: agency, target, groups, benefit, budget cap, status, due per cycle and totals",
					Example:        cliarg.Example("query %s program 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod: "Programs",
					Use:       "programs",
					Short:     "List programs in id order, optionally of one agency (--agency-id)",
					Example:   cliarg.Example("query %s programs --agency-id mohw", mod),
				},
				{
					RpcMethod:      "ProgramTotals",
					Use:            "program-totals [program-id]",
					Short:          "Show a program's totals (enrolments by state, duplicates refused, entitlements by status, payments, escrow) and one cycle's (--cycle-seq); no person is named",
					Example:        cliarg.Example("query %s program-totals 1 --cycle-seq 1", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "SlotHeld",
					Use:            "slot-held [slot-key]",
					Short:          "Tell whether a slot key (64 hex) is held now, and by which enrolment, program and group",
					Example:        cliarg.Example("query %s slot-held %s", mod, key),
					PositionalArgs: cliarg.Args("slot_key"),
				},
				{
					RpcMethod:      "Enrolment",
					Use:            "enrolment [id]",
					Short:          "Show an enrolment: program, beneficiary reference (a pairwise DID or a salted digest), status, decision",
					Example:        cliarg.Example("query %s enrolment 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod:      "Enrolments",
					Use:            "enrolments [program-id]",
					Short:          "List a program's enrolments in id order, optionally of one status (--status)",
					Example:        cliarg.Example("query %s enrolments 1 --status duplicated", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "Entitlement",
					Use:            "entitlement [id]",
					Short:          "Show an entitlement: payee, amount per cycle, validity, status (ENDED once past valid_until), audit hold, payments",
					Example:        cliarg.Example("query %s entitlement 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod:      "Entitlements",
					Use:            "entitlements [program-id]",
					Short:          "List a program's entitlements in id order",
					Example:        cliarg.Example("query %s entitlements 1", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "PayeeFanIn",
					Use:            "payee-fan-in [payee]",
					Short:          "Show how many live entitlements pay one account, across every program (a ghost-beneficiary signal), and a page of them",
					Example:        cliarg.Example("query %s payee-fan-in civic1...", mod),
					PositionalArgs: cliarg.Args("payee"),
				},
				{
					RpcMethod:      "Cycle",
					Use:            "cycle [program-id] [seq]",
					Short:          "Show a payment cycle: period, status, total due, cursor, paid and skipped counts",
					Example:        cliarg.Example("query %s cycle 1 1", mod),
					PositionalArgs: cliarg.Args("program_id", "seq"),
				},
				{
					RpcMethod:      "Cycles",
					Use:            "cycles [program-id]",
					Short:          "List a program's payment cycles in seq order",
					Example:        cliarg.Example("query %s cycles 1", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "Payments",
					Use:            "payments [program-id] [seq]",
					Short:          "List the payments of one cycle in entitlement order",
					Example:        cliarg.Example("query %s payments 1 1", mod),
					PositionalArgs: cliarg.Args("program_id", "seq"),
				},
				{
					RpcMethod:      "Findings",
					Use:            "findings [program-id]",
					Short:          "List the audit findings on a program in id order",
					Example:        cliarg.Example("query %s findings 1", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "CreateGroup",
					Use:            "create-group-proposal [id] [description] [legal-basis]",
					Short:          "Submit a governance proposal creating an exclusivity group (a person holds at most one benefit of a group at a time)",
					Example:        cliarg.Example(`tx %s create-group-proposal livelihood "기초생활보장 생계급여 and 긴급복지 생계지원" KR-NBLSA-8+KR-EWSA-3 --from citizen`, mod),
					PositionalArgs: cliarg.Args("id", "description", "legal_basis"),
					GovProposal:    true,
				},
				{
					RpcMethod:      "CreateProgram",
					Use:            "create-program [name] [target] [benefit] [budget-cap]",
					Short:          "Create a DRAFT program of your agency (needs welfare.manager); --groups lists its exclusivity groups",
					Example:        cliarg.Example(`tx %s create-program "기초생활보장 생계급여" individual '{"kind":"BENEFIT_KIND_CASH","denom":"ukrw"}' 100000000 --groups livelihood --from mohw-manager-1`, mod),
					PositionalArgs: cliarg.Args("name", "target", "benefit", "budget_cap"),
				},
				{
					RpcMethod:      "ActivateProgram",
					Use:            "activate-program [program-id]",
					Short:          "Move a DRAFT program of your agency to ACTIVE (needs welfare.manager)",
					Example:        cliarg.Example("tx %s activate-program 1 --from mohw-manager-1", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "FundProgram",
					Use:            "fund-program [program-id] [amount]",
					Short:          "Escrow coins of a CASH program's denom in the module account, up to its budget cap (needs welfare.manager of its agency)",
					Example:        cliarg.Example("tx %s fund-program 1 10000000 --from mohw-manager-1", mod),
					PositionalArgs: cliarg.Args("program_id", "amount"),
				},
				{
					RpcMethod:      "CloseProgram",
					Use:            "close-program [program-id]",
					Short:          "Close a program and return its escrow to the agency's admin (needs welfare.manager of its agency; governance may too)",
					Example:        cliarg.Example("tx %s close-program 1 --from mohw-manager-1", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "Apply",
					Use:            "apply [program-id] [beneficiary-ref] [application-digest] [slot-keys...]",
					Short:          "File an application (needs welfare.caseworker of the program's agency): one slot key per group; DUPLICATED when a slot is held, else PENDING",
					Example:        cliarg.Example("tx %s apply 1 did:civic:... %s %s --from mohw-caseworker-1", mod, key, key),
					PositionalArgs: cliarg.Varargs("program_id", "beneficiary_ref", "application_digest", "slot_keys"),
				},
				{
					RpcMethod:      "DecideEligibility",
					Use:            "decide-eligibility [enrolment-id] [outcome] [decision-digest] [criteria-version]",
					Short:          "Decide a PENDING enrolment: enrolled or not-eligible (needs welfare.caseworker of its agency, not the one who filed it)",
					Example:        cliarg.Example("tx %s decide-eligibility 1 enrolled %s 2026.1 --from mohw-caseworker-2", mod, key),
					PositionalArgs: cliarg.Args("enrolment_id", "outcome", "decision_digest", "criteria_version"),
				},
				{
					RpcMethod:      "SetEnrolmentStatus",
					Use:            "set-enrolment-status [enrolment-id] [status] [reason-code]",
					Short:          "Pause, resume (enrolled) or exit an enrolment with a reason code (needs welfare.caseworker of its agency); exiting releases its slots",
					Example:        cliarg.Example("tx %s set-enrolment-status 1 exited INCOME_ABOVE_THRESHOLD --from mohw-caseworker-1", mod),
					PositionalArgs: cliarg.Args("enrolment_id", "status", "reason_code"),
				},
				{
					RpcMethod:      "OfferEntitlement",
					Use:            "offer-entitlement [enrolment-id] [payee] [amount-per-cycle] [valid-from] [valid-until]",
					Short:          "Offer an ENROLLED enrolment an entitlement paid to a payee who is not of your agency (needs welfare.caseworker)",
					Example:        cliarg.Example("tx %s offer-entitlement 1 civic1... 500000 2026-01-01T00:00:00Z 2026-12-31T00:00:00Z --from mohw-caseworker-1", mod),
					PositionalArgs: cliarg.Args("enrolment_id", "payee", "amount_per_cycle", "valid_from", "valid_until"),
				},
				{
					RpcMethod:      "AcceptEntitlement",
					Use:            "accept-entitlement [entitlement-id]",
					Short:          "Accept an entitlement offered to you (you must be its payee)",
					Example:        cliarg.Example("tx %s accept-entitlement 1 --from payee-1", mod),
					PositionalArgs: cliarg.Args("entitlement_id"),
				},
				{
					RpcMethod:      "DeclineEntitlement",
					Use:            "decline-entitlement [entitlement-id]",
					Short:          "Decline an entitlement offered to you (you must be its payee)",
					Example:        cliarg.Example("tx %s decline-entitlement 1 --from payee-1", mod),
					PositionalArgs: cliarg.Args("entitlement_id"),
				},
				{
					RpcMethod:      "SetEntitlementStatus",
					Use:            "set-entitlement-status [entitlement-id] [status] [reason-code]",
					Short:          "Suspend, resume (active) or end an entitlement with a reason code (needs welfare.caseworker of its agency)",
					Example:        cliarg.Example("tx %s set-entitlement-status 1 suspended DOCUMENTS_MISSING --from mohw-caseworker-1", mod),
					PositionalArgs: cliarg.Args("entitlement_id", "status", "reason_code"),
				},
				{
					RpcMethod:      "CreateCycle",
					Use:            "create-cycle [program-id] [period-start] [period-end]",
					Short:          "Create a DRAFT payment cycle of an ACTIVE program of your agency (needs welfare.manager)",
					Example:        cliarg.Example("tx %s create-cycle 1 2026-01-01T00:00:00Z 2026-02-01T00:00:00Z --from mohw-manager-1", mod),
					PositionalArgs: cliarg.Args("program_id", "period_start", "period_end"),
				},
				{
					RpcMethod:      "SubmitCycle",
					Use:            "submit-cycle [program-id] [seq]",
					Short:          "Submit a DRAFT cycle for approval, fixing its total due (needs welfare.manager)",
					Example:        cliarg.Example("tx %s submit-cycle 1 1 --from mohw-manager-1", mod),
					PositionalArgs: cliarg.Args("program_id", "seq"),
				},
				{
					RpcMethod:      "ApproveCycle",
					Use:            "approve-cycle [program-id] [seq]",
					Short:          "Approve a submitted cycle when the escrow covers it (needs welfare.manager other than the submitter)",
					Example:        cliarg.Example("tx %s approve-cycle 1 1 --from mohw-manager-2", mod),
					PositionalArgs: cliarg.Args("program_id", "seq"),
				},
				{
					RpcMethod:      "Distribute",
					Use:            "distribute [program-id] [seq] [limit]",
					Short:          "Pay up to limit entitlements of an APPROVED cycle from its cursor (needs welfare.manager); DISTRIBUTED when the cursor ends",
					Example:        cliarg.Example("tx %s distribute 1 1 100 --from mohw-manager-1", mod),
					PositionalArgs: cliarg.Args("program_id", "seq", "limit"),
				},
				{
					RpcMethod:      "EndCycle",
					Use:            "end-cycle [program-id] [seq]",
					Short:          "End a DISTRIBUTED cycle (needs welfare.manager)",
					Example:        cliarg.Example("tx %s end-cycle 1 1 --from mohw-manager-1", mod),
					PositionalArgs: cliarg.Args("program_id", "seq"),
				},
				{
					RpcMethod:      "CancelCycle",
					Use:            "cancel-cycle [program-id] [seq]",
					Short:          "Cancel a cycle that has paid nothing, releasing its reservation (needs welfare.manager)",
					Example:        cliarg.Example("tx %s cancel-cycle 1 2 --from mohw-manager-1", mod),
					PositionalArgs: cliarg.Args("program_id", "seq"),
				},
				{
					RpcMethod:      "PlaceAuditHold",
					Use:            "place-audit-hold [entitlement-id] [reason-code]",
					Short:          "Hold a live entitlement: distributions skip it until released (needs welfare.auditor)",
					Example:        cliarg.Example("tx %s place-audit-hold 1 GHOST_SUSPECTED --from bai-auditor", mod),
					PositionalArgs: cliarg.Args("entitlement_id", "reason_code"),
				},
				{
					RpcMethod:      "ReleaseAuditHold",
					Use:            "release-audit-hold [entitlement-id]",
					Short:          "Release an audit hold your agency placed (needs welfare.auditor)",
					Example:        cliarg.Example("tx %s release-audit-hold 1 --from bai-auditor", mod),
					PositionalArgs: cliarg.Args("entitlement_id"),
				},
				{
					RpcMethod:      "RecordFinding",
					Use:            "record-finding [program-id] [cycle-seq] [finding-digest]",
					Short:          "Record the digest of an audit finding on a program (cycle-seq 0) or one of its cycles (needs welfare.auditor)",
					Example:        cliarg.Example("tx %s record-finding 1 1 %s --from bai-auditor", mod, key),
					PositionalArgs: cliarg.Args("program_id", "cycle_seq", "finding_digest"),
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing the module parameters (all of them)",
					Example:        cliarg.Example(`tx %s update-params-proposal '{"max_amount":"1000000000000000","max_groups_per_program":4,"max_distribute":200,"max_entitlement_seconds":"157680000","max_cycle_seconds":"31622400"}' --from citizen`, mod),
					PositionalArgs: cliarg.Args("params"),
					GovProposal:    true,
				},
			},
		},
	}
}
