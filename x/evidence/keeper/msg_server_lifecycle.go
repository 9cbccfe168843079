package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/roles"
	"github.com/civicchain/civic/x/evidence/types"
)

// edge says who may move an item along one lifecycle edge and what the move
// records.
type edge struct {
	role      string // the role the signer needs
	anyAgency bool   // the role counts in any agency (prosecutors), not only in the item's custodian agency
	holder    bool   // the signer must be the item's custodian
	takeOver  bool   // the actor becomes the item's custodian
	to        types.EvidenceStatus
	action    types.CustodyAction
}

// moveBy is the shared body of the lifecycle handlers: it loads the item,
// checks that signer may take e (role, agency, custody), then moves the item
// for actor and returns the custody entry, whose AgencyId is the agency the
// signer acted for.
func (k Keeper) moveBy(ctx context.Context, signer sdk.AccAddress, actor string, evidenceID uint64, e edge, noteDigest string) (types.CustodyEvent, error) {
	it, err := k.getItem(ctx, evidenceID)
	if err != nil {
		return types.CustodyEvent{}, err
	}
	var agencyID string
	if e.anyAgency {
		agencyID, err = k.agencyKeeper.Authorize(ctx, signer, e.role)
	} else {
		agencyID, err = k.authorizeIn(ctx, signer, e.role, it.CustodianAgency, "the item")
	}
	if err != nil {
		return types.CustodyEvent{}, err
	}
	if e.holder {
		if err := k.requireCustodian(signer, it); err != nil {
			return types.CustodyEvent{}, err
		}
	}
	if e.takeOver {
		it.Custodian = actor
	}
	return k.move(ctx, it, e.to, e.action, actor, agencyID, noteDigest)
}

// StartAnalysis starts forensic analysis by the analyst holding the item:
// IN_CUSTODY -> IN_ANALYSIS.
func (m msgServer) StartAnalysis(ctx context.Context, msg *types.MsgStartAnalysis) (*types.MsgStartAnalysisResponse, error) {
	signer, err := validateStartAnalysis(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	e, err := m.moveBy(ctx, signer, msg.Analyst, msg.EvidenceId,
		edge{role: types.RoleAnalyst, holder: true, to: types.EvidenceStatusInAnalysis, action: types.CustodyActionAnalysisStarted}, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAnalysisStarted{EvidenceId: e.EvidenceId, Seq: e.Seq, Actor: e.Actor, AgencyId: e.AgencyId},
		&types.MsgStartAnalysisResponse{})
}

// CompleteAnalysis records the digest of the analysis report:
// IN_ANALYSIS -> ANALYZED.
func (m msgServer) CompleteAnalysis(ctx context.Context, msg *types.MsgCompleteAnalysis) (*types.MsgCompleteAnalysisResponse, error) {
	signer, err := validateCompleteAnalysis(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	e, err := m.moveBy(ctx, signer, msg.Analyst, msg.EvidenceId,
		edge{role: types.RoleAnalyst, holder: true, to: types.EvidenceStatusAnalyzed, action: types.CustodyActionAnalysisCompleted}, msg.ReportDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAnalysisCompleted{
		EvidenceId: e.EvidenceId, Seq: e.Seq, Actor: e.Actor, AgencyId: e.AgencyId, ReportDigest: msg.ReportDigest,
	}, &types.MsgCompleteAnalysisResponse{})
}

// SubmitToCourt records that a prosecutor submitted the item to court:
// ANALYZED -> SUBMITTED. Prosecutors belong to their own agency, so any agency
// granted evidence.prosecutor may submit.
func (m msgServer) SubmitToCourt(ctx context.Context, msg *types.MsgSubmitToCourt) (*types.MsgSubmitToCourtResponse, error) {
	signer, err := validateSubmitToCourt(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	e, err := m.moveBy(ctx, signer, msg.Prosecutor, msg.EvidenceId,
		edge{role: types.RoleProsecutor, anyAgency: true, to: types.EvidenceStatusSubmitted, action: types.CustodyActionSubmittedToCourt}, msg.CourtRefDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventSubmittedToCourt{
		EvidenceId: e.EvidenceId, Seq: e.Seq, Actor: e.Actor, AgencyId: e.AgencyId, CourtRefDigest: msg.CourtRefDigest,
	}, &types.MsgSubmitToCourtResponse{})
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
	e, err := m.moveBy(ctx, signer, msg.Prosecutor, msg.EvidenceId,
		edge{role: types.RoleProsecutor, anyAgency: true, to: to, action: types.CustodyActionCourtDecision}, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventCourtDecisionRecorded{
		EvidenceId: e.EvidenceId, Seq: e.Seq, Actor: e.Actor, AgencyId: e.AgencyId, Decision: msg.Decision,
	}, &types.MsgRecordCourtDecisionResponse{})
}

// Archive puts an item away after the court's decision:
// ADMITTED|EXCLUDED -> ARCHIVED; the archiving custodian becomes its custodian.
func (m msgServer) Archive(ctx context.Context, msg *types.MsgArchive) (*types.MsgArchiveResponse, error) {
	signer, err := validateArchive(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	e, err := m.moveBy(ctx, signer, msg.Custodian, msg.EvidenceId,
		edge{role: types.RoleCustodian, takeOver: true, to: types.EvidenceStatusArchived, action: types.CustodyActionArchived}, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventArchived{EvidenceId: e.EvidenceId, Seq: e.Seq, Actor: e.Actor, AgencyId: e.AgencyId},
		&types.MsgArchiveResponse{})
}

// Dispose records the destruction of an archived item: ARCHIVED -> DISPOSED.
func (m msgServer) Dispose(ctx context.Context, msg *types.MsgDispose) (*types.MsgDisposeResponse, error) {
	signer, err := validateDispose(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	e, err := m.moveBy(ctx, signer, msg.Custodian, msg.EvidenceId,
		edge{role: types.RoleCustodian, to: types.EvidenceStatusDisposed, action: types.CustodyActionDisposed}, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventDisposed{EvidenceId: e.EvidenceId, Seq: e.Seq, Actor: e.Actor, AgencyId: e.AgencyId},
		&types.MsgDisposeResponse{})
}

// Return records that an archived item went back to its owner:
// ARCHIVED -> RETURNED.
func (m msgServer) Return(ctx context.Context, msg *types.MsgReturn) (*types.MsgReturnResponse, error) {
	signer, err := validateReturn(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	e, err := m.moveBy(ctx, signer, msg.Custodian, msg.EvidenceId,
		edge{role: types.RoleCustodian, to: types.EvidenceStatusReturned, action: types.CustodyActionReturned}, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventReturned{EvidenceId: e.EvidenceId, Seq: e.Seq, Actor: e.Actor, AgencyId: e.AgencyId},
		&types.MsgReturnResponse{})
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
	return blockctx.Reply(ctx, &types.EventIntegrityVerified{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Verifier, AgencyId: agencyID,
		Match: match, PresentedDigest: msg.Digest, RecordedDigest: it.Digest,
	}, &types.MsgVerifyIntegrityResponse{Match: match, Seq: entry.Seq})
}
