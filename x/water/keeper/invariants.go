package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/invariant"
	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/water/types"
)

// Invariants of the module state, the business rules only (the indexes of
// the IndexedMaps follow their records): sites, batches and alerts under
// issued ids with resolving references; each sensor's calibration history
// numbered 1..n and ending in its calibration; threshold versions numbered
// 1..n taking effect one after the other; every latest value the newest
// point of its series; and at most one alert open per (site, parameter,
// level), with the lifecycle fields its status implies. Each check walks the
// whole store, so they are for tests, simulations and operators' checks,
// never for a block hook. Each returns nil or an error naming the broken
// record.

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []invariant.Invariant {
	return []invariant.Invariant{
		{Name: "sites", Check: k.SitesInvariant},
		{Name: "sensors", Check: k.SensorsInvariant},
		{Name: "thresholds", Check: k.ThresholdsInvariant},
		{Name: "latest", Check: k.LatestInvariant},
		{Name: "batches", Check: k.BatchesInvariant},
		{Name: "alerts", Check: k.AlertsInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	return invariant.Run(ctx, types.ModuleName, k.Invariants())
}

// SitesInvariant: sites are stored under issued ids; an upstream site is an
// earlier site; decommissioned_at is set exactly on DECOMMISSIONED sites.
func (k Keeper) SitesInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastSiteID, k.Sites, "site", (*types.Site).GetId, func(id uint64, s types.Site) error {
		if s.UpstreamSiteId != 0 {
			has, err := k.Sites.Has(ctx, s.UpstreamSiteId)
			if err != nil {
				return err
			}
			if !has || s.UpstreamSiteId >= id {
				return fmt.Errorf("site %d: upstream site %d is not an earlier site", id, s.UpstreamSiteId)
			}
		}
		if (s.Status == types.SiteDecommissioned) != (s.DecommissionedAt != nil) {
			return fmt.Errorf("site %d is %s but decommissioned_at is %v", id, s.Status.Label(), s.DecommissionedAt)
		}
		return nil
	})
}

// SensorsInvariant: every sensor is at an existing site of its own agency;
// its calibration history is numbered 1..calibration_count and its last
// entry is its calibration.
func (k Keeper) SensorsInvariant(ctx context.Context) error {
	return walk.Each(ctx, k.Sensors, func(addr sdk.AccAddress, s types.Sensor) error {
		site, err := k.Sites.Get(ctx, s.SiteId)
		if err != nil {
			return fmt.Errorf("sensor %s: site %d: %w", s.Address, s.SiteId, err)
		}
		if site.AgencyId != s.AgencyId {
			return fmt.Errorf("sensor %s of agency %q is at site %d of agency %q", s.Address, s.AgencyId, site.Id, site.AgencyId)
		}
		var n uint64
		var last types.CalibrationRecord
		err = k.Calibrations.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](addr), func(key collections.Pair[sdk.AccAddress, uint64], rec types.CalibrationRecord) (bool, error) {
			n++
			if key.K2() != n || rec.Seq != n {
				return true, fmt.Errorf("sensor %s: calibration %d stored as entry %d (seq %d)", s.Address, n, key.K2(), rec.Seq)
			}
			last = rec
			return false, nil
		})
		if err != nil {
			return err
		}
		if n != s.CalibrationCount || n == 0 {
			return fmt.Errorf("sensor %s: calibration_count %d, history of %d entries", s.Address, s.CalibrationCount, n)
		}
		if last.Calibration.CertificateDigest != s.Calibration.CertificateDigest || !last.Calibration.DueAt.Equal(s.Calibration.DueAt) ||
			!last.Calibration.CalibratedAt.Equal(s.Calibration.CalibratedAt) {
			return fmt.Errorf("sensor %s: its calibration is not the last entry of its history", s.Address)
		}
		return nil
	})
}

// ThresholdsInvariant: the versions of each (parameter, class) are stored
// under their own key, numbered 1..n, each taking effect after the previous.
func (k Keeper) ThresholdsInvariant(ctx context.Context) error {
	var prev types.Threshold
	return walk.Each(ctx, k.Thresholds, func(key ThresholdKey, t types.Threshold) error {
		if key.K1() != int32(t.Parameter) || key.K2() != int32(t.StandardClass) || key.K3() != t.Version {
			return fmt.Errorf("threshold %s/%s version %d is stored under another key", t.Parameter.Label(), t.StandardClass.Label(), t.Version)
		}
		same := prev.Version != 0 && prev.Parameter == t.Parameter && prev.StandardClass == t.StandardClass
		want := uint64(1)
		if same {
			want = prev.Version + 1
			if !t.EffectiveFrom.After(prev.EffectiveFrom) {
				return fmt.Errorf("threshold %s/%s version %d takes effect at %s, not after version %d",
					t.Parameter.Label(), t.StandardClass.Label(), t.Version, t.EffectiveFrom.UTC(), prev.Version)
			}
		}
		if t.Version != want {
			return fmt.Errorf("threshold %s/%s: version %d follows version %d", t.Parameter.Label(), t.StandardClass.Label(), t.Version, want-1)
		}
		prev = t
		return nil
	})
}

// LatestInvariant: every latest value is a stored point of its (site,
// parameter) with no later point stored, and every series with points has a
// latest value.
func (k Keeper) LatestInvariant(ctx context.Context) error {
	err := walk.Each(ctx, k.Latest, func(key collections.Pair[uint64, int32], o types.Observation) error {
		if key.K1() != o.SiteId || key.K2() != int32(o.Parameter) {
			return fmt.Errorf("latest of site %d %s is stored under (%d, %d)", o.SiteId, o.Parameter.Label(), key.K1(), key.K2())
		}
		sensor, err := k.addressCodec.StringToBytes(o.Sensor)
		if err != nil {
			return fmt.Errorf("latest of site %d %s: sensor %q: %w", o.SiteId, o.Parameter.Label(), o.Sensor, err)
		}
		pt, err := k.Points.Get(ctx, collections.Join4(o.SiteId, key.K2(), o.PhenomenonTime.UnixNano(), sdk.AccAddress(sensor)))
		if err != nil {
			return fmt.Errorf("latest of site %d %s is no stored point: %w", o.SiteId, o.Parameter.Label(), err)
		}
		if pt.Value != o.Value || pt.BatchId != o.BatchId || !pt.ResultTime.Equal(o.ResultTime) {
			return fmt.Errorf("latest of site %d %s differs from its point", o.SiteId, o.Parameter.Label())
		}
		it, err := k.Points.Iterate(ctx, new(collections.Range[PointKey]).
			Prefix(collections.QuadSuperPrefix[uint64, int32, int64, sdk.AccAddress](o.SiteId, key.K2())).Descending())
		if err != nil {
			return err
		}
		defer it.Close()
		newest, err := it.Key() // valid: the point of the latest value is in the range
		if err != nil {
			return err
		}
		if newest.K3() > o.PhenomenonTime.UnixNano() {
			return fmt.Errorf("latest of site %d %s is at %s, a point is at %s", o.SiteId, o.Parameter.Label(), o.PhenomenonTime.UTC(), unixNano(newest.K3()))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return k.Points.Walk(ctx, nil, func(key PointKey, _ types.Point) (bool, error) {
		has, err := k.Latest.Has(ctx, collections.Join(key.K1(), key.K2()))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("site %d parameter %d has points but no latest value", key.K1(), key.K2())
		}
		return false, nil
	})
}

// BatchesInvariant: batches are stored under issued ids, by a sensor of
// their site, ending no later than the sensor's head.
func (k Keeper) BatchesInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastBatchID, k.Batches, "batch", (*types.Batch).GetId, func(id uint64, b types.Batch) error {
		addr, err := k.addressCodec.StringToBytes(b.Sensor)
		if err != nil {
			return fmt.Errorf("batch %d: sensor %q: %w", id, b.Sensor, err)
		}
		s, err := k.Sensors.Get(ctx, addr)
		if err != nil {
			return fmt.Errorf("batch %d: sensor %s: %w", id, b.Sensor, err)
		}
		if s.SiteId != b.SiteId {
			return fmt.Errorf("batch %d at site %d, its sensor at site %d", id, b.SiteId, s.SiteId)
		}
		head, err := k.SensorHeads.Get(ctx, addr)
		if err != nil {
			return fmt.Errorf("batch %d: sensor %s has no head: %w", id, b.Sensor, err)
		}
		if b.WindowEnd.After(head.LastTime) {
			return fmt.Errorf("batch %d ends at %s, after its sensor's head %s", id, b.WindowEnd.UTC(), head.LastTime.UTC())
		}
		return nil
	})
}

// AlertsInvariant: alerts are stored under issued ids at an existing site of
// their district; at most one is open (OPEN or ACKNOWLEDGED) per (site,
// parameter, level); acknowledged_* are set exactly once acknowledged and
// resolved_* with the corrective action digest exactly once resolved.
func (k Keeper) AlertsInvariant(ctx context.Context) error {
	open := map[OpenKey]uint64{}
	return invariant.EachIssued(ctx, k.LastAlertID, k.Alerts, "alert", (*types.Alert).GetId, func(id uint64, a types.Alert) error {
		site, err := k.Sites.Get(ctx, a.SiteId)
		if err != nil {
			return fmt.Errorf("alert %d: site %d: %w", id, a.SiteId, err)
		}
		if site.DistrictCode != a.DistrictCode {
			return fmt.Errorf("alert %d in district %s, its site %d in %s", id, a.DistrictCode, site.Id, site.DistrictCode)
		}
		if a.Status.IsOpen() {
			key := openKeyOf(a)
			if other, dup := open[key]; dup {
				return fmt.Errorf("alerts %d and %d are both open for site %d %s %s", other, id, a.SiteId, a.Parameter.Label(), a.Level.Label())
			}
			open[key] = id
		}
		acked := a.Status == types.AlertAcknowledged || a.Status == types.AlertResolved
		if acked != (a.AcknowledgedAt != nil && a.AcknowledgedBy != "") {
			return fmt.Errorf("alert %d is %s: acknowledged_at and acknowledged_by are set exactly once acknowledged", id, a.Status.Label())
		}
		resolved := a.Status == types.AlertResolved
		if resolved != (a.ResolvedAt != nil && a.ResolvedBy != "" && a.CorrectiveActionDigest != "") {
			return fmt.Errorf("alert %d is %s: resolved_at, resolved_by and corrective_action_digest are set exactly once resolved", id, a.Status.Label())
		}
		if a.ExceedanceCount == 0 || a.LastAt.Before(a.FirstAt) {
			return fmt.Errorf("alert %d counts %d exceedances from %s to %s", id, a.ExceedanceCount, a.FirstAt.UTC(), a.LastAt.UTC())
		}
		return nil
	})
}
