package bounds_test

import (
	"errors"
	"testing"

	"github.com/civicchain/civic/internal/bounds"
)

func TestRange(t *testing.T) {
	for _, v := range []uint64{1, 5, 10} {
		if err := bounds.Range("max_x", v, 1, 10); err != nil {
			t.Fatalf("Range(%d) in 1..10: %v", v, err)
		}
	}
	for v, want := range map[uint64]string{
		0:  "max_x must be 1..10, got 0",
		11: "max_x must be 1..10, got 11",
	} {
		err := bounds.Range("max_x", v, 1, 10)
		if err == nil || err.Error() != want {
			t.Fatalf("Range(%d) = %v, want %q", v, err, want)
		}
	}
	if err := bounds.Range("ttl", uint32(3599), 3600, 7200); err == nil || err.Error() != "ttl must be 3600..7200, got 3599" {
		t.Fatalf("Range(uint32 3599) = %v", err)
	}
}

func TestFirst(t *testing.T) {
	a, b := errors.New("a"), errors.New("b")
	if err := bounds.First(); err != nil {
		t.Fatalf("First() = %v, want nil", err)
	}
	if err := bounds.First(nil, nil); err != nil {
		t.Fatalf("First(nil, nil) = %v, want nil", err)
	}
	if err := bounds.First(nil, a, b); err != a {
		t.Fatalf("First(nil, a, b) = %v, want a", err)
	}
}
