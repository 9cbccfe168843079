package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/voucher/keeper"
	"github.com/civicchain/civic/x/voucher/types"
)

// Governance proposal weight: the AppParams key and its default. x/gov's simulation submits
// a proposal for each payload with weight/25, so a weight under 25 never runs.
const (
	OpWeightMsgUpdateParams      = "op_weight_msg_voucher_update_params"
	DefaultWeightMsgUpdateParams = 25
)

// MsgUpdateParamsFactory is the payload of a proposal setting random params (signer: the
// x/gov authority).
func MsgUpdateParamsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return simulation.Proposal(func(_ context.Context, r *simsx.XRand) *types.MsgUpdateParams {
		return &types.MsgUpdateParams{Authority: k.GetAuthority(), Params: RandomParams(r.Rand)}
	})
}
