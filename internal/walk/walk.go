// Package walk reads whole collections: genesis export and invariants walk
// every record of a map (collections.Map, KeySet or IndexedMap) in key order.
package walk

import (
	"context"

	"cosmossdk.io/collections"
)

// Walker is a collection that walks its entries in key order: a
// collections.Map or an IndexedMap.
type Walker[K, V any] interface {
	Walk(ctx context.Context, ranger collections.Ranger[K], walkFunc func(key K, value V) (stop bool, err error)) error
}

// KeyWalker is a collection of keys: a collections.KeySet.
type KeyWalker[K any] interface {
	Walk(ctx context.Context, ranger collections.Ranger[K], walkFunc func(key K) (stop bool, err error)) error
}

// Values returns every value of m in key order.
func Values[K, V any](ctx context.Context, m Walker[K, V]) ([]V, error) {
	var out []V
	err := m.Walk(ctx, nil, func(_ K, v V) (bool, error) {
		out = append(out, v)
		return false, nil
	})
	return out, err
}

// Keys returns every key of s in order.
func Keys[K any](ctx context.Context, s KeyWalker[K]) ([]K, error) {
	var out []K
	err := s.Walk(ctx, nil, func(k K) (bool, error) {
		out = append(out, k)
		return false, nil
	})
	return out, err
}

// Each calls fn for every entry of m in key order and stops at fn's first error.
func Each[K, V any](ctx context.Context, m Walker[K, V], fn func(key K, value V) error) error {
	return m.Walk(ctx, nil, func(k K, v V) (bool, error) {
		return false, fn(k, v)
	})
}
