package keeper_test

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/x/did/types"
)

func issRequireCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, want, status.Code(err), err.Error())
}

func TestQuerySchemas(t *testing.T) {
	// ARRANGE: schemas 1 and 3 of moe, 2 of mof.
	f := newIssFixture(t)
	f.registerSchema(issOp, "diploma")
	f.registerSchema(issOtherOp, "tax-residence")
	f.registerSchema(issOp, "transcript")

	// ACT / ASSERT: one schema.
	res, err := f.q.Schema(f.ctx, &types.QuerySchemaRequest{Id: 2})
	require.NoError(t, err)
	require.Equal(t, "tax-residence", res.Schema.Name)
	require.Equal(t, "mof", res.Schema.AgencyId)
	_, err = f.q.Schema(f.ctx, &types.QuerySchemaRequest{Id: 99})
	issRequireCode(t, err, codes.NotFound)
	_, err = f.q.Schema(f.ctx, &types.QuerySchemaRequest{})
	issRequireCode(t, err, codes.InvalidArgument)
	_, err = f.q.Schema(f.ctx, nil)
	issRequireCode(t, err, codes.InvalidArgument)

	// All schemas, in id order, paged.
	all, err := f.q.Schemas(f.ctx, &types.QuerySchemasRequest{})
	require.NoError(t, err)
	require.Len(t, all.Schemas, 3)
	for i, s := range all.Schemas {
		require.Equal(t, uint64(i+1), s.Id)
	}
	page, err := f.q.Schemas(f.ctx, &types.QuerySchemasRequest{Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, page.Schemas, 2)
	require.Equal(t, uint64(3), page.Pagination.Total)
	page, err = f.q.Schemas(f.ctx, &types.QuerySchemasRequest{Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Len(t, page.Schemas, 1)
	require.Equal(t, uint64(3), page.Schemas[0].Id)

	// One agency's schemas.
	moe, err := f.q.Schemas(f.ctx, &types.QuerySchemasRequest{AgencyId: "moe"})
	require.NoError(t, err)
	require.Len(t, moe.Schemas, 2)
	require.Equal(t, []uint64{1, 3}, []uint64{moe.Schemas[0].Id, moe.Schemas[1].Id})
	none, err := f.q.Schemas(f.ctx, &types.QuerySchemasRequest{AgencyId: "nobody"})
	require.NoError(t, err)
	require.Empty(t, none.Schemas)
	_, err = f.q.Schemas(f.ctx, &types.QuerySchemasRequest{AgencyId: "Not An Id"})
	issRequireCode(t, err, codes.InvalidArgument)
	_, err = f.q.Schemas(f.ctx, nil)
	issRequireCode(t, err, codes.InvalidArgument)
}

func TestQueryTrustedIssuers(t *testing.T) {
	// ARRANGE: issuerDid (moe) granted schemas 3 and 1; another DID (mof)
	// granted schema 1 by governance (moe's schema to mof's issuer).
	f := newIssFixture(t)
	f.bind(f.issuerDid, "moe")
	s1 := f.registerSchema(issOp, "diploma")
	s2 := f.registerSchema(issOp, "transcript")
	s3 := f.registerSchema(issOp, "certificate")
	f.grant(f.issuerDid, s3, s1)
	other := f.createDid("mof-issuer", issAdmin("mof"))
	f.bind(other, "mof")
	_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.k.GetAuthority(), Did: other, Grant: []uint64{s1}})
	require.NoError(t, err)

	// ACT / ASSERT: TrustedIssuer lists the granted schema ids ascending.
	ti, err := f.q.TrustedIssuer(f.ctx, &types.QueryTrustedIssuerRequest{Did: f.issuerDid})
	require.NoError(t, err)
	require.Equal(t, "moe", ti.Issuer.AgencyId)
	require.Equal(t, f.issuerDid, ti.Issuer.Did)
	require.Equal(t, []uint64{s1, s3}, ti.SchemaIds)
	_, err = f.q.TrustedIssuer(f.ctx, &types.QueryTrustedIssuerRequest{Did: issDidOf("nobody")})
	issRequireCode(t, err, codes.NotFound)
	_, err = f.q.TrustedIssuer(f.ctx, &types.QueryTrustedIssuerRequest{Did: "did:example:123"})
	issRequireCode(t, err, codes.InvalidArgument)
	_, err = f.q.TrustedIssuer(f.ctx, nil)
	issRequireCode(t, err, codes.InvalidArgument)

	// TrustedIssuers lists the bindings granted a schema.
	tis, err := f.q.TrustedIssuers(f.ctx, &types.QueryTrustedIssuersRequest{SchemaId: s1, Pagination: &query.PageRequest{CountTotal: true}})
	require.NoError(t, err)
	require.Len(t, tis.Issuers, 2)
	require.Equal(t, uint64(2), tis.Pagination.Total)
	got := map[string]string{}
	for _, is := range tis.Issuers {
		got[is.Did] = is.AgencyId
	}
	require.Equal(t, map[string]string{f.issuerDid: "moe", other: "mof"}, got)
	tis, err = f.q.TrustedIssuers(f.ctx, &types.QueryTrustedIssuersRequest{SchemaId: s1, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, tis.Issuers, 1)
	require.NotNil(t, tis.Pagination.NextKey)
	tis, err = f.q.TrustedIssuers(f.ctx, &types.QueryTrustedIssuersRequest{SchemaId: s2})
	require.NoError(t, err)
	require.Empty(t, tis.Issuers)
	_, err = f.q.TrustedIssuers(f.ctx, &types.QueryTrustedIssuersRequest{SchemaId: 99})
	issRequireCode(t, err, codes.NotFound)
	_, err = f.q.TrustedIssuers(f.ctx, &types.QueryTrustedIssuersRequest{})
	issRequireCode(t, err, codes.InvalidArgument)

	// IsTrustedIssuer answers for the query's block.
	f.nextBlock()
	yes := f.trust(f.issuerDid, s3)
	require.Equal(t, &types.QueryIsTrustedIssuerResponse{Trusted: true, AgencyId: "moe", Height: f.ctx.BlockHeight()}, yes)
	no := f.trust(other, s3)
	require.False(t, no.Trusted)
	require.Equal(t, "mof", no.AgencyId)
	unknownSchema := f.trust(f.issuerDid, 99)
	require.False(t, unknownSchema.Trusted)
	_, err = f.q.IsTrustedIssuer(f.ctx, &types.QueryIsTrustedIssuerRequest{Did: "not-a-did", SchemaId: s1})
	issRequireCode(t, err, codes.InvalidArgument)
	_, err = f.q.IsTrustedIssuer(f.ctx, &types.QueryIsTrustedIssuerRequest{Did: f.issuerDid})
	issRequireCode(t, err, codes.InvalidArgument)
	_, err = f.q.IsTrustedIssuer(f.ctx, nil)
	issRequireCode(t, err, codes.InvalidArgument)
}

func TestQueryStatusLists(t *testing.T) {
	// ARRANGE: two lists of issuerDid, one with bits set.
	f := newIssFixture(t)
	revocation := f.createList(types.StatusPurposeRevocation)
	suspension := f.createList(types.StatusPurposeSuspension)
	last := types.MinStatusListEntries - 1
	f.update(suspension, issSet(0), issSet(last))

	// ACT / ASSERT: StatusList with its encodedList.
	res, err := f.q.StatusList(f.ctx, &types.QueryStatusListRequest{Id: suspension})
	require.NoError(t, err)
	require.Equal(t, f.list(suspension), res.StatusList)
	bits, err := types.DecodeStatusList(res.EncodedList)
	require.NoError(t, err)
	require.Len(t, bits, int(types.MinStatusListEntries/8))
	require.Equal(t, byte(0x80), bits[0])
	require.Equal(t, byte(0x01), bits[len(bits)-1])
	require.Equal(t, uint64(2), types.CountBits(bits))
	empty, err := f.q.StatusList(f.ctx, &types.QueryStatusListRequest{Id: revocation})
	require.NoError(t, err)
	bits, err = types.DecodeStatusList(empty.EncodedList)
	require.NoError(t, err)
	require.Equal(t, uint64(0), types.CountBits(bits))
	_, err = f.q.StatusList(f.ctx, &types.QueryStatusListRequest{Id: 99})
	issRequireCode(t, err, codes.NotFound)
	_, err = f.q.StatusList(f.ctx, &types.QueryStatusListRequest{})
	issRequireCode(t, err, codes.InvalidArgument)

	// StatusListsByIssuer, paged.
	byIssuer, err := f.q.StatusListsByIssuer(f.ctx, &types.QueryStatusListsByIssuerRequest{Did: f.issuerDid})
	require.NoError(t, err)
	require.Len(t, byIssuer.StatusLists, 2)
	require.Equal(t, revocation, byIssuer.StatusLists[0].Id)
	require.Equal(t, suspension, byIssuer.StatusLists[1].Id)
	byIssuer, err = f.q.StatusListsByIssuer(f.ctx, &types.QueryStatusListsByIssuerRequest{Did: f.issuerDid, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, byIssuer.StatusLists, 1)
	require.NotNil(t, byIssuer.Pagination.NextKey)
	byIssuer, err = f.q.StatusListsByIssuer(f.ctx, &types.QueryStatusListsByIssuerRequest{Did: issDidOf("nobody")})
	require.NoError(t, err)
	require.Empty(t, byIssuer.StatusLists)
	_, err = f.q.StatusListsByIssuer(f.ctx, &types.QueryStatusListsByIssuerRequest{Did: "did:civic:"})
	issRequireCode(t, err, codes.InvalidArgument)

	// CredentialStatus: index 0, the last index, an unset index, out of range.
	for _, tc := range []struct {
		index uint64
		set   bool
	}{{0, true}, {last, true}, {1, false}, {8192, false}} {
		st, err := f.q.CredentialStatus(f.ctx, &types.QueryCredentialStatusRequest{ListId: suspension, Index: tc.index})
		require.NoError(t, err)
		require.Equal(t, &types.QueryCredentialStatusResponse{
			Set: tc.set, Purpose: types.StatusPurposeSuspension, IssuerDid: f.issuerDid, ListVersion: 2,
		}, st, "index %d", tc.index)
	}
	_, err = f.q.CredentialStatus(f.ctx, &types.QueryCredentialStatusRequest{ListId: suspension, Index: types.MinStatusListEntries})
	issRequireCode(t, err, codes.InvalidArgument)
	_, err = f.q.CredentialStatus(f.ctx, &types.QueryCredentialStatusRequest{ListId: 99})
	issRequireCode(t, err, codes.NotFound)
	_, err = f.q.CredentialStatus(f.ctx, &types.QueryCredentialStatusRequest{})
	issRequireCode(t, err, codes.InvalidArgument)
}

// TestIndexQueriesPageByKey pages through the three queries served by an index
// (schemas of an agency, issuers of a schema, status lists of an issuer) one
// entry at a time and checks each next_key: the index key after the query's
// prefix (an id as 8 big-endian bytes, a DID as its bytes), so that a client's
// next_key stays valid whatever stores the index.
func TestIndexQueriesPageByKey(t *testing.T) {
	// ARRANGE: moe's schemas 1 and 3 (mof's 2 between them), both granted to
	// issuerDid and schema 1 also to a second moe issuer, two status lists of issuerDid.
	f := newIssFixture(t)
	f.bind(f.issuerDid, "moe")
	s1 := f.registerSchema(issOp, "diploma")
	f.registerSchema(issOtherOp, "tax-residence")
	s3 := f.registerSchema(issOp, "transcript")
	f.grant(f.issuerDid, s1, s3)
	second := f.createDid("second-issuer", issAdmin("moe"), issOp)
	f.bind(second, "moe")
	f.grant(second, s1)
	l1 := f.createList(types.StatusPurposeRevocation)
	l2 := f.createList(types.StatusPurposeSuspension)
	idKey := func(id uint64) []byte {
		b := make([]byte, 8)
		binary.BigEndian.PutUint64(b, id)
		return b
	}
	one := func(key []byte) *query.PageRequest { return &query.PageRequest{Key: key, Limit: 1} }

	// ACT / ASSERT: schemas of moe.
	sc, err := f.q.Schemas(f.ctx, &types.QuerySchemasRequest{AgencyId: "moe", Pagination: one(nil)})
	require.NoError(t, err)
	require.Equal(t, s1, sc.Schemas[0].Id)
	require.Equal(t, idKey(s3), sc.Pagination.NextKey)
	sc, err = f.q.Schemas(f.ctx, &types.QuerySchemasRequest{AgencyId: "moe", Pagination: one(sc.Pagination.NextKey)})
	require.NoError(t, err)
	require.Equal(t, s3, sc.Schemas[0].Id)
	require.Nil(t, sc.Pagination.NextKey)

	// Issuers of schema 1, in DID order.
	first, next := f.issuerDid, second
	if next < first {
		first, next = next, first
	}
	is, err := f.q.TrustedIssuers(f.ctx, &types.QueryTrustedIssuersRequest{SchemaId: s1, Pagination: one(nil)})
	require.NoError(t, err)
	require.Equal(t, first, is.Issuers[0].Did)
	require.Equal(t, []byte(next), is.Pagination.NextKey)
	is, err = f.q.TrustedIssuers(f.ctx, &types.QueryTrustedIssuersRequest{SchemaId: s1, Pagination: one(is.Pagination.NextKey)})
	require.NoError(t, err)
	require.Equal(t, next, is.Issuers[0].Did)
	require.Nil(t, is.Pagination.NextKey)

	// Status lists of issuerDid, also in reverse.
	ls, err := f.q.StatusListsByIssuer(f.ctx, &types.QueryStatusListsByIssuerRequest{Did: f.issuerDid, Pagination: one(nil)})
	require.NoError(t, err)
	require.Equal(t, l1, ls.StatusLists[0].Id)
	require.Equal(t, idKey(l2), ls.Pagination.NextKey)
	ls, err = f.q.StatusListsByIssuer(f.ctx, &types.QueryStatusListsByIssuerRequest{Did: f.issuerDid, Pagination: one(ls.Pagination.NextKey)})
	require.NoError(t, err)
	require.Equal(t, l2, ls.StatusLists[0].Id)
	require.Nil(t, ls.Pagination.NextKey)
	ls, err = f.q.StatusListsByIssuer(f.ctx, &types.QueryStatusListsByIssuerRequest{Did: f.issuerDid, Pagination: &query.PageRequest{Limit: 1, Reverse: true}})
	require.NoError(t, err)
	require.Equal(t, l2, ls.StatusLists[0].Id)
	require.Equal(t, idKey(l1), ls.Pagination.NextKey)
}
