package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/haccp/types"
)

func TestCodecRegistersEveryMsg(t *testing.T) {
	ir := codectypes.NewInterfaceRegistry()
	types.RegisterInterfaces(ir)
	for _, name := range []string{
		"MsgRegisterFacility",
		"MsgAddFacilityStaff",
		"MsgRemoveFacilityStaff",
		"MsgIssueCertificate",
		"MsgSuspendCertificate",
		"MsgReinstateCertificate",
		"MsgRevokeCertificate",
		"MsgRenewCertificate",
		"MsgRecordAudit",
		"MsgAnchorCcpRecord",
		"MsgRecordCorrectiveAction",
		"MsgReceiveHygieneCert",
		"MsgVerifyHygieneCert",
		"MsgDeclareImport",
		"MsgStartInspection",
		"MsgRecordInspection",
		"MsgClearDeclaration",
		"MsgIssueRecall",
		"MsgCloseRecall",
		"MsgShareImportConfirmation",
		"MsgUpdateParams",
	} {
		msg, err := ir.Resolve("/civic.haccp.v1." + name)
		require.NoError(t, err, name)
		_, ok := msg.(sdk.Msg)
		require.True(t, ok, name)
	}

	cdc := codec.NewLegacyAmino()
	require.NotPanics(t, func() { types.RegisterLegacyAminoCodec(cdc) })
	bz, err := cdc.MarshalJSON(&types.MsgCloseRecall{})
	require.NoError(t, err)
	require.Contains(t, string(bz), "civic/haccp/MsgCloseRecall")
}
