package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/types"
)

// TestLifecycleSteps runs each later lifecycle message once from its legal
// status and checks the status, custodian, custody entry and typed event.
func TestLifecycleSteps(t *testing.T) {
	cases := []struct {
		name  string
		from  types.EvidenceStatus
		act   func(f *fixture, id uint64) error
		to    types.EvidenceStatus
		event func(f *fixture, id uint64, seq uint64) proto.Message
		// custodian after the step (empty = unchanged)
		custodian sdk.AccAddress
	}{
		{
			name: "start analysis", from: types.EvidenceStatusInCustody, to: types.EvidenceStatusInAnalysis,
			act: func(f *fixture, id uint64) error {
				f.moveTo(id, nfsAna)
				f.freshEvents()
				_, err := f.msg.StartAnalysis(f.ctx, &types.MsgStartAnalysis{Analyst: f.s(nfsAna), EvidenceId: id})
				return err
			},
			event: func(f *fixture, id, seq uint64) proto.Message {
				return &types.EventAnalysisStarted{EvidenceId: id, Seq: seq, Actor: f.s(nfsAna), AgencyId: "nfs"}
			},
		},
		{
			name: "complete analysis", from: types.EvidenceStatusInAnalysis, to: types.EvidenceStatusAnalyzed,
			act: func(f *fixture, id uint64) error {
				_, err := f.msg.CompleteAnalysis(f.ctx, &types.MsgCompleteAnalysis{Analyst: f.s(nfsAna), EvidenceId: id, ReportDigest: reportDig})
				return err
			},
			event: func(f *fixture, id, seq uint64) proto.Message {
				return &types.EventAnalysisCompleted{EvidenceId: id, Seq: seq, Actor: f.s(nfsAna), AgencyId: "nfs", ReportDigest: reportDig}
			},
		},
		{
			name: "submit to court", from: types.EvidenceStatusAnalyzed, to: types.EvidenceStatusSubmitted,
			act: func(f *fixture, id uint64) error {
				_, err := f.msg.SubmitToCourt(f.ctx, &types.MsgSubmitToCourt{Prosecutor: f.s(pros), EvidenceId: id, CourtRefDigest: courtDig})
				return err
			},
			event: func(f *fixture, id, seq uint64) proto.Message {
				return &types.EventSubmittedToCourt{EvidenceId: id, Seq: seq, Actor: f.s(pros), AgencyId: "spo", CourtRefDigest: courtDig}
			},
		},
		{
			name: "court admits", from: types.EvidenceStatusSubmitted, to: types.EvidenceStatusAdmitted,
			act: func(f *fixture, id uint64) error {
				_, err := f.msg.RecordCourtDecision(f.ctx, &types.MsgRecordCourtDecision{Prosecutor: f.s(pros), EvidenceId: id, Decision: types.CourtDecisionAdmitted})
				return err
			},
			event: func(f *fixture, id, seq uint64) proto.Message {
				return &types.EventCourtDecisionRecorded{EvidenceId: id, Seq: seq, Actor: f.s(pros), AgencyId: "spo", Decision: types.CourtDecisionAdmitted}
			},
		},
		{
			name: "court excludes", from: types.EvidenceStatusSubmitted, to: types.EvidenceStatusExcluded,
			act: func(f *fixture, id uint64) error {
				_, err := f.msg.RecordCourtDecision(f.ctx, &types.MsgRecordCourtDecision{Prosecutor: f.s(pros), EvidenceId: id, Decision: types.CourtDecisionExcluded, NoteDigest: noteDig})
				return err
			},
			event: func(f *fixture, id, seq uint64) proto.Message {
				return &types.EventCourtDecisionRecorded{EvidenceId: id, Seq: seq, Actor: f.s(pros), AgencyId: "spo", Decision: types.CourtDecisionExcluded}
			},
		},
		{
			name: "archive excluded item", from: types.EvidenceStatusExcluded, to: types.EvidenceStatusArchived, custodian: nfsCust,
			act: func(f *fixture, id uint64) error {
				_, err := f.msg.Archive(f.ctx, &types.MsgArchive{Custodian: f.s(nfsCust), EvidenceId: id})
				return err
			},
			event: func(f *fixture, id, seq uint64) proto.Message {
				return &types.EventArchived{EvidenceId: id, Seq: seq, Actor: f.s(nfsCust), AgencyId: "nfs"}
			},
		},
		{
			name: "dispose", from: types.EvidenceStatusArchived, to: types.EvidenceStatusDisposed,
			act: func(f *fixture, id uint64) error {
				_, err := f.msg.Dispose(f.ctx, &types.MsgDispose{Custodian: f.s(nfsCust), EvidenceId: id, NoteDigest: noteDig})
				return err
			},
			event: func(f *fixture, id, seq uint64) proto.Message {
				return &types.EventDisposed{EvidenceId: id, Seq: seq, Actor: f.s(nfsCust), AgencyId: "nfs"}
			},
		},
		{
			name: "return", from: types.EvidenceStatusArchived, to: types.EvidenceStatusReturned,
			act: func(f *fixture, id uint64) error {
				_, err := f.msg.Return(f.ctx, &types.MsgReturn{Custodian: f.s(nfsCust), EvidenceId: id})
				return err
			},
			event: func(f *fixture, id, seq uint64) proto.Message {
				return &types.EventReturned{EvidenceId: id, Seq: seq, Actor: f.s(nfsCust), AgencyId: "nfs"}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			id := f.itemIn(tc.from)
			before := f.item(id)
			f.ctx = f.ctx.WithBlockTime(testkeeper.BlockTime.Add(time.Hour))
			f.freshEvents()

			// ACT
			require.NoError(t, tc.act(f, id))

			// ASSERT
			after := f.item(id)
			require.Equal(t, tc.to, after.Status)
			require.Equal(t, testkeeper.BlockTime.Add(time.Hour), after.UpdatedAt)
			if tc.custodian != nil {
				require.Equal(t, f.s(tc.custodian), after.Custodian)
			} else if tc.from != types.EvidenceStatusInCustody {
				require.Equal(t, before.Custodian, after.Custodian)
			}
			seq := f.lastSeq(id)
			entry, err := f.k.CustodyLog.Get(f.ctx, collections.Join(id, seq))
			require.NoError(t, err)
			require.Equal(t, after.Status, entry.ToStatus)
			require.NotEqual(t, entry.FromStatus, entry.ToStatus)
			require.Equal(t, testkeeper.BlockTime.Add(time.Hour), entry.Time)
			f.requireOnlyEvent(tc.event(f, id, seq))
		})
	}
}

func TestLifecycleStepsRejected(t *testing.T) {
	start := func(f *fixture, by sdk.AccAddress, id uint64) func() error {
		return func() error {
			_, err := f.msg.StartAnalysis(f.ctx, &types.MsgStartAnalysis{Analyst: f.s(by), EvidenceId: id})
			return err
		}
	}
	complete := func(f *fixture, by sdk.AccAddress, id uint64, report string) func() error {
		return func() error {
			_, err := f.msg.CompleteAnalysis(f.ctx, &types.MsgCompleteAnalysis{Analyst: f.s(by), EvidenceId: id, ReportDigest: report})
			return err
		}
	}
	submit := func(f *fixture, by sdk.AccAddress, id uint64, ref string) func() error {
		return func() error {
			_, err := f.msg.SubmitToCourt(f.ctx, &types.MsgSubmitToCourt{Prosecutor: f.s(by), EvidenceId: id, CourtRefDigest: ref})
			return err
		}
	}
	decide := func(f *fixture, by sdk.AccAddress, id uint64, d types.CourtDecision) func() error {
		return func() error {
			_, err := f.msg.RecordCourtDecision(f.ctx, &types.MsgRecordCourtDecision{Prosecutor: f.s(by), EvidenceId: id, Decision: d})
			return err
		}
	}
	archive := func(f *fixture, by sdk.AccAddress, id uint64) func() error {
		return func() error {
			_, err := f.msg.Archive(f.ctx, &types.MsgArchive{Custodian: f.s(by), EvidenceId: id})
			return err
		}
	}
	dispose := func(f *fixture, by sdk.AccAddress, id uint64) func() error {
		return func() error {
			_, err := f.msg.Dispose(f.ctx, &types.MsgDispose{Custodian: f.s(by), EvidenceId: id})
			return err
		}
	}
	ret := func(f *fixture, by sdk.AccAddress, id uint64) func() error {
		return func() error {
			_, err := f.msg.Return(f.ctx, &types.MsgReturn{Custodian: f.s(by), EvidenceId: id})
			return err
		}
	}
	in := func(f *fixture, s types.EvidenceStatus) uint64 { return f.itemIn(s) }
	// atNFS is an item IN_CUSTODY of nfsAna (accepted from knpa).
	atNFS := func(f *fixture) uint64 {
		id := in(f, types.EvidenceStatusInCustody)
		f.moveTo(id, nfsAna)
		return id
	}
	runRejections(t, []rejection{
		// StartAnalysis
		{"start: unknown id", func(f *fixture) func() error { return start(f, nfsAna, 404) }, types.ErrEvidenceNotFound},
		{"start: analyst of the agency but not the custodian", func(f *fixture) func() error {
			return start(f, ana, in(f, types.EvidenceStatusInCustody))
		}, types.ErrNotCustodian},
		{"start: custodian without the analyst role", func(f *fixture) func() error {
			return start(f, cust, in(f, types.EvidenceStatusInCustody))
		}, agencytypes.ErrRoleNotHeld},
		{"start: analyst of another agency", func(f *fixture) func() error {
			return start(f, nfsAna, in(f, types.EvidenceStatusInCustody))
		}, types.ErrWrongAgency},
		{"start: already in analysis", func(f *fixture) func() error {
			return start(f, nfsAna, in(f, types.EvidenceStatusInAnalysis))
		}, types.ErrInvalidTransition},
		{"start: suspended agency", func(f *fixture) func() error {
			id := atNFS(f)
			f.suspend("nfs")
			return start(f, nfsAna, id)
		}, agencytypes.ErrAgencyNotActive},
		{"start: expired member", func(f *fixture) func() error {
			id := atNFS(f)
			f.expire(nfsAna)
			return start(f, nfsAna, id)
		}, agencytypes.ErrMembershipExpired},
		// CompleteAnalysis
		{"complete: missing report digest", func(f *fixture) func() error {
			return complete(f, nfsAna, in(f, types.EvidenceStatusInAnalysis), "")
		}, types.ErrInvalidDigest},
		{"complete: malformed report digest", func(f *fixture) func() error {
			return complete(f, nfsAna, in(f, types.EvidenceStatusInAnalysis), reportDig+"00")
		}, types.ErrInvalidDigest},
		{"complete: not started", func(f *fixture) func() error { return complete(f, nfsAna, atNFS(f), reportDig) }, types.ErrInvalidTransition},
		{"complete: another analyst", func(f *fixture) func() error {
			return complete(f, nfsAna2, in(f, types.EvidenceStatusInAnalysis), reportDig)
		}, types.ErrNotCustodian},
		{"complete: custodian role only", func(f *fixture) func() error {
			return complete(f, nfsCust, in(f, types.EvidenceStatusInAnalysis), reportDig)
		}, agencytypes.ErrRoleNotHeld},
		// SubmitToCourt
		{"submit: wrong role", func(f *fixture) func() error { return submit(f, inv, in(f, types.EvidenceStatusAnalyzed), courtDig) }, agencytypes.ErrRoleNotHeld},
		{"submit: not analysed yet", func(f *fixture) func() error {
			return submit(f, pros, in(f, types.EvidenceStatusInAnalysis), courtDig)
		}, types.ErrInvalidTransition},
		{"submit: malformed court reference", func(f *fixture) func() error {
			return submit(f, pros, in(f, types.EvidenceStatusAnalyzed), "2026고단1234")
		}, types.ErrInvalidDigest},
		{"submit: suspended agency", func(f *fixture) func() error {
			id := in(f, types.EvidenceStatusAnalyzed)
			f.suspend("spo")
			return submit(f, pros, id, courtDig)
		}, agencytypes.ErrAgencyNotActive},
		{"submit: expired member", func(f *fixture) func() error {
			id := in(f, types.EvidenceStatusAnalyzed)
			f.expire(pros)
			return submit(f, pros, id, courtDig)
		}, agencytypes.ErrMembershipExpired},
		// RecordCourtDecision
		{"decide: unspecified decision", func(f *fixture) func() error {
			return decide(f, pros, in(f, types.EvidenceStatusSubmitted), types.CourtDecisionUnspecified)
		}, types.ErrInvalidDecision},
		{"decide: unknown decision", func(f *fixture) func() error {
			return decide(f, pros, in(f, types.EvidenceStatusSubmitted), types.CourtDecision(9))
		}, types.ErrInvalidDecision},
		{"decide: not submitted", func(f *fixture) func() error {
			return decide(f, pros, in(f, types.EvidenceStatusAnalyzed), types.CourtDecisionAdmitted)
		}, types.ErrInvalidTransition},
		{"decide: twice", func(f *fixture) func() error {
			return decide(f, pros, in(f, types.EvidenceStatusAdmitted), types.CourtDecisionExcluded)
		}, types.ErrInvalidTransition},
		{"decide: wrong role", func(f *fixture) func() error {
			return decide(f, aud, in(f, types.EvidenceStatusSubmitted), types.CourtDecisionAdmitted)
		}, agencytypes.ErrRoleNotHeld},
		// Archive / Dispose / Return
		{"archive: custodian of another agency", func(f *fixture) func() error {
			return archive(f, cust, in(f, types.EvidenceStatusAdmitted))
		}, types.ErrWrongAgency},
		{"archive: analyst role only", func(f *fixture) func() error {
			return archive(f, nfsAna, in(f, types.EvidenceStatusAdmitted))
		}, agencytypes.ErrRoleNotHeld},
		{"archive: before the decision", func(f *fixture) func() error {
			return archive(f, nfsCust, in(f, types.EvidenceStatusSubmitted))
		}, types.ErrInvalidTransition},
		{"archive: suspended agency", func(f *fixture) func() error {
			id := in(f, types.EvidenceStatusAdmitted)
			f.suspend("nfs")
			return archive(f, nfsCust, id)
		}, agencytypes.ErrAgencyNotActive},
		{"archive: unknown id", func(f *fixture) func() error { return archive(f, nfsCust, 31) }, types.ErrEvidenceNotFound},
		{"dispose: not archived", func(f *fixture) func() error { return dispose(f, nfsCust, in(f, types.EvidenceStatusAdmitted)) }, types.ErrInvalidTransition},
		{"dispose: expired member", func(f *fixture) func() error {
			id := in(f, types.EvidenceStatusArchived)
			f.expire(nfsCust)
			return dispose(f, nfsCust, id)
		}, agencytypes.ErrMembershipExpired},
		{"return: after disposal", func(f *fixture) func() error { return ret(f, nfsCust, in(f, types.EvidenceStatusDisposed)) }, types.ErrInvalidTransition},
		{"return: custodian of another agency", func(f *fixture) func() error {
			return ret(f, cust2, in(f, types.EvidenceStatusArchived))
		}, types.ErrWrongAgency},
		{"dispose: after return", func(f *fixture) func() error { return dispose(f, nfsCust, in(f, types.EvidenceStatusReturned)) }, types.ErrInvalidTransition},
	})
}

func TestVerifyIntegrity(t *testing.T) {
	for _, tc := range []struct {
		name     string
		verifier sdk.AccAddress
		agency   string
		digest   string
		match    bool
	}{
		{"auditor, match", aud, "bai", digestA, true},
		{"auditor, mismatch", aud, "bai", digestB, false},
		{"investigator", inv, "knpa", digestA, true},
		{"custodian", cust, "knpa", digestA, true},
		{"analyst", nfsAna, "nfs", digestB, false},
		{"prosecutor", pros, "spo", digestA, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			id := f.itemIn(types.EvidenceStatusInCustody)
			before := f.item(id)
			f.freshEvents()

			// ACT
			res, err := f.msg.VerifyIntegrity(f.ctx, &types.MsgVerifyIntegrity{Verifier: f.s(tc.verifier), EvidenceId: id, Digest: tc.digest})

			// ASSERT
			require.NoError(t, err, "a mismatch is recorded, not an error")
			require.Equal(t, tc.match, res.Match)
			require.Equal(t, uint64(3), res.Seq)
			require.Equal(t, before, f.item(id), "verification does not change the item")
			action := types.CustodyActionIntegrityMatch
			if !tc.match {
				action = types.CustodyActionIntegrityMismatch
			}
			entry, err := f.k.CustodyLog.Get(f.ctx, collections.Join(id, uint64(3)))
			require.NoError(t, err)
			require.Equal(t, types.CustodyEvent{
				Seq: 3, EvidenceId: id, Action: action, Actor: f.s(tc.verifier), AgencyId: tc.agency,
				FromStatus: types.EvidenceStatusInCustody, ToStatus: types.EvidenceStatusInCustody,
				Time: testkeeper.BlockTime, NoteDigest: tc.digest,
			}, entry)
			f.requireOnlyEvent(&types.EventIntegrityVerified{
				EvidenceId: id, Seq: 3, Actor: f.s(tc.verifier), AgencyId: tc.agency,
				Match: tc.match, PresentedDigest: tc.digest, RecordedDigest: digestA,
			})
		})
	}
}

func TestVerifyIntegrityRejected(t *testing.T) {
	verify := func(f *fixture, by sdk.AccAddress, id uint64, d string) func() error {
		return func() error {
			_, err := f.msg.VerifyIntegrity(f.ctx, &types.MsgVerifyIntegrity{Verifier: f.s(by), EvidenceId: id, Digest: d})
			return err
		}
	}
	in := func(f *fixture) uint64 { return f.itemIn(types.EvidenceStatusInCustody) }
	runRejections(t, []rejection{
		{"not a member", func(f *fixture) func() error { return verify(f, outsider, in(f), digestA) }, agencytypes.ErrNotMember},
		{"suspended agency", func(f *fixture) func() error {
			id := in(f)
			f.suspend("bai")
			return verify(f, aud, id, digestA)
		}, agencytypes.ErrAgencyNotActive},
		{"expired member", func(f *fixture) func() error {
			id := in(f)
			f.expire(aud)
			return verify(f, aud, id, digestA)
		}, agencytypes.ErrMembershipExpired},
		{"malformed digest", func(f *fixture) func() error { return verify(f, aud, in(f), "sha256:"+digestA) }, types.ErrInvalidDigest},
		{"empty digest", func(f *fixture) func() error { return verify(f, aud, in(f), "") }, types.ErrInvalidDigest},
		{"unknown id", func(f *fixture) func() error { return verify(f, aud, 12, digestA) }, types.ErrEvidenceNotFound},
	})
}

// TestFullLifecycle follows one seized disk image from registration to its
// return to the owner and checks the custody log end to end.
func TestFullLifecycle(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	caseID := f.openCase(inv, caseRef1)
	id := f.register(f.registerMsg(caseID, "E-001"))
	tick := func() { f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(time.Hour)) }
	s := f.s

	// ACT: every message of the lifecycle, an hour apart.
	steps := []func() error{
		func() error {
			_, err := f.msg.TakeCustody(f.ctx, &types.MsgTakeCustody{Custodian: s(cust), EvidenceId: id})
			return err
		},
		func() error {
			_, err := f.msg.ProposeTransfer(f.ctx, &types.MsgProposeTransfer{Custodian: s(cust), EvidenceId: id, Receiver: s(nfsAna), NoteDigest: noteDig})
			return err
		},
		func() error {
			_, err := f.msg.AcceptTransfer(f.ctx, &types.MsgAcceptTransfer{Receiver: s(nfsAna), EvidenceId: id})
			return err
		},
		func() error {
			_, err := f.msg.StartAnalysis(f.ctx, &types.MsgStartAnalysis{Analyst: s(nfsAna), EvidenceId: id})
			return err
		},
		func() error {
			_, err := f.msg.VerifyIntegrity(f.ctx, &types.MsgVerifyIntegrity{Verifier: s(nfsAna), EvidenceId: id, Digest: digestA})
			return err
		},
		func() error {
			_, err := f.msg.CompleteAnalysis(f.ctx, &types.MsgCompleteAnalysis{Analyst: s(nfsAna), EvidenceId: id, ReportDigest: reportDig})
			return err
		},
		func() error {
			_, err := f.msg.SubmitToCourt(f.ctx, &types.MsgSubmitToCourt{Prosecutor: s(pros), EvidenceId: id, CourtRefDigest: courtDig})
			return err
		},
		func() error {
			_, err := f.msg.RecordCourtDecision(f.ctx, &types.MsgRecordCourtDecision{Prosecutor: s(pros), EvidenceId: id, Decision: types.CourtDecisionAdmitted})
			return err
		},
		func() error {
			_, err := f.msg.Archive(f.ctx, &types.MsgArchive{Custodian: s(nfsCust), EvidenceId: id})
			return err
		},
		func() error {
			_, err := f.msg.Return(f.ctx, &types.MsgReturn{Custodian: s(nfsCust), EvidenceId: id, NoteDigest: noteDig})
			return err
		},
	}
	for i, step := range steps {
		tick()
		require.NoError(t, step(), "step %d", i+1)
	}

	// ASSERT
	it := f.item(id)
	require.Equal(t, types.EvidenceStatusReturned, it.Status)
	require.Equal(t, s(nfsCust), it.Custodian)
	require.Equal(t, "nfs", it.CustodianAgency)

	res, err := f.q.CustodyHistory(f.ctx, &types.QueryCustodyHistoryRequest{EvidenceId: id})
	require.NoError(t, err)
	want := []struct {
		action   types.CustodyAction
		actor    sdk.AccAddress
		agency   string
		from, to types.EvidenceStatus
	}{
		{types.CustodyActionRegistered, inv, "knpa", types.EvidenceStatusUnspecified, types.EvidenceStatusRegistered},
		{types.CustodyActionCustodyTaken, cust, "knpa", types.EvidenceStatusRegistered, types.EvidenceStatusInCustody},
		{types.CustodyActionTransferProposed, cust, "knpa", types.EvidenceStatusInCustody, types.EvidenceStatusTransferPending},
		{types.CustodyActionTransferAccepted, nfsAna, "nfs", types.EvidenceStatusTransferPending, types.EvidenceStatusInCustody},
		{types.CustodyActionAnalysisStarted, nfsAna, "nfs", types.EvidenceStatusInCustody, types.EvidenceStatusInAnalysis},
		{types.CustodyActionIntegrityMatch, nfsAna, "nfs", types.EvidenceStatusInAnalysis, types.EvidenceStatusInAnalysis},
		{types.CustodyActionAnalysisCompleted, nfsAna, "nfs", types.EvidenceStatusInAnalysis, types.EvidenceStatusAnalyzed},
		{types.CustodyActionSubmittedToCourt, pros, "spo", types.EvidenceStatusAnalyzed, types.EvidenceStatusSubmitted},
		{types.CustodyActionCourtDecision, pros, "spo", types.EvidenceStatusSubmitted, types.EvidenceStatusAdmitted},
		{types.CustodyActionArchived, nfsCust, "nfs", types.EvidenceStatusAdmitted, types.EvidenceStatusArchived},
		{types.CustodyActionReturned, nfsCust, "nfs", types.EvidenceStatusArchived, types.EvidenceStatusReturned},
	}
	require.Len(t, res.Events, len(want))
	for i, e := range res.Events {
		require.Equal(t, uint64(i+1), e.Seq, "custody log seq is contiguous from 1")
		require.Equal(t, id, e.EvidenceId)
		require.Equal(t, want[i].action, e.Action, "entry %d", i+1)
		require.Equal(t, s(want[i].actor), e.Actor, "entry %d", i+1)
		require.Equal(t, want[i].agency, e.AgencyId, "entry %d", i+1)
		require.Equal(t, want[i].from, e.FromStatus, "entry %d", i+1)
		require.Equal(t, want[i].to, e.ToStatus, "entry %d", i+1)
		require.Equal(t, testkeeper.BlockTime.Add(time.Duration(i)*time.Hour), e.Time, "entry %d", i+1)
		if i > 0 {
			require.Equal(t, res.Events[i-1].ToStatus, e.FromStatus, "each entry starts where the last ended")
		}
	}
	require.Equal(t, reportDig, res.Events[6].NoteDigest)
	require.Equal(t, courtDig, res.Events[7].NoteDigest)

	// The exported state is valid genesis.
	require.NoError(t, f.export().Validate())
}
