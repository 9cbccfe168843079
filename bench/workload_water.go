package bench

import (
	"fmt"
	"strconv"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	watertypes "github.com/civicchain/civic/x/water/types"
)

// The water sites and sensors ExtendGenesis writes into the bench chain's
// genesis: load account i is the sensor of its own TAP site
// BenchWaterSiteID(i) of the load agency (granted water.operator), measuring
// all five parameters, calibrated at genesis and due a year later. A sensor
// key belongs to no agency when x/water registers it (MsgRegisterSensor, which
// the sensor co-signs); the bench writes its sensors straight into genesis,
// as it writes the toll network, so that its one-signer transactions can come
// from the load accounts. The sensors' readings path checks the sensor, its
// calibration, its site and its agency's status, never a role.
const (
	// BenchWaterSiteBase is load account 0's site id; ids above the local
	// network's own sites.
	BenchWaterSiteBase uint64 = 1_000_000
	// BenchWaterDistrict is the sites' district (Busanjin-gu, Busan).
	BenchWaterDistrict = "26230"
	// BenchWaterBatchCount is the raw readings of one water-submit-batch
	// message (an hour of one-minute readings).
	BenchWaterBatchCount = 60
)

// BenchWaterSiteID is load account acct's genesis site.
func BenchWaterSiteID(acct int) uint64 { return BenchWaterSiteBase + uint64(acct) } //nolint:gosec // acct >= 0

// Time layout of the water workloads' phenomenon times. A sensor's times must
// increase from one message to the next and across workloads (its head), lie
// at most max_clock_skew (300 s) ahead of the block time and max_backfill (a
// week) behind it. Both workloads start two minutes before the wall clock at
// signing: readings a millisecond apart, batches one window after the other,
// their raw readings 10 µs apart (the chain keeps times to the nanosecond;
// only count, stats and root go on chain, so the compressed window costs the
// same as an hour's). A workload signed a few seconds after the other one
// (each runs for its duration) thus starts after the other's last time,
// whichever runs first.
const (
	waterLead       = 2 * time.Minute
	waterReadingGap = time.Millisecond
	waterRawGap     = 10 * time.Microsecond
)

// waterValues are a compliant reading of every parameter (pH 7.2-7.3, free
// chlorine 0.45 mg/L, 0.08 NTU, 250 µS/cm, 18.5 °C), varied by i.
func waterValues(i int) []watertypes.Measurement {
	return []watertypes.Measurement{
		{Parameter: watertypes.ParameterPH, Value: 7_200 + int64(i%100)},
		{Parameter: watertypes.ParameterResidualChlorine, Value: 450 + int64(i%50)},
		{Parameter: watertypes.ParameterTurbidity, Value: 80 + int64(i%20)},
		{Parameter: watertypes.ParameterConductivity, Value: 250_000 + int64(i%1000)},
		{Parameter: watertypes.ParameterTemperature, Value: 18_500 + int64(i%300)},
	}
}

// SubmitReading: x/water MsgSubmitReading signed by the sensor itself, one
// compliant reading of all five parameters: the sensor, its calibration, site
// and agency checked, the time after the sensor's head, every value against
// the threshold in force at its time and the site's band, five points and
// five latest values written.
type SubmitReading struct{}

func (SubmitReading) Name() string { return "water-submit-reading" }

func (SubmitReading) Msgs(env *Env, acct, max int) []sdk.Msg {
	base := time.Now().UTC().Add(-waterLead).Truncate(time.Second)
	return makeMsgs(max, func(i int) sdk.Msg {
		return &watertypes.MsgSubmitReading{
			Sensor:         env.Accounts[acct].Address,
			PhenomenonTime: base.Add(time.Duration(i) * waterReadingGap),
			Values:         waterValues(i),
		}
	})
}

// SubmitBatch: x/water MsgSubmitBatch signed by the sensor itself: a window of
// BenchWaterBatchCount raw readings of all five parameters, its count, stats
// and Merkle root computed in the harness as submit-batch-file computes them
// (types.BatchStats, types.BatchRoot); on chain the stats are checked, the
// batch stored, each parameter's mean written as a point and its min and max
// compared with the thresholds. Readings per second are its tx/s times
// BenchWaterBatchCount.
type SubmitBatch struct{}

func (SubmitBatch) Name() string { return "water-submit-batch" }

func (SubmitBatch) Msgs(env *Env, acct, max int) []sdk.Msg {
	base := time.Now().UTC().Add(-waterLead).Truncate(time.Second)
	window := BenchWaterBatchCount * waterRawGap
	out := make([]sdk.Msg, 0, max)
	for i := range max {
		start := base.Add(time.Duration(i) * window)
		readings := make([]watertypes.RawReading, BenchWaterBatchCount)
		for j := range readings {
			readings[j] = watertypes.RawReading{PhenomenonTime: start.Add(time.Duration(j) * waterRawGap), Values: waterValues(i*BenchWaterBatchCount + j)}
		}
		stats, err := watertypes.BatchStats(readings)
		if err != nil {
			panic(fmt.Sprintf("water-submit-batch: %v", err)) // the harness's own readings are valid
		}
		root, err := watertypes.BatchRoot(readings)
		if err != nil {
			panic(fmt.Sprintf("water-submit-batch: %v", err))
		}
		out = append(out, &watertypes.MsgSubmitBatch{
			Sensor:      env.Accounts[acct].Address,
			WindowStart: start,
			WindowEnd:   readings[len(readings)-1].PhenomenonTime,
			Count:       BenchWaterBatchCount,
			Stats:       stats,
			MerkleRoot:  root,
		})
	}
	return out
}

// extendWaterGenesis writes the bench water sites and sensors (see the
// constants above) into app_state.water, moves next_site_id above them and
// grants water.operator to the load agency, whose sites they are.
func extendWaterGenesis(app map[string]any, accts []*LoadAccount, agency, genesisTime string) error {
	water, ok := app["water"].(map[string]any)
	if !ok || len(accts) == 0 {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, genesisTime)
	if err != nil {
		return fmt.Errorf("genesis_time %q: %w", genesisTime, err)
	}
	grantRoles(app, agency, watertypes.RoleOperator)
	due := t.AddDate(1, 0, 0).UTC().Format(time.RFC3339Nano)
	registrar := accts[0].Address
	sites, _ := water["sites"].([]any)
	sensors, _ := water["sensors"].([]any)
	cals, _ := water["calibrations"].([]any)
	params := make([]any, len(watertypes.AllParameters))
	for i, p := range watertypes.AllParameters {
		params[i] = p.String()
	}
	for i, a := range accts {
		id := strconv.FormatUint(BenchWaterSiteID(i), 10)
		sites = append(sites, map[string]any{
			"id": id, "agency_id": agency, "kind": watertypes.SiteKindTap.String(), "name": fmt.Sprintf("Bench Tap %d", i),
			"district_code": BenchWaterDistrict, "supply_block": "", "upstream_site_id": "0",
			"lat_udeg": strconv.Itoa(35_157_000 + i%100*1000), "lon_udeg": strconv.Itoa(129_059_000 + i/100*1000),
			"standard_class": watertypes.StandardClassTapWater.String(), "status": watertypes.SiteActive.String(),
			"registered_by": registrar, "registered_at": genesisTime,
		})
		cal := map[string]any{"certificate_digest": digestOf(fmt.Sprintf("bench calibration %d", i)), "calibrated_at": genesisTime, "due_at": due}
		sensors = append(sensors, map[string]any{
			"address": a.Address, "agency_id": agency, "site_id": id, "parameters": params, "model": "BENCH-WQ5",
			"serial_digest": digestOf(fmt.Sprintf("bench sensor %d", i)), "calibration": cal, "status": watertypes.SensorActive.String(),
			"registered_by": registrar, "registered_at": genesisTime, "calibration_count": "1",
		})
		cals = append(cals, map[string]any{"sensor": a.Address, "seq": "1", "calibration": cal, "recorded_by": registrar, "recorded_at": genesisTime})
	}
	water["sites"], water["sensors"], water["calibrations"] = sites, sensors, cals
	next := BenchWaterSiteID(len(accts))
	if cur, err := strconv.ParseUint(fmt.Sprint(water["next_site_id"]), 10, 64); err == nil && cur > next {
		next = cur
	}
	water["next_site_id"] = strconv.FormatUint(next, 10)
	return nil
}
