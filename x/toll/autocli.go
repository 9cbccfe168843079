package toll

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"

	"github.com/civicchain/civic/internal/cliarg"
	"github.com/civicchain/civic/x/toll/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is a
// command under "toll", next to the hand-written ones of client/cli. Ids are
// positional arguments; the optional fields are flags (--operator,
// --period-id, --payer, --at, --exit-time, --discount-codes,
// --evidence-digest, --refund, --reason, --page-limit...). Enum values are
// written in kebab case without their prefix (account, offchain; compact,
// eco-friendly, disabled, commuter; miscollection, class-mismatch, duplicate;
// trip, batch; refund, reject). Times are RFC 3339. Repeated messages (a
// tariff's rates and discounts, a batch's totals) are JSON flags, one object
// per flag; a verify-trip's trip is a JSON argument.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	app, mod := version.AppName, types.ModuleName
	// sibling is the SHA-256 of "1", a second sample digest.
	const sibling = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
	digest := cliarg.SampleDigest
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
					RpcMethod:      "Operator",
					Use:            "operator [agency-id]",
					Short:          "Show a registered operator and its settlement account",
					Example:        cliarg.Example("query %s operator kec", mod),
					PositionalArgs: cliarg.Args("agency_id"),
				},
				{
					RpcMethod: "Operators",
					Use:       "operators",
					Short:     "List the registered operators by agency id",
					Example:   cliarg.Example("query %s operators --page-limit 50", mod),
				},
				{
					RpcMethod:      "Plaza",
					Use:            "plaza [plaza-id]",
					Short:          "Show a toll plaza: operator, route and position",
					Example:        cliarg.Example("query %s plaza seoul-tg", mod),
					PositionalArgs: cliarg.Args("plaza_id"),
				},
				{
					RpcMethod: "Plazas",
					Use:       "plazas",
					Short:     "List the plazas by id, or an operator's with --operator",
					Example:   cliarg.Example("query %s plazas --operator kec", mod),
				},
				{
					RpcMethod:      "Segments",
					Use:            "segments [route]",
					Short:          "List a route's segments and their operators by start position",
					Example:        cliarg.Example("query %s segments gyeongbu", mod),
					PositionalArgs: cliarg.Args("route"),
				},
				{
					RpcMethod:      "Tariff",
					Use:            "tariff [operator]",
					Short:          "Show the operator's tariff version in effect now, or at --at (RFC 3339)",
					Example:        cliarg.Example("query %s tariff kec --at 2026-01-01T00:00:00Z", mod),
					PositionalArgs: cliarg.Args("operator"),
				},
				{
					RpcMethod:      "TariffVersions",
					Use:            "tariff-versions [operator]",
					Short:          "List every version of an operator's tariff, oldest first",
					Example:        cliarg.Example("query %s tariff-versions kec", mod),
					PositionalArgs: cliarg.Args("operator"),
				},
				{
					RpcMethod:      "QuoteFare",
					Use:            "quote-fare [entry-plaza] [exit-plaza] [vehicle-class]",
					Short:          "Compute a trip's fare and each operator's share without recording it (class 1-5; --discount-codes, --exit-time RFC 3339)",
					Example:        cliarg.Example("query %s quote-fare daejeon-tg seoul-tg 1 --discount-codes compact --discount-codes commuter --exit-time 2026-01-05T07:30:00+09:00", mod),
					PositionalArgs: cliarg.Args("entry_plaza", "exit_plaza", "vehicle_class"),
				},
				{
					RpcMethod:      "Trip",
					Use:            "trip [trip-id]",
					Short:          "Show a trip: plazas, times, fare, shares, tariffs and payment",
					Example:        cliarg.Example("query %s trip 42", mod),
					PositionalArgs: cliarg.Args("trip_id"),
				},
				{
					RpcMethod:      "TripsByPlaza",
					Use:            "trips-by-plaza [plaza-id]",
					Short:          "List the trips recorded at an exit plaza, or of one period with --period-id",
					Example:        cliarg.Example("query %s trips-by-plaza seoul-tg --period-id 3", mod),
					PositionalArgs: cliarg.Args("plaza_id"),
				},
				{
					RpcMethod:      "TripsByPeriod",
					Use:            "trips-by-period [period-id]",
					Short:          "List the trips of a settlement period by id",
					Example:        cliarg.Example("query %s trips-by-period 3", mod),
					PositionalArgs: cliarg.Args("period_id"),
				},
				{
					RpcMethod: "UnpaidTrips",
					Use:       "unpaid-trips",
					Short:     "List the UNPAID trips, or one payer's with --payer",
					Example:   cliarg.Example("query %s unpaid-trips --payer civic1...", mod),
				},
				{
					RpcMethod:      "SpendingLimits",
					Use:            "spending-limits [payer]",
					Short:          "List a payer's spending limits by operator: remaining and spent",
					Example:        cliarg.Example("query %s spending-limits civic1...", mod),
					PositionalArgs: cliarg.Args("payer"),
				},
				{
					RpcMethod:      "TripBatch",
					Use:            "trip-batch [batch-id]",
					Short:          "Show a trip batch: plaza, Merkle root, count and per-operator totals",
					Example:        cliarg.Example("query %s trip-batch 7", mod),
					PositionalArgs: cliarg.Args("batch_id"),
				},
				{
					RpcMethod:      "TripBatches",
					Use:            "trip-batches [period-id]",
					Short:          "List the trip batches of a settlement period by id",
					Example:        cliarg.Example("query %s trip-batches 3", mod),
					PositionalArgs: cliarg.Args("period_id"),
				},
				{
					RpcMethod: "VerifyTrip",
					Use:       "verify-trip [batch-id] [index] [trip] [siblings...]",
					Short:     "Check a Merkle sum proof that an off-chain trip (JSON BatchTrip) is the one at index (0-based) of a batch whose declared count and totals its tree sums; each sibling is a JSON MerkleSumNode (hash, sums, count), leaf to root; batch-proof computes the arguments",
					Example: cliarg.Example(`query %s verify-trip 7 2 \
  '{"entry_plaza":"daejeon-tg","exit_plaza":"seoul-tg","vehicle_class":1,"entry_unix":"1767225600","exit_unix":"1767229200","vehicle_ref":"%s","fare":"9100","shares":[{"operator":"kec","amount":"9100"}]}' \
  '{"hash":"%s","sums":[{"operator":"kec","amount":"4000"}],"count":"1"}' \
  '{"hash":"%s","sums":[{"operator":"kec","amount":"18100"}],"count":"2"}'`, mod, digest, sibling, digest),
					PositionalArgs: cliarg.Varargs("batch_id", "index", "trip", "siblings"),
				},
				{
					RpcMethod:      "Period",
					Use:            "period [period-id]",
					Short:          "Show a settlement period: status, times, participants and confirmations",
					Example:        cliarg.Example("query %s period 3", mod),
					PositionalArgs: cliarg.Args("period_id"),
				},
				{
					RpcMethod: "Periods",
					Use:       "periods",
					Short:     "List the settlement periods by id",
					Example:   cliarg.Example("query %s periods --page-reverse --page-limit 10", mod),
				},
				{
					RpcMethod:      "NetPositions",
					Use:            "net-positions [period-id]",
					Short:          "Show every operator's receivable, payable, net and escrow in a period, and the accruals behind them",
					Example:        cliarg.Example("query %s net-positions 3", mod),
					PositionalArgs: cliarg.Args("period_id"),
				},
				{
					RpcMethod:      "Dispute",
					Use:            "dispute [dispute-id]",
					Short:          "Show a dispute: target, amount, status and resolution",
					Example:        cliarg.Example("query %s dispute 1", mod),
					PositionalArgs: cliarg.Args("dispute_id"),
				},
				{
					RpcMethod: "Disputes",
					Use:       "disputes",
					Short:     "List the disputes by id, or one period's with --period-id",
					Example:   cliarg.Example("query %s disputes --period-id 3", mod),
				},
				{
					RpcMethod:      "Route",
					Use:            "route [route]",
					Short:          "Show a route and its owning operator",
					Example:        cliarg.Example("query %s route gyeongbu", mod),
					PositionalArgs: cliarg.Args("route"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Msg_serviceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing the module parameters (all of them)",
					Example:        cliarg.Example(`tx %s update-params-proposal "$(%s query %s params -o json | jq -c .params)" --from proposer`, mod, app, mod),
					PositionalArgs: cliarg.Args("params"),
					GovProposal:    true,
				},
				{
					RpcMethod:      "RegisterOperator",
					Use:            "register-operator [agency-id] [settlement-account]",
					Short:          "Register your agency as a toll operator, or move its settlement account to a member holding toll.settlement (the agency admin signs)",
					Example:        cliarg.Example("tx %s register-operator kec civic1... --from kec-admin", mod),
					PositionalArgs: cliarg.Args("agency_id", "settlement_account"),
				},
				{
					RpcMethod:      "RegisterRoute",
					Use:            "register-route [route]",
					Short:          "Register a new route owned by your operator; only the owner (or governance) adds segments to it (needs toll.operator)",
					Example:        cliarg.Example("tx %s register-route gyeongbu --from kec-operator", mod),
					PositionalArgs: cliarg.Args("route"),
				},
				{
					RpcMethod:      "RegisterPlaza",
					Use:            "register-plaza [plaza-id] [route] [position-m]",
					Short:          "Register a plaza of your operator on a route, at a position in metres from the route's origin (needs toll.operator)",
					Example:        cliarg.Example("tx %s register-plaza seoul-tg gyeongbu 0 --from kec-operator", mod),
					PositionalArgs: cliarg.Args("plaza_id", "route", "position_m"),
				},
				{
					RpcMethod:      "RegisterSegment",
					Use:            "register-segment [route] [start-m] [end-m]",
					Short:          "Register the stretch [start-m, end-m) of a route your operator owns, as your operator's or --operator's (needs toll.operator; governance registers on any route)",
					Example:        cliarg.Example("tx %s register-segment gyeongbu 140000 180000 --operator prv --from kec-operator", mod),
					PositionalArgs: cliarg.Args("route", "start_m", "end_m"),
				},
				{
					RpcMethod:      "RetireSegment",
					Use:            "retire-segment [route] [start-m]",
					Short:          "Retire your operator's segment starting at start-m; refused while another operator has a plaza on the route (governance may)",
					Example:        cliarg.Example("tx %s retire-segment gyeongbu 140000 --from prv-operator", mod),
					PositionalArgs: cliarg.Args("route", "start_m"),
				},
				{
					RpcMethod: "SetTariff",
					Use:       "set-tariff [effective-from]",
					Short:     "Add the next version of your operator's tariff from a time (RFC 3339; a version after the first at least tariff_min_notice_seconds ahead): five --rates (classes 1-5 in order, within max_rates), optional --discounts and commuter window (needs toll.operator)",
					Example: cliarg.Example(`tx %s set-tariff 2026-02-01T00:00:00+09:00 \
  --rates '{"vehicle_class":1,"base_fee":"900000000","per_km":"44300000"}' \
  --rates '{"vehicle_class":2,"base_fee":"900000000","per_km":"45200000"}' \
  --rates '{"vehicle_class":3,"base_fee":"900000000","per_km":"47000000"}' \
  --rates '{"vehicle_class":4,"base_fee":"1000000000","per_km":"62900000"}' \
  --rates '{"vehicle_class":5,"base_fee":"1000000000","per_km":"74400000"}' \
  --discounts '{"code":"DISCOUNT_CODE_COMPACT","bps":5000}' --discounts '{"code":"DISCOUNT_CODE_COMMUTER","bps":2000}' \
  --commuter-start-minute 300 --commuter-end-minute 420 --from kec-operator`, mod),
					PositionalArgs: cliarg.Args("effective_from"),
				},
				{
					RpcMethod:      "SetSpendingLimit",
					Use:            "set-spending-limit [operator] [limit]",
					Short:          "Authorise an operator to charge your ACCOUNT fares up to a limit; 0 withdraws the authorisation",
					Example:        cliarg.Example("tx %s set-spending-limit kec 100000000000 --from driver", mod),
					PositionalArgs: cliarg.Args("operator", "limit"),
				},
				{
					RpcMethod: "RecordTrip",
					Use:       "record-trip [entry-plaza] [exit-plaza] [vehicle-class] [entry-time] [exit-time] [payment-method] [vehicle-ref]",
					Short:     "Record a trip at your exit plaza, once (payment method account, with --payer, or offchain; --discount-codes); the fare is computed on chain (needs toll.plaza)",
					Example: cliarg.Example(`tx %s record-trip daejeon-tg seoul-tg 1 2026-01-05T06:10:00+09:00 2026-01-05T07:40:00+09:00 account %s \
  --payer civic1... --discount-codes compact --from kec-plaza`, mod, digest),
					PositionalArgs: cliarg.Args("entry_plaza", "exit_plaza", "vehicle_class", "entry_time", "exit_time", "payment_method", "vehicle_ref"),
				},
				{
					RpcMethod:      "PayTrip",
					Use:            "pay-trip [trip-id]",
					Short:          "Pay an UNPAID trip's fare from your account",
					Example:        cliarg.Example("tx %s pay-trip 42 --from driver", mod),
					PositionalArgs: cliarg.Args("trip_id"),
				},
				{
					RpcMethod: "SubmitTripBatch",
					Use:       "submit-trip-batch [plaza-id] [merkle-root] [count]",
					Short:     "Anchor a batch of off-chain trips of your plaza with its totals as --totals JSON, one per operator (submit-batch-file computes all from a file; needs toll.plaza)",
					Example: cliarg.Example(`tx %s submit-trip-batch seoul-tg %s 1200 \
  --totals '{"operator":"kec","amount":"9100000000"}' --totals '{"operator":"sjr","amount":"1200000000"}' --from kec-plaza`, mod, digest),
					PositionalArgs: cliarg.Args("plaza_id", "merkle_root", "count"),
				},
				{
					RpcMethod:      "SubmitPeriod",
					Use:            "submit-period [period-id]",
					Short:          "Close the OPEN settlement period for confirmation and open the next one (needs toll.operator)",
					Example:        cliarg.Example("tx %s submit-period 3 --from kec-operator", mod),
					PositionalArgs: cliarg.Args("period_id"),
				},
				{
					RpcMethod:      "ConfirmPeriod",
					Use:            "confirm-period [period-id] [receivable] [payable]",
					Short:          "Confirm your operator's receivable and payable of a SUBMITTED period; a net payer escrows its net (signed by the settlement account)",
					Example:        cliarg.Example("tx %s confirm-period 3 1200000000 9100000000 --from kec-settlement", mod),
					PositionalArgs: cliarg.Args("period_id", "receivable", "payable"),
				},
				{
					RpcMethod:      "SettlePeriod",
					Use:            "settle-period [period-id]",
					Short:          "Pay a RECONCILED period's escrowed nets to the net receivers (needs toll.operator)",
					Example:        cliarg.Example("tx %s settle-period 3 --from kec-operator", mod),
					PositionalArgs: cliarg.Args("period_id"),
				},
				{
					RpcMethod:      "OpenDispute",
					Use:            "open-dispute [kind] [target] [target-id]",
					Short:          "Dispute a trip or batch (kind miscollection, class-mismatch or duplicate; target trip or batch; --evidence-digest); the collector contests another operator's share with kind tariff and --share-operator",
					Example:        cliarg.Example("tx %s open-dispute class-mismatch trip 42 --evidence-digest %s --from sjr-operator", mod, digest),
					PositionalArgs: cliarg.Args("kind", "target", "target_id"),
				},
				{
					RpcMethod:      "ResolveDispute",
					Use:            "resolve-dispute [dispute-id] [outcome]",
					Short:          "Resolve an OPEN dispute your operator decides (as collector, or whose share a TARIFF dispute contests): refund (with --refund) or reject (with --reason)",
					Example:        cliarg.Example("tx %s resolve-dispute 1 reject --reason CLASS_VERIFIED --from kec-operator", mod),
					PositionalArgs: cliarg.Args("dispute_id", "outcome"),
				},
				{
					RpcMethod:      "AppealDispute",
					Use:            "appeal-dispute [dispute-id]",
					Short:          "Appeal a decided dispute you opened to governance, once, within appeal_window_seconds (--evidence-digest)",
					Example:        cliarg.Example("tx %s appeal-dispute 1 --evidence-digest %s --from sjr-operator", mod, digest),
					PositionalArgs: cliarg.Args("dispute_id"),
				},
				{
					RpcMethod:      "DecideDispute",
					Use:            "decide-dispute-proposal [dispute-id] [outcome]",
					Short:          "Propose that governance decide an OPEN or APPEALED dispute: refund (with --refund) or reject (with --reason)",
					Example:        cliarg.Example("tx %s decide-dispute-proposal 1 refund --refund 1000000 --from kec-operator --deposit 10000000ucivic", mod),
					PositionalArgs: cliarg.Args("dispute_id", "outcome"),
					GovProposal:    true,
				},
			},
		},
	}
}
