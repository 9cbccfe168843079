package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/haccp/types"
)

func TestDeclareImport(t *testing.T) {
	cases := []struct {
		name     string
		signer   sdk.AccAddress
		verified bool
	}{
		{"by the operator, certificate verified", op, true},
		{"by staff, certificate only received", staff, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newImportFixture(t)
			id := f.hcReceived()
			if tc.verified {
				f.verifyHC(hcCountry, hcNo, true)
			}
			msg := f.declareMsg(tc.signer, declNo, id)
			f.freshEvents()

			// ACT
			_, err := f.msg.DeclareImport(f.ctx, msg)

			// ASSERT
			require.NoError(t, err)
			require.Equal(t, types.ImportDeclaration{
				DeclNo: declNo, ImporterFacilityId: id, Items: importItems(), HygieneCertCountry: hcCountry, HygieneCertNo: hcNo,
				Inspection: types.InspectionResultPending, Status: types.DeclarationStatusDeclared,
				DeclaredBy: f.s(tc.signer), DeclaredAt: T0, UpdatedAt: T0,
			}, f.storedDecl(declNo))
			has, err := f.k.Declarations.Indexes.Importer.Has(f.ctx, collections.Join(id, declNo))
			require.NoError(t, err)
			require.True(t, has)
			require.Equal(t, []collections.Pair[string, string]{collections.Join(traceNo, declNo)},
				testkeeper.KeysOf(t, f.ctx, f.k.Declarations.Indexes.TraceNo), "only the meat item has a trace number")
			f.requireOnlyEvent(&types.EventDeclarationChanged{
				DeclNo: declNo, ImporterFacilityId: id, From: types.DeclarationStatusUnspecified, To: types.DeclarationStatusDeclared,
				Inspection: types.InspectionResultPending, Actor: f.s(tc.signer),
			})
		})
	}
}

func TestDeclareImportRejected(t *testing.T) {
	declare := func(f *fixture, edit func(*types.MsgDeclareImport)) func() error {
		id := f.hcReceived()
		msg := f.declareMsg(op, declNo, id)
		edit(msg)
		return func() error { _, err := f.msg.DeclareImport(f.ctx, msg); return err }
	}
	editItem := func(edit func(*types.ImportItem)) func(*types.MsgDeclareImport) {
		return func(m *types.MsgDeclareImport) { edit(&m.Items[0]) }
	}
	runImportRejections(t, []rejection{
		{"bad signer address", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.Signer = "cosmos1xyz" })
		}, sdkerrors.ErrInvalidAddress},
		{"bad decl_no", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.DeclNo = "imp-1" })
		}, types.ErrInvalidDeclNo},
		{"facility id 0", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.ImporterFacilityId = 0 })
		}, types.ErrInvalidFacility},
		{"no items", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.Items = nil })
		}, types.ErrInvalidItem},
		{"more items than params allow", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) {
				for uint32(len(m.Items)) <= types.DefaultMaxItemsPerDeclaration {
					m.Items = append(m.Items, importItems()[1])
				}
			})
		}, types.ErrInvalidItem},
		{"more items than lowered params allow", func(f *fixture) func() error {
			p := types.DefaultParams()
			p.MaxItemsPerDeclaration = 1
			require.NoError(f.t, f.k.Params.Set(f.ctx, p))
			return declare(f, func(*types.MsgDeclareImport) {})
		}, types.ErrInvalidItem},
		{"more items than the hard bound", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) {
				for uint32(len(m.Items)) <= types.MaxMaxItemsPerDeclaration {
					m.Items = append(m.Items, importItems()[1])
				}
			})
		}, types.ErrInvalidItem},
		{"meat item without a trace number", func(f *fixture) func() error {
			return declare(f, editItem(func(it *types.ImportItem) { it.LivestockTraceNo = "" }))
		}, types.ErrInvalidTraceNumber},
		{"meat item with a malformed trace number", func(f *fixture) func() error {
			return declare(f, editItem(func(it *types.ImportItem) { it.LivestockTraceNo = "L123" }))
		}, types.ErrInvalidTraceNumber},
		{"trace number on a non-meat item", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.Items[1].LivestockTraceNo = traceNo })
		}, types.ErrInvalidTraceNumber},
		{"bad hs_code", func(f *fixture) func() error {
			return declare(f, editItem(func(it *types.ImportItem) { it.HsCode = "02013" }))
		}, types.ErrInvalidHSCode},
		{"bad origin country", func(f *fixture) func() error {
			return declare(f, editItem(func(it *types.ImportItem) { it.OriginCountry = "ZZ" }))
		}, types.ErrInvalidCountry},
		{"zero quantity", func(f *fixture) func() error {
			return declare(f, editItem(func(it *types.ImportItem) { it.Quantity = 0 }))
		}, types.ErrInvalidItem},
		{"unknown unit", func(f *fixture) func() error {
			return declare(f, editItem(func(it *types.ImportItem) { it.Unit = "LB" }))
		}, types.ErrInvalidItem},
		{"bad lot", func(f *fixture) func() error {
			return declare(f, editItem(func(it *types.ImportItem) { it.Lot = "" }))
		}, types.ErrInvalidLot},
		{"bad hygiene cert country", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.HygieneCertCountry = "au" })
		}, types.ErrInvalidCountry},
		{"bad hygiene cert_no", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.HygieneCertNo = "x" })
		}, types.ErrInvalidHygieneCert},
		{"unknown facility", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.ImporterFacilityId = 404 })
		}, types.ErrFacilityNotFound},
		{"signer not operator or staff", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.Signer = f.s(op2) })
		}, types.ErrNotFacilityMember},
		{"facility is not an importer", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.ImporterFacilityId = f.facility(op) })
		}, types.ErrNotImporter},
		{"decl_no taken", func(f *fixture) func() error {
			act := declare(f, func(*types.MsgDeclareImport) {})
			f.declare(declNo, f.storedFacilityOf(op))
			return act
		}, types.ErrDeclarationExists},
		{"unknown hygiene certificate", func(f *fixture) func() error {
			return declare(f, func(m *types.MsgDeclareImport) { m.HygieneCertCountry = "NZ" })
		}, types.ErrHygieneCertNotFound},
		{"rejected hygiene certificate", func(f *fixture) func() error {
			act := declare(f, func(*types.MsgDeclareImport) {})
			f.verifyHC(hcCountry, hcNo, false)
			return act
		}, types.ErrHygieneCertUnusable},
		{"hygiene certificate already used", func(f *fixture) func() error {
			f.cleared()
			msg := f.declareMsg(op, "IMP-2026-0002", f.storedFacilityOf(op))
			return func() error { _, err := f.msg.DeclareImport(f.ctx, msg); return err }
		}, types.ErrHygieneCertUnusable},
	})
}

// storedFacilityOf is the first facility of operator.
func (f *fixture) storedFacilityOf(operator sdk.AccAddress) uint64 {
	f.t.Helper()
	keys := testkeeper.KeysOf(f.t, f.ctx, f.k.Facilities.Indexes.Operator)
	for _, k := range keys {
		if k.K1().Equals(operator) {
			return k.K2()
		}
	}
	f.t.Fatalf("no facility of %s", operator)
	return 0
}

func TestStartInspection(t *testing.T) {
	// ARRANGE
	f := newImportFixture(t)
	id := f.declared()
	before := f.storedDecl(declNo)
	f.at(T0.Add(day))
	f.freshEvents()

	// ACT
	_, err := f.msg.StartInspection(f.ctx, &types.MsgStartInspection{Inspector: f.s(insp), DeclNo: declNo})

	// ASSERT
	require.NoError(t, err)
	want := before
	want.Status, want.UpdatedAt = types.DeclarationStatusInspecting, T0.Add(day)
	require.Equal(t, want, f.storedDecl(declNo))
	f.requireOnlyEvent(&types.EventDeclarationChanged{
		DeclNo: declNo, ImporterFacilityId: id, From: types.DeclarationStatusDeclared, To: types.DeclarationStatusInspecting,
		Inspection: types.InspectionResultPending, Actor: f.s(insp),
	})
}

func TestStartInspectionRejected(t *testing.T) {
	start := func(f *fixture, inspector sdk.AccAddress, no string) func() error {
		msg := &types.MsgStartInspection{Inspector: f.s(inspector), DeclNo: no}
		return func() error { _, err := f.msg.StartInspection(f.ctx, msg); return err }
	}
	runImportRejections(t, []rejection{
		{"bad inspector address", func(f *fixture) func() error {
			f.declared()
			msg := &types.MsgStartInspection{Inspector: "cosmos1xyz", DeclNo: declNo}
			return func() error { _, err := f.msg.StartInspection(f.ctx, msg); return err }
		}, sdkerrors.ErrInvalidAddress},
		{"bad decl_no", func(f *fixture) func() error {
			f.declared()
			return start(f, insp, "x")
		}, types.ErrInvalidDeclNo},
		{"customs is not an inspector", func(f *fixture) func() error {
			f.declared()
			return start(f, customsOfficer, declNo)
		}, agencytypes.ErrRoleNotHeld},
		{"importer is not an inspector", func(f *fixture) func() error {
			f.declared()
			return start(f, op, declNo)
		}, agencytypes.ErrNotMember},
		{"unknown declaration", func(f *fixture) func() error {
			f.declared()
			return start(f, insp, "IMP-404")
		}, types.ErrDeclarationNotFound},
		{"already inspecting", func(f *fixture) func() error {
			f.inspecting()
			return start(f, insp, declNo)
		}, types.ErrInvalidTransition},
		{"cleared", func(f *fixture) func() error {
			f.cleared()
			return start(f, insp, declNo)
		}, types.ErrInvalidTransition},
	})
}

func TestRecordInspection(t *testing.T) {
	cases := []struct {
		name   string
		result types.InspectionResult
		status types.DeclarationStatus
	}{
		{"pass keeps INSPECTING", types.InspectionResultPass, types.DeclarationStatusInspecting},
		{"fail rejects", types.InspectionResultFail, types.DeclarationStatusRejected},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newImportFixture(t)
			id := f.inspecting()
			before := f.storedDecl(declNo)
			f.at(T0.Add(day))
			f.freshEvents()

			// ACT
			_, err := f.msg.RecordInspection(f.ctx, &types.MsgRecordInspection{
				Inspector: f.s(customsInspector), DeclNo: declNo, Result: tc.result, ReportDigest: inspectDigest,
			})

			// ASSERT
			require.NoError(t, err)
			want := before
			want.Status, want.Inspection, want.UpdatedAt = tc.status, tc.result, T0.Add(day)
			want.InspectedBy, want.InspectionReportDigest = f.s(customsInspector), inspectDigest
			require.Equal(t, want, f.storedDecl(declNo))
			f.requireOnlyEvent(&types.EventDeclarationChanged{
				DeclNo: declNo, ImporterFacilityId: id, From: types.DeclarationStatusInspecting, To: tc.status,
				Inspection: tc.result, Actor: f.s(customsInspector),
			})
		})
	}
}

func TestRecordInspectionRejected(t *testing.T) {
	record := func(f *fixture, edit func(*types.MsgRecordInspection)) func() error {
		msg := &types.MsgRecordInspection{Inspector: f.s(insp), DeclNo: declNo, Result: types.InspectionResultPass, ReportDigest: inspectDigest}
		edit(msg)
		return func() error { _, err := f.msg.RecordInspection(f.ctx, msg); return err }
	}
	inspecting := func(f *fixture, edit func(*types.MsgRecordInspection)) func() error {
		f.inspecting()
		return record(f, edit)
	}
	runImportRejections(t, []rejection{
		{"bad inspector address", func(f *fixture) func() error {
			return inspecting(f, func(m *types.MsgRecordInspection) { m.Inspector = "cosmos1xyz" })
		}, sdkerrors.ErrInvalidAddress},
		{"bad decl_no", func(f *fixture) func() error {
			return inspecting(f, func(m *types.MsgRecordInspection) { m.DeclNo = "" })
		}, types.ErrInvalidDeclNo},
		{"result PENDING", func(f *fixture) func() error {
			return inspecting(f, func(m *types.MsgRecordInspection) { m.Result = types.InspectionResultPending })
		}, types.ErrInvalidInspection},
		{"result UNSPECIFIED", func(f *fixture) func() error {
			return inspecting(f, func(m *types.MsgRecordInspection) { m.Result = types.InspectionResultUnspecified })
		}, types.ErrInvalidInspection},
		{"result out of range", func(f *fixture) func() error {
			return inspecting(f, func(m *types.MsgRecordInspection) { m.Result = 9 })
		}, types.ErrInvalidInspection},
		{"no report digest", func(f *fixture) func() error {
			return inspecting(f, func(m *types.MsgRecordInspection) { m.ReportDigest = "" })
		}, types.ErrInvalidDigest},
		{"customs is not an inspector", func(f *fixture) func() error {
			return inspecting(f, func(m *types.MsgRecordInspection) { m.Inspector = f.s(customsOfficer) })
		}, agencytypes.ErrRoleNotHeld},
		{"unknown declaration", func(f *fixture) func() error {
			return inspecting(f, func(m *types.MsgRecordInspection) { m.DeclNo = "IMP-404" })
		}, types.ErrDeclarationNotFound},
		{"not started", func(f *fixture) func() error {
			f.declared()
			return record(f, func(*types.MsgRecordInspection) {})
		}, types.ErrInvalidTransition},
		{"result already recorded", func(f *fixture) func() error {
			f.passed()
			return record(f, func(m *types.MsgRecordInspection) { m.Result = types.InspectionResultFail })
		}, types.ErrInvalidInspection},
		{"rejected", func(f *fixture) func() error {
			f.inspecting()
			f.inspect(declNo, types.InspectionResultFail)
			return record(f, func(*types.MsgRecordInspection) {})
		}, types.ErrInvalidTransition},
	})
}

func TestClearDeclaration(t *testing.T) {
	// ARRANGE
	f := newImportFixture(t)
	id := f.passed()
	before := f.storedDecl(declNo)
	hcBefore := f.hygieneCert(hcCountry, hcNo)
	f.at(T0.Add(2 * day))
	f.freshEvents()

	// ACT
	_, err := f.msg.ClearDeclaration(f.ctx, &types.MsgClearDeclaration{Customs: f.s(customsOfficer), DeclNo: declNo, CustomsRef: customsRef})

	// ASSERT
	require.NoError(t, err)
	want := before
	want.Status, want.ClearedBy, want.CustomsRef, want.UpdatedAt = types.DeclarationStatusCleared, f.s(customsOfficer), customsRef, T0.Add(2*day)
	require.Equal(t, want, f.storedDecl(declNo))
	got, err := f.k.Declarations.Indexes.CustomsRef.MatchExact(f.ctx, customsRef)
	require.NoError(t, err)
	require.Equal(t, declNo, got)
	wantHC := hcBefore
	wantHC.Status, wantHC.UsedBy, wantHC.UpdatedAt = types.HygieneCertStatusUsed, declNo, T0.Add(2*day)
	require.Equal(t, wantHC, f.hygieneCert(hcCountry, hcNo))
	f.requireOnlyEvent(&types.EventDeclarationChanged{
		DeclNo: declNo, ImporterFacilityId: id, From: types.DeclarationStatusInspecting, To: types.DeclarationStatusCleared,
		Inspection: types.InspectionResultPass, CustomsRef: customsRef, Actor: f.s(customsOfficer),
	})
}

func TestClearDeclarationRejected(t *testing.T) {
	clear := func(f *fixture, edit func(*types.MsgClearDeclaration)) func() error {
		msg := &types.MsgClearDeclaration{Customs: f.s(customsOfficer), DeclNo: declNo, CustomsRef: customsRef}
		edit(msg)
		return func() error { _, err := f.msg.ClearDeclaration(f.ctx, msg); return err }
	}
	passed := func(f *fixture, edit func(*types.MsgClearDeclaration)) func() error {
		f.passed()
		return clear(f, edit)
	}
	none := func(*types.MsgClearDeclaration) {}
	runImportRejections(t, []rejection{
		{"bad customs address", func(f *fixture) func() error {
			return passed(f, func(m *types.MsgClearDeclaration) { m.Customs = "cosmos1xyz" })
		}, sdkerrors.ErrInvalidAddress},
		{"bad decl_no", func(f *fixture) func() error {
			return passed(f, func(m *types.MsgClearDeclaration) { m.DeclNo = "-X" })
		}, types.ErrInvalidDeclNo},
		{"customs_ref too short", func(f *fixture) func() error {
			return passed(f, func(m *types.MsgClearDeclaration) { m.CustomsRef = "KCS-1" })
		}, types.ErrInvalidCustomsRef},
		{"lowercase customs_ref", func(f *fixture) func() error {
			return passed(f, func(m *types.MsgClearDeclaration) { m.CustomsRef = "kcs-2026-000001" })
		}, types.ErrInvalidCustomsRef},
		{"inspector is not customs", func(f *fixture) func() error {
			return passed(f, func(m *types.MsgClearDeclaration) { m.Customs = f.s(insp) })
		}, agencytypes.ErrRoleNotHeld},
		{"importer is not customs", func(f *fixture) func() error {
			return passed(f, func(m *types.MsgClearDeclaration) { m.Customs = f.s(op) })
		}, agencytypes.ErrNotMember},
		{"unknown declaration", func(f *fixture) func() error {
			return passed(f, func(m *types.MsgClearDeclaration) { m.DeclNo = "IMP-404" })
		}, types.ErrDeclarationNotFound},
		{"before inspection started", func(f *fixture) func() error {
			f.declared()
			return clear(f, none)
		}, types.ErrInspectionRequired},
		{"before the inspection result", func(f *fixture) func() error {
			f.inspecting()
			return clear(f, none)
		}, types.ErrInspectionRequired},
		{"inspection failed", func(f *fixture) func() error {
			f.inspecting()
			f.inspect(declNo, types.InspectionResultFail)
			return clear(f, none)
		}, types.ErrInvalidTransition},
		{"already cleared", func(f *fixture) func() error {
			f.cleared()
			return clear(f, func(m *types.MsgClearDeclaration) { m.CustomsRef = "KCS-2026-000002" })
		}, types.ErrInvalidTransition},
		{"hygiene certificate not verified yet", func(f *fixture) func() error {
			id := f.hcReceived()
			f.declare(declNo, id)
			f.startInspection(declNo)
			f.inspect(declNo, types.InspectionResultPass)
			return clear(f, none)
		}, types.ErrHygieneCertUnusable},
		{"customs_ref already used", func(f *fixture) func() error {
			id := f.cleared()
			f.receiveHC("NZ", hcNo)
			f.verifyHC("NZ", hcNo, true)
			msg := f.declareMsg(op, "IMP-2026-0002", id)
			msg.HygieneCertCountry = "NZ"
			_, err := f.msg.DeclareImport(f.ctx, msg)
			require.NoError(f.t, err)
			f.startInspection("IMP-2026-0002")
			f.inspect("IMP-2026-0002", types.InspectionResultPass)
			return clear(f, func(m *types.MsgClearDeclaration) { m.DeclNo = "IMP-2026-0002" })
		}, types.ErrCustomsRefUsed},
	})
}

// TestImportFlow runs receive -> verify -> declare (a meat item with its trace
// number) -> start -> PASS -> clear; a second declaration naming the same
// hygiene certificate is refused as soon as it is declared.
func TestImportFlow(t *testing.T) {
	// ARRANGE
	f := newImportFixture(t)
	id := f.importerOf(op)

	// ACT: the first import, step by step
	_, err := f.msg.ReceiveHygieneCert(f.ctx, f.receiveMsg(customsOfficer, hcCountry, hcNo))
	require.NoError(t, err)
	_, err = f.msg.VerifyHygieneCert(f.ctx, &types.MsgVerifyHygieneCert{Inspector: f.s(insp), Country: hcCountry, CertNo: hcNo, Verified: true})
	require.NoError(t, err)
	_, err = f.msg.DeclareImport(f.ctx, f.declareMsg(op, declNo, id))
	require.NoError(t, err)
	// a second declaration may not name the certificate the first one holds
	_, err = f.msg.DeclareImport(f.ctx, f.declareMsg(op, "IMP-2026-0002", id))
	require.ErrorIs(t, err, types.ErrHygieneCertUnusable)
	require.ErrorContains(t, err, "is named by declaration \""+declNo+"\"")
	_, err = f.msg.StartInspection(f.ctx, &types.MsgStartInspection{Inspector: f.s(insp), DeclNo: declNo})
	require.NoError(t, err)
	_, err = f.msg.RecordInspection(f.ctx, &types.MsgRecordInspection{Inspector: f.s(insp), DeclNo: declNo, Result: types.InspectionResultPass, ReportDigest: inspectDigest})
	require.NoError(t, err)
	_, err = f.msg.ClearDeclaration(f.ctx, &types.MsgClearDeclaration{Customs: f.s(customsOfficer), DeclNo: declNo, CustomsRef: customsRef})
	require.NoError(t, err)

	// ASSERT
	d := f.storedDecl(declNo)
	require.Equal(t, types.DeclarationStatusCleared, d.Status)
	require.Equal(t, types.InspectionResultPass, d.Inspection)
	require.Equal(t, customsRef, d.CustomsRef)
	h := f.hygieneCert(hcCountry, hcNo)
	require.Equal(t, types.HygieneCertStatusUsed, h.Status)
	require.Equal(t, declNo, h.UsedBy)
	byTrace, err := f.q.DeclarationsByTraceNumber(f.ctx, &types.QueryDeclarationsByTraceNumberRequest{TraceNo: traceNo})
	require.NoError(t, err)
	require.Len(t, byTrace.Declarations, 1)
	require.Equal(t, declNo, byTrace.Declarations[0].DeclNo)
}

// TestImportFlowExportsValidGenesis checks that what the import handlers write
// is a state genesis validation accepts.
func TestImportFlowExportsValidGenesis(t *testing.T) {
	// ARRANGE
	f := newImportFixture(t)
	id := f.cleared()
	_, err := f.msg.ShareImportConfirmation(f.ctx, f.shareMsg(op, types.ShareFieldItems, types.ShareFieldInspection))
	require.NoError(t, err)
	f.receiveHC("NZ", hcNo)
	f.verifyHC("NZ", hcNo, false)
	f.receiveHC("US", hcNo)
	second := f.declareMsg(staff, "IMP-2026-0002", id)
	second.HygieneCertCountry = "US"
	_, err = f.msg.DeclareImport(f.ctx, second)
	require.NoError(t, err)
	f.startInspection("IMP-2026-0002")
	f.inspect("IMP-2026-0002", types.InspectionResultFail)

	// ACT
	gs := f.export()

	// ASSERT
	require.NoError(t, gs.Validate())
	require.Len(t, gs.Declarations, 2)
	require.Len(t, gs.HygieneCertificates, 3)
	require.Len(t, gs.Shares, 1)
}
