package voucher

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	sim "github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/voucher/simulation"
)

// AppModuleSimulation: random genesis and store decoder (modulebase.Base), and the simsx
// message factories of simulation/ with their weights (the AppParams key of each and its
// default).
var _ sim.Module = AppModule{}

// WeightedOperationsX registers every message of a program's life: create, activate,
// suspend and resume, fund, allocate, claim (signed with the keys x/did's simulation puts
// in issuer DIDs), merchants applying and decided, pay, redeem and sweep.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k, ak, dk := am.keeper, am.agencies, am.did
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgCreateProgram, DefaultWeight: simulation.DefaultWeightMsgCreateProgram, Factory: simulation.MsgCreateProgramFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgActivateProgram, DefaultWeight: simulation.DefaultWeightMsgActivateProgram, Factory: simulation.MsgActivateProgramFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgSetProgramStatus, DefaultWeight: simulation.DefaultWeightMsgSetProgramStatus, Factory: simulation.MsgSetProgramStatusFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgFundProgram, DefaultWeight: simulation.DefaultWeightMsgFundProgram, Factory: simulation.MsgFundProgramFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgAllocate, DefaultWeight: simulation.DefaultWeightMsgAllocate, Factory: simulation.MsgAllocateFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgClaim, DefaultWeight: simulation.DefaultWeightMsgClaim, Factory: simulation.MsgClaimFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgApplyMerchant, DefaultWeight: simulation.DefaultWeightMsgApplyMerchant, Factory: simulation.MsgApplyMerchantFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgDecideMerchant, DefaultWeight: simulation.DefaultWeightMsgDecideMerchant, Factory: simulation.MsgDecideMerchantFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgPay, DefaultWeight: simulation.DefaultWeightMsgPay, Factory: simulation.MsgPayFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgRedeem, DefaultWeight: simulation.DefaultWeightMsgRedeem, Factory: simulation.MsgRedeemFactory(k, ak, dk)},
		{WeightKey: simulation.OpWeightMsgSweep, DefaultWeight: simulation.DefaultWeightMsgSweep, Factory: simulation.MsgSweepFactory(k, ak, dk)},
	})
}

// ProposalMsgsX registers MsgUpdateParams as a proposal payload.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
	})
}
