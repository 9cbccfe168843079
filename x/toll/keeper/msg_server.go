package keeper

import (
	"bytes"
	"context"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/toll/types"
)

// msgServer implements types.MsgServer. Every handler runs in the same order:
// stateless validation (validate.go, which decodes the signer), then the reads and checks (record
// exists, Authorize, operator, lifecycle, funds), and only then the writes,
// the coin movements and one typed event. A rejected message therefore
// writes nothing and moves no coins.
//
// The handlers live by feature: msg_server_network.go (operators, plazas,
// segments, tariffs), msg_server_trip.go (spending limits, trips, payment,
// batches), msg_server_period.go (settlement periods) and
// msg_server_dispute.go (disputes).
type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service implementation.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// UpdateParams replaces the parameters; only the x/gov authority may.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if _, err := validateMsgUpdateParams(m.addressCodec, msg, m.authority); err != nil {
		return nil, err
	}
	current, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if current.Denom != msg.Params.Denom {
		// Escrow is paid out in the denom it was taken in: the denom changes
		// only when the module account holds none of the current one.
		held := m.bankKeeper.GetBalance(ctx, m.accountKeeper.GetModuleAddress(types.ModuleName), current.Denom)
		if !held.IsZero() {
			return nil, errorsmod.Wrapf(types.ErrInvalidParams, "denom cannot change from %s while %s is held in settlement escrow; settle the open periods first", current.Denom, held)
		}
	}
	event := &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}
	if err := keeperbase.SetParams(ctx, m.Params, msg.Params, event); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// registeredMember authorizes signer (validated) in role and loads its
// agency's Operator record, failing with ErrOperatorNotRegistered.
func (k Keeper) registeredMember(ctx context.Context, signer sdk.AccAddress, role string) (types.Operator, error) {
	agencyID, err := k.agencyKeeper.Authorize(ctx, signer, role)
	if err != nil {
		return types.Operator{}, err
	}
	return k.getOperator(ctx, agencyID)
}

// registeredOperator authorizes signer as toll.operator (network management,
// periods and disputes) and loads its agency's Operator record.
func (k Keeper) registeredOperator(ctx context.Context, signer sdk.AccAddress) (types.Operator, error) {
	return k.registeredMember(ctx, signer, types.RoleOperator)
}

// registeredPlaza authorizes signer as toll.plaza (a plaza terminal) and
// loads its agency's Operator record.
func (k Keeper) registeredPlaza(ctx context.Context, signer sdk.AccAddress) (types.Operator, error) {
	return k.registeredMember(ctx, signer, types.RolePlaza)
}

// isAuthority reports whether signer is the x/gov authority.
func (k Keeper) isAuthority(signer sdk.AccAddress) bool {
	return bytes.Equal(signer, k.authority)
}

// getOperator loads an operator or fails with ErrOperatorNotRegistered.
func (k Keeper) getOperator(ctx context.Context, agencyID string) (types.Operator, error) {
	return keeperbase.Get(ctx, k.Operators, agencyID, types.ErrOperatorNotRegistered, "operator %q", agencyID)
}

// getPlaza loads a plaza or fails with ErrPlazaNotFound.
func (k Keeper) getPlaza(ctx context.Context, id string) (types.Plaza, error) {
	return keeperbase.Get(ctx, k.Plazas, id, types.ErrPlazaNotFound, "plaza %q", id)
}

// getTrip loads a trip or fails with ErrTripNotFound.
func (k Keeper) getTrip(ctx context.Context, id uint64) (types.Trip, error) {
	return keeperbase.Get(ctx, k.Trips, id, types.ErrTripNotFound, "trip %d", id)
}

// getBatch loads a trip batch or fails with ErrBatchNotFound.
func (k Keeper) getBatch(ctx context.Context, id uint64) (types.TripBatch, error) {
	return keeperbase.Get(ctx, k.Batches, id, types.ErrBatchNotFound, "batch %d", id)
}

// getPeriod loads a settlement period or fails with ErrPeriodNotFound.
func (k Keeper) getPeriod(ctx context.Context, id uint64) (types.Period, error) {
	return keeperbase.Get(ctx, k.Periods, id, types.ErrPeriodNotFound, "period %d", id)
}

// getDispute loads a dispute or fails with ErrDisputeNotFound.
func (k Keeper) getDispute(ctx context.Context, id uint64) (types.Dispute, error) {
	return keeperbase.Get(ctx, k.Disputes, id, types.ErrDisputeNotFound, "dispute %d", id)
}

// coins is amount of the params denom as sdk.Coins.
func coins(denom string, amount uint64) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin(denom, sdkmath.NewIntFromUint64(amount)))
}
