package bench

import (
	"slices"
	"testing"
)

func names(ws []Workload) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Name()
	}
	return out
}

// TestWithNeeds: a workload alone pulls in, before it, the workloads whose objects it
// reads; the default order already has every need in place and stays as it is.
func TestWithNeeds(t *testing.T) {
	for _, tc := range []struct {
		in   []Workload
		want []string
	}{
		{[]Workload{RegisterEvidence{}}, []string{"evidence-open-case", "evidence-register"}},
		{[]Workload{AcceptTransfer{}, BankSend{}}, []string{"evidence-open-case", "evidence-register",
			"evidence-take-custody", "evidence-propose-transfer", "evidence-accept-transfer", "bank-send"}},
		{[]Workload{VerifyIntegrity{}, TakeCustody{}}, []string{"evidence-open-case", "evidence-register",
			"evidence-verify-integrity", "evidence-take-custody"}},
		{[]Workload{BankSend{}, CreateDid{}}, []string{"bank-send", "did-create"}},
		{DefaultWorkloads(), names(DefaultWorkloads())},
	} {
		if got := names(WithNeeds(tc.in)); !slices.Equal(got, tc.want) {
			t.Fatalf("WithNeeds(%v) = %v, want %v", names(tc.in), got, tc.want)
		}
	}
}

// TestQueryTargets: the queries read the cases that hold items, and the items.
func TestQueryTargets(t *testing.T) {
	env := NewEnv(nil, "ucivic")
	if tg := queryTargets(env); len(tg.CaseIDs) != 0 || len(tg.AgencyIDs) == 0 {
		t.Fatalf("empty env: %+v", tg)
	}
	env.Cases[0], env.Items[0] = []uint64{7, 8}, []Item{{ID: 3}}
	env.Cases[1] = []uint64{9} // no items: not a target
	tg := queryTargets(env)
	if len(tg.CaseIDs) != 1 || tg.CaseIDs[0] != 7 || len(tg.EvidenceIDs) != 1 || tg.EvidenceIDs[0] != 3 {
		t.Fatalf("targets: %+v", tg)
	}
}
