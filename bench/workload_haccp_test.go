package bench

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	haccptypes "github.com/civicchain/civic/x/haccp/types"
)

// The haccp workloads must send messages the chain accepts statelessly, with
// declaration numbers distinct across accounts and counters; each declaration
// names the account's genesis facility and its own hygiene certificate, whose
// lot it declares.
func TestHaccpWorkloads(t *testing.T) {
	accts := loadAccounts(t, 2)
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

	seen := map[string]bool{}
	for acct := range accts {
		for i, m := range (DeclareImport{}).Msgs(env, acct, 3) {
			msg := m.(*haccptypes.MsgDeclareImport)
			if msg.ImporterFacilityId != BenchFacilityID(acct) || msg.Signer != accts[acct].Address {
				t.Fatalf("account %d declaration %d: facility %d signer %s", acct, i, msg.ImporterFacilityId, msg.Signer)
			}
			if msg.HygieneCertNo != BenchHygieneCertNo(acct, i) || msg.Items[0].Lot != BenchLot(acct, i) {
				t.Fatalf("account %d declaration %d: hygiene certificate %s, lot %s", acct, i, msg.HygieneCertNo, msg.Items[0].Lot)
			}
			if err := haccptypes.ValidateDeclNo(msg.DeclNo); err != nil {
				t.Fatal(err)
			}
			if err := haccptypes.ValidateItems(msg.Items, 1); err != nil {
				t.Fatal(err)
			}
			if seen[msg.DeclNo] || seen[msg.HygieneCertNo] {
				t.Fatalf("declaration number %s or hygiene certificate %s sent twice", msg.DeclNo, msg.HygieneCertNo)
			}
			seen[msg.DeclNo], seen[msg.HygieneCertNo] = true, true
		}
	}
}

// ExtendGenesis adds each account's facility and the hygiene certificates its
// declarations name (consignee and lot as declared), and the result is a valid
// x/haccp genesis.
func TestExtendGenesisHygieneCertificate(t *testing.T) {
	accts := loadAccounts(t, 2)
	reg := codectypes.NewInterfaceRegistry()
	cdc := codec.NewProtoCodec(reg)
	var out struct {
		AppState struct {
			Haccp json.RawMessage `json:"haccp"`
		} `json:"app_state"`
	}
	extendGenesis(t, map[string]any{
		"auth":   map[string]any{"accounts": []any{}},
		"bank":   map[string]any{"balances": []any{}, "supply": []any{}},
		"agency": map[string]any{"members": []any{}},
		"haccp":  moduleGenesis(t, cdc, haccptypes.DefaultGenesis()),
	}, accts, nil, 3, &out)
	var gs haccptypes.GenesisState
	if err := cdc.UnmarshalJSON(out.AppState.Haccp, &gs); err != nil {
		t.Fatal(err)
	}
	if len(gs.Facilities) != 2 || len(gs.HygieneCertificates) != 6 {
		t.Fatalf("%d facilities, %d hygiene certificates; want 2 and 6", len(gs.Facilities), len(gs.HygieneCertificates))
	}
	certs := map[string]haccptypes.HygieneCertificate{}
	for _, h := range gs.HygieneCertificates {
		certs[h.CertNo] = h
	}
	env := NewEnv(accts, "ucivic")
	for acct := range accts {
		for _, m := range (DeclareImport{}).Msgs(env, acct, 3) {
			msg := m.(*haccptypes.MsgDeclareImport)
			h, ok := certs[msg.HygieneCertNo]
			if !ok || h.Status != haccptypes.HygieneCertStatusReceived || h.ImporterFacilityId != msg.ImporterFacilityId || h.Lot != msg.Items[0].Lot {
				t.Fatalf("declaration %s names hygiene certificate %+v", msg.DeclNo, h)
			}
		}
	}
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := gs.ValidateAddresses(address.NewBech32Codec(Bech32Prefix)); err != nil {
		t.Fatal(err)
	}
}

// Declaration numbers carry no digit run that x/haccp would take for personal
// data, whatever the digest.
func TestBenchDeclNoHasNoDigits(t *testing.T) {
	for i := 0; i < 2000; i++ {
		d := BenchDeclNo("run", i%300, i)
		if strings.ContainsAny(d, "0123456789") || haccptypes.ValidateDeclNo(d) != nil {
			t.Fatalf("declaration number %q", d)
		}
	}
}
