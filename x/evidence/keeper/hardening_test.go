package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/types"
)

// The hardening of issue 11 (members who leave, personal data, log flooding):
// each test tries the attack (or the stuck state) and asserts the refusal, that
// nothing was written, and the new way out.

// removeMember removes addr from agencyID through x/agency's Msg service, as
// its admin would when the member leaves.
func (f *fixture) removeMember(agencyID string, addr sdk.AccAddress) {
	f.t.Helper()
	_, err := agencykeeper.NewMsgServerImpl(f.agencyKeeper).RemoveMember(f.ctx, &agencytypes.MsgRemoveMember{
		Admin: f.s(adminOf(agencyID)), AgencyId: agencyID, Address: f.s(addr),
	})
	require.NoError(f.t, err)
}

func (f *fixture) cancelTransfer(by sdk.AccAddress, id uint64) error {
	_, err := f.msg.CancelTransfer(f.ctx, &types.MsgCancelTransfer{Proposer: f.s(by), EvidenceId: id})
	return err
}

// TestFinding14PendingTransferCancellableAfterProposerLeaves: cust proposes a
// transfer and leaves knpa. Before the fix nobody could cancel it; now another
// custodian of knpa, or knpa's admin, can — and nobody outside knpa can.
func TestFinding14PendingTransferCancellableAfterProposerLeaves(t *testing.T) {
	arrange := func(t *testing.T) (*fixture, uint64) {
		f := newFixture(t)
		id := f.itemIn(types.EvidenceStatusTransferPending) // proposed by cust to nfsAna
		f.removeMember("knpa", cust)
		return f, id
	}

	// ATTACK side: the departed proposer, a custodian of another agency, the
	// receiver and another agency's admin cannot cancel; nothing is written.
	for _, tc := range []struct {
		name string
		by   sdk.AccAddress
		want error
	}{
		{"the departed proposer", cust, agencytypes.ErrNotMember},
		{"a custodian of another agency", cust2, types.ErrWrongAgency},
		{"the receiver", nfsAna, agencytypes.ErrRoleNotHeld},
		{"the admin of another agency", adminOf("smpa"), agencytypes.ErrNotMember},
	} {
		t.Run("refused: "+tc.name, func(t *testing.T) {
			f, id := arrange(t)
			before := f.export()
			f.freshEvents()
			require.ErrorIs(t, f.cancelTransfer(tc.by, id), tc.want)
			require.Equal(t, before, f.export())
			require.Empty(t, f.ctx.EventManager().Events())
		})
	}

	// The way out: another custodian of knpa, or knpa's admin.
	for name, by := range map[string]sdk.AccAddress{"another custodian": custB, "the agency admin": adminOf("knpa")} {
		t.Run("cancelled by "+name, func(t *testing.T) {
			f, id := arrange(t)
			f.freshEvents()
			require.NoError(t, f.cancelTransfer(by, id))
			it := f.item(id)
			require.Equal(t, types.EvidenceStatusInCustody, it.Status)
			_, err := f.k.Transfers.Get(f.ctx, id)
			require.Error(t, err, "the transfer is closed")
			f.requireOnlyEvent(&types.EventTransferCancelled{EvidenceId: id, Seq: 4, Actor: f.s(by), AgencyId: "knpa", Receiver: f.s(nfsAna)})
		})
	}
}

// TestFinding14CustodyReclaimedAfterCustodianLeaves is the same class ("keys
// outlive their holder") for the item itself: an IN_CUSTODY item whose
// custodian left could not be transferred, analysed or archived by anyone. A
// custodian of the custodian agency now reclaims it (status unchanged); while
// the custodian is still a member, reclaiming is refused (a hand-over between
// present members is a transfer).
func TestFinding14CustodyReclaimedAfterCustodianLeaves(t *testing.T) {
	take := func(f *fixture, by sdk.AccAddress, id uint64) error {
		_, err := f.msg.TakeCustody(f.ctx, &types.MsgTakeCustody{Custodian: f.s(by), EvidenceId: id})
		return err
	}
	runRejections(t, []rejection{
		{"custodian still a member", func(f *fixture) func() error {
			id := f.itemIn(types.EvidenceStatusInCustody)
			return func() error { return take(f, custB, id) }
		}, types.ErrCustodianActive},
		{"a custodian of another agency", func(f *fixture) func() error {
			id := f.itemIn(types.EvidenceStatusInCustody)
			f.removeMember("knpa", cust)
			return func() error { return take(f, cust2, id) }
		}, types.ErrWrongAgency},
		{"IN_ANALYSIS needs an analyst", func(f *fixture) func() error {
			id := f.itemIn(types.EvidenceStatusInAnalysis) // held by nfsAna
			f.removeMember("nfs", nfsAna)
			return func() error { return take(f, nfsCust, id) }
		}, agencytypes.ErrRoleNotHeld},
	})

	// The way out, IN_CUSTODY: custB reclaims and can hand the item on.
	f := newFixture(t)
	id := f.itemIn(types.EvidenceStatusInCustody)
	f.removeMember("knpa", cust)
	f.freshEvents()
	require.NoError(t, take(f, custB, id))
	it := f.item(id)
	require.Equal(t, types.EvidenceStatusInCustody, it.Status)
	require.Equal(t, f.s(custB), it.Custodian)
	f.requireOnlyEvent(&types.EventCustodyTaken{EvidenceId: id, Seq: 3, Actor: f.s(custB), AgencyId: "knpa", PreviousCustodian: f.s(cust), Reclaimed: true})
	entry, err := f.k.CustodyLog.Get(f.ctx, collections.Join(id, uint64(3)))
	require.NoError(t, err)
	require.Equal(t, types.CustodyActionCustodyReclaimed, entry.Action)
	_, err = f.msg.ProposeTransfer(f.ctx, &types.MsgProposeTransfer{Custodian: f.s(custB), EvidenceId: id, Receiver: f.s(nfsAna)})
	require.NoError(t, err)
	gs := f.export()
	require.NoError(t, gs.Validate(), "a reclaim is a state genesis accepts")

	// IN_ANALYSIS: another analyst of the lab reclaims and completes the analysis.
	f = newFixture(t)
	id = f.itemIn(types.EvidenceStatusInAnalysis)
	f.removeMember("nfs", nfsAna)
	require.NoError(t, take(f, nfsAna2, id))
	_, err = f.msg.CompleteAnalysis(f.ctx, &types.MsgCompleteAnalysis{Analyst: f.s(nfsAna2), EvidenceId: id, ReportDigest: reportDig})
	require.NoError(t, err)
	require.Equal(t, types.EvidenceStatusAnalyzed, f.item(id).Status)
}

// TestFinding15LocatorAndToolRefusePersonalData: a suspect's name, resident
// registration number, phone number or e-mail cannot be written into the
// locator, the acquisition tool or its version, or the exhibit number.
func TestFinding15LocatorAndToolRefusePersonalData(t *testing.T) {
	register := func(edit func(*types.MsgRegisterEvidence)) func(f *fixture) func() error {
		return func(f *fixture) func() error {
			msg := f.registerMsg(f.openCase(inv, caseRef1), "E-001")
			edit(msg)
			return func() error { _, err := f.msg.RegisterEvidence(f.ctx, msg); return err }
		}
	}
	locator := func(s string) func(*types.MsgRegisterEvidence) {
		return func(m *types.MsgRegisterEvidence) { m.Locator = s }
	}
	tool := func(s, v string) func(*types.MsgRegisterEvidence) {
		return func(m *types.MsgRegisterEvidence) { m.Acquisition.Tool, m.Acquisition.ToolVersion = s, v }
	}
	runRejections(t, []rejection{
		{"locator with a name in the query", register(locator("s3://npa/e-001.dd?suspect=HongGildong")), types.ErrInvalidLocator},
		{"locator with user information", register(locator("https://hong:secret@store.police.go.kr/e-001.dd")), types.ErrInvalidLocator},
		{"locator with a resident registration number", register(locator("s3://npa/900101-1234567.dd")), types.ErrInvalidLocator},
		{"locator with a phone number", register(locator("s3://npa/010-1234-5678/e-001.dd")), types.ErrInvalidLocator},
		{"locator with a percent-encoded Hangul name", register(locator("s3://npa/%ED%99%8D%EA%B8%B8%EB%8F%99.dd")), types.ErrInvalidLocator},
		{"locator with spaces", register(locator("s3://npa/Hong Gildong.dd")), types.ErrInvalidLocator},
		{"locator of a scheme outside the list", register(locator("mailto:hong@example.kr")), types.ErrInvalidLocator},
		{"locator as a free urn", register(locator("urn:suspect:hong-gildong")), types.ErrInvalidLocator},
		{"tool as a sentence", register(tool("seized from Hong Gildong", "")), types.ErrInvalidAcquisition},
		{"tool with an e-mail", register(tool("hong@example.kr", "")), types.ErrInvalidAcquisition},
		{"tool with a phone number", register(tool("ftk-010-1234-5678", "")), types.ErrInvalidAcquisition},
		{"tool in Hangul", register(tool("홍길동", "")), types.ErrInvalidAcquisition},
		{"version with a resident registration number", register(tool("ftk-imager", "900101-1234567")), types.ErrInvalidAcquisition},
		{"version as a phone number", register(tool("ftk-imager", "010.1234.5678")), types.ErrInvalidAcquisition},
		{"exhibit number as a phone number", register(func(m *types.MsgRegisterEvidence) { m.ExhibitNumber = "010-1234-5678" }), types.ErrInvalidExhibitNumber},
	})

	// What the fields are for still passes.
	f := newFixture(t)
	caseID := f.openCase(inv, caseRef1)
	for i, loc := range []string{
		"s3://npa-evidence/2026/17/e-001.dd",
		"https://store.police.go.kr:8443/cases/2026-17/E-002.E01",
		"urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
		"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
	} {
		msg := f.registerMsg(caseID, "E-10"+string(rune('0'+i)))
		msg.Locator = loc
		msg.Acquisition.Tool, msg.Acquisition.ToolVersion = "cellebrite-ufed", "7.69.0-beta1"
		f.register(msg)
	}
}

// TestSuspectedIntegrityMismatchFloodBounded: any holder of an evidence role
// could append INTEGRITY_MISMATCH entries to any item without end. The same
// mismatch is now recorded once, and an item's log holds at most
// max_integrity_checks_per_item checks.
func TestSuspectedIntegrityMismatchFloodBounded(t *testing.T) {
	verify := func(f *fixture, id uint64, digest string) error {
		_, err := f.msg.VerifyIntegrity(f.ctx, &types.MsgVerifyIntegrity{Verifier: f.s(aud), EvidenceId: id, Digest: digest})
		return err
	}
	runRejections(t, []rejection{
		{"the same mismatch twice", func(f *fixture) func() error {
			id := f.itemIn(types.EvidenceStatusInCustody)
			require.NoError(f.t, verify(f, id, digestB))
			return func() error { return verify(f, id, digestB) }
		}, types.ErrDuplicateMismatch},
		{"beyond max_integrity_checks_per_item", func(f *fixture) func() error {
			p := types.DefaultParams()
			p.MaxIntegrityChecksPerItem = 3
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})
			require.NoError(f.t, err)
			id := f.itemIn(types.EvidenceStatusInCustody)
			for i := 0; i < 3; i++ {
				require.NoError(f.t, verify(f, id, digestOf(1000+i)))
			}
			return func() error { return verify(f, id, digestA) }
		}, types.ErrIntegrityCheckLimit},
	})

	// Different presented digests and matches are still recorded; the derived
	// counters are rebuilt from the log by genesis.
	f := newFixture(t)
	id := f.itemIn(types.EvidenceStatusInCustody)
	require.NoError(t, verify(f, id, digestB))
	require.NoError(t, verify(f, id, digestOf(7)))
	require.NoError(t, verify(f, id, f.item(id).Digest))
	require.NoError(t, verify(f, id, f.item(id).Digest))
	n, err := f.k.IntegrityChecks.Get(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, uint64(4), n)

	gs := f.export()
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, gs))
	n, err = g.k.IntegrityChecks.Get(g.ctx, id)
	require.NoError(t, err)
	require.Equal(t, uint64(4), n, "rebuilt from the custody log")
	require.ErrorIs(t, verify(g, id, digestB), types.ErrDuplicateMismatch, "mismatch index rebuilt")
}
