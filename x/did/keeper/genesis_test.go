package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// TestGenesisRoundTrip exports a state with every kind of record (DID versions
// and a deactivated DID, schemas, a binding with grants, status lists with set
// bits), imports it into a fresh keeper, and checks the export is identical,
// the indexes were rebuilt and the chain carries on: ids continue, the next
// DID version follows the imported latest one, set bits still read as set.
func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	schemaID := f.trustedIssuer()
	f.registerSchema(issOp, "transcript")
	revocation := f.createList(types.StatusPurposeRevocation)
	f.update(revocation, issSet(0), issSet(types.StatusChunkBits+5), issSet(types.MinStatusListEntries-1))
	suspension := f.createList(types.StatusPurposeSuspension)
	f.update(suspension, issSet(7))
	doc := issDoc("issuer", f.s(issAdmin("moe")), f.s(issOp))
	doc.AlsoKnownAs = []string{"https://www.moe.go.kr"}
	_, err := f.msg.UpdateDid(f.ctx, &types.MsgUpdateDid{Signer: f.s(issOp), Document: doc, VersionId: "1"})
	require.NoError(t, err)
	gone := f.createDid("gone", issOp)
	f.deactivateDid(gone, issOp)
	exported := f.export()
	require.NoError(t, exported.Validate())

	// ACT
	k, ak, ctx := testkeeper.DidKeeper(t)
	issRegisterAgencies(t, ak, ctx) // x/agency's state, which this import does not carry
	require.NoError(t, k.InitGenesis(ctx, exported))
	g := &issFixture{fixture: fixtureOn(t, k, ak, ctx), issuerDid: f.issuerDid}
	reexported, err := k.ExportGenesis(ctx)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, exported, reexported)
	require.NoError(t, k.CheckInvariants(ctx))
	latest, err := k.LatestVersion.Get(ctx, f.issuerDid)
	require.NoError(t, err)
	require.Equal(t, uint64(2), latest, "latest version rebuilt")
	require.Equal(t, []string{f.issuerDid}, g.issuersOf(schemaID), "grants by schema")
	require.Equal(t, []uint64{revocation, suspension}, g.listsOf(f.issuerDid), "lists by issuer")
	require.Equal(t, []uint64{schemaID, schemaID + 1}, g.schemasOf("moe"), "schemas by agency")
	got, err := k.Schemas.Indexes.Name.MatchExact(ctx, collections.Join("moe", keeper.SchemaNameKey("transcript", "1.0.0")))
	require.NoError(t, err)
	require.Equal(t, schemaID+1, got, "schema by name")

	// The imported chain carries on.
	_, err = g.msg.RegisterSchema(ctx, g.schemaMsg(issOp, "diploma"))
	require.ErrorIs(t, err, types.ErrSchemaExists, "name index enforces uniqueness")
	require.Equal(t, exported.NextSchemaId, g.registerSchema(issOp, "certificate"))
	require.Equal(t, exported.NextStatusListId, g.createList(types.StatusPurposeSuspension))
	st, err := g.q.CredentialStatus(ctx, &types.QueryCredentialStatusRequest{ListId: revocation, Index: types.StatusChunkBits + 5})
	require.NoError(t, err)
	require.True(t, st.Set)
	require.True(t, g.trust(f.issuerDid, schemaID).Trusted)
	res, err := g.msg.UpdateDid(ctx, &types.MsgUpdateDid{Signer: g.s(issOp), Document: doc, VersionId: "2"})
	require.NoError(t, err)
	require.Equal(t, "3", res.VersionId)
	_, err = g.msg.UpdateDid(ctx, &types.MsgUpdateDid{Signer: g.s(issOp), Document: issDoc("gone", g.s(issOp)), VersionId: "2"})
	require.ErrorIs(t, err, types.ErrDidDeactivated, "deactivation survives the import")
}

// TestInitGenesisRejectsInvalid refuses a state that fails validation.
func TestInitGenesisRejectsInvalid(t *testing.T) {
	k, _, ctx := testkeeper.DidKeeper(t)
	gs := types.DefaultGenesis()
	gs.NextSchemaId = 0
	require.ErrorIs(t, k.InitGenesis(ctx, gs), types.ErrInvalidGenesis)
}
