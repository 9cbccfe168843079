package resolver_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	grpctypes "github.com/cosmos/cosmos-sdk/types/grpc"

	"github.com/civicchain/civic/x/did/client/resolver"
	"github.com/civicchain/civic/x/did/types"
)

const testDid = "did:civic:7Nq3fJtM1xXkZ4m9v2Wc8R"

func TestParseResolveRequest(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		query   string
		height  string
		want    *types.QueryResolveRequest
		wantH   int64
		wantErr string
	}{
		{"latest", "", "", &types.QueryResolveRequest{Did: testDid}, 0, ""},
		{"a version", "versionId=3", "", &types.QueryResolveRequest{Did: testDid, VersionId: "3"}, 0, ""},
		{"a time, offset normalised to UTC", "versionTime=2026-03-01T18:00:00%2B09:00", "", &types.QueryResolveRequest{Did: testDid, VersionTime: &at}, 0, ""},
		{"at a height", "", "42", &types.QueryResolveRequest{Did: testDid}, 42, ""},
		{"height 0 is the latest", "", "0", &types.QueryResolveRequest{Did: testDid}, 0, ""},
		{"version 0", "versionId=0", "", nil, 0, "is not a version number"},
		{"version with a leading zero", "versionId=01", "", nil, 0, "is not a version number"},
		{"empty version", "versionId=", "", nil, 0, "is not a version number"},
		{"not RFC 3339", "versionTime=2026-03-01", "", nil, 0, "is not an RFC 3339 time"},
		{"both", "versionId=1&versionTime=2026-03-01T00:00:00Z", "", nil, 0, "exclusive"},
		{"repeated", "versionId=1&versionId=2", "", nil, 0, "given 2 times"},
		{"unknown parameter", "service=files", "", nil, 0, `unsupported query parameter "service"`},
		{"negative height", "", "-1", nil, 0, "is not a block height"},
		{"height not a number", "", "tip", nil, 0, "is not a block height"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q, err := url.ParseQuery(tc.query)
			require.NoError(t, err)
			h := http.Header{}
			if tc.height != "" {
				h.Set(grpctypes.GRPCBlockHeightHeader, tc.height)
			}
			req, height, err := resolver.ParseResolveRequest(testDid, q, h)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, req)
			require.Equal(t, tc.wantH, height)
		})
	}
	_, _, err := resolver.ParseResolveRequest("", nil, http.Header{})
	require.ErrorContains(t, err, "no DID")
}

func TestResolutionStatus(t *testing.T) {
	for code, want := range map[string]int{
		"":                                       http.StatusOK,
		resolver.ErrorInvalidDid:                 http.StatusBadRequest,
		resolver.ErrorInvalidOptions:             http.StatusBadRequest,
		resolver.ErrorNotFound:                   http.StatusNotFound,
		resolver.ErrorRepresentationNotSupported: http.StatusNotAcceptable,
		resolver.ErrorInternal:                   http.StatusInternalServerError,
		"methodNotSupported":                     http.StatusInternalServerError,
	} {
		r := types.DidResolution{DidResolutionMetadata: types.DidResolutionMetadata{Error: code}}
		require.Equal(t, want, resolver.ResolutionStatus(r), "error %q", code)
	}
	// A deactivated DID resolves without an error and answers 410.
	require.Equal(t, http.StatusGone, resolver.ResolutionStatus(resolved(true, "")))
	require.Equal(t, http.StatusOK, resolver.ResolutionStatus(resolved(false, "")))
}

// fakeResolver answers Query/Resolve with a fixed result or error and records the request
// and the height asked for.
type fakeResolver struct {
	res    types.DidResolution
	err    error
	got    *types.QueryResolveRequest
	height string
}

func (f *fakeResolver) Resolve(ctx context.Context, in *types.QueryResolveRequest, opts ...grpc.CallOption) (*types.QueryResolveResponse, error) {
	f.got = in
	if md, ok := metadata.FromOutgoingContext(ctx); ok {
		if hs := md.Get(grpctypes.GRPCBlockHeightHeader); len(hs) > 0 {
			f.height = hs[0]
		}
	}
	for _, o := range opts {
		if h, ok := o.(grpc.HeaderCallOption); ok {
			*h.HeaderAddr = metadata.Pairs(grpctypes.GRPCBlockHeightHeader, "77")
		}
	}
	if f.err != nil {
		return nil, f.err
	}
	return &types.QueryResolveResponse{Resolution: f.res}, nil
}

func resolved(deactivated bool, errCode string) types.DidResolution {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r := types.DidResolution{
		DidDocument: &types.DidDocument{
			Id: testDid,
			VerificationMethod: []types.VerificationMethod{{
				Id: testDid + "#key-1", Type: "Ed25519VerificationKey2020", Controller: testDid,
				PublicKeyMultibase: "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
			}},
			Authentication: []string{testDid + "#key-1"},
		},
		DidDocumentMetadata:   types.DidDocumentMetadata{Created: t0, Updated: t0, VersionId: "1", Deactivated: deactivated},
		DidResolutionMetadata: types.DidResolutionMetadata{ContentType: "application/did+json", Error: errCode},
	}
	if errCode == resolver.ErrorNotFound || errCode == resolver.ErrorInvalidDid {
		r.DidDocument = nil
		r.DidDocumentMetadata = types.DidDocumentMetadata{}
	}
	return r
}

func serve(t *testing.T, f *fakeResolver, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	router := mux.NewRouter()
	router.Path(resolver.Path).Methods(http.MethodGet).Handler(resolver.NewHandler(f, "civic-test-1"))
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, req)
	return rec
}

func TestResolverHandler(t *testing.T) {
	cases := []struct {
		name      string
		f         *fakeResolver
		target    string
		header    http.Header
		wantCode  int
		wantError string // didResolutionMetadata.error in the body
		wantDoc   bool
	}{
		{"resolved", &fakeResolver{res: resolved(false, "")}, "/civic/did/v1/identifiers/" + testDid, nil, http.StatusOK, "", true},
		{"deactivated", &fakeResolver{res: resolved(true, "")}, "/civic/did/v1/identifiers/" + testDid, nil, http.StatusGone, "", true},
		{"not found", &fakeResolver{res: resolved(false, resolver.ErrorNotFound)}, "/civic/did/v1/identifiers/" + testDid, nil, http.StatusNotFound, resolver.ErrorNotFound, false},
		{"invalid DID", &fakeResolver{res: resolved(false, resolver.ErrorInvalidDid)}, "/civic/did/v1/identifiers/did:web:example.com", nil, http.StatusBadRequest, resolver.ErrorInvalidDid, false},
		{"bad option", &fakeResolver{}, "/civic/did/v1/identifiers/" + testDid + "?versionTime=yesterday", nil, http.StatusBadRequest, resolver.ErrorInvalidOptions, false},
		{"node failure", &fakeResolver{err: status.Error(codes.Unavailable, "connection refused")}, "/civic/did/v1/identifiers/" + testDid, nil, http.StatusInternalServerError, resolver.ErrorInternal, false},
		{"at a height", &fakeResolver{res: resolved(false, "")}, "/civic/did/v1/identifiers/" + testDid, http.Header{"X-Cosmos-Block-Height": {"12"}}, http.StatusOK, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := serve(t, tc.f, tc.target, tc.header)
			require.Equal(t, tc.wantCode, rec.Code, rec.Body.String())
			require.Equal(t, resolver.ResolutionMediaType, rec.Header().Get("Content-Type"))
			var body struct {
				DidDocument           map[string]any `json:"didDocument"`
				DidResolutionMetadata map[string]any `json:"didResolutionMetadata"`
			}
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
			gotErr, _ := body.DidResolutionMetadata["error"].(string)
			require.Equal(t, tc.wantError, gotErr, rec.Body.String())
			require.Equal(t, tc.wantDoc, body.DidDocument != nil, rec.Body.String())
			if tc.wantDoc {
				require.Equal(t, testDid, body.DidDocument["id"])
			}
			if tc.f.got != nil {
				require.Equal(t, "77", rec.Header().Get(grpctypes.GRPCBlockHeightHeader), "the height the answer is for is repeated")
			}
		})
	}

	// the request reaches the query as parsed, the height as gRPC metadata
	f := &fakeResolver{res: resolved(false, "")}
	serve(t, f, "/civic/did/v1/identifiers/"+testDid+"?versionId=4", http.Header{"X-Cosmos-Block-Height": {"12"}})
	require.Equal(t, &types.QueryResolveRequest{Did: testDid, VersionId: "4"}, f.got)
	require.Equal(t, "12", f.height)

	// the versions list of the gateway is not captured by the resolver route
	f = &fakeResolver{}
	rec := serve(t, f, "/civic/did/v1/identifiers/"+testDid+"/versions", nil)
	require.Equal(t, http.StatusNotFound, rec.Code)
	require.Nil(t, f.got)
}

// body is a decoded resolver response.
type body map[string]json.RawMessage

func decode(t *testing.T, rec *httptest.ResponseRecorder) body {
	t.Helper()
	var b body
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &b), rec.Body.String())
	return b
}

func (b body) object(t *testing.T, key string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b[key], &m), "%s: %s", key, b[key])
	return m
}

func TestResolverDeactivatedResolvesWithoutError(t *testing.T) {
	// ARRANGE
	f := &fakeResolver{res: resolved(true, "")}

	// ACT
	rec := serve(t, f, "/civic/did/v1/identifiers/"+testDid, nil)

	// ASSERT: HTTP 410, the document, deactivated: true, no error, the contentType of the document.
	require.Equal(t, http.StatusGone, rec.Code)
	b := decode(t, rec)
	require.Equal(t, testDid, b.object(t, "didDocument")["id"])
	require.Equal(t, true, b.object(t, "didDocumentMetadata")["deactivated"])
	meta := b.object(t, "didResolutionMetadata")
	require.NotContains(t, meta, "error")
	require.NotContains(t, meta, "errorMessage")
	require.Equal(t, "application/did+json", meta["contentType"])
}

func TestResolverAcceptDidJSON(t *testing.T) {
	for _, mediaType := range []string{resolver.DidJSONMediaType, resolver.DidLDJSONMediaType} {
		t.Run(mediaType, func(t *testing.T) {
			// ACT
			rec := serve(t, &fakeResolver{res: resolved(false, "")}, "/civic/did/v1/identifiers/"+testDid, http.Header{"Accept": {mediaType}})

			// ASSERT: the document alone, in the representation asked for.
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			require.Equal(t, mediaType, rec.Header().Get("Content-Type"))
			b := decode(t, rec)
			require.NotContains(t, b, "didDocument")
			require.NotContains(t, b, "didResolutionMetadata")
			var id string
			require.NoError(t, json.Unmarshal(b["id"], &id))
			require.Equal(t, testDid, id)
			var ctx []string
			require.NoError(t, json.Unmarshal(b["@context"], &ctx))
			require.Equal(t, types.ContextDidV1, ctx[0])
		})
	}

	// A deactivated document keeps its 410.
	rec := serve(t, &fakeResolver{res: resolved(true, "")}, "/civic/did/v1/identifiers/"+testDid, http.Header{"Accept": {resolver.DidJSONMediaType}})
	require.Equal(t, http.StatusGone, rec.Code)
	require.Equal(t, resolver.DidJSONMediaType, rec.Header().Get("Content-Type"))

	// A failed resolution has no document: the answer is the resolution result with the
	// error, and no contentType.
	rec = serve(t, &fakeResolver{res: resolved(false, resolver.ErrorNotFound)}, "/civic/did/v1/identifiers/"+testDid, http.Header{"Accept": {resolver.DidJSONMediaType}})
	require.Equal(t, http.StatusNotFound, rec.Code)
	require.Equal(t, resolver.ResolutionMediaType, rec.Header().Get("Content-Type"))
	meta := decode(t, rec).object(t, "didResolutionMetadata")
	require.Equal(t, resolver.ErrorNotFound, meta["error"])
	require.NotContains(t, meta, "contentType")
}

func TestResolverAcceptResolutionResult(t *testing.T) {
	for accept, wantType := range map[string]string{
		"":                           resolver.ResolutionMediaType,
		resolver.ResolutionMediaType: resolver.ResolutionMediaType,
		`application/ld+json; profile="https://w3id.org/did-resolution"`: resolver.ResolutionMediaType,
		"application/ld+json":            resolver.ResolutionMediaType,
		resolver.DidResolutionMediaType:  resolver.DidResolutionMediaType,
		"*/*":                            resolver.ResolutionMediaType,
		"text/html, application/*;q=0.5": resolver.ResolutionMediaType,
	} {
		t.Run(accept, func(t *testing.T) {
			h := http.Header{}
			if accept != "" {
				h.Set("Accept", accept)
			}
			rec := serve(t, &fakeResolver{res: resolved(false, "")}, "/civic/did/v1/identifiers/"+testDid, h)
			require.Equal(t, http.StatusOK, rec.Code)
			require.Equal(t, wantType, rec.Header().Get("Content-Type"))
			b := decode(t, rec)
			require.Equal(t, testDid, b.object(t, "didDocument")["id"])
			require.Equal(t, "application/did+json", b.object(t, "didResolutionMetadata")["contentType"])
		})
	}
}

func TestResolverAcceptUnsupported(t *testing.T) {
	for _, accept := range []string{"text/html", "application/json", "application/ld+json;profile=https://example.org/other", "application/did+json;q=0", "image/*"} {
		t.Run(accept, func(t *testing.T) {
			// ARRANGE
			f := &fakeResolver{res: resolved(false, "")}

			// ACT
			rec := serve(t, f, "/civic/did/v1/identifiers/"+testDid, http.Header{"Accept": {accept}})

			// ASSERT: 406 representationNotSupported, no document, no contentType; nothing resolved.
			require.Equal(t, http.StatusNotAcceptable, rec.Code, rec.Body.String())
			require.Equal(t, resolver.ResolutionMediaType, rec.Header().Get("Content-Type"))
			b := decode(t, rec)
			require.Equal(t, "null", string(b["didDocument"]))
			meta := b.object(t, "didResolutionMetadata")
			require.Equal(t, resolver.ErrorRepresentationNotSupported, meta["error"])
			require.NotContains(t, meta, "contentType")
			require.Nil(t, f.got, "an unsupported representation is refused before resolving")
		})
	}
}

func TestSelectRepresentation(t *testing.T) {
	for _, tc := range []struct {
		accept string
		want   string // "" = not supported
	}{
		{"", resolver.ResolutionMediaType},
		{"application/did+json", resolver.DidJSONMediaType},
		{"Application/DID+JSON", resolver.DidJSONMediaType},
		{"application/did+ld+json", resolver.DidLDJSONMediaType},
		{"application/did+json;q=0.5, application/did+ld+json", resolver.DidLDJSONMediaType},
		{"application/did+json, application/did+ld+json", resolver.DidJSONMediaType},
		{"text/html, application/did+json;q=0.1", resolver.DidJSONMediaType},
		{"application/did+json;q=2", ""},
		{"application/did+json;q=x", ""},
		{"text/plain", ""},
	} {
		got, ok := resolver.SelectRepresentation(tc.accept)
		require.Equal(t, tc.want != "", ok, "%q", tc.accept)
		require.Equal(t, tc.want, got, "%q", tc.accept)
	}
}
