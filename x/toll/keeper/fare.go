package keeper

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/x/toll/types"
)

// FareQuote is a trip's fare computed on chain: the distance, the fare, each
// operator's share (sorted by operator, summing to the fare, zero shares
// left out) and the tariff versions used.
type FareQuote struct {
	DistanceM uint64
	Fare      uint64
	Shares    []types.OperatorAmount
	Tariffs   []types.TariffRef
	Collector string
}

// QuoteFare computes the fare of a trip from entry to exit in vehicle class
// class with the given discount codes, exiting at exitTime. The rules
// (x/toll/README.md, "Fares"):
//
//   - Both plazas are on one route; the distance is the difference of their
//     positions, split among the operators by the segments covering it (a gap
//     is ErrRouteNotCovered).
//   - Each operator's part is floor(per_km * metres / 1000) with its own
//     tariff in effect at exitTime; the collecting operator (the exit plaza's)
//     adds its base fee.
//   - Each part is then discounted by the largest basis points the operator's
//     tariff gives any of the trip's codes (COMMUTER only when exitTime falls
//     in that tariff's commuter window, KST); the discount is rounded down.
//   - The fare is the sum of the parts, checked for overflow.
func (k Keeper) QuoteFare(ctx context.Context, entry, exit types.Plaza, class uint32, codes []types.DiscountCode, exitTime time.Time) (FareQuote, error) {
	// The class indexes the tariff's rates: check it here too, not only in
	// MsgRecordTrip, so that no caller (the QuoteFare query) can make it panic.
	if err := types.ValidateVehicleClass(class); err != nil {
		return FareQuote{}, err
	}
	if entry.Id == exit.Id {
		return FareQuote{}, errorsmod.Wrapf(types.ErrSamePlaza, "plaza %s", entry.Id)
	}
	if entry.Route != exit.Route {
		return FareQuote{}, errorsmod.Wrapf(types.ErrRouteMismatch, "entry %s is on route %s, exit %s on route %s", entry.Id, entry.Route, exit.Id, exit.Route)
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return FareQuote{}, err
	}
	lo, hi := min(entry.PositionM, exit.PositionM), max(entry.PositionM, exit.PositionM)
	metres, err := k.splitDistance(ctx, entry.Route, lo, hi, params.MaxSegmentsPerTrip)
	if err != nil {
		return FareQuote{}, err
	}

	collector := exit.Operator
	operators := make([]string, 0, len(metres)+1)
	for _, m := range metres {
		operators = append(operators, m.Operator)
	}
	if !slices.Contains(operators, collector) {
		operators = append(operators, collector)
	}
	slices.Sort(operators)

	q := FareQuote{DistanceM: hi - lo, Collector: collector}
	for _, op := range operators {
		tariff, err := k.TariffAt(ctx, op, exitTime)
		if err != nil {
			return FareQuote{}, err
		}
		rate := tariff.Rates[class-1]
		var part uint64
		for _, m := range metres {
			if m.Operator == op {
				part = m.Amount
			}
		}
		if part, err = types.MulDiv(rate.PerKm, part, types.MetresPerKilometre); err != nil {
			return FareQuote{}, err
		}
		if op == collector {
			if part, err = types.AddAmounts(part, rate.BaseFee); err != nil {
				return FareQuote{}, err
			}
		}
		if bps := discountBps(tariff, codes, exitTime); bps > 0 {
			off, err := types.MulDiv(part, uint64(bps), types.BpsDenominator)
			if err != nil {
				return FareQuote{}, err
			}
			part -= off
		}
		if q.Fare, err = types.AddAmounts(q.Fare, part); err != nil {
			return FareQuote{}, err
		}
		q.Tariffs = append(q.Tariffs, types.TariffRef{Operator: op, Version: tariff.Version})
		if part > 0 {
			q.Shares = append(q.Shares, types.OperatorAmount{Operator: op, Amount: part})
		}
	}
	return q, nil
}

// splitDistance returns the metres of [lo, hi) on route owned by each
// operator, one entry per operator (Amount = metres). The stretch must be
// covered by contiguous segments, at most maxSegments of them. One descending
// walk from hi finds them: segments never overlap, so the first one starting
// below hi must reach hi, and each next one must end where the previous
// started, until one starts at or below lo.
func (k Keeper) splitDistance(ctx context.Context, route string, lo, hi uint64, maxSegments uint32) ([]types.OperatorAmount, error) {
	if lo == hi {
		return nil, nil
	}
	var out []types.OperatorAmount
	cursor, count := hi, uint32(0)
	rng := collections.NewPrefixedPairRange[string, uint64](route).EndExclusive(hi).Descending()
	err := k.Segments.Walk(ctx, rng, func(_ collections.Pair[string, uint64], seg types.Segment) (bool, error) {
		if seg.EndM < cursor {
			return true, errorsmod.Wrapf(types.ErrRouteNotCovered, "route %s has no segment on [%d, %d) m", route, max(seg.EndM, lo), cursor)
		}
		count++
		if count > maxSegments {
			return true, errorsmod.Wrapf(types.ErrTooMany, "the trip crosses more than %d segments (max_segments_per_trip)", maxSegments)
		}
		m := min(seg.EndM, hi) - max(seg.StartM, lo)
		i := slices.IndexFunc(out, func(a types.OperatorAmount) bool { return a.Operator == seg.Operator })
		if i < 0 {
			out = append(out, types.OperatorAmount{Operator: seg.Operator, Amount: m})
		} else {
			out[i].Amount += m
		}
		cursor = seg.StartM
		return cursor <= lo, nil
	})
	if err != nil {
		return nil, err
	}
	if cursor > lo {
		return nil, errorsmod.Wrapf(types.ErrRouteNotCovered, "route %s has no segment on [%d, %d) m", route, lo, cursor)
	}
	return out, nil
}

// TariffAt returns the operator's tariff version in effect at t: the last
// version with effective_from <= t. Most trips exit under the latest version,
// so that is tried first with two point reads; only an earlier time seeks the
// time index.
func (k Keeper) TariffAt(ctx context.Context, operator string, t time.Time) (types.Tariff, error) {
	head, err := k.TariffHead.Get(ctx, operator)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Tariff{}, errorsmod.Wrapf(types.ErrTariffNotFound, "operator %s has no tariff", operator)
	}
	if err != nil {
		return types.Tariff{}, err
	}
	latest, err := k.Tariffs.Get(ctx, collections.Join(operator, head))
	if err != nil {
		return types.Tariff{}, err
	}
	if !latest.EffectiveFrom.After(t) {
		return latest, nil
	}
	rng := collections.NewPrefixedPairRange[string, time.Time](operator).EndInclusive(t).Descending()
	it, err := k.Tariffs.Indexes.ByTime.Iterate(ctx, rng)
	if err != nil {
		return types.Tariff{}, err
	}
	defer it.Close()
	if !it.Valid() {
		return types.Tariff{}, errorsmod.Wrapf(types.ErrTariffNotFound, "operator %s has no tariff in effect at %s", operator, t.UTC().Format(time.RFC3339))
	}
	key, err := it.PrimaryKey()
	if err != nil {
		return types.Tariff{}, err
	}
	return k.Tariffs.Get(ctx, key)
}

// discountBps is the largest discount the tariff gives any of codes; the
// commuter discount counts only when t falls in the tariff's window (KST).
func discountBps(t types.Tariff, codes []types.DiscountCode, at time.Time) uint32 {
	var best uint32
	for _, d := range t.Discounts {
		if !slices.Contains(codes, d.Code) {
			continue
		}
		if d.Code == types.DiscountCommuter && !inCommuterWindow(t, at) {
			continue
		}
		best = max(best, d.Bps)
	}
	return best
}

// inCommuterWindow reports whether at, in KST (UTC+9, no daylight saving),
// falls in [commuter_start_minute, commuter_end_minute).
func inCommuterWindow(t types.Tariff, at time.Time) bool {
	if t.CommuterStartMinute == t.CommuterEndMinute {
		return false
	}
	secs := (at.Unix() + types.KSTOffsetSeconds) % (types.MinutesPerDay * 60)
	if secs < 0 {
		secs += types.MinutesPerDay * 60
	}
	minute := uint32(secs / 60)
	return minute >= t.CommuterStartMinute && minute < t.CommuterEndMinute
}
