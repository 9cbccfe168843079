package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/types"
)

func TestOpenCase(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.freshEvents()

	// ACT
	res, err := f.msg.OpenCase(f.ctx, &types.MsgOpenCase{Investigator: f.s(inv), ReferenceDigest: caseRef1})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.CaseId)
	c, err := f.k.Cases.Get(f.ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.Case{
		Id: 1, AgencyId: "knpa", ReferenceDigest: caseRef1, Status: types.CaseStatusOpen,
		OpenedAt: testkeeper.BlockTime, OpenedBy: f.s(inv),
	}, c)
	f.requireOnlyEvent(&types.EventCaseOpened{CaseId: 1, AgencyId: "knpa", ReferenceDigest: caseRef1, Actor: f.s(inv)})

	// The same case number in another agency is another case; ids keep counting.
	res, err = f.msg.OpenCase(f.ctx, &types.MsgOpenCase{Investigator: f.s(inv2), ReferenceDigest: caseRef1})
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.CaseId)
}

func TestOpenCaseRejected(t *testing.T) {
	open := func(f *fixture, by, ref string) func() error {
		return func() error {
			_, err := f.msg.OpenCase(f.ctx, &types.MsgOpenCase{Investigator: by, ReferenceDigest: ref})
			return err
		}
	}
	runRejections(t, []rejection{
		{"malformed address", func(f *fixture) func() error { return open(f, "civic1xyz", caseRef1) }, sdkerrors.ErrInvalidAddress},
		{"uppercase address", func(f *fixture) func() error { return open(f, strings.ToUpper(f.s(inv)), caseRef1) }, sdkerrors.ErrInvalidAddress},
		{"digest too short", func(f *fixture) func() error { return open(f, f.s(inv), caseRef1[:63]) }, types.ErrInvalidDigest},
		{"digest uppercase", func(f *fixture) func() error { return open(f, f.s(inv), strings.ToUpper(digestA)) }, types.ErrInvalidDigest},
		{"case number instead of digest", func(f *fixture) func() error { return open(f, f.s(inv), "2026-형제-1234") }, types.ErrInvalidDigest},
		{"not a member", func(f *fixture) func() error { return open(f, f.s(outsider), caseRef1) }, agencytypes.ErrNotMember},
		{"wrong role", func(f *fixture) func() error { return open(f, f.s(cust), caseRef1) }, agencytypes.ErrRoleNotHeld},
		{"suspended agency", func(f *fixture) func() error { f.suspend("knpa"); return open(f, f.s(inv), caseRef1) }, agencytypes.ErrAgencyNotActive},
		{"expired member", func(f *fixture) func() error { f.expire(inv); return open(f, f.s(inv), caseRef1) }, agencytypes.ErrMembershipExpired},
		{"same reference twice in one agency", func(f *fixture) func() error {
			f.openCase(inv, caseRef1)
			return open(f, f.s(inv), caseRef1)
		}, types.ErrDuplicateCase},
	})
}

func TestCloseCase(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.openCase(inv, caseRef1)
	f.ctx = f.ctx.WithBlockTime(testkeeper.BlockTime.Add(time.Hour))
	f.freshEvents()

	// ACT
	_, err := f.msg.CloseCase(f.ctx, &types.MsgCloseCase{Investigator: f.s(inv), CaseId: id})

	// ASSERT
	require.NoError(t, err)
	c, err := f.k.Cases.Get(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, types.CaseStatusClosed, c.Status)
	require.Equal(t, testkeeper.BlockTime.Add(time.Hour), c.ClosedAt)
	f.requireOnlyEvent(&types.EventCaseClosed{CaseId: id, AgencyId: "knpa", Actor: f.s(inv)})
}

func TestCloseCaseRejected(t *testing.T) {
	closeCase := func(f *fixture, by string, id uint64) func() error {
		return func() error {
			_, err := f.msg.CloseCase(f.ctx, &types.MsgCloseCase{Investigator: by, CaseId: id})
			return err
		}
	}
	runRejections(t, []rejection{
		{"id zero", func(f *fixture) func() error { return closeCase(f, f.s(inv), 0) }, types.ErrInvalidID},
		{"unknown case", func(f *fixture) func() error { return closeCase(f, f.s(inv), 99) }, types.ErrCaseNotFound},
		{"wrong role", func(f *fixture) func() error { return closeCase(f, f.s(cust), f.openCase(inv, caseRef1)) }, agencytypes.ErrRoleNotHeld},
		{"other agency's case", func(f *fixture) func() error { return closeCase(f, f.s(inv2), f.openCase(inv, caseRef1)) }, types.ErrWrongAgency},
		{"suspended agency", func(f *fixture) func() error {
			id := f.openCase(inv, caseRef1)
			f.suspend("knpa")
			return closeCase(f, f.s(inv), id)
		}, agencytypes.ErrAgencyNotActive},
		{"expired member", func(f *fixture) func() error {
			id := f.openCase(inv, caseRef1)
			f.expire(inv)
			return closeCase(f, f.s(inv), id)
		}, agencytypes.ErrMembershipExpired},
		{"already closed", func(f *fixture) func() error {
			id := f.openCase(inv, caseRef1)
			require.NoError(f.t, closeCase(f, f.s(inv), id)())
			return closeCase(f, f.s(inv), id)
		}, types.ErrInvalidTransition},
	})
}

func TestRegisterEvidence(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	caseID := f.openCase(inv, caseRef1)
	msg := f.registerMsg(caseID, "E-001")
	f.freshEvents()

	// ACT
	res, err := f.msg.RegisterEvidence(f.ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.EvidenceId)
	require.Equal(t, types.EvidenceItem{
		Id: 1, CaseId: caseID, ExhibitNumber: "E-001", Digest: digestA, SizeBytes: msg.SizeBytes,
		MediaType: msg.MediaType, Locator: msg.Locator, Acquisition: msg.Acquisition,
		Custodian: f.s(inv), CustodianAgency: "knpa", Status: types.EvidenceStatusRegistered,
		RegisteredAt: testkeeper.BlockTime, UpdatedAt: testkeeper.BlockTime,
	}, f.item(1))
	entry, err := f.k.CustodyLog.Get(f.ctx, collections.Join(uint64(1), uint64(1)))
	require.NoError(t, err)
	require.Equal(t, types.CustodyEvent{
		Seq: 1, EvidenceId: 1, Action: types.CustodyActionRegistered, Actor: f.s(inv), AgencyId: "knpa",
		FromStatus: types.EvidenceStatusUnspecified, ToStatus: types.EvidenceStatusRegistered, Time: testkeeper.BlockTime,
	}, entry)
	c, err := f.k.Cases.Get(f.ctx, caseID)
	require.NoError(t, err)
	require.Equal(t, uint64(1), c.EvidenceCount)
	require.Equal(t, []uint64{1}, f.withDigest(digestA))
	f.requireOnlyEvent(&types.EventEvidenceRegistered{
		EvidenceId: 1, CaseId: caseID, ExhibitNumber: "E-001", Digest: digestA, Actor: f.s(inv), AgencyId: "knpa", Seq: 1,
	})

	// A derived copy (a working image of E-001) names its parent.
	cp := f.registerMsg(caseID, "E-001-C1")
	cp.ParentId = 1
	cp.Digest = digestB
	cp.Acquisition.Method = types.AcquisitionMethodDerivedCopy
	require.Equal(t, uint64(2), f.register(cp))
	require.Equal(t, uint64(1), f.item(2).ParentId)
}

func TestRegisterEvidenceRejected(t *testing.T) {
	// mutate returns the ACT for a registration into a fresh knpa case, after
	// changing the valid message with change.
	mutate := func(change func(f *fixture, m *types.MsgRegisterEvidence)) func(f *fixture) func() error {
		return func(f *fixture) func() error {
			m := f.registerMsg(f.openCase(inv, caseRef1), "E-001")
			change(f, m)
			return func() error {
				_, err := f.msg.RegisterEvidence(f.ctx, m)
				return err
			}
		}
	}
	setParams := func(f *fixture, p types.Params) {
		_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})
		require.NoError(f.t, err)
	}
	runRejections(t, []rejection{
		{"malformed digest", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.Digest = "zz" + digestA[2:] }), types.ErrInvalidDigest},
		{"oversize exhibit number", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.ExhibitNumber = strings.Repeat("E", 33) }), types.ErrFieldTooLong},
		{"exhibit number with a space", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.ExhibitNumber = "E 1" }), types.ErrInvalidExhibitNumber},
		{"empty exhibit number", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.ExhibitNumber = "" }), types.ErrInvalidExhibitNumber},
		{"media type without subtype", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.MediaType = "video" }), types.ErrInvalidMediaType},
		{"media type with parameters", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.MediaType = "text/plain; charset=utf-8" }), types.ErrInvalidMediaType},
		{"oversize media type", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) {
			m.MediaType = "application/" + strings.Repeat("x", 120)
		}), types.ErrFieldTooLong},
		{"locator without scheme", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.Locator = "/mnt/evidence/e-001.dd" }), types.ErrInvalidLocator},
		{"oversize locator", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.Locator = "s3://b/" + strings.Repeat("k", 510) }), types.ErrFieldTooLong},
		{"zero size", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.SizeBytes = 0 }), types.ErrInvalidSize},
		{"no acquisition method", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.Acquisition.Method = 0 }), types.ErrInvalidAcquisition},
		{"acquired in the future", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) {
			m.Acquisition.AcquiredAt = testkeeper.BlockTime.Add(time.Minute)
		}), types.ErrInvalidAcquisition},
		{"oversize tool", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.Acquisition.Tool = strings.Repeat("t", 65) }), types.ErrFieldTooLong},
		{"case id zero", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.CaseId = 0 }), types.ErrInvalidID},
		{"unknown case", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.CaseId = 99 }), types.ErrCaseNotFound},
		{"closed case", mutate(func(f *fixture, m *types.MsgRegisterEvidence) {
			_, err := f.msg.CloseCase(f.ctx, &types.MsgCloseCase{Investigator: f.s(inv), CaseId: m.CaseId})
			require.NoError(f.t, err)
		}), types.ErrCaseClosed},
		{"other agency's case", mutate(func(f *fixture, m *types.MsgRegisterEvidence) { m.Investigator = f.s(inv2) }), types.ErrWrongAgency},
		{"wrong role", mutate(func(f *fixture, m *types.MsgRegisterEvidence) { m.Investigator = f.s(cust) }), agencytypes.ErrRoleNotHeld},
		{"not a member", mutate(func(f *fixture, m *types.MsgRegisterEvidence) { m.Investigator = f.s(outsider) }), agencytypes.ErrNotMember},
		{"suspended agency", mutate(func(f *fixture, _ *types.MsgRegisterEvidence) { f.suspend("knpa") }), agencytypes.ErrAgencyNotActive},
		{"expired member", mutate(func(f *fixture, _ *types.MsgRegisterEvidence) { f.expire(inv) }), agencytypes.ErrMembershipExpired},
		{"duplicate exhibit number", mutate(func(f *fixture, m *types.MsgRegisterEvidence) {
			f.register(f.registerMsg(m.CaseId, "E-001"))
		}), types.ErrDuplicateExhibit},
		{"unknown parent", mutate(func(_ *fixture, m *types.MsgRegisterEvidence) { m.ParentId = 42 }), types.ErrInvalidParent},
		{"parent in another case", mutate(func(f *fixture, m *types.MsgRegisterEvidence) {
			other := f.openCase(inv, caseRef2)
			m.ParentId = f.register(f.registerMsg(other, "E-001"))
		}), types.ErrInvalidParent},
		{"derivation too deep", mutate(func(f *fixture, m *types.MsgRegisterEvidence) {
			setParams(f, types.Params{MaxItemsPerCase: 10, MaxDerivationDepth: 1, MaxIntegrityChecksPerItem: types.DefaultMaxIntegrityChecksPerItem})
			original := f.register(f.registerMsg(m.CaseId, "E-000"))
			cp := f.registerMsg(m.CaseId, "E-000-C1")
			cp.ParentId = original
			m.ParentId = f.register(cp) // a copy of a copy would be depth 2
		}), types.ErrDerivationTooDeep},
		{"case full", mutate(func(f *fixture, m *types.MsgRegisterEvidence) {
			setParams(f, types.Params{MaxItemsPerCase: 1, MaxDerivationDepth: 4, MaxIntegrityChecksPerItem: types.DefaultMaxIntegrityChecksPerItem})
			f.register(f.registerMsg(m.CaseId, "E-000"))
		}), types.ErrCaseFull},
	})
}

func TestUpdateParams(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	p := types.Params{MaxItemsPerCase: 5000, MaxDerivationDepth: 8, MaxIntegrityChecksPerItem: types.DefaultMaxIntegrityChecksPerItem}
	f.freshEvents()

	// ACT
	_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})

	// ASSERT
	require.NoError(t, err)
	got, err := f.k.GetParams(f.ctx)
	require.NoError(t, err)
	require.Equal(t, p, got)
	f.requireOnlyEvent(&types.EventParamsUpdated{Authority: f.k.GetAuthority(), Params: p})
}

func TestUpdateParamsRejected(t *testing.T) {
	update := func(f *fixture, authority string, p types.Params) func() error {
		return func() error {
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: authority, Params: p})
			return err
		}
	}
	runRejections(t, []rejection{
		{"not the authority", func(f *fixture) func() error { return update(f, f.s(inv), types.DefaultParams()) }, govtypes.ErrInvalidSigner},
		{"malformed authority", func(f *fixture) func() error { return update(f, "gov", types.DefaultParams()) }, sdkerrors.ErrInvalidAddress},
		{"zero max items", func(f *fixture) func() error {
			return update(f, f.k.GetAuthority(), types.Params{MaxItemsPerCase: 0, MaxDerivationDepth: 4, MaxIntegrityChecksPerItem: types.DefaultMaxIntegrityChecksPerItem})
		}, types.ErrInvalidParams},
		{"depth above bound", func(f *fixture) func() error {
			return update(f, f.k.GetAuthority(), types.Params{MaxItemsPerCase: 10, MaxDerivationDepth: types.MaxMaxDerivationDepth + 1, MaxIntegrityChecksPerItem: types.DefaultMaxIntegrityChecksPerItem})
		}, types.ErrInvalidParams},
	})
}
