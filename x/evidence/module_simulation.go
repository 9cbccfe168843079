package evidence

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	sim "github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/evidence/simulation"
)

// AppModuleSimulation: random genesis and store decoder (modulebase.Base), and the simsx
// message factories of simulation/ with their weights (the AppParams key of each and its
// default).
var _ sim.Module = AppModule{}

// WeightedOperationsX registers every message of the chain-of-custody lifecycle, and a
// probe per lifecycle message that sends it out of order.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	sim.Register(weights, reg, append([]sim.Op{
		{WeightKey: simulation.OpWeightMsgOpenCase, DefaultWeight: simulation.DefaultWeightMsgOpenCase, Factory: simulation.MsgOpenCaseFactory(k)},
		{WeightKey: simulation.OpWeightMsgCloseCase, DefaultWeight: simulation.DefaultWeightMsgCloseCase, Factory: simulation.MsgCloseCaseFactory(k)},
		{WeightKey: simulation.OpWeightMsgRegisterEvidence, DefaultWeight: simulation.DefaultWeightMsgRegisterEvidence, Factory: simulation.MsgRegisterEvidenceFactory(k)},
		{WeightKey: simulation.OpWeightMsgTakeCustody, DefaultWeight: simulation.DefaultWeightMsgTakeCustody, Factory: simulation.MsgTakeCustodyFactory(k)},
		{WeightKey: simulation.OpWeightMsgProposeTransfer, DefaultWeight: simulation.DefaultWeightMsgProposeTransfer, Factory: simulation.MsgProposeTransferFactory(k)},
		{WeightKey: simulation.OpWeightMsgAcceptTransfer, DefaultWeight: simulation.DefaultWeightMsgAcceptTransfer, Factory: simulation.MsgAcceptTransferFactory(k)},
		{WeightKey: simulation.OpWeightMsgRejectTransfer, DefaultWeight: simulation.DefaultWeightMsgRejectTransfer, Factory: simulation.MsgRejectTransferFactory(k)},
		{WeightKey: simulation.OpWeightMsgCancelTransfer, DefaultWeight: simulation.DefaultWeightMsgCancelTransfer, Factory: simulation.MsgCancelTransferFactory(k)},
		{WeightKey: simulation.OpWeightMsgStartAnalysis, DefaultWeight: simulation.DefaultWeightMsgStartAnalysis, Factory: simulation.MsgStartAnalysisFactory(k)},
		{WeightKey: simulation.OpWeightMsgCompleteAnalysis, DefaultWeight: simulation.DefaultWeightMsgCompleteAnalysis, Factory: simulation.MsgCompleteAnalysisFactory(k)},
		{WeightKey: simulation.OpWeightMsgSubmitToCourt, DefaultWeight: simulation.DefaultWeightMsgSubmitToCourt, Factory: simulation.MsgSubmitToCourtFactory(k)},
		{WeightKey: simulation.OpWeightMsgRecordCourtDecision, DefaultWeight: simulation.DefaultWeightMsgRecordCourtDecision, Factory: simulation.MsgRecordCourtDecisionFactory(k)},
		{WeightKey: simulation.OpWeightMsgArchive, DefaultWeight: simulation.DefaultWeightMsgArchive, Factory: simulation.MsgArchiveFactory(k)},
		{WeightKey: simulation.OpWeightMsgDispose, DefaultWeight: simulation.DefaultWeightMsgDispose, Factory: simulation.MsgDisposeFactory(k)},
		{WeightKey: simulation.OpWeightMsgReturn, DefaultWeight: simulation.DefaultWeightMsgReturn, Factory: simulation.MsgReturnFactory(k)},
		{WeightKey: simulation.OpWeightMsgVerifyIntegrity, DefaultWeight: simulation.DefaultWeightMsgVerifyIntegrity, Factory: simulation.MsgVerifyIntegrityFactory(k)},
	}, simulation.OutOfOrderProbes(k)...))
}

// ProposalMsgsX registers MsgUpdateParams as a proposal payload.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
	})
}
