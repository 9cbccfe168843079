package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/agency/types"
)

// Authorize is the one permission check of civic: it returns the id of the agency addr
// acts for when addr may use role now, and otherwise an error saying what is missing.
// The checks, in order, each with its own error:
//
//  1. role is in the role catalog            ErrUnknownRole
//  2. addr is a member of an agency          ErrNotMember
//  3. the agency is ACTIVE                   ErrAgencyNotActive (names the status)
//  4. the membership has not expired         ErrMembershipExpired (block time >= expires_at)
//  5. the member holds role                  ErrRoleNotHeld (names role and agency)
//
// It costs two store reads (the member record by address, then the agency).
func (k Keeper) Authorize(ctx context.Context, addr sdk.AccAddress, role string) (agencyID string, err error) {
	agencyID, err = k.authorize(ctx, addr, role)
	if err != nil {
		return "", err
	}
	return agencyID, nil
}

// authorize runs the checks of Authorize. It returns the member's agency id whenever addr
// is a member, also together with an error (HasRole reports it).
func (k Keeper) authorize(ctx context.Context, addr sdk.AccAddress, role string) (string, error) {
	if _, ok := k.catalog[role]; !ok {
		return "", errorsmod.Wrapf(types.ErrUnknownRole, "role %q is not in the role catalog", role)
	}
	if len(addr) == 0 {
		return "", errorsmod.Wrap(types.ErrNotMember, "empty address")
	}
	member, err := k.Members.Get(ctx, addr)
	if err != nil {
		if errors.Is(err, collections.ErrNotFound) {
			addrStr, _ := k.addressCodec.BytesToString(addr)
			return "", errorsmod.Wrapf(types.ErrNotMember, "%s is not a member of any agency", addrStr)
		}
		return "", err
	}
	agency, err := k.Agencies.Get(ctx, member.AgencyId)
	if err != nil {
		return member.AgencyId, err
	}
	if agency.Status != types.AgencyStatusActive {
		return member.AgencyId, errorsmod.Wrapf(types.ErrAgencyNotActive, "agency %q is %s", agency.Id, types.StatusName(agency.Status))
	}
	if member.ExpiresAt != nil {
		now := blockctx.Time(ctx)
		if !now.Before(*member.ExpiresAt) {
			return member.AgencyId, errorsmod.Wrapf(types.ErrMembershipExpired,
				"membership of %s in agency %q expired at %s (block time %s)",
				member.Address, agency.Id, member.ExpiresAt.UTC().Format(timeFormat), now.UTC().Format(timeFormat))
		}
	}
	if !types.HasRole(member.Roles, role) {
		return member.AgencyId, errorsmod.Wrapf(types.ErrRoleNotHeld, "%s does not hold role %q in agency %q", member.Address, role, agency.Id)
	}
	return member.AgencyId, nil
}

const timeFormat = "2006-01-02T15:04:05Z07:00"
