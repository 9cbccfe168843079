package app

import "encoding/json"

// GenesisState is the app state of the genesis file: one raw JSON document per
// module, keyed by module name. Module defaults use ucivic because SetConfig
// sets sdk.DefaultBondDenom before any default is built.
type GenesisState map[string]json.RawMessage
