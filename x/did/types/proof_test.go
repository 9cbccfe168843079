package types_test

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"strings"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/types"
)

func TestProofSignBytes(t *testing.T) {
	payload := []byte("document")
	digest := sha256.Sum256(payload)
	got := types.ProofSignBytes("civic-local-1", "/civic.did.v1.MsgUpdateDid", testDid(1), "3", payload)
	want := "civic-did-proof/v1\ncivic-local-1\n/civic.did.v1.MsgUpdateDid\n" + testDid(1) + "\n3\n" + hex.EncodeToString(digest[:])
	require.Equal(t, want, string(got))

	// create: no version; deactivate: empty payload.
	empty := sha256.Sum256(nil)
	require.Equal(t, "civic-did-proof/v1\nc\n/m\n"+testDid(1)+"\n\n"+hex.EncodeToString(empty[:]),
		string(types.ProofSignBytes("c", "/m", testDid(1), "", nil)))
	require.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex.EncodeToString(empty[:]))

	// Every input changes the bytes.
	base := string(types.ProofSignBytes("a", "b", "c", "d", []byte("e")))
	for _, other := range [][]byte{
		types.ProofSignBytes("A", "b", "c", "d", []byte("e")),
		types.ProofSignBytes("a", "B", "c", "d", []byte("e")),
		types.ProofSignBytes("a", "b", "C", "d", []byte("e")),
		types.ProofSignBytes("a", "b", "c", "D", []byte("e")),
		types.ProofSignBytes("a", "b", "c", "d", []byte("E")),
	} {
		require.NotEqual(t, base, string(other))
	}
}

func TestAssertionSignBytes(t *testing.T) {
	// A fixed vector: SHA-256("claim") written out.
	did := testDid(1)
	got := types.AssertionSignBytes("civic-local-1", did, did+"#key-1", []byte("claim"))
	want := "civic-did-assertion/v1\ncivic-local-1\n" + did + "\n" + did + "#key-1\n" +
		"dd1b3c312cf7d816130354452e9629ce39355b0c534129dd26a08cd9a4502ede"
	require.Equal(t, want, string(got))
	require.Equal(t, "civic-did-assertion/v1", types.AssertionDomain)

	// An empty payload signs the digest of nothing.
	require.Equal(t, "civic-did-assertion/v1\nc\n"+did+"\n"+did+"#k\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		string(types.AssertionSignBytes("c", did, did+"#k", nil)))

	// Every input changes the bytes.
	base := string(types.AssertionSignBytes("a", "b", "c", []byte("d")))
	for _, other := range [][]byte{
		types.AssertionSignBytes("A", "b", "c", []byte("d")),
		types.AssertionSignBytes("a", "B", "c", []byte("d")),
		types.AssertionSignBytes("a", "b", "C", []byte("d")),
		types.AssertionSignBytes("a", "b", "c", []byte("D")),
	} {
		require.NotEqual(t, base, string(other))
	}

	// The domains differ, so proof and assertion bytes never coincide, even
	// when the proof's fields are chosen to line up with the assertion's.
	require.NotEqual(t, types.ProofDomain, types.AssertionDomain)
	proof := types.ProofSignBytes("civic-local-1", did, did+"#key-1", "", []byte("claim"))
	require.NotEqual(t, string(got), string(proof))
	require.False(t, strings.HasPrefix(string(proof), types.AssertionDomain+"\n"))
}

// TestAssertionOpenSSL checks the README's off-chain recipe (§7, Assertions):
// an Ed25519 key made by openssl genpkey, the sign bytes written by printf and
// signed by openssl pkeyutl -sign -rawin. The key and the signature are that
// recipe's output for this DID, chain id and payload "claim".
func TestAssertionOpenSSL(t *testing.T) {
	const did = "did:civic:3f0c7a5e-8a47-4c1e-9b52-0d6f2e9a41c7"
	pub, err := hex.DecodeString("00b93467b6ea0decd55e4f824fa62c9389fa6be2145b4ae9754bec9dc16cd913")
	require.NoError(t, err)
	sig, err := hex.DecodeString("09c9f60c1c49e0d4606e704c87ef4b987ed53d4b8b8e1f2590afbd37a51e918e" +
		"62d17a510f2c77250a7acaa2deb92724157fcada5ba905f6fa1ea4615e8b4a0d")
	require.NoError(t, err)
	vm := types.VerificationMethod{Id: did + "#key-1", Type: types.KeyTypeEd25519, Controller: did, PublicKeyMultibase: types.Ed25519Multibase(pub)}

	require.NoError(t, types.VerifyProof(vm, types.AssertionSignBytes("civic-local-1", did, did+"#key-1", []byte("claim")), sig))
	require.ErrorIs(t, types.VerifyProof(vm, types.AssertionSignBytes("civic-local-2", did, did+"#key-1", []byte("claim")), sig), types.ErrInvalidProof)
}

func TestVerifyProof(t *testing.T) {
	d := fullDocument(t)
	msg := types.ProofSignBytes("civic-local-1", "/civic.did.v1.MsgCreateDid", d.Id, "", []byte("doc"))
	other := types.ProofSignBytes("civic-local-2", "/civic.did.v1.MsgCreateDid", d.Id, "", []byte("doc"))
	method := func(frag string) types.VerificationMethod {
		vm, ok := d.Method(d.Id + "#" + frag)
		require.True(t, ok)
		return vm
	}

	edSig, err := edKey(1).Sign(nil, msg, &ed25519Opts{})
	require.NoError(t, err)
	secpSig2, err := secpKey(2).Sign(msg)
	require.NoError(t, err)
	secpSig3, err := secpKey(3).Sign(msg)
	require.NoError(t, err)
	p256Sig := p256Sign(t, p256Key(t, 4), msg)
	okpSig, err := edKey(5).Sign(nil, msg, &ed25519Opts{})
	require.NoError(t, err)

	for _, tc := range []struct {
		name string
		vm   types.VerificationMethod
		sig  []byte
	}{
		{"Ed25519VerificationKey2020", method("key-1"), edSig},
		{"secp256k1 multibase", method("key-2"), secpSig2},
		{"secp256k1 JWK", method("key-3"), secpSig3},
		{"JsonWebKey2020 P-256", method("key-4"), p256Sig},
		{"JsonWebKey2020 Ed25519", method("key-5"), okpSig},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Len(t, tc.sig, types.ProofSignatureLength)
			require.NoError(t, types.VerifyProof(tc.vm, msg, tc.sig))

			// Other bytes, a flipped bit, a short or long signature: ErrInvalidProof.
			require.ErrorIs(t, types.VerifyProof(tc.vm, other, tc.sig), types.ErrInvalidProof)
			flipped := append([]byte{}, tc.sig...)
			flipped[10] ^= 1
			require.ErrorIs(t, types.VerifyProof(tc.vm, msg, flipped), types.ErrInvalidProof)
			require.ErrorIs(t, types.VerifyProof(tc.vm, msg, tc.sig[:63]), types.ErrInvalidProof)
			require.ErrorIs(t, types.VerifyProof(tc.vm, msg, append(append([]byte{}, tc.sig...), 0)), types.ErrInvalidProof)
			require.ErrorIs(t, types.VerifyProof(tc.vm, msg, nil), types.ErrInvalidProof)
			require.ErrorIs(t, types.VerifyProof(tc.vm, msg, make([]byte, 64)), types.ErrInvalidProof)
		})
	}

	// A signature by another key of the document does not verify.
	require.ErrorIs(t, types.VerifyProof(method("key-5"), msg, edSig), types.ErrInvalidProof)
	require.ErrorIs(t, types.VerifyProof(method("key-2"), msg, secpSig3), types.ErrInvalidProof)

	// secp256k1: the high-S twin of a valid signature is rejected.
	n := secp256k1.Params().N
	s := new(big.Int).SetBytes(secpSig2[32:])
	highS := rs(new(big.Int).SetBytes(secpSig2[:32]), new(big.Int).Sub(n, s))
	require.ErrorIs(t, types.VerifyProof(method("key-2"), msg, highS), types.ErrInvalidProof)

	// P-256: the signature is over SHA-256(signBytes), not over signBytes
	// hashed twice or raw.
	k := p256Key(t, 4)
	digest := sha256.Sum256(msg)
	r, s2, err := ecdsa.Sign(nil, k, digest[:])
	require.NoError(t, err)
	require.NoError(t, types.VerifyProof(method("key-4"), msg, rs(r, s2)))
	twice := sha256.Sum256(digest[:])
	r, s2, err = ecdsa.Sign(nil, k, twice[:])
	require.NoError(t, err)
	require.ErrorIs(t, types.VerifyProof(method("key-4"), msg, rs(r, s2)), types.ErrInvalidProof)
}

func TestVerifyProofBadKeys(t *testing.T) {
	did := testDid(1)
	sig := make([]byte, 64)
	for _, tc := range []struct {
		name string
		vm   types.VerificationMethod
		want error
	}{
		{"unsupported type", types.VerificationMethod{Id: did + "#k", Type: "RsaVerificationKey2018", PublicKeyMultibase: "zabc"}, types.ErrUnsupportedKeyType},
		{"no key", types.VerificationMethod{Id: did + "#k", Type: types.KeyTypeEd25519}, types.ErrInvalidVerification},
		{"bad multibase", types.VerificationMethod{Id: did + "#k", Type: types.KeyTypeEd25519, PublicKeyMultibase: "z0"}, types.ErrInvalidKey},
		{"multibase too long", types.VerificationMethod{Id: did + "#k", Type: types.KeyTypeEd25519, PublicKeyMultibase: "z" + string(make([]byte, 300))}, types.ErrFieldTooLong},
		{"jwk too long", types.VerificationMethod{Id: did + "#k", Type: types.KeyTypeJWK, PublicKeyJwk: &types.Jwk{Kty: string(make([]byte, 200))}}, types.ErrFieldTooLong},
		{"jwk off curve", types.VerificationMethod{Id: did + "#k", Type: types.KeyTypeJWK, PublicKeyJwk: &types.Jwk{Kty: "EC", Crv: "P-256", X: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Y: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}, types.ErrInvalidKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := types.VerifyProof(tc.vm, []byte("x"), sig)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestKeyEncoders(t *testing.T) {
	// Multibase spellings start with the well-known prefixes of the multicodec headers.
	require.Equal(t, "z6Mk", types.Ed25519Multibase(edPub(1))[:4])
	require.Equal(t, "zQ3s", types.Secp256k1Multibase(secpPub(1))[:4])

	// A W3C example key (did:key spec, Ed25519 test vector).
	pub, err := hex.DecodeString("2e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6")
	require.NoError(t, err)
	require.Equal(t, "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", types.Ed25519Multibase(pub))

	// secp256k1 JWK from compressed and uncompressed keys agree.
	pk, err := secp256k1.ParsePubKey(secpPub(1))
	require.NoError(t, err)
	j1, err := types.Secp256k1JWK(pk.SerializeCompressed())
	require.NoError(t, err)
	j2, err := types.Secp256k1JWK(pk.SerializeUncompressed())
	require.NoError(t, err)
	require.Equal(t, j1, j2)
	require.Equal(t, "EC", j1.Kty)
	require.Equal(t, "secp256k1", j1.Crv)
	require.Len(t, j1.X, 43)
	require.Len(t, j1.Y, 43)
	_, err = types.Secp256k1JWK([]byte{1, 2, 3})
	require.ErrorIs(t, err, types.ErrInvalidKey)

	_, err = types.P256JWK(nil)
	require.ErrorIs(t, err, types.ErrInvalidKey)
	j, err := types.P256JWK(&p256Key(t, 1).PublicKey)
	require.NoError(t, err)
	require.Equal(t, "P-256", j.Crv)

	require.Equal(t, &types.Jwk{Kty: "OKP", Crv: "Ed25519", X: "Lm_M42cB3HkUiODQsXRcweM6TByfzEHGO9ND274JcOY"}, types.Ed25519JWK(pub))
}
