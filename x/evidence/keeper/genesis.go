package keeper

import (
	"context"

	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/evidence/types"
)

// InitGenesis validates gs and writes it. The record indexes follow their
// records (collections); the custody heads and integrity counters are rebuilt
// from the custody log by setCustody.
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
	// The genesis holds the next ids; the sequences hold the last id issued.
	if err := k.LastCaseID.Set(ctx, gs.NextCaseId-1); err != nil {
		return err
	}
	if err := k.LastEvidenceID.Set(ctx, gs.NextEvidenceId-1); err != nil {
		return err
	}
	for _, c := range gs.Cases {
		if err := k.Cases.Set(ctx, c.Id, c); err != nil {
			return err
		}
	}
	for _, it := range gs.Items {
		if err := k.Items.Set(ctx, it.Id, it); err != nil {
			return err
		}
	}
	for _, e := range gs.CustodyEvents {
		if err := k.setCustody(ctx, e); err != nil {
			return err
		}
	}
	for _, t := range gs.Transfers {
		if err := k.Transfers.Set(ctx, t.EvidenceId, t); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis writes out the records in key order (cases and items by id,
// custody entries by (evidence id, seq), transfers by evidence id). Indexes,
// heads and counters are derived state and are not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	lastCase, err := k.LastCaseID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	lastItem, err := k.LastEvidenceID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, NextCaseId: lastCase + 1, NextEvidenceId: lastItem + 1}
	if gs.Cases, err = walk.Values(ctx, k.Cases); err != nil {
		return nil, err
	}
	if gs.Items, err = walk.Values(ctx, k.Items); err != nil {
		return nil, err
	}
	if gs.CustodyEvents, err = walk.Values(ctx, k.CustodyLog); err != nil {
		return nil, err
	}
	if gs.Transfers, err = walk.Values(ctx, k.Transfers); err != nil {
		return nil, err
	}
	return gs, nil
}
