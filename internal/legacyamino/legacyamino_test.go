package legacyamino_test

import (
	"strings"
	"testing"

	"google.golang.org/grpc"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/testutil/testdata"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	gogoproto "github.com/cosmos/gogoproto/proto"

	"github.com/civicchain/civic/internal/legacyamino"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	didtypes "github.com/civicchain/civic/x/did/types"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
	haccptypes "github.com/civicchain/civic/x/haccp/types"
	tolltypes "github.com/civicchain/civic/x/toll/types"
)

// names maps each request message's full proto name to its Amino name.
func names(t *testing.T, sd *grpc.ServiceDesc) map[string]string {
	t.Helper()
	msgs, err := legacyamino.Msgs(sd)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != len(sd.Methods) {
		t.Fatalf("%d messages for the %d methods of %s", len(msgs), len(sd.Methods), sd.ServiceName)
	}
	got := map[string]string{}
	for _, m := range msgs {
		got[gogoproto.MessageName(m.Msg)] = m.Name
	}
	return got
}

// TestMsgsReadTheAminoNameOption checks the names against x/bank's tx.proto,
// whose options do not follow one pattern.
func TestMsgsReadTheAminoNameOption(t *testing.T) {
	got := names(t, &banktypes.Msg_serviceDesc)
	for msg, want := range map[string]string{
		"cosmos.bank.v1beta1.MsgSend":           "cosmos-sdk/MsgSend",
		"cosmos.bank.v1beta1.MsgMultiSend":      "cosmos-sdk/MsgMultiSend",
		"cosmos.bank.v1beta1.MsgUpdateParams":   "cosmos-sdk/x/bank/MsgUpdateParams",
		"cosmos.bank.v1beta1.MsgSetSendEnabled": "cosmos-sdk/MsgSetSendEnabled",
	} {
		if got[msg] != want {
			t.Errorf("%s: Amino name %q, want %q", msg, got[msg], want)
		}
	}
}

// TestCivicAminoNames checks every civic message's name: civic/<proto package
// segment>/<message>, the names the modules registered by hand before.
func TestCivicAminoNames(t *testing.T) {
	for pkg, sd := range map[string]*grpc.ServiceDesc{
		"agency":   &agencytypes.Msg_serviceDesc,
		"did":      &didtypes.Msg_serviceDesc,
		"evidence": &evidencetypes.Msg_serviceDesc,
		"haccp":    &haccptypes.Msg_serviceDesc,
		"toll":     &tolltypes.Msg_serviceDesc,
	} {
		for msg, name := range names(t, sd) {
			short := strings.TrimPrefix(msg, "civic."+pkg+".v1.")
			if want := "civic/" + pkg + "/" + short; name != want {
				t.Errorf("%s: Amino name %q, want %q", msg, name, want)
			}
		}
	}
}

func TestRegisterMsgsSignBytesCarryTheName(t *testing.T) {
	cdc := codec.NewLegacyAmino()
	legacyamino.RegisterMsgs(cdc, &agencytypes.Msg_serviceDesc)
	bz, err := cdc.MarshalJSON(&agencytypes.MsgWithdrawMembershipOffer{Admin: "civic1x"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"type":"civic/agency/MsgWithdrawMembershipOffer","value":{"admin":"civic1x"}}`; string(bz) != want {
		t.Fatalf("amino JSON %s, want %s", bz, want)
	}
}

func TestMissingOptionFails(t *testing.T) {
	// testpb.MsgCreateDog, the request of the SDK's test Msg service, has no (amino.name).
	_, err := legacyamino.Msgs(&testdata.Msg_serviceDesc)
	if err == nil || err.Error() != "message testpb.MsgCreateDog has no (amino.name) option" {
		t.Fatalf("Msgs: %v", err)
	}
	defer func() {
		r := recover()
		e, ok := r.(error)
		if !ok || e.Error() != "legacy amino registration of testpb.Msg: message testpb.MsgCreateDog has no (amino.name) option" {
			t.Fatalf("RegisterMsgs panicked with %v", r)
		}
	}()
	legacyamino.RegisterMsgs(codec.NewLegacyAmino(), &testdata.Msg_serviceDesc)
}

func TestUnknownServiceFails(t *testing.T) {
	_, err := legacyamino.Msgs(&grpc.ServiceDesc{ServiceName: "civic.nothing.v1.Msg"})
	if err == nil || !strings.HasPrefix(err.Error(), "service civic.nothing.v1.Msg: ") {
		t.Fatalf("Msgs: %v", err)
	}
}
