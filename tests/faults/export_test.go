package faults

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/civicchain/civic/internal/localnet"
	testchain "github.com/civicchain/civic/testutil/chain"
)

// startSingle builds and starts a single-validator chain from config.yml (as
// tests/e2e) and returns it as a one-node cluster.
func startSingle(t *testing.T, ctx context.Context) *cluster {
	t.Helper()
	cfg := testchain.LoadConfig(t)
	ports, err := localnet.FreePortsN(1)
	if err != nil {
		t.Fatal(err)
	}
	net, err := localnet.Init(ctx, civicd, filepath.Join(t.TempDir(), "node0"), cfg, ports[0])
	if err != nil {
		t.Fatal(err)
	}
	c := &cluster{t: t, ctx: ctx, cfg: cfg, m: &localnet.MultiNetwork{Root: filepath.Dir(net.Home), Nodes: []*localnet.Network{net}}, nodes: make([]*localnet.Node, 1)}
	t.Cleanup(func() { c.stopAll(t) })
	c.startNode(0)
	c.waitHeight(0, 2, 60*time.Second)
	return c
}

// restPaths are the records compared over REST on the old and the new chain.
func restPaths() []string {
	paths := []string{
		"/civic/agency/v1/agencies",
		"/civic/agency/v1/agencies/knpa", "/civic/agency/v1/agencies/nfs", "/civic/agency/v1/agencies/spo",
		"/civic/evidence/v1/cases/1", "/civic/evidence/v1/cases/2",
		"/civic/evidence/v1/evidence/1", "/civic/evidence/v1/evidence/2",
		"/civic/evidence/v1/evidence/1/custody", "/civic/evidence/v1/evidence/2/custody",
	}
	return paths
}

// restSnapshot reads restPaths over REST with the state at height (see
// getRESTAt), waiting up to a minute for the REST server of a node just
// started.
func restSnapshot(t *testing.T, ctx context.Context, api string, height int64) map[string]string {
	t.Helper()
	out := map[string]string{}
	deadline := time.Now().Add(time.Minute)
	for k, p := range restPaths() {
		var v any
		err := getRESTAt(ctx, api+p, height, &v)
		for ; err != nil && k == 0 && time.Now().Before(deadline); err = getRESTAt(ctx, api+p, height, &v) {
			time.Sleep(500 * time.Millisecond)
		}
		if err != nil {
			t.Fatalf("GET %s at height %d: %v", p, height, err)
		}
		raw, err := json.Marshal(v) // map keys sorted
		if err != nil {
			t.Fatal(err)
		}
		out[p] = string(raw)
	}
	return out
}

// TestExportImport runs the load on a single validator, stops it and settles
// its accounting (see load.settle: every transaction CheckTx accepted is
// committed or proven absent once the mempool is empty), stops the node and
// exports it at its last height L. It restarts the old node to read its
// records over REST at exactly L, and checks them and the export against the
// accounting (cases and evidence items opened = successful MsgOpenCase and
// MsgRegisterEvidence committed). Then it starts a NEW
// single-validator chain (new home, new chain id civic-import-1) from that
// genesis with the same priv_validator_key and node_key, lets it make blocks,
// stops and exports it again, then compares:
//
//   - the application state of both exports after sorting keys, except what
//     block production itself changes (see allowedDiff): mint's minter,
//     distribution, bank supply and the distribution module account's balance,
//     slashing's signing infos and missed blocks. genesis_time, chain_id,
//     initial_height and app_hash are outside app_state and not compared;
//   - the consensus section (validators and params): equal;
//   - agencies, cases, evidence items and custody histories by id over REST on
//     the old chain at L and on the new chain (at an explicit height above its
//     initial height): identical.
func TestExportImport(t *testing.T) {
	if testing.Short() {
		t.Skip("faults: skipped with -short")
	}
	began := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	c := startSingle(t, ctx)
	l := startLoad(t, c)
	loadFor := 12 * time.Second
	if long() {
		loadFor = 60 * time.Second
	}
	time.Sleep(loadFor)
	deadline := time.Now().Add(60 * time.Second)
	for { // until two cases and two evidence items exist
		var v any
		if getJSON(ctx, c.api(0)+"/civic/evidence/v1/evidence/2", &v) == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("evidence 2 not registered; load: %s", l.summary())
		}
		time.Sleep(time.Second)
	}
	acc := l.settle(t, []int{0})
	l.requireKinds(t, "bank.MsgSend", "evidence.OpenCase", "evidence.RegisterEvidence", "evidence.VerifyIntegrity")
	t.Logf("load: %s", l.summary())
	t.Logf("accounting %s", acc)
	if acc.Lost != 0 {
		t.Errorf("%d transactions accepted by CheckTx are in no block although no node failed: %s", acc.Lost, acc)
	}
	old := c.m.Nodes[0]
	c.stopAll(t)

	export := func(home string) map[string]any {
		t.Helper()
		start := time.Now()
		out, err := old.Exec(ctx, "", "export", "--home", home)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("export: %v\n%.2000s", err, out)
		}
		t.Logf("export of %s: %d bytes, initial_height %v, in %s", home, len(out), doc["initial_height"], time.Since(start).Round(time.Millisecond))
		return doc
	}
	first := export(old.Home)
	initial, err := toInt(first["initial_height"])
	if err != nil {
		t.Fatal(err)
	}
	exported := initial - 1 // the old chain's last height: the state the export holds

	// The old node again, for its records at the exported height; the
	// accounting through that height must be the one settled before the stop.
	c.startNode(0)
	c.waitHeight(0, exported, 90*time.Second)
	if again := l.account(t, []int{0}, exported); !sameFate(acc, again) {
		t.Errorf("accounting changed between the drained height and the exported height:\n %s\n %s", acc, again)
	}
	before := restSnapshot(t, ctx, c.api(0), exported)
	checkLoadState(t, ctx, c.api(0), exported, acc, first)
	c.stopAll(t)

	// The new chain: a fresh home, the exported genesis under a new chain id,
	// the old node's validator and node keys (the exported validator set is that
	// one validator).
	const newChainID = "civic-import-1"
	newHome := filepath.Join(t.TempDir(), "imported")
	if _, err := old.Exec(ctx, "", "init", "imported", "--chain-id", newChainID, "--home", newHome); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"priv_validator_key.json", "node_key.json"} {
		raw, err := os.ReadFile(filepath.Join(old.Home, "config", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(newHome, "config", f), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	gen := map[string]any{}
	for k, v := range first {
		gen[k] = v
	}
	gen["chain_id"] = newChainID
	raw, err := json.MarshalIndent(gen, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(newHome, "config", "genesis.json"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := old.Exec(ctx, "", "genesis", "validate", "--home", newHome); err != nil {
		t.Fatal(err)
	}
	ports, err := localnet.FreePortsN(1)
	if err != nil {
		t.Fatal(err)
	}
	cfg := c.cfg
	cfg.ChainID = newChainID
	if err := localnet.ConfigureHome(newHome, cfg, ports[0]); err != nil {
		t.Fatal(err)
	}
	imported := &localnet.Network{Home: newHome, Binary: civicd, ChainID: newChainID, Denom: cfg.Denom, Ports: ports[0]}
	c2 := &cluster{t: t, ctx: ctx, cfg: cfg, m: &localnet.MultiNetwork{Root: filepath.Dir(newHome), Nodes: []*localnet.Network{imported}}, nodes: make([]*localnet.Node, 1)}
	t.Cleanup(func() { c2.stopAll(t) })
	c2.startNode(0)
	c2.waitHeight(0, initial+1, 90*time.Second)
	t.Logf("new chain %s from the export: height %d reached (initial height %d)", newChainID, initial+1, initial)
	after := restSnapshot(t, ctx, c2.api(0), initial+1)
	for _, p := range restPaths() {
		if before[p] != after[p] {
			t.Errorf("GET %s differs:\n old chain at %d %s\n new chain at %d %s", p, exported, before[p], initial+1, after[p])
		}
	}
	t.Logf("%d REST records identical: old chain at height %d, new chain at height %d", len(restPaths()), exported, initial+1)
	c2.stopAll(t)
	second := export(newHome)

	if !reflect.DeepEqual(first["consensus"], second["consensus"]) {
		t.Errorf("consensus section differs:\n first  %v\n second %v", first["consensus"], second["consensus"])
	}
	a1, _ := first["app_state"].(map[string]any)
	a2, _ := second["app_state"].(map[string]any)
	if a1 == nil || a2 == nil {
		t.Fatal("no app_state")
	}
	var diffs []string
	jsonDiff("", a1, a2, &diffs)
	distr := moduleAccount(a1, "distribution")
	var ignored []string
	for _, d := range diffs {
		if allowedDiff(d, a1, a2, distr) {
			ignored = append(ignored, d)
			continue
		}
		t.Errorf("app_state differs at %s", d)
	}
	for _, m := range []string{"agency", "did", "digitalevidence", "haccp", "auth", "staking", "gov"} {
		if !reflect.DeepEqual(a1[m], a2[m]) {
			t.Errorf("module %s state differs after export → import → export", m)
		}
	}
	t.Logf("app_state: %d modules compared; %d differing paths, all from block production: %s", len(a1), len(ignored), strings.Join(ignored, ", "))
	t.Logf("export/import total %s", time.Since(began).Round(time.Millisecond))
}

// checkLoadState checks the old chain's records at height and the export
// taken there against the load's accounting: as many cases as successful
// MsgOpenCase committed (knpa's cases over REST, the export's cases), and as
// many evidence items as successful MsgRegisterEvidence committed (case 1's
// evidence_count over REST, the export's items).
func checkLoadState(t *testing.T, ctx context.Context, api string, height int64, acc accounting, export map[string]any) {
	t.Helper()
	cases, items := acc.OK["evidence.OpenCase"], acc.OK["evidence.RegisterEvidence"]
	var byAgency struct {
		Pagination struct {
			Total string `json:"total"`
		} `json:"pagination"`
	}
	if err := getRESTAt(ctx, api+"/civic/evidence/v1/agencies/knpa/cases?pagination.count_total=true&pagination.limit=1", height, &byAgency); err != nil {
		t.Fatal(err)
	}
	var case1 struct {
		Case struct {
			EvidenceCount string `json:"evidence_count"`
		} `json:"case"`
	}
	if err := getRESTAt(ctx, api+"/civic/evidence/v1/cases/1", height, &case1); err != nil {
		t.Fatal(err)
	}
	appState, _ := export["app_state"].(map[string]any)
	evidence, _ := appState["digitalevidence"].(map[string]any)
	exportedCases, _ := evidence["cases"].([]any)
	exportedItems, _ := evidence["items"].([]any)
	for _, c := range []struct {
		what string
		got  string
		want int
	}{
		{"knpa cases over REST", byAgency.Pagination.Total, cases},
		{"cases in the export", fmt.Sprint(len(exportedCases)), cases},
		{"case 1 evidence_count over REST", case1.Case.EvidenceCount, items},
		{"evidence items in the export", fmt.Sprint(len(exportedItems)), items},
	} {
		if c.got != fmt.Sprint(c.want) {
			t.Errorf("%s at height %d: %s, but the accounting has %d committed: %s", c.what, height, c.got, c.want, acc)
		}
	}
	t.Logf("at height %d: %d cases and %d evidence items, as the accounting says, over REST and in the export", height, cases, items)
}

func toInt(v any) (int64, error) {
	switch x := v.(type) {
	case json.Number:
		return x.Int64()
	case string:
		var n int64
		_, err := fmt.Sscan(x, &n)
		return n, err
	}
	return 0, fmt.Errorf("not a number: %v", v)
}

// jsonDiff appends the paths where a and b differ (maps compared key by key,
// arrays element by element).
func jsonDiff(path string, a, b any, out *[]string) {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			*out = append(*out, path)
			return
		}
		keys := maps.Clone(x)
		maps.Copy(keys, y)
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			p := k
			if path != "" {
				p = path + "." + k
			}
			jsonDiff(p, x[k], y[k], out)
		}
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			*out = append(*out, path)
			return
		}
		for i := range x {
			jsonDiff(fmt.Sprintf("%s[%d]", path, i), x[i], y[i], out)
		}
	default:
		if !reflect.DeepEqual(a, b) {
			*out = append(*out, path)
		}
	}
}

// moduleAccount returns the address of a module account in the auth genesis.
func moduleAccount(appState map[string]any, name string) string {
	auth, _ := appState["auth"].(map[string]any)
	accounts, _ := auth["accounts"].([]any)
	for _, a := range accounts {
		m, _ := a.(map[string]any)
		if m["name"] == name {
			if base, ok := m["base_account"].(map[string]any); ok {
				s, _ := base["address"].(string)
				return s
			}
		}
	}
	return ""
}

// allowedDiff reports whether a differing app_state path is one that block
// production changes by itself: minting (mint.minter, bank.supply, the
// distribution module account's balance), fee and reward distribution
// (distribution.*) and liveness tracking (slashing.signing_infos, slashing.missed_blocks).
func allowedDiff(path string, a1, a2 map[string]any, distrAddr string) bool {
	for _, p := range []string{"mint.minter", "distribution.", "bank.supply", "slashing.signing_infos", "slashing.missed_blocks"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	if strings.HasPrefix(path, "bank.balances[") && distrAddr != "" {
		var i int
		if _, err := fmt.Sscanf(path, "bank.balances[%d]", &i); err != nil {
			return false
		}
		for _, st := range []map[string]any{a1, a2} {
			bank, _ := st["bank"].(map[string]any)
			bals, _ := bank["balances"].([]any)
			if i >= len(bals) {
				return false
			}
			b, _ := bals[i].(map[string]any)
			if b["address"] != distrAddr {
				return false
			}
		}
		return true
	}
	return false
}
