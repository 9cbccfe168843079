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
		&MsgOpenCase{},
		&MsgCloseCase{},
		&MsgRegisterEvidence{},
		&MsgTakeCustody{},
		&MsgProposeTransfer{},
		&MsgAcceptTransfer{},
		&MsgRejectTransfer{},
		&MsgCancelTransfer{},
		&MsgStartAnalysis{},
		&MsgCompleteAnalysis{},
		&MsgSubmitToCourt{},
		&MsgRecordCourtDecision{},
		&MsgArchive{},
		&MsgDispose{},
		&MsgReturn{},
		&MsgVerifyIntegrity{},
		&MsgUpdateParams{},
	)
	msgservice.RegisterMsgServiceDesc(ir, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing (Ledger).
// The names match the (amino.name) options in tx.proto and stay within 39 characters.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgOpenCase{}, "civic/evidence/MsgOpenCase")
	legacy.RegisterAminoMsg(cdc, &MsgCloseCase{}, "civic/evidence/MsgCloseCase")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterEvidence{}, "civic/evidence/MsgRegisterEvidence")
	legacy.RegisterAminoMsg(cdc, &MsgTakeCustody{}, "civic/evidence/MsgTakeCustody")
	legacy.RegisterAminoMsg(cdc, &MsgProposeTransfer{}, "civic/evidence/MsgProposeTransfer")
	legacy.RegisterAminoMsg(cdc, &MsgAcceptTransfer{}, "civic/evidence/MsgAcceptTransfer")
	legacy.RegisterAminoMsg(cdc, &MsgRejectTransfer{}, "civic/evidence/MsgRejectTransfer")
	legacy.RegisterAminoMsg(cdc, &MsgCancelTransfer{}, "civic/evidence/MsgCancelTransfer")
	legacy.RegisterAminoMsg(cdc, &MsgStartAnalysis{}, "civic/evidence/MsgStartAnalysis")
	legacy.RegisterAminoMsg(cdc, &MsgCompleteAnalysis{}, "civic/evidence/MsgCompleteAnalysis")
	legacy.RegisterAminoMsg(cdc, &MsgSubmitToCourt{}, "civic/evidence/MsgSubmitToCourt")
	legacy.RegisterAminoMsg(cdc, &MsgRecordCourtDecision{}, "civic/evidence/MsgRecordCourtDecision")
	legacy.RegisterAminoMsg(cdc, &MsgArchive{}, "civic/evidence/MsgArchive")
	legacy.RegisterAminoMsg(cdc, &MsgDispose{}, "civic/evidence/MsgDispose")
	legacy.RegisterAminoMsg(cdc, &MsgReturn{}, "civic/evidence/MsgReturn")
	legacy.RegisterAminoMsg(cdc, &MsgVerifyIntegrity{}, "civic/evidence/MsgVerifyIntegrity")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "civic/evidence/MsgUpdateParams")
	cdc.RegisterConcrete(&Params{}, "civic/evidence/Params", nil)
}
