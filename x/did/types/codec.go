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
		&MsgCreateDid{},
		&MsgUpdateDid{},
		&MsgDeactivateDid{},
		&MsgRegisterSchema{},
		&MsgBindIssuer{},
		&MsgUnbindIssuer{},
		&MsgSetIssuerSchemas{},
		&MsgCreateStatusList{},
		&MsgUpdateStatusList{},
		&MsgUpdateParams{},
	)
	msgservice.RegisterMsgServiceDesc(ir, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing (Ledger).
// The names match the (amino.name) options in tx.proto and stay within 39 characters.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgCreateDid{}, "civic/did/MsgCreateDid")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateDid{}, "civic/did/MsgUpdateDid")
	legacy.RegisterAminoMsg(cdc, &MsgDeactivateDid{}, "civic/did/MsgDeactivateDid")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterSchema{}, "civic/did/MsgRegisterSchema")
	legacy.RegisterAminoMsg(cdc, &MsgBindIssuer{}, "civic/did/MsgBindIssuer")
	legacy.RegisterAminoMsg(cdc, &MsgUnbindIssuer{}, "civic/did/MsgUnbindIssuer")
	legacy.RegisterAminoMsg(cdc, &MsgSetIssuerSchemas{}, "civic/did/MsgSetIssuerSchemas")
	legacy.RegisterAminoMsg(cdc, &MsgCreateStatusList{}, "civic/did/MsgCreateStatusList")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateStatusList{}, "civic/did/MsgUpdateStatusList")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "civic/did/MsgUpdateParams")
	cdc.RegisterConcrete(&Params{}, "civic/did/Params", nil)
}
