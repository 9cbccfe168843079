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
	k, ak := am.keeper, am.agencies
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgCreateProgram, DefaultWeight: simulation.DefaultWeightMsgCreateProgram, Factory: simulation.MsgCreateProgramFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgActivateProgram, DefaultWeight: simulation.DefaultWeightMsgActivateProgram, Factory: simulation.MsgActivateProgramFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgFundProgram, DefaultWeight: simulation.DefaultWeightMsgFundProgram, Factory: simulation.MsgFundProgramFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgCloseProgram, DefaultWeight: simulation.DefaultWeightMsgCloseProgram, Factory: simulation.MsgCloseProgramFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgApply, DefaultWeight: simulation.DefaultWeightMsgApply, Factory: simulation.MsgApplyFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgDecideEligibility, DefaultWeight: simulation.DefaultWeightMsgDecideEligibility, Factory: simulation.MsgDecideEligibilityFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgSetEnrolmentStatus, DefaultWeight: simulation.DefaultWeightMsgSetEnrolmentStatus, Factory: simulation.MsgSetEnrolmentStatusFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgOfferEntitlement, DefaultWeight: simulation.DefaultWeightMsgOfferEntitlement, Factory: simulation.MsgOfferEntitlementFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgAcceptEntitlement, DefaultWeight: simulation.DefaultWeightMsgAcceptEntitlement, Factory: simulation.MsgAcceptEntitlementFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgDeclineEntitlement, DefaultWeight: simulation.DefaultWeightMsgDeclineEntitlement, Factory: simulation.MsgDeclineEntitlementFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgSetEntitlementStatus, DefaultWeight: simulation.DefaultWeightMsgSetEntitlementStatus, Factory: simulation.MsgSetEntitlementStatusFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgCreateCycle, DefaultWeight: simulation.DefaultWeightMsgCreateCycle, Factory: simulation.MsgCreateCycleFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgSubmitCycle, DefaultWeight: simulation.DefaultWeightMsgSubmitCycle, Factory: simulation.MsgSubmitCycleFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgApproveCycle, DefaultWeight: simulation.DefaultWeightMsgApproveCycle, Factory: simulation.MsgApproveCycleFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgDistribute, DefaultWeight: simulation.DefaultWeightMsgDistribute, Factory: simulation.MsgDistributeFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgEndCycle, DefaultWeight: simulation.DefaultWeightMsgEndCycle, Factory: simulation.MsgEndCycleFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgCancelCycle, DefaultWeight: simulation.DefaultWeightMsgCancelCycle, Factory: simulation.MsgCancelCycleFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgPlaceAuditHold, DefaultWeight: simulation.DefaultWeightMsgPlaceAuditHold, Factory: simulation.MsgPlaceAuditHoldFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgReleaseAuditHold, DefaultWeight: simulation.DefaultWeightMsgReleaseAuditHold, Factory: simulation.MsgReleaseAuditHoldFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgRecordFinding, DefaultWeight: simulation.DefaultWeightMsgRecordFinding, Factory: simulation.MsgRecordFindingFactory(k, ak)},
	})
}

// ProposalMsgsX registers MsgUpdateParams and MsgCreateGroup as proposal payloads.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
		{WeightKey: simulation.OpWeightMsgCreateGroup, DefaultWeight: simulation.DefaultWeightMsgCreateGroup, Factory: simulation.MsgCreateGroupFactory(am.keeper)},
	})
}
