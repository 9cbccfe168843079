package storm

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/civicchain/civic/internal/pagination"
)

// testListQueriesClamp asks every civic list query over REST for 10^9 items
// and checks that no answer holds more than pagination.MaxLimit. knpaCases is
// the number of cases knpa opened, so the cases list must be clamped exactly.
func testListQueriesClamp(t *testing.T, c *chain, knpaCases int) {
	inv := c.Net.Addresses["knpa-investigator"]
	endpoints := []struct {
		path, list string
		atLeast    int // items that exist: the answer holds min(atLeast, MaxLimit) or more
	}{
		{"/civic/agency/v1/agencies", "agencies", 3},
		{"/civic/agency/v1/agencies/knpa/members", "members", 2},
		{"/civic/agency/v1/roles", "roles", 5},
		{"/civic/evidence/v1/agencies/knpa/cases", "cases", knpaCases},
		{"/civic/evidence/v1/cases/1/evidence", "evidence", 1},
		{"/civic/evidence/v1/digests/" + digest("exhibit 1") + "/evidence", "evidence", 1},
		{"/civic/evidence/v1/evidence/1/custody", "events", 1},
		{"/civic/evidence/v1/receivers/" + inv + "/transfers", "transfers", 0},
	}
	if knpaCases <= int(pagination.MaxLimit) {
		t.Fatalf("only %d knpa cases: the clamp needs more than %d", knpaCases, pagination.MaxLimit)
	}
	const huge = 1_000_000_000
	for _, e := range endpoints {
		t.Run(e.path, func(t *testing.T) {
			var doc map[string]json.RawMessage
			if _, err := c.restGet(fmt.Sprintf("%s?pagination.limit=%d&pagination.count_total=true", e.path, huge), &doc); err != nil {
				t.Fatal(err)
			}
			var items []json.RawMessage
			if raw, ok := doc[e.list]; ok {
				if err := json.Unmarshal(raw, &items); err != nil {
					t.Fatalf("%s: %v", e.list, err)
				}
			} else if e.atLeast > 0 {
				t.Fatalf("answer has no %q list: %v", e.list, keys(doc))
			}
			var page struct {
				NextKey []byte `json:"next_key"`
				Total   string `json:"total"`
			}
			if err := json.Unmarshal(doc["pagination"], &page); err != nil {
				t.Fatalf("pagination: %v", err)
			}
			want := min(e.atLeast, int(pagination.MaxLimit))
			if len(items) > int(pagination.MaxLimit) || len(items) < want {
				t.Fatalf("limit %d: %d items, want %d..%d", huge, len(items), want, pagination.MaxLimit)
			}
			total, _ := strconv.Atoi(page.Total)
			if total > int(pagination.MaxLimit) && (len(items) != int(pagination.MaxLimit) || len(page.NextKey) == 0) {
				t.Fatalf("%d in total: got %d items and next_key %x, want exactly %d and a next key", total, len(items), page.NextKey, pagination.MaxLimit)
			}
			t.Logf("%d items of %s", len(items), page.Total)
		})
	}
}

func keys(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// testQueryGasLimit restarts the node with a small app.toml query-gas-limit and
// checks that a query costing more is refused (out of gas) while a cheap one is
// served. civicd init writes 3,000,000 (cmd/civicd/cmd DefaultQueryGasLimit;
// checked by TestInitWritesProtectiveLimits); the storm state (over 500 cases)
// is too small to exceed that, so the limit is lowered here to show that it is
// enforced on REST/gRPC queries.
func testQueryGasLimit(t *testing.T, c *chain) {
	const limit = 100_000
	if err := c.Node.Stop(20 * time.Second); err != nil {
		t.Fatal(err)
	}
	appToml := filepath.Join(c.Net.Home, "config", "app.toml")
	raw, err := os.ReadFile(appToml)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^query-gas-limit = .*$`)
	if !re.Match(raw) {
		t.Fatalf("%s has no query-gas-limit", appToml)
	}
	raw = re.ReplaceAll(raw, []byte(fmt.Sprintf("query-gas-limit = \"%d\"", limit)))
	if err := os.WriteFile(appToml, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	node, err := c.Net.Start(filepath.Join(filepath.Dir(c.Node.LogPath), "civicd-restart.log"))
	if err != nil {
		t.Fatal(err)
	}
	c.Node = node
	h, err := c.Net.LatestHeight(c.Ctx)
	for err != nil && !node.Exited() { // RPC not up yet
		time.Sleep(200 * time.Millisecond)
		h, err = c.Net.LatestHeight(c.Ctx)
	}
	ctx, cancel := context.WithTimeout(c.Ctx, 60*time.Second)
	defer cancel()
	if err := node.WaitForHeight(ctx, h+1); err != nil {
		t.Fatal(err)
	}
	var api struct{}
	for try := 0; ; try++ { // the REST server starts a little after the RPC
		if _, err := c.restGet("/cosmos/base/tendermint/v1beta1/node_info", &api); err == nil {
			break
		} else if try > 50 {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}

	var small map[string]json.RawMessage
	if _, err := c.restGet("/civic/evidence/v1/agencies/knpa/cases?pagination.limit=5", &small); err != nil {
		t.Fatalf("a cheap query under query-gas-limit %d: %v", limit, err)
	}
	code, err := c.restGet(fmt.Sprintf("/civic/evidence/v1/agencies/knpa/cases?pagination.limit=%d", pagination.MaxLimit), &small)
	if err == nil || code == http.StatusOK || !regexp.MustCompile(`out of gas`).MatchString(err.Error()) {
		t.Fatalf("a %d-case page under query-gas-limit %d: HTTP %d %v; want refused with out of gas", pagination.MaxLimit, limit, code, err)
	}
	t.Logf("refused as expected: HTTP %d %.200s", code, err)
}
