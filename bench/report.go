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
			perTx := r.cpuMsPer(w, w.TxPerSec)
			fmt.Fprintf(&b, "| %s | %.2f s/s | %.2f | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n", w.Name,
				used, perTx, p.HandlersCumPct, p.CivicHandlersCumPct, p.CivicFlatPct,
				l["AnteHandler"], l["secp256k1Verify"], l["CheckTx"], l["FinalizeBlock"], l["Commit"], l["RPCbroadcast"], l["RPCserve"]-l["RPCbroadcast"], l["GC"], l["Compaction"])
		}
	}
	r.unitsMarkdown(&b)
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
		switch {
		case isBank(w.Name) || w.Paced != 0 || bank == 0:
		case w.Unit != "":
			// A transaction does many units: the target is per unit.
			fmt.Fprintf(&b, "- %s ≥ %.1f× bank per %s: %.2f× — %s\n", w.Name, TargetRatio, singular(w.Unit), w.UnitRatioToBank, metStr(w.UnitRatioToBank >= TargetRatio))
		default:
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

// SetRatios sets every workload's RatioToBank (and a Counted workload's
// UnitRatioToBank: units/s ÷ bank tx/s) against BankRate.
func (r *Results) SetRatios() {
	bank := r.BankRate()
	for i := range r.Workloads {
		if bank > 0 {
			w := &r.Workloads[i]
			w.RatioToBank = float64(int(w.TxPerSec/bank*1000+0.5)) / 1000
			if w.Unit != "" {
				w.UnitRatioToBank = float64(int(w.UnitsPerSec/bank*1000+0.5)) / 1000
			}
		}
	}
}

// cpuMsPer is the node's CPU milliseconds per unit of work of w at rate
// units a second (0 without a profile or a rate).
func (r *Results) cpuMsPer(w WorkloadResult, rate float64) float64 {
	if w.ProfileShare == nil || rate <= 0 {
		return 0
	}
	return w.ProfileShare.TotalSeconds / float64(max(r.Tx.ProfileSecs, 1)) / rate * 1000
}

// bankCPUMs is the mean node CPU milliseconds per transaction of the bank
// baseline runs that have a profile (0 without one).
func (r *Results) bankCPUMs() float64 {
	var sum float64
	var n int
	for _, w := range r.Workloads {
		if isBank(w.Name) && w.Paced == 0 {
			if ms := r.cpuMsPer(w, w.TxPerSec); ms > 0 {
				sum += ms
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// unitsMarkdown writes the table of the Counted workloads: units per
// transaction and per second, against bank tx/s, and node CPU per unit
// against the bank baseline's per transaction.
func (r *Results) unitsMarkdown(b *strings.Builder) {
	header := false
	bankMs := r.bankCPUMs()
	for _, w := range r.Workloads {
		if w.Unit == "" {
			continue
		}
		if !header {
			b.WriteString("\n| workload | unit | units committed | units / tx | units/s | units/s ÷ bank tx/s | node CPU ms per unit | ÷ bank's per tx |\n|---|---|---:|---:|---:|---:|---:|---:|\n")
			header = true
		}
		ms := r.cpuMsPer(w, w.UnitsPerSec)
		rel := "–"
		if ms > 0 && bankMs > 0 {
			rel = fmt.Sprintf("%.2f", ms/bankMs)
		}
		fmt.Fprintf(b, "| %s | %s | %d | %.1f | %.0f | %.2f | %.3f | %s |\n", w.Name, w.Unit, w.UnitsCommitted, w.UnitsPerTx, w.UnitsPerSec, w.UnitRatioToBank, ms, rel)
	}
}

// singular is a plural unit name less its final s ("payments" -> "payment").
func singular(unit string) string { return strings.TrimSuffix(unit, "s") }
