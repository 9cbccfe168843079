package bench

import (
	"math"
	"sort"
	"time"
)

// Percentile returns the p-th percentile (0 < p <= 100) of durations by the
// nearest-rank method; 0 for an empty slice. d need not be sorted; it is not modified.
func Percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return percentileSorted(s, p)
}

func percentileSorted(s []time.Duration, p float64) time.Duration {
	if len(s) == 0 {
		return 0
	}
	if p <= 0 {
		return s[0]
	}
	if p >= 100 {
		return s[len(s)-1]
	}
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	if rank < 1 {
		rank = 1
	}
	return s[rank-1]
}

// LatencySummary is p50/p95/p99/max in milliseconds.
type LatencySummary struct {
	Count int     `json:"count"`
	P50ms float64 `json:"p50_ms"`
	P95ms float64 `json:"p95_ms"`
	P99ms float64 `json:"p99_ms"`
	MaxMs float64 `json:"max_ms"`
}

// Summarize computes a LatencySummary.
func Summarize(d []time.Duration) LatencySummary {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	ms := func(x time.Duration) float64 { return math.Round(float64(x)/float64(time.Microsecond)) / 1000 }
	return LatencySummary{
		Count: len(s),
		P50ms: ms(percentileSorted(s, 50)),
		P95ms: ms(percentileSorted(s, 95)),
		P99ms: ms(percentileSorted(s, 99)),
		MaxMs: ms(percentileSorted(s, 100)),
	}
}

// BlockSample is one block as the load generator saw it: its height, header time,
// how many of the workload's transactions it committed with code 0 and, for a
// Counted workload, the units those transactions did.
type BlockSample struct {
	Height int64
	Time   time.Time
	OK     int
	Units  int
}

// Window is the active window of a workload: the blocks from the first to the
// last that committed one of its transactions.
type Window struct {
	FirstHeight int64         `json:"first_height"`
	LastHeight  int64         `json:"last_height"`
	Blocks      int           `json:"blocks"`
	CommittedOK int           `json:"committed_ok"`
	Duration    time.Duration `json:"duration_ns"`
	TxPerSec    float64       `json:"tx_per_sec"`
	// Units and UnitsPerSec are a Counted workload's units in the same blocks
	// and over the same duration as CommittedOK and TxPerSec.
	Units       int     `json:"units,omitempty"`
	UnitsPerSec float64 `json:"units_per_sec,omitempty"`
}

// ActiveWindow computes committed tx/s (and units/s) over the active window. blocks must hold
// consecutive heights (in any order) and include the block just before the first
// active one, whose time starts the window: the window is the sum of the active
// blocks' intervals, time(last) - time(first-1), so a block's interval is charged
// to the block it produced. Without that previous block the first block's own
// time starts the window and its transactions are not counted (they could have
// been produced in any interval before). It returns a zero Window when no block
// committed anything.
func ActiveWindow(blocks []BlockSample) Window {
	s := append([]BlockSample(nil), blocks...)
	sort.Slice(s, func(i, j int) bool { return s[i].Height < s[j].Height })
	first, last := -1, -1
	for i, b := range s {
		if b.OK > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return Window{}
	}
	w := Window{FirstHeight: s[first].Height, LastHeight: s[last].Height}
	start := first
	if first > 0 && s[first-1].Height == s[first].Height-1 {
		start = first - 1
	}
	for i := first; i <= last; i++ {
		if i == start {
			continue // its interval is unknown: not counted
		}
		w.CommittedOK += s[i].OK
		w.Units += s[i].Units
		w.Blocks++
	}
	w.Duration = s[last].Time.Sub(s[start].Time)
	if w.Duration > 0 {
		w.TxPerSec = float64(w.CommittedOK) / w.Duration.Seconds()
		w.UnitsPerSec = float64(w.Units) / w.Duration.Seconds()
	}
	return w
}
