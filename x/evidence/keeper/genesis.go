package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/x/evidence/types"
)

// InitGenesis validates gs and writes it, rebuilding every index from the
// records: cases by agency and reference, items by case, exhibit and digest,
// the custody heads, and open transfers by receiver.
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
	if err := k.NextCaseID.Set(ctx, gs.NextCaseId-1); err != nil {
		return err
	}
	if err := k.NextEvidenceID.Set(ctx, gs.NextEvidenceId-1); err != nil {
		return err
	}
	for _, c := range gs.Cases {
		if err := k.setCase(ctx, c); err != nil {
			return err
		}
	}
	for _, it := range gs.Items {
		if err := k.setItem(ctx, it); err != nil {
			return err
		}
	}
	for _, e := range gs.CustodyEvents {
		if err := k.setCustody(ctx, e); err != nil {
			return err
		}
	}
	for _, t := range gs.Transfers {
		if err := k.setTransfer(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis writes out the records in key order (cases and items by id,
// custody entries by (evidence id, seq), transfers by evidence id). Indexes are
// derived state and are not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	lastCase, err := k.NextCaseID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	lastItem, err := k.NextEvidenceID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params, NextCaseId: lastCase + 1, NextEvidenceId: lastItem + 1}

	if err := k.Cases.Walk(ctx, nil, func(_ uint64, c types.Case) (bool, error) {
		gs.Cases = append(gs.Cases, c)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Items.Walk(ctx, nil, func(_ uint64, it types.EvidenceItem) (bool, error) {
		gs.Items = append(gs.Items, it)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.CustodyLog.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], e types.CustodyEvent) (bool, error) {
		gs.CustodyEvents = append(gs.CustodyEvents, e)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Transfers.Walk(ctx, nil, func(_ uint64, t types.Transfer) (bool, error) {
		gs.Transfers = append(gs.Transfers, t)
		return false, nil
	}); err != nil {
		return nil, err
	}
	return gs, nil
}
