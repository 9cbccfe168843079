package keeper

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/walk"
)

// KeysOf is every key of a key set or index, in order; it fails the test on a read error.
// Comparing it before and after an ACT shows what the ACT wrote.
func KeysOf[K any](t testing.TB, ctx context.Context, ks walk.KeyWalker[K]) []K {
	t.Helper()
	keys, err := walk.Keys(ctx, ks)
	require.NoError(t, err)
	return keys
}

// EntriesOf is every entry of a map or unique index, in key order; it fails the test on
// a read error.
func EntriesOf[K, V any](t testing.TB, ctx context.Context, m walk.Walker[K, V]) []collections.KeyValue[K, V] {
	t.Helper()
	var kvs []collections.KeyValue[K, V]
	require.NoError(t, walk.Each(ctx, m, func(k K, v V) error {
		kvs = append(kvs, collections.KeyValue[K, V]{Key: k, Value: v})
		return nil
	}))
	return kvs
}
