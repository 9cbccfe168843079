package toll

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/x/toll/simulation"
	"github.com/civicchain/civic/x/toll/types"
)

// AppModuleSimulation: random genesis, store decoder and simsx message factories
// (x/simulation; see simulation/).

var (
	_ module.AppModuleSimulation   = AppModule{}
	_ simsx.HasWeightedOperationsX = AppModule{}
	_ simsx.HasProposalMsgsX       = AppModule{}
)

// WeightedOperationsX registers every message but MsgUpdateParams (a proposal payload).
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	reg.Add(weights.Get(simulation.OpWeightMsgRegisterOperator, simulation.DefaultWeightMsgRegisterOperator), simulation.MsgRegisterOperatorFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRegisterPlaza, simulation.DefaultWeightMsgRegisterPlaza), simulation.MsgRegisterPlazaFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRegisterSegment, simulation.DefaultWeightMsgRegisterSegment), simulation.MsgRegisterSegmentFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgSetTariff, simulation.DefaultWeightMsgSetTariff), simulation.MsgSetTariffFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgSetSpendingLimit, simulation.DefaultWeightMsgSetSpendingLimit), simulation.MsgSetSpendingLimitFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRecordTripAccount, simulation.DefaultWeightMsgRecordTripAccount), simulation.MsgRecordTripFactory(k, types.PaymentAccount))
	reg.Add(weights.Get(simulation.OpWeightMsgRecordTripOffchain, simulation.DefaultWeightMsgRecordTripOffchain), simulation.MsgRecordTripFactory(k, types.PaymentOffchain))
	reg.Add(weights.Get(simulation.OpWeightMsgPayTrip, simulation.DefaultWeightMsgPayTrip), simulation.MsgPayTripFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgSubmitTripBatch, simulation.DefaultWeightMsgSubmitTripBatch), simulation.MsgSubmitTripBatchFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgSubmitPeriod, simulation.DefaultWeightMsgSubmitPeriod), simulation.MsgSubmitPeriodFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgConfirmPeriod, simulation.DefaultWeightMsgConfirmPeriod), simulation.MsgConfirmPeriodFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgSettlePeriod, simulation.DefaultWeightMsgSettlePeriod), simulation.MsgSettlePeriodFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgOpenDispute, simulation.DefaultWeightMsgOpenDispute), simulation.MsgOpenDisputeFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgResolveDispute, simulation.DefaultWeightMsgResolveDispute), simulation.MsgResolveDisputeFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgAppealDispute, simulation.DefaultWeightMsgAppealDispute), simulation.MsgAppealDisputeFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRegisterRoute, simulation.DefaultWeightMsgRegisterRoute), simulation.MsgRegisterRouteFactory(k))
	reg.Add(weights.Get(simulation.OpWeightMsgRetireSegment, simulation.DefaultWeightMsgRetireSegment), simulation.MsgRetireSegmentFactory(k))
}

// ProposalMsgsX registers MsgUpdateParams and MsgDecideDispute as proposal payloads.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get(simulation.OpWeightMsgUpdateParams, simulation.DefaultWeightMsgUpdateParams), simulation.MsgUpdateParamsFactory(am.keeper))
	reg.Add(weights.Get(simulation.OpWeightMsgDecideDispute, simulation.DefaultWeightMsgDecideDispute), simulation.MsgDecideDisputeFactory(am.keeper))
}
