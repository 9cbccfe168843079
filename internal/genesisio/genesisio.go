// Package genesisio moves a module's genesis state between its GenesisState
// and its collections. A module lists once, as a []Field, which collection
// holds which part of the state; InitGenesis writes the parts in that order
// and ExportGenesis reads them back, so import and export cannot drift apart.
// The Fields point into one GenesisState: the one being imported, or the
// empty one being exported into. Derived state (indexes, heads, counters) is
// not a Field of its own: a Records field's setter keeps it in step.
//
// The package also holds the checks every module's GenesisState.Validate
// repeats: CheckID (an id issued by a sequence, and not listed twice).
package genesisio

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"

	"github.com/civicchain/civic/internal/walk"
)

// Field is one part of a module's genesis state and the collection that
// holds it.
type Field struct {
	// Import writes the part of the GenesisState into the store.
	Import func(ctx context.Context) error
	// Export reads the part from the store into the GenesisState.
	Export func(ctx context.Context) error
}

// Store is a collection records are written to and walked from: a
// collections.Map or IndexedMap.
type Store[K, V any] interface {
	walk.Walker[K, V]
	Set(ctx context.Context, key K, value V) error
}

// ItemStore is a single stored value: a collections.Item (the params).
type ItemStore[V any] interface {
	Get(ctx context.Context) (V, error)
	Set(ctx context.Context, value V) error
}

// Item is a single value, such as the params.
func Item[V any](item ItemStore[V], v *V) Field {
	return Field{
		Import: func(ctx context.Context) error { return item.Set(ctx, *v) },
		Export: func(ctx context.Context) (err error) {
			*v, err = item.Get(ctx)
			return err
		},
	}
}

// NextID is an id sequence. The genesis holds the next id to issue, the
// sequence the last id issued (0 when none): next-1 is imported and
// last+1 exported.
func NextID(last collections.Sequence, next *uint64) Field {
	return Field{
		Import: func(ctx context.Context) error { return last.Set(ctx, *next-1) },
		Export: func(ctx context.Context) error {
			n, err := last.Peek(ctx)
			*next = n + 1
			return err
		},
	}
}

// Map is a list of records stored under a key each record holds (such as
// its id: key may be a gogoproto getter, (*types.Case).GetId). They are
// imported in list order and exported in key order.
func Map[K, V any](m Store[K, V], records *[]V, key func(*V) K) Field {
	return MapDecoded(m, records, func(v *V) (K, error) { return key(v), nil })
}

// MapDecoded is Map for records whose key is decoded from the record (an
// address turned into bytes) and may fail; the first such error stops the
// import.
func MapDecoded[K, V any](m Store[K, V], records *[]V, key func(*V) (K, error)) Field {
	return Records(m, records, func(ctx context.Context, v V) error {
		k, err := key(&v)
		if err != nil {
			return err
		}
		return m.Set(ctx, k, v)
	})
}

// Records is a list of records that set writes, one at a time in list
// order, together with the state derived from them (a latest version, a
// head, an unpaid set); they are exported from m in key order.
func Records[K, V any](m walk.Walker[K, V], records *[]V, set func(ctx context.Context, v V) error) Field {
	return Field{
		Import: func(ctx context.Context) error {
			for _, v := range *records {
				if err := set(ctx, v); err != nil {
					return err
				}
			}
			return nil
		},
		Export: func(ctx context.Context) (err error) {
			*records, err = walk.Values(ctx, m)
			return err
		},
	}
}

// Entries is a list of genesis entries E that the store holds as key and
// value, such as a grant stored as a (did, schema id) key without value:
// toStore splits an entry into its key and value, fromStore joins them
// back. Entries are exported in key order.
func Entries[K, V, E any](m Store[K, V], entries *[]E, toStore func(E) (K, V, error), fromStore func(K, V) (E, error)) Field {
	return Field{
		Import: func(ctx context.Context) error {
			for _, e := range *entries {
				k, v, err := toStore(e)
				if err != nil {
					return err
				}
				if err := m.Set(ctx, k, v); err != nil {
					return err
				}
			}
			return nil
		},
		Export: func(ctx context.Context) error {
			var out []E
			err := walk.Each(ctx, m, func(k K, v V) error {
				e, err := fromStore(k, v)
				out = append(out, e)
				return err
			})
			*entries = out
			return err
		},
	}
}

// Import writes every field in order and stops at the first error.
func Import(ctx context.Context, fields []Field) error {
	for _, f := range fields {
		if err := f.Import(ctx); err != nil {
			return err
		}
	}
	return nil
}

// State is a module's *GenesisState.
type State[G any] interface {
	*G
	// Validate checks the state without the chain's address codec.
	Validate() error
}

// addressed is a genesis state whose addresses are checked with the chain's codec.
type addressed interface {
	ValidateAddresses(address.Codec) error
}

// Validate checks a genesis state: its Validate, then, where the state has
// one, its ValidateAddresses with ac.
func Validate(gs interface{ Validate() error }, ac address.Codec) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if a, ok := gs.(addressed); ok {
		return a.ValidateAddresses(ac)
	}
	return nil
}

// InitGenesis validates gs (Validate) and writes the fields that fields
// lists for it.
func InitGenesis[G any, PG State[G]](ctx context.Context, gs PG, ac address.Codec, fields func(PG) []Field) error {
	if err := Validate(gs, ac); err != nil {
		return err
	}
	return Import(ctx, fields(gs))
}

// ExportGenesis reads every field that fields lists into a new state.
func ExportGenesis[G any, PG State[G]](ctx context.Context, fields func(PG) []Field) (PG, error) {
	gs := PG(new(G))
	for _, f := range fields(gs) {
		if err := f.Export(ctx); err != nil {
			return nil, err
		}
	}
	return gs, nil
}

// CheckID checks the id of a record of a genesis state: issued by a
// sequence whose next id is next (1 <= id < next) and not among the ids
// already seen. what names the record ("case"); the error says
// "case id 7 must be in 1..6" or "duplicate case id 7".
func CheckID[V any](what string, id, next uint64, seen map[uint64]V) error {
	if id == 0 || id >= next {
		return fmt.Errorf("%s id %d must be in 1..%d", what, id, next-1)
	}
	if _, dup := seen[id]; dup {
		return fmt.Errorf("duplicate %s id %d", what, id)
	}
	return nil
}
