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
	dir, err := os.MkdirTemp("", "civic-storm-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		civicd = os.Getenv("CIVIC_STORM_BINARY")
		if civicd == "" {
			civicd = os.Getenv("CIVIC_E2E_BINARY")
		}
		if civicd == "" {
			civicd = filepath.Join(dir, "civicd")
			start := time.Now()
			cmd := exec.Command("go", "build", "-o", civicd, "github.com/civicchain/civic/cmd/civicd")
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
			if err := cmd.Run(); err != nil {
				fmt.Fprintln(os.Stderr, "storm: building civicd:", err)
				return 1
			}
			fmt.Fprintf(os.Stderr, "storm: built civicd in %s\n", time.Since(start).Round(time.Second))
		}
		return m.Run()
	}()
	os.Exit(code)
}
