package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/water/types"
)

// observed is what a reading or a batch says about one parameter at a site:
// values (a reading's value; a batch's max and min) observed at times (a
// reading's phenomenon time; a batch's window_end and window_start), dated
// at (the alert's first_at/last_at) and, when compliant, compliantAt (a
// batch's window_start: every raw reading it covers came after it).
type observed struct {
	param       types.Parameter
	values      []int64
	times       []time.Time
	at          time.Time
	compliantAt time.Time
	source      types.AlertSource
}

// exceedance is one value past one limit.
type exceedance struct {
	kind    types.AlertKind
	limit   int64
	value   int64
	version uint64
}

// evaluate compares an observation with the legal threshold in force at each of
// its times (LEGAL) and with the site's operational band (WARNING). At each
// level an exceedance opens the (site, parameter, level) alert, or updates
// the open one; otherwise (compliant, or no standard or band any more) the
// observation moves the open alert's last_compliant_at.
// It returns the ids of the alerts opened or updated.
func (k Keeper) evaluate(ctx context.Context, site types.Site, s observed) ([]uint64, error) {
	var legal []exceedance
	for _, t := range s.times {
		th, found, err := k.Standard(ctx, s.param, site.StandardClass, t)
		if err != nil {
			return nil, err
		}
		if found {
			legal = append(legal, exceedances(th.Min, th.Max, th.Version, s.values)...)
		}
	}
	band, found, err := k.band(ctx, site.Id, s.param)
	if err != nil {
		return nil, err
	}
	var warning []exceedance
	if found && band.HasLimits() {
		warning = exceedances(band.Min, band.Max, band.Version, s.values)
	}
	var ids []uint64
	for _, lvl := range []struct {
		level types.AlertLevel
		exc   []exceedance
	}{{types.AlertLegal, legal}, {types.AlertWarning, warning}} {
		if len(lvl.exc) == 0 {
			// compliant, or nothing to exceed any more (a withdrawn standard,
			// a cleared band): an open alert can then be resolved
			if err := k.noteCompliant(ctx, site.Id, s.param, lvl.level, s.compliantAt); err != nil {
				return nil, err
			}
			continue
		}
		id, err := k.raise(ctx, site, s, lvl.level, lvl.exc)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// exceedances lists the values past the limits, in order.
func exceedances(min, max *types.Limit, version uint64, values []int64) []exceedance {
	var out []exceedance
	for _, v := range values {
		if kind, limit := types.Check(min, max, v); kind != types.AlertKindUnspecified {
			out = append(out, exceedance{kind: kind, limit: limit, value: v, version: version})
		}
	}
	return out
}

// peak is the farthest value past the limit on kind's side among current and exc.
func peak(kind types.AlertKind, current int64, exc []exceedance) int64 {
	for _, e := range exc {
		if e.kind != kind {
			continue
		}
		if (kind == types.AlertAboveMax && e.value > current) || (kind == types.AlertBelowMin && e.value < current) {
			current = e.value
		}
	}
	return current
}

// raise opens the (site, parameter, level) alert from its first exceedance,
// or updates the open one: one more exceedance, last_at, peak_value, source.
func (k Keeper) raise(ctx context.Context, site types.Site, s observed, level types.AlertLevel, exc []exceedance) (uint64, error) {
	open, found, err := k.openAlert(ctx, site.Id, s.param, level)
	if err != nil {
		return 0, err
	}
	if found {
		open.ExceedanceCount++
		open.PeakValue = peak(open.Kind, open.PeakValue, exc)
		if s.at.After(open.LastAt) {
			open.LastAt = s.at
		}
		if s.at.Before(open.FirstAt) {
			open.FirstAt = s.at
		}
		open.Source = s.source
		if err := k.Alerts.Set(ctx, open.Id, open); err != nil {
			return 0, err
		}
		return open.Id, blockctx.Emit(ctx, &types.EventAlertUpdated{
			AlertId: open.Id, Value: exc[0].value, PeakValue: open.PeakValue, ExceedanceCount: open.ExceedanceCount, LastAt: open.LastAt,
		})
	}
	id, err := nextID(ctx, k.LastAlertID)
	if err != nil {
		return 0, err
	}
	first := exc[0]
	alert := types.Alert{
		Id: id, SiteId: site.Id, DistrictCode: site.DistrictCode, Parameter: s.param,
		Kind: first.kind, Level: level, ThresholdVersion: first.version, Limit: first.limit,
		FirstValue: first.value, PeakValue: peak(first.kind, first.value, exc),
		FirstAt: s.at, LastAt: s.at, ExceedanceCount: 1, Source: s.source,
		Status: types.AlertOpen, OpenedAt: blockctx.Time(ctx),
	}
	if err := k.Alerts.Set(ctx, id, alert); err != nil {
		return 0, err
	}
	return id, blockctx.Emit(ctx, &types.EventAlertOpened{Alert: alert})
}

// noteCompliant moves the open (site, parameter, level) alert's
// last_compliant_at to at, when there is one and at is later.
func (k Keeper) noteCompliant(ctx context.Context, siteID uint64, p types.Parameter, level types.AlertLevel, at time.Time) error {
	open, found, err := k.openAlert(ctx, siteID, p, level)
	if err != nil || !found {
		return err
	}
	if open.LastCompliantAt != nil && !at.After(*open.LastCompliantAt) {
		return nil
	}
	open.LastCompliantAt = &at
	if err := k.Alerts.Set(ctx, open.Id, open); err != nil {
		return err
	}
	return blockctx.Emit(ctx, &types.EventAlertCompliantValue{AlertId: open.Id, LastCompliantAt: at})
}

// openAlert returns the alert not RESOLVED of (site, parameter, level), if any.
func (k Keeper) openAlert(ctx context.Context, siteID uint64, p types.Parameter, level types.AlertLevel) (types.Alert, bool, error) {
	id, err := k.Alerts.Indexes.Open.MatchExact(ctx, collections.Join3(siteID, int32(p), int32(level)))
	if errors.Is(err, collections.ErrNotFound) {
		return types.Alert{}, false, nil
	}
	if err != nil {
		return types.Alert{}, false, err
	}
	a, err := k.Alerts.Get(ctx, id)
	return a, err == nil, err
}
