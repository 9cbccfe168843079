package keeper

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// BlockTime is the block time of every fixture context (2026-01-01T00:00:00Z).
var BlockTime = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// AgencyAuthority returns the authority of fixture keepers: the x/gov module account.
func AgencyAuthority() sdk.AccAddress {
	return authtypes.NewModuleAddress(govtypes.ModuleName)
}

// AgencyKeeper builds a real x/agency keeper on an in-memory store with the given role
// catalog and default params, authority = the x/gov module account, and a context at
// BlockTime (a NewFixture with WithRoles(roles...)). Other modules' tests use it to
// register agencies and members and to call Authorize for real.
func AgencyKeeper(t testing.TB, roles ...agencytypes.RoleDefinition) (keeper.Keeper, sdk.Context) {
	t.Helper()
	f := NewFixture(t, WithRoles(roles...))
	return f.Agency, f.Ctx
}

// RegisterTestAgency registers an ACTIVE agency through the real Msg service, signed by
// the fixture authority. It fails the test on any error.
func RegisterTestAgency(t testing.TB, k keeper.Keeper, ctx sdk.Context, id string, admin sdk.AccAddress, roles ...string) {
	t.Helper()
	adminStr, err := k.AddressCodec().BytesToString(admin)
	if err != nil {
		t.Fatal(err)
	}
	_, err = keeper.NewMsgServerImpl(k).RegisterAgency(ctx, &agencytypes.MsgRegisterAgency{
		Authority: k.GetAuthority(), Id: id, Name: "Agency " + id, Admin: adminStr, Roles: roles,
	})
	if err != nil {
		t.Fatalf("register agency %q: %v", id, err)
	}
}

// AddTestMember makes member a member of agency id through the real Msg service, with no
// expiry: admin offers the membership (MsgAddMember) and member accepts it
// (MsgAcceptMembership). It fails the test on any error.
func AddTestMember(t testing.TB, k keeper.Keeper, ctx sdk.Context, id string, admin, member sdk.AccAddress, roles ...string) {
	t.Helper()
	memberStr := OfferTestMembership(t, k, ctx, id, admin, member, roles...)
	_, err := keeper.NewMsgServerImpl(k).AcceptMembership(ctx, &agencytypes.MsgAcceptMembership{
		Address: memberStr, AgencyId: id,
	})
	if err != nil {
		t.Fatalf("accept membership of %q: %v", id, err)
	}
}

// OfferTestMembership has admin offer membership of agency id to member through the real
// Msg service (MsgAddMember), with no expiry, and returns member's bech32 address. The
// offer is pending until member accepts it. It fails the test on any error.
func OfferTestMembership(t testing.TB, k keeper.Keeper, ctx sdk.Context, id string, admin, member sdk.AccAddress, roles ...string) string {
	t.Helper()
	ac := k.AddressCodec()
	adminStr, err := ac.BytesToString(admin)
	if err != nil {
		t.Fatal(err)
	}
	memberStr, err := ac.BytesToString(member)
	if err != nil {
		t.Fatal(err)
	}
	_, err = keeper.NewMsgServerImpl(k).AddMember(ctx, &agencytypes.MsgAddMember{
		Admin: adminStr, AgencyId: id, Address: memberStr, Roles: roles,
	})
	if err != nil {
		t.Fatalf("offer membership of %q: %v", id, err)
	}
	return memberStr
}

// SetTestAgencyStatus moves agency id to status through the real Msg service (governance).
func SetTestAgencyStatus(t testing.TB, k keeper.Keeper, ctx sdk.Context, id string, status agencytypes.AgencyStatus) {
	t.Helper()
	_, err := keeper.NewMsgServerImpl(k).SetAgencyStatus(ctx, &agencytypes.MsgSetAgencyStatus{
		Authority: k.GetAuthority(), AgencyId: id, Status: status, Reason: "test",
	})
	if err != nil {
		t.Fatalf("set status of %q: %v", id, err)
	}
}
