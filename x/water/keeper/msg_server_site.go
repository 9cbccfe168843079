package keeper

import (
	"context"
	"strconv"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/water/types"
)

// RegisterSite registers a site of the signer's agency (water.operator). An
// upstream site must exist and be ACTIVE.
func (m msgServer) RegisterSite(ctx context.Context, msg *types.MsgRegisterSite) (*types.MsgRegisterSiteResponse, error) {
	signer, err := validateMsgRegisterSite(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.authorize(ctx, signer, msg.Signer, types.RoleOperator)
	if err != nil {
		return nil, err
	}
	if msg.UpstreamSiteId != 0 {
		up, found, err := getOptional(ctx, m.Sites, msg.UpstreamSiteId)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, errorsmod.Wrapf(types.ErrInvalidUpstream, "upstream site %d does not exist", msg.UpstreamSiteId)
		}
		if up.Status != types.SiteActive {
			return nil, errorsmod.Wrapf(types.ErrInvalidUpstream, "upstream site %d is %s", up.Id, up.Status.Label())
		}
	}
	id, err := nextID(ctx, m.LastSiteID)
	if err != nil {
		return nil, err
	}
	site := types.Site{
		Id:             id,
		AgencyId:       agencyID,
		Kind:           msg.Kind,
		Name:           msg.Name,
		DistrictCode:   msg.DistrictCode,
		SupplyBlock:    msg.SupplyBlock,
		UpstreamSiteId: msg.UpstreamSiteId,
		LatUdeg:        msg.LatUdeg,
		LonUdeg:        msg.LonUdeg,
		StandardClass:  msg.StandardClass,
		Status:         types.SiteActive,
		RegisteredBy:   msg.Signer,
		RegisteredAt:   blockctx.Time(ctx),
	}
	if err := m.Sites.Set(ctx, id, site); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventSiteRegistered{
		SiteId: id, AgencyId: agencyID, Kind: msg.Kind, DistrictCode: msg.DistrictCode,
		StandardClass: msg.StandardClass, Signer: msg.Signer,
	}, &types.MsgRegisterSiteResponse{SiteId: id})
}

// DecommissionSite takes an ACTIVE site out of service: its sensors' readings
// are refused from now on, and its open alerts resolve without a compliant
// reading (ResolveAlert). Signer: a water.operator of the site's agency, or
// governance when that agency is gone.
func (m msgServer) DecommissionSite(ctx context.Context, msg *types.MsgDecommissionSite) (*types.MsgDecommissionSiteResponse, error) {
	signer, err := validateMsgDecommissionSite(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	site, err := m.siteSteward(ctx, signer, msg.Signer, msg.SiteId)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateSiteTransition(site.Status, types.SiteDecommissioned); err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	site.Status, site.DecommissionedAt = types.SiteDecommissioned, &now
	if err := m.Sites.Set(ctx, site.Id, site); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventSiteDecommissioned{SiteId: site.Id, Signer: msg.Signer}, &types.MsgDecommissionSiteResponse{})
}

// SetOperationalBand sets the site's band for a parameter: at least one
// limit, each within the legal threshold in force now for the site's class
// (a band is stricter than the law). It applies from this block: it only
// raises the operator's own WARNING alerts.
func (m msgServer) SetOperationalBand(ctx context.Context, msg *types.MsgSetOperationalBand) (*types.MsgSetOperationalBandResponse, error) {
	signer, err := validateMsgSetOperationalBand(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	site, err := m.siteOperator(ctx, signer, msg.Signer, msg.SiteId)
	if err != nil {
		return nil, err
	}
	if site.Status != types.SiteActive {
		return nil, errorsmod.Wrapf(types.ErrSiteDecommissioned, "site %d is %s", site.Id, site.Status.Label())
	}
	now := blockctx.Time(ctx)
	legal, found, err := m.ThresholdAt(ctx, msg.Parameter, site.StandardClass, now)
	if err != nil {
		return nil, err
	}
	if found {
		if err := stricter(legal, msg.Min, msg.Max); err != nil {
			return nil, err
		}
	}
	band, err := m.setBand(ctx, site.Id, msg.Parameter, msg.Min, msg.Max, msg.Signer)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventOperationalBandSet{Band: band}, &types.MsgSetOperationalBandResponse{Version: band.Version})
}

// ClearOperationalBand removes the site's band for a parameter; the record
// stays, without limits, so the next band's version follows.
func (m msgServer) ClearOperationalBand(ctx context.Context, msg *types.MsgClearOperationalBand) (*types.MsgClearOperationalBandResponse, error) {
	signer, err := validateMsgClearOperationalBand(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	site, err := m.siteOperator(ctx, signer, msg.Signer, msg.SiteId)
	if err != nil {
		return nil, err
	}
	current, found, err := m.band(ctx, site.Id, msg.Parameter)
	if err != nil {
		return nil, err
	}
	if !found || !current.HasLimits() {
		return nil, errorsmod.Wrapf(types.ErrBandNotFound, "site %d has no %s band", site.Id, msg.Parameter.Label())
	}
	band, err := m.setBand(ctx, site.Id, msg.Parameter, nil, nil, msg.Signer)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventOperationalBandSet{Band: band}, &types.MsgClearOperationalBandResponse{})
}

// stricter fails with ErrBandNotStricter when a band limit lies outside the
// legal threshold.
func stricter(legal types.Threshold, min, max *types.Limit) error {
	for _, l := range []*types.Limit{min, max} {
		if l == nil {
			continue
		}
		if kind, limit := types.Check(legal.Min, legal.Max, l.Value); kind != types.AlertKindUnspecified {
			return errorsmod.Wrapf(types.ErrBandNotStricter, "band limit %d is %s the legal limit %d (%s version %d)",
				l.Value, map[types.AlertKind]string{types.AlertBelowMin: "below", types.AlertAboveMax: "above"}[kind], limit, legal.LegalBasis, legal.Version)
		}
	}
	return nil
}

// band loads the (site, parameter) band record, with found false when none was ever set.
func (k Keeper) band(ctx context.Context, siteID uint64, p types.Parameter) (types.OperationalBand, bool, error) {
	return getOptional(ctx, k.Bands, bandKey(siteID, p))
}

// setBand stores the next version of the (site, parameter) band.
func (k Keeper) setBand(ctx context.Context, siteID uint64, p types.Parameter, min, max *types.Limit, signer string) (types.OperationalBand, error) {
	current, _, err := k.band(ctx, siteID, p)
	if err != nil {
		return types.OperationalBand{}, err
	}
	band := types.OperationalBand{
		SiteId: siteID, Parameter: p, Min: min, Max: max,
		Version: current.Version + 1, SetBy: signer, SetAt: blockctx.Time(ctx),
	}
	return band, k.Bands.Set(ctx, bandKey(siteID, p), band)
}

// uintString formats an id for an error message.
func uintString(id uint64) string { return strconv.FormatUint(id, 10) }
