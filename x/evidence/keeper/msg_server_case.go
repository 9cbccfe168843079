package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/evidence/types"
)

// OpenCase opens a case for the investigator's agency. One agency cannot open
// two cases with the same reference digest.
func (m msgServer) OpenCase(ctx context.Context, msg *types.MsgOpenCase) (*types.MsgOpenCaseResponse, error) {
	signer, err := validateOpenCase(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleInvestigator)
	if err != nil {
		return nil, err
	}
	if existing, err := m.Cases.Indexes.Reference.MatchExact(ctx, collections.Join(agencyID, msg.ReferenceDigest)); err == nil {
		return nil, errorsmod.Wrapf(types.ErrDuplicateCase, "agency %q already opened case %d with reference %s", agencyID, existing, msg.ReferenceDigest)
	} else if !errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, err
	}

	last, err := m.LastCaseID.Next(ctx)
	if err != nil {
		return nil, err
	}
	c := types.Case{
		Id:              last + 1,
		AgencyId:        agencyID,
		ReferenceDigest: msg.ReferenceDigest,
		Status:          types.CaseStatusOpen,
		OpenedAt:        blockctx.Time(ctx),
		OpenedBy:        msg.Investigator,
	}
	if err := m.Cases.Set(ctx, c.Id, c); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventCaseOpened{
		CaseId: c.Id, AgencyId: agencyID, ReferenceDigest: c.ReferenceDigest, Actor: msg.Investigator,
	}, &types.MsgOpenCaseResponse{CaseId: c.Id})
}

// CloseCase closes an open case of the investigator's agency. Items already
// registered keep their lifecycle; no new item may be registered.
func (m msgServer) CloseCase(ctx context.Context, msg *types.MsgCloseCase) (*types.MsgCloseCaseResponse, error) {
	signer, err := validateCloseCase(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	c, err := m.getCase(ctx, msg.CaseId)
	if err != nil {
		return nil, err
	}
	if _, err := m.authorizeIn(ctx, signer, types.RoleInvestigator, c.AgencyId, "the case"); err != nil {
		return nil, err
	}
	if err := types.ValidateCaseTransition(c.Status, types.CaseStatusClosed); err != nil {
		return nil, errorsmod.Wrapf(err, "case %d", c.Id)
	}

	c.Status = types.CaseStatusClosed
	c.ClosedAt = blockctx.Time(ctx)
	if err := m.Cases.Set(ctx, c.Id, c); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventCaseClosed{CaseId: c.Id, AgencyId: c.AgencyId, Actor: msg.Investigator}, &types.MsgCloseCaseResponse{})
}

// RegisterEvidence registers an item in an open case of the investigator's
// agency. The investigator becomes the custodian; the item starts REGISTERED
// with custody entry 1.
func (m msgServer) RegisterEvidence(ctx context.Context, msg *types.MsgRegisterEvidence) (*types.MsgRegisterEvidenceResponse, error) {
	now := blockctx.Time(ctx)
	signer, err := validateRegisterEvidence(m.addressCodec, msg, now)
	if err != nil {
		return nil, err
	}
	c, err := m.getCase(ctx, msg.CaseId)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.authorizeIn(ctx, signer, types.RoleInvestigator, c.AgencyId, "the case")
	if err != nil {
		return nil, err
	}
	if c.Status != types.CaseStatusOpen {
		return nil, errorsmod.Wrapf(types.ErrCaseClosed, "case %d is %s", c.Id, c.Status.Label())
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if c.EvidenceCount >= params.MaxItemsPerCase {
		return nil, errorsmod.Wrapf(types.ErrCaseFull, "case %d holds %d items (max_items_per_case %d)", c.Id, c.EvidenceCount, params.MaxItemsPerCase)
	}
	if id, err := m.Items.Indexes.Exhibit.MatchExact(ctx, collections.Join(c.Id, msg.ExhibitNumber)); err == nil {
		return nil, errorsmod.Wrapf(types.ErrDuplicateExhibit, "exhibit %q of case %d is evidence %d", msg.ExhibitNumber, c.Id, id)
	} else if !errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, err
	}
	if msg.ParentId != 0 {
		if err := m.checkParent(ctx, msg.ParentId, c.Id, params.MaxDerivationDepth); err != nil {
			return nil, err
		}
	}

	last, err := m.LastEvidenceID.Next(ctx)
	if err != nil {
		return nil, err
	}
	it := types.EvidenceItem{
		Id:              last + 1,
		CaseId:          c.Id,
		ExhibitNumber:   msg.ExhibitNumber,
		ParentId:        msg.ParentId,
		Digest:          msg.Digest,
		SizeBytes:       msg.SizeBytes,
		MediaType:       msg.MediaType,
		Locator:         msg.Locator,
		Acquisition:     normalizeAcquisition(msg.Acquisition),
		Custodian:       msg.Investigator,
		CustodianAgency: agencyID,
		Status:          types.EvidenceStatusRegistered,
		RegisteredAt:    now,
		UpdatedAt:       now,
	}
	if err := m.Items.Set(ctx, it.Id, it); err != nil {
		return nil, err
	}
	c.EvidenceCount++
	if err := m.Cases.Set(ctx, c.Id, c); err != nil {
		return nil, err
	}
	entry, err := m.appendCustody(ctx, types.CustodyEvent{
		EvidenceId: it.Id,
		Action:     types.CustodyActionRegistered,
		Actor:      msg.Investigator,
		AgencyId:   agencyID,
		FromStatus: types.EvidenceStatusUnspecified,
		ToStatus:   types.EvidenceStatusRegistered,
		Time:       now,
	})
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventEvidenceRegistered{
		EvidenceId:    it.Id,
		CaseId:        c.Id,
		ExhibitNumber: it.ExhibitNumber,
		ParentId:      it.ParentId,
		Digest:        it.Digest,
		Actor:         msg.Investigator,
		AgencyId:      agencyID,
		Seq:           entry.Seq,
	}, &types.MsgRegisterEvidenceResponse{EvidenceId: it.Id})
}

// checkParent requires the parent to exist in the same case and the new item's
// derivation depth (parent's depth + 1) to stay within maxDepth. The walk up
// the parent chain reads at most maxDepth items.
func (k Keeper) checkParent(ctx context.Context, parentID, caseID uint64, maxDepth uint32) error {
	parent, err := k.Items.Get(ctx, parentID)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return errorsmod.Wrapf(types.ErrInvalidParent, "parent evidence %d does not exist", parentID)
	} else if err != nil {
		return err
	}
	if parent.CaseId != caseID {
		return errorsmod.Wrapf(types.ErrInvalidParent, "parent evidence %d belongs to case %d, not case %d", parentID, parent.CaseId, caseID)
	}
	depth := uint32(1)
	for cur := parent; cur.ParentId != 0; {
		depth++
		if depth > maxDepth {
			break
		}
		if cur, err = k.Items.Get(ctx, cur.ParentId); err != nil {
			return err
		}
	}
	if depth > maxDepth {
		return errorsmod.Wrapf(types.ErrDerivationTooDeep, "a copy of evidence %d would be more than %d derivations from its original (max_derivation_depth)", parentID, maxDepth)
	}
	return nil
}

// normalizeAcquisition stores acquired_at in UTC so that state does not depend
// on the submitter's time zone.
func normalizeAcquisition(a types.Acquisition) types.Acquisition {
	a.AcquiredAt = a.AcquiredAt.In(time.UTC)
	return a
}
