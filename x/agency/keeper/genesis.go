package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/x/agency/types"
)

// InitGenesis validates gs, checks that every agency role is in the role catalog and
// every admin address decodes, and writes the state and the member and offer counts
// (collections keeps the indexes). Genesis members are members: they need no acceptance.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	for _, a := range gs.Agencies {
		for _, r := range a.Roles {
			if !k.IsKnownRole(r) {
				return errorsmod.Wrapf(types.ErrUnknownRole, "genesis agency %q has role %q, which is not in the role catalog", a.Id, r)
			}
		}
	}
	for _, a := range gs.Agencies {
		if _, err := k.addressCodec.StringToBytes(a.Admin); err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "agency %q admin: %s", a.Id, err)
		}
	}
	if err := genesisio.Import(ctx, k.genesis(gs)); err != nil {
		return err
	}
	members := make(map[string]uint64, len(gs.Agencies))
	for _, m := range gs.Members {
		members[m.AgencyId]++
	}
	offers := make(map[string]uint64, len(gs.Agencies))
	for _, o := range gs.MembershipOffers {
		offers[o.AgencyId]++
	}
	// Iterate agencies in genesis order, not the maps, so writes are deterministic.
	for _, a := range gs.Agencies {
		if n := members[a.Id]; n > 0 {
			if err := k.MemberCount.Set(ctx, a.Id, n); err != nil {
				return err
			}
		}
		if n := offers[a.Id]; n > 0 {
			if err := k.OfferCount.Set(ctx, a.Id, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// ExportGenesis exports params, agencies (by id), members (by address bytes), membership
// offers (by agency id, then address bytes) and admin offers (by agency id).
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	return genesisio.ExportGenesis(ctx, k.genesis)
}

// genesis lists the collection that holds each part of gs, in the order
// InitGenesis writes them.
func (k Keeper) genesis(gs *types.GenesisState) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(k.Params, &gs.Params),
		genesisio.Map(k.Agencies, &gs.Agencies, (*types.Agency).GetId),
		genesisio.MapDecoded(k.Members, &gs.Members, func(m *types.Member) (sdk.AccAddress, error) {
			addr, err := k.addressCodec.StringToBytes(m.Address)
			if err != nil {
				return nil, errorsmod.Wrapf(types.ErrInvalidGenesis, "member address: %s", err)
			}
			return addr, nil
		}),
		genesisio.MapDecoded(k.MembershipOffers, &gs.MembershipOffers, func(o *types.MembershipOffer) (collections.Pair[string, sdk.AccAddress], error) {
			addr, err := k.addressCodec.StringToBytes(o.Address)
			if err != nil {
				return collections.Pair[string, sdk.AccAddress]{}, errorsmod.Wrapf(types.ErrInvalidGenesis, "membership offer address: %s", err)
			}
			return collections.Join(o.AgencyId, sdk.AccAddress(addr)), nil
		}),
		genesisio.Map(k.AdminOffers, &gs.AdminOffers, (*types.AdminOffer).GetAgencyId),
	}
}
