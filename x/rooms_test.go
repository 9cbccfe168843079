package x_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rooms are the files every module under x/ has (docs/module-conventions.md,
// "Rooms"), relative to the module's folder.
var rooms = []string{
	"README.md",
	"module.go",
	"module_simulation.go",
	"autocli.go",
	"keeper/keeper.go",
	"keeper/genesis.go",
	"keeper/invariants.go",
	"keeper/msg_server.go",
	"keeper/query_server.go",
	"keeper/validate.go",
	"keeper/fuzz_test.go",
	"keeper/genesis_test.go",
	"keeper/invariants_test.go",
	"types/codec.go",
	"types/errors.go",
	"types/expected_keepers.go",
	"types/genesis.go",
	"types/keys.go",
	"types/params.go",
	"types/roles.go",
	"simulation/genesis.go",
	"simulation/msg_factory.go",
	"simulation/proposals.go",
	"simulation/simulation_test.go",
}

// callsNoModule are the modules that call no other module's keeper, and so
// have no types/expected_keepers.go.
var callsNoModule = []string{"agency"}

// withClient are the modules with a client/ room: hand-written CLI commands or
// handlers that autocli cannot generate. Their README says what it holds.
var withClient = []string{"did", "toll", "voucher", "water"}

// knownModules must all be found, so that the test cannot pass by finding none.
var knownModules = []string{"agency", "did", "evidence", "haccp", "toll"}

// TestModulesHaveTheSameRooms: every module under x/ has every room of the
// target layout, a client/ folder only where the module needs hand-written
// client code (and its README mentions it), and the failure names every
// missing room of every module at once.
func TestModulesHaveTheSameRooms(t *testing.T) {
	modules := moduleDirs(t)
	for _, m := range knownModules {
		if !slices.Contains(modules, m) {
			t.Errorf("x/%s is missing", m)
		}
	}
	for _, m := range modules {
		var missing []string
		for _, room := range rooms {
			if room == "types/expected_keepers.go" && slices.Contains(callsNoModule, m) {
				continue
			}
			if !exists(filepath.Join(m, filepath.FromSlash(room))) {
				missing = append(missing, room)
			}
		}
		hasClient := isDir(filepath.Join(m, "client"))
		switch wantClient := slices.Contains(withClient, m); {
		case wantClient && !hasClient:
			missing = append(missing, "client/")
		case !wantClient && hasClient:
			t.Errorf("x/%s has a client/ folder: only %v need hand-written client code (or add the module to withClient and say why in its README)", m, withClient)
		}
		if hasClient {
			readme, err := os.ReadFile(filepath.Join(m, "README.md"))
			if err == nil && !strings.Contains(string(readme), "client/") {
				t.Errorf("x/%s/README.md does not mention its client/ room: say what it holds and why autocli is not enough", m)
			}
		}
		if slices.Contains(callsNoModule, m) && exists(filepath.Join(m, "types", "expected_keepers.go")) {
			t.Errorf("x/%s has types/expected_keepers.go but is listed as calling no other module: remove it from callsNoModule", m)
		}
		if len(missing) > 0 {
			t.Errorf("x/%s lacks %d room(s): %s", m, len(missing), strings.Join(missing, ", "))
		}
	}
}

// moduleDirs returns the folders of x/ (this package's folder), which are the
// modules.
func moduleDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs
}

func exists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
