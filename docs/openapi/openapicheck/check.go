// Package openapicheck validates an OpenAPI (Swagger) 2.0 document with
// go-openapi's spec validator: the JSON schema of Swagger 2.0 plus its
// semantic rules (unique operationIds, path parameters declared and required,
// resolvable $refs, ...). It is for tests and tools; the node does not import it.
package openapicheck

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-openapi/loads"
	"github.com/go-openapi/strfmt"
	"github.com/go-openapi/validate"
)

// Result is what the validator found: errors make a document invalid,
// warnings are advice (for example an unused definition).
type Result struct {
	Errors   []error
	Warnings []error
}

// Check validates raw as a Swagger 2.0 document. It returns an error only
// when raw cannot be read as one at all.
func Check(raw []byte) (Result, error) {
	doc, err := loads.Analyzed(json.RawMessage(raw), "2.0")
	if err != nil {
		return Result{}, fmt.Errorf("not a Swagger 2.0 document: %w", err)
	}
	// The validator re-reads the document with its own version and panics
	// on any other than 2.0, so refuse those here.
	if v := doc.Version(); v != "2.0" {
		return Result{}, fmt.Errorf("not a Swagger 2.0 document: swagger is %q", v)
	}
	res, _ := validate.NewSpecValidator(doc.Schema(), strfmt.Default).Validate(doc)
	if res == nil {
		return Result{}, nil
	}
	return Result{Errors: res.Errors, Warnings: res.Warnings}, nil
}

// Validate returns nil when raw is a valid Swagger 2.0 document without
// warnings, and otherwise one error listing every error and warning.
func Validate(raw []byte) error {
	res, err := Check(raw)
	if err != nil {
		return err
	}
	var all []error
	for _, e := range res.Errors {
		all = append(all, fmt.Errorf("error: %w", e))
	}
	for _, w := range res.Warnings {
		all = append(all, fmt.Errorf("warning: %w", w))
	}
	return errors.Join(all...)
}
