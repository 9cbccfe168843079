package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/x/haccp/types"
)

// The certificate lifecycle (x/haccp/README.md): ACTIVE <-> SUSPENDED,
// ACTIVE|SUSPENDED -> REVOKED (final), RENEW writes version n+1 (ACTIVE) and
// keeps version n. EXPIRED is never stored: from valid_until on (by block
// time) a certificate reads as EXPIRED and every write but RENEW fails.

// IssueCertificate issues version 1 of a certificate for a facility; the
// signer's agency becomes the certifying agency.
func (m msgServer) IssueCertificate(ctx context.Context, msg *types.MsgIssueCertificate) (*types.MsgIssueCertificateResponse, error) {
	signer, err := validateIssueCertificate(m.addressCodec, msg, blockctx.Time(ctx))
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleCertifier)
	if err != nil {
		return nil, err
	}
	if _, err := m.getFacility(ctx, msg.FacilityId); err != nil {
		return nil, err
	}
	if has, err := m.Certificates.Has(ctx, msg.CertNo); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrCertificateExists, "certificate %q", msg.CertNo)
	}

	c := types.Certificate{
		CertNo:     msg.CertNo,
		FacilityId: msg.FacilityId,
		Scope:      msg.Scope,
		ValidFrom:  msg.ValidFrom,
		ValidUntil: msg.ValidUntil,
		Status:     types.CertificateStatusActive,
		Version:    1,
		AgencyId:   agencyID,
		Certifier:  msg.Certifier,
	}
	if err := m.writeCertificate(ctx, c, types.CertificateActionIssued, msg.Certifier, agencyID, ""); err != nil {
		return nil, err
	}
	return &types.MsgIssueCertificateResponse{}, nil
}

// SuspendCertificate suspends an ACTIVE certificate: ACTIVE -> SUSPENDED.
func (m msgServer) SuspendCertificate(ctx context.Context, msg *types.MsgSuspendCertificate) (*types.MsgSuspendCertificateResponse, error) {
	signer, err := validateSuspendCertificate(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	if err := m.changeStatus(ctx, signer, msg.Certifier, msg.CertNo, types.CertificateStatusSuspended,
		types.CertificateActionSuspended, msg.ReasonCode); err != nil {
		return nil, err
	}
	return &types.MsgSuspendCertificateResponse{}, nil
}

// ReinstateCertificate reinstates a SUSPENDED certificate: SUSPENDED -> ACTIVE.
func (m msgServer) ReinstateCertificate(ctx context.Context, msg *types.MsgReinstateCertificate) (*types.MsgReinstateCertificateResponse, error) {
	signer, err := validateReinstateCertificate(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	if err := m.changeStatus(ctx, signer, msg.Certifier, msg.CertNo, types.CertificateStatusActive,
		types.CertificateActionReinstated, msg.ReasonCode); err != nil {
		return nil, err
	}
	return &types.MsgReinstateCertificateResponse{}, nil
}

// RevokeCertificate revokes a certificate for good: ACTIVE|SUSPENDED -> REVOKED.
func (m msgServer) RevokeCertificate(ctx context.Context, msg *types.MsgRevokeCertificate) (*types.MsgRevokeCertificateResponse, error) {
	signer, err := validateRevokeCertificate(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	if err := m.changeStatus(ctx, signer, msg.Certifier, msg.CertNo, types.CertificateStatusRevoked,
		types.CertificateActionRevoked, msg.ReasonCode); err != nil {
		return nil, err
	}
	return &types.MsgRevokeCertificateResponse{}, nil
}

// RenewCertificate writes version n+1 of a certificate that is not REVOKED
// (ACTIVE, SUSPENDED or expired) with a new scope and validity; the previous
// version stays in CertificateVersions. A renewal changes the validity, never
// the status: a SUSPENDED certificate stays SUSPENDED (with its reason) until
// ReinstateCertificate, so that renewing cannot lift a suspension — neither
// for the new version nor, through IsCertValid, for the old one. Version n+1
// may not start before version n (valid_from never goes back), which makes
// version n in force until version n+1's valid_from.
func (m msgServer) RenewCertificate(ctx context.Context, msg *types.MsgRenewCertificate) (*types.MsgRenewCertificateResponse, error) {
	signer, err := validateRenewCertificate(m.addressCodec, msg, blockctx.Time(ctx))
	if err != nil {
		return nil, err
	}
	c, agencyID, err := m.certificateForWrite(ctx, signer, msg.CertNo)
	if err != nil {
		return nil, err
	}
	if msg.ValidFrom.Before(c.ValidFrom) {
		return nil, errorsmod.Wrapf(types.ErrInvalidPeriod, "a renewal of certificate %q may not start (%s) before version %d (%s)", c.CertNo,
			msg.ValidFrom.UTC().Format(time.RFC3339), c.Version, c.ValidFrom.UTC().Format(time.RFC3339))
	}
	c.Version++
	c.Scope = msg.Scope
	c.ValidFrom = msg.ValidFrom
	c.ValidUntil = msg.ValidUntil
	c.Certifier = msg.Certifier
	if err := m.writeCertificate(ctx, c, types.CertificateActionRenewed, msg.Certifier, agencyID, c.ReasonCode); err != nil {
		return nil, err
	}
	return &types.MsgRenewCertificateResponse{Version: c.Version}, nil
}

// RecordAudit records an audit of a certified facility on the certificate's
// latest version; the status does not change. Audits are recorded in time
// order: one older than the last recorded is refused.
func (m msgServer) RecordAudit(ctx context.Context, msg *types.MsgRecordAudit) (*types.MsgRecordAuditResponse, error) {
	signer, err := validateRecordAudit(m.addressCodec, msg, blockctx.Time(ctx))
	if err != nil {
		return nil, err
	}
	c, agencyID, err := m.certificateForWrite(ctx, signer, msg.CertNo)
	if err != nil {
		return nil, err
	}
	if err := requireNotExpired(c, blockctx.Time(ctx)); err != nil {
		return nil, err
	}
	if c.LastAudit != nil && msg.Audit.At.Before(c.LastAudit.At) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAudit, "audit of %s is older than the last audit recorded, of %s",
			msg.Audit.At.UTC().Format(time.RFC3339), c.LastAudit.At.UTC().Format(time.RFC3339))
	}
	audit := msg.Audit
	c.LastAudit = &audit
	if err := m.writeCertificate(ctx, c, types.CertificateActionAudited, msg.Certifier, agencyID, ""); err != nil {
		return nil, err
	}
	return &types.MsgRecordAuditResponse{}, nil
}

// changeStatus is the shared body of Suspend, Reinstate and Revoke.
func (m msgServer) changeStatus(ctx context.Context, signer sdk.AccAddress, actor, certNo string,
	to types.CertificateStatus, action types.CertificateAction, reasonCode string,
) error {
	c, agencyID, err := m.certificateForWrite(ctx, signer, certNo)
	if err != nil {
		return err
	}
	if err := requireNotExpired(c, blockctx.Time(ctx)); err != nil {
		return err
	}
	if err := types.ValidateCertificateTransition(c.Status, to); err != nil {
		return err
	}
	c.Status = to
	c.ReasonCode = reasonCode
	return m.writeCertificate(ctx, c, action, actor, agencyID, reasonCode)
}

// certificateForWrite loads a certificate for a write by signer: the signer
// must be a haccp.certifier of the certifying agency, and the certificate not
// REVOKED (final).
func (k Keeper) certificateForWrite(ctx context.Context, signer sdk.AccAddress, certNo string) (types.Certificate, string, error) {
	c, err := k.getCertificate(ctx, certNo)
	if err != nil {
		return types.Certificate{}, "", err
	}
	agencyID, err := k.authorizeIn(ctx, signer, types.RoleCertifier, c.AgencyId, "certificate "+text.Quote(certNo))
	if err != nil {
		return types.Certificate{}, "", err
	}
	if c.Status == types.CertificateStatusRevoked {
		return types.Certificate{}, "", errorsmod.Wrapf(types.ErrCertificateRevoked, "certificate %q was revoked (%s)", certNo, c.ReasonCode)
	}
	return c, agencyID, nil
}

// requireNotExpired fails with ErrCertificateExpired from valid_until on.
func requireNotExpired(c types.Certificate, now time.Time) error {
	if isExpired(c, now) {
		return errorsmod.Wrapf(types.ErrCertificateExpired, "certificate %q version %d expired at %s; only renewal is possible",
			c.CertNo, c.Version, c.ValidUntil.UTC().Format(time.RFC3339))
	}
	return nil
}

// isExpired reports whether a certificate version reads as EXPIRED at now.
func isExpired(c types.Certificate, now time.Time) bool {
	return !now.Before(c.ValidUntil)
}

// EffectiveStatus is a certificate's status at now: the stored status, except
// that an ACTIVE or SUSPENDED certificate reads as EXPIRED from valid_until on.
// REVOKED is final and stays REVOKED.
func EffectiveStatus(c types.Certificate, now time.Time) types.CertificateStatus {
	if c.Status != types.CertificateStatusRevoked && isExpired(c, now) {
		return types.CertificateStatusExpired
	}
	return c.Status
}

// writeCertificate stores c as the latest version and as its version entry,
// appends a CertificateEvent with the next seq and emits
// EventCertificateChanged. reasonCode is the reason of this action (empty for
// issue, renewal and audit).
func (k Keeper) writeCertificate(ctx context.Context, c types.Certificate, action types.CertificateAction,
	actor, agencyID, reasonCode string,
) error {
	now := blockctx.Time(ctx)
	c.UpdatedAt = now
	if err := k.Certificates.Set(ctx, c.CertNo, c); err != nil {
		return err
	}
	if err := k.CertificateVersions.Set(ctx, collections.Join(c.CertNo, c.Version), c); err != nil {
		return err
	}
	head, err := k.CertificateEventHead.Get(ctx, c.CertNo)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	seq := head + 1
	ev := types.CertificateEvent{
		CertNo:     c.CertNo,
		Seq:        seq,
		Action:     action,
		Status:     c.Status,
		Version:    c.Version,
		Time:       now,
		Actor:      actor,
		ReasonCode: reasonCode,
	}
	if err := k.CertificateEvents.Set(ctx, collections.Join(c.CertNo, seq), ev); err != nil {
		return err
	}
	if err := k.CertificateEventHead.Set(ctx, c.CertNo, seq); err != nil {
		return err
	}
	return blockctx.Emit(ctx, &types.EventCertificateChanged{
		CertNo:     c.CertNo,
		FacilityId: c.FacilityId,
		Action:     action,
		Status:     c.Status,
		Version:    c.Version,
		ReasonCode: reasonCode,
		AgencyId:   agencyID,
		Actor:      actor,
	})
}
