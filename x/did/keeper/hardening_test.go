package keeper_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// The findings of issue 11 on x/did: each test tries the attack and asserts the
// registered error, an unchanged store and no event, then the legitimate path.

// requireRefused asserts that act fails with want and changes neither the
// store nor the events.
func (f *issFixture) requireRefused(want error, act func() error) {
	f.t.Helper()
	before := f.export()
	f.freshEvents()
	err := act()
	require.ErrorIs(f.t, err, want)
	require.Equal(f.t, before, f.export(), "a refused message must not change the store")
	require.Empty(f.t, f.ctx.EventManager().Events(), "a refused message must not emit events")
}

func (f *issFixture) setSchemas(by sdk.AccAddress, did string, grant, revoke []uint64) func() error {
	return func() error {
		_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.s(by), Did: did, Grant: grant, Revoke: revoke})
		return err
	}
}

func (f *issFixture) grants(did string) []uint64 {
	f.t.Helper()
	res, err := f.q.TrustedIssuer(f.ctx, &types.QueryTrustedIssuerRequest{Did: did})
	require.NoError(f.t, err)
	return res.SchemaIds
}

// finding9Arrange binds issuerDid to moe and a mof DID to mof, and registers
// a moe schema and a mof schema.
func finding9Arrange(t *testing.T) (f *issFixture, mofDid string, moeSchema, mofSchema uint64) {
	f = newIssFixture(t)
	f.bind(f.issuerDid, "moe")
	mofDid = f.createDid("mof-issuer", issAdmin("mof"), issOtherOp)
	f.bind(mofDid, "mof")
	moeSchema = f.registerSchema(issOp, "diploma")
	mofSchema = f.registerSchema(issOtherOp, "tax-residence")
	return f, mofDid, moeSchema, mofSchema
}

func TestFinding09AdminCannotGrantAnotherAgencysSchema(t *testing.T) {
	// ARRANGE
	f, mofDid, moeSchema, mofSchema := finding9Arrange(t)

	// ACT / ASSERT: moe's admin grants mof's schema to moe's own issuer.
	f.requireRefused(types.ErrSchemaNotOwned, f.setSchemas(issAdmin("moe"), f.issuerDid, []uint64{mofSchema}, nil))
	// ... hidden behind one of its own schemas in the same message.
	f.requireRefused(types.ErrSchemaNotOwned, f.setSchemas(issAdmin("moe"), f.issuerDid, []uint64{moeSchema, mofSchema}, nil))
	// moe's admin hands its own schema to mof's issuer: another agency's issuer
	// is given a schema only by governance.
	f.requireRefused(types.ErrSchemaNotOwned, f.setSchemas(issAdmin("moe"), mofDid, []uint64{moeSchema}, nil))
	// mof's admin grants moe's schema to its own issuer, or to moe's.
	f.requireRefused(types.ErrSchemaNotOwned, f.setSchemas(issAdmin("mof"), mofDid, []uint64{moeSchema}, nil))
	f.requireRefused(types.ErrNotAgencyAdmin, f.setSchemas(issAdmin("mof"), f.issuerDid, []uint64{moeSchema}, nil))
	// a member with did.issuer is no admin.
	f.requireRefused(types.ErrNotAgencyAdmin, f.setSchemas(issOp, f.issuerDid, []uint64{moeSchema}, nil))

	// ACT / ASSERT: the owner grants its own schema to its own issuer.
	f.freshEvents()
	require.NoError(t, f.setSchemas(issAdmin("moe"), f.issuerDid, []uint64{moeSchema}, nil)())
	f.requireOnlyEvent(&types.EventIssuerSchemasChanged{Did: f.issuerDid, Granted: []uint64{moeSchema}, Revoked: []uint64{}, Signer: f.s(issAdmin("moe"))})
	require.True(t, f.trust(f.issuerDid, moeSchema).Trusted)
	require.False(t, f.trust(f.issuerDid, mofSchema).Trusted)

	// Governance may grant across agencies.
	_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.k.GetAuthority(), Did: f.issuerDid, Grant: []uint64{mofSchema}})
	require.NoError(t, err)
	require.Equal(t, []uint64{moeSchema, mofSchema}, f.grants(f.issuerDid))
}

func TestFinding09SchemaOwnerRevokesItsGrants(t *testing.T) {
	// ARRANGE: governance granted mof's schema to moe's issuer.
	f, _, moeSchema, mofSchema := finding9Arrange(t)
	f.grant(f.issuerDid, moeSchema)
	_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.k.GetAuthority(), Did: f.issuerDid, Grant: []uint64{mofSchema}})
	require.NoError(t, err)

	// ACT / ASSERT: mof's admin may not touch moe's schema on moe's issuer.
	f.requireRefused(types.ErrNotAgencyAdmin, f.setSchemas(issAdmin("mof"), f.issuerDid, nil, []uint64{moeSchema}))
	// an outsider revokes nothing.
	f.requireRefused(types.ErrNotAgencyAdmin, f.setSchemas(issOutsider, f.issuerDid, nil, []uint64{mofSchema}))

	// ACT: the schema's owner (mof) withdraws its schema from moe's issuer.
	f.freshEvents()
	require.NoError(t, f.setSchemas(issAdmin("mof"), f.issuerDid, nil, []uint64{mofSchema})())

	// ASSERT
	f.requireOnlyEvent(&types.EventIssuerSchemasChanged{Did: f.issuerDid, Granted: []uint64{}, Revoked: []uint64{mofSchema}, Signer: f.s(issAdmin("mof"))})
	require.Equal(t, []uint64{moeSchema}, f.grants(f.issuerDid))
	require.False(t, f.trust(f.issuerDid, mofSchema).Trusted)

	// The bound agency's admin may refuse a grant of another agency's schema.
	_, err = f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.k.GetAuthority(), Did: f.issuerDid, Grant: []uint64{mofSchema}})
	require.NoError(t, err)
	require.NoError(t, f.setSchemas(issAdmin("moe"), f.issuerDid, nil, []uint64{mofSchema})())
	require.Equal(t, []uint64{moeSchema}, f.grants(f.issuerDid))
}

// finding10Arrange makes issuerDid (controllers: moe's admin and issOp) a
// trusted issuer of moe and returns the granted schema.
func finding10Arrange(t *testing.T) (*issFixture, uint64) {
	f := newIssFixture(t)
	return f, f.trustedIssuer()
}

// issKeyMethod is an Ed25519 method "#<fragment>" of did with the key of name.
func issKeyMethod(did, fragment, name string) types.VerificationMethod {
	return types.VerificationMethod{
		Id: did + "#" + fragment, Type: types.KeyTypeEd25519, Controller: did,
		PublicKeyMultibase: types.Ed25519Multibase(issPriv(name).Public().(ed25519.PublicKey)),
	}
}

// issPriv is the private key behind issDoc(name)'s key-1.
func issPriv(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("civic-iss-test-key/" + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

func (f *issFixture) updateDid(by sdk.AccAddress, doc types.DidDocument) func() error {
	return func() error {
		n, err := f.k.LatestVersion.Get(f.ctx, doc.Id)
		require.NoError(f.t, err)
		_, err = f.msg.UpdateDid(f.ctx, &types.MsgUpdateDid{Signer: f.s(by), Document: doc, VersionId: types.FormatVersionID(n)})
		return err
	}
}

func (f *issFixture) deactivate(by sdk.AccAddress, did string) func() error {
	return func() error {
		n, err := f.k.LatestVersion.Get(f.ctx, did)
		require.NoError(f.t, err)
		_, err = f.msg.DeactivateDid(f.ctx, &types.MsgDeactivateDid{Signer: f.s(by), Did: did, VersionId: types.FormatVersionID(n)})
		return err
	}
}

func TestFinding10ControllerCannotRewriteBoundDid(t *testing.T) {
	// ARRANGE
	f, schemaID := finding10Arrange(t)
	current := issDoc("issuer", f.s(issAdmin("moe")), f.s(issOp))

	// ACT / ASSERT: issOp, a controller with did.issuer, drops the admin ...
	dropAdmin := issDoc("issuer", f.s(issOp))
	f.requireRefused(types.ErrNotAgencyAdmin, f.updateDid(issOp, dropAdmin))
	// ... swaps the key for one of its own ...
	swapKey := current
	swapKey.VerificationMethod = []types.VerificationMethod{issKeyMethod(f.issuerDid, "key-1", "attacker")}
	f.requireRefused(types.ErrNotAgencyAdmin, f.updateDid(issOp, swapKey))
	// ... or adds a key of its own to authentication.
	addKey := current
	addKey.VerificationMethod = append([]types.VerificationMethod{}, current.VerificationMethod...)
	addKey.VerificationMethod = append(addKey.VerificationMethod, issKeyMethod(f.issuerDid, "key-2", "attacker"))
	addKey.Authentication = []string{f.issuerDid + "#key-1", f.issuerDid + "#key-2"}
	f.requireRefused(types.ErrNotAgencyAdmin, f.updateDid(issOp, addKey))
	require.True(t, f.trust(f.issuerDid, schemaID).Trusted)

	// ACT / ASSERT: a member may change the services.
	withService := current
	withService.Service = []types.Service{{Id: f.issuerDid + "#credentials", Type: "CredentialRegistry", ServiceEndpoint: []string{"https://credentials.moe.go.kr/issuer"}}}
	f.freshEvents()
	require.NoError(t, f.updateDid(issOp, withService)())
	f.requireOnlyEvent(&types.EventDidUpdated{Did: f.issuerDid, VersionId: "2", PreviousVersionId: "1", Signer: f.s(issOp)})

	// ACT / ASSERT: the admin rotates the key and the controllers.
	rotated := issDoc("issuer", f.s(issAdmin("moe")), f.s(issOp2))
	rotated.VerificationMethod = []types.VerificationMethod{issKeyMethod(f.issuerDid, "key-2", "rotated")}
	rotated.Authentication = []string{f.issuerDid + "#key-2"}
	require.NoError(t, f.updateDid(issAdmin("moe"), rotated)())
	require.True(t, f.trust(f.issuerDid, schemaID).Trusted)
	// issOp is no controller any more.
	f.requireRefused(types.ErrNotController, f.deactivate(issOp, f.issuerDid))
}

func TestFinding10AdminCannotAddOutsideController(t *testing.T) {
	// ARRANGE
	f, _ := finding10Arrange(t)

	// ACT / ASSERT: even the admin may not put a bound DID under an account
	// of another agency, an account of no agency, or an unbound DID.
	f.requireRefused(types.ErrControllerOutside, f.updateDid(issAdmin("moe"), issDoc("issuer", f.s(issAdmin("moe")), f.s(issOtherOp))))
	f.requireRefused(types.ErrControllerOutside, f.updateDid(issAdmin("moe"), issDoc("issuer", f.s(issAdmin("moe")), f.s(issOutsider))))
	other := f.createDid("unbound", issOp)
	f.requireRefused(types.ErrControllerOutside, f.updateDid(issAdmin("moe"), issDoc("issuer", f.s(issAdmin("moe")), other)))

	// Binding checks the same: a DID a mof issuer co-controls is not moe's to bind.
	shared := f.createDid("shared", issAdmin("moe"), issOtherOp)
	f.requireRefused(types.ErrControllerOutside, func() error {
		_, err := f.msg.BindIssuer(f.ctx, &types.MsgBindIssuer{Signer: f.s(issAdmin("moe")), AgencyId: "moe", Did: shared})
		return err
	})
}

func TestFinding10RemovedMemberLosesPowerOverBoundDid(t *testing.T) {
	// ARRANGE: issOp leaves moe.
	f, schemaID := finding10Arrange(t)
	_, err := agencykeeper.NewMsgServerImpl(f.ak).RemoveMember(f.ctx, &agencytypes.MsgRemoveMember{Admin: f.s(issAdmin("moe")), AgencyId: "moe", Address: f.s(issOp)})
	require.NoError(t, err)

	// ASSERT: the DID one of whose controllers left is no longer trusted.
	no := f.trust(f.issuerDid, schemaID)
	require.False(t, no.Trusted)
	require.Contains(t, no.Reason, "binding no longer holds")
	require.Contains(t, no.Reason, f.s(issOp))

	// ACT / ASSERT: the departed controller cannot change, deactivate or
	// (through a proof by the DID's own key, relayed by itself or an outsider)
	// rewrite the DID.
	withService := issDoc("issuer", f.s(issAdmin("moe")), f.s(issOp))
	withService.Service = []types.Service{{Id: f.issuerDid + "#svc", Type: "LinkedDomains", ServiceEndpoint: []string{"https://moe.go.kr"}}}
	f.requireRefused(types.ErrNotAgencySigner, f.updateDid(issOp, withService))
	f.requireRefused(types.ErrNotAgencySigner, f.deactivate(issOp, f.issuerDid))
	takeover := issDoc("issuer", f.s(issOutsider))
	msg := &types.MsgUpdateDid{Signer: f.s(issOutsider), Document: takeover, VersionId: "1"}
	bz, err := takeover.Marshal()
	require.NoError(t, err)
	signBytes := types.ProofSignBytes(testkeeper.DidChainID, sdk.MsgTypeURL(msg), f.issuerDid, "1", bz)
	msg.Proofs = []types.DidProof{{VerificationMethod: f.issuerDid + "#key-1", Signature: ed25519.Sign(issPriv("issuer"), signBytes)}}
	f.requireRefused(types.ErrNotAgencySigner, func() error { _, err := f.msg.UpdateDid(f.ctx, msg); return err })
	// nor publish status lists for it.
	f.requireRefused(agencytypes.ErrNotMember, func() error {
		_, err := f.msg.CreateStatusList(f.ctx, &types.MsgCreateStatusList{Signer: f.s(issOp), IssuerDid: f.issuerDid, Purpose: types.StatusPurposeRevocation, Entries: types.MinStatusListEntries})
		return err
	})

	// ACT: the admin cleans up: drops the departed controller, rotates the key.
	cleaned := issDoc("issuer", f.s(issAdmin("moe")), f.s(issOp2))
	cleaned.VerificationMethod = []types.VerificationMethod{issKeyMethod(f.issuerDid, "key-2", "rotated")}
	cleaned.Authentication = []string{f.issuerDid + "#key-2"}
	require.NoError(t, f.updateDid(issAdmin("moe"), cleaned)())

	// ASSERT: trusted again.
	require.True(t, f.trust(f.issuerDid, schemaID).Trusted)
}

func TestFinding10NewAdminTakesOverBoundDid(t *testing.T) {
	// ARRANGE: moe's admin hands the agency to a new admin, who accepts and
	// controls nothing; the old admin leaves the agency.
	f, schemaID := finding10Arrange(t)
	newAdmin := issAcc("admin-moe-2")
	agencyMsgs := agencykeeper.NewMsgServerImpl(f.ak)
	_, err := agencyMsgs.TransferAdmin(f.ctx, &agencytypes.MsgTransferAdmin{Admin: f.s(issAdmin("moe")), AgencyId: "moe", NewAdmin: f.s(newAdmin)})
	require.NoError(t, err)
	_, err = agencyMsgs.AcceptAdmin(f.ctx, &agencytypes.MsgAcceptAdmin{NewAdmin: f.s(newAdmin), AgencyId: "moe"})
	require.NoError(t, err)
	require.False(t, f.trust(f.issuerDid, schemaID).Trusted, "the old admin still controls the DID")

	// ACT / ASSERT: the old admin has lost its power over the DID.
	f.requireRefused(types.ErrNotAgencySigner, f.updateDid(issAdmin("moe"), issDoc("issuer", f.s(issAdmin("moe")))))

	// ACT: the new admin, no controller of the DID, replaces the controllers.
	require.NoError(t, f.updateDid(newAdmin, issDoc("issuer", f.s(newAdmin), f.s(issOp)))())

	// ASSERT
	require.True(t, f.trust(f.issuerDid, schemaID).Trusted)
}

func TestFinding10SuspendedAgencyMembersCannotWrite(t *testing.T) {
	// ARRANGE
	f, _ := finding10Arrange(t)
	f.setAgencyStatus("moe", agencytypes.AgencyStatusSuspended)

	// ACT / ASSERT: a member of a suspended agency may not deactivate the
	// agency's issuer; the admin may (clean-up).
	f.requireRefused(types.ErrNotAgencySigner, f.deactivate(issOp, f.issuerDid))
	require.NoError(t, f.deactivate(issAdmin("moe"), f.issuerDid)())

	// A retired agency's admin writes nothing; governance unbinds instead.
	g, _ := finding10Arrange(t)
	g.setAgencyStatus("moe", agencytypes.AgencyStatusRetired)
	g.requireRefused(types.ErrAgencyNotActive, g.deactivate(issAdmin("moe"), g.issuerDid))
}

func TestFinding15PersonalDataRefusedInDidFields(t *testing.T) {
	// ARRANGE: an issuer DID of moe; each case puts a name, a resident
	// registration number, a phone number or an e-mail address into one
	// free-text field of a new document.
	phone, rrn, email := "010-1234-5678", "900101-1234567", "hong.gildong@example.kr"
	id := issDidOf("privacy")
	for _, tc := range []struct {
		name   string
		mutate func(d *types.DidDocument)
		want   error
	}{
		{"alsoKnownAs a name", func(d *types.DidDocument) { d.AlsoKnownAs = []string{"urn:name:Hong Gildong"} }, types.ErrInvalidDocument},
		{"alsoKnownAs an e-mail", func(d *types.DidDocument) { d.AlsoKnownAs = []string{"mailto:" + email} }, types.ErrInvalidDocument},
		{"alsoKnownAs a phone", func(d *types.DidDocument) { d.AlsoKnownAs = []string{"tel:" + phone} }, types.ErrInvalidDocument},
		{"alsoKnownAs a resident number in a URL", func(d *types.DidDocument) { d.AlsoKnownAs = []string{"https://moe.go.kr/" + rrn} }, types.ErrInvalidDocument},
		{"alsoKnownAs a Korean name in a URL", func(d *types.DidDocument) { d.AlsoKnownAs = []string{"https://moe.go.kr/%ED%99%8D%EA%B8%B8%EB%8F%99"} }, types.ErrInvalidDocument},
		{"alsoKnownAs a did:key that is text", func(d *types.DidDocument) {
			d.AlsoKnownAs = []string{"did:key:z" + types.Base58Encode([]byte("Hong Gildong "+rrn))}
		}, types.ErrInvalidDocument},
		{"endpoint with an e-mail as user", func(d *types.DidDocument) { d.Service[0].ServiceEndpoint = []string{"https://" + email + "/inbox"} }, types.ErrInvalidServiceEntry},
		{"endpoint with a phone in the path", func(d *types.DidDocument) { d.Service[0].ServiceEndpoint = []string{"https://moe.go.kr/" + phone} }, types.ErrInvalidServiceEntry},
		{"endpoint with a name in the query", func(d *types.DidDocument) {
			d.Service[0].ServiceEndpoint = []string{"https://moe.go.kr/holder?name=HongGildong"}
		}, types.ErrInvalidServiceEntry},
		{"endpoint a mailto", func(d *types.DidDocument) { d.Service[0].ServiceEndpoint = []string{"mailto:" + email} }, types.ErrInvalidServiceEntry},
		{"service type a name", func(d *types.DidDocument) { d.Service[0].Type = "HongGildong" }, types.ErrInvalidServiceEntry},
		{"service id with a phone", func(d *types.DidDocument) { d.Service[0].Id = id + "#" + phone }, types.ErrInvalidDidURL},
		{"key id with a resident number", func(d *types.DidDocument) {
			d.VerificationMethod[0].Id = id + "#" + rrn
			d.Authentication = []string{d.VerificationMethod[0].Id}
		}, types.ErrInvalidDidURL},
		{"JWK kid an e-mail", func(d *types.DidDocument) {
			d.VerificationMethod[0].Type = types.KeyTypeJWK
			d.VerificationMethod[0].PublicKeyJwk = types.Ed25519JWK(issPriv("privacy").Public().(ed25519.PublicKey))
			d.VerificationMethod[0].PublicKeyJwk.Kid = email
			d.VerificationMethod[0].PublicKeyMultibase = ""
		}, types.ErrInvalidKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newIssFixture(t)
			doc := issDoc("privacy", f.s(issOp))
			doc.Service = []types.Service{{Id: id + "#svc", Type: "LinkedDomains", ServiceEndpoint: []string{"https://moe.go.kr"}}}
			tc.mutate(&doc)

			// ACT / ASSERT: on create ...
			f.requireRefused(tc.want, func() error {
				_, err := f.msg.CreateDid(f.ctx, &types.MsgCreateDid{Signer: f.s(issOp), Document: doc})
				return err
			})
			// ... and on update of an existing DID.
			clean := issDoc("privacy", f.s(issOp))
			_, err := f.msg.CreateDid(f.ctx, &types.MsgCreateDid{Signer: f.s(issOp), Document: clean})
			require.NoError(t, err)
			f.requireRefused(tc.want, f.updateDid(issOp, doc))
		})
	}
}

func TestFinding15PersonalDataRefusedInSchemaFields(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(m *types.MsgRegisterSchema)
	}{
		{"name with a phone", func(m *types.MsgRegisterSchema) { m.Name = "card-01012345678" }},
		{"name with a resident number", func(m *types.MsgRegisterSchema) { m.Name = "hong-900101-1234567" }},
		{"name with a space", func(m *types.MsgRegisterSchema) { m.Name = "Hong Gildong" }},
		{"version a resident number", func(m *types.MsgRegisterSchema) { m.Version = "900101.1234567.0" }},
		{"locator with an e-mail", func(m *types.MsgRegisterSchema) { m.Locator = "https://hong.gildong@example.kr/s.json" }},
		{"locator with a phone", func(m *types.MsgRegisterSchema) { m.Locator = "https://schemas.moe.go.kr/010-1234-5678.json" }},
		{"locator with a query", func(m *types.MsgRegisterSchema) { m.Locator = "https://schemas.moe.go.kr/s.json?holder=hong" }},
		{"locator a mailto", func(m *types.MsgRegisterSchema) { m.Locator = "mailto:hong@example.kr" }},
		{"locator an ipfs name", func(m *types.MsgRegisterSchema) { m.Locator = "ipfs://bhonggildong" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newIssFixture(t)
			msg := f.schemaMsg(issOp, "diploma")
			tc.mutate(msg)

			// ACT / ASSERT
			f.requireRefused(types.ErrInvalidSchema, func() error {
				_, err := f.msg.RegisterSchema(f.ctx, msg)
				return err
			})
		})
	}

	// The grammar still takes what the fields are for.
	f := newIssFixture(t)
	msg := f.schemaMsg(issOp, "ResidentCard")
	msg.Locator = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"
	_, err := f.msg.RegisterSchema(f.ctx, msg)
	require.NoError(t, err)
}
