package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// Governance proposal weight: the AppParams key and its default. x/gov's simulation submits
// a proposal for each payload with weight/25, so a weight under 25 never runs.
const (
	OpWeightMsgUpdateParams       = "op_weight_msg_toll_update_params"
	DefaultWeightMsgUpdateParams  = 25
	OpWeightMsgDecideDispute      = "op_weight_msg_toll_decide_dispute"
	DefaultWeightMsgDecideDispute = 25
)

// MsgUpdateParamsFactory is the payload of a proposal setting random valid params (signer:
// the x/gov authority). The denom stays the current one: fares, escrow and refunds of
// past periods are in it.
func MsgUpdateParamsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return simulation.Proposal(func(ctx context.Context, r *simsx.XRand) *types.MsgUpdateParams {
		p := RandomParams(r.Rand)
		if current, err := k.Params.Get(ctx); err == nil {
			p.Denom = current.Denom
		}
		return &types.MsgUpdateParams{Authority: k.GetAuthority(), Params: p}
	})
}

// MsgDecideDisputeFactory is the payload of a proposal deciding an OPEN or
// APPEALED dispute (signer: the x/gov authority): a rejection with a reason
// code. It is valid when the proposal is submitted; a dispute decided before
// the vote ends makes it fail, as a real late proposal would.
func MsgDecideDisputeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDecideDispute] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgDecideDispute) {
		ids := simulation.Sample(s.Search, k.OpenDisputeByTarget, nil, nil)
		if len(ids) == 0 {
			s.Reporter.Skip("no dispute is OPEN or APPEALED")
			return nil, nil
		}
		return nil, &types.MsgDecideDispute{Authority: k.GetAuthority(), DisputeId: ids[s.R.Intn(len(ids))], Outcome: types.OutcomeReject, Reason: reasonCodes[s.R.Intn(len(reasonCodes))]}
	})
}
