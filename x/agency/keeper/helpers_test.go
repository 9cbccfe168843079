package keeper_test

import (
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

const (
	roleInvestigator = "evidence.investigator"
	roleCustodian    = "evidence.custodian"
	roleCertifier    = "haccp.certifier"
	roleOperator     = "water.operator"
)

// catalog is the role catalog of every test keeper.
var catalog = []types.RoleDefinition{
	{Name: roleInvestigator, Module: "digitalevidence", Description: "opens cases and registers evidence"},
	{Name: roleCustodian, Module: "digitalevidence", Description: "records custody transfers"},
	{Name: roleCertifier, Module: "haccp", Description: "certifies food-safety inspections"},
	{Name: roleOperator, Module: "water", Description: "reports water quality readings"},
}

type fixture struct {
	t         *testing.T
	k         keeper.Keeper
	ctx       sdk.Context
	ms        types.MsgServer
	qs        types.QueryServer
	authority string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	k, ctx := testkeeper.AgencyKeeper(t, catalog...)
	return &fixture{t: t, k: k, ctx: ctx, ms: keeper.NewMsgServerImpl(k), qs: keeper.NewQueryServerImpl(k), authority: k.GetAuthority()}
}

// addr returns a deterministic 20-byte test address.
func addr(i byte) sdk.AccAddress {
	b := make([]byte, 20)
	for j := range b {
		b[j] = i
	}
	return b
}

func (f *fixture) str(a sdk.AccAddress) string {
	s, err := f.k.AddressCodec().BytesToString(a)
	require.NoError(f.t, err)
	return s
}

// register registers an agency signed by the authority.
func (f *fixture) register(id string, admin sdk.AccAddress, roles ...string) {
	f.t.Helper()
	testkeeper.RegisterTestAgency(f.t, f.k, f.ctx, id, admin, roles...)
}

// offer has admin offer membership to member (MsgAddMember).
func (f *fixture) offer(id string, admin, member sdk.AccAddress, expiresAt *time.Time, roles ...string) {
	f.t.Helper()
	_, err := f.ms.AddMember(f.ctx, &types.MsgAddMember{
		Admin: f.str(admin), AgencyId: id, Address: f.str(member), Roles: roles, ExpiresAt: expiresAt,
	})
	require.NoError(f.t, err)
}

// accept has member accept the membership offer of agency id.
func (f *fixture) accept(id string, member sdk.AccAddress) error {
	return f.acceptAs(f.str(member), id)
}

// acceptAs sends MsgAcceptMembership with the address field as given.
func (f *fixture) acceptAs(address, id string) error {
	_, err := f.ms.AcceptMembership(f.ctx, &types.MsgAcceptMembership{Address: address, AgencyId: id})
	return err
}

// addMember makes member a member: admin offers, member accepts.
func (f *fixture) addMember(id string, admin, member sdk.AccAddress, expiresAt *time.Time, roles ...string) {
	f.t.Helper()
	f.offer(id, admin, member, expiresAt, roles...)
	require.NoError(f.t, f.accept(id, member))
}

// transferAdmin hands agency id from admin to newAdmin: admin offers, newAdmin accepts.
func (f *fixture) transferAdmin(id string, admin, newAdmin sdk.AccAddress) {
	f.t.Helper()
	_, err := f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(admin), AgencyId: id, NewAdmin: f.str(newAdmin)})
	require.NoError(f.t, err)
	_, err = f.ms.AcceptAdmin(f.ctx, &types.MsgAcceptAdmin{NewAdmin: f.str(newAdmin), AgencyId: id})
	require.NoError(f.t, err)
}

func (f *fixture) setStatus(id string, s types.AgencyStatus) {
	f.t.Helper()
	testkeeper.SetTestAgencyStatus(f.t, f.k, f.ctx, id, s)
}

// export returns the whole module state as a genesis state.
func (f *fixture) export() *types.GenesisState {
	f.t.Helper()
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(f.t, err)
	return gs
}

// freshEvents gives the context a new event manager, so only the next call's events are seen.
func (f *fixture) freshEvents() {
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
}

// onlyEvent asserts that exactly one typed event was emitted since freshEvents and returns it.
func onlyEvent[T proto.Message](t *testing.T, ctx sdk.Context) T {
	t.Helper()
	evs := ctx.EventManager().Events()
	require.Len(t, evs, 1, "want exactly one event, got %v", evs)
	msg, err := sdk.ParseTypedEvent(abci.Event(evs[0]))
	require.NoError(t, err)
	ev, ok := msg.(T)
	require.True(t, ok, "event is %T", msg)
	return ev
}

// rejection is a message that must fail with err and leave the store as it was.
type rejection struct {
	name string
	run  func(f *fixture) error
	err  error
	// contains, when set, must appear in the error text.
	contains []string
}

func runRejections(t *testing.T, setup func(f *fixture), cases []rejection) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			setup(f)
			before := f.export()
			f.freshEvents()
			// ACT
			err := tc.run(f)
			// ASSERT
			require.ErrorIs(t, err, tc.err)
			for _, s := range tc.contains {
				require.Contains(t, err.Error(), s)
			}
			require.Equal(t, before, f.export(), "a rejected message must leave the store unchanged")
			require.Empty(t, f.ctx.EventManager().Events(), "a rejected message must emit no event")
		})
	}
}

func ptime(t time.Time) *time.Time { return &t }

// maxMembers returns the default params with max_members_per_agency = n.
func maxMembers(n uint32) types.Params {
	p := types.DefaultParams()
	p.MaxMembersPerAgency = n
	return p
}

// upper is a bech32 address spelled in upper case: it decodes to the same bytes.
func upper(s string) string { return strings.ToUpper(s) }
