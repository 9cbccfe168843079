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

// Owned asks a whether addr may act in role and requires the agency it acts
// for to be owner, the agency of the record (what, e.g. "program 3"): no
// agency acts on another agency's record. x/agency's refusal is returned as
// it is; a member of another agency gets the module's wrong error,
// "signer acts as <role> for agency <got> but <what> belongs to agency <owner>".
func Owned(ctx context.Context, a Authorizer, addr sdk.AccAddress, role, owner string, wrong *errorsmod.Error, what string) (string, error) {
	got, err := a.Authorize(ctx, addr, role)
	if err != nil {
		return "", err
	}
	if got != owner {
		return "", errorsmod.Wrapf(wrong, "signer acts as %s for agency %q but %s belongs to agency %q", role, got, what, owner)
	}
	return got, nil
}
