package storm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
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
	"github.com/civicchain/civic/internal/cometrpc"
	"github.com/civicchain/civic/internal/fetch"
	"github.com/civicchain/civic/internal/localnet"
	testchain "github.com/civicchain/civic/testutil/chain"
)

// chain is one running civicd built from config.yml on free ports.
type chain struct {
	*testchain.Chain
	t    *testing.T
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
	ch := testchain.Start(t, civicd, testchain.WithTimeout(15*time.Minute), testchain.WithLogTail(8000),
		testchain.WithHomeEdit(func(net *localnet.Network) error {
			cometToml := filepath.Join(net.Home, "config", "config.toml")
			raw, err := os.ReadFile(cometToml)
			if err != nil {
				return err
			}
			const from = "max_body_bytes = 1000000"
			if !bytes.Contains(raw, []byte(from)) {
				return fmt.Errorf("%s has no %q", cometToml, from)
			}
			raw = bytes.Replace(raw, []byte(from), []byte(fmt.Sprintf("max_body_bytes = %d", rpcMaxBodyBytes)), 1)
			return os.WriteFile(cometToml, raw, 0o600)
		}))
	c := &chain{Chain: ch, t: t,
		http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}}

	// The app's codec (civic's and the SDK's message types) and the test keyring of the home.
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, ch.Net.Home, nil, a.AppCodec())
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
	cometrpc.CheckResult
	RPCError string
}

// broadcast sends tx with broadcast_tx_sync (CheckTx only).
func (c *chain) broadcast(tx []byte) (checkResult, error) {
	res, err := c.RPC.BroadcastSync(c.Ctx, tx)
	var e *cometrpc.Error
	if errors.As(err, &e) {
		return checkResult{RPCError: e.Message + ": " + e.Data}, nil
	}
	return checkResult{CheckResult: res}, err
}

// txResult looks a committed tx up by hash; found is false while it is not in a block.
func (c *chain) txResult(hash string) (cometrpc.TxResult, bool, error) {
	return c.RPC.Tx(c.Ctx, hash)
}

// unconfirmed is the number of txs in the mempool.
func (c *chain) unconfirmed() (int, error) {
	return c.RPC.NumUnconfirmedTxs(c.Ctx)
}

// ---- REST ----

func (c *chain) restGet(path string, out any) (int, error) {
	resp, raw, err := fetch.Get(c.Ctx, c.http, c.Net.APIURL()+path, nil)
	if resp == nil {
		return 0, err
	}
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
	if want := c.Net.Addresses[name]; addr != want {
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
	doc := &txtypes.SignDoc{BodyBytes: bodyBz, AuthInfoBytes: authBz, ChainId: c.Net.ChainID, AccountNumber: s.from.number}
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
