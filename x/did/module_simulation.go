package did

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	sim "github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/did/simulation"
)

// AppModuleSimulation: random genesis and store decoder (modulebase.Base), and the simsx
// message factories of simulation/ with their weights (the AppParams key of each and its
// default).
var _ sim.Module = AppModule{}

// WeightedOperationsX registers every account-signed message of the module.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k, ak := am.keeper, am.agencies
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgCreateDid, DefaultWeight: simulation.DefaultWeightMsgCreateDid, Factory: simulation.MsgCreateDidFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgUpdateDid, DefaultWeight: simulation.DefaultWeightMsgUpdateDid, Factory: simulation.MsgUpdateDidFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgDeactivateDid, DefaultWeight: simulation.DefaultWeightMsgDeactivateDid, Factory: simulation.MsgDeactivateDidFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgRegisterSchema, DefaultWeight: simulation.DefaultWeightMsgRegisterSchema, Factory: simulation.MsgRegisterSchemaFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgBindIssuer, DefaultWeight: simulation.DefaultWeightMsgBindIssuer, Factory: simulation.MsgBindIssuerFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgUnbindIssuer, DefaultWeight: simulation.DefaultWeightMsgUnbindIssuer, Factory: simulation.MsgUnbindIssuerFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgSetIssuerSchemas, DefaultWeight: simulation.DefaultWeightMsgSetIssuerSchemas, Factory: simulation.MsgSetIssuerSchemasFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgCreateStatusList, DefaultWeight: simulation.DefaultWeightMsgCreateStatusList, Factory: simulation.MsgCreateStatusListFactory(k, ak)},
		{WeightKey: simulation.OpWeightMsgUpdateStatusList, DefaultWeight: simulation.DefaultWeightMsgUpdateStatusList, Factory: simulation.MsgUpdateStatusListFactory(k, ak)},
	})
}

// ProposalMsgsX registers MsgUpdateParams as a proposal payload.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
	})
}
