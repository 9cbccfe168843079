package cmd_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/client/flags"
	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/spf13/viper"

	"github.com/civicchain/civic/app"
	"github.com/civicchain/civic/cmd/civicd/cmd"
)

// runInit runs `civicd init` in-process into a fresh home and returns it.
func runInit(t *testing.T) string {
	t.Helper()
	home := filepath.Join(t.TempDir(), "home")
	root := cmd.NewRootCmd()
	root.SetArgs([]string{"init", "limits-test", "--chain-id", "civic-limits-1", "--default-denom", app.BondDenom, "--" + flags.FlagHome, home})
	root.SetOut(&strings.Builder{})
	root.SetErr(&strings.Builder{})
	// NewRootCmd binds flags through viper's global instance; keep tests independent.
	t.Cleanup(viper.Reset)
	if err := svrcmd.Execute(root, "CIVICD_INIT_TEST", home); err != nil {
		t.Fatalf("civicd init: %v", err)
	}
	return home
}

// tomlValue returns the value of a top-level `key = value` line of an app.toml.
func tomlValue(t *testing.T, doc, key string) string {
	t.Helper()
	for _, line := range strings.Split(doc, "\n") {
		k, v, ok := strings.Cut(line, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	t.Fatalf("app.toml has no %q", key)
	return ""
}

// TestInitWritesProtectiveLimits: a home made by `civicd init` has a non-zero
// minimum gas price, a query gas limit and a finite block gas limit.
func TestInitWritesProtectiveLimits(t *testing.T) {
	home := runInit(t)

	raw, err := os.ReadFile(filepath.Join(home, "config", "app.toml"))
	if err != nil {
		t.Fatal(err)
	}
	appToml := string(raw)
	if got := tomlValue(t, appToml, "minimum-gas-prices"); got != cmd.DefaultMinGasPrices {
		t.Errorf("minimum-gas-prices = %q, want %q", got, cmd.DefaultMinGasPrices)
	}
	if cmd.DefaultMinGasPrices == "" || strings.HasPrefix(cmd.DefaultMinGasPrices, "0"+app.BondDenom) {
		t.Errorf("default minimum-gas-prices %q must be a non-zero price", cmd.DefaultMinGasPrices)
	}
	if got := tomlValue(t, appToml, "query-gas-limit"); got != strconv.Itoa(cmd.DefaultQueryGasLimit) || cmd.DefaultQueryGasLimit == 0 {
		t.Errorf("query-gas-limit = %q, want %d", got, cmd.DefaultQueryGasLimit)
	}

	g, err := genutiltypes.AppGenesisFromFile(filepath.Join(home, "config", "genesis.json"))
	if err != nil {
		t.Fatal(err)
	}
	if g.Consensus == nil || g.Consensus.Params == nil {
		t.Fatal("genesis has no consensus params")
	}
	if got := g.Consensus.Params.Block.MaxGas; got != app.DefaultBlockMaxGas || got <= 0 {
		t.Errorf("block.max_gas = %d, want the finite %d", got, app.DefaultBlockMaxGas)
	}
	if err := g.ValidateAndComplete(); err != nil {
		t.Errorf("genesis from civicd init does not validate: %v", err)
	}
}
