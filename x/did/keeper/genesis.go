package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/x/did/types"
)

// InitGenesis validates gs and writes it. The indexes of schemas, grants and
// status lists follow their records (IndexedMap); the latest version of each
// DID is the last of its versions written.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	return genesisio.InitGenesis(ctx, gs, k.addressCodec, k.genesis)
}

// ExportGenesis writes out the records in key order. Indexes are derived state
// and are not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	return genesisio.ExportGenesis(ctx, k.genesis)
}

// genesis lists the collection that holds each part of gs, in the order
// InitGenesis writes them.
func (k Keeper) genesis(gs *types.GenesisState) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(k.Params, &gs.Params),
		genesisio.NextID(k.LastSchemaID, &gs.NextSchemaId),
		genesisio.NextID(k.LastStatusListID, &gs.NextStatusListId),
		// Versions come in order, so the last one set is the latest.
		genesisio.Records(k.Versions, &gs.Versions, func(ctx context.Context, v types.DidVersion) error {
			n, err := types.ParseVersionID(v.VersionId)
			if err != nil {
				return err
			}
			return k.setVersion(ctx, n, v)
		}),
		genesisio.Map(k.Schemas, &gs.Schemas, (*types.CredentialSchema).GetId),
		genesisio.Map(k.Issuers, &gs.Issuers, (*types.TrustedIssuer).GetDid),
		genesisio.Entries(k.IssuerSchemas, &gs.Grants,
			func(g types.IssuerSchemaGrant) (collections.Pair[string, uint64], collections.NoValue, error) {
				return collections.Join(g.Did, g.SchemaId), collections.NoValue{}, nil
			},
			func(key collections.Pair[string, uint64], _ collections.NoValue) (types.IssuerSchemaGrant, error) {
				return types.IssuerSchemaGrant{Did: key.K1(), SchemaId: key.K2()}, nil
			}),
		genesisio.Map(k.StatusLists, &gs.StatusLists, (*types.StatusList).GetId),
		genesisio.Entries(k.StatusChunks, &gs.StatusChunks,
			func(c types.StatusChunk) (collections.Pair[uint64, uint32], []byte, error) {
				return collections.Join(c.ListId, c.Chunk), c.Bits, nil
			},
			func(key collections.Pair[uint64, uint32], bits []byte) (types.StatusChunk, error) {
				return types.StatusChunk{ListId: key.K1(), Chunk: key.K2(), Bits: bits}, nil
			}),
	}
}
