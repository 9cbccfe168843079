package openapi_test

import (
	"testing"

	"github.com/civicchain/civic/docs/openapi"
	"github.com/civicchain/civic/docs/openapi/openapicheck"
)

func TestCommittedDocumentIsValidSwagger2(t *testing.T) {
	if err := openapicheck.Validate(openapi.JSON); err != nil {
		t.Fatalf("docs/openapi/openapi.json is not a valid Swagger 2.0 document (regenerate with make proto-gen):\n%v", err)
	}
}
