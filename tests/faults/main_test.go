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

// long reports whether the long versions run (CIVIC_FAULTS_LONG=1).
func long() bool { return os.Getenv("CIVIC_FAULTS_LONG") == "1" }

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run()) // the tests skip themselves
	}
	dir, err := os.MkdirTemp("", "civic-faults-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		if civicd = os.Getenv("CIVIC_FAULTS_BINARY"); civicd == "" {
			civicd = filepath.Join(dir, "civicd")
			start := time.Now()
			cmd := exec.Command("go", "build", "-o", civicd, "github.com/civicchain/civic/cmd/civicd")
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
			if err := cmd.Run(); err != nil {
				fmt.Fprintln(os.Stderr, "faults: building civicd:", err)
				return 1
			}
			fmt.Fprintf(os.Stderr, "faults: built civicd in %s\n", time.Since(start).Round(time.Second))
		}
		return m.Run()
	}()
	os.Exit(code)
}
