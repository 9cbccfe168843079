package openapicheck_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/civicchain/civic/docs/openapi"
	"github.com/civicchain/civic/docs/openapi/openapicheck"
)

// mutate decodes civic's document, lets edit change it and encodes it again.
func mutate(t *testing.T, edit func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openapi.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc)
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// operations returns every operation object of doc, in no particular order.
func operations(doc map[string]any) []map[string]any {
	var ops []map[string]any
	for _, item := range doc["paths"].(map[string]any) {
		for _, op := range item.(map[string]any) {
			ops = append(ops, op.(map[string]any))
		}
	}
	return ops
}

// The validator must catch what the generator's merge step guards against,
// or the test of the committed document proves nothing.
func TestCheckRefusesBrokenDocuments(t *testing.T) {
	cases := []struct {
		name string
		edit func(doc map[string]any)
		want string
	}{
		{"duplicate operationId", func(doc map[string]any) {
			for _, op := range operations(doc) {
				op["operationId"] = "Query_Params"
			}
		}, `"Query_Params" is defined`},
		{"dangling $ref", func(doc map[string]any) {
			delete(doc["definitions"].(map[string]any), "civic.agency.v1.Agency")
		}, "civic.agency.v1.Agency"},
		{"unused definition", func(doc map[string]any) {
			doc["definitions"].(map[string]any)["civic.test.v1.Unused"] = map[string]any{"type": "object"}
		}, "civic.test.v1.Unused"},
		{"not Swagger 2.0", func(doc map[string]any) {
			doc["swagger"] = "3.0"
		}, "swagger"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := openapicheck.Validate(mutate(t, tc.edit))
			if err == nil {
				t.Fatal("broken document validated")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error does not mention %q:\n%v", tc.want, err)
			}
		})
	}
}
