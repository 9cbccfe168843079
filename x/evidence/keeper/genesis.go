package keeper

import (
	"context"

	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/x/evidence/types"
)

// InitGenesis validates gs and writes it. The record indexes follow their
// records (collections); the custody heads and integrity counters are rebuilt
// from the custody log by setCustody.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	return genesisio.InitGenesis(ctx, gs, k.addressCodec, k.genesis)
}

// ExportGenesis writes out the records in key order (cases and items by id,
// custody entries by (evidence id, seq), transfers by evidence id). Indexes,
// heads and counters are derived state and are not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	return genesisio.ExportGenesis(ctx, k.genesis)
}

// genesis lists the collection that holds each part of gs, in the order
// InitGenesis writes them.
func (k Keeper) genesis(gs *types.GenesisState) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(k.Params, &gs.Params),
		genesisio.NextID(k.LastCaseID, &gs.NextCaseId),
		genesisio.NextID(k.LastEvidenceID, &gs.NextEvidenceId),
		genesisio.Map(k.Cases, &gs.Cases, (*types.Case).GetId),
		genesisio.Map(k.Items, &gs.Items, (*types.EvidenceItem).GetId),
		genesisio.Records(k.CustodyLog, &gs.CustodyEvents, k.setCustody),
		genesisio.Map(k.Transfers, &gs.Transfers, (*types.Transfer).GetEvidenceId),
	}
}
