// Package pagination holds the page-size rules every civic list query keeps.
package pagination

import "github.com/cosmos/cosmos-sdk/types/query"

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
