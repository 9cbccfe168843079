package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

func TestCreateDidByAccountController(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	doc := didDoc("issuer", f.s(didAlice))
	f.freshEvents()

	// ACT
	res, err := f.msg.CreateDid(f.ctx, &types.MsgCreateDid{Signer: f.s(didAlice), Document: doc})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, "1", res.VersionId)
	require.Equal(t, types.DidVersion{
		Document: doc, VersionId: "1", Created: testkeeper.BlockTime, Updated: testkeeper.BlockTime,
		Signer: f.s(didAlice), Height: 1,
	}, f.version(doc.Id, 1))
	latest, err := f.k.LatestVersion.Get(f.ctx, doc.Id)
	require.NoError(t, err)
	require.Equal(t, uint64(1), latest)
	f.requireOnlyEvent(&types.EventDidCreated{Did: doc.Id, VersionId: "1", Signer: f.s(didAlice)})
}

func TestCreateDidSelfControlledWithProof(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	doc := didDoc("holder")
	msg := didCreateMsg(f.s(didRelayer), doc).sign("holder", doc.Id+"#key-1")
	f.freshEvents()
	gasBefore := f.ctx.GasMeter().GasConsumed()

	// ACT
	res, err := f.msg.CreateDid(f.ctx, msg.MsgCreateDid)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, "1", res.VersionId)
	v := f.version(doc.Id, 1)
	require.Equal(t, doc, v.Document)
	require.Equal(t, f.s(didRelayer), v.Signer)
	require.GreaterOrEqual(t, f.ctx.GasMeter().GasConsumed()-gasBefore, keeper.DidProofVerifyGas, "a verified proof is charged")
	f.requireOnlyEvent(&types.EventDidCreated{Did: doc.Id, VersionId: "1", Signer: f.s(didRelayer)})
}

func TestCreateDidByControllerDidProof(t *testing.T) {
	// ARRANGE: parent controls itself; child names parent as its only controller.
	f := newDidFixture(t)
	parent := f.createSelf("parent")
	child := didDoc("child", parent.Id)
	msg := didCreateMsg(f.s(didRelayer), child).sign("parent", parent.Id+"#key-1")
	f.freshEvents()

	// ACT
	_, err := f.msg.CreateDid(f.ctx, msg.MsgCreateDid)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, child, f.version(child.Id, 1).Document)
	f.requireOnlyEvent(&types.EventDidCreated{Did: child.Id, VersionId: "1", Signer: f.s(didRelayer)})
}

func TestCreateDidRejected(t *testing.T) {
	create := func(f *didFixture, m *didCreate) func() error {
		return func() error {
			_, err := f.msg.CreateDid(f.ctx, m.MsgCreateDid)
			return err
		}
	}
	byAlice := func(f *didFixture, doc types.DidDocument) func() error {
		return create(f, didCreateMsg(f.s(didAlice), doc))
	}
	runDidRejections(t, []didRejection{
		{"malformed signer", func(f *didFixture) func() error {
			return create(f, didCreateMsg("civic1xyz", didDoc("a", f.s(didAlice))))
		}, sdkerrors.ErrInvalidAddress},
		{"uppercase signer", func(f *didFixture) func() error {
			return create(f, didCreateMsg(strings.ToUpper(f.s(didAlice)), didDoc("a", f.s(didAlice))))
		}, sdkerrors.ErrInvalidAddress},
		{"document id of another method", func(f *didFixture) func() error {
			doc := didDoc("a", f.s(didAlice))
			doc.Id = "did:web:example.com"
			return byAlice(f, doc)
		}, types.ErrInvalidDid},
		{"dangling authentication reference", func(f *didFixture) func() error {
			doc := didDoc("a", f.s(didAlice))
			doc.Authentication = []string{doc.Id + "#key-2"}
			return byAlice(f, doc)
		}, types.ErrDanglingReference},
		{"unsupported key type", func(f *didFixture) func() error {
			doc := didDoc("a", f.s(didAlice))
			doc.VerificationMethod[0].Type = "RsaVerificationKey2018"
			return byAlice(f, doc)
		}, types.ErrUnsupportedKeyType},
		{"key that does not decode", func(f *didFixture) func() error {
			doc := didDoc("a", f.s(didAlice))
			doc.VerificationMethod[0].PublicKeyMultibase = "z111"
			return byAlice(f, doc)
		}, types.ErrInvalidKey},
		{"uppercase account controller", func(f *didFixture) func() error {
			return byAlice(f, didDoc("a", strings.ToUpper(f.s(didAlice))))
		}, sdkerrors.ErrInvalidAddress},
		{"no one could change it", func(f *didFixture) func() error {
			doc := didDoc("a")
			doc.Authentication = nil
			return create(f, didCreateMsg(f.s(didAlice), doc))
		}, types.ErrControllerLockout},
		{"document over params.max_document_bytes", func(f *didFixture) func() error {
			p, err := f.k.Params.Get(f.ctx)
			require.NoError(f.t, err)
			p.MaxDocumentBytes = 64
			require.NoError(f.t, f.k.Params.Set(f.ctx, p))
			return byAlice(f, didDoc("a", f.s(didAlice)))
		}, types.ErrDocumentTooLarge},
		{"nine proofs", func(f *didFixture) func() error {
			doc := didDoc("a")
			m := didCreateMsg(f.s(didRelayer), doc)
			for range keeper.MaxDidProofs + 1 {
				m.sign("a", doc.Id+"#key-1")
			}
			return create(f, m)
		}, types.ErrTooManyEntries},
		{"proof method is not a DID URL", func(f *didFixture) func() error {
			doc := didDoc("a")
			m := didCreateMsg(f.s(didRelayer), doc).sign("a", doc.Id+"#key-1")
			m.Proofs[0].VerificationMethod = doc.Id
			return create(f, m)
		}, types.ErrInvalidDidURL},
		{"oversize signature", func(f *didFixture) func() error {
			doc := didDoc("a")
			m := didCreateMsg(f.s(didRelayer), doc)
			m.Proofs = []types.DidProof{{VerificationMethod: doc.Id + "#key-1", Signature: make([]byte, keeper.MaxDidSignatureBytes+1)}}
			return create(f, m)
		}, types.ErrInvalidProof},
		{"DID exists", func(f *didFixture) func() error {
			f.createByAlice("a")
			return byAlice(f, didDoc("a", f.s(didAlice)))
		}, types.ErrDidExists},
		{"DID exists deactivated: never reused", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			f.deactivate(didDeactivateMsg(f.s(didAlice), doc.Id, "1"))
			return byAlice(f, didDoc("a", f.s(didAlice)))
		}, types.ErrDidExists},
		{"signer is not a controller", func(f *didFixture) func() error {
			return create(f, didCreateMsg(f.s(didBob), didDoc("a", f.s(didAlice))))
		}, types.ErrNotController},
		{"self-controlled without a proof", func(f *didFixture) func() error {
			return create(f, didCreateMsg(f.s(didRelayer), didDoc("a")))
		}, types.ErrNotController},
		{"proof by the wrong key", func(f *didFixture) func() error {
			doc := didDoc("a")
			return create(f, didCreateMsg(f.s(didRelayer), doc).sign("mallory", doc.Id+"#key-1"))
		}, types.ErrInvalidProof},
		{"proof over another chain id", func(f *didFixture) func() error {
			doc := didDoc("a")
			m := didCreateMsg(f.s(didRelayer), doc)
			m.Proofs = append(m.Proofs, didSignOn("civic-other-1", m.MsgCreateDid, doc.Id, "", &doc, "a", doc.Id+"#key-1"))
			return create(f, m)
		}, types.ErrInvalidProof},
		{"proof over another document", func(f *didFixture) func() error {
			doc := didDoc("a")
			m := didCreateMsg(f.s(didRelayer), doc).sign("a", doc.Id+"#key-1")
			m.Document.AlsoKnownAs = []string{"https://example.com/a"}
			return create(f, m)
		}, types.ErrInvalidProof},
		{"invalid proof although the signer is an account controller", func(f *didFixture) func() error {
			doc := didDoc("a", f.s(didAlice), didOf("a"))
			return create(f, didCreateMsg(f.s(didAlice), doc).sign("mallory", doc.Id+"#key-1"))
		}, types.ErrInvalidProof},
		{"proof by a key that is not an authentication method", func(f *didFixture) func() error {
			doc := didDoc("a")
			vm2 := didMethod(doc.Id, "key-2", "a-assert")
			doc.VerificationMethod = append(doc.VerificationMethod, vm2)
			doc.AssertionMethod = []string{vm2.Id}
			return create(f, didCreateMsg(f.s(didRelayer), doc).sign("a-assert", vm2.Id))
		}, types.ErrInvalidProof},
		{"proof by a DID that is not a controller", func(f *didFixture) func() error {
			other := f.createSelf("other")
			doc := didDoc("a")
			return create(f, didCreateMsg(f.s(didRelayer), doc).sign("other", other.Id+"#key-1"))
		}, types.ErrInvalidProof},
		{"controller DID not found", func(f *didFixture) func() error {
			return byAlice(f, didDoc("a", f.s(didAlice), didOf("ghost")))
		}, types.ErrDidNotFound},
		{"controller DID deactivated", func(f *didFixture) func() error {
			parent := f.createByAlice("parent")
			f.deactivate(didDeactivateMsg(f.s(didAlice), parent.Id, "1"))
			return byAlice(f, didDoc("a", f.s(didAlice), parent.Id))
		}, types.ErrDidDeactivated},
	})
}

func TestUpdateDidByAccountController(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	doc := f.createByAlice("issuer")
	f.later(time.Hour)
	next := doc
	next.VerificationMethod = append(next.VerificationMethod, didMethod(doc.Id, "key-2", "issuer-2"))
	next.AssertionMethod = []string{doc.Id + "#key-2"}
	f.freshEvents()

	// ACT
	res, err := f.msg.UpdateDid(f.ctx, &types.MsgUpdateDid{Signer: f.s(didAlice), Document: next, VersionId: "1"})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, "2", res.VersionId)
	require.Equal(t, types.DidVersion{
		Document: next, VersionId: "2", PreviousVersionId: "1",
		Created: testkeeper.BlockTime, Updated: testkeeper.BlockTime.Add(time.Hour),
		Signer: f.s(didAlice), Height: 2,
	}, f.version(doc.Id, 2))
	require.Equal(t, doc, f.version(doc.Id, 1).Document, "earlier versions are kept")
	latest, err := f.k.LatestVersion.Get(f.ctx, doc.Id)
	require.NoError(t, err)
	require.Equal(t, uint64(2), latest)
	f.requireOnlyEvent(&types.EventDidUpdated{Did: doc.Id, VersionId: "2", PreviousVersionId: "1", Signer: f.s(didAlice)})
}

func TestUpdateDidKeyRotationWithProofs(t *testing.T) {
	// ARRANGE: a self-controlled DID rotates key-1 (key "holder") to key-2
	// (key "holder-2"); the rotation is proved by the current key.
	f := newDidFixture(t)
	doc := f.createSelf("holder")
	rotated := doc
	rotated.VerificationMethod = []types.VerificationMethod{didMethod(doc.Id, "key-2", "holder-2")}
	rotated.Authentication = []string{doc.Id + "#key-2"}
	f.later(time.Minute)
	f.freshEvents()

	// ACT
	res, err := f.msg.UpdateDid(f.ctx, didUpdateMsg(f.s(didRelayer), rotated, "1").sign("holder", doc.Id+"#key-1").MsgUpdateDid)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, "2", res.VersionId)
	require.Equal(t, rotated, f.version(doc.Id, 2).Document)
	f.requireOnlyEvent(&types.EventDidUpdated{Did: doc.Id, VersionId: "2", PreviousVersionId: "1", Signer: f.s(didRelayer)})

	// The old key no longer controls the DID; the new one does.
	third := rotated
	third.AlsoKnownAs = []string{"https://example.com/holder"}
	_, err = f.msg.UpdateDid(f.ctx, didUpdateMsg(f.s(didRelayer), third, "2").sign("holder", doc.Id+"#key-1").MsgUpdateDid)
	require.ErrorIs(t, err, types.ErrInvalidProof)
	require.Equal(t, "3", f.update(didUpdateMsg(f.s(didRelayer), third, "2").sign("holder-2", doc.Id+"#key-2")))
}

func TestUpdateDidByControllerDidProof(t *testing.T) {
	// ARRANGE: child is controlled by the DID parent only.
	f := newDidFixture(t)
	parent := f.createSelf("parent")
	child := didDoc("child", parent.Id)
	f.create(didCreateMsg(f.s(didRelayer), child).sign("parent", parent.Id+"#key-1"))
	next := child
	next.AlsoKnownAs = []string{"https://example.com/child"}
	f.freshEvents()

	// ACT
	res, err := f.msg.UpdateDid(f.ctx, didUpdateMsg(f.s(didRelayer), next, "1").sign("parent", parent.Id+"#key-1").MsgUpdateDid)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, "2", res.VersionId)
	require.Equal(t, next, f.version(child.Id, 2).Document)
	f.requireOnlyEvent(&types.EventDidUpdated{Did: child.Id, VersionId: "2", PreviousVersionId: "1", Signer: f.s(didRelayer)})
}

func TestUpdateDidRejected(t *testing.T) {
	update := func(f *didFixture, m *didUpdate) func() error {
		return func() error {
			_, err := f.msg.UpdateDid(f.ctx, m.MsgUpdateDid)
			return err
		}
	}
	// withAka is doc with one more alsoKnownAs entry: a valid new version.
	withAka := func(doc types.DidDocument) types.DidDocument {
		doc.AlsoKnownAs = append(append([]string(nil), doc.AlsoKnownAs...), "https://example.com/next")
		return doc
	}
	runDidRejections(t, []didRejection{
		{"malformed signer", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			return update(f, didUpdateMsg("alice", withAka(doc), "1"))
		}, sdkerrors.ErrInvalidAddress},
		{"invalid document: dangling reference", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			next := withAka(doc)
			next.CapabilityInvocation = []string{doc.Id + "#nope"}
			return update(f, didUpdateMsg(f.s(didAlice), next, "1"))
		}, types.ErrDanglingReference},
		{"invalid document: duplicate method id", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			next := withAka(doc)
			next.VerificationMethod = append(next.VerificationMethod, next.VerificationMethod[0])
			return update(f, didUpdateMsg(f.s(didAlice), next, "1"))
		}, types.ErrDuplicateID},
		{"document over params.max_document_bytes", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			p, err := f.k.Params.Get(f.ctx)
			require.NoError(f.t, err)
			p.MaxDocumentBytes = uint32(doc.Size())
			require.NoError(f.t, f.k.Params.Set(f.ctx, p))
			return update(f, didUpdateMsg(f.s(didAlice), withAka(doc), "1"))
		}, types.ErrDocumentTooLarge},
		{"malformed version id", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			return update(f, didUpdateMsg(f.s(didAlice), withAka(doc), "01"))
		}, types.ErrInvalidVersionID},
		{"too many proofs", func(f *didFixture) func() error {
			doc := f.createSelf("a")
			m := didUpdateMsg(f.s(didRelayer), withAka(doc), "1")
			for range keeper.MaxDidProofs + 1 {
				m.sign("a", doc.Id+"#key-1")
			}
			return update(f, m)
		}, types.ErrTooManyEntries},
		{"DID not found", func(f *didFixture) func() error {
			return update(f, didUpdateMsg(f.s(didAlice), didDoc("a", f.s(didAlice)), "1"))
		}, types.ErrDidNotFound},
		{"stale version", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			f.update(didUpdateMsg(f.s(didAlice), withAka(doc), "1"))
			return update(f, didUpdateMsg(f.s(didAlice), doc, "1"))
		}, types.ErrStaleVersion},
		{"version ahead of the latest", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			return update(f, didUpdateMsg(f.s(didAlice), withAka(doc), "2"))
		}, types.ErrStaleVersion},
		{"deactivated DID", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			f.deactivate(didDeactivateMsg(f.s(didAlice), doc.Id, "1"))
			return update(f, didUpdateMsg(f.s(didAlice), withAka(doc), "2"))
		}, types.ErrDidDeactivated},
		{"signer is not a controller", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			return update(f, didUpdateMsg(f.s(didBob), withAka(doc), "1"))
		}, types.ErrNotController},
		{"a controller the new document adds is not a controller yet", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			next := doc
			next.Controller = []string{f.s(didBob)}
			return update(f, didUpdateMsg(f.s(didBob), next, "1"))
		}, types.ErrNotController},
		{"proof by a key of the new document, not the current one", func(f *didFixture) func() error {
			doc := f.createSelf("a")
			next := doc
			next.VerificationMethod = []types.VerificationMethod{didMethod(doc.Id, "key-2", "a-2")}
			next.Authentication = []string{doc.Id + "#key-2"}
			return update(f, didUpdateMsg(f.s(didRelayer), next, "1").sign("a-2", doc.Id+"#key-2"))
		}, types.ErrInvalidProof},
		{"proof by the wrong key", func(f *didFixture) func() error {
			doc := f.createSelf("a")
			return update(f, didUpdateMsg(f.s(didRelayer), withAka(doc), "1").sign("mallory", doc.Id+"#key-1"))
		}, types.ErrInvalidProof},
		{"proof signed without the replaced version id", func(f *didFixture) func() error {
			doc := f.createSelf("a")
			m := didUpdateMsg(f.s(didRelayer), withAka(doc), "1")
			m.Proofs = append(m.Proofs, didSign(m.MsgUpdateDid, doc.Id, "", &m.Document, "a", doc.Id+"#key-1"))
			return update(f, m)
		}, types.ErrInvalidProof},
		{"proof by a create message replayed on an update", func(f *didFixture) func() error {
			doc := f.createSelf("a")
			next := withAka(doc)
			m := didUpdateMsg(f.s(didRelayer), next, "1")
			m.Proofs = append(m.Proofs, didSign(&types.MsgCreateDid{}, doc.Id, "1", &next, "a", doc.Id+"#key-1"))
			return update(f, m)
		}, types.ErrInvalidProof},
		{"proof by a deactivated controller DID", func(f *didFixture) func() error {
			parent := f.createSelf("parent")
			child := didDoc("child", parent.Id, f.s(didAlice))
			f.create(didCreateMsg(f.s(didAlice), child))
			f.deactivate(didDeactivateMsg(f.s(didRelayer), parent.Id, "1").sign("parent", parent.Id+"#key-1"))
			next := withAka(child)
			next.Controller = []string{f.s(didAlice)}
			return update(f, didUpdateMsg(f.s(didRelayer), next, "1").sign("parent", parent.Id+"#key-1"))
		}, types.ErrInvalidProof},
		{"lockout: no controller and no authentication key", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			next := doc
			next.Controller = nil
			next.Authentication = nil
			return update(f, didUpdateMsg(f.s(didAlice), next, "1"))
		}, types.ErrControllerLockout},
		{"lockout: self-controlled with only an assertion key", func(f *didFixture) func() error {
			doc := f.createSelf("a")
			next := doc
			next.AssertionMethod = next.Authentication
			next.Authentication = nil
			return update(f, didUpdateMsg(f.s(didRelayer), next, "1").sign("a", doc.Id+"#key-1"))
		}, types.ErrControllerLockout},
		{"new controller DID not found", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			next := doc
			next.Controller = []string{f.s(didAlice), didOf("ghost")}
			return update(f, didUpdateMsg(f.s(didAlice), next, "1"))
		}, types.ErrDidNotFound},
		{"new controller DID deactivated", func(f *didFixture) func() error {
			parent := f.createByAlice("parent")
			f.deactivate(didDeactivateMsg(f.s(didAlice), parent.Id, "1"))
			doc := f.createByAlice("a")
			next := doc
			next.Controller = []string{parent.Id}
			return update(f, didUpdateMsg(f.s(didAlice), next, "1"))
		}, types.ErrDidDeactivated},
	})
}

func TestDeactivateDid(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	doc := f.createByAlice("issuer")
	f.later(2 * time.Hour)
	f.freshEvents()

	// ACT
	res, err := f.msg.DeactivateDid(f.ctx, &types.MsgDeactivateDid{Signer: f.s(didAlice), Did: doc.Id, VersionId: "1"})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, "2", res.VersionId)
	require.Equal(t, types.DidVersion{
		Document: doc, VersionId: "2", PreviousVersionId: "1",
		Created: testkeeper.BlockTime, Updated: testkeeper.BlockTime.Add(2 * time.Hour),
		Deactivated: true, Signer: f.s(didAlice), Height: 2,
	}, f.version(doc.Id, 2))
	f.requireOnlyEvent(&types.EventDidDeactivated{Did: doc.Id, VersionId: "2", Signer: f.s(didAlice)})
}

func TestDeactivateDidWithProof(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	doc := f.createSelf("holder")
	msg := didDeactivateMsg(f.s(didRelayer), doc.Id, "1").sign("holder", doc.Id+"#key-1")
	f.freshEvents()

	// ACT
	res, err := f.msg.DeactivateDid(f.ctx, msg.MsgDeactivateDid)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, "2", res.VersionId)
	require.True(t, f.version(doc.Id, 2).Deactivated)
	f.requireOnlyEvent(&types.EventDidDeactivated{Did: doc.Id, VersionId: "2", Signer: f.s(didRelayer)})
}

func TestDeactivateDidRejected(t *testing.T) {
	deactivate := func(f *didFixture, m *didDeactivate) func() error {
		return func() error {
			_, err := f.msg.DeactivateDid(f.ctx, m.MsgDeactivateDid)
			return err
		}
	}
	runDidRejections(t, []didRejection{
		{"malformed signer", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			return deactivate(f, didDeactivateMsg("", doc.Id, "1"))
		}, sdkerrors.ErrInvalidAddress},
		{"malformed DID", func(f *didFixture) func() error {
			return deactivate(f, didDeactivateMsg(f.s(didAlice), "did:civic:0OIl", "1"))
		}, types.ErrInvalidDid},
		{"malformed version id", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			return deactivate(f, didDeactivateMsg(f.s(didAlice), doc.Id, "0"))
		}, types.ErrInvalidVersionID},
		{"empty signature", func(f *didFixture) func() error {
			doc := f.createSelf("a")
			m := didDeactivateMsg(f.s(didRelayer), doc.Id, "1")
			m.Proofs = []types.DidProof{{VerificationMethod: doc.Id + "#key-1"}}
			return deactivate(f, m)
		}, types.ErrInvalidProof},
		{"DID not found", func(f *didFixture) func() error {
			return deactivate(f, didDeactivateMsg(f.s(didAlice), didOf("ghost"), "1"))
		}, types.ErrDidNotFound},
		{"stale version", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			next := doc
			next.AlsoKnownAs = []string{"https://example.com/a"}
			f.update(didUpdateMsg(f.s(didAlice), next, "1"))
			return deactivate(f, didDeactivateMsg(f.s(didAlice), doc.Id, "1"))
		}, types.ErrStaleVersion},
		{"already deactivated", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			f.deactivate(didDeactivateMsg(f.s(didAlice), doc.Id, "1"))
			return deactivate(f, didDeactivateMsg(f.s(didAlice), doc.Id, "2"))
		}, types.ErrDidDeactivated},
		{"signer is not a controller", func(f *didFixture) func() error {
			doc := f.createByAlice("a")
			return deactivate(f, didDeactivateMsg(f.s(didBob), doc.Id, "1"))
		}, types.ErrNotController},
		{"proof by the wrong key", func(f *didFixture) func() error {
			doc := f.createSelf("a")
			return deactivate(f, didDeactivateMsg(f.s(didRelayer), doc.Id, "1").sign("mallory", doc.Id+"#key-1"))
		}, types.ErrInvalidProof},
		{"proof of an update replayed on a deactivation", func(f *didFixture) func() error {
			doc := f.createSelf("a")
			m := didDeactivateMsg(f.s(didRelayer), doc.Id, "1")
			m.Proofs = append(m.Proofs, didSign(&types.MsgUpdateDid{}, doc.Id, "1", nil, "a", doc.Id+"#key-1"))
			return deactivate(f, m)
		}, types.ErrInvalidProof},
	})
}

func TestDeactivatedDidIsFinal(t *testing.T) {
	// ARRANGE: a deactivated DID that other documents might name as controller.
	f := newDidFixture(t)
	doc := f.createByAlice("a")
	f.deactivate(didDeactivateMsg(f.s(didAlice), doc.Id, "1"))
	before := f.export()
	next := doc
	next.AlsoKnownAs = []string{"https://example.com/a"}

	// ACT
	_, errUpdate := f.msg.UpdateDid(f.ctx, &types.MsgUpdateDid{Signer: f.s(didAlice), Document: next, VersionId: "2"})
	_, errDeactivate := f.msg.DeactivateDid(f.ctx, &types.MsgDeactivateDid{Signer: f.s(didAlice), Did: doc.Id, VersionId: "2"})
	_, errController := f.msg.CreateDid(f.ctx, &types.MsgCreateDid{Signer: f.s(didAlice), Document: didDoc("b", doc.Id)})
	_, errRecreate := f.msg.CreateDid(f.ctx, &types.MsgCreateDid{Signer: f.s(didAlice), Document: doc})

	// ASSERT
	require.ErrorIs(t, errUpdate, types.ErrDidDeactivated)
	require.ErrorIs(t, errDeactivate, types.ErrDidDeactivated)
	require.ErrorIs(t, errController, types.ErrDidDeactivated)
	require.ErrorIs(t, errRecreate, types.ErrDidExists)
	require.Equal(t, before, f.export())
}
