package toll_test

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/cmd/civicd/cmd"
	"github.com/civicchain/civic/x/toll"
)

// TestTollCLICommandTree builds civicd's command tree and checks that "tx
// toll" and "query toll" hold the hand-written commands and every generated
// one, with the flags the optional fields become.
func TestTollCLICommandTree(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	root := cmd.NewRootCmd()
	find := func(path ...string) *cobra.Command {
		c, _, err := root.Find(path)
		require.NoError(t, err, strings.Join(path, " "))
		require.Equal(t, path[len(path)-1], c.Name(), strings.Join(path, " "))
		return c
	}
	opts := toll.AppModule{}.AutoCLIOptions()
	for _, o := range opts.Tx.RpcCommandOptions {
		c := find("tx", "toll", strings.Fields(o.Use)[0])
		require.NotNil(t, c.Flags().Lookup("from"), "%s takes --from", c.Name())
	}
	for _, o := range opts.Query.RpcCommandOptions {
		find("query", "toll", strings.Fields(o.Use)[0])
	}
	require.NotNil(t, find("tx", "toll", "submit-batch-file").Flags().Lookup("from"))
	find("query", "toll", "batch-proof")

	flagsOf := map[string][]string{
		"tx toll set-tariff":             {"rates", "discounts", "commuter-start-minute", "commuter-end-minute"},
		"tx toll record-trip":            {"payer", "discount-codes"},
		"tx toll submit-trip-batch":      {"totals"},
		"tx toll open-dispute":           {"evidence-digest"},
		"tx toll resolve-dispute":        {"refund", "reason"},
		"query toll tariff":              {"at"},
		"query toll quote-fare":          {"discount-codes", "exit-time"},
		"query toll plazas":              {"operator", "page-limit"},
		"query toll trips-by-plaza":      {"period-id", "page-key"},
		"query toll unpaid-trips":        {"payer"},
		"query toll disputes":            {"period-id"},
		"query toll tariff-versions":     {"page-limit", "page-reverse"},
		"query toll segments":            {"page-limit"},
		"query toll spending-limits":     {"page-limit"},
		"query toll trip-batches":        {"page-limit"},
		"query toll trips-by-period":     {"page-count-total"},
		"query toll operators":           {"page-offset"},
		"query toll periods":             {"page-reverse"},
		"tx toll update-params-proposal": {"deposit"},
	}
	for path, names := range flagsOf {
		c := find(strings.Fields(path)...)
		for _, name := range names {
			require.NotNil(t, c.Flags().Lookup(name), "%s --%s", path, name)
		}
	}
}
