package keeper

import (
	"context"
	"strings"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/did/types"
)

// The read-only methods other modules call (x/voucher checks issuer-signed
// claims with them, x/welfare a beneficiary's DID), declared by them in their
// types/expected_keepers.go beside IssuerTrust (trust.go). They never write.

// ActiveDid returns nil when did is a well-formed DID that exists and whose
// latest version is not deactivated; otherwise a registered error naming the
// DID: ErrInvalidDid (malformed), ErrDidNotFound or ErrDidDeactivated.
func (k Keeper) ActiveDid(ctx context.Context, did string) error {
	if err := types.ValidateDid(did); err != nil {
		return err
	}
	_, err := k.requireActiveDid(ctx, did)
	return err
}

// VerifyAssertion checks that sig is a signature, by a verification method
// listed in the assertionMethod relationship of the latest version of did, of
//
//	types.AssertionSignBytes(<chain id of ctx>, did, <absolute method id>, payload)
//
// did must exist and not be deactivated. verificationMethod is the method's
// absolute DID URL (did:civic:<id>#key-1) or a reference relative to did
// (#key-1). The signature is checked by types.VerifyProof (Ed25519, secp256k1,
// P-256; 64 bytes), after DidProofVerifyGas is charged, as for a DID proof.
//
// It returns nil or a registered error naming the DID and the method:
// ErrInvalidDid (did malformed), ErrInvalidDidURL (verificationMethod
// malformed), ErrNotAssertionMethod (a method of another DID, no method of the
// latest document, or one not in its assertionMethod), ErrDidNotFound,
// ErrDidDeactivated, ErrInvalidProof (a signature of the wrong length or one
// that does not verify — also one over other bytes: another payload, another
// chain id, a DID proof's bytes — or a stored key that cannot verify).
//
// Whether did may issue a given kind of credential is IssuerTrust's question,
// asked separately.
func (k Keeper) VerifyAssertion(ctx context.Context, did, verificationMethod string, payload, sig []byte) error {
	if err := types.ValidateDid(did); err != nil {
		return errorsmod.Wrap(err, "assertion issuer")
	}
	vmID := verificationMethod
	if strings.HasPrefix(vmID, "#") {
		vmID = did + vmID
	}
	owner, _, err := types.ParseDidURL(vmID)
	if err != nil {
		return errorsmod.Wrapf(err, "verification method of an assertion of %s", did)
	}
	if owner != did {
		return errorsmod.Wrapf(types.ErrNotAssertionMethod, "%s is a verification method of %s, not of %s", vmID, owner, did)
	}
	latest, err := k.requireActiveDid(ctx, did)
	if err != nil {
		return err
	}
	doc := latest.Document
	vm, ok := doc.Method(vmID)
	if !ok {
		return errorsmod.Wrapf(types.ErrNotAssertionMethod, "%s has no verification method %s in its latest version %s", did, vmID, latest.VersionId)
	}
	if !doc.IsAssertionMethod(vmID) {
		return errorsmod.Wrapf(types.ErrNotAssertionMethod, "%s is not in the assertionMethod of %s (version %s: [%s])",
			vmID, did, latest.VersionId, strings.Join(doc.AssertionMethod, ", "))
	}

	sdkCtx := sdk.UnwrapSDKContext(ctx)
	sdkCtx.GasMeter().ConsumeGas(DidProofVerifyGas, "did assertion")
	signBytes := types.AssertionSignBytes(sdkCtx.ChainID(), did, vmID, payload)
	if err := types.VerifyProof(vm, signBytes, sig); err != nil {
		if errorsmod.IsOf(err, types.ErrInvalidProof) {
			return errorsmod.Wrapf(err, "assertion of %s by %s", did, vmID)
		}
		// The stored key does not decode: no signature can verify with it.
		return errorsmod.Wrapf(types.ErrInvalidProof, "assertion of %s by %s: %s", did, vmID, err)
	}
	return nil
}

// StatusEntry returns status list listID and whether its entry index is set
// (revoked on a REVOCATION list, suspended on a SUSPENSION list). An unknown
// list is ErrStatusListNotFound, an index at or beyond the list's entries
// ErrIndexOutOfRange. A list is read whatever its issuer's state (revocations
// stay readable after the issuer is unbound or deactivated); the caller checks
// the list's issuer_did and purpose against the credential that names it.
func (k Keeper) StatusEntry(ctx context.Context, listID, index uint64) (types.StatusList, bool, error) {
	l, err := k.getStatusList(ctx, listID)
	if err != nil {
		return types.StatusList{}, false, err
	}
	if err := checkStatusIndex(l, index); err != nil {
		return types.StatusList{}, false, err
	}
	set, err := k.statusSet(ctx, l.Id, index)
	if err != nil {
		return types.StatusList{}, false, err
	}
	return l, set, nil
}
