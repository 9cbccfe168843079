package grpcerr_test

import (
	"errors"
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/civicchain/civic/internal/grpcerr"
)

func TestCodes(t *testing.T) {
	notFound := fmt.Errorf("get: %w", collections.ErrNotFound)
	cases := []struct {
		name string
		err  error
		code codes.Code
		msg  string
	}{
		{"empty request", grpcerr.EmptyRequest(), codes.InvalidArgument, "empty request"},
		{"unset field", grpcerr.Unset("case_id"), codes.InvalidArgument, "case_id must be set"},
		{"invalid", grpcerr.Invalid(errors.New("agency id \"X\" is not lower case")), codes.InvalidArgument, "agency id \"X\" is not lower case"},
		{"internal", grpcerr.Internal(errors.New("disk")), codes.Internal, "disk"},
		{"not found", grpcerr.NotFound(notFound, "case %d", 7), codes.NotFound, "case 7 not found"},
		{"not found, other error", grpcerr.NotFound(errors.New("corrupt"), "case %d", 7), codes.Internal, "corrupt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, ok := status.FromError(tc.err)
			if !ok || st.Code() != tc.code || st.Message() != tc.msg {
				t.Fatalf("got %v (status %v), want %v %q", tc.err, ok, tc.code, tc.msg)
			}
		})
	}
}
