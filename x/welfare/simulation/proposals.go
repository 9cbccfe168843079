package simulation

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/welfare/keeper"
	"github.com/civicchain/civic/x/welfare/types"
)

// Governance proposal weights: the AppParams keys and their defaults. x/gov's simulation
// submits a proposal for each payload with weight/25, so a weight under 25 never runs.
const (
	OpWeightMsgUpdateParams      = "op_weight_msg_welfare_update_params"
	DefaultWeightMsgUpdateParams = 25
	OpWeightMsgCreateGroup       = "op_weight_msg_welfare_create_group"
	DefaultWeightMsgCreateGroup  = 25
)

// MsgUpdateParamsFactory is the payload of a proposal setting random params (signer: the
// x/gov authority).
func MsgUpdateParamsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return simulation.Proposal(func(_ context.Context, r *simsx.XRand) *types.MsgUpdateParams {
		return &types.MsgUpdateParams{Authority: k.GetAuthority(), Params: RandomParams(r.Rand)}
	})
}

// MsgCreateGroupFactory is the payload of a proposal creating an exclusivity group of a
// random id (signer: the x/gov authority); an id already taken is refused when the
// proposal executes, as on the real chain.
func MsgCreateGroupFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateGroup] {
	return simulation.Proposal(func(_ context.Context, r *simsx.XRand) *types.MsgCreateGroup {
		return &types.MsgCreateGroup{
			Authority:   k.GetAuthority(),
			Id:          fmt.Sprintf("group_%d", r.Intn(1_000_000)),
			Description: "Simulated exclusive benefits",
			LegalBasis:  fmt.Sprintf("KR-SIM-%d", r.Intn(1000)),
		}
	})
}
