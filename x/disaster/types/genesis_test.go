package types_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/civicchain/civic/x/disaster/types"
)

var (
	t0     = time.Date(2026, time.July, 10, 6, 0, 0, 0, time.UTC)
	desc1  = strings.Repeat("a1", 32)
	desc2  = strings.Repeat("a2", 32)
	reason = strings.Repeat("b2", 32)
	cast1  = strings.Repeat("c3", 32)
	cast2  = strings.Repeat("c4", 32)
	// addr is a canonical civic address (20 bytes of 0x01).
	addr = "civic1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjf6ufg"
)

// validGenesis is a state the msg server could have produced: incident 1
// (busan, revised once, RESPONDING, two alerts) and incident 2 (CLOSED).
func validGenesis() *types.GenesisState {
	t1 := t0.Add(time.Hour)
	return &types.GenesisState{
		Params: types.DefaultParams(),
		Incidents: []types.Incident{
			{
				Id: 1, AgencyId: "busan-safety", Type: types.IncidentTypeFlood, AffectedDistricts: []string{"26230", "26350"},
				Severity: types.SeverityAlert, DescriptionDigest: desc1, Status: types.IncidentStatusResponding,
				DeclaredBy: addr, DeclaredAt: t0, UpdatedAt: t1, Revision: 2, AlertCount: 2,
			},
			{
				Id: 2, AgencyId: "busan-safety", Type: types.IncidentTypeHeatWave, AffectedDistricts: []string{"26110"},
				Severity: types.SeverityAttention, DescriptionDigest: desc2, Status: types.IncidentStatusClosed,
				DeclaredBy: addr, DeclaredAt: t0, UpdatedAt: t1, ClosedAt: t1, Revision: 1,
			},
		},
		Revisions: []types.IncidentRevision{
			{IncidentId: 1, Revision: 1, Severity: types.SeverityCaution, AffectedDistricts: []string{"26230"}, ChangedBy: addr, ChangedAt: t0, ReasonDigest: desc1},
			{IncidentId: 1, Revision: 2, Severity: types.SeverityAlert, AffectedDistricts: []string{"26230", "26350"}, ChangedBy: addr, ChangedAt: t1, ReasonDigest: reason},
			{IncidentId: 2, Revision: 1, Severity: types.SeverityAttention, AffectedDistricts: []string{"26110"}, ChangedBy: addr, ChangedAt: t0, ReasonDigest: desc2},
		},
		Alerts: []types.PublicAlert{
			{Id: 1, IncidentId: 1, IncidentRevision: 1, Districts: []string{"26230"}, Level: types.SeverityCaution, MessageCode: "FLOOD_WATCH", BroadcastDigest: cast1, IssuedBy: addr, IssuedAt: t0},
			{Id: 2, IncidentId: 1, IncidentRevision: 2, Districts: []string{"26230", "26350"}, Level: types.SeverityAlert, MessageCode: "FLOOD_EVACUATE", BroadcastDigest: cast2, IssuedBy: addr, IssuedAt: t1},
		},
		NextIncidentId: 3,
		NextAlertId:    3,
	}
}

func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	require.NoError(t, validGenesis().Validate())
	require.NoError(t, validGenesis().ValidateAddresses(addresscodec.NewBech32Codec("civic")))
}

func TestGenesisValidateRefusals(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(gs *types.GenesisState)
		want  string
	}{
		{"bad params", func(gs *types.GenesisState) { gs.Params.MaxDistrictsPerIncident = 0 }, "max_districts_per_incident"},
		{"next ids at 0", func(gs *types.GenesisState) { gs.NextAlertId = 0 }, "start at 1"},
		{"incident id 0", func(gs *types.GenesisState) { gs.Incidents[0].Id = 0 }, "incident id 0 must be in 1..2"},
		{"incident id twice", func(gs *types.GenesisState) { gs.Incidents[1].Id = 1 }, "duplicate incident id 1"},
		{"bad agency id", func(gs *types.GenesisState) { gs.Incidents[0].AgencyId = "Busan Safety" }, "agency id"},
		{"type unspecified", func(gs *types.GenesisState) { gs.Incidents[0].Type = 0 }, "type must be one of"},
		{"districts unsorted", func(gs *types.GenesisState) {
			gs.Incidents[0].AffectedDistricts = []string{"26350", "26230"}
		}, "ascending order"},
		{"bad district", func(gs *types.GenesisState) { gs.Incidents[1].AffectedDistricts = []string{"2611"} }, "exactly 5 ASCII digits"},
		{"severity unspecified", func(gs *types.GenesisState) { gs.Incidents[1].Severity = 0 }, "severity must be one of"},
		{"bad description digest", func(gs *types.GenesisState) { gs.Incidents[1].DescriptionDigest = "x" }, "description_digest"},
		{"status unspecified", func(gs *types.GenesisState) { gs.Incidents[0].Status = 0 }, "invalid status"},
		{"closed without closed_at", func(gs *types.GenesisState) { gs.Incidents[1].ClosedAt = time.Time{} }, "closed_at must be set exactly"},
		{"closed_at on an open incident", func(gs *types.GenesisState) { gs.Incidents[0].ClosedAt = t0 }, "closed_at must be set exactly"},
		{"updated before declared", func(gs *types.GenesisState) { gs.Incidents[0].UpdatedAt = t0.Add(-time.Second) }, "updated_at is before declared_at"},
		{"same description twice", func(gs *types.GenesisState) {
			gs.Incidents[1].DescriptionDigest = desc1
			gs.Revisions[2].ReasonDigest = desc1
		}, "already declared incident 1"},
		{"revision of unknown incident", func(gs *types.GenesisState) { gs.Revisions[2].IncidentId = 7 }, "unknown incident 7"},
		{"revision skipped", func(gs *types.GenesisState) { gs.Revisions[1].Revision = 3 }, "revision 3 where 2 is expected"},
		{"revision missing", func(gs *types.GenesisState) { gs.Revisions = gs.Revisions[1:] }, "revision 2 where 1 is expected"},
		{"incident ahead of its revisions", func(gs *types.GenesisState) { gs.Incidents[1].Revision = 2 }, "revision is 2 but 1 revision records"},
		{"incident differs from its last revision", func(gs *types.GenesisState) { gs.Incidents[0].Severity = types.SeveritySerious }, "differ from its revision 2"},
		{"first revision is not the declaration", func(gs *types.GenesisState) { gs.Revisions[0].ReasonDigest = reason }, "revision 1 is the declaration"},
		{"alert id above next", func(gs *types.GenesisState) { gs.Alerts[1].Id = 3 }, "public alert id 3 must be in 1..2"},
		{"alert of unknown incident", func(gs *types.GenesisState) { gs.Alerts[0].IncidentId = 9 }, "unknown incident 9"},
		{"alert of unknown revision", func(gs *types.GenesisState) { gs.Alerts[0].IncidentRevision = 3 }, "has no revision 3"},
		{"alert outside its revision's districts", func(gs *types.GenesisState) {
			gs.Alerts[0].Districts = []string{"26230", "26350"} // revision 1 had only 26230
		}, "district 26350 is not among"},
		{"alert above its revision's severity", func(gs *types.GenesisState) { gs.Alerts[0].Level = types.SeverityAlert }, "level ALERT is above the severity CAUTION"},
		{"alert with bad message code", func(gs *types.GenesisState) { gs.Alerts[0].MessageCode = "evacuate now" }, "message_code"},
		{"broadcast twice", func(gs *types.GenesisState) { gs.Alerts[1].BroadcastDigest = cast1 }, "already recorded"},
		{"alert_count wrong", func(gs *types.GenesisState) { gs.Incidents[0].AlertCount = 1 }, "alert_count is 1 but 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis()
			tc.spoil(gs)
			err := gs.Validate()
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestGenesisValidateAddresses(t *testing.T) {
	ac := addresscodec.NewBech32Codec("civic")
	for _, spoil := range []func(gs *types.GenesisState){
		func(gs *types.GenesisState) {
			gs.Incidents[0].DeclaredBy = "cosmos1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjf6ufg"
		},
		func(gs *types.GenesisState) { gs.Revisions[1].ChangedBy = strings.ToUpper(addr) },
		func(gs *types.GenesisState) { gs.Alerts[0].IssuedBy = "nobody" },
	} {
		gs := validGenesis()
		spoil(gs)
		require.ErrorIs(t, gs.ValidateAddresses(ac), types.ErrInvalidGenesis)
	}
}
