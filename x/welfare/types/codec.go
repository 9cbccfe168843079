package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"

	"github.com/civicchain/civic/internal/legacyamino"
)

// RegisterInterfaces registers the module's Msg service: every request as an
// sdk.Msg implementation, every response as a MsgResponse.
func RegisterInterfaces(ir codectypes.InterfaceRegistry) {
	msgservice.RegisterMsgServiceDesc(ir, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing
// (Ledger) under their (amino.name) options in tx.proto, and Params.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacyamino.RegisterMsgs(cdc, &_Msg_serviceDesc)
	cdc.RegisterConcrete(&Params{}, "civic/welfare/Params", nil)
}
