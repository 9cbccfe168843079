package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/fetch"
	testchain "github.com/civicchain/civic/testutil/chain"
)

// chain is a running single-validator network built from config.yml.
type chain struct {
	*testchain.Chain
	t *testing.T
}

// startExample starts the chain of a worked example (the test is skipped with
// -short) and returns it with run, which runs one step as a subtest and logs
// its time; the steps share the chain, so the first failure stops the test.
// The example's total time is logged when the test ends.
func startExample(t *testing.T, name string) (*chain, func(step string, f func(t *testing.T))) {
	t.Helper()
	if testing.Short() {
		t.Skip("e2e: skipped with -short")
	}
	began := time.Now()
	c := startChain(t)
	t.Cleanup(func() { t.Logf("%s total %s", name, time.Since(began).Round(time.Millisecond)) })
	run := func(step string, f func(t *testing.T)) {
		t.Helper()
		start := time.Now()
		if !t.Run(step, f) {
			t.FailNow()
		}
		t.Logf("%-34s %s", step, time.Since(start).Round(time.Millisecond))
	}
	return c, run
}

// startChain starts civicd from the repository's config.yml (testutil/chain.Start).
func startChain(t *testing.T) *chain {
	t.Helper()
	return &chain{Chain: testchain.Start(t, civicd), t: t}
}

// addr is the address of a config.yml account.
func (c *chain) addr(name string) string {
	a, ok := c.Net.Addresses[name]
	if !ok {
		c.t.Fatalf("no account %q in config.yml", name)
	}
	return a
}

// cli runs civicd with args and --home; it fails the test on error.
func (c *chain) cli(args ...string) []byte {
	c.t.Helper()
	out, err := c.Net.Exec(c.Ctx, "", append(args, "--home", c.Net.Home)...)
	if err != nil {
		c.t.Fatal(err)
	}
	return out
}

// queryJSON runs a query command with --output json into out.
func (c *chain) queryJSON(out any, args ...string) {
	c.t.Helper()
	raw := c.cli(append(args, "--output", "json", "--node", c.Net.RPCURL())...)
	if err := json.Unmarshal(raw, out); err != nil {
		c.t.Fatalf("civicd %s: %v\n%s", strings.Join(args, " "), err, raw)
	}
}

// txResult is the CLI's JSON TxResponse.
type txResult struct {
	Height    string `json:"height"`
	TxHash    string `json:"txhash"`
	Codespace string `json:"codespace"`
	Code      uint32 `json:"code"`
	RawLog    string `json:"raw_log"`
	Events    []struct {
		Type       string `json:"type"`
		Attributes []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"attributes"`
	} `json:"events"`
}

// attr returns the value of an event attribute (typed events' JSON quotes
// removed), or "" when absent.
func (r txResult) attr(eventType, key string) string {
	for _, e := range r.Events {
		if e.Type != eventType {
			continue
		}
		for _, a := range e.Attributes {
			if a.Key == key {
				return strings.Trim(a.Value, `"`)
			}
		}
	}
	return ""
}

// tx signs with --from, estimates gas, broadcasts, waits for the block and
// fails the test unless the transaction succeeded.
func (c *chain) tx(from string, args ...string) txResult {
	c.t.Helper()
	res := c.broadcast(from, []string{"--gas", "auto", "--gas-adjustment", "1.5"}, args...)
	if res.Code != 0 {
		c.t.Fatalf("tx %s from %s failed: code %d codespace %q: %s", strings.Join(args, " "), from, res.Code, res.Codespace, res.RawLog)
	}
	return res
}

// txFixedGas broadcasts with a fixed gas limit (no simulation, so a tx that
// fails in a message handler still reaches a block) and returns the result.
func (c *chain) txFixedGas(from string, gas int, args ...string) txResult {
	c.t.Helper()
	return c.broadcast(from, []string{"--gas", strconv.Itoa(gas)}, args...)
}

func (c *chain) broadcast(from string, gasFlags []string, args ...string) txResult {
	c.t.Helper()
	res := c.submit(from, gasFlags, args...)
	if res.Code != 0 { // rejected by CheckTx: never reaches a block
		return res
	}
	return c.waitTx(res.TxHash)
}

// submit signs and broadcasts a transaction and returns CheckTx's answer
// without waiting for a block, so that transactions of different signers sent
// one after another can share a block.
func (c *chain) submit(from string, gasFlags []string, args ...string) txResult {
	c.t.Helper()
	full := append(append([]string{}, args...), "--from", from, "--yes", "--output", "json",
		"--keyring-backend", "test", "--chain-id", c.Net.ChainID, "--node", c.Net.RPCURL())
	full = append(full, gasFlags...)
	var res txResult
	raw := c.cli(full...)
	if err := json.Unmarshal(raw, &res); err != nil {
		c.t.Fatalf("tx %s: %v\n%s", strings.Join(args, " "), err, raw)
	}
	return res
}

// refusalGas is the fixed gas of a refusal (the READMEs' $F), so that it
// reaches a block instead of failing the simulation.
const refusalGas = 400000

// blockCall is one transaction of a step: its signer, its command line and,
// for a refusal, the registered error it must fail with in a block.
type blockCall struct {
	from    string
	args    []string
	refusal *errorsmod.Error
}

// deliver is a transaction that must be delivered.
func deliver(from string, args ...string) blockCall { return blockCall{from: from, args: args} }

// refuse is a transaction that must fail in a block with err.
func refuse(err *errorsmod.Error, from string, args ...string) blockCall {
	return blockCall{from: from, args: args, refusal: err}
}

// sameBlock sends calls of distinct signers one after another without
// waiting, so that they share a block, then waits for each and checks it:
// delivered, or refused in the block with its registered error (codespace
// and code). Refusals go with a fixed gas limit, the others with --gas auto
// (simulated on the last committed state: a call that needs an earlier one
// of the same block goes in the next block). CometBFT's mempool keeps the
// order they were sent in.
func sameBlock(t *testing.T, c *chain, calls ...blockCall) []txResult {
	t.Helper()
	signers := map[string]bool{}
	hashes := make([]string, len(calls))
	for i, cl := range calls {
		if signers[cl.from] {
			t.Fatalf("%s signs twice in one block", cl.from)
		}
		signers[cl.from] = true
		gas := []string{"--gas", "auto", "--gas-adjustment", "1.5"}
		if cl.refusal != nil {
			gas = []string{"--gas", strconv.Itoa(refusalGas)}
		}
		res := c.submit(cl.from, gas, cl.args...)
		if res.Code != 0 {
			t.Fatalf("tx %s from %s refused by CheckTx: code %d codespace %q: %s", strings.Join(cl.args, " "), cl.from, res.Code, res.Codespace, res.RawLog)
		}
		hashes[i] = res.TxHash
	}
	out := make([]txResult, len(calls))
	for i, cl := range calls {
		res := c.waitTx(hashes[i])
		what := strings.Join(cl.args, " ") + " from " + cl.from
		if cl.refusal != nil {
			mustReject(t, what, res, cl.refusal.Codespace(), cl.refusal.ABCICode())
		} else if res.Code != 0 {
			t.Fatalf("tx %s failed: code %d codespace %q: %s", what, res.Code, res.Codespace, res.RawLog)
		}
		out[i] = res
	}
	return out
}

// waitTx waits until the transaction hash is in a block and returns its result.
// It polls the REST endpoint GET /cosmos/tx/v1beta1/txs/{hash} (what an agency
// app does) rather than `civicd query tx`: each CLI call starts the whole app
// (about 0.3 s of CPU), and polling that way cost the suite more CPU than the
// transactions themselves. (`query wait-tx` is no better: it looks the tx up and
// then subscribes, so a tx committed between the two is never reported.)
func (c *chain) waitTx(hash string) txResult {
	c.t.Helper()
	var got struct {
		TxResponse txResult `json:"tx_response"`
	}
	c.eventually(30*time.Second, 100*time.Millisecond, "tx "+hash+" in a block", func() error {
		status, body := c.restRaw("/cosmos/tx/v1beta1/txs/" + hash)
		if status != http.StatusOK {
			return fmt.Errorf("GET tx: %d %s", status, body) // not indexed yet
		}
		return json.Unmarshal(body, &got)
	})
	return got.TxResponse
}

// restGet GETs a REST path and decodes the JSON answer into out; it fails the
// test unless the status is 200.
func (c *chain) restGet(path string, out any) {
	c.t.Helper()
	status, body := c.restRaw(path)
	if status != http.StatusOK {
		c.t.Fatalf("GET %s: %d %s", path, status, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		c.t.Fatalf("GET %s: %v\n%s", path, err, body)
	}
}

// restRaw GETs a REST path and returns the status and body.
func (c *chain) restRaw(path string) (int, []byte) {
	c.t.Helper()
	resp, body, err := fetch.Get(c.Ctx, http.DefaultClient, c.Net.APIURL()+path, nil)
	if err != nil {
		c.t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, body
}

// balanceOf is an account's balance of denom over REST.
func (c *chain) balanceOf(t *testing.T, addr, denom string) int64 {
	t.Helper()
	var r struct {
		Balance struct {
			Denom  string `json:"denom"`
			Amount string `json:"amount"`
		} `json:"balance"`
	}
	c.restGet("/cosmos/bank/v1beta1/balances/"+addr+"/by_denom?denom="+denom, &r)
	n, err := strconv.ParseInt(r.Balance.Amount, 10, 64)
	if err != nil {
		t.Fatalf("%s balance of %s: %q", denom, addr, r.Balance.Amount)
	}
	return n
}

// eventually retries check every interval until it returns nil or timeout passes.
func (c *chain) eventually(timeout, interval time.Duration, what string, check func() error) {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: still failing after %s: %v", what, timeout, err)
		}
		time.Sleep(interval)
	}
}

// writeJSON writes v as a JSON file in a temporary folder and returns its path.
func writeJSON(t *testing.T, name string, v any) string {
	t.Helper()
	raw, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustEqual fails the test when got != want.
func mustEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

// mustEqualSlices fails the test when the slices differ.
func mustEqualSlices[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
		t.Fatalf("%s:\n got  %v\n want %v", what, got, want)
	}
}
