package cometrpc_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/civicchain/civic/internal/cometrpc"
)

// fakeNode answers JSON-RPC calls from canned results by method.
func fakeNode(t *testing.T, results map[string]string) *cometrpc.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Method string `json:"method"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Error(err)
		}
		res, ok := results[req.Method]
		if !ok {
			_, _ = w.Write([]byte(`{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"Internal error","data":"tx (ABC) not found"}}`))
			return
		}
		_, _ = w.Write([]byte(`{"jsonrpc":"2.0","id":1,"result":` + res + `}`))
	}))
	t.Cleanup(srv.Close)
	return cometrpc.New(srv.URL, 2, 5*time.Second)
}

func TestClient(t *testing.T) {
	ctx := context.Background()
	tx := []byte("a transaction")
	c := fakeNode(t, map[string]string{
		"status":              `{"sync_info":{"latest_block_hash":"AB","latest_app_hash":"CD","latest_block_height":"42"}}`,
		"num_unconfirmed_txs": `{"n_txs":"3","total":"3"}`,
		"broadcast_tx_sync":   `{"code":0,"log":"","codespace":"","hash":"ABCD"}`,
		"block":               `{"block":{"header":{"time":"2026-01-01T00:00:00Z"},"data":{"txs":["` + base64.StdEncoding.EncodeToString(tx) + `"]}}}`,
		"block_results":       `{"txs_results":[{"code":5,"log":"no","events":[{"type":"civic.x.v1.EventY","attributes":[{"key":"id","value":"\"7\""}]},{"type":"message","attributes":[]}]}]}`,
	})
	st, err := c.Status(ctx)
	if err != nil || st.Height != 42 || st.Hash != "AB" || st.AppHash != "CD" {
		t.Fatalf("status %+v %v", st, err)
	}
	if n, err := c.NumUnconfirmedTxs(ctx); err != nil || n != 3 {
		t.Fatalf("num_unconfirmed_txs %d %v", n, err)
	}
	if r, err := c.BroadcastSync(ctx, tx); err != nil || r.Hash != "ABCD" {
		t.Fatalf("broadcast %+v %v", r, err)
	}
	b, err := c.Block(ctx, 42, "civic.")
	if err != nil || len(b.Txs) != 1 {
		t.Fatalf("block %+v %v", b, err)
	}
	o := b.Txs[0]
	if o.Hash != sha256.Sum256(tx) || o.Code != 5 || len(o.Events) != 1 || o.Events[0].Attrs["id"] != "7" {
		t.Fatalf("tx outcome %+v", o)
	}
	// an unknown tx is not found, not an error
	if _, found, err := c.Tx(ctx, "ABCD"); found || err != nil {
		t.Fatalf("tx: found %v, %v", found, err)
	}
	// a JSON-RPC error answer is an *Error
	err = c.Call(ctx, "unknown", nil, &struct{}{})
	var rpcErr *cometrpc.Error
	if !errors.As(err, &rpcErr) || rpcErr.Method != "unknown" {
		t.Fatalf("error %v", err)
	}
}
