package agency

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	sim "github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/agency/simulation"
)

// AppModuleSimulation: random genesis and store decoder (modulebase.Base), and the simsx
// message factories of simulation/ with their weights (the AppParams key of each and its
// default).
var _ sim.Module = AppModule{}

// WeightedOperationsX registers the agency admin messages and the offered accounts' answers.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgAddMember, DefaultWeight: simulation.DefaultWeightMsgAddMember, Factory: simulation.MsgAddMemberFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetMemberRoles, DefaultWeight: simulation.DefaultWeightMsgSetMemberRoles, Factory: simulation.MsgSetMemberRolesFactory(k)},
		{WeightKey: simulation.OpWeightMsgRemoveMember, DefaultWeight: simulation.DefaultWeightMsgRemoveMember, Factory: simulation.MsgRemoveMemberFactory(k)},
		{WeightKey: simulation.OpWeightMsgTransferAdmin, DefaultWeight: simulation.DefaultWeightMsgTransferAdmin, Factory: simulation.MsgTransferAdminFactory(k)},
		{WeightKey: simulation.OpWeightMsgAcceptMembership, DefaultWeight: simulation.DefaultWeightMsgAcceptMembership, Factory: simulation.MsgAcceptMembershipFactory(k)},
		{WeightKey: simulation.OpWeightMsgDeclineMembership, DefaultWeight: simulation.DefaultWeightMsgDeclineMembership, Factory: simulation.MsgDeclineMembershipFactory(k)},
		{WeightKey: simulation.OpWeightMsgWithdrawMembershipOffer, DefaultWeight: simulation.DefaultWeightMsgWithdrawMembershipOffer, Factory: simulation.MsgWithdrawMembershipOfferFactory(k)},
		{WeightKey: simulation.OpWeightMsgAcceptAdmin, DefaultWeight: simulation.DefaultWeightMsgAcceptAdmin, Factory: simulation.MsgAcceptAdminFactory(k)},
		{WeightKey: simulation.OpWeightMsgCancelAdminTransfer, DefaultWeight: simulation.DefaultWeightMsgCancelAdminTransfer, Factory: simulation.MsgCancelAdminTransferFactory(k)},
	})
}

// ProposalMsgsX registers the governance messages as proposal payloads.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgRegisterAgency, DefaultWeight: simulation.DefaultWeightMsgRegisterAgency, Factory: simulation.MsgRegisterAgencyFactory(am.keeper)},
		{WeightKey: simulation.OpWeightMsgSetAgencyStatus, DefaultWeight: simulation.DefaultWeightMsgSetAgencyStatus, Factory: simulation.MsgSetAgencyStatusFactory(am.keeper)},
		{WeightKey: simulation.OpWeightMsgSetAgencyRoles, DefaultWeight: simulation.DefaultWeightMsgSetAgencyRoles, Factory: simulation.MsgSetAgencyRolesFactory(am.keeper)},
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
	})
}
