package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// RPC is a minimal CometBFT JSON-RPC client over HTTP.
type RPC struct {
	URL    string
	Client *http.Client
	id     atomic.Int64
}

// NewRPC returns a client for url (http://127.0.0.1:port) with a connection pool
// sized for conns concurrent senders.
func NewRPC(url string, conns int) *RPC {
	tr := &http.Transport{MaxIdleConns: conns * 2, MaxIdleConnsPerHost: conns * 2, IdleConnTimeout: time.Minute}
	return &RPC{URL: url, Client: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

func (r *RPC) call(ctx context.Context, method string, params any, out any) error {
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": r.id.Add(1), "method": method, "params": params})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := r.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Data    string `json:"data"`
		} `json:"error"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("%s: %w: %.200s", method, err, raw)
	}
	if env.Error != nil {
		return fmt.Errorf("%s: %s %s", method, env.Error.Message, env.Error.Data)
	}
	return json.Unmarshal(env.Result, out)
}

// CheckResult is broadcast_tx_sync's answer.
type CheckResult struct {
	Code      uint32 `json:"code"`
	Log       string `json:"log"`
	Codespace string `json:"codespace"`
	Hash      string `json:"hash"`
}

// BroadcastSync sends tx with broadcast_tx_sync (waits for CheckTx).
func (r *RPC) BroadcastSync(ctx context.Context, tx []byte) (CheckResult, error) {
	var out CheckResult
	err := r.call(ctx, "broadcast_tx_sync", map[string]any{"tx": base64.StdEncoding.EncodeToString(tx)}, &out)
	return out, err
}

// Height is the latest block height.
func (r *RPC) Height(ctx context.Context) (int64, error) {
	var st struct {
		SyncInfo struct {
			LatestBlockHeight string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if err := r.call(ctx, "status", map[string]any{}, &st); err != nil {
		return 0, err
	}
	return strconv.ParseInt(st.SyncInfo.LatestBlockHeight, 10, 64)
}

// Event is an ABCI event with its attributes (typed events' JSON quotes removed).
type Event struct {
	Type  string
	Attrs map[string]string
}

// TxOutcome is one transaction of a committed block.
type TxOutcome struct {
	Hash   [32]byte
	Code   uint32
	Log    string
	Events []Event
}

// Block is a committed block: header time and its transactions' outcomes.
type Block struct {
	Height int64
	Time   time.Time
	Txs    []TxOutcome
}

// FetchBlock reads /block and /block_results at height.
func (r *RPC) FetchBlock(ctx context.Context, height int64) (Block, error) {
	h := strconv.FormatInt(height, 10)
	var b struct {
		Block struct {
			Header struct {
				Time time.Time `json:"time"`
			} `json:"header"`
			Data struct {
				Txs []string `json:"txs"`
			} `json:"data"`
		} `json:"block"`
	}
	if err := r.call(ctx, "block", map[string]any{"height": h}, &b); err != nil {
		return Block{}, err
	}
	out := Block{Height: height, Time: b.Block.Header.Time, Txs: make([]TxOutcome, len(b.Block.Data.Txs))}
	if len(b.Block.Data.Txs) == 0 {
		return out, nil
	}
	var br struct {
		TxsResults []struct {
			Code   uint32 `json:"code"`
			Log    string `json:"log"`
			Events []struct {
				Type       string `json:"type"`
				Attributes []struct {
					Key   string `json:"key"`
					Value string `json:"value"`
				} `json:"attributes"`
			} `json:"events"`
		} `json:"txs_results"`
	}
	if err := r.call(ctx, "block_results", map[string]any{"height": h}, &br); err != nil {
		return Block{}, err
	}
	if len(br.TxsResults) != len(b.Block.Data.Txs) {
		return Block{}, fmt.Errorf("block %d: %d txs but %d results", height, len(b.Block.Data.Txs), len(br.TxsResults))
	}
	for i, s := range b.Block.Data.Txs {
		raw, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return Block{}, err
		}
		res := br.TxsResults[i]
		o := TxOutcome{Hash: sha256.Sum256(raw), Code: res.Code, Log: res.Log}
		for _, e := range res.Events {
			if !strings.HasPrefix(e.Type, "civic.") { // only our typed events are used
				continue
			}
			ev := Event{Type: e.Type, Attrs: map[string]string{}}
			for _, a := range e.Attributes {
				ev.Attrs[a.Key] = strings.Trim(a.Value, `"`)
			}
			o.Events = append(o.Events, ev)
		}
		out.Txs[i] = o
	}
	return out, nil
}

// sentTx is a transaction the harness broadcast.
type sentTx struct {
	acct     int
	msgIndex int
	sentAt   time.Time
	height   int64
	code     uint32
	log      string
	events   []Event
}

// Tracker follows committed blocks and matches them with sent transactions.
type Tracker struct {
	rpc *RPC

	mu        sync.Mutex
	sent      map[[32]byte]*sentTx
	blocks    map[int64]Block // header time only (Txs dropped)
	okPer     map[int64]int   // our code-0 txs per height (current workload)
	committed atomic.Int64    // our txs seen in blocks (any code)
	next      int64           // next height to fetch
	err       error
}

// NewTracker starts at height from (the first block it will read).
func NewTracker(r *RPC, from int64) *Tracker {
	return &Tracker{rpc: r, sent: map[[32]byte]*sentTx{}, blocks: map[int64]Block{}, okPer: map[int64]int{}, next: from}
}

// Reset forgets the sent transactions and per-block counts (a new workload).
func (t *Tracker) Reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sent = map[[32]byte]*sentTx{}
	t.okPer = map[int64]int{}
	t.committed.Store(0)
}

func (t *Tracker) add(hash [32]byte, s *sentTx) {
	t.mu.Lock()
	t.sent[hash] = s
	t.mu.Unlock()
}

// Run polls until ctx ends.
func (t *Tracker) Run(ctx context.Context) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := t.Poll(ctx); err != nil && ctx.Err() == nil {
			t.mu.Lock()
			t.err = err
			t.mu.Unlock()
		}
	}
}

// Poll reads every block up to the latest height.
func (t *Tracker) Poll(ctx context.Context) error {
	latest, err := t.rpc.Height(ctx)
	if err != nil {
		return err
	}
	// The latest block's results may not be stored yet when /status reports it:
	// read up to latest-1 (the next poll takes the rest).
	for t.next < latest {
		b, err := t.rpc.FetchBlock(ctx, t.next)
		if err != nil {
			return err
		}
		t.mu.Lock()
		for _, o := range b.Txs {
			s, ok := t.sent[o.Hash]
			if !ok || s.height != 0 {
				continue
			}
			s.height, s.code, s.log, s.events = b.Height, o.Code, o.Log, o.Events
			if o.Code == 0 {
				t.okPer[b.Height]++
			}
			t.committed.Add(1)
		}
		t.blocks[b.Height] = Block{Height: b.Height, Time: b.Time}
		t.next++
		t.mu.Unlock()
	}
	return nil
}

// LastHeight is the last height read.
func (t *Tracker) LastHeight() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.next - 1
}
