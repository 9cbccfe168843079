package faults

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cosmossdk.io/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	signingtypes "github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/civicchain/civic/app"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
)

// encoding is the codec and tx config the load signs with: the SDK's std
// types, x/bank and civic's x/evidence messages.
type encoding struct {
	cdc      codec.Codec
	txConfig client.TxConfig
}

func newEncoding(t *testing.T) encoding {
	t.Helper()
	ir, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          addresscodec.NewBech32Codec(app.Bech32Prefix),
			ValidatorAddressCodec: addresscodec.NewBech32Codec(app.Bech32PrefixValAddr),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	std.RegisterInterfaces(ir)
	banktypes.RegisterInterfaces(ir)
	evidencetypes.RegisterInterfaces(ir)
	cdc := codec.NewProtoCodec(ir)
	return encoding{cdc: cdc, txConfig: authtx.NewTxConfig(cdc, authtx.DefaultSignModes)}
}

// committedTx is a committed transaction of the load.
type committedTx struct {
	Hash   string // hex, upper case
	Kind   string // message kind
	Height int64
	Code   uint32 // DeliverTx code (0 = success)
}

// sender is one account sending one kind of message, one transaction at a
// time (its sequence is managed locally, re-read from the chain after a
// failure).
type sender struct {
	name    string
	kind    string
	kindOdd string // kind of the odd-numbered messages, when they differ
	msg     func(i int) sdk.Msg
}

// sentTx is one signed transaction, by hash, and what the load knows of its
// fate. It is tracked from its first broadcast until the accounting (account)
// finds it in the blocks or proves it absent from them: neither a sender that
// stops waiting for it nor the load's cancellation drops it.
type sentTx struct {
	Hash       string // hex, upper case: SHA-256 of the tx bytes, as CometBFT names it
	Kind       string // message kind
	Accepted   bool   // some node's CheckTx accepted it (code 0)
	Unanswered bool   // a broadcast of it got no answer (node down, request cancelled or timed out): a mempool may hold it
	Refused    int    // CheckTx refusals of it
	// AcceptedBy maps each node whose CheckTx accepted it to the number of
	// times that node had gone down before the broadcast (cluster.downCount):
	// the tx can leave its mempool without a block only if it goes down again.
	AcceptedBy map[int]int
	// Committed is where it was found committed (by the sender's /tx polls,
	// then by the accounting from the block stores); nil until then.
	Committed *txResult
}

// load sends transactions from several accounts concurrently to whichever
// validators run, and tracks every transaction it broadcasts (see sentTx).
type load struct {
	t    *testing.T
	c    *cluster
	enc  encoding
	kr   keyring.Keyring
	home string
	from int64 // a height reached before the first broadcast: the load's transactions are in blocks above it

	mu       sync.Mutex
	sent     map[string]*sentTx
	order    []string       // hashes in the order of their first broadcast
	rejected map[string]int // CheckTx refusals by kind and code
	slow     int            // accepted transactions a sender stopped waiting for after 20s (still tracked)

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// evidenceDigest is the SHA-256 that the load registers and verifies.
var evidenceDigest = sha256Hex("faults payload")

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// startLoad starts the senders against the cluster, signing with the keys of
// node0's test keyring:
//
//	citizen            bank MsgSend 1ucivic to kcg-admin
//	knpa-admin         bank MsgSend 1ucivic to kcg-investigator
//	knpa-investigator  x/evidence MsgOpenCase (fresh digests) and MsgRegisterEvidence into case 1, alternating
//	spo-auditor        x/evidence MsgVerifyIntegrity of evidence 1 (fails in DeliverTx until item 1 exists)
//
// Stop it with stop(); it is also stopped in t.Cleanup.
func startLoad(t *testing.T, c *cluster) *load {
	t.Helper()
	enc := newEncoding(t)
	home := c.m.Nodes[0].Home
	kr, err := keyring.New("civic", keyring.BackendTest, home, nil, enc.cdc)
	if err != nil {
		t.Fatal(err)
	}
	addr := func(name string) string {
		a, ok := c.m.Nodes[0].Addresses[name]
		if !ok {
			t.Fatalf("no account %q", name)
		}
		return a
	}
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	senders := []sender{
		{name: "citizen", kind: "bank.MsgSend", msg: func(int) sdk.Msg {
			return banktypes.NewMsgSend(sdk.MustAccAddressFromBech32(addr("citizen")), sdk.MustAccAddressFromBech32(addr("kcg-admin")), sdk.NewCoins(sdk.NewInt64Coin(c.cfg.Denom, 1)))
		}},
		{name: "knpa-admin", kind: "bank.MsgSend", msg: func(int) sdk.Msg {
			return banktypes.NewMsgSend(sdk.MustAccAddressFromBech32(addr("knpa-admin")), sdk.MustAccAddressFromBech32(addr("kcg-investigator")), sdk.NewCoins(sdk.NewInt64Coin(c.cfg.Denom, 1)))
		}},
		{name: "knpa-investigator", kind: "evidence.OpenCase", kindOdd: "evidence.RegisterEvidence", msg: func(i int) sdk.Msg {
			if i%2 == 1 {
				return &evidencetypes.MsgRegisterEvidence{
					Investigator: addr("knpa-investigator"), CaseId: 1, ExhibitNumber: fmt.Sprintf("F-%s-%d", run, i),
					Digest: evidenceDigest, SizeBytes: 1024, MediaType: "application/octet-stream",
					Locator: fmt.Sprintf("s3://faults/%s/%d", run, i),
					Acquisition: evidencetypes.Acquisition{
						Method:     evidencetypes.AcquisitionMethodSeizure,
						AcquiredAt: time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC),
					},
				}
			}
			return &evidencetypes.MsgOpenCase{Investigator: addr("knpa-investigator"), ReferenceDigest: sha256Hex(fmt.Sprintf("case-%s-%d", run, i))}
		}},
		{name: "spo-auditor", kind: "evidence.VerifyIntegrity", msg: func(int) sdk.Msg {
			return &evidencetypes.MsgVerifyIntegrity{Verifier: addr("spo-auditor"), EvidenceId: 1, Digest: evidenceDigest}
		}},
	}
	ctx, cancel := context.WithCancel(c.ctx)
	l := &load{t: t, c: c, enc: enc, kr: kr, home: home, from: c.maxHeight(), sent: map[string]*sentTx{}, rejected: map[string]int{}, cancel: cancel}
	for k, s := range senders {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			l.send(ctx, k, s)
		}()
	}
	t.Cleanup(l.stop)
	return l
}

// stop ends the senders and waits for them.
func (l *load) stop() {
	l.cancel()
	l.wg.Wait()
}

// snapshot returns the transactions known committed so far, in the order of
// their first broadcast.
func (l *load) snapshot() []committedTx {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []committedTx
	for _, h := range l.order {
		if tx := l.sent[h]; tx.Committed != nil {
			out = append(out, committedTx{Hash: tx.Hash, Kind: tx.Kind, Height: tx.Committed.Height, Code: tx.Committed.Code})
		}
	}
	return out
}

// summary counts the broadcast transactions: accepted, unanswered, known
// committed (by kind and DeliverTx success) and refused.
func (l *load) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var accepted, unanswered, committed int
	ok, failed := map[string]int{}, map[string]int{}
	for _, tx := range l.sent {
		switch {
		case tx.Accepted:
			accepted++
		case tx.Unanswered:
			unanswered++
		}
		if tx.Committed == nil {
			continue
		}
		committed++
		if tx.Committed.Code == 0 {
			ok[tx.Kind]++
		} else {
			failed[tx.Kind]++
		}
	}
	return fmt.Sprintf("%d broadcast, %d accepted by CheckTx, %d unanswered; %d known committed; ok by kind %v; failed in DeliverTx %v; CheckTx refusals %v; waited for in vain (still tracked) %d",
		len(l.sent), accepted, unanswered, committed, ok, failed, l.rejected, l.slow)
}

// record updates (creating it at its first broadcast) the tracked transaction
// hash under the load's lock.
func (l *load) record(hash, kind string, update func(tx *sentTx)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	tx, ok := l.sent[hash]
	if !ok {
		tx = &sentTx{Hash: hash, Kind: kind}
		l.sent[hash] = tx
		l.order = append(l.order, hash)
	}
	update(tx)
}

// waitCommittedAbove waits until the load has seen at least n transactions
// committed above height h; it fails the test after timeout.
func (l *load) waitCommittedAbove(t *testing.T, h int64, n int, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		count := 0
		for _, tx := range l.snapshot() {
			if tx.Height > h {
				count++
			}
		}
		if count >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d transactions committed above height %d within %s (want %d); load: %s", count, h, timeout, n, l.summary())
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// requireKinds fails the test unless every kind has at least one successful
// committed transaction.
func (l *load) requireKinds(t *testing.T, kinds ...string) {
	t.Helper()
	ok := map[string]int{}
	for _, tx := range l.snapshot() {
		if tx.Code == 0 {
			ok[tx.Kind]++
		}
	}
	for _, k := range kinds {
		if ok[k] == 0 {
			t.Errorf("no successful committed %s transaction", k)
		}
	}
}

var expectedSeqRe = regexp.MustCompile(`expected (\d+), got`)

// pickNode returns a running node, rotating by attempt.
func (l *load) pickNode(attempt int) (int, bool) {
	up := l.c.up()
	if len(up) == 0 {
		return 0, false
	}
	return up[attempt%len(up)], true
}

func (l *load) send(ctx context.Context, k int, s sender) {
	rec, err := l.kr.Key(s.name)
	if err != nil {
		l.t.Errorf("key %s: %v", s.name, err)
		return
	}
	addr, err := rec.GetAddress()
	if err != nil {
		l.t.Errorf("key %s: %v", s.name, err)
		return
	}
	var (
		accNum, seq uint64
		fresh       bool // accNum/seq read from the chain
		i           int
		attempt     = k
	)
	sleep := func(d time.Duration) bool {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(d):
			return true
		}
	}
	for ctx.Err() == nil {
		attempt++
		node, ok := l.pickNode(attempt)
		if !ok {
			if !sleep(500 * time.Millisecond) {
				return
			}
			continue
		}
		if !fresh {
			var info struct {
				Info struct {
					AccountNumber string `json:"account_number"`
					Sequence      string `json:"sequence"`
				} `json:"info"`
			}
			if err := getJSON(ctx, l.c.api(node)+"/cosmos/auth/v1beta1/account_info/"+addr.String(), &info); err != nil {
				sleep(500 * time.Millisecond)
				continue
			}
			accNum, _ = strconv.ParseUint(info.Info.AccountNumber, 10, 64)
			seq, _ = strconv.ParseUint(info.Info.Sequence, 10, 64)
			fresh = true
		}
		kind := s.kind
		if i%2 == 1 && s.kindOdd != "" {
			kind = s.kindOdd
		}
		txBytes, err := l.sign(ctx, s.name, s.msg(i), accNum, seq)
		if err != nil {
			l.t.Errorf("%s: signing: %v", s.name, err)
			return
		}
		sum := sha256.Sum256(txBytes)
		hash := strings.ToUpper(hex.EncodeToString(sum[:]))
		downs := l.c.downCount(node)
		res, err := rpcClient(l.c.rpc(node)).BroadcastSync(ctx, txBytes)
		if err != nil {
			// No answer (node down, mempool full, request cancelled or timed
			// out): CheckTx may still have accepted it, so it stays tracked.
			// Try another node, re-read the sequence.
			l.record(hash, kind, func(tx *sentTx) { tx.Unanswered = true })
			fresh = false
			sleep(300 * time.Millisecond)
			continue
		}
		if !strings.EqualFold(res.Hash, hash) {
			l.t.Errorf("%s: node%d answered for tx %s, the load sent %s", s.name, node, res.Hash, hash)
			return
		}
		if res.Code != 0 {
			l.record(hash, kind, func(tx *sentTx) { tx.Refused++ })
			l.mu.Lock()
			l.rejected[fmt.Sprintf("%s/%s:%d", kind, res.Codespace, res.Code)]++
			l.mu.Unlock()
			if m := expectedSeqRe.FindStringSubmatch(res.Log); m != nil {
				seq, _ = strconv.ParseUint(m[1], 10, 64)
			} else {
				fresh = false
			}
			sleep(300 * time.Millisecond)
			continue
		}
		l.record(hash, kind, func(tx *sentTx) {
			tx.Accepted = true
			if tx.AcceptedBy == nil {
				tx.AcceptedBy = map[int]int{}
			}
			if _, ok := tx.AcceptedBy[node]; !ok {
				tx.AcceptedBy[node] = downs
			}
		})
		seq++
		i++
		// Wait for the block: poll /tx on the running nodes. A cancelled or
		// timed-out wait leaves the transaction to the accounting.
		deadline := time.Now().Add(20 * time.Second)
		found := false
		for poll := 0; time.Now().Before(deadline) && ctx.Err() == nil; poll++ {
			if !sleep(time.Duration(300+rand.Intn(200)) * time.Millisecond) {
				break
			}
			n, ok := l.pickNode(attempt + poll)
			if !ok {
				continue
			}
			got, ok, err := queryTx(ctx, l.c.rpc(n), hash)
			if err != nil || !ok {
				continue
			}
			l.record(hash, kind, func(tx *sentTx) { tx.Committed = &got })
			found = true
			break
		}
		if !found && ctx.Err() == nil {
			l.mu.Lock()
			l.slow++
			l.mu.Unlock()
			fresh = false // it may still commit later: re-read the sequence
		}
	}
}

// sign builds and signs (SIGN_MODE_DIRECT) a one-message transaction with a
// fixed gas limit and no fee (the local network's minimum gas price is 0).
func (l *load) sign(ctx context.Context, name string, msg sdk.Msg, accNum, seq uint64) ([]byte, error) {
	b := l.enc.txConfig.NewTxBuilder()
	if err := b.SetMsgs(msg); err != nil {
		return nil, err
	}
	b.SetGasLimit(400_000)
	txf := clienttx.Factory{}.
		WithKeybase(l.kr).
		WithTxConfig(l.enc.txConfig).
		WithChainID(l.c.cfg.ChainID).
		WithAccountNumber(accNum).
		WithSequence(seq).
		WithSignMode(signingtypes.SignMode_SIGN_MODE_DIRECT)
	if err := clienttx.Sign(ctx, txf, name, b, true); err != nil {
		return nil, err
	}
	return l.enc.txConfig.TxEncoder()(b.GetTx())
}
