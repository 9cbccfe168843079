package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/toll/types"
)

// InitGenesis validates gs and writes it. The IndexedMaps index the records
// as they are written; the tariff heads, the unpaid trips and the open
// disputes by target are derived here. With no periods it opens period 1 at
// the block (genesis) time.
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
		{k.LastTripID, gs.NextTripId},
		{k.LastBatchID, gs.NextBatchId},
		{k.LastDisputeID, gs.NextDisputeId},
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
		if err := k.Plazas.Set(ctx, p.Id, p); err != nil {
			return err
		}
	}
	for _, r := range gs.Routes {
		if err := k.Routes.Set(ctx, r.Id, r); err != nil {
			return err
		}
	}
	for _, s := range gs.Segments {
		if err := k.Segments.Set(ctx, collections.Join(s.Route, s.StartM), s); err != nil {
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
		if err := k.setTrip(ctx, t); err != nil {
			return err
		}
	}
	for _, b := range gs.Batches {
		if err := k.Batches.Set(ctx, b.Id, b); err != nil {
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

// ExportGenesis returns the whole state; the indexes and the state derived
// from the records are left out and rebuilt by InitGenesis.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	if gs.Operators, err = walk.Values(ctx, k.Operators); err != nil {
		return nil, err
	}
	if gs.Plazas, err = walk.Values(ctx, k.Plazas); err != nil {
		return nil, err
	}
	if gs.Segments, err = walk.Values(ctx, k.Segments); err != nil {
		return nil, err
	}
	if gs.Routes, err = walk.Values(ctx, k.Routes); err != nil {
		return nil, err
	}
	if gs.Tariffs, err = walk.Values(ctx, k.Tariffs); err != nil {
		return nil, err
	}
	if gs.SpendingLimits, err = walk.Values(ctx, k.SpendingLimits); err != nil {
		return nil, err
	}
	if gs.Trips, err = walk.Values(ctx, k.Trips); err != nil {
		return nil, err
	}
	if gs.Batches, err = walk.Values(ctx, k.Batches); err != nil {
		return nil, err
	}
	if gs.Periods, err = walk.Values(ctx, k.Periods); err != nil {
		return nil, err
	}
	if gs.Accruals, err = walk.Values(ctx, k.Accruals); err != nil {
		return nil, err
	}
	if gs.Disputes, err = walk.Values(ctx, k.Disputes); err != nil {
		return nil, err
	}
	for _, e := range []struct {
		m   collections.Map[collections.Pair[uint64, string], uint64]
		out *[]types.EscrowEntry
	}{{k.Escrows, &gs.Escrows}, {k.HeldEscrows, &gs.HeldEscrows}} {
		err = walk.Each(ctx, e.m, func(key collections.Pair[uint64, string], amount uint64) error {
			*e.out = append(*e.out, types.EscrowEntry{PeriodId: key.K1(), Operator: key.K2(), Amount: amount})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, seq := range []struct {
		s    collections.Sequence
		next *uint64
	}{
		{k.LastTripID, &gs.NextTripId},
		{k.LastBatchID, &gs.NextBatchId},
		{k.LastDisputeID, &gs.NextDisputeId},
	} {
		last, err := seq.s.Peek(ctx)
		if err != nil {
			return nil, err
		}
		*seq.next = last + 1
	}
	return gs, nil
}

// setTariff writes a tariff version (its time index follows) and makes it
// the operator's head.
func (k Keeper) setTariff(ctx context.Context, t types.Tariff) error {
	if err := k.Tariffs.Set(ctx, collections.Join(t.Operator, t.Version), t); err != nil {
		return err
	}
	return k.TariffHead.Set(ctx, t.Operator, t.Version)
}

// setTrip writes a trip (its IndexedMap indexes follow) and keeps the
// unpaid-trips set in step with its payment status.
func (k Keeper) setTrip(ctx context.Context, t types.Trip) error {
	if err := k.Trips.Set(ctx, t.Id, t); err != nil {
		return err
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

// setDispute writes a dispute (its IndexedMap indexes follow) and, while it
// is OPEN or APPEALED, the open dispute of its target (removed once decided).
func (k Keeper) setDispute(ctx context.Context, d types.Dispute) error {
	if err := k.Disputes.Set(ctx, d.Id, d); err != nil {
		return err
	}
	target := collections.Join(int32(d.Target), d.TargetId)
	if d.Holds() {
		return k.OpenDisputeByTarget.Set(ctx, target, d.Id)
	}
	return k.OpenDisputeByTarget.Remove(ctx, target)
}
