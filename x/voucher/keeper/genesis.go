package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/x/voucher/types"
)

// InitGenesis validates gs and writes it. The program and merchant indexes
// follow their records (collections); balances and supply of the voucher
// denoms are x/bank's genesis.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	return genesisio.InitGenesis(ctx, gs, k.addressCodec, k.genesis)
}

// ExportGenesis writes out the records in key order. Indexes are derived
// state and are not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	return genesisio.ExportGenesis(ctx, k.genesis)
}

// genesis lists the collection that holds each part of gs, in the order
// InitGenesis writes them.
func (k Keeper) genesis(gs *types.GenesisState) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(k.Params, &gs.Params),
		genesisio.NextID(k.LastProgramID, &gs.NextProgramId),
		genesisio.Map(k.Programs, &gs.Programs, (*types.Program).GetId),
		genesisio.MapDecoded(k.Merchants, &gs.Merchants, func(m *types.Merchant) (ProgramAddress, error) {
			addr, err := k.addressCodec.StringToBytes(m.Address)
			return collections.Join(m.ProgramId, sdk.AccAddress(addr)), err
		}),
		genesisio.Entries(k.Holders, &gs.Holders,
			func(h types.HolderEntry) (ProgramAddress, collections.NoValue, error) {
				addr, err := k.addressCodec.StringToBytes(h.Address)
				return collections.Join(h.ProgramId, sdk.AccAddress(addr)), collections.NoValue{}, err
			},
			func(key ProgramAddress, _ collections.NoValue) (types.HolderEntry, error) {
				addr, err := k.addressCodec.BytesToString(key.K2())
				return types.HolderEntry{ProgramId: key.K1(), Address: addr}, err
			}),
		genesisio.Entries(k.Claimed, &gs.Claimed,
			func(c types.ClaimedEntry) (ClaimedKey, collections.NoValue, error) {
				return collections.Join3(c.ProgramId, c.StatusListId, c.StatusIndex), collections.NoValue{}, nil
			},
			func(key ClaimedKey, _ collections.NoValue) (types.ClaimedEntry, error) {
				return types.ClaimedEntry{ProgramId: key.K1(), StatusListId: key.K2(), StatusIndex: key.K3()}, nil
			}),
		genesisio.Entries(k.Receipts, &gs.Receipts,
			func(r types.ReceiptEntry) (ReceiptKey, collections.NoValue, error) {
				addr, err := k.addressCodec.StringToBytes(r.Merchant)
				return collections.Join3(r.ProgramId, sdk.AccAddress(addr), r.ReceiptDigest), collections.NoValue{}, err
			},
			func(key ReceiptKey, _ collections.NoValue) (types.ReceiptEntry, error) {
				addr, err := k.addressCodec.BytesToString(key.K2())
				return types.ReceiptEntry{ProgramId: key.K1(), Merchant: addr, ReceiptDigest: key.K3()}, err
			}),
		genesisio.Entries(k.Usage, &gs.Usage,
			func(u types.UsageEntry) (UsageKey, types.Usage, error) {
				return collections.Join3(u.ProgramId, u.Kind, u.Code), u.Usage, nil
			},
			func(key UsageKey, u types.Usage) (types.UsageEntry, error) {
				return types.UsageEntry{ProgramId: key.K1(), Kind: key.K2(), Code: key.K3(), Usage: u}, nil
			}),
	}
}
