package types_test

import (
	"strings"
	"testing"

	golangproto "github.com/golang/protobuf/proto"
	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/disaster/types"
)

func TestValidateDistrict(t *testing.T) {
	for _, ok := range []string{"26230", "00000", "11110", "50130"} {
		require.NoError(t, types.ValidateDistrict("district", ok), ok)
	}
	for _, bad := range []string{"", "2623", "262300", "2623a", " 2623", "26-23", "+2623", "２６２３０", "٢٦٢٣٠"} {
		require.ErrorIs(t, types.ValidateDistrict("district", bad), types.ErrInvalidDistrict, bad)
	}
}

func TestNormalizeDistricts(t *testing.T) {
	in := []string{"26350", "26110", "26230"}
	got, err := types.NormalizeDistricts("affected_districts", in, 64)
	require.NoError(t, err)
	require.Equal(t, []string{"26110", "26230", "26350"}, got)
	require.Equal(t, []string{"26350", "26110", "26230"}, in, "the input is not modified")

	_, err = types.NormalizeDistricts("affected_districts", nil, 64)
	require.ErrorIs(t, err, types.ErrInvalidDistricts)
	_, err = types.NormalizeDistricts("affected_districts", []string{"26110", "26230", "26110"}, 64)
	require.ErrorIs(t, err, types.ErrInvalidDistricts)
	require.ErrorContains(t, err, `names "26110" twice`)
	_, err = types.NormalizeDistricts("affected_districts", in, 2)
	require.ErrorIs(t, err, types.ErrInvalidDistricts)
	require.ErrorContains(t, err, "3 codes, at most 2")
	_, err = types.NormalizeDistricts("affected_districts", []string{"26110", "x"}, 64)
	require.ErrorIs(t, err, types.ErrInvalidDistrict)
}

func TestValidateStoredDistricts(t *testing.T) {
	require.NoError(t, types.ValidateStoredDistricts("d", []string{"26110", "26230"}, 64))
	require.ErrorIs(t, types.ValidateStoredDistricts("d", []string{"26230", "26110"}, 64), types.ErrInvalidDistricts)
	require.ErrorIs(t, types.ValidateStoredDistricts("d", []string{"26230", "26230"}, 64), types.ErrInvalidDistricts)
}

func TestSubsetAndFirstMissing(t *testing.T) {
	super := []string{"26110", "26230", "26350"}
	require.True(t, types.SubsetOf([]string{"26110", "26350"}, super))
	require.False(t, types.SubsetOf([]string{"26110", "26260"}, super))
	require.Equal(t, "26260", types.FirstMissing([]string{"26110", "26260"}, super))
	require.Equal(t, "", types.FirstMissing([]string{"26230"}, super))
}

func TestValidateMessageCode(t *testing.T) {
	for _, ok := range []string{"FLOOD_EVACUATE", "HEAT_WAVE_2", "A00", strings.Repeat("X", 32)} {
		require.NoError(t, types.ValidateMessageCode(ok), ok)
	}
	for _, bad := range []string{
		"", "AB", strings.Repeat("X", 33), "flood", "_FLOOD", "1FLOOD", "FLOOD-EVACUATE", "FLOOD EVACUATE",
		"FLOOD\nEVACUATE", "홍수_대피", "CALL_01012345678", "CALL_0222345678",
	} {
		require.ErrorIs(t, types.ValidateMessageCode(bad), types.ErrInvalidMessageCode, bad)
	}
}

func TestEnums(t *testing.T) {
	require.NoError(t, types.ValidateType(types.IncidentTypeEarthquake))
	require.ErrorIs(t, types.ValidateType(types.IncidentTypeUnspecified), types.ErrInvalidType)
	require.ErrorIs(t, types.ValidateType(7), types.ErrInvalidType)
	require.NoError(t, types.ValidateSeverity("severity", types.SeveritySerious))
	require.ErrorIs(t, types.ValidateSeverity("level", 0), types.ErrInvalidSeverity)
	require.Equal(t, "WATER_CONTAMINATION", types.IncidentTypeWaterContamination.Label())
	require.Equal(t, "SERIOUS", types.SeveritySerious.Label())
	require.Equal(t, "RESPONDING", types.IncidentStatusResponding.Label())
	// the crisis-alert levels are ordered lowest first, so a level compares with <
	require.Less(t, types.SeverityAttention, types.SeverityCaution)
	require.Less(t, types.SeverityCaution, types.SeverityAlert)
	require.Less(t, types.SeverityAlert, types.SeveritySerious)
}

func TestIncidentTransitions(t *testing.T) {
	all := []types.IncidentStatus{types.IncidentStatusUnspecified, types.IncidentStatusDeclared, types.IncidentStatusResponding, types.IncidentStatusClosed}
	legal := map[[2]types.IncidentStatus]bool{
		{types.IncidentStatusDeclared, types.IncidentStatusResponding}: true,
		{types.IncidentStatusResponding, types.IncidentStatusClosed}:   true,
		{types.IncidentStatusDeclared, types.IncidentStatusClosed}:     true,
	}
	for _, from := range all {
		for _, to := range all {
			err := types.ValidateTransition(from, to)
			if legal[[2]types.IncidentStatus{from, to}] {
				require.NoError(t, err)
				continue
			}
			require.ErrorIs(t, err, types.ErrInvalidTransition)
			require.ErrorContains(t, err, "incident cannot go from "+from.Label()+" to "+to.Label())
		}
	}
	require.True(t, types.IncidentStatusResponding.IsOpen())
	require.False(t, types.IncidentStatusClosed.IsOpen())
}

func TestParamsValidate(t *testing.T) {
	require.NoError(t, types.DefaultParams().Validate())
	p := types.DefaultParams()
	p.MaxDistrictsPerIncident = types.MaxDistricts + 1
	require.ErrorIs(t, p.Validate(), types.ErrInvalidParams)
	require.ErrorContains(t, p.Validate(), "max_districts_per_incident must be 1..64, got 65")
}

func TestRoles(t *testing.T) {
	roles := types.Roles()
	require.Len(t, roles, 1)
	require.Equal(t, "disaster.coordinator", roles[0].Name)
	require.Equal(t, types.ModuleName, roles[0].Module)
}

func TestGatewayKnowsStatusNames(t *testing.T) {
	m := golangproto.EnumValueMap("civic.disaster.v1.IncidentStatus")
	require.Equal(t, int32(types.IncidentStatusResponding), m["INCIDENT_STATUS_RESPONDING"])
}
