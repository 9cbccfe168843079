package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AgencyKeeper is what this module needs of x/agency: whether an account may
// act in a role, and for which agency. A suspended or retired agency, an
// expired or removed member and a missing role all come back as x/agency
// errors that name what is missing.
type AgencyKeeper interface {
	Authorize(ctx context.Context, addr sdk.AccAddress, role string) (string, error)
}
