package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// AgencyKeeper is what this module needs of x/agency: whether an account may
// act in a role and for which agency, and an agency's record (admin and status)
// for issuer bindings and trust decisions.
type AgencyKeeper interface {
	Authorize(ctx context.Context, addr sdk.AccAddress, role string) (string, error)
	GetAgency(ctx context.Context, id string) (agencytypes.Agency, error)
}
