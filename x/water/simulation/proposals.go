package simulation

import (
	"context"
	"time"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/water/keeper"
	"github.com/civicchain/civic/x/water/types"
)

// Governance proposal weights: the AppParams keys and their defaults. x/gov's simulation
// submits a proposal for each payload with weight/25, so a weight under 25 never runs.
const (
	OpWeightMsgUpdateParams         = "op_weight_msg_water_update_params"
	DefaultWeightMsgUpdateParams    = 25
	OpWeightMsgSetThresholdGov      = "op_weight_msg_water_set_threshold_gov"
	DefaultWeightMsgSetThresholdGov = 25
)

// MsgUpdateParamsFactory is the payload of a proposal setting random valid params
// (signer: the x/gov authority).
func MsgUpdateParamsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return simulation.Proposal(func(_ context.Context, r *simsx.XRand) *types.MsgUpdateParams {
		return &types.MsgUpdateParams{Authority: k.GetAuthority(), Params: RandomParams(r.Rand)}
	})
}

// govThresholdLead is how far after the minimum notice a governance threshold takes
// effect: the proposal executes only when its vote ends.
const govThresholdLead = 60 * 24 * time.Hour

// MsgSetThresholdGovFactory is the payload of a proposal adding the next version of a
// random (parameter, class) threshold (signer: the x/gov authority), effective sixty
// days after the minimum notice and after the latest version. It is valid when the
// proposal is submitted; a version set meanwhile by a regulator for a later time makes
// it fail, as a real late proposal would.
func MsgSetThresholdGovFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetThreshold] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSetThreshold) {
		m, err := s.nextThreshold(govThresholdLead)
		if err != nil {
			s.Reporter.Skip(err.Error())
			return nil, nil
		}
		m.Signer = k.GetAuthority()
		return nil, m
	})
}
