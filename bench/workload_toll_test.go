package bench

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	tolltypes "github.com/civicchain/civic/x/toll/types"
)

// The toll workloads send trips the chain accepts statelessly: known plazas,
// classes 1..5, a fresh vehicle_ref digest, exit after entry and not after now,
// a payer exactly for ACCOUNT trips.
func TestTollWorkloads(t *testing.T) {
	accts := loadAccounts(t, 2)
	env := NewEnv(accts, "ucivic")
	for _, w := range []RecordTrip{{}, {Account: true}} {
		msgs := w.Msgs(env, 1, 6)
		if len(msgs) != 6 {
			t.Fatalf("%s: %d msgs", w.Name(), len(msgs))
		}
		refs := map[string]bool{}
		for i, m := range msgs {
			msg := m.(*tolltypes.MsgRecordTrip)
			if msg.Signer != accts[1].Address || msg.EntryPlaza != BenchTollEntryPlaza || msg.ExitPlaza != BenchTollExitPlaza {
				t.Fatalf("%s[%d]: %+v", w.Name(), i, msg)
			}
			if err := tolltypes.ValidateVehicleClass(msg.VehicleClass); err != nil || msg.VehicleClass != uint32(i%5+1) {
				t.Fatalf("%s[%d]: class %d: %v", w.Name(), i, msg.VehicleClass, err)
			}
			if err := tolltypes.ValidateDigest("vehicle_ref", msg.VehicleRef); err != nil || refs[msg.VehicleRef] {
				t.Fatalf("%s[%d]: vehicle_ref %q repeated or invalid: %v", w.Name(), i, msg.VehicleRef, err)
			}
			refs[msg.VehicleRef] = true
			if !msg.EntryTime.Before(msg.ExitTime) || msg.ExitTime.After(time.Now()) {
				t.Fatalf("%s[%d]: entry %s exit %s", w.Name(), i, msg.EntryTime, msg.ExitTime)
			}
			wantPayer := ""
			wantMethod := tolltypes.PaymentOffchain
			if w.Account {
				wantPayer, wantMethod = accts[1].Address, tolltypes.PaymentAccount
			}
			if msg.Payer != wantPayer || msg.PaymentMethod != wantMethod {
				t.Fatalf("%s[%d]: payer %q method %s", w.Name(), i, msg.Payer, msg.PaymentMethod)
			}
		}
	}
	if (RecordTrip{}).Name() == (RecordTrip{Account: true}).Name() {
		t.Fatal("the two toll workloads share a name")
	}
}

// ExtendGenesis writes the bench toll network: a valid x/toll genesis whose
// operator is the load agency, which gets the toll.operator and toll.plaza roles.
func TestExtendGenesisTollNetwork(t *testing.T) {
	accts := loadAccounts(t, 3)
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	var out struct {
		AppState struct {
			Toll   json.RawMessage `json:"toll"`
			Agency struct {
				Agencies []struct {
					Roles []string `json:"roles"`
				} `json:"agencies"`
			} `json:"agency"`
		} `json:"app_state"`
	}
	extendGenesis(t, map[string]any{
		"auth": map[string]any{"accounts": []any{}},
		"bank": map[string]any{"balances": []any{}, "supply": []any{}},
		"agency": map[string]any{"members": []any{}, "agencies": []any{
			map[string]any{"id": "knpa", "roles": []any{"evidence.custodian", "evidence.investigator"}},
		}},
		"toll": moduleGenesis(t, cdc, tolltypes.DefaultGenesis()),
	}, accts, LoadRoles, 1, &out)
	if roles := out.AppState.Agency.Agencies[0].Roles; !slices.Equal(roles, []string{"evidence.custodian", "evidence.investigator", "toll.operator", "toll.plaza"}) {
		t.Fatalf("agency roles %v", roles)
	}
	var gs tolltypes.GenesisState
	if err := cdc.UnmarshalJSON(out.AppState.Toll, &gs); err != nil {
		t.Fatal(err)
	}
	if gs.Params.Denom != "ucivic" || len(gs.Operators) != 1 || gs.Operators[0].SettlementAccount != accts[0].Address {
		t.Fatalf("params %+v operators %+v", gs.Params, gs.Operators)
	}
	if len(gs.Routes) != 1 || len(gs.Plazas) != 2 || len(gs.Segments) != 1 || len(gs.Tariffs) != 1 || len(gs.SpendingLimits) != len(accts) {
		t.Fatalf("routes %d plazas %d segments %d tariffs %d limits %d", len(gs.Routes), len(gs.Plazas), len(gs.Segments), len(gs.Tariffs), len(gs.SpendingLimits))
	}
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
	var ac address.Codec = addresscodec.NewBech32Codec(Bech32Prefix)
	if err := gs.ValidateAddresses(ac); err != nil {
		t.Fatal(err)
	}
}
