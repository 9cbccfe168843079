package faults

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/localnet"
)

// Issue 11, finding 16: TestExportImport compared a REST read of the old chain
// (one block after the load stopped, while the mempool still held accepted
// transactions) with an export taken later, and the load lost track of a
// transaction whose sender was cancelled while it polled for it. These tests
// need no civicd.

// TestFinding16AccountingAddsUp: every transaction CheckTx accepted (or may
// have: a broadcast without an answer) is committed or absent, exactly; a
// transaction only ever refused counts as neither; one whose sender stopped
// waiting is found committed in the blocks, with its code.
func TestFinding16AccountingAddsUp(t *testing.T) {
	sent := map[string]*sentTx{
		"A": {Hash: "A", Kind: "bank.MsgSend", Accepted: true, Committed: &txResult{Height: 7, Code: 0}},
		"B": {Hash: "B", Kind: "evidence.VerifyIntegrity", Accepted: true},                    // sender cancelled while polling
		"C": {Hash: "C", Kind: "evidence.OpenCase", Unanswered: true},                         // broadcast cancelled, yet in a mempool
		"D": {Hash: "D", Kind: "bank.MsgSend", Accepted: true, AcceptedBy: map[int]int{2: 0}}, // accepted by a node killed before gossiping it
		"E": {Hash: "E", Kind: "bank.MsgSend", Unanswered: true},                              // never reached a node
		"F": {Hash: "F", Kind: "bank.MsgSend", Refused: 2},
	}
	blocks := map[string]txResult{"A": {Height: 7, Code: 0}, "B": {Height: 8, Code: 1107}, "C": {Height: 9, Code: 0}}
	stores := []nodeBlocks{{Node: 0, Txs: blocks}, {Node: 1, Txs: blocks}}
	acc, problems := classify(sent, stores, 12, map[int]int{2: 1})
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	want := accounting{Height: 12, Accepted: 3, Unanswered: 2, Committed: 3, Absent: 2, Lost: 1,
		OK:     map[string]int{"bank.MsgSend": 1, "evidence.OpenCase": 1},
		Failed: map[string]int{"evidence.VerifyIntegrity": 1}}
	if !sameFate(acc, want) || acc.Height != want.Height {
		t.Fatalf("accounting %s, want %s", acc, want)
	}
	if got := sent["B"].Committed; got == nil || *got != (txResult{Height: 8, Code: 1107}) {
		t.Fatalf("B recorded as %v, want block 8 code 1107", got)
	}
	if sent["D"].Committed != nil || sent["F"].Committed != nil {
		t.Fatal("an absent transaction was recorded as committed")
	}
}

// TestFinding16AccountingProblemsFail: each way the blocks can contradict the
// load's record is reported (node2 went down once, while node0 never did).
func TestFinding16AccountingProblemsFail(t *testing.T) {
	base := func() map[string]*sentTx {
		return map[string]*sentTx{
			"A": {Hash: "A", Kind: "bank.MsgSend", Accepted: true},
			"R": {Hash: "R", Kind: "bank.MsgSend", Refused: 1},
		}
	}
	one := map[string]txResult{"A": {Height: 5, Code: 0}}
	for _, c := range []struct {
		name   string
		sent   func() map[string]*sentTx
		stores []nodeBlocks
		want   string
		sum    bool // the sum Committed + Absent == Accepted + Unanswered breaks too
	}{
		{"tx never broadcast", base, []nodeBlocks{{Txs: map[string]txResult{"A": {Height: 5}, "X": {Height: 6}}}}, "never broadcast", true},
		{"refused tx in a block", base, []nodeBlocks{{Txs: map[string]txResult{"A": {Height: 5}, "R": {Height: 6}}}}, "CheckTx refused every time", true},
		{"missing on a node", base, []nodeBlocks{{Node: 0, Txs: one}, {Node: 1, Txs: map[string]txResult{}}}, "in no block of node1", false},
		{"only on a node", base, []nodeBlocks{{Node: 0, Txs: map[string]txResult{}}, {Node: 1, Txs: one}}, "in no block of node0", false},
		{"other code on a node", base, []nodeBlocks{{Node: 0, Txs: one}, {Node: 1, Txs: map[string]txResult{"A": {Height: 5, Code: 3}}}}, "node1 in block 5 with code 3", false},
		{"seen committed, in no block", func() map[string]*sentTx {
			s := base()
			s["A"].Committed = &txResult{Height: 5}
			return s
		}, []nodeBlocks{{Txs: map[string]txResult{}}}, "no block through 9 holds it", false},
		{"seen at another height", func() map[string]*sentTx {
			s := base()
			s["A"].Committed = &txResult{Height: 4}
			return s
		}, []nodeBlocks{{Txs: one}}, "seen committed in block 4", false},
		{"lost by a node that kept running", func() map[string]*sentTx {
			s := base()
			s["A"].AcceptedBy = map[int]int{2: 0, 0: 0}
			return s
		}, []nodeBlocks{{Txs: map[string]txResult{}}}, "accepted by node0's CheckTx is in no block through 9 and in no mempool, though node0 has not gone down since", false},
		{"lost by a node restarted before it accepted", func() map[string]*sentTx {
			s := base()
			s["A"].AcceptedBy = map[int]int{2: 1}
			return s
		}, []nodeBlocks{{Txs: map[string]txResult{}}}, "node2 has not gone down since", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, problems := classify(c.sent(), c.stores, 9, map[int]int{2: 1})
			all := strings.Join(problems, "\n")
			if !strings.Contains(all, c.want) {
				t.Fatalf("problems %q, want one with %q", problems, c.want)
			}
			if c.sum != strings.Contains(all, "does not add up") {
				t.Fatalf("problems %q: sum broken = %v, want %v", problems, !c.sum, c.sum)
			}
		})
	}
}

// TestFinding16CancelledSenderKeepsTx runs the load against a fake node that
// accepts the first two transactions and never reports them committed, and
// leaves every later broadcast unanswered; then it stops the load. Every
// transaction that reached the node must still be tracked (accepted or
// unanswered) and, found in the blocks, be accounted committed.
func TestFinding16CancelledSenderKeepsTx(t *testing.T) {
	fake := &fakeNode{acceptN: 2, received: map[string]bool{}, accepted: map[string]bool{}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	_, portStr, err := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	var port int
	if _, err := fmt.Sscan(portStr, &port); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	kr, err := keyring.New("civic", keyring.BackendTest, home, nil, newEncoding(t).cdc)
	if err != nil {
		t.Fatal(err)
	}
	addrs := map[string]string{}
	for _, name := range []string{"citizen", "knpa-admin", "knpa-investigator", "spo-auditor", "kcg-admin", "kcg-investigator"} {
		rec, _, err := kr.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
		if err != nil {
			t.Fatal(err)
		}
		a, err := rec.GetAddress()
		if err != nil {
			t.Fatal(err)
		}
		addrs[name] = a.String()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	node := &localnet.Network{Home: home, ChainID: "civic-fake-1", Denom: "ucivic", Addresses: addrs, Ports: localnet.Ports{RPC: port, API: port}}
	c := &cluster{t: t, ctx: ctx, cfg: localnet.Config{ChainID: "civic-fake-1", Denom: "ucivic"},
		m: &localnet.MultiNetwork{Nodes: []*localnet.Network{node}}, nodes: []*localnet.Node{{}}}
	l := startLoad(t, c)
	deadline := time.Now().Add(30 * time.Second)
	for fake.count() < 4 { // two accepted and polling, two hanging in broadcast_tx_sync
		if time.Now().After(deadline) {
			t.Fatalf("the load reached the fake node with %d transactions", fake.count())
		}
		time.Sleep(50 * time.Millisecond)
	}
	l.stop()

	fake.mu.Lock()
	received, accepted := fake.received, fake.accepted
	fake.mu.Unlock()
	if len(accepted) != 2 || len(received) < 4 {
		t.Fatalf("the fake node accepted %d of %d transactions; want 2 accepted and the rest unanswered", len(accepted), len(received))
	}
	blocks := map[string]txResult{}
	for h := range received {
		tx, ok := l.sent[h]
		switch {
		case !ok:
			t.Fatalf("tx %s reached the node but the load dropped it", h)
		case accepted[h] && !tx.Accepted:
			t.Fatalf("tx %s accepted by CheckTx, not recorded as accepted", h)
		case !accepted[h] && !tx.Unanswered:
			t.Fatalf("tx %s got no answer, not recorded as unanswered", h)
		}
		blocks[h] = txResult{Height: 6}
	}
	acc, problems := classify(l.sent, []nodeBlocks{{Txs: blocks}}, 6, nil)
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	if acc.Committed != len(received) || acc.Absent != 0 || acc.Accepted != len(accepted) {
		t.Fatalf("all %d transactions that reached the node (%d accepted) are in the blocks; accounting %s", len(received), len(accepted), acc)
	}
	t.Logf("accounting %s", acc)
	for _, tx := range l.sent {
		tx.Committed = nil
	}
	acc, problems = classify(l.sent, []nodeBlocks{{Txs: map[string]txResult{}}}, 6, map[int]int{0: 1}) // the node went down
	if len(problems) != 0 || acc.Absent != len(received) || acc.Lost != len(accepted) {
		t.Fatalf("none in the blocks: all %d absent, %d of them lost; accounting %s; problems %v", len(received), len(accepted), acc, problems)
	}
	if _, problems = classify(l.sent, []nodeBlocks{{Txs: map[string]txResult{}}}, 6, nil); len(problems) != len(accepted) {
		t.Fatalf("the node that accepted %d transactions never went down, yet they are in no block: want %d problems, got %v", len(accepted), len(accepted), problems)
	}
}

// fakeNode answers the CometBFT RPC and REST calls of the load: /status at
// height 5, every account at sequence 0, broadcast_tx_sync accepting the first
// acceptN transactions and then holding every request until the client gives
// up, /tx never finding anything.
type fakeNode struct {
	acceptN int

	mu       sync.Mutex
	received map[string]bool // hashes of every transaction broadcast to it
	accepted map[string]bool // the ones it answered with code 0
}

func (f *fakeNode) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.received)
}

func (f *fakeNode) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/status": // internal/localnet's height poll
		fmt.Fprint(w, `{"result":{"sync_info":{"latest_block_height":"5"}}}`)
		return
	case strings.HasPrefix(r.URL.Path, "/cosmos/auth/v1beta1/account_info/"):
		fmt.Fprint(w, `{"info":{"account_number":"1","sequence":"0"}}`)
		return
	}
	var req struct {
		Method string            `json:"method"`
		Params map[string]string `json:"params"`
	}
	if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&req) != nil {
		http.NotFound(w, r)
		return
	}
	switch req.Method {
	case "status":
		fmt.Fprint(w, `{"result":{"sync_info":{"latest_block_height":"5"}}}`)
	case "broadcast_tx_sync":
		raw, err := base64.StdEncoding.DecodeString(req.Params["tx"])
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		sum := sha256.Sum256(raw)
		hash := strings.ToUpper(hex.EncodeToString(sum[:]))
		f.mu.Lock()
		f.received[hash] = true
		accept := f.accepted[hash] || len(f.accepted) < f.acceptN
		if accept {
			f.accepted[hash] = true
		}
		f.mu.Unlock()
		if !accept {
			<-r.Context().Done()
			return
		}
		fmt.Fprintf(w, `{"result":{"code":0,"hash":%q}}`, hash)
	case "tx":
		fmt.Fprint(w, `{"error":{"code":-32603,"message":"Internal error","data":"tx not found"}}`)
	default:
		http.NotFound(w, r)
	}
}

// TestFinding16RESTReadsExplicitHeight: a REST read at a height sends the
// x-cosmos-block-height header and fails unless the node answers at that
// height.
func TestFinding16RESTReadsExplicitHeight(t *testing.T) {
	var answerAt atomic.Int64
	answerAt.Store(41)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(blockHeightHeader) != "42" {
			http.Error(w, "no height asked", http.StatusBadRequest)
			return
		}
		w.Header().Set(blockHeightHeader, fmt.Sprint(answerAt.Load()))
		fmt.Fprint(w, `{"ok":true}`)
	}))
	defer srv.Close()
	var v map[string]any
	ctx := context.Background()
	if err := getRESTAt(ctx, srv.URL+"/x", 42, &v); err == nil || !strings.Contains(err.Error(), `answered at height "41"`) {
		t.Fatalf("an answer at another height was accepted: %v", err)
	}
	answerAt.Store(42)
	if err := getRESTAt(ctx, srv.URL+"/x", 42, &v); err != nil || v["ok"] != true {
		t.Fatalf("answer at the height asked: %v %v", err, v)
	}
	if err := getRESTAt(ctx, srv.URL+"/x", 0, &v); err == nil {
		t.Fatal("a REST read without a height was accepted")
	}
}
