package types_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/haccp/types"
)

// t0 is the reference time of the genesis tables.
var t0 = sample.Now

// validGenesis has an importer (1) and a manufacturer (2) with one staff
// account; a certificate of the manufacturer renewed once; a CCP record with a
// deviation and its corrective action; two hygiene certificates; a cleared
// and then recalled declaration and a fresh one; the recall; and one share.
func validGenesis() *types.GenesisState {
	op1, op2, staff, cert, insp, cust, imp := sample.Addr("op1"), sample.Addr("op2"), sample.Addr("staff"), sample.Addr("cert"), sample.Addr("insp"), sample.Addr("cust"), sample.Addr("imp")
	return &types.GenesisState{
		Params: types.DefaultParams(),
		Facilities: []types.Facility{
			{Id: 1, Operator: op1, BusinessRegistrationDigest: sample.HexDigest("1"), Type: types.FacilityTypeImporter, Name: "Han Imports", RegionCode: "11110", RegisteredAt: t0},
			{Id: 2, Operator: op2, BusinessRegistrationDigest: sample.HexDigest("2"), Type: types.FacilityTypeManufacturer, Name: "정직식품", RegionCode: "26110", StaffCount: 1, RegisteredAt: t0},
		},
		Staff: []types.FacilityStaffEntry{{FacilityId: 2, Address: staff}},
		Certificates: []types.Certificate{
			{CertNo: "HACCP-0001", FacilityId: 2, Scope: []string{"dairy", "meat"}, ValidFrom: t0, ValidUntil: t0.AddDate(1, 0, 0), Status: types.CertificateStatusActive, Version: 1, AgencyId: "mfds", Certifier: cert, UpdatedAt: t0},
			{CertNo: "HACCP-0001", FacilityId: 2, Scope: []string{"meat"}, ValidFrom: t0.AddDate(1, 0, 0), ValidUntil: t0.AddDate(2, 0, 0), Status: types.CertificateStatusSuspended, Version: 2, AgencyId: "mfds", Certifier: cert, ReasonCode: "CCP_DEVIATION", UpdatedAt: t0,
				LastAudit: &types.Audit{At: t0, Result: types.AuditResultConditional, ReportDigest: sample.HexDigest("3")}},
		},
		CertificateEvents: []types.CertificateEvent{
			{CertNo: "HACCP-0001", Seq: 1, Action: types.CertificateActionIssued, Status: types.CertificateStatusActive, Version: 1, Time: t0, Actor: cert},
			{CertNo: "HACCP-0001", Seq: 2, Action: types.CertificateActionRenewed, Status: types.CertificateStatusActive, Version: 2, Time: t0, Actor: cert},
			{CertNo: "HACCP-0001", Seq: 3, Action: types.CertificateActionSuspended, Status: types.CertificateStatusSuspended, Version: 2, Time: t0, Actor: cert, ReasonCode: "CCP_DEVIATION"},
		},
		CcpRecords: []types.CcpRecord{{
			Id: 1, FacilityId: 2, CcpCode: "CCP-1B", PeriodStart: t0.Add(-time.Hour), PeriodEnd: t0, LogDigest: sample.HexDigest("4"),
			Deviation: true, RecordedBy: staff, RecordedAt: t0,
			CorrectiveAction: &types.CorrectiveAction{ActionDigest: sample.HexDigest("5"), RecordedBy: op2, RecordedAt: t0},
		}},
		HygieneCertificates: []types.HygieneCertificate{
			{Country: "AU", CertNo: "HC-0001", IssuingAuthority: "DAFF", Product: "Chilled beef", Lot: "AU-2026-001", DocumentDigest: sample.HexDigest("6"), Status: types.HygieneCertStatusUsed, AgencyId: "mfds", ReceivedBy: cust, ReceivedAt: t0, UsedBy: "DECL-0001", UpdatedAt: t0, ImporterFacilityId: 1, HeldBy: "DECL-0001"},
			{Country: "AU", CertNo: "HC-0002", IssuingAuthority: "DAFF", Product: "Cheese", Lot: "AU-2026-002", DocumentDigest: sample.HexDigest("7"), Status: types.HygieneCertStatusVerified, AgencyId: "mfds", ReceivedBy: cust, ReceivedAt: t0, UpdatedAt: t0, ImporterFacilityId: 1, HeldBy: "DECL-0002"},
		},
		Declarations: []types.ImportDeclaration{
			{DeclNo: "DECL-0001", ImporterFacilityId: 1, Items: []types.ImportItem{validItem()}, HygieneCertCountry: "AU", HygieneCertNo: "HC-0001",
				CustomsRef: "12345-26-000001", Inspection: types.InspectionResultPass, Status: types.DeclarationStatusRecalled,
				DeclaredBy: imp, DeclaredAt: t0, InspectedBy: insp, InspectionReportDigest: sample.HexDigest("8"), ClearedBy: cust, RecallId: 1, UpdatedAt: t0},
			{DeclNo: "DECL-0002", ImporterFacilityId: 1, Items: []types.ImportItem{{Product: "Cheddar", HsCode: "040690", OriginCountry: "AU", Lot: "AU-2026-002", Quantity: 10, Unit: "BOX"}},
				HygieneCertCountry: "AU", HygieneCertNo: "HC-0002", Inspection: types.InspectionResultPending, Status: types.DeclarationStatusDeclared, DeclaredBy: imp, DeclaredAt: t0, UpdatedAt: t0},
		},
		Recalls: []types.Recall{{
			Id: 1, Class: types.RecallClassI, ReasonCode: "LISTERIA", Lots: []string{"AU-2026-001", "KR-LOT-9"}, DeclarationNos: []string{"DECL-0001"},
			Active: true, AgencyId: "mfds", IssuedBy: insp, IssuedAt: t0,
		}},
		Shares: []types.ImportConfirmationShare{{
			Id: 1, DeclNo: "DECL-0001", Partner: "did:civic:partner1",
			Values: []types.SharedValue{
				{Field: types.ShareFieldItems, Digest: sample.HexDigest("9")},
				{Field: types.ShareFieldOrigin, Value: `["AU"]`},
			},
			StatusAtShare: types.DeclarationStatusCleared, SharedBy: imp, SharedAt: t0,
		}},
		NextFacilityId: 3, NextCcpRecordId: 2, NextRecallId: 2, NextShareId: 2,
	}
}

func TestDefaultGenesis(t *testing.T) {
	gs := types.DefaultGenesis()
	require.NoError(t, gs.Validate())
	require.NoError(t, gs.ValidateAddresses(sample.Codec))
	require.Equal(t, uint64(1), gs.NextFacilityId)
	require.Equal(t, uint64(1), gs.NextShareId)
}

func TestValidGenesis(t *testing.T) {
	gs := validGenesis()
	require.NoError(t, gs.Validate())
	require.NoError(t, gs.ValidateAddresses(sample.Codec))
}

func TestGenesisRejections(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*types.GenesisState)
		msg  string
	}{
		{"bad params", func(g *types.GenesisState) { g.Params.MaxRecallTargets = 0 }, "max_recall_targets"},
		{"next id zero", func(g *types.GenesisState) { g.NextShareId = 0 }, "start at 1"},
		{"facility id at next", func(g *types.GenesisState) { g.Facilities[1].Id = 3 }, "facility id 3"},
		{"facility id zero", func(g *types.GenesisState) { g.Facilities[0].Id = 0 }, "facility id 0"},
		{"duplicate facility", func(g *types.GenesisState) { g.Facilities[0].Id = 2 }, "duplicate facility id 2"},
		{"facility bad digest", func(g *types.GenesisState) { g.Facilities[0].BusinessRegistrationDigest = "x" }, "business_registration_digest"},
		{"facility bad type", func(g *types.GenesisState) { g.Facilities[0].Type = types.FacilityTypeUnspecified }, "invalid type"},
		{"facility bad name", func(g *types.GenesisState) { g.Facilities[0].Name = "" }, "name is empty"},
		{"facility bad region", func(g *types.GenesisState) { g.Facilities[0].RegionCode = "1" }, "region_code"},
		{"facility no operator", func(g *types.GenesisState) { g.Facilities[0].Operator = "" }, "operator is required"},
		{"facility no registered_at", func(g *types.GenesisState) { g.Facilities[0].RegisteredAt = time.Time{} }, "registered_at"},
		{"staff unknown facility", func(g *types.GenesisState) { g.Staff[0].FacilityId = 9 }, "unknown facility 9"},
		{"staff duplicate", func(g *types.GenesisState) {
			g.Staff = append(g.Staff, g.Staff[0])
			g.Facilities[1].StaffCount = 2
		}, "listed twice"},
		{"staff is operator", func(g *types.GenesisState) { g.Staff[0].Address = g.Facilities[1].Operator }, "operator"},
		{"staff count mismatch", func(g *types.GenesisState) { g.Facilities[1].StaffCount = 0 }, "staff_count is 0"},
		{"staff over max", func(g *types.GenesisState) { g.Params.MaxStaffPerFacility = 0 }, "max_staff_per_facility"},
		{"staff empty address", func(g *types.GenesisState) { g.Staff[0].Address = "" }, "staff address is empty"},
		{"cert unknown facility", func(g *types.GenesisState) { g.Certificates[0].FacilityId = 9 }, "unknown facility 9"},
		{"cert bad number", func(g *types.GenesisState) { g.Certificates[0].CertNo = "x" }, "cert_no"},
		{"cert bad scope", func(g *types.GenesisState) { g.Certificates[0].Scope = []string{"meat", "dairy"} }, "sorted"},
		{"cert bad period", func(g *types.GenesisState) { g.Certificates[0].ValidUntil = t0 }, "valid_from"},
		{"cert expired stored", func(g *types.GenesisState) { g.Certificates[0].Status = types.CertificateStatusExpired }, "not a stored status"},
		{"cert bad audit", func(g *types.GenesisState) { g.Certificates[1].LastAudit.ReportDigest = "" }, "report_digest"},
		{"cert bad agency", func(g *types.GenesisState) { g.Certificates[0].AgencyId = "" }, "agency"},
		{"cert no certifier", func(g *types.GenesisState) { g.Certificates[0].Certifier = "" }, "certifier"},
		{"cert bad reason", func(g *types.GenesisState) { g.Certificates[1].ReasonCode = "x" }, "reason_code"},
		{"cert version gap", func(g *types.GenesisState) { g.Certificates[1].Version = 3 }, "version 3 where 2"},
		{"cert version from 2", func(g *types.GenesisState) { g.Certificates = g.Certificates[1:] }, "version 2 where 1"},
		{"cert facility changes", func(g *types.GenesisState) { g.Certificates[1].FacilityId = 1 }, "differs"},
		{"cert unordered", func(g *types.GenesisState) {
			c := g.Certificates[0]
			c.CertNo = "HACCP-0000"
			g.Certificates = append(g.Certificates, c)
		}, "ordered by cert_no"},
		{"event unknown cert", func(g *types.GenesisState) { g.CertificateEvents[0].CertNo = "NOPE-1" }, "unknown certificate"},
		{"event seq gap", func(g *types.GenesisState) { g.CertificateEvents[2].Seq = 4 }, "seq 4 follows 2"},
		{"event first not issued", func(g *types.GenesisState) { g.CertificateEvents[0].Action = types.CertificateActionAudited }, "ISSUED"},
		{"event second issued", func(g *types.GenesisState) { g.CertificateEvents[1].Action = types.CertificateActionIssued }, "ISSUED"},
		{"event bad version", func(g *types.GenesisState) { g.CertificateEvents[2].Version = 3 }, "version 3 must be in 1..2"},
		{"event version back", func(g *types.GenesisState) { g.CertificateEvents[2].Version = 1 }, "goes back"},
		{"event no actor", func(g *types.GenesisState) { g.CertificateEvents[0].Actor = "" }, "actor"},
		{"event expired", func(g *types.GenesisState) { g.CertificateEvents[0].Status = types.CertificateStatusExpired }, "stored status"},
		{"cert status not last event", func(g *types.GenesisState) { g.Certificates[1].Status = types.CertificateStatusActive }, "last event"},
		{"cert without events", func(g *types.GenesisState) { g.CertificateEvents = nil }, "no events"},
		{"ccp id at next", func(g *types.GenesisState) { g.CcpRecords[0].Id = 2 }, "CCP record id 2"},
		{"ccp duplicate", func(g *types.GenesisState) {
			g.CcpRecords = append(g.CcpRecords, g.CcpRecords[0])
		}, "duplicate CCP record id 1"},
		{"ccp unknown facility", func(g *types.GenesisState) { g.CcpRecords[0].FacilityId = 9 }, "unknown facility 9"},
		{"ccp bad code", func(g *types.GenesisState) { g.CcpRecords[0].CcpCode = "ccp" }, "ccp_code"},
		{"ccp bad period", func(g *types.GenesisState) { g.CcpRecords[0].PeriodEnd = t0.Add(time.Hour) }, "period_end"},
		{"ccp bad digest", func(g *types.GenesisState) { g.CcpRecords[0].LogDigest = "" }, "log_digest"},
		{"ccp action without deviation", func(g *types.GenesisState) { g.CcpRecords[0].Deviation = false }, "without a deviation"},
		{"ccp action bad digest", func(g *types.GenesisState) { g.CcpRecords[0].CorrectiveAction.ActionDigest = "" }, "action_digest"},
		{"hygiene duplicate", func(g *types.GenesisState) { g.HygieneCertificates[1].CertNo = "HC-0001" }, "duplicate hygiene certificate"},
		{"hygiene bad country", func(g *types.GenesisState) { g.HygieneCertificates[1].Country = "XX" }, "country"},
		{"hygiene bad lot", func(g *types.GenesisState) { g.HygieneCertificates[1].Lot = "a b" }, "lot"},
		{"hygiene bad authority", func(g *types.GenesisState) { g.HygieneCertificates[1].IssuingAuthority = "" }, "issuing_authority"},
		{"hygiene used without used_by", func(g *types.GenesisState) { g.HygieneCertificates[0].UsedBy = "" }, "used_by"},
		{"hygiene used_by wrong", func(g *types.GenesisState) {
			g.HygieneCertificates[1].Status = types.HygieneCertStatusUsed
			g.HygieneCertificates[1].UsedBy = "DECL-0002"
		}, "not a cleared declaration using it"},
		{"decl duplicate", func(g *types.GenesisState) { g.Declarations[1].DeclNo = "DECL-0001" }, "duplicate declaration"},
		{"decl bad number", func(g *types.GenesisState) { g.Declarations[1].DeclNo = "d" }, "decl_no"},
		{"decl unknown importer", func(g *types.GenesisState) { g.Declarations[1].ImporterFacilityId = 9 }, "unknown importer facility 9"},
		{"decl not importer", func(g *types.GenesisState) { g.Declarations[1].ImporterFacilityId = 2 }, "not IMPORTER"},
		{"decl no items", func(g *types.GenesisState) { g.Declarations[1].Items = nil }, "1..50 items"},
		{"decl too many items", func(g *types.GenesisState) {
			g.Params.MaxItemsPerDeclaration = 1
			g.Declarations[1].Items = append(g.Declarations[1].Items, g.Declarations[1].Items[0])
		}, "1..1 items"},
		{"decl bad item", func(g *types.GenesisState) { g.Declarations[0].Items[0].LivestockTraceNo = "" }, "livestock_trace_no"},
		{"decl unknown hygiene cert", func(g *types.GenesisState) { g.Declarations[1].HygieneCertNo = "HC-0009" }, "unknown hygiene certificate"},
		{"decl cleared hygiene not used", func(g *types.GenesisState) {
			g.Declarations[0].HygieneCertNo = "HC-0002"
		}, "hygiene certificate"},
		{"decl customs_ref dup", func(g *types.GenesisState) {
			d := g.Declarations[0]
			d.DeclNo = "DECL-0003"
			d.RecallId = 0
			d.Status = types.DeclarationStatusCleared
			d.HygieneCertNo = "HC-0003"
			h := g.HygieneCertificates[0]
			h.CertNo, h.UsedBy, h.HeldBy = "HC-0003", "DECL-0003", "DECL-0003"
			g.HygieneCertificates = append(g.HygieneCertificates, h)
			g.Declarations = append(g.Declarations, d)
		}, "share customs_ref"},
		{"decl bad customs_ref", func(g *types.GenesisState) { g.Declarations[0].CustomsRef = "x" }, "customs_ref"},
		{"decl customs_ref before clearance", func(g *types.GenesisState) { g.Declarations[1].CustomsRef = "ABCDEF-1" }, "only at clearance"},
		{"decl cleared without pass", func(g *types.GenesisState) { g.Declarations[0].Inspection = types.InspectionResultPending }, "PASS"},
		{"decl rejected without fail", func(g *types.GenesisState) { g.Declarations[1].Status = types.DeclarationStatusRejected }, "FAIL"},
		{"decl bad status", func(g *types.GenesisState) { g.Declarations[1].Status = 0 }, "invalid status"},
		{"decl bad inspection", func(g *types.GenesisState) { g.Declarations[1].Inspection = 9 }, "inspection"},
		{"decl bad report digest", func(g *types.GenesisState) { g.Declarations[0].InspectionReportDigest = "x" }, "inspection_report_digest"},
		{"decl no declared_by", func(g *types.GenesisState) { g.Declarations[1].DeclaredBy = "" }, "declared_by"},
		{"decl recalled without recall", func(g *types.GenesisState) { g.Declarations[0].RecallId = 0 }, "recall_id"},
		{"decl recall not naming it", func(g *types.GenesisState) {
			g.Recalls[0].DeclarationNos = []string{"DECL-0002"}
		}, "does not name it"},
		{"recall id at next", func(g *types.GenesisState) { g.Recalls[0].Id = 2 }, "recall id 2"},
		{"recall bad class", func(g *types.GenesisState) { g.Recalls[0].Class = 0 }, "class"},
		{"recall bad reason", func(g *types.GenesisState) { g.Recalls[0].ReasonCode = "" }, "reason_code"},
		{"recall unsorted lots", func(g *types.GenesisState) { g.Recalls[0].Lots = []string{"B", "A"} }, "sorted"},
		{"recall bad lot", func(g *types.GenesisState) { g.Recalls[0].Lots = []string{"a b"} }, "lot"},
		{"recall unknown declaration", func(g *types.GenesisState) {
			g.Recalls[0].DeclarationNos = []string{"DECL-0001", "DECL-0009"}
		}, "unknown declaration"},
		{"recall too many targets", func(g *types.GenesisState) { g.Params.MaxRecallTargets = 2 }, "at most 2"},
		{"recall no targets", func(g *types.GenesisState) {
			g.Recalls[0].Lots, g.Recalls[0].DeclarationNos = nil, nil
			g.Declarations[0].Status = types.DeclarationStatusCleared
			g.Declarations[0].RecallId = 0
		}, "at least one"},
		{"recall unknown facility", func(g *types.GenesisState) { g.Recalls[0].FacilityId = 9 }, "unknown facility 9"},
		{"recall active with closed_at", func(g *types.GenesisState) { c := t0; g.Recalls[0].ClosedAt = &c }, "closed_at"},
		{"recall closed before issued", func(g *types.GenesisState) {
			c := t0.Add(-time.Hour)
			g.Recalls[0].Active, g.Recalls[0].ClosedAt = false, &c
		}, "before issued_at"},
		{"share id at next", func(g *types.GenesisState) { g.Shares[0].Id = 2 }, "share id 2"},
		{"share unknown declaration", func(g *types.GenesisState) { g.Shares[0].DeclNo = "DECL-0009" }, "unknown declaration"},
		{"share bad partner", func(g *types.GenesisState) { g.Shares[0].Partner = "" }, "partner"},
		{"share no values", func(g *types.GenesisState) { g.Shares[0].Values = nil }, "at least one value"},
		{"share values unordered", func(g *types.GenesisState) {
			v := g.Shares[0].Values
			v[0], v[1] = v[1], v[0]
		}, "ordered by field"},
		{"share bad value", func(g *types.GenesisState) { g.Shares[0].Values[0].Value = "x" }, "exactly one"},
		{"share bad status", func(g *types.GenesisState) { g.Shares[0].StatusAtShare = 0 }, "status_at_share"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis()
			tc.mod(gs)
			err := gs.Validate()
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestGenesisValidateAddresses(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*types.GenesisState)
		msg  string
	}{
		{"operator", func(g *types.GenesisState) { g.Facilities[0].Operator = "cosmos1xyz" }, "facility operator"},
		{"staff", func(g *types.GenesisState) { g.Staff[0].Address = "x" }, "facility staff"},
		{"certifier", func(g *types.GenesisState) { g.Certificates[0].Certifier = "x" }, "certifier"},
		{"event actor", func(g *types.GenesisState) { g.CertificateEvents[0].Actor = "x" }, "event actor"},
		{"ccp recorded_by", func(g *types.GenesisState) { g.CcpRecords[0].RecordedBy = "x" }, "CCP record recorded_by"},
		{"corrective recorded_by", func(g *types.GenesisState) { g.CcpRecords[0].CorrectiveAction.RecordedBy = "x" }, "corrective action"},
		{"hygiene received_by", func(g *types.GenesisState) { g.HygieneCertificates[0].ReceivedBy = "x" }, "received_by"},
		{"declared_by", func(g *types.GenesisState) { g.Declarations[0].DeclaredBy = "x" }, "declared_by"},
		{"inspected_by", func(g *types.GenesisState) { g.Declarations[0].InspectedBy = "x" }, "inspected_by"},
		{"cleared_by", func(g *types.GenesisState) { g.Declarations[0].ClearedBy = "x" }, "cleared_by"},
		{"issued_by", func(g *types.GenesisState) { g.Recalls[0].IssuedBy = "x" }, "issued_by"},
		{"shared_by", func(g *types.GenesisState) { g.Shares[0].SharedBy = "x" }, "shared_by"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis()
			tc.mod(gs)
			err := gs.ValidateAddresses(sample.Codec)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.Contains(t, err.Error(), tc.msg)
		})
	}
}

// Finding 13 of issue 11: an upper-case spelling of an address decodes to the same account;
// genesis refuses it as every message does, so state holds one spelling per account.
func TestFinding13UpperCaseAddressRefusedInGenesis(t *testing.T) {
	gs := validGenesis()
	gs.Staff[0].Address = strings.ToUpper(gs.Staff[0].Address)
	err := gs.ValidateAddresses(sample.Codec)
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
	require.ErrorContains(t, err, "canonical")
}
