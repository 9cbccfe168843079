package keeper

import (
	"context"
	"errors"
	"math/bits"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/toll/types"
)

// RecordTrip records a trip at its exit plaza (once: ErrDuplicateTrip names
// the trip that already records it), computes its fare and shares,
// collects an ACCOUNT fare within the payer's spending limit and adds the
// shares to the open period's accruals.
func (m msgServer) RecordTrip(ctx context.Context, msg *types.MsgRecordTrip) (*types.MsgRecordTripResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	signer, err := validateMsgRecordTrip(m.addressCodec, msg, params, now)
	if err != nil {
		return nil, err
	}
	op, err := m.registeredPlaza(ctx, signer)
	if err != nil {
		return nil, err
	}
	exit, err := m.getPlaza(ctx, msg.ExitPlaza)
	if err != nil {
		return nil, err
	}
	if exit.Operator != op.AgencyId {
		return nil, errorsmod.Wrapf(types.ErrWrongOperator, "plaza %s is %s's, the signer acts for %s", exit.Id, exit.Operator, op.AgencyId)
	}
	// One real-world trip is recorded once: its natural key is unique.
	key := collections.Join4(msg.ExitPlaza, msg.VehicleRef, msg.EntryTime, msg.ExitTime)
	switch existing, err := m.Trips.Indexes.ByKey.MatchExact(ctx, key); {
	case err == nil:
		return nil, errorsmod.Wrapf(types.ErrDuplicateTrip, "trip %d already records this trip: exit plaza %s, exit %s, vehicle_ref %s, entry %s",
			existing, msg.ExitPlaza, msg.ExitTime.UTC().Format(time.RFC3339Nano), msg.VehicleRef, msg.EntryTime.UTC().Format(time.RFC3339Nano))
	case !errors.Is(err, collections.ErrNotFound):
		return nil, err
	}
	entry, err := m.getPlaza(ctx, msg.EntryPlaza)
	if err != nil {
		return nil, err
	}
	quote, err := m.QuoteFare(ctx, entry, exit, msg.VehicleClass, msg.DiscountCodes, msg.ExitTime)
	if err != nil {
		return nil, err
	}
	periodID, err := m.CurrentPeriod.Get(ctx)
	if err != nil {
		return nil, err
	}

	trip := types.Trip{
		EntryPlaza:    msg.EntryPlaza,
		ExitPlaza:     msg.ExitPlaza,
		VehicleClass:  msg.VehicleClass,
		EntryTime:     msg.EntryTime,
		ExitTime:      msg.ExitTime,
		PaymentMethod: msg.PaymentMethod,
		Payer:         msg.Payer,
		DiscountCodes: msg.DiscountCodes,
		VehicleRef:    msg.VehicleRef,
		Collector:     op.AgencyId,
		DistanceM:     quote.DistanceM,
		Fare:          quote.Fare,
		Shares:        quote.Shares,
		Tariffs:       quote.Tariffs,
		PeriodId:      periodID,
		RecordedAt:    now,
		RecordedBy:    msg.Signer,
	}
	// Decide the payment before any write.
	var payer sdk.AccAddress
	var limit *types.SpendingLimit
	switch msg.PaymentMethod {
	case types.PaymentOffchain:
		trip.PaymentStatus = types.PaymentStatusOffchain
	default:
		if payer, err = accaddr.Parse(m.addressCodec, "payer", msg.Payer); err != nil {
			return nil, err
		}
		trip.PaymentStatus, trip.UnpaidReason, limit, err = m.chargeable(ctx, payer, op.AgencyId, params.Denom, trip.Fare)
		if err != nil {
			return nil, err
		}
	}
	// Every checked addition happens before the first write.
	accruals, err := m.addAccruals(ctx, periodID, trip.Collector, trip.Shares)
	if err != nil {
		return nil, err
	}
	if limit != nil {
		limit.Remaining -= trip.Fare
		if limit.Spent, err = types.AddAmounts(limit.Spent, trip.Fare); err != nil {
			return nil, err
		}
	}
	if trip.Id, err = m.nextID(ctx, m.LastTripID); err != nil {
		return nil, err
	}
	if err := m.setAccruals(ctx, accruals); err != nil {
		return nil, err
	}
	if limit != nil {
		if err := m.SpendingLimits.Set(ctx, collections.Join(payer, op.AgencyId), *limit); err != nil {
			return nil, err
		}
		if err := m.pay(ctx, payer, op, params.Denom, trip.Fare); err != nil {
			return nil, err
		}
	}
	if err := m.setTrip(ctx, trip); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventTripRecorded{
		TripId:        trip.Id,
		EntryPlaza:    trip.EntryPlaza,
		ExitPlaza:     trip.ExitPlaza,
		VehicleClass:  trip.VehicleClass,
		Collector:     trip.Collector,
		Fare:          trip.Fare,
		Shares:        trip.Shares,
		PaymentStatus: trip.PaymentStatus,
		UnpaidReason:  trip.UnpaidReason,
		PeriodId:      trip.PeriodId,
	}, &types.MsgRecordTripResponse{TripId: trip.Id, Fare: trip.Fare, PaymentStatus: trip.PaymentStatus})
}

// chargeable decides how an ACCOUNT fare is collected: PAID with the
// spending limit to debit (nil for a zero fare), or UNPAID with the reason.
// It writes nothing.
func (k Keeper) chargeable(ctx context.Context, payer sdk.AccAddress, operator, denom string, fare uint64) (types.PaymentStatus, types.UnpaidReason, *types.SpendingLimit, error) {
	if fare == 0 {
		return types.PaymentStatusPaid, types.UnpaidReasonUnspecified, nil, nil
	}
	limit, err := k.SpendingLimits.Get(ctx, collections.Join(payer, operator))
	if errors.Is(err, collections.ErrNotFound) {
		return types.PaymentStatusUnpaid, types.UnpaidNoSpendingLimit, nil, nil
	}
	if err != nil {
		return 0, 0, nil, err
	}
	if limit.Remaining < fare {
		return types.PaymentStatusUnpaid, types.UnpaidLimitExceeded, nil, nil
	}
	if !k.hasSpendable(ctx, payer, denom, fare) {
		return types.PaymentStatusUnpaid, types.UnpaidInsufficientFunds, nil, nil
	}
	return types.PaymentStatusPaid, types.UnpaidReasonUnspecified, &limit, nil
}

// hasSpendable reports whether addr can spend amount of denom.
func (k Keeper) hasSpendable(ctx context.Context, addr sdk.AccAddress, denom string, amount uint64) bool {
	return k.bankKeeper.SpendableCoin(ctx, addr, denom).Amount.GTE(sdkmath.NewIntFromUint64(amount))
}

// pay moves amount from payer to the operator's settlement account.
func (k Keeper) pay(ctx context.Context, payer sdk.AccAddress, op types.Operator, denom string, amount uint64) error {
	if amount == 0 {
		return nil
	}
	to, err := k.addressCodec.StringToBytes(op.SettlementAccount)
	if err != nil {
		return err
	}
	return k.bankKeeper.SendCoins(ctx, payer, to, coins(denom, amount))
}

// accrualUpdate is what adding shares to a period's accruals writes: the
// accruals and the period with its accrued total.
type accrualUpdate struct {
	accruals []types.Accrual
	period   types.Period
}

// addAccruals returns the period's accruals of collector with shares added
// (what collector owes each payee) and the period's new accrued total,
// without writing them: handlers call it before their first write and
// setAccruals after. shares name each payee once. The collector's accruals
// of the period stay within max_period_accrual and the period's within
// max_period_total (ErrPeriodCapExceeded), which is what keeps every sum over
// a period's accruals within an int64 (types.PositionsOf).
func (k Keeper) addAccruals(ctx context.Context, periodID uint64, collector string, shares []types.OperatorAmount) (accrualUpdate, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return accrualUpdate{}, err
	}
	p, err := k.getPeriod(ctx, periodID)
	if err != nil {
		return accrualUpdate{}, err
	}
	added, err := types.SumAmounts(shares)
	if err != nil {
		return accrualUpdate{}, err
	}
	// The collector's accruals of the period: at most one per operator.
	var collected uint64
	rng := collections.NewSuperPrefixedTripleRange[uint64, string, string](periodID, collector)
	if err := k.Accruals.Walk(ctx, rng, func(_ collections.Triple[uint64, string, string], a types.Accrual) (bool, error) {
		collected, err = types.AddAmounts(collected, a.Amount)
		return err != nil, err
	}); err != nil {
		return accrualUpdate{}, err
	}
	if sum, err := types.AddAmounts(collected, added); err != nil || sum > params.MaxPeriodAccrual {
		return accrualUpdate{}, errorsmod.Wrapf(types.ErrPeriodCapExceeded, "operator %s has accrued %d in period %d; %d more exceeds max_period_accrual %d", collector, collected, periodID, added, params.MaxPeriodAccrual)
	}
	total, err := types.AddAmounts(p.Accrued, added)
	if err != nil || total > params.MaxPeriodTotal {
		return accrualUpdate{}, errorsmod.Wrapf(types.ErrPeriodCapExceeded, "period %d has accrued %d; %d more exceeds max_period_total %d", periodID, p.Accrued, added, params.MaxPeriodTotal)
	}
	p.Accrued = total
	out := make([]types.Accrual, 0, len(shares))
	for _, s := range shares {
		a, err := k.Accruals.Get(ctx, collections.Join3(periodID, collector, s.Operator))
		switch {
		case errors.Is(err, collections.ErrNotFound):
			a = types.Accrual{PeriodId: periodID, Collector: collector, Payee: s.Operator}
		case err != nil:
			return accrualUpdate{}, err
		}
		if a.Amount, err = types.AddAmounts(a.Amount, s.Amount); err != nil {
			return accrualUpdate{}, errorsmod.Wrapf(err, "accrual (%d, %s, %s)", periodID, collector, s.Operator)
		}
		out = append(out, a)
	}
	return accrualUpdate{accruals: out, period: p}, nil
}

// setAccruals writes an accrual update.
func (k Keeper) setAccruals(ctx context.Context, u accrualUpdate) error {
	for _, a := range u.accruals {
		if err := k.Accruals.Set(ctx, collections.Join3(a.PeriodId, a.Collector, a.Payee), a); err != nil {
			return err
		}
	}
	return k.Periods.Set(ctx, u.period.Id, u.period)
}

// nextID issues the next id of a sequence that holds the last id issued.
func (k Keeper) nextID(ctx context.Context, seq collections.Sequence) (uint64, error) {
	last, err := seq.Next(ctx)
	if err != nil {
		return 0, err
	}
	return last + 1, nil
}

// PayTrip pays an UNPAID trip's fare from the signer's account.
func (m msgServer) PayTrip(ctx context.Context, msg *types.MsgPayTrip) (*types.MsgPayTripResponse, error) {
	signer, err := validateMsgPayTrip(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	trip, err := m.getTrip(ctx, msg.TripId)
	if err != nil {
		return nil, err
	}
	if trip.PaymentStatus != types.PaymentStatusUnpaid {
		return nil, errorsmod.Wrapf(types.ErrTripNotUnpaid, "trip %d is %s", trip.Id, trip.PaymentStatus)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	op, err := m.getOperator(ctx, trip.Collector)
	if err != nil {
		return nil, err
	}
	if !m.hasSpendable(ctx, signer, params.Denom, trip.Fare) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "trip %d costs %d%s", trip.Id, trip.Fare, params.Denom)
	}
	trip.PaymentStatus, trip.UnpaidReason = types.PaymentStatusPaid, types.UnpaidReasonUnspecified
	if msg.Signer != trip.Payer {
		trip.PaidBy = msg.Signer
	}
	if err := m.setTrip(ctx, trip); err != nil {
		return nil, err
	}
	if err := m.pay(ctx, signer, op, params.Denom, trip.Fare); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventTripPaid{TripId: trip.Id, Payer: msg.Signer, Amount: trip.Fare}, &types.MsgPayTripResponse{Amount: trip.Fare})
}

// checkBatchBounds bounds a batch's declared totals by what count trips can
// cost: the total by count x max_trip_fare, and each operator's total by
// count x the largest share one trip at the plaza can give it — its per_km
// over the whole length of the plaza's route (the end of its last segment),
// plus its base fee if it collects, for the highest class, under any of its
// tariff versions a recordable trip may have exited under
// (ErrInvalidBatch).
func (k Keeper) checkBatchBounds(ctx context.Context, plaza types.Plaza, count uint64, totals []types.OperatorAmount, total uint64, params types.Params) error {
	if !fitsProduct(total, count, params.MaxTripFare) {
		return errorsmod.Wrapf(types.ErrInvalidBatch, "total %d exceeds %d trips x max_trip_fare %d", total, count, params.MaxTripFare)
	}
	routeEnd, err := k.routeEnd(ctx, plaza.Route)
	if err != nil {
		return err
	}
	now := blockctx.Time(ctx)
	from := now.Add(-time.Duration(params.MaxTripAgeSeconds+params.MaxTripDurationSeconds) * time.Second)
	to := now.Add(time.Duration(params.MaxClockSkewSeconds) * time.Second)
	for _, t := range totals {
		perTrip, err := k.maxTripShare(ctx, t.Operator, t.Operator == plaza.Operator, routeEnd, from, to)
		if err != nil {
			return err
		}
		if !fitsProduct(t.Amount, count, perTrip) {
			return errorsmod.Wrapf(types.ErrInvalidBatch, "operator %s's total %d exceeds %d trips x %d, the most its tariff charges one trip on route %s", t.Operator, t.Amount, count, perTrip, plaza.Route)
		}
	}
	return nil
}

// fitsProduct reports whether amount <= a x b (computed in 128 bits).
func fitsProduct(amount, a, b uint64) bool {
	hi, lo := bits.Mul64(a, b)
	return hi > 0 || amount <= lo
}

// routeEnd is where the last segment of route ends (0 without segments): no
// trip on the route is longer.
func (k Keeper) routeEnd(ctx context.Context, route string) (uint64, error) {
	it, err := k.Segments.Iterate(ctx, collections.NewPrefixedPairRange[string, uint64](route).Descending())
	if err != nil {
		return 0, err
	}
	defer it.Close()
	if !it.Valid() {
		return 0, nil
	}
	seg, err := it.Value()
	if err != nil {
		return 0, err
	}
	return seg.EndM, nil
}

// maxTripShare is the largest share one trip of at most routeEnd metres can
// give operator under its tariff versions in effect between from and to:
// per_km x routeEnd / 1000, plus the base fee if it collects, for the most
// expensive class, before discounts.
func (k Keeper) maxTripShare(ctx context.Context, operator string, collects bool, routeEnd uint64, from, to time.Time) (uint64, error) {
	first := uint64(1)
	switch t, err := k.TariffAt(ctx, operator, from); {
	case err == nil:
		first = t.Version
	case !errors.Is(err, types.ErrTariffNotFound):
		return 0, err
	}
	var best uint64
	found := false
	rng := collections.NewPrefixedPairRange[string, uint64](operator).StartInclusive(first)
	err := k.Tariffs.Walk(ctx, rng, func(_ collections.Pair[string, uint64], t types.Tariff) (bool, error) {
		if t.EffectiveFrom.After(to) {
			return true, nil
		}
		found = true
		for _, r := range t.Rates {
			part, err := types.MulDiv(r.PerKm, routeEnd, types.MetresPerKilometre)
			if err != nil {
				return true, err
			}
			if collects {
				if part, err = types.AddAmounts(part, r.BaseFee); err != nil {
					return true, err
				}
			}
			best = max(best, part)
		}
		return false, nil
	})
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, errorsmod.Wrapf(types.ErrTariffNotFound, "operator %s has no tariff in effect for the batch's trips", operator)
	}
	return best, nil
}

// SubmitTripBatch anchors a batch of off-chain trips of one of the signer's
// operator's plazas and adds its totals to the open period's accruals.
func (m msgServer) SubmitTripBatch(ctx context.Context, msg *types.MsgSubmitTripBatch) (*types.MsgSubmitTripBatchResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	signer, err := validateMsgSubmitTripBatch(m.addressCodec, msg, params)
	if err != nil {
		return nil, err
	}
	total, err := types.SumAmounts(msg.Totals)
	if err != nil {
		return nil, err
	}
	op, err := m.registeredPlaza(ctx, signer)
	if err != nil {
		return nil, err
	}
	plaza, err := m.getPlaza(ctx, msg.PlazaId)
	if err != nil {
		return nil, err
	}
	if plaza.Operator != op.AgencyId {
		return nil, errorsmod.Wrapf(types.ErrWrongOperator, "plaza %s is %s's, the signer acts for %s", plaza.Id, plaza.Operator, op.AgencyId)
	}
	for _, t := range msg.Totals {
		if _, err := m.getOperator(ctx, t.Operator); err != nil {
			return nil, err
		}
	}
	if err := m.checkBatchBounds(ctx, plaza, msg.Count, msg.Totals, total, params); err != nil {
		return nil, err
	}
	periodID, err := m.CurrentPeriod.Get(ctx)
	if err != nil {
		return nil, err
	}
	accruals, err := m.addAccruals(ctx, periodID, op.AgencyId, msg.Totals)
	if err != nil {
		return nil, err
	}
	b := types.TripBatch{
		PlazaId:        plaza.Id,
		Collector:      op.AgencyId,
		MerkleRoot:     msg.MerkleRoot,
		Count:          msg.Count,
		Totals:         msg.Totals,
		Total:          total,
		DeclaredTotals: slices.Clone(msg.Totals),
		PeriodId:       periodID,
		SubmittedAt:    blockctx.Time(ctx),
		SubmittedBy:    msg.Signer,
	}
	if b.Id, err = m.nextID(ctx, m.LastBatchID); err != nil {
		return nil, err
	}
	if err := m.setAccruals(ctx, accruals); err != nil {
		return nil, err
	}
	if err := m.Batches.Set(ctx, b.Id, b); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventTripBatchSubmitted{BatchId: b.Id, PlazaId: b.PlazaId, MerkleRoot: b.MerkleRoot, Count: b.Count, Total: b.Total, PeriodId: b.PeriodId}, &types.MsgSubmitTripBatchResponse{BatchId: b.Id})
}
