package storm

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cosmossdk.io/log"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	"github.com/cosmos/gogoproto/proto"

	"github.com/civicchain/civic/app"
	"github.com/civicchain/civic/testutil/localnet"
)

// chain is one running civicd built from config.yml on free ports.
type chain struct {
	t    *testing.T
	ctx  context.Context
	cfg  localnet.Config
	net  *localnet.Network
	node *localnet.Node
	cdc  codec.Codec
	kr   keyring.Keyring
	http *http.Client
}

// rpcMaxBodyBytes replaces CometBFT's rpc.max_body_bytes (1,000,000) so that a
// transaction above the mempool's max_tx_bytes (1 MiB) reaches the mempool's
// own size check instead of the HTTP server's.
const rpcMaxBodyBytes = 4_000_000

func startChain(t *testing.T) *chain {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	t.Cleanup(cancel)
	cfg, err := localnet.LoadConfig(filepath.Join("..", "..", "config.yml"))
	if err != nil {
		t.Fatal(err)
	}
	ports, err := localnet.FreePorts()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	net, err := localnet.Init(ctx, civicd, filepath.Join(dir, "home"), cfg, ports)
	if err != nil {
		t.Fatal(err)
	}
	cometToml := filepath.Join(net.Home, "config", "config.toml")
	raw, err := os.ReadFile(cometToml)
	if err != nil {
		t.Fatal(err)
	}
	const from = "max_body_bytes = 1000000"
	if !bytes.Contains(raw, []byte(from)) {
		t.Fatalf("%s has no %q", cometToml, from)
	}
	raw = bytes.Replace(raw, []byte(from), []byte(fmt.Sprintf("max_body_bytes = %d", rpcMaxBodyBytes)), 1)
	if err := os.WriteFile(cometToml, raw, 0o600); err != nil {
		t.Fatal(err)
	}

	node, err := net.Start(filepath.Join(dir, "civicd.log"))
	if err != nil {
		t.Fatal(err)
	}
	c := &chain{t: t, ctx: ctx, cfg: cfg, net: net, node: node,
		http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}}
	t.Cleanup(func() { // c.node: a subtest may restart the node
		if err := c.node.Stop(20 * time.Second); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("civicd log tail (%s):\n%s", c.node.LogPath, c.node.LogTail(8000))
		}
	})
	waitCtx, waitCancel := context.WithTimeout(ctx, 60*time.Second)
	defer waitCancel()
	if err := node.WaitForHeight(waitCtx, 2); err != nil {
		t.Fatal(err)
	}

	// The app's codec (civic's and the SDK's message types) and the test keyring of the home.
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, net.Home, nil, a.AppCodec())
	if err != nil {
		t.Fatal(err)
	}
	c.cdc, c.kr = a.AppCodec(), kr
	return c
}

// ---- CometBFT RPC ----

// checkResult is the answer of broadcast_tx_sync: the CheckTx result, or the
// JSON-RPC error when CometBFT refused the tx before CheckTx (RPCError set).
type checkResult struct {
	Code      uint32 `json:"code"`
	Codespace string `json:"codespace"`
	Log       string `json:"log"`
	Hash      string `json:"hash"`
	RPCError  string `json:"-"`
}

func (c *chain) rpc(method string, params any, out any) error {
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(c.ctx, http.MethodPost, c.net.RPCHTTP(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
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
		return fmt.Errorf("%s: HTTP %d: %w: %.300s", method, resp.StatusCode, err, raw)
	}
	if env.Error != nil {
		return &rpcError{msg: env.Error.Message + ": " + env.Error.Data}
	}
	return json.Unmarshal(env.Result, out)
}

type rpcError struct{ msg string }

func (e *rpcError) Error() string { return e.msg }

// broadcast sends tx with broadcast_tx_sync (CheckTx only).
func (c *chain) broadcast(tx []byte) (checkResult, error) {
	var res checkResult
	err := c.rpc("broadcast_tx_sync", map[string]any{"tx": base64.StdEncoding.EncodeToString(tx)}, &res)
	if e, ok := err.(*rpcError); ok {
		return checkResult{RPCError: e.msg}, nil
	}
	return res, err
}

// deliverResult is a committed tx's result from /tx.
type deliverResult struct {
	Height string `json:"height"`
	Result struct {
		Code      uint32 `json:"code"`
		Codespace string `json:"codespace"`
		Log       string `json:"log"`
	} `json:"tx_result"`
}

// txResult looks a committed tx up by hash; found is false while it is not in a block.
func (c *chain) txResult(hash string) (deliverResult, bool, error) {
	h, err := hex.DecodeString(hash)
	if err != nil {
		return deliverResult{}, false, err
	}
	var res deliverResult
	err = c.rpc("tx", map[string]any{"hash": base64.StdEncoding.EncodeToString(h)}, &res)
	if e, ok := err.(*rpcError); ok && strings.Contains(e.msg, "not found") {
		return res, false, nil
	}
	return res, err == nil, err
}

// unconfirmed is the number of txs in the mempool.
func (c *chain) unconfirmed() (int, error) {
	var res struct {
		Total string `json:"total"`
	}
	if err := c.rpc("num_unconfirmed_txs", map[string]any{}, &res); err != nil {
		return 0, err
	}
	var n int
	_, err := fmt.Sscan(res.Total, &n)
	return n, err
}

// ---- REST ----

func (c *chain) restGet(path string, out any) (int, error) {
	req, err := http.NewRequestWithContext(c.ctx, http.MethodGet, c.net.APIURL()+path, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, fmt.Errorf("GET %s: %d %.500s", path, resp.StatusCode, raw)
	}
	return resp.StatusCode, json.Unmarshal(raw, out)
}

// ---- signing ----

// account is a config.yml key with its on-chain number and next sequence. One
// goroutine owns an account at a time.
type account struct {
	name   string
	addr   string
	pub    cryptotypes.PubKey
	number uint64
	seq    uint64
}

func (c *chain) account(name string) *account {
	c.t.Helper()
	rec, err := c.kr.Key(name)
	if err != nil {
		c.t.Fatalf("key %s: %v", name, err)
	}
	pub, err := rec.GetPubKey()
	if err != nil {
		c.t.Fatal(err)
	}
	addr := sdk.AccAddress(pub.Address()).String()
	if want := c.net.Addresses[name]; addr != want {
		c.t.Fatalf("key %s: address %s, config has %s", name, addr, want)
	}
	var info struct {
		Info struct {
			AccountNumber string `json:"account_number"`
			Sequence      string `json:"sequence"`
		} `json:"info"`
	}
	if _, err := c.restGet("/cosmos/auth/v1beta1/account_info/"+addr, &info); err != nil {
		c.t.Fatal(err)
	}
	a := &account{name: name, addr: addr, pub: pub}
	if _, err := fmt.Sscan(info.Info.AccountNumber, &a.number); err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Sscan(info.Info.Sequence, &a.seq); err != nil {
		c.t.Fatal(err)
	}
	return a
}

// txSpec describes one transaction; the hooks corrupt it on purpose.
type txSpec struct {
	from *account
	msgs []proto.Message
	memo string
	gas  uint64
	fee  sdk.Coins
	seq  *uint64 // default from.seq

	signWith   string                     // key that signs (default from.name)
	editBody   func([]byte) []byte        // body bytes after marshal, before signing
	editAuth   func([]byte) []byte        // auth-info bytes after marshal, before signing
	editRaw    func([]byte) []byte        // TxRaw bytes at the end
	editSigDoc func(*txtypes.SignDoc)     // sign doc before signing
	editMsgAny func(*codectypes.Any) bool // a packed message's Any (return false: no change)
}

var signMu sync.Mutex // the file keyring is not safe for concurrent use

// build signs spec with SIGN_MODE_DIRECT and returns the TxRaw bytes.
func (c *chain) build(s txSpec) ([]byte, error) {
	anys := make([]*codectypes.Any, len(s.msgs))
	for i, m := range s.msgs {
		a, err := codectypes.NewAnyWithValue(m)
		if err != nil {
			return nil, err
		}
		if s.editMsgAny != nil {
			s.editMsgAny(a)
		}
		anys[i] = a
	}
	body := &txtypes.TxBody{Messages: anys, Memo: s.memo}
	bodyBz, err := body.Marshal()
	if err != nil {
		return nil, err
	}
	if s.editBody != nil {
		bodyBz = s.editBody(bodyBz)
	}
	pk, err := codectypes.NewAnyWithValue(s.from.pub)
	if err != nil {
		return nil, err
	}
	seq := s.from.seq
	if s.seq != nil {
		seq = *s.seq
	}
	gas := s.gas
	if gas == 0 {
		gas = 300_000
	}
	auth := &txtypes.AuthInfo{
		SignerInfos: []*txtypes.SignerInfo{{
			PublicKey: pk,
			ModeInfo:  &txtypes.ModeInfo{Sum: &txtypes.ModeInfo_Single_{Single: &txtypes.ModeInfo_Single{Mode: signing.SignMode_SIGN_MODE_DIRECT}}},
			Sequence:  seq,
		}},
		Fee: &txtypes.Fee{Amount: s.fee, GasLimit: gas},
	}
	authBz, err := auth.Marshal()
	if err != nil {
		return nil, err
	}
	if s.editAuth != nil {
		authBz = s.editAuth(authBz)
	}
	doc := &txtypes.SignDoc{BodyBytes: bodyBz, AuthInfoBytes: authBz, ChainId: c.net.ChainID, AccountNumber: s.from.number}
	if s.editSigDoc != nil {
		s.editSigDoc(doc)
	}
	signBytes, err := doc.Marshal()
	if err != nil {
		return nil, err
	}
	signer := s.from.name
	if s.signWith != "" {
		signer = s.signWith
	}
	signMu.Lock()
	sig, _, err := c.kr.Sign(signer, signBytes, signing.SignMode_SIGN_MODE_DIRECT)
	signMu.Unlock()
	if err != nil {
		return nil, err
	}
	raw := &txtypes.TxRaw{BodyBytes: bodyBz, AuthInfoBytes: authBz, Signatures: [][]byte{sig}}
	out, err := raw.Marshal()
	if err != nil {
		return nil, err
	}
	if s.editRaw != nil {
		out = s.editRaw(out)
	}
	return out, nil
}
