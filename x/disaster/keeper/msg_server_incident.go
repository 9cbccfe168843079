package keeper

import (
	"bytes"
	"context"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/disaster/types"
)

// DeclareIncident declares an incident for the coordinator's agency: status
// DECLARED, revision 1 (the declaration) recorded. One agency declares one
// incident per description digest, so the same report is not declared twice.
func (m msgServer) DeclareIncident(ctx context.Context, msg *types.MsgDeclareIncident) (*types.MsgDeclareIncidentResponse, error) {
	signer, districts, err := validateDeclareIncident(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireWithin("affected_districts", districts, params); err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleCoordinator)
	if err != nil {
		return nil, err
	}
	if existing, err := m.Incidents.Indexes.Description.MatchExact(ctx, collections.Join(agencyID, msg.DescriptionDigest)); err == nil {
		return nil, errorsmod.Wrapf(types.ErrDuplicateIncident, "agency %q already declared incident %d with description %s", agencyID, existing, msg.DescriptionDigest)
	} else if !errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, err
	}

	last, err := m.LastIncidentID.Next(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	inc := types.Incident{
		Id:                last + 1,
		AgencyId:          agencyID,
		Type:              msg.Type,
		AffectedDistricts: districts,
		Severity:          msg.Severity,
		DescriptionDigest: msg.DescriptionDigest,
		Status:            types.IncidentStatusDeclared,
		DeclaredBy:        msg.Coordinator,
		DeclaredAt:        now,
		UpdatedAt:         now,
		Revision:          1,
	}
	if err := m.Incidents.Set(ctx, inc.Id, inc); err != nil {
		return nil, err
	}
	if err := m.Revisions.Set(ctx, collections.Join(inc.Id, uint64(1)), types.IncidentRevision{
		IncidentId:        inc.Id,
		Revision:          1,
		Severity:          inc.Severity,
		AffectedDistricts: districts,
		ChangedBy:         msg.Coordinator,
		ChangedAt:         now,
		ReasonDigest:      msg.DescriptionDigest,
	}); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventIncidentDeclared{
		IncidentId: inc.Id, AgencyId: agencyID, Type: inc.Type, Severity: inc.Severity,
		AffectedDistricts: districts, DescriptionDigest: inc.DescriptionDigest, Actor: msg.Coordinator,
	}, &types.MsgDeclareIncidentResponse{IncidentId: inc.Id})
}

// UpdateIncident changes the severity and/or the affected districts of an
// incident that is not CLOSED, and records the change as the next revision.
// An update that leaves both as they are is refused (ErrNoChange), and an
// incident holds at most params.max_revisions_per_incident revisions.
func (m msgServer) UpdateIncident(ctx context.Context, msg *types.MsgUpdateIncident) (*types.MsgUpdateIncidentResponse, error) {
	signer, districts, err := validateUpdateIncident(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	inc, err := m.GetIncident(ctx, msg.IncidentId)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.authorizeFor(ctx, signer, inc)
	if err != nil {
		return nil, err
	}
	if err := requireOpen(inc); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	severity := inc.Severity
	if msg.Severity != types.SeverityUnspecified {
		severity = msg.Severity
	}
	if districts == nil {
		districts = inc.AffectedDistricts
	} else if err := requireWithin("affected_districts", districts, params); err != nil {
		return nil, err
	}
	if severity == inc.Severity && slices.Equal(districts, inc.AffectedDistricts) {
		return nil, errorsmod.Wrapf(types.ErrNoChange, "incident %d already has severity %s and these districts", inc.Id, severity.Label())
	}
	if inc.Revision >= uint64(params.MaxRevisionsPerIncident) {
		return nil, errorsmod.Wrapf(types.ErrRevisionLimit, "incident %d has %d revisions, at most %d (params.max_revisions_per_incident)", inc.Id, inc.Revision, params.MaxRevisionsPerIncident)
	}

	now := blockctx.Time(ctx)
	inc.Severity = severity
	inc.AffectedDistricts = districts
	inc.Revision++
	inc.UpdatedAt = now
	if err := m.Incidents.Set(ctx, inc.Id, inc); err != nil {
		return nil, err
	}
	if err := m.Revisions.Set(ctx, collections.Join(inc.Id, inc.Revision), types.IncidentRevision{
		IncidentId:        inc.Id,
		Revision:          inc.Revision,
		Severity:          severity,
		AffectedDistricts: districts,
		ChangedBy:         msg.Coordinator,
		ChangedAt:         now,
		ReasonDigest:      msg.ReasonDigest,
	}); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventIncidentUpdated{
		IncidentId: inc.Id, AgencyId: agencyID, Revision: inc.Revision, Severity: severity,
		AffectedDistricts: districts, ReasonDigest: msg.ReasonDigest, Actor: msg.Coordinator,
	}, &types.MsgUpdateIncidentResponse{Revision: inc.Revision})
}

// SetIncidentStatus moves an incident along its lifecycle (types.IncidentTransitions):
// DECLARED -> RESPONDING -> CLOSED, or DECLARED -> CLOSED. A coordinator of
// the declaring agency takes any edge; governance (the x/gov authority) may
// only close, so that an incident left open by an agency that is gone can
// still be closed.
func (m msgServer) SetIncidentStatus(ctx context.Context, msg *types.MsgSetIncidentStatus) (*types.MsgSetIncidentStatusResponse, error) {
	signer, err := validateSetIncidentStatus(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	inc, err := m.GetIncident(ctx, msg.IncidentId)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(signer, m.authority) {
		if msg.Status != types.IncidentStatusClosed {
			return nil, errorsmod.Wrapf(types.ErrGovernanceCloseOnly, "governance asked for %s on incident %d", msg.Status.Label(), inc.Id)
		}
	} else if _, err := m.authorizeFor(ctx, signer, inc); err != nil {
		return nil, err
	}
	if err := types.ValidateTransition(inc.Status, msg.Status); err != nil {
		return nil, errorsmod.Wrapf(err, "incident %d", inc.Id)
	}

	from := inc.Status
	now := blockctx.Time(ctx)
	inc.Status = msg.Status
	inc.UpdatedAt = now
	if msg.Status == types.IncidentStatusClosed {
		inc.ClosedAt = now
	}
	if err := m.Incidents.Set(ctx, inc.Id, inc); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventIncidentStatusChanged{
		IncidentId: inc.Id, AgencyId: inc.AgencyId, From: from, To: msg.Status, Actor: msg.Signer,
	}, &types.MsgSetIncidentStatusResponse{})
}
