package invariant_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/invariant"
)

func TestRun(t *testing.T) {
	ctx := context.Background()
	ran := 0
	ok := invariant.Invariant{Name: "ok", Check: func(context.Context) error { ran++; return nil }}
	if err := invariant.Run(ctx, "m", []invariant.Invariant{ok, ok}); err != nil || ran != 2 {
		t.Fatalf("sound state: err %v after %d checks, want nil after 2", err, ran)
	}
	boom := errors.New("record 7 unindexed")
	bad := invariant.Invariant{Name: "items", Check: func(context.Context) error { return boom }}
	err := invariant.Run(ctx, "m", []invariant.Invariant{bad, ok, bad})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v does not wrap the check's error", err)
	}
	if got := strings.Count(err.Error(), `m invariant "items" broken: record 7 unindexed`); got != 2 {
		t.Fatalf("err %q names the broken invariant %d times, want 2 (every check runs)", err, got)
	}
}

// seq is a Sequence that has issued ids 1..last.
type seq uint64

func (s seq) Peek(context.Context) (uint64, error) { return uint64(s), nil }

// records is a walk.Walker over id -> record, in id order.
type records map[uint64]uint64

func (r records) Walk(_ context.Context, _ collections.Ranger[uint64], fn func(uint64, uint64) (bool, error)) error {
	keys := slices.Sorted(maps.Keys(r))
	for _, k := range keys {
		if stop, err := fn(k, r[k]); err != nil || stop {
			return err
		}
	}
	return nil
}

func TestEachIssued(t *testing.T) {
	ctx := context.Background()
	self := func(v *uint64) uint64 { return *v }
	var checked []uint64
	check := func(id, _ uint64) error {
		checked = append(checked, id)
		return nil
	}
	if err := invariant.EachIssued(ctx, seq(3), records{1: 1, 3: 3}, "case", self, check); err != nil || !slices.Equal(checked, []uint64{1, 3}) {
		t.Fatalf("sound records: err %v, checked %v; want nil, [1 3]", err, checked)
	}
	if err := invariant.EachIssued(ctx, seq(3), records{1: 1}, "case", self, nil); err != nil {
		t.Fatalf("no check: %v", err)
	}
	for name, tc := range map[string]struct {
		last uint64
		recs records
		want string
	}{
		"wrong id":   {3, records{2: 3}, "case stored under 2 has id 3 (ids issued: 1..3)"},
		"not issued": {3, records{4: 4}, "case stored under 4 has id 4 (ids issued: 1..3)"},
		"id 0":       {3, records{0: 0}, "case stored under 0 has id 0 (ids issued: 1..3)"},
	} {
		if err := invariant.EachIssued(ctx, seq(tc.last), tc.recs, "case", self, nil); err == nil || err.Error() != tc.want {
			t.Errorf("%s: err %v, want %q", name, err, tc.want)
		}
	}
	boom := errors.New("case 1 has no items")
	if err := invariant.EachIssued(ctx, seq(1), records{1: 1}, "case", self, func(uint64, uint64) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("err %v; want the check's error", err)
	}
}

// versions is a walk.Walker over (group, n) -> the (group, n) the entry names, in key order.
type versions [][2]any

func (vs versions) Walk(_ context.Context, _ collections.Ranger[collections.Pair[string, uint64]],
	fn func(collections.Pair[string, uint64], [2]any) (bool, error),
) error {
	for _, v := range vs {
		if stop, err := fn(collections.Join(v[0].(string), v[1].(uint64)), v); err != nil || stop {
			return err
		}
	}
	return nil
}

func TestNumbered(t *testing.T) {
	ctx := context.Background()
	entry := func(g string, n uint64) [2]any { return [2]any{g, n} }
	names := func(v [2]any) (string, uint64) { return v[0].(string), v[1].(uint64) }
	const storedF, followsF = "tariff stored under (%s, %d) is (%s, %d)", "tariff %s: version %d follows version %d"
	last, err := invariant.Numbered(ctx, versions{entry("a", 1), entry("a", 2), entry("b", 1)}, names, storedF, followsF)
	if err != nil || len(last) != 2 || last["a"] != 2 || last["b"] != 1 {
		t.Fatalf("sound entries: %v, %v; want map[a:2 b:1]", last, err)
	}
	_, err = invariant.Numbered(ctx, versions{entry("a", 1), entry("a", 3)}, names, storedF, followsF)
	if err == nil || err.Error() != "tariff a: version 3 follows version 1" {
		t.Fatalf("a gap: %v", err)
	}
	_, err = invariant.Numbered(ctx, versions{entry("b", 2)}, names, storedF, followsF)
	if err == nil || err.Error() != "tariff b: version 2 follows version 0" {
		t.Fatalf("a group not starting at 1: %v", err)
	}
	moved := func(v [2]any) (string, uint64) { return "x", v[1].(uint64) }
	_, err = invariant.Numbered(ctx, versions{entry("a", 1)}, moved, storedF, followsF)
	if err == nil || err.Error() != "tariff stored under (a, 1) is (x, 1)" {
		t.Fatalf("an entry under another key: %v", err)
	}
}
