package bench

import (
	"strings"
	"testing"
)

// A Counted workload is reported per unit: units/s against the bank
// baseline's tx/s, node CPU per unit against the baseline's per transaction,
// and the ratio target is checked per unit; other workloads per transaction.
func TestUnitsReport(t *testing.T) {
	profile := func(cpuSeconds float64) *ProfileShare {
		return &ProfileShare{TotalSeconds: cpuSeconds, Landmarks: map[string]float64{}}
	}
	r := &Results{
		Mode: "1val",
		Tx:   TxOptions{ProfileSecs: 10},
		Workloads: []WorkloadResult{
			{Name: "bank-send", TxPerSec: 800, ProfileShare: profile(20)}, // 2 CPU s/s: 2.5 ms a tx
			{Name: "welfare-apply", TxPerSec: 600},
			{Name: "welfare-distribute", TxPerSec: 100, Unit: "payments", UnitsCommitted: 60_000, UnitsPerTx: 20, UnitsPerSec: 2_000, ProfileShare: profile(20)}, // 1 ms a payment
			{Name: "bank-send-end", TxPerSec: 1200, ProfileShare: profile(24)},                                                                                   // 2 ms a tx
		},
	}
	r.SetRatios()
	if w := r.Workloads[2]; w.RatioToBank != 0.1 || w.UnitRatioToBank != 2 {
		t.Fatalf("ratios %v %v", w.RatioToBank, w.UnitRatioToBank)
	}
	if w := r.Workloads[1]; w.RatioToBank != 0.6 || w.UnitRatioToBank != 0 {
		t.Fatalf("apply ratios %v %v", w.RatioToBank, w.UnitRatioToBank)
	}
	if ms := r.bankCPUMs(); ms != 2.25 {
		t.Fatalf("bank CPU %v ms a tx", ms)
	}
	md := r.Markdown()
	for _, want := range []string{
		"| welfare-distribute | payments | 60000 | 20.0 | 2000 | 2.00 | 1.000 | 0.44 |",
		"- welfare-distribute ≥ 0.8× bank per payment: 2.00× — met",
		"- welfare-apply ≥ 0.8× bank: 0.60× — **missed**",
	} {
		if !strings.Contains(md, want) {
			t.Fatalf("summary lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "| welfare-apply | payments") || strings.Contains(md, "welfare-distribute ≥ 0.8× bank: ") {
		t.Fatalf("per-transaction workload reported per unit or the reverse:\n%s", md)
	}
}
