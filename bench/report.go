package bench

import (
	"fmt"
	"strings"
)

// Targets from issue 3.
const (
	TargetRatio      = 0.8
	TargetSingleTPS  = 1000
	TargetFourValTPS = 400
	TargetGRPCQPS    = 5000
	TargetGRPCP99ms  = 20
)

func metStr(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

// Markdown renders the results as the tables BENCHMARKS.md shows.
func (r *Results) Markdown() string {
	var b strings.Builder
	m := r.Machine
	fmt.Fprintf(&b, "Run %s → %s, mode %s, %d load accounts, civic %s\n\n", m.StartedAt, m.FinishedAt, r.Mode, r.Accounts, m.CivicCommit)
	fmt.Fprintf(&b, "Machine: %d CPUs (%s), %s RAM, %s; load average before %q, after %q\n\n", m.NumCPU, m.CPUModel, m.MemTotal, m.GoVersion, m.LoadBefore, m.LoadAfter)
	fmt.Fprintf(&b, "| workload | committed ok | tx/s | × bank | blocks | txs/block | latency p50 / p95 / p99 (ms) | CheckTx rejected | deliver failed | not included |\n")
	fmt.Fprintf(&b, "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|\n")
	for _, w := range r.Workloads {
		fmt.Fprintf(&b, "| %s | %d | %.0f | %.2f | %d | %.0f | %.0f / %.0f / %.0f | %d | %d | %d |\n", w.Name, w.CommittedOK, w.TxPerSec, w.RatioToBank,
			w.Window.Blocks, w.AvgTxsPerBlock, w.Latency.P50ms, w.Latency.P95ms, w.Latency.P99ms, w.CheckTxRejected, w.DeliverFailed, w.NotIncluded)
	}
	b.WriteString("\n| workload (node CPU profile, % of samples) | node CPU used | node CPU ms per committed tx | Msg handlers (cum) | of which civic | civic code (flat) | ante (CheckTx+deliver) | sig verify | CheckTx | FinalizeBlock | Commit | RPC broadcast_tx_sync (incl. CheckTx) | other RPC: block, block_results, status (harness polling) | GC | leveldb compaction |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, w := range r.Workloads {
		if p := w.ProfileShare; p != nil {
			l := p.Landmarks
			used := p.TotalSeconds / float64(max(r.Tx.ProfileSecs, 1))
			perTx := 0.0
			if w.TxPerSec > 0 {
				perTx = used / w.TxPerSec * 1000
			}
			fmt.Fprintf(&b, "| %s | %.2f s/s | %.2f | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n", w.Name,
				used, perTx, p.HandlersCumPct, p.CivicHandlersCumPct, p.CivicFlatPct,
				l["AnteHandler"], l["secp256k1Verify"], l["CheckTx"], l["FinalizeBlock"], l["Commit"], l["RPCbroadcast"], l["RPCserve"]-l["RPCbroadcast"], l["GC"], l["Compaction"])
		}
	}
	if len(r.Queries) > 0 {
		b.WriteString("\n| query | transport | concurrency | QPS | p50 ms | p99 ms | errors |\n|---|---|---:|---:|---:|---:|---:|\n")
		for _, q := range r.Queries {
			fmt.Fprintf(&b, "| %s | %s | %d | %.0f | %.2f | %.2f | %d |\n", q.Name, q.Transport, q.Concurrency, q.QPS, q.P50ms, q.P99ms, q.Errors)
		}
	}
	if s := r.StateGrowth; s != nil {
		w := s.Workload
		if w == "" {
			w = DefaultGrowthWorkload
		}
		fmt.Fprintf(&b, "\nState growth over %d `%s` transactions: application.db %+d bytes (%.0f B/record), whole data dir %+d bytes (%.0f B/record)\n",
			s.Records, w, s.AppDBBytesAfter-s.AppDBBytesBefore, s.AppDBBytesPerRec, s.DataBytesAfter-s.DataBytesBefore, s.DataDirBytesPerRec)
	}
	b.WriteString("\nTargets:\n\n")
	bank := r.BankRate()
	for _, w := range r.Workloads {
		if w.Name == (BankSend{}).Name() {
			if r.Mode == "1val" {
				fmt.Fprintf(&b, "- single validator ≥ %d signed tx/s (bank, mean of the runs): %.0f — %s\n", TargetSingleTPS, bank, metStr(bank >= TargetSingleTPS))
			} else {
				fmt.Fprintf(&b, "- four validators ≥ %d tx/s (bank, mean of the runs): %.0f — %s\n", TargetFourValTPS, bank, metStr(bank >= TargetFourValTPS))
			}
		}
	}
	for _, w := range r.Workloads {
		if !isBank(w.Name) && w.Paced == 0 && bank > 0 {
			fmt.Fprintf(&b, "- %s ≥ %.1f× bank: %.2f× — %s\n", w.Name, TargetRatio, w.RatioToBank, metStr(w.RatioToBank >= TargetRatio))
		}
	}
	for _, q := range r.Queries {
		if q.Transport == "grpc" && (q.Name == "Evidence(id)" || q.Name == "Agency(id)") {
			ok := q.QPS >= TargetGRPCQPS && q.P99ms <= TargetGRPCP99ms
			fmt.Fprintf(&b, "- gRPC point query %s c=%d ≥ %d QPS with p99 ≤ %d ms: %.0f QPS, p99 %.2f ms — %s\n", q.Name, q.Concurrency, TargetGRPCQPS, TargetGRPCP99ms, q.QPS, q.P99ms, metStr(ok))
		}
	}
	return b.String()
}

func isBank(name string) bool {
	return name == (BankSend{}).Name() || name == (BankSend{Suffix: "end"}).Name()
}

// BankRate is the baseline: the mean tx/s of the bank-send runs (at the start
// and, by default, again at the end, so that a change in the machine's load
// during the run shows and is averaged).
func (r *Results) BankRate() float64 {
	var sum float64
	var n int
	for _, w := range r.Workloads {
		if isBank(w.Name) && w.TxPerSec > 0 {
			sum += w.TxPerSec
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// SetRatios sets every workload's RatioToBank against BankRate.
func (r *Results) SetRatios() {
	bank := r.BankRate()
	for i := range r.Workloads {
		if bank > 0 {
			r.Workloads[i].RatioToBank = float64(int(r.Workloads[i].TxPerSec/bank*1000+0.5)) / 1000
		}
	}
}
