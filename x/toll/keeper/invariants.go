package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/invariant"
	"github.com/civicchain/civic/x/toll/types"
)

// Invariants of the module state: the module account holds exactly the
// escrow of the periods not yet settled; every trip's shares sum to its fare
// and exactly the UNPAID trips are in the unpaid set; every accrual is what
// the trips and batches of its period accrue, its disputed part what the open
// disputes hold out; periods run 1..n with only the last OPEN; exactly the
// OPEN and APPEALED disputes are the open disputes of their targets; and the
// route network and tariff versions are consistent. The indexes that always
// follow their record are kept in step by their IndexedMap and not checked
// here. Each check walks the whole store, so they are for tests,
// simulations and operators' checks, never for a block hook. Each returns
// nil or an error naming the broken record.

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []invariant.Invariant {
	return []invariant.Invariant{
		{Name: "escrow", Check: k.EscrowInvariant},
		{Name: "trips", Check: k.TripsInvariant},
		{Name: "accruals", Check: k.AccrualsInvariant},
		{Name: "periods", Check: k.PeriodsInvariant},
		{Name: "disputes", Check: k.DisputesInvariant},
		{Name: "network", Check: k.NetworkInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	return invariant.Run(ctx, types.ModuleName, k.Invariants())
}

// EscrowInvariant checks that the module account's balance of the params
// denom equals the escrow of the periods not yet SETTLED (a SETTLED period's
// escrow stays as a record of what was paid out) plus every held escrow.
func (k Keeper) EscrowInvariant(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	var held uint64
	if err := k.Escrows.Walk(ctx, nil, func(key collections.Pair[uint64, string], amount uint64) (bool, error) {
		p, err := k.Periods.Get(ctx, key.K1())
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("escrow of %s names no period %d", key.K2(), key.K1())
		} else if err != nil {
			return true, err
		}
		if p.Status == types.PeriodSettled {
			return false, nil
		}
		if held, err = types.AddAmounts(held, amount); err != nil {
			return true, err
		}
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.HeldEscrows.Walk(ctx, nil, func(_ collections.Pair[uint64, string], amount uint64) (bool, error) {
		held, err = types.AddAmounts(held, amount)
		return err != nil, err
	}); err != nil {
		return err
	}
	balance := k.bankKeeper.GetBalance(ctx, k.accountKeeper.GetModuleAddress(types.ModuleName), params.Denom)
	if !balance.Amount.IsUint64() || balance.Amount.Uint64() != held {
		return fmt.Errorf("module account holds %s but the escrows of unsettled periods and the held escrows sum to %d%s", balance, held, params.Denom)
	}
	return nil
}

// TripsInvariant checks every trip (under its own id, an id already issued,
// shares sorted by operator, positive, summing to its fare) and that the
// unpaid set holds exactly the UNPAID trips, by payer.
func (k Keeper) TripsInvariant(ctx context.Context) error {
	unpaid := 0
	if err := invariant.EachIssued(ctx, k.LastTripID, k.Trips, "trip", (*types.Trip).GetId, func(id uint64, t types.Trip) error {
		if err := checkShares(t.Shares, t.Fare); err != nil {
			return fmt.Errorf("trip %d: %w", id, err)
		}
		if t.PaymentStatus != types.PaymentStatusUnpaid {
			return nil
		}
		unpaid++
		payer, err := k.addressCodec.StringToBytes(t.Payer)
		if err != nil {
			return fmt.Errorf("UNPAID trip %d: payer %q: %w", id, t.Payer, err)
		}
		if has, err := k.UnpaidTrips.Has(ctx, collections.Join(sdk.AccAddress(payer), id)); err != nil || !has {
			return errors.Join(err, fmt.Errorf("UNPAID trip %d is not in the unpaid-trips index under %s", id, t.Payer))
		}
		return nil
	}); err != nil {
		return err
	}
	n := 0
	if err := k.UnpaidTrips.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		n++
		t, err := k.Trips.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("unpaid-trips entry (%s, %d) points to no trip", key.K1(), key.K2())
		} else if err != nil {
			return true, err
		}
		if t.PaymentStatus != types.PaymentStatusUnpaid {
			return true, fmt.Errorf("unpaid-trips entry (%s, %d) points to a %s trip", key.K1(), key.K2(), t.PaymentStatus)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if n != unpaid {
		return fmt.Errorf("%d trips are UNPAID but the unpaid-trips index has %d entries", unpaid, n)
	}
	return nil
}

// checkShares checks shares are sorted by operator without repeats, positive,
// and sum to total.
func checkShares(shares []types.OperatorAmount, total uint64) error {
	var sum uint64
	for i, s := range shares {
		if i > 0 && shares[i-1].Operator >= s.Operator {
			return fmt.Errorf("shares not sorted by operator: %q follows %q", s.Operator, shares[i-1].Operator)
		}
		if s.Amount == 0 {
			return fmt.Errorf("share of %s is 0", s.Operator)
		}
		var err error
		if sum, err = types.AddAmounts(sum, s.Amount); err != nil {
			return err
		}
	}
	if sum != total {
		return fmt.Errorf("shares sum to %d, not %d", sum, total)
	}
	return nil
}

// accrualTriple is a comparable (period, collector, payee) for map keys.
type accrualTriple struct {
	period           uint64
	collector, payee string
}

// addShares adds each share to sums[(period, collector, share operator)].
func addShares(sums map[accrualTriple]uint64, period uint64, collector string, shares []types.OperatorAmount) error {
	for _, s := range shares {
		key := accrualTriple{period, collector, s.Operator}
		sum, err := types.AddAmounts(sums[key], s.Amount)
		if err != nil {
			return err
		}
		sums[key] = sum
	}
	return nil
}

// AccrualsInvariant recomputes every accrual from the trips and batches
// (their shares and totals by period, collector and payee) and its disputed
// part from the targets of the OPEN disputes, and checks the stored accruals
// are exactly these.
func (k Keeper) AccrualsInvariant(ctx context.Context) error {
	want := map[accrualTriple]uint64{}
	if err := k.Trips.Walk(ctx, nil, func(id uint64, t types.Trip) (bool, error) {
		return false, addShares(want, t.PeriodId, t.Collector, t.Shares)
	}); err != nil {
		return err
	}
	if err := k.Batches.Walk(ctx, nil, func(id uint64, b types.TripBatch) (bool, error) {
		return false, addShares(want, b.PeriodId, b.Collector, b.Totals)
	}); err != nil {
		return err
	}
	disputed := map[accrualTriple]uint64{}
	if err := k.Disputes.Walk(ctx, nil, func(id uint64, d types.Dispute) (bool, error) {
		if !d.Holds() {
			return false, nil
		}
		switch d.Target {
		case types.TargetTrip:
			t, err := k.Trips.Get(ctx, d.TargetId)
			if err != nil {
				return true, fmt.Errorf("open dispute %d: trip %d: %w", id, d.TargetId, err)
			}
			return false, addShares(disputed, t.PeriodId, t.Collector, types.HeldShares(d.Kind, d.Respondent, t.Shares))
		case types.TargetBatch:
			b, err := k.Batches.Get(ctx, d.TargetId)
			if err != nil {
				return true, fmt.Errorf("open dispute %d: batch %d: %w", id, d.TargetId, err)
			}
			return false, addShares(disputed, b.PeriodId, b.Collector, types.HeldShares(d.Kind, d.Respondent, b.Totals))
		default:
			return true, fmt.Errorf("open dispute %d has target %s", id, d.Target)
		}
	}); err != nil {
		return err
	}
	held := 0
	if err := k.Accruals.Walk(ctx, nil, func(key collections.Triple[uint64, string, string], a types.Accrual) (bool, error) {
		if a.PeriodId != key.K1() || a.Collector != key.K2() || a.Payee != key.K3() {
			return true, fmt.Errorf("accrual stored under (%d, %s, %s) is (%d, %s, %s)", key.K1(), key.K2(), key.K3(), a.PeriodId, a.Collector, a.Payee)
		}
		at := accrualTriple{a.PeriodId, a.Collector, a.Payee}
		if a.Amount != want[at] {
			return true, fmt.Errorf("accrual (%d, %s, %s) is %d but the trips and batches accrue %d", a.PeriodId, a.Collector, a.Payee, a.Amount, want[at])
		}
		if a.Disputed != disputed[at] {
			return true, fmt.Errorf("accrual (%d, %s, %s) has %d disputed but its open disputes hold %d", a.PeriodId, a.Collector, a.Payee, a.Disputed, disputed[at])
		}
		if a.SettledLate > a.Amount-a.Disputed {
			return true, fmt.Errorf("accrual (%d, %s, %s) has %d settled late, more than its undisputed %d", a.PeriodId, a.Collector, a.Payee, a.SettledLate, a.Amount-a.Disputed)
		}
		if a.Amount > 0 {
			held++
		}
		return false, nil
	}); err != nil {
		return err
	}
	// Each non-zero accrual matched a distinct non-zero recomputed amount;
	// equal counts mean none is missing.
	if held != len(want) {
		return fmt.Errorf("the trips and batches accrue %d (period, collector, payee) amounts but %d accruals hold them", len(want), held)
	}
	return nil
}

// PeriodsInvariant checks the periods run 1..n under their own ids, that the
// current period is the last and the only OPEN one, and that each period's
// open_disputes counts its OPEN and APPEALED disputes.
func (k Keeper) PeriodsInvariant(ctx context.Context) error {
	open := map[uint64]uint32{}
	if err := k.Disputes.Walk(ctx, nil, func(_ uint64, d types.Dispute) (bool, error) {
		if d.Holds() {
			open[d.PeriodId]++
		}
		return false, nil
	}); err != nil {
		return err
	}
	current, err := k.CurrentPeriod.Get(ctx)
	if err != nil {
		return fmt.Errorf("current period: %w", err)
	}
	var last uint64
	if err := k.Periods.Walk(ctx, nil, func(id uint64, p types.Period) (bool, error) {
		if p.Id != id || id != last+1 {
			return true, fmt.Errorf("period stored under %d has id %d, after period %d", id, p.Id, last)
		}
		last = id
		if (p.Status == types.PeriodOpen) != (id == current) {
			return true, fmt.Errorf("period %d is %s but the current period is %d", id, p.Status, current)
		}
		if p.OpenDisputes != open[id] {
			return true, fmt.Errorf("period %d has open_disputes %d but %d OPEN disputes", id, p.OpenDisputes, open[id])
		}
		return false, nil
	}); err != nil {
		return err
	}
	if current != last {
		return fmt.Errorf("the current period is %d but the last period is %d", current, last)
	}
	return nil
}

// DisputesInvariant checks every dispute (under its own id, an id already
// issued) and that the open disputes by target are exactly the OPEN and
// APPEALED disputes, both ways.
func (k Keeper) DisputesInvariant(ctx context.Context) error {
	open := 0
	if err := invariant.EachIssued(ctx, k.LastDisputeID, k.Disputes, "dispute", (*types.Dispute).GetId, func(id uint64, d types.Dispute) error {
		if !d.Holds() {
			return nil
		}
		open++
		got, err := k.OpenDisputeByTarget.Get(ctx, collections.Join(int32(d.Target), d.TargetId))
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if err != nil || got != id {
			return fmt.Errorf("OPEN dispute %d is not the open dispute of %s %d", id, d.Target, d.TargetId)
		}
		return nil
	}); err != nil {
		return err
	}
	n := 0
	if err := k.OpenDisputeByTarget.Walk(ctx, nil, func(key collections.Pair[int32, uint64], id uint64) (bool, error) {
		n++
		d, err := k.Disputes.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("open-dispute entry (%s, %d) points to no dispute %d", types.DisputeTarget(key.K1()), key.K2(), id)
		} else if err != nil {
			return true, err
		}
		if !d.Holds() || int32(d.Target) != key.K1() || d.TargetId != key.K2() {
			return true, fmt.Errorf("open-dispute entry (%s, %d) points to %s dispute %d of %s %d",
				types.DisputeTarget(key.K1()), key.K2(), d.Status, id, d.Target, d.TargetId)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if n != open {
		return fmt.Errorf("%d disputes are OPEN but the open-dispute index has %d entries", open, n)
	}
	return nil
}

// NetworkInvariant checks the route network: every route is stored under
// its id and owned by a registered operator, every segment and plaza is on a
// registered route, the segments of a route do not overlap, and every
// operator's tariff versions run 1..n with the head at n.
func (k Keeper) NetworkInvariant(ctx context.Context) error {
	if err := k.Routes.Walk(ctx, nil, func(id string, r types.Route) (bool, error) {
		if r.Id != id {
			return true, fmt.Errorf("route stored under %s is %s", id, r.Id)
		}
		if has, err := k.Operators.Has(ctx, r.Owner); err != nil || !has {
			return true, errors.Join(err, fmt.Errorf("route %s is owned by %q, not a registered operator", id, r.Owner))
		}
		return false, nil
	}); err != nil {
		return err
	}
	routeRegistered := func(what, route string) error {
		has, err := k.Routes.Has(ctx, route)
		if err != nil {
			return err
		}
		if !has {
			return fmt.Errorf("%s is on route %s, which is not registered", what, route)
		}
		return nil
	}
	var prev types.Segment
	if err := k.Segments.Walk(ctx, nil, func(key collections.Pair[string, uint64], s types.Segment) (bool, error) {
		if s.Route != key.K1() || s.StartM != key.K2() || s.StartM >= s.EndM {
			return true, fmt.Errorf("segment stored under (%s, %d) is %s [%d, %d)", key.K1(), key.K2(), s.Route, s.StartM, s.EndM)
		}
		if err := routeRegistered(fmt.Sprintf("segment [%d, %d)", s.StartM, s.EndM), s.Route); err != nil {
			return true, err
		}
		if prev.Route == s.Route && s.StartM < prev.EndM {
			return true, fmt.Errorf("segments %s [%d, %d) and [%d, %d) overlap", s.Route, prev.StartM, prev.EndM, s.StartM, s.EndM)
		}
		prev = s
		return false, nil
	}); err != nil {
		return err
	}

	if err := k.Plazas.Walk(ctx, nil, func(id string, p types.Plaza) (bool, error) {
		if p.Id != id {
			return true, fmt.Errorf("plaza stored under %s is %s", id, p.Id)
		}
		if err := routeRegistered("plaza "+id, p.Route); err != nil {
			return true, err
		}
		return false, nil
	}); err != nil {
		return err
	}
	heads, err := invariant.Numbered(ctx, k.Tariffs,
		func(t types.Tariff) (string, uint64) { return t.Operator, t.Version },
		"tariff stored under (%s, %d) is (%s, %d)", "tariff %s: version %d follows version %d")
	if err != nil {
		return err
	}
	n := 0
	if err := k.TariffHead.Walk(ctx, nil, func(op string, head uint64) (bool, error) {
		n++
		if head != heads[op] {
			return true, fmt.Errorf("tariff %s: head %d but the latest version is %d", op, head, heads[op])
		}
		return false, nil
	}); err != nil {
		return err
	}
	if n != len(heads) {
		return fmt.Errorf("%d operators have tariffs but %d tariff heads are stored", len(heads), n)
	}
	return nil
}
