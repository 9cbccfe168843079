package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// IssuerTrust decides whether did may issue credentials of schema schemaID at
// this block. It is trusted only when all of these hold, checked in this
// order, and otherwise reason says which one failed first:
//
//  1. the DID exists and is not deactivated;
//  2. the DID is bound to an agency;
//  3. that agency exists and is ACTIVE (a suspended or retired agency's
//     issuers stop being trusted from the block of the change on);
//  4. the binding still holds: the DID is controlled from inside that agency
//     only (agencyControl: every account controller is its admin or a current
//     did.issuer member, every other controller DID is bound to it), so an
//     issuer one of whose controllers left the agency is not trusted until
//     the admin rewrites its controllers and keys;
//  5. the schema is granted to the DID.
//
// agencyID is the bound agency whenever there is a binding, trusted or not.
// err is set only when the store fails; every "no" is an answer.
func (k Keeper) IssuerTrust(ctx context.Context, did string, schemaID uint64) (trusted bool, reason, agencyID string, err error) {
	is, err := k.Issuers.Get(ctx, did)
	bound := err == nil
	if err != nil && !errorsmod.IsOf(err, collections.ErrNotFound) {
		return false, "", "", err
	}
	agencyID = is.AgencyId

	latest, err := k.requireActiveDid(ctx, did)
	if err != nil {
		switch {
		case errorsmod.IsOf(err, types.ErrDidNotFound):
			return false, "The DID is not registered.", agencyID, nil
		case errorsmod.IsOf(err, types.ErrDidDeactivated):
			return false, "The DID is deactivated.", agencyID, nil
		default:
			return false, "", "", err
		}
	}
	if !bound {
		return false, "The DID is not bound to an agency as an issuer.", "", nil
	}
	agency, err := k.agencyKeeper.GetAgency(ctx, agencyID)
	switch {
	case errorsmod.IsOf(err, agencytypes.ErrAgencyNotFound):
		return false, fmt.Sprintf("The bound agency %q does not exist.", agencyID), agencyID, nil
	case err != nil:
		return false, "", "", err
	case agency.Status != agencytypes.AgencyStatusActive:
		return false, fmt.Sprintf("The bound agency %q is %s.", agencyID, agencytypes.StatusName(agency.Status)), agencyID, nil
	}
	if err := k.agencyControl(ctx, latest.Document, agency); err != nil {
		if errorsmod.IsOf(err, types.ErrControllerOutside) {
			return false, "The binding no longer holds: " + err.Error(), agencyID, nil
		}
		return false, "", "", err
	}
	granted, err := k.IssuerSchemas.Has(ctx, collections.Join(did, schemaID))
	if err != nil {
		return false, "", "", err
	}
	if !granted {
		return false, fmt.Sprintf("Schema %d is not granted to this issuer.", schemaID), agencyID, nil
	}
	return true, "", agencyID, nil
}
