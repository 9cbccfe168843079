package pagination_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
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

// fixture holds records 1..n in a map, the same records under a pair key
// (owner, id) with owner "a" for odd ids and "b" for even ones, an index of
// (owner, id) pairs, and a set of the even ids.
type fixture struct {
	ctx     context.Context
	records collections.Map[uint64, string]
	owned   collections.Map[collections.Pair[string, uint64], string]
	byOwner collections.KeySet[collections.Pair[string, uint64]]
	even    collections.KeySet[uint64]
}

func newFixture(t *testing.T, n uint64) fixture {
	t.Helper()
	key := storetypes.NewKVStoreKey("pagination")
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(key))
	f := fixture{
		ctx:     testutil.DefaultContext(key, storetypes.NewTransientStoreKey("pagination_t")),
		records: collections.NewMap(sb, collections.NewPrefix(1), "records", collections.Uint64Key, collections.StringValue),
		owned: collections.NewMap(sb, collections.NewPrefix(2), "owned",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), collections.StringValue),
		byOwner: collections.NewKeySet(sb, collections.NewPrefix(3), "by_owner",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),
		even: collections.NewKeySet(sb, collections.NewPrefix(4), "even", collections.Uint64Key),
	}
	if _, err := sb.Build(); err != nil {
		t.Fatal(err)
	}
	for id := uint64(1); id <= n; id++ {
		owner, v := "a", fmt.Sprintf("r%d", id)
		if id%2 == 0 {
			owner = "b"
			must(t, f.even.Set(f.ctx, id))
		}
		must(t, f.records.Set(f.ctx, id, v))
		must(t, f.owned.Set(f.ctx, collections.Join(owner, id), v))
		must(t, f.byOwner.Set(f.ctx, collections.Join(owner, id)))
	}
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// samePage fails unless got is the page want describes, with the next_key
// query.CollectionPaginate gives for the same request.
func samePage(t *testing.T, name string, got []string, page *query.PageResponse, err error, want []string, sdkPage *query.PageResponse, sdkErr error) {
	t.Helper()
	must(t, err)
	must(t, sdkErr)
	if !slices.Equal(got, want) {
		t.Fatalf("%s: %v, want %v", name, got, want)
	}
	if !bytes.Equal(page.NextKey, sdkPage.NextKey) || page.Total != sdkPage.Total {
		t.Fatalf("%s: next_key %x total %d, want the SDK's %x %d", name, page.NextKey, page.Total, sdkPage.NextKey, sdkPage.Total)
	}
}

func TestValuesAndLookups(t *testing.T) {
	f := newFixture(t, 7)
	req := &query.PageRequest{Limit: 2, CountTotal: true}
	identity := func(_ uint64, v string) (string, error) { return v, nil }

	got, page, err := pagination.Values(f.ctx, f.records, req)
	sdk, sdkPage, sdkErr := query.CollectionPaginate(f.ctx, f.records, req, identity)
	samePage(t, "Values", got, page, err, []string{"r1", "r2"}, sdkPage, sdkErr)
	if len(page.NextKey) == 0 || page.Total != 7 || !slices.Equal(sdk, got) {
		t.Fatalf("Values: next_key %x total %d; want a next key and 7", page.NextKey, page.Total)
	}
	next := &query.PageRequest{Key: page.NextKey, Limit: 2}
	got, page, err = pagination.Values(f.ctx, f.records, next)
	_, sdkPage, sdkErr = query.CollectionPaginate(f.ctx, f.records, next, identity)
	samePage(t, "Values from next_key", got, page, err, []string{"r3", "r4"}, sdkPage, sdkErr)

	prefixed := &query.PageRequest{Limit: 3}
	got, page, err = pagination.PrefixValues(f.ctx, f.owned, "a", prefixed)
	_, sdkPage, sdkErr = query.CollectionPaginate(f.ctx, f.owned, prefixed,
		func(_ collections.Pair[string, uint64], v string) (string, error) { return v, nil },
		query.WithCollectionPaginationPairPrefix[string, uint64]("a"))
	samePage(t, "PrefixValues", got, page, err, []string{"r1", "r3", "r5"}, sdkPage, sdkErr)

	got, page, err = pagination.IndexValues(f.ctx, f.byOwner, "b", f.records, prefixed)
	_, sdkPage, sdkErr = query.CollectionPaginate(f.ctx, f.byOwner, prefixed,
		func(k collections.Pair[string, uint64], _ collections.NoValue) (string, error) {
			return f.records.Get(f.ctx, k.K2())
		},
		query.WithCollectionPaginationPairPrefix[string, uint64]("b"))
	samePage(t, "IndexValues", got, page, err, []string{"r2", "r4", "r6"}, sdkPage, sdkErr)
	if len(page.NextKey) != 0 {
		t.Fatalf("IndexValues: next_key %x after the last of owner b", page.NextKey)
	}

	reverse := &query.PageRequest{Limit: 2, Reverse: true}
	self := func(id uint64) uint64 { return id }
	got, page, err = pagination.Lookup(f.ctx, f.even, f.records, self, reverse)
	_, sdkPage, sdkErr = query.CollectionPaginate(f.ctx, f.even, reverse,
		func(id uint64, _ collections.NoValue) (string, error) { return f.records.Get(f.ctx, id) })
	samePage(t, "Lookup", got, page, err, []string{"r6", "r4"}, sdkPage, sdkErr)

	// The index lists a record the map lacks: the lookup's error comes back as is.
	must(t, f.byOwner.Set(f.ctx, collections.Join("a", uint64(99))))
	if _, _, err := pagination.IndexValues(f.ctx, f.byOwner, "a", f.records, nil); !errors.Is(err, collections.ErrNotFound) {
		t.Fatalf("IndexValues over a dangling entry = %v; want collections.ErrNotFound", err)
	}
	both := &query.PageRequest{Key: []byte{1}, Offset: 1}
	if _, _, err := pagination.Values(f.ctx, f.records, both); err == nil {
		t.Fatal("Values with both offset and key: want the SDK's error")
	}
}

func TestValuesClamps(t *testing.T) {
	f := newFixture(t, pagination.MaxLimit+1)
	for _, tc := range []struct {
		name string
		req  *query.PageRequest
		want int
	}{
		{"nil request", nil, int(pagination.DefaultLimit)},
		{"oversize limit", &query.PageRequest{Limit: 1 << 40}, int(pagination.MaxLimit)},
	} {
		got, page, err := pagination.Values(f.ctx, f.records, tc.req)
		must(t, err)
		if len(got) != tc.want || len(page.NextKey) == 0 {
			t.Fatalf("%s: %d values (next_key %x), want %d and a next key", tc.name, len(got), page.NextKey, tc.want)
		}
	}
}
