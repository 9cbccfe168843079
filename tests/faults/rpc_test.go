package faults

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

var httpClient = &http.Client{Timeout: 5 * time.Second}

// blockHeightHeader is the header (gRPC metadata, and HTTP header through the
// REST gateway) that asks for, and reports, the height a query read state at.
const blockHeightHeader = "x-cosmos-block-height"

// getJSON GETs url and decodes a CometBFT JSON-RPC "result" (or a REST body
// when rpc is false) into out.
func getJSON(ctx context.Context, url string, rpc bool, out any) error {
	return fetchJSON(ctx, url, rpc, 0, out)
}

// getRESTAt GETs a REST url with the state read at height (the
// x-cosmos-block-height header) and decodes the body into out. It fails unless
// the node answers that it read exactly that height.
func getRESTAt(ctx context.Context, url string, height int64, out any) error {
	if height <= 0 {
		return fmt.Errorf("GET %s: height %d: an explicit height is needed", url, height)
	}
	return fetchJSON(ctx, url, false, height, out)
}

func fetchJSON(ctx context.Context, url string, rpc bool, height int64, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if height > 0 {
		req.Header.Set(blockHeightHeader, strconv.FormatInt(height, 10))
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if !rpc {
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d %s", url, resp.StatusCode, body)
		}
		if height > 0 {
			if got := resp.Header.Get(blockHeightHeader); got != strconv.FormatInt(height, 10) {
				return fmt.Errorf("GET %s: asked for state at height %d, the node answered at height %q", url, height, got)
			}
		}
		return json.Unmarshal(body, out)
	}
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Data    string `json:"data"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("GET %s: %w: %.300s", url, err, body)
	}
	if env.Error != nil {
		return fmt.Errorf("GET %s: rpc error %d %s: %s", url, env.Error.Code, env.Error.Message, env.Error.Data)
	}
	return json.Unmarshal(env.Result, out)
}

// blockMeta is one block's hash and app hash.
type blockMeta struct {
	Hash    string
	AppHash string
}

// blockMetas reads heights [min, max] from a node's /blockchain (20 a call).
func blockMetas(ctx context.Context, rpcURL string, min, max int64) (map[int64]blockMeta, error) {
	out := map[int64]blockMeta{}
	for lo := min; lo <= max; lo += 20 {
		hi := lo + 19
		if hi > max {
			hi = max
		}
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
		if err := getJSON(ctx, fmt.Sprintf("%s/blockchain?minHeight=%d&maxHeight=%d", rpcURL, lo, hi), true, &res); err != nil {
			return nil, err
		}
		for _, m := range res.BlockMetas {
			h, err := strconv.ParseInt(m.Header.Height, 10, 64)
			if err != nil {
				return nil, err
			}
			out[h] = blockMeta{Hash: m.BlockID.Hash, AppHash: m.Header.AppHash}
		}
	}
	for h := min; h <= max; h++ {
		if _, ok := out[h]; !ok {
			return nil, fmt.Errorf("%s: no block %d in /blockchain", rpcURL, h)
		}
	}
	return out, nil
}

// txResult is a committed transaction as /tx reports it.
type txResult struct {
	Height int64
	Code   uint32
}

// queryTx asks a node's /tx for a hash (hex, upper case); found is false when
// the node does not know it.
func queryTx(ctx context.Context, rpcURL, hash string) (txResult, bool, error) {
	var res struct {
		Height   string `json:"height"`
		TxResult struct {
			Code uint32 `json:"code"`
		} `json:"tx_result"`
	}
	err := getJSON(ctx, rpcURL+"/tx?hash=0x"+hash, true, &res)
	if err != nil {
		if isNotFound(err) {
			return txResult{}, false, nil
		}
		return txResult{}, false, err
	}
	h, err := strconv.ParseInt(res.Height, 10, 64)
	if err != nil {
		return txResult{}, false, err
	}
	return txResult{Height: h, Code: res.TxResult.Code}, true, nil
}

// blockTxCodes reads one block from a node's block store (/block) and its
// results (/block_results): the hash (upper-case hex SHA-256) of every
// transaction in it and its result code. Unlike /tx it does not depend on the
// tx indexer, which CometBFT runs asynchronously: a node killed between
// committing a block and indexing it comes back with the block but without
// its index entries.
func blockTxCodes(ctx context.Context, rpcURL string, height int64) (map[string]uint32, error) {
	var block struct {
		Block struct {
			Data struct {
				Txs [][]byte `json:"txs"`
			} `json:"data"`
		} `json:"block"`
	}
	if err := getJSON(ctx, fmt.Sprintf("%s/block?height=%d", rpcURL, height), true, &block); err != nil {
		return nil, err
	}
	txs := block.Block.Data.Txs
	if len(txs) == 0 {
		return map[string]uint32{}, nil
	}
	var results struct {
		TxsResults []struct {
			Code uint32 `json:"code"`
		} `json:"txs_results"`
	}
	if err := getJSON(ctx, fmt.Sprintf("%s/block_results?height=%d", rpcURL, height), true, &results); err != nil {
		return nil, err
	}
	if len(results.TxsResults) != len(txs) {
		return nil, fmt.Errorf("height %d: %d txs but %d results", height, len(txs), len(results.TxsResults))
	}
	codes := make(map[string]uint32, len(txs))
	for i, tx := range txs {
		sum := sha256.Sum256(tx)
		codes[strings.ToUpper(hex.EncodeToString(sum[:]))] = results.TxsResults[i].Code
	}
	return codes, nil
}

func isNotFound(err error) bool {
	s := err.Error()
	return strings.Contains(s, "not found")
}

// status is the part of /status the tests read.
type status struct {
	Height  int64
	Hash    string
	AppHash string
}

func nodeStatus(ctx context.Context, rpcURL string) (status, error) {
	var res struct {
		SyncInfo struct {
			LatestBlockHash   string `json:"latest_block_hash"`
			LatestAppHash     string `json:"latest_app_hash"`
			LatestBlockHeight string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if err := getJSON(ctx, rpcURL+"/status", true, &res); err != nil {
		return status{}, err
	}
	h, err := strconv.ParseInt(res.SyncInfo.LatestBlockHeight, 10, 64)
	if err != nil {
		return status{}, err
	}
	return status{Height: h, Hash: res.SyncInfo.LatestBlockHash, AppHash: res.SyncInfo.LatestAppHash}, nil
}

// mempoolSize is the number of transactions in a node's mempool
// (/num_unconfirmed_txs).
func mempoolSize(ctx context.Context, rpcURL string) (int, error) {
	var res struct {
		Total json.Number `json:"total"`
	}
	if err := getJSON(ctx, rpcURL+"/num_unconfirmed_txs", true, &res); err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(res.Total.String())
	if err != nil {
		return 0, fmt.Errorf("%s/num_unconfirmed_txs: total %q: %w", rpcURL, res.Total, err)
	}
	return n, nil
}
