package keeper

import (
	"context"
	"errors"
	"time"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	"github.com/civicchain/civic/x/water/types"
)

// AcknowledgeAlert takes an OPEN alert to ACKNOWLEDGED (water.operator of
// the site's agency, or governance when that agency is gone).
func (m msgServer) AcknowledgeAlert(ctx context.Context, msg *types.MsgAcknowledgeAlert) (*types.MsgAcknowledgeAlertResponse, error) {
	signer, err := validateMsgAcknowledgeAlert(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	alert, err := m.getAlert(ctx, msg.AlertId)
	if err != nil {
		return nil, err
	}
	if _, err := m.siteSteward(ctx, signer, msg.Signer, alert.SiteId); err != nil {
		return nil, err
	}
	if err := types.ValidateAlertTransition(alert.Status, types.AlertAcknowledged); err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	alert.Status, alert.AcknowledgedBy, alert.AcknowledgedAt = types.AlertAcknowledged, msg.Signer, &now
	if err := m.Alerts.Set(ctx, alert.Id, alert); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAlertStatusChanged{
		AlertId: alert.Id, From: types.AlertOpen, To: types.AlertAcknowledged, Signer: msg.Signer,
	}, &types.MsgAcknowledgeAlertResponse{})
}

// ResolveAlert takes an ACKNOWLEDGED alert to RESOLVED (water.operator of the
// site's agency, or governance when that agency is gone) with the digest of the corrective action report. The
// parameter must have been compliant at the site (at the alert's level) at a
// phenomenon time after the acknowledgement and after the last exceedance;
// at a DECOMMISSIONED site, which takes no more readings, the report suffices.
func (m msgServer) ResolveAlert(ctx context.Context, msg *types.MsgResolveAlert) (*types.MsgResolveAlertResponse, error) {
	signer, err := validateMsgResolveAlert(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	alert, err := m.getAlert(ctx, msg.AlertId)
	if err != nil {
		return nil, err
	}
	site, err := m.siteSteward(ctx, signer, msg.Signer, alert.SiteId)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateAlertTransition(alert.Status, types.AlertResolved); err != nil {
		return nil, err
	}
	if site.Status == types.SiteActive {
		c := alert.LastCompliantAt
		if c == nil || !c.After(*alert.AcknowledgedAt) || !c.After(alert.LastAt) {
			seen := "no compliant value since the alert opened"
			if c != nil {
				seen = "the last compliant value was taken at " + c.UTC().Format(time.RFC3339Nano)
			}
			return nil, errorsmod.Wrapf(types.ErrNoCompliantReading, "alert %d: %s at site %d: %s; one after the acknowledgement (%s) and the last exceedance (%s) is needed",
				alert.Id, alert.Parameter.Label(), site.Id, seen, alert.AcknowledgedAt.UTC().Format(time.RFC3339Nano), alert.LastAt.UTC().Format(time.RFC3339Nano))
		}
	}
	now := blockctx.Time(ctx)
	alert.Status, alert.ResolvedBy, alert.ResolvedAt, alert.CorrectiveActionDigest = types.AlertResolved, msg.Signer, &now, msg.CorrectiveActionDigest
	if err := m.Alerts.Set(ctx, alert.Id, alert); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAlertStatusChanged{
		AlertId: alert.Id, From: types.AlertAcknowledged, To: types.AlertResolved, Signer: msg.Signer,
		CorrectiveActionDigest: msg.CorrectiveActionDigest,
	}, &types.MsgResolveAlertResponse{})
}

// LinkAlert ties an alert, not yet linked, to an x/disaster incident that is
// not CLOSED and whose affected districts include the alert's district.
// Signer: a disaster.coordinator of any agency, or a water.operator of the
// site's agency.
func (m msgServer) LinkAlert(ctx context.Context, msg *types.MsgLinkAlert) (*types.MsgLinkAlertResponse, error) {
	signer, err := validateMsgLinkAlert(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	alert, err := m.getAlert(ctx, msg.AlertId)
	if err != nil {
		return nil, err
	}
	if err := m.linker(ctx, signer, msg.Signer, alert); err != nil {
		return nil, err
	}
	if alert.IncidentId != 0 {
		return nil, errorsmod.Wrapf(types.ErrAlreadyLinked, "alert %d is linked to incident %d", alert.Id, alert.IncidentId)
	}
	inc, err := m.disasterKeeper.GetIncident(ctx, msg.IncidentId)
	if errors.Is(err, disastertypes.ErrIncidentNotFound) {
		return nil, errorsmod.Wrapf(types.ErrIncidentNotLinkable, "incident %d does not exist", msg.IncidentId)
	}
	if err != nil {
		return nil, err
	}
	if !inc.Status.IsOpen() {
		return nil, errorsmod.Wrapf(types.ErrIncidentNotLinkable, "incident %d is %s", inc.Id, inc.Status.Label())
	}
	covers, err := m.disasterKeeper.CoversDistrict(ctx, inc.Id, alert.DistrictCode)
	if err != nil {
		return nil, err
	}
	if !covers {
		return nil, errorsmod.Wrapf(types.ErrIncidentNotLinkable, "incident %d does not cover district %s of alert %d", inc.Id, alert.DistrictCode, alert.Id)
	}
	alert.IncidentId = inc.Id
	if err := m.Alerts.Set(ctx, alert.Id, alert); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventAlertLinked{AlertId: alert.Id, IncidentId: inc.Id, Signer: msg.Signer}, &types.MsgLinkAlertResponse{})
}

// linker authorizes the signer of LinkAlert: a water.operator of the alert's
// site's agency, or a disaster.coordinator of any agency.
func (k Keeper) linker(ctx context.Context, signer sdk.AccAddress, signerStr string, alert types.Alert) error {
	if err := k.notSensor(ctx, signer, signerStr); err != nil {
		return err
	}
	site, err := k.getSite(ctx, alert.SiteId)
	if err != nil {
		return err
	}
	opAgency, opErr := k.agencyKeeper.Authorize(ctx, signer, types.RoleOperator)
	if opErr == nil && opAgency == site.AgencyId {
		return nil
	}
	if _, err := k.agencyKeeper.Authorize(ctx, signer, disastertypes.RoleCoordinator); err == nil {
		return nil
	}
	if opErr == nil {
		return sameAgency(opAgency, site.AgencyId, "the site of alert "+uintString(alert.Id))
	}
	return errorsmod.Wrapf(opErr, "signer holds neither %s of agency %q nor %s", types.RoleOperator, site.AgencyId, disastertypes.RoleCoordinator)
}
