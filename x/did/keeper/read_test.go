package keeper_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	sdksecp256k1 "github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// The assertion tests' DIDs are didOf(name) documents controlled by alice:
//
//	#key-1      Ed25519, key of name          authentication only (didDoc)
//	#assert-ed  Ed25519, key of name+"/assert" assertionMethod
//	#assert-k1  secp256k1, asrtK1Key(name)     assertionMethod
var asrtPayload = []byte(`{"program_id":1,"class":2}`)

// asrtK1Key is a deterministic secp256k1 key for a name.
func asrtK1Key(name string) *sdksecp256k1.PrivKey {
	seed := sha256.Sum256([]byte("civic-did-test-k1/" + name))
	return &sdksecp256k1.PrivKey{Key: seed[:]}
}

// asrtDoc is didDoc(name) with the two assertionMethod keys above.
func asrtDoc(name string, controllers ...string) types.DidDocument {
	doc := didDoc(name, controllers...)
	k1 := types.VerificationMethod{
		Id:                 doc.Id + "#assert-k1",
		Type:               types.KeyTypeSecp256k1,
		Controller:         doc.Id,
		PublicKeyMultibase: types.Secp256k1Multibase(asrtK1Key(name).PubKey().Bytes()),
	}
	doc.VerificationMethod = append(doc.VerificationMethod, didMethod(doc.Id, "assert-ed", name+"/assert"), k1)
	doc.AssertionMethod = []string{doc.Id + "#assert-ed", k1.Id}
	return doc
}

// asrtEd signs the assertion bytes with the Ed25519 key of keyName.
func asrtEd(chainID, did, vmID string, payload []byte, keyName string) []byte {
	return ed25519.Sign(didKey(keyName), types.AssertionSignBytes(chainID, did, vmID, payload))
}

// asrtK1 signs the assertion bytes with asrtK1Key(name) (r||s over SHA-256, low-S).
func asrtK1(t *testing.T, chainID, did, vmID string, payload []byte, name string) []byte {
	t.Helper()
	sig, err := asrtK1Key(name).Sign(types.AssertionSignBytes(chainID, did, vmID, payload))
	require.NoError(t, err)
	return sig
}

type asrtFixture struct {
	*didFixture
	did string // asrtDoc("issuer"), controlled by alice
}

func newAsrtFixture(t *testing.T) *asrtFixture {
	t.Helper()
	f := newDidFixture(t)
	doc := asrtDoc("issuer", f.s(didAlice))
	f.create(didCreateMsg(f.s(didAlice), doc))
	return &asrtFixture{didFixture: f, did: doc.Id}
}

func TestVerifyAssertion(t *testing.T) {
	// ARRANGE
	f := newAsrtFixture(t)
	did := f.did
	edSig := asrtEd(testkeeper.DidChainID, did, did+"#assert-ed", asrtPayload, "issuer/assert")
	k1Sig := asrtK1(t, testkeeper.DidChainID, did, did+"#assert-k1", asrtPayload, "issuer")
	before := f.export()

	// ACT + ASSERT: each key type, named absolutely and relative to the DID.
	for _, tc := range []struct {
		name, vm string
		sig      []byte
	}{
		{"Ed25519 absolute", did + "#assert-ed", edSig},
		{"Ed25519 relative", "#assert-ed", edSig},
		{"secp256k1 absolute", did + "#assert-k1", k1Sig},
		{"secp256k1 relative", "#assert-k1", k1Sig},
	} {
		f.freshEvents()
		require.NoError(t, f.k.VerifyAssertion(f.ctx, did, tc.vm, asrtPayload, tc.sig), tc.name)
		require.Empty(t, f.ctx.EventManager().Events(), tc.name)
	}
	require.Equal(t, before, f.export(), "verifying writes nothing")

	// An empty payload is a payload like any other.
	empty := asrtEd(testkeeper.DidChainID, did, did+"#assert-ed", nil, "issuer/assert")
	require.NoError(t, f.k.VerifyAssertion(f.ctx, did, "#assert-ed", nil, empty))
}

func TestVerifyAssertionChargesProofGas(t *testing.T) {
	// ARRANGE: a verified assertion and one refused just before the signature
	// check read the same records, so they differ by the verification's gas.
	f := newAsrtFixture(t)
	sig := asrtEd(testkeeper.DidChainID, f.did, f.did+"#assert-ed", asrtPayload, "issuer/assert")
	gas := func(vm string) uint64 {
		start := f.ctx.GasMeter().GasConsumed()
		_ = f.k.VerifyAssertion(f.ctx, f.did, vm, asrtPayload, sig)
		return f.ctx.GasMeter().GasConsumed() - start
	}

	// ACT
	verified := gas("#assert-ed")
	refused := gas("#key-1")

	// ASSERT
	require.Equal(t, keeper.DidProofVerifyGas, verified-refused)
}

func TestVerifyAssertionRejected(t *testing.T) {
	issuer, other := didOf("issuer"), didOf("other")
	chain := testkeeper.DidChainID
	ed := func(did, vm string, payload []byte) []byte { return asrtEd(chain, did, vm, payload, "issuer/assert") }
	for _, tc := range []struct {
		name     string
		arrange  func(f *asrtFixture) (did, vm string, payload, sig []byte)
		want     error
		mentions []string
	}{
		{"malformed DID", func(*asrtFixture) (string, string, []byte, []byte) {
			return "did:civic:0", "#assert-ed", asrtPayload, ed(issuer, issuer+"#assert-ed", asrtPayload)
		}, types.ErrInvalidDid, []string{"did:civic:0"}},
		{"malformed method", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "key-1", asrtPayload, ed(issuer, issuer+"#assert-ed", asrtPayload)
		}, types.ErrInvalidDidURL, []string{issuer, "key-1"}},
		{"empty method", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "", asrtPayload, ed(issuer, issuer+"#assert-ed", asrtPayload)
		}, types.ErrInvalidDidURL, []string{issuer}},
		{"unknown DID", func(*asrtFixture) (string, string, []byte, []byte) {
			nobody := didOf("nobody")
			return nobody, "#assert-ed", asrtPayload, ed(nobody, nobody+"#assert-ed", asrtPayload)
		}, types.ErrDidNotFound, []string{didOf("nobody")}},
		{"deactivated DID", func(f *asrtFixture) (string, string, []byte, []byte) {
			f.deactivate(didDeactivateMsg(f.s(didAlice), issuer, "1"))
			return issuer, "#assert-ed", asrtPayload, ed(issuer, issuer+"#assert-ed", asrtPayload)
		}, types.ErrDidDeactivated, []string{issuer}},
		{"method only in authentication", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "#key-1", asrtPayload, asrtEd(chain, issuer, issuer+"#key-1", asrtPayload, "issuer")
		}, types.ErrNotAssertionMethod, []string{issuer + "#key-1", "assertionMethod"}},
		{"method of another DID", func(f *asrtFixture) (string, string, []byte, []byte) {
			f.create(didCreateMsg(f.s(didAlice), asrtDoc("other", f.s(didAlice))))
			return issuer, other + "#assert-ed", asrtPayload, asrtEd(chain, issuer, other+"#assert-ed", asrtPayload, "other/assert")
		}, types.ErrNotAssertionMethod, []string{issuer, other + "#assert-ed"}},
		{"unknown method fragment", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "#assert-x", asrtPayload, ed(issuer, issuer+"#assert-x", asrtPayload)
		}, types.ErrNotAssertionMethod, []string{issuer + "#assert-x"}},
		{"method removed from assertionMethod by an update", func(f *asrtFixture) (string, string, []byte, []byte) {
			next := asrtDoc("issuer", f.s(didAlice))
			next.AssertionMethod = []string{issuer + "#assert-ed"}
			f.update(didUpdateMsg(f.s(didAlice), next, "1"))
			return issuer, "#assert-k1", asrtPayload, asrtK1(f.t, chain, issuer, issuer+"#assert-k1", asrtPayload, "issuer")
		}, types.ErrNotAssertionMethod, []string{issuer + "#assert-k1", "version 2"}},
		{"signature over another payload", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "#assert-ed", asrtPayload, ed(issuer, issuer+"#assert-ed", []byte(`{"program_id":1,"class":4}`))
		}, types.ErrInvalidProof, []string{issuer + "#assert-ed"}},
		{"signature made for another chain id", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "#assert-ed", asrtPayload, asrtEd("civic-other-1", issuer, issuer+"#assert-ed", asrtPayload, "issuer/assert")
		}, types.ErrInvalidProof, []string{issuer + "#assert-ed"}},
		{"signature naming another method", func(*asrtFixture) (string, string, []byte, []byte) {
			// the Ed25519 key signed bytes naming the secp256k1 method
			return issuer, "#assert-ed", asrtPayload, ed(issuer, issuer+"#assert-k1", asrtPayload)
		}, types.ErrInvalidProof, []string{issuer + "#assert-ed"}},
		{"signature by another key", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "#assert-ed", asrtPayload, asrtEd(chain, issuer, issuer+"#assert-ed", asrtPayload, "issuer")
		}, types.ErrInvalidProof, []string{issuer + "#assert-ed"}},
		{"secp256k1 signature over another payload", func(f *asrtFixture) (string, string, []byte, []byte) {
			return issuer, "#assert-k1", asrtPayload, asrtK1(f.t, chain, issuer, issuer+"#assert-k1", nil, "issuer")
		}, types.ErrInvalidProof, []string{issuer + "#assert-k1"}},
		{"signature too short", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "#assert-ed", asrtPayload, ed(issuer, issuer+"#assert-ed", asrtPayload)[:63]
		}, types.ErrInvalidProof, []string{issuer + "#assert-ed", "63 bytes"}},
		{"signature too long", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "#assert-ed", asrtPayload, append(ed(issuer, issuer+"#assert-ed", asrtPayload), 0)
		}, types.ErrInvalidProof, []string{issuer + "#assert-ed", "65 bytes"}},
		{"no signature", func(*asrtFixture) (string, string, []byte, []byte) {
			return issuer, "#assert-ed", asrtPayload, nil
		}, types.ErrInvalidProof, []string{issuer + "#assert-ed", "0 bytes"}},
		{"DID proof bytes over the same payload", func(*asrtFixture) (string, string, []byte, []byte) {
			proof := types.ProofSignBytes(chain, sdk.MsgTypeURL(&types.MsgUpdateDid{}), issuer, "1", asrtPayload)
			return issuer, "#assert-ed", asrtPayload, ed25519.Sign(didKey("issuer/assert"), proof)
		}, types.ErrInvalidProof, []string{issuer + "#assert-ed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newAsrtFixture(t)
			did, vm, payload, sig := tc.arrange(f)
			var err error
			testkeeper.RequireRejected(t, tc.want, &f.ctx, f.export, func() error {
				err = f.k.VerifyAssertion(f.ctx, did, vm, payload, sig)
				return err
			})
			for _, m := range tc.mentions {
				require.ErrorContains(t, err, m)
			}
		})
	}
}

func TestAssertionIsNoDidProof(t *testing.T) {
	// ARRANGE: a self-controlled DID whose key-1 is both an authentication and
	// an assertionMethod key signs an assertion over the protobuf encoding of
	// an update of its own document: a valid assertion, but not a proof.
	f := newDidFixture(t)
	doc := didDoc("self")
	doc.AssertionMethod = []string{doc.Id + "#key-1"}
	f.create(didCreateMsg(f.s(didRelayer), doc).sign("self", doc.Id+"#key-1"))
	next := didDoc("self")
	payload, err := next.Marshal()
	require.NoError(t, err)
	sig := ed25519.Sign(didKey("self"), types.AssertionSignBytes(testkeeper.DidChainID, doc.Id, doc.Id+"#key-1", payload))
	require.NoError(t, f.k.VerifyAssertion(f.ctx, doc.Id, "#key-1", payload, sig))

	// ACT + ASSERT: used as the proof of the update, it is refused and nothing changes.
	testkeeper.RequireRejected(t, types.ErrInvalidProof, &f.ctx, f.export, func() error {
		_, err := f.msg.UpdateDid(f.ctx, &types.MsgUpdateDid{
			Signer: f.s(didRelayer), Document: next, VersionId: "1",
			Proofs: []types.DidProof{{VerificationMethod: doc.Id + "#key-1", Signature: sig}},
		})
		return err
	})
}

func TestStatusEntry(t *testing.T) {
	// ARRANGE: a suspension list with entries 5 and 8199 (second chunk) set,
	// then 5 cleared (lifted suspension); a revocation list with entry 7 set.
	f := newIssFixture(t)
	susp := f.createList(types.StatusPurposeSuspension)
	f.update(susp, issSet(5), issSet(types.StatusChunkBits+7))
	f.update(susp, issClear(5), issSet(6))
	revo := f.createList(types.StatusPurposeRevocation)
	f.update(revo, issSet(7))
	last := types.MinStatusListEntries - 1
	before := f.export()

	// ACT + ASSERT
	for _, tc := range []struct {
		name  string
		list  uint64
		index uint64
		set   bool
	}{
		{"set suspension bit", susp, 6, true},
		{"set bit in a later chunk", susp, types.StatusChunkBits + 7, true},
		{"cleared suspension bit", susp, 5, false},
		{"never set", susp, 0, false},
		{"last entry, chunk not stored", susp, last, false},
		{"revoked", revo, 7, true},
		{"not revoked", revo, 8, false},
	} {
		l, set, err := f.k.StatusEntry(f.ctx, tc.list, tc.index)
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.set, set, tc.name)
		require.Equal(t, f.list(tc.list), l, tc.name)
	}
	require.Equal(t, before, f.export(), "reading writes nothing")

	// A revocation stays readable after the issuer is deactivated.
	f.deactivateDid(f.issuerDid, issOp)
	l, set, err := f.k.StatusEntry(f.ctx, revo, 7)
	require.NoError(t, err)
	require.True(t, set)
	require.Equal(t, f.issuerDid, l.IssuerDid)
	require.Equal(t, types.StatusPurposeRevocation, l.Purpose)
}

func TestStatusEntryRejected(t *testing.T) {
	for _, tc := range []struct {
		name     string
		list     func(id uint64) uint64
		index    uint64
		want     error
		mentions []string
	}{
		{"unknown list", func(uint64) uint64 { return 99 }, 0, types.ErrStatusListNotFound, []string{"status list 99"}},
		{"list id zero", func(uint64) uint64 { return 0 }, 0, types.ErrStatusListNotFound, []string{"status list 0"}},
		{"index equal to the size", func(id uint64) uint64 { return id }, types.MinStatusListEntries, types.ErrIndexOutOfRange,
			[]string{"index 131072", "131072 entries"}},
		{"largest index", func(id uint64) uint64 { return id }, math.MaxUint64, types.ErrIndexOutOfRange,
			[]string{"index 18446744073709551615"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newIssFixture(t)
			id := f.createList(types.StatusPurposeSuspension)
			f.update(id, issSet(1))
			var err error
			testkeeper.RequireRejected(t, tc.want, &f.ctx, f.export, func() error {
				var l types.StatusList
				var set bool
				l, set, err = f.k.StatusEntry(f.ctx, tc.list(id), tc.index)
				require.Equal(t, types.StatusList{}, l)
				require.False(t, set)
				return err
			})
			for _, m := range tc.mentions {
				require.ErrorContains(t, err, m)
			}
		})
	}
}

// TestActiveDid: an existing DID is active until it is deactivated; a malformed, an
// unknown and a deactivated DID are each refused with their registered error naming
// the DID; asking writes nothing and emits nothing.
func TestActiveDid(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	live := f.createByAlice("live")
	gone := f.createByAlice("gone")
	f.deactivate(didDeactivateMsg(f.s(didAlice), gone.Id, "1"))
	before := f.export()

	// ACT + ASSERT: the active DID.
	f.freshEvents()
	require.NoError(t, f.k.ActiveDid(f.ctx, live.Id))
	require.Empty(t, f.ctx.EventManager().Events(), "asking emits nothing")
	require.Equal(t, before, f.export(), "asking writes nothing")

	for _, tc := range []struct {
		name, did string
		want      error
	}{
		{"malformed", "did:web:example.org", types.ErrInvalidDid},
		{"empty", "", types.ErrInvalidDid},
		{"unknown", didOf("nobody"), types.ErrDidNotFound},
		{"deactivated", gone.Id, types.ErrDidDeactivated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			testkeeper.RequireRejected(t, tc.want, &f.ctx, f.export, func() error {
				err = f.k.ActiveDid(f.ctx, tc.did)
				return err
			})
			if tc.did != "" {
				require.ErrorContains(t, err, tc.did)
			}
		})
	}
}
