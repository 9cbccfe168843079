package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/disaster/types"
)

// IssuePublicAlert records a public alert the city broadcast for an incident
// that is not CLOSED: its districts must be among the incident's current
// affected districts, its level at most the incident's current severity, its
// broadcast recorded once per incident, and the incident may hold at most
// params.max_alerts_per_incident alerts. The alert keeps the incident's
// revision it was issued under.
func (m msgServer) IssuePublicAlert(ctx context.Context, msg *types.MsgIssuePublicAlert) (*types.MsgIssuePublicAlertResponse, error) {
	signer, districts, err := validateIssuePublicAlert(m.addressCodec, msg)
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
	if err := requireWithin("districts", districts, params); err != nil {
		return nil, err
	}
	if d := types.FirstMissing(districts, inc.AffectedDistricts); d != "" {
		return nil, errorsmod.Wrapf(types.ErrDistrictNotAffected, "district %s is not among the affected districts of incident %d", d, inc.Id)
	}
	if msg.Level > inc.Severity {
		return nil, errorsmod.Wrapf(types.ErrLevelAboveSeverity, "level %s is above the severity %s of incident %d; update the incident first", msg.Level.Label(), inc.Severity.Label(), inc.Id)
	}
	if inc.AlertCount >= uint64(params.MaxAlertsPerIncident) {
		return nil, errorsmod.Wrapf(types.ErrAlertLimit, "incident %d has %d public alerts, at most %d (params.max_alerts_per_incident)", inc.Id, inc.AlertCount, params.MaxAlertsPerIncident)
	}
	if existing, err := m.Alerts.Indexes.Broadcast.MatchExact(ctx, collections.Join(inc.Id, msg.BroadcastDigest)); err == nil {
		return nil, errorsmod.Wrapf(types.ErrDuplicateAlert, "broadcast %s is already recorded for incident %d as alert %d", msg.BroadcastDigest, inc.Id, existing)
	} else if !errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, err
	}

	last, err := m.LastAlertID.Next(ctx)
	if err != nil {
		return nil, err
	}
	alert := types.PublicAlert{
		Id:               last + 1,
		IncidentId:       inc.Id,
		IncidentRevision: inc.Revision,
		Districts:        districts,
		Level:            msg.Level,
		MessageCode:      msg.MessageCode,
		BroadcastDigest:  msg.BroadcastDigest,
		IssuedBy:         msg.Coordinator,
		IssuedAt:         blockctx.Time(ctx),
	}
	if err := m.Alerts.Set(ctx, alert.Id, alert); err != nil {
		return nil, err
	}
	inc.AlertCount++
	if err := m.Incidents.Set(ctx, inc.Id, inc); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventPublicAlertIssued{
		AlertId: alert.Id, IncidentId: inc.Id, AgencyId: agencyID, Districts: districts, Level: msg.Level,
		MessageCode: msg.MessageCode, BroadcastDigest: msg.BroadcastDigest, Actor: msg.Coordinator,
	}, &types.MsgIssuePublicAlertResponse{AlertId: alert.Id})
}
