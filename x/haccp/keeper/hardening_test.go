package keeper_test

import (
	"testing"
	"time"

	storetypes "cosmossdk.io/store/types"
	"github.com/stretchr/testify/require"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/haccp/types"
)

// The hardening of issue 11 in x/haccp: each test tries the attack (or the
// stuck state), asserts the refusal with nothing written, and the way out.

func (f *fixture) withdraw(signer []byte, no string) error {
	_, err := f.msg.WithdrawDeclaration(f.ctx, &types.MsgWithdrawDeclaration{Signer: f.s(signer), DeclNo: no})
	return err
}

func (f *fixture) refuse(signer []byte, no string) error {
	_, err := f.msg.RefuseClearance(f.ctx, &types.MsgRefuseClearance{Customs: f.s(signer), DeclNo: no, ReasonCode: "HYGIENE_CERT_REJECTED"})
	return err
}

// TestFinding11RivalImporterCannotDeclareOnAnotherImportersHygieneCert: the
// certificate of op's facility cannot be named by op2's facility (before the
// fix the rival's clearance made op's declaration unclearable and
// unrejectable); nor by a declaration that does not declare its lot; nor by a
// second declaration while one holds it.
func TestFinding11RivalImporterCannotDeclareOnAnotherImportersHygieneCert(t *testing.T) {
	runImportRejections(t, []rejection{
		{"rival importer names op's certificate", func(f *fixture) func() error {
			f.hcReceived() // op's facility 1 is the consignee
			f.verifyHC(hcCountry, hcNo, true)
			rival := f.importerOf(op2)
			msg := f.declareMsg(op2, "IMP-2026-0666", rival)
			return func() error { _, err := f.msg.DeclareImport(f.ctx, msg); return err }
		}, types.ErrHygieneCertMismatch},
		{"a declaration without the certificate's lot", func(f *fixture) func() error {
			id := f.hcReceived()
			msg := f.declareMsg(op, declNo, id)
			msg.Items = msg.Items[1:] // only the cheese of lot NZ-CH-5; the certificate is for AU-LOT-77
			return func() error { _, err := f.msg.DeclareImport(f.ctx, msg); return err }
		}, types.ErrHygieneCertMismatch},
		{"a second declaration on a held certificate", func(f *fixture) func() error {
			id := f.declared()
			msg := f.declareMsg(staff, "IMP-2026-0002", id)
			return func() error { _, err := f.msg.DeclareImport(f.ctx, msg); return err }
		}, types.ErrHygieneCertUnusable},
		{"a certificate for a facility that is not an importer", func(f *fixture) func() error {
			maker := f.facility(op2)
			msg := f.receiveMsg(customsOfficer, hcCountry, hcNo)
			msg.ImporterFacilityId = maker
			return func() error { _, err := f.msg.ReceiveHygieneCert(f.ctx, msg); return err }
		}, types.ErrNotImporter},
		{"a certificate for an unknown facility", func(f *fixture) func() error {
			msg := f.receiveMsg(customsOfficer, hcCountry, hcNo)
			msg.ImporterFacilityId = 99
			return func() error { _, err := f.msg.ReceiveHygieneCert(f.ctx, msg); return err }
		}, types.ErrFacilityNotFound},
	})

	// The rightful importer's declaration goes through.
	f := newImportFixture(t)
	f.cleared()
	require.Equal(t, types.DeclarationStatusCleared, f.storedDecl(declNo).Status)
	require.Equal(t, declNo, f.hygieneCert(hcCountry, hcNo).UsedBy)
	require.NoError(t, f.export().Validate())
}

// TestFinding11StuckDeclarationCanBeRefusedOrWithdrawn: a declaration that
// passed inspection but whose hygiene certificate was then rejected could be
// neither cleared nor rejected. Customs now refuses clearance (-> REJECTED),
// and the importer may withdraw any undecided declaration (-> WITHDRAWN),
// which releases the certificate.
func TestFinding11StuckDeclarationCanBeRefusedOrWithdrawn(t *testing.T) {
	// passedWithRejectedCert: declNo INSPECTING with PASS, hygiene certificate
	// (received, never verified) then REJECTED: clearance is impossible.
	passedWithRejectedCert := func(f *fixture) {
		id := f.hcReceived()
		f.declare(declNo, id)
		f.startInspection(declNo)
		f.inspect(declNo, types.InspectionResultPass)
		f.verifyHC(hcCountry, hcNo, false)
		_, err := f.msg.ClearDeclaration(f.ctx, &types.MsgClearDeclaration{Customs: f.s(customsOfficer), DeclNo: declNo, CustomsRef: customsRef})
		require.ErrorIs(f.t, err, types.ErrHygieneCertUnusable)
	}
	runImportRejections(t, []rejection{
		{"refuse: an inspector is not customs", func(f *fixture) func() error {
			passedWithRejectedCert(f)
			return func() error { return f.refuse(insp, declNo) }
		}, agencytypes.ErrRoleNotHeld},
		{"refuse: inspection still pending", func(f *fixture) func() error {
			f.inspecting()
			return func() error { return f.refuse(customsOfficer, declNo) }
		}, types.ErrInspectionRequired},
		{"refuse: already cleared", func(f *fixture) func() error {
			f.cleared()
			return func() error { return f.refuse(customsOfficer, declNo) }
		}, types.ErrInvalidTransition},
		{"refuse: no reason code", func(f *fixture) func() error {
			passedWithRejectedCert(f)
			return func() error {
				_, err := f.msg.RefuseClearance(f.ctx, &types.MsgRefuseClearance{Customs: f.s(customsOfficer), DeclNo: declNo})
				return err
			}
		}, types.ErrInvalidReasonCode},
		{"withdraw: not a member of the importer", func(f *fixture) func() error {
			f.declared()
			return func() error { return f.withdraw(op2, declNo) }
		}, types.ErrNotFacilityMember},
		{"withdraw: already cleared", func(f *fixture) func() error {
			f.cleared()
			return func() error { return f.withdraw(op, declNo) }
		}, types.ErrInvalidTransition},
	})

	// Way out 1: customs refuses clearance.
	f := newImportFixture(t)
	passedWithRejectedCert(f)
	f.freshEvents()
	require.NoError(t, f.refuse(customsOfficer, declNo))
	d := f.storedDecl(declNo)
	require.Equal(t, types.DeclarationStatusRejected, d.Status)
	require.Equal(t, "HYGIENE_CERT_REJECTED", d.ReasonCode)
	f.requireOnlyEvent(&types.EventDeclarationChanged{
		DeclNo: declNo, ImporterFacilityId: d.ImporterFacilityId, From: types.DeclarationStatusInspecting, To: types.DeclarationStatusRejected,
		Inspection: types.InspectionResultPass, Actor: f.s(customsOfficer), ReasonCode: "HYGIENE_CERT_REJECTED",
	})
	require.NoError(t, f.export().Validate())

	// Way out 2: the importer's staff withdraws; the certificate is released
	// and a new declaration of the same importer may name it.
	for _, stage := range []func(f *fixture) uint64{(*fixture).declared, (*fixture).inspecting, (*fixture).passed} {
		f := newImportFixture(t)
		id := stage(f)
		from := f.storedDecl(declNo).Status
		f.freshEvents()
		require.NoError(t, f.withdraw(staff, declNo))
		require.Equal(t, types.DeclarationStatusWithdrawn, f.storedDecl(declNo).Status)
		require.Empty(t, f.hygieneCert(hcCountry, hcNo).HeldBy)
		f.requireOnlyEvent(&types.EventDeclarationChanged{
			DeclNo: declNo, ImporterFacilityId: id, From: from, To: types.DeclarationStatusWithdrawn,
			Inspection: f.storedDecl(declNo).Inspection, Actor: f.s(staff),
		})
		require.NoError(t, f.export().Validate())
		f.declare("IMP-2026-0002", id)
		require.Equal(t, "IMP-2026-0002", f.hygieneCert(hcCountry, hcNo).HeldBy)
	}
}

// TestFinding11EveryDeclarationStateHasAWayOut walks the declaration
// lifecycle: every status but the final ones (REJECTED, RECALLED, WITHDRAWN)
// has an edge out, and each undecided status has one that the importer takes
// alone (WITHDRAWN), so that no single agency can leave it stuck.
func TestFinding11EveryDeclarationStateHasAWayOut(t *testing.T) {
	final := map[types.DeclarationStatus]bool{
		types.DeclarationStatusRejected: true, types.DeclarationStatusRecalled: true, types.DeclarationStatusWithdrawn: true,
	}
	for n := range types.DeclarationStatus_name {
		s := types.DeclarationStatus(n)
		if s == types.DeclarationStatusUnspecified {
			continue
		}
		outs := 0
		for _, tr := range types.DeclarationTransitions {
			if tr.From == s {
				outs++
			}
		}
		if final[s] {
			require.Zero(t, outs, "%s is final", s.Label())
			continue
		}
		require.NotZero(t, outs, "%s has no way out", s.Label())
		if s != types.DeclarationStatusCleared {
			require.True(t, types.CanTransitionDeclaration(s, types.DeclarationStatusWithdrawn), "the importer can withdraw from %s", s.Label())
		}
	}
}

// TestFinding15HaccpFreeTextRefusesPersonalData: names, products, issuing
// authorities, lots, numbers and share partners refuse the shapes of a
// resident registration number, a phone number and an e-mail address; names
// of public bodies and products (Hangul included) still pass.
func TestFinding15HaccpFreeTextRefusesPersonalData(t *testing.T) {
	register := func(name string) func(f *fixture) func() error {
		return func(f *fixture) func() error {
			msg := f.facilityMsg(op)
			msg.Name = name
			return func() error { _, err := f.msg.RegisterFacility(f.ctx, msg); return err }
		}
	}
	receive := func(edit func(*types.MsgReceiveHygieneCert)) func(f *fixture) func() error {
		return func(f *fixture) func() error {
			msg := f.receiveMsg(customsOfficer, hcCountry, hcNo)
			edit(msg)
			return func() error { _, err := f.msg.ReceiveHygieneCert(f.ctx, msg); return err }
		}
	}
	runImportRejections(t, []rejection{
		{"facility name with a phone number", register("홍길동 010-1234-5678"), types.ErrInvalidName},
		{"facility name with a resident registration number", register("Hong 900101-1234567"), types.ErrInvalidName},
		{"facility name with an e-mail", register("hong@example.kr"), types.ErrInvalidName},
		{"facility name with a long number", register("Hanbit 12345678"), types.ErrInvalidName},
		{"facility name with a control character", register("Hanbit\u200bFoods"), types.ErrInvalidName},
		{"product with a phone number", receive(func(m *types.MsgReceiveHygieneCert) { m.Product = "beef for 01012345678" }), types.ErrInvalidName},
		{"issuing authority with an e-mail", receive(func(m *types.MsgReceiveHygieneCert) { m.IssuingAuthority = "vet hong@daff.gov.au" }), types.ErrInvalidName},
		{"lot as a phone number", receive(func(m *types.MsgReceiveHygieneCert) { m.Lot = "010-1234-5678" }), types.ErrInvalidLot},
		{"certificate number as a resident registration number", receive(func(m *types.MsgReceiveHygieneCert) { m.CertNo = "900101-1234567" }), types.ErrInvalidHygieneCert},
		{"share partner as a name", func(f *fixture) func() error {
			f.cleared()
			msg := f.shareMsg(op, types.ShareFieldItems)
			msg.Partner = "Hong.Gildong"
			return func() error { _, err := f.msg.ShareImportConfirmation(f.ctx, msg); return err }
		}, types.ErrInvalidShare},
		{"declaration number as a phone number", func(f *fixture) func() error {
			id := f.hcReceived()
			msg := f.declareMsg(op, "010-1234-5678", id)
			return func() error { _, err := f.msg.DeclareImport(f.ctx, msg); return err }
		}, types.ErrInvalidDeclNo},
	})

	f := newImportFixture(t)
	for _, name := range []string{"한빛식품 이천공장", "Hanbit Foods Co., Ltd. (Icheon)", "CJ제일제당 2공장"} {
		msg := f.facilityMsg(op)
		msg.Name = name
		_, err := f.msg.RegisterFacility(f.ctx, msg)
		require.NoError(t, err, name)
	}
}

// TestSuspectedRenewalDoesNotReviveSuspension: renewing a SUSPENDED
// certificate made it ACTIVE, and IsCertValid then answered valid for the
// old, suspended version. A renewal now keeps the status (and its reason);
// only ReinstateCertificate lifts a suspension. A renewal may not start
// before the version it renews.
func TestSuspectedRenewalDoesNotReviveSuspension(t *testing.T) {
	const no = "HACCP-2026-0001"
	f := newFixture(t)
	f.certificate(no) // version 1: [T0-1d, T0+365d)
	f.suspend(no)

	// A renewal backdated before version 1 is refused, nothing written.
	before := f.storeState()
	_, err := f.msg.RenewCertificate(f.ctx, f.renewMsg(no, T0.Add(-2*day)))
	require.ErrorIs(t, err, types.ErrInvalidPeriod)
	require.Equal(t, before, f.storeState())

	// Renewal in advance: version 2 from T0+365d.
	res, err := f.msg.RenewCertificate(f.ctx, f.renewMsg(no, T0.Add(365*day)))
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.Version)
	require.Equal(t, types.CertificateStatusSuspended, f.cert(no).Status)
	for _, at := range []time.Time{T0, T0.Add(100 * day), T0.Add(400 * day)} {
		v, err := f.q.IsCertValid(f.ctx, &types.QueryIsCertValidRequest{CertNo: no, At: &at})
		require.NoError(t, err)
		require.False(t, v.Valid, "at %s", at)
		require.Equal(t, types.CertificateStatusSuspended, v.Status)
	}

	// Reinstatement is the way back: valid now under version 1, later under 2.
	f.at(T0.Add(day))
	f.reinstate(no)
	for at, version := range map[time.Time]uint64{T0.Add(2 * day): 1, T0.Add(400 * day): 2} {
		v, err := f.q.IsCertValid(f.ctx, &types.QueryIsCertValidRequest{CertNo: no, At: &at})
		require.NoError(t, err)
		require.True(t, v.Valid, "at %s: %s", at, v.Reason)
		require.Equal(t, version, v.Version)
	}
	// Before the reinstatement it was suspended, also when asked later.
	at := T0.Add(time.Hour)
	v, err := f.q.IsCertValid(f.ctx, &types.QueryIsCertValidRequest{CertNo: no, At: &at})
	require.NoError(t, err)
	require.False(t, v.Valid)
}

// TestSuspectedIsCertValidCostDoesNotGrowWithHistory: IsCertValid walked the
// event log and the versions. With 1 and with 200 versions, "valid now?" now
// costs the same reads (gas equal up to a few bytes of longer values), and a
// question about the first version's time costs O(log n) reads.
func TestSuspectedIsCertValidCostDoesNotGrowWithHistory(t *testing.T) {
	const no = "HACCP-2026-0001"
	gas := func(versions int, at *time.Time) (uint64, *types.QueryIsCertValidResponse) {
		f := newFixture(t)
		f.certificate(no)
		for v := 2; v <= versions; v++ {
			f.at(T0.Add(time.Duration(v) * time.Minute))
			_, err := f.msg.RenewCertificate(f.ctx, f.renewMsg(no, T0.Add(time.Duration(v)*time.Minute)))
			require.NoError(t, err)
		}
		ctx := f.ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
		res, err := f.q.IsCertValid(ctx, &types.QueryIsCertValidRequest{CertNo: no, At: at})
		require.NoError(t, err)
		return ctx.GasMeter().GasConsumed(), res
	}
	flat := storetypes.KVGasConfig().ReadCostFlat

	one, r1 := gas(1, nil)
	many, r200 := gas(200, nil)
	require.NotZero(t, one, "the query reads through the gas-metered store")
	require.True(t, r1.Valid)
	require.True(t, r200.Valid)
	require.Equal(t, uint64(200), r200.Version)
	require.Less(t, many, one+flat, "no read more with 200 versions: %d vs %d gas", many, one)

	early := T0
	oneEarly, r1 := gas(1, &early)
	manyEarly, r200 := gas(200, &early)
	require.True(t, r1.Valid)
	require.True(t, r200.Valid)
	require.Equal(t, uint64(1), r200.Version)
	// log2(200) < 8: at most 8 more reads of the events and 8 of the versions.
	require.Less(t, manyEarly, oneEarly+16*(flat+1000), "O(log n): %d vs %d gas", manyEarly, oneEarly)
}
