package simulation

import (
	"errors"
	"math/rand"
	"time"

	"cosmossdk.io/collections"
	"github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	"github.com/civicchain/civic/x/water/keeper"
	"github.com/civicchain/civic/x/water/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them. Readings and batches weigh most, as on the real chain; the
// operators' steps enough that sites have sensors, sensors stay calibrated and alerts
// travel OPEN -> ACKNOWLEDGED -> RESOLVED.
const (
	OpWeightMsgRegisterSite         = "op_weight_msg_water_register_site"
	OpWeightMsgDecommissionSite     = "op_weight_msg_water_decommission_site"
	OpWeightMsgRegisterSensor       = "op_weight_msg_water_register_sensor"
	OpWeightMsgRecordCalibration    = "op_weight_msg_water_record_calibration"
	OpWeightMsgSetSensorStatus      = "op_weight_msg_water_set_sensor_status"
	OpWeightMsgSetThreshold         = "op_weight_msg_water_set_threshold"
	OpWeightMsgSetOperationalBand   = "op_weight_msg_water_set_operational_band"
	OpWeightMsgClearOperationalBand = "op_weight_msg_water_clear_operational_band"
	OpWeightMsgSubmitReading        = "op_weight_msg_water_submit_reading"
	OpWeightMsgSubmitBatch          = "op_weight_msg_water_submit_batch"
	OpWeightMsgAcknowledgeAlert     = "op_weight_msg_water_acknowledge_alert"
	OpWeightMsgResolveAlert         = "op_weight_msg_water_resolve_alert"
	OpWeightMsgLinkAlert            = "op_weight_msg_water_link_alert"

	DefaultWeightMsgRegisterSite         = 15
	DefaultWeightMsgDecommissionSite     = 2
	DefaultWeightMsgRegisterSensor       = 25
	DefaultWeightMsgRecordCalibration    = 15
	DefaultWeightMsgSetSensorStatus      = 8
	DefaultWeightMsgSetThreshold         = 4
	DefaultWeightMsgSetOperationalBand   = 8
	DefaultWeightMsgClearOperationalBand = 3
	DefaultWeightMsgSubmitReading        = 100
	DefaultWeightMsgSubmitBatch          = 40
	DefaultWeightMsgAcknowledgeAlert     = 25
	DefaultWeightMsgResolveAlert         = 25
	DefaultWeightMsgLinkAlert            = 10
)

// Odds of the random choices: a reading's value is an exceedance once in exceedOdds, a
// sensor retired once in retireOdds status changes.
const (
	exceedOdds = 6
	retireOdds = 8
	maxDryRuns = 800
)

// search is one run of a factory: the engine's search, with the keeper and its query
// server to read the module's state. Candidate signers are the accounts the state names
// first (the site's registrant, the band's setter, the sensor itself), then, for the
// operators' messages, every simulation account from a random offset.
type search struct {
	*simulation.Search
	k keeper.Keeper
	q types.QueryServer
}

// factory returns the simsx factory that runs find on a new search for each operation;
// its candidate messages are dry-run through the module's Msg service.
func factory[M sdk.Msg](k keeper.Keeper, find func(s *search) ([]simsx.SimAccount, M)) simsx.SimMsgFactoryFn[M] {
	return simulation.Factory(newEngine(k), func(s *simulation.Search) ([]simsx.SimAccount, M) {
		return find(&search{Search: s, k: k, q: keeper.NewQueryServerImpl(k)})
	})
}

// newEngine dry-runs through the module's Msg service; a signer that is not a member,
// lacks the role, acts for another agency or is a sensor key may not act, and another
// is tried.
func newEngine(k keeper.Keeper) *simulation.Engine {
	router := simulation.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	return simulation.NewEngine(router, append(agencysim.RoleRefusals(), types.ErrWrongAgency, types.ErrSensorKey)...).WithMaxDryRuns(maxDryRuns)
}

// sites samples the sites that pass keep.
func (s *search) sites(keep func(types.Site) bool) []types.Site {
	return simulation.Sample(s.Search, s.k.Sites, nil, keep)
}

// sensors samples the sensors that pass keep.
func (s *search) sensors(keep func(types.Sensor) bool) []types.Sensor {
	return simulation.Sample(s.Search, s.k.Sensors, nil, keep)
}

// openAlerts samples the alerts not RESOLVED that pass keep (through the open-by-site index).
func (s *search) openAlerts(keep func(types.Alert) bool) []types.Alert {
	var out []types.Alert
	for _, key := range simulation.SampleKeys(s.Search, s.k.Alerts.Indexes.OpenBySite, nil) {
		if a, err := s.k.Alerts.Get(s.Ctx, key.K2()); err == nil && keep(a) {
			out = append(out, a)
		}
	}
	return out
}

// site is the site with id (false if it cannot be read).
func (s *search) site(id uint64) (types.Site, bool) {
	site, err := s.k.Sites.Get(s.Ctx, id)
	return site, err == nil
}

func isActiveSite(site types.Site) bool { return site.Status == types.SiteActive }

// operators are the candidate signers of an operator's message about a site: its
// registrant first, then every simulation account.
func (s *search) operators(site types.Site, also ...string) []string {
	return s.Signers(append(also, site.RegisteredBy), true)
}

// MsgRegisterSiteFactory registers a random site (a third of the time fed from an ACTIVE
// site), signed by a water.operator: the registrants of existing sites first.
func MsgRegisterSiteFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterSite] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRegisterSite) {
		existing := s.sites(isActiveSite)
		var preferred []string
		for _, site := range existing {
			preferred = append(preferred, site.RegisteredBy)
		}
		site := randomSite(s.R, "", "", s.Ctx.BlockTime())
		if len(existing) > 0 && s.R.Intn(3) == 0 {
			site.UpstreamSiteId = existing[s.R.Intn(len(existing))].Id
		}
		addr, msg, ok := s.TrySigners(s.Signers(preferred, true), func(addr string) sdk.Msg {
			return &types.MsgRegisterSite{
				Signer: addr, Kind: site.Kind, Name: site.Name, DistrictCode: site.DistrictCode, SupplyBlock: site.SupplyBlock,
				UpstreamSiteId: site.UpstreamSiteId, LatUdeg: site.LatUdeg, LonUdeg: site.LonUdeg, StandardClass: site.StandardClass,
			}
		})
		return simulation.Done[*types.MsgRegisterSite](s.Search, addr, msg, ok, "")
	})
}

// MsgDecommissionSiteFactory decommissions an ACTIVE site, signed by a water.operator of
// its agency.
func MsgDecommissionSiteFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDecommissionSite] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgDecommissionSite) {
		return simulation.FirstAccepted[*types.MsgDecommissionSite](s.Search, s.sites(isActiveSite), "no site is ACTIVE", func(site types.Site) ([]string, func(string) sdk.Msg) {
			return s.operators(site), func(addr string) sdk.Msg {
				return &types.MsgDecommissionSite{Signer: addr, SiteId: site.Id}
			}
		})
	})
}

// MsgRegisterSensorFactory registers a simulation account that belongs to no agency and
// is no sensor yet as a calibrated sensor of some parameters at an ACTIVE site, signed
// by a water.operator of the site's agency and co-signed by the sensor's own key.
func MsgRegisterSensorFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterSensor] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRegisterSensor) {
		sensor, ok := s.freeAccount()
		if !ok {
			return simulation.Done[*types.MsgRegisterSensor](s.Search, "", nil, false, "no simulation account is free to be a sensor")
		}
		now := s.Ctx.BlockTime()
		signers, msg := simulation.FirstAccepted[*types.MsgRegisterSensor](s.Search, s.sites(isActiveSite), "no site is ACTIVE", func(site types.Site) ([]string, func(string) sdk.Msg) {
			m := types.MsgRegisterSensor{
				Sensor: sensor, SiteId: site.Id, Parameters: randomParameters(s.R), Model: models[s.R.Intn(len(models))],
				SerialDigest: simulation.RandomDigest(s.R), Calibration: randomCalibration(s.R, now),
			}
			return s.operators(site), func(addr string) sdk.Msg {
				out := m
				out.Signer = addr
				return &out
			}
		})
		if msg != nil {
			signers = append(signers, s.TestData.GetAccount(s.Reporter, sensor))
		}
		return signers, msg
	})
}

// freeAccount is a simulation account, from a random offset, that is no sensor and
// belongs to no agency (neither member nor admin).
func (s *search) freeAccount() (string, bool) {
	for _, addr := range s.Signers(nil, true) {
		acc := accAddress(addr)
		if has, err := s.k.Sensors.Has(s.Ctx, acc); err != nil || has {
			continue
		}
		if agency, err := s.k.AgencyKeeper().Affiliation(s.Ctx, acc); err == nil && agency == "" {
			return addr, true
		}
	}
	return "", false
}

// MsgRecordCalibrationFactory records a new calibration, made now, of a sensor not
// RETIRED calibrated before now (half the time one due within a week), signed by a
// water.operator of its agency.
func MsgRecordCalibrationFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRecordCalibration] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRecordCalibration) {
		now := s.Ctx.BlockTime()
		soon := s.R.Intn(2) == 0
		sensors := s.sensors(func(x types.Sensor) bool {
			return x.Status != types.SensorRetired && x.Calibration.CalibratedAt.Before(now) &&
				(!soon || x.Calibration.DueAt.Before(now.Add(7*24*time.Hour)))
		})
		return simulation.FirstAccepted[*types.MsgRecordCalibration](s.Search, sensors, "no sensor may be calibrated again", func(x types.Sensor) ([]string, func(string) sdk.Msg) {
			cal := randomCalibration(s.R, now)
			cal.CalibratedAt = now
			site, _ := s.site(x.SiteId)
			return s.operators(site, x.RegisteredBy), func(addr string) sdk.Msg {
				return &types.MsgRecordCalibration{Signer: addr, Sensor: x.Address, Calibration: cal}
			}
		})
	})
}

// MsgSetSensorStatusFactory suspends an ACTIVE sensor or reactivates a SUSPENDED one,
// and once in eight retires it, signed by a water.operator of its agency.
func MsgSetSensorStatusFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetSensorStatus] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSetSensorStatus) {
		sensors := s.sensors(func(x types.Sensor) bool { return x.Status != types.SensorRetired })
		return simulation.FirstAccepted[*types.MsgSetSensorStatus](s.Search, sensors, "every sensor is RETIRED", func(x types.Sensor) ([]string, func(string) sdk.Msg) {
			to := types.SensorSuspended
			switch {
			case s.R.Intn(retireOdds) == 0:
				to = types.SensorRetired
			case x.Status == types.SensorSuspended:
				to = types.SensorActive
			}
			site, _ := s.site(x.SiteId)
			return s.operators(site, x.RegisteredBy), func(addr string) sdk.Msg {
				return &types.MsgSetSensorStatus{Signer: addr, Sensor: x.Address, Status: to}
			}
		})
	})
}

// MsgSetThresholdFactory adds the next version of a random (parameter, class)
// threshold, signed by a water.regulator: effective after the minimum notice and the
// latest version, with limits around the legal ones (or, once in eight, none: the
// standard withdrawn). Every version keeps the usual values of randomValue compliant.
func MsgSetThresholdFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetThreshold] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSetThreshold) {
		m, err := s.nextThreshold(0)
		if err != nil {
			return simulation.Done[*types.MsgSetThreshold](s.Search, "", nil, false, err.Error())
		}
		addr, msg, ok := s.TrySigners(s.Signers(nil, true), func(addr string) sdk.Msg {
			out := *m
			out.Signer = addr
			return &out
		})
		return simulation.Done[*types.MsgSetThreshold](s.Search, addr, msg, ok, "")
	})
}

// nextThreshold is the next version of a random (parameter, class) threshold, without
// signer: effective lead (and up to six hours) after the minimum notice and after the
// latest version, with randomThreshold's limits.
func (s *search) nextThreshold(lead time.Duration) (*types.MsgSetThreshold, error) {
	params, err := s.k.Params.Get(s.Ctx)
	if err != nil {
		return nil, err
	}
	p := types.AllParameters[s.R.Intn(len(types.AllParameters))]
	class := types.AllStandardClasses[s.R.Intn(len(types.AllStandardClasses))]
	from := s.Ctx.BlockTime().Add(time.Duration(params.ThresholdMinNoticeSeconds)*time.Second + lead)
	res, err := s.q.ThresholdVersions(s.Ctx, &types.QueryThresholdVersionsRequest{Parameter: p, StandardClass: class, Pagination: &query.PageRequest{Limit: 1, Reverse: true}})
	if err != nil {
		return nil, err
	}
	if len(res.Thresholds) == 1 && !from.After(res.Thresholds[0].EffectiveFrom) {
		from = res.Thresholds[0].EffectiveFrom
	}
	from = from.Add(time.Duration(s.R.Int63n(6*3600)) * time.Second).Truncate(time.Second).Add(time.Second).UTC()
	min, max := randomThreshold(s.R, p)
	return &types.MsgSetThreshold{
		Parameter: p, StandardClass: class, Min: min, Max: max, EffectiveFrom: from, LegalBasis: legalBases[s.R.Intn(len(legalBases))],
	}, nil
}

// thresholdLimits are the ranges a threshold version's limits are drawn from (a zero
// range: no limit on that side), all outside valueBands' usual range.
var thresholdLimits = map[types.Parameter]struct{ minLo, minHi, maxLo, maxHi int64 }{
	types.ParameterPH:               {5_500, 6_000, 8_300, 8_800},
	types.ParameterResidualChlorine: {50, 150, 3_000, 5_000},
	types.ParameterTurbidity:        {0, 0, 300, 1_000},
	types.ParameterConductivity:     {0, 0, 500_000, 1_500_000},
	types.ParameterTemperature:      {0, 0, 25_000, 30_000},
}

// randomThreshold is the limits of a new threshold version of p: drawn from
// thresholdLimits, or none once in eight.
func randomThreshold(r *rand.Rand, p types.Parameter) (*types.Limit, *types.Limit) {
	if r.Int63n(8) == 0 {
		return nil, nil
	}
	l := thresholdLimits[p]
	var min *types.Limit
	if l.minHi > 0 {
		min = &types.Limit{Value: l.minLo + r.Int63n(l.minHi-l.minLo+1)}
	}
	return min, &types.Limit{Value: l.maxLo + r.Int63n(l.maxHi-l.maxLo+1)}
}

// MsgSetOperationalBandFactory sets a band of an ACTIVE site for a random parameter,
// signed by a water.operator of its agency: each limit between the usual values and the
// legal limit in force now (or the value range where there is none), so that the band
// is stricter than the law and catches some of the values the law still allows.
func MsgSetOperationalBandFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetOperationalBand] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSetOperationalBand) {
		now := s.Ctx.BlockTime()
		return simulation.FirstAccepted[*types.MsgSetOperationalBand](s.Search, s.sites(isActiveSite), "no site is ACTIVE", func(site types.Site) ([]string, func(string) sdk.Msg) {
			p := types.AllParameters[s.R.Intn(len(types.AllParameters))]
			legal, found, err := k.ThresholdAt(s.Ctx, p, site.StandardClass, now)
			if err != nil {
				return nil, nil
			}
			if !found {
				legal = types.Threshold{}
			}
			min, max := s.randomBand(p, legal)
			return s.operators(site), func(addr string) sdk.Msg {
				return &types.MsgSetOperationalBand{Signer: addr, SiteId: site.Id, Parameter: p, Min: min, Max: max}
			}
		})
	})
}

// randomBand draws a band of p inside legal: a max between the usual maximum and the
// legal max, and half the time (always when legal has a min) a min between the legal
// min and the usual minimum. A legal limit inside the usual range is taken as it is.
func (s *search) randomBand(p types.Parameter, legal types.Threshold) (*types.Limit, *types.Limit) {
	b := valueBands[p]
	between := func(lo, hi int64) int64 {
		if hi <= lo {
			return hi
		}
		return lo + s.R.Int63n(hi-lo+1)
	}
	hiBound := b.highMax
	if legal.Max != nil {
		hiBound = legal.Max.Value
	}
	max := &types.Limit{Value: between(b.usualMax, hiBound)}
	var min *types.Limit
	if legal.Min != nil || s.R.Intn(2) == 0 {
		loBound := b.lowMin
		if legal.Min != nil {
			loBound = legal.Min.Value
		}
		min = &types.Limit{Value: between(loBound, b.usualMin)}
		if min.Value > max.Value {
			min.Value = max.Value
		}
	}
	return min, max
}

// MsgClearOperationalBandFactory clears a band that has limits, signed by a
// water.operator of the site's agency (its setter first).
func MsgClearOperationalBandFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClearOperationalBand] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgClearOperationalBand) {
		bands := simulation.Sample(s.Search, k.Bands, nil, types.OperationalBand.HasLimits)
		return simulation.FirstAccepted[*types.MsgClearOperationalBand](s.Search, bands, "no site has a band", func(b types.OperationalBand) ([]string, func(string) sdk.Msg) {
			site, _ := s.site(b.SiteId)
			return s.operators(site, b.SetBy), func(addr string) sdk.Msg {
				return &types.MsgClearOperationalBand{Signer: addr, SiteId: b.SiteId, Parameter: b.Parameter}
			}
		})
	})
}

// readyToSubmit reports whether a sensor may submit now as far as its own record says:
// ACTIVE and not due for calibration. Its site and agency are the Msg service's to check.
func readyToSubmit(now time.Time) func(types.Sensor) bool {
	return func(x types.Sensor) bool {
		return x.Status == types.SensorActive && x.Calibration.DueAt.After(now)
	}
}

// timeBounds are the phenomenon times a sensor may report now: after its head, within
// max_backfill behind and max_clock_skew ahead of the block time, not after its
// calibration's due time. ok is false when none is left.
func (s *search) timeBounds(x types.Sensor, p types.Params) (lo, hi time.Time, ok bool) {
	now := s.Ctx.BlockTime()
	lo = now.Add(-time.Duration(p.MaxBackfillSeconds) * time.Second)
	hi = now.Add(time.Duration(p.MaxClockSkewSeconds) * time.Second)
	if x.Calibration.DueAt.Before(hi) {
		hi = x.Calibration.DueAt
	}
	head, err := s.k.SensorHeads.Get(s.Ctx, accAddress(x.Address))
	if err == nil && !head.LastTime.Before(lo) {
		lo = head.LastTime.Add(time.Millisecond)
	} else if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return lo, hi, false
	}
	return lo, hi, !lo.After(hi)
}

// clamp is t within lo..hi.
func clamp(t, lo, hi time.Time) time.Time {
	if t.Before(lo) {
		return lo
	}
	if t.After(hi) {
		return hi
	}
	return t
}

// MsgSubmitReadingFactory has an ACTIVE, calibrated sensor sign a reading of some of its
// parameters taken up to a minute before the block time (after its previous one); one
// value in six exceeds a threshold.
func MsgSubmitReadingFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSubmitReading] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSubmitReading) {
		params, err := k.Params.Get(s.Ctx)
		if err != nil {
			return simulation.Done[*types.MsgSubmitReading](s.Search, "", nil, false, err.Error())
		}
		now := s.Ctx.BlockTime()
		sensors := s.sensors(readyToSubmit(now))
		return simulation.FirstAccepted[*types.MsgSubmitReading](s.Search, sensors, "no sensor is ACTIVE and calibrated", func(x types.Sensor) ([]string, func(string) sdk.Msg) {
			lo, hi, ok := s.timeBounds(x, params)
			if !ok {
				return nil, nil
			}
			at := clamp(now.Add(-time.Duration(s.R.Int63n(60_000))*time.Millisecond), lo, hi).UTC()
			values := randomMeasurements(s.R, x.Parameters, false, exceedOdds)
			return s.Signers([]string{x.Address}, false), func(addr string) sdk.Msg {
				return &types.MsgSubmitReading{Sensor: addr, PhenomenonTime: at, Values: values}
			}
		})
	})
}

// MsgSubmitBatchFactory has an ACTIVE, calibrated sensor sign a batch of up to sixteen
// raw readings of all its parameters over a window of up to an hour ending at most at
// the block time: count, stats and Merkle root computed from the readings as the CLI's
// submit-batch-file does (types.BatchStats, types.BatchRoot).
func MsgSubmitBatchFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSubmitBatch] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSubmitBatch) {
		params, err := k.Params.Get(s.Ctx)
		if err != nil {
			return simulation.Done[*types.MsgSubmitBatch](s.Search, "", nil, false, err.Error())
		}
		now := s.Ctx.BlockTime()
		sensors := s.sensors(readyToSubmit(now))
		return simulation.FirstAccepted[*types.MsgSubmitBatch](s.Search, sensors, "no sensor is ACTIVE and calibrated", func(x types.Sensor) ([]string, func(string) sdk.Msg) {
			lo, hi, ok := s.timeBounds(x, params)
			if !ok {
				return nil, nil
			}
			msg, ok := s.randomBatch(x, params, lo, hi)
			if !ok {
				return nil, nil
			}
			return s.Signers([]string{x.Address}, false), func(addr string) sdk.Msg {
				out := *msg
				out.Sensor = addr
				return &out
			}
		})
	})
}

// randomBatch is a batch of x's parameters over a window within lo..hi ending at the
// block time (or as close as the bounds allow): 1..16 raw readings (at most
// max_batch_count) spread over the window, the first at window_start.
func (s *search) randomBatch(x types.Sensor, p types.Params, lo, hi time.Time) (*types.MsgSubmitBatch, bool) {
	end := clamp(s.Ctx.BlockTime(), lo, hi)
	span := min(time.Duration(p.MaxBatchWindowSeconds)*time.Second, maxRandomBatchWindow*time.Second, end.Sub(lo))
	start := end.Add(-time.Duration(s.R.Int63n(int64(span) + 1)))
	n := 1 + s.R.Intn(int(min(uint64(maxBatchReadings), p.MaxBatchCount)))
	if n > 1 && end.Sub(start) < time.Duration(n) {
		n = 1
	}
	readings := make([]types.RawReading, n)
	for i := range readings {
		at := start
		if n > 1 {
			at = start.Add(end.Sub(start) * time.Duration(i) / time.Duration(n-1))
		}
		readings[i] = types.RawReading{PhenomenonTime: at.UTC(), Values: randomMeasurements(s.R, x.Parameters, true, exceedOdds*maxBatchReadings/2)}
	}
	stats, err := types.BatchStats(readings)
	if err != nil {
		return nil, false
	}
	root, err := types.BatchRoot(readings)
	if err != nil {
		return nil, false
	}
	return &types.MsgSubmitBatch{WindowStart: start.UTC(), WindowEnd: end.UTC(), Count: uint64(n), Stats: stats, MerkleRoot: root}, true
}

// MsgAcknowledgeAlertFactory acknowledges an OPEN alert, signed by a water.operator of
// its site's agency.
func MsgAcknowledgeAlertFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAcknowledgeAlert] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgAcknowledgeAlert) {
		alerts := s.openAlerts(func(a types.Alert) bool { return a.Status == types.AlertOpen })
		return simulation.FirstAccepted[*types.MsgAcknowledgeAlert](s.Search, alerts, "no alert is OPEN", func(a types.Alert) ([]string, func(string) sdk.Msg) {
			site, _ := s.site(a.SiteId)
			return s.operators(site), func(addr string) sdk.Msg {
				return &types.MsgAcknowledgeAlert{Signer: addr, AlertId: a.Id}
			}
		})
	})
}

// MsgResolveAlertFactory resolves an ACKNOWLEDGED alert with a corrective action
// report's digest, signed by a water.operator of its site's agency: one whose parameter
// was compliant after the acknowledgement and the last exceedance, or whose site was
// decommissioned.
func MsgResolveAlertFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgResolveAlert] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgResolveAlert) {
		alerts := s.openAlerts(func(a types.Alert) bool {
			if a.Status != types.AlertAcknowledged {
				return false
			}
			if site, ok := s.site(a.SiteId); ok && !isActiveSite(site) {
				return true
			}
			c := a.LastCompliantAt
			return c != nil && a.AcknowledgedAt != nil && c.After(*a.AcknowledgedAt) && c.After(a.LastAt)
		})
		return simulation.FirstAccepted[*types.MsgResolveAlert](s.Search, alerts, "no ACKNOWLEDGED alert has a compliant value since", func(a types.Alert) ([]string, func(string) sdk.Msg) {
			site, _ := s.site(a.SiteId)
			digest := simulation.RandomDigest(s.R)
			return s.operators(site, a.AcknowledgedBy), func(addr string) sdk.Msg {
				return &types.MsgResolveAlert{Signer: addr, AlertId: a.Id, CorrectiveActionDigest: digest}
			}
		})
	})
}

// MsgLinkAlertFactory links an alert not RESOLVED and not yet linked to an x/disaster
// incident, not CLOSED, covering its district (as SiteSummary lists them), signed by a
// water.operator of the site's agency or a disaster.coordinator.
func MsgLinkAlertFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgLinkAlert] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgLinkAlert) {
		alerts := s.openAlerts(func(a types.Alert) bool { return a.IncidentId == 0 })
		if len(alerts) == 0 {
			return simulation.Done[*types.MsgLinkAlert](s.Search, "", nil, false, "no alert is open and unlinked")
		}
		linkable := 0
		signer, msg, ok := "", sdk.Msg(nil), false
		for _, a := range alerts {
			sum, err := s.q.SiteSummary(s.Ctx, &types.QuerySiteSummaryRequest{SiteId: a.SiteId})
			if err != nil || len(sum.Incidents) == 0 {
				continue
			}
			linkable++
			inc := sum.Incidents[s.R.Intn(len(sum.Incidents))]
			if signer, msg, ok = s.TrySigners(s.operators(sum.Site), func(addr string) sdk.Msg {
				return &types.MsgLinkAlert{Signer: addr, AlertId: a.Id, IncidentId: inc.Id}
			}); ok {
				break
			}
		}
		none := ""
		if linkable == 0 {
			none = "no incident covers the district of an open unlinked alert"
		}
		return simulation.Done[*types.MsgLinkAlert](s.Search, signer, msg, ok, none)
	})
}
