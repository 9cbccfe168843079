package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/toll/types"
)

// InitGenesis validates gs and writes it, rebuilding every index from the
// records: plazas by operator and by route, segments by operator, tariffs by
// time and head, trips
// by natural key, by plaza, by period and unpaid by payer, batches by period,
// disputes by period and open disputes by target. With no periods it opens period 1 at the block
// (genesis) time.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := gs.ValidateAddresses(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	// The sequences hold the last id issued.
	for _, seq := range []struct {
		s    collections.Sequence
		next uint64
	}{
		{k.NextTripID, gs.NextTripId},
		{k.NextBatchID, gs.NextBatchId},
		{k.NextDisputeID, gs.NextDisputeId},
	} {
		if err := seq.s.Set(ctx, seq.next-1); err != nil {
			return err
		}
	}
	for _, o := range gs.Operators {
		if err := k.Operators.Set(ctx, o.AgencyId, o); err != nil {
			return err
		}
	}
	for _, p := range gs.Plazas {
		if err := k.setPlaza(ctx, p); err != nil {
			return err
		}
	}
	for _, r := range gs.Routes {
		if err := k.Routes.Set(ctx, r.Id, r); err != nil {
			return err
		}
	}
	for _, s := range gs.Segments {
		if err := k.setSegment(ctx, s); err != nil {
			return err
		}
	}
	// Ordered by (operator, version): the last version written is the head.
	for _, t := range gs.Tariffs {
		if err := k.setTariff(ctx, t); err != nil {
			return err
		}
	}
	for _, l := range gs.SpendingLimits {
		payer, err := k.addressCodec.StringToBytes(l.Payer)
		if err != nil {
			return err
		}
		if err := k.SpendingLimits.Set(ctx, collections.Join(sdk.AccAddress(payer), l.Operator), l); err != nil {
			return err
		}
	}
	for _, t := range gs.Trips {
		if err := k.setTrip(ctx, t, true); err != nil {
			return err
		}
	}
	for _, b := range gs.Batches {
		if err := k.setBatch(ctx, b); err != nil {
			return err
		}
	}
	for _, p := range gs.Periods {
		if err := k.Periods.Set(ctx, p.Id, p); err != nil {
			return err
		}
	}
	if len(gs.Periods) == 0 {
		first := types.Period{Id: 1, Status: types.PeriodOpen, StartTime: sdk.UnwrapSDKContext(ctx).BlockTime()}
		if err := k.Periods.Set(ctx, first.Id, first); err != nil {
			return err
		}
		if err := k.CurrentPeriod.Set(ctx, first.Id); err != nil {
			return err
		}
	} else if err := k.CurrentPeriod.Set(ctx, gs.Periods[len(gs.Periods)-1].Id); err != nil {
		return err
	}
	for _, a := range gs.Accruals {
		if err := k.Accruals.Set(ctx, collections.Join3(a.PeriodId, a.Collector, a.Payee), a); err != nil {
			return err
		}
	}
	for _, e := range gs.Escrows {
		if err := k.Escrows.Set(ctx, collections.Join(e.PeriodId, e.Operator), e.Amount); err != nil {
			return err
		}
	}
	for _, e := range gs.HeldEscrows {
		if err := k.HeldEscrows.Set(ctx, collections.Join(e.PeriodId, e.Operator), e.Amount); err != nil {
			return err
		}
	}
	for _, d := range gs.Disputes {
		if err := k.setDispute(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis returns the whole state; the indexes are left out and rebuilt
// by InitGenesis.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	if gs.Operators, err = values(ctx, k.Operators); err != nil {
		return nil, err
	}
	if gs.Plazas, err = values(ctx, k.Plazas); err != nil {
		return nil, err
	}
	if gs.Segments, err = values(ctx, k.Segments); err != nil {
		return nil, err
	}
	if gs.Routes, err = values(ctx, k.Routes); err != nil {
		return nil, err
	}
	if gs.Tariffs, err = values(ctx, k.Tariffs); err != nil {
		return nil, err
	}
	if gs.SpendingLimits, err = values(ctx, k.SpendingLimits); err != nil {
		return nil, err
	}
	if gs.Trips, err = values(ctx, k.Trips); err != nil {
		return nil, err
	}
	if gs.Batches, err = values(ctx, k.Batches); err != nil {
		return nil, err
	}
	if gs.Periods, err = values(ctx, k.Periods); err != nil {
		return nil, err
	}
	if gs.Accruals, err = values(ctx, k.Accruals); err != nil {
		return nil, err
	}
	if gs.Disputes, err = values(ctx, k.Disputes); err != nil {
		return nil, err
	}
	for _, e := range []struct {
		m   collections.Map[collections.Pair[uint64, string], uint64]
		out *[]types.EscrowEntry
	}{{k.Escrows, &gs.Escrows}, {k.HeldEscrows, &gs.HeldEscrows}} {
		err = e.m.Walk(ctx, nil, func(key collections.Pair[uint64, string], amount uint64) (bool, error) {
			*e.out = append(*e.out, types.EscrowEntry{PeriodId: key.K1(), Operator: key.K2(), Amount: amount})
			return false, nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, seq := range []struct {
		s    collections.Sequence
		next *uint64
	}{
		{k.NextTripID, &gs.NextTripId},
		{k.NextBatchID, &gs.NextBatchId},
		{k.NextDisputeID, &gs.NextDisputeId},
	} {
		last, err := seq.s.Peek(ctx)
		if err != nil {
			return nil, err
		}
		*seq.next = last + 1
	}
	return gs, nil
}

// walker is a collections.Map or IndexedMap.
type walker[K, V any] interface {
	Walk(ctx context.Context, ranger collections.Ranger[K], walkFunc func(key K, value V) (stop bool, err error)) error
}

// values returns every value of m in key order.
func values[K, V any](ctx context.Context, m walker[K, V]) ([]V, error) {
	var out []V
	err := m.Walk(ctx, nil, func(_ K, v V) (bool, error) {
		out = append(out, v)
		return false, nil
	})
	return out, err
}

// setPlaza writes a plaza and its operator and route indexes.
func (k Keeper) setPlaza(ctx context.Context, p types.Plaza) error {
	if err := k.Plazas.Set(ctx, p.Id, p); err != nil {
		return err
	}
	if err := k.PlazasByOperator.Set(ctx, collections.Join(p.Operator, p.Id)); err != nil {
		return err
	}
	return k.PlazasByRoute.Set(ctx, collections.Join3(p.Route, p.Operator, p.Id))
}

// setSegment writes a segment and its operator index.
func (k Keeper) setSegment(ctx context.Context, s types.Segment) error {
	if err := k.Segments.Set(ctx, collections.Join(s.Route, s.StartM), s); err != nil {
		return err
	}
	return k.SegmentsByOperator.Set(ctx, collections.Join3(s.Route, s.Operator, s.StartM))
}

// setTariff writes a tariff version, its time index and the operator's head.
func (k Keeper) setTariff(ctx context.Context, t types.Tariff) error {
	if err := k.Tariffs.Set(ctx, collections.Join(t.Operator, t.Version), t); err != nil {
		return err
	}
	if err := k.TariffsByTime.Set(ctx, collections.Join(t.Operator, t.EffectiveFrom), t.Version); err != nil {
		return err
	}
	return k.TariffHead.Set(ctx, t.Operator, t.Version)
}

// setTrip writes a trip and, when created is true (a new trip or a genesis
// import), its plaza and period indexes; the unpaid index follows the
// payment status every time.
func (k Keeper) setTrip(ctx context.Context, t types.Trip, created bool) error {
	if err := k.Trips.Set(ctx, t.Id, t); err != nil {
		return err
	}
	if created {
		if err := k.TripsByPlaza.Set(ctx, collections.Join3(t.ExitPlaza, t.PeriodId, t.Id)); err != nil {
			return err
		}
		if err := k.TripsByPeriod.Set(ctx, collections.Join(t.PeriodId, t.Id)); err != nil {
			return err
		}
	}
	if t.PaymentMethod != types.PaymentAccount {
		return nil
	}
	payer, err := k.addressCodec.StringToBytes(t.Payer)
	if err != nil {
		return err
	}
	key := collections.Join(sdk.AccAddress(payer), t.Id)
	if t.PaymentStatus == types.PaymentStatusUnpaid {
		return k.UnpaidTrips.Set(ctx, key)
	}
	return k.UnpaidTrips.Remove(ctx, key)
}

// setBatch writes a trip batch and its period index.
func (k Keeper) setBatch(ctx context.Context, b types.TripBatch) error {
	if err := k.Batches.Set(ctx, b.Id, b); err != nil {
		return err
	}
	return k.BatchesByPeriod.Set(ctx, collections.Join(b.PeriodId, b.Id))
}

// setDispute writes a dispute, its period index, its target's one dispute
// and, while it is OPEN or APPEALED, the open dispute of its target (removed
// once decided).
func (k Keeper) setDispute(ctx context.Context, d types.Dispute) error {
	if err := k.Disputes.Set(ctx, d.Id, d); err != nil {
		return err
	}
	if err := k.DisputesByPeriod.Set(ctx, collections.Join(d.PeriodId, d.Id)); err != nil {
		return err
	}
	target := collections.Join(int32(d.Target), d.TargetId)
	if err := k.DisputeByTarget.Set(ctx, target, d.Id); err != nil {
		return err
	}
	if d.Holds() {
		return k.OpenDisputeByTarget.Set(ctx, target, d.Id)
	}
	return k.OpenDisputeByTarget.Remove(ctx, target)
}
