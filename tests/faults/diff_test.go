package faults

import (
	"reflect"
	"testing"
)

// TestJSONDiff checks the export comparison itself (no civicd needed).
func TestJSONDiff(t *testing.T) {
	a := map[string]any{
		"agency": map[string]any{"agencies": []any{map[string]any{"id": "knpa"}}},
		"bank": map[string]any{"balances": []any{
			map[string]any{"address": "civic1distr", "coins": []any{"5"}},
			map[string]any{"address": "civic1user", "coins": []any{"7"}},
		}},
		"mint": map[string]any{"minter": map[string]any{"inflation": "0.1"}},
	}
	b := map[string]any{
		"agency": map[string]any{"agencies": []any{map[string]any{"id": "nfs"}}},
		"bank": map[string]any{"balances": []any{
			map[string]any{"address": "civic1distr", "coins": []any{"6"}},
			map[string]any{"address": "civic1user", "coins": []any{"8"}},
		}},
		"mint": map[string]any{"minter": map[string]any{"inflation": "0.2"}},
	}
	var diffs []string
	jsonDiff("", a, b, &diffs)
	want := []string{"agency.agencies[0].id", "bank.balances[0].coins[0]", "bank.balances[1].coins[0]", "mint.minter.inflation"}
	if !reflect.DeepEqual(diffs, want) {
		t.Fatalf("diffs %v, want %v", diffs, want)
	}
	allowed := map[string]bool{}
	for _, d := range diffs {
		allowed[d] = allowedDiff(d, a, b, "civic1distr")
	}
	if allowed["agency.agencies[0].id"] || allowed["bank.balances[1].coins[0]"] {
		t.Fatalf("a civic record or a user balance must never be an allowed difference: %v", allowed)
	}
	if !allowed["bank.balances[0].coins[0]"] || !allowed["mint.minter.inflation"] {
		t.Fatalf("block production differences must be allowed: %v", allowed)
	}
}
