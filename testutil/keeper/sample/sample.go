// Package sample holds the fixed inputs the stateless tests of every module share (fuzz
// seed corpora, genesis validation tables): civic's address codec, a reference time, named
// addresses and digests, and the check that an error is one of a module's own. It imports
// no civic module, so that a module's internal (package keeper) tests may use it.
package sample

import (
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// Codec is civic's bech32 account address codec (civic1...).
var Codec = addresscodec.NewBech32Codec("civic")

// Now is the reference time of the stateless tests, 2026-01-01 00:00 UTC.
var Now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Addr is the civic address of the 20 bytes that start with name (zero padded, cut at 20).
func Addr(name string) string {
	b := make([]byte, 20)
	copy(b, name)
	s, err := Codec.BytesToString(b)
	if err != nil {
		panic(err)
	}
	return s
}

// HexDigest is c repeated 64 times: a hex digest when c is one lowercase hex digit.
func HexDigest(c string) string { return strings.Repeat(c, 64) }

// RequireModuleError fails t unless err is one of the errors registered in codespace
// (code 2 or more) or the SDK's invalid-address error: stateless validation never returns
// an internal error.
func RequireModuleError(t testing.TB, codespace string, err error) {
	t.Helper()
	gotSpace, code, _ := errorsmod.ABCIInfo(err, false)
	if gotSpace == codespace && code >= 2 {
		return
	}
	if errorsmod.IsOf(err, sdkerrors.ErrInvalidAddress) {
		return
	}
	t.Fatalf("unexpected error kind %s/%d: %v", gotSpace, code, err)
}
