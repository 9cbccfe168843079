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

// WeightedOperationsX registers every message of a program's life: create (CASH, or
// VOUCHER on an x/voucher program listing the agency), activate, fund, close; apply
// (duplicates included), decide, pause, resume and exit; offer, accept, decline, suspend,
// resume and end entitlements; create, submit, approve, distribute, end and cancel cycles;
// audit holds placed and released, findings.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgCreateProgram, DefaultWeight: simulation.DefaultWeightMsgCreateProgram, Factory: simulation.MsgCreateProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgActivateProgram, DefaultWeight: simulation.DefaultWeightMsgActivateProgram, Factory: simulation.MsgActivateProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgFundProgram, DefaultWeight: simulation.DefaultWeightMsgFundProgram, Factory: simulation.MsgFundProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgCloseProgram, DefaultWeight: simulation.DefaultWeightMsgCloseProgram, Factory: simulation.MsgCloseProgramFactory(k)},
		{WeightKey: simulation.OpWeightMsgApply, DefaultWeight: simulation.DefaultWeightMsgApply, Factory: simulation.MsgApplyFactory(k)},
		{WeightKey: simulation.OpWeightMsgDecideEligibility, DefaultWeight: simulation.DefaultWeightMsgDecideEligibility, Factory: simulation.MsgDecideEligibilityFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetEnrolmentStatus, DefaultWeight: simulation.DefaultWeightMsgSetEnrolmentStatus, Factory: simulation.MsgSetEnrolmentStatusFactory(k)},
		{WeightKey: simulation.OpWeightMsgOfferEntitlement, DefaultWeight: simulation.DefaultWeightMsgOfferEntitlement, Factory: simulation.MsgOfferEntitlementFactory(k)},
		{WeightKey: simulation.OpWeightMsgAcceptEntitlement, DefaultWeight: simulation.DefaultWeightMsgAcceptEntitlement, Factory: simulation.MsgAcceptEntitlementFactory(k)},
		{WeightKey: simulation.OpWeightMsgDeclineEntitlement, DefaultWeight: simulation.DefaultWeightMsgDeclineEntitlement, Factory: simulation.MsgDeclineEntitlementFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetEntitlementStatus, DefaultWeight: simulation.DefaultWeightMsgSetEntitlementStatus, Factory: simulation.MsgSetEntitlementStatusFactory(k)},
		{WeightKey: simulation.OpWeightMsgCreateCycle, DefaultWeight: simulation.DefaultWeightMsgCreateCycle, Factory: simulation.MsgCreateCycleFactory(k)},
		{WeightKey: simulation.OpWeightMsgSubmitCycle, DefaultWeight: simulation.DefaultWeightMsgSubmitCycle, Factory: simulation.MsgSubmitCycleFactory(k)},
		{WeightKey: simulation.OpWeightMsgApproveCycle, DefaultWeight: simulation.DefaultWeightMsgApproveCycle, Factory: simulation.MsgApproveCycleFactory(k)},
		{WeightKey: simulation.OpWeightMsgDistribute, DefaultWeight: simulation.DefaultWeightMsgDistribute, Factory: simulation.MsgDistributeFactory(k)},
		{WeightKey: simulation.OpWeightMsgEndCycle, DefaultWeight: simulation.DefaultWeightMsgEndCycle, Factory: simulation.MsgEndCycleFactory(k)},
		{WeightKey: simulation.OpWeightMsgCancelCycle, DefaultWeight: simulation.DefaultWeightMsgCancelCycle, Factory: simulation.MsgCancelCycleFactory(k)},
		{WeightKey: simulation.OpWeightMsgPlaceAuditHold, DefaultWeight: simulation.DefaultWeightMsgPlaceAuditHold, Factory: simulation.MsgPlaceAuditHoldFactory(k)},
		{WeightKey: simulation.OpWeightMsgReleaseAuditHold, DefaultWeight: simulation.DefaultWeightMsgReleaseAuditHold, Factory: simulation.MsgReleaseAuditHoldFactory(k)},
		{WeightKey: simulation.OpWeightMsgRecordFinding, DefaultWeight: simulation.DefaultWeightMsgRecordFinding, Factory: simulation.MsgRecordFindingFactory(k)},
	})
}

// ProposalMsgsX registers MsgUpdateParams and MsgCreateGroup as proposal payloads.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
		{WeightKey: simulation.OpWeightMsgCreateGroup, DefaultWeight: simulation.DefaultWeightMsgCreateGroup, Factory: simulation.MsgCreateGroupFactory(am.keeper)},
	})
}
