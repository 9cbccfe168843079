package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/voucher/types"
)

// burnFrom moves amount of p's vouchers from an account to the module account
// (the redeem or sweep edge of the send restriction) and burns them.
func (k Keeper) burnFrom(ctx context.Context, p types.Program, kind flowKind, from sdk.AccAddress, amount sdkmath.Int) error {
	c := coins(p.Denom, amount)
	module := k.moduleAddress()
	if err := k.bankKeeper.SendCoinsFromAccountToModule(withFlow(ctx, flow{kind: kind, program: p.Id, from: from, to: module}), from, types.ModuleName, c); err != nil {
		return err
	}
	return k.bankKeeper.BurnCoins(ctx, types.ModuleName, c)
}

// Sweep clears an expired program, at most limit accounts a message. From
// expires_at it burns the holders' balances, taking them off the holder index
// as it goes (the index is the cursor); from redeem_until, once no holder is
// left, it burns the merchants' balances from the program's sweep_cursor on.
// The escrow of what it burns goes to the refund address. When, after
// redeem_until, every holder and merchant has been visited and nothing is
// outstanding, it returns the rest of the escrow and closes the program. An
// issuer of the program's agency may sweep, and so may governance (the
// escrow is never stuck with an agency that is gone).
func (m msgServer) Sweep(ctx context.Context, msg *types.MsgSweep) (*types.MsgSweepResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	signer, err := validateMsgSweep(m.addressCodec, msg, params)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if !m.isAuthority(signer) {
		if _, err := m.authorizeFor(ctx, signer, types.RoleIssuer, p); err != nil {
			return nil, err
		}
	}
	if err := requireNotClosed(p); err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	if now.Before(p.ExpiresAt) {
		return nil, errorsmod.Wrapf(types.ErrNotExpired, "program %d expires at %s", p.Id, p.ExpiresAt.UTC().Format(time.RFC3339))
	}
	refund, err := m.addressCodec.StringToBytes(p.RefundAddress)
	if err != nil {
		return nil, err
	}

	limit := int(msg.Limit)
	holders, holdersLeft, err := firstKeys(ctx, m.Holders, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](p.Id), limit)
	if err != nil {
		return nil, err
	}
	burned := sdkmath.ZeroInt()
	for _, key := range holders {
		n, err := m.sweepAccount(ctx, p, key.K2())
		if err != nil {
			return nil, err
		}
		burned = burned.Add(n)
		if err := m.Holders.Remove(ctx, key); err != nil {
			return nil, err
		}
	}
	visited := len(holders)
	redeemOver := !now.Before(p.RedeemUntil)
	if redeemOver && !holdersLeft && !p.MerchantsSwept && visited < limit {
		rng := collections.NewPrefixedPairRange[uint64, sdk.AccAddress](p.Id)
		if p.SweepCursor != "" {
			cursor, err := m.addressCodec.StringToBytes(p.SweepCursor)
			if err != nil {
				return nil, err
			}
			rng = rng.StartExclusive(sdk.AccAddress(cursor))
		}
		merchants, more, err := firstKeys(ctx, m.Merchants, rng, limit-visited)
		if err != nil {
			return nil, err
		}
		for _, key := range merchants {
			n, err := m.sweepAccount(ctx, p, key.K2())
			if err != nil {
				return nil, err
			}
			burned = burned.Add(n)
			p.SweepCursor = m.addr(key.K2())
		}
		visited += len(merchants)
		p.MerchantsSwept = !more
	}

	if burned.IsPositive() {
		if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, refund, coins(p.FundingDenom, burned)); err != nil {
			return nil, err
		}
	}
	p.Budget.Outstanding = p.Budget.Outstanding.Sub(burned)
	p.Budget.Swept = p.Budget.Swept.Add(burned)
	p.Budget.Escrow = p.Budget.Escrow.Sub(burned)
	p.Budget.Refunded = p.Budget.Refunded.Add(burned)
	closing := redeemOver && !holdersLeft && p.MerchantsSwept && p.Budget.Outstanding.IsZero()
	rest := p.Budget.Escrow
	if closing {
		if err := types.ValidateProgramTransition(p.Status, types.ProgramStatusClosed); err != nil {
			return nil, errorsmod.Wrapf(err, "program %d", p.Id)
		}
		if rest.IsPositive() {
			if err := m.bankKeeper.SendCoinsFromModuleToAccount(ctx, types.ModuleName, refund, coins(p.FundingDenom, rest)); err != nil {
				return nil, err
			}
		}
		p.Budget.Refunded = p.Budget.Refunded.Add(rest)
		p.Budget.Escrow = sdkmath.ZeroInt()
		p.Status = types.ProgramStatusClosed
		p.ClosedAt = now
	}
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	resp := &types.MsgSweepResponse{Accounts: uint32(visited), Burned: burned, Closed: closing}
	swept := &types.EventSwept{ProgramId: p.Id, Accounts: uint32(visited), Burned: burned, RefundAddress: p.RefundAddress, Actor: msg.Signer}
	if !closing {
		return blockctx.Reply(ctx, swept, resp)
	}
	if err := blockctx.Emit(ctx, swept); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventProgramClosed{ProgramId: p.Id, Refunded: rest, RefundAddress: p.RefundAddress}, resp)
}

// sweepAccount burns an account's whole balance of p's denom and returns it.
func (k Keeper) sweepAccount(ctx context.Context, p types.Program, addr sdk.AccAddress) (sdkmath.Int, error) {
	bal := k.bankKeeper.GetBalance(ctx, addr, p.Denom).Amount
	if !bal.IsPositive() {
		return sdkmath.ZeroInt(), nil
	}
	return bal, k.burnFrom(ctx, p, flowSweep, addr, bal)
}

// keyIterable is a map whose keys can be ranged (a Map or IndexedMap).
type keyIterable[K, V any] interface {
	Iterate(ctx context.Context, rng collections.Ranger[K]) (collections.Iterator[K, V], error)
}

// firstKeys returns the first at most limit keys of m in rng, and whether
// more follow. Its work is bounded by limit.
func firstKeys[K, V any](ctx context.Context, m keyIterable[K, V], rng collections.Ranger[K], limit int) ([]K, bool, error) {
	it, err := m.Iterate(ctx, rng)
	if err != nil {
		return nil, false, err
	}
	defer it.Close()
	var keys []K
	for ; it.Valid(); it.Next() {
		if len(keys) == limit {
			return keys, true, nil
		}
		k, err := it.Key()
		if err != nil {
			return nil, false, err
		}
		keys = append(keys, k)
	}
	return keys, false, nil
}
