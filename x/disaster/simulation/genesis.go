// Package simulation holds x/disaster's part of the SDK simulation: a random genesis
// (params, and incidents declared by coordinators of x/agency's random agencies, with their
// revisions and public alerts) and simsx message factories that dry-run every candidate
// message on a throw-away cache of the block state, so that only accepted messages are
// delivered.
package simulation

import (
	"fmt"
	"math/rand"
	"slices"
	"time"

	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/disaster/types"
)

// Simulation parameters (AppParams keys) of the module params.
const (
	MaxDistrictsPerIncident = "max_districts_per_incident"
	MaxRevisionsPerIncident = "max_revisions_per_incident"
	MaxAlertsPerIncident    = "max_alerts_per_incident"
)

const maxGenesisIncidents = 4

// Random field values shared by the genesis and the message factories: codes only, as
// on the real chain. Districts are Busan's 16 si/gun/gu codes.
var (
	districts = []string{
		"26110", "26140", "26170", "26200", "26230", "26260", "26290", "26320",
		"26350", "26380", "26410", "26440", "26470", "26500", "26530", "26710",
	}
	incidentTypes = []types.IncidentType{
		types.IncidentTypeFlood, types.IncidentTypeTyphoon, types.IncidentTypeWaterContamination,
		types.IncidentTypeHeatWave, types.IncidentTypeEarthquake, types.IncidentTypeOther,
	}
	messageCodes = []string{
		"FLOOD_WATCH", "FLOOD_EVACUATE", "TYPHOON_SHELTER", "WATER_BOIL_NOTICE",
		"HEAT_WAVE_ADVISORY", "EARTHQUAKE_DROP_COVER", "ALL_CLEAR",
	}
)

// RandomParams returns params within their bounds (small, so that the limits are reached).
func RandomParams(r *rand.Rand) types.Params {
	return types.Params{
		MaxDistrictsPerIncident: 1 + uint32(r.Intn(int(types.MaxDistricts))), //nolint:gosec // bounded
		MaxRevisionsPerIncident: 2 + uint32(r.Intn(30)),                      //nolint:gosec // bounded
		MaxAlertsPerIncident:    1 + uint32(r.Intn(30)),                      //nolint:gosec // bounded
	}
}

// RandomizedGenState writes a random genesis into simState: random params and, half the
// time, a few incidents declared by coordinators of the ACTIVE agencies of x/agency's
// genesis (which the simulation manager generates first: "agency" sorts before
// "disaster").
func RandomizedGenState(simState *module.SimulationState) {
	def := RandomParams(simState.Rand)
	params := types.DefaultParams()
	simulation.Param(simState, MaxDistrictsPerIncident, &params.MaxDistrictsPerIncident, def.MaxDistrictsPerIncident)
	simulation.Param(simState, MaxRevisionsPerIncident, &params.MaxRevisionsPerIncident, def.MaxRevisionsPerIncident)
	simulation.Param(simState, MaxAlertsPerIncident, &params.MaxAlertsPerIncident, def.MaxAlertsPerIncident)
	gs := RandomGenesis(simState.Rand, agencysim.GeneratedGenesis(simState), simState.GenTimestamp, params)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// RandomGenesis builds the genesis of RandomizedGenState from r for the agencies and
// members of agencies; every time is genesisTime. Each incident is as declared (revision
// 1), some RESPONDING or CLOSED, some with one public alert. It panics if the state it
// built does not validate (a bug in the generator).
func RandomGenesis(r *rand.Rand, agencies *agencytypes.GenesisState, genesisTime time.Time, params types.Params) *types.GenesisState {
	gs := types.DefaultGenesis()
	gs.Params = params
	if r.Intn(2) == 0 {
		return gs
	}
	active := make(map[string]bool, len(agencies.Agencies))
	for _, a := range agencies.Agencies {
		active[a.Id] = a.Status == agencytypes.AgencyStatusActive
	}
	var coordinators []agencytypes.Member
	for _, m := range agencies.Members {
		if active[m.AgencyId] && agencytypes.HasRole(m.Roles, types.RoleCoordinator) {
			coordinators = append(coordinators, m)
		}
	}
	if len(coordinators) == 0 {
		return gs
	}
	for range 1 + r.Intn(maxGenesisIncidents) {
		c := coordinators[r.Intn(len(coordinators))]
		inc := types.Incident{
			Id:                gs.NextIncidentId,
			AgencyId:          c.AgencyId,
			Type:              incidentTypes[r.Intn(len(incidentTypes))],
			AffectedDistricts: randomDistricts(r, districts, params.MaxDistrictsPerIncident),
			Severity:          randomSeverity(r, types.SeveritySerious),
			DescriptionDigest: simulation.RandomDigest(r),
			Status:            types.IncidentStatusDeclared,
			DeclaredBy:        c.Address,
			DeclaredAt:        genesisTime,
			UpdatedAt:         genesisTime,
			Revision:          1,
		}
		gs.NextIncidentId++
		gs.Revisions = append(gs.Revisions, types.IncidentRevision{
			IncidentId: inc.Id, Revision: 1, Severity: inc.Severity, AffectedDistricts: inc.AffectedDistricts,
			ChangedBy: c.Address, ChangedAt: genesisTime, ReasonDigest: inc.DescriptionDigest,
		})
		if r.Intn(2) == 0 {
			gs.Alerts = append(gs.Alerts, types.PublicAlert{
				Id: gs.NextAlertId, IncidentId: inc.Id, IncidentRevision: 1,
				Districts:   randomDistricts(r, inc.AffectedDistricts, params.MaxDistrictsPerIncident),
				Level:       randomSeverity(r, inc.Severity),
				MessageCode: messageCodes[r.Intn(len(messageCodes))], BroadcastDigest: simulation.RandomDigest(r),
				IssuedBy: c.Address, IssuedAt: genesisTime,
			})
			gs.NextAlertId++
			inc.AlertCount = 1
		}
		switch r.Intn(4) {
		case 0:
			inc.Status = types.IncidentStatusResponding
		case 1:
			inc.Status, inc.ClosedAt = types.IncidentStatusClosed, genesisTime
		}
		gs.Incidents = append(gs.Incidents, inc)
	}
	if err := gs.Validate(); err != nil {
		panic(fmt.Sprintf("x/disaster simulation: random genesis is invalid: %v", err))
	}
	return gs
}

// randomDistricts is a random non-empty subset of from (ascending), at most max codes.
func randomDistricts(r *rand.Rand, from []string, max uint32) []string {
	n := 1 + r.Intn(min(len(from), int(max), 4))
	picked := slices.Clone(from)
	r.Shuffle(len(picked), func(i, j int) { picked[i], picked[j] = picked[j], picked[i] })
	picked = picked[:n]
	slices.Sort(picked)
	return picked
}

// randomSeverity is a random level from ATTENTION up to at most.
func randomSeverity(r *rand.Rand, atMost types.Severity) types.Severity {
	return types.Severity(1 + r.Intn(int(atMost)))
}
