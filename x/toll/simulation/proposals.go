package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// Governance proposal weight: the AppParams key and its default. x/gov's simulation submits
// a proposal for each payload with weight/25, so a weight under 25 never runs.
const (
	OpWeightMsgUpdateParams      = "op_weight_msg_toll_update_params"
	DefaultWeightMsgUpdateParams = 25
)

// MsgUpdateParamsFactory is the payload of a proposal setting random valid params (signer:
// the x/gov authority). The denom stays the current one: fares, escrow and refunds of
// past periods are in it.
func MsgUpdateParamsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, _ simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateParams) {
		p := RandomParams(testData.Rand().Rand)
		if current, err := k.Params.Get(ctx); err == nil {
			p.Denom = current.Denom
		}
		return nil, &types.MsgUpdateParams{Authority: k.GetAuthority(), Params: p}
	}
}
