package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AgencyKeeper is what this module needs of x/agency: whether an account may
// act in a role, and for which agency.
type AgencyKeeper interface {
	Authorize(ctx context.Context, addr sdk.AccAddress, role string) (string, error)
}
