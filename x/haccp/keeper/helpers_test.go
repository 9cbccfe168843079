package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

// The fixture's agencies and members, registered through x/agency's real Msg service:
//
//	mfds  (food ministry)          certifier, inspector roles
//	        cert [certifier]  insp [inspector]
//	kfsi  (another certifier)      certifier
//	        cert2 [certifier]
//
// Facility accounts hold no agency role: op and op2 operate facilities, staff
// and staff2 are their staff, outsider is nobody.
var (
	cert     = acc("certifier")
	insp     = acc("inspector")
	cert2    = acc("certifier-2")
	op       = acc("operator")
	op2      = acc("operator-2")
	staff    = acc("staff")
	staff2   = acc("staff-2")
	outsider = acc("outsider")
)

type member struct {
	addr  sdk.AccAddress
	roles []string
}

var agencies = []struct {
	id      string
	roles   []string
	members []member
}{
	{"mfds", []string{types.RoleCertifier, types.RoleInspector}, []member{
		{cert, []string{types.RoleCertifier}},
		{insp, []string{types.RoleInspector}},
	}},
	{"kfsi", []string{types.RoleCertifier}, []member{
		{cert2, []string{types.RoleCertifier}},
	}},
}

// Digests used in the tests.
var (
	bizDigest    = strings.Repeat("a1", 32)
	logDigest    = strings.Repeat("b2", 32)
	reportDigest = strings.Repeat("c3", 32)
	actionDigest = strings.Repeat("d4", 32)
)

// T0 is the fixture's block time; day is 24 hours.
var (
	T0  = testkeeper.BlockTime
	day = 24 * time.Hour
)

func acc(name string) sdk.AccAddress {
	b := make([]byte, 20)
	copy(b, name)
	return b
}

func adminOf(id string) sdk.AccAddress { return acc("admin-" + id) }

type fixture struct {
	t   *testing.T
	ctx sdk.Context
	k   keeper.Keeper
	// agencyKeeper is x/agency's keeper on the same store, for arranging agencies.
	agencyKeeper agencykeeper.Keeper
	msg          types.MsgServer
	q            types.QueryServer
	// importerID is the first IMPORTER facility importerOf registered: the
	// consignee receiveMsg names (registered on first use).
	importerID uint64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	k, agencyKeeper, ctx := testkeeper.HaccpKeeper(t)
	for _, a := range agencies {
		testkeeper.RegisterTestAgency(t, agencyKeeper, ctx, a.id, adminOf(a.id), a.roles...)
		for _, m := range a.members {
			testkeeper.AddTestMember(t, agencyKeeper, ctx, a.id, adminOf(a.id), m.addr, m.roles...)
		}
	}
	return &fixture{t: t, ctx: ctx, k: k, agencyKeeper: agencyKeeper, msg: keeper.NewMsgServerImpl(k), q: keeper.NewQueryServerImpl(k)}
}

// s is an account's canonical bech32 string.
func (f *fixture) s(a sdk.AccAddress) string {
	str, err := f.k.AddressCodec().BytesToString(a)
	require.NoError(f.t, err)
	return str
}

// at moves the block time to t.
func (f *fixture) at(t time.Time) { f.ctx = f.ctx.WithBlockTime(t) }

// export is the module's genesis export: every record, the params and the
// sequences, but not the indexes (InitGenesis rebuilds them from the records).
func (f *fixture) export() *types.GenesisState {
	f.t.Helper()
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(f.t, err)
	return gs
}

// storeState is the genesis export plus every index (indexes() in
// genesis_test.go). Comparing it before and after a rejected message proves
// the message wrote nothing, index entries included.
type storeState struct {
	Export  *types.GenesisState
	Indexes indexes
}

func (f *fixture) storeState() storeState {
	f.t.Helper()
	return storeState{Export: f.export(), Indexes: f.indexes()}
}

// freshEvents gives the context a new event manager before an ACT.
func (f *fixture) freshEvents() {
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
}

// events are the typed events of this module emitted since freshEvents.
func (f *fixture) events() []proto.Message {
	f.t.Helper()
	return testkeeper.NewEventReader(f.t).Read(f.ctx, "civic.haccp.v1")
}

// requireOnlyEvent asserts the ACT emitted exactly one event of this module and
// that it equals want.
func (f *fixture) requireOnlyEvent(want proto.Message) {
	f.t.Helper()
	testkeeper.NewEventReader(f.t).RequireOnly(f.ctx, "civic.haccp.v1", want)
}

// facilityMsg is a valid MsgRegisterFacility by operator.
func (f *fixture) facilityMsg(operator sdk.AccAddress) *types.MsgRegisterFacility {
	return &types.MsgRegisterFacility{
		Operator:                   f.s(operator),
		BusinessRegistrationDigest: bizDigest,
		Type:                       types.FacilityTypeManufacturer,
		Name:                       "Hanbit Foods Icheon plant",
		RegionCode:                 "41500",
	}
}

// facility registers a facility of operator and returns its id.
func (f *fixture) facility(operator sdk.AccAddress) uint64 {
	f.t.Helper()
	res, err := f.msg.RegisterFacility(f.ctx, f.facilityMsg(operator))
	require.NoError(f.t, err)
	return res.Id
}

// addStaff adds member to a facility of op.
func (f *fixture) addStaff(operator sdk.AccAddress, facilityID uint64, member sdk.AccAddress) {
	f.t.Helper()
	_, err := f.msg.AddFacilityStaff(f.ctx, &types.MsgAddFacilityStaff{Operator: f.s(operator), FacilityId: facilityID, Staff: f.s(member)})
	require.NoError(f.t, err)
}

// issueMsg is a valid MsgIssueCertificate by cert, valid for a year from T0-1d.
func (f *fixture) issueMsg(certNo string, facilityID uint64) *types.MsgIssueCertificate {
	return &types.MsgIssueCertificate{
		Certifier:  f.s(cert),
		CertNo:     certNo,
		FacilityId: facilityID,
		Scope:      []string{"beverages", "confectionery"},
		ValidFrom:  T0.Add(-day),
		ValidUntil: T0.Add(365 * day),
	}
}

// certificate registers a facility of op and issues certificate certNo for it by cert.
func (f *fixture) certificate(certNo string) uint64 {
	f.t.Helper()
	id := f.facility(op)
	_, err := f.msg.IssueCertificate(f.ctx, f.issueMsg(certNo, id))
	require.NoError(f.t, err)
	return id
}

func (f *fixture) cert(certNo string) types.Certificate {
	f.t.Helper()
	c, err := f.k.Certificates.Get(f.ctx, certNo)
	require.NoError(f.t, err)
	return c
}

func (f *fixture) suspend(certNo string) {
	f.t.Helper()
	_, err := f.msg.SuspendCertificate(f.ctx, &types.MsgSuspendCertificate{Certifier: f.s(cert), CertNo: certNo, ReasonCode: "CCP_DEVIATION"})
	require.NoError(f.t, err)
}

func (f *fixture) reinstate(certNo string) {
	f.t.Helper()
	_, err := f.msg.ReinstateCertificate(f.ctx, &types.MsgReinstateCertificate{Certifier: f.s(cert), CertNo: certNo, ReasonCode: "CORRECTED"})
	require.NoError(f.t, err)
}

func (f *fixture) revoke(certNo string) {
	f.t.Helper()
	_, err := f.msg.RevokeCertificate(f.ctx, &types.MsgRevokeCertificate{Certifier: f.s(cert), CertNo: certNo, ReasonCode: "FRAUD"})
	require.NoError(f.t, err)
}

// renewMsg is a valid MsgRenewCertificate by cert: [from, from+2y).
func (f *fixture) renewMsg(certNo string, from time.Time) *types.MsgRenewCertificate {
	return &types.MsgRenewCertificate{
		Certifier:  f.s(cert),
		CertNo:     certNo,
		Scope:      []string{"beverages", "confectionery", "dairy"},
		ValidFrom:  from,
		ValidUntil: from.Add(2 * 365 * day),
	}
}

// anchorMsg is a valid MsgAnchorCcpRecord by signer for the day before the block time.
func (f *fixture) anchorMsg(signer sdk.AccAddress, facilityID uint64, deviation bool) *types.MsgAnchorCcpRecord {
	now := f.ctx.BlockTime()
	return &types.MsgAnchorCcpRecord{
		Signer:      f.s(signer),
		FacilityId:  facilityID,
		CcpCode:     "CCP-1B",
		PeriodStart: now.Add(-day),
		PeriodEnd:   now,
		LogDigest:   logDigest,
		Deviation:   deviation,
	}
}

func (f *fixture) anchor(signer sdk.AccAddress, facilityID uint64, deviation bool) uint64 {
	f.t.Helper()
	res, err := f.msg.AnchorCcpRecord(f.ctx, f.anchorMsg(signer, facilityID, deviation))
	require.NoError(f.t, err)
	return res.Id
}

// rejection is one rejected-message case: arrange builds state and returns
// the ACT; the test asserts the registered error and that the store did not change.
type rejection struct {
	name    string
	arrange func(f *fixture) func() error
	want    error
}

func runRejections(t *testing.T, cases []rejection) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			testkeeper.RequireRejected(t, tc.want, &f.ctx, f.storeState, tc.arrange(f))
		})
	}
}
