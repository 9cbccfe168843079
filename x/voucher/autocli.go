package voucher

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/civicchain/civic/internal/cliarg"
	"github.com/civicchain/civic/x/voucher/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is
// a command under "voucher", ids and required fields are positional arguments,
// optional fields and lists are flags (--holder-districts, --amount-by-class
// as JSON, --status, --pagination...). Enum values are written without their
// prefix: relief, both, approve. Times are RFC 3339; amounts are integers in
// base units. The hand-written query claim-sign-bytes (client/cli) joins the
// generated query commands (EnhanceCustomCommand).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	mod := types.ModuleName
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Query_serviceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the module parameters",
				},
				{
					RpcMethod:      "Program",
					Use:            "program [id]",
					Short:          "Show a program: agency, kind, denom, caps, districts, eligibility, times, status (EXPIRED computed) and counters",
					Example:        cliarg.Example("query %s program 1", mod),
					PositionalArgs: cliarg.Args("id"),
				},
				{
					RpcMethod: "Programs",
					Use:       "programs",
					Short:     "List programs in id order, optionally of one agency (--agency-id) or one incident (--incident-id)",
					Example:   cliarg.Example("query %s programs --agency-id busan", mod),
				},
				{
					RpcMethod:      "Merchant",
					Use:            "merchant [program-id] [address]",
					Short:          "Show a merchant of a program: category, district, status and counters",
					Example:        cliarg.Example("query %s merchant 1 civic1...", mod),
					PositionalArgs: cliarg.Args("program_id", "address"),
				},
				{
					RpcMethod:      "Merchants",
					Use:            "merchants [program-id]",
					Short:          "List a program's merchants in address order, optionally of one status (--status)",
					Example:        cliarg.Example("query %s merchants 1 --status approved", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "Budget",
					Use:            "budget [program-id]",
					Short:          "Show a program's budget cap and its funded, escrow, issued, outstanding, redeemed, swept and refunded amounts",
					Example:        cliarg.Example("query %s budget 1", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "UsageStats",
					Use:            "usage-stats [program-id]",
					Short:          "Show a program's usage aggregates, and those of one district (--district) and one merchant category (--mcc); no holder is listed",
					Example:        cliarg.Example("query %s usage-stats 1 --district 26230 --mcc 5411", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "IsClaimed",
					Use:            "is-claimed [program-id] [status-list-id] [status-index]",
					Short:          "Tell whether a status entry was claimed in a program",
					Example:        cliarg.Example("query %s is-claimed 1 1 42", mod),
					PositionalArgs: cliarg.Args("program_id", "status_list_id", "status_index"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "CreateProgram",
					Use:            "create-program [kind] [funding-denom] [budget-cap] [per-holder-cap] [eligibility] [starts-at] [expires-at] [redeem-until] [refund-address]",
					Short:          "Create a DRAFT program of your agency (needs voucher.issuer); --holder-districts and --merchant-districts are required, --schema-id and --amount-by-class for credential eligibility",
					Example:        cliarg.Example(`tx %s create-program local-currency ukrw 1000000000 500000 allocation 2026-01-01T00:00:00Z 2026-08-31T00:00:00Z 2026-09-30T00:00:00Z civic1... --holder-districts 26230 --merchant-districts 26230 --excluded-mccs 5311,5813,7995 --from busan-issuer`, mod),
					PositionalArgs: cliarg.Args("kind", "funding_denom", "budget_cap", "per_holder_cap", "eligibility", "starts_at", "expires_at", "redeem_until", "refund_address"),
				},
				{
					RpcMethod:      "ActivateProgram",
					Use:            "activate-program [program-id]",
					Short:          "Move a DRAFT program of your agency to ACTIVE (needs voucher.issuer)",
					Example:        cliarg.Example("tx %s activate-program 1 --from busan-issuer", mod),
					PositionalArgs: cliarg.Args("program_id"),
				},
				{
					RpcMethod:      "SetProgramStatus",
					Use:            "set-program-status [program-id] [status]",
					Short:          "Suspend an ACTIVE program or resume a SUSPENDED one (needs voucher.issuer of its agency; governance may too)",
					Example:        cliarg.Example("tx %s set-program-status 1 suspended --from busan-issuer", mod),
					PositionalArgs: cliarg.Args("program_id", "status"),
				},
				{
					RpcMethod:      "FundProgram",
					Use:            "fund-program [program-id] [amount]",
					Short:          "Escrow funding coins (the program's funding denom) for a program of your agency, up to its budget cap (needs voucher.issuer)",
					Example:        cliarg.Example("tx %s fund-program 1 100000000 --from busan-issuer", mod),
					PositionalArgs: cliarg.Args("program_id", "amount"),
				},
				{
					RpcMethod:      "Allocate",
					Use:            "allocate [program-id] [entries...]",
					Short:          "Issue vouchers to holders, each entry a JSON {address, amount, district_code} (needs voucher.issuer of the program's agency)",
					Example:        cliarg.Example(`tx %s allocate 1 '{"address":"civic1...","amount":"400000","district_code":"26230"}' --from busan-issuer`, mod),
					PositionalArgs: cliarg.Varargs("program_id", "entries"),
				},
				{
					RpcMethod:      "Claim",
					Use:            "claim [program-id] [claim] [issuer-did] [verification-method] [signature]",
					Short:          "Claim vouchers with an issuer-signed claim (JSON) and its signature (hex or base64); you must be the claim's holder",
					Example:        cliarg.Example(`tx %s claim 1 '{"chain_id":"civic-local-1","program_id":"1","holder":"civic1...","district_code":"26230","class":"HOUSEHOLD_1","status_list_id":"1","status_index":"42","valid_until":"2026-08-31T00:00:00Z"}' did:civic:... did:civic:...#key-1 BASE64SIG --from holder`, mod),
					PositionalArgs: cliarg.Args("program_id", "claim", "issuer_did", "verification_method", "signature"),
				},
				{
					RpcMethod:      "ApplyMerchant",
					Use:            "apply-merchant [program-id] [business-digest] [district-code] [mcc] [settlement-address]",
					Short:          "Apply to accept a program's vouchers: salted SHA-256 of the business registration, 5-digit district, ISO 18245 category, settlement account",
					Example:        cliarg.Example("tx %s apply-merchant 1 %s 26230 5411 civic1... --from shop", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("program_id", "business_digest", "district_code", "mcc", "settlement_address"),
				},
				{
					RpcMethod:      "DecideMerchant",
					Use:            "decide-merchant [program-id] [merchant] [decision]",
					Short:          "Approve, suspend, reinstate or revoke a merchant of a program of your agency (needs voucher.merchant)",
					Example:        cliarg.Example("tx %s decide-merchant 1 civic1... approve --from busan-merchant-desk", mod),
					PositionalArgs: cliarg.Args("program_id", "merchant", "decision"),
				},
				{
					RpcMethod:      "Pay",
					Use:            "pay [program-id] [merchant] [amount] [receipt-digest]",
					Short:          "Pay an APPROVED merchant in a program's vouchers; the receipt digest is paid once per merchant",
					Example:        cliarg.Example("tx %s pay 1 civic1... 12000 %s --from holder", mod, cliarg.SampleDigest),
					PositionalArgs: cliarg.Args("program_id", "merchant", "amount", "receipt_digest"),
				},
				{
					RpcMethod:      "Redeem",
					Use:            "redeem [program-id] [amount]",
					Short:          "Redeem vouchers you hold as a merchant for the funding denom, paid to your settlement address, until redeem_until",
					Example:        cliarg.Example("tx %s redeem 1 12000 --from shop", mod),
					PositionalArgs: cliarg.Args("program_id", "amount"),
				},
				{
					RpcMethod:      "Sweep",
					Use:            "sweep [program-id] [limit]",
					Short:          "Burn unspent vouchers of an expired program (merchants' after redeem_until), return their escrow, and close it when nothing is left (needs voucher.issuer; governance may too)",
					Example:        cliarg.Example("tx %s sweep 1 100 --from busan-issuer", mod),
					PositionalArgs: cliarg.Args("program_id", "limit"),
				},
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing the module parameters (all of them)",
					Example:        cliarg.Example(`tx %s update-params-proposal '{"allowed_funding_denoms":["ucivic","ukrw"],"max_amount":"1000000000000000","max_districts":64,"max_excluded_mccs":200,"max_classes":16,"max_allocators":8,"max_allocation_entries":100,"max_sweep":100}' --from proposer`, mod),
					PositionalArgs: cliarg.Args("params"),
					GovProposal:    true,
				},
			},
		},
	}
}
