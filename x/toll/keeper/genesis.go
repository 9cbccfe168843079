package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/x/toll/types"
)

// InitGenesis validates gs and writes it. The IndexedMaps index the records
// as they are written; the tariff heads, the unpaid trips and the open
// disputes by target are derived here. With no periods it opens period 1 at
// the block (genesis) time.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := genesisio.InitGenesis(ctx, gs, k.addressCodec, k.genesis); err != nil {
		return err
	}
	if len(gs.Periods) > 0 {
		return k.CurrentPeriod.Set(ctx, gs.Periods[len(gs.Periods)-1].Id)
	}
	first := types.Period{Id: 1, Status: types.PeriodOpen, StartTime: sdk.UnwrapSDKContext(ctx).BlockTime()}
	if err := k.Periods.Set(ctx, first.Id, first); err != nil {
		return err
	}
	return k.CurrentPeriod.Set(ctx, first.Id)
}

// ExportGenesis returns the whole state; the indexes and the state derived
// from the records are left out and rebuilt by InitGenesis.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	return genesisio.ExportGenesis(ctx, k.genesis)
}

// genesis lists the collection that holds each part of gs, in the order
// InitGenesis writes them.
func (k Keeper) genesis(gs *types.GenesisState) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(k.Params, &gs.Params),
		genesisio.NextID(k.LastTripID, &gs.NextTripId),
		genesisio.NextID(k.LastBatchID, &gs.NextBatchId),
		genesisio.NextID(k.LastDisputeID, &gs.NextDisputeId),
		genesisio.Map(k.Operators, &gs.Operators, (*types.Operator).GetAgencyId),
		genesisio.Map(k.Plazas, &gs.Plazas, (*types.Plaza).GetId),
		genesisio.Map(k.Routes, &gs.Routes, (*types.Route).GetId),
		genesisio.Map(k.Segments, &gs.Segments, func(s *types.Segment) collections.Pair[string, uint64] {
			return collections.Join(s.Route, s.StartM)
		}),
		// Ordered by (operator, version): the last version written is the head.
		genesisio.Records(k.Tariffs, &gs.Tariffs, k.setTariff),
		genesisio.MapDecoded(k.SpendingLimits, &gs.SpendingLimits, func(l *types.SpendingLimit) (collections.Pair[sdk.AccAddress, string], error) {
			payer, err := k.addressCodec.StringToBytes(l.Payer)
			return collections.Join(sdk.AccAddress(payer), l.Operator), err
		}),
		genesisio.Records(k.Trips, &gs.Trips, k.setTrip),
		genesisio.Map(k.Batches, &gs.Batches, (*types.TripBatch).GetId),
		genesisio.Map(k.Periods, &gs.Periods, (*types.Period).GetId),
		genesisio.Map(k.Accruals, &gs.Accruals, func(a *types.Accrual) collections.Triple[uint64, string, string] {
			return collections.Join3(a.PeriodId, a.Collector, a.Payee)
		}),
		genesisio.Entries(k.Escrows, &gs.Escrows, escrowKV, escrowEntry),
		genesisio.Entries(k.HeldEscrows, &gs.HeldEscrows, escrowKV, escrowEntry),
		genesisio.Records(k.Disputes, &gs.Disputes, k.setDispute),
	}
}

// escrowKV is the (period, operator) key and the amount of an escrow entry.
func escrowKV(e types.EscrowEntry) (collections.Pair[uint64, string], uint64, error) {
	return collections.Join(e.PeriodId, e.Operator), e.Amount, nil
}

// escrowEntry is the escrow entry of a (period, operator) key and amount.
func escrowEntry(key collections.Pair[uint64, string], amount uint64) (types.EscrowEntry, error) {
	return types.EscrowEntry{PeriodId: key.K1(), Operator: key.K2(), Amount: amount}, nil
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
