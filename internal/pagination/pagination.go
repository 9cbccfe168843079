// Package pagination holds the page-size rules every civic list query keeps,
// and pages through a map or an index with them: Values and PrefixValues list
// the values of a map, Lookup and IndexValues the records an index lists.
// Each returns query.CollectionPaginate's plain errors (the query server
// answers them with internal/grpcerr) and its next_key bytes.
package pagination

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"
)

const (
	// DefaultLimit is the page size used when a request sets none.
	DefaultLimit uint64 = 100
	// MaxLimit is the largest page a civic list query returns.
	MaxLimit uint64 = 500
)

// Clamp returns a copy of req whose limit is between 1 and MaxLimit
// (DefaultLimit when unset). The SDK does not clamp; every list query must.
func Clamp(req *query.PageRequest) *query.PageRequest {
	if req == nil {
		return &query.PageRequest{Limit: DefaultLimit}
	}
	out := *req
	switch {
	case out.Limit == 0:
		out.Limit = DefaultLimit
	case out.Limit > MaxLimit:
		out.Limit = MaxLimit
	}
	return &out
}

// Getter reads one record by primary key: a collections.Map or IndexedMap.
type Getter[K, V any] interface {
	Get(ctx context.Context, key K) (V, error)
}

// Values returns a clamped page of the values of m (a collections.Map or
// IndexedMap) in key order.
func Values[K, V any](ctx context.Context, m query.Collection[K, V], req *query.PageRequest, opts ...func(*query.CollectionsPaginateOptions[K])) ([]V, *query.PageResponse, error) {
	return query.CollectionPaginate(ctx, m, Clamp(req),
		func(_ K, v V) (V, error) { return v, nil }, opts...)
}

// PrefixValues returns a clamped page of the values of m whose pair key
// starts with prefix, in key order.
func PrefixValues[K1, K2, V any](ctx context.Context, m query.Collection[collections.Pair[K1, K2], V], prefix K1, req *query.PageRequest) ([]V, *query.PageResponse, error) {
	return Values(ctx, m, req, query.WithCollectionPaginationPairPrefix[K1, K2](prefix))
}

// Lookup returns a clamped page of the records of m that the index idx (a
// KeySet, an index.Keys or an index.Pages view) lists, in index order; pk
// gives an index key's primary key in m.
func Lookup[K, PK, V any](ctx context.Context, idx query.Collection[K, collections.NoValue], m Getter[PK, V], pk func(K) PK,
	req *query.PageRequest, opts ...func(*query.CollectionsPaginateOptions[K]),
) ([]V, *query.PageResponse, error) {
	return query.CollectionPaginate(ctx, idx, Clamp(req),
		func(key K, _ collections.NoValue) (V, error) { return m.Get(ctx, pk(key)) }, opts...)
}

// IndexValues returns a clamped page of the records of m that an index of
// (reference, primary key) pairs lists under ref, in primary-key order.
func IndexValues[R, PK, V any](ctx context.Context, idx query.Collection[collections.Pair[R, PK], collections.NoValue], ref R,
	m Getter[PK, V], req *query.PageRequest,
) ([]V, *query.PageResponse, error) {
	return Lookup(ctx, idx, m, collections.Pair[R, PK].K2, req, query.WithCollectionPaginationPairPrefix[R, PK](ref))
}
