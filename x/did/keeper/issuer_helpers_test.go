package keeper_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// The schema, issuer and status-list tests' agencies and accounts, registered
// through x/agency's real Msg service:
//
//	moe  (education ministry)  role did.issuer, admin issAdmin("moe")
//	       issOp, issOp2 [did.issuer]
//	mof  (another ministry)    role did.issuer, admin issAdmin("mof")
//	       issOtherOp [did.issuer]
//	issOutsider: no agency
//
// The fixture's issuer DID, issuerDid, is controlled by the accounts
// issAdmin("moe") and issOp (not issOp2); it is not bound until a test binds
// it.
var (
	issOp       = issAcc("op")
	issOp2      = issAcc("op-2")
	issOtherOp  = issAcc("other-op")
	issOutsider = issAcc("outsider")

	issSchemaDigest = strings.Repeat("5c", 32)
)

func issAcc(name string) sdk.AccAddress {
	b := make([]byte, 20)
	copy(b, "iss-"+name)
	return b
}

func issAdmin(agencyID string) sdk.AccAddress { return issAcc("admin-" + agencyID) }

// issDidOf is a deterministic did:civic DID for a name.
func issDidOf(name string) string {
	h := sha256.Sum256([]byte("civic-iss-test-did/" + name))
	return types.DidMethodPrefix + types.Base58Encode(h[:])
}

// issDoc is a valid document of issDidOf(name): one Ed25519VerificationKey2020
// method in its authentication relationship and the given account controllers.
func issDoc(name string, controllers ...string) types.DidDocument {
	id := issDidOf(name)
	seed := sha256.Sum256([]byte("civic-iss-test-key/" + name))
	vm := types.VerificationMethod{
		Id:                 id + "#key-1",
		Type:               types.KeyTypeEd25519,
		Controller:         id,
		PublicKeyMultibase: types.Ed25519Multibase(ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)),
	}
	return types.DidDocument{
		Id:                 id,
		Controller:         controllers,
		VerificationMethod: []types.VerificationMethod{vm},
		Authentication:     []string{vm.Id},
	}
}

type issFixture struct {
	fixture

	// issuerDid is controlled by issAdmin("moe") and issOp.
	issuerDid string
}

func newIssFixture(t *testing.T) *issFixture {
	t.Helper()
	f := &issFixture{fixture: newFixture(t)}
	issRegisterAgencies(t, f.ak, f.ctx)
	f.issuerDid = f.createDid("issuer", issAdmin("moe"), issOp)
	return f
}

// issRegisterAgencies registers moe and mof with their members (see above).
func issRegisterAgencies(t *testing.T, ak agencykeeper.Keeper, ctx sdk.Context) {
	t.Helper()
	testkeeper.RegisterTestAgency(t, ak, ctx, "moe", issAdmin("moe"), types.RoleIssuer)
	testkeeper.AddTestMember(t, ak, ctx, "moe", issAdmin("moe"), issOp, types.RoleIssuer)
	testkeeper.AddTestMember(t, ak, ctx, "moe", issAdmin("moe"), issOp2, types.RoleIssuer)
	testkeeper.RegisterTestAgency(t, ak, ctx, "mof", issAdmin("mof"), types.RoleIssuer)
	testkeeper.AddTestMember(t, ak, ctx, "mof", issAdmin("mof"), issOtherOp, types.RoleIssuer)
}

// nextBlock moves the block height on by one and the time by a minute.
func (f *issFixture) nextBlock() {
	f.ctx = f.ctx.WithBlockHeight(f.ctx.BlockHeight() + 1).WithBlockTime(f.ctx.BlockTime().Add(time.Minute))
}

// createDid creates issDoc(name) controlled by the accounts through
// Msg/CreateDid, signed by the first, and returns the DID.
func (f *issFixture) createDid(name string, controllers ...sdk.AccAddress) string {
	f.t.Helper()
	strs := make([]string, len(controllers))
	for i, c := range controllers {
		strs[i] = f.s(c)
	}
	doc := issDoc(name, strs...)
	_, err := f.msg.CreateDid(f.ctx, &types.MsgCreateDid{Signer: strs[0], Document: doc})
	require.NoError(f.t, err)
	return doc.Id
}

// deactivateDid deactivates a DID through Msg/DeactivateDid, signed by by.
func (f *issFixture) deactivateDid(did string, by sdk.AccAddress) {
	f.t.Helper()
	n, err := f.k.LatestVersion.Get(f.ctx, did)
	require.NoError(f.t, err)
	_, err = f.msg.DeactivateDid(f.ctx, &types.MsgDeactivateDid{Signer: f.s(by), Did: did, VersionId: types.FormatVersionID(n)})
	require.NoError(f.t, err)
}

// setAgencyStatus moves an agency to status by governance.
func (f *issFixture) setAgencyStatus(agencyID string, status agencytypes.AgencyStatus) {
	testkeeper.SetTestAgencyStatus(f.t, f.ak, f.ctx, agencyID, status)
}

// registerSchema registers name@1.0.0 by a did.issuer member and returns its id.
func (f *issFixture) registerSchema(by sdk.AccAddress, name string) uint64 {
	f.t.Helper()
	res, err := f.msg.RegisterSchema(f.ctx, f.schemaMsg(by, name))
	require.NoError(f.t, err)
	return res.Id
}

// schemaMsg is a valid MsgRegisterSchema of name@1.0.0.
func (f *issFixture) schemaMsg(by sdk.AccAddress, name string) *types.MsgRegisterSchema {
	return &types.MsgRegisterSchema{
		Signer:           f.s(by),
		Name:             name,
		Version:          "1.0.0",
		JsonSchemaDigest: issSchemaDigest,
		Locator:          "https://schemas.moe.go.kr/" + name + "/1.0.0.json",
	}
}

// bind binds did to agency, signed by the agency's admin.
func (f *issFixture) bind(did, agencyID string) {
	f.t.Helper()
	_, err := f.msg.BindIssuer(f.ctx, &types.MsgBindIssuer{Signer: f.s(issAdmin(agencyID)), AgencyId: agencyID, Did: did})
	require.NoError(f.t, err)
}

// grant grants schemas to a DID bound to moe, signed by moe's admin.
func (f *issFixture) grant(did string, ids ...uint64) {
	f.t.Helper()
	_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.s(issAdmin("moe")), Did: did, Grant: ids})
	require.NoError(f.t, err)
}

// trustedIssuer binds issuerDid to moe, registers a schema "diploma" and
// grants it; it returns the schema id.
func (f *issFixture) trustedIssuer() uint64 {
	f.t.Helper()
	f.bind(f.issuerDid, "moe")
	id := f.registerSchema(issOp, "diploma")
	f.grant(f.issuerDid, id)
	return id
}

// createList binds issuerDid to moe (unless bound) and publishes a list of the
// minimum size, signed by issOp; it returns the list id.
func (f *issFixture) createList(purpose types.StatusPurpose) uint64 {
	f.t.Helper()
	if has, err := f.k.Issuers.Has(f.ctx, f.issuerDid); err != nil || !has {
		f.bind(f.issuerDid, "moe")
	}
	res, err := f.msg.CreateStatusList(f.ctx, &types.MsgCreateStatusList{
		Signer: f.s(issOp), IssuerDid: f.issuerDid, Purpose: purpose, Entries: types.MinStatusListEntries,
	})
	require.NoError(f.t, err)
	return res.Id
}

// update sends a MsgUpdateStatusList by issOp that must succeed.
func (f *issFixture) update(listID uint64, changes ...types.StatusChange) *types.MsgUpdateStatusListResponse {
	f.t.Helper()
	res, err := f.msg.UpdateStatusList(f.ctx, &types.MsgUpdateStatusList{Signer: f.s(issOp), ListId: listID, Changes: changes})
	require.NoError(f.t, err)
	return res
}

// issSet and issClear are status changes.
func issSet(i uint64) types.StatusChange   { return types.StatusChange{Index: i, Value: true} }
func issClear(i uint64) types.StatusChange { return types.StatusChange{Index: i, Value: false} }

// list reads a status list.
func (f *issFixture) list(id uint64) types.StatusList {
	f.t.Helper()
	l, err := f.k.StatusLists.Get(f.ctx, id)
	require.NoError(f.t, err)
	return l
}

// trust asks IsTrustedIssuer.
func (f *issFixture) trust(did string, schemaID uint64) *types.QueryIsTrustedIssuerResponse {
	f.t.Helper()
	res, err := f.q.IsTrustedIssuer(f.ctx, &types.QueryIsTrustedIssuerRequest{Did: did, SchemaId: schemaID})
	require.NoError(f.t, err)
	return res
}

// issRejection is one rejected message: arrange builds state and returns the
// ACT; the test asserts the registered error, that the store did not change
// and that no event was emitted.
type issRejection struct {
	name    string
	arrange func(f *issFixture) func() error
	want    error
}

func runIssRejections(t *testing.T, cases []issRejection) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newIssFixture(t)
			testkeeper.RequireRejected(t, tc.want, &f.ctx, f.export, tc.arrange(f))
		})
	}
}

// issuersOf is the DIDs TrustedIssuers answers for a schema (served by the grants' schema index).
func (f *issFixture) issuersOf(schemaID uint64) []string {
	f.t.Helper()
	res, err := f.q.TrustedIssuers(f.ctx, &types.QueryTrustedIssuersRequest{SchemaId: schemaID})
	require.NoError(f.t, err)
	return testkeeper.Pluck(res.Issuers, func(is types.TrustedIssuer) string { return is.Did })
}

// schemasOf is the schema ids Schemas answers for an agency (served by the schemas' agency index).
func (f *issFixture) schemasOf(agencyID string) []uint64 {
	f.t.Helper()
	res, err := f.q.Schemas(f.ctx, &types.QuerySchemasRequest{AgencyId: agencyID})
	require.NoError(f.t, err)
	return testkeeper.Pluck(res.Schemas, func(s types.CredentialSchema) uint64 { return s.Id })
}

// listsOf is the list ids StatusListsByIssuer answers for a DID (served by the lists' issuer index).
func (f *issFixture) listsOf(did string) []uint64 {
	f.t.Helper()
	res, err := f.q.StatusListsByIssuer(f.ctx, &types.QueryStatusListsByIssuerRequest{Did: did})
	require.NoError(f.t, err)
	return testkeeper.Pluck(res.StatusLists, func(l types.StatusList) uint64 { return l.Id })
}
