package simulation

import (
	"fmt"
	"slices"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them.
const (
	OpWeightMsgRegisterOperator        = "op_weight_msg_toll_register_operator"
	OpWeightMsgRegisterPlaza           = "op_weight_msg_toll_register_plaza"
	OpWeightMsgRegisterSegment         = "op_weight_msg_toll_register_segment"
	OpWeightMsgSetTariff               = "op_weight_msg_toll_set_tariff"
	OpWeightMsgSetSpendingLimit        = "op_weight_msg_toll_set_spending_limit"
	OpWeightMsgRecordTripAccount       = "op_weight_msg_toll_record_trip_account"
	OpWeightMsgRecordTripOffchain      = "op_weight_msg_toll_record_trip_offchain"
	OpWeightMsgPayTrip                 = "op_weight_msg_toll_pay_trip"
	OpWeightMsgSubmitTripBatch         = "op_weight_msg_toll_submit_trip_batch"
	OpWeightMsgSubmitPeriod            = "op_weight_msg_toll_submit_period"
	OpWeightMsgConfirmPeriod           = "op_weight_msg_toll_confirm_period"
	OpWeightMsgSettlePeriod            = "op_weight_msg_toll_settle_period"
	OpWeightMsgOpenDispute             = "op_weight_msg_toll_open_dispute"
	OpWeightMsgResolveDispute          = "op_weight_msg_toll_resolve_dispute"
	OpWeightMsgAppealDispute           = "op_weight_msg_toll_appeal_dispute"
	OpWeightMsgRegisterRoute           = "op_weight_msg_toll_register_route"
	OpWeightMsgRetireSegment           = "op_weight_msg_toll_retire_segment"
	DefaultWeightMsgRegisterOperator   = 15
	DefaultWeightMsgRegisterPlaza      = 20
	DefaultWeightMsgRegisterSegment    = 20
	DefaultWeightMsgSetTariff          = 15
	DefaultWeightMsgSetSpendingLimit   = 30
	DefaultWeightMsgRecordTripAccount  = 60
	DefaultWeightMsgRecordTripOffchain = 40
	DefaultWeightMsgPayTrip            = 30
	DefaultWeightMsgSubmitTripBatch    = 20
	DefaultWeightMsgSubmitPeriod       = 15
	DefaultWeightMsgConfirmPeriod      = 40
	DefaultWeightMsgSettlePeriod       = 20
	DefaultWeightMsgOpenDispute        = 10
	DefaultWeightMsgResolveDispute     = 20
	DefaultWeightMsgAppealDispute      = 10
	DefaultWeightMsgRegisterRoute      = 10
	DefaultWeightMsgRetireSegment      = 3
)

// Bounds of the random messages.
const (
	simRoutes          = 4          // routes R1..R4
	maxNewRouteStartM  = 100_000    // where a plaza of a route without segments may be
	maxTripExitAge     = 3600       // seconds before the block time a trip may exit
	maxTripDuration    = 4 * 3600   // seconds a trip may last
	maxTariffDelay     = 3 * 3600   // seconds after the block time a new tariff may start
	maxBatchCount      = 10_000     // trips in a batch
	maxBatchShare      = 100_000    // amount of one operator in a batch
	maxBatchOperators  = 4          // operators in a batch
	registerUpdateOdds = 4          // 1 in registerUpdateOdds registrations moves a settlement account
	maxRegisterTries   = 16         // dry runs after the first registered operator is met
	plazaIDSpace       = 10_000_000 // random plaza ids P0..P9999999
)

var reasonCodes = []string{"SIM_NO_FINDING", "SIM_EVIDENCE_INSUFFICIENT", "SIM_CLASS_CONFIRMED", "SIM_DUPLICATE_REJECTED"}

// search is one run of a factory: the engine's search, with the keeper and its query
// server to read the module's state.
type search struct {
	*simulation.Search
	k keeper.Keeper
	q types.QueryServer
}

// factory returns the simsx factory that runs find on a new search for each operation;
// its candidate messages are dry-run through the module's Msg service.
func factory[M sdk.Msg](k keeper.Keeper, find func(s *search) ([]simsx.SimAccount, M)) simsx.SimMsgFactoryFn[M] {
	router := simulation.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	e := simulation.NewEngine(router, append(agencysim.RoleRefusals(),
		types.ErrOperatorNotRegistered, types.ErrWrongOperator, types.ErrNotSettlementAccount, types.ErrNotParticipant,
		types.ErrAlreadyConfirmed, types.ErrNotDisputant, types.ErrInsufficientFunds)...)
	q := keeper.NewQueryServerImpl(k)
	return simulation.Factory(e, func(s *simulation.Search) ([]simsx.SimAccount, M) { return find(&search{Search: s, k: k, q: q}) })
}

// paying ends a factory whose accepted message moves spend from its signer: spend is
// reserved from the signer's liquid balance, so that the fees of the transaction do not
// take what the message moves.
func paying[M sdk.Msg](s *search, signer string, msg sdk.Msg, spend uint64) ([]simsx.SimAccount, M) {
	acc := s.TestData.GetAccount(s.Reporter, signer)
	if spend > 0 {
		params, err := s.k.Params.Get(s.Ctx)
		if err != nil || !acc.LiquidBalance().BlockAmount(sdk.NewCoin(params.Denom, sdkmath.NewIntFromUint64(spend))) {
			s.Reporter.Skipf("%s cannot spend %d", signer, spend)
			var zero M
			return nil, zero
		}
	}
	return []simsx.SimAccount{acc}, msg.(M)
}

// latestTariff is the latest tariff version of an operator.
func (s *search) latestTariff(operator string) (types.Tariff, bool) {
	res, err := s.q.TariffVersions(s.Ctx, &types.QueryTariffVersionsRequest{Operator: operator, Pagination: &query.PageRequest{Limit: 1, Reverse: true}})
	if err != nil || len(res.Tariffs) == 0 {
		return types.Tariff{}, false
	}
	return res.Tariffs[0], true
}

// operatorSigners are the accounts known to act for the operators (their settlement
// accounts, then who set their latest tariff), then every simulation account.
func (s *search) operatorSigners(operators ...string) []string {
	var preferred []string
	for _, id := range operators {
		if op, err := s.k.Operators.Get(s.Ctx, id); err == nil {
			preferred = append(preferred, op.SettlementAccount)
		}
		if t, ok := s.latestTariff(id); ok {
			preferred = append(preferred, t.SetBy)
		}
	}
	return s.Signers(preferred, true)
}

// operators samples the registered operators.
func (s *search) operators() []types.Operator {
	return simulation.Sample(s.Search, s.k.Operators, nil, nil)
}

// now is the block time, to the second.
func (s *search) now() time.Time { return s.Ctx.BlockTime().UTC().Truncate(time.Second) }

// MsgRegisterOperatorFactory has an agency admin register its agency with a simulation
// account holding toll.settlement in it as settlement account: most of the time an agency
// not registered yet, else (1 in 4) a registered one moving its settlement account.
func MsgRegisterOperatorFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterOperator] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRegisterOperator) {
		var update *types.MsgRegisterOperator
		tries := 0
		for _, addr := range s.Signers(nil, true) {
			bz, err := k.AddressCodec().StringToBytes(addr)
			if err != nil {
				continue
			}
			agencyID, err := k.AgencyKeeper().Authorize(s.Ctx, bz, types.RoleSettlement)
			if err != nil {
				continue
			}
			agency, err := k.AgencyKeeper().GetAgency(s.Ctx, agencyID)
			if err != nil || !s.TestData.HasAccount(agency.Admin) {
				continue
			}
			msg := &types.MsgRegisterOperator{Signer: agency.Admin, AgencyId: agencyID, SettlementAccount: addr}
			if has, err := k.Operators.Has(s.Ctx, agencyID); err != nil || has {
				if update == nil {
					update = msg
				}
				if tries++; tries > maxRegisterTries {
					break
				}
				continue
			}
			if s.DryRun(msg) == nil {
				return simulation.Done[*types.MsgRegisterOperator](s.Search, msg.Signer, msg, true, "")
			}
			if s.Exhausted() {
				break
			}
		}
		if update != nil && s.R.Intn(registerUpdateOdds) == 0 && s.DryRun(update) == nil {
			return simulation.Done[*types.MsgRegisterOperator](s.Search, update.Signer, update, true, "")
		}
		return simulation.Done[*types.MsgRegisterOperator](s.Search, "", nil, false, "every agency with a simulation account holding toll.settlement and a simulation admin is registered")
	})
}

// MsgRegisterRouteFactory has a registered operator register one of the routes R1..R4
// not registered yet.
func MsgRegisterRouteFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterRoute] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRegisterRoute) {
		ops := s.operators()
		if len(ops) == 0 {
			return simulation.Done[*types.MsgRegisterRoute](s.Search, "", nil, false, "no operator is registered")
		}
		var free []string
		for i := 1; i <= simRoutes; i++ {
			if has, err := k.Routes.Has(s.Ctx, fmt.Sprintf("R%d", i)); err == nil && !has {
				free = append(free, fmt.Sprintf("R%d", i))
			}
		}
		if len(free) == 0 {
			return simulation.Done[*types.MsgRegisterRoute](s.Search, "", nil, false, "every route R1..R4 is registered")
		}
		route := free[s.R.Intn(len(free))]
		return simulation.FirstAccepted[*types.MsgRegisterRoute](s.Search, ops, "", func(op types.Operator) ([]string, func(string) sdk.Msg) {
			return s.operatorSigners(op.AgencyId), func(addr string) sdk.Msg {
				return &types.MsgRegisterRoute{Signer: addr, Route: route}
			}
		})
	})
}

// MsgRetireSegmentFactory has a segment's operator retire it (accepted only while no other
// operator has a plaza on the route).
func MsgRetireSegmentFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRetireSegment] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRetireSegment) {
		segs := simulation.Sample(s.Search, k.Segments, nil, nil)
		if len(segs) == 0 {
			return simulation.Done[*types.MsgRetireSegment](s.Search, "", nil, false, "no segment is registered")
		}
		for _, seg := range segs {
			if addr, msg, ok := s.TrySigners(s.operatorSigners(seg.Operator), func(addr string) sdk.Msg {
				return &types.MsgRetireSegment{Signer: addr, Route: seg.Route, StartM: seg.StartM}
			}); ok {
				return simulation.Done[*types.MsgRetireSegment](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgRetireSegment](s.Search, "", nil, false, "every segment carries another operator's plazas")
	})
}

// randomSpot is a registered route and a position on it: most of the time inside a
// registered segment (so that trips between plazas there are covered), else anywhere on
// a random registered route ("" when no route is registered).
func (s *search) randomSpot() (string, uint64) {
	if s.R.Intn(4) != 0 {
		if segs := simulation.Sample(s.Search, s.k.Segments, nil, nil); len(segs) > 0 {
			seg := segs[0]
			return seg.Route, seg.StartM + uint64(s.R.Int63n(int64(seg.EndM-seg.StartM)+1)) //nolint:gosec // positive
		}
	}
	routes := simulation.Sample(s.Search, s.k.Routes, nil, nil)
	if len(routes) == 0 {
		return "", 0
	}
	return routes[0].Id, uint64(s.R.Int63n(maxNewRouteStartM + 1)) //nolint:gosec // positive
}

// MsgRegisterPlazaFactory registers a plaza with a fresh id for a registered operator.
func MsgRegisterPlazaFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterPlaza] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRegisterPlaza) {
		ops := s.operators()
		if len(ops) == 0 {
			return simulation.Done[*types.MsgRegisterPlaza](s.Search, "", nil, false, "no operator is registered")
		}
		for _, op := range ops {
			id := fmt.Sprintf("P%d", s.R.Intn(plazaIDSpace))
			if has, err := k.Plazas.Has(s.Ctx, id); err != nil || has {
				continue
			}
			route, pos := s.randomSpot()
			if route == "" {
				return simulation.Done[*types.MsgRegisterPlaza](s.Search, "", nil, false, "no route is registered")
			}
			if addr, msg, ok := s.TrySigners(s.operatorSigners(op.AgencyId), func(addr string) sdk.Msg {
				return &types.MsgRegisterPlaza{Signer: addr, PlazaId: id, Route: route, PositionM: pos}
			}); ok {
				return simulation.Done[*types.MsgRegisterPlaza](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgRegisterPlaza](s.Search, "", nil, false, "")
	})
}

// routeEnd is where the last segment of route ends (0 without segments).
func (s *search) routeEnd(route string) uint64 {
	it, err := s.k.Segments.Iterate(s.Ctx, collections.NewPrefixedPairRange[string, uint64](route).Descending())
	if err != nil {
		return 0
	}
	defer it.Close()
	if !it.Valid() {
		return 0
	}
	seg, err := it.Value()
	if err != nil {
		return 0
	}
	return seg.EndM
}

// MsgRegisterSegmentFactory extends a registered route (half the time one with a plaza
// beyond its segments) by a segment starting where its last one ends, signed for the
// route's owner: half the time the owner's own, else another registered operator's.
func MsgRegisterSegmentFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterSegment] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRegisterSegment) {
		ops := s.operators()
		routes := simulation.Sample(s.Search, k.Routes, nil, nil)
		if len(ops) == 0 || len(routes) == 0 {
			return simulation.Done[*types.MsgRegisterSegment](s.Search, "", nil, false, "no operator or no route is registered")
		}
		uncovered := simulation.Sample(s.Search, k.Plazas, nil, func(p types.Plaza) bool { return p.PositionM >= s.routeEnd(p.Route) })
		return simulation.FirstAccepted[*types.MsgRegisterSegment](s.Search, routes, "", func(route types.Route) ([]string, func(string) sdk.Msg) {
			if len(uncovered) > 0 && s.R.Intn(2) == 0 {
				if r, err := k.Routes.Get(s.Ctx, uncovered[s.R.Intn(len(uncovered))].Route); err == nil {
					route = r
				}
			}
			start := s.routeEnd(route.Id)
			end := start + randomSegmentLength(s.R)
			if end > types.MaxPositionM {
				return nil, nil
			}
			operator := ""
			if s.R.Intn(2) == 0 {
				operator = ops[s.R.Intn(len(ops))].AgencyId
			}
			return s.operatorSigners(route.Owner), func(addr string) sdk.Msg {
				return &types.MsgRegisterSegment{Signer: addr, Route: route.Id, StartM: start, EndM: end, Operator: operator}
			}
		})
	})
}

// MsgSetTariffFactory sets the next tariff version of a registered operator: effective at
// the block time for an operator without a tariff, else up to three hours after the
// params' minimum notice (and after its latest version).
func MsgSetTariffFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetTariff] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSetTariff) {
		ops := s.operators()
		return simulation.FirstAccepted[*types.MsgSetTariff](s.Search, ops, "no operator is registered", func(op types.Operator) ([]string, func(string) sdk.Msg) {
			from := s.now()
			if latest, ok := s.latestTariff(op.AgencyId); ok {
				params, err := k.Params.Get(s.Ctx)
				if err != nil {
					return nil, nil
				}
				from = from.Add(time.Duration(params.TariffMinNoticeSeconds+uint64(s.R.Intn(maxTariffDelay))) * time.Second) //nolint:gosec // bounded
				if !from.After(latest.EffectiveFrom) {
					from = latest.EffectiveFrom.Add(time.Duration(1+s.R.Intn(maxTariffDelay)) * time.Second)
				}
			}
			body := randomTariffBody(s.R)
			return s.operatorSigners(op.AgencyId), func(addr string) sdk.Msg {
				return &types.MsgSetTariff{
					Signer: addr, EffectiveFrom: from, Rates: body.Rates, Discounts: body.Discounts,
					CommuterStartMinute: body.CommuterStartMinute, CommuterEndMinute: body.CommuterEndMinute,
				}
			}
		})
	})
}

// MsgSetSpendingLimitFactory sets a random simulation account's spending limit for a
// registered operator, or (1 in 5 of the existing ones) withdraws it.
func MsgSetSpendingLimitFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetSpendingLimit] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSetSpendingLimit) {
		ops := s.operators()
		if len(ops) == 0 {
			return simulation.Done[*types.MsgSetSpendingLimit](s.Search, "", nil, false, "no operator is registered")
		}
		payer := s.RandomAccount()
		if payer == "" {
			return simulation.Done[*types.MsgSetSpendingLimit](s.Search, "", nil, false, "no simulation account")
		}
		op := ops[0].AgencyId
		limit := 1 + uint64(s.R.Int63n(maxSpendingLimit)) //nolint:gosec // positive
		if bz, err := k.AddressCodec().StringToBytes(payer); err == nil {
			if has, err := k.SpendingLimits.Has(s.Ctx, collections.Join(sdk.AccAddress(bz), op)); err == nil && has && s.R.Intn(5) == 0 {
				limit = 0
			}
		}
		addr, msg, ok := s.TrySigners([]string{payer}, func(addr string) sdk.Msg {
			return &types.MsgSetSpendingLimit{Payer: addr, Operator: op, Limit: limit}
		})
		return simulation.Done[*types.MsgSetSpendingLimit](s.Search, addr, msg, ok, "")
	})
}

// randomCodes is up to two distinct discount codes.
func (s *search) randomCodes() []types.DiscountCode {
	var codes []types.DiscountCode
	for i, n := 0, s.R.Intn(3); i < n; i++ {
		c := types.DiscountCode(1 + s.R.Intn(int(types.DiscountCommuter))) //nolint:gosec // small
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	return codes
}

// tripPayer is a simulation account to charge for an ACCOUNT trip collected by operator:
// half the time one with a spending limit for it.
func (s *search) tripPayer(operator string) string {
	if s.R.Intn(2) == 0 {
		for _, l := range simulation.Sample(s.Search, s.k.SpendingLimits, nil, func(l types.SpendingLimit) bool { return l.Operator == operator }) {
			if s.TestData.HasAccount(l.Payer) {
				return l.Payer
			}
		}
	}
	return s.RandomAccount()
}

// MsgRecordTripFactory records a trip with the given payment method between two plazas
// of one route whose fare QuoteFare can compute, exiting up to an hour before the block time (or at it), signed for the
// exit plaza's operator; an ACCOUNT trip charges a simulation account, half the time one
// with a spending limit for the collector.
func MsgRecordTripFactory(k keeper.Keeper, method types.PaymentMethod) simsx.SimMsgFactoryFn[*types.MsgRecordTrip] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRecordTrip) {
		params, err := k.Params.Get(s.Ctx)
		if err != nil {
			return simulation.Done[*types.MsgRecordTrip](s.Search, "", nil, false, "no params")
		}
		exits := simulation.Sample(s.Search, k.Plazas, nil, nil)
		if len(exits) == 0 {
			return simulation.Done[*types.MsgRecordTrip](s.Search, "", nil, false, "no plaza is registered")
		}
		now := s.now()
		for _, exit := range exits {
			entries := simulation.Sample(s.Search, k.Plazas, nil, func(p types.Plaza) bool { return p.Route == exit.Route && p.Id != exit.Id })
			class := uint32(types.VehicleClassMin + s.R.Intn(types.VehicleClassMax)) //nolint:gosec // small
			codes, ref := s.randomCodes(), simulation.RandomDigest(s.R)
			exitTime := now
			if s.R.Intn(2) == 0 {
				exitTime = now.Add(-time.Duration(s.R.Int63n(int64(min(maxTripExitAge, params.MaxTripAgeSeconds)))) * time.Second) //nolint:gosec // bounded
			}
			// An entry plaza the fare can be computed from (segments and tariffs in place).
			i := slices.IndexFunc(entries, func(entry types.Plaza) bool {
				_, err := k.QuoteFare(s.Ctx, entry, exit, class, codes, exitTime)
				return err == nil
			})
			if i < 0 {
				continue
			}
			entry := entries[i]
			entryTime := exitTime.Add(-time.Duration(s.R.Int63n(int64(min(maxTripDuration, params.MaxTripDurationSeconds))+1)) * time.Second) //nolint:gosec // bounded
			var payer string
			if method == types.PaymentAccount {
				if payer = s.tripPayer(exit.Operator); payer == "" {
					break
				}
			}
			if addr, msg, ok := s.TrySigners(s.operatorSigners(exit.Operator), func(addr string) sdk.Msg {
				return &types.MsgRecordTrip{
					Signer: addr, EntryPlaza: entry.Id, ExitPlaza: exit.Id, VehicleClass: class,
					EntryTime: entryTime, ExitTime: exitTime, PaymentMethod: method, Payer: payer,
					DiscountCodes: codes, VehicleRef: ref,
				}
			}); ok {
				return simulation.Done[*types.MsgRecordTrip](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgRecordTrip](s.Search, "", nil, false, "")
	})
}

// MsgPayTripFactory pays an UNPAID trip, from its payer or else another funded
// simulation account.
func MsgPayTripFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgPayTrip] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgPayTrip) {
		keys := simulation.SampleKeys(s.Search, k.UnpaidTrips, nil)
		if len(keys) == 0 {
			return simulation.Done[*types.MsgPayTrip](s.Search, "", nil, false, "no trip is UNPAID")
		}
		for _, key := range keys {
			trip, err := k.Trips.Get(s.Ctx, key.K2())
			if err != nil {
				continue
			}
			if addr, msg, ok := s.TrySigners(s.Signers([]string{trip.Payer}, true), func(addr string) sdk.Msg {
				return &types.MsgPayTrip{Signer: addr, TripId: trip.Id}
			}); ok {
				return paying[*types.MsgPayTrip](s, addr, msg, trip.Fare)
			}
		}
		return simulation.Done[*types.MsgPayTrip](s.Search, "", nil, false, "")
	})
}

// MsgSubmitTripBatchFactory anchors a batch of off-chain trips at a plaza, signed for its
// operator, with totals for the collector and up to three other registered operators.
func MsgSubmitTripBatchFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSubmitTripBatch] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSubmitTripBatch) {
		params, err := k.Params.Get(s.Ctx)
		if err != nil {
			return simulation.Done[*types.MsgSubmitTripBatch](s.Search, "", nil, false, "no params")
		}
		plazas := simulation.Sample(s.Search, k.Plazas, nil, nil)
		ops := s.operators()
		return simulation.FirstAccepted[*types.MsgSubmitTripBatch](s.Search, plazas, "no plaza is registered", func(plaza types.Plaza) ([]string, func(string) sdk.Msg) {
			payees := []string{plaza.Operator}
			for _, op := range ops {
				if len(payees) < min(maxBatchOperators, int(params.MaxBatchOperators)) && op.AgencyId != plaza.Operator && s.R.Intn(2) == 0 {
					payees = append(payees, op.AgencyId)
				}
			}
			slices.Sort(payees)
			totals := make([]types.OperatorAmount, len(payees))
			for i, p := range payees {
				totals[i] = types.OperatorAmount{Operator: p, Amount: 1 + uint64(s.R.Int63n(maxBatchShare))} //nolint:gosec // positive
			}
			count := 1 + uint64(s.R.Int63n(int64(min(maxBatchCount, params.MaxBatchTrips)))) //nolint:gosec // bounded
			root := simulation.RandomDigest(s.R)
			return s.operatorSigners(plaza.Operator), func(addr string) sdk.Msg {
				return &types.MsgSubmitTripBatch{Signer: addr, PlazaId: plaza.Id, MerkleRoot: root, Count: count, Totals: totals}
			}
		})
	})
}

// operatorIDs are the agency ids of ops.
func operatorIDs(ops []types.Operator) []string {
	ids := make([]string, len(ops))
	for i, o := range ops {
		ids[i] = o.AgencyId
	}
	return ids
}

// MsgSubmitPeriodFactory submits the OPEN period once something accrued in it (an empty
// one only 1 in 4 times), signed for a registered operator.
func MsgSubmitPeriodFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSubmitPeriod] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSubmitPeriod) {
		id, err := k.CurrentPeriod.Get(s.Ctx)
		if err != nil {
			return simulation.Done[*types.MsgSubmitPeriod](s.Search, "", nil, false, "no open period")
		}
		accrued := false
		_ = k.Accruals.Walk(s.Ctx, collections.NewPrefixedTripleRange[uint64, string, string](id), func(collections.Triple[uint64, string, string], types.Accrual) (bool, error) {
			accrued = true
			return true, nil
		})
		if !accrued && s.R.Intn(4) != 0 {
			return simulation.Done[*types.MsgSubmitPeriod](s.Search, "", nil, false, "nothing accrued in the open period")
		}
		ops := s.operators()
		if len(ops) == 0 {
			return simulation.Done[*types.MsgSubmitPeriod](s.Search, "", nil, false, "no operator is registered")
		}
		addr, msg, ok := s.TrySigners(s.operatorSigners(operatorIDs(ops)...), func(addr string) sdk.Msg {
			return &types.MsgSubmitPeriod{Signer: addr, PeriodId: id}
		})
		return simulation.Done[*types.MsgSubmitPeriod](s.Search, addr, msg, ok, "")
	})
}

// MsgConfirmPeriodFactory confirms a SUBMITTED period for a participant that has not
// confirmed yet, with the totals NetPositions gives it; a confirmation that escrows (a net
// payable or a disputed share) is signed by the settlement account, which must hold it.
func MsgConfirmPeriodFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgConfirmPeriod] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgConfirmPeriod) {
		periods := simulation.Sample(s.Search, k.Periods, nil, func(p types.Period) bool { return p.Status == types.PeriodSubmitted })
		if len(periods) == 0 {
			return simulation.Done[*types.MsgConfirmPeriod](s.Search, "", nil, false, "no period is SUBMITTED")
		}
		for _, p := range periods {
			positions, _, err := k.NetPositions(s.Ctx, p.Id)
			if err != nil {
				continue
			}
			s.R.Shuffle(len(positions), func(i, j int) { positions[i], positions[j] = positions[j], positions[i] })
			for _, pos := range positions {
				if _, participant := slices.BinarySearch(p.Participants, pos.Operator); !participant {
					continue
				}
				if _, confirmed := slices.BinarySearch(p.Confirmed, pos.Operator); confirmed {
					continue
				}
				op, err := k.Operators.Get(s.Ctx, pos.Operator)
				if err != nil {
					continue
				}
				signers := s.operatorSigners(op.AgencyId)
				net, held := pos.Escrow()
				escrow := net + held // what the confirmation escrows: the net payable and the disputed share
				if escrow > 0 {
					signers = s.Signers([]string{op.SettlementAccount}, false)
				}
				if addr, msg, ok := s.TrySigners(signers, func(addr string) sdk.Msg {
					return &types.MsgConfirmPeriod{Signer: addr, PeriodId: p.Id, Receivable: pos.Receivable, Payable: pos.Payable}
				}); ok {
					return paying[*types.MsgConfirmPeriod](s, addr, msg, escrow)
				}
			}
		}
		return simulation.Done[*types.MsgConfirmPeriod](s.Search, "", nil, false, "")
	})
}

// MsgSettlePeriodFactory settles a RECONCILED period, signed for one of its participants
// (or any registered operator when it has none).
func MsgSettlePeriodFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSettlePeriod] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSettlePeriod) {
		periods := simulation.Sample(s.Search, k.Periods, nil, func(p types.Period) bool { return p.Status == types.PeriodReconciled })
		return simulation.FirstAccepted[*types.MsgSettlePeriod](s.Search, periods, "no period is RECONCILED", func(p types.Period) ([]string, func(string) sdk.Msg) {
			ids := p.Participants
			if len(ids) == 0 {
				ids = operatorIDs(s.operators())
			}
			return s.operatorSigners(ids...), func(addr string) sdk.Msg {
				return &types.MsgSettlePeriod{Signer: addr, PeriodId: p.Id}
			}
		})
	})
}

// disputable is a trip or batch that a dispute may be opened on, and who may open it.
type disputable struct {
	target    types.DisputeTarget
	id        uint64
	preferred []string // payer, then the settlement accounts of the non-collecting shares
	operators []string // the non-collecting operators with a share
}

// disputables are trips and batches of period never disputed (a target has one dispute).
func (s *search) disputables(periodID uint64) []disputable {
	var out []disputable
	page := &query.PageRequest{Limit: simulation.MaxRecordsScanned}
	type target struct {
		kind types.DisputeTarget
		id   uint64
	}
	disputed := make(map[target]bool)
	if res, err := s.q.Disputes(s.Ctx, &types.QueryDisputesRequest{PeriodId: periodID, Pagination: page}); err == nil {
		for _, d := range res.Disputes {
			disputed[target{d.Target, d.TargetId}] = true
		}
	}
	open := func(kind types.DisputeTarget, id uint64) bool { return disputed[target{kind, id}] }
	disputants := func(collector string, shares []types.OperatorAmount) (preferred, ops []string) {
		for _, sh := range shares {
			if sh.Operator == collector {
				continue
			}
			ops = append(ops, sh.Operator)
			if op, err := s.k.Operators.Get(s.Ctx, sh.Operator); err == nil {
				preferred = append(preferred, op.SettlementAccount)
			}
		}
		return preferred, ops
	}
	if res, err := s.q.TripsByPeriod(s.Ctx, &types.QueryTripsByPeriodRequest{PeriodId: periodID, Pagination: page}); err == nil {
		for _, t := range simulation.SampleOf(s.Search, res.Trips, func(t types.Trip) bool { return !open(types.TargetTrip, t.Id) }) {
			preferred, ops := disputants(t.Collector, t.Shares)
			if t.PaymentMethod == types.PaymentAccount && s.R.Intn(2) == 0 {
				preferred = append([]string{t.Payer}, preferred...)
			}
			out = append(out, disputable{target: types.TargetTrip, id: t.Id, preferred: preferred, operators: ops})
		}
	}
	if res, err := s.q.TripBatches(s.Ctx, &types.QueryTripBatchesRequest{PeriodId: periodID, Pagination: page}); err == nil {
		for _, b := range simulation.SampleOf(s.Search, res.Batches, func(b types.TripBatch) bool { return !open(types.TargetBatch, b.Id) }) {
			preferred, ops := disputants(b.Collector, b.Totals)
			out = append(out, disputable{target: types.TargetBatch, id: b.Id, preferred: preferred, operators: ops})
		}
	}
	return simulation.Shuffle(s.Search, out)
}

// MsgOpenDisputeFactory disputes a trip or batch of an OPEN, SUBMITTED or DISPUTED period
// that has no open dispute, signed by an ACCOUNT trip's payer or for an operator with a
// share in it other than the collector.
func MsgOpenDisputeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgOpenDispute] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgOpenDispute) {
		periods := simulation.Sample(s.Search, k.Periods, nil, func(p types.Period) bool {
			return p.Status == types.PeriodOpen || p.Status == types.PeriodSubmitted || p.Status == types.PeriodDisputed
		})
		found := false
		for _, p := range periods {
			for _, d := range s.disputables(p.Id) {
				found = true
				kind := types.DisputeKind(1 + s.R.Intn(int(types.DisputeDuplicate))) //nolint:gosec // small
				evidence := ""
				if s.R.Intn(4) != 0 {
					evidence = simulation.RandomDigest(s.R)
				}
				signers := s.Signers(d.preferred, false)
				if len(d.operators) > 0 {
					signers = s.Signers(append(d.preferred, s.operatorSigners(d.operators...)...), false)
				}
				if addr, msg, ok := s.TrySigners(signers, func(addr string) sdk.Msg {
					return &types.MsgOpenDispute{Signer: addr, Kind: kind, Target: d.target, TargetId: d.id, EvidenceDigest: evidence}
				}); ok {
					return simulation.Done[*types.MsgOpenDispute](s.Search, addr, msg, true, "")
				}
			}
		}
		if !found {
			return simulation.Done[*types.MsgOpenDispute](s.Search, "", nil, false, "no trip or batch of an OPEN, SUBMITTED or DISPUTED period is free of disputes")
		}
		return simulation.Done[*types.MsgOpenDispute](s.Search, "", nil, false, "")
	})
}

// MsgResolveDisputeFactory resolves an open dispute, signed for its collector: half the
// time a rejection with a reason code, else a refund of up to the whole disputed amount
// (from the collector's settlement account, which signs, for a PAID ACCOUNT trip).
func MsgResolveDisputeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgResolveDispute] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgResolveDispute) {
		ids := simulation.Sample(s.Search, k.OpenDisputeByTarget, nil, nil)
		if len(ids) == 0 {
			return simulation.Done[*types.MsgResolveDispute](s.Search, "", nil, false, "no dispute is OPEN")
		}
		for _, id := range ids {
			d, err := k.Disputes.Get(s.Ctx, id)
			if err != nil || d.Status != types.DisputeOpen || d.Kind == types.DisputeTariff {
				continue
			}
			amount, paid := uint64(0), false
			if d.Target == types.TargetTrip {
				t, err := k.Trips.Get(s.Ctx, d.TargetId)
				if err != nil {
					continue
				}
				amount, paid = t.Fare, t.PaymentMethod == types.PaymentAccount && t.PaymentStatus == types.PaymentStatusPaid
			} else {
				b, err := k.Batches.Get(s.Ctx, d.TargetId)
				if err != nil {
					continue
				}
				amount = b.Total
			}
			msg := types.MsgResolveDispute{DisputeId: d.Id, Outcome: types.OutcomeReject, Reason: reasonCodes[s.R.Intn(len(reasonCodes))]}
			signers, spend := s.operatorSigners(d.Collector), uint64(0)
			if amount > 0 && s.R.Intn(2) == 0 {
				msg.Outcome, msg.Refund = types.OutcomeRefund, 1+uint64(s.R.Int63n(int64(amount))) //nolint:gosec // positive
				if s.R.Intn(2) == 0 {
					msg.Reason = ""
				}
				if paid {
					op, err := k.Operators.Get(s.Ctx, d.Collector)
					if err != nil {
						continue
					}
					signers, spend = s.Signers([]string{op.SettlementAccount}, false), msg.Refund
				}
			}
			if addr, m, ok := s.TrySigners(signers, func(addr string) sdk.Msg {
				out := msg
				out.Signer = addr
				return &out
			}); ok {
				return paying[*types.MsgResolveDispute](s, addr, m, spend)
			}
		}
		return simulation.Done[*types.MsgResolveDispute](s.Search, "", nil, false, "")
	})
}

// MsgAppealDisputeFactory appeals a decided dispute that was never appealed and whose
// appeal window is open, signed by the payer that opened it or for the operator that did.
func MsgAppealDisputeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAppealDispute] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgAppealDispute) {
		params, err := k.Params.Get(s.Ctx)
		if err != nil {
			return simulation.Done[*types.MsgAppealDispute](s.Search, "", nil, false, "no params")
		}
		window := time.Duration(params.AppealWindowSeconds) * time.Second //nolint:gosec // bounded by the params' validation
		disputes := simulation.Sample(s.Search, k.Disputes, nil, func(d types.Dispute) bool {
			return (d.Status == types.DisputeRefunded || d.Status == types.DisputeRejected) && d.AppealedAt.IsZero() &&
				!s.Ctx.BlockTime().After(d.ResolvedAt.Add(window))
		})
		return simulation.FirstAccepted[*types.MsgAppealDispute](s.Search, disputes, "no decided dispute is left to appeal within the appeal window", func(d types.Dispute) ([]string, func(string) sdk.Msg) {
			signers := s.Signers([]string{d.OpenedBy}, false)
			if d.Disputant != "" {
				signers = s.operatorSigners(d.Disputant)
			}
			return signers, func(addr string) sdk.Msg {
				return &types.MsgAppealDispute{Signer: addr, DisputeId: d.Id}
			}
		})
	})
}
