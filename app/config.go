package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// Name is the application name, used by BaseApp and in the node's version output.
	Name = "civic"
	// Bech32Prefix is the account address prefix (civic1...).
	Bech32Prefix = "civic"
	// BondDenom is the staking, fee and governance-deposit denom.
	BondDenom = "ucivic"
	// DisplayDenom is the human unit: 1 civic = 10^6 ucivic.
	DisplayDenom = "civic"
)

// Bech32 prefixes derived from Bech32Prefix, as the SDK names them.
var (
	Bech32PrefixAccPub   = Bech32Prefix + sdk.PrefixPublic
	Bech32PrefixValAddr  = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixOperator
	Bech32PrefixValPub   = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixOperator + sdk.PrefixPublic
	Bech32PrefixConsAddr = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixConsensus
	Bech32PrefixConsPub  = Bech32Prefix + sdk.PrefixValidator + sdk.PrefixConsensus + sdk.PrefixPublic
)

// SetConfig sets civic's bech32 prefixes and default denom in the SDK's global
// config. It is idempotent and must run before any address is parsed; the
// config is not sealed here so that tests in one binary can all call it.
func SetConfig() {
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32PrefixAccPub)
	cfg.SetBech32PrefixForValidator(Bech32PrefixValAddr, Bech32PrefixValPub)
	cfg.SetBech32PrefixForConsensusNode(Bech32PrefixConsAddr, Bech32PrefixConsPub)
	sdk.DefaultBondDenom = BondDenom
}

func init() {
	SetConfig()
}
