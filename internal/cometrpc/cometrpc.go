// Package cometrpc is a small CometBFT JSON-RPC client over HTTP: broadcast, status,
// transactions, blocks with their results, and the mempool size. tests/e2e, tests/storm,
// tests/faults and bench/ share it. It depends on the standard library and internal/fetch only.
package cometrpc

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/civicchain/civic/internal/fetch"
)

// Client calls one node's CometBFT RPC (URL is http://host:port).
type Client struct {
	URL  string
	HTTP *http.Client
	id   atomic.Int64
}

// New returns a client for url with a connection pool for conns concurrent callers
// and a timeout per call.
func New(url string, conns int, timeout time.Duration) *Client {
	tr := &http.Transport{MaxIdleConns: conns * 2, MaxIdleConnsPerHost: conns * 2, IdleConnTimeout: time.Minute}
	return &Client{URL: url, HTTP: &http.Client{Transport: tr, Timeout: timeout}}
}

// Error is the node's JSON-RPC error answer: it refused the call (e.g. a tx over the
// RPC body limit, or an unknown tx hash).
type Error struct {
	Method  string
	Code    int
	Message string
	Data    string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: rpc error %d %s: %s", e.Method, e.Code, e.Message, e.Data)
}

// IsNotFound reports whether err is the node's answer that what was asked for (a tx,
// a block) does not exist.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && strings.Contains(e.Message+" "+e.Data, "not found")
}

// Call calls method with params and decodes the result into out. A JSON-RPC error
// answer is an *Error.
func (c *Client) Call(ctx context.Context, method string, params map[string]any, out any) error {
	if params == nil {
		params = map[string]any{}
	}
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": c.id.Add(1), "method": method, "params": params})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, raw, err := fetch.Do(c.HTTP, req)
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
		return fmt.Errorf("%s: HTTP %d: %w: %.300s", method, resp.StatusCode, err, raw)
	}
	if env.Error != nil {
		return &Error{Method: method, Code: env.Error.Code, Message: env.Error.Message, Data: env.Error.Data}
	}
	return json.Unmarshal(env.Result, out)
}

// CheckResult is broadcast_tx_sync's answer: the CheckTx result.
type CheckResult struct {
	Code      uint32 `json:"code"`
	Codespace string `json:"codespace"`
	Log       string `json:"log"`
	Hash      string `json:"hash"`
}

// BroadcastSync sends tx with broadcast_tx_sync (waits for CheckTx). When CometBFT
// refuses the tx before CheckTx the error is an *Error.
func (c *Client) BroadcastSync(ctx context.Context, tx []byte) (CheckResult, error) {
	var out CheckResult
	err := c.Call(ctx, "broadcast_tx_sync", map[string]any{"tx": base64.StdEncoding.EncodeToString(tx)}, &out)
	return out, err
}

// Status is the part of /status the callers read.
type Status struct {
	Height  int64
	Hash    string // latest block hash
	AppHash string // latest app hash
}

// Status reads the node's latest block.
func (c *Client) Status(ctx context.Context) (Status, error) {
	var res struct {
		SyncInfo struct {
			LatestBlockHash   string `json:"latest_block_hash"`
			LatestAppHash     string `json:"latest_app_hash"`
			LatestBlockHeight string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if err := c.Call(ctx, "status", nil, &res); err != nil {
		return Status{}, err
	}
	h, err := strconv.ParseInt(res.SyncInfo.LatestBlockHeight, 10, 64)
	if err != nil {
		return Status{}, err
	}
	return Status{Height: h, Hash: res.SyncInfo.LatestBlockHash, AppHash: res.SyncInfo.LatestAppHash}, nil
}

// Height is the latest block height.
func (c *Client) Height(ctx context.Context) (int64, error) {
	st, err := c.Status(ctx)
	return st.Height, err
}

// TxResult is a committed transaction as /tx reports it.
type TxResult struct {
	Height    int64
	Code      uint32
	Codespace string
	Log       string
}

// Tx looks a committed transaction up by its hash (hex, either case) in the node's tx
// index; found is false when the node does not know it.
func (c *Client) Tx(ctx context.Context, hash string) (res TxResult, found bool, err error) {
	h, err := hex.DecodeString(hash)
	if err != nil {
		return TxResult{}, false, err
	}
	var out struct {
		Height   string `json:"height"`
		TxResult struct {
			Code      uint32 `json:"code"`
			Codespace string `json:"codespace"`
			Log       string `json:"log"`
		} `json:"tx_result"`
	}
	if err := c.Call(ctx, "tx", map[string]any{"hash": base64.StdEncoding.EncodeToString(h)}, &out); err != nil {
		if IsNotFound(err) {
			return TxResult{}, false, nil
		}
		return TxResult{}, false, err
	}
	height, err := strconv.ParseInt(out.Height, 10, 64)
	if err != nil {
		return TxResult{}, false, err
	}
	return TxResult{Height: height, Code: out.TxResult.Code, Codespace: out.TxResult.Codespace, Log: out.TxResult.Log}, true, nil
}

// NumUnconfirmedTxs is the number of transactions in the node's mempool.
func (c *Client) NumUnconfirmedTxs(ctx context.Context) (int, error) {
	var res struct {
		Total json.Number `json:"total"`
	}
	if err := c.Call(ctx, "num_unconfirmed_txs", nil, &res); err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(res.Total.String())
	if err != nil {
		return 0, fmt.Errorf("num_unconfirmed_txs: total %q: %w", res.Total, err)
	}
	return n, nil
}

// BlockMeta is one block's hash and app hash.
type BlockMeta struct {
	Hash    string
	AppHash string
}

// BlockMetas reads heights [from, to] from /blockchain (20 a call); every height must
// be there.
func (c *Client) BlockMetas(ctx context.Context, from, to int64) (map[int64]BlockMeta, error) {
	out := map[int64]BlockMeta{}
	for lo := from; lo <= to; lo += 20 {
		hi := min(lo+19, to)
		var res struct {
			BlockMetas []struct {
				BlockID struct {
					Hash string `json:"hash"`
				} `json:"block_id"`
				Header struct {
					Height  string `json:"height"`
					AppHash string `json:"app_hash"`
				} `json:"header"`
			} `json:"block_metas"`
		}
		params := map[string]any{"minHeight": strconv.FormatInt(lo, 10), "maxHeight": strconv.FormatInt(hi, 10)}
		if err := c.Call(ctx, "blockchain", params, &res); err != nil {
			return nil, err
		}
		for _, m := range res.BlockMetas {
			h, err := strconv.ParseInt(m.Header.Height, 10, 64)
			if err != nil {
				return nil, err
			}
			out[h] = BlockMeta{Hash: m.BlockID.Hash, AppHash: m.Header.AppHash}
		}
	}
	for h := from; h <= to; h++ {
		if _, ok := out[h]; !ok {
			return nil, fmt.Errorf("%s: no block %d in /blockchain", c.URL, h)
		}
	}
	return out, nil
}

// Event is an ABCI event with its attributes (typed events' JSON quotes removed).
type Event struct {
	Type  string
	Attrs map[string]string
}

// TxOutcome is one transaction of a committed block.
type TxOutcome struct {
	Hash   [32]byte // SHA-256 of the tx bytes
	Code   uint32
	Log    string
	Events []Event
}

// HashHex is the tx hash as CometBFT prints it (upper-case hex).
func (o TxOutcome) HashHex() string {
	return strings.ToUpper(hex.EncodeToString(o.Hash[:]))
}

// Block is a committed block: its header time and its transactions' outcomes.
type Block struct {
	Height int64
	Time   time.Time
	Txs    []TxOutcome
}

// Block reads /block and /block_results at height from the node's block store (not
// the tx index, which CometBFT fills asynchronously). Only the events whose type
// starts with eventPrefix are kept ("" keeps every event).
func (c *Client) Block(ctx context.Context, height int64, eventPrefix string) (Block, error) {
	h := strconv.FormatInt(height, 10)
	var b struct {
		Block struct {
			Header struct {
				Time time.Time `json:"time"`
			} `json:"header"`
			Data struct {
				Txs [][]byte `json:"txs"`
			} `json:"data"`
		} `json:"block"`
	}
	if err := c.Call(ctx, "block", map[string]any{"height": h}, &b); err != nil {
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
	if err := c.Call(ctx, "block_results", map[string]any{"height": h}, &br); err != nil {
		return Block{}, err
	}
	if len(br.TxsResults) != len(b.Block.Data.Txs) {
		return Block{}, fmt.Errorf("block %d: %d txs but %d results", height, len(b.Block.Data.Txs), len(br.TxsResults))
	}
	for i, tx := range b.Block.Data.Txs {
		res := br.TxsResults[i]
		o := TxOutcome{Hash: sha256.Sum256(tx), Code: res.Code, Log: res.Log}
		for _, e := range res.Events {
			if !strings.HasPrefix(e.Type, eventPrefix) {
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
