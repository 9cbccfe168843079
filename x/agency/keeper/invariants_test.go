package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

// invariantState builds a state through the Msg service that touches every record: two
// agencies, the knpa admin also a member, a member with an expiry, a removed member, an
// admin handed over, a pending membership offer and admin transfer, roles withdrawn from an
// agency and a suspended agency.
func invariantState(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	twoAgencies(f)
	expires := testkeeper.BlockTime.Add(24 * time.Hour)
	f.addMember("knpa", knpaAdmin, knpaAdmin, nil, roleCustodian)
	f.addMember("knpa", knpaAdmin, addr(12), &expires, roleInvestigator, roleCustodian)
	f.addMember("mfds", mfdsAdmin, addr(13), nil)
	_, err := f.ms.RemoveMember(f.ctx, &types.MsgRemoveMember{Admin: f.str(mfdsAdmin), AgencyId: "mfds", Address: f.str(addr(13))})
	require.NoError(t, err)
	f.transferAdmin("mfds", mfdsAdmin, addr(14))
	f.offer("knpa", knpaAdmin, addr(15), nil, roleCustodian)
	_, err = f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(knpaAdmin), AgencyId: "knpa", NewAdmin: f.str(addr(16))})
	require.NoError(t, err)
	_, err = f.ms.SetAgencyRoles(f.ctx, &types.MsgSetAgencyRoles{Authority: f.authority, AgencyId: "knpa", Roles: []string{roleInvestigator}})
	require.NoError(t, err)
	f.setStatus("mfds", types.AgencyStatusSuspended)
	return f
}

func TestInvariantsHoldAfterMessages(t *testing.T) {
	f := invariantState(t)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	empty := newFixture(t)
	require.NoError(t, empty.k.CheckInvariants(empty.ctx), "an empty state is sound")
}

func TestInvariantsCatchCorruption(t *testing.T) {
	cases := []struct {
		name      string
		corrupt   func(f *fixture) error
		invariant string
		want      string
	}{
		{"agency stored under another id", func(f *fixture) error {
			a, err := f.k.Agencies.Get(f.ctx, "knpa")
			require.NoError(t, err)
			a.Admin = f.str(stranger) // the admin index holds one agency per admin
			return f.k.Agencies.Set(f.ctx, "kcg", a)
		}, "agencies", `stored under "kcg" has id "knpa"`},
		{"agency role outside the catalog", func(f *fixture) error {
			a, err := f.k.Agencies.Get(f.ctx, "knpa")
			require.NoError(t, err)
			a.Roles = []string{roleInvestigator, "evidence.judge"}
			return f.k.Agencies.Set(f.ctx, "knpa", a)
		}, "agencies", `"evidence.judge", which is not in the role catalog`},
		{"agency roles unsorted", func(f *fixture) error {
			a, err := f.k.Agencies.Get(f.ctx, "mfds")
			require.NoError(t, err)
			a.Roles = []string{roleOperator, roleCertifier}
			return f.k.Agencies.Set(f.ctx, "mfds", a)
		}, "agencies", "sorted"},
		{"member of a missing agency", func(f *fixture) error {
			m, err := f.k.Members.Get(f.ctx, officer)
			require.NoError(t, err)
			m.AgencyId = "kcg"
			return f.k.Members.Set(f.ctx, officer, m)
		}, "members", `agency "kcg", which does not exist`},
		{"member role the agency lacks", func(f *fixture) error {
			m, err := f.k.Members.Get(f.ctx, inspector)
			require.NoError(t, err)
			m.Roles = []string{roleInvestigator}
			return f.k.Members.Set(f.ctx, inspector, m)
		}, "members", `which agency "mfds" does not have`},
		{"member stored under another address", func(f *fixture) error {
			m, err := f.k.Members.Get(f.ctx, officer)
			require.NoError(t, err)
			return f.k.Members.Set(f.ctx, addr(50), m)
		}, "members", "has address"},
		{"member administering another agency", func(f *fixture) error {
			a, err := f.k.Agencies.Get(f.ctx, "mfds")
			require.NoError(t, err)
			a.Admin = f.str(officer)
			return f.k.Agencies.Set(f.ctx, "mfds", a)
		}, "members", `of agency "knpa" is the admin of agency "mfds"`},
		{"member count off", func(f *fixture) error {
			return f.k.MemberCount.Set(f.ctx, "knpa", 7)
		}, "member-count", `member count of agency "knpa" is 7, but it has 3 members`},
		{"member count missing", func(f *fixture) error {
			return f.k.MemberCount.Remove(f.ctx, "knpa")
		}, "member-count", `agency "knpa" has 3 members but no member count`},
		{"zero member count stored", func(f *fixture) error {
			return f.k.MemberCount.Set(f.ctx, "kcg", 0)
		}, "member-count", `member count of agency "kcg" is 0`},
		{"offer count off", func(f *fixture) error {
			return f.k.OfferCount.Set(f.ctx, "knpa", 3)
		}, "offers", `offer count of agency "knpa" is 3, but it has 1 membership offers`},
		{"offer count missing", func(f *fixture) error {
			return f.k.OfferCount.Remove(f.ctx, "knpa")
		}, "offers", `agency "knpa" has 1 membership offers but no offer count`},
		{"offer stored under another address", func(f *fixture) error {
			o, err := f.k.MembershipOffers.Get(f.ctx, collections.Join("knpa", addr(15)))
			require.NoError(t, err)
			return f.k.MembershipOffers.Set(f.ctx, collections.Join("knpa", stranger), o)
		}, "offers", "membership offer stored under"},
		{"admin offer naming the admin", func(f *fixture) error {
			return f.k.AdminOffers.Set(f.ctx, "knpa", types.AdminOffer{AgencyId: "knpa", NewAdmin: f.str(knpaAdmin)})
		}, "offers", `admin offer stored under "knpa"`},
		{"admin offer of a missing agency", func(f *fixture) error {
			return f.k.AdminOffers.Set(f.ctx, "kcg", types.AdminOffer{AgencyId: "kcg", NewAdmin: f.str(stranger)})
		}, "offers", `admin offer of agency "kcg"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := invariantState(t)
			require.NoError(t, f.k.CheckInvariants(f.ctx))

			// ACT
			require.NoError(t, tc.corrupt(f))

			// ASSERT: the named invariant reports it, and so does CheckInvariants.
			testkeeper.RequireInvariantBroken(t, f.ctx, f.k.Invariants(), f.k.CheckInvariants(f.ctx), "agency", tc.invariant, tc.want)
		})
	}
}
