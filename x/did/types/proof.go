package types

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"math/big"

	errorsmod "cosmossdk.io/errors"
	sdksecp256k1 "github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"

	"github.com/civicchain/civic/internal/text"
)

// ProofDomain opens the bytes a DID proof signs, so that a proof cannot be
// replayed as a signature of anything else.
const ProofDomain = "civic-did-proof/v1"

// ProofSignatureLength is the length of every DID proof signature: Ed25519
// (64 bytes) or ECDSA r||s (32 + 32 bytes).
const ProofSignatureLength = 64

// ProofSignBytes returns the bytes a DID proof signs, the UTF-8 text
//
//	civic-did-proof/v1\n<chainID>\n<msgTypeURL>\n<did>\n<versionID>\n<hex(SHA-256(payload))>
//
// versionID is the version the message replaces ("" for a create); payload is
// the marshalled new document for a create or an update and empty for a
// deactivation. The digest is lowercase hex.
func ProofSignBytes(chainID, msgTypeURL, did, versionID string, payload []byte) []byte {
	return signBytes(ProofDomain, payload, chainID, msgTypeURL, did, versionID)
}

// AssertionDomain opens the bytes an assertion signs. It differs from
// ProofDomain, so a DID proof is never accepted as an assertion and an
// assertion never as a DID proof.
const AssertionDomain = "civic-did-assertion/v1"

// AssertionSignBytes returns the bytes an assertion signs: a statement
// (payload) that a DID's assertionMethod key vouches for, such as a claim
// another module reads (Keeper.VerifyAssertion). It is the UTF-8 text
//
//	civic-did-assertion/v1\n<chainID>\n<did>\n<verificationMethod>\n<hex(SHA-256(payload))>
//
// verificationMethod is the absolute DID URL of the signing method
// (did:civic:<id>#<fragment>). The digest is lowercase hex.
func AssertionSignBytes(chainID, did, verificationMethod string, payload []byte) []byte {
	return signBytes(AssertionDomain, payload, chainID, did, verificationMethod)
}

// signBytes is domain, then each field, then the lowercase hex SHA-256 of
// payload, each after a newline. The fields are the chain's own id and values
// whose grammars admit no newline (type URLs, DIDs, DID URLs, version ids), so
// the lines cannot be shifted into one another.
func signBytes(domain string, payload []byte, fields ...string) []byte {
	digest := sha256.Sum256(payload)
	n := len(domain) + len(fields) + 1 + 2*sha256.Size
	for _, f := range fields {
		n += len(f)
	}
	out := make([]byte, 0, n)
	out = append(out, domain...)
	for _, f := range fields {
		out = append(out, '\n')
		out = append(out, f...)
	}
	out = append(out, '\n')
	return hex.AppendEncode(out, digest[:])
}

// VerifyProof checks that sig is vm's signature of signBytes:
//   - Ed25519 keys (Ed25519VerificationKey2020, or an OKP/Ed25519 JWK):
//     a 64-byte Ed25519 signature of signBytes;
//   - secp256k1 keys: 64-byte r||s of SHA-256(signBytes), low-S;
//   - P-256 keys: 64-byte r||s of SHA-256(signBytes).
//
// A key that does not decode fails as in ValidateDocument (ErrInvalidKey,
// ErrInvalidVerification, ErrUnsupportedKeyType for a type that cannot sign);
// a signature of the wrong length or one that does not verify fails with
// ErrInvalidProof.
func VerifyProof(vm VerificationMethod, signBytes, sig []byte) error {
	if len(vm.PublicKeyMultibase) > MaxMultibaseLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "publicKeyMultibase is %d bytes, at most %d", len(vm.PublicKeyMultibase), MaxMultibaseLength)
	}
	if vm.PublicKeyJwk != nil {
		if err := checkJwkBounds(*vm.PublicKeyJwk); err != nil {
			return err
		}
	}
	pk, err := decodeVerificationKey(vm)
	if err != nil {
		return errorsmod.Wrapf(err, "verification method %s", text.Quote(vm.Id))
	}
	if len(sig) != ProofSignatureLength {
		return errorsmod.Wrapf(ErrInvalidProof, "signature by %s is %d bytes, want %d", text.Quote(vm.Id), len(sig), ProofSignatureLength)
	}
	switch pk.algo {
	case algoEd25519:
		if !ed25519.Verify(pk.ed25519, signBytes, sig) {
			return errorsmod.Wrapf(ErrInvalidProof, "Ed25519 signature does not verify with %s", text.Quote(vm.Id))
		}
	case algoSecp256k1:
		// VerifySignature hashes signBytes with SHA-256 and rejects high-S.
		key := sdksecp256k1.PubKey{Key: pk.secp256k1}
		if !key.VerifySignature(signBytes, sig) {
			return errorsmod.Wrapf(ErrInvalidProof, "secp256k1 signature (r||s over SHA-256, low-S) does not verify with %s", text.Quote(vm.Id))
		}
	case algoP256:
		digest := sha256.Sum256(signBytes)
		r := new(big.Int).SetBytes(sig[:32])
		s := new(big.Int).SetBytes(sig[32:])
		if !ecdsa.Verify(pk.p256, digest[:], r, s) {
			return errorsmod.Wrapf(ErrInvalidProof, "P-256 signature (r||s over SHA-256) does not verify with %s", text.Quote(vm.Id))
		}
	default:
		return errorsmod.Wrapf(ErrUnsupportedKeyType, "the key of %s cannot sign proofs", text.Quote(vm.Id))
	}
	return nil
}
