// Package e2e drives a real civicd: it builds the binary, makes a home from the
// repository's config.yml with testutil/localnet, starts `civicd start` on free
// 127.0.0.1 ports and acts as users do, through the CLI and the REST API.
//
// go test -v -count=1 ./tests/e2e   (make test-e2e); skipped with -short.
// CIVIC_E2E_BINARY=/path/to/civicd uses that binary instead of building one.
package e2e

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// civicd is the binary under test, built once by TestMain.
var civicd string

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run()) // the tests skip themselves
	}
	dir, err := os.MkdirTemp("", "civic-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		if civicd = os.Getenv("CIVIC_E2E_BINARY"); civicd == "" {
			civicd = filepath.Join(dir, "civicd")
			start := time.Now()
			cmd := exec.Command("go", "build", "-o", civicd, "github.com/civicchain/civic/cmd/civicd")
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
			if err := cmd.Run(); err != nil {
				fmt.Fprintln(os.Stderr, "e2e: building civicd:", err)
				return 1
			}
			fmt.Fprintf(os.Stderr, "e2e: built civicd in %s\n", time.Since(start).Round(time.Second))
		}
		return m.Run()
	}()
	os.Exit(code)
}
