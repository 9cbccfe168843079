package haccp

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	sim "github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/haccp/simulation"
)

// AppModuleSimulation: random genesis and store decoder (modulebase.Base), and the simsx
// message factories of simulation/ with their weights (the AppParams key of each and its
// default).
var _ sim.Module = AppModule{}

// WeightedOperationsX registers the facility, CCP, certificate, recall and import messages.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgRegisterFacility, DefaultWeight: simulation.DefaultWeightMsgRegisterFacility, Factory: simulation.MsgRegisterFacilityFactory(k)},
		{WeightKey: simulation.OpWeightMsgAddFacilityStaff, DefaultWeight: simulation.DefaultWeightMsgAddFacilityStaff, Factory: simulation.MsgAddFacilityStaffFactory(k)},
		{WeightKey: simulation.OpWeightMsgRemoveFacilityStaff, DefaultWeight: simulation.DefaultWeightMsgRemoveFacilityStaff, Factory: simulation.MsgRemoveFacilityStaffFactory(k)},
		{WeightKey: simulation.OpWeightMsgAnchorCcpRecord, DefaultWeight: simulation.DefaultWeightMsgAnchorCcpRecord, Factory: simulation.MsgAnchorCcpRecordFactory(k)},
		{WeightKey: simulation.OpWeightMsgRecordCorrectiveAction, DefaultWeight: simulation.DefaultWeightMsgRecordCorrectiveAction, Factory: simulation.MsgRecordCorrectiveActionFactory(k)},
		{WeightKey: simulation.OpWeightMsgIssueCertificate, DefaultWeight: simulation.DefaultWeightMsgIssueCertificate, Factory: simulation.MsgIssueCertificateFactory(k)},
		{WeightKey: simulation.OpWeightMsgSuspendCertificate, DefaultWeight: simulation.DefaultWeightMsgSuspendCertificate, Factory: simulation.MsgSuspendCertificateFactory(k)},
		{WeightKey: simulation.OpWeightMsgReinstateCertificate, DefaultWeight: simulation.DefaultWeightMsgReinstateCertificate, Factory: simulation.MsgReinstateCertificateFactory(k)},
		{WeightKey: simulation.OpWeightMsgRevokeCertificate, DefaultWeight: simulation.DefaultWeightMsgRevokeCertificate, Factory: simulation.MsgRevokeCertificateFactory(k)},
		{WeightKey: simulation.OpWeightMsgRenewCertificate, DefaultWeight: simulation.DefaultWeightMsgRenewCertificate, Factory: simulation.MsgRenewCertificateFactory(k)},
		{WeightKey: simulation.OpWeightMsgRecordAudit, DefaultWeight: simulation.DefaultWeightMsgRecordAudit, Factory: simulation.MsgRecordAuditFactory(k)},
		{WeightKey: simulation.OpWeightMsgIssueRecall, DefaultWeight: simulation.DefaultWeightMsgIssueRecall, Factory: simulation.MsgIssueRecallFactory(k)},
		{WeightKey: simulation.OpWeightMsgCloseRecall, DefaultWeight: simulation.DefaultWeightMsgCloseRecall, Factory: simulation.MsgCloseRecallFactory(k)},
		{WeightKey: simulation.OpWeightMsgReceiveHygieneCert, DefaultWeight: simulation.DefaultWeightMsgReceiveHygieneCert, Factory: simulation.MsgReceiveHygieneCertFactory(k)},
		{WeightKey: simulation.OpWeightMsgVerifyHygieneCert, DefaultWeight: simulation.DefaultWeightMsgVerifyHygieneCert, Factory: simulation.MsgVerifyHygieneCertFactory(k)},
		{WeightKey: simulation.OpWeightMsgDeclareImport, DefaultWeight: simulation.DefaultWeightMsgDeclareImport, Factory: simulation.MsgDeclareImportFactory(k)},
		{WeightKey: simulation.OpWeightMsgStartInspection, DefaultWeight: simulation.DefaultWeightMsgStartInspection, Factory: simulation.MsgStartInspectionFactory(k)},
		{WeightKey: simulation.OpWeightMsgRecordInspection, DefaultWeight: simulation.DefaultWeightMsgRecordInspection, Factory: simulation.MsgRecordInspectionFactory(k)},
		{WeightKey: simulation.OpWeightMsgClearDeclaration, DefaultWeight: simulation.DefaultWeightMsgClearDeclaration, Factory: simulation.MsgClearDeclarationFactory(k)},
		{WeightKey: simulation.OpWeightMsgShareImportConfirmation, DefaultWeight: simulation.DefaultWeightMsgShareImportConfirmation, Factory: simulation.MsgShareImportConfirmationFactory(k)},
		{WeightKey: simulation.OpWeightMsgRefuseClearance, DefaultWeight: simulation.DefaultWeightMsgRefuseClearance, Factory: simulation.MsgRefuseClearanceFactory(k)},
		{WeightKey: simulation.OpWeightMsgWithdrawDeclaration, DefaultWeight: simulation.DefaultWeightMsgWithdrawDeclaration, Factory: simulation.MsgWithdrawDeclarationFactory(k)},
	})
}

// ProposalMsgsX registers MsgUpdateParams as a proposal payload.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
	})
}
