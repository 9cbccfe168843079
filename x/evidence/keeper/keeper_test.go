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
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

// The fixture's agencies and members, registered through x/agency's real Msg service:
//
//	knpa  (police)            investigator, custodian, analyst, auditor roles
//	        inv [investigator]  cust, custB [custodian]  ana [analyst]
//	smpa  (another police)    investigator, custodian
//	        inv2 [investigator] cust2 [custodian]
//	nfs   (forensic service)  analyst, custodian
//	        nfsAna, nfsAna2 [analyst]  nfsCust [custodian]
//	spo   (prosecution)       prosecutor
//	        pros [prosecutor]
//	bai   (audit board)       auditor
//	        aud [auditor]
//	outsider: no agency
var (
	inv      = acc("investigator")
	cust     = acc("custodian")
	custB    = acc("custodian-b")
	ana      = acc("analyst")
	inv2     = acc("investigator-2")
	cust2    = acc("custodian-2")
	nfsAna   = acc("nfs-analyst")
	nfsAna2  = acc("nfs-analyst-2")
	nfsCust  = acc("nfs-custodian")
	pros     = acc("prosecutor")
	aud      = acc("auditor")
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
	{"knpa", []string{types.RoleInvestigator, types.RoleCustodian, types.RoleAnalyst, types.RoleAuditor}, []member{
		{inv, []string{types.RoleInvestigator}},
		{cust, []string{types.RoleCustodian}},
		{custB, []string{types.RoleCustodian}},
		{ana, []string{types.RoleAnalyst}},
	}},
	{"smpa", []string{types.RoleInvestigator, types.RoleCustodian}, []member{
		{inv2, []string{types.RoleInvestigator}},
		{cust2, []string{types.RoleCustodian}},
	}},
	{"nfs", []string{types.RoleAnalyst, types.RoleCustodian}, []member{
		{nfsAna, []string{types.RoleAnalyst}},
		{nfsAna2, []string{types.RoleAnalyst}},
		{nfsCust, []string{types.RoleCustodian}},
	}},
	{"spo", []string{types.RoleProsecutor}, []member{{pros, []string{types.RoleProsecutor}}}},
	{"bai", []string{types.RoleAuditor}, []member{{aud, []string{types.RoleAuditor}}}},
}

// Digests used in the tests (SHA-256 of "payload", "copy", "report", ...).
var (
	digestA   = strings.Repeat("a1", 32)
	digestB   = strings.Repeat("b2", 32)
	reportDig = strings.Repeat("c3", 32)
	courtDig  = strings.Repeat("d4", 32)
	noteDig   = strings.Repeat("e5", 32)
	caseRef1  = strings.Repeat("01", 32)
	caseRef2  = strings.Repeat("02", 32)
)

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
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	k, agencyKeeper, ctx := testkeeper.EvidenceKeeper(t)
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

// export is the whole module state; comparing it before and after a rejected
// message proves the message wrote nothing.
func (f *fixture) export() *types.GenesisState {
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(f.t, err)
	return gs
}

// freshEvents gives the context a new event manager before an ACT.
func (f *fixture) freshEvents() {
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
}

// requireOnlyEvent asserts the ACT emitted exactly one event of this module and
// that it equals want.
func (f *fixture) requireOnlyEvent(want proto.Message) {
	f.t.Helper()
	testkeeper.NewEventReader(f.t).RequireOnly(f.ctx, "civic.evidence.v1", want)
}

// suspend moves an agency to SUSPENDED by governance.
func (f *fixture) suspend(agencyID string) {
	testkeeper.SetTestAgencyStatus(f.t, f.agencyKeeper, f.ctx, agencyID, agencytypes.AgencyStatusSuspended)
}

// expire gives a member an expiry one hour ahead and moves the block time two hours on.
func (f *fixture) expire(addr sdk.AccAddress) {
	f.t.Helper()
	for _, a := range agencies {
		for _, m := range a.members {
			if !m.addr.Equals(addr) {
				continue
			}
			at := f.ctx.BlockTime().Add(time.Hour)
			_, err := agencykeeper.NewMsgServerImpl(f.agencyKeeper).SetMemberRoles(f.ctx, &agencytypes.MsgSetMemberRoles{
				Admin: f.s(adminOf(a.id)), AgencyId: a.id, Address: f.s(addr), Roles: m.roles, ExpiresAt: &at,
			})
			require.NoError(f.t, err)
			f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(2 * time.Hour))
			return
		}
	}
	f.t.Fatalf("no member %s", addr)
}

func (f *fixture) openCase(by sdk.AccAddress, ref string) uint64 {
	f.t.Helper()
	res, err := f.msg.OpenCase(f.ctx, &types.MsgOpenCase{Investigator: f.s(by), ReferenceDigest: ref})
	require.NoError(f.t, err)
	return res.CaseId
}

// registerMsg is a valid MsgRegisterEvidence by inv into caseID.
func (f *fixture) registerMsg(caseID uint64, exhibit string) *types.MsgRegisterEvidence {
	return &types.MsgRegisterEvidence{
		Investigator:  f.s(inv),
		CaseId:        caseID,
		ExhibitNumber: exhibit,
		Digest:        digestA,
		SizeBytes:     512_110_190_592,
		MediaType:     "application/octet-stream",
		Locator:       "s3://npa-evidence/2026/1/" + exhibit + ".dd",
		Acquisition: types.Acquisition{
			Method:      types.AcquisitionMethodForensicImage,
			Tool:        "ftk-imager",
			ToolVersion: "4.7.1",
			AcquiredAt:  testkeeper.BlockTime.Add(-24 * time.Hour),
		},
	}
}

func (f *fixture) register(msg *types.MsgRegisterEvidence) uint64 {
	f.t.Helper()
	res, err := f.msg.RegisterEvidence(f.ctx, msg)
	require.NoError(f.t, err)
	return res.EvidenceId
}

func (f *fixture) item(id uint64) types.EvidenceItem {
	f.t.Helper()
	it, err := f.k.Items.Get(f.ctx, id)
	require.NoError(f.t, err)
	return it
}

// path is the canonical route through the lifecycle that itemIn follows. The
// item is registered by knpa, kept by knpa's custodian, analysed at nfs,
// judged, archived at nfs.
func (f *fixture) path(id uint64, decision types.CourtDecision, end types.EvidenceStatus) []func() error {
	ev := id
	return []func() error{
		func() error {
			_, err := f.msg.TakeCustody(f.ctx, &types.MsgTakeCustody{Custodian: f.s(cust), EvidenceId: ev})
			return err
		},
		func() error {
			_, err := f.msg.ProposeTransfer(f.ctx, &types.MsgProposeTransfer{Custodian: f.s(cust), EvidenceId: ev, Receiver: f.s(nfsAna)})
			return err
		},
		func() error {
			_, err := f.msg.AcceptTransfer(f.ctx, &types.MsgAcceptTransfer{Receiver: f.s(nfsAna), EvidenceId: ev})
			return err
		},
		func() error {
			_, err := f.msg.StartAnalysis(f.ctx, &types.MsgStartAnalysis{Analyst: f.s(nfsAna), EvidenceId: ev})
			return err
		},
		func() error {
			_, err := f.msg.CompleteAnalysis(f.ctx, &types.MsgCompleteAnalysis{Analyst: f.s(nfsAna), EvidenceId: ev, ReportDigest: reportDig})
			return err
		},
		func() error {
			_, err := f.msg.SubmitToCourt(f.ctx, &types.MsgSubmitToCourt{Prosecutor: f.s(pros), EvidenceId: ev, CourtRefDigest: courtDig})
			return err
		},
		func() error {
			_, err := f.msg.RecordCourtDecision(f.ctx, &types.MsgRecordCourtDecision{Prosecutor: f.s(pros), EvidenceId: ev, Decision: decision})
			return err
		},
		func() error {
			_, err := f.msg.Archive(f.ctx, &types.MsgArchive{Custodian: f.s(nfsCust), EvidenceId: ev})
			return err
		},
		func() error {
			if end == types.EvidenceStatusReturned {
				_, err := f.msg.Return(f.ctx, &types.MsgReturn{Custodian: f.s(nfsCust), EvidenceId: ev})
				return err
			}
			_, err := f.msg.Dispose(f.ctx, &types.MsgDispose{Custodian: f.s(nfsCust), EvidenceId: ev})
			return err
		},
	}
}

// itemIn registers a new item (in a new case) and drives it along path until
// it first reaches status. It returns the evidence id.
func (f *fixture) itemIn(status types.EvidenceStatus) uint64 {
	f.t.Helper()
	caseID := f.openCase(inv, digestOf(f.nextRef()))
	id := f.register(f.registerMsg(caseID, "E-001"))
	decision := types.CourtDecisionAdmitted
	if status == types.EvidenceStatusExcluded {
		decision = types.CourtDecisionExcluded
	}
	for _, step := range f.path(id, decision, status) {
		if f.item(id).Status == status {
			return id
		}
		require.NoError(f.t, step())
	}
	require.Equal(f.t, status, f.item(id).Status)
	return id
}

var refCounter int

func (f *fixture) nextRef() int { refCounter++; return refCounter }

// digestOf is a deterministic 64-hex digest for a number.
func digestOf(n int) string {
	const hex = "0123456789abcdef"
	b := []byte(strings.Repeat("f", 64))
	for i := 63; n > 0 && i >= 0; i-- {
		b[i] = hex[n%16]
		n /= 16
	}
	return string(b)
}

// rejection is one rejected-message case: arrange builds state and returns
// the ACT; the test asserts the error and that the store did not change.
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
			testkeeper.RequireRejected(t, tc.want, &f.ctx, f.export, tc.arrange(f))
		})
	}
}

// moveTo hands an IN_CUSTODY item of cust to receiver (propose + accept).
func (f *fixture) moveTo(id uint64, receiver sdk.AccAddress) {
	f.t.Helper()
	_, err := f.msg.ProposeTransfer(f.ctx, &types.MsgProposeTransfer{Custodian: f.s(cust), EvidenceId: id, Receiver: f.s(receiver)})
	require.NoError(f.t, err)
	_, err = f.msg.AcceptTransfer(f.ctx, &types.MsgAcceptTransfer{Receiver: f.s(receiver), EvidenceId: id})
	require.NoError(f.t, err)
}

// lastSeq is the seq of the item's last custody entry.
func (f *fixture) lastSeq(id uint64) uint64 {
	f.t.Helper()
	var last uint64
	err := f.k.CustodyLog.Walk(f.ctx, collections.NewPrefixedPairRange[uint64, uint64](id), func(k collections.Pair[uint64, uint64], _ types.CustodyEvent) (bool, error) {
		last = k.K2()
		return false, nil
	})
	require.NoError(f.t, err)
	return last
}

// pendingFor lists the ids of the open transfers addressed to receiver, as the
// PendingTransfers query (served by the transfers' receiver index) answers.
func (f *fixture) pendingFor(receiver sdk.AccAddress) []uint64 {
	f.t.Helper()
	res, err := f.q.PendingTransfers(f.ctx, &types.QueryPendingTransfersRequest{Receiver: f.s(receiver)})
	require.NoError(f.t, err)
	return testkeeper.Pluck(res.Transfers, func(t types.Transfer) uint64 { return t.EvidenceId })
}

// withDigest lists the ids of the items with digest d, as the EvidenceByDigest
// query (served by the items' digest index) answers.
func (f *fixture) withDigest(d string) []uint64 {
	f.t.Helper()
	res, err := f.q.EvidenceByDigest(f.ctx, &types.QueryEvidenceByDigestRequest{Digest: d})
	require.NoError(f.t, err)
	return testkeeper.Pluck(res.Evidence, func(it types.EvidenceItem) uint64 { return it.Id })
}
