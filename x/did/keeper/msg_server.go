package keeper

import (
	"bytes"
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/did/types"
)

// msgServer implements types.MsgServer. Every handler runs in the same order:
// stateless validation (validate.go), then the reads and checks (record exists,
// not deactivated, controller or agency authorisation, version), and only then
// the writes and one typed event. A rejected message therefore writes nothing.
//
// The handlers live by feature: msg_server_did.go (documents),
// msg_server_schema.go (credential schemas), msg_server_issuer.go (trusted
// issuers) and msg_server_status.go (status lists).
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
	signer, err := parseAddress(m.addressCodec, "authority", msg.Authority)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(signer, m.authority) {
		return nil, errorsmod.Wrapf(govtypes.ErrInvalidSigner, "expected %s, got %s", m.GetAuthority(), msg.Authority)
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// isAuthority tells whether addr is the x/gov module account.
func (k Keeper) isAuthority(addr sdk.AccAddress) bool {
	return bytes.Equal(addr, k.authority)
}
