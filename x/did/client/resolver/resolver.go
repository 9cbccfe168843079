// Package resolver is the W3C DID Resolution HTTP(S) binding of did:civic: an
// HTTP handler the app mounts on its API server's router (RegisterRoute), which
// answers through x/did's Query/Resolve.
package resolver

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/client"
	grpctypes "github.com/cosmos/cosmos-sdk/types/grpc"

	"github.com/civicchain/civic/x/did/types"
)

// The W3C DID Resolution HTTP(S) binding of did:civic.
//
//	GET /civic/did/v1/identifiers/{did}[?versionId=N | ?versionTime=RFC3339]
//	Accept: <representation>   (optional, see below)
//	x-cosmos-block-height: H   (optional: resolve against the state at block H)
//
// The Accept header selects the representation (SelectRepresentation):
//
//   - the DID resolution result (didDocument, didDocumentMetadata,
//     didResolutionMetadata) in W3C JSON-LD, rendered by types.ResolutionJSON:
//     ResolutionMediaType, application/did-resolution, application/ld+json, or no
//     Accept header, */* or application/* (the default);
//   - the DID document alone (types.DocumentJSON): application/did+json or
//     application/did+ld+json;
//   - anything else: representationNotSupported, HTTP 406, before anything is resolved.
//
// The response's Content-Type is the representation returned. A failed resolution has no
// document, so it is always answered with the resolution result holding the error. The
// status code follows the binding: 200 resolved, 410 resolved but deactivated (the
// document is returned; didDocumentMetadata.deactivated is true and there is no error),
// 400 invalidDid (or invalidOptions: a malformed versionId, versionTime or height), 404
// notFound, 406 representationNotSupported, 500 anything else (internalError). The
// response repeats the block height the result is for in x-cosmos-block-height. The
// gateway route /civic/did/v1/resolve/{did} serves the same result in protobuf JSON.
const (
	// Path is the route of the W3C resolver.
	Path = "/civic/did/v1/identifiers/{did}"
	// ResolutionMediaType is the media type of a DID resolution result.
	ResolutionMediaType = `application/ld+json;profile="https://w3id.org/did-resolution"`
	// ResolutionProfile is the JSON-LD profile of a DID resolution result.
	ResolutionProfile = "https://w3id.org/did-resolution"
	// DidResolutionMediaType is the DID Resolution v1.0 name of the result's media type.
	DidResolutionMediaType = "application/did-resolution"
	// DidJSONMediaType and DidLDJSONMediaType are the representations of the document alone.
	DidJSONMediaType   = "application/did+json"
	DidLDJSONMediaType = "application/did+ld+json"

	// W3C DID Resolution error codes (didResolutionMetadata.error).
	ErrorInvalidDid                 = "invalidDid"
	ErrorNotFound                   = "notFound"
	ErrorInvalidOptions             = "invalidOptions"
	ErrorRepresentationNotSupported = "representationNotSupported"
	ErrorInternal                   = "internalError"
)

// resolveClient is the part of types.QueryClient the resolver calls.
type resolveClient interface {
	Resolve(ctx context.Context, in *types.QueryResolveRequest, opts ...grpc.CallOption) (*types.QueryResolveResponse, error)
}

// RegisterRoute registers the W3C resolver (GET Path) on the API server's
// router. It must be registered before the gRPC gateway's catch-all route, i.e. from the
// app's RegisterAPIRoutes (the API server adds the gateway after it).
func RegisterRoute(router *mux.Router, clientCtx client.Context) {
	router.Path(Path).Methods(http.MethodGet).Handler(NewHandler(types.NewQueryClient(clientCtx), clientCtx.ChainID))
}

// NewHandler is the resolver's handler over a Query client; chainID is passed to
// types.ResolutionJSON.
func NewHandler(qc resolveClient, chainID string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept := r.Header.Values("Accept")
		mediaType, ok := SelectRepresentation(strings.Join(accept, ","))
		if !ok {
			writeResolution(w, chainID, "", ResolutionMediaType, failed(ErrorRepresentationNotSupported,
				fmt.Sprintf("Accept %q names no supported representation (%s, %s, %s, %s)",
					strings.Join(accept, ","), DidJSONMediaType, DidLDJSONMediaType, ResolutionMediaType, DidResolutionMediaType)))
			return
		}
		req, height, err := ParseResolveRequest(mux.Vars(r)["did"], r.URL.Query(), r.Header)
		if err != nil {
			writeResolution(w, chainID, "", mediaType, failed(ErrorInvalidOptions, err.Error()))
			return
		}
		ctx := r.Context()
		if height > 0 {
			ctx = metadata.AppendToOutgoingContext(ctx, grpctypes.GRPCBlockHeightHeader, strconv.FormatInt(height, 10))
		}
		var header metadata.MD
		res, err := qc.Resolve(ctx, req, grpc.Header(&header))
		answeredAt := ""
		if hs := header.Get(grpctypes.GRPCBlockHeightHeader); len(hs) > 0 {
			answeredAt = hs[0]
		}
		if err != nil {
			writeResolution(w, chainID, answeredAt, mediaType, grpcFailure(err))
			return
		}
		writeResolution(w, chainID, answeredAt, mediaType, res.Resolution)
	})
}

// ParseResolveRequest reads a resolver request: the DID of the path, the query parameters
// versionId and versionTime (RFC 3339; at most one of the two) and the
// x-cosmos-block-height header (a block height, 0 or absent for the latest). Other query
// parameters are an error: the resolver supports no other DID resolution option.
func ParseResolveRequest(did string, query url.Values, header http.Header) (*types.QueryResolveRequest, int64, error) {
	if did == "" {
		return nil, 0, errors.New("no DID in the path")
	}
	for name := range query {
		if name != "versionId" && name != "versionTime" {
			return nil, 0, fmt.Errorf("unsupported query parameter %q (versionId and versionTime are)", name)
		}
		if len(query[name]) > 1 {
			return nil, 0, fmt.Errorf("query parameter %s given %d times", name, len(query[name]))
		}
	}
	req := &types.QueryResolveRequest{Did: did, VersionId: query.Get("versionId")}
	if query.Has("versionId") {
		if _, err := types.ParseVersionID(req.VersionId); err != nil {
			return nil, 0, fmt.Errorf("versionId %q is not a version number (1, 2, ...)", req.VersionId)
		}
	}
	if query.Has("versionTime") {
		if query.Has("versionId") {
			return nil, 0, errors.New("versionId and versionTime are exclusive")
		}
		t, err := time.Parse(time.RFC3339Nano, query.Get("versionTime"))
		if err != nil {
			return nil, 0, fmt.Errorf("versionTime %q is not an RFC 3339 time (e.g. 2026-03-01T00:00:00Z)", query.Get("versionTime"))
		}
		t = t.UTC()
		req.VersionTime = &t
	}
	var height int64
	if h := strings.TrimSpace(header.Get(grpctypes.GRPCBlockHeightHeader)); h != "" {
		n, err := strconv.ParseInt(h, 10, 64)
		if err != nil || n < 0 {
			return nil, 0, fmt.Errorf("%s %q is not a block height", grpctypes.GRPCBlockHeightHeader, h)
		}
		height = n
	}
	return req, height, nil
}

// SelectRepresentation picks the representation an Accept header asks for: the media
// range of the highest quality (the first of equal ones) that names a supported
// representation — DidJSONMediaType, DidLDJSONMediaType (the document alone),
// ResolutionMediaType, application/ld+json, DidResolutionMediaType (the resolution
// result) — and the result for an empty header, */* or application/*. A range with
// q=0 is refused. It returns the media type to answer with, or false when the header
// names none of these (representationNotSupported).
func SelectRepresentation(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return ResolutionMediaType, true
	}
	best, bestQ := "", 0.0
	for _, mediaRange := range strings.Split(accept, ",") {
		mediaType, q := representationOf(mediaRange)
		if mediaType != "" && q > bestQ {
			best, bestQ = mediaType, q
		}
	}
	return best, best != ""
}

// representationOf maps one media range of an Accept header to the media type answered
// for it ("" when none) and its quality (1 unless a valid q parameter says otherwise).
func representationOf(mediaRange string) (string, float64) {
	parts := strings.Split(mediaRange, ";")
	name := strings.ToLower(strings.TrimSpace(parts[0]))
	q, profile := 1.0, ""
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		v = strings.Trim(strings.TrimSpace(v), `"`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "q":
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 || f > 1 {
				return "", 0
			}
			q = f
		case "profile":
			profile = v
		}
	}
	switch {
	case name == DidJSONMediaType, name == DidLDJSONMediaType, name == DidResolutionMediaType:
		return name, q
	case name == "application/ld+json" && (profile == "" || profile == ResolutionProfile):
		return ResolutionMediaType, q
	case name == "*/*", name == "application/*":
		return ResolutionMediaType, q
	default:
		return "", 0
	}
}

// ResolutionStatus is the HTTP status of a resolution result per the W3C DID Resolution
// HTTP(S) binding: a deactivated DID resolves (no error) but answers 410.
func ResolutionStatus(r types.DidResolution) int {
	switch r.DidResolutionMetadata.Error {
	case "":
		if r.DidDocument != nil && r.DidDocumentMetadata.Deactivated {
			return http.StatusGone
		}
		return http.StatusOK
	case ErrorInvalidDid, ErrorInvalidOptions:
		return http.StatusBadRequest
	case ErrorNotFound:
		return http.StatusNotFound
	case ErrorRepresentationNotSupported:
		return http.StatusNotAcceptable
	default:
		return http.StatusInternalServerError
	}
}

// ResolutionResponse is the status code, body and content type of a resolution result in
// the representation mediaType (SelectRepresentation): the document alone for
// DidJSONMediaType and DidLDJSONMediaType when the resolution returned one, and
// otherwise the resolution result (as ResolutionMediaType unless mediaType is another
// name of the result).
func ResolutionResponse(r types.DidResolution, chainID, mediaType string) (int, []byte, string, error) {
	var bz []byte
	var err error
	switch {
	case (mediaType == DidJSONMediaType || mediaType == DidLDJSONMediaType) && r.DidDocument != nil && r.DidResolutionMetadata.Error == "":
		bz, err = types.DocumentJSON(*r.DidDocument, chainID)
	case mediaType == DidResolutionMediaType:
		bz, err = types.ResolutionJSON(r, chainID)
	default:
		mediaType = ResolutionMediaType
		bz, err = types.ResolutionJSON(r, chainID)
	}
	if err != nil {
		return http.StatusInternalServerError, nil, "", err
	}
	return ResolutionStatus(r), bz, mediaType, nil
}

// writeResolution writes a resolution result in the representation mediaType; a result
// that does not render becomes an internalError result.
func writeResolution(w http.ResponseWriter, chainID, height, mediaType string, r types.DidResolution) {
	code, bz, contentType, err := ResolutionResponse(r, chainID, mediaType)
	if err != nil {
		code, bz, contentType, err = ResolutionResponse(failed(ErrorInternal, "rendering the resolution result: "+err.Error()), chainID, ResolutionMediaType)
		if err != nil { // the renderer cannot even render an error: answer in plain text
			http.Error(w, "internalError: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", contentType)
	if height != "" {
		w.Header().Set(grpctypes.GRPCBlockHeightHeader, height)
	}
	w.WriteHeader(code)
	_, _ = w.Write(bz)
}

// failed is a resolution result without a document.
func failed(code, message string) types.DidResolution {
	return types.DidResolution{DidResolutionMetadata: types.DidResolutionMetadata{Error: code, ErrorMessage: message}}
}

// grpcFailure maps a failed Query/Resolve call (resolution errors are in the metadata,
// so this is a malformed request, a height the node does not have, or a node failure).
func grpcFailure(err error) types.DidResolution {
	st, _ := status.FromError(err)
	switch st.Code() {
	case codes.InvalidArgument:
		return failed(ErrorInvalidOptions, st.Message())
	case codes.NotFound:
		return failed(ErrorNotFound, st.Message())
	default:
		return failed(ErrorInternal, st.Message())
	}
}
