package storm

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/civicchain/civic/app"
	"github.com/civicchain/civic/internal/cometrpc"
	"github.com/civicchain/civic/internal/pagination"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
)

// Where a bad transaction must be refused.
const (
	atRPC     = "rpc"     // by CometBFT before CheckTx (JSON-RPC error)
	atCheck   = "check"   // by CheckTx (ante handler, decoder): never in a block
	atDeliver = "deliver" // passes CheckTx, fails in the block (message server)
)

// badKind is one kind of malformed transaction and the exact refusal it must get.
type badKind struct {
	name      string
	account   string // the sender whose sequence it uses (deliver kinds: owned by this kind only)
	count     int    // in the short storm; the long storm multiplies it
	phase     string
	codespace string
	code      uint32
	rpcError  string // atRPC: substring of the JSON-RPC error
	logRe     string // optional: the log must match
	build     func(c *chain, a *account, i int, rng *rand.Rand) ([]byte, error)
}

func appendVarintField(b []byte, num protowire.Number, v uint64) []byte {
	b = protowire.AppendTag(append([]byte{}, b...), num, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func coins(n int64) sdk.Coins { return sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(n))) }

func badKinds(c *chain, long bool) []badKind {
	send := func(a *account, i int) proto.Message {
		return &banktypes.MsgSend{FromAddress: a.addr, ToAddress: c.Net.Addresses["kcg-admin"], Amount: coins(int64(1 + i%7))}
	}
	memo := func(kind string, i int) string { return fmt.Sprintf("storm %s %d", kind, i) }
	u64 := func(v uint64) *uint64 { return &v }
	acq := evidencetypes.Acquisition{Method: evidencetypes.AcquisitionMethodForensicImage, Tool: "ftk", ToolVersion: "4.7", AcquiredAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	oversizeCount := 3
	if long {
		oversizeCount = 10
	}
	sdkCS := "sdk"
	return []badKind{
		// ---- refused before or at CheckTx: the sender's sequence never moves ----
		{name: "random bytes", account: "spo-admin", count: 150, phase: atCheck, codespace: sdkCS, code: 2,
			build: func(_ *chain, _ *account, _ int, rng *rand.Rand) ([]byte, error) {
				b := make([]byte, 1+rng.IntN(600))
				for j := range b {
					b[j] = byte(rng.UintN(256))
				}
				return b, nil
			}},
		{name: "truncated protobuf", account: "spo-admin", count: 80, phase: atCheck, codespace: sdkCS, code: 2,
			build: func(c *chain, a *account, i int, rng *rand.Rand) ([]byte, error) {
				tx, err := c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("trunc", i)})
				if err != nil {
					return nil, err
				}
				// Cut inside the first field (body_bytes): its declared length overruns the input.
				_, _, n := protowire.ConsumeTag(tx)
				l, m := protowire.ConsumeVarint(tx[n:])
				field := n + m + int(l)
				return tx[:1+rng.IntN(field-1)], nil
			}},
		{name: "unknown critical field in TxBody", account: "spo-admin", count: 25, phase: atCheck, codespace: sdkCS, code: 2,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				return c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("critbody", i),
					editBody: func(b []byte) []byte { return appendVarintField(b, 100, uint64(i)) }})
			}},
		{name: "unknown critical field in a message", account: "spo-admin", count: 25, phase: atCheck, codespace: sdkCS, code: 2,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				return c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("critmsg", i),
					editMsgAny: func(x *codectypes.Any) bool { x.Value = appendVarintField(x.Value, 99, 1); return true }})
			}},
		{name: "unknown non-critical field in AuthInfo", account: "spo-admin", count: 25, phase: atCheck, codespace: sdkCS, code: 2,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				return c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("ncauth", i),
					editAuth: func(b []byte) []byte { return appendVarintField(b, 1031, 1) }})
			}},
		{name: "unknown non-critical field in TxRaw", account: "spo-admin", count: 25, phase: atCheck, codespace: sdkCS, code: 2,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				return c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("ncraw", i),
					editRaw: func(b []byte) []byte { return appendVarintField(b, 1031, 1) }})
			}},
		{name: "signed by a different key", account: "spo-admin", count: 30, phase: atCheck, codespace: sdkCS, code: 4,
			logRe: "signature verification failed",
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				return c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("wrongkey", i), signWith: "spo-auditor"})
			}},
		{name: "signed for another chain id", account: "spo-admin", count: 15, phase: atCheck, codespace: sdkCS, code: 4,
			logRe: "signature verification failed",
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				return c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("chainid", i),
					editSigDoc: func(d *txtypes.SignDoc) { d.ChainId = "civic-other-1" }})
			}},
		{name: "bad sequence", account: "spo-admin", count: 30, phase: atCheck, codespace: sdkCS, code: 32,
			logRe: "account sequence mismatch",
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				return c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("seq", i), seq: u64(a.seq + 1 + uint64(i%50))})
			}},
		{name: "gas limit above block max gas", account: "spo-admin", count: 15, phase: atCheck, codespace: sdkCS, code: 41,
			logRe: "exceeds block max gas",
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				return c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("maxgas", i), gas: uint64(app.DefaultBlockMaxGas) + 1 + uint64(i)})
			}},
		{name: "memo over 256 characters", account: "spo-admin", count: 15, phase: atCheck, codespace: sdkCS, code: 12,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				return c.build(txSpec{from: a, msgs: []proto.Message{send(a, i)}, memo: memo("memo", i) + strings.Repeat("m", 300)})
			}},
		{name: "large tx, gas too low for its size", account: "spo-admin", count: 10, phase: atCheck, codespace: sdkCS, code: 11,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				big := &evidencetypes.MsgOpenCase{Investigator: a.addr, ReferenceDigest: strings.Repeat("f", 200_000) + fmt.Sprint(i)}
				return c.build(txSpec{from: a, msgs: []proto.Message{big}, gas: 300_000})
			}},
		{name: "tx over the mempool's max_tx_bytes (1 MiB)", account: "spo-admin", count: oversizeCount, phase: atRPC,
			rpcError: "Tx too large",
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				big := &evidencetypes.MsgOpenCase{Investigator: a.addr, ReferenceDigest: strings.Repeat("f", 1_100_000) + fmt.Sprint(i)}
				return c.build(txSpec{from: a, msgs: []proto.Message{big}, gas: 50_000_000})
			}},
		// The SDK derives signers (x/tx GetSigners) with an unregistered error:
		// ABCI code 1, codespace "undefined" (errorsmod's internal-error code).
		{name: "invalid bech32 signer address", account: "spo-admin", count: 15, phase: atCheck, codespace: "undefined", code: 1,
			logRe: "decoding bech32 failed",
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &banktypes.MsgSend{FromAddress: "civic1notanaddress" + fmt.Sprint(i), ToAddress: a.addr, Amount: coins(1)}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}, memo: memo("badsigner", i)})
			}},
		// ---- pass CheckTx, refused in the block: each owns its sender ----
		{name: "invalid bech32 recipient (bank)", account: "spo-auditor", count: 15, phase: atDeliver, codespace: sdkCS, code: 7,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &banktypes.MsgSend{FromAddress: a.addr, ToAddress: "civic1invalidbech32" + fmt.Sprint(i), Amount: coins(1)}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}})
			}},
		{name: "invalid bech32 member address (agency)", account: "kcg-investigator", count: 10, phase: atDeliver, codespace: sdkCS, code: 7,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &agencytypes.MsgAddMember{Admin: a.addr, AgencyId: "knpa", Address: "civic1zzzz" + fmt.Sprint(i), Roles: []string{"evidence.custodian"}}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}})
			}},
		{name: "upper-case member address (agency)", account: "mfds-inspector", count: 10, phase: atDeliver, codespace: sdkCS, code: 7,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &agencytypes.MsgAddMember{Admin: a.addr, AgencyId: "knpa", Address: strings.ToUpper(c.Net.Addresses["citizen"]), Roles: []string{"evidence.custodian"}}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}})
			}},
		{name: "accept a membership never offered", account: "kcs-officer", count: 10, phase: atDeliver, codespace: agencytypes.ModuleName, code: 25,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &agencytypes.MsgAcceptMembership{Address: a.addr, AgencyId: "knpa"}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}})
			}},
		{name: "wrong role (custodian opens a case)", account: "knpa-custodian", count: 15, phase: atDeliver, codespace: agencytypes.ModuleName, code: 17,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &evidencetypes.MsgOpenCase{Investigator: a.addr, ReferenceDigest: digest(fmt.Sprint("wrong role ", i))}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}})
			}},
		{name: "over-long exhibit number", account: "nfs-custodian", count: 10, phase: atDeliver, codespace: evidencetypes.ModuleName, code: 3,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &evidencetypes.MsgRegisterEvidence{Investigator: a.addr, CaseId: 1, ExhibitNumber: strings.Repeat("E", evidencetypes.MaxExhibitNumberLength+1+i%5),
					Digest: digest(fmt.Sprint("ex", i)), SizeBytes: 10, MediaType: "application/octet-stream", Locator: "s3://b/x", Acquisition: acq}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}})
			}},
		{name: "over-long locator", account: "nfs-analyst", count: 10, phase: atDeliver, codespace: evidencetypes.ModuleName, code: 3,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &evidencetypes.MsgRegisterEvidence{Investigator: a.addr, CaseId: 1, ExhibitNumber: fmt.Sprintf("EX-%d", i),
					Digest: digest(fmt.Sprint("loc", i)), SizeBytes: 10, MediaType: "application/octet-stream",
					Locator: "s3://b/" + strings.Repeat("l", evidencetypes.MaxLocatorLength+i%5), Acquisition: acq}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}})
			}},
		{name: "over-long agency id (add member)", account: "kcg-admin", count: 10, phase: atDeliver, codespace: agencytypes.ModuleName, code: 2,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &agencytypes.MsgAddMember{Admin: a.addr, AgencyId: "k" + strings.Repeat("a", 40+i%5), Address: c.Net.Addresses["citizen"], Roles: []string{"evidence.custodian"}}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}})
			}},
		{name: "over-long agency name, not from gov", account: "spo-prosecutor", count: 10, phase: atDeliver, codespace: "gov", code: 13,
			build: func(c *chain, a *account, i int, _ *rand.Rand) ([]byte, error) {
				msg := &agencytypes.MsgRegisterAgency{Authority: a.addr, Id: fmt.Sprintf("x%d", i+10), Name: strings.Repeat("N", 200), Admin: a.addr, Roles: []string{"evidence.custodian"}}
				return c.build(txSpec{from: a, msgs: []proto.Message{msg}})
			}},
	}
}

// outcome is what one bad transaction got.
type outcome struct {
	kind  *badKind
	check checkResult
}

// TestStorm: under a steady valid load, every kind of malformed transaction is
// refused with its exact code; the valid load all commits; blocks keep coming;
// the node neither restarts nor panics. Then the node's protective limits.
func TestStorm(t *testing.T) {
	if testing.Short() {
		t.Skip("storm: starts a real node (skipped with -short)")
	}
	long := os.Getenv("CIVIC_STORM_LONG") != ""
	start := time.Now()
	c := startChain(t)
	pid := c.Node.Pid()
	t.Logf("node up (pid %d) in %s", pid, time.Since(start).Round(time.Millisecond))

	kinds := badKinds(c, long)
	if long {
		for i := range kinds {
			if kinds[i].phase != atRPC {
				kinds[i].count *= 19
			}
		}
	}
	total := 0
	for _, k := range kinds {
		total += k.count
	}
	t.Logf("storm: %d bad transactions of %d kinds (long=%v)", total, len(kinds), long)

	accounts := map[string]*account{}
	for _, k := range kinds {
		if accounts[k.account] == nil {
			accounts[k.account] = c.account(k.account)
		}
	}

	// ---- block watcher ----
	stop := make(chan struct{})
	var heights []int64
	var stamps []time.Time
	var watchWG sync.WaitGroup
	watchWG.Add(1)
	go func() {
		defer watchWG.Done()
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			if h, err := c.Net.LatestHeight(c.Ctx); err == nil {
				heights, stamps = append(heights, h), append(stamps, time.Now())
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	// ---- valid load: bank sends and civic messages ----
	type sent struct{ kind, hash string }
	var validMu sync.Mutex
	var valid []sent
	var validErr atomic.Value
	stormDone := make(chan struct{})
	minCases := int(pagination.MaxLimit) + 10 // enough knpa cases to show the list clamp
	validLoad := func(name string, minimum int, msg func(a *account, i int) proto.Message) {
		a := c.account(name)
		for i := 0; ; i++ {
			select {
			case <-stormDone:
				if i >= minimum {
					return
				}
			default:
			}
			tx, err := c.build(txSpec{from: a, msgs: []proto.Message{msg(a, i)}, memo: fmt.Sprintf("valid %s %d", name, i)})
			if err == nil {
				var res checkResult
				res, err = c.broadcast(tx)
				if err == nil && (res.Code != 0 || res.RPCError != "") {
					err = fmt.Errorf("valid tx %s #%d refused at CheckTx: code %d %s: %s%s", name, i, res.Code, res.Codespace, res.Log, res.RPCError)
				}
				if err == nil {
					a.seq++
					validMu.Lock()
					valid = append(valid, sent{name, res.Hash})
					validMu.Unlock()
				}
			}
			if err != nil {
				validErr.Store(err)
				return
			}
			time.Sleep(15 * time.Millisecond)
		}
	}
	var loadWG sync.WaitGroup
	loadWG.Add(3)
	go func() {
		defer loadWG.Done()
		validLoad("citizen", 50, func(a *account, i int) proto.Message {
			return &banktypes.MsgSend{FromAddress: a.addr, ToAddress: c.Net.Addresses["spo-auditor"], Amount: coins(int64(1 + i%5))}
		})
	}()
	go func() {
		defer loadWG.Done()
		validLoad("validator", 50, func(a *account, i int) proto.Message {
			return &banktypes.MsgSend{FromAddress: a.addr, ToAddress: c.Net.Addresses["nfs-admin"], Amount: coins(int64(1 + i%3))}
		})
	}()
	go func() {
		defer loadWG.Done()
		validLoad("knpa-investigator", minCases+1, func(a *account, i int) proto.Message {
			if i == 1 { // one evidence item in case 1, for the list queries below
				return &evidencetypes.MsgRegisterEvidence{Investigator: a.addr, CaseId: 1, ExhibitNumber: "EX-1", Digest: digest("exhibit 1"),
					SizeBytes: 512, MediaType: "application/octet-stream", Locator: "s3://knpa/ex-1.img",
					Acquisition: evidencetypes.Acquisition{Method: evidencetypes.AcquisitionMethodForensicImage, Tool: "ftk", ToolVersion: "4.7", AcquiredAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
			}
			return &evidencetypes.MsgOpenCase{Investigator: a.addr, ReferenceDigest: digest(fmt.Sprint("storm case ", i))}
		})
	}()

	// ---- the storm: CheckTx kinds on one goroutine, deliver kinds on another ----
	var outMu sync.Mutex
	var outcomes []outcome
	var stormErr atomic.Value
	runKinds := func(ks []*badKind, seed uint64) {
		rng := rand.New(rand.NewPCG(seed, 42))
		left := map[*badKind]int{}
		for _, k := range ks {
			left[k] = k.count
		}
		for i := 0; len(left) > 0; i++ {
			for _, k := range ks { // round robin, so that every kind runs during the whole storm
				if left[k] == 0 {
					continue
				}
				a := accounts[k.account]
				tx, err := k.build(c, a, k.count-left[k], rng)
				if err != nil {
					stormErr.Store(fmt.Errorf("%s: build: %w", k.name, err))
					return
				}
				res, err := c.broadcast(tx)
				if err != nil {
					stormErr.Store(fmt.Errorf("%s: broadcast: %w", k.name, err))
					return
				}
				if res.RPCError == "" && res.Code == 0 {
					a.seq++ // in the mempool: the next one needs the next sequence
				}
				outMu.Lock()
				outcomes = append(outcomes, outcome{kind: k, check: res})
				outMu.Unlock()
				if left[k]--; left[k] == 0 {
					delete(left, k)
				}
			}
		}
	}
	var checkKinds, deliverKinds []*badKind
	for i := range kinds {
		if kinds[i].phase == atDeliver {
			deliverKinds = append(deliverKinds, &kinds[i])
		} else {
			checkKinds = append(checkKinds, &kinds[i])
		}
	}
	stormStart := time.Now()
	h0, _ := c.Net.LatestHeight(c.Ctx)
	var stormWG sync.WaitGroup
	stormWG.Add(2)
	go func() { defer stormWG.Done(); runKinds(checkKinds, 1) }()
	go func() { defer stormWG.Done(); runKinds(deliverKinds, 2) }()
	stormWG.Wait()
	stormTime := time.Since(stormStart)
	close(stormDone)
	loadWG.Wait()
	if err, _ := stormErr.Load().(error); err != nil {
		t.Fatal(err)
	}
	if err, _ := validErr.Load().(error); err != nil {
		t.Fatal(err)
	}
	t.Logf("storm: %d bad txs sent in %s, %d valid txs accepted", len(outcomes), stormTime.Round(time.Millisecond), len(valid))

	// ---- every bad tx refused as expected at CheckTx (or by CometBFT) ----
	var deliverHashes []outcome
	perKind := map[string]int{}
	failures := 0
	fail := func(format string, args ...any) {
		if failures++; failures <= 30 {
			t.Errorf(format, args...)
		}
	}
	for _, o := range outcomes {
		k, r := o.kind, o.check
		perKind[k.name]++
		switch k.phase {
		case atRPC:
			if r.RPCError == "" || !strings.Contains(r.RPCError, k.rpcError) {
				fail("%s: want a CometBFT error containing %q, got code %d %q %q %q", k.name, k.rpcError, r.Code, r.Codespace, r.Log, r.RPCError)
			}
		case atCheck:
			if r.RPCError != "" || r.Code != k.code || r.Codespace != k.codespace {
				fail("%s: want CheckTx %s/%d, got %q/%d: %s%s", k.name, k.codespace, k.code, r.Codespace, r.Code, r.Log, r.RPCError)
			} else if k.logRe != "" && !regexp.MustCompile(k.logRe).MatchString(r.Log) {
				fail("%s: CheckTx log %q does not match %q", k.name, r.Log, k.logRe)
			}
		case atDeliver:
			if r.RPCError != "" || r.Code != 0 {
				fail("%s: want it to pass CheckTx (refused in the block), got %q/%d: %s%s", k.name, r.Codespace, r.Code, r.Log, r.RPCError)
			} else {
				deliverHashes = append(deliverHashes, o)
			}
		}
	}
	for _, k := range kinds {
		if perKind[k.name] != k.count {
			t.Errorf("%s: %d sent, want %d", k.name, perKind[k.name], k.count)
		}
	}
	if total < 500 {
		t.Errorf("only %d bad transactions", total)
	}

	// ---- wait for the mempool to drain, then account for every committed tx ----
	drainBy := time.Now().Add(90 * time.Second)
	for {
		n, err := c.unconfirmed()
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(drainBy) {
			t.Fatalf("mempool still holds %d txs 90s after the storm", n)
		}
		time.Sleep(500 * time.Millisecond)
	}
	hAfter, err := c.Net.LatestHeight(c.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	// One more block so that /tx indexes the last one.
	if err := c.Node.WaitForHeight(c.Ctx, hAfter+1); err != nil {
		t.Fatal(err)
	}

	lookup := func(hash string) cometrpc.TxResult {
		for try := 0; try < 60; try++ {
			res, found, err := c.txResult(hash)
			if err != nil {
				t.Fatalf("tx %s: %v", hash, err)
			}
			if found {
				return res
			}
			time.Sleep(250 * time.Millisecond)
		}
		t.Fatalf("tx %s accepted by CheckTx is not in any block", hash)
		return cometrpc.TxResult{}
	}
	committed := map[string]int{}
	for _, v := range valid {
		r := lookup(v.hash)
		if r.Code != 0 {
			fail("valid tx from %s (%s) failed in block %d: %s/%d %s", v.kind, v.hash, r.Height, r.Codespace, r.Code, r.Log)
			continue
		}
		committed[v.kind]++
	}
	nCommitted := 0
	for _, n := range committed {
		nCommitted += n
	}
	if nCommitted == 0 || nCommitted != len(valid) {
		t.Errorf("valid load: %d committed of %d sent (%v)", nCommitted, len(valid), committed)
	}
	for _, o := range deliverHashes {
		k := o.kind
		r := lookup(o.check.Hash)
		if r.Code != k.code || r.Codespace != k.codespace {
			fail("%s: want DeliverTx %s/%d, got %q/%d: %s", k.name, k.codespace, k.code, r.Codespace, r.Code, r.Log)
		}
	}

	// ---- blocks kept coming during and after the storm ----
	close(stop)
	watchWG.Wait()
	var maxStall time.Duration
	for i := 1; i < len(heights); i++ {
		j := i
		for j > 0 && heights[j-1] == heights[i] {
			j--
		}
		if d := stamps[i].Sub(stamps[j]); heights[i] == heights[j] && d > maxStall {
			maxStall = d
		}
	}
	if maxStall > 20*time.Second {
		t.Errorf("the chain stalled for %s during the storm (timeout_commit is 1s)", maxStall)
	}
	if grown := hAfter - h0; grown < int64(stormTime/(3*time.Second)) {
		t.Errorf("only %d blocks during a %s storm", grown, stormTime)
	}
	if err := c.Node.WaitForHeight(c.Ctx, hAfter+3); err != nil {
		t.Fatalf("no blocks after the storm: %v", err)
	}

	// ---- the node did not restart or panic ----
	if c.Node.Exited() || c.Node.Pid() != pid {
		t.Fatalf("civicd exited or restarted (pid %d, was %d)", c.Node.Pid(), pid)
	}
	logRaw, err := os.ReadFile(c.Node.LogPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"panic", "CONSENSUS FAILURE", "fatal error"} {
		if strings.Contains(strings.ToLower(string(logRaw)), strings.ToLower(bad)) {
			t.Errorf("civicd log contains %q", bad)
		}
	}

	names := make([]string, 0, len(perKind))
	for n := range perKind {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Logf("  %-45s %d", n, perKind[n])
	}
	t.Logf("valid committed: %v; blocks %d → %d; longest stall %s; total %s",
		committed, h0, hAfter, maxStall.Round(time.Millisecond), time.Since(start).Round(time.Second))

	if t.Failed() {
		return
	}
	t.Run("ListQueriesClampLimit", func(t *testing.T) { testListQueriesClamp(t, c, committed["knpa-investigator"]) })
	t.Run("OverlongAgencyNameByGovernance", func(t *testing.T) { testOverlongAgencyNameByGov(t, c) })
	t.Run("QueryGasLimit", func(t *testing.T) { testQueryGasLimit(t, c) }) // restarts the node: last
}
