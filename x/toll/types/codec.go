package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterInterfaces registers the module's messages as sdk.Msg implementations
// and its Msg service descriptor.
func RegisterInterfaces(ir codectypes.InterfaceRegistry) {
	ir.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{},
		&MsgRegisterOperator{},
		&MsgRegisterPlaza{},
		&MsgRegisterSegment{},
		&MsgSetTariff{},
		&MsgSetSpendingLimit{},
		&MsgRecordTrip{},
		&MsgPayTrip{},
		&MsgSubmitTripBatch{},
		&MsgSubmitPeriod{},
		&MsgConfirmPeriod{},
		&MsgSettlePeriod{},
		&MsgOpenDispute{},
		&MsgResolveDispute{},
		&MsgAppealDispute{},
		&MsgDecideDispute{},
		&MsgRegisterRoute{},
		&MsgRetireSegment{},
	)
	msgservice.RegisterMsgServiceDesc(ir, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing (Ledger).
// The names match the (amino.name) options in tx.proto and stay within 39 characters.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "civic/toll/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterOperator{}, "civic/toll/MsgRegisterOperator")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterPlaza{}, "civic/toll/MsgRegisterPlaza")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterSegment{}, "civic/toll/MsgRegisterSegment")
	legacy.RegisterAminoMsg(cdc, &MsgSetTariff{}, "civic/toll/MsgSetTariff")
	legacy.RegisterAminoMsg(cdc, &MsgSetSpendingLimit{}, "civic/toll/MsgSetSpendingLimit")
	legacy.RegisterAminoMsg(cdc, &MsgRecordTrip{}, "civic/toll/MsgRecordTrip")
	legacy.RegisterAminoMsg(cdc, &MsgPayTrip{}, "civic/toll/MsgPayTrip")
	legacy.RegisterAminoMsg(cdc, &MsgSubmitTripBatch{}, "civic/toll/MsgSubmitTripBatch")
	legacy.RegisterAminoMsg(cdc, &MsgSubmitPeriod{}, "civic/toll/MsgSubmitPeriod")
	legacy.RegisterAminoMsg(cdc, &MsgConfirmPeriod{}, "civic/toll/MsgConfirmPeriod")
	legacy.RegisterAminoMsg(cdc, &MsgSettlePeriod{}, "civic/toll/MsgSettlePeriod")
	legacy.RegisterAminoMsg(cdc, &MsgOpenDispute{}, "civic/toll/MsgOpenDispute")
	legacy.RegisterAminoMsg(cdc, &MsgResolveDispute{}, "civic/toll/MsgResolveDispute")
	legacy.RegisterAminoMsg(cdc, &MsgAppealDispute{}, "civic/toll/MsgAppealDispute")
	legacy.RegisterAminoMsg(cdc, &MsgDecideDispute{}, "civic/toll/MsgDecideDispute")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterRoute{}, "civic/toll/MsgRegisterRoute")
	legacy.RegisterAminoMsg(cdc, &MsgRetireSegment{}, "civic/toll/MsgRetireSegment")
	cdc.RegisterConcrete(&Params{}, "civic/toll/Params", nil)
}
