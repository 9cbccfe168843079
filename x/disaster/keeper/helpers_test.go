package keeper_test

import (
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/disaster/keeper"
	"github.com/civicchain/civic/x/disaster/types"
)

// The fixture's agencies and members, registered through x/agency's real Msg service:
//
//	busan-safety      (Busan disaster and safety office)  disaster.coordinator
//	                    coord, coordB [coordinator]  clerk [no role]
//	gyeongnam-safety  (another province's office)         disaster.coordinator
//	                    coord2 [coordinator]
//	outsider: no agency
var (
	coord    = acc("coordinator")
	coordB   = acc("coordinator-b")
	clerk    = acc("clerk")
	coord2   = acc("coordinator-2")
	outsider = acc("outsider")
)

const (
	busan     = "busan-safety"
	gyeongnam = "gyeongnam-safety"
)

type member struct {
	addr  sdk.AccAddress
	roles []string
}

var agencies = []struct {
	id      string
	members []member
}{
	{busan, []member{
		{coord, []string{types.RoleCoordinator}},
		{coordB, []string{types.RoleCoordinator}},
		{clerk, nil},
	}},
	{gyeongnam, []member{{coord2, []string{types.RoleCoordinator}}}},
}

// District codes: Busan's Jung-gu, Busanjin-gu, Dongnae-gu, Haeundae-gu, and
// Gyeongnam's Changwon Uichang-gu.
const (
	jung     = "26110"
	busanjin = "26230"
	dongnae  = "26260"
	haeundae = "26350"
	uichang  = "48121"
)

// Digests used in the tests.
var (
	descDigest   = strings.Repeat("a1", 32)
	descDigest2  = strings.Repeat("a2", 32)
	reasonDigest = strings.Repeat("b2", 32)
	castDigest   = strings.Repeat("c3", 32)
	castDigest2  = strings.Repeat("c4", 32)
)

// T0 is the fixture's block time.
var T0 = testkeeper.BlockTime

func acc(name string) sdk.AccAddress {
	b := make([]byte, 20)
	copy(b, name)
	return b
}

func adminOf(id string) sdk.AccAddress { return acc("admin-" + id) }

type fixture struct {
	t            *testing.T
	ctx          sdk.Context
	k            keeper.Keeper
	agencyKeeper agencykeeper.Keeper
	msg          types.MsgServer
	q            types.QueryServer
	events       testkeeper.EventReader
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	k, agencyKeeper, ctx := testkeeper.DisasterKeeper(t)
	for _, a := range agencies {
		testkeeper.RegisterTestAgency(t, agencyKeeper, ctx, a.id, adminOf(a.id), types.RoleCoordinator)
		for _, m := range a.members {
			testkeeper.AddTestMember(t, agencyKeeper, ctx, a.id, adminOf(a.id), m.addr, m.roles...)
		}
	}
	return &fixture{
		t: t, ctx: ctx, k: k, agencyKeeper: agencyKeeper,
		msg: keeper.NewMsgServerImpl(k), q: keeper.NewQueryServerImpl(k),
		events: testkeeper.NewEventReader(t),
	}
}

// s is an account's canonical bech32 string.
func (f *fixture) s(a sdk.AccAddress) string {
	str, err := f.k.AddressCodec().BytesToString(a)
	require.NoError(f.t, err)
	return str
}

// gov is the x/gov authority's bech32 string.
func (f *fixture) gov() string { return f.k.GetAuthority() }

// at moves the block time to t.
func (f *fixture) at(t time.Time) { f.ctx = f.ctx.WithBlockTime(t) }

// fresh empties the event manager, so that events read only what follows.
func (f *fixture) fresh() { f.ctx = f.events.Fresh(f.ctx) }

// only asserts that exactly one disaster event, want, was emitted since fresh.
func (f *fixture) only(want proto.Message) {
	f.t.Helper()
	f.events.RequireOnly(f.ctx, "civic.disaster.v1", want)
}

// state is everything the module stores: the exported records, params and
// sequences, and every index entry. A rejected message leaves it unchanged.
type state struct {
	Genesis           *types.GenesisState
	ByStatus          []collections.Pair[types.IncidentStatus, uint64]
	ByDistrict        []collections.Pair[string, uint64]
	ByDistrictStatus  []collections.Pair[keeper.DistrictStatus, uint64]
	ByDescription     []collections.KeyValue[collections.Pair[string, string], uint64]
	AlertsByIncident  []collections.Pair[uint64, uint64]
	AlertsByDistrict  []collections.Pair[string, uint64]
	AlertsByBroadcast []collections.KeyValue[collections.Pair[uint64, string], uint64]
}

func (f *fixture) state() state {
	f.t.Helper()
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(f.t, err)
	inc, al := f.k.Incidents.Indexes, f.k.Alerts.Indexes
	return state{
		Genesis:           gs,
		ByStatus:          testkeeper.KeysOf(f.t, f.ctx, inc.Status),
		ByDistrict:        testkeeper.KeysOf(f.t, f.ctx, inc.District),
		ByDistrictStatus:  testkeeper.KeysOf(f.t, f.ctx, inc.DistrictStatus),
		ByDescription:     testkeeper.EntriesOf(f.t, f.ctx, inc.Description),
		AlertsByIncident:  testkeeper.KeysOf(f.t, f.ctx, al.Incident),
		AlertsByDistrict:  testkeeper.KeysOf(f.t, f.ctx, al.District),
		AlertsByBroadcast: testkeeper.EntriesOf(f.t, f.ctx, al.Broadcast),
	}
}

// rejected asserts act fails with want, writes nothing and emits no event.
func (f *fixture) rejected(want error, act func() error) {
	f.t.Helper()
	testkeeper.RequireRejected(f.t, want, &f.ctx, f.state, act)
}

// declareMsg is a valid declaration by coord: a FLOOD in Busanjin-gu and
// Dongnae-gu at CAUTION.
func (f *fixture) declareMsg() *types.MsgDeclareIncident {
	return &types.MsgDeclareIncident{
		Coordinator:       f.s(coord),
		Type:              types.IncidentTypeFlood,
		AffectedDistricts: []string{dongnae, busanjin},
		Severity:          types.SeverityCaution,
		DescriptionDigest: descDigest,
	}
}

// declare runs msg (edited by edit) and returns the new incident id.
func (f *fixture) declare(edit func(*types.MsgDeclareIncident)) uint64 {
	f.t.Helper()
	msg := f.declareMsg()
	if edit != nil {
		edit(msg)
	}
	resp, err := f.msg.DeclareIncident(f.ctx, msg)
	require.NoError(f.t, err)
	return resp.IncidentId
}

func (f *fixture) updateMsg(id uint64) *types.MsgUpdateIncident {
	return &types.MsgUpdateIncident{
		Coordinator: f.s(coord), IncidentId: id, Severity: types.SeverityAlert, ReasonDigest: reasonDigest,
	}
}

func (f *fixture) setStatus(id uint64, signer string, to types.IncidentStatus) error {
	_, err := f.msg.SetIncidentStatus(f.ctx, &types.MsgSetIncidentStatus{Signer: signer, IncidentId: id, Status: to})
	return err
}

// alertMsg is a valid public alert by coord for incident id: Busanjin-gu at CAUTION.
func (f *fixture) alertMsg(id uint64) *types.MsgIssuePublicAlert {
	return &types.MsgIssuePublicAlert{
		Coordinator: f.s(coord), IncidentId: id, Districts: []string{busanjin},
		Level: types.SeverityCaution, MessageCode: "FLOOD_EVACUATE", BroadcastDigest: castDigest,
	}
}

func (f *fixture) incident(id uint64) types.Incident {
	f.t.Helper()
	inc, err := f.k.GetIncident(f.ctx, id)
	require.NoError(f.t, err)
	return inc
}

func (f *fixture) setParams(edit func(*types.Params)) {
	f.t.Helper()
	p := types.DefaultParams()
	edit(&p)
	require.NoError(f.t, f.k.Params.Set(f.ctx, p))
}
