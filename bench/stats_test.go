package bench

import (
	"math"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	cases := map[float64]time.Duration{50: 50 * time.Millisecond, 95: 95 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond, 0.5: time.Millisecond}
	for p, want := range cases {
		if got := Percentile(d, p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
	if d[0] != 100*time.Millisecond {
		t.Fatal("Percentile modified its input")
	}
	if Percentile(nil, 99) != 0 {
		t.Fatal("empty: want 0")
	}
	if got := Percentile([]time.Duration{7}, 99); got != 7 {
		t.Fatalf("single: %v", got)
	}
	s := Summarize([]time.Duration{time.Millisecond, 2 * time.Millisecond, 3 * time.Millisecond, 4 * time.Millisecond})
	if s.Count != 4 || s.P50ms != 2 || s.P99ms != 4 || s.MaxMs != 4 {
		t.Fatalf("summary %+v", s)
	}
}

func TestActiveWindow(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	blocks := []BlockSample{
		{Height: 13, Time: at(4000), OK: 0}, // after the window
		{Height: 10, Time: at(1000), OK: 0}, // starts the window
		{Height: 11, Time: at(2000), OK: 500},
		{Height: 12, Time: at(3000), OK: 1500},
		{Height: 9, Time: at(0), OK: 0},
	}
	w := ActiveWindow(blocks)
	if w.FirstHeight != 11 || w.LastHeight != 12 || w.Blocks != 2 || w.CommittedOK != 2000 {
		t.Fatalf("window %+v", w)
	}
	if w.Duration != 2*time.Second || math.Abs(w.TxPerSec-1000) > 1e-9 {
		t.Fatalf("rate %v over %v", w.TxPerSec, w.Duration)
	}
	if w.Units != 0 || w.UnitsPerSec != 0 {
		t.Fatalf("units without a Counted workload: %+v", w)
	}

	// No previous block: the first active block only starts the window.
	w = ActiveWindow(blocks[2:4])
	if w.CommittedOK != 1500 || w.Duration != time.Second || w.TxPerSec != 1500 {
		t.Fatalf("no previous block: %+v", w)
	}
	// Units (a Counted workload's) are counted in the same blocks and over
	// the same duration as the transactions: here 20 a transaction, except
	// in block 11, which only starts the window.
	units := []BlockSample{{Height: 11, Time: at(2000), OK: 500, Units: 10_000}, {Height: 12, Time: at(3000), OK: 1500, Units: 30_000}, {Height: 13, Time: at(4000), OK: 100, Units: 2_000}}
	w = ActiveWindow(units)
	if w.CommittedOK != 1600 || w.Units != 32_000 || w.Duration != 2*time.Second || w.TxPerSec != 800 || w.UnitsPerSec != 16_000 {
		t.Fatalf("units: %+v", w)
	}
	// Nothing committed.
	if w := ActiveWindow([]BlockSample{{Height: 1, Time: t0}}); w.TxPerSec != 0 || w.CommittedOK != 0 {
		t.Fatalf("empty: %+v", w)
	}
	// A gap in the middle (idle block) still counts toward the window.
	w = ActiveWindow([]BlockSample{{Height: 1, Time: at(0)}, {Height: 2, Time: at(1000), OK: 10}, {Height: 3, Time: at(2000)}, {Height: 4, Time: at(3000), OK: 20}})
	if w.CommittedOK != 30 || w.Blocks != 3 || w.Duration != 3*time.Second || w.TxPerSec != 10 {
		t.Fatalf("gap: %+v", w)
	}
}
