package simulation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

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

// now is the block time, to the second.
func (s *search) now() time.Time { return s.ctx.BlockTime().UTC().Truncate(time.Second) }

// MsgRegisterOperatorFactory has an agency admin register its agency with a simulation
// account holding toll.settlement in it as settlement account: most of the time an agency
// not registered yet, else (1 in 4) a registered one moving its settlement account.
func MsgRegisterOperatorFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterOperator] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterOperator) {
		s := newSearch(ctx, k, testData, reporter)
		var update *types.MsgRegisterOperator
		tries := 0
		for _, addr := range s.signers(nil, true) {
			bz, err := k.AddressCodec().StringToBytes(addr)
			if err != nil {
				continue
			}
			agencyID, err := k.AgencyKeeper().Authorize(ctx, bz, types.RoleSettlement)
			if err != nil {
				continue
			}
			agency, err := k.AgencyKeeper().GetAgency(ctx, agencyID)
			if err != nil || !testData.HasAccount(agency.Admin) {
				continue
			}
			msg := &types.MsgRegisterOperator{Signer: agency.Admin, AgencyId: agencyID, SettlementAccount: addr}
			if has, err := k.Operators.Has(ctx, agencyID); err != nil || has {
				if update == nil {
					update = msg
				}
				if tries++; tries > maxRegisterTries {
					break
				}
				continue
			}
			if s.dryRun(msg) != nil {
				return done[*types.MsgRegisterOperator](s, msg.Signer, msg, true, "", 0)
			}
			if s.dryRuns >= maxDryRuns {
				break
			}
		}
		if update != nil && s.r.Intn(registerUpdateOdds) == 0 && s.dryRun(update) != nil {
			return done[*types.MsgRegisterOperator](s, update.Signer, update, true, "", 0)
		}
		return done[*types.MsgRegisterOperator](s, "", nil, false, "every agency with a simulation account holding toll.settlement and a simulation admin is registered", 0)
	}
}

// MsgRegisterRouteFactory has a registered operator register one of the routes R1..R4
// not registered yet.
func MsgRegisterRouteFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterRoute] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterRoute) {
		s := newSearch(ctx, k, testData, reporter)
		ops := s.operators()
		if len(ops) == 0 {
			return done[*types.MsgRegisterRoute](s, "", nil, false, "no operator is registered", 0)
		}
		var free []string
		for i := 1; i <= simRoutes; i++ {
			if has, err := k.Routes.Has(ctx, fmt.Sprintf("R%d", i)); err == nil && !has {
				free = append(free, fmt.Sprintf("R%d", i))
			}
		}
		if len(free) == 0 {
			return done[*types.MsgRegisterRoute](s, "", nil, false, "every route R1..R4 is registered", 0)
		}
		route := free[s.r.Intn(len(free))]
		for _, op := range ops {
			if addr, msg, ok := s.trySigners(s.operatorSigners(op.AgencyId), func(addr string) sdk.Msg {
				return &types.MsgRegisterRoute{Signer: addr, Route: route}
			}); ok {
				return done[*types.MsgRegisterRoute](s, addr, msg, true, "", 0)
			}
		}
		return done[*types.MsgRegisterRoute](s, "", nil, false, "", 0)
	}
}

// MsgRetireSegmentFactory has a segment's operator retire it (accepted only while no other
// operator has a plaza on the route).
func MsgRetireSegmentFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRetireSegment] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRetireSegment) {
		s := newSearch(ctx, k, testData, reporter)
		segs := sample(s, k.Segments, nil, all[types.Segment])
		if len(segs) == 0 {
			return done[*types.MsgRetireSegment](s, "", nil, false, "no segment is registered", 0)
		}
		for _, seg := range segs {
			if addr, msg, ok := s.trySigners(s.operatorSigners(seg.Operator), func(addr string) sdk.Msg {
				return &types.MsgRetireSegment{Signer: addr, Route: seg.Route, StartM: seg.StartM}
			}); ok {
				return done[*types.MsgRetireSegment](s, addr, msg, true, "", 0)
			}
		}
		return done[*types.MsgRetireSegment](s, "", nil, false, "every segment carries another operator's plazas", 0)
	}
}

// randomSpot is a registered route and a position on it: most of the time inside a
// registered segment (so that trips between plazas there are covered), else anywhere on
// a random registered route ("" when no route is registered).
func (s *search) randomSpot() (string, uint64) {
	if s.r.Intn(4) != 0 {
		if segs := sample(s, s.k.Segments, nil, all[types.Segment]); len(segs) > 0 {
			seg := segs[0]
			return seg.Route, seg.StartM + uint64(s.r.Int63n(int64(seg.EndM-seg.StartM)+1)) //nolint:gosec // positive
		}
	}
	routes := sample(s, s.k.Routes, nil, all[types.Route])
	if len(routes) == 0 {
		return "", 0
	}
	return routes[0].Id, uint64(s.r.Int63n(maxNewRouteStartM + 1)) //nolint:gosec // positive
}

// MsgRegisterPlazaFactory registers a plaza with a fresh id for a registered operator.
func MsgRegisterPlazaFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterPlaza] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterPlaza) {
		s := newSearch(ctx, k, testData, reporter)
		ops := s.operators()
		if len(ops) == 0 {
			return done[*types.MsgRegisterPlaza](s, "", nil, false, "no operator is registered", 0)
		}
		for _, op := range ops {
			id := fmt.Sprintf("P%d", s.r.Intn(plazaIDSpace))
			if has, err := k.Plazas.Has(ctx, id); err != nil || has {
				continue
			}
			route, pos := s.randomSpot()
			if route == "" {
				return done[*types.MsgRegisterPlaza](s, "", nil, false, "no route is registered", 0)
			}
			if addr, msg, ok := s.trySigners(s.operatorSigners(op.AgencyId), func(addr string) sdk.Msg {
				return &types.MsgRegisterPlaza{Signer: addr, PlazaId: id, Route: route, PositionM: pos}
			}); ok {
				return done[*types.MsgRegisterPlaza](s, addr, msg, true, "", 0)
			}
		}
		return done[*types.MsgRegisterPlaza](s, "", nil, false, "", 0)
	}
}

// routeEnd is where the last segment of route ends (0 without segments).
func (s *search) routeEnd(route string) uint64 {
	it, err := s.k.Segments.Iterate(s.ctx, collections.NewPrefixedPairRange[string, uint64](route).Descending())
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
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterSegment) {
		s := newSearch(ctx, k, testData, reporter)
		ops := s.operators()
		routes := sample(s, k.Routes, nil, all[types.Route])
		if len(ops) == 0 || len(routes) == 0 {
			return done[*types.MsgRegisterSegment](s, "", nil, false, "no operator or no route is registered", 0)
		}
		uncovered := sample(s, k.Plazas, nil, func(p types.Plaza) bool { return p.PositionM >= s.routeEnd(p.Route) })
		for _, route := range routes {
			if len(uncovered) > 0 && s.r.Intn(2) == 0 {
				if r, err := k.Routes.Get(ctx, uncovered[s.r.Intn(len(uncovered))].Route); err == nil {
					route = r
				}
			}
			start := s.routeEnd(route.Id)
			end := start + randomSegmentLength(s.r)
			if end > types.MaxPositionM {
				continue
			}
			operator := ""
			if s.r.Intn(2) == 0 {
				operator = ops[s.r.Intn(len(ops))].AgencyId
			}
			if addr, msg, ok := s.trySigners(s.operatorSigners(route.Owner), func(addr string) sdk.Msg {
				return &types.MsgRegisterSegment{Signer: addr, Route: route.Id, StartM: start, EndM: end, Operator: operator}
			}); ok {
				return done[*types.MsgRegisterSegment](s, addr, msg, true, "", 0)
			}
		}
		return done[*types.MsgRegisterSegment](s, "", nil, false, "", 0)
	}
}

// MsgSetTariffFactory sets the next tariff version of a registered operator: effective at
// the block time for an operator without a tariff, else up to three hours after the
// params' minimum notice (and after its latest version).
func MsgSetTariffFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetTariff] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetTariff) {
		s := newSearch(ctx, k, testData, reporter)
		ops := s.operators()
		if len(ops) == 0 {
			return done[*types.MsgSetTariff](s, "", nil, false, "no operator is registered", 0)
		}
		for _, op := range ops {
			from := s.now()
			if head, err := k.TariffHead.Get(ctx, op.AgencyId); err == nil {
				latest, err := k.Tariffs.Get(ctx, collections.Join(op.AgencyId, head))
				if err != nil {
					continue
				}
				params, err := k.Params.Get(ctx)
				if err != nil {
					continue
				}
				from = from.Add(time.Duration(params.TariffMinNoticeSeconds+uint64(s.r.Intn(maxTariffDelay))) * time.Second) //nolint:gosec // bounded
				if !from.After(latest.EffectiveFrom) {
					from = latest.EffectiveFrom.Add(time.Duration(1+s.r.Intn(maxTariffDelay)) * time.Second)
				}
			}
			body := randomTariffBody(s.r)
			if addr, msg, ok := s.trySigners(s.operatorSigners(op.AgencyId), func(addr string) sdk.Msg {
				return &types.MsgSetTariff{
					Signer: addr, EffectiveFrom: from, Rates: body.Rates, Discounts: body.Discounts,
					CommuterStartMinute: body.CommuterStartMinute, CommuterEndMinute: body.CommuterEndMinute,
				}
			}); ok {
				return done[*types.MsgSetTariff](s, addr, msg, true, "", 0)
			}
		}
		return done[*types.MsgSetTariff](s, "", nil, false, "", 0)
	}
}

// MsgSetSpendingLimitFactory sets a random simulation account's spending limit for a
// registered operator, or (1 in 5 of the existing ones) withdraws it.
func MsgSetSpendingLimitFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetSpendingLimit] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetSpendingLimit) {
		s := newSearch(ctx, k, testData, reporter)
		ops := s.operators()
		if len(ops) == 0 {
			return done[*types.MsgSetSpendingLimit](s, "", nil, false, "no operator is registered", 0)
		}
		payer := s.randomAccount()
		if payer == "" {
			return done[*types.MsgSetSpendingLimit](s, "", nil, false, "no simulation account", 0)
		}
		op := ops[0].AgencyId
		limit := 1 + uint64(s.r.Int63n(maxSpendingLimit)) //nolint:gosec // positive
		if bz, err := k.AddressCodec().StringToBytes(payer); err == nil {
			if has, err := k.SpendingLimits.Has(ctx, collections.Join(sdk.AccAddress(bz), op)); err == nil && has && s.r.Intn(5) == 0 {
				limit = 0
			}
		}
		addr, msg, ok := s.trySigners([]string{payer}, func(addr string) sdk.Msg {
			return &types.MsgSetSpendingLimit{Payer: addr, Operator: op, Limit: limit}
		})
		return done[*types.MsgSetSpendingLimit](s, addr, msg, ok, "", 0)
	}
}

// randomCodes is up to two distinct discount codes.
func (s *search) randomCodes() []types.DiscountCode {
	var codes []types.DiscountCode
	for i, n := 0, s.r.Intn(3); i < n; i++ {
		c := types.DiscountCode(1 + s.r.Intn(int(types.DiscountCommuter))) //nolint:gosec // small
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	return codes
}

// tripPayer is a simulation account to charge for an ACCOUNT trip collected by operator:
// half the time one with a spending limit for it.
func (s *search) tripPayer(operator string) string {
	if s.r.Intn(2) == 0 {
		for _, l := range sample(s, s.k.SpendingLimits, nil, func(l types.SpendingLimit) bool { return l.Operator == operator }) {
			if s.testData.HasAccount(l.Payer) {
				return l.Payer
			}
		}
	}
	return s.randomAccount()
}

// MsgRecordTripFactory records a trip with the given payment method between two plazas
// of one route whose fare QuoteFare can compute, exiting up to an hour before the block time (or at it), signed for the
// exit plaza's operator; an ACCOUNT trip charges a simulation account, half the time one
// with a spending limit for the collector.
func MsgRecordTripFactory(k keeper.Keeper, method types.PaymentMethod) simsx.SimMsgFactoryFn[*types.MsgRecordTrip] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRecordTrip) {
		s := newSearch(ctx, k, testData, reporter)
		params, err := k.Params.Get(ctx)
		if err != nil {
			return done[*types.MsgRecordTrip](s, "", nil, false, "no params", 0)
		}
		exits := sample(s, k.Plazas, nil, all[types.Plaza])
		if len(exits) == 0 {
			return done[*types.MsgRecordTrip](s, "", nil, false, "no plaza is registered", 0)
		}
		now := s.now()
		for _, exit := range exits {
			entries := sample(s, k.Plazas, nil, func(p types.Plaza) bool { return p.Route == exit.Route && p.Id != exit.Id })
			class := uint32(types.VehicleClassMin + s.r.Intn(types.VehicleClassMax)) //nolint:gosec // small
			codes, ref := s.randomCodes(), RandomDigest(s.r)
			exitTime := now
			if s.r.Intn(2) == 0 {
				exitTime = now.Add(-time.Duration(s.r.Int63n(int64(min(maxTripExitAge, params.MaxTripAgeSeconds)))) * time.Second) //nolint:gosec // bounded
			}
			// An entry plaza the fare can be computed from (segments and tariffs in place).
			i := slices.IndexFunc(entries, func(entry types.Plaza) bool {
				_, err := k.QuoteFare(ctx, entry, exit, class, codes, exitTime)
				return err == nil
			})
			if i < 0 {
				continue
			}
			entry := entries[i]
			entryTime := exitTime.Add(-time.Duration(s.r.Int63n(int64(min(maxTripDuration, params.MaxTripDurationSeconds))+1)) * time.Second) //nolint:gosec // bounded
			var payer string
			if method == types.PaymentAccount {
				if payer = s.tripPayer(exit.Operator); payer == "" {
					break
				}
			}
			if addr, msg, ok := s.trySigners(s.operatorSigners(exit.Operator), func(addr string) sdk.Msg {
				return &types.MsgRecordTrip{
					Signer: addr, EntryPlaza: entry.Id, ExitPlaza: exit.Id, VehicleClass: class,
					EntryTime: entryTime, ExitTime: exitTime, PaymentMethod: method, Payer: payer,
					DiscountCodes: codes, VehicleRef: ref,
				}
			}); ok {
				return done[*types.MsgRecordTrip](s, addr, msg, true, "", 0)
			}
		}
		return done[*types.MsgRecordTrip](s, "", nil, false, "", 0)
	}
}

// MsgPayTripFactory pays an UNPAID trip, from its payer or else another funded
// simulation account.
func MsgPayTripFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgPayTrip] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgPayTrip) {
		s := newSearch(ctx, k, testData, reporter)
		keys := sampleKeys(s, k.UnpaidTrips, nil)
		if len(keys) == 0 {
			return done[*types.MsgPayTrip](s, "", nil, false, "no trip is UNPAID", 0)
		}
		for _, key := range keys {
			trip, err := k.Trips.Get(ctx, key.K2())
			if err != nil {
				continue
			}
			if addr, msg, ok := s.trySigners(s.signers([]string{trip.Payer}, true), func(addr string) sdk.Msg {
				return &types.MsgPayTrip{Signer: addr, TripId: trip.Id}
			}); ok {
				return done[*types.MsgPayTrip](s, addr, msg, true, "", trip.Fare)
			}
		}
		return done[*types.MsgPayTrip](s, "", nil, false, "", 0)
	}
}

// MsgSubmitTripBatchFactory anchors a batch of off-chain trips at a plaza, signed for its
// operator, with totals for the collector and up to three other registered operators.
func MsgSubmitTripBatchFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSubmitTripBatch] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSubmitTripBatch) {
		s := newSearch(ctx, k, testData, reporter)
		params, err := k.Params.Get(ctx)
		if err != nil {
			return done[*types.MsgSubmitTripBatch](s, "", nil, false, "no params", 0)
		}
		plazas := sample(s, k.Plazas, nil, all[types.Plaza])
		if len(plazas) == 0 {
			return done[*types.MsgSubmitTripBatch](s, "", nil, false, "no plaza is registered", 0)
		}
		ops := s.operators()
		for _, plaza := range plazas {
			payees := []string{plaza.Operator}
			for _, op := range ops {
				if len(payees) < min(maxBatchOperators, int(params.MaxBatchOperators)) && op.AgencyId != plaza.Operator && s.r.Intn(2) == 0 {
					payees = append(payees, op.AgencyId)
				}
			}
			slices.Sort(payees)
			totals := make([]types.OperatorAmount, len(payees))
			for i, p := range payees {
				totals[i] = types.OperatorAmount{Operator: p, Amount: 1 + uint64(s.r.Int63n(maxBatchShare))} //nolint:gosec // positive
			}
			count := 1 + uint64(s.r.Int63n(int64(min(maxBatchCount, params.MaxBatchTrips)))) //nolint:gosec // bounded
			root := RandomDigest(s.r)
			if addr, msg, ok := s.trySigners(s.operatorSigners(plaza.Operator), func(addr string) sdk.Msg {
				return &types.MsgSubmitTripBatch{Signer: addr, PlazaId: plaza.Id, MerkleRoot: root, Count: count, Totals: totals}
			}); ok {
				return done[*types.MsgSubmitTripBatch](s, addr, msg, true, "", 0)
			}
		}
		return done[*types.MsgSubmitTripBatch](s, "", nil, false, "", 0)
	}
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
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSubmitPeriod) {
		s := newSearch(ctx, k, testData, reporter)
		id, err := k.CurrentPeriod.Get(ctx)
		if err != nil {
			return done[*types.MsgSubmitPeriod](s, "", nil, false, "no open period", 0)
		}
		accrued := false
		_ = k.Accruals.Walk(ctx, collections.NewPrefixedTripleRange[uint64, string, string](id), func(collections.Triple[uint64, string, string], types.Accrual) (bool, error) {
			accrued = true
			return true, nil
		})
		if !accrued && s.r.Intn(4) != 0 {
			return done[*types.MsgSubmitPeriod](s, "", nil, false, "nothing accrued in the open period", 0)
		}
		ops := s.operators()
		if len(ops) == 0 {
			return done[*types.MsgSubmitPeriod](s, "", nil, false, "no operator is registered", 0)
		}
		addr, msg, ok := s.trySigners(s.operatorSigners(operatorIDs(ops)...), func(addr string) sdk.Msg {
			return &types.MsgSubmitPeriod{Signer: addr, PeriodId: id}
		})
		return done[*types.MsgSubmitPeriod](s, addr, msg, ok, "", 0)
	}
}

// MsgConfirmPeriodFactory confirms a SUBMITTED period for a participant that has not
// confirmed yet, with the totals NetPositions gives it; a net payer's confirmation is
// signed by its settlement account, which escrows its net.
func MsgConfirmPeriodFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgConfirmPeriod] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgConfirmPeriod) {
		s := newSearch(ctx, k, testData, reporter)
		periods := sample(s, k.Periods, nil, func(p types.Period) bool { return p.Status == types.PeriodSubmitted })
		if len(periods) == 0 {
			return done[*types.MsgConfirmPeriod](s, "", nil, false, "no period is SUBMITTED", 0)
		}
		for _, p := range periods {
			positions, _, err := k.NetPositions(ctx, p.Id)
			if err != nil {
				continue
			}
			s.r.Shuffle(len(positions), func(i, j int) { positions[i], positions[j] = positions[j], positions[i] })
			for _, pos := range positions {
				if _, participant := slices.BinarySearch(p.Participants, pos.Operator); !participant {
					continue
				}
				if _, confirmed := slices.BinarySearch(p.Confirmed, pos.Operator); confirmed {
					continue
				}
				op, err := k.Operators.Get(ctx, pos.Operator)
				if err != nil {
					continue
				}
				signers, escrow := s.operatorSigners(op.AgencyId), uint64(0)
				if pos.Net < 0 {
					signers, escrow = s.signers([]string{op.SettlementAccount}, false), uint64(-pos.Net)
				}
				if addr, msg, ok := s.trySigners(signers, func(addr string) sdk.Msg {
					return &types.MsgConfirmPeriod{Signer: addr, PeriodId: p.Id, Receivable: pos.Receivable, Payable: pos.Payable}
				}); ok {
					return done[*types.MsgConfirmPeriod](s, addr, msg, true, "", escrow)
				}
			}
		}
		return done[*types.MsgConfirmPeriod](s, "", nil, false, "", 0)
	}
}

// MsgSettlePeriodFactory settles a RECONCILED period, signed for one of its participants
// (or any registered operator when it has none).
func MsgSettlePeriodFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSettlePeriod] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSettlePeriod) {
		s := newSearch(ctx, k, testData, reporter)
		periods := sample(s, k.Periods, nil, func(p types.Period) bool { return p.Status == types.PeriodReconciled })
		if len(periods) == 0 {
			return done[*types.MsgSettlePeriod](s, "", nil, false, "no period is RECONCILED", 0)
		}
		for _, p := range periods {
			ids := p.Participants
			if len(ids) == 0 {
				ids = operatorIDs(s.operators())
			}
			if addr, msg, ok := s.trySigners(s.operatorSigners(ids...), func(addr string) sdk.Msg {
				return &types.MsgSettlePeriod{Signer: addr, PeriodId: p.Id}
			}); ok {
				return done[*types.MsgSettlePeriod](s, addr, msg, true, "", 0)
			}
		}
		return done[*types.MsgSettlePeriod](s, "", nil, false, "", 0)
	}
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
	open := func(target types.DisputeTarget, id uint64) bool {
		_, err := s.k.Disputes.Indexes.ByTarget.MatchExact(s.ctx, collections.Join(int32(target), id))
		return !errors.Is(err, collections.ErrNotFound)
	}
	disputants := func(collector string, shares []types.OperatorAmount) (preferred, ops []string) {
		for _, sh := range shares {
			if sh.Operator == collector {
				continue
			}
			ops = append(ops, sh.Operator)
			if op, err := s.k.Operators.Get(s.ctx, sh.Operator); err == nil {
				preferred = append(preferred, op.SettlementAccount)
			}
		}
		return preferred, ops
	}
	for _, key := range sampleKeys(s, s.k.Trips.Indexes.ByPeriod, collections.NewPrefixedPairRange[uint64, uint64](periodID)) {
		t, err := s.k.Trips.Get(s.ctx, key.K2())
		if err != nil || open(types.TargetTrip, t.Id) {
			continue
		}
		preferred, ops := disputants(t.Collector, t.Shares)
		if t.PaymentMethod == types.PaymentAccount && s.r.Intn(2) == 0 {
			preferred = append([]string{t.Payer}, preferred...)
		}
		out = append(out, disputable{target: types.TargetTrip, id: t.Id, preferred: preferred, operators: ops})
	}
	for _, key := range sampleKeys(s, s.k.Batches.Indexes.ByPeriod, collections.NewPrefixedPairRange[uint64, uint64](periodID)) {
		b, err := s.k.Batches.Get(s.ctx, key.K2())
		if err != nil || open(types.TargetBatch, b.Id) {
			continue
		}
		preferred, ops := disputants(b.Collector, b.Totals)
		out = append(out, disputable{target: types.TargetBatch, id: b.Id, preferred: preferred, operators: ops})
	}
	s.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// MsgOpenDisputeFactory disputes a trip or batch of an OPEN, SUBMITTED or DISPUTED period
// that has no open dispute, signed by an ACCOUNT trip's payer or for an operator with a
// share in it other than the collector.
func MsgOpenDisputeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgOpenDispute] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgOpenDispute) {
		s := newSearch(ctx, k, testData, reporter)
		periods := sample(s, k.Periods, nil, func(p types.Period) bool {
			return p.Status == types.PeriodOpen || p.Status == types.PeriodSubmitted || p.Status == types.PeriodDisputed
		})
		found := false
		for _, p := range periods {
			for _, d := range s.disputables(p.Id) {
				found = true
				kind := types.DisputeKind(1 + s.r.Intn(int(types.DisputeDuplicate))) //nolint:gosec // small
				evidence := ""
				if s.r.Intn(4) != 0 {
					evidence = RandomDigest(s.r)
				}
				signers := s.signers(d.preferred, false)
				if len(d.operators) > 0 {
					signers = s.signers(append(d.preferred, s.operatorSigners(d.operators...)...), false)
				}
				if addr, msg, ok := s.trySigners(signers, func(addr string) sdk.Msg {
					return &types.MsgOpenDispute{Signer: addr, Kind: kind, Target: d.target, TargetId: d.id, EvidenceDigest: evidence}
				}); ok {
					return done[*types.MsgOpenDispute](s, addr, msg, true, "", 0)
				}
			}
		}
		if !found {
			return done[*types.MsgOpenDispute](s, "", nil, false, "no trip or batch of an OPEN, SUBMITTED or DISPUTED period is free of disputes", 0)
		}
		return done[*types.MsgOpenDispute](s, "", nil, false, "", 0)
	}
}

// MsgResolveDisputeFactory resolves an open dispute, signed for its collector: half the
// time a rejection with a reason code, else a refund of up to the whole disputed amount
// (from the collector's settlement account, which signs, for a PAID ACCOUNT trip).
func MsgResolveDisputeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgResolveDispute] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgResolveDispute) {
		s := newSearch(ctx, k, testData, reporter)
		ids := sample(s, k.OpenDisputeByTarget, nil, all[uint64])
		if len(ids) == 0 {
			return done[*types.MsgResolveDispute](s, "", nil, false, "no dispute is OPEN", 0)
		}
		for _, id := range ids {
			d, err := k.Disputes.Get(ctx, id)
			if err != nil || d.Status != types.DisputeOpen || d.Kind == types.DisputeTariff {
				continue
			}
			amount, paid := uint64(0), false
			if d.Target == types.TargetTrip {
				t, err := k.Trips.Get(ctx, d.TargetId)
				if err != nil {
					continue
				}
				amount, paid = t.Fare, t.PaymentMethod == types.PaymentAccount && t.PaymentStatus == types.PaymentStatusPaid
			} else {
				b, err := k.Batches.Get(ctx, d.TargetId)
				if err != nil {
					continue
				}
				amount = b.Total
			}
			msg := types.MsgResolveDispute{DisputeId: d.Id, Outcome: types.OutcomeReject, Reason: reasonCodes[s.r.Intn(len(reasonCodes))]}
			signers, spend := s.operatorSigners(d.Collector), uint64(0)
			if amount > 0 && s.r.Intn(2) == 0 {
				msg.Outcome, msg.Refund = types.OutcomeRefund, 1+uint64(s.r.Int63n(int64(amount))) //nolint:gosec // positive
				if s.r.Intn(2) == 0 {
					msg.Reason = ""
				}
				if paid {
					op, err := k.Operators.Get(ctx, d.Collector)
					if err != nil {
						continue
					}
					signers, spend = s.signers([]string{op.SettlementAccount}, false), msg.Refund
				}
			}
			if addr, m, ok := s.trySigners(signers, func(addr string) sdk.Msg {
				out := msg
				out.Signer = addr
				return &out
			}); ok {
				return done[*types.MsgResolveDispute](s, addr, m, true, "", spend)
			}
		}
		return done[*types.MsgResolveDispute](s, "", nil, false, "", 0)
	}
}

// MsgAppealDisputeFactory appeals a decided dispute that was never appealed,
// signed by the payer that opened it or for the operator that did.
func MsgAppealDisputeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAppealDispute] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAppealDispute) {
		s := newSearch(ctx, k, testData, reporter)
		disputes := sample(s, k.Disputes, nil, func(d types.Dispute) bool {
			return (d.Status == types.DisputeRefunded || d.Status == types.DisputeRejected) && d.AppealedAt.IsZero()
		})
		if len(disputes) == 0 {
			return done[*types.MsgAppealDispute](s, "", nil, false, "no decided dispute is left to appeal", 0)
		}
		for _, d := range disputes {
			signers := s.signers([]string{d.OpenedBy}, false)
			if d.Disputant != "" {
				signers = s.operatorSigners(d.Disputant)
			}
			if addr, msg, ok := s.trySigners(signers, func(addr string) sdk.Msg {
				return &types.MsgAppealDispute{Signer: addr, DisputeId: d.Id}
			}); ok {
				return done[*types.MsgAppealDispute](s, addr, msg, true, "", 0)
			}
		}
		return done[*types.MsgAppealDispute](s, "", nil, false, "", 0)
	}
}
