package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/did/types"
)

// InitGenesis validates gs and writes it. The indexes of schemas, grants and
// status lists follow their records (IndexedMap); the latest version of each
// DID is the last of its versions written.
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
	if err := k.LastSchemaID.Set(ctx, gs.NextSchemaId-1); err != nil {
		return err
	}
	if err := k.LastStatusListID.Set(ctx, gs.NextStatusListId-1); err != nil {
		return err
	}
	for _, v := range gs.Versions {
		n, err := types.ParseVersionID(v.VersionId)
		if err != nil {
			return err
		}
		// Versions come in order, so the last one set is the latest.
		if err := k.setVersion(ctx, n, v); err != nil {
			return err
		}
	}
	for _, s := range gs.Schemas {
		if err := k.Schemas.Set(ctx, s.Id, s); err != nil {
			return err
		}
	}
	for _, is := range gs.Issuers {
		if err := k.Issuers.Set(ctx, is.Did, is); err != nil {
			return err
		}
	}
	for _, g := range gs.Grants {
		if err := k.IssuerSchemas.Set(ctx, collections.Join(g.Did, g.SchemaId), collections.NoValue{}); err != nil {
			return err
		}
	}
	for _, l := range gs.StatusLists {
		if err := k.StatusLists.Set(ctx, l.Id, l); err != nil {
			return err
		}
	}
	for _, c := range gs.StatusChunks {
		if err := k.StatusChunks.Set(ctx, collections.Join(c.ListId, c.Chunk), c.Bits); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis writes out the records in key order. Indexes are derived state
// and are not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	lastSchema, err := k.LastSchemaID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	lastList, err := k.LastStatusListID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, NextSchemaId: lastSchema + 1, NextStatusListId: lastList + 1}

	if gs.Versions, err = walk.Values(ctx, k.Versions); err != nil {
		return nil, err
	}
	if gs.Schemas, err = walk.Values(ctx, k.Schemas); err != nil {
		return nil, err
	}
	if gs.Issuers, err = walk.Values(ctx, k.Issuers); err != nil {
		return nil, err
	}
	if err := walk.Each(ctx, k.IssuerSchemas, func(key collections.Pair[string, uint64], _ collections.NoValue) error {
		gs.Grants = append(gs.Grants, types.IssuerSchemaGrant{Did: key.K1(), SchemaId: key.K2()})
		return nil
	}); err != nil {
		return nil, err
	}
	if gs.StatusLists, err = walk.Values(ctx, k.StatusLists); err != nil {
		return nil, err
	}
	if err := walk.Each(ctx, k.StatusChunks, func(key collections.Pair[uint64, uint32], bits []byte) error {
		gs.StatusChunks = append(gs.StatusChunks, types.StatusChunk{ListId: key.K1(), Chunk: key.K2(), Bits: bits})
		return nil
	}); err != nil {
		return nil, err
	}
	return gs, nil
}
