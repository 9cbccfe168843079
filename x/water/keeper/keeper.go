// Package keeper holds the state of x/water: sites, sensors with their
// calibration histories and heads, versioned legal thresholds, operational
// bands, the observed points and latest values, batches and alerts.
package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/index"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/water/types"
)

// Keeper owns the module's store. The indexes that always follow their
// record are indexes of an IndexedMap, which keeps them in step, including
// the conditional ones of alerts (the open alert of a (site, parameter,
// level), the open alerts of a site and of a district), whose keys exist only
// while the alert is not RESOLVED.
type Keeper struct {
	cdc            codec.BinaryCodec
	storeService   corestore.KVStoreService
	addressCodec   address.Codec
	agencyKeeper   types.AgencyKeeper
	disasterKeeper types.DisasterKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]

	// LastSiteID is the last site id issued (0 = none yet).
	LastSiteID collections.Sequence
	// Sites: site id -> Site, indexed by district (and kind) and by kind.
	Sites *collections.IndexedMap[uint64, types.Site, SiteIndexes]

	// Sensors: sensor address -> Sensor, indexed by site and, unless
	// RETIRED, by calibration due time.
	Sensors *collections.IndexedMap[sdk.AccAddress, types.Sensor, SensorIndexes]
	// Calibrations: (sensor, seq) -> the sensor's calibration history, seq 1..n.
	Calibrations collections.Map[collections.Pair[sdk.AccAddress, uint64], types.CalibrationRecord]
	// SensorHeads: sensor -> the phenomenon time its next reading or batch
	// window must come after (absent before its first).
	SensorHeads collections.Map[sdk.AccAddress, types.SensorHead]

	// Thresholds: (parameter, standard class, version) -> Threshold, versions
	// from 1, indexed by effective_from and by (parameter, class) to the
	// latest version.
	Thresholds *collections.IndexedMap[ThresholdKey, types.Threshold, ThresholdIndexes]
	// Bands: (site, parameter) -> OperationalBand (a cleared band has no limits).
	Bands collections.Map[collections.Pair[uint64, int32], types.OperationalBand]

	// Points: (site, parameter, phenomenon time in Unix ns, sensor) -> Point;
	// Series is one ranged scan of (site, parameter, from..to).
	Points collections.Map[PointKey, types.Point]
	// Latest: (site, parameter) -> the newest point as an Observation.
	Latest collections.Map[collections.Pair[uint64, int32], types.Observation]

	// LastBatchID is the last batch id issued (0 = none yet).
	LastBatchID collections.Sequence
	// Batches: batch id -> Batch, indexed by sensor.
	Batches *collections.IndexedMap[uint64, types.Batch, BatchIndexes]

	// LastAlertID is the last alert id issued (0 = none yet).
	LastAlertID collections.Sequence
	// Alerts: alert id -> Alert, indexed by site, and while not RESOLVED by
	// (site, parameter, level), site and district.
	Alerts *collections.IndexedMap[uint64, types.Alert, AlertIndexes]
}

// ThresholdKey is (parameter, standard class, version).
type ThresholdKey = collections.Triple[int32, int32, uint64]

// ThresholdTimeKey is (parameter, standard class, effective_from in Unix ns).
type ThresholdTimeKey = collections.Triple[int32, int32, int64]

// PointKey is (site, parameter, phenomenon time in Unix ns, sensor).
type PointKey = collections.Quad[uint64, int32, int64, sdk.AccAddress]

// OpenKey is (site, parameter, level): at most one alert is open under it.
type OpenKey = collections.Triple[uint64, int32, int32]

// SiteIndexes are the indexes that always follow a site.
type SiteIndexes struct {
	// ByDistrict: (district, kind, site id), for Sites of a district (and kind).
	ByDistrict *index.Keys[collections.Triple[string, int32, uint64], uint64, types.Site]
	// ByKind: (kind, site id), for Sites of a kind.
	ByKind *index.Keys[collections.Pair[int32, uint64], uint64, types.Site]
}

// IndexesList implements collections.Indexes.
func (i SiteIndexes) IndexesList() []collections.Index[uint64, types.Site] {
	return []collections.Index[uint64, types.Site]{i.ByDistrict, i.ByKind}
}

// SensorIndexes are the indexes that always follow a sensor.
type SensorIndexes struct {
	// BySite: (site id, sensor), for Sensors and the per-site limit.
	BySite *index.Keys[collections.Pair[uint64, sdk.AccAddress], sdk.AccAddress, types.Sensor]
	// ByDue: (due_at in Unix ns, sensor) of the sensors not RETIRED, for
	// SensorsDueForCalibration.
	ByDue *index.Keys[collections.Pair[int64, sdk.AccAddress], sdk.AccAddress, types.Sensor]
}

// IndexesList implements collections.Indexes.
func (i SensorIndexes) IndexesList() []collections.Index[sdk.AccAddress, types.Sensor] {
	return []collections.Index[sdk.AccAddress, types.Sensor]{i.BySite, i.ByDue}
}

// ThresholdIndexes are the indexes that always follow a threshold version.
type ThresholdIndexes struct {
	// ByTime: (parameter, class, effective_from) -> key; "the version in
	// force at t" for t before the latest version is one reverse seek.
	// Versions take effect one after the other, so the time is unique.
	ByTime *indexes.Unique[ThresholdTimeKey, ThresholdKey, types.Threshold]
	// LastVersion: (parameter, class) -> the latest version's number; "the
	// version in force at t" for t from the latest version on (nearly every
	// reading) is two point reads.
	LastVersion *LastVersion
}

// IndexesList implements collections.Indexes.
func (i ThresholdIndexes) IndexesList() []collections.Index[ThresholdKey, types.Threshold] {
	return []collections.Index[ThresholdKey, types.Threshold]{i.ByTime, i.LastVersion}
}

// BatchIndexes are the indexes that always follow a batch.
type BatchIndexes struct {
	// BySensor: (sensor, batch id), for Batches.
	BySensor *index.Keys[collections.Pair[string, uint64], uint64, types.Batch]
}

// IndexesList implements collections.Indexes.
func (i BatchIndexes) IndexesList() []collections.Index[uint64, types.Batch] {
	return []collections.Index[uint64, types.Batch]{i.BySensor}
}

// AlertIndexes are the indexes that always follow an alert.
type AlertIndexes struct {
	// BySite: (site id, alert id), for Alerts.
	BySite *index.Keys[collections.Pair[uint64, uint64], uint64, types.Alert]
	// Open: (site, parameter, level) -> the id of the alert not RESOLVED
	// there; a second one is refused by the index itself.
	Open *index.OptionalUnique[OpenKey, uint64, types.Alert]
	// OpenBySite: (site id, alert id) of the alerts not RESOLVED, for SiteSummary.
	OpenBySite *index.Keys[collections.Pair[uint64, uint64], uint64, types.Alert]
	// OpenByDistrict: (district, alert id) of the alerts not RESOLVED, for OpenAlerts.
	OpenByDistrict *index.Keys[collections.Pair[string, uint64], uint64, types.Alert]
}

// IndexesList implements collections.Indexes.
func (i AlertIndexes) IndexesList() []collections.Index[uint64, types.Alert] {
	return []collections.Index[uint64, types.Alert]{i.BySite, i.Open, i.OpenBySite, i.OpenByDistrict}
}

// openKeyOf is an alert's (site, parameter, level).
func openKeyOf(a types.Alert) OpenKey {
	return collections.Join3(a.SiteId, int32(a.Parameter), int32(a.Level))
}

// NewKeeper builds the keeper. authority is the bech32 address of the x/gov
// module account; it panics if the address does not decode or a keeper is
// missing, as wiring errors.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	authority string,
	agencyKeeper types.AgencyKeeper,
	disasterKeeper types.DisasterKeeper,
) Keeper {
	if agencyKeeper == nil || disasterKeeper == nil {
		panic(fmt.Sprintf("%s: agency and disaster keepers are required", types.ModuleName))
	}
	sb := collections.NewSchemaBuilder(storeService)
	u64, i32, i64, str, acc := collections.Uint64Key, collections.Int32Key, collections.Int64Key, collections.StringKey, sdk.AccAddressKey
	k := Keeper{
		cdc:            cdc,
		storeService:   storeService,
		addressCodec:   addressCodec,
		agencyKeeper:   agencyKeeper,
		disasterKeeper: disasterKeeper,
		authority:      keeperbase.MustAuthority(addressCodec, types.ModuleName, authority),

		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),

		LastSiteID: collections.NewSequence(sb, types.LastSiteIDKey, "last_site_id"),
		Sites: collections.NewIndexedMap(sb, types.SitesKey, "sites", u64, codec.CollValue[types.Site](cdc), SiteIndexes{
			ByDistrict: index.NewKeys(sb, types.SitesByDistrictKey, "sites_by_district", collections.TripleKeyCodec(str, i32, u64),
				index.One(func(id uint64, s types.Site) collections.Triple[string, int32, uint64] {
					return collections.Join3(s.DistrictCode, int32(s.Kind), id)
				})),
			ByKind: index.NewKeys(sb, types.SitesByKindKey, "sites_by_kind", collections.PairKeyCodec(i32, u64),
				index.One(func(id uint64, s types.Site) collections.Pair[int32, uint64] {
					return collections.Join(int32(s.Kind), id)
				})),
		}),

		Sensors: collections.NewIndexedMap(sb, types.SensorsKey, "sensors", acc, codec.CollValue[types.Sensor](cdc), SensorIndexes{
			BySite: index.NewKeys(sb, types.SensorsBySiteKey, "sensors_by_site", collections.PairKeyCodec(u64, acc),
				index.One(func(addr sdk.AccAddress, s types.Sensor) collections.Pair[uint64, sdk.AccAddress] {
					return collections.Join(s.SiteId, addr)
				})),
			ByDue: index.NewKeys(sb, types.SensorsByDueKey, "sensors_by_due", collections.PairKeyCodec(i64, acc),
				func(addr sdk.AccAddress, s types.Sensor) ([]collections.Pair[int64, sdk.AccAddress], error) {
					if s.Status == types.SensorRetired {
						return nil, nil
					}
					return []collections.Pair[int64, sdk.AccAddress]{collections.Join(s.Calibration.DueAt.UnixNano(), addr)}, nil
				}),
		}),
		Calibrations: collections.NewMap(sb, types.CalibrationsKey, "calibrations", collections.PairKeyCodec(acc, u64), codec.CollValue[types.CalibrationRecord](cdc)),
		SensorHeads:  collections.NewMap(sb, types.SensorHeadsKey, "sensor_heads", acc, codec.CollValue[types.SensorHead](cdc)),

		Thresholds: collections.NewIndexedMap(sb, types.ThresholdsKey, "thresholds", collections.TripleKeyCodec(i32, i32, u64), codec.CollValue[types.Threshold](cdc), ThresholdIndexes{
			ByTime: indexes.NewUnique(sb, types.ThresholdsByTimeKey, "thresholds_by_time", collections.TripleKeyCodec(i32, i32, i64), collections.TripleKeyCodec(i32, i32, u64),
				func(key ThresholdKey, t types.Threshold) (ThresholdTimeKey, error) {
					return collections.Join3(key.K1(), key.K2(), t.EffectiveFrom.UnixNano()), nil
				}),
			LastVersion: NewLastVersion(sb, types.ThresholdsLastVersionKey, "thresholds_last_version"),
		}),
		Bands: collections.NewMap(sb, types.BandsKey, "bands", collections.PairKeyCodec(u64, i32), codec.CollValue[types.OperationalBand](cdc)),

		Points: collections.NewMap(sb, types.PointsKey, "points", collections.QuadKeyCodec(u64, i32, i64, acc), codec.CollValue[types.Point](cdc)),
		Latest: collections.NewMap(sb, types.LatestKey, "latest", collections.PairKeyCodec(u64, i32), codec.CollValue[types.Observation](cdc)),

		LastBatchID: collections.NewSequence(sb, types.LastBatchIDKey, "last_batch_id"),
		Batches: collections.NewIndexedMap(sb, types.BatchesKey, "batches", u64, codec.CollValue[types.Batch](cdc), BatchIndexes{
			BySensor: index.NewKeys(sb, types.BatchesBySensorKey, "batches_by_sensor", collections.PairKeyCodec(str, u64),
				index.One(func(id uint64, b types.Batch) collections.Pair[string, uint64] {
					return collections.Join(b.Sensor, id)
				})),
		}),

		LastAlertID: collections.NewSequence(sb, types.LastAlertIDKey, "last_alert_id"),
		Alerts: collections.NewIndexedMap(sb, types.AlertsKey, "alerts", u64, codec.CollValue[types.Alert](cdc), AlertIndexes{
			BySite: index.NewKeys(sb, types.AlertsBySiteKey, "alerts_by_site", collections.PairKeyCodec(u64, u64),
				index.One(func(id uint64, a types.Alert) collections.Pair[uint64, uint64] {
					return collections.Join(a.SiteId, id)
				})),
			Open: index.NewOptionalUnique(sb, types.OpenAlertByKeyKey, "open_alert_by_key", collections.TripleKeyCodec(u64, i32, i32), u64,
				func(_ uint64, a types.Alert) (OpenKey, bool) {
					return openKeyOf(a), a.Status.IsOpen()
				}),
			OpenBySite: index.NewKeys(sb, types.OpenAlertsBySiteKey, "open_alerts_by_site", collections.PairKeyCodec(u64, u64),
				func(id uint64, a types.Alert) ([]collections.Pair[uint64, uint64], error) {
					if !a.Status.IsOpen() {
						return nil, nil
					}
					return []collections.Pair[uint64, uint64]{collections.Join(a.SiteId, id)}, nil
				}),
			OpenByDistrict: index.NewKeys(sb, types.OpenAlertsByDistrictKey, "open_alerts_by_district", collections.PairKeyCodec(str, u64),
				func(id uint64, a types.Alert) ([]collections.Pair[string, uint64], error) {
					if !a.Status.IsOpen() {
						return nil, nil
					}
					return []collections.Pair[string, uint64]{collections.Join(a.DistrictCode, id)}, nil
				}),
		}),
	}
	k.Schema = keeperbase.MustBuild(sb)
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string { return keeperbase.AuthorityString(k.addressCodec, k.authority) }

// AgencyKeeper returns the view of x/agency the keeper authorizes with.
func (k Keeper) AgencyKeeper() types.AgencyKeeper { return k.agencyKeeper }

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
