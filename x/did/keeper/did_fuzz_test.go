package keeper

import (
	"crypto/ed25519"
	"crypto/sha256"
	"regexp"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/civicchain/civic/x/did/types"
)

// Native Go fuzz targets over the stateless validation of the DID messages.
// The seed corpus below runs in every `go test`; `go test -fuzz
// FuzzValidateCreateDid` explores further.

var (
	didFuzzCodec = addresscodec.NewBech32Codec("civic")

	// Oracles: the grammars as regular expressions, independent of the hand-written checks.
	didFuzzDidRe       = regexp.MustCompile(`^did:civic:([1-9A-HJ-NP-Za-km-z]{22,44}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`)
	didFuzzDidURLRe    = regexp.MustCompile(`^(did:civic:[^#]+)#[A-Za-z0-9._~-]{1,64}$`)
	didFuzzVersionIDRe = regexp.MustCompile(`^[1-9][0-9]{0,19}$`)
)

// didFuzzDid is a valid did:civic DID for a name.
func didFuzzDid(name string) string {
	h := sha256.Sum256([]byte(name))
	return types.DidMethodPrefix + types.Base58Encode(h[:])
}

// didFuzzMultibase is a valid Ed25519 publicKeyMultibase for a name.
func didFuzzMultibase(name string) string {
	seed := sha256.Sum256([]byte(name))
	return types.Ed25519Multibase(ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey))
}

func didFuzzAddr(name string) string {
	b := make([]byte, 20)
	copy(b, name)
	s, err := didFuzzCodec.BytesToString(b)
	if err != nil {
		panic(err)
	}
	return s
}

// didFuzzProofs is n copies (n taken mod 16) of a proof by vm with a signature of sigLen bytes.
func didFuzzProofs(n uint8, vm string, sigLen uint8) []types.DidProof {
	proofs := make([]types.DidProof, n%16)
	for i := range proofs {
		proofs[i] = types.DidProof{VerificationMethod: vm, Signature: make([]byte, sigLen)}
	}
	return proofs
}

// requireDidModuleError fails unless err is one of this module's registered
// errors or the SDK's invalid-address error: validation never returns an
// internal error.
func requireDidModuleError(t *testing.T, err error) {
	t.Helper()
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	if codespace == types.ModuleName && code >= 2 {
		return
	}
	if errorsmod.IsOf(err, sdkerrors.ErrInvalidAddress) {
		return
	}
	t.Fatalf("unexpected error kind %s/%d: %v", codespace, code, err)
}

// requireDidProofsBounded fails unless accepted proofs keep the bounds.
func requireDidProofsBounded(t *testing.T, proofs []types.DidProof) {
	t.Helper()
	if len(proofs) > MaxDidProofs {
		t.Fatalf("accepted %d proofs", len(proofs))
	}
	for _, p := range proofs {
		m := didFuzzDidURLRe.FindStringSubmatch(p.VerificationMethod)
		if m == nil || len(p.VerificationMethod) > types.MaxDidURLLength || !didFuzzDidRe.MatchString(m[1]) {
			t.Fatalf("accepted proof verification method %q", p.VerificationMethod)
		}
		if len(p.Signature) == 0 || len(p.Signature) > MaxDidSignatureBytes {
			t.Fatalf("accepted a %d-byte signature", len(p.Signature))
		}
	}
}

func FuzzValidateCreateDid(f *testing.F) {
	alice := didFuzzAddr("alice")
	did := didFuzzDid("a")
	mb := didFuzzMultibase("a")
	vm := did + "#key-1"
	// signer, id, fragment, key type, multibase, controller, authentication ref, proof vm, signature length, proof count
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, alice, vm, vm, uint8(64), uint8(0))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, "", vm, vm, uint8(64), uint8(1))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, "", vm, vm, uint8(64), uint8(8))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, "", vm, vm, uint8(64), uint8(9))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, "", vm, vm, uint8(0), uint8(1))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, "", vm, vm, uint8(129), uint8(1))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, "", vm, did, uint8(64), uint8(1))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, "", vm, "did:web:x#k", uint8(64), uint8(1))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, "", "", vm, uint8(64), uint8(0))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, didFuzzDid("parent"), "", vm, uint8(64), uint8(0))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, strings.ToUpper(alice), vm, vm, uint8(64), uint8(0))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, "z111", alice, vm, vm, uint8(64), uint8(0))
	f.Add(alice, did, "key-1", "RsaVerificationKey2018", mb, alice, vm, vm, uint8(64), uint8(0))
	f.Add(alice, did, "key 1", types.KeyTypeEd25519, mb, alice, vm, vm, uint8(64), uint8(0))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, mb, alice, did+"#key-2", vm, uint8(64), uint8(0))
	f.Add(alice, "did:civic:0OIl", "key-1", types.KeyTypeEd25519, mb, alice, vm, vm, uint8(64), uint8(0))
	f.Add(alice, "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9a66", "key-1", types.KeyTypeEd25519, mb, alice, "", "", uint8(64), uint8(0))
	f.Add("civic1invalid", did, "key-1", types.KeyTypeEd25519, mb, alice, vm, vm, uint8(64), uint8(0))
	f.Add(strings.ToUpper(alice), did, "key-1", types.KeyTypeEd25519, mb, alice, vm, vm, uint8(64), uint8(0))
	f.Add(alice, did, strings.Repeat("k", 65), types.KeyTypeEd25519, mb, alice, vm, vm, uint8(64), uint8(0))
	f.Add(alice, did, "key-1", types.KeyTypeEd25519, strings.Repeat("z", 300), alice, vm, vm, uint8(64), uint8(0))

	f.Fuzz(func(t *testing.T, signer, id, fragment, keyType, multibase, controller, authRef, proofVM string, sigLen, nProofs uint8) {
		doc := types.DidDocument{
			Id:                 id,
			VerificationMethod: []types.VerificationMethod{{Id: id + "#" + fragment, Type: keyType, Controller: id, PublicKeyMultibase: multibase}},
		}
		if controller != "" {
			doc.Controller = []string{controller}
		}
		if authRef != "" {
			doc.Authentication = []string{authRef}
		}
		msg := &types.MsgCreateDid{Signer: signer, Document: doc, Proofs: didFuzzProofs(nProofs, proofVM, sigLen)}
		addr, err := validateCreateDid(didFuzzCodec, msg, types.DefaultMaxDocumentBytes)
		if err != nil {
			requireDidModuleError(t, err)
			return
		}
		// Accepted: every field keeps the grammar and bounds the spec states.
		if canonical, _ := didFuzzCodec.BytesToString(addr); canonical != signer {
			t.Fatalf("accepted signer %q", signer)
		}
		if !didFuzzDidRe.MatchString(id) || doc.Size() > int(types.DefaultMaxDocumentBytes) {
			t.Fatalf("accepted document id %q of %d bytes", id, doc.Size())
		}
		if !types.CanSignProofs(doc.VerificationMethod[0]) && controller == "" {
			t.Fatalf("accepted a self-controlled document whose only key cannot sign: %+v", doc)
		}
		requireDidProofsBounded(t, msg.Proofs)
	})
}

func FuzzValidateUpdateDid(f *testing.F) {
	alice := didFuzzAddr("alice")
	did := didFuzzDid("a")
	vm := did + "#key-1"
	// signer, id, version id, proof vm, signature length, proof count
	f.Add(alice, did, "1", vm, uint8(64), uint8(0))
	f.Add(alice, did, "18446744073709551615", vm, uint8(64), uint8(1))
	f.Add(alice, did, "18446744073709551616", vm, uint8(64), uint8(1))
	f.Add(alice, did, "0", vm, uint8(64), uint8(0))
	f.Add(alice, did, "01", vm, uint8(64), uint8(0))
	f.Add(alice, did, "", vm, uint8(64), uint8(0))
	f.Add(alice, did, "+1", vm, uint8(64), uint8(0))
	f.Add(alice, did, " 1", vm, uint8(64), uint8(0))
	f.Add(alice, did, "1", vm, uint8(128), uint8(8))
	f.Add(alice, did, "1", vm, uint8(64), uint8(9))
	f.Add(alice, did, "1", vm+"/x", uint8(64), uint8(1))
	f.Add(alice, "did:civic:"+strings.Repeat("1", 45), "1", vm, uint8(64), uint8(0))
	f.Add("", did, "1", vm, uint8(64), uint8(0))

	f.Fuzz(func(t *testing.T, signer, id, versionID, proofVM string, sigLen, nProofs uint8) {
		doc := types.DidDocument{
			Id:                 id,
			Controller:         []string{alice},
			VerificationMethod: []types.VerificationMethod{{Id: id + "#key-1", Type: types.KeyTypeEd25519, Controller: id, PublicKeyMultibase: didFuzzMultibase("a")}},
			Authentication:     []string{id + "#key-1"},
		}
		msg := &types.MsgUpdateDid{Signer: signer, Document: doc, VersionId: versionID, Proofs: didFuzzProofs(nProofs, proofVM, sigLen)}
		addr, n, err := validateUpdateDid(didFuzzCodec, msg, types.DefaultMaxDocumentBytes)
		if err != nil {
			requireDidModuleError(t, err)
			return
		}
		if canonical, _ := didFuzzCodec.BytesToString(addr); canonical != signer {
			t.Fatalf("accepted signer %q", signer)
		}
		if !didFuzzDidRe.MatchString(id) {
			t.Fatalf("accepted document id %q", id)
		}
		if !didFuzzVersionIDRe.MatchString(versionID) || types.FormatVersionID(n) != versionID {
			t.Fatalf("accepted version id %q as %d", versionID, n)
		}
		requireDidProofsBounded(t, msg.Proofs)
	})
}

func FuzzValidateDeactivateDid(f *testing.F) {
	alice := didFuzzAddr("alice")
	did := didFuzzDid("a")
	vm := didFuzzDid("parent") + "#key-1"
	// signer, did, version id, proof vm, signature length, proof count
	f.Add(alice, did, "1", vm, uint8(64), uint8(0))
	f.Add(alice, did, "7", vm, uint8(64), uint8(2))
	f.Add(alice, "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9a66", "1", vm, uint8(64), uint8(0))
	f.Add(alice, "did:civic:6E8BC430-9C3A-11D9-9669-0800200C9A66", "1", vm, uint8(64), uint8(0))
	f.Add(alice, "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9a6", "1", vm, uint8(64), uint8(0))
	f.Add(alice, "did:civic:"+strings.Repeat("1", 21), "1", vm, uint8(64), uint8(0))
	f.Add(alice, "did:civic:"+strings.Repeat("1", 22), "1", vm, uint8(64), uint8(0))
	f.Add(alice, "did:key:z6Mk", "1", vm, uint8(64), uint8(0))
	f.Add(alice, did+"#key-1", "1", vm, uint8(64), uint8(0))
	f.Add(alice, did, "1", "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9a66#k", uint8(64), uint8(1))
	f.Add(alice, did, "1", did+"#", uint8(64), uint8(1))
	f.Add(alice, did, "1", vm, uint8(0), uint8(3))
	f.Add(alice, did, "x", vm, uint8(64), uint8(0))
	f.Add(strings.ToUpper(alice), did, "1", vm, uint8(64), uint8(0))

	f.Fuzz(func(t *testing.T, signer, did, versionID, proofVM string, sigLen, nProofs uint8) {
		msg := &types.MsgDeactivateDid{Signer: signer, Did: did, VersionId: versionID, Proofs: didFuzzProofs(nProofs, proofVM, sigLen)}
		addr, n, err := validateDeactivateDid(didFuzzCodec, msg)
		if err != nil {
			requireDidModuleError(t, err)
			return
		}
		if canonical, _ := didFuzzCodec.BytesToString(addr); canonical != signer {
			t.Fatalf("accepted signer %q", signer)
		}
		if !didFuzzDidRe.MatchString(did) {
			t.Fatalf("accepted DID %q", did)
		}
		if !didFuzzVersionIDRe.MatchString(versionID) || types.FormatVersionID(n) != versionID {
			t.Fatalf("accepted version id %q as %d", versionID, n)
		}
		requireDidProofsBounded(t, msg.Proofs)
	})
}

// TestValidateDidMessagesAcceptValid makes sure the fuzz oracles above see the
// accepting path: a valid message of each kind passes validation.
func TestValidateDidMessagesAcceptValid(t *testing.T) {
	// ARRANGE
	alice := didFuzzAddr("alice")
	did := didFuzzDid("a")
	vm := did + "#key-1"
	doc := types.DidDocument{
		Id:                 did,
		VerificationMethod: []types.VerificationMethod{{Id: vm, Type: types.KeyTypeEd25519, Controller: did, PublicKeyMultibase: didFuzzMultibase("a")}},
		Authentication:     []string{vm},
	}
	proofs := didFuzzProofs(MaxDidProofs, vm, 64)

	// ACT
	_, errCreate := validateCreateDid(didFuzzCodec, &types.MsgCreateDid{Signer: alice, Document: doc, Proofs: proofs}, types.DefaultMaxDocumentBytes)
	_, n, errUpdate := validateUpdateDid(didFuzzCodec, &types.MsgUpdateDid{Signer: alice, Document: doc, VersionId: "12", Proofs: proofs}, types.DefaultMaxDocumentBytes)
	_, m, errDeactivate := validateDeactivateDid(didFuzzCodec, &types.MsgDeactivateDid{Signer: alice, Did: did, VersionId: "3", Proofs: proofs})

	// ASSERT
	if errCreate != nil || errUpdate != nil || errDeactivate != nil {
		t.Fatalf("valid messages rejected: %v / %v / %v", errCreate, errUpdate, errDeactivate)
	}
	if n != 12 || m != 3 {
		t.Fatalf("version numbers %d and %d, want 12 and 3", n, m)
	}
}
