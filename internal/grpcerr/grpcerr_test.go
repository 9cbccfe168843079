package grpcerr_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"

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

func storeCtx(t *testing.T) (context.Context, collections.Map[uint64, string]) {
	t.Helper()
	key := storetypes.NewKVStoreKey("grpcerr")
	ctx := testutil.DefaultContext(key, storetypes.NewTransientStoreKey("grpcerr_t"))
	m := collections.NewMap(collections.NewSchemaBuilder(runtime.NewKVStoreService(key)), collections.NewPrefix(1), "m",
		collections.Uint64Key, collections.StringValue)
	if err := m.Set(ctx, 7, "seven"); err != nil {
		t.Fatal(err)
	}
	return ctx, m
}

// failing is a store that cannot read.
type failing struct{}

func (failing) Get(context.Context, uint64) (string, error) { return "", errors.New("disk") }
func (failing) Has(context.Context, uint64) (bool, error)   { return false, errors.New("disk") }

func requireStatus(t *testing.T, err error, code codes.Code, msg string) {
	t.Helper()
	st, ok := status.FromError(err)
	if !ok || st.Code() != code || st.Message() != msg {
		t.Fatalf("got %v (status %v), want %v %q", err, ok, code, msg)
	}
}

func TestGetAndRequire(t *testing.T) {
	ctx, m := storeCtx(t)

	v, err := grpcerr.GetID(ctx, m, "case_id", 7, "case")
	if err != nil || v != "seven" {
		t.Fatalf("GetID(7) = %q, %v; want seven", v, err)
	}
	_, err = grpcerr.GetID(ctx, m, "case_id", 0, "case")
	requireStatus(t, err, codes.InvalidArgument, "case_id must be set")
	_, err = grpcerr.GetID(ctx, m, "case_id", 8, "case")
	requireStatus(t, err, codes.NotFound, "case 8 not found")
	_, err = grpcerr.GetID[string](ctx, failing{}, "case_id", 7, "case")
	requireStatus(t, err, codes.Internal, "disk")

	v, err = grpcerr.Get(ctx, m, 7, "case %q", "x")
	if err != nil || v != "seven" {
		t.Fatalf("Get(7) = %q, %v; want seven", v, err)
	}
	_, err = grpcerr.Get(ctx, m, 9, "case %q", "x")
	requireStatus(t, err, codes.NotFound, `case "x" not found`)

	if err := grpcerr.RequireID(ctx, m, "case_id", 7, "case"); err != nil {
		t.Fatalf("RequireID(7) = %v; want nil", err)
	}
	requireStatus(t, grpcerr.RequireID(ctx, m, "case_id", 0, "case"), codes.InvalidArgument, "case_id must be set")
	requireStatus(t, grpcerr.RequireID(ctx, m, "case_id", 8, "case"), codes.NotFound, "case 8 not found")
	requireStatus(t, grpcerr.RequireID(ctx, failing{}, "case_id", 8, "case"), codes.Internal, "disk")
	if err := grpcerr.Require(ctx, m, 7, "case %d", 7); err != nil {
		t.Fatalf("Require(7) = %v; want nil", err)
	}
	requireStatus(t, grpcerr.Require(ctx, m, 9, "DID %s", "did:x"), codes.NotFound, "DID did:x not found")
}

func TestValidate(t *testing.T) {
	type request struct{}
	requireStatus(t, grpcerr.Validate[request](nil, errors.New("ignored")), codes.InvalidArgument, "empty request")
	if err := grpcerr.Validate(&request{}, nil, nil); err != nil {
		t.Fatalf("Validate with no validation error = %v; want nil", err)
	}
	requireStatus(t, grpcerr.Validate(&request{}, nil, errors.New("first"), errors.New("second")), codes.InvalidArgument, "first")
}
