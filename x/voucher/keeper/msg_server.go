package keeper

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/internal/roles"
	"github.com/civicchain/civic/x/voucher/types"
)

// msgServer implements types.MsgServer. Every handler runs in the same order:
// stateless validation (validate*.go), then the reads and checks (program
// exists, Authorize and the program's agency, lifecycle, time window, params
// bounds, budget, duplicates), and only then the writes, the bank calls and
// one typed event. A rejected message therefore writes nothing and moves no
// coins.
//
// The handlers live by feature: msg_server_program.go (create, activate,
// status, fund), msg_server_issue.go (allocate, claim, keeper Allocate),
// msg_server_merchant.go (apply, decide), msg_server_pay.go (pay, redeem) and
// msg_server_sweep.go (sweep and close).
type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service implementation.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// UpdateParams replaces the parameters; only the x/gov authority may.
// Lowering a bound never touches stored programs: a program keeps what it
// has, and a funding denom taken off the list still backs the programs
// created with it.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	event := &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}
	if err := keeperbase.UpdateParams(ctx, m.addressCodec, m.authority, m.Params, msg.Authority, msg.Params, event); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// GetProgram returns the program with id; a missing program is an error
// wrapping types.ErrProgramNotFound.
func (k Keeper) GetProgram(ctx context.Context, id uint64) (types.Program, error) {
	return keeperbase.Get(ctx, k.Programs, id, types.ErrProgramNotFound, "program %d", id)
}

// getMerchant returns a merchant of a program; a missing one is an error
// wrapping types.ErrMerchantNotFound.
func (k Keeper) getMerchant(ctx context.Context, programID uint64, addr sdk.AccAddress) (types.Merchant, error) {
	return keeperbase.Get(ctx, k.Merchants, collections.Join(programID, addr), types.ErrMerchantNotFound, "merchant %s of program %d", k.addr(addr), programID)
}

// isAuthority reports whether addr is the x/gov module account.
func (k Keeper) isAuthority(addr sdk.AccAddress) bool { return bytes.Equal(addr, k.authority) }

// authorizeFor asks x/agency whether addr holds role, and requires the agency
// it acts for to be the program's: no agency touches another agency's program.
func (k Keeper) authorizeFor(ctx context.Context, addr sdk.AccAddress, role string, p types.Program) (string, error) {
	return roles.Owned(ctx, k.agencyKeeper, addr, role, p.AgencyId, types.ErrWrongAgency, fmt.Sprintf("program %d", p.Id))
}

// requireNotClosed fails with ErrProgramClosed for a CLOSED program.
func requireNotClosed(p types.Program) error {
	if p.Status == types.ProgramStatusClosed {
		return errorsmod.Wrapf(types.ErrProgramClosed, "program %d is CLOSED", p.Id)
	}
	return nil
}

// requireOpenWindow fails unless the program is ACTIVE and starts_at <= now <
// expires_at: the window in which vouchers are issued and paid. notActive is
// the error of a program that is not ACTIVE or has not started.
func requireOpenWindow(p types.Program, now time.Time, notActive *errorsmod.Error) error {
	if !now.Before(p.ExpiresAt) {
		return errorsmod.Wrapf(types.ErrProgramExpired, "program %d expired at %s", p.Id, p.ExpiresAt.UTC().Format(time.RFC3339))
	}
	if p.Status != types.ProgramStatusActive {
		return errorsmod.Wrapf(notActive, "program %d is %s, not ACTIVE", p.Id, p.StatusAt(now).Label())
	}
	if now.Before(p.StartsAt) {
		return errorsmod.Wrapf(notActive, "program %d starts at %s", p.Id, p.StartsAt.UTC().Format(time.RFC3339))
	}
	return nil
}

// coins is amount of denom as sdk.Coins.
func coins(denom string, amount sdkmath.Int) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin(denom, amount))
}
