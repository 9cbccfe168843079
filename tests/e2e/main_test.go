// Package e2e drives a real civicd: it builds the binary, makes a home from the
// repository's config.yml with internal/localnet, starts `civicd start` on free
// 127.0.0.1 ports and acts as users do, through the CLI and the REST API.
//
// go test -v -count=1 ./tests/e2e   (make test-e2e); skipped with -short.
// CIVIC_E2E_BINARY=/path/to/civicd uses that binary instead of building one.
package e2e

import (
	"os"
	"testing"

	testchain "github.com/civicchain/civic/testutil/chain"
)

// civicd is the binary under test, built once by TestMain.
var civicd string

func TestMain(m *testing.M) {
	os.Exit(testchain.TestMainWithBinary(m, "e2e", &civicd, "CIVIC_E2E_BINARY"))
}
