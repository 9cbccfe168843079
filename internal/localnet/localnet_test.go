package localnet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRepositoryConfigLoads(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("..", "..", "config.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ChainID != "civic-local-1" || cfg.Denom != "ucivic" {
		t.Fatalf("chain %q denom %q", cfg.ChainID, cfg.Denom)
	}
	for _, id := range []string{"knpa", "nfs", "spo", "mois", "mfds", "kcs"} {
		if _, ok := cfg.Agency(id); !ok {
			t.Errorf("config.yml has no agency %q", id)
		}
	}
	if cfg.Gov.VotingPeriod.Std() > 30*time.Second || cfg.Gov.ExpeditedVotingPeriod.Std() > 15*time.Second {
		t.Errorf("gov periods too long for a local network: %s / %s", cfg.Gov.VotingPeriod.Std(), cfg.Gov.ExpeditedVotingPeriod.Std())
	}
	if cfg.Consensus.TimeoutCommit.Std() != time.Second {
		t.Errorf("timeout_commit %s", cfg.Consensus.TimeoutCommit.Std())
	}
}

const baseConfig = `
chain_id: test-1
denom: ucivic
accounts:
  - {name: val, coins: 1000ucivic}
  - {name: a, coins: 10ucivic}
  - {name: b, coins: 10ucivic}
validator: {account: val, moniker: v, stake: 100ucivic}
agencies:
  - id: knpa
    name: Police
    admin: a
    roles: [evidence.investigator, evidence.custodian]
    members:
      - {account: b, roles: [evidence.custodian]}
`

func TestParseConfigErrors(t *testing.T) {
	if _, err := ParseConfig([]byte(baseConfig)); err != nil {
		t.Fatalf("base config: %v", err)
	}
	cases := map[string]struct{ from, to, want string }{
		"unknown field":        {"denom: ucivic", "denom: ucivic\ncolour: red", "unknown field"},
		"duplicate account":    {"name: b,", "name: a,", "duplicate name"},
		"bad coins":            {"coins: 10ucivic}\n  - {name: b", "coins: ten}\n  - {name: b", "coins"},
		"validator not found":  {"account: val,", "account: nobody,", "validator.account"},
		"stake in other denom": {"stake: 100ucivic", "stake: 100stake", "validator.stake"},
		"admin not found":      {"admin: a", "admin: zed", "admin \"zed\""},
		"member role not held": {"roles: [evidence.custodian]", "roles: [evidence.analyst]", "not one of the agency's roles"},
		"member is other's":    {"account: b,", "account: val,", ""},
		"bad agency id":        {"id: knpa", "id: K", "id \"K\""},
		"bad role":             {"[evidence.investigator, evidence.custodian]", "[investigator]", "module.role"},
		"admin also member":    {"account: b,", "account: a,", ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			src := strings.Replace(baseConfig, tc.from, tc.to, 1)
			if src == baseConfig {
				t.Fatalf("replacement %q not found", tc.from)
			}
			_, err := ParseConfig([]byte(src))
			switch {
			case tc.want == "" && name == "admin also member":
				if err != nil {
					t.Fatalf("an admin may be a member of its own agency: %v", err)
				}
			case tc.want == "":
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
			case err == nil || !strings.Contains(err.Error(), tc.want):
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	// An account may belong to one agency only.
	twice := baseConfig + `
  - id: nfs
    name: Lab
    admin: val
    roles: [evidence.analyst]
    members:
      - {account: b, roles: [evidence.analyst]}
`
	if _, err := ParseConfig([]byte(twice)); err == nil || !strings.Contains(err.Error(), "already belongs") {
		t.Fatalf("member of two agencies: %v", err)
	}
}

func TestParseCoins(t *testing.T) {
	c, err := ParseCoins("007ucivic, 5stake")
	if err != nil || len(c) != 2 || c[0] != (Coin{"ucivic", "7"}) || c[1] != (Coin{"stake", "5"}) {
		t.Fatalf("%v %v", c, err)
	}
	for _, bad := range []string{"", "ucivic", "10", "-5ucivic", "1.5ucivic", "10u"} {
		if _, err := ParseCoins(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestEditTOML(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.toml")
	src := "top = 1\n\n[rpc]\n# laddr = commented\nladdr = \"tcp://0.0.0.0:1\"\n\n[p2p]\nladdr = \"tcp://0.0.0.0:2\"\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := EditTOML(path, TOMLEdit{"rpc", "laddr", str("tcp://127.0.0.1:5")}, TOMLEdit{"", "top", "2"}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := "top = 2\n\n[rpc]\n# laddr = commented\nladdr = \"tcp://127.0.0.1:5\"\n\n[p2p]\nladdr = \"tcp://0.0.0.0:2\"\n"
	if string(got) != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if err := EditTOML(path, TOMLEdit{"p2p", "missing", "1"}); err == nil {
		t.Fatal("a missing key must be an error")
	}
}

func TestEditGenesis(t *testing.T) {
	// val (bytes 0x01...) sorts before b (0x03...) by address bytes, after it as a string.
	src := strings.Replace(baseConfig, "- {account: b, roles: [evidence.custodian]}",
		"- {account: b, roles: [evidence.custodian]}\n      - {account: val, roles: [evidence.investigator], expires_at: \"2030-01-01T00:00:00Z\"}", 1)
	cfg, err := ParseConfig([]byte(src + `
gov:
  voting_period: 20s
  expedited_voting_period: 1500ms
  min_deposit: 10ucivic
`))
	if err != nil {
		t.Fatal(err)
	}
	const genesisTime = "2026-11-27T09:13:34.122375343Z"
	gen := `{"genesis_time":"` + genesisTime + `","app_state":{
	  "bank":{"supply":[{"denom":"ucivic","amount":"123456789012345678901234567890"}]},
	  "gov":{"params":{"voting_period":"172800s","expedited_voting_period":"86400s","max_deposit_period":"172800s",
	         "min_deposit":[{"denom":"ucivic","amount":"10000000"}],"expedited_min_deposit":[]}},
	  "agency":{"params":{"max_members_per_agency":1000},"agencies":[],"members":[]}}}`
	path := filepath.Join(t.TempDir(), "genesis.json")
	if err := os.WriteFile(path, []byte(gen), 0o600); err != nil {
		t.Fatal(err)
	}
	addrs := map[string]string{ // bech32 of 20 bytes 0x01.. and 0x02..
		"val": "civic1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjf6ufg",
		"a":   "civic1qgpqyqszqgpqyqszqgpqyqszqgpqyqszrduez7",
		"b":   "civic1qvpsxqcrqvpsxqcrqvpsxqcrqvpsxqcrzaacgl",
	}
	if err := editGenesis(path, cfg, addrs); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), "123456789012345678901234567890") {
		t.Fatal("big integers must survive the rewrite")
	}
	var doc struct {
		AppState struct {
			Gov struct {
				Params map[string]any `json:"params"`
			} `json:"gov"`
			Agency struct {
				Params   map[string]any   `json:"params"`
				Agencies []map[string]any `json:"agencies"`
				Members  []map[string]any `json:"members"`
			} `json:"agency"`
		} `json:"app_state"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	p := doc.AppState.Gov.Params
	if p["voting_period"] != "20s" || p["expedited_voting_period"] != "1.5s" || p["max_deposit_period"] != "172800s" {
		t.Fatalf("gov params %v", p)
	}
	if dep, _ := json.Marshal(p["min_deposit"]); string(dep) != `[{"amount":"10","denom":"ucivic"}]` {
		t.Fatalf("min_deposit %s", dep)
	}
	if doc.AppState.Agency.Params["max_members_per_agency"] != float64(1000) {
		t.Fatalf("agency params lost: %v", doc.AppState.Agency.Params)
	}
	ag, _ := json.Marshal(doc.AppState.Agency.Agencies)
	wantAg := `[{"admin":"` + addrs["a"] + `","id":"knpa","name":"Police","registered_at":"` + genesisTime +
		`","roles":["evidence.custodian","evidence.investigator"],"status":"AGENCY_STATUS_ACTIVE","updated_at":"` + genesisTime + `"}]`
	if string(ag) != wantAg {
		t.Fatalf("agencies\n got  %s\n want %s", ag, wantAg)
	}
	mem, _ := json.Marshal(doc.AppState.Agency.Members)
	wantMem := `[{"added_at":"` + genesisTime + `","address":"` + addrs["val"] + `","agency_id":"knpa","expires_at":"2030-01-01T00:00:00Z","roles":["evidence.investigator"]},` +
		`{"added_at":"` + genesisTime + `","address":"` + addrs["b"] + `","agency_id":"knpa","expires_at":null,"roles":["evidence.custodian"]}]`
	if string(mem) != wantMem {
		t.Fatalf("members\n got  %s\n want %s", mem, wantMem)
	}
}

func TestFreePorts(t *testing.T) {
	p, err := FreePorts()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, port := range []int{p.RPC, p.P2P, p.GRPC, p.API, p.Pprof} {
		if port <= 0 || seen[port] {
			t.Fatalf("ports %+v", p)
		}
		seen[port] = true
	}
}
