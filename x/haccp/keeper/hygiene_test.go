package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/haccp/types"
)

func TestReceiveHygieneCert(t *testing.T) {
	cases := []struct {
		name   string
		signer sdk.AccAddress
		agency string
	}{
		{"by customs", customsOfficer, "kcs"},
		{"by an inspector", insp, "mfds"},
		{"by an account holding both roles", customsInspector, "kcs"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newImportFixture(t)
			msg := f.receiveMsg(tc.signer, hcCountry, hcNo)
			f.freshEvents()

			// ACT
			_, err := f.msg.ReceiveHygieneCert(f.ctx, msg)

			// ASSERT
			require.NoError(t, err)
			require.Equal(t, types.HygieneCertificate{
				Country: hcCountry, CertNo: hcNo, IssuingAuthority: msg.IssuingAuthority, Product: msg.Product,
				Lot: msg.Lot, DocumentDigest: documentDigest, Status: types.HygieneCertStatusReceived,
				AgencyId: tc.agency, ReceivedBy: f.s(tc.signer), ReceivedAt: T0, UpdatedAt: T0, ImporterFacilityId: f.importerID,
			}, f.hygieneCert(hcCountry, hcNo))
			f.requireOnlyEvent(&types.EventHygieneCertChanged{
				Country: hcCountry, CertNo: hcNo, Status: types.HygieneCertStatusReceived, Actor: f.s(tc.signer), ImporterFacilityId: f.importerID,
			})
		})
	}
}

func TestReceiveHygieneCertSameNumberOtherCountry(t *testing.T) {
	// ARRANGE
	f := newImportFixture(t)
	f.receiveHC(hcCountry, hcNo)

	// ACT
	_, err := f.msg.ReceiveHygieneCert(f.ctx, f.receiveMsg(customsOfficer, "NZ", hcNo))

	// ASSERT: the number is unique per country only
	require.NoError(t, err)
	require.Equal(t, types.HygieneCertStatusReceived, f.hygieneCert("NZ", hcNo).Status)
}

func TestReceiveHygieneCertRejected(t *testing.T) {
	receive := func(f *fixture, edit func(*types.MsgReceiveHygieneCert)) func() error {
		msg := f.receiveMsg(customsOfficer, hcCountry, hcNo)
		edit(msg)
		return func() error { _, err := f.msg.ReceiveHygieneCert(f.ctx, msg); return err }
	}
	runImportRejections(t, []rejection{
		{"bad signer address", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.Signer = "cosmos1xyz" })
		}, sdkerrors.ErrInvalidAddress},
		{"lowercase country", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.Country = "au" })
		}, types.ErrInvalidCountry},
		{"unassigned country", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.Country = "XX" })
		}, types.ErrInvalidCountry},
		{"bad cert_no", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.CertNo = "a/1" })
		}, types.ErrInvalidHygieneCert},
		{"empty issuing authority", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.IssuingAuthority = "" })
		}, types.ErrInvalidName},
		{"product with a control character", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.Product = "beef\x00" })
		}, types.ErrInvalidName},
		{"bad lot", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.Lot = "lot 1" })
		}, types.ErrInvalidLot},
		{"uppercase document digest", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.DocumentDigest = "E5" + documentDigest[2:] })
		}, types.ErrInvalidDigest},
		{"signer in no agency", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.Signer = f.s(outsider) })
		}, agencytypes.ErrNotMember},
		{"certifier holds neither role", func(f *fixture) func() error {
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.Signer = f.s(cert) })
		}, agencytypes.ErrRoleNotHeld},
		{"customs agency suspended", func(f *fixture) func() error {
			act := receive(f, func(*types.MsgReceiveHygieneCert) {})
			testkeeper.SetTestAgencyStatus(f.t, f.agencyKeeper, f.ctx, "kcs", agencytypes.AgencyStatusSuspended)
			return act
		}, agencytypes.ErrAgencyNotActive},
		{"already received", func(f *fixture) func() error {
			f.receiveHC(hcCountry, hcNo)
			return receive(f, func(m *types.MsgReceiveHygieneCert) { m.Signer = f.s(insp) })
		}, types.ErrHygieneCertExists},
	})
}

func TestVerifyHygieneCert(t *testing.T) {
	cases := []struct {
		name   string
		msg    func(f *fixture) *types.MsgVerifyHygieneCert
		status types.HygieneCertStatus
		reason string
	}{
		{"verify", func(f *fixture) *types.MsgVerifyHygieneCert {
			return &types.MsgVerifyHygieneCert{Inspector: f.s(insp), Country: hcCountry, CertNo: hcNo, Verified: true}
		}, types.HygieneCertStatusVerified, ""},
		{"verify with a note", func(f *fixture) *types.MsgVerifyHygieneCert {
			return &types.MsgVerifyHygieneCert{Inspector: f.s(customsInspector), Country: hcCountry, CertNo: hcNo, Verified: true, ReasonCode: "EPHYTO_MATCH"}
		}, types.HygieneCertStatusVerified, "EPHYTO_MATCH"},
		{"reject", func(f *fixture) *types.MsgVerifyHygieneCert {
			return &types.MsgVerifyHygieneCert{Inspector: f.s(insp), Country: hcCountry, CertNo: hcNo, ReasonCode: "FORGED_SEAL"}
		}, types.HygieneCertStatusRejected, "FORGED_SEAL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newImportFixture(t)
			f.receiveHC(hcCountry, hcNo)
			before := f.hygieneCert(hcCountry, hcNo)
			f.at(T0.Add(day))
			msg := tc.msg(f)
			f.freshEvents()

			// ACT
			_, err := f.msg.VerifyHygieneCert(f.ctx, msg)

			// ASSERT
			require.NoError(t, err)
			want := before
			want.Status, want.ReasonCode, want.UpdatedAt = tc.status, tc.reason, T0.Add(day)
			require.Equal(t, want, f.hygieneCert(hcCountry, hcNo))
			f.requireOnlyEvent(&types.EventHygieneCertChanged{
				Country: hcCountry, CertNo: hcNo, Status: tc.status, ReasonCode: tc.reason, Actor: msg.Inspector, ImporterFacilityId: f.importerID,
			})
		})
	}
}

func TestVerifyHygieneCertRejected(t *testing.T) {
	verify := func(f *fixture, edit func(*types.MsgVerifyHygieneCert)) func() error {
		msg := &types.MsgVerifyHygieneCert{Inspector: f.s(insp), Country: hcCountry, CertNo: hcNo, Verified: true}
		edit(msg)
		return func() error { _, err := f.msg.VerifyHygieneCert(f.ctx, msg); return err }
	}
	received := func(f *fixture, edit func(*types.MsgVerifyHygieneCert)) func() error {
		f.receiveHC(hcCountry, hcNo)
		return verify(f, edit)
	}
	runImportRejections(t, []rejection{
		{"bad inspector address", func(f *fixture) func() error {
			return received(f, func(m *types.MsgVerifyHygieneCert) { m.Inspector = "cosmos1xyz" })
		}, sdkerrors.ErrInvalidAddress},
		{"bad country", func(f *fixture) func() error {
			return received(f, func(m *types.MsgVerifyHygieneCert) { m.Country = "A" })
		}, types.ErrInvalidCountry},
		{"bad cert_no", func(f *fixture) func() error {
			return received(f, func(m *types.MsgVerifyHygieneCert) { m.CertNo = "" })
		}, types.ErrInvalidHygieneCert},
		{"rejection without a reason", func(f *fixture) func() error {
			return received(f, func(m *types.MsgVerifyHygieneCert) { m.Verified = false })
		}, types.ErrInvalidReasonCode},
		{"bad reason code", func(f *fixture) func() error {
			return received(f, func(m *types.MsgVerifyHygieneCert) { m.Verified, m.ReasonCode = false, "forged" })
		}, types.ErrInvalidReasonCode},
		{"customs is not an inspector", func(f *fixture) func() error {
			return received(f, func(m *types.MsgVerifyHygieneCert) { m.Inspector = f.s(customsOfficer) })
		}, agencytypes.ErrRoleNotHeld},
		{"outsider", func(f *fixture) func() error {
			return received(f, func(m *types.MsgVerifyHygieneCert) { m.Inspector = f.s(outsider) })
		}, agencytypes.ErrNotMember},
		{"unknown certificate", func(f *fixture) func() error {
			return verify(f, func(*types.MsgVerifyHygieneCert) {})
		}, types.ErrHygieneCertNotFound},
		{"already verified", func(f *fixture) func() error {
			f.receiveHC(hcCountry, hcNo)
			f.verifyHC(hcCountry, hcNo, true)
			return verify(f, func(m *types.MsgVerifyHygieneCert) { m.Verified, m.ReasonCode = false, "LATE_FINDING" })
		}, types.ErrInvalidTransition},
		{"already rejected", func(f *fixture) func() error {
			f.receiveHC(hcCountry, hcNo)
			f.verifyHC(hcCountry, hcNo, false)
			return verify(f, func(*types.MsgVerifyHygieneCert) {})
		}, types.ErrInvalidTransition},
		{"used", func(f *fixture) func() error {
			f.cleared()
			return verify(f, func(*types.MsgVerifyHygieneCert) {})
		}, types.ErrInvalidTransition},
	})
}
