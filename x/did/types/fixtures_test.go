package types_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/sha256"
	"math/big"
	"testing"

	"cosmossdk.io/core/address"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdksecp256k1 "github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/types"
)

// Deterministic test identities: DIDs, accounts and keys.

var ac address.Codec = addresscodec.NewBech32Codec("civic")

// testDid returns a did:civic DID with a 22-character base58 id made from seed.
func testDid(seed byte) string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = 0x80 | (seed + byte(i))
	}
	return types.DidMethodPrefix + types.Base58Encode(b)
}

// testAccount returns the bech32 address of a 20-byte account made from seed.
func testAccount(seed byte) string {
	b := make([]byte, 20)
	for i := range b {
		b[i] = seed
	}
	s, err := ac.BytesToString(b)
	if err != nil {
		panic(err)
	}
	return s
}

func seed32(seed byte) []byte {
	b := make([]byte, 32)
	for i := range b {
		b[i] = seed + byte(i) + 1
	}
	return b
}

func edKey(seed byte) ed25519.PrivateKey { return ed25519.NewKeyFromSeed(seed32(seed)) }

func edPub(seed byte) ed25519.PublicKey { return edKey(seed).Public().(ed25519.PublicKey) }

func secpKey(seed byte) *sdksecp256k1.PrivKey { return &sdksecp256k1.PrivKey{Key: seed32(seed)} }

func secpPub(seed byte) []byte { return secpKey(seed).PubKey().Bytes() }

func p256Key(t testing.TB, seed byte) *ecdsa.PrivateKey {
	k, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), seed32(seed))
	require.NoError(t, err)
	return k
}

// p256Sign signs SHA-256(msg) as 64-byte r||s.
func p256Sign(t testing.TB, k *ecdsa.PrivateKey, msg []byte) []byte {
	d := sha256.Sum256(msg)
	r, s, err := ecdsa.Sign(nil, k, d[:])
	require.NoError(t, err)
	return rs(r, s)
}

func rs(r, s *big.Int) []byte {
	out := make([]byte, 64)
	r.FillBytes(out[:32])
	s.FillBytes(out[32:])
	return out
}

// fullDocument is a valid document using every key form and property.
func fullDocument(t testing.TB) types.DidDocument {
	did := testDid(1)
	secpJwk, err := types.Secp256k1JWK(secpPub(3))
	require.NoError(t, err)
	p256Jwk, err := types.P256JWK(&p256Key(t, 4).PublicKey)
	require.NoError(t, err)
	p256Jwk.Kid = "p256-1"
	return types.DidDocument{
		Id:         did,
		Controller: []string{did, testAccount(7), testDid(2)},
		VerificationMethod: []types.VerificationMethod{
			{Id: did + "#key-1", Type: types.KeyTypeEd25519, Controller: did, PublicKeyMultibase: types.Ed25519Multibase(edPub(1))},
			{Id: did + "#key-2", Type: types.KeyTypeSecp256k1, Controller: did, PublicKeyMultibase: types.Secp256k1Multibase(secpPub(2))},
			{Id: did + "#key-3", Type: types.KeyTypeSecp256k1, Controller: did, PublicKeyJwk: secpJwk},
			{Id: did + "#key-4", Type: types.KeyTypeJWK, Controller: did, PublicKeyJwk: p256Jwk},
			{Id: did + "#key-5", Type: types.KeyTypeJWK, Controller: testDid(2), PublicKeyJwk: types.Ed25519JWK(edPub(5))},
		},
		Authentication:       []string{did + "#key-1", did + "#key-3"},
		AssertionMethod:      []string{did + "#key-2", did + "#key-4"},
		KeyAgreement:         []string{did + "#key-5"},
		CapabilityInvocation: []string{did + "#key-1"},
		CapabilityDelegation: []string{did + "#key-1", did + "#key-2"},
		Service: []types.Service{
			{Id: did + "#hub", Type: "LinkedDomains", ServiceEndpoint: []string{"https://example.go.kr"}},
			{Id: did + "#inbox", Type: "DIDCommMessaging", ServiceEndpoint: []string{"https://a.example/inbox", "https://inbox.example.go.kr/didcomm"}},
		},
		AlsoKnownAs: []string{"https://example.go.kr/agency/7", "did:web:example.go.kr"},
	}
}

// selfDocument is a minimal valid self-controlled document: an empty
// controller list and one Ed25519 authentication key.
func selfDocument(seed byte) types.DidDocument {
	did := testDid(seed)
	return types.DidDocument{
		Id: did,
		VerificationMethod: []types.VerificationMethod{
			{Id: did + "#key-1", Type: types.KeyTypeEd25519, Controller: did, PublicKeyMultibase: types.Ed25519Multibase(edPub(seed))},
		},
		Authentication: []string{did + "#key-1"},
	}
}

// clone deep-copies a document through protobuf.
func clone(t testing.TB, d types.DidDocument) types.DidDocument {
	bz, err := d.Marshal()
	require.NoError(t, err)
	var out types.DidDocument
	require.NoError(t, out.Unmarshal(bz))
	return out
}

// ed25519Opts signs a plain message (no pre-hash).
type ed25519Opts struct{}

func (ed25519Opts) HashFunc() crypto.Hash { return 0 }
