package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/haccp/types"
)

func TestIssueCertificate(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.facility(op)
	msg := f.issueMsg("HACCP-2026-0001", id)
	f.freshEvents()

	// ACT
	_, err := f.msg.IssueCertificate(f.ctx, msg)

	// ASSERT
	require.NoError(t, err)
	want := types.Certificate{
		CertNo: msg.CertNo, FacilityId: id, Scope: msg.Scope, ValidFrom: msg.ValidFrom, ValidUntil: msg.ValidUntil,
		Status: types.CertificateStatusActive, Version: 1, AgencyId: "mfds", Certifier: f.s(cert), UpdatedAt: T0,
	}
	require.Equal(t, want, f.cert(msg.CertNo))
	v1, err := f.k.CertificateVersions.Get(f.ctx, collections.Join(msg.CertNo, uint64(1)))
	require.NoError(t, err)
	require.Equal(t, want, v1)
	has, err := f.k.Certificates.Indexes.Facility.Has(f.ctx, collections.Join(id, msg.CertNo))
	require.NoError(t, err)
	require.True(t, has)
	head, err := f.k.CertificateEventHead.Get(f.ctx, msg.CertNo)
	require.NoError(t, err)
	require.Equal(t, uint64(1), head)
	ev, err := f.k.CertificateEvents.Get(f.ctx, collections.Join(msg.CertNo, uint64(1)))
	require.NoError(t, err)
	require.Equal(t, types.CertificateEvent{
		CertNo: msg.CertNo, Seq: 1, Action: types.CertificateActionIssued, Status: types.CertificateStatusActive,
		Version: 1, Time: T0, Actor: f.s(cert),
	}, ev)
	f.requireOnlyEvent(&types.EventCertificateChanged{
		CertNo: msg.CertNo, FacilityId: id, Action: types.CertificateActionIssued, Status: types.CertificateStatusActive,
		Version: 1, AgencyId: "mfds", Actor: f.s(cert),
	})
}

func TestIssueCertificateRejected(t *testing.T) {
	issue := func(f *fixture, edit func(*types.MsgIssueCertificate)) func() error {
		msg := f.issueMsg("HACCP-2026-0001", f.facility(op))
		edit(msg)
		return func() error { _, err := f.msg.IssueCertificate(f.ctx, msg); return err }
	}
	runRejections(t, []rejection{
		{"bad certifier address", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.Certifier = "cosmos1xyz" })
		}, sdkerrors.ErrInvalidAddress},
		{"lowercase cert_no", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.CertNo = "haccp-1" })
		}, types.ErrInvalidCertNo},
		{"facility_id 0", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.FacilityId = 0 })
		}, types.ErrInvalidFacility},
		{"empty scope", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.Scope = nil })
		}, types.ErrInvalidScope},
		{"unsorted scope", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.Scope = []string{"dairy", "beverages"} })
		}, types.ErrInvalidScope},
		{"valid_from after valid_until", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.ValidFrom, m.ValidUntil = m.ValidUntil, m.ValidFrom })
		}, types.ErrInvalidPeriod},
		{"already expired at the block time", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.ValidFrom, m.ValidUntil = T0.Add(-10*day), T0 })
		}, types.ErrInvalidPeriod},
		{"signer in no agency", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.Certifier = f.s(outsider) })
		}, agencytypes.ErrNotMember},
		{"inspector is not a certifier", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.Certifier = f.s(insp) })
		}, agencytypes.ErrRoleNotHeld},
		{"facility operator is not a certifier", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.Certifier = f.s(op) })
		}, agencytypes.ErrNotMember},
		{"certifying agency suspended", func(f *fixture) func() error {
			act := issue(f, func(*types.MsgIssueCertificate) {})
			testkeeper.SetTestAgencyStatus(f.t, f.agencyKeeper, f.ctx, "mfds", agencytypes.AgencyStatusSuspended)
			return act
		}, agencytypes.ErrAgencyNotActive},
		{"unknown facility", func(f *fixture) func() error {
			return issue(f, func(m *types.MsgIssueCertificate) { m.FacilityId = 404 })
		}, types.ErrFacilityNotFound},
		{"cert_no taken (by another agency too)", func(f *fixture) func() error {
			f.certificate("HACCP-2026-0001")
			return issue(f, func(m *types.MsgIssueCertificate) { m.Certifier = f.s(cert2) })
		}, types.ErrCertificateExists},
	})
}

// TestCertificateActions runs each later action once from its legal state and
// checks the stored certificate, its version entry, the history entry and the
// typed event.
func TestCertificateActions(t *testing.T) {
	const no = "HACCP-2026-0001"
	later := T0.Add(10 * day)
	audit := types.Audit{At: later.Add(-time.Hour), Result: types.AuditResultConditional, ReportDigest: reportDigest}
	cases := []struct {
		name    string
		arrange func(f *fixture)
		act     func(f *fixture) error
		action  types.CertificateAction
		status  types.CertificateStatus
		version uint64
		reason  string
		check   func(f *fixture, c types.Certificate)
	}{
		{
			name: "suspend", action: types.CertificateActionSuspended, status: types.CertificateStatusSuspended, version: 1, reason: "CCP_DEVIATION",
			act: func(f *fixture) error {
				_, err := f.msg.SuspendCertificate(f.ctx, &types.MsgSuspendCertificate{Certifier: f.s(cert), CertNo: no, ReasonCode: "CCP_DEVIATION"})
				return err
			},
		},
		{
			name: "reinstate", arrange: func(f *fixture) { f.suspend(no) },
			action: types.CertificateActionReinstated, status: types.CertificateStatusActive, version: 1, reason: "CORRECTED",
			act: func(f *fixture) error {
				_, err := f.msg.ReinstateCertificate(f.ctx, &types.MsgReinstateCertificate{Certifier: f.s(cert), CertNo: no, ReasonCode: "CORRECTED"})
				return err
			},
		},
		{
			name: "reinstate without a reason", arrange: func(f *fixture) { f.suspend(no) },
			action: types.CertificateActionReinstated, status: types.CertificateStatusActive, version: 1,
			act: func(f *fixture) error {
				_, err := f.msg.ReinstateCertificate(f.ctx, &types.MsgReinstateCertificate{Certifier: f.s(cert), CertNo: no})
				return err
			},
		},
		{
			name: "revoke active", action: types.CertificateActionRevoked, status: types.CertificateStatusRevoked, version: 1, reason: "FRAUD",
			act: func(f *fixture) error {
				_, err := f.msg.RevokeCertificate(f.ctx, &types.MsgRevokeCertificate{Certifier: f.s(cert), CertNo: no, ReasonCode: "FRAUD"})
				return err
			},
		},
		{
			name: "revoke suspended", arrange: func(f *fixture) { f.suspend(no) },
			action: types.CertificateActionRevoked, status: types.CertificateStatusRevoked, version: 1, reason: "FRAUD",
			act: func(f *fixture) error {
				_, err := f.msg.RevokeCertificate(f.ctx, &types.MsgRevokeCertificate{Certifier: f.s(cert), CertNo: no, ReasonCode: "FRAUD"})
				return err
			},
		},
		{
			name: "renew suspended: stays SUSPENDED", arrange: func(f *fixture) { f.suspend(no) },
			action: types.CertificateActionRenewed, status: types.CertificateStatusSuspended, version: 2, reason: "CCP_DEVIATION",
			act: func(f *fixture) error {
				res, err := f.msg.RenewCertificate(f.ctx, f.renewMsg(no, later))
				if err == nil {
					require.Equal(f.t, uint64(2), res.Version)
				}
				return err
			},
			check: func(f *fixture, c types.Certificate) {
				require.Equal(f.t, []string{"beverages", "confectionery", "dairy"}, c.Scope)
				require.Equal(f.t, later, c.ValidFrom)
				require.Equal(f.t, later.Add(2*365*day), c.ValidUntil)
				require.Equal(f.t, "CCP_DEVIATION", c.ReasonCode, "a renewal keeps the suspension and its reason")
				v1, err := f.k.CertificateVersions.Get(f.ctx, collections.Join(no, uint64(1)))
				require.NoError(f.t, err)
				require.Equal(f.t, uint64(1), v1.Version)
				require.Equal(f.t, types.CertificateStatusSuspended, v1.Status, "version 1 is kept as it was")
				require.Equal(f.t, T0.Add(365*day), v1.ValidUntil)
			},
		},
		{
			name: "renew expired", arrange: func(f *fixture) { f.at(T0.Add(400 * day)) },
			action: types.CertificateActionRenewed, status: types.CertificateStatusActive, version: 2,
			act: func(f *fixture) error {
				_, err := f.msg.RenewCertificate(f.ctx, f.renewMsg(no, T0.Add(400*day)))
				return err
			},
		},
		{
			name: "record audit", action: types.CertificateActionAudited, status: types.CertificateStatusActive, version: 1,
			act: func(f *fixture) error {
				_, err := f.msg.RecordAudit(f.ctx, &types.MsgRecordAudit{Certifier: f.s(cert), CertNo: no, Audit: audit})
				return err
			},
			check: func(f *fixture, c types.Certificate) {
				require.Equal(f.t, &audit, c.LastAudit)
			},
		},
		{
			name: "record audit of a suspended certificate", arrange: func(f *fixture) { f.suspend(no) },
			action: types.CertificateActionAudited, status: types.CertificateStatusSuspended, version: 1,
			act: func(f *fixture) error {
				_, err := f.msg.RecordAudit(f.ctx, &types.MsgRecordAudit{Certifier: f.s(cert), CertNo: no, Audit: audit})
				return err
			},
			check: func(f *fixture, c types.Certificate) {
				require.Equal(f.t, "CCP_DEVIATION", c.ReasonCode, "an audit keeps the reason of the last status change")
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			id := f.certificate(no)
			if tc.arrange != nil {
				tc.arrange(f)
			}
			if f.ctx.BlockTime().Before(later) {
				f.at(later)
			}
			now := f.ctx.BlockTime()
			headBefore, err := f.k.CertificateEventHead.Get(f.ctx, no)
			require.NoError(t, err)
			f.freshEvents()

			// ACT
			require.NoError(t, tc.act(f))

			// ASSERT
			c := f.cert(no)
			require.Equal(t, tc.status, c.Status)
			require.Equal(t, tc.version, c.Version)
			require.Equal(t, now, c.UpdatedAt)
			require.Equal(t, "mfds", c.AgencyId)
			version, err := f.k.CertificateVersions.Get(f.ctx, collections.Join(no, c.Version))
			require.NoError(t, err)
			require.Equal(t, c, version, "the latest version is also stored under its version")
			head, err := f.k.CertificateEventHead.Get(f.ctx, no)
			require.NoError(t, err)
			require.Equal(t, headBefore+1, head)
			ev, err := f.k.CertificateEvents.Get(f.ctx, collections.Join(no, head))
			require.NoError(t, err)
			require.Equal(t, types.CertificateEvent{
				CertNo: no, Seq: head, Action: tc.action, Status: tc.status, Version: tc.version, Time: now,
				Actor: f.s(cert), ReasonCode: tc.reason,
			}, ev)
			f.requireOnlyEvent(&types.EventCertificateChanged{
				CertNo: no, FacilityId: id, Action: tc.action, Status: tc.status, Version: tc.version,
				ReasonCode: tc.reason, AgencyId: "mfds", Actor: f.s(cert),
			})
			if tc.check != nil {
				tc.check(f, c)
			}
		})
	}
}

func TestCertificateActionsRejected(t *testing.T) {
	const no = "HACCP-2026-0001"
	suspend := func(f *fixture, by sdk.AccAddress, reason string) func() error {
		return func() error {
			_, err := f.msg.SuspendCertificate(f.ctx, &types.MsgSuspendCertificate{Certifier: f.s(by), CertNo: no, ReasonCode: reason})
			return err
		}
	}
	reinstate := func(f *fixture, by sdk.AccAddress) func() error {
		return func() error {
			_, err := f.msg.ReinstateCertificate(f.ctx, &types.MsgReinstateCertificate{Certifier: f.s(by), CertNo: no})
			return err
		}
	}
	revoke := func(f *fixture, by sdk.AccAddress, reason string) func() error {
		return func() error {
			_, err := f.msg.RevokeCertificate(f.ctx, &types.MsgRevokeCertificate{Certifier: f.s(by), CertNo: no, ReasonCode: reason})
			return err
		}
	}
	renew := func(f *fixture, by sdk.AccAddress, edit func(*types.MsgRenewCertificate)) func() error {
		msg := f.renewMsg(no, f.ctx.BlockTime())
		msg.Certifier = f.s(by)
		if edit != nil {
			edit(msg)
		}
		return func() error { _, err := f.msg.RenewCertificate(f.ctx, msg); return err }
	}
	audit := func(f *fixture, by sdk.AccAddress, edit func(*types.Audit)) func() error {
		a := types.Audit{At: f.ctx.BlockTime(), Result: types.AuditResultPass, ReportDigest: reportDigest}
		if edit != nil {
			edit(&a)
		}
		return func() error {
			_, err := f.msg.RecordAudit(f.ctx, &types.MsgRecordAudit{Certifier: f.s(by), CertNo: no, Audit: a})
			return err
		}
	}
	// issued: a certificate valid until T0+365d; expired: the block time moved to valid_until.
	issued := func(f *fixture) { f.certificate(no) }
	expired := func(f *fixture) { f.certificate(no); f.at(T0.Add(365 * day)) }
	revoked := func(f *fixture) { f.certificate(no); f.revoke(no) }
	suspended := func(f *fixture) { f.certificate(no); f.suspend(no) }

	runRejections(t, []rejection{
		// stateless
		{"suspend: no reason code", func(f *fixture) func() error { issued(f); return suspend(f, cert, "") }, types.ErrInvalidReasonCode},
		{"suspend: free-text reason", func(f *fixture) func() error { issued(f); return suspend(f, cert, "found rats") }, types.ErrInvalidReasonCode},
		{"revoke: no reason code", func(f *fixture) func() error { issued(f); return revoke(f, cert, "") }, types.ErrInvalidReasonCode},
		{"reinstate: bad reason code", func(f *fixture) func() error {
			suspended(f)
			return func() error {
				_, err := f.msg.ReinstateCertificate(f.ctx, &types.MsgReinstateCertificate{Certifier: f.s(cert), CertNo: no, ReasonCode: "x"})
				return err
			}
		}, types.ErrInvalidReasonCode},
		{"suspend: bad cert_no", func(f *fixture) func() error {
			issued(f)
			return func() error {
				_, err := f.msg.SuspendCertificate(f.ctx, &types.MsgSuspendCertificate{Certifier: f.s(cert), CertNo: "NO", ReasonCode: "CCP_DEVIATION"})
				return err
			}
		}, types.ErrInvalidCertNo},
		{"renew: valid_until not after the block time", func(f *fixture) func() error {
			issued(f)
			return renew(f, cert, func(m *types.MsgRenewCertificate) { m.ValidFrom, m.ValidUntil = T0.Add(-2*day), T0 })
		}, types.ErrInvalidPeriod},
		{"renew: bad scope", func(f *fixture) func() error {
			issued(f)
			return renew(f, cert, func(m *types.MsgRenewCertificate) { m.Scope = []string{"Dairy"} })
		}, types.ErrInvalidScope},
		{"audit: unspecified result", func(f *fixture) func() error {
			issued(f)
			return audit(f, cert, func(a *types.Audit) { a.Result = types.AuditResultUnspecified })
		}, types.ErrInvalidAudit},
		{"audit: in the future", func(f *fixture) func() error {
			issued(f)
			return audit(f, cert, func(a *types.Audit) { a.At = T0.Add(time.Hour) })
		}, types.ErrInvalidAudit},
		{"audit: no time", func(f *fixture) func() error {
			issued(f)
			return audit(f, cert, func(a *types.Audit) { a.At = time.Time{} })
		}, types.ErrInvalidAudit},
		{"audit: older than the last audit", func(f *fixture) func() error {
			issued(f)
			require.NoError(f.t, audit(f, cert, nil)())
			return audit(f, cert, func(a *types.Audit) { a.At = T0.Add(-time.Hour) })
		}, types.ErrInvalidAudit},
		{"audit: bad report digest", func(f *fixture) func() error {
			issued(f)
			return audit(f, cert, func(a *types.Audit) { a.ReportDigest = "ABC" })
		}, types.ErrInvalidDigest},

		// unknown certificate
		{"suspend: unknown", func(f *fixture) func() error { return suspend(f, cert, "CCP_DEVIATION") }, types.ErrCertificateNotFound},
		{"reinstate: unknown", func(f *fixture) func() error { return reinstate(f, cert) }, types.ErrCertificateNotFound},
		{"revoke: unknown", func(f *fixture) func() error { return revoke(f, cert, "FRAUD") }, types.ErrCertificateNotFound},
		{"renew: unknown", func(f *fixture) func() error { return renew(f, cert, nil) }, types.ErrCertificateNotFound},
		{"audit: unknown", func(f *fixture) func() error { return audit(f, cert, nil) }, types.ErrCertificateNotFound},

		// authorization: the certifying agency only
		{"suspend: certifier of another agency", func(f *fixture) func() error { issued(f); return suspend(f, cert2, "CCP_DEVIATION") }, types.ErrWrongAgency},
		{"reinstate: certifier of another agency", func(f *fixture) func() error { suspended(f); return reinstate(f, cert2) }, types.ErrWrongAgency},
		{"revoke: certifier of another agency", func(f *fixture) func() error { issued(f); return revoke(f, cert2, "FRAUD") }, types.ErrWrongAgency},
		{"renew: certifier of another agency", func(f *fixture) func() error { issued(f); return renew(f, cert2, nil) }, types.ErrWrongAgency},
		{"audit: certifier of another agency", func(f *fixture) func() error { issued(f); return audit(f, cert2, nil) }, types.ErrWrongAgency},
		{"suspend: inspector of the certifying agency", func(f *fixture) func() error { issued(f); return suspend(f, insp, "CCP_DEVIATION") }, agencytypes.ErrRoleNotHeld},
		{"suspend: facility operator", func(f *fixture) func() error { issued(f); return suspend(f, op, "CCP_DEVIATION") }, agencytypes.ErrNotMember},

		// lifecycle
		{"suspend: already suspended", func(f *fixture) func() error { suspended(f); return suspend(f, cert, "CCP_DEVIATION") }, types.ErrInvalidTransition},
		{"reinstate: active", func(f *fixture) func() error { issued(f); return reinstate(f, cert) }, types.ErrInvalidTransition},

		// revoked is final
		{"suspend: revoked", func(f *fixture) func() error { revoked(f); return suspend(f, cert, "CCP_DEVIATION") }, types.ErrCertificateRevoked},
		{"reinstate: revoked", func(f *fixture) func() error { revoked(f); return reinstate(f, cert) }, types.ErrCertificateRevoked},
		{"revoke: revoked", func(f *fixture) func() error { revoked(f); return revoke(f, cert, "FRAUD") }, types.ErrCertificateRevoked},
		{"renew: revoked", func(f *fixture) func() error { revoked(f); return renew(f, cert, nil) }, types.ErrCertificateRevoked},
		{"audit: revoked", func(f *fixture) func() error { revoked(f); return audit(f, cert, nil) }, types.ErrCertificateRevoked},
		{"revoke: revoked and expired", func(f *fixture) func() error {
			revoked(f)
			f.at(T0.Add(400 * day))
			return revoke(f, cert, "FRAUD")
		}, types.ErrCertificateRevoked},

		// expired from valid_until on: only renewal writes
		{"suspend: expired", func(f *fixture) func() error { expired(f); return suspend(f, cert, "CCP_DEVIATION") }, types.ErrCertificateExpired},
		{"reinstate: expired while suspended", func(f *fixture) func() error {
			suspended(f)
			f.at(T0.Add(365 * day))
			return reinstate(f, cert)
		}, types.ErrCertificateExpired},
		{"revoke: expired", func(f *fixture) func() error { expired(f); return revoke(f, cert, "FRAUD") }, types.ErrCertificateExpired},
		{"audit: expired", func(f *fixture) func() error { expired(f); return audit(f, cert, nil) }, types.ErrCertificateExpired},
	})
}

// TestCertificateExpiry: EXPIRED is never stored; it is read from valid_until
// by block time, and renewal brings the certificate back.
func TestCertificateExpiry(t *testing.T) {
	const no = "HACCP-2026-0001"
	// ARRANGE
	f := newFixture(t)
	f.certificate(no)
	statusAt := func(at time.Time) types.CertificateStatus {
		f.at(at)
		res, err := f.q.Certificate(f.ctx, &types.QueryCertificateRequest{CertNo: no})
		require.NoError(t, err)
		return res.EffectiveStatus
	}

	// ACT / ASSERT
	require.Equal(t, types.CertificateStatusActive, statusAt(T0.Add(365*day-time.Second)))
	require.Equal(t, types.CertificateStatusExpired, statusAt(T0.Add(365*day)), "EXPIRED from valid_until on")
	require.Equal(t, types.CertificateStatusActive, f.cert(no).Status, "EXPIRED is never stored")

	f.at(T0.Add(400 * day))
	_, err := f.msg.RenewCertificate(f.ctx, f.renewMsg(no, T0.Add(400*day)))
	require.NoError(t, err)
	require.Equal(t, types.CertificateStatusActive, statusAt(T0.Add(400*day)))

	f.revoke(no)
	require.Equal(t, types.CertificateStatusRevoked, statusAt(T0.Add(10_000*day)), "REVOKED stays REVOKED after valid_until")
}

// TestCertificateHistorySeq: every action appends one event with the next seq
// and the head follows.
func TestCertificateHistorySeq(t *testing.T) {
	const no = "HACCP-2026-0001"
	// ARRANGE
	f := newFixture(t)
	f.certificate(no)

	// ACT
	f.suspend(no)
	f.reinstate(no)
	_, err := f.msg.RenewCertificate(f.ctx, f.renewMsg(no, T0))
	require.NoError(t, err)
	f.revoke(no)

	// ASSERT
	res, err := f.q.CertificateHistory(f.ctx, &types.QueryCertificateHistoryRequest{CertNo: no})
	require.NoError(t, err)
	var actions []types.CertificateAction
	for i, e := range res.Events {
		require.Equal(t, uint64(i+1), e.Seq)
		actions = append(actions, e.Action)
	}
	require.Equal(t, []types.CertificateAction{
		types.CertificateActionIssued, types.CertificateActionSuspended, types.CertificateActionReinstated,
		types.CertificateActionRenewed, types.CertificateActionRevoked,
	}, actions)
	head, err := f.k.CertificateEventHead.Get(f.ctx, no)
	require.NoError(t, err)
	require.Equal(t, uint64(5), head)
}
