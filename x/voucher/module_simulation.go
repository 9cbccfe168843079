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

// WeightedOperationsX registers every message of a program's life but claims (which need
// an issuer DID's keys): create, activate, suspend and resume, fund, allocate, merchants
// applying and decided, pay, redeem and sweep.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgCreateProgram, DefaultWeight: simulation.DefaultWeightMsgCreateProgram, Factory: simulation.MsgCreateProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgActivateProgram, DefaultWeight: simulation.DefaultWeightMsgActivateProgram, Factory: simulation.MsgActivateProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetProgramStatus, DefaultWeight: simulation.DefaultWeightMsgSetProgramStatus, Factory: simulation.MsgSetProgramStatusFactory(k)},
		{WeightKey: simulation.OpWeightMsgFundProgram, DefaultWeight: simulation.DefaultWeightMsgFundProgram, Factory: simulation.MsgFundProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgAllocate, DefaultWeight: simulation.DefaultWeightMsgAllocate, Factory: simulation.MsgAllocateFactory(k)},
		{WeightKey: simulation.OpWeightMsgApplyMerchant, DefaultWeight: simulation.DefaultWeightMsgApplyMerchant, Factory: simulation.MsgApplyMerchantFactory(k)},
		{WeightKey: simulation.OpWeightMsgDecideMerchant, DefaultWeight: simulation.DefaultWeightMsgDecideMerchant, Factory: simulation.MsgDecideMerchantFactory(k)},
		{WeightKey: simulation.OpWeightMsgPay, DefaultWeight: simulation.DefaultWeightMsgPay, Factory: simulation.MsgPayFactory(k)},
		{WeightKey: simulation.OpWeightMsgRedeem, DefaultWeight: simulation.DefaultWeightMsgRedeem, Factory: simulation.MsgRedeemFactory(k)},
		{WeightKey: simulation.OpWeightMsgSweep, DefaultWeight: simulation.DefaultWeightMsgSweep, Factory: simulation.MsgSweepFactory(k)},
	})
}

// ProposalMsgsX registers MsgUpdateParams as a proposal payload.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
	})
}
