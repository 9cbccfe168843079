package types

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"encoding/base64"
	"strings"

	errorsmod "cosmossdk.io/errors"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/internal/uri"
)

// Verification method types the method supports.
const (
	// KeyTypeEd25519 is an Ed25519 key in publicKeyMultibase (ed25519-2020 suite).
	KeyTypeEd25519 = "Ed25519VerificationKey2020"
	// KeyTypeJWK is a key in publicKeyJwk: OKP/Ed25519, EC/secp256k1 or EC/P-256 (jws-2020 suite).
	KeyTypeJWK = "JsonWebKey2020"
	// KeyTypeSecp256k1 is a secp256k1 key in publicKeyJwk or publicKeyMultibase (secp256k1-2019 suite).
	KeyTypeSecp256k1 = "EcdsaSecp256k1VerificationKey2019"
)

// JWK key types and curves the method supports.
const (
	JwkKtyOKP          = "OKP"
	JwkKtyEC           = "EC"
	JwkCrvEd25519      = "Ed25519"
	JwkCrvSecp256k1    = "secp256k1"
	JwkCrvP256         = "P-256"
	jwkCoordinateBytes = 32
)

// Multicodec headers (unsigned varints) of the multibase keys.
var (
	multicodecEd25519Pub   = []byte{0xed, 0x01}
	multicodecSecp256k1Pub = []byte{0xe7, 0x01}
)

// MultibaseBase58btc is the multibase prefix of base58btc.
const MultibaseBase58btc = 'z'

// keyAlgo is the signature algorithm of a decoded public key.
type keyAlgo int

const (
	algoEd25519 keyAlgo = iota + 1
	algoSecp256k1
	algoP256
)

// publicKey is a decoded verification method key.
type publicKey struct {
	algo keyAlgo
	// ed25519 is set for algoEd25519.
	ed25519 ed25519.PublicKey
	// secp256k1 is the 33-byte compressed key for algoSecp256k1.
	secp256k1 []byte
	// p256 is set for algoP256.
	p256 *ecdsa.PublicKey
}

// IsSupportedKeyType reports whether t is a verification method type of the method.
func IsSupportedKeyType(t string) bool {
	return t == KeyTypeEd25519 || t == KeyTypeJWK || t == KeyTypeSecp256k1
}

// decodeVerificationKey decodes the key of vm according to its type. The
// type must be supported (ErrUnsupportedKeyType), exactly one of
// publicKeyMultibase and publicKeyJwk set in the form the type takes
// (ErrInvalidVerification), and the key must decode to a point of its curve
// (ErrInvalidKey). Lengths are expected to be bounded by the caller.
func decodeVerificationKey(vm VerificationMethod) (publicKey, error) {
	if !IsSupportedKeyType(vm.Type) {
		return publicKey{}, errorsmod.Wrapf(ErrUnsupportedKeyType, "type %s is not one of %s, %s, %s", text.Quote(vm.Type), KeyTypeEd25519, KeyTypeJWK, KeyTypeSecp256k1)
	}
	hasMB, hasJWK := vm.PublicKeyMultibase != "", vm.PublicKeyJwk != nil
	if hasMB == hasJWK {
		return publicKey{}, errorsmod.Wrap(ErrInvalidVerification, "exactly one of publicKeyMultibase and publicKeyJwk must be set")
	}
	switch vm.Type {
	case KeyTypeEd25519:
		if !hasMB {
			return publicKey{}, errorsmod.Wrapf(ErrInvalidVerification, "%s takes publicKeyMultibase, not publicKeyJwk", KeyTypeEd25519)
		}
		raw, err := decodeMultibaseKey(vm.PublicKeyMultibase, multicodecEd25519Pub, ed25519.PublicKeySize, "Ed25519 (0xed01)")
		if err != nil {
			return publicKey{}, err
		}
		return publicKey{algo: algoEd25519, ed25519: ed25519.PublicKey(raw)}, nil
	case KeyTypeSecp256k1:
		if hasMB {
			raw, err := decodeMultibaseKey(vm.PublicKeyMultibase, multicodecSecp256k1Pub, secp256k1.PubKeyBytesLenCompressed, "secp256k1 (0xe701)")
			if err != nil {
				return publicKey{}, err
			}
			if raw[0] != 0x02 && raw[0] != 0x03 {
				return publicKey{}, errorsmod.Wrap(ErrInvalidKey, "publicKeyMultibase: secp256k1 key is not a compressed point (0x02/0x03 prefix)")
			}
			if _, err := secp256k1.ParsePubKey(raw); err != nil {
				return publicKey{}, errorsmod.Wrapf(ErrInvalidKey, "publicKeyMultibase: secp256k1 key is not on the curve: %s", err)
			}
			return publicKey{algo: algoSecp256k1, secp256k1: raw}, nil
		}
		jwk := *vm.PublicKeyJwk
		if jwk.Kty != JwkKtyEC || jwk.Crv != JwkCrvSecp256k1 {
			return publicKey{}, errorsmod.Wrapf(ErrInvalidKey, "publicKeyJwk of %s must be kty EC, crv secp256k1, got kty %s crv %s",
				KeyTypeSecp256k1, text.Quote(jwk.Kty), text.Quote(jwk.Crv))
		}
		return decodeJwk(jwk)
	default: // KeyTypeJWK
		if !hasJWK {
			return publicKey{}, errorsmod.Wrapf(ErrInvalidVerification, "%s takes publicKeyJwk, not publicKeyMultibase", KeyTypeJWK)
		}
		return decodeJwk(*vm.PublicKeyJwk)
	}
}

// decodeMultibaseKey decodes 'z' + base58btc(header || key) and returns the key
// of exactly n bytes.
func decodeMultibaseKey(mb string, header []byte, n int, what string) ([]byte, error) {
	if len(mb) > MaxMultibaseLength {
		return nil, errorsmod.Wrapf(ErrFieldTooLong, "publicKeyMultibase is %d bytes, at most %d", len(mb), MaxMultibaseLength)
	}
	if mb == "" || mb[0] != MultibaseBase58btc {
		return nil, errorsmod.Wrapf(ErrInvalidKey, "publicKeyMultibase must be base58btc (prefix 'z'), got %s", text.Quote(mb))
	}
	raw, ok := Base58Decode(mb[1:])
	if !ok {
		return nil, errorsmod.Wrap(ErrInvalidKey, "publicKeyMultibase is not valid base58btc")
	}
	if len(raw) != len(header)+n || raw[0] != header[0] || raw[1] != header[1] {
		return nil, errorsmod.Wrapf(ErrInvalidKey, "publicKeyMultibase must hold the multicodec header of a %s public key and %d key bytes", what, n)
	}
	return raw[len(header):], nil
}

// decodeJwk decodes a public JWK: OKP/Ed25519 (x 32 bytes, no y), EC/secp256k1
// or EC/P-256 (x and y 32 bytes each, a point on the curve). Coordinates are
// base64url without padding, in their canonical spelling.
func decodeJwk(jwk Jwk) (publicKey, error) {
	if err := checkJwkBounds(jwk); err != nil {
		return publicKey{}, err
	}
	if err := validateKid(jwk.Kid); err != nil {
		return publicKey{}, err
	}
	switch {
	case jwk.Kty == JwkKtyOKP && jwk.Crv == JwkCrvEd25519:
		if jwk.Y != "" {
			return publicKey{}, errorsmod.Wrap(ErrInvalidKey, "publicKeyJwk: an OKP key has no y")
		}
		x, err := decodeJwkCoordinate("x", jwk.X)
		if err != nil {
			return publicKey{}, err
		}
		return publicKey{algo: algoEd25519, ed25519: ed25519.PublicKey(x)}, nil
	case jwk.Kty == JwkKtyEC && (jwk.Crv == JwkCrvSecp256k1 || jwk.Crv == JwkCrvP256):
		x, err := decodeJwkCoordinate("x", jwk.X)
		if err != nil {
			return publicKey{}, err
		}
		y, err := decodeJwkCoordinate("y", jwk.Y)
		if err != nil {
			return publicKey{}, err
		}
		point := make([]byte, 0, 1+2*jwkCoordinateBytes)
		point = append(append(append(point, 0x04), x...), y...)
		if jwk.Crv == JwkCrvSecp256k1 {
			pk, err := secp256k1.ParsePubKey(point)
			if err != nil {
				return publicKey{}, errorsmod.Wrapf(ErrInvalidKey, "publicKeyJwk: (x, y) is not a secp256k1 point: %s", err)
			}
			return publicKey{algo: algoSecp256k1, secp256k1: pk.SerializeCompressed()}, nil
		}
		if _, err := ecdh.P256().NewPublicKey(point); err != nil {
			return publicKey{}, errorsmod.Wrapf(ErrInvalidKey, "publicKeyJwk: (x, y) is not a P-256 point: %s", err)
		}
		pk, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), point)
		if err != nil {
			return publicKey{}, errorsmod.Wrapf(ErrInvalidKey, "publicKeyJwk: (x, y) is not a P-256 point: %s", err)
		}
		return publicKey{algo: algoP256, p256: pk}, nil
	default:
		return publicKey{}, errorsmod.Wrapf(ErrInvalidKey, "publicKeyJwk kty %s crv %s is not one of OKP/Ed25519, EC/secp256k1, EC/P-256", text.Quote(jwk.Kty), text.Quote(jwk.Crv))
	}
}

// checkJwkBounds bounds every JWK member by MaxJwkFieldLength.
func checkJwkBounds(jwk Jwk) error {
	for _, f := range [...]struct{ name, v string }{{"kty", jwk.Kty}, {"crv", jwk.Crv}, {"x", jwk.X}, {"y", jwk.Y}, {"kid", jwk.Kid}} {
		if len(f.v) > MaxJwkFieldLength {
			return errorsmod.Wrapf(ErrFieldTooLong, "publicKeyJwk.%s is %d bytes, at most %d", f.name, len(f.v), MaxJwkFieldLength)
		}
	}
	return nil
}

// decodeJwkCoordinate decodes a 32-byte base64url (no padding) coordinate.
func decodeJwkCoordinate(name, s string) ([]byte, error) {
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidKey, "publicKeyJwk.%s is not base64url without padding", name)
	}
	if len(b) != jwkCoordinateBytes {
		return nil, errorsmod.Wrapf(ErrInvalidKey, "publicKeyJwk.%s is %d bytes, want %d", name, len(b), jwkCoordinateBytes)
	}
	return b, nil
}

// Ed25519Multibase spells an Ed25519 public key as publicKeyMultibase:
// 'z' + base58btc(0xed 0x01 || key).
func Ed25519Multibase(pub ed25519.PublicKey) string {
	return string(MultibaseBase58btc) + Base58Encode(append(append([]byte{}, multicodecEd25519Pub...), pub...))
}

// Secp256k1Multibase spells a 33-byte compressed secp256k1 public key as
// publicKeyMultibase: 'z' + base58btc(0xe7 0x01 || key).
func Secp256k1Multibase(compressed []byte) string {
	return string(MultibaseBase58btc) + Base58Encode(append(append([]byte{}, multicodecSecp256k1Pub...), compressed...))
}

// Ed25519JWK returns the OKP/Ed25519 JWK of an Ed25519 public key.
func Ed25519JWK(pub ed25519.PublicKey) *Jwk {
	return &Jwk{Kty: JwkKtyOKP, Crv: JwkCrvEd25519, X: base64.RawURLEncoding.EncodeToString(pub)}
}

// Secp256k1JWK returns the EC/secp256k1 JWK of a secp256k1 public key given
// compressed (33 bytes) or uncompressed (65 bytes).
func Secp256k1JWK(pub []byte) (*Jwk, error) {
	pk, err := secp256k1.ParsePubKey(pub)
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidKey, "not a secp256k1 public key: %s", err)
	}
	u := pk.SerializeUncompressed()
	return &Jwk{
		Kty: JwkKtyEC, Crv: JwkCrvSecp256k1,
		X: base64.RawURLEncoding.EncodeToString(u[1:33]),
		Y: base64.RawURLEncoding.EncodeToString(u[33:65]),
	}, nil
}

// P256JWK returns the EC/P-256 JWK of a P-256 public key.
func P256JWK(pub *ecdsa.PublicKey) (*Jwk, error) {
	if pub == nil || pub.Curve != elliptic.P256() {
		return nil, errorsmod.Wrap(ErrInvalidKey, "not a P-256 public key")
	}
	u, err := pub.Bytes()
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidKey, "not a P-256 public key: %s", err)
	}
	return &Jwk{
		Kty: JwkKtyEC, Crv: JwkCrvP256,
		X: base64.RawURLEncoding.EncodeToString(u[1:33]),
		Y: base64.RawURLEncoding.EncodeToString(u[33:65]),
	}, nil
}

// validateKid checks a JWK kid: empty, a DID URL, or a key name or
// thumbprint of 1..MaxFragmentLength characters of [A-Za-z0-9._~-] without a
// digit run of a phone or registration number (ErrInvalidKey).
func validateKid(kid string) error {
	if kid == "" {
		return nil
	}
	if strings.HasPrefix(kid, "did:") {
		if _, _, err := ParseDidURL(kid); err != nil {
			return errorsmod.Wrapf(ErrInvalidKey, "publicKeyJwk.kid: %s", err)
		}
		return nil
	}
	if err := uri.Segment("publicKeyJwk.kid", kid, MaxFragmentLength); err != nil {
		return errorsmod.Wrap(ErrInvalidKey, err.Error())
	}
	return nil
}
