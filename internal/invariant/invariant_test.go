package invariant_test

import (
	"context"
	"errors"
	"strings"
	"testing"

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
