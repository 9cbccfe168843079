package disaster

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	sim "github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/disaster/simulation"
)

// AppModuleSimulation: random genesis and store decoder (modulebase.Base), and the simsx
// message factories of simulation/ with their weights (the AppParams key of each and its
// default).
var _ sim.Module = AppModule{}

// WeightedOperationsX registers every message of the incident lifecycle and public alerts.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgDeclareIncident, DefaultWeight: simulation.DefaultWeightMsgDeclareIncident, Factory: simulation.MsgDeclareIncidentFactory(k)},
		{WeightKey: simulation.OpWeightMsgUpdateIncident, DefaultWeight: simulation.DefaultWeightMsgUpdateIncident, Factory: simulation.MsgUpdateIncidentFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetIncidentStatus, DefaultWeight: simulation.DefaultWeightMsgSetIncidentStatus, Factory: simulation.MsgSetIncidentStatusFactory(k)},
		{WeightKey: simulation.OpWeightMsgIssuePublicAlert, DefaultWeight: simulation.DefaultWeightMsgIssuePublicAlert, Factory: simulation.MsgIssuePublicAlertFactory(k)},
	})
}

// ProposalMsgsX registers MsgUpdateParams as a proposal payload.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
	})
}
