package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	didtypes "github.com/civicchain/civic/x/did/types"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
)

// AgencyKeeper is what this module needs of x/agency: whether an account may
// act in a role, and for which agency; and whether an agency exists (the
// allocator agencies of a program).
type AgencyKeeper interface {
	Authorize(ctx context.Context, addr sdk.AccAddress, role string) (string, error)
	GetAgency(ctx context.Context, id string) (agencytypes.Agency, error)
}

// DidKeeper is what this module needs of x/did to check a claim: the issuer's
// signature against its assertionMethod key, whether the issuer is trusted
// for the program's schema, and the claim's status entry.
type DidKeeper interface {
	VerifyAssertion(ctx context.Context, did, verificationMethod string, payload, sig []byte) error
	IssuerTrust(ctx context.Context, did string, schemaID uint64) (trusted bool, reason, agencyID string, err error)
	StatusEntry(ctx context.Context, listID, index uint64) (didtypes.StatusList, bool, error)
}

// DisasterKeeper is what this module needs of x/disaster: the incident a
// RELIEF program names (its status and current affected districts).
type DisasterKeeper interface {
	GetIncident(ctx context.Context, id uint64) (disastertypes.Incident, error)
}

// BankKeeper mints, moves and burns vouchers, moves funding coins, and
// registers a program denom's metadata; BlockedAddr tells the module accounts
// that may not receive coins (never a holder, settlement or refund address).
type BankKeeper interface {
	MintCoins(ctx context.Context, module string, amt sdk.Coins) error
	BurnCoins(ctx context.Context, module string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, module string, to sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, from sdk.AccAddress, module string, amt sdk.Coins) error
	SendCoins(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) error
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetSupply(ctx context.Context, denom string) sdk.Coin
	SetDenomMetaData(ctx context.Context, md banktypes.Metadata)
	BlockedAddr(addr sdk.AccAddress) bool
}

// AccountKeeper gives the module account's address.
type AccountKeeper interface {
	GetModuleAddress(name string) sdk.AccAddress
}
