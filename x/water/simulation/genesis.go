// Package simulation holds x/water's part of the SDK simulation: a random genesis
// (params, the default thresholds and, half the time, sites of x/agency's random
// agencies with calibrated sensors) and simsx message factories that read the state
// through the keeper and dry-run every candidate message on a throw-away cache of the
// block state, so that only accepted messages are delivered: sites and sensors are
// registered, calibrated, suspended and retired; sensors submit readings and batches
// (computed from raw readings as the CLI does) that sometimes exceed the thresholds;
// the alerts they open are acknowledged, linked to x/disaster incidents and resolved.
package simulation

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/water/types"
)

// Simulation parameters (AppParams keys) of the module params.
const (
	MaxClockSkewSeconds       = "max_clock_skew_seconds"
	MaxBackfillSeconds        = "max_backfill_seconds"
	StaleAfterSeconds         = "stale_after_seconds"
	ThresholdMinNoticeSeconds = "threshold_min_notice_seconds"
	MaxBatchCount             = "max_batch_count"
	MaxBatchWindowSeconds     = "max_batch_window_seconds"
	MaxSensorsPerSite         = "max_sensors_per_site"
	MaxSummaryIncidents       = "max_summary_incidents"
)

// Bounds of the random genesis and of the random values the factories draw.
const (
	maxGenesisSites      = 6
	maxGenesisSensors    = 2 // per site
	maxRandomNotice      = 2 * 24 * 3600
	maxRandomSensors     = 8
	minCalibrationDays   = 7
	maxCalibrationDays   = 180
	maxBatchReadings     = 16
	maxRandomBatchWindow = 3600
)

// RandomParams returns params within their bounds. The threshold notice stays under two
// days and sites take a few sensors, so that new thresholds take effect and the per-site
// limit is reached within a simulation.
func RandomParams(r *rand.Rand) types.Params {
	return types.Params{
		MaxClockSkewSeconds:       1 + uint64(r.Int63n(int64(types.MaxMaxClockSkewSeconds))),                                                                 //nolint:gosec // bounded
		MaxBackfillSeconds:        types.MinMaxBackfillSeconds + uint64(r.Int63n(int64(types.MaxMaxBackfillSeconds-types.MinMaxBackfillSeconds)+1)),          //nolint:gosec // bounded
		StaleAfterSeconds:         types.MinStaleAfterSeconds + uint64(r.Int63n(int64(types.MaxStaleAfterSeconds-types.MinStaleAfterSeconds)+1)),             //nolint:gosec // bounded
		ThresholdMinNoticeSeconds: types.MinThresholdMinNoticeSeconds + uint64(r.Int63n(maxRandomNotice-int64(types.MinThresholdMinNoticeSeconds)+1)),        //nolint:gosec // bounded
		MaxBatchCount:             1 + uint64(r.Int63n(2*maxBatchReadings)),                                                                                  //nolint:gosec // bounded
		MaxBatchWindowSeconds:     types.MinMaxBatchWindowSeconds + uint64(r.Int63n(int64(types.MaxMaxBatchWindowSeconds-types.MinMaxBatchWindowSeconds)+1)), //nolint:gosec // bounded
		MaxSensorsPerSite:         1 + uint32(r.Intn(maxRandomSensors)),                                                                                      //nolint:gosec // bounded
		MaxSummaryIncidents:       1 + uint32(r.Intn(int(types.MaxMaxSummaryIncidents))),                                                                     //nolint:gosec // bounded
	}
}

// RandomizedGenState writes a random genesis into simState: random params (each may be
// set by the simulation's params file) and RandomGenesis over x/agency's random genesis
// (generated first: "agency" sorts before "water").
func RandomizedGenState(simState *module.SimulationState) {
	def := RandomParams(simState.Rand)
	params := def
	simulation.Param(simState, MaxClockSkewSeconds, &params.MaxClockSkewSeconds, def.MaxClockSkewSeconds)
	simulation.Param(simState, MaxBackfillSeconds, &params.MaxBackfillSeconds, def.MaxBackfillSeconds)
	simulation.Param(simState, StaleAfterSeconds, &params.StaleAfterSeconds, def.StaleAfterSeconds)
	simulation.Param(simState, ThresholdMinNoticeSeconds, &params.ThresholdMinNoticeSeconds, def.ThresholdMinNoticeSeconds)
	simulation.Param(simState, MaxBatchCount, &params.MaxBatchCount, def.MaxBatchCount)
	simulation.Param(simState, MaxBatchWindowSeconds, &params.MaxBatchWindowSeconds, def.MaxBatchWindowSeconds)
	simulation.Param(simState, MaxSensorsPerSite, &params.MaxSensorsPerSite, def.MaxSensorsPerSite)
	simulation.Param(simState, MaxSummaryIncidents, &params.MaxSummaryIncidents, def.MaxSummaryIncidents)

	gs := RandomGenesis(simState.Rand, simState.Accounts, agencysim.GeneratedGenesis(simState), simState.GenTimestamp, params)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// RandomGenesis builds the genesis of RandomizedGenState from r: the params, the default
// thresholds and, half the time, up to six ACTIVE sites registered by water.operator
// members of ACTIVE agencies (some fed from an earlier site), each with up to two sensors
// calibrated at genesisTime: accounts of accs in no agency, neither member nor admin. No
// readings, batches or alerts: the factories make them. It panics if the state it built
// does not validate (a bug in the generator).
func RandomGenesis(r *rand.Rand, accs []simtypes.Account, agencies *agencytypes.GenesisState, genesisTime time.Time, params types.Params) *types.GenesisState {
	gs := types.DefaultGenesis()
	gs.Params = params
	if r.Intn(2) == 0 {
		return gs
	}
	operators := genesisOperators(agencies)
	if len(operators) == 0 {
		return gs
	}
	free := freeAccounts(accs, agencies)
	r.Shuffle(len(free), func(i, j int) { free[i], free[j] = free[j], free[i] })
	perSite := min(maxGenesisSensors, int(params.MaxSensorsPerSite))
	for range 1 + r.Intn(maxGenesisSites) {
		op := operators[r.Intn(len(operators))]
		site := randomSite(r, op.AgencyId, op.Address, genesisTime)
		site.Id = gs.NextSiteId
		if site.Id > 1 && r.Intn(2) == 0 {
			site.UpstreamSiteId = 1 + uint64(r.Int63n(int64(site.Id-1))) //nolint:gosec // positive
		}
		gs.NextSiteId++
		gs.Sites = append(gs.Sites, site)
		for range r.Intn(perSite + 1) {
			if len(free) == 0 {
				break
			}
			addr := free[0]
			free = free[1:]
			cal := randomCalibration(r, genesisTime)
			gs.Sensors = append(gs.Sensors, types.Sensor{
				Address: addr, AgencyId: site.AgencyId, SiteId: site.Id, Parameters: randomParameters(r),
				Model: models[r.Intn(len(models))], SerialDigest: simulation.RandomDigest(r), Calibration: cal,
				Status: types.SensorActive, RegisteredBy: op.Address, RegisteredAt: genesisTime, CalibrationCount: 1,
			})
			gs.Calibrations = append(gs.Calibrations, types.CalibrationRecord{
				Sensor: addr, Seq: 1, Calibration: cal, RecordedBy: op.Address, RecordedAt: genesisTime,
			})
		}
	}
	// In store order, as ExportGenesis writes them: by address bytes (then seq).
	slices.SortFunc(gs.Sensors, func(a, b types.Sensor) int { return bytes.Compare(accAddress(a.Address), accAddress(b.Address)) })
	slices.SortFunc(gs.Calibrations, func(a, b types.CalibrationRecord) int {
		return bytes.Compare(accAddress(a.Sensor), accAddress(b.Sensor))
	})
	if err := gs.Validate(); err != nil {
		panic(fmt.Sprintf("x/water simulation: random genesis is invalid: %v", err))
	}
	return gs
}

// genesisOperators are the members holding water.operator of ACTIVE agencies that
// hold it, in genesis order.
func genesisOperators(agencies *agencytypes.GenesisState) []agencytypes.Member {
	active := make(map[string]bool, len(agencies.Agencies))
	for _, a := range agencies.Agencies {
		active[a.Id] = a.Status == agencytypes.AgencyStatusActive && agencytypes.HasRole(a.Roles, types.RoleOperator)
	}
	var out []agencytypes.Member
	for _, m := range agencies.Members {
		if active[m.AgencyId] && agencytypes.HasRole(m.Roles, types.RoleOperator) {
			out = append(out, m)
		}
	}
	return out
}

// freeAccounts are the addresses of accs that are neither a member nor the admin of an
// agency (x/agency's Affiliation is empty): the only keys a sensor may have.
func freeAccounts(accs []simtypes.Account, agencies *agencytypes.GenesisState) []string {
	taken := make(map[string]bool, len(agencies.Members)+len(agencies.Agencies))
	for _, m := range agencies.Members {
		taken[m.Address] = true
	}
	for _, a := range agencies.Agencies {
		taken[a.Admin] = true
	}
	var out []string
	for _, a := range accs {
		if s := a.Address.String(); !taken[s] {
			out = append(out, s)
		}
	}
	return out
}

// Random field values shared by the genesis and the message factories: public
// facility names, Busan's district codes (the same as x/disaster's simulation, so that
// alerts can be linked to its incidents), model codes and digests; nothing personal.
var (
	districts = []string{
		"26110", "26140", "26170", "26200", "26230", "26260", "26290", "26320",
		"26350", "26380", "26410", "26440", "26470", "26500", "26530", "26710",
	}
	siteNames = map[types.SiteKind][]string{
		types.SiteKindPurificationPlant: {"Hwamyeong Purification Plant", "Deoksan Purification Plant", "Myeongjang Purification Plant", "화명정수장"},
		types.SiteKindReservoir:         {"Beomeo Reservoir", "Seongji Reservoir", "Dongnae Distribution Reservoir", "범어배수지"},
		types.SiteKindDistributionPoint: {"Busanjin Block 3 Inlet", "Seomyeon Valve Chamber", "Yeonsan Pressure Station"},
		types.SiteKindTap:               {"Busanjin-gu Office Public Tap", "Bujeon Market Tap", "Citizens Park Drinking Fountain"},
	}
	siteKinds     = []types.SiteKind{types.SiteKindPurificationPlant, types.SiteKindReservoir, types.SiteKindDistributionPoint, types.SiteKindTap}
	supplyBlocks  = []string{"", "BJ-03", "BJ-07", "DR-11", "HM-01"}
	models        = []string{"WQ-5000", "ChloroSense-2", "TURB-1720E", "MULTI-PARA_9"}
	legalBases    = []string{"KR-DWQS-ANNEX1", "KR-DWQS-ANNEX1:2027", "KR-WSHR-FREE-CL", "KR-DWQS-ANNEX1+KR-WSHR-FREE-CL"}
	standardClass = []types.StandardClass{types.StandardClassTapWater, types.StandardClassTapWater, types.StandardClassSmallGroundwater}
)

// randomSite is an ACTIVE site of agency registered by signer at t, around Busan (a
// TAP's coordinates rounded to 0.001 degree); its id is the caller's.
func randomSite(r *rand.Rand, agency, signer string, t time.Time) types.Site {
	kind := siteKinds[r.Intn(len(siteKinds))]
	names := siteNames[kind]
	lat := 35_050_000 + r.Int63n(250_000)
	lon := 128_950_000 + r.Int63n(250_000)
	if kind == types.SiteKindTap {
		lat -= lat % types.TapCoordinateStep
		lon -= lon % types.TapCoordinateStep
	}
	return types.Site{
		AgencyId: agency, Kind: kind, Name: names[r.Intn(len(names))], DistrictCode: districts[r.Intn(len(districts))],
		SupplyBlock: supplyBlocks[r.Intn(len(supplyBlocks))], LatUdeg: lat, LonUdeg: lon,
		StandardClass: standardClass[r.Intn(len(standardClass))], Status: types.SiteActive, RegisteredBy: signer, RegisteredAt: t,
	}
}

// randomParameters is a non-empty sorted subset of the parameters.
func randomParameters(r *rand.Rand) []types.Parameter {
	var out []types.Parameter
	for _, p := range types.AllParameters {
		if r.Intn(2) == 0 {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = append(out, types.AllParameters[r.Intn(len(types.AllParameters))])
	}
	return out
}

// randomCalibration is a calibration made at t (at most a day before) and due 7..180 days later.
func randomCalibration(r *rand.Rand, t time.Time) types.Calibration {
	at := t.Add(-time.Duration(r.Int63n(24*3600)) * time.Second).UTC()
	return types.Calibration{
		CertificateDigest: simulation.RandomDigest(r),
		CalibratedAt:      at,
		DueAt:             t.Add(time.Duration(minCalibrationDays+r.Intn(maxCalibrationDays-minCalibrationDays+1)) * 24 * time.Hour).UTC(),
	}
}

// valueBand is the range a parameter's values are drawn from: usual is what a sound
// supply measures (inside every threshold the factories set), low and high what a
// fault does (outside the default thresholds).
type valueBand struct{ usualMin, usualMax, lowMin, lowMax, highMin, highMax int64 }

var valueBands = map[types.Parameter]valueBand{
	types.ParameterPH:               {6_500, 8_000, 4_000, 5_799, 8_501, 10_000},
	types.ParameterResidualChlorine: {200, 1_500, 0, 99, 4_001, 8_000},
	types.ParameterTurbidity:        {0, 300, 0, 300, 1_001, 20_000},
	types.ParameterConductivity:     {50_000, 400_000, 1_000, 49_999, 400_001, 2_000_000},
	types.ParameterTemperature:      {2_000, 22_000, -2_000, 1_999, 22_001, 35_000},
}

// randomValue is a value of p: an exceedance (low or high) once in odds draws, else usual.
func randomValue(r *rand.Rand, p types.Parameter, odds int) int64 {
	b := valueBands[p]
	lo, hi := b.usualMin, b.usualMax
	if r.Intn(odds) == 0 {
		lo, hi = b.highMin, b.highMax
		if r.Intn(2) == 0 {
			lo, hi = b.lowMin, b.lowMax
		}
	}
	return lo + r.Int63n(hi-lo+1)
}

// randomMeasurements are values of a non-empty subset of params (sorted) or, with all,
// of every one of them.
func randomMeasurements(r *rand.Rand, params []types.Parameter, all bool, odds int) []types.Measurement {
	var out []types.Measurement
	for _, p := range params {
		if all || r.Intn(2) == 0 {
			out = append(out, types.Measurement{Parameter: p, Value: randomValue(r, p, odds)})
		}
	}
	if len(out) == 0 {
		p := params[r.Intn(len(params))]
		out = append(out, types.Measurement{Parameter: p, Value: randomValue(r, p, odds)})
	}
	return out
}

// accAddress is the bytes of a bech32 address the simulation made (it cannot fail).
func accAddress(addr string) sdk.AccAddress {
	a, err := sdk.AccAddressFromBech32(addr)
	if err != nil {
		panic(fmt.Sprintf("x/water simulation: %v", err))
	}
	return a
}
