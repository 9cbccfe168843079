package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/agency/types"
)

// InitGenesis validates gs, checks that every agency role is in the role catalog and
// writes the state and the member and offer counts (collections keeps the indexes).
// Genesis members are members: they need no acceptance.
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
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, a := range gs.Agencies {
		if _, err := k.addressCodec.StringToBytes(a.Admin); err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "agency %q admin: %s", a.Id, err)
		}
		if err := k.Agencies.Set(ctx, a.Id, a); err != nil {
			return err
		}
	}
	counts := make(map[string]uint64, len(gs.Agencies))
	for _, m := range gs.Members {
		addr, err := k.addressCodec.StringToBytes(m.Address)
		if err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "member address: %s", err)
		}
		if err := k.Members.Set(ctx, addr, m); err != nil {
			return err
		}
		counts[m.AgencyId]++
	}
	offers := make(map[string]uint64, len(gs.Agencies))
	for _, o := range gs.MembershipOffers {
		addr, err := k.addressCodec.StringToBytes(o.Address)
		if err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "membership offer address: %s", err)
		}
		if err := k.MembershipOffers.Set(ctx, collections.Join(o.AgencyId, sdk.AccAddress(addr)), o); err != nil {
			return err
		}
		offers[o.AgencyId]++
	}
	for _, o := range gs.AdminOffers {
		if err := k.AdminOffers.Set(ctx, o.AgencyId, o); err != nil {
			return err
		}
	}
	// Iterate agencies in genesis order, not the maps, so writes are deterministic.
	for _, a := range gs.Agencies {
		if n := counts[a.Id]; n > 0 {
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
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	if gs.Agencies, err = walk.Values(ctx, k.Agencies); err != nil {
		return nil, err
	}
	if gs.Members, err = walk.Values(ctx, k.Members); err != nil {
		return nil, err
	}
	if gs.MembershipOffers, err = walk.Values(ctx, k.MembershipOffers); err != nil {
		return nil, err
	}
	if gs.AdminOffers, err = walk.Values(ctx, k.AdminOffers); err != nil {
		return nil, err
	}
	return gs, nil
}
