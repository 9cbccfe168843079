package agency

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/civicchain/civic/x/agency/simulation"
	"github.com/civicchain/civic/x/agency/types"
)

// AppModuleSimulation: random genesis, store decoder and simsx message factories
// (x/simulation; see simulation/).

var (
	_ module.AppModuleSimulation   = AppModule{}
	_ simsx.HasWeightedOperationsX = AppModule{}
	_ simsx.HasProposalMsgsX       = AppModule{}
)

// GenerateGenesisState writes a random genesis: agencies whose admins and members are
// simulation accounts, with roles from the catalog.
func (am AppModule) GenerateGenesisState(simState *module.SimulationState) {
	simulation.RandomizedGenState(simState, am.keeper.RoleCatalog())
}

// RegisterStoreDecoder decodes the module's store entries for simulation diffs.
func (am AppModule) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[types.StoreKey] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(am.keeper.Schema)
}

// WeightedOperations returns no legacy operations: the simsx runner uses WeightedOperationsX.
func (AppModule) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return nil
}

// WeightedOperationsX registers the agency admin messages and the offered accounts' answers.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get(simulation.OpWeightMsgAddMember, simulation.DefaultWeightMsgAddMember), simulation.MsgAddMemberFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgSetMemberRoles, simulation.DefaultWeightMsgSetMemberRoles), simulation.MsgSetMemberRolesFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgRemoveMember, simulation.DefaultWeightMsgRemoveMember), simulation.MsgRemoveMemberFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgTransferAdmin, simulation.DefaultWeightMsgTransferAdmin), simulation.MsgTransferAdminFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgAcceptMembership, simulation.DefaultWeightMsgAcceptMembership), simulation.MsgAcceptMembershipFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgDeclineMembership, simulation.DefaultWeightMsgDeclineMembership), simulation.MsgDeclineMembershipFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgWithdrawMembershipOffer, simulation.DefaultWeightMsgWithdrawMembershipOffer), simulation.MsgWithdrawMembershipOfferFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgAcceptAdmin, simulation.DefaultWeightMsgAcceptAdmin), simulation.MsgAcceptAdminFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgCancelAdminTransfer, simulation.DefaultWeightMsgCancelAdminTransfer), simulation.MsgCancelAdminTransferFactory(am.keeper))
}

// ProposalMsgsX registers the governance messages as proposal payloads.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get(simulation.OpWeightMsgRegisterAgency, simulation.DefaultWeightMsgRegisterAgency), simulation.MsgRegisterAgencyFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgSetAgencyStatus, simulation.DefaultWeightMsgSetAgencyStatus), simulation.MsgSetAgencyStatusFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgSetAgencyRoles, simulation.DefaultWeightMsgSetAgencyRoles), simulation.MsgSetAgencyRolesFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgUpdateParams, simulation.DefaultWeightMsgUpdateParams), simulation.MsgUpdateParamsFactory(am.keeper))
}
