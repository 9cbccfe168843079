package evidence

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/x/evidence/simulation"
)

// AppModuleSimulation: random genesis, store decoder and simsx message factories
// (x/simulation; see simulation/).

var (
	_ module.AppModuleSimulation   = AppModule{}
	_ simsx.HasWeightedOperationsX = AppModule{}
	_ simsx.HasProposalMsgsX       = AppModule{}
)

// WeightedOperationsX registers every message of the chain-of-custody lifecycle, and a
// probe per lifecycle message that sends it out of order.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	reg.Add(weights.Get(simulation.OpWeightMsgOpenCase, simulation.DefaultWeightMsgOpenCase), simulation.MsgOpenCaseFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgCloseCase, simulation.DefaultWeightMsgCloseCase), simulation.MsgCloseCaseFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRegisterEvidence, simulation.DefaultWeightMsgRegisterEvidence), simulation.MsgRegisterEvidenceFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgTakeCustody, simulation.DefaultWeightMsgTakeCustody), simulation.MsgTakeCustodyFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgProposeTransfer, simulation.DefaultWeightMsgProposeTransfer), simulation.MsgProposeTransferFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgAcceptTransfer, simulation.DefaultWeightMsgAcceptTransfer), simulation.MsgAcceptTransferFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRejectTransfer, simulation.DefaultWeightMsgRejectTransfer), simulation.MsgRejectTransferFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgCancelTransfer, simulation.DefaultWeightMsgCancelTransfer), simulation.MsgCancelTransferFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgStartAnalysis, simulation.DefaultWeightMsgStartAnalysis), simulation.MsgStartAnalysisFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgCompleteAnalysis, simulation.DefaultWeightMsgCompleteAnalysis), simulation.MsgCompleteAnalysisFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgSubmitToCourt, simulation.DefaultWeightMsgSubmitToCourt), simulation.MsgSubmitToCourtFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRecordCourtDecision, simulation.DefaultWeightMsgRecordCourtDecision), simulation.MsgRecordCourtDecisionFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgArchive, simulation.DefaultWeightMsgArchive), simulation.MsgArchiveFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgDispose, simulation.DefaultWeightMsgDispose), simulation.MsgDisposeFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgReturn, simulation.DefaultWeightMsgReturn), simulation.MsgReturnFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgVerifyIntegrity, simulation.DefaultWeightMsgVerifyIntegrity), simulation.MsgVerifyIntegrityFactory(k))
	// Probes: each lifecycle message sent for an item in another status must be refused.
	for _, p := range simulation.OutOfOrderProbes(k) {
		reg.Add(weights.Get(p.OpWeight, simulation.DefaultWeightOutOfOrder), p.Factory)
	}
}

// ProposalMsgsX registers MsgUpdateParams as a proposal payload.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get(simulation.OpWeightMsgUpdateParams, simulation.DefaultWeightMsgUpdateParams), simulation.MsgUpdateParamsFactory(am.keeper))
}
