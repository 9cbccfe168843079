package bench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	haccptypes "github.com/civicchain/civic/x/haccp/types"
)

// The haccp workloads must send messages the chain accepts statelessly, with
// declaration numbers distinct across accounts and counters; DeclareImport
// waits for a facility.
func TestHaccpWorkloads(t *testing.T) {
	accts, err := NewLoadAccounts(2)
	if err != nil {
		t.Fatal(err)
	}
	env := NewEnv(accts, "ucivic")
	env.RunID = "run1"

	for i, m := range (RegisterFacility{}).Msgs(env, 1, 2) {
		msg := m.(*haccptypes.MsgRegisterFacility)
		if msg.Operator != accts[1].Address || msg.Type != haccptypes.FacilityTypeImporter {
			t.Fatalf("facility %d: operator %s type %s", i, msg.Operator, msg.Type)
		}
		if err := haccptypes.ValidateDigest("business_registration_digest", msg.BusinessRegistrationDigest); err != nil {
			t.Fatal(err)
		}
		if err := haccptypes.ValidateRegionCode(msg.RegionCode); err != nil {
			t.Fatal(err)
		}
	}
	if got := (DeclareImport{}).Msgs(env, 0, 3); len(got) != 0 {
		t.Fatalf("%d declarations before the account has a facility", len(got))
	}
	RegisterFacility{}.Committed(env, 0, nil, []Event{{Type: "civic.haccp.v1.EventFacilityRegistered", Attrs: map[string]string{"facility_id": "7"}}})

	seen := map[string]bool{}
	for i, m := range (DeclareImport{}).Msgs(env, 0, 3) {
		msg := m.(*haccptypes.MsgDeclareImport)
		if msg.ImporterFacilityId != 7 || msg.Signer != accts[0].Address {
			t.Fatalf("declaration %d: facility %d signer %s", i, msg.ImporterFacilityId, msg.Signer)
		}
		if err := haccptypes.ValidateDeclNo(msg.DeclNo); err != nil {
			t.Fatal(err)
		}
		if err := haccptypes.ValidateItems(msg.Items, 1); err != nil {
			t.Fatal(err)
		}
		if seen[msg.DeclNo] {
			t.Fatalf("declaration number %s sent twice", msg.DeclNo)
		}
		seen[msg.DeclNo] = true
	}
}

// ExtendGenesis adds the hygiene certificate the declarations name, and the
// result is a valid x/haccp genesis.
func TestExtendGenesisHygieneCertificate(t *testing.T) {
	accts, err := NewLoadAccounts(1)
	if err != nil {
		t.Fatal(err)
	}
	reg := codectypes.NewInterfaceRegistry()
	cdc := codec.NewProtoCodec(reg)
	defaultHaccp, err := cdc.MarshalJSON(haccptypes.DefaultGenesis())
	if err != nil {
		t.Fatal(err)
	}
	gen := map[string]any{
		"genesis_time": "2026-01-01T00:00:00Z",
		"app_state": map[string]any{
			"auth":   map[string]any{"accounts": []any{}},
			"bank":   map[string]any{"balances": []any{}, "supply": []any{}},
			"agency": map[string]any{"members": []any{}},
			"haccp":  json.RawMessage(defaultHaccp),
		},
	}
	p := filepath.Join(t.TempDir(), "genesis.json")
	raw, _ := json.Marshal(gen)
	if err := os.WriteFile(p, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ExtendGenesis(p, accts, "ucivic", "10", "knpa", nil); err != nil {
		t.Fatal(err)
	}
	raw, _ = os.ReadFile(p)
	var out struct {
		AppState struct {
			Haccp json.RawMessage `json:"haccp"`
		} `json:"app_state"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	var gs haccptypes.GenesisState
	if err := cdc.UnmarshalJSON(out.AppState.Haccp, &gs); err != nil {
		t.Fatal(err)
	}
	if len(gs.HygieneCertificates) != 1 || gs.HygieneCertificates[0].CertNo != BenchHygieneCertNo || gs.HygieneCertificates[0].Status != haccptypes.HygieneCertStatusReceived {
		t.Fatalf("hygiene certificates %+v", gs.HygieneCertificates)
	}
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := gs.ValidateAddresses(address.NewBech32Codec(Bech32Prefix)); err != nil {
		t.Fatal(err)
	}
}
