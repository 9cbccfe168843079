package pagination_test

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/pagination"
)

func TestClamp(t *testing.T) {
	cases := []struct {
		name string
		in   *query.PageRequest
		want uint64
	}{
		{"nil request gets the default", nil, pagination.DefaultLimit},
		{"zero limit gets the default", &query.PageRequest{}, pagination.DefaultLimit},
		{"small limit kept", &query.PageRequest{Limit: 7}, 7},
		{"max kept", &query.PageRequest{Limit: pagination.MaxLimit}, pagination.MaxLimit},
		{"oversize clamped", &query.PageRequest{Limit: 1 << 40}, pagination.MaxLimit},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := pagination.Clamp(tc.in).Limit; got != tc.want {
				t.Fatalf("limit %d, want %d", got, tc.want)
			}
		})
	}
	in := &query.PageRequest{Limit: 1 << 40, Key: []byte("k")}
	out := pagination.Clamp(in)
	if in.Limit != 1<<40 || string(out.Key) != "k" {
		t.Fatal("Clamp must copy the request, keep its key and leave the caller's value untouched")
	}
}
