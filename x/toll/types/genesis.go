package types

import (
	"cmp"
	"slices"
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis is the state of a new chain: default params, nothing stored,
// ids starting at 1; InitGenesis opens period 1 at the genesis time.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Params:        DefaultParams(),
		NextTripId:    1,
		NextBatchId:   1,
		NextDisputeId: 1,
	}
}

// accrualKey identifies an accrual: (period, collector, payee).
type accrualKey struct {
	period           uint64
	collector, payee string
}

// targetKey identifies what a dispute is about: (target kind, trip or batch id).
type targetKey struct {
	target DisputeTarget
	id     uint64
}

// disputable is what a dispute needs to know of its trip or batch.
type disputable struct {
	period    uint64
	collector string
	amount    uint64 // the trip's fare or the batch's total
	shares    []OperatorAmount
	refunded  uint64
}

// Validate checks the genesis state is one the msg server could have produced:
// unique ids below the next ids, every reference resolving (plazas, segments,
// tariffs, spending limits, shares, participants and escrows to registered
// operators; trips and batches to plazas and periods; disputes to their trip
// or batch), routes to registered owners and plazas and segments to
// registered routes, tariff versions numbered 1..n in time order, segments of
// a route not overlapping, no two trips with one natural key (exit plaza,
// vehicle_ref, entry and exit times), shares and totals summing to their fare and total, the
// accruals equal to what the trips and batches of each period accrue (and
// their disputed parts to what the open disputes hold out), periods numbered
// 1..n with only the last OPEN, and every lifecycle field consistent with its
// status. Addresses are checked by ValidateAddresses, which needs the chain's
// address codec. Maps here are only looked up, never iterated.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	if gs.NextTripId == 0 || gs.NextBatchId == 0 || gs.NextDisputeId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_trip_id, next_batch_id and next_dispute_id start at 1")
	}
	operators, err := gs.validateOperators()
	if err != nil {
		return err
	}
	routes, err := gs.validateRoutes(operators)
	if err != nil {
		return err
	}
	plazas, err := gs.validatePlazas(operators, routes)
	if err != nil {
		return err
	}
	if err := gs.validateSegments(operators, routes); err != nil {
		return err
	}
	tariffs, err := gs.validateTariffs(operators)
	if err != nil {
		return err
	}
	if err := gs.validateSpendingLimits(operators); err != nil {
		return err
	}
	periods, err := gs.validatePeriods(operators)
	if err != nil {
		return err
	}
	targets := make(map[targetKey]disputable, len(gs.Trips)+len(gs.Batches))
	if err := gs.validateTrips(operators, plazas, tariffs, periods, targets); err != nil {
		return err
	}
	if err := gs.validateBatches(operators, plazas, periods, targets); err != nil {
		return err
	}
	disputed, err := gs.validateDisputes(periods, targets)
	if err != nil {
		return err
	}
	if err := gs.validateAccruals(operators, periods, disputed); err != nil {
		return err
	}
	return gs.validateEscrows(periods)
}

func (gs GenesisState) validateOperators() (map[string]struct{}, error) {
	operators := make(map[string]struct{}, len(gs.Operators))
	for _, o := range gs.Operators {
		if err := ValidateID("operator agency_id", o.AgencyId, 64); err != nil {
			return nil, errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if _, dup := operators[o.AgencyId]; dup {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "duplicate operator %s", o.AgencyId)
		}
		operators[o.AgencyId] = struct{}{}
	}
	return operators, nil
}

// registered returns an error unless operator is registered.
func registered(operators map[string]struct{}, what, operator string) error {
	if _, ok := operators[operator]; !ok {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s: operator %q is not registered", what, operator)
	}
	return nil
}

func (gs GenesisState) validateRoutes(operators map[string]struct{}) (map[string]struct{}, error) {
	routes := make(map[string]struct{}, len(gs.Routes))
	for _, r := range gs.Routes {
		if err := ValidateID("route id", r.Id, MaxRouteLength); err != nil {
			return nil, errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if _, dup := routes[r.Id]; dup {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "duplicate route %s", r.Id)
		}
		if err := registered(operators, "route "+r.Id+" owner", r.Owner); err != nil {
			return nil, err
		}
		routes[r.Id] = struct{}{}
	}
	return routes, nil
}

// routeRegistered returns an error unless route is registered.
func routeRegistered(routes map[string]struct{}, what, route string) error {
	if _, ok := routes[route]; !ok {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s: route %q is not registered", what, route)
	}
	return nil
}

func (gs GenesisState) validatePlazas(operators, routes map[string]struct{}) (map[string]Plaza, error) {
	plazas := make(map[string]Plaza, len(gs.Plazas))
	for _, p := range gs.Plazas {
		if err := ValidateID("plaza id", p.Id, MaxPlazaIDLength); err != nil {
			return nil, errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if _, dup := plazas[p.Id]; dup {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "duplicate plaza %s", p.Id)
		}
		if err := ValidateID("plaza "+p.Id+" route", p.Route, MaxRouteLength); err != nil {
			return nil, errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if p.PositionM > MaxPositionM {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "plaza %s: position_m %d beyond %d", p.Id, p.PositionM, MaxPositionM)
		}
		if err := registered(operators, "plaza "+p.Id, p.Operator); err != nil {
			return nil, err
		}
		if err := routeRegistered(routes, "plaza "+p.Id, p.Route); err != nil {
			return nil, err
		}
		plazas[p.Id] = p
	}
	return plazas, nil
}

func (gs GenesisState) validateSegments(operators, routes map[string]struct{}) error {
	for _, s := range gs.Segments {
		if err := ValidateID("segment route", s.Route, MaxRouteLength); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if s.StartM >= s.EndM || s.EndM > MaxPositionM {
			return errorsmod.Wrapf(ErrInvalidGenesis, "segment %s [%d, %d): start < end <= %d required", s.Route, s.StartM, s.EndM, MaxPositionM)
		}
		if err := registered(operators, "segment "+s.Route, s.Operator); err != nil {
			return err
		}
		if err := routeRegistered(routes, "segment", s.Route); err != nil {
			return err
		}
	}
	sorted := slices.Clone(gs.Segments)
	slices.SortFunc(sorted, func(a, b Segment) int {
		return cmp.Or(cmp.Compare(a.Route, b.Route), cmp.Compare(a.StartM, b.StartM))
	})
	for i := 1; i < len(sorted); i++ {
		prev, s := sorted[i-1], sorted[i]
		if prev.Route == s.Route && s.StartM < prev.EndM {
			return errorsmod.Wrapf(ErrInvalidGenesis, "segments %s [%d, %d) and [%d, %d) overlap", s.Route, prev.StartM, prev.EndM, s.StartM, s.EndM)
		}
	}
	return nil
}

func (gs GenesisState) validateTariffs(operators map[string]struct{}) (map[TariffRef]struct{}, error) {
	versions := make(map[TariffRef]struct{}, len(gs.Tariffs))
	for i, t := range gs.Tariffs {
		if err := registered(operators, "tariff", t.Operator); err != nil {
			return nil, err
		}
		want := uint64(1)
		if i > 0 {
			prev := gs.Tariffs[i-1]
			if prev.Operator > t.Operator {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "tariffs must be ordered by (operator, version): %s follows %s", t.Operator, prev.Operator)
			}
			if prev.Operator == t.Operator {
				want = prev.Version + 1
				if !t.EffectiveFrom.After(prev.EffectiveFrom) {
					return nil, errorsmod.Wrapf(ErrInvalidGenesis, "tariff %s version %d: effective_from %s is not after version %d's %s",
						t.Operator, t.Version, t.EffectiveFrom, prev.Version, prev.EffectiveFrom)
				}
			}
		}
		if t.Version != want {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "tariff %s: version %d where %d is expected", t.Operator, t.Version, want)
		}
		if err := ValidateTariffBody(t.Rates, t.Discounts, t.CommuterStartMinute, t.CommuterEndMinute); err != nil {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "tariff %s version %d: %s", t.Operator, t.Version, err)
		}
		versions[TariffRef{Operator: t.Operator, Version: t.Version}] = struct{}{}
	}
	return versions, nil
}

func (gs GenesisState) validateSpendingLimits(operators map[string]struct{}) error {
	type limitKey struct{ payer, operator string }
	limits := make(map[limitKey]struct{}, len(gs.SpendingLimits))
	for _, l := range gs.SpendingLimits {
		k := limitKey{l.Payer, l.Operator}
		if _, dup := limits[k]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate spending limit of %s for %s", l.Payer, l.Operator)
		}
		limits[k] = struct{}{}
		if err := registered(operators, "spending limit of "+l.Payer, l.Operator); err != nil {
			return err
		}
		if l.Remaining == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "spending limit of %s for %s: remaining is 0 (a zero limit is deleted)", l.Payer, l.Operator)
		}
	}
	return nil
}

// sortedUnique returns an error unless list is strictly increasing.
func sortedUnique(what string, list []string) error {
	for i := 1; i < len(list); i++ {
		if list[i-1] >= list[i] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s must be sorted without repeats: %q follows %q", what, list[i], list[i-1])
		}
	}
	return nil
}

func (gs GenesisState) validatePeriods(operators map[string]struct{}) (map[uint64]Period, error) {
	periods := make(map[uint64]Period, len(gs.Periods))
	for i, p := range gs.Periods {
		if p.Id != uint64(i+1) {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "periods[%d] has id %d, want %d (periods are numbered from 1 without gaps)", i, p.Id, i+1)
		}
		if !known(PeriodStatus_name, p.Status) {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d: invalid status %s", p.Id, p.Status)
		}
		last := i == len(gs.Periods)-1
		if last != (p.Status == PeriodOpen) {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d is %s: exactly the last period is OPEN", p.Id, p.Status)
		}
		if err := sortedUnique("period participants", p.Participants); err != nil {
			return nil, err
		}
		if err := sortedUnique("period confirmed", p.Confirmed); err != nil {
			return nil, err
		}
		for _, o := range p.Participants {
			if err := registered(operators, "period participant", o); err != nil {
				return nil, err
			}
		}
		for _, o := range p.Confirmed {
			if _, ok := slices.BinarySearch(p.Participants, o); !ok {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d: %s confirmed but is not a participant", p.Id, o)
			}
		}
		periods[p.Id] = p
	}
	return periods, nil
}

// validateShares checks shares sorted by operator without repeats, every
// amount positive and its operator registered, summing to total.
func validateShares(what string, shares []OperatorAmount, total uint64, operators map[string]struct{}) error {
	var sum uint64
	for i, s := range shares {
		if i > 0 && shares[i-1].Operator >= s.Operator {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s must be sorted by operator without repeats: %q follows %q", what, s.Operator, shares[i-1].Operator)
		}
		if s.Amount == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: amount of %s is 0", what, s.Operator)
		}
		if err := registered(operators, what, s.Operator); err != nil {
			return err
		}
		var err error
		if sum, err = AddAmounts(sum, s.Amount); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: %s", what, err)
		}
	}
	if sum != total {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s sum to %d, not %d", what, sum, total)
	}
	return nil
}

func (gs GenesisState) validateTrips(operators map[string]struct{}, plazas map[string]Plaza, tariffs map[TariffRef]struct{},
	periods map[uint64]Period, targets map[targetKey]disputable,
) error {
	type tripKey struct {
		exitPlaza, vehicleRef, entry, exit string
	}
	natural := make(map[tripKey]uint64, len(gs.Trips))
	for _, t := range gs.Trips {
		if t.Id == 0 || t.Id >= gs.NextTripId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip id %d must be in 1..%d", t.Id, gs.NextTripId-1)
		}
		key := targetKey{TargetTrip, t.Id}
		if _, dup := targets[key]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate trip id %d", t.Id)
		}
		entry, ok := plazas[t.EntryPlaza]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: unknown entry plaza %q", t.Id, t.EntryPlaza)
		}
		exit, ok := plazas[t.ExitPlaza]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: unknown exit plaza %q", t.Id, t.ExitPlaza)
		}
		if entry.Id == exit.Id || entry.Route != exit.Route {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: entry %s and exit %s must be different plazas of one route", t.Id, entry.Id, exit.Id)
		}
		if d := max(entry.PositionM, exit.PositionM) - min(entry.PositionM, exit.PositionM); t.DistanceM != d {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: distance_m %d, but the plazas are %d m apart", t.Id, t.DistanceM, d)
		}
		if t.Collector != exit.Operator {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: collector %q is not exit plaza %s's operator %q", t.Id, t.Collector, exit.Id, exit.Operator)
		}
		if err := ValidateVehicleClass(t.VehicleClass); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: %s", t.Id, err)
		}
		if err := ValidateDiscountCodes(t.DiscountCodes); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: %s", t.Id, err)
		}
		if err := ValidateDigest("vehicle_ref", t.VehicleRef); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: %s", t.Id, err)
		}
		if t.ExitTime.Before(t.EntryTime) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: exit_time %s before entry_time %s", t.Id, t.ExitTime, t.EntryTime)
		}
		nk := tripKey{t.ExitPlaza, t.VehicleRef, t.EntryTime.UTC().Format(time.RFC3339Nano), t.ExitTime.UTC().Format(time.RFC3339Nano)}
		if other, dup := natural[nk]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trips %d and %d record the same trip (exit plaza %s, vehicle_ref, entry and exit times)", other, t.Id, t.ExitPlaza)
		}
		natural[nk] = t.Id
		if err := validateShares("trip shares", t.Shares, t.Fare, operators); err != nil {
			return errorsmod.Wrapf(err, "trip %d", t.Id)
		}
		for _, ref := range t.Tariffs {
			if _, ok := tariffs[ref]; !ok {
				return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: unknown tariff %s version %d", t.Id, ref.Operator, ref.Version)
			}
		}
		if _, ok := periods[t.PeriodId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: unknown period %d", t.Id, t.PeriodId)
		}
		if err := validatePayment(t); err != nil {
			return err
		}
		targets[key] = disputable{period: t.PeriodId, collector: t.Collector, amount: t.Fare, shares: t.Shares, refunded: t.Refunded}
	}
	return nil
}

// validatePayment checks a trip's payment fields agree: an ACCOUNT trip has a
// payer and is PAID or UNPAID, an OFFCHAIN trip has none and is OFFCHAIN, and
// unpaid_reason is set exactly for UNPAID trips.
func validatePayment(t Trip) error {
	switch t.PaymentMethod {
	case PaymentAccount:
		if t.Payer == "" || (t.PaymentStatus != PaymentStatusPaid && t.PaymentStatus != PaymentStatusUnpaid) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: an ACCOUNT trip has a payer and is PAID or UNPAID, got payer %q and %s", t.Id, t.Payer, t.PaymentStatus)
		}
	case PaymentOffchain:
		if t.Payer != "" || t.PaymentStatus != PaymentStatusOffchain {
			return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: an OFFCHAIN trip has no payer and is OFFCHAIN, got payer %q and %s", t.Id, t.Payer, t.PaymentStatus)
		}
	default:
		return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: invalid payment_method %s", t.Id, t.PaymentMethod)
	}
	unpaid := t.PaymentStatus == PaymentStatusUnpaid
	if unpaid != (t.UnpaidReason != UnpaidReasonUnspecified) || !(t.UnpaidReason == UnpaidReasonUnspecified || known(UnpaidReason_name, t.UnpaidReason)) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d is %s with unpaid_reason %s: a known reason is set exactly for UNPAID trips", t.Id, t.PaymentStatus, t.UnpaidReason)
	}
	return nil
}

func (gs GenesisState) validateBatches(operators map[string]struct{}, plazas map[string]Plaza, periods map[uint64]Period, targets map[targetKey]disputable) error {
	for _, b := range gs.Batches {
		if b.Id == 0 || b.Id >= gs.NextBatchId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "batch id %d must be in 1..%d", b.Id, gs.NextBatchId-1)
		}
		key := targetKey{TargetBatch, b.Id}
		if _, dup := targets[key]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate batch id %d", b.Id)
		}
		p, ok := plazas[b.PlazaId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "batch %d: unknown plaza %q", b.Id, b.PlazaId)
		}
		if b.Collector != p.Operator {
			return errorsmod.Wrapf(ErrInvalidGenesis, "batch %d: collector %q is not plaza %s's operator %q", b.Id, b.Collector, p.Id, p.Operator)
		}
		if err := ValidateDigest("merkle_root", b.MerkleRoot); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "batch %d: %s", b.Id, err)
		}
		if b.Count == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "batch %d: count is 0", b.Id)
		}
		if err := validateShares("batch totals", b.Totals, b.Total, operators); err != nil {
			return errorsmod.Wrapf(err, "batch %d", b.Id)
		}
		if _, ok := periods[b.PeriodId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "batch %d: unknown period %d", b.Id, b.PeriodId)
		}
		targets[key] = disputable{period: b.PeriodId, collector: b.Collector, amount: b.Total, shares: b.Totals, refunded: b.Refunded}
	}
	return nil
}

// validateDisputes checks the disputes against their targets and periods, and
// returns what the open disputes hold out of each accrual.
func (gs GenesisState) validateDisputes(periods map[uint64]Period, targets map[targetKey]disputable) (map[accrualKey]uint64, error) {
	ids := make(map[uint64]struct{}, len(gs.Disputes))
	open := make(map[targetKey]uint64, len(gs.Disputes))
	openByPeriod := make(map[uint64]uint32, len(periods))
	refunds := make(map[targetKey]uint64, len(gs.Disputes))
	disputed := make(map[accrualKey]uint64)
	for _, d := range gs.Disputes {
		if d.Id == 0 || d.Id >= gs.NextDisputeId {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute id %d must be in 1..%d", d.Id, gs.NextDisputeId-1)
		}
		if _, dup := ids[d.Id]; dup {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "duplicate dispute id %d", d.Id)
		}
		ids[d.Id] = struct{}{}
		if !known(DisputeKind_name, d.Kind) {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: invalid kind %s", d.Id, d.Kind)
		}
		key := targetKey{d.Target, d.TargetId}
		t, ok := targets[key]
		if !ok {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: unknown target %s %d", d.Id, d.Target, d.TargetId)
		}
		if d.PeriodId != t.period {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: period %d, but its target is in period %d", d.Id, d.PeriodId, t.period)
		}
		if d.Collector != t.collector {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: collector %q, but its target's collector is %q", d.Id, d.Collector, t.collector)
		}
		if d.OpenedBy == "" {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: opened_by is empty", d.Id)
		}
		if d.EvidenceDigest != "" {
			if err := ValidateDigest("evidence_digest", d.EvidenceDigest); err != nil {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: %s", d.Id, err)
			}
		}
		if err := validateDisputeStatus(d, t); err != nil {
			return nil, err
		}
		if d.Status == DisputeRefunded {
			sum, err := AddAmounts(refunds[key], d.Refund)
			if err != nil {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "refunds of %s %d: %s", d.Target, d.TargetId, err)
			}
			refunds[key] = sum
		}
		if d.Status != DisputeOpen {
			continue
		}
		if other, dup := open[key]; dup {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "disputes %d and %d are both OPEN on %s %d", other, d.Id, d.Target, d.TargetId)
		}
		open[key] = d.Id
		openByPeriod[d.PeriodId]++
		for _, s := range t.shares {
			k := accrualKey{t.period, t.collector, s.Operator}
			sum, err := AddAmounts(disputed[k], s.Amount)
			if err != nil {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "disputed part of accrual (%d, %s, %s): %s", k.period, k.collector, k.payee, err)
			}
			disputed[k] = sum
		}
	}
	for _, p := range gs.Periods {
		n := openByPeriod[p.Id]
		if p.OpenDisputes != n {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d: open_disputes is %d but %d disputes of it are OPEN", p.Id, p.OpenDisputes, n)
		}
		if n > 0 && p.Status != PeriodOpen && p.Status != PeriodDisputed {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d is %s with %d open disputes (only OPEN and DISPUTED periods have any)", p.Id, p.Status, n)
		}
		if n == 0 && p.Status == PeriodDisputed {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d is DISPUTED without an open dispute", p.Id)
		}
	}
	for _, t := range gs.Trips {
		if r := refunds[targetKey{TargetTrip, t.Id}]; t.Refunded != r {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: refunded is %d but its REFUNDED disputes refund %d", t.Id, t.Refunded, r)
		}
	}
	for _, b := range gs.Batches {
		if r := refunds[targetKey{TargetBatch, b.Id}]; b.Refunded != r {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "batch %d: refunded is %d but its REFUNDED disputes refund %d", b.Id, b.Refunded, r)
		}
	}
	return disputed, nil
}

// validateDisputeStatus checks the resolution fields agree with the status:
// an OPEN dispute has no refund, reason or resolver and disputes its target's
// current amount; a REFUNDED one refunds 1..amount; a REJECTED one refunds
// nothing and gives a reason code.
func validateDisputeStatus(d Dispute, t disputable) error {
	switch d.Status {
	case DisputeOpen:
		if d.Refund != 0 || d.Reason != "" || d.ResolvedBy != "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is OPEN with refund %d, reason %q, resolved_by %q", d.Id, d.Refund, d.Reason, d.ResolvedBy)
		}
		if d.Amount != t.amount {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is OPEN for %d, but its target amounts to %d", d.Id, d.Amount, t.amount)
		}
	case DisputeRefunded:
		if d.Refund == 0 || d.Refund > d.Amount {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is REFUNDED with refund %d: must be 1..%d", d.Id, d.Refund, d.Amount)
		}
		if d.Reason != "" {
			if err := ValidateReason(d.Reason); err != nil {
				return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: %s", d.Id, err)
			}
		}
	case DisputeRejected:
		if d.Refund != 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is REJECTED with refund %d", d.Id, d.Refund)
		}
		if err := ValidateReason(d.Reason); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: %s", d.Id, err)
		}
	default:
		return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: invalid status %s", d.Id, d.Status)
	}
	if d.Status != DisputeOpen && d.ResolvedBy == "" {
		return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is %s without resolved_by", d.Id, d.Status)
	}
	return nil
}

// validateAccruals checks each accrual is what the trips and batches of its
// period accrue to (collector, payee), its disputed part what the open
// disputes hold out, and that every share has its accrual.
func (gs GenesisState) validateAccruals(operators map[string]struct{}, periods map[uint64]Period, disputed map[accrualKey]uint64) error {
	want := make(map[accrualKey]uint64, len(gs.Accruals))
	accrue := func(what string, id, period uint64, collector string, shares []OperatorAmount) error {
		for _, s := range shares {
			k := accrualKey{period, collector, s.Operator}
			sum, err := AddAmounts(want[k], s.Amount)
			if err != nil {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s %d: accrual (%d, %s, %s): %s", what, id, period, collector, s.Operator, err)
			}
			want[k] = sum
		}
		return nil
	}
	for _, t := range gs.Trips {
		if err := accrue("trip", t.Id, t.PeriodId, t.Collector, t.Shares); err != nil {
			return err
		}
	}
	for _, b := range gs.Batches {
		if err := accrue("batch", b.Id, b.PeriodId, b.Collector, b.Totals); err != nil {
			return err
		}
	}
	accruals := make(map[accrualKey]struct{}, len(gs.Accruals))
	for _, a := range gs.Accruals {
		k := accrualKey{a.PeriodId, a.Collector, a.Payee}
		if _, dup := accruals[k]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate accrual (%d, %s, %s)", a.PeriodId, a.Collector, a.Payee)
		}
		accruals[k] = struct{}{}
		if _, ok := periods[a.PeriodId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "accrual (%d, %s, %s): unknown period %d", a.PeriodId, a.Collector, a.Payee, a.PeriodId)
		}
		if err := registered(operators, "accrual collector", a.Collector); err != nil {
			return err
		}
		if err := registered(operators, "accrual payee", a.Payee); err != nil {
			return err
		}
		if a.Disputed > a.Amount {
			return errorsmod.Wrapf(ErrInvalidGenesis, "accrual (%d, %s, %s): disputed %d exceeds amount %d", a.PeriodId, a.Collector, a.Payee, a.Disputed, a.Amount)
		}
		if a.Amount != want[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "accrual (%d, %s, %s) is %d but the period's trips and batches accrue %d", a.PeriodId, a.Collector, a.Payee, a.Amount, want[k])
		}
		if a.Disputed != disputed[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "accrual (%d, %s, %s) has %d disputed but its open disputes hold %d", a.PeriodId, a.Collector, a.Payee, a.Disputed, disputed[k])
		}
	}
	covered := func(what string, id, period uint64, collector string, shares []OperatorAmount) error {
		for _, s := range shares {
			if _, ok := accruals[accrualKey{period, collector, s.Operator}]; !ok {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s %d: no accrual (%d, %s, %s) for its share", what, id, period, collector, s.Operator)
			}
		}
		return nil
	}
	for _, t := range gs.Trips {
		if err := covered("trip", t.Id, t.PeriodId, t.Collector, t.Shares); err != nil {
			return err
		}
	}
	for _, b := range gs.Batches {
		if err := covered("batch", b.Id, b.PeriodId, b.Collector, b.Totals); err != nil {
			return err
		}
	}
	return nil
}

func (gs GenesisState) validateEscrows(periods map[uint64]Period) error {
	type escrowKey struct {
		period   uint64
		operator string
	}
	escrows := make(map[escrowKey]struct{}, len(gs.Escrows))
	for _, e := range gs.Escrows {
		k := escrowKey{e.PeriodId, e.Operator}
		if _, dup := escrows[k]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate escrow of %s in period %d", e.Operator, e.PeriodId)
		}
		escrows[k] = struct{}{}
		p, ok := periods[e.PeriodId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "escrow of %s: unknown period %d", e.Operator, e.PeriodId)
		}
		if _, ok := slices.BinarySearch(p.Participants, e.Operator); !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "escrow of %s in period %d: not a participant", e.Operator, e.PeriodId)
		}
	}
	return nil
}

// known reports whether v is a named, specified value of its enum.
func known[E ~int32](names map[int32]string, v E) bool {
	_, ok := names[int32(v)]
	return ok && v != 0
}

// ValidateAddresses checks every address of the state decodes with ac and is
// in its canonical form (the keeper keys spending limits and unpaid trips by
// address bytes, so two spellings of one address would collide).
func (gs GenesisState) ValidateAddresses(ac address.Codec) error {
	check := func(what, addr string) error {
		if addr == "" {
			return nil
		}
		bz, err := ac.StringToBytes(addr)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: address %q: %s", what, addr, err)
		}
		if canonical, err := ac.BytesToString(bz); err != nil || canonical != addr {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: address %q is not in canonical form", what, addr)
		}
		return nil
	}
	for _, o := range gs.Operators {
		if o.SettlementAccount == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "operator %s has no settlement account", o.AgencyId)
		}
		if err := check("operator "+o.AgencyId, o.SettlementAccount); err != nil {
			return err
		}
	}
	for _, t := range gs.Tariffs {
		if err := check("tariff set_by", t.SetBy); err != nil {
			return err
		}
	}
	for _, l := range gs.SpendingLimits {
		if l.Payer == "" {
			return errorsmod.Wrap(ErrInvalidGenesis, "spending limit without payer")
		}
		if err := check("spending limit", l.Payer); err != nil {
			return err
		}
	}
	for _, t := range gs.Trips {
		if t.PaymentMethod == PaymentAccount && t.Payer == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "ACCOUNT trip %d without payer", t.Id)
		}
		if err := check("trip payer", t.Payer); err != nil {
			return err
		}
		if err := check("trip recorded_by", t.RecordedBy); err != nil {
			return err
		}
	}
	for _, b := range gs.Batches {
		if err := check("batch submitted_by", b.SubmittedBy); err != nil {
			return err
		}
	}
	for _, d := range gs.Disputes {
		if err := check("dispute opened_by", d.OpenedBy); err != nil {
			return err
		}
		if err := check("dispute resolved_by", d.ResolvedBy); err != nil {
			return err
		}
	}
	return nil
}
