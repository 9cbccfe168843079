// Package roles holds the authorisation helpers every module shares on top of
// x/agency's one question, Authorize(ctx, signer, role).
package roles

import (
	"context"
	"strings"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Authorizer is x/agency's keeper as every module sees it.
type Authorizer interface {
	Authorize(ctx context.Context, addr sdk.AccAddress, role string) (agencyID string, err error)
}

// AnyOf returns the agency of the first of roles that addr may use. When it
// may use none, the error wraps x/agency's answer for the first role (so a
// non-member gets ErrNotMember, a suspended agency ErrAgencyNotActive) and
// names every role tried. It panics when roles is empty.
func AnyOf(ctx context.Context, a Authorizer, addr sdk.AccAddress, roles ...string) (string, error) {
	if len(roles) == 0 {
		panic("roles.AnyOf: no roles")
	}
	var first error
	for _, role := range roles {
		agencyID, err := a.Authorize(ctx, addr, role)
		if err == nil {
			return agencyID, nil
		}
		if first == nil {
			first = err
		}
	}
	return "", errorsmod.Wrapf(first, "signer holds none of the roles %s", strings.Join(roles, ", "))
}
