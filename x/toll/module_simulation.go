package toll

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	sim "github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/toll/simulation"
	"github.com/civicchain/civic/x/toll/types"
)

// AppModuleSimulation: random genesis and store decoder (modulebase.Base), and the simsx
// message factories of simulation/ with their weights (the AppParams key of each and its
// default).
var _ sim.Module = AppModule{}

// WeightedOperationsX registers every message but MsgUpdateParams (a proposal payload).
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgRegisterOperator, DefaultWeight: simulation.DefaultWeightMsgRegisterOperator, Factory: simulation.MsgRegisterOperatorFactory(k)},
		{WeightKey: simulation.OpWeightMsgRegisterPlaza, DefaultWeight: simulation.DefaultWeightMsgRegisterPlaza, Factory: simulation.MsgRegisterPlazaFactory(k)},
		{WeightKey: simulation.OpWeightMsgRegisterSegment, DefaultWeight: simulation.DefaultWeightMsgRegisterSegment, Factory: simulation.MsgRegisterSegmentFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetTariff, DefaultWeight: simulation.DefaultWeightMsgSetTariff, Factory: simulation.MsgSetTariffFactory(k)},
		{WeightKey: simulation.OpWeightMsgSetSpendingLimit, DefaultWeight: simulation.DefaultWeightMsgSetSpendingLimit, Factory: simulation.MsgSetSpendingLimitFactory(k)},
		{WeightKey: simulation.OpWeightMsgRecordTripAccount, DefaultWeight: simulation.DefaultWeightMsgRecordTripAccount, Factory: simulation.MsgRecordTripFactory(k, types.PaymentAccount)},
		{WeightKey: simulation.OpWeightMsgRecordTripOffchain, DefaultWeight: simulation.DefaultWeightMsgRecordTripOffchain, Factory: simulation.MsgRecordTripFactory(k, types.PaymentOffchain)},
		{WeightKey: simulation.OpWeightMsgPayTrip, DefaultWeight: simulation.DefaultWeightMsgPayTrip, Factory: simulation.MsgPayTripFactory(k)},
		{WeightKey: simulation.OpWeightMsgSubmitTripBatch, DefaultWeight: simulation.DefaultWeightMsgSubmitTripBatch, Factory: simulation.MsgSubmitTripBatchFactory(k)},
		{WeightKey: simulation.OpWeightMsgSubmitPeriod, DefaultWeight: simulation.DefaultWeightMsgSubmitPeriod, Factory: simulation.MsgSubmitPeriodFactory(k)},
		{WeightKey: simulation.OpWeightMsgConfirmPeriod, DefaultWeight: simulation.DefaultWeightMsgConfirmPeriod, Factory: simulation.MsgConfirmPeriodFactory(k)},
		{WeightKey: simulation.OpWeightMsgSettlePeriod, DefaultWeight: simulation.DefaultWeightMsgSettlePeriod, Factory: simulation.MsgSettlePeriodFactory(k)},
		{WeightKey: simulation.OpWeightMsgOpenDispute, DefaultWeight: simulation.DefaultWeightMsgOpenDispute, Factory: simulation.MsgOpenDisputeFactory(k)},
		{WeightKey: simulation.OpWeightMsgResolveDispute, DefaultWeight: simulation.DefaultWeightMsgResolveDispute, Factory: simulation.MsgResolveDisputeFactory(k)},
		{WeightKey: simulation.OpWeightMsgAppealDispute, DefaultWeight: simulation.DefaultWeightMsgAppealDispute, Factory: simulation.MsgAppealDisputeFactory(k)},
		{WeightKey: simulation.OpWeightMsgRegisterRoute, DefaultWeight: simulation.DefaultWeightMsgRegisterRoute, Factory: simulation.MsgRegisterRouteFactory(k)},
		{WeightKey: simulation.OpWeightMsgRetireSegment, DefaultWeight: simulation.DefaultWeightMsgRetireSegment, Factory: simulation.MsgRetireSegmentFactory(k)},
	})
}

// ProposalMsgsX registers MsgUpdateParams and MsgDecideDispute as proposal payloads.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	sim.Register(weights, reg, []sim.Op{
		{WeightKey: simulation.OpWeightMsgUpdateParams, DefaultWeight: simulation.DefaultWeightMsgUpdateParams, Factory: simulation.MsgUpdateParamsFactory(am.keeper)},
		{WeightKey: simulation.OpWeightMsgDecideDispute, DefaultWeight: simulation.DefaultWeightMsgDecideDispute, Factory: simulation.MsgDecideDisputeFactory(am.keeper)},
	})
}
