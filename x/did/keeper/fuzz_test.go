package keeper

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"regexp"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/testutil/keeper/sample"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// Native Go fuzz targets over the stateless validation of every message
// (validate_did.go, validate_issuer.go). The seed corpora below run in every
// `go test`; `go test -fuzz FuzzValidateCreateDid ./x/did/keeper` explores
// further. Each target checks the validator against an independent oracle.

var (
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

// didFuzzProofs is n copies (n taken mod 16) of a proof by vm with a signature of sigLen bytes.
func didFuzzProofs(n uint8, vm string, sigLen uint8) []types.DidProof {
	proofs := make([]types.DidProof, n%16)
	for i := range proofs {
		proofs[i] = types.DidProof{VerificationMethod: vm, Signature: make([]byte, sigLen)}
	}
	return proofs
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
	alice := sample.Addr("alice")
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
		addr, err := validateCreateDid(sample.Codec, msg, types.DefaultMaxDocumentBytes)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		// Accepted: every field keeps the grammar and bounds the spec states.
		if canonical, _ := sample.Codec.BytesToString(addr); canonical != signer {
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
	alice := sample.Addr("alice")
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
		addr, err := validateUpdateDid(sample.Codec, msg, types.DefaultMaxDocumentBytes)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		requireAcceptedVersionedDid(t, addr, signer, "document id", id, versionID)
		requireDidProofsBounded(t, msg.Proofs)
	})
}

func FuzzValidateDeactivateDid(f *testing.F) {
	alice := sample.Addr("alice")
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
		addr, err := validateDeactivateDid(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		requireAcceptedVersionedDid(t, addr, signer, "DID", did, versionID)
		requireDidProofsBounded(t, msg.Proofs)
	})
}

// requireAcceptedVersionedDid fails unless an accepted update or deactivation
// names its signer canonically, a well-formed DID (what names it) and a
// canonical version id.
func requireAcceptedVersionedDid(t *testing.T, addr sdk.AccAddress, signer, what, did, versionID string) {
	t.Helper()
	if canonical, _ := sample.Codec.BytesToString(addr); canonical != signer {
		t.Fatalf("accepted signer %q", signer)
	}
	if !didFuzzDidRe.MatchString(did) {
		t.Fatalf("accepted %s %q", what, did)
	}
	if n, err := types.ParseVersionID(versionID); err != nil || !didFuzzVersionIDRe.MatchString(versionID) || types.FormatVersionID(n) != versionID {
		t.Fatalf("accepted version id %q as %d", versionID, n)
	}
}

// TestValidateDidMessagesAcceptValid makes sure the fuzz oracles above see the
// accepting path: a valid message of each kind passes validation.
func TestValidateDidMessagesAcceptValid(t *testing.T) {
	// ARRANGE
	alice := sample.Addr("alice")
	did := didFuzzDid("a")
	vm := did + "#key-1"
	doc := types.DidDocument{
		Id:                 did,
		VerificationMethod: []types.VerificationMethod{{Id: vm, Type: types.KeyTypeEd25519, Controller: did, PublicKeyMultibase: didFuzzMultibase("a")}},
		Authentication:     []string{vm},
	}
	proofs := didFuzzProofs(MaxDidProofs, vm, 64)

	// ACT
	_, errCreate := validateCreateDid(sample.Codec, &types.MsgCreateDid{Signer: alice, Document: doc, Proofs: proofs}, types.DefaultMaxDocumentBytes)
	_, errUpdate := validateUpdateDid(sample.Codec, &types.MsgUpdateDid{Signer: alice, Document: doc, VersionId: "12", Proofs: proofs}, types.DefaultMaxDocumentBytes)
	_, errDeactivate := validateDeactivateDid(sample.Codec, &types.MsgDeactivateDid{Signer: alice, Did: did, VersionId: "3", Proofs: proofs})

	// ASSERT
	if errCreate != nil || errUpdate != nil || errDeactivate != nil {
		t.Fatalf("valid messages rejected: %v / %v / %v", errCreate, errUpdate, errDeactivate)
	}
}

// The schema, issuer and status-list messages; each oracle is checked in both
// directions (what it accepts passes, what it refuses fails).

func issFuzzAddr(name string) string {
	b := make([]byte, 20)
	copy(b, name)
	s, err := sample.Codec.BytesToString(b)
	if err != nil {
		panic(err)
	}
	return s
}

// issCanonical is the address oracle: the string decodes and is spelt canonically.
func issCanonical(s string) bool {
	if len(s) > accaddr.MaxLength {
		return false
	}
	bz, err := sample.Codec.StringToBytes(s)
	if err != nil || len(bz) == 0 {
		return false
	}
	c, err := sample.Codec.BytesToString(bz)
	return err == nil && c == s
}

// issRequireValidationError fails unless err is a registered error of this
// module, x/agency's invalid agency id or the SDK's invalid address:
// validation never returns an internal error.
func issRequireValidationError(t *testing.T, err error) {
	t.Helper()
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	if codespace == types.ModuleName && code >= 2 {
		return
	}
	if errorsmod.IsOf(err, sdkerrors.ErrInvalidAddress) || errorsmod.IsOf(err, agencytypes.ErrInvalidAgencyID) {
		return
	}
	t.Fatalf("unexpected error kind %s/%d: %v", codespace, code, err)
}

// issChanges reads status changes from raw, five bytes each: a big-endian
// uint32 index and a value byte (odd = set).
func issChanges(raw []byte) []types.StatusChange {
	out := make([]types.StatusChange, 0, len(raw)/5)
	for ; len(raw) >= 5; raw = raw[5:] {
		out = append(out, types.StatusChange{Index: uint64(binary.BigEndian.Uint32(raw)), Value: raw[4]&1 == 1})
	}
	return out
}

func issRawChanges(changes ...types.StatusChange) []byte {
	out := make([]byte, 0, 5*len(changes))
	for _, c := range changes {
		out = binary.BigEndian.AppendUint32(out, uint32(c.Index))
		v := byte(0)
		if c.Value {
			v = 1
		}
		out = append(out, v)
	}
	return out
}

func FuzzValidateUpdateStatusList(f *testing.F) {
	op := issFuzzAddr("issuer")
	set := func(i uint64) types.StatusChange { return types.StatusChange{Index: i, Value: true} }
	many := make([]types.StatusChange, types.MaxMaxStatusChanges+1)
	for i := range many {
		many[i] = set(uint64(i))
	}
	f.Add(op, uint64(1), issRawChanges(set(0)))
	f.Add(op, uint64(1), issRawChanges(set(0), types.StatusChange{Index: 131071}, set(8192)))
	f.Add(op, uint64(7), issRawChanges(set(types.MaxMaxStatusListEntries-1)))
	f.Add(op, uint64(7), issRawChanges(set(types.MaxMaxStatusListEntries)))
	f.Add(op, uint64(1), issRawChanges(set(5), set(5)))
	f.Add(op, uint64(1), issRawChanges(set(5), types.StatusChange{Index: 5}))
	f.Add(op, uint64(1), []byte{})
	f.Add(op, uint64(1), []byte{0, 0, 0})
	f.Add(op, uint64(0), issRawChanges(set(1)))
	f.Add(op, uint64(1), issRawChanges(many[:types.MaxMaxStatusChanges]...))
	f.Add(op, uint64(1), issRawChanges(many...))
	f.Add("civic1invalid", uint64(1), issRawChanges(set(1)))
	f.Add(strings.ToUpper(op), uint64(1), issRawChanges(set(1)))
	f.Add(strings.Repeat("c", 200), uint64(1), issRawChanges(set(1)))
	f.Fuzz(func(t *testing.T, signer string, listID uint64, raw []byte) {
		msg := &types.MsgUpdateStatusList{Signer: signer, ListId: listID, Changes: issChanges(raw)}
		_, err := validateUpdateStatusList(sample.Codec, msg)

		valid := issCanonical(signer) && listID != 0 && len(msg.Changes) >= 1 && len(msg.Changes) <= int(types.MaxMaxStatusChanges)
		seen := map[uint64]bool{}
		for _, c := range msg.Changes {
			valid = valid && c.Index < types.MaxMaxStatusListEntries && !seen[c.Index]
			seen[c.Index] = true
		}
		if (err == nil) != valid {
			t.Fatalf("validateUpdateStatusList = %v, oracle says valid=%v for list %d, %d changes", err, valid, listID, len(msg.Changes))
		}
		if err != nil {
			issRequireValidationError(t, err)
		}
	})
}

func FuzzValidateSetIssuerSchemas(f *testing.F) {
	admin := issFuzzAddr("admin")
	did := "did:civic:123e4567-e89b-42d3-a456-426614174000"
	f.Add(admin, did, []byte{1}, []byte{})
	f.Add(admin, did, []byte{1, 2, 3}, []byte{4, 5})
	f.Add(admin, did, []byte{}, []byte{})
	f.Add(admin, did, []byte{1, 1}, []byte{})
	f.Add(admin, did, []byte{1}, []byte{1})
	f.Add(admin, did, []byte{0}, []byte{})
	f.Add(admin, did, []byte(strings.Repeat("\x01", 65)), []byte{})
	f.Add(admin, "did:web:example.com", []byte{1}, []byte{})
	f.Add("civic1invalid", did, []byte{1}, []byte{})
	f.Fuzz(func(t *testing.T, signer, did string, grantRaw, revokeRaw []byte) {
		toIDs := func(raw []byte) []uint64 {
			ids := make([]uint64, len(raw))
			for i, b := range raw {
				ids[i] = uint64(b)
			}
			return ids
		}
		msg := &types.MsgSetIssuerSchemas{Signer: signer, Did: did, Grant: toIDs(grantRaw), Revoke: toIDs(revokeRaw)}
		_, err := validateSetIssuerSchemas(sample.Codec, msg)

		valid := issCanonical(signer) && types.ValidateDid(did) == nil &&
			len(msg.Grant) <= MaxSchemaIDsPerMsg && len(msg.Revoke) <= MaxSchemaIDsPerMsg && len(msg.Grant)+len(msg.Revoke) > 0
		seen := map[uint64]bool{}
		for _, id := range append(append([]uint64{}, msg.Grant...), msg.Revoke...) {
			valid = valid && id != 0 && !seen[id]
			seen[id] = true
		}
		if (err == nil) != valid {
			t.Fatalf("validateSetIssuerSchemas = %v, oracle says valid=%v for %+v", err, valid, msg)
		}
		if err != nil {
			issRequireValidationError(t, err)
		}
	})
}

func FuzzValidateCreateStatusList(f *testing.F) {
	op := issFuzzAddr("issuer")
	did := "did:civic:123e4567-e89b-42d3-a456-426614174000"
	f.Add(op, did, int32(1), types.MinStatusListEntries)
	f.Add(op, did, int32(2), types.MaxMaxStatusListEntries)
	f.Add(op, did, int32(2), types.MaxMaxStatusListEntries+types.StatusChunkBits)
	f.Add(op, did, int32(1), types.MinStatusListEntries-types.StatusChunkBits)
	f.Add(op, did, int32(1), types.MinStatusListEntries+1)
	f.Add(op, did, int32(1), uint64(0))
	f.Add(op, did, int32(0), types.MinStatusListEntries)
	f.Add(op, did, int32(3), types.MinStatusListEntries)
	f.Add(op, did, int32(-1), types.MinStatusListEntries)
	f.Add(op, "did:civic:", int32(1), types.MinStatusListEntries)
	f.Add("", did, int32(1), types.MinStatusListEntries)
	f.Fuzz(func(t *testing.T, signer, did string, purpose int32, entries uint64) {
		msg := &types.MsgCreateStatusList{Signer: signer, IssuerDid: did, Purpose: types.StatusPurpose(purpose), Entries: entries}
		_, err := validateCreateStatusList(sample.Codec, msg)

		valid := issCanonical(signer) && types.ValidateDid(did) == nil && (purpose == 1 || purpose == 2) &&
			entries >= types.MinStatusListEntries && entries <= types.MaxMaxStatusListEntries && entries%types.StatusChunkBits == 0
		if (err == nil) != valid {
			t.Fatalf("validateCreateStatusList = %v, oracle says valid=%v for %+v", err, valid, msg)
		}
		if err != nil {
			issRequireValidationError(t, err)
		}
	})
}

func FuzzValidateBindIssuer(f *testing.F) {
	admin := issFuzzAddr("admin")
	did := "did:civic:123e4567-e89b-42d3-a456-426614174000"
	f.Add(admin, "moe", did)
	f.Add(admin, "Moe", did)
	f.Add(admin, "", did)
	f.Add(admin, strings.Repeat("m", 40), did)
	f.Add(admin, "moe", "did:civic:123E4567-E89B-42D3-A456-426614174000")
	f.Add("civic1invalid", "moe", did)
	f.Fuzz(func(t *testing.T, signer, agencyID, did string) {
		_, err := validateBindIssuer(sample.Codec, &types.MsgBindIssuer{Signer: signer, AgencyId: agencyID, Did: did})
		valid := issCanonical(signer) && agencytypes.ValidateAgencyID(agencyID) == nil && types.ValidateDid(did) == nil
		if (err == nil) != valid {
			t.Fatalf("validateBindIssuer = %v, oracle says valid=%v for %q %q %q", err, valid, signer, agencyID, did)
		}
		if err != nil {
			issRequireValidationError(t, err)
		}
	})
}
