package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// didHistory creates didDoc("issuer") controlled by alice at BlockTime and
// updates it n-1 times, one hour apart (version k is written at BlockTime +
// (k-1) hours). It returns the documents by version number (index 0 unused).
func (f *didFixture) didHistory(n int) []types.DidDocument {
	f.t.Helper()
	docs := []types.DidDocument{{}, f.createByAlice("issuer")}
	for k := 2; k <= n; k++ {
		f.later(time.Hour)
		next := docs[k-1]
		next.AlsoKnownAs = []string{"https://example.com/v" + types.FormatVersionID(uint64(k))}
		require.Equal(f.t, types.FormatVersionID(uint64(k)), f.update(didUpdateMsg(f.s(didAlice), next, types.FormatVersionID(uint64(k-1)))))
		docs = append(docs, next)
	}
	return docs
}

// resolve calls Resolve, which must not fail at the gRPC level.
func (f *didFixture) resolve(req *types.QueryResolveRequest) types.DidResolution {
	f.t.Helper()
	res, err := f.q.Resolve(f.ctx, req)
	require.NoError(f.t, err)
	return res.Resolution
}

func TestResolveLatest(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	docs := f.didHistory(3)

	// ACT
	r := f.resolve(&types.QueryResolveRequest{Did: docs[1].Id})

	// ASSERT
	require.Equal(t, types.DidResolution{
		DidDocument: &docs[3],
		DidDocumentMetadata: types.DidDocumentMetadata{
			Created: testkeeper.BlockTime, Updated: testkeeper.BlockTime.Add(2 * time.Hour),
			VersionId: "3", PreviousVersionId: "2",
		},
		DidResolutionMetadata: types.DidResolutionMetadata{ContentType: keeper.DidContentType},
	}, r)
}

func TestResolveByVersionID(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	docs := f.didHistory(3)

	// ACT
	first := f.resolve(&types.QueryResolveRequest{Did: docs[1].Id, VersionId: "1"})
	middle := f.resolve(&types.QueryResolveRequest{Did: docs[1].Id, VersionId: "2"})
	missing := f.resolve(&types.QueryResolveRequest{Did: docs[1].Id, VersionId: "4"})
	malformed := f.resolve(&types.QueryResolveRequest{Did: docs[1].Id, VersionId: "v2"})

	// ASSERT
	require.Equal(t, types.DidResolution{
		DidDocument: &docs[1],
		DidDocumentMetadata: types.DidDocumentMetadata{
			Created: testkeeper.BlockTime, Updated: testkeeper.BlockTime, VersionId: "1", NextVersionId: "2",
		},
		DidResolutionMetadata: types.DidResolutionMetadata{ContentType: keeper.DidContentType},
	}, first)
	require.Equal(t, &docs[2], middle.DidDocument)
	require.Equal(t, types.DidDocumentMetadata{
		Created: testkeeper.BlockTime, Updated: testkeeper.BlockTime.Add(time.Hour),
		VersionId: "2", PreviousVersionId: "1", NextVersionId: "3",
	}, middle.DidDocumentMetadata)
	for _, r := range []types.DidResolution{missing, malformed} {
		require.Nil(t, r.DidDocument)
		require.Equal(t, keeper.ResolutionErrorNotFound, r.DidResolutionMetadata.Error)
		require.NotEmpty(t, r.DidResolutionMetadata.ErrorMessage)
	}
}

func TestResolveByVersionTime(t *testing.T) {
	// ARRANGE: versions 1..5 at BlockTime + 0..4 hours.
	f := newDidFixture(t)
	docs := f.didHistory(5)
	at := func(d time.Duration) *time.Time { tm := testkeeper.BlockTime.Add(d); return &tm }
	cases := []struct {
		name    string
		time    *time.Time
		version string // "" means notFound
	}{
		{"before the first version", at(-time.Second), ""},
		{"at the first version", at(0), "1"},
		{"between the first and second", at(30 * time.Minute), "1"},
		{"at the third version", at(2 * time.Hour), "3"},
		{"just before the fourth", at(3*time.Hour - time.Nanosecond), "3"},
		{"at the last version", at(4 * time.Hour), "5"},
		{"after the last version", at(100 * time.Hour), "5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ACT
			r := f.resolve(&types.QueryResolveRequest{Did: docs[1].Id, VersionTime: tc.time})

			// ASSERT
			if tc.version == "" {
				require.Nil(t, r.DidDocument)
				require.Equal(t, keeper.ResolutionErrorNotFound, r.DidResolutionMetadata.Error)
				return
			}
			n, err := types.ParseVersionID(tc.version)
			require.NoError(t, err)
			require.Empty(t, r.DidResolutionMetadata.Error)
			require.Equal(t, tc.version, r.DidDocumentMetadata.VersionId)
			require.Equal(t, &docs[n], r.DidDocument)
		})
	}
}

func TestResolveDeactivated(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	doc := f.createByAlice("issuer")
	f.later(time.Hour)
	f.deactivate(didDeactivateMsg(f.s(didAlice), doc.Id, "1"))

	// ACT
	latest := f.resolve(&types.QueryResolveRequest{Did: doc.Id})
	first := f.resolve(&types.QueryResolveRequest{Did: doc.Id, VersionId: "1"})

	// ASSERT
	require.Equal(t, &doc, latest.DidDocument)
	require.Equal(t, types.DidDocumentMetadata{
		Created: testkeeper.BlockTime, Updated: testkeeper.BlockTime.Add(time.Hour),
		Deactivated: true, VersionId: "2", PreviousVersionId: "1",
	}, latest.DidDocumentMetadata)
	// W3C DID Resolution: a deactivated DID resolves, with no error beside its document.
	require.Equal(t, types.DidResolutionMetadata{ContentType: keeper.DidContentType}, latest.DidResolutionMetadata)
	// A specific version resolves as it was.
	require.Equal(t, &doc, first.DidDocument)
	require.False(t, first.DidDocumentMetadata.Deactivated)
	require.Equal(t, "2", first.DidDocumentMetadata.NextVersionId)
	require.Empty(t, first.DidResolutionMetadata.Error)
}

func TestResolveFailures(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	f.createByAlice("issuer")
	cases := []struct {
		name string
		did  string
		want string
	}{
		{"empty", "", keeper.ResolutionErrorInvalidDid},
		{"another method", "did:web:example.com", keeper.ResolutionErrorInvalidDid},
		{"not base58", "did:civic:0000000000000000000000", keeper.ResolutionErrorInvalidDid},
		{"uppercase UUID", "did:civic:6E8BC430-9C3A-11D9-9669-0800200C9A66", keeper.ResolutionErrorInvalidDid},
		{"unknown", didOf("ghost"), keeper.ResolutionErrorNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ACT
			r := f.resolve(&types.QueryResolveRequest{Did: tc.did})

			// ASSERT
			require.Nil(t, r.DidDocument)
			require.Equal(t, tc.want, r.DidResolutionMetadata.Error)
			require.NotEmpty(t, r.DidResolutionMetadata.ErrorMessage)
			require.Empty(t, r.DidResolutionMetadata.ContentType)
		})
	}
}

func TestResolveRejectsMalformedRequests(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	doc := f.createByAlice("issuer")
	now := testkeeper.BlockTime

	// ACT
	_, errNil := f.q.Resolve(f.ctx, nil)
	_, errBoth := f.q.Resolve(f.ctx, &types.QueryResolveRequest{Did: doc.Id, VersionId: "1", VersionTime: &now})

	// ASSERT
	require.Equal(t, codes.InvalidArgument, status.Code(errNil))
	require.Equal(t, codes.InvalidArgument, status.Code(errBoth))
}

func TestDidVersionsPagination(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	docs := f.didHistory(5)
	f.createByAlice("other") // another DID's versions stay out of the page
	did := docs[1].Id

	// ACT
	page1, err1 := f.q.DidVersions(f.ctx, &types.QueryDidVersionsRequest{Did: did, Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
	require.NoError(t, err1)
	page2, err2 := f.q.DidVersions(f.ctx, &types.QueryDidVersionsRequest{Did: did, Pagination: &query.PageRequest{Limit: 2, Key: page1.Pagination.NextKey}})
	require.NoError(t, err2)
	page3, err3 := f.q.DidVersions(f.ctx, &types.QueryDidVersionsRequest{Did: did, Pagination: &query.PageRequest{Limit: 2, Key: page2.Pagination.NextKey}})

	// ASSERT
	require.NoError(t, err3)
	ids := func(vs []types.DidVersion) []string {
		var out []string
		for _, v := range vs {
			require.Equal(t, did, v.Document.Id)
			out = append(out, v.VersionId)
		}
		return out
	}
	require.Equal(t, []string{"1", "2"}, ids(page1.Versions))
	require.Equal(t, uint64(5), page1.Pagination.Total)
	require.NotNil(t, page1.Pagination.NextKey)
	require.Equal(t, []string{"3", "4"}, ids(page2.Versions))
	require.NotNil(t, page2.Pagination.NextKey)
	require.Equal(t, []string{"5"}, ids(page3.Versions))
	require.Nil(t, page3.Pagination.NextKey)
	require.Equal(t, docs[5], page3.Versions[0].Document)
}

func TestDidVersionsDefaultPage(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	docs := f.didHistory(3)

	// ACT
	res, err := f.q.DidVersions(f.ctx, &types.QueryDidVersionsRequest{Did: docs[1].Id})

	// ASSERT
	require.NoError(t, err)
	require.Len(t, res.Versions, 3)
	require.Nil(t, res.Pagination.NextKey)
}

func TestDidVersionsRejected(t *testing.T) {
	// ARRANGE
	f := newDidFixture(t)
	f.createByAlice("issuer")
	cases := []struct {
		name string
		req  *types.QueryDidVersionsRequest
		want codes.Code
	}{
		{"nil request", nil, codes.InvalidArgument},
		{"malformed DID", &types.QueryDidVersionsRequest{Did: "did:civic:short"}, codes.InvalidArgument},
		{"unknown DID", &types.QueryDidVersionsRequest{Did: didOf("ghost")}, codes.NotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ACT
			_, err := f.q.DidVersions(f.ctx, tc.req)

			// ASSERT
			require.Equal(t, tc.want, status.Code(err))
		})
	}
}
