package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/civicchain/civic/internal/localnet"
)

func TestEditTOML(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	in := "log_level = \"info\"\n[mempool]\n# comment\nsize = 5000\n[consensus]\ntimeout_commit = \"2s\"\n"
	if err := os.WriteFile(p, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := localnet.EditTOML(p, localnet.TOMLEdit{Section: "mempool", Key: "size", Value: "20000"}, localnet.TOMLEdit{Section: "consensus", Key: "timeout_commit", Value: `"1s"`}, localnet.TOMLEdit{Section: "", Key: "log_level", Value: `"warn"`}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(p)
	want := "log_level = \"warn\"\n[mempool]\n# comment\nsize = 20000\n[consensus]\ntimeout_commit = \"1s\"\n"
	if string(raw) != want {
		t.Fatalf("got\n%s", raw)
	}
	if err := localnet.EditTOML(p, localnet.TOMLEdit{Section: "mempool", Key: "nope", Value: "1"}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("missing key: %v", err)
	}
}

func TestExtendGenesis(t *testing.T) {
	accts := loadAccounts(t, 3)
	again, _ := NewLoadAccounts(3)
	if accts[2].Address != again[2].Address || accts[0].Address == accts[1].Address || !strings.HasPrefix(accts[0].Address, "civic1") {
		t.Fatal("load accounts must be deterministic, distinct, civic1...")
	}
	var out struct {
		AppState struct {
			Auth struct {
				Accounts []map[string]any `json:"accounts"`
			} `json:"auth"`
			Bank struct {
				Balances []map[string]any `json:"balances"`
				Supply   []map[string]any `json:"supply"`
			} `json:"bank"`
			Agency struct {
				Members []struct {
					AgencyID string   `json:"agency_id"`
					Roles    []string `json:"roles"`
					AddedAt  string   `json:"added_at"`
				} `json:"members"`
			} `json:"agency"`
		} `json:"app_state"`
	}
	extendGenesis(t, map[string]any{
		"auth":   map[string]any{"accounts": []any{map[string]any{"address": "x", "account_number": "7"}}},
		"bank":   map[string]any{"balances": []any{}, "supply": []any{map[string]any{"denom": "ucivic", "amount": "100"}}},
		"agency": map[string]any{"members": []any{}},
	}, accts, []string{"b.x", "a.y"}, 1, &out)
	a := out.AppState
	if len(a.Auth.Accounts) != 4 || a.Auth.Accounts[1]["account_number"] != "8" || accts[2].AccNum != 10 {
		t.Fatalf("accounts %v", a.Auth.Accounts)
	}
	if len(a.Bank.Balances) != 3 || a.Bank.Supply[0]["amount"] != "130" {
		t.Fatalf("bank %+v", a.Bank)
	}
	if len(a.Agency.Members) != 3 || a.Agency.Members[0].AgencyID != "knpa" || a.Agency.Members[0].Roles[0] != "a.y" || a.Agency.Members[0].AddedAt == "" {
		t.Fatalf("members %+v", a.Agency.Members)
	}
}

func TestPartner(t *testing.T) {
	accts, _ := NewLoadAccounts(5)
	e := NewEnv(accts, "ucivic")
	for acct, want := range map[int]int{0: 1, 1: 0, 2: 3, 3: 2, 4: 0} {
		if got := e.Partner(acct); got != want {
			t.Errorf("Partner(%d) = %d, want %d", acct, got, want)
		}
	}
}

func TestNodeEnv(t *testing.T) {
	if env := DefaultTuning().NodeEnv(); env != nil {
		t.Fatalf("default tuning sets %v, want Go's default GC", env)
	}
	tuned := DefaultTuning()
	tuned.GOGC = "400"
	if env := tuned.NodeEnv(); len(env) != 1 || env[0] != "GOGC=400" {
		t.Fatalf("GOGC 400 gives %v", env)
	}
}
