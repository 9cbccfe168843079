// Package grpcerr maps a query's failures to gRPC status codes the same way in
// every module: a malformed request is InvalidArgument, a missing record
// NotFound, anything else Internal.
package grpcerr

import (
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
