package keeper

import (
	"bytes"
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/keeperbase"
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
	event := &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}
	if err := keeperbase.UpdateParams(ctx, m.addressCodec, m.authority, m.Params, msg.Authority, msg.Params, event); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// isAuthority tells whether addr is the x/gov module account.
func (k Keeper) isAuthority(addr sdk.AccAddress) bool {
	return bytes.Equal(addr, k.authority)
}
