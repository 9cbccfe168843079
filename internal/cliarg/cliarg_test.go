package cliarg_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/cosmos/cosmos-sdk/version"

	"github.com/civicchain/civic/internal/cliarg"
)

func TestArgs(t *testing.T) {
	a := cliarg.Args("case_id", "digest")
	if len(a) != 2 || a[0].ProtoField != "case_id" || a[1].ProtoField != "digest" || a[1].Varargs {
		t.Fatalf("Args = %v", a)
	}
	v := cliarg.Varargs("list_id", "changes")
	if len(v) != 2 || v[0].Varargs || !v[1].Varargs {
		t.Fatalf("Varargs = %v; want only the last variadic", v)
	}
	if len(cliarg.Varargs()) != 0 {
		t.Fatal("Varargs() must be empty")
	}
}

func TestExampleAndDigest(t *testing.T) {
	if got, want := cliarg.Example("query toll plaza %s", "p1"), version.AppName+" query toll plaza p1"; got != want {
		t.Fatalf("Example = %q, want %q", got, want)
	}
	sum := sha256.Sum256([]byte("test"))
	if cliarg.SampleDigest != hex.EncodeToString(sum[:]) {
		t.Fatal("SampleDigest must be the SHA-256 of \"test\"")
	}
}
