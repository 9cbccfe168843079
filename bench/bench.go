// Package bench is civic's load generator: it builds a fresh single-validator
// home with internal/localnet (config.yml plus funded load accounts that are
// knpa members), starts civicd, pre-signs transactions in-process with raw
// secp256k1 keys, broadcasts them over CometBFT RPC (broadcast_tx_sync, several
// senders, a bounded number in flight), and measures committed tx/s over the
// active window, inclusion latency and rejections per workload; then gRPC and
// REST query load, the state growth per transaction of one workload (by default
// evidence-register), and a node CPU profile
// per workload. `make bench` runs it through bench/cmd/civic-bench.
package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Options configure a full run.
type Options struct {
	Binary     string
	ConfigYML  string
	WorkDir    string // node home and log (a fresh temporary directory)
	OutDir     string // results directory (JSON, profiles)
	Accounts   int
	Validators int
	Tx         TxOptions
	Tuning     NodeTuning
	Workloads  []Workload
	// ProbeRate: after the workloads, bank-send paced at this many tx/s for
	// ProbeTime measures inclusion latency without a backlog (0: skip).
	ProbeRate   int
	ProbeTime   time.Duration
	QueryConcs  []int
	QueryTime   time.Duration
	SkipQueries bool
	// GrowthWorkload is the workload whose state growth per committed
	// transaction is measured (DefaultGrowthWorkload when empty).
	GrowthWorkload string
	Log            io.Writer
}

// DefaultGrowthWorkload is the workload whose state growth a run measures unless told otherwise.
const DefaultGrowthWorkload = "evidence-register"

// Machine describes where the numbers were taken.
type Machine struct {
	NumCPU      int      `json:"nproc"`
	CPUModel    string   `json:"cpu_model"`
	MemTotal    string   `json:"mem_total"`
	GoVersion   string   `json:"go_version"`
	LoadBefore  string   `json:"loadavg_before"`
	LoadAfter   string   `json:"loadavg_after"`
	OtherLoad   []string `json:"other_processes_top_cpu,omitempty"`
	StartedAt   string   `json:"started_at"`
	FinishedAt  string   `json:"finished_at"`
	CivicCommit string   `json:"civic_commit"`
}

// StateGrowth is the disk cost of one workload's committed transactions.
type StateGrowth struct {
	// Workload is the workload measured ("" in results written before it was
	// recorded: evidence-register).
	Workload           string  `json:"workload,omitempty"`
	Records            int     `json:"records"`
	AppDBBytesBefore   int64   `json:"application_db_bytes_before"`
	AppDBBytesAfter    int64   `json:"application_db_bytes_after"`
	DataBytesBefore    int64   `json:"data_dir_bytes_before"`
	DataBytesAfter     int64   `json:"data_dir_bytes_after"`
	AppDBBytesPerRec   float64 `json:"application_db_bytes_per_record"`
	DataDirBytesPerRec float64 `json:"data_dir_bytes_per_record"`
	Note               string  `json:"note"`
}

// Results is the JSON file.
type Results struct {
	Mode        string           `json:"mode"`
	Machine     Machine          `json:"machine"`
	Accounts    int              `json:"load_accounts"`
	Tx          TxOptions        `json:"tx_options"`
	Tuning      NodeTuning       `json:"node_tuning"`
	Workloads   []WorkloadResult `json:"workloads"`
	Queries     []QueryResult    `json:"queries,omitempty"`
	StateGrowth *StateGrowth     `json:"state_growth,omitempty"`
}

func readFirst(path, prefix string) string {
	raw, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(l, prefix) {
			if i := strings.Index(l, ":"); i >= 0 {
				return strings.TrimSpace(l[i+1:])
			}
		}
	}
	return ""
}

// querySetupTime is how long each workload runs that creates the objects the queries
// read, when the measured workloads created none.
const querySetupTime = 5 * time.Second

// queryTargets are the agencies of the local network and the evidence items and cases
// (with items) env's workloads created.
func queryTargets(env *Env) QueryTargets {
	tg := QueryTargets{AgencyIDs: []string{"knpa", "nfs", "spo"}}
	for a, items := range env.Items {
		for _, it := range items {
			tg.EvidenceIDs = append(tg.EvidenceIDs, it.ID)
		}
		if cs := env.Cases[a]; len(cs) > 0 && len(items) > 0 {
			tg.CaseIDs = append(tg.CaseIDs, cs[0])
		}
	}
	return tg
}

func loadavg() string {
	raw, _ := os.ReadFile("/proc/loadavg")
	return strings.TrimSpace(string(raw))
}

func topProcesses() []string {
	out, err := exec.Command("ps", "-eo", "pcpu,etime,comm", "--sort=-pcpu").Output()
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) > 8 {
		lines = lines[:8]
	}
	return lines
}

// DescribeMachine fills the Machine fields known before the run.
func DescribeMachine() Machine {
	m := Machine{NumCPU: runtime.NumCPU(), CPUModel: readFirst("/proc/cpuinfo", "model name"), MemTotal: readFirst("/proc/meminfo", "MemTotal"),
		LoadBefore: loadavg(), StartedAt: time.Now().UTC().Format(time.RFC3339)}
	if out, err := exec.Command("go", "version").Output(); err == nil {
		m.GoVersion = strings.TrimSpace(string(out))
	} else {
		m.GoVersion = runtime.Version()
	}
	if out, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
		m.CivicCommit = strings.TrimSpace(string(out))
	}
	return m
}

// Run builds the chain, runs every workload and the queries, stops the node.
func Run(ctx context.Context, o Options) (*Results, error) {
	logf(o.Log, "machine: %d CPUs, load %s", runtime.NumCPU(), loadavg())
	res := &Results{Mode: fmt.Sprintf("%dval", max(o.Validators, 1)), Machine: DescribeMachine(), Accounts: o.Accounts, Tx: o.Tx, Tuning: o.Tuning}
	res.Tx.Log = nil
	chain, err := StartChain(ctx, SetupOptions{Binary: o.Binary, ConfigYML: o.ConfigYML, Dir: o.WorkDir, Accounts: o.Accounts,
		Coins: "1000000000000", Tuning: o.Tuning, Validators: o.Validators, HygieneCerts: o.Tx.PerAccount(o.Accounts)})
	if err != nil {
		return nil, err
	}
	defer func() {
		if err := chain.Stop(); err != nil {
			logf(o.Log, "stop: %v", err)
		}
	}()
	n := chain.Net
	logf(o.Log, "node up: RPC %s gRPC %s REST %s pprof :%d, %d load accounts", n.RPCHTTP(), n.GRPCAddr(), n.APIURL(), n.Ports.Pprof, o.Accounts)

	signer, err := NewSigner(n.ChainID)
	if err != nil {
		return nil, err
	}
	rpc := NewRPC(n.RPCHTTP(), o.Tx.Senders)
	h, err := rpc.Height(ctx)
	if err != nil {
		return nil, err
	}
	tracker := NewTracker(rpc, h)
	tctx, tcancel := context.WithCancel(ctx)
	defer tcancel()
	go tracker.Run(tctx)
	runner := &Runner{Env: NewEnv(chain.Accounts, n.Denom), Signer: signer, RPC: rpc, Tracker: tracker, APIURL: n.APIURL()}

	tx := o.Tx
	tx.PprofURL = fmt.Sprintf("http://127.0.0.1:%d", n.Ports.Pprof)
	tx.ProfileDir = o.OutDir
	tx.Log = o.Log
	if o.Validators > 1 {
		logf(o.Log, "%d validators; load and queries go to node 0", o.Validators)
	}
	appDB := filepath.Join(n.Home, "data", "application.db")
	data := filepath.Join(n.Home, "data")
	growth := o.GrowthWorkload
	if growth == "" {
		growth = DefaultGrowthWorkload
	}
	for _, w := range WithNeeds(o.Workloads) {
		var sg *StateGrowth
		if w.Name() == growth {
			sg = &StateGrowth{Workload: growth}
			sg.AppDBBytesBefore, _ = DirSize(appDB)
			sg.DataBytesBefore, _ = DirSize(data)
		}
		r, err := runner.RunWorkload(ctx, w, tx)
		if err != nil {
			return res, err
		}
		res.Workloads = append(res.Workloads, r)
		res.SetRatios()
		if sg != nil {
			// Two more blocks so the last transactions are committed and flushed.
			_ = chain.Node.WaitForHeight(ctx, tracker.LastHeight()+2)
			sg.Records = r.CommittedOK
			sg.AppDBBytesAfter, _ = DirSize(appDB)
			sg.DataBytesAfter, _ = DirSize(data)
			if sg.Records > 0 {
				sg.AppDBBytesPerRec = float64(sg.AppDBBytesAfter-sg.AppDBBytesBefore) / float64(sg.Records)
				sg.DataDirBytesPerRec = float64(sg.DataBytesAfter-sg.DataBytesBefore) / float64(sg.Records)
			}
			sg.Note = "sizes of regular files after the blocks are committed (IAVL commits every block; goleveldb: WAL + sstables, no forced compaction); data dir includes the CometBFT block store, state and WAL for the same blocks (tx indexer off)"
			res.StateGrowth = sg
		}
	}

	if o.ProbeRate > 0 {
		p := tx
		p.MaxRate, p.Duration, p.ProfileSecs = o.ProbeRate, o.ProbeTime, 0
		p.TargetRate = o.ProbeRate + 1
		r, err := runner.RunWorkload(ctx, BankSend{}, p)
		if err != nil {
			return res, err
		}
		res.Workloads = append(res.Workloads, r)
		res.SetRatios()
	}

	if !o.SkipQueries {
		tg := queryTargets(runner.Env)
		if len(tg.CaseIDs) == 0 {
			// The queries read evidence items and their cases: create some first.
			setup := tx
			setup.Duration, setup.ProfileSecs = querySetupTime, 0
			for _, w := range WithNeeds([]Workload{RegisterEvidence{}}) {
				logf(o.Log, "query setup: %s", w.Name())
				if _, err := runner.RunWorkload(ctx, w, setup); err != nil {
					return res, err
				}
			}
			tg = queryTargets(runner.Env)
		}
		q, err := RunQueries(ctx, n.GRPCAddr(), n.APIURL(), tg, o.QueryConcs, o.QueryTime, func(f string, a ...any) { logf(o.Log, f, a...) })
		res.Queries = q
		if err != nil {
			return res, err
		}
	}
	res.Machine.LoadAfter = loadavg()
	res.Machine.OtherLoad = topProcesses()
	res.Machine.FinishedAt = time.Now().UTC().Format(time.RFC3339)
	return res, nil
}
