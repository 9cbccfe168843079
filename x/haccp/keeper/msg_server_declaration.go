package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/haccp/types"
)

// The import declaration lifecycle (x/haccp/README.md): DECLARED ->
// INSPECTING (StartInspection) -> REJECTED (FAIL) | stays INSPECTING with PASS
// -> CLEARED (customs; needs PASS and a VERIFIED hygiene certificate, which
// becomes USED) -> RECALLED (by a recall naming it).

// DeclareImport declares an import for an IMPORTER facility. The signer is its
// operator or staff; the hygiene certificate must exist, name this facility as
// consignee and the lot of every item (ErrHygieneCertMismatch), be neither
// USED nor REJECTED, and not be held by another declaration
// (ErrHygieneCertUnusable); it need not be VERIFIED until clearance. The
// declaration holds the certificate until it is withdrawn.
func (m msgServer) DeclareImport(ctx context.Context, msg *types.MsgDeclareImport) (*types.MsgDeclareImportResponse, error) {
	signer, err := validateDeclareImport(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if uint64(len(msg.Items)) > uint64(params.MaxItemsPerDeclaration) {
		return nil, errorsmod.Wrapf(types.ErrInvalidItem, "a declaration has 1..%d items (params.max_items_per_declaration), got %d",
			params.MaxItemsPerDeclaration, len(msg.Items))
	}
	f, err := m.memberFacility(ctx, signer, msg.ImporterFacilityId)
	if err != nil {
		return nil, err
	}
	if f.Type != types.FacilityTypeImporter {
		return nil, errorsmod.Wrapf(types.ErrNotImporter, "facility %d is %s", f.Id, f.Type.Label())
	}
	if has, err := m.Declarations.Has(ctx, msg.DeclNo); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrDeclarationExists, "declaration %q", msg.DeclNo)
	}
	h, err := m.loadHygieneCert(ctx, msg.HygieneCertCountry, msg.HygieneCertNo)
	if err != nil {
		return nil, err
	}
	if err := checkHygieneCertFor(h, f.Id, msg.Items); err != nil {
		return nil, err
	}
	if h.Status == types.HygieneCertStatusUsed || h.Status == types.HygieneCertStatusRejected {
		return nil, hygieneCertUnusable(h)
	}
	if h.HeldBy != "" {
		return nil, errorsmod.Wrapf(types.ErrHygieneCertUnusable, "hygiene certificate %s/%s is named by declaration %q (withdrawing it releases the certificate)",
			h.Country, h.CertNo, h.HeldBy)
	}

	now := blockctx.Time(ctx)
	d := types.ImportDeclaration{
		DeclNo:             msg.DeclNo,
		ImporterFacilityId: f.Id,
		Items:              msg.Items,
		HygieneCertCountry: msg.HygieneCertCountry,
		HygieneCertNo:      msg.HygieneCertNo,
		Inspection:         types.InspectionResultPending,
		Status:             types.DeclarationStatusDeclared,
		DeclaredBy:         msg.Signer,
		DeclaredAt:         now,
		UpdatedAt:          now,
	}
	if err := m.Declarations.Set(ctx, d.DeclNo, d); err != nil {
		return nil, err
	}
	h.HeldBy = d.DeclNo
	h.UpdatedAt = now
	if err := m.HygieneCerts.Set(ctx, collections.Join(h.Country, h.CertNo), h); err != nil {
		return nil, err
	}
	if err := emitDeclarationChanged(ctx, d, types.DeclarationStatusUnspecified, msg.Signer); err != nil {
		return nil, err
	}
	return &types.MsgDeclareImportResponse{}, nil
}

// StartInspection starts the inspection: DECLARED -> INSPECTING. Signer: haccp.inspector.
func (m msgServer) StartInspection(ctx context.Context, msg *types.MsgStartInspection) (*types.MsgStartInspectionResponse, error) {
	signer, err := validateStartInspection(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	d, err := m.officialsDeclaration(ctx, signer, types.RoleInspector, msg.DeclNo)
	if err != nil {
		return nil, err
	}
	from := d.Status
	if err := checkDeclarationTransition(d, types.DeclarationStatusInspecting); err != nil {
		return nil, err
	}
	d.Status = types.DeclarationStatusInspecting
	if err := m.writeDeclaration(ctx, d, from, msg.Inspector); err != nil {
		return nil, err
	}
	return &types.MsgStartInspectionResponse{}, nil
}

// RecordInspection records the result of an inspection in progress (status
// INSPECTING, inspection PENDING): PASS keeps the declaration INSPECTING,
// ready for clearance; FAIL rejects it. Signer: haccp.inspector.
func (m msgServer) RecordInspection(ctx context.Context, msg *types.MsgRecordInspection) (*types.MsgRecordInspectionResponse, error) {
	signer, err := validateRecordInspection(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	d, err := m.officialsDeclaration(ctx, signer, types.RoleInspector, msg.DeclNo)
	if err != nil {
		return nil, err
	}
	if d.Status != types.DeclarationStatusInspecting {
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "declaration %q is %s; an inspection result is recorded while INSPECTING",
			d.DeclNo, d.Status.Label())
	}
	if d.Inspection != types.InspectionResultPending {
		return nil, errorsmod.Wrapf(types.ErrInvalidInspection, "declaration %q already has inspection result %s",
			d.DeclNo, d.Inspection.Label())
	}
	from := d.Status
	if msg.Result == types.InspectionResultFail {
		if err := types.ValidateDeclarationTransition(from, types.DeclarationStatusRejected); err != nil {
			return nil, err
		}
		d.Status = types.DeclarationStatusRejected
	}
	d.Inspection = msg.Result
	d.InspectedBy = msg.Inspector
	d.InspectionReportDigest = msg.ReportDigest
	if err := m.writeDeclaration(ctx, d, from, msg.Inspector); err != nil {
		return nil, err
	}
	return &types.MsgRecordInspectionResponse{}, nil
}

// ClearDeclaration records customs clearance: an INSPECTING declaration whose
// inspection PASSed and whose hygiene certificate is VERIFIED becomes CLEARED
// under a customs_ref used by no other declaration, and the certificate
// becomes USED by it. Signer: haccp.customs. The one event is
// EventDeclarationChanged (it carries customs_ref); the certificate's change
// to USED is read from the declaration.
func (m msgServer) ClearDeclaration(ctx context.Context, msg *types.MsgClearDeclaration) (*types.MsgClearDeclarationResponse, error) {
	signer, err := validateClearDeclaration(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	d, err := m.officialsDeclaration(ctx, signer, types.RoleCustoms, msg.DeclNo)
	if err != nil {
		return nil, err
	}
	inProgress := d.Status == types.DeclarationStatusDeclared || d.Status == types.DeclarationStatusInspecting
	if inProgress && d.Inspection != types.InspectionResultPass {
		return nil, errorsmod.Wrapf(types.ErrInspectionRequired, "declaration %q is %s with inspection %s; clearance needs inspection PASS",
			d.DeclNo, d.Status.Label(), d.Inspection.Label())
	}
	from := d.Status
	if err := checkDeclarationTransition(d, types.DeclarationStatusCleared); err != nil {
		return nil, err
	}
	h, err := m.loadHygieneCert(ctx, d.HygieneCertCountry, d.HygieneCertNo)
	if err != nil {
		return nil, err
	}
	if h.Status != types.HygieneCertStatusVerified {
		return nil, hygieneCertUnusable(h)
	}
	if err := types.ValidateHygieneCertTransition(h.Status, types.HygieneCertStatusUsed); err != nil {
		return nil, err
	}
	if other, err := m.Declarations.Indexes.CustomsRef.MatchExact(ctx, msg.CustomsRef); err == nil {
		return nil, errorsmod.Wrapf(types.ErrCustomsRefUsed, "customs_ref %q cleared declaration %q", msg.CustomsRef, other)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}

	now := blockctx.Time(ctx)
	h.Status = types.HygieneCertStatusUsed
	h.UsedBy = d.DeclNo
	h.UpdatedAt = now
	if err := m.HygieneCerts.Set(ctx, collections.Join(h.Country, h.CertNo), h); err != nil {
		return nil, err
	}
	d.Status = types.DeclarationStatusCleared
	d.ClearedBy = msg.Customs
	d.CustomsRef = msg.CustomsRef
	if err := m.writeDeclaration(ctx, d, from, msg.Customs); err != nil {
		return nil, err
	}
	return &types.MsgClearDeclarationResponse{}, nil
}

// officialsDeclaration loads a declaration for an official: signer must hold
// role (haccp.inspector or haccp.customs) in any agency.
func (m msgServer) officialsDeclaration(ctx context.Context, signer sdk.AccAddress, role, declNo string) (types.ImportDeclaration, error) {
	if _, err := m.agencyKeeper.Authorize(ctx, signer, role); err != nil {
		return types.ImportDeclaration{}, err
	}
	return m.loadDeclaration(ctx, declNo)
}

// importersDeclaration loads a declaration that signer may act on for its
// importer: the operator or staff of the declaration's importer facility.
func (m msgServer) importersDeclaration(ctx context.Context, signer sdk.AccAddress, declNo string) (types.ImportDeclaration, error) {
	d, err := m.loadDeclaration(ctx, declNo)
	if err != nil {
		return types.ImportDeclaration{}, err
	}
	if _, err := m.memberFacility(ctx, signer, d.ImporterFacilityId); err != nil {
		return types.ImportDeclaration{}, err
	}
	return d, nil
}

// WithdrawDeclaration withdraws a declaration before a decision: DECLARED or
// INSPECTING -> WITHDRAWN (final). The signer is the importer facility's
// operator or staff. The hygiene certificate is released, so that the
// importer can declare the lot again on it.
func (m msgServer) WithdrawDeclaration(ctx context.Context, msg *types.MsgWithdrawDeclaration) (*types.MsgWithdrawDeclarationResponse, error) {
	signer, err := validateWithdrawDeclaration(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	d, err := m.importersDeclaration(ctx, signer, msg.DeclNo)
	if err != nil {
		return nil, err
	}
	from := d.Status
	if err := checkDeclarationTransition(d, types.DeclarationStatusWithdrawn); err != nil {
		return nil, err
	}
	h, err := m.loadHygieneCert(ctx, d.HygieneCertCountry, d.HygieneCertNo)
	if err != nil {
		return nil, err
	}
	if h.HeldBy == d.DeclNo {
		h.HeldBy = ""
		h.UpdatedAt = blockctx.Time(ctx)
		if err := m.HygieneCerts.Set(ctx, collections.Join(h.Country, h.CertNo), h); err != nil {
			return nil, err
		}
	}
	d.Status = types.DeclarationStatusWithdrawn
	if err := m.writeDeclaration(ctx, d, from, msg.Signer); err != nil {
		return nil, err
	}
	return &types.MsgWithdrawDeclarationResponse{}, nil
}

// RefuseClearance is customs' answer when it will not clear an inspected
// declaration (inspection PASS), e.g. because its hygiene certificate was
// rejected: INSPECTING -> REJECTED with a reason code. Without it such a
// declaration would wait forever. Signer: haccp.customs.
func (m msgServer) RefuseClearance(ctx context.Context, msg *types.MsgRefuseClearance) (*types.MsgRefuseClearanceResponse, error) {
	signer, err := validateRefuseClearance(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	d, err := m.officialsDeclaration(ctx, signer, types.RoleCustoms, msg.DeclNo)
	if err != nil {
		return nil, err
	}
	if d.Status == types.DeclarationStatusInspecting && d.Inspection != types.InspectionResultPass {
		return nil, errorsmod.Wrapf(types.ErrInspectionRequired, "declaration %q has inspection %s; the inspector decides it (FAIL rejects), customs refuses only after PASS",
			d.DeclNo, d.Inspection.Label())
	}
	from := d.Status
	if err := checkDeclarationTransition(d, types.DeclarationStatusRejected); err != nil {
		return nil, err
	}
	d.Status = types.DeclarationStatusRejected
	d.ReasonCode = msg.ReasonCode
	if err := m.writeDeclaration(ctx, d, from, msg.Customs); err != nil {
		return nil, err
	}
	return &types.MsgRefuseClearanceResponse{}, nil
}

// checkHygieneCertFor requires a hygiene certificate to name the declaring
// importer facility as consignee and its lot to be declared (types.CoversLot).
func checkHygieneCertFor(h types.HygieneCertificate, facilityID uint64, items []types.ImportItem) error {
	if h.ImporterFacilityId != facilityID {
		return errorsmod.Wrapf(types.ErrHygieneCertMismatch, "hygiene certificate %s/%s names importer facility %d, not %d",
			h.Country, h.CertNo, h.ImporterFacilityId, facilityID)
	}
	if !types.CoversLot(h, items) {
		return errorsmod.Wrapf(types.ErrHygieneCertMismatch, "hygiene certificate %s/%s is for lot %q, which no item declares",
			h.Country, h.CertNo, h.Lot)
	}
	return nil
}

// checkDeclarationTransition is types.ValidateDeclarationTransition from d's
// status, naming d.
func checkDeclarationTransition(d types.ImportDeclaration, to types.DeclarationStatus) error {
	if err := types.ValidateDeclarationTransition(d.Status, to); err != nil {
		return errorsmod.Wrapf(err, "declaration %q", d.DeclNo)
	}
	return nil
}

// loadDeclaration loads a declaration or fails with ErrDeclarationNotFound.
func (k Keeper) loadDeclaration(ctx context.Context, declNo string) (types.ImportDeclaration, error) {
	d, err := k.Declarations.Get(ctx, declNo)
	if errors.Is(err, collections.ErrNotFound) {
		return types.ImportDeclaration{}, errorsmod.Wrapf(types.ErrDeclarationNotFound, "declaration %q", declNo)
	}
	return d, err
}

// writeDeclaration stores d (updated_at = block time) and emits
// EventDeclarationChanged from -> d.Status.
func (k Keeper) writeDeclaration(ctx context.Context, d types.ImportDeclaration, from types.DeclarationStatus, actor string) error {
	d.UpdatedAt = blockctx.Time(ctx)
	if err := k.Declarations.Set(ctx, d.DeclNo, d); err != nil {
		return err
	}
	return emitDeclarationChanged(ctx, d, from, actor)
}

func emitDeclarationChanged(ctx context.Context, d types.ImportDeclaration, from types.DeclarationStatus, actor string) error {
	return blockctx.Emit(ctx, &types.EventDeclarationChanged{
		DeclNo:             d.DeclNo,
		ImporterFacilityId: d.ImporterFacilityId,
		From:               from,
		To:                 d.Status,
		Inspection:         d.Inspection,
		CustomsRef:         d.CustomsRef,
		Actor:              actor,
		ReasonCode:         d.ReasonCode,
	})
}

// hygieneCertUnusable explains why a hygiene certificate cannot serve a
// declaration (at declaration: USED or REJECTED; at clearance: not VERIFIED).
func hygieneCertUnusable(h types.HygieneCertificate) error {
	switch h.Status {
	case types.HygieneCertStatusUsed:
		return errorsmod.Wrapf(types.ErrHygieneCertUnusable, "hygiene certificate %s/%s is already used by declaration %q",
			h.Country, h.CertNo, h.UsedBy)
	case types.HygieneCertStatusRejected:
		return errorsmod.Wrapf(types.ErrHygieneCertUnusable, "hygiene certificate %s/%s was rejected (%s)",
			h.Country, h.CertNo, h.ReasonCode)

	default:
		return errorsmod.Wrapf(types.ErrHygieneCertUnusable, "hygiene certificate %s/%s is %s; clearance needs VERIFIED",
			h.Country, h.CertNo, h.Status.Label())
	}
}
