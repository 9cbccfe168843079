package bench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/gogoproto/proto"
)

// loadAccounts returns n load accounts (NewLoadAccounts) or fails the test.
func loadAccounts(t *testing.T, n int) []*LoadAccount {
	t.Helper()
	accts, err := NewLoadAccounts(n)
	if err != nil {
		t.Fatal(err)
	}
	return accts
}

// moduleGenesis is a module's genesis state as JSON, for an app_state entry.
func moduleGenesis(t *testing.T, cdc codec.JSONCodec, gs proto.Message) json.RawMessage {
	t.Helper()
	bz, err := cdc.MarshalJSON(gs)
	if err != nil {
		t.Fatal(err)
	}
	return bz
}

// extendGenesis writes a genesis document holding appState, runs
// ExtendGenesis on it (denom ucivic, 10 a load account, agency knpa, the roles
// and hygiene certificates given) and decodes the result into out.
func extendGenesis(t *testing.T, appState map[string]any, accts []*LoadAccount, roles []string, hygieneCerts int, out any) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "genesis.json")
	raw, _ := json.Marshal(map[string]any{"genesis_time": "2026-01-01T00:00:00Z", "app_state": appState})
	if err := os.WriteFile(p, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ExtendGenesis(p, accts, "ucivic", "10", "knpa", roles, hygieneCerts); err != nil {
		t.Fatal(err)
	}
	raw, _ = os.ReadFile(p)
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatal(err)
	}
}
