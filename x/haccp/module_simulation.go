package haccp

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/x/haccp/simulation"
)

// AppModuleSimulation: random genesis, store decoder and simsx message factories
// (x/simulation; see simulation/).

var (
	_ module.AppModuleSimulation   = AppModule{}
	_ simsx.HasWeightedOperationsX = AppModule{}
	_ simsx.HasProposalMsgsX       = AppModule{}
)

// WeightedOperationsX registers the facility, CCP, certificate, recall and import messages.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	reg.Add(weights.Get(simulation.OpWeightMsgRegisterFacility, simulation.DefaultWeightMsgRegisterFacility), simulation.MsgRegisterFacilityFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgAddFacilityStaff, simulation.DefaultWeightMsgAddFacilityStaff), simulation.MsgAddFacilityStaffFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgAnchorCcpRecord, simulation.DefaultWeightMsgAnchorCcpRecord), simulation.MsgAnchorCcpRecordFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRecordCorrectiveAction, simulation.DefaultWeightMsgRecordCorrectiveAction), simulation.MsgRecordCorrectiveActionFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgIssueCertificate, simulation.DefaultWeightMsgIssueCertificate), simulation.MsgIssueCertificateFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgSuspendCertificate, simulation.DefaultWeightMsgSuspendCertificate), simulation.MsgSuspendCertificateFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgReinstateCertificate, simulation.DefaultWeightMsgReinstateCertificate), simulation.MsgReinstateCertificateFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRevokeCertificate, simulation.DefaultWeightMsgRevokeCertificate), simulation.MsgRevokeCertificateFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRenewCertificate, simulation.DefaultWeightMsgRenewCertificate), simulation.MsgRenewCertificateFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRecordAudit, simulation.DefaultWeightMsgRecordAudit), simulation.MsgRecordAuditFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgIssueRecall, simulation.DefaultWeightMsgIssueRecall), simulation.MsgIssueRecallFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgCloseRecall, simulation.DefaultWeightMsgCloseRecall), simulation.MsgCloseRecallFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgReceiveHygieneCert, simulation.DefaultWeightMsgReceiveHygieneCert), simulation.MsgReceiveHygieneCertFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgVerifyHygieneCert, simulation.DefaultWeightMsgVerifyHygieneCert), simulation.MsgVerifyHygieneCertFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgDeclareImport, simulation.DefaultWeightMsgDeclareImport), simulation.MsgDeclareImportFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgStartInspection, simulation.DefaultWeightMsgStartInspection), simulation.MsgStartInspectionFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRecordInspection, simulation.DefaultWeightMsgRecordInspection), simulation.MsgRecordInspectionFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgClearDeclaration, simulation.DefaultWeightMsgClearDeclaration), simulation.MsgClearDeclarationFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgShareImportConfirmation, simulation.DefaultWeightMsgShareImportConfirmation), simulation.MsgShareImportConfirmationFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRefuseClearance, simulation.DefaultWeightMsgRefuseClearance), simulation.MsgRefuseClearanceFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgWithdrawDeclaration, simulation.DefaultWeightMsgWithdrawDeclaration), simulation.MsgWithdrawDeclarationFactory(k))
}

// ProposalMsgsX registers MsgUpdateParams as a proposal payload.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get(simulation.OpWeightMsgUpdateParams, simulation.DefaultWeightMsgUpdateParams), simulation.MsgUpdateParamsFactory(am.keeper))
}
