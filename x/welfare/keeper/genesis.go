package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/x/welfare/types"
)

// InitGenesis validates gs and writes it. The indexes follow their records
// (collections); the payees' live counts are rebuilt from the entitlements;
// the escrow coins are x/bank's genesis (the module account).
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	return genesisio.InitGenesis(ctx, gs, k.addressCodec, k.genesis)
}

// ExportGenesis writes out the records in key order. Indexes and the
// payees' live counts are derived state and are not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	return genesisio.ExportGenesis(ctx, k.genesis)
}

// genesis lists the collection that holds each part of gs, in the order
// InitGenesis writes them.
func (k Keeper) genesis(gs *types.GenesisState) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(k.Params, &gs.Params),
		genesisio.Map(k.Groups, &gs.Groups, (*types.ExclusivityGroup).GetId),
		genesisio.NextID(k.LastProgramID, &gs.NextProgramId),
		genesisio.Map(k.Programs, &gs.Programs, (*types.Program).GetId),
		genesisio.NextID(k.LastEnrolmentID, &gs.NextEnrolmentId),
		genesisio.Map(k.Enrolments, &gs.Enrolments, (*types.Enrolment).GetId),
		genesisio.Map(k.Slots, &gs.Slots, (*types.Slot).GetSlotKey),
		genesisio.NextID(k.LastEntitlementID, &gs.NextEntitlementId),
		genesisio.Records(k.Entitlements, &gs.Entitlements, k.importEntitlement),
		genesisio.Map(k.Cycles, &gs.Cycles, func(c *types.Cycle) CycleKey { return collections.Join(c.ProgramId, c.Seq) }),
		genesisio.Map(k.Payments, &gs.Payments, func(p *types.Payment) PaymentKey {
			return paymentKey(p.ProgramId, p.Seq, p.EntitlementId)
		}),
		genesisio.NextID(k.LastFindingID, &gs.NextFindingId),
		genesisio.Map(k.Findings, &gs.Findings, (*types.Finding).GetId),
	}
}

// importEntitlement writes an entitlement and counts it in its payee's live
// count when it is live.
func (k Keeper) importEntitlement(ctx context.Context, e types.Entitlement) error {
	if err := k.Entitlements.Set(ctx, e.Id, e); err != nil {
		return err
	}
	if e.Status.IsLive() {
		return k.addPayeeLive(ctx, e.Payee, 1)
	}
	return nil
}
