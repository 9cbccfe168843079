// Command civic-bench runs civic's load benchmark (make bench): it builds a fresh
// single-validator chain, drives every workload and the query load, and writes
// bench/results/<date>-<mode>.json plus a Markdown summary next to it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/civicchain/civic/bench"
)

func main() {
	def := bench.DefaultTuning()
	var (
		binary     = flag.String("binary", "build/civicd", "civicd binary")
		configYML  = flag.String("config", "config.yml", "network description")
		out        = flag.String("out", "bench/results", "results directory")
		accounts   = flag.Int("accounts", 300, "funded load accounts (knpa members with investigator+custodian)")
		validators = flag.Int("validators", 1, "1, or 4 (localnet.InitMulti; load goes to node 0)")
		duration   = flag.Duration("duration", 30*time.Second, "sending time per workload")
		rate       = flag.Int("presign-rate", 1500, "pre-sign rate*duration transactions per workload")
		senders    = flag.Int("senders", 32, "concurrent broadcast_tx_sync senders (8 left a single node idle part of the time)")
		inflight   = flag.Int("inflight", 1500, "max transactions sent but not yet committed (bounds the mempool backlog, so latency is not all queueing)")
		gas        = flag.Uint64("gas", 0, "gas limit per transaction (0: simulate each workload and use -gas-adjustment x gas used)")
		gasAdj     = flag.Float64("gas-adjustment", 1.3, "multiplier on simulated gas")
		profile    = flag.Int("profile-secs", 10, "node CPU profile seconds per workload (0: none)")
		workloads  = flag.String("workloads", "", "comma-separated workload names (default: all, in order)")
		qtime      = flag.Duration("query-duration", 4*time.Second, "time per query kind and concurrency")
		qconc      = flag.String("query-conc", "1,8,32", "query concurrencies")
		noQueries  = flag.Bool("no-queries", false, "skip the query load")
		growth     = flag.String("growth-workload", bench.DefaultGrowthWorkload, "the workload whose state growth per committed transaction is measured")
		probeRate  = flag.Int("probe-rate", 50, "after the workloads, bank-send paced at this tx/s measures latency without a backlog (0: skip)")
		probeTime  = flag.Duration("probe-duration", 15*time.Second, "duration of the paced latency probe")
		tc         = flag.String("timeout-commit", def.TimeoutCommit, "consensus.timeout_commit of the bench home")
		mempool    = flag.Int("mempool-size", def.MempoolSize, "CometBFT mempool.size")
		indexer    = flag.String("indexer", def.Indexer, "tx_index.indexer (null or kv)")
		gogc       = flag.String("node-gogc", def.GOGC, "GOGC of the node processes (empty: Go's default, 100)")
		summarize  = flag.String("summarize", "", "re-read a results JSON, recompute the profile shares and print the Markdown summary (no run)")
	)
	flag.Parse()
	if *summarize != "" {
		if err := resummarize(*summarize); err != nil {
			fail(err)
		}
		return
	}
	if *validators != 1 && *validators != 4 {
		fail(fmt.Errorf("-validators must be 1 or 4"))
	}
	ws := bench.DefaultWorkloads()
	if *workloads != "" {
		byName := map[string]bench.Workload{}
		for _, w := range ws {
			byName[w.Name()] = w
		}
		ws = nil
		for _, n := range strings.Split(*workloads, ",") {
			w, ok := byName[strings.TrimSpace(n)]
			if !ok {
				fail(fmt.Errorf("unknown workload %q", n))
			}
			ws = append(ws, w)
		}
	}
	var concs []int
	for _, s := range strings.Split(*qconc, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || c < 1 {
			fail(fmt.Errorf("bad -query-conc %q", *qconc))
		}
		concs = append(concs, c)
	}
	tuning := def
	tuning.TimeoutCommit, tuning.MempoolSize, tuning.Indexer, tuning.GOGC = *tc, *mempool, *indexer, *gogc

	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	work, err := os.MkdirTemp("", "civic-bench-")
	if err != nil {
		fail(err)
	}
	if err := run(ctx, work, *out, *validators, *binary, *configYML, *accounts, bench.TxOptions{Duration: *duration, TargetRate: *rate, Senders: *senders,
		MaxInflight: *inflight, Gas: *gas, GasAdjust: *gasAdj, DrainWait: 15 * time.Second, ProfileSecs: *profile}, tuning, ws, concs, *qtime, *noQueries, *growth, *probeRate, *probeTime); err != nil {
		_ = os.RemoveAll(work)
		fail(err)
	}
	_ = os.RemoveAll(work)
}

func run(ctx context.Context, work, out string, validators int, binary, configYML string, accounts int, tx bench.TxOptions,
	tuning bench.NodeTuning, ws []bench.Workload, concs []int, qtime time.Duration, noQueries bool, growth string, probeRate int, probeTime time.Duration) error {
	stamp := time.Now().UTC().Format("20060102-150405")
	mode := fmt.Sprintf("%dval", validators)
	outDir := filepath.Join(out, stamp+"-"+mode)
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	res, err := bench.Run(ctx, bench.Options{
		Binary: binary, ConfigYML: configYML, WorkDir: work, OutDir: outDir, Accounts: accounts, Validators: validators,
		Tx: tx, Tuning: tuning, Workloads: ws, QueryConcs: concs, QueryTime: qtime, SkipQueries: noQueries, Log: os.Stderr,
		ProbeRate: probeRate, ProbeTime: probeTime, GrowthWorkload: growth,
	})
	if res != nil {
		raw, _ := json.MarshalIndent(res, "", "  ")
		jsonPath := filepath.Join(out, stamp+"-"+mode+".json")
		if werr := os.WriteFile(jsonPath, raw, 0o644); werr != nil {
			return werr
		}
		md := res.Markdown()
		_ = os.WriteFile(filepath.Join(outDir, "summary.md"), []byte(md), 0o644)
		fmt.Println(md)
		fmt.Fprintf(os.Stderr, "results: %s (profiles and summary in %s)\n", jsonPath, outDir)
	}
	return err
}

func resummarize(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var res bench.Results
	if err := json.Unmarshal(raw, &res); err != nil {
		return err
	}
	for i, w := range res.Workloads {
		if w.Profile != "" {
			if share, err := bench.ProfileShareOf(w.Profile); err == nil {
				res.Workloads[i].ProfileShare = share
			}
		}
	}
	res.SetRatios()
	out, _ := json.MarshalIndent(&res, "", "  ")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return err
	}
	fmt.Println(res.Markdown())
	return nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "civic-bench:", err)
	os.Exit(1)
}
