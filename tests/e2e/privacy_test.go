package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/civicchain/civic/tests/e2e/pii"
)

// privacyNameFields are the only fields where a Hangul name is expected: each
// holds the name of a public body, a business or a product, never of a
// person. A field path is the JSON path with indices as "[]"; for a message
// or other packed Any it starts at its type, for an event attribute it is
// "<event type>.<attribute>". Resident registration numbers, phone numbers
// and e-mail addresses are looked for everywhere, these fields included.
var privacyNameFields = []string{
	// x/agency: agencies are public bodies (경찰청, 해양경찰청, ...).
	"app_state.agency.agencies[].name",
	"civic.agency.v1.EventAgencyRegistered.name",
	"civic.agency.v1.MsgRegisterAgency.name",
	// x/haccp: a facility's public business name, the authority that issued a
	// hygiene certificate, and product names.
	"app_state.haccp.facilities[].name",
	"civic.haccp.v1.MsgRegisterFacility.name",
	"app_state.haccp.hygiene_certificates[].issuing_authority",
	"civic.haccp.v1.MsgReceiveHygieneCert.issuing_authority",
	"app_state.haccp.hygiene_certificates[].product",
	"civic.haccp.v1.MsgReceiveHygieneCert.product",
	"app_state.haccp.declarations[].items[].product",
	"civic.haccp.v1.MsgDeclareImport.items[].product",
	// x/water: a site is a public facility (덕산 정수장, a reservoir, a public tap).
	"app_state.water.sites[].name",
	"civic.water.v1.MsgRegisterSite.name",
	// x/welfare: an exclusivity group's description and a program's name are
	// the public names of benefits (기초생활보장 생계급여, 긴급복지 생계지원).
	"app_state.welfare.groups[].description",
	"civic.welfare.v1.MsgCreateGroup.description",
	"app_state.welfare.programs[].name",
	"civic.welfare.v1.MsgCreateProgram.name",
}

// Minimum numbers of strings a scan must have read, so that a scan that
// silently read nothing (an empty export, no events) cannot pass: the genesis
// export of a fresh chain alone has several hundred.
const (
	privacyMinStateStrings = 1000
	privacyMinEventStrings = 500
	privacyMinTxStrings    = 50
)

// privacyScan looks for personal data (issue 11, finding 15) in everything the
// chain keeps: every event attribute of every block (/block_results over
// CometBFT RPC), every committed transaction (`query txs`), and every string
// of the exported state, which needs the node stopped for a moment: it is
// restarted afterwards, so steps may follow. Any hit fails the test, named by
// its path and value.
func privacyScan(t *testing.T, c *chain) {
	if c.Node.Exited() {
		privacyRestart(t, c, 0)
	}
	latest, err := c.Net.LatestHeight(c.Ctx)
	if err != nil {
		t.Fatal(err)
	}

	events := pii.NewScanner(privacyNameFields...)
	for h := int64(1); h <= latest; h++ {
		privacyScanBlockResults(t, c, events, h)
	}
	txs := pii.NewScanner(privacyNameFields...)
	privacyScanTxs(t, c, txs)

	stopped, err := c.Net.LatestHeight(c.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Node.Stop(20 * time.Second); err != nil {
		t.Fatal(err)
	}
	exported, err := pii.Decode(c.cli("export"))
	if err != nil {
		t.Fatalf("civicd export: %v", err)
	}
	state := pii.NewScanner(privacyNameFields...)
	state.Walk("", "", exported)
	privacyRestart(t, c, stopped)

	t.Logf("privacy scan: %d strings of exported state, %d of events in %d blocks, %d of transactions",
		state.Strings, events.Strings, latest, txs.Strings)
	for _, s := range []struct {
		what string
		sc   *pii.Scanner
		min  int
	}{{"exported state", state, privacyMinStateStrings}, {"events", events, privacyMinEventStrings}, {"transactions", txs, privacyMinTxStrings}} {
		if s.sc.Strings < s.min {
			t.Errorf("privacy scan read only %d strings of %s, want at least %d: is it reading what the chain keeps?", s.sc.Strings, s.what, s.min)
		}
		for _, f := range s.sc.Findings {
			t.Errorf("personal data in %s: %s", s.what, f)
		}
	}
}

// privacyScanBlockResults scans the events of block h: those of each
// transaction (and its log, which can echo input) and the block's own.
func privacyScanBlockResults(t *testing.T, c *chain, s *pii.Scanner, h int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(c.Ctx, 30*time.Second)
	defer cancel()
	var raw json.RawMessage
	if err := c.RPC.Call(ctx, "block_results", map[string]any{"height": strconv.FormatInt(h, 10)}, &raw); err != nil {
		t.Fatal(err)
	}
	v, err := pii.Decode(raw)
	if err != nil {
		t.Fatalf("block_results %d: %v", h, err)
	}
	result, _ := v.(map[string]any)
	if result == nil {
		t.Fatalf("block_results %d: no result: %.500s", h, raw)
	}
	txResults, _ := result["txs_results"].([]any)
	for i, r := range txResults {
		r, _ := r.(map[string]any)
		where := fmt.Sprintf("block %d tx %d", h, i)
		for _, k := range []string{"log", "info", "codespace"} {
			if str, ok := r[k].(string); ok {
				s.String(where+" "+k, k, str)
			}
		}
		privacyScanEvents(s, where, r["events"])
	}
	privacyScanEvents(s, fmt.Sprintf("block %d finalize_block_events", h), result["finalize_block_events"])
}

// privacyScanEvents scans each attribute of events as "<type>.<key>".
func privacyScanEvents(s *pii.Scanner, where string, events any) {
	list, _ := events.([]any)
	for _, e := range list {
		e, _ := e.(map[string]any)
		typ, _ := e["type"].(string)
		s.String(where+" {type}", "{type}", typ)
		attrs, _ := e["attributes"].([]any)
		for _, a := range attrs {
			a, _ := a.(map[string]any)
			key, _ := a["key"].(string)
			value, _ := a["value"].(string)
			s.String(where+" "+typ+".{key}", typ+".{key}", key)
			s.String(where+" "+typ+"."+key, typ+"."+key, value)
		}
	}
}

// privacyScanTxs scans the body, auth info and signatures of every committed
// transaction, page by page.
func privacyScanTxs(t *testing.T, c *chain, s *pii.Scanner) {
	t.Helper()
	for page := 1; ; page++ {
		raw := c.cli("query", "txs", "--query", "tx.height>=1", "--limit", "100", "--page", fmt.Sprint(page),
			"--order_by", "asc", "--output", "json", "--node", c.Net.RPCURL())
		v, err := pii.Decode(raw)
		if err != nil {
			t.Fatalf("query txs: %v", err)
		}
		res, _ := v.(map[string]any)
		txs, _ := res["txs"].([]any)
		for _, tx := range txs {
			tx, _ := tx.(map[string]any)
			hash, _ := tx["txhash"].(string)
			s.Walk("tx "+hash, "tx", tx["tx"])
		}
		if len(txs) < 100 {
			return
		}
	}
}

// privacyRestart starts the stopped node again on the same home and log and
// waits until it has made a block past height.
func privacyRestart(t *testing.T, c *chain, height int64) {
	t.Helper()
	node, err := c.Net.Start(c.Node.LogPath)
	if err != nil {
		t.Fatal(err)
	}
	c.Node = node // stopped by the chain's cleanup
	ctx, cancel := context.WithTimeout(c.Ctx, 60*time.Second)
	defer cancel()
	if err := node.WaitForHeight(ctx, height+1); err != nil {
		t.Fatal(err)
	}
}
