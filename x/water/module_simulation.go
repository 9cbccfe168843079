package water

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	sim "github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/water/simulation"
)

// AppModuleSimulation: random genesis and store decoder (modulebase.Base), and the simsx
// message factories of simulation/ with their weights (the AppParams key of each and its
// default).
var _ sim.Module = AppModule{}

// WeightedOperationsX registers every message but MsgUpdateParams (a proposal payload).
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgRegisterSite, DefaultWeight: simulation.DefaultWeightMsgRegisterSite, Factory: simulation.MsgRegisterSiteFactory(k)},
		{WeightKey: simulation.OpWeightMsgDecommissionSite, DefaultWeight: simulation.DefaultWeightMsgDecommissionSite, Factory: simulation.MsgDecommissionSiteFactory(k)},
		{WeightKey: simulation.OpWeightMsgRegisterSensor, DefaultWeight: simulation.DefaultWeightMsgRegisterSensor, Factory: simulation.MsgRegisterSensorFactory(k)},
		{WeightKey: simulation.OpWeightMsgRecordCalibration, DefaultWeight: simulation.DefaultWeightMsgRecordCalibration, Factory: simulation.MsgRecordCalibrationFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetSensorStatus, DefaultWeight: simulation.DefaultWeightMsgSetSensorStatus, Factory: simulation.MsgSetSensorStatusFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetThreshold, DefaultWeight: simulation.DefaultWeightMsgSetThreshold, Factory: simulation.MsgSetThresholdFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetOperationalBand, DefaultWeight: simulation.DefaultWeightMsgSetOperationalBand, Factory: simulation.MsgSetOperationalBandFactory(k)},
		{WeightKey: simulation.OpWeightMsgClearOperationalBand, DefaultWeight: simulation.DefaultWeightMsgClearOperationalBand, Factory: simulation.MsgClearOperationalBandFactory(k)},
		{WeightKey: simulation.OpWeightMsgSubmitReading, DefaultWeight: simulation.DefaultWeightMsgSubmitReading, Factory: simulation.MsgSubmitReadingFactory(k)},
		{WeightKey: simulation.OpWeightMsgSubmitBatch, DefaultWeight: simulation.DefaultWeightMsgSubmitBatch, Factory: simulation.MsgSubmitBatchFactory(k)},
		{WeightKey: simulation.OpWeightMsgAcknowledgeAlert, DefaultWeight: simulation.DefaultWeightMsgAcknowledgeAlert, Factory: simulation.MsgAcknowledgeAlertFactory(k)},
		{WeightKey: simulation.OpWeightMsgResolveAlert, DefaultWeight: simulation.DefaultWeightMsgResolveAlert, Factory: simulation.MsgResolveAlertFactory(k)},
		{WeightKey: simulation.OpWeightMsgLinkAlert, DefaultWeight: simulation.DefaultWeightMsgLinkAlert, Factory: simulation.MsgLinkAlertFactory(k)},
	})
}

// ProposalMsgsX registers MsgUpdateParams and MsgSetThreshold (signed by the x/gov
// authority) as proposal payloads.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
		{WeightKey: simulation.OpWeightMsgSetThresholdGov, DefaultWeight: simulation.DefaultWeightMsgSetThresholdGov, Factory: simulation.MsgSetThresholdGovFactory(am.keeper)},
	})
}
