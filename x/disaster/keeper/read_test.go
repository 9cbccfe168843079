package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/disaster/types"
)

func TestGetIncident(t *testing.T) {
	f := newFixture(t)
	id := f.declare(nil)
	inc, err := f.k.GetIncident(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, busan, inc.AgencyId)

	_, err = f.k.GetIncident(f.ctx, 42)
	require.ErrorIs(t, err, types.ErrIncidentNotFound)
	require.ErrorContains(t, err, "incident 42")
}

func TestCoversDistrict(t *testing.T) {
	f := newFixture(t)
	id := f.declare(nil)
	for district, want := range map[string]bool{busanjin: true, dongnae: true, haeundae: false, uichang: false} {
		got, err := f.k.CoversDistrict(f.ctx, id, district)
		require.NoError(t, err)
		require.Equal(t, want, got, district)
	}
	// a closed incident still covers its districts: CoversDistrict does not look at the status
	require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusClosed))
	got, err := f.k.CoversDistrict(f.ctx, id, busanjin)
	require.NoError(t, err)
	require.True(t, got)

	_, err = f.k.CoversDistrict(f.ctx, 42, busanjin)
	require.ErrorIs(t, err, types.ErrIncidentNotFound)
	_, err = f.k.CoversDistrict(f.ctx, id, "2623")
	require.ErrorIs(t, err, types.ErrInvalidDistrict)
}

func TestIncidentsCoveringDistrict(t *testing.T) {
	// ARRANGE: five Busanjin-gu incidents: 1 DECLARED, 2 RESPONDING, 3 CLOSED,
	// 4 RESPONDING, 5 DECLARED; 6 in Haeundae-gu only.
	f := newFixture(t)
	digests := []string{"01", "02", "03", "04", "05", "06"}
	for i, d := range digests {
		district := busanjin
		if i == 5 {
			district = haeundae
		}
		f.declare(func(m *types.MsgDeclareIncident) {
			m.DescriptionDigest = strings.Repeat(d, 32)
			m.AffectedDistricts = []string{district}
		})
	}
	require.NoError(t, f.setStatus(2, f.s(coord), types.IncidentStatusResponding))
	require.NoError(t, f.setStatus(3, f.s(coord), types.IncidentStatusClosed))
	require.NoError(t, f.setStatus(4, f.s(coord), types.IncidentStatusResponding))

	for _, tc := range []struct {
		limit int
		want  []uint64
	}{
		{10, []uint64{1, 2, 4, 5}}, // CLOSED 3 left out, DECLARED and RESPONDING merged by id
		{3, []uint64{1, 2, 4}},
		{1, []uint64{1}},
		{0, nil},
		{-1, nil},
	} {
		// ACT
		got, err := f.k.IncidentsCoveringDistrict(f.ctx, busanjin, tc.limit)
		// ASSERT
		require.NoError(t, err)
		require.Equal(t, tc.want, incidentIDs(got), "limit %d", tc.limit)
	}

	got, err := f.k.IncidentsCoveringDistrict(f.ctx, jung, 10)
	require.NoError(t, err)
	require.Empty(t, got)
	_, err = f.k.IncidentsCoveringDistrict(f.ctx, "busanjin", 10)
	require.ErrorIs(t, err, types.ErrInvalidDistrict)
}
