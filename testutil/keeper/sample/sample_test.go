package sample_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	errorsmod "cosmossdk.io/errors"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/civicchain/civic/testutil/keeper/sample"
)

func TestAddr(t *testing.T) {
	a := sample.Addr("op1")
	bz, err := sample.Codec.StringToBytes(a)
	require.NoError(t, err)
	require.Equal(t, append([]byte("op1"), make([]byte, 17)...), bz)
	require.Equal(t, a, sample.Addr("op1"), "deterministic")
	require.NotEqual(t, a, sample.Addr("op2"))
	require.Len(t, mustBytes(t, sample.Addr("a name longer than twenty bytes")), 20)
}

func mustBytes(t *testing.T, a string) []byte {
	t.Helper()
	bz, err := sample.Codec.StringToBytes(a)
	require.NoError(t, err)
	return bz
}

func TestHexDigest(t *testing.T) {
	require.Equal(t, strings.Repeat("a", 64), sample.HexDigest("a"))
}

// fakeT records a Fatalf instead of stopping the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }

func TestRequireModuleError(t *testing.T) {
	errOwn := errorsmod.Register("sampletest", 2, "own")
	errInternal := errorsmod.Register("sampletest", 1, "internal")
	errOther := errorsmod.Register("othertest", 2, "other")
	for _, tc := range []struct {
		name string
		err  error
		ok   bool
	}{
		{"own error", errorsmod.Wrap(errOwn, "x"), true},
		{"invalid address", errorsmod.Wrap(sdkerrors.ErrInvalidAddress, "x"), true},
		{"own code 1", errInternal, false},
		{"other module", errOther, false},
		{"plain error", errors.New("boom"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ft := &fakeT{TB: t}
			sample.RequireModuleError(ft, "sampletest", tc.err)
			require.Equal(t, !tc.ok, ft.failed)
		})
	}
}
