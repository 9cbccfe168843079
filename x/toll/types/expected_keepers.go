package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// AgencyKeeper is what this module needs of x/agency: whether an account may
// act in a role, and for which agency; and an agency's record (its admin,
// status and roles: a settlement does not wait for an operator whose agency is
// not ACTIVE), read only.
type AgencyKeeper interface {
	Authorize(ctx context.Context, addr sdk.AccAddress, role string) (string, error)
	GetAgency(ctx context.Context, id string) (agencytypes.Agency, error)
}

// BankKeeper moves fares, refunds and settlement escrow.
type BankKeeper interface {
	SpendableCoin(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	SendCoins(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, from sdk.AccAddress, module string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, module string, to sdk.AccAddress, amt sdk.Coins) error
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
}

// AccountKeeper gives the module account's address.
type AccountKeeper interface {
	GetModuleAddress(name string) sdk.AccAddress
}
