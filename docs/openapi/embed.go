// Package openapi embeds civic's OpenAPI document, generated from the protos
// by scripts/protocgen.sh (make proto-gen) and served by the node.
package openapi

import _ "embed"

// JSON is the OpenAPI v2 document of civic's REST routes.
//
//go:embed openapi.json
var JSON []byte
