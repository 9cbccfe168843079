// Package grpcerr maps a query's failures to gRPC status codes the same way in
// every module: a malformed request is InvalidArgument, a missing record
// NotFound, anything else Internal. Get, Require, GetID and RequireID read a
// record (or check it exists) and answer with those codes.
package grpcerr

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// EmptyRequest answers a nil request.
func EmptyRequest() error {
	return status.Error(codes.InvalidArgument, "empty request")
}

// Unset answers a request whose required field is zero or empty.
func Unset(field string) error {
	return status.Error(codes.InvalidArgument, field+" must be set")
}

// Invalid answers a request a validator refused, keeping the validator's message.
func Invalid(err error) error {
	return status.Error(codes.InvalidArgument, err.Error())
}

// Internal answers a store or codec failure.
func Internal(err error) error {
	return status.Error(codes.Internal, err.Error())
}

// NotFound maps collections.ErrNotFound to codes.NotFound with the message
// "<what> not found" (what formatted from format and args), and any other
// error to codes.Internal.
func NotFound(err error, format string, args ...any) error {
	if errors.Is(err, collections.ErrNotFound) {
		return status.Errorf(codes.NotFound, format+" not found", args...)
	}
	return Internal(err)
}

// Getter reads one value by key: a collections.Map or IndexedMap.
type Getter[K, V any] interface {
	Get(ctx context.Context, key K) (V, error)
}

// Haser tells whether it holds a key: a collections.Map, IndexedMap or KeySet.
type Haser[K any] interface {
	Has(ctx context.Context, key K) (bool, error)
}

// Get reads key from m; a missing key answers NotFound "<what> not found"
// (what formatted from format and args), any other failure Internal.
func Get[K, V any](ctx context.Context, m Getter[K, V], key K, format string, args ...any) (V, error) {
	v, err := m.Get(ctx, key)
	if err != nil {
		return v, NotFound(err, format, args...)
	}
	return v, nil
}

// Require answers NotFound "<what> not found" (what formatted from format and
// args) unless m holds key, and Internal if m cannot tell.
func Require[K any](ctx context.Context, m Haser[K], key K, format string, args ...any) error {
	has, err := m.Has(ctx, key)
	if err != nil {
		return Internal(err)
	}
	if !has {
		return NotFound(collections.ErrNotFound, format, args...)
	}
	return nil
}

// GetID reads the record of a required id field of a request: 0 answers
// Unset(field), a missing record NotFound "<what> <id> not found".
func GetID[V any](ctx context.Context, m Getter[uint64, V], field string, id uint64, what string) (V, error) {
	if id == 0 {
		var zero V
		return zero, Unset(field)
	}
	return Get(ctx, m, id, "%s %d", what, id)
}

// RequireID checks a required id field of a request: 0 answers Unset(field),
// an id m does not hold NotFound "<what> <id> not found".
func RequireID(ctx context.Context, m Haser[uint64], field string, id uint64, what string) error {
	if id == 0 {
		return Unset(field)
	}
	return Require(ctx, m, id, "%s %d", what, id)
}

// Validate answers EmptyRequest for a nil request, and Invalid for the first
// of errs that is not nil: the results of the request's field validators,
// which read the fields through their getters so that a nil request is safe.
func Validate[T any](req *T, errs ...error) error {
	if req == nil {
		return EmptyRequest()
	}
	for _, err := range errs {
		if err != nil {
			return Invalid(err)
		}
	}
	return nil
}
