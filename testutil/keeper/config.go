// Package keeper holds keeper fixtures for module tests: real keepers on in-memory stores.
package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Bech32Prefix is civic's account prefix (civic1...), as in app/config.go. It is repeated
// here so that module tests need not import the app.
const Bech32Prefix = "civic"

func init() {
	SetBech32Config()
}

// SetBech32Config sets civic's bech32 prefixes in the SDK's global config, so that
// sdk.AccAddress.String and sdk.AccAddressFromBech32 use civic1... in tests. It is
// idempotent and a no-op once the prefixes are set (a sealed config is left alone).
func SetBech32Config() {
	cfg := sdk.GetConfig()
	if cfg.GetBech32AccountAddrPrefix() == Bech32Prefix {
		return
	}
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32Prefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForValidator(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator,
		Bech32Prefix+sdk.PrefixValidator+sdk.PrefixOperator+sdk.PrefixPublic)
	cfg.SetBech32PrefixForConsensusNode(Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus,
		Bech32Prefix+sdk.PrefixValidator+sdk.PrefixConsensus+sdk.PrefixPublic)
}
