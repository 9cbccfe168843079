package keeper_test

import (
	"strings"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

// The import tests add a customs agency to the fixture of helpers_test.go:
//
//	kcs (customs service)   customs, inspector roles
//	  customsOfficer [customs]  customsInspector [inspector, customs]
var (
	customsOfficer   = acc("customs-officer")
	customsInspector = acc("customs-inspector")
)

// Values used in the import tests.
const (
	hcCountry  = "AU"
	hcNo       = "AU-HC-2026-0001"
	declNo     = "IMP-2026-0001"
	customsRef = "KCS-2026-000001"
	traceNo    = "002123456789"
	meatHS     = "0201300000"
	cheeseHS   = "0406900000"
)

var (
	documentDigest = strings.Repeat("e5", 32)
	inspectDigest  = strings.Repeat("f6", 32)
	saltedDigest   = strings.Repeat("0a", 32)
)

// newImportFixture is newFixture with the customs agency kcs and its members.
func newImportFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	testkeeper.RegisterTestAgency(t, f.agencyKeeper, f.ctx, "kcs", adminOf("kcs"), types.RoleCustoms, types.RoleInspector)
	testkeeper.AddTestMember(t, f.agencyKeeper, f.ctx, "kcs", adminOf("kcs"), customsOfficer, types.RoleCustoms)
	testkeeper.AddTestMember(t, f.agencyKeeper, f.ctx, "kcs", adminOf("kcs"), customsInspector, types.RoleInspector, types.RoleCustoms)
	return f
}

// importState is the fixture's genesis export plus every index the import
// handlers write (the export holds the records, not the indexes).
type importState struct {
	Base                    *types.GenesisState
	LastShareID             uint64
	HygieneCerts            []collections.KeyValue[collections.Pair[string, string], types.HygieneCertificate]
	Declarations            []collections.KeyValue[string, types.ImportDeclaration]
	DeclarationsByImporter  []collections.Pair[uint64, string]
	DeclarationByCustomsRef []collections.KeyValue[string, string]
	DeclarationsByTraceNo   []collections.Pair[string, string]
	Shares                  []collections.KeyValue[uint64, types.ImportConfirmationShare]
	SharesByDeclaration     []collections.Pair[string, uint64]
}

func (f *fixture) importExport() importState {
	f.t.Helper()
	t, ctx, k := f.t, f.ctx, f.k
	lastShare, err := k.LastShareID.Peek(ctx)
	require.NoError(t, err)
	return importState{
		Base:                    f.export(),
		LastShareID:             lastShare,
		HygieneCerts:            testkeeper.EntriesOf(t, ctx, k.HygieneCerts),
		Declarations:            testkeeper.EntriesOf(t, ctx, k.Declarations),
		DeclarationsByImporter:  testkeeper.KeysOf(t, ctx, k.Declarations.Indexes.Importer),
		DeclarationByCustomsRef: testkeeper.EntriesOf(t, ctx, k.Declarations.Indexes.CustomsRef),
		DeclarationsByTraceNo:   testkeeper.KeysOf(t, ctx, k.Declarations.Indexes.TraceNo),
		Shares:                  testkeeper.EntriesOf(t, ctx, k.Shares),
		SharesByDeclaration:     testkeeper.KeysOf(t, ctx, k.Shares.Indexes.Declaration),
	}
}

// runImportRejections is runRejections on the import fixture, comparing the
// import collections too.
func runImportRejections(t *testing.T, cases []rejection) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newImportFixture(t)
			testkeeper.RequireRejected(t, tc.want, &f.ctx, f.importExport, tc.arrange(f))
		})
	}
}

// importer registers an IMPORTER facility of operator and returns its id.
func (f *fixture) importerOf(operator sdk.AccAddress) uint64 {
	f.t.Helper()
	msg := f.facilityMsg(operator)
	msg.Type = types.FacilityTypeImporter
	msg.Name = "Hanbit Trading"
	res, err := f.msg.RegisterFacility(f.ctx, msg)
	require.NoError(f.t, err)
	if f.importerID == 0 {
		f.importerID = res.Id
	}
	return res.Id
}

// receiveMsg is a valid MsgReceiveHygieneCert by signer, for the fixture's
// importer (an IMPORTER facility of op, registered if there is none yet).
func (f *fixture) receiveMsg(signer sdk.AccAddress, country, certNo string) *types.MsgReceiveHygieneCert {
	if f.importerID == 0 {
		f.importerOf(op)
	}
	return &types.MsgReceiveHygieneCert{
		ImporterFacilityId: f.importerID,
		Signer:             f.s(signer),
		Country:            country,
		CertNo:             certNo,
		IssuingAuthority:   "Department of Agriculture",
		Product:            "Chilled beef",
		Lot:                "AU-LOT-77",
		DocumentDigest:     documentDigest,
	}
}

func (f *fixture) receiveHC(country, certNo string) {
	f.t.Helper()
	_, err := f.msg.ReceiveHygieneCert(f.ctx, f.receiveMsg(customsOfficer, country, certNo))
	require.NoError(f.t, err)
}

func (f *fixture) verifyHC(country, certNo string, ok bool) {
	f.t.Helper()
	msg := &types.MsgVerifyHygieneCert{Inspector: f.s(insp), Country: country, CertNo: certNo, Verified: ok}
	if !ok {
		msg.ReasonCode = "FORGED_SEAL"
	}
	_, err := f.msg.VerifyHygieneCert(f.ctx, msg)
	require.NoError(f.t, err)
}

func (f *fixture) hygieneCert(country, certNo string) types.HygieneCertificate {
	f.t.Helper()
	h, err := f.k.HygieneCerts.Get(f.ctx, collections.Join(country, certNo))
	require.NoError(f.t, err)
	return h
}

// importItems are a meat item (with a trace number) and a cheese item.
func importItems() []types.ImportItem {
	return []types.ImportItem{
		{Product: "Chilled beef brisket", HsCode: meatHS, OriginCountry: "AU", Lot: "AU-LOT-77", Quantity: 1200, Unit: "KG", LivestockTraceNo: traceNo},
		{Product: "Cheddar", HsCode: cheeseHS, OriginCountry: "NZ", Lot: "NZ-CH-5", Quantity: 40, Unit: "BOX"},
	}
}

// declareMsg is a valid MsgDeclareImport by signer using hygiene certificate AU/hcNo.
func (f *fixture) declareMsg(signer sdk.AccAddress, no string, facilityID uint64) *types.MsgDeclareImport {
	return &types.MsgDeclareImport{
		Signer:             f.s(signer),
		DeclNo:             no,
		ImporterFacilityId: facilityID,
		Items:              importItems(),
		HygieneCertCountry: hcCountry,
		HygieneCertNo:      hcNo,
	}
}

func (f *fixture) declare(no string, facilityID uint64) {
	f.t.Helper()
	_, err := f.msg.DeclareImport(f.ctx, f.declareMsg(op, no, facilityID))
	require.NoError(f.t, err)
}

func (f *fixture) startInspection(no string) {
	f.t.Helper()
	_, err := f.msg.StartInspection(f.ctx, &types.MsgStartInspection{Inspector: f.s(insp), DeclNo: no})
	require.NoError(f.t, err)
}

func (f *fixture) inspect(no string, result types.InspectionResult) {
	f.t.Helper()
	_, err := f.msg.RecordInspection(f.ctx, &types.MsgRecordInspection{Inspector: f.s(insp), DeclNo: no, Result: result, ReportDigest: inspectDigest})
	require.NoError(f.t, err)
}

func (f *fixture) clearDecl(no, ref string) {
	f.t.Helper()
	_, err := f.msg.ClearDeclaration(f.ctx, &types.MsgClearDeclaration{Customs: f.s(customsOfficer), DeclNo: no, CustomsRef: ref})
	require.NoError(f.t, err)
}

func (f *fixture) storedDecl(no string) types.ImportDeclaration {
	f.t.Helper()
	d, err := f.k.Declarations.Get(f.ctx, no)
	require.NoError(f.t, err)
	return d
}

// Stages of the import flow, each returning the importer facility id.

// hcReceived: an importer facility of op (staff is its staff) and hygiene
// certificate AU/hcNo RECEIVED.
func (f *fixture) hcReceived() uint64 {
	f.t.Helper()
	id := f.importerOf(op)
	f.addStaff(op, id, staff)
	f.receiveHC(hcCountry, hcNo)
	return id
}

// declared: hcReceived, the certificate VERIFIED, declNo DECLARED.
func (f *fixture) declared() uint64 {
	f.t.Helper()
	id := f.hcReceived()
	f.verifyHC(hcCountry, hcNo, true)
	f.declare(declNo, id)
	return id
}

// inspecting: declared, then INSPECTING (inspection PENDING).
func (f *fixture) inspecting() uint64 {
	f.t.Helper()
	id := f.declared()
	f.startInspection(declNo)
	return id
}

// passed: inspecting, then inspection PASS.
func (f *fixture) passed() uint64 {
	f.t.Helper()
	id := f.inspecting()
	f.inspect(declNo, types.InspectionResultPass)
	return id
}

// cleared: passed, then CLEARED under customsRef.
func (f *fixture) cleared() uint64 {
	f.t.Helper()
	id := f.passed()
	f.clearDecl(declNo, customsRef)
	return id
}

// undisclosedExcept is one digest for every share field not in disclosed.
func undisclosedExcept(disclosed ...types.ShareField) []types.SharedValue {
	var out []types.SharedValue
	for n := types.ShareFieldItems; n <= types.ShareFieldInspection; n++ {
		skip := false
		for _, d := range disclosed {
			skip = skip || d == n
		}
		if !skip {
			out = append(out, types.SharedValue{Field: n, Digest: saltedDigest})
		}
	}
	return out
}
