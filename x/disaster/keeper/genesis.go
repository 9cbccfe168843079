package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/x/disaster/types"
)

// InitGenesis validates gs and writes it. The incident and alert indexes
// follow their records (collections).
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	return genesisio.InitGenesis(ctx, gs, k.addressCodec, k.genesis)
}

// ExportGenesis writes out the records in key order (incidents and alerts by
// id, revisions by (incident id, revision)). Indexes are derived state and are
// not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	return genesisio.ExportGenesis(ctx, k.genesis)
}

// genesis lists the collection that holds each part of gs, in the order
// InitGenesis writes them.
func (k Keeper) genesis(gs *types.GenesisState) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(k.Params, &gs.Params),
		genesisio.NextID(k.LastIncidentID, &gs.NextIncidentId),
		genesisio.NextID(k.LastAlertID, &gs.NextAlertId),
		genesisio.Map(k.Incidents, &gs.Incidents, (*types.Incident).GetId),
		genesisio.Map(k.Revisions, &gs.Revisions, revisionKey),
		genesisio.Map(k.Alerts, &gs.Alerts, (*types.PublicAlert).GetId),
	}
}

// revisionKey is the key a revision record is stored under.
func revisionKey(r *types.IncidentRevision) collections.Pair[uint64, uint64] {
	return collections.Join(r.IncidentId, r.Revision)
}
