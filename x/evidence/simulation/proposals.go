package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

// Governance proposal weight: the AppParams key and its default. x/gov's simulation submits
// a proposal for each payload with weight/25, so a weight under 25 never runs.
const (
	OpWeightMsgUpdateParams      = "op_weight_msg_digitalevidence_update_params"
	DefaultWeightMsgUpdateParams = 25
)

// MsgUpdateParamsFactory is the payload of a proposal setting random params (signer: the
// x/gov authority).
func MsgUpdateParamsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return simulation.Proposal(func(_ context.Context, r *simsx.XRand) *types.MsgUpdateParams {
		return &types.MsgUpdateParams{
			Authority: k.GetAuthority(),
			Params: types.Params{
				MaxItemsPerCase:    5 + uint64(r.Intn(1000)), //nolint:gosec // positive
				MaxDerivationDepth: 1 + uint32(r.Intn(8)),    //nolint:gosec // small

				MaxIntegrityChecksPerItem: 1 + uint32(r.Intn(200)), //nolint:gosec // small
			},
		}
	})
}
