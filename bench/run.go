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
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/fetch"
)

// TxOptions shape one transaction workload.
type TxOptions struct {
	Duration    time.Duration // how long to send
	MaxRate     int           // if > 0, send at most this many tx/s (a paced latency probe, not a throughput run)
	TargetRate  int           // pre-sign TargetRate*Duration transactions (spread over the accounts)
	Senders     int           // concurrent broadcast_tx_sync senders
	MaxInflight int           // at most this many sent but not yet committed transactions
	Gas         uint64        // gas limit per transaction; 0: simulate the workload's first messages and use GasAdjust x the most used
	GasAdjust   float64       // multiplier on simulated gas (like --gas-adjustment), default 1.3
	DrainWait   time.Duration // after sending, wait at most this long for the rest to commit
	ProfileSecs int           // CPU profile of the node for this many seconds (0: none)
	ProfileDir  string
	PprofURL    string    // http://127.0.0.1:port
	Log         io.Writer `json:"-"`
}

// PerAccount is how many transactions each of accounts pre-signs for one
// workload: TargetRate*Duration spread over them, at least one.
func (o TxOptions) PerAccount(accounts int) int {
	return max(1, (o.TargetRate*int(o.Duration/time.Second)+accounts-1)/accounts)
}

// WorkloadResult is the measured outcome of one workload.
type WorkloadResult struct {
	Name            string         `json:"name"`
	Paced           int            `json:"paced_tx_per_sec,omitempty"`
	GasLimit        uint64         `json:"gas_limit_per_tx"`
	SimulatedGas    uint64         `json:"simulated_gas_used,omitempty"`
	Presigned       int            `json:"presigned"`
	PresignSeconds  float64        `json:"presign_seconds"`
	Sent            int            `json:"sent"`
	SendSeconds     float64        `json:"send_seconds"`
	CheckTxRejected int            `json:"checktx_rejected"`
	DeliverFailed   int            `json:"deliver_failed"`
	NotIncluded     int            `json:"not_included"`
	CommittedOK     int            `json:"committed_ok"`
	Window          Window         `json:"window"`
	TxPerSec        float64        `json:"tx_per_sec"`
	RatioToBank     float64        `json:"ratio_to_bank"`
	Latency         LatencySummary `json:"inclusion_latency"`
	AvgTxsPerBlock  float64        `json:"avg_txs_per_block"`
	// Unit, UnitsCommitted, UnitsPerTx, UnitsPerSec and UnitRatioToBank are
	// a Counted workload's: its unit, the units of its committed
	// transactions, their mean per transaction, units/s over the active
	// window (Window.UnitsPerSec) and units/s ÷ the bank baseline's tx/s.
	Unit            string        `json:"unit,omitempty"`
	UnitsCommitted  int           `json:"units_committed,omitempty"`
	UnitsPerTx      float64       `json:"units_per_tx,omitempty"`
	UnitsPerSec     float64       `json:"units_per_sec,omitempty"`
	UnitRatioToBank float64       `json:"unit_ratio_to_bank,omitempty"`
	SampleErrors    []string      `json:"sample_errors,omitempty"`
	Profile         string        `json:"profile,omitempty"`
	ProfileShare    *ProfileShare `json:"profile_share,omitempty"`
}

// Runner drives workloads against one chain.
type Runner struct {
	Env     *Env
	Signer  *Signer
	RPC     *RPC
	Tracker *Tracker
	APIURL  string
}

type signedTx struct {
	bz   []byte
	hash [32]byte
	msg  sdk.Msg
}

// RefreshSequences reads every load account's number and sequence over REST.
func (r *Runner) RefreshSequences(ctx context.Context) error {
	var wg sync.WaitGroup
	errs := make(chan error, len(r.Env.Accounts))
	sem := make(chan struct{}, 16)
	for _, a := range r.Env.Accounts {
		wg.Add(1)
		sem <- struct{}{}
		go func(a *LoadAccount) {
			defer wg.Done()
			defer func() { <-sem }()
			var out struct {
				Account struct {
					AccountNumber string `json:"account_number"`
					Sequence      string `json:"sequence"`
				} `json:"account"`
			}
			if err := fetch.JSON(ctx, http.DefaultClient, r.APIURL+"/cosmos/auth/v1beta1/accounts/"+a.Address, &out); err != nil {
				errs <- err
				return
			}
			n, err1 := strconv.ParseUint(out.Account.AccountNumber, 10, 64)
			s, err2 := strconv.ParseUint(out.Account.Sequence, 10, 64)
			if err1 != nil || err2 != nil {
				errs <- fmt.Errorf("account %s: %q %q", a.Address, out.Account.AccountNumber, out.Account.Sequence)
				return
			}
			a.AccNum, a.Seq = n, s
		}(a)
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, "%s "+format+"\n", append([]any{time.Now().UTC().Format("15:04:05")}, args...)...)
	}
}

// RunWorkload pre-signs, sends and measures one workload.
func (r *Runner) RunWorkload(ctx context.Context, w Workload, o TxOptions) (WorkloadResult, error) {
	res := WorkloadResult{Name: w.Name(), Paced: o.MaxRate}
	if o.MaxRate > 0 {
		res.Name += "-paced"
	}
	if err := r.RefreshSequences(ctx); err != nil {
		return res, err
	}
	accts := r.Env.Accounts
	perAcct := o.PerAccount(len(accts))

	// Gas: fixed, or simulated like --gas auto. CometBFT fills a block up to
	// block.max_gas by the txs' gas limits, so a loose limit caps txs per block.
	gas := o.Gas
	if gas == 0 {
		used, err := r.simulateGas(ctx, w, perAcct)
		if err != nil {
			return res, fmt.Errorf("%s: simulate: %w", w.Name(), err)
		}
		adj := o.GasAdjust
		if adj <= 0 {
			adj = 1.3
		}
		res.SimulatedGas = used
		gas = uint64(float64(used) * adj)
	}
	res.GasLimit = gas
	o.Gas = gas

	// Pre-sign, all cores.
	start := time.Now()
	txs := make([][]signedTx, len(accts))
	var signErr atomic.Value
	var wg sync.WaitGroup
	jobs := make(chan int)
	for g := 0; g < runtime.NumCPU(); g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				a := accts[i]
				msgs := w.Msgs(r.Env, i, perAcct)
				list := make([]signedTx, 0, len(msgs))
				for k, m := range msgs {
					bz, err := r.Signer.Sign(a, a.Seq+uint64(k), o.Gas, m)
					if err != nil {
						signErr.Store(err)
						break
					}
					list = append(list, signedTx{bz: bz, hash: sha256.Sum256(bz), msg: m})
				}
				txs[i] = list
			}
		}()
	}
	for i := range accts {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err, ok := signErr.Load().(error); ok {
		return res, err
	}
	for _, l := range txs {
		res.Presigned += len(l)
	}
	res.PresignSeconds = time.Since(start).Seconds()
	logf(o.Log, "%s: pre-signed %d txs in %.1fs", w.Name(), res.Presigned, res.PresignSeconds)
	if res.Presigned == 0 {
		return res, fmt.Errorf("%s: no transactions to send (did an earlier workload commit nothing?)", w.Name())
	}

	r.Tracker.Reset()
	startHeight := r.Tracker.LastHeight()

	// Profile the node while it works.
	var profWG sync.WaitGroup
	if o.ProfileSecs > 0 && o.PprofURL != "" {
		profWG.Add(1)
		go func() {
			defer profWG.Done()
			time.Sleep(2 * time.Second)
			path := fmt.Sprintf("%s/%s.cpu.pprof", o.ProfileDir, w.Name())
			if err := fetchProfile(ctx, o.PprofURL, o.ProfileSecs, path); err != nil {
				logf(o.Log, "%s: profile: %v", w.Name(), err)
				return
			}
			res.Profile = path
		}()
	}

	// Send: sender g owns the accounts with index%Senders == g and sends round-robin
	// over them, each account's transactions in sequence order. A CheckTx rejection
	// stops that account (its later sequences would fail).
	var sent, rejected atomic.Int64
	var errMu sync.Mutex
	addErr := func(s string) {
		errMu.Lock()
		if len(res.SampleErrors) < 5 {
			res.SampleErrors = append(res.SampleErrors, s)
		}
		errMu.Unlock()
	}
	deadline := time.Now().Add(o.Duration)
	sendStart := time.Now()
	var tokens <-chan time.Time
	if o.MaxRate > 0 {
		tick := time.NewTicker(time.Second / time.Duration(o.MaxRate))
		defer tick.Stop()
		tokens = tick.C
	}
	for g := 0; g < o.Senders; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var mine []int
			for i := g; i < len(accts); i += o.Senders {
				mine = append(mine, i)
			}
			stopped := map[int]bool{}
			for round := 0; ; round++ {
				any := false
				for _, i := range mine {
					if stopped[i] || round >= len(txs[i]) {
						continue
					}
					any = true
					for sent.Load()-rejected.Load()-r.Tracker.committed.Load() >= int64(o.MaxInflight) {
						if time.Now().After(deadline) || ctx.Err() != nil {
							return
						}
						time.Sleep(2 * time.Millisecond)
					}
					if tokens != nil {
						<-tokens
					}
					if time.Now().After(deadline) || ctx.Err() != nil {
						return
					}
					tx := txs[i][round]
					r.Tracker.add(tx.hash, &sentTx{acct: i, msgIndex: round, sentAt: time.Now()})
					sent.Add(1)
					cr, err := r.RPC.BroadcastSync(ctx, tx.bz)
					if err != nil || cr.Code != 0 {
						rejected.Add(1)
						stopped[i] = true
						if err != nil {
							addErr("broadcast: " + err.Error())
						} else {
							addErr(fmt.Sprintf("checktx code %d (%s): %.200s", cr.Code, cr.Codespace, cr.Log))
						}
					}
				}
				if !any {
					return
				}
			}
		}(g)
	}
	wg.Wait()
	res.SendSeconds = time.Since(sendStart).Seconds()
	res.Sent, res.CheckTxRejected = int(sent.Load()), int(rejected.Load())
	logf(o.Log, "%s: sent %d in %.1fs (%d rejected at CheckTx); draining", w.Name(), res.Sent, res.SendSeconds, res.CheckTxRejected)

	// Drain: wait until everything accepted is committed, or no progress for DrainWait.
	want := int64(res.Sent - res.CheckTxRejected)
	last, lastChange := r.Tracker.committed.Load(), time.Now()
	for r.Tracker.committed.Load() < want && time.Since(lastChange) < o.DrainWait && ctx.Err() == nil {
		time.Sleep(100 * time.Millisecond)
		if c := r.Tracker.committed.Load(); c != last {
			last, lastChange = c, time.Now()
		}
	}
	// One more block, whose header time closes the last block's interval.
	endHeight := r.Tracker.LastHeight() + 1
	_ = r.Tracker.Poll(ctx)
	for r.Tracker.LastHeight() < endHeight && ctx.Err() == nil {
		time.Sleep(50 * time.Millisecond)
	}
	profWG.Wait()
	if res.Profile != "" {
		if share, err := ProfileShareOf(res.Profile); err == nil {
			res.ProfileShare = share
		} else {
			logf(o.Log, "%s: profile share: %v", w.Name(), err)
		}
	}

	// Measure.
	t := r.Tracker
	t.mu.Lock()
	type done struct {
		s  *sentTx
		tx signedTx
	}
	var committed []done
	for i, list := range txs {
		for _, tx := range list {
			s, ok := t.sent[tx.hash]
			if !ok {
				continue
			}
			_ = i
			committed = append(committed, done{s, tx})
		}
	}
	// A Counted workload's units, per block, from its committed transactions' events.
	counted, isCounted := w.(Counted)
	unitsPer := map[int64]int{}
	if isCounted {
		res.Unit = counted.Unit()
		for _, d := range committed {
			if d.s.height != 0 && d.s.code == 0 {
				n := counted.Units(d.s.events)
				unitsPer[d.s.height] += n
				res.UnitsCommitted += n
			}
		}
	}
	var lat []time.Duration
	var samples []BlockSample
	for h := startHeight; h <= t.next-1; h++ {
		if b, ok := t.blocks[h]; ok {
			samples = append(samples, BlockSample{Height: h, Time: b.Time, OK: t.okPer[h], Units: unitsPer[h]})
		}
	}
	for _, d := range committed {
		switch {
		case d.s.height == 0:
			// sent; rejected at CheckTx or never included
		case d.s.code != 0:
			res.DeliverFailed++
			if len(res.SampleErrors) < 5 {
				res.SampleErrors = append(res.SampleErrors, fmt.Sprintf("deliver code %d: %.200s", d.s.code, d.s.log))
			}
		default:
			res.CommittedOK++
			commitAt := t.blocks[d.s.height].Time
			if nb, ok := t.blocks[d.s.height+1]; ok {
				commitAt = nb.Time
			}
			lat = append(lat, commitAt.Sub(d.s.sentAt))
		}
	}
	t.mu.Unlock()
	res.NotIncluded = res.Sent - res.CheckTxRejected - res.CommittedOK - res.DeliverFailed
	res.Window = ActiveWindow(samples)
	res.TxPerSec = res.Window.TxPerSec
	if res.Window.Blocks > 0 {
		res.AvgTxsPerBlock = float64(res.Window.CommittedOK) / float64(res.Window.Blocks)
	}
	res.Latency = Summarize(lat)
	if isCounted {
		res.UnitsPerSec = res.Window.UnitsPerSec
		if res.CommittedOK > 0 {
			res.UnitsPerTx = float64(res.UnitsCommitted) / float64(res.CommittedOK)
		}
	}

	// Tell the workload what committed, in block order.
	if obs, ok := w.(Observer); ok {
		sort.SliceStable(committed, func(i, j int) bool { return committed[i].s.height < committed[j].s.height })
		for _, d := range committed {
			if d.s.height != 0 && d.s.code == 0 {
				obs.Committed(r.Env, d.s.acct, d.tx.msg, d.s.events)
			}
		}
	}
	logf(o.Log, "%s: %d ok, %.1f tx/s over %d blocks (%.1fs), p50 %.0fms p99 %.0fms, %d deliver-failed, %d not included",
		w.Name(), res.CommittedOK, res.TxPerSec, res.Window.Blocks, res.Window.Duration.Seconds(), res.Latency.P50ms, res.Latency.P99ms, res.DeliverFailed, res.NotIncluded)
	if isCounted {
		logf(o.Log, "%s: %d %s, %.1f a transaction, %.1f %s/s", w.Name(), res.UnitsCommitted, res.Unit, res.UnitsPerTx, res.UnitsPerSec, res.Unit)
	}
	return res, nil
}

// simulateGas simulates the first message of the first few accounts (REST
// /cosmos/tx/v1beta1/simulate) and returns the most gas used.
func (r *Runner) simulateGas(ctx context.Context, w Workload, perAcct int) (uint64, error) {
	var most uint64
	for i := 0; i < len(r.Env.Accounts) && i < 4; i++ {
		msgs := w.Msgs(r.Env, i, 1)
		if len(msgs) == 0 {
			continue
		}
		a := r.Env.Accounts[i]
		bz, err := r.Signer.Sign(a, a.Seq, 10_000_000, msgs[0])
		if err != nil {
			return 0, err
		}
		body, _ := json.Marshal(map[string]string{"tx_bytes": base64.StdEncoding.EncodeToString(bz)})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.APIURL+"/cosmos/tx/v1beta1/simulate", bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, raw, err := fetch.Do(http.DefaultClient, req)
		if err != nil {
			return 0, err
		}
		var out struct {
			GasInfo struct {
				GasUsed string `json:"gas_used"`
			} `json:"gas_info"`
		}
		if resp.StatusCode != http.StatusOK || json.Unmarshal(raw, &out) != nil {
			return 0, fmt.Errorf("simulate: %s: %.300s", resp.Status, raw)
		}
		used, err := strconv.ParseUint(out.GasInfo.GasUsed, 10, 64)
		if err != nil {
			return 0, err
		}
		if used > most {
			most = used
		}
	}
	if most == 0 {
		return 0, fmt.Errorf("no message to simulate")
	}
	_ = perAcct
	return most, nil
}

func fetchProfile(ctx context.Context, base string, secs int, path string) error {
	c := &http.Client{Timeout: time.Duration(secs+30) * time.Second}
	resp, profile, err := fetch.Get(ctx, c, fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", base, secs), nil)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("pprof: %s", resp.Status)
	}
	return os.WriteFile(path, profile, 0o644)
}
