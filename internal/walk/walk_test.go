package walk_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"

	"github.com/civicchain/civic/internal/walk"
)

func setup(t *testing.T) (context.Context, store.KVStoreService) {
	t.Helper()
	key := storetypes.NewKVStoreKey("walk")
	ctx := testutil.DefaultContext(key, storetypes.NewTransientStoreKey("walk_t"))
	return ctx, runtime.NewKVStoreService(key)
}

func TestValuesKeysEach(t *testing.T) {
	ctx, svc := setup(t)
	sb := collections.NewSchemaBuilder(svc)
	m := collections.NewMap(sb, collections.NewPrefix(1), "m", collections.Uint64Key, collections.StringValue)
	s := collections.NewKeySet(sb, collections.NewPrefix(2), "s", collections.StringKey)
	if _, err := sb.Build(); err != nil {
		t.Fatal(err)
	}
	for _, kv := range []struct {
		k uint64
		v string
	}{{3, "c"}, {1, "a"}, {2, "b"}} {
		if err := m.Set(ctx, kv.k, kv.v); err != nil {
			t.Fatal(err)
		}
		if err := s.Set(ctx, kv.v); err != nil {
			t.Fatal(err)
		}
	}
	vals, err := walk.Values(ctx, m)
	if err != nil || !slices.Equal(vals, []string{"a", "b", "c"}) {
		t.Fatalf("Values = %v, %v; want [a b c] in key order", vals, err)
	}
	keys, err := walk.Keys(ctx, s)
	if err != nil || !slices.Equal(keys, []string{"a", "b", "c"}) {
		t.Fatalf("Keys = %v, %v; want [a b c]", keys, err)
	}
	stop := errors.New("stop at 2")
	var seen []uint64
	err = walk.Each(ctx, m, func(k uint64, _ string) error {
		seen = append(seen, k)
		if k == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || !slices.Equal(seen, []uint64{1, 2}) {
		t.Fatalf("Each = %v after %v; want the callback's error after keys [1 2]", err, seen)
	}
	empty := collections.NewMap(collections.NewSchemaBuilder(svc), collections.NewPrefix(9), "e", collections.Uint64Key, collections.StringValue)
	if vals, err := walk.Values(ctx, empty); err != nil || vals != nil {
		t.Fatalf("Values of an empty map = %v, %v; want nil, nil", vals, err)
	}
}
