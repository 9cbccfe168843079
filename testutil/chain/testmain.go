package chain

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestMainWithBinary is the TestMain of a test package that drives a real
// civicd. Unless -short is set (the tests then skip themselves) it sets
// *binary to the first of envVars and CIVIC_TEST_BINARY (set by make test to
// the build/civicd it has just built, so that the packages do not each link
// their own) that names a binary, or else builds civicd once into a temporary
// folder that is removed afterwards. It returns the
// exit code for os.Exit. The template homes Start copies are removed when the
// tests end.
func TestMainWithBinary(m *testing.M, pkg string, binary *string, envVars ...string) int {
	flag.Parse()
	if testing.Short() {
		return m.Run()
	}
	defer removeTemplates()
	for _, env := range append(envVars, "CIVIC_TEST_BINARY") {
		if *binary = os.Getenv(env); *binary != "" {
			return m.Run()
		}
	}
	dir, err := os.MkdirTemp("", "civic-"+pkg+"-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	*binary = filepath.Join(dir, "civicd")
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", *binary, "github.com/civicchain/civic/cmd/civicd")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "%s: building civicd: %v\n", pkg, err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "%s: built civicd in %s\n", pkg, time.Since(start).Round(time.Second))
	return m.Run()
}
