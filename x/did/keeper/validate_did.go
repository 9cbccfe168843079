package keeper

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/did/types"
)

// Stateless validation of the DID messages. Each validator checks every bound
// and grammar before the msg server touches the store (the only input from
// state is params.max_document_bytes, passed in), and returns the decoded
// signer. It needs no store, so FuzzValidate* can drive it directly.

const (
	// MaxDidProofs bounds the proofs of one DID message.
	MaxDidProofs = 8
	// MaxDidSignatureBytes bounds one proof's signature (Ed25519 and
	// secp256k1 signatures are 64 bytes).
	MaxDidSignatureBytes = 128
)

// validateCreateDid checks MsgCreateDid: the signer, the document against
// every stateless rule (types.ValidateDocument, incl. the lockout rule) within
// maxDocumentBytes, and the proofs.
func validateCreateDid(ac address.Codec, msg *types.MsgCreateDid, maxDocumentBytes uint32) (sdk.AccAddress, error) {
	signer, err := parseAddress(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateDocument(msg.Document, int(maxDocumentBytes), ac); err != nil {
		return nil, err
	}
	if err := validateDidProofs(msg.Proofs); err != nil {
		return nil, err
	}
	return signer, nil
}

// validateUpdateDid checks MsgUpdateDid: the signer, the new document (as for
// create), the version id it replaces and the proofs.
func validateUpdateDid(ac address.Codec, msg *types.MsgUpdateDid, maxDocumentBytes uint32) (sdk.AccAddress, error) {
	signer, err := parseAddress(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateDocument(msg.Document, int(maxDocumentBytes), ac); err != nil {
		return nil, err
	}
	return signer, validateReplacement(msg.VersionId, msg.Proofs)
}

// validateDeactivateDid checks MsgDeactivateDid: the signer, the DID, the
// version id it replaces and the proofs.
func validateDeactivateDid(ac address.Codec, msg *types.MsgDeactivateDid) (sdk.AccAddress, error) {
	signer, err := validateSignerDid(ac, msg.Signer, msg.Did)
	if err != nil {
		return nil, err
	}
	return signer, validateReplacement(msg.VersionId, msg.Proofs)
}

// validateReplacement checks what an update and a deactivation both carry:
// the version id they replace and the proofs.
func validateReplacement(versionID string, proofs []types.DidProof) error {
	if _, err := types.ParseVersionID(versionID); err != nil {
		return err
	}
	return validateDidProofs(proofs)
}

// validateDidProofs bounds the proofs: at most MaxDidProofs, each naming its
// verification method by an absolute DID URL and carrying a non-empty
// signature of at most MaxDidSignatureBytes. Whether a proof verifies is a
// stateful check (the key lives in a stored document).
func validateDidProofs(proofs []types.DidProof) error {
	if len(proofs) > MaxDidProofs {
		return errorsmod.Wrapf(types.ErrTooManyEntries, "%d proofs, at most %d", len(proofs), MaxDidProofs)
	}
	for i, p := range proofs {
		if _, _, err := types.ParseDidURL(p.VerificationMethod); err != nil {
			return errorsmod.Wrapf(err, "proof %d verification_method", i+1)
		}
		if len(p.Signature) == 0 || len(p.Signature) > MaxDidSignatureBytes {
			return errorsmod.Wrapf(types.ErrInvalidProof, "proof %d signature is %d bytes, want 1..%d", i+1, len(p.Signature), MaxDidSignatureBytes)
		}
	}
	return nil
}
