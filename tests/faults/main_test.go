// Package faults drives real civicd processes through crashes and halts: a
// four-validator network on 127.0.0.1 (internal/localnet InitMulti) under a
// steady load of signed transactions (bank sends and x/evidence messages,
// signed in-process and broadcast over CometBFT RPC), and an export → import
// round trip.
//
// The load tracks every transaction it broadcasts until it is accounted: once
// the load stops and every node's mempool is empty, each transaction CheckTx
// accepted (or may have: a broadcast without an answer) is found committed,
// with its code, in every node's blocks, or proven absent from all of them
// (accounting_test.go). State read over REST is read at an explicit height
// (x-cosmos-block-height), the height the export was taken from.
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

	testchain "github.com/civicchain/civic/testutil/chain"
)

// civicd is the binary under test, built once by TestMain.
var civicd string

// long reports whether the long versions run (CIVIC_FAULTS_LONG=1).
func long() bool { return os.Getenv("CIVIC_FAULTS_LONG") == "1" }

func TestMain(m *testing.M) {
	os.Exit(testchain.TestMainWithBinary(m, "faults", &civicd, "CIVIC_FAULTS_BINARY"))
}
