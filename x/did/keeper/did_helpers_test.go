package keeper_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// The DID tests' accounts. alice and bob are account controllers of the
// documents that name them; relayer only sends messages that carry proofs;
// nobody controls nothing.
var (
	didAlice   = didAcc("alice")
	didBob     = didAcc("bob")
	didRelayer = didAcc("relayer")
)

func didAcc(name string) sdk.AccAddress {
	b := make([]byte, 20)
	copy(b, "did-"+name)
	return b
}

// didKey is a deterministic Ed25519 key for a name (seed = SHA-256 of the name).
func didKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("civic-did-test-key/" + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

// didOf is a deterministic did:civic DID for a name: the base58 of a SHA-256.
func didOf(name string) string {
	h := sha256.Sum256([]byte("civic-did-test-did/" + name))
	return types.DidMethodPrefix + types.Base58Encode(h[:])
}

// didMethod is an Ed25519VerificationKey2020 method of did with the key of keyName.
func didMethod(did, fragment, keyName string) types.VerificationMethod {
	return types.VerificationMethod{
		Id:                 did + "#" + fragment,
		Type:               types.KeyTypeEd25519,
		Controller:         did,
		PublicKeyMultibase: types.Ed25519Multibase(didKey(keyName).Public().(ed25519.PublicKey)),
	}
}

// didDoc is a document of didOf(name) with one Ed25519 method "#key-1" (the
// key of name) in its authentication relationship, and the given controllers
// (none: the DID controls itself).
func didDoc(name string, controllers ...string) types.DidDocument {
	id := didOf(name)
	vm := didMethod(id, "key-1", name)
	return types.DidDocument{
		Id:                 id,
		Controller:         controllers,
		VerificationMethod: []types.VerificationMethod{vm},
		Authentication:     []string{vm.Id},
	}
}

// didSign is a proof over the given message fields by the key of keyName,
// naming the verification method vmID, with the fixture's chain id.
func didSign(msg sdk.Msg, did, versionID string, payload *types.DidDocument, keyName, vmID string) types.DidProof {
	return didSignOn(testkeeper.DidChainID, msg, did, versionID, payload, keyName, vmID)
}

func didSignOn(chainID string, msg sdk.Msg, did, versionID string, payload *types.DidDocument, keyName, vmID string) types.DidProof {
	var bz []byte
	if payload != nil {
		var err error
		bz, err = payload.Marshal()
		if err != nil {
			panic(err)
		}
	}
	signBytes := types.ProofSignBytes(chainID, sdk.MsgTypeURL(msg), did, versionID, bz)
	return types.DidProof{VerificationMethod: vmID, Signature: ed25519.Sign(didKey(keyName), signBytes)}
}

// didCreate wraps MsgCreateDid to add proofs fluently.
type didCreate struct{ *types.MsgCreateDid }

func didCreateMsg(signer string, doc types.DidDocument) *didCreate {
	return &didCreate{&types.MsgCreateDid{Signer: signer, Document: doc}}
}

// sign adds a proof of the message by the key of keyName, naming vmID.
func (m *didCreate) sign(keyName, vmID string) *didCreate {
	m.Proofs = append(m.Proofs, didSign(m.MsgCreateDid, m.Document.Id, "", &m.Document, keyName, vmID))
	return m
}

// didUpdate wraps MsgUpdateDid to add proofs fluently.
type didUpdate struct{ *types.MsgUpdateDid }

func didUpdateMsg(signer string, doc types.DidDocument, versionID string) *didUpdate {
	return &didUpdate{&types.MsgUpdateDid{Signer: signer, Document: doc, VersionId: versionID}}
}

func (m *didUpdate) sign(keyName, vmID string) *didUpdate {
	m.Proofs = append(m.Proofs, didSign(m.MsgUpdateDid, m.Document.Id, m.VersionId, &m.Document, keyName, vmID))
	return m
}

// didDeactivate wraps MsgDeactivateDid to add proofs fluently.
type didDeactivate struct{ *types.MsgDeactivateDid }

func didDeactivateMsg(signer, did, versionID string) *didDeactivate {
	return &didDeactivate{&types.MsgDeactivateDid{Signer: signer, Did: did, VersionId: versionID}}
}

func (m *didDeactivate) sign(keyName, vmID string) *didDeactivate {
	m.Proofs = append(m.Proofs, didSign(m.MsgDeactivateDid, m.Did, m.VersionId, nil, keyName, vmID))
	return m
}

type didFixture struct {
	fixture
}

func newDidFixture(t *testing.T) *didFixture {
	t.Helper()
	return &didFixture{fixture: newFixture(t)}
}

// later moves the block time on by d and the height by one.
func (f *didFixture) later(d time.Duration) {
	f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(d)).WithBlockHeight(f.ctx.BlockHeight() + 1)
}

// create sends a MsgCreateDid that must succeed.
func (f *didFixture) create(m *didCreate) {
	f.t.Helper()
	_, err := f.msg.CreateDid(f.ctx, m.MsgCreateDid)
	require.NoError(f.t, err)
}

// createByAlice creates didDoc(name) controlled by the account alice (and
// the extra controllers) and returns the document.
func (f *didFixture) createByAlice(name string, controllers ...string) types.DidDocument {
	f.t.Helper()
	doc := didDoc(name, append([]string{f.s(didAlice)}, controllers...)...)
	f.create(didCreateMsg(f.s(didAlice), doc))
	return doc
}

// createSelf creates the self-controlled didDoc(name), proved by its own key,
// sent by the relayer, and returns the document.
func (f *didFixture) createSelf(name string) types.DidDocument {
	f.t.Helper()
	doc := didDoc(name)
	f.create(didCreateMsg(f.s(didRelayer), doc).sign(name, doc.Id+"#key-1"))
	return doc
}

// update sends a MsgUpdateDid that must succeed and returns the new version id.
func (f *didFixture) update(m *didUpdate) string {
	f.t.Helper()
	res, err := f.msg.UpdateDid(f.ctx, m.MsgUpdateDid)
	require.NoError(f.t, err)
	return res.VersionId
}

// deactivate sends a MsgDeactivateDid that must succeed.
func (f *didFixture) deactivate(m *didDeactivate) {
	f.t.Helper()
	_, err := f.msg.DeactivateDid(f.ctx, m.MsgDeactivateDid)
	require.NoError(f.t, err)
}

// version reads version n of a DID.
func (f *didFixture) version(did string, n uint64) types.DidVersion {
	f.t.Helper()
	v, err := f.k.Versions.Get(f.ctx, collections.Join(did, n))
	require.NoError(f.t, err)
	return v
}

// didRejection is one rejected DID message: arrange builds state and returns
// the ACT; the test asserts the registered error and that the store did not
// change.
type didRejection struct {
	name    string
	arrange func(f *didFixture) func() error
	want    error
}

func runDidRejections(t *testing.T, cases []didRejection) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newDidFixture(t)
			testkeeper.RequireRejected(t, tc.want, &f.ctx, f.export, tc.arrange(f))
		})
	}
}
