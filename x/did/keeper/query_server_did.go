package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/civicchain/civic/internal/grpcerr"
	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/did/types"
)

// W3C DID Resolution values of did_resolution_metadata.
const (
	// DidContentType is the representation of a resolved document.
	DidContentType = "application/did+json"

	ResolutionErrorInvalidDid = "invalidDid"
	ResolutionErrorNotFound   = "notFound"
)

// Resolve resolves a DID as W3C DID Resolution does: failures are reported in
// did_resolution_metadata (invalidDid, notFound), not as gRPC errors. Only a
// nil request, or one setting both version_id and version_time, is
// codes.InvalidArgument.
//
//   - Neither version_id nor version_time: the latest version. A deactivated
//     DID resolves: its final document with did_document_metadata.deactivated
//     set, and no error (an error never comes with a document).
//   - version_id: that version ("notFound" if it does not exist).
//   - version_time: the last version written at or before that time
//     ("notFound" before the first version).
//
// A returned document always comes with content_type application/did+json
// and the metadata of its version, and a failure with neither; next_version_id
// is set when a later version exists.
func (q queryServer) Resolve(ctx context.Context, req *types.QueryResolveRequest) (*types.QueryResolveResponse, error) {
	if req == nil {
		return nil, grpcerr.EmptyRequest()
	}
	if req.VersionId != "" && req.VersionTime != nil {
		return nil, status.Error(codes.InvalidArgument, "set version_id or version_time, not both")
	}
	if err := types.ValidateDid(req.Did); err != nil {
		return resolutionError(ResolutionErrorInvalidDid, err.Error()), nil
	}
	latest, err := q.k.LatestVersion.Get(ctx, req.Did)
	if err != nil {
		if errors.Is(err, collections.ErrNotFound) {
			return resolutionError(ResolutionErrorNotFound, "DID "+req.Did+" not found"), nil
		}
		return nil, grpcerr.Internal(err)
	}

	n := latest
	switch {
	case req.VersionId != "":
		got, err := types.ParseVersionID(req.VersionId)
		if err != nil {
			return resolutionError(ResolutionErrorNotFound, err.Error()), nil
		}
		if got > latest {
			return resolutionError(ResolutionErrorNotFound, "DID "+req.Did+" has no version "+req.VersionId+"; the latest is "+types.FormatVersionID(latest)), nil
		}
		n = got
	case req.VersionTime != nil:
		got, ok, err := q.versionAt(ctx, req.Did, latest, *req.VersionTime)
		if err != nil {
			return nil, grpcerr.Internal(err)
		}
		if !ok {
			return resolutionError(ResolutionErrorNotFound, "DID "+req.Did+" has no version at or before "+req.VersionTime.UTC().Format(time.RFC3339Nano)), nil
		}
		n = got
	}

	v, err := q.k.Versions.Get(ctx, collections.Join(req.Did, n))
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	doc := v.Document
	res := types.DidResolution{
		DidDocument: &doc,
		DidDocumentMetadata: types.DidDocumentMetadata{
			Created:           v.Created,
			Updated:           v.Updated,
			Deactivated:       v.Deactivated,
			VersionId:         v.VersionId,
			PreviousVersionId: v.PreviousVersionId,
		},
		DidResolutionMetadata: types.DidResolutionMetadata{ContentType: DidContentType},
	}
	if n < latest {
		res.DidDocumentMetadata.NextVersionId = types.FormatVersionID(n + 1)
	}
	return &types.QueryResolveResponse{Resolution: res}, nil
}

// versionAt finds the last version (1..latest) whose updated time is at or
// before t, by binary search with point reads: versions are written in block
// order, so their updated times never decrease. ok is false when the first
// version is later than t.
func (q queryServer) versionAt(ctx context.Context, did string, latest uint64, t time.Time) (uint64, bool, error) {
	// Invariant: versions below lo are at or before t, versions above hi are after t.
	lo, hi := uint64(1), latest
	found := uint64(0)
	for lo <= hi {
		mid := lo + (hi-lo)/2
		v, err := q.k.Versions.Get(ctx, collections.Join(did, mid))
		if err != nil {
			return 0, false, err
		}
		if v.Updated.After(t) {
			hi = mid - 1 // mid >= 1; hi = 0 ends the loop
		} else {
			found = mid
			lo = mid + 1
		}
	}
	return found, found > 0, nil
}

// DidVersions lists the versions of a DID, oldest first.
func (q queryServer) DidVersions(ctx context.Context, req *types.QueryDidVersionsRequest) (*types.QueryDidVersionsResponse, error) {
	if err := grpcerr.Validate(req, types.ValidateDid(req.GetDid())); err != nil {
		return nil, err
	}
	if err := grpcerr.Require(ctx, q.k.LatestVersion, req.Did, "DID %s", req.Did); err != nil {
		return nil, err
	}
	versions, page, err := pagination.PrefixValues(ctx, q.k.Versions, req.Did, req.Pagination)
	if err != nil {
		return nil, grpcerr.Internal(err)
	}
	return &types.QueryDidVersionsResponse{Versions: versions, Pagination: page}, nil
}

// resolutionError is a resolution that failed with a W3C error code and no document.
func resolutionError(code, message string) *types.QueryResolveResponse {
	return &types.QueryResolveResponse{Resolution: types.DidResolution{
		DidResolutionMetadata: types.DidResolutionMetadata{Error: code, ErrorMessage: message},
	}}
}
