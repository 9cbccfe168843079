package keeper

import (
	"bytes"
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// The rules of a bound issuer DID. Binding puts a DID under its agency, and
// from then on the DID's powers follow membership in that agency, not the
// keys and accounts that happened to control it:
//
//   - who writes: an update or deactivation must be signed by the agency's
//     admin or by a current member holding did.issuer in that agency
//     (boundSigner, ErrNotAgencySigner); a member who left, whose membership
//     expired or whose role was withdrawn can no longer change the DID, even
//     if still listed as its controller or holding one of its keys;
//   - what a member may change: services and alsoKnownAs; a change of the
//     controllers, the verification methods (keys) or the verification
//     relationships needs the admin (ErrNotAgencyAdmin);
//   - the admin takes over: the agency's current admin is authorised even when
//     not listed as a controller (after an admin transfer, or after a member
//     left), so that what a departed member left can always be cleaned up;
//   - who controls: every account controller is the admin or a did.issuer
//     member of the agency, and every other controller DID is bound to the same
//     agency (agencyControl, ErrControllerOutside) — checked at binding, on
//     every update, and by IssuerTrust, so a DID one of whose controllers left
//     the agency stops being trusted until the admin rewrites it.
//
// Unbinding (the admin or governance) returns the DID to the plain controller
// rules, and it is no longer a trusted issuer.

// binding returns the agency binding of did, and whether there is one.
func (k Keeper) binding(ctx context.Context, did string) (types.TrustedIssuer, bool, error) {
	is, err := k.Issuers.Get(ctx, did)
	if errors.Is(err, collections.ErrNotFound) {
		return types.TrustedIssuer{}, false, nil
	}
	if err != nil {
		return types.TrustedIssuer{}, false, err
	}
	return is, true, nil
}

// boundSigner requires signer to act for the agency of the bound DID is: its
// admin (unless the agency is RETIRED: ErrAgencyNotActive; governance may
// unbind), or a member holding did.issuer in it now (ErrNotAgencySigner,
// naming what x/agency refused). It reports whether signer is the admin.
func (k Keeper) boundSigner(ctx context.Context, signer sdk.AccAddress, signerStr string, is types.TrustedIssuer) (bool, error) {
	agency, err := k.agencyKeeper.GetAgency(ctx, is.AgencyId)
	if err != nil {
		return false, err
	}
	admin, err := k.addressCodec.StringToBytes(agency.Admin)
	if err != nil {
		return false, err
	}
	if bytes.Equal(signer, admin) {
		if agency.Status == agencytypes.AgencyStatusRetired {
			return false, errorsmod.Wrapf(types.ErrAgencyNotActive, "agency %q of issuer %s is %s; governance may unbind the DID",
				agency.Id, is.Did, agencytypes.StatusName(agency.Status))
		}
		return true, nil
	}
	agencyID, err := k.agencyKeeper.Authorize(ctx, signer, types.RoleIssuer)
	if err != nil {
		return false, errorsmod.Wrapf(types.ErrNotAgencySigner, "%s is bound to agency %q: %s", is.Did, is.AgencyId, err)
	}
	if agencyID != is.AgencyId {
		return false, errorsmod.Wrapf(types.ErrNotAgencySigner, "%s is bound to agency %q; %s acts for agency %q", is.Did, is.AgencyId, signerStr, agencyID)
	}
	return false, nil
}

// authorizeBoundWrite authorises an update (next set) or a deactivation (next
// nil) of the bound DID is, whose latest document is current: the signer must
// pass boundSigner; the admin is authorised as it is (every proof given must
// still verify), anyone else also needs the DID's own authorisation
// (authorizeDid) and may not change the controllers, keys or relationships.
func (k Keeper) authorizeBoundWrite(ctx context.Context, is types.TrustedIssuer, current types.DidVersion, signer sdk.AccAddress, signerStr string,
	proofs []types.DidProof, msg sdk.Msg, next *types.DidDocument,
) error {
	isAdmin, err := k.boundSigner(ctx, signer, signerStr, is)
	if err != nil {
		return err
	}
	if isAdmin {
		_, err := k.verifyDidProofs(ctx, current.Document, proofs, msg, current.VersionId, next)
		return err
	}
	if err := k.authorizeDid(ctx, current.Document, signerStr, proofs, msg, current.VersionId, next); err != nil {
		return err
	}
	if next != nil {
		changed, err := changesControl(current.Document, *next)
		if err != nil {
			return err
		}
		if changed {
			return errorsmod.Wrapf(types.ErrNotAgencyAdmin, "%s is bound to agency %q: only its admin changes the controllers, keys or verification relationships; %s may change services and alsoKnownAs",
				is.Did, is.AgencyId, signerStr)
		}
	}
	return nil
}

// changesControl reports whether next differs from current in anything but
// its services and alsoKnownAs: controllers, verification methods or
// verification relationships.
func changesControl(current, next types.DidDocument) (bool, error) {
	current.Service, current.AlsoKnownAs = nil, nil
	next.Service, next.AlsoKnownAs = nil, nil
	a, err := current.Marshal()
	if err != nil {
		return false, err
	}
	b, err := next.Marshal()
	if err != nil {
		return false, err
	}
	return !bytes.Equal(a, b), nil
}

// agencyControl requires doc to be controlled from inside agency only: every
// account controller is the agency's admin or holds did.issuer in it now, and
// every controller DID other than doc itself is bound to the agency
// (ErrControllerOutside naming the first that is not).
func (k Keeper) agencyControl(ctx context.Context, doc types.DidDocument, agency agencytypes.Agency) error {
	for _, c := range doc.AccountControllers() {
		if c == agency.Admin {
			continue
		}
		addr, err := k.addressCodec.StringToBytes(c)
		if err != nil {
			return err
		}
		agencyID, err := k.agencyKeeper.Authorize(ctx, addr, types.RoleIssuer)
		if err != nil {
			return errorsmod.Wrapf(types.ErrControllerOutside, "account controller %s of %s is not the admin or a did.issuer member of agency %q: %s",
				c, doc.Id, agency.Id, err)
		}
		if agencyID != agency.Id {
			return errorsmod.Wrapf(types.ErrControllerOutside, "account controller %s of %s acts for agency %q, not %q", c, doc.Id, agencyID, agency.Id)
		}
	}
	for _, c := range doc.DidControllers() {
		if c == doc.Id {
			continue
		}
		is, bound, err := k.binding(ctx, c)
		if err != nil {
			return err
		}
		if !bound || is.AgencyId != agency.Id {
			return errorsmod.Wrapf(types.ErrControllerOutside, "controller DID %s of %s is not bound to agency %q", c, doc.Id, agency.Id)
		}
	}
	return nil
}
