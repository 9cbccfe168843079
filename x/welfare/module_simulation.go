package welfare

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	sim "github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/welfare/simulation"
)

// AppModuleSimulation: random genesis and store decoder (modulebase.Base), and the simsx
// message factories of simulation/ with their weights (the AppParams key of each and its
// default).
var _ sim.Module = AppModule{}

// WeightedOperationsX registers the start of a program's life: create (in the genesis
// groups), activate, fund and apply (duplicates included). The rest of the lifecycle
// (decisions, entitlements, cycles, distribution, audit) is not simulated yet: the keeper
// tests cover it.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgCreateProgram, DefaultWeight: simulation.DefaultWeightMsgCreateProgram, Factory: simulation.MsgCreateProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgActivateProgram, DefaultWeight: simulation.DefaultWeightMsgActivateProgram, Factory: simulation.MsgActivateProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgFundProgram, DefaultWeight: simulation.DefaultWeightMsgFundProgram, Factory: simulation.MsgFundProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgApply, DefaultWeight: simulation.DefaultWeightMsgApply, Factory: simulation.MsgApplyFactory(k)},
	})
}

// ProposalMsgsX registers MsgUpdateParams and MsgCreateGroup as proposal payloads.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
		{WeightKey: simulation.OpWeightMsgCreateGroup, DefaultWeight: simulation.DefaultWeightMsgCreateGroup, Factory: simulation.MsgCreateGroupFactory(am.keeper)},
	})
}
