package types

import (
	"cmp"
	"slices"
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/genesisio"
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
	// holding is the dispute holding amounts of the target out, if any.
	holding *Dispute
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
	return gs.validateEscrows(periods, targets)
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
		if err := sortedUnique("period excluded", p.Excluded); err != nil {
			return nil, err
		}
		if len(p.Excluded) > 0 && p.Status != PeriodSettled {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d is %s with excluded participants (only a SETTLED period has any)", p.Id, p.Status)
		}
		for _, o := range p.Excluded {
			if _, ok := slices.BinarySearch(p.Participants, o); !ok {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d: %s excluded but is not a participant", p.Id, o)
			}
		}
		if p.Status == PeriodSubmitted && p.ConfirmBy.IsZero() {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d is SUBMITTED without confirm_by", p.Id)
		}
		if p.Accrued > MaxPeriodTotal {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d: accrued %d exceeds %d", p.Id, p.Accrued, MaxPeriodTotal)
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
	if t.PaidBy != "" && (t.PaymentMethod != PaymentAccount || t.PaymentStatus != PaymentStatusPaid || t.PaidBy == t.Payer) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: paid_by %q is set only on a PAID ACCOUNT trip paid by another account than its payer", t.Id, t.PaidBy)
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
		declared, err := AddAmounts(b.Total, b.Refunded)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "batch %d: total + refunded: %s", b.Id, err)
		}
		if err := validateShares("batch declared totals", b.DeclaredTotals, declared, operators); err != nil {
			return errorsmod.Wrapf(err, "batch %d", b.Id)
		}
		if _, ok := periods[b.PeriodId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "batch %d: unknown period %d", b.Id, b.PeriodId)
		}
		targets[key] = disputable{period: b.PeriodId, collector: b.Collector, amount: b.Total, shares: b.Totals, refunded: b.Refunded}
	}
	return nil
}

// validateDisputes checks the disputes against their targets and periods (at
// most one dispute per target), and returns what the holding (OPEN and
// APPEALED) disputes hold out of each accrual.
func (gs GenesisState) validateDisputes(periods map[uint64]Period, targets map[targetKey]disputable) (map[accrualKey]uint64, error) {
	ids := make(map[uint64]struct{}, len(gs.Disputes))
	seen := make(map[targetKey]uint64, len(gs.Disputes))
	openByPeriod := make(map[uint64]uint32, len(periods))
	refunds := make(map[targetKey]uint64, len(gs.Disputes))
	disputed := make(map[accrualKey]uint64)
	for i := range gs.Disputes {
		d := gs.Disputes[i]
		if err := genesisio.CheckID("dispute", d.Id, gs.NextDisputeId, ids); err != nil {
			return nil, errorsmod.Wrap(ErrInvalidGenesis, err.Error())
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
		if other, dup := seen[key]; dup {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "disputes %d and %d are both on %s %d (a target has one dispute)", other, d.Id, d.Target, d.TargetId)
		}
		seen[key] = d.Id
		if d.PeriodId != t.period {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: period %d, but its target is in period %d", d.Id, d.PeriodId, t.period)
		}
		if d.Collector != t.collector {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: collector %q, but its target's collector is %q", d.Id, d.Collector, t.collector)
		}
		if err := validateDisputeParties(d); err != nil {
			return nil, err
		}
		if d.EvidenceDigest != "" {
			if err := ValidateDigest("evidence_digest", d.EvidenceDigest); err != nil {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: %s", d.Id, err)
			}
		}
		held := HeldShares(d.Kind, d.Respondent, t.shares)
		heldSum, err := SumAmounts(held)
		if err != nil {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: %s", d.Id, err)
		}
		if err := validateDisputeStatus(d, heldSum); err != nil {
			return nil, err
		}
		if d.Kind != DisputeTariff {
			sum, err := AddAmounts(refunds[key], d.Refund)
			if err != nil {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "refunds of %s %d: %s", d.Target, d.TargetId, err)
			}
			refunds[key] = sum
		}
		if !d.Holds() {
			continue
		}
		t.holding = &gs.Disputes[i]
		targets[key] = t
		openByPeriod[d.PeriodId]++
		for _, s := range held {
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
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d: open_disputes is %d but %d disputes of it are OPEN or APPEALED", p.Id, p.OpenDisputes, n)
		}
		if n == 0 && p.Status == PeriodDisputed {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "period %d is DISPUTED without an open dispute", p.Id)
		}
	}
	for _, t := range gs.Trips {
		if r := refunds[targetKey{TargetTrip, t.Id}]; t.Refunded != r {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "trip %d: refunded is %d but its disputes refund %d", t.Id, t.Refunded, r)
		}
	}
	for _, b := range gs.Batches {
		if r := refunds[targetKey{TargetBatch, b.Id}]; b.Refunded != r {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "batch %d: refunded is %d but its disputes refund %d", b.Id, b.Refunded, r)
		}
	}
	return disputed, nil
}

// validateDisputeParties checks who opened a dispute and who decides it: a
// TARIFF dispute is the collector's against another operator's share, which
// that operator decides; any other is decided by the collector and opened by
// a payer (no disputant) or another operator.
func validateDisputeParties(d Dispute) error {
	if d.OpenedBy == "" {
		return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: opened_by is empty", d.Id)
	}
	if d.Kind == DisputeTariff {
		if d.Disputant != d.Collector || d.Respondent == "" || d.Respondent == d.Collector {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: a TARIFF dispute is opened by its collector %s against another operator, got disputant %q and respondent %q", d.Id, d.Collector, d.Disputant, d.Respondent)
		}
		return nil
	}
	if d.Respondent != d.Collector || d.Disputant == d.Collector {
		return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: decided by its collector %s and opened by someone else, got respondent %q and disputant %q", d.Id, d.Collector, d.Respondent, d.Disputant)
	}
	return nil
}

// validateDisputeStatus checks the resolution fields agree with the status:
// an OPEN dispute has no refund, reason or resolver and disputes what it
// holds (held, its target's current held shares); a decided one has a
// resolver, a REFUNDED one refunds 1..amount, a REJECTED one gives a reason
// code; an APPEALED one was decided once and appealed after.
func validateDisputeStatus(d Dispute, held uint64) error {
	switch d.Status {
	case DisputeOpen:
		if d.Refund != 0 || d.Reason != "" || d.ResolvedBy != "" || !d.AppealedAt.IsZero() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is OPEN with refund %d, reason %q, resolved_by %q, appealed at %s", d.Id, d.Refund, d.Reason, d.ResolvedBy, d.AppealedAt)
		}
		if d.Amount != held || held == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is OPEN for %d, but its target's disputed shares amount to %d (more than 0)", d.Id, d.Amount, held)
		}
		return nil
	case DisputeAppealed:
		if d.AppealedAt.IsZero() || held == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is APPEALED without appealed_at or anything left to hold", d.Id)
		}
	case DisputeRefunded:
		if d.Refund == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is REFUNDED with refund 0", d.Id)
		}
	case DisputeRejected:
		if err := ValidateReason(d.Reason); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: %s", d.Id, err)
		}
		if d.AppealedAt.IsZero() && d.Refund != 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d is REJECTED with refund %d", d.Id, d.Refund)
		}
	default:
		return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: invalid status %s", d.Id, d.Status)
	}
	if d.Refund > d.Amount {
		return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d refunds %d, more than the disputed %d", d.Id, d.Refund, d.Amount)
	}
	if d.Reason != "" {
		if err := ValidateReason(d.Reason); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: %s", d.Id, err)
		}
	}
	if d.ResolvedBy == "" {
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
	accrued := make(map[uint64]uint64, len(periods))
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
		if a.Disputed > a.Amount || a.SettledLate > a.Amount-a.Disputed {
			return errorsmod.Wrapf(ErrInvalidGenesis, "accrual (%d, %s, %s): disputed %d and settled_late %d exceed amount %d", a.PeriodId, a.Collector, a.Payee, a.Disputed, a.SettledLate, a.Amount)
		}
		if a.SettledLate > 0 && (a.Collector == a.Payee || !settled(periods[a.PeriodId])) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "accrual (%d, %s, %s): settled_late %d outside a RECONCILED or SETTLED period across operators", a.PeriodId, a.Collector, a.Payee, a.SettledLate)
		}
		sum, err := AddAmounts(accrued[a.PeriodId], a.Amount)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "accruals of period %d: %s", a.PeriodId, err)
		}
		accrued[a.PeriodId] = sum
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
	for _, p := range gs.Periods {
		if p.Accrued != accrued[p.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d: accrued is %d but its accruals sum to %d", p.Id, p.Accrued, accrued[p.Id])
		}
	}
	return nil
}

// settled reports whether a period's netting is fixed: RECONCILED or SETTLED.
func settled(p Period) bool {
	return p.Status == PeriodReconciled || p.Status == PeriodSettled
}

// validateEscrows checks the escrow against the positions computed from the
// genesis accruals, so that every escrow can settle. In a SUBMITTED period
// only confirmed participants hold escrow, and each confirmed one holds
// exactly what its confirmation takes: its net if it pays net (escrows) and
// its disputed payable (held escrows). In a RECONCILED period every net payer
// holds its net. A SETTLED period's escrows are the record of what each
// remaining net payer paid in (positions without the excluded). A held
// escrow of a RECONCILED or SETTLED period is what its operator's holding
// disputes of the period hold across operators. Nothing else holds escrow.
func (gs GenesisState) validateEscrows(periods map[uint64]Period, targets map[targetKey]disputable) error {
	byPeriod := make(map[uint64][]Accrual, len(periods))
	for _, a := range gs.Accruals {
		byPeriod[a.PeriodId] = append(byPeriod[a.PeriodId], a)
	}
	// What the holding disputes of reconciled periods hold across operators, by collector.
	stillHeld := make(map[escrowKey]uint64)
	for _, t := range gs.Trips {
		addHeld(stillHeld, targets[targetKey{TargetTrip, t.Id}], periods)
	}
	for _, b := range gs.Batches {
		addHeld(stillHeld, targets[targetKey{TargetBatch, b.Id}], periods)
	}
	for _, list := range []struct {
		what    string
		entries []EscrowEntry
		held    bool
	}{{"escrow", gs.Escrows, false}, {"held escrow", gs.HeldEscrows, true}} {
		seen := make(map[escrowKey]struct{}, len(list.entries))
		for _, e := range list.entries {
			k := escrowKey{e.PeriodId, e.Operator}
			if _, dup := seen[k]; dup {
				return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate %s of %s in period %d", list.what, e.Operator, e.PeriodId)
			}
			seen[k] = struct{}{}
			p, ok := periods[e.PeriodId]
			if !ok {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s of %s: unknown period %d", list.what, e.Operator, e.PeriodId)
			}
			if _, ok := slices.BinarySearch(p.Participants, e.Operator); !ok {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s of %s in period %d: not a participant", list.what, e.Operator, e.PeriodId)
			}
			if e.Amount == 0 {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s of %s in period %d is 0", list.what, e.Operator, e.PeriodId)
			}
		}
	}
	escrow := func(entries []EscrowEntry, period uint64, op string) uint64 {
		for _, e := range entries {
			if e.PeriodId == period && e.Operator == op {
				return e.Amount
			}
		}
		return 0
	}
	for _, p := range gs.Periods {
		var include func(string) bool
		if p.Status == PeriodSettled {
			include = func(op string) bool {
				_, excluded := slices.BinarySearch(p.Excluded, op)
				return !excluded
			}
		}
		positions, err := PositionsOf(byPeriod[p.Id], include)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d: %s", p.Id, err)
		}
		for _, op := range p.Participants {
			pos := NetPosition{Operator: op}
			for _, q := range positions {
				if q.Operator == op {
					pos = q
				}
			}
			net, disputedPayable := pos.Escrow()
			_, confirmed := slices.BinarySearch(p.Confirmed, op)
			var wantNet, wantHeld uint64
			switch p.Status {
			case PeriodSubmitted:
				if confirmed {
					wantNet, wantHeld = net, disputedPayable
				}
			case PeriodReconciled:
				wantNet, wantHeld = net, stillHeld[escrowKey{p.Id, op}]
			case PeriodSettled:
				if include(op) {
					wantNet = net
				}
				if got := escrow(gs.HeldEscrows, p.Id, op); got != 0 {
					wantHeld = stillHeld[escrowKey{p.Id, op}]
				}
			}
			if got := escrow(gs.Escrows, p.Id, op); got != wantNet {
				return errorsmod.Wrapf(ErrInvalidGenesis, "period %d (%s): %s escrows %d but its position (net %d, confirmed %t) needs %d", p.Id, p.Status, op, got, pos.Net, confirmed, wantNet)
			}
			if got := escrow(gs.HeldEscrows, p.Id, op); got != wantHeld {
				return errorsmod.Wrapf(ErrInvalidGenesis, "period %d (%s): %s holds %d for disputes but needs %d", p.Id, p.Status, op, got, wantHeld)
			}
		}
		if p.Status == PeriodReconciled && len(p.Confirmed) != len(p.Participants) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d is RECONCILED but %d of %d participants confirmed", p.Id, len(p.Confirmed), len(p.Participants))
		}
	}
	return nil
}

// escrowKey identifies an escrow: (period, operator).
type escrowKey struct {
	period   uint64
	operator string
}

// addHeld adds what a target's holding dispute holds across operators to its
// collector's entry, if the target's period is RECONCILED or SETTLED. The
// sums are parts of one period's accruals, checked by validateAccruals.
func addHeld(held map[escrowKey]uint64, t disputable, periods map[uint64]Period) {
	if t.holding == nil || !settled(periods[t.period]) {
		return
	}
	for _, s := range HeldShares(t.holding.Kind, t.holding.Respondent, t.shares) {
		if s.Operator != t.collector {
			held[escrowKey{t.period, t.collector}] += s.Amount
		}
	}
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
		if err := check("trip paid_by", t.PaidBy); err != nil {
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
