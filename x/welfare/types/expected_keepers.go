package types

import (
	"context"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
)

// AgencyKeeper is what this module needs of x/agency: whether an account may
// act in a role and for which agency; an agency's admin (where a closed
// program's escrow returns); and which agency an account belongs to (a payee
// who is a member or the admin of the paying agency is refused).
type AgencyKeeper interface {
	Authorize(ctx context.Context, addr sdk.AccAddress, role string) (string, error)
	GetAgency(ctx context.Context, id string) (agencytypes.Agency, error)
	Affiliation(ctx context.Context, addr sdk.AccAddress) (string, error)
}

// DidKeeper is what this module needs of x/did: whether a beneficiary's DID
// exists and is not deactivated (nil, or a registered x/did error).
type DidKeeper interface {
	ActiveDid(ctx context.Context, did string) error
}

// VoucherKeeper is what this module needs of x/voucher: the voucher program a
// VOUCHER benefit draws on (its allocator agencies, status, window and
// escrow), and Allocate, which issues vouchers backed by that program's
// escrow to a payee on behalf of an allocator agency.
type VoucherKeeper interface {
	GetProgram(ctx context.Context, id uint64) (vouchertypes.Program, error)
	Allocate(ctx context.Context, programID uint64, agencyID string, recipient sdk.AccAddress, amount sdkmath.Int) error
}

// BankKeeper moves CASH escrow between the managers, the module account,
// payees and the agency's admin; BlockedAddr tells the module accounts that
// may not receive coins (never a payee).
type BankKeeper interface {
	SendCoinsFromModuleToAccount(ctx context.Context, module string, to sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, from sdk.AccAddress, module string, amt sdk.Coins) error
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	BlockedAddr(addr sdk.AccAddress) bool
}

// AccountKeeper gives the module account's address.
type AccountKeeper interface {
	GetModuleAddress(name string) sdk.AccAddress
}
