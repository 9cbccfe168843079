package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/haccp/types"
)

// AnchorCcpRecord anchors the digest of a facility's CCP monitoring log for a
// closed period (period_start < period_end <= block time). The signer is the
// facility's operator or one of its staff.
func (m msgServer) AnchorCcpRecord(ctx context.Context, msg *types.MsgAnchorCcpRecord) (*types.MsgAnchorCcpRecordResponse, error) {
	now := blockctx.Time(ctx)
	signer, err := validateAnchorCcpRecord(m.addressCodec, msg, now)
	if err != nil {
		return nil, err
	}
	f, err := m.memberFacility(ctx, signer, msg.FacilityId)
	if err != nil {
		return nil, err
	}

	last, err := m.LastCcpRecordID.Next(ctx)
	if err != nil {
		return nil, err
	}
	r := types.CcpRecord{
		Id:          last + 1,
		FacilityId:  f.Id,
		CcpCode:     msg.CcpCode,
		PeriodStart: msg.PeriodStart,
		PeriodEnd:   msg.PeriodEnd,
		LogDigest:   msg.LogDigest,
		Deviation:   msg.Deviation,
		RecordedBy:  msg.Signer,
		RecordedAt:  now,
	}
	if err := m.CcpRecords.Set(ctx, r.Id, r); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventCcpRecordAnchored{
		Id: r.Id, FacilityId: r.FacilityId, CcpCode: r.CcpCode, LogDigest: r.LogDigest, Deviation: r.Deviation, Signer: msg.Signer,
	}); err != nil {
		return nil, err
	}
	return &types.MsgAnchorCcpRecordResponse{Id: r.Id}, nil
}

// RecordCorrectiveAction records the corrective action that followed a
// deviation: once per record, and only on a record with a deviation. The
// signer is the facility's operator or one of its staff.
func (m msgServer) RecordCorrectiveAction(ctx context.Context, msg *types.MsgRecordCorrectiveAction) (*types.MsgRecordCorrectiveActionResponse, error) {
	signer, err := validateRecordCorrectiveAction(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	r, err := m.getCcpRecord(ctx, msg.RecordId)
	if err != nil {
		return nil, err
	}
	if _, err := m.memberFacility(ctx, signer, r.FacilityId); err != nil {
		return nil, err
	}
	if !r.Deviation {
		return nil, errorsmod.Wrapf(types.ErrNoDeviation, "CCP record %d", r.Id)
	}
	if r.CorrectiveAction != nil {
		return nil, errorsmod.Wrapf(types.ErrCorrectiveActionRecorded, "CCP record %d has corrective action %s", r.Id, r.CorrectiveAction.ActionDigest)
	}

	r.CorrectiveAction = &types.CorrectiveAction{
		ActionDigest: msg.ActionDigest,
		RecordedBy:   msg.Signer,
		RecordedAt:   blockctx.Time(ctx),
	}
	if err := m.CcpRecords.Set(ctx, r.Id, r); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventCorrectiveActionRecorded{
		RecordId: r.Id, FacilityId: r.FacilityId, ActionDigest: msg.ActionDigest, Signer: msg.Signer,
	}); err != nil {
		return nil, err
	}
	return &types.MsgRecordCorrectiveActionResponse{}, nil
}
