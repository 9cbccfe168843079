package index_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/index"
)

// A record is "tag1,tag2|ref": any number of tags, an optional unique ref.
func tags(_ uint64, v string) ([]string, error) {
	t, _, _ := strings.Cut(v, "|")
	if t == "" {
		return nil, nil
	}
	return strings.Split(t, ","), nil
}

func ref(_ uint64, v string) (string, bool) {
	_, r, _ := strings.Cut(v, "|")
	return r, r != ""
}

type recIndexes struct {
	Tag  *index.Keys[collections.Pair[string, uint64], uint64, string]
	Len  *index.Keys[uint64, uint64, string]
	Ref  *index.OptionalUnique[string, uint64, string]
	Head *indexes.Multi[string, uint64, string]
}

func (i recIndexes) IndexesList() []collections.Index[uint64, string] {
	return []collections.Index[uint64, string]{i.Tag, i.Len, i.Ref, i.Head}
}

func TestIndexesFollowTheirRecords(t *testing.T) {
	key := storetypes.NewKVStoreKey("index")
	ctx := testutil.DefaultContext(key, storetypes.NewTransientStoreKey("index_t"))
	svc := runtime.NewKVStoreService(key)
	sb := collections.NewSchemaBuilder(svc)
	m := collections.NewIndexedMap(sb, collections.NewPrefix(1), "records", collections.Uint64Key, collections.StringValue, recIndexes{
		Tag: index.NewPairs(sb, collections.NewPrefix(2), "by_tag", collections.StringKey, collections.Uint64Key, tags),
		Len: index.NewKeys(sb, collections.NewPrefix(3), "by_len", collections.Uint64Key,
			index.One(func(pk uint64, v string) uint64 { return uint64(len(v))*1000 + pk })),
		Ref: index.NewOptionalUnique(sb, collections.NewPrefix(4), "by_ref", collections.StringKey, collections.Uint64Key, ref),
		Head: indexes.NewMulti(sb, collections.NewPrefix(5), "by_head", collections.StringKey, collections.Uint64Key,
			func(_ uint64, v string) (string, error) { return v[:1], nil }),
	})
	if _, err := sb.Build(); err != nil {
		t.Fatal(err)
	}
	keysOf := func(prefix string) []uint64 {
		t.Helper()
		var out []uint64
		err := m.Indexes.Tag.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](prefix), func(k collections.Pair[string, uint64]) (bool, error) {
			out = append(out, k.K2())
			return false, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for pk, v := range map[uint64]string{1: "a,b|r1", 2: "b|", 3: "a|r3"} {
		if err := m.Set(ctx, pk, v); err != nil {
			t.Fatal(err)
		}
	}
	if got := keysOf("a"); !slices.Equal(got, []uint64{1, 3}) {
		t.Fatalf("tag a: %v, want [1 3]", got)
	}
	if got := keysOf("b"); !slices.Equal(got, []uint64{1, 2}) {
		t.Fatalf("tag b: %v, want [1 2]", got)
	}
	if pk, err := m.Indexes.Ref.MatchExact(ctx, "r3"); err != nil || pk != 3 {
		t.Fatalf("ref r3: %d, %v", pk, err)
	}
	if ok, _ := m.Indexes.Len.Has(ctx, 6*1000+1); !ok {
		t.Fatal("by_len misses record 1")
	}

	// An update replaces the record's keys; a second record may not take a ref.
	if err := m.Set(ctx, 1, "b|r9"); err != nil {
		t.Fatal(err)
	}
	if got := keysOf("a"); !slices.Equal(got, []uint64{3}) {
		t.Fatalf("after update, tag a: %v, want [3]", got)
	}
	if _, err := m.Indexes.Ref.MatchExact(ctx, "r1"); !errors.Is(err, collections.ErrNotFound) {
		t.Fatalf("old ref r1 still indexed: %v", err)
	}
	if err := m.Set(ctx, 2, "b|r9"); !errors.Is(err, collections.ErrConflict) {
		t.Fatalf("taken ref: %v, want ErrConflict", err)
	}
	if ok, _ := m.Indexes.Len.Has(ctx, 6*1000+1); ok {
		t.Fatal("by_len keeps record 1's old key")
	}

	// query.CollectionPaginate pages through Keys and through Pages (a Multi's view).
	page, res, err := query.CollectionPaginate(ctx, m.Indexes.Tag, &query.PageRequest{Limit: 1},
		func(k collections.Pair[string, uint64], _ collections.NoValue) (uint64, error) { return k.K2(), nil },
		query.WithCollectionPaginationPairPrefix[string, uint64]("b"))
	if err != nil || !slices.Equal(page, []uint64{1}) || res.NextKey == nil {
		t.Fatalf("page of tag b: %v %v %v", page, res, err)
	}
	pages := index.Pages(svc, collections.NewPrefix(5), collections.StringKey, collections.Uint64Key)
	heads, _, err := query.CollectionPaginate(ctx, pages, nil,
		func(k collections.Pair[string, uint64], _ collections.NoValue) (uint64, error) { return k.K2(), nil },
		query.WithCollectionPaginationPairPrefix[string, uint64]("b"))
	if err != nil || !slices.Equal(heads, []uint64{1, 2}) {
		t.Fatalf("Pages of head b: %v, %v; want [1 2]", heads, err)
	}

	// A removed record leaves no key behind.
	if err := m.Remove(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if got := keysOf("b"); !slices.Equal(got, []uint64{2}) {
		t.Fatalf("after remove, tag b: %v, want [2]", got)
	}
	if _, err := m.Indexes.Ref.MatchExact(ctx, "r9"); !errors.Is(err, collections.ErrNotFound) {
		t.Fatalf("removed record's ref still indexed: %v", err)
	}
}
