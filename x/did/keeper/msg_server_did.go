package keeper

import (
	"context"
	"errors"
	"slices"
	"strings"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/did/types"
)

// DidProofVerifyGas is the gas charged for each DID proof verified, before
// the signature check runs, whatever the key type. It is the SDK's default
// secp256k1 signature cost (auth params sig_verify_cost_secp256k1), the dearer
// of the SDK's two costs, so a proof never costs less than a transaction
// signature would.
const DidProofVerifyGas uint64 = 1000

// Authorisation of a DID message (create, update, deactivate). The
// controlling document is the new document for MsgCreateDid and the current
// (latest) document for MsgUpdateDid and MsgDeactivateDid. The message is
// authorised when
//
//   - the signer is one of the document's account controllers, or
//   - at least one proof verifies with an authentication method of one of the
//     document's controller DIDs: the document itself (its own authentication
//     keys; an empty controller list means self-control) or another DID's
//     latest, non-deactivated document.
//
// Every proof present must verify: a proof that fails — not a DID URL of a
// controller DID, not an authentication method of it, or a bad signature — is
// ErrInvalidProof even when the signer is an account controller, so a client
// never learns from success that a broken proof was ignored.
//
// A document may only name controller DIDs that exist and are not deactivated
// (ErrDidNotFound / ErrDidDeactivated naming the controller), checked on
// create and on every update, so no document is written that only a missing
// or deactivated DID could change. A controller DID deactivated later simply
// stops authorising: a document it controlled alone is then frozen, which is
// what deactivating a controller means.

// latestVersion loads the latest version of a DID and its number, or fails
// with ErrDidNotFound. A deactivated DID is returned as it is: its latest
// version has Deactivated set.
func (k Keeper) latestVersion(ctx context.Context, did string) (types.DidVersion, uint64, error) {
	n, err := k.LatestVersion.Get(ctx, did)
	if errors.Is(err, collections.ErrNotFound) {
		return types.DidVersion{}, 0, errorsmod.Wrapf(types.ErrDidNotFound, "DID %s", did)
	}
	if err != nil {
		return types.DidVersion{}, 0, err
	}
	v, err := k.Versions.Get(ctx, collections.Join(did, n))
	if err != nil {
		return types.DidVersion{}, 0, err
	}
	return v, n, nil
}

// requireActiveDid loads the latest version of a DID and requires it not to
// be deactivated: ErrDidNotFound or ErrDidDeactivated otherwise.
func (k Keeper) requireActiveDid(ctx context.Context, did string) (types.DidVersion, error) {
	v, n, err := k.latestVersion(ctx, did)
	if err != nil {
		return types.DidVersion{}, err
	}
	if v.Deactivated {
		return types.DidVersion{}, errorsmod.Wrapf(types.ErrDidDeactivated, "DID %s was deactivated at version %d", did, n)
	}
	return v, nil
}

// isAccountController tells whether signer (a canonical bech32 address) is one
// of the document's account controllers. Both sides are canonical strings
// (parseAddress and ValidateDocument require it), so they compare as strings.
func isAccountController(doc types.DidDocument, signer string) bool {
	return slices.Contains(doc.AccountControllers(), signer)
}

// CreateDid writes version 1 of a new DID document.
func (m msgServer) CreateDid(ctx context.Context, msg *types.MsgCreateDid) (*types.MsgCreateDidResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := validateCreateDid(m.addressCodec, msg, params.MaxDocumentBytes); err != nil {
		return nil, err
	}
	did := msg.Document.Id

	// A DID is never reused, not even once deactivated.
	if has, err := m.LatestVersion.Has(ctx, did); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrDidExists, "DID %s (a DID is never reused, even once deactivated)", did)
	}
	if err := m.requireControllerDids(ctx, msg.Document); err != nil {
		return nil, err
	}
	if err := m.authorizeDid(ctx, msg.Document, msg.Signer, msg.Proofs, msg, "", &msg.Document); err != nil {
		return nil, err
	}

	sdkCtx := sdk.UnwrapSDKContext(ctx)
	now := sdkCtx.BlockTime()
	v := types.DidVersion{
		Document:  msg.Document,
		VersionId: types.FormatVersionID(1),
		Created:   now,
		Updated:   now,
		Signer:    msg.Signer,
		Height:    sdkCtx.BlockHeight(),
	}
	if err := m.setVersion(ctx, 1, v); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventDidCreated{Did: did, VersionId: v.VersionId, Signer: msg.Signer}, &types.MsgCreateDidResponse{VersionId: v.VersionId})
}

// UpdateDid writes the next version of a DID document, authorised by the
// controllers of the current (latest) version.
func (m msgServer) UpdateDid(ctx context.Context, msg *types.MsgUpdateDid) (*types.MsgUpdateDidResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	signer, err := validateUpdateDid(m.addressCodec, msg, params.MaxDocumentBytes)
	if err != nil {
		return nil, err
	}
	did := msg.Document.Id

	latest, n, err := m.requireLatest(ctx, did, msg.VersionId)
	if err != nil {
		return nil, err
	}
	is, bound, err := m.binding(ctx, did)
	if err != nil {
		return nil, err
	}
	if bound {
		err = m.authorizeBoundWrite(ctx, is, latest, signer, msg.Signer, msg.Proofs, msg, &msg.Document)
	} else {
		err = m.authorizeDid(ctx, latest.Document, msg.Signer, msg.Proofs, msg, latest.VersionId, &msg.Document)
	}
	if err != nil {
		return nil, err
	}
	if err := m.requireControllerDids(ctx, msg.Document); err != nil {
		return nil, err
	}
	if bound {
		agency, err := m.agencyKeeper.GetAgency(ctx, is.AgencyId)
		if err != nil {
			return nil, err
		}
		if err := m.agencyControl(ctx, msg.Document, agency); err != nil {
			return nil, err
		}
	}

	v := m.nextVersion(ctx, latest, n, msg.Document, msg.Signer, false)
	if err := m.setVersion(ctx, n+1, v); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventDidUpdated{Did: did, VersionId: v.VersionId, PreviousVersionId: v.PreviousVersionId, Signer: msg.Signer}, &types.MsgUpdateDidResponse{VersionId: v.VersionId})
}

// DeactivateDid writes the final version of a DID: the same document, marked
// deactivated. Every later write for the DID fails with ErrDidDeactivated.
func (m msgServer) DeactivateDid(ctx context.Context, msg *types.MsgDeactivateDid) (*types.MsgDeactivateDidResponse, error) {
	signer, err := validateDeactivateDid(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}

	latest, n, err := m.requireLatest(ctx, msg.Did, msg.VersionId)
	if err != nil {
		return nil, err
	}
	is, bound, err := m.binding(ctx, msg.Did)
	if err != nil {
		return nil, err
	}
	if bound {
		err = m.authorizeBoundWrite(ctx, is, latest, signer, msg.Signer, msg.Proofs, msg, nil)
	} else {
		err = m.authorizeDid(ctx, latest.Document, msg.Signer, msg.Proofs, msg, latest.VersionId, nil)
	}
	if err != nil {
		return nil, err
	}

	v := m.nextVersion(ctx, latest, n, latest.Document, msg.Signer, true)
	if err := m.setVersion(ctx, n+1, v); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventDidDeactivated{Did: msg.Did, VersionId: v.VersionId, Signer: msg.Signer}, &types.MsgDeactivateDidResponse{VersionId: v.VersionId})
}

// requireLatest loads the latest version of an active DID and its number, and
// requires the message to replace that version: versionID is the message's
// version_id, already validated (ErrDidNotFound, ErrDidDeactivated,
// ErrStaleVersion).
func (k Keeper) requireLatest(ctx context.Context, did, versionID string) (types.DidVersion, uint64, error) {
	replaces, err := types.ParseVersionID(versionID)
	if err != nil {
		return types.DidVersion{}, 0, err
	}
	latest, n, err := k.latestVersion(ctx, did)
	if err != nil {
		return types.DidVersion{}, 0, err
	}
	if latest.Deactivated {
		return types.DidVersion{}, 0, errorsmod.Wrapf(types.ErrDidDeactivated, "DID %s was deactivated at version %d", did, n)
	}
	if replaces != n {
		return types.DidVersion{}, 0, errorsmod.Wrapf(types.ErrStaleVersion, "DID %s: version_id %d, but the latest version is %d", did, replaces, n)
	}
	return latest, n, nil
}

// nextVersion builds version n+1 of a DID after latest (version n).
func (k Keeper) nextVersion(ctx context.Context, latest types.DidVersion, n uint64, doc types.DidDocument, signer string, deactivated bool) types.DidVersion {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	return types.DidVersion{
		Document:          doc,
		VersionId:         types.FormatVersionID(n + 1),
		PreviousVersionId: latest.VersionId,
		Created:           latest.Created, // every version keeps the first version's time
		Updated:           sdkCtx.BlockTime(),
		Deactivated:       deactivated,
		Signer:            signer,
		Height:            sdkCtx.BlockHeight(),
	}
}

// requireControllerDids requires every controller DID of doc other than doc
// itself to exist and not be deactivated.
func (k Keeper) requireControllerDids(ctx context.Context, doc types.DidDocument) error {
	for _, c := range doc.DidControllers() {
		if c == doc.Id {
			continue
		}
		if _, err := k.requireActiveDid(ctx, c); err != nil {
			return errorsmod.Wrapf(err, "controller DID of %s", doc.Id)
		}
	}
	return nil
}

// authorizeDid checks that the message is authorised by the controllers of
// doc (see the rules above). versionID is the version the message replaces
// ("" for create) and payload the new document (nil for deactivate); with the
// chain id and the message type they make the bytes every proof signs.
func (k Keeper) authorizeDid(ctx context.Context, doc types.DidDocument, signer string, proofs []types.DidProof,
	msg sdk.Msg, versionID string, payload *types.DidDocument,
) error {
	proved, err := k.verifyDidProofs(ctx, doc, proofs, msg, versionID, payload)
	if err != nil {
		return err
	}
	if proved || isAccountController(doc, signer) {
		return nil
	}
	return errorsmod.Wrapf(types.ErrNotController, "%s is controlled by accounts [%s] and DIDs [%s]; signer %s is none of the accounts and no proof was given",
		doc.Id, strings.Join(doc.AccountControllers(), ", "), strings.Join(doc.DidControllers(), ", "), signer)
}

// verifyDidProofs verifies every proof against an authentication method of a
// controller DID of doc, charging DidProofVerifyGas for each. It reports
// whether at least one proof was given (all verified when it returns no error).
func (k Keeper) verifyDidProofs(ctx context.Context, doc types.DidDocument, proofs []types.DidProof,
	msg sdk.Msg, versionID string, payload *types.DidDocument,
) (bool, error) {
	if len(proofs) == 0 {
		return false, nil
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	var payloadBz []byte
	if payload != nil {
		bz, err := payload.Marshal()
		if err != nil {
			return false, err
		}
		payloadBz = bz
	}
	signBytes := types.ProofSignBytes(sdkCtx.ChainID(), sdk.MsgTypeURL(msg), doc.Id, versionID, payloadBz)

	controllers := doc.DidControllers()
	for i, p := range proofs {
		controller, _, err := types.ParseDidURL(p.VerificationMethod)
		if err != nil {
			return false, errorsmod.Wrapf(types.ErrInvalidProof, "proof %d: %s", i+1, err)
		}
		if !slices.Contains(controllers, controller) {
			return false, errorsmod.Wrapf(types.ErrInvalidProof, "proof %d: %s is not a key of a controller DID of %s (controller DIDs [%s])",
				i+1, p.VerificationMethod, doc.Id, strings.Join(controllers, ", "))
		}
		controllerDoc := doc
		if controller != doc.Id {
			cv, err := k.requireActiveDid(ctx, controller)
			if err != nil {
				return false, errorsmod.Wrapf(types.ErrInvalidProof, "proof %d: controller DID: %s", i+1, err)
			}
			controllerDoc = cv.Document
		}
		vm, ok := controllerDoc.Method(p.VerificationMethod)
		if !ok || !controllerDoc.IsAuthentication(p.VerificationMethod) {
			return false, errorsmod.Wrapf(types.ErrInvalidProof, "proof %d: %s is not an authentication method of %s", i+1, p.VerificationMethod, controller)
		}
		sdkCtx.GasMeter().ConsumeGas(DidProofVerifyGas, "did proof")
		if err := types.VerifyProof(vm, signBytes, p.Signature); err != nil {
			if errorsmod.IsOf(err, types.ErrInvalidProof) {
				return false, errorsmod.Wrapf(err, "proof %d", i+1)
			}
			// The stored key does not decode: no proof can verify with it.
			return false, errorsmod.Wrapf(types.ErrInvalidProof, "proof %d by %s: %s", i+1, p.VerificationMethod, err)
		}
	}
	return true, nil
}
