package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ProfileShare splits a node CPU profile between civic's code and the rest.
type ProfileShare struct {
	TotalSeconds float64 `json:"total_seconds"`
	// CivicFlatPct: samples whose leaf function is in github.com/civicchain/civic (app, x).
	CivicFlatPct float64 `json:"civic_flat_pct"`
	// HandlersCumPct: time inside the Msg handlers (any module's msgServer.*, e.g.
	// bank's Send or civic's RegisterEvidence), including the store/IAVL calls
	// made from them; CivicHandlersCumPct the part in civic's handlers.
	HandlersCumPct      float64 `json:"handlers_cum_pct"`
	CivicHandlersCumPct float64 `json:"civic_handlers_cum_pct"`
	// Cum percentages of landmarks (FinalizeBlock, CheckTx, Commit, ante, sig verify, RPC JSON).
	Landmarks map[string]float64 `json:"landmarks_cum_pct"`
	TopFlat   []string           `json:"top_flat"`
}

var (
	pprofTotal = regexp.MustCompile(`of ([0-9.]+)(ms|s|min|h) total`)
	isHandler  = regexp.MustCompile(`/keeper\.msgServer\.[A-Z][A-Za-z]*$`)
	pprofLine  = regexp.MustCompile(`^\s*([0-9.]+)(ms|s|min|h|us|ns)?\s+([0-9.]+)%\s+([0-9.]+)%\s+([0-9.]+)(ms|s|min|h|us|ns)?\s+([0-9.]+)%\s+(.+)$`)
)

// landmarks are function-name substrings whose cumulative share is reported.
var landmarks = map[string]string{
	"FinalizeBlock":   "github.com/cosmos/cosmos-sdk/baseapp.(*BaseApp).FinalizeBlock",
	"CheckTx":         "github.com/cosmos/cosmos-sdk/baseapp.(*BaseApp).CheckTx",
	"Commit":          "github.com/cosmos/cosmos-sdk/baseapp.(*BaseApp).Commit",
	"AnteHandler":     "github.com/cosmos/cosmos-sdk/x/auth/ante.NewAnteHandler.ChainAnteDecorators.func2",
	"secp256k1Verify": "github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1.(*PubKey).VerifySignature",
	"RPCbroadcast":    "github.com/cometbft/cometbft/rpc/core.(*Environment).BroadcastTxSync",
	"RPCblockResults": "github.com/cometbft/cometbft/rpc/core.(*Environment).BlockResults",
	"RPCblock":        "github.com/cometbft/cometbft/rpc/core.(*Environment).Block",
	"RPCserve":        "github.com/cometbft/cometbft/rpc/jsonrpc/server.defaultHandler.ServeHTTP",
	"GC":              "runtime.gcBgMarkWorker",
	// goleveldb's background table compaction: the deferred cost of every
	// earlier write, paid by whichever workload runs when it starts.
	"Compaction": "github.com/syndtr/goleveldb/leveldb.(*DB).compactionTransact",
}

func toSeconds(v, unit string) float64 {
	f, _ := strconv.ParseFloat(v, 64)
	switch unit {
	case "ns":
		return f / 1e9
	case "us":
		return f / 1e6
	case "ms":
		return f / 1e3
	case "min":
		return f * 60
	case "h":
		return f * 3600
	}
	return f
}

// ProfileShareOf reads a CPU profile with `go tool pprof -top`.
func ProfileShareOf(path string) (*ProfileShare, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(goBin, "tool", "pprof", "-top", "-nodecount=100000", "-nodefraction=0", "-edgefraction=0", path).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool pprof: %w", err)
	}
	share := &ProfileShare{Landmarks: map[string]float64{}}
	type fn struct {
		name      string
		flat, cum float64
	}
	var fns []fn
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := pprofTotal.FindStringSubmatch(line); m != nil && share.TotalSeconds == 0 {
			share.TotalSeconds = toSeconds(m[1], m[2])
			continue
		}
		m := pprofLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		flat := toSeconds(m[1], m[2])
		cum := toSeconds(m[5], m[6])
		fns = append(fns, fn{name: strings.TrimSpace(m[8]), flat: flat, cum: cum})
	}
	if share.TotalSeconds == 0 {
		return nil, fmt.Errorf("%s: no total in pprof output", path)
	}
	pct := func(s float64) float64 { return float64(int(s/share.TotalSeconds*1000+0.5)) / 10 }
	var civicFlat, handlersCum, civicHandlersCum float64
	for _, f := range fns {
		civic := strings.HasPrefix(f.name, "github.com/civicchain/civic/")
		if civic {
			civicFlat += f.flat
		}
		// Handlers do not call each other: their cumulative times add up.
		if isHandler.MatchString(f.name) {
			handlersCum += f.cum
			if civic {
				civicHandlersCum += f.cum
			}
		}
		for k, v := range landmarks {
			if f.name == v {
				share.Landmarks[k] = pct(f.cum)
			}
		}
	}
	share.CivicFlatPct = pct(civicFlat)
	share.HandlersCumPct = pct(handlersCum)
	share.CivicHandlersCumPct = pct(civicHandlersCum)
	sort.SliceStable(fns, func(i, j int) bool { return fns[i].flat > fns[j].flat })
	for i := 0; i < len(fns) && i < 12; i++ {
		share.TopFlat = append(share.TopFlat, fmt.Sprintf("%.1f%% %s", pct(fns[i].flat), fns[i].name))
	}
	return share, nil
}
