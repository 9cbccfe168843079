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
		&MsgRegisterFacility{},
		&MsgAddFacilityStaff{},
		&MsgRemoveFacilityStaff{},
		&MsgIssueCertificate{},
		&MsgSuspendCertificate{},
		&MsgReinstateCertificate{},
		&MsgRevokeCertificate{},
		&MsgRenewCertificate{},
		&MsgRecordAudit{},
		&MsgAnchorCcpRecord{},
		&MsgRecordCorrectiveAction{},
		&MsgReceiveHygieneCert{},
		&MsgVerifyHygieneCert{},
		&MsgDeclareImport{},
		&MsgStartInspection{},
		&MsgRecordInspection{},
		&MsgClearDeclaration{},
		&MsgIssueRecall{},
		&MsgCloseRecall{},
		&MsgShareImportConfirmation{},
		&MsgUpdateParams{},
		&MsgWithdrawDeclaration{},
		&MsgRefuseClearance{},
	)
	msgservice.RegisterMsgServiceDesc(ir, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the messages for Amino JSON signing (Ledger).
// The names match the (amino.name) options in tx.proto and stay within 39 characters.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgRegisterFacility{}, "civic/haccp/MsgRegisterFacility")
	legacy.RegisterAminoMsg(cdc, &MsgAddFacilityStaff{}, "civic/haccp/MsgAddFacilityStaff")
	legacy.RegisterAminoMsg(cdc, &MsgRemoveFacilityStaff{}, "civic/haccp/MsgRemoveFacilityStaff")
	legacy.RegisterAminoMsg(cdc, &MsgIssueCertificate{}, "civic/haccp/MsgIssueCertificate")
	legacy.RegisterAminoMsg(cdc, &MsgSuspendCertificate{}, "civic/haccp/MsgSuspendCertificate")
	legacy.RegisterAminoMsg(cdc, &MsgReinstateCertificate{}, "civic/haccp/MsgReinstateCertificate")
	legacy.RegisterAminoMsg(cdc, &MsgRevokeCertificate{}, "civic/haccp/MsgRevokeCertificate")
	legacy.RegisterAminoMsg(cdc, &MsgRenewCertificate{}, "civic/haccp/MsgRenewCertificate")
	legacy.RegisterAminoMsg(cdc, &MsgRecordAudit{}, "civic/haccp/MsgRecordAudit")
	legacy.RegisterAminoMsg(cdc, &MsgAnchorCcpRecord{}, "civic/haccp/MsgAnchorCcpRecord")
	legacy.RegisterAminoMsg(cdc, &MsgRecordCorrectiveAction{}, "civic/haccp/MsgRecordCorrectiveAction")
	legacy.RegisterAminoMsg(cdc, &MsgReceiveHygieneCert{}, "civic/haccp/MsgReceiveHygieneCert")
	legacy.RegisterAminoMsg(cdc, &MsgVerifyHygieneCert{}, "civic/haccp/MsgVerifyHygieneCert")
	legacy.RegisterAminoMsg(cdc, &MsgDeclareImport{}, "civic/haccp/MsgDeclareImport")
	legacy.RegisterAminoMsg(cdc, &MsgStartInspection{}, "civic/haccp/MsgStartInspection")
	legacy.RegisterAminoMsg(cdc, &MsgRecordInspection{}, "civic/haccp/MsgRecordInspection")
	legacy.RegisterAminoMsg(cdc, &MsgClearDeclaration{}, "civic/haccp/MsgClearDeclaration")
	legacy.RegisterAminoMsg(cdc, &MsgIssueRecall{}, "civic/haccp/MsgIssueRecall")
	legacy.RegisterAminoMsg(cdc, &MsgCloseRecall{}, "civic/haccp/MsgCloseRecall")
	legacy.RegisterAminoMsg(cdc, &MsgShareImportConfirmation{}, "civic/haccp/MsgShareImportConfirmation")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "civic/haccp/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgWithdrawDeclaration{}, "civic/haccp/MsgWithdrawDeclaration")
	legacy.RegisterAminoMsg(cdc, &MsgRefuseClearance{}, "civic/haccp/MsgRefuseClearance")
	cdc.RegisterConcrete(&Params{}, "civic/haccp/Params", nil)
}
