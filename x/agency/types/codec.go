package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterInterfaces registers the module's messages with the interface registry.
func RegisterInterfaces(ir codectypes.InterfaceRegistry) {
	ir.RegisterImplementations((*sdk.Msg)(nil),
		&MsgRegisterAgency{},
		&MsgSetAgencyRoles{},
		&MsgSetAgencyStatus{},
		&MsgUpdateParams{},
		&MsgAddMember{},
		&MsgAcceptMembership{},
		&MsgDeclineMembership{},
		&MsgWithdrawMembershipOffer{},
		&MsgSetMemberRoles{},
		&MsgRemoveMember{},
		&MsgTransferAdmin{},
		&MsgAcceptAdmin{},
		&MsgCancelAdminTransfer{},
	)
	msgservice.RegisterMsgServiceDesc(ir, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing (ledger).
// The names match the (amino.name) options in tx.proto and stay under 40 characters.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgRegisterAgency{}, "civic/agency/MsgRegisterAgency")
	legacy.RegisterAminoMsg(cdc, &MsgSetAgencyRoles{}, "civic/agency/MsgSetAgencyRoles")
	legacy.RegisterAminoMsg(cdc, &MsgSetAgencyStatus{}, "civic/agency/MsgSetAgencyStatus")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "civic/agency/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgAddMember{}, "civic/agency/MsgAddMember")
	legacy.RegisterAminoMsg(cdc, &MsgAcceptMembership{}, "civic/agency/MsgAcceptMembership")
	legacy.RegisterAminoMsg(cdc, &MsgDeclineMembership{}, "civic/agency/MsgDeclineMembership")
	legacy.RegisterAminoMsg(cdc, &MsgWithdrawMembershipOffer{}, "civic/agency/MsgWithdrawMembershipOffer")
	legacy.RegisterAminoMsg(cdc, &MsgSetMemberRoles{}, "civic/agency/MsgSetMemberRoles")
	legacy.RegisterAminoMsg(cdc, &MsgRemoveMember{}, "civic/agency/MsgRemoveMember")
	legacy.RegisterAminoMsg(cdc, &MsgTransferAdmin{}, "civic/agency/MsgTransferAdmin")
	legacy.RegisterAminoMsg(cdc, &MsgAcceptAdmin{}, "civic/agency/MsgAcceptAdmin")
	legacy.RegisterAminoMsg(cdc, &MsgCancelAdminTransfer{}, "civic/agency/MsgCancelAdminTransfer")
	cdc.RegisterConcrete(&Params{}, "civic/agency/Params", nil)
}
