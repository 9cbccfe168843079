// Package index holds the collections indexes civic's modules keep next to
// the SDK's (cosmossdk.io/collections/indexes), for what those cannot do in
// collections v1.3.1:
//
//   - Keys: any number of keys of any shape per record (a declaration has one
//     trace number per meat item; a trip is found by plaza and a time range),
//     pageable by query.CollectionPaginate (it has IterateRaw, which
//     indexes.Multi lacks) and ranged by a part of a composite key;
//   - OptionalUnique: a unique reference that a record may not have yet (a
//     declaration has a customs reference only once cleared);
//   - Pages: a read-only view of an indexes.Multi for query.CollectionPaginate.
//
// Each is an index of a collections.IndexedMap, so the map keeps it in step
// with its records: no handler writes an index, and no invariant re-checks one.
package index

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	corestore "cosmossdk.io/core/store"
)

// Keys is a collections.Index that keeps in a KeySet the keys keysOf gives
// each record. A record's keys usually end with its primary key, so that two
// records never share one.
type Keys[K, PK, V any] struct {
	keys   collections.KeySet[K]
	keysOf func(pk PK, v V) ([]K, error)
}

// NewKeys builds a Keys index under prefix.
func NewKeys[K, PK, V any](sb *collections.SchemaBuilder, prefix collections.Prefix, name string,
	kc collcodec.KeyCodec[K], keysOf func(pk PK, v V) ([]K, error),
) *Keys[K, PK, V] {
	return &Keys[K, PK, V]{
		keys:   collections.NewKeySet(sb, prefix, name, kc, collections.WithKeySetSecondaryIndex()),
		keysOf: keysOf,
	}
}

// NewPairs builds a Keys index of (reference key, primary key) pairs, the
// layout of indexes.Multi, with any number of reference keys per record.
func NewPairs[R, PK, V any](sb *collections.SchemaBuilder, prefix collections.Prefix, name string,
	refCodec collcodec.KeyCodec[R], pkCodec collcodec.KeyCodec[PK], refs func(pk PK, v V) ([]R, error),
) *Keys[collections.Pair[R, PK], PK, V] {
	return NewKeys(sb, prefix, name, collections.PairKeyCodec(refCodec, pkCodec),
		func(pk PK, v V) ([]collections.Pair[R, PK], error) {
			rs, err := refs(pk, v)
			if err != nil {
				return nil, err
			}
			out := make([]collections.Pair[R, PK], len(rs))
			for i, r := range rs {
				out[i] = collections.Join(r, pk)
			}
			return out, nil
		})
}

// One adapts a function giving each record exactly one key to NewKeys.
func One[K, PK, V any](keyOf func(pk PK, v V) K) func(pk PK, v V) ([]K, error) {
	return func(pk PK, v V) ([]K, error) { return []K{keyOf(pk, v)}, nil }
}

// Reference implements collections.Index: it replaces the old value's keys,
// if any, by the new value's.
func (i *Keys[K, PK, V]) Reference(ctx context.Context, pk PK, v V, lazyOldValue func() (V, error)) error {
	if err := dropOld(ctx, pk, lazyOldValue, i.unreference); err != nil {
		return err
	}
	keys, err := i.keysOf(pk, v)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := i.keys.Set(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// Unreference implements collections.Index: it removes the value's keys.
func (i *Keys[K, PK, V]) Unreference(ctx context.Context, pk PK, getValue func() (V, error)) error {
	v, err := getValue()
	if err != nil {
		return err
	}
	return i.unreference(ctx, pk, v)
}

func (i *Keys[K, PK, V]) unreference(ctx context.Context, pk PK, v V) error {
	keys, err := i.keysOf(pk, v)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := i.keys.Remove(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// Has reports whether the index holds key.
func (i *Keys[K, PK, V]) Has(ctx context.Context, key K) (bool, error) {
	return i.keys.Has(ctx, key)
}

// Iterate iterates the keys in rng.
func (i *Keys[K, PK, V]) Iterate(ctx context.Context, rng collections.Ranger[K]) (collections.KeySetIterator[K], error) {
	return i.keys.Iterate(ctx, rng)
}

// Walk calls fn for every key in rng, in order, until it returns true or an error.
func (i *Keys[K, PK, V]) Walk(ctx context.Context, rng collections.Ranger[K], fn func(key K) (stop bool, err error)) error {
	return i.keys.Walk(ctx, rng, fn)
}

// IterateRaw iterates the keys between raw bounds (query.CollectionPaginate).
func (i *Keys[K, PK, V]) IterateRaw(ctx context.Context, start, end []byte, order collections.Order) (collections.Iterator[K, collections.NoValue], error) {
	return i.keys.IterateRaw(ctx, start, end, order)
}

// KeyCodec is the codec of the index's keys (query.CollectionPaginate).
func (i *Keys[K, PK, V]) KeyCodec() collcodec.KeyCodec[K] {
	return i.keys.KeyCodec()
}

// dropOld removes the entries of the value a Set replaces, if there is one.
func dropOld[PK, V any](ctx context.Context, pk PK, lazyOldValue func() (V, error), unreference func(context.Context, PK, V) error) error {
	old, err := lazyOldValue()
	switch {
	case err == nil:
		return unreference(ctx, pk, old)
	case errors.Is(err, collections.ErrNotFound):
		return nil
	default:
		return err
	}
}

// OptionalUnique is an index from a reference key to the one record that has
// it; unlike indexes.Unique, a record may have no reference key (ref answers
// false). A second record with a reference key already taken is refused with
// collections.ErrConflict; handlers check first, to answer with the module's
// own error.
type OptionalUnique[R, PK, V any] struct {
	refs collections.Map[R, PK]
	ref  func(pk PK, v V) (R, bool)
}

// NewOptionalUnique builds an OptionalUnique index under prefix.
func NewOptionalUnique[R, PK, V any](sb *collections.SchemaBuilder, prefix collections.Prefix, name string,
	refCodec collcodec.KeyCodec[R], pkCodec collcodec.KeyCodec[PK], ref func(pk PK, v V) (R, bool),
) *OptionalUnique[R, PK, V] {
	return &OptionalUnique[R, PK, V]{
		refs: collections.NewMap(sb, prefix, name, refCodec, collcodec.KeyToValueCodec(pkCodec)),
		ref:  ref,
	}
}

// Reference implements collections.Index: it replaces the old value's entry by the new value's.
func (i *OptionalUnique[R, PK, V]) Reference(ctx context.Context, pk PK, v V, lazyOldValue func() (V, error)) error {
	if err := dropOld(ctx, pk, lazyOldValue, i.unreference); err != nil {
		return err
	}
	r, ok := i.ref(pk, v)
	if !ok {
		return nil
	}
	taken, err := i.refs.Has(ctx, r)
	if err != nil {
		return err
	}
	if taken {
		return fmt.Errorf("%w: reference key %s is taken", collections.ErrConflict, i.refs.KeyCodec().Stringify(r))
	}
	return i.refs.Set(ctx, r, pk)
}

// Unreference implements collections.Index.
func (i *OptionalUnique[R, PK, V]) Unreference(ctx context.Context, pk PK, getValue func() (V, error)) error {
	v, err := getValue()
	if err != nil {
		return err
	}
	return i.unreference(ctx, pk, v)
}

func (i *OptionalUnique[R, PK, V]) unreference(ctx context.Context, pk PK, v V) error {
	if r, ok := i.ref(pk, v); ok {
		return i.refs.Remove(ctx, r)
	}
	return nil
}

// MatchExact returns the primary key of the record with reference key r, or
// collections.ErrNotFound.
func (i *OptionalUnique[R, PK, V]) MatchExact(ctx context.Context, r R) (PK, error) {
	return i.refs.Get(ctx, r)
}

// Walk calls walkFunc on the index's entries in ranger, in key order.
func (i *OptionalUnique[R, PK, V]) Walk(ctx context.Context, ranger collections.Ranger[R], walkFunc func(r R, pk PK) (stop bool, err error)) error {
	return i.refs.Walk(ctx, ranger, walkFunc)
}

// Pages is a read-only KeySet over the entries of an indexes.Multi under
// prefix, for query.CollectionPaginate (which needs IterateRaw, which Multi
// lacks in collections v1.3.1). It reads the index's own prefix with its own
// key codec, so pages and next_keys are the index's. It is declared on a
// schema builder of its own that is never built, so the module's schema lists
// the prefix once and the index stays its only writer.
func Pages[R, PK any](storeService corestore.KVStoreService, prefix collections.Prefix,
	refCodec collcodec.KeyCodec[R], pkCodec collcodec.KeyCodec[PK],
) collections.KeySet[collections.Pair[R, PK]] {
	return collections.NewKeySet(collections.NewSchemaBuilder(storeService), prefix, "index_pages",
		collections.PairKeyCodec(refCodec, pkCodec))
}
