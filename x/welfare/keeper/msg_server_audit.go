package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/welfare/types"
)

// PlaceAuditHold holds a live entitlement (OFFERED, ACCEPTED, ACTIVE or
// SUSPENDED, not past valid_until): distributions skip it, and it cannot be
// resumed, until an auditor of the same agency releases it. Any agency's
// welfare.auditor may hold any program's entitlement (the Board of Audit and
// Inspection audits every agency).
func (m msgServer) PlaceAuditHold(ctx context.Context, msg *types.MsgPlaceAuditHold) (*types.MsgPlaceAuditHoldResponse, error) {
	signer, err := validateMsgPlaceAuditHold(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleAuditor)
	if err != nil {
		return nil, err
	}
	ent, err := m.GetEntitlement(ctx, msg.EntitlementId)
	if err != nil {
		return nil, err
	}
	if shown := ent.StatusAt(blockctx.Time(ctx)); !shown.IsLive() {
		return nil, errorsmod.Wrapf(types.ErrEntitlementNotLive, "entitlement %d is %s: only a live entitlement is held", ent.Id, shown.Label())
	}
	if ent.AuditHold {
		return nil, errorsmod.Wrapf(types.ErrAuditHold, "entitlement %d is already held by agency %q (%s)", ent.Id, ent.AuditAgency, ent.AuditReason)
	}
	ent.AuditHold, ent.AuditAgency, ent.AuditReason = true, agencyID, msg.ReasonCode
	if err := m.Entitlements.Set(ctx, ent.Id, ent); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAuditHoldPlaced{
		EntitlementId: ent.Id, ProgramId: ent.ProgramId, AgencyId: agencyID, ReasonCode: msg.ReasonCode, Auditor: msg.Auditor,
	}, &types.MsgPlaceAuditHoldResponse{})
}

// ReleaseAuditHold releases an entitlement's audit hold. Only a
// welfare.auditor of the agency that placed it may.
func (m msgServer) ReleaseAuditHold(ctx context.Context, msg *types.MsgReleaseAuditHold) (*types.MsgReleaseAuditHoldResponse, error) {
	signer, err := validateMsgReleaseAuditHold(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleAuditor)
	if err != nil {
		return nil, err
	}
	ent, err := m.GetEntitlement(ctx, msg.EntitlementId)
	if err != nil {
		return nil, err
	}
	if !ent.AuditHold {
		return nil, errorsmod.Wrapf(types.ErrNoAuditHold, "entitlement %d is not under an audit hold", ent.Id)
	}
	if agencyID != ent.AuditAgency {
		return nil, errorsmod.Wrapf(types.ErrWrongAgency, "the hold on entitlement %d was placed by agency %q: its auditors release it, not agency %q's", ent.Id, ent.AuditAgency, agencyID)
	}
	ent.AuditHold, ent.AuditAgency, ent.AuditReason = false, "", ""
	if err := m.Entitlements.Set(ctx, ent.Id, ent); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAuditHoldReleased{
		EntitlementId: ent.Id, ProgramId: ent.ProgramId, AgencyId: agencyID, Auditor: msg.Auditor,
	}, &types.MsgReleaseAuditHoldResponse{})
}

// RecordFinding records the digest of an audit finding on a program (cycle
// 0) or one of its cycles.
func (m msgServer) RecordFinding(ctx context.Context, msg *types.MsgRecordFinding) (*types.MsgRecordFindingResponse, error) {
	signer, err := validateMsgRecordFinding(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleAuditor)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if msg.CycleSeq != 0 {
		if _, err := m.GetCycle(ctx, p.Id, msg.CycleSeq); err != nil {
			return nil, err
		}
	}
	last, err := m.LastFindingID.Next(ctx)
	if err != nil {
		return nil, err
	}
	f := types.Finding{
		Id: last + 1, ProgramId: p.Id, CycleSeq: msg.CycleSeq, FindingDigest: msg.FindingDigest,
		AgencyId: agencyID, RecordedBy: msg.Auditor, RecordedAt: blockctx.Time(ctx),
	}
	if err := m.Findings.Set(ctx, f.Id, f); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventFindingRecorded{
		FindingId: f.Id, ProgramId: p.Id, CycleSeq: f.CycleSeq, FindingDigest: f.FindingDigest, AgencyId: agencyID, Auditor: msg.Auditor,
	}, &types.MsgRecordFindingResponse{FindingId: f.Id})
}
