package did

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/x/did/simulation"
)

// AppModuleSimulation: random genesis, store decoder and simsx message factories
// (x/simulation; see simulation/).

var (
	_ module.AppModuleSimulation   = AppModule{}
	_ simsx.HasWeightedOperationsX = AppModule{}
	_ simsx.HasProposalMsgsX       = AppModule{}
)

// WeightedOperationsX registers every account-signed message of the module.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k, ak := am.keeper, am.agencies
	reg.Add(weights.Get(simulation.OpWeightMsgCreateDid, simulation.DefaultWeightMsgCreateDid), simulation.MsgCreateDidFactory(k, ak))
	reg.Add(weights.Get(simulation.OpWeightMsgUpdateDid, simulation.DefaultWeightMsgUpdateDid), simulation.MsgUpdateDidFactory(k, ak))
	reg.Add(weights.Get(simulation.OpWeightMsgDeactivateDid, simulation.DefaultWeightMsgDeactivateDid), simulation.MsgDeactivateDidFactory(k, ak))
	reg.Add(weights.Get(simulation.OpWeightMsgRegisterSchema, simulation.DefaultWeightMsgRegisterSchema), simulation.MsgRegisterSchemaFactory(k, ak))
	reg.Add(weights.Get(simulation.OpWeightMsgBindIssuer, simulation.DefaultWeightMsgBindIssuer), simulation.MsgBindIssuerFactory(k, ak))
	reg.Add(weights.Get(simulation.OpWeightMsgUnbindIssuer, simulation.DefaultWeightMsgUnbindIssuer), simulation.MsgUnbindIssuerFactory(k, ak))
	reg.Add(weights.Get(simulation.OpWeightMsgSetIssuerSchemas, simulation.DefaultWeightMsgSetIssuerSchemas), simulation.MsgSetIssuerSchemasFactory(k, ak))
	reg.Add(weights.Get(simulation.OpWeightMsgCreateStatusList, simulation.DefaultWeightMsgCreateStatusList), simulation.MsgCreateStatusListFactory(k, ak))
	reg.Add(weights.Get(simulation.OpWeightMsgUpdateStatusList, simulation.DefaultWeightMsgUpdateStatusList), simulation.MsgUpdateStatusListFactory(k, ak))
}

// ProposalMsgsX registers MsgUpdateParams as a proposal payload.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get(simulation.OpWeightMsgUpdateParams, simulation.DefaultWeightMsgUpdateParams), simulation.MsgUpdateParamsFactory(am.keeper))
}
