package keeper

import (
	"bytes"
	"context"
	"errors"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
)

// keyIterator is what ranged iterators of maps and indexes have in common.
type keyIterator[K any] interface {
	Valid() bool
	Next()
	Key() (K, error)
	Close() error
}

// ranged is a map or an index that iterates a range of its keys.
type ranged[K any, I keyIterator[K]] interface {
	Iterate(ctx context.Context, rng collections.Ranger[K]) (I, error)
	KeyCodec() collcodec.KeyCodec[K]
}

// pageRange pages through the keys of m from start (inclusive) to end
// (exclusive), which may be partial keys (prefixes): a page starts at the
// request's next_key, which must lie in the range, and holds at most the
// clamped limit; next_key is the encoded key of the first one left out.
// The range is not a prefix, which query.CollectionPaginate needs, so it is
// paged here; offsets and reverse order are refused (next_key pages).
func pageRange[K any, I keyIterator[K]](ctx context.Context, m ranged[K, I], req *query.PageRequest, start, end K, visit func(K) error) (*query.PageResponse, error) {
	req = pagination.Clamp(req)
	if req.Offset != 0 || req.Reverse {
		return nil, grpcerr.Invalid(errors.New("this list pages by next_key only: offset and reverse are not supported"))
	}
	kc := m.KeyCodec()
	from := start
	if len(req.Key) > 0 {
		n, key, err := kc.Decode(req.Key)
		if err != nil || n != len(req.Key) {
			return nil, grpcerr.Invalid(errors.New("pagination key is not a key of this list"))
		}
		lo, err := encodeKey(kc, start)
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		hi, err := encodeKey(kc, end)
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		if bytes.Compare(req.Key, lo) < 0 || bytes.Compare(req.Key, hi) >= 0 {
			return nil, grpcerr.Invalid(errors.New("pagination key lies outside the requested range"))
		}
		from = key
	}
	it, err := m.Iterate(ctx, new(collections.Range[K]).StartInclusive(from).EndExclusive(end))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	defer it.Close()
	page := &query.PageResponse{}
	var count uint64
	for ; it.Valid(); it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		if count == req.Limit {
			if page.NextKey, err = encodeKey(kc, key); err != nil {
				return nil, grpcerr.Internal(err)
			}
			break
		}
		if err := visit(key); err != nil {
			return nil, grpcerr.Internal(err)
		}
		count++
	}
	return page, nil
}

// encodeKey is the store encoding of a (possibly partial) key.
func encodeKey[K any](kc collcodec.KeyCodec[K], key K) ([]byte, error) {
	buf := make([]byte, kc.Size(key))
	n, err := kc.Encode(buf, key)
	return buf[:n], err
}
