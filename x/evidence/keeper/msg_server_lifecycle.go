package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/roles"
	"github.com/civicchain/civic/x/evidence/types"
)

// StartAnalysis starts forensic analysis by the analyst holding the item:
// IN_CUSTODY -> IN_ANALYSIS.
func (m msgServer) StartAnalysis(ctx context.Context, msg *types.MsgStartAnalysis) (*types.MsgStartAnalysisResponse, error) {
	signer, err := validateStartAnalysis(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	it, err := m.getItem(ctx, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.authorizeIn(ctx, signer, types.RoleAnalyst, it.CustodianAgency, "the item")
	if err != nil {
		return nil, err
	}
	if err := m.requireCustodian(signer, it); err != nil {
		return nil, err
	}
	entry, err := m.move(ctx, it, types.EvidenceStatusInAnalysis, types.CustodyActionAnalysisStarted, msg.Analyst, agencyID, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventAnalysisStarted{EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Analyst, AgencyId: agencyID}); err != nil {
		return nil, err
	}
	return &types.MsgStartAnalysisResponse{}, nil
}

// CompleteAnalysis records the digest of the analysis report:
// IN_ANALYSIS -> ANALYZED.
func (m msgServer) CompleteAnalysis(ctx context.Context, msg *types.MsgCompleteAnalysis) (*types.MsgCompleteAnalysisResponse, error) {
	signer, err := validateCompleteAnalysis(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	it, err := m.getItem(ctx, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.authorizeIn(ctx, signer, types.RoleAnalyst, it.CustodianAgency, "the item")
	if err != nil {
		return nil, err
	}
	if err := m.requireCustodian(signer, it); err != nil {
		return nil, err
	}
	entry, err := m.move(ctx, it, types.EvidenceStatusAnalyzed, types.CustodyActionAnalysisCompleted, msg.Analyst, agencyID, msg.ReportDigest)
	if err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventAnalysisCompleted{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Analyst, AgencyId: agencyID, ReportDigest: msg.ReportDigest,
	}); err != nil {
		return nil, err
	}
	return &types.MsgCompleteAnalysisResponse{}, nil
}

// SubmitToCourt records that a prosecutor submitted the item to court:
// ANALYZED -> SUBMITTED. Prosecutors belong to their own agency, so any agency
// granted evidence.prosecutor may submit.
func (m msgServer) SubmitToCourt(ctx context.Context, msg *types.MsgSubmitToCourt) (*types.MsgSubmitToCourtResponse, error) {
	signer, err := validateSubmitToCourt(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	it, err := m.getItem(ctx, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleProsecutor)
	if err != nil {
		return nil, err
	}
	entry, err := m.move(ctx, it, types.EvidenceStatusSubmitted, types.CustodyActionSubmittedToCourt, msg.Prosecutor, agencyID, msg.CourtRefDigest)
	if err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventSubmittedToCourt{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Prosecutor, AgencyId: agencyID, CourtRefDigest: msg.CourtRefDigest,
	}); err != nil {
		return nil, err
	}
	return &types.MsgSubmitToCourtResponse{}, nil
}

// RecordCourtDecision records the court's ruling:
// SUBMITTED -> ADMITTED or SUBMITTED -> EXCLUDED.
func (m msgServer) RecordCourtDecision(ctx context.Context, msg *types.MsgRecordCourtDecision) (*types.MsgRecordCourtDecisionResponse, error) {
	signer, err := validateRecordCourtDecision(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	to, err := msg.Decision.Status()
	if err != nil {
		return nil, err
	}
	it, err := m.getItem(ctx, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleProsecutor)
	if err != nil {
		return nil, err
	}
	entry, err := m.move(ctx, it, to, types.CustodyActionCourtDecision, msg.Prosecutor, agencyID, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventCourtDecisionRecorded{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Prosecutor, AgencyId: agencyID, Decision: msg.Decision,
	}); err != nil {
		return nil, err
	}
	return &types.MsgRecordCourtDecisionResponse{}, nil
}

// Archive puts an item away after the court's decision:
// ADMITTED|EXCLUDED -> ARCHIVED; the archiving custodian becomes its custodian.
func (m msgServer) Archive(ctx context.Context, msg *types.MsgArchive) (*types.MsgArchiveResponse, error) {
	signer, err := validateArchive(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	entry, agencyID, err := m.custodianStep(ctx, signer, msg.Custodian, msg.EvidenceId, types.EvidenceStatusArchived, types.CustodyActionArchived, msg.NoteDigest, true)
	if err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventArchived{EvidenceId: entry.EvidenceId, Seq: entry.Seq, Actor: msg.Custodian, AgencyId: agencyID}); err != nil {
		return nil, err
	}
	return &types.MsgArchiveResponse{}, nil
}

// Dispose records the destruction of an archived item: ARCHIVED -> DISPOSED.
func (m msgServer) Dispose(ctx context.Context, msg *types.MsgDispose) (*types.MsgDisposeResponse, error) {
	signer, err := validateDispose(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	entry, agencyID, err := m.custodianStep(ctx, signer, msg.Custodian, msg.EvidenceId, types.EvidenceStatusDisposed, types.CustodyActionDisposed, msg.NoteDigest, false)
	if err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventDisposed{EvidenceId: entry.EvidenceId, Seq: entry.Seq, Actor: msg.Custodian, AgencyId: agencyID}); err != nil {
		return nil, err
	}
	return &types.MsgDisposeResponse{}, nil
}

// Return records that an archived item went back to its owner:
// ARCHIVED -> RETURNED.
func (m msgServer) Return(ctx context.Context, msg *types.MsgReturn) (*types.MsgReturnResponse, error) {
	signer, err := validateReturn(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	entry, agencyID, err := m.custodianStep(ctx, signer, msg.Custodian, msg.EvidenceId, types.EvidenceStatusReturned, types.CustodyActionReturned, msg.NoteDigest, false)
	if err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventReturned{EvidenceId: entry.EvidenceId, Seq: entry.Seq, Actor: msg.Custodian, AgencyId: agencyID}); err != nil {
		return nil, err
	}
	return &types.MsgReturnResponse{}, nil
}

// VerifyIntegrity compares a digest the verifier computed over the payload with
// the recorded one and appends INTEGRITY_MATCH or INTEGRITY_MISMATCH to the
// custody log. A mismatch is a finding to record, not an error, but it is
// recorded once per presented digest (ErrDuplicateMismatch), and an item's log
// holds at most params.max_integrity_checks_per_item checks
// (ErrIntegrityCheckLimit), so that nobody can flood a custody log. The
// status does not change.
func (m msgServer) VerifyIntegrity(ctx context.Context, msg *types.MsgVerifyIntegrity) (*types.MsgVerifyIntegrityResponse, error) {
	signer, err := validateVerifyIntegrity(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	it, err := m.getItem(ctx, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	agencyID, err := roles.AnyOf(ctx, m.agencyKeeper, signer, types.EvidenceRoles...)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	checks, err := m.integrityChecks(ctx, it.Id)
	if err != nil {
		return nil, err
	}
	if checks >= uint64(params.MaxIntegrityChecksPerItem) {
		return nil, errorsmod.Wrapf(types.ErrIntegrityCheckLimit, "evidence %d holds %d integrity checks (max_integrity_checks_per_item %d); read VerifyDigest instead",
			it.Id, checks, params.MaxIntegrityChecksPerItem)
	}
	match := msg.Digest == it.Digest
	action := types.CustodyActionIntegrityMatch
	if !match {
		action = types.CustodyActionIntegrityMismatch
		if has, err := m.IntegrityMismatches.Has(ctx, collections.Join(it.Id, msg.Digest)); err != nil {
			return nil, err
		} else if has {
			return nil, errorsmod.Wrapf(types.ErrDuplicateMismatch, "evidence %d already records a mismatch with digest %s", it.Id, msg.Digest)
		}
	}
	entry, err := m.appendCustody(ctx, types.CustodyEvent{
		EvidenceId: it.Id,
		Action:     action,
		Actor:      msg.Verifier,
		AgencyId:   agencyID,
		FromStatus: it.Status,
		ToStatus:   it.Status,
		Time:       blockctx.Time(ctx),
		NoteDigest: msg.Digest,
	})
	if err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventIntegrityVerified{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Verifier, AgencyId: agencyID,
		Match: match, PresentedDigest: msg.Digest, RecordedDigest: it.Digest,
	}); err != nil {
		return nil, err
	}
	return &types.MsgVerifyIntegrityResponse{Match: match, Seq: entry.Seq}, nil
}
