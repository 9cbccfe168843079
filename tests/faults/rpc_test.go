package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/civicchain/civic/internal/cometrpc"
	"github.com/civicchain/civic/internal/fetch"
)

var httpClient = &http.Client{Timeout: 5 * time.Second}

// blockHeightHeader is the header (gRPC metadata, and HTTP header through the
// REST gateway) that asks for, and reports, the height a query read state at.
const blockHeightHeader = "x-cosmos-block-height"

// rpcClient is a CometBFT RPC client of the node at url, with the tests' timeout.
func rpcClient(url string) *cometrpc.Client {
	return &cometrpc.Client{URL: url, HTTP: httpClient}
}

// getJSON GETs a REST url and decodes the body into out.
func getJSON(ctx context.Context, url string, out any) error {
	return fetchJSON(ctx, url, 0, out)
}

// getRESTAt GETs a REST url with the state read at height (the
// x-cosmos-block-height header) and decodes the body into out. It fails unless
// the node answers that it read exactly that height.
func getRESTAt(ctx context.Context, url string, height int64, out any) error {
	if height <= 0 {
		return fmt.Errorf("GET %s: height %d: an explicit height is needed", url, height)
	}
	return fetchJSON(ctx, url, height, out)
}

func fetchJSON(ctx context.Context, url string, height int64, out any) error {
	var header http.Header
	if height > 0 {
		header = http.Header{}
		header.Set(blockHeightHeader, strconv.FormatInt(height, 10))
	}
	resp, body, err := fetch.Get(ctx, httpClient, url, header)
	if err != nil {
		return err
	}
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

// txResult is a committed transaction: its block and result code.
type txResult struct {
	Height int64
	Code   uint32
}

// queryTx asks a node's tx index for a hash (hex, upper case); found is false when
// the node does not know it.
func queryTx(ctx context.Context, rpcURL, hash string) (txResult, bool, error) {
	res, found, err := rpcClient(rpcURL).Tx(ctx, hash)
	return txResult{Height: res.Height, Code: res.Code}, found, err
}

// blockTxCodes reads one block from a node's block store and its results: the
// hash (upper-case hex SHA-256) of every transaction in it and its result code.
// Unlike /tx it does not depend on the tx indexer, which CometBFT runs
// asynchronously: a node killed between committing a block and indexing it comes
// back with the block but without its index entries.
func blockTxCodes(ctx context.Context, rpcURL string, height int64) (map[string]uint32, error) {
	b, err := rpcClient(rpcURL).Block(ctx, height, "")
	if err != nil {
		return nil, err
	}
	codes := make(map[string]uint32, len(b.Txs))
	for _, tx := range b.Txs {
		codes[tx.HashHex()] = tx.Code
	}
	return codes, nil
}
