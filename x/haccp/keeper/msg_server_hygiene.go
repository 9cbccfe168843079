package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/roles"
	"github.com/civicchain/civic/x/haccp/types"
)

// The hygiene certificate lifecycle (x/haccp/README.md): RECEIVED ->
// VERIFIED | REJECTED; VERIFIED -> USED by exactly one clearance
// (ClearDeclaration, msg_server_declaration.go).

// ReceiveHygieneCert records a foreign hygiene certificate as RECEIVED. The
// signer holds haccp.inspector or haccp.customs; its agency is recorded. The
// certificate names its consignee, an IMPORTER facility: only that facility's
// declarations may name it.
func (m msgServer) ReceiveHygieneCert(ctx context.Context, msg *types.MsgReceiveHygieneCert) (*types.MsgReceiveHygieneCertResponse, error) {
	signer, err := validateReceiveHygieneCert(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agencyID, err := roles.AnyOf(ctx, m.agencyKeeper, signer, types.RoleInspector, types.RoleCustoms)
	if err != nil {
		return nil, err
	}
	f, err := m.getFacility(ctx, msg.ImporterFacilityId)
	if err != nil {
		return nil, err
	}
	if f.Type != types.FacilityTypeImporter {
		return nil, errorsmod.Wrapf(types.ErrNotImporter, "the consignee facility %d of a hygiene certificate must be an IMPORTER, it is %s", f.Id, f.Type.Label())
	}
	key := collections.Join(msg.Country, msg.CertNo)
	if has, err := m.HygieneCerts.Has(ctx, key); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrHygieneCertExists, "hygiene certificate %s/%s", msg.Country, msg.CertNo)
	}

	now := blockctx.Time(ctx)
	h := types.HygieneCertificate{
		Country:            msg.Country,
		CertNo:             msg.CertNo,
		IssuingAuthority:   msg.IssuingAuthority,
		Product:            msg.Product,
		Lot:                msg.Lot,
		DocumentDigest:     msg.DocumentDigest,
		ImporterFacilityId: f.Id,
		Status:             types.HygieneCertStatusReceived,
		AgencyId:           agencyID,
		ReceivedBy:         msg.Signer,
		ReceivedAt:         now,
		UpdatedAt:          now,
	}
	if err := m.HygieneCerts.Set(ctx, key, h); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventHygieneCertChanged{
		Country: h.Country, CertNo: h.CertNo, Status: h.Status, Actor: msg.Signer, ImporterFacilityId: h.ImporterFacilityId,
	}); err != nil {
		return nil, err
	}
	return &types.MsgReceiveHygieneCertResponse{}, nil
}

// VerifyHygieneCert verifies (RECEIVED -> VERIFIED) or rejects (RECEIVED ->
// REJECTED, with a reason code) a hygiene certificate. Signer: haccp.inspector.
func (m msgServer) VerifyHygieneCert(ctx context.Context, msg *types.MsgVerifyHygieneCert) (*types.MsgVerifyHygieneCertResponse, error) {
	signer, err := validateVerifyHygieneCert(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	if _, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleInspector); err != nil {
		return nil, err
	}
	h, err := m.loadHygieneCert(ctx, msg.Country, msg.CertNo)
	if err != nil {
		return nil, err
	}
	to := types.HygieneCertStatusRejected
	if msg.Verified {
		to = types.HygieneCertStatusVerified
	}
	if err := types.ValidateHygieneCertTransition(h.Status, to); err != nil {
		return nil, errorsmod.Wrapf(err, "hygiene certificate %s/%s", h.Country, h.CertNo)
	}

	h.Status = to
	h.ReasonCode = msg.ReasonCode
	h.UpdatedAt = blockctx.Time(ctx)
	if err := m.HygieneCerts.Set(ctx, collections.Join(h.Country, h.CertNo), h); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventHygieneCertChanged{
		Country: h.Country, CertNo: h.CertNo, Status: h.Status, DeclNo: h.HeldBy, ReasonCode: h.ReasonCode, Actor: msg.Inspector,
		ImporterFacilityId: h.ImporterFacilityId,
	}); err != nil {
		return nil, err
	}
	return &types.MsgVerifyHygieneCertResponse{}, nil
}

// loadHygieneCert loads a hygiene certificate or fails with ErrHygieneCertNotFound.
func (k Keeper) loadHygieneCert(ctx context.Context, country, certNo string) (types.HygieneCertificate, error) {
	h, err := k.HygieneCerts.Get(ctx, collections.Join(country, certNo))
	if errors.Is(err, collections.ErrNotFound) {
		return types.HygieneCertificate{}, errorsmod.Wrapf(types.ErrHygieneCertNotFound, "hygiene certificate %s/%s", country, certNo)
	}
	return h, err
}
