package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

// Finding 12 of issue 11: an admin could make any address a member without its consent,
// so an address named as admin in a pending governance proposal could be squatted and the
// proposal would fail. Membership and admin transfers are now offers that only the named
// account can accept.

// candidate is the address a pending governance proposal names as the admin of "kcg".
var candidate = addr(50)

func TestFinding12SquattingWithoutConsentRefused(t *testing.T) {
	// ARRANGE: knpa's admin tries to squat the address a pending proposal names as kcg's admin.
	f := newFixture(t)
	twoAgencies(f)

	// ACT 1: the "add" is only an offer.
	f.offer("knpa", knpaAdmin, candidate, nil, roleInvestigator)

	// ASSERT 1: the address belongs to nobody, cannot act, and governance's proposal passes.
	other, err := f.k.Affiliation(f.ctx, candidate)
	require.NoError(t, err)
	require.Empty(t, other)
	_, err = f.k.Authorize(f.ctx, candidate, roleInvestigator)
	require.ErrorIs(t, err, types.ErrNotMember)
	f.register("kcg", candidate, roleInvestigator) // governance-made admins stay direct

	// ACT 2: the offer cannot be turned into a membership any more either.
	before := f.export()
	f.freshEvents()
	err = f.accept("knpa", candidate)

	// ASSERT 2: refused, nothing written, no event.
	require.ErrorIs(t, err, types.ErrAddressAffiliated)
	require.Contains(t, err.Error(), `"kcg"`)
	require.Equal(t, before, f.export())
	require.Empty(t, f.ctx.EventManager().Events())

	// The same for an admin transfer: naming the address makes nothing of it.
	_, err = f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(mfdsAdmin), AgencyId: "mfds", NewAdmin: f.str(addr(51))})
	require.NoError(t, err)
	f.register("kcs", addr(51), roleCertifier)
	a, err := f.k.Agencies.Get(f.ctx, "mfds")
	require.NoError(t, err)
	require.Equal(t, f.str(mfdsAdmin), a.Admin)
	_, err = f.ms.AcceptAdmin(f.ctx, &types.MsgAcceptAdmin{NewAdmin: f.str(addr(51)), AgencyId: "mfds"})
	require.ErrorIs(t, err, types.ErrAddressAffiliated)
}

func TestFinding12AcceptMembershipRejections(t *testing.T) {
	newcomer := addr(20)
	setup := func(f *fixture) {
		twoAgencies(f)
		f.offer("knpa", knpaAdmin, newcomer, ptime(testkeeper.BlockTime.Add(2*time.Hour)), roleInvestigator, roleCustodian)
	}
	acceptAs := func(f *fixture, who, id string) error {
		_, err := f.ms.AcceptMembership(f.ctx, &types.MsgAcceptMembership{Address: who, AgencyId: id})
		return err
	}
	runRejections(t, setup, []rejection{
		{"another account accepts someone else's offer", func(f *fixture) error {
			return acceptAs(f, f.str(stranger), "knpa")
		}, types.ErrOfferNotFound, []string{"knpa"}},
		{"no offer from that agency", func(f *fixture) error { return acceptAs(f, f.str(newcomer), "mfds") },
			types.ErrOfferNotFound, nil},
		{"offer expired", func(f *fixture) error {
			f.ctx = f.ctx.WithBlockTime(testkeeper.BlockTime.Add(time.Duration(types.DefaultOfferTTLSeconds) * time.Second))
			return acceptAs(f, f.str(newcomer), "knpa")
		}, types.ErrOfferExpired, []string{"expired at"}},
		{"offered membership expiry passed", func(f *fixture) error {
			f.ctx = f.ctx.WithBlockTime(testkeeper.BlockTime.Add(3 * time.Hour))
			return acceptAs(f, f.str(newcomer), "knpa")
		}, types.ErrInvalidExpiry, nil},
		{"upper-case address", func(f *fixture) error { return acceptAs(f, upper(f.str(newcomer)), "knpa") },
			sdkerrors.ErrInvalidAddress, []string{"canonical"}},
		{"bad agency id", func(f *fixture) error { return acceptAs(f, f.str(newcomer), "K") },
			types.ErrInvalidAgencyID, nil},
	})

	// The state changed between the offer and the acceptance: everything is checked again.
	accept := func(f *fixture) error { return acceptAs(f, f.str(newcomer), "knpa") }
	for _, tc := range []struct {
		name     string
		since    func(f *fixture)
		err      error
		contains []string
	}{
		{"joined another agency since", func(f *fixture) { f.addMember("mfds", mfdsAdmin, newcomer, nil, roleCertifier) },
			types.ErrAddressAffiliated, []string{"mfds"}},
		{"role withdrawn from the agency since", func(f *fixture) {
			_, err := f.ms.SetAgencyRoles(f.ctx, &types.MsgSetAgencyRoles{Authority: f.authority, AgencyId: "knpa", Roles: []string{roleInvestigator}})
			require.NoError(t, err)
		}, types.ErrRoleNotInAgency, []string{roleCustodian}},
		{"agency retired since", func(f *fixture) { f.setStatus("knpa", types.AgencyStatusRetired) },
			types.ErrAgencyRetired, nil},
		{"agency full since", func(f *fixture) {
			_, err := f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: maxMembers(1)})
			require.NoError(t, err)
		}, types.ErrMemberLimit, nil},
	} {
		runRejections(t, func(f *fixture) { setup(f); tc.since(f) }, []rejection{{tc.name, accept, tc.err, tc.contains}})
	}
}

func TestFinding12DeclineAndWithdraw(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	twoAgencies(f)
	f.offer("knpa", knpaAdmin, addr(20), nil, roleInvestigator)
	f.offer("knpa", knpaAdmin, addr(21), nil)

	// ACT + ASSERT: the offered account declines.
	f.freshEvents()
	_, err := f.ms.DeclineMembership(f.ctx, &types.MsgDeclineMembership{Address: f.str(addr(20)), AgencyId: "knpa"})
	require.NoError(t, err)
	require.Equal(t, &types.EventMembershipDeclined{AgencyId: "knpa", Address: f.str(addr(20))},
		onlyEvent[*types.EventMembershipDeclined](t, f.ctx))
	require.ErrorIs(t, f.accept("knpa", addr(20)), types.ErrOfferNotFound)

	// ACT + ASSERT: the admin withdraws.
	f.freshEvents()
	_, err = f.ms.WithdrawMembershipOffer(f.ctx, &types.MsgWithdrawMembershipOffer{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(addr(21))})
	require.NoError(t, err)
	require.Equal(t, &types.EventMembershipOfferWithdrawn{AgencyId: "knpa", Address: f.str(addr(21))},
		onlyEvent[*types.EventMembershipOfferWithdrawn](t, f.ctx))
	require.ErrorIs(t, f.accept("knpa", addr(21)), types.ErrOfferNotFound)
	has, err := f.k.OfferCount.Has(f.ctx, "knpa")
	require.NoError(t, err)
	require.False(t, has, "no offers left, no count")
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestFinding12DeclineAndWithdrawRejections(t *testing.T) {
	setup := func(f *fixture) {
		twoAgencies(f)
		f.offer("knpa", knpaAdmin, addr(20), nil, roleInvestigator)
	}
	runRejections(t, setup, []rejection{
		{"decline an offer made to another account", func(f *fixture) error {
			_, err := f.ms.DeclineMembership(f.ctx, &types.MsgDeclineMembership{Address: f.str(stranger), AgencyId: "knpa"})
			return err
		}, types.ErrOfferNotFound, nil},
		{"withdraw by another agency's admin", func(f *fixture) error {
			_, err := f.ms.WithdrawMembershipOffer(f.ctx, &types.MsgWithdrawMembershipOffer{Admin: f.str(mfdsAdmin), AgencyId: "knpa", Address: f.str(addr(20))})
			return err
		}, types.ErrNotAdmin, nil},
		{"withdraw by the offered account", func(f *fixture) error {
			_, err := f.ms.WithdrawMembershipOffer(f.ctx, &types.MsgWithdrawMembershipOffer{Admin: f.str(addr(20)), AgencyId: "knpa", Address: f.str(addr(20))})
			return err
		}, types.ErrNotAdmin, nil},
		{"withdraw an offer that does not exist", func(f *fixture) error {
			_, err := f.ms.WithdrawMembershipOffer(f.ctx, &types.MsgWithdrawMembershipOffer{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(stranger)})
			return err
		}, types.ErrOfferNotFound, nil},
	})
}

// Expiry is evaluated when an offer is read or accepted: there is no block hook. An expired
// offer stays, counts against the bound, and is cleared by the admin or the account.
func TestFinding12OfferExpiryAndBound(t *testing.T) {
	// ARRANGE: at most two pending offers, one hour to accept.
	f := newFixture(t)
	f.register("knpa", knpaAdmin, roleInvestigator)
	p := types.DefaultParams()
	p.MaxPendingOffersPerAgency, p.OfferTtlSeconds = 2, 3600
	_, err := f.ms.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
	f.offer("knpa", knpaAdmin, addr(20), nil, roleInvestigator)
	f.offer("knpa", knpaAdmin, addr(21), nil, roleInvestigator)

	// ACT + ASSERT: a third offer is refused and writes nothing; a renewed offer replaces.
	before := f.export()
	_, err = f.ms.AddMember(f.ctx, &types.MsgAddMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(addr(22))})
	require.ErrorIs(t, err, types.ErrOfferLimit)
	require.Contains(t, err.Error(), "max 2")
	require.Equal(t, before, f.export())
	f.offer("knpa", knpaAdmin, addr(21), nil)
	n, err := f.k.OfferCount.Get(f.ctx, "knpa")
	require.NoError(t, err)
	require.EqualValues(t, 2, n)

	// an hour later both offers have expired: acceptance is refused, the offers remain
	f.ctx = f.ctx.WithBlockTime(testkeeper.BlockTime.Add(time.Hour))
	require.ErrorIs(t, f.accept("knpa", addr(20)), types.ErrOfferExpired)
	offers, err := f.qs.MembershipOffers(f.ctx, &types.QueryMembershipOffersRequest{AgencyId: "knpa"})
	require.NoError(t, err)
	require.Len(t, offers.Offers, 2)
	require.Equal(t, testkeeper.BlockTime.Add(time.Hour), offers.Offers[0].OfferExpiresAt)

	// withdrawing an expired offer frees a slot for a new one, which can be accepted
	_, err = f.ms.WithdrawMembershipOffer(f.ctx, &types.MsgWithdrawMembershipOffer{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(addr(20))})
	require.NoError(t, err)
	f.offer("knpa", knpaAdmin, addr(22), nil, roleInvestigator)
	require.NoError(t, f.accept("knpa", addr(22)))
	_, err = f.k.Authorize(f.ctx, addr(22), roleInvestigator)
	require.NoError(t, err)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestFinding12AdminTransferRejections(t *testing.T) {
	successor := addr(40)
	setup := func(f *fixture) {
		twoAgencies(f)
		_, err := f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(knpaAdmin), AgencyId: "knpa", NewAdmin: f.str(successor)})
		require.NoError(t, err)
	}
	acceptAs := func(f *fixture, who string) error {
		_, err := f.ms.AcceptAdmin(f.ctx, &types.MsgAcceptAdmin{NewAdmin: who, AgencyId: "knpa"})
		return err
	}
	cancelAs := func(f *fixture, who string) error {
		_, err := f.ms.CancelAdminTransfer(f.ctx, &types.MsgCancelAdminTransfer{Signer: who, AgencyId: "knpa"})
		return err
	}
	runRejections(t, setup, []rejection{
		{"another account accepts", func(f *fixture) error { return acceptAs(f, f.str(officer)) },
			types.ErrOfferNotFound, []string{"knpa"}},
		{"the current admin accepts", func(f *fixture) error { return acceptAs(f, f.str(knpaAdmin)) },
			types.ErrOfferNotFound, nil},
		{"offer expired", func(f *fixture) error {
			f.ctx = f.ctx.WithBlockTime(testkeeper.BlockTime.Add(time.Duration(types.DefaultOfferTTLSeconds) * time.Second))
			return acceptAs(f, f.str(successor))
		}, types.ErrOfferExpired, nil},
		{"a stranger cancels", func(f *fixture) error { return cancelAs(f, f.str(stranger)) },
			types.ErrNotOfferParty, nil},
		{"a member cancels", func(f *fixture) error { return cancelAs(f, f.str(officer)) },
			types.ErrNotOfferParty, nil},
		{"no transfer pending", func(f *fixture) error {
			_, err := f.ms.CancelAdminTransfer(f.ctx, &types.MsgCancelAdminTransfer{Signer: f.str(mfdsAdmin), AgencyId: "mfds"})
			return err
		}, types.ErrOfferNotFound, nil},
		{"upper-case new admin", func(f *fixture) error { return acceptAs(f, upper(f.str(successor))) },
			sdkerrors.ErrInvalidAddress, nil},
	})

	accept := func(f *fixture) error { return acceptAs(f, f.str(successor)) }
	runRejections(t, func(f *fixture) { setup(f); f.addMember("mfds", mfdsAdmin, successor, nil) }, []rejection{
		{"successor joined another agency since", accept, types.ErrAddressAffiliated, []string{"mfds"}},
	})
	runRejections(t, func(f *fixture) { setup(f); f.setStatus("knpa", types.AgencyStatusRetired) }, []rejection{
		{"agency retired since", accept, types.ErrAgencyRetired, nil},
		{"the admin of a retired agency cancels", func(f *fixture) error { return cancelAs(f, f.str(knpaAdmin)) },
			types.ErrAgencyRetired, nil},
	})
}

func TestFinding12AdminTransferCancelled(t *testing.T) {
	for name, by := range map[string]func() []byte{"by the admin": func() []byte { return knpaAdmin }, "by the named account": func() []byte { return addr(40) }} {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			twoAgencies(f)
			_, err := f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(knpaAdmin), AgencyId: "knpa", NewAdmin: f.str(addr(40))})
			require.NoError(t, err)
			f.freshEvents()

			// ACT
			_, err = f.ms.CancelAdminTransfer(f.ctx, &types.MsgCancelAdminTransfer{Signer: f.str(by()), AgencyId: "knpa"})

			// ASSERT
			require.NoError(t, err)
			require.Equal(t, &types.EventAdminTransferCancelled{AgencyId: "knpa", NewAdmin: f.str(addr(40)), CancelledBy: f.str(by())},
				onlyEvent[*types.EventAdminTransferCancelled](t, f.ctx))
			_, err = f.ms.AcceptAdmin(f.ctx, &types.MsgAcceptAdmin{NewAdmin: f.str(addr(40)), AgencyId: "knpa"})
			require.ErrorIs(t, err, types.ErrOfferNotFound)
			_, err = f.qs.AdminOffer(f.ctx, &types.QueryAdminOfferRequest{AgencyId: "knpa"})
			require.Error(t, err)
		})
	}
}

// Genesis members are members without acceptance; pending offers export and import.
func TestFinding12GenesisMembersAndOffers(t *testing.T) {
	// ARRANGE: members, a membership offer and an admin transfer pending.
	f := newFixture(t)
	twoAgencies(f)
	f.offer("knpa", knpaAdmin, addr(20), ptime(testkeeper.BlockTime.Add(48*time.Hour)), roleInvestigator)
	f.offer("mfds", mfdsAdmin, addr(20), nil)
	_, err := f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(knpaAdmin), AgencyId: "knpa", NewAdmin: f.str(officer)})
	require.NoError(t, err)
	exported := f.export()
	require.NoError(t, exported.Validate())
	require.Len(t, exported.MembershipOffers, 2)
	require.Len(t, exported.AdminOffers, 1)

	// ACT
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, exported))

	// ASSERT: same state; genesis members act at once; the offers can be accepted.
	require.Equal(t, exported, g.export())
	_, err = g.k.Authorize(g.ctx, officer, roleInvestigator)
	require.NoError(t, err)
	require.NoError(t, g.accept("knpa", addr(20)))
	require.ErrorIs(t, g.accept("mfds", addr(20)), types.ErrAddressAffiliated)
	_, err = g.ms.AcceptAdmin(g.ctx, &types.MsgAcceptAdmin{NewAdmin: f.str(officer), AgencyId: "knpa"})
	require.NoError(t, err)
	n, err := g.k.OfferCount.Get(g.ctx, "mfds")
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	require.NoError(t, g.k.CheckInvariants(g.ctx))
	has, err := g.k.MembershipOffers.Has(g.ctx, collections.Join("mfds", addr(20)))
	require.NoError(t, err)
	require.True(t, has, "a refused acceptance leaves the offer for the admin or the account to clear")
}
