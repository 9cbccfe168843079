package agency

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/x/agency/simulation"
)

// AppModuleSimulation: random genesis, store decoder and simsx message factories
// (x/simulation; see simulation/).

var (
	_ module.AppModuleSimulation   = AppModule{}
	_ simsx.HasWeightedOperationsX = AppModule{}
	_ simsx.HasProposalMsgsX       = AppModule{}
)

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
