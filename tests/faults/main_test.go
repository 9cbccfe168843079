// Package faults drives real civicd processes through crashes and halts: a
// four-validator network on 127.0.0.1 (testutil/localnet InitMulti) under a
// steady load of signed transactions (bank sends and x/evidence messages,
// signed in-process and broadcast over CometBFT RPC), and an export → import
// round trip.
//
//	go test -count=1 ./tests/faults                       short versions (make test)
//	CIVIC_FAULTS_LONG=1 go test -v -count=1 ./tests/faults  long versions (make test-faults)
//
// Skipped with -short. CIVIC_FAULTS_BINARY=/path/to/civicd uses that binary
// instead of building one.
package faults

import (
	"os"
	"testing"

	"github.com/civicchain/civic/testutil/localnet"
)

// civicd is the binary under test, built once by TestMain.
var civicd string

// long reports whether the long versions run (CIVIC_FAULTS_LONG=1).
func long() bool { return os.Getenv("CIVIC_FAULTS_LONG") == "1" }

func TestMain(m *testing.M) {
	os.Exit(localnet.TestMainWithBinary(m, "faults", &civicd, "CIVIC_FAULTS_BINARY"))
}
