package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/disaster/types"
)

func TestInvariantsHoldAfterMessages(t *testing.T) {
	f := queryFixture(t)
	_, err := f.msg.UpdateIncident(f.ctx, f.updateMsg(1))
	require.NoError(t, err)
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	empty := newFixture(t)
	require.NoError(t, empty.k.CheckInvariants(empty.ctx), "an empty state is sound")
}

func TestInvariantsBroken(t *testing.T) {
	for _, tc := range []struct {
		name, invariant, want string
		spoil                 func(f *fixture)
	}{
		{"incident under a foreign id", "incidents", "incident stored under 2 has id 1", func(f *fixture) {
			inc := f.incident(1)
			inc.AgencyId = "other" // keeps the (agency, description) index apart from incident 1's
			require.NoError(f.t, f.k.Incidents.Set(f.ctx, 2, inc))
		}},
		{"incident id never issued", "incidents", "ids issued: 1..3", func(f *fixture) {
			inc := f.incident(1)
			inc.Id = 9
			inc.AgencyId = "other" // keeps the (agency, description) index apart from incident 1's
			require.NoError(f.t, f.k.Incidents.Set(f.ctx, 9, inc))
		}},
		{"closed without closed_at", "incidents", "incident 2 is CLOSED but closed_at", func(f *fixture) {
			inc := f.incident(2)
			inc.ClosedAt = time.Time{}
			require.NoError(f.t, f.k.Incidents.Set(f.ctx, 2, inc))
		}},
		{"alert_count off", "incidents", "incident 1 has alert_count 5 but 2 public alerts", func(f *fixture) {
			inc := f.incident(1)
			inc.AlertCount = 5
			require.NoError(f.t, f.k.Incidents.Set(f.ctx, 1, inc))
		}},
		{"revision missing", "revisions", "incident 1: revision 2 follows revision 0", func(f *fixture) {
			require.NoError(f.t, f.k.Revisions.Remove(f.ctx, collections.Join(uint64(1), uint64(1))))
		}},
		{"revision under a foreign key", "revisions", "revision stored under (1, 3) is (1, 2)", func(f *fixture) {
			r, err := f.k.Revisions.Get(f.ctx, collections.Join(uint64(1), uint64(2)))
			require.NoError(f.t, err)
			require.NoError(f.t, f.k.Revisions.Set(f.ctx, collections.Join(uint64(1), uint64(3)), r))
		}},
		{"incident ahead of its revisions", "revisions", "incident 3 is at revision 2 but has 1 revision records", func(f *fixture) {
			inc := f.incident(3)
			inc.Revision = 2
			require.NoError(f.t, f.k.Incidents.Set(f.ctx, 3, inc))
		}},
		{"incident differs from its last revision", "revisions", "incident 1: severity and districts differ from its revision 2", func(f *fixture) {
			inc := f.incident(1)
			inc.Severity = types.SeveritySerious
			require.NoError(f.t, f.k.Incidents.Set(f.ctx, 1, inc))
		}},
		{"revisions of a missing incident", "revisions", "4 incidents have revisions but 3 incidents are stored", func(f *fixture) {
			require.NoError(f.t, f.k.Revisions.Set(f.ctx, collections.Join(uint64(8), uint64(1)), types.IncidentRevision{IncidentId: 8, Revision: 1}))
		}},
		{"alert outside its revision's districts", "alerts", "public alert 1: district 26350 is not among", func(f *fixture) {
			a, err := f.k.Alerts.Get(f.ctx, 1)
			require.NoError(f.t, err)
			a.Districts = []string{busanjin, haeundae}
			require.NoError(f.t, f.k.Alerts.Set(f.ctx, 1, a))
		}},
		{"alert above its revision's severity", "alerts", "public alert 3: level SERIOUS is above", func(f *fixture) {
			a, err := f.k.Alerts.Get(f.ctx, 3)
			require.NoError(f.t, err)
			a.Level = types.SeveritySerious
			require.NoError(f.t, f.k.Alerts.Set(f.ctx, 3, a))
		}},
		{"alert naming a missing revision", "alerts", "public alert 2 names incident 2 revision 7", func(f *fixture) {
			a, err := f.k.Alerts.Get(f.ctx, 2)
			require.NoError(f.t, err)
			a.IncidentRevision = 7
			require.NoError(f.t, f.k.Alerts.Set(f.ctx, 2, a))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE: a sound state (queryFixture, incident 1 at revision 2)
			f := queryFixture(t)
			_, err := f.msg.UpdateIncident(f.ctx, f.updateMsg(1))
			require.NoError(t, err)
			// ACT: break it behind the msg server's back
			tc.spoil(f)
			// ASSERT
			testkeeper.RequireInvariantBroken(t, f.ctx, f.k.Invariants(), f.k.CheckInvariants(f.ctx), types.ModuleName, tc.invariant, tc.want)
		})
	}
}
