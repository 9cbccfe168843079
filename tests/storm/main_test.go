// Package storm drives one real civicd with a storm of malformed transactions
// under a steady valid load, and checks the protective limits of a running node
// (list-query clamp, block gas limit).
//
//	go test -count=1 ./tests/storm                        (≥ 500 bad txs, about a minute)
//	CIVIC_STORM_LONG=1 go test -count=1 ./tests/storm     (10,000 bad txs: make test-storm)
//
// Skipped with -short. CIVIC_STORM_BINARY (or CIVIC_E2E_BINARY) = a civicd to
// use instead of building one.
package storm

import (
	"os"
	"testing"

	testchain "github.com/civicchain/civic/testutil/chain"
)

// civicd is the binary under test, built once by TestMain.
var civicd string

func TestMain(m *testing.M) {
	os.Exit(testchain.TestMainWithBinary(m, "storm", &civicd, "CIVIC_STORM_BINARY", "CIVIC_E2E_BINARY"))
}
