package keeper_test

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/haccp/types"
)

func TestQueryHygieneCertificate(t *testing.T) {
	// ARRANGE
	f := newImportFixture(t)
	f.receiveHC(hcCountry, hcNo)

	// ACT / ASSERT
	res, err := f.q.HygieneCertificate(f.ctx, &types.QueryHygieneCertificateRequest{Country: hcCountry, CertNo: hcNo})
	require.NoError(t, err)
	require.Equal(t, f.hygieneCert(hcCountry, hcNo), res.Certificate)
	_, err = f.q.HygieneCertificate(f.ctx, &types.QueryHygieneCertificateRequest{Country: "NZ", CertNo: hcNo})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.HygieneCertificate(f.ctx, &types.QueryHygieneCertificateRequest{Country: "nz", CertNo: hcNo})
	requireCode(t, codes.InvalidArgument, err)
	_, err = f.q.HygieneCertificate(f.ctx, &types.QueryHygieneCertificateRequest{Country: hcCountry, CertNo: "a"})
	requireCode(t, codes.InvalidArgument, err)
	_, err = f.q.HygieneCertificate(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)
}

func TestQueryDeclarations(t *testing.T) {
	// ARRANGE: declNo cleared, IMP-2026-0002 declared by the same importer,
	// IMP-2026-0003 by another importer with another animal.
	f := newImportFixture(t)
	id := f.cleared()
	f.receiveHC("NZ", hcNo)
	second := f.declareMsg(op, "IMP-2026-0002", id)
	second.HygieneCertCountry = "NZ"
	_, err := f.msg.DeclareImport(f.ctx, second)
	require.NoError(t, err)
	other := f.importerOf(op2)
	usHC := f.receiveMsg(customsOfficer, "US", hcNo)
	usHC.ImporterFacilityId = other
	_, err = f.msg.ReceiveHygieneCert(f.ctx, usHC)
	require.NoError(t, err)
	third := f.declareMsg(op2, "IMP-2026-0003", other)
	third.HygieneCertCountry = "US"
	third.Items[0].LivestockTraceNo = "L12345678901234"
	_, err = f.msg.DeclareImport(f.ctx, third)
	require.NoError(t, err)

	// Declaration
	res, err := f.q.Declaration(f.ctx, &types.QueryDeclarationRequest{DeclNo: declNo})
	require.NoError(t, err)
	require.Equal(t, f.storedDecl(declNo), res.Declaration)
	_, err = f.q.Declaration(f.ctx, &types.QueryDeclarationRequest{DeclNo: "IMP-404"})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.Declaration(f.ctx, &types.QueryDeclarationRequest{DeclNo: "imp"})
	requireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Declaration(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)

	// DeclarationsByImporter
	mine, err := f.q.DeclarationsByImporter(f.ctx, &types.QueryDeclarationsByImporterRequest{FacilityId: id})
	require.NoError(t, err)
	require.Equal(t, []string{declNo, "IMP-2026-0002"}, declNos(mine.Declarations))
	page, err := f.q.DeclarationsByImporter(f.ctx, &types.QueryDeclarationsByImporterRequest{FacilityId: id, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []string{declNo}, declNos(page.Declarations))
	require.NotEmpty(t, page.Pagination.NextKey)
	theirs, err := f.q.DeclarationsByImporter(f.ctx, &types.QueryDeclarationsByImporterRequest{FacilityId: other})
	require.NoError(t, err)
	require.Equal(t, []string{"IMP-2026-0003"}, declNos(theirs.Declarations))
	_, err = f.q.DeclarationsByImporter(f.ctx, &types.QueryDeclarationsByImporterRequest{FacilityId: 404})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.DeclarationsByImporter(f.ctx, &types.QueryDeclarationsByImporterRequest{})
	requireCode(t, codes.InvalidArgument, err)

	// DeclarationByCustomsRef
	byRef, err := f.q.DeclarationByCustomsRef(f.ctx, &types.QueryDeclarationByCustomsRefRequest{CustomsRef: customsRef})
	require.NoError(t, err)
	require.Equal(t, declNo, byRef.Declaration.DeclNo)
	_, err = f.q.DeclarationByCustomsRef(f.ctx, &types.QueryDeclarationByCustomsRefRequest{CustomsRef: "KCS-2026-999999"})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.DeclarationByCustomsRef(f.ctx, &types.QueryDeclarationByCustomsRefRequest{CustomsRef: "kcs"})
	requireCode(t, codes.InvalidArgument, err)
	_, err = f.q.DeclarationByCustomsRef(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)

	// DeclarationsByTraceNumber
	byTrace, err := f.q.DeclarationsByTraceNumber(f.ctx, &types.QueryDeclarationsByTraceNumberRequest{TraceNo: traceNo})
	require.NoError(t, err)
	require.Equal(t, []string{declNo, "IMP-2026-0002"}, declNos(byTrace.Declarations))
	bundle, err := f.q.DeclarationsByTraceNumber(f.ctx, &types.QueryDeclarationsByTraceNumberRequest{TraceNo: "L12345678901234"})
	require.NoError(t, err)
	require.Equal(t, []string{"IMP-2026-0003"}, declNos(bundle.Declarations))
	none, err := f.q.DeclarationsByTraceNumber(f.ctx, &types.QueryDeclarationsByTraceNumberRequest{TraceNo: "999999999999"})
	require.NoError(t, err)
	require.Empty(t, none.Declarations)
	_, err = f.q.DeclarationsByTraceNumber(f.ctx, &types.QueryDeclarationsByTraceNumberRequest{TraceNo: "12345"})
	requireCode(t, codes.InvalidArgument, err)
	_, err = f.q.DeclarationsByTraceNumber(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)
}

func TestQueryDeclarationsPageSizeIsClamped(t *testing.T) {
	// ARRANGE: more declarations of one animal than a page holds
	f := newImportFixture(t)
	id := f.hcReceived()
	n := int(pagination.MaxLimit) + 1
	items := importItems()[:1]
	for i := 0; i < n; i++ {
		msg := f.declareMsg(op, "IMP-"+padded(i), id)
		msg.Items = items
		_, err := f.msg.DeclareImport(f.ctx, msg)
		require.NoError(t, err)
		// withdrawing releases the hygiene certificate for the next declaration
		_, err = f.msg.WithdrawDeclaration(f.ctx, &types.MsgWithdrawDeclaration{Signer: f.s(op), DeclNo: msg.DeclNo})
		require.NoError(t, err)
	}

	// ACT
	res, err := f.q.DeclarationsByTraceNumber(f.ctx, &types.QueryDeclarationsByTraceNumberRequest{TraceNo: traceNo, Pagination: &query.PageRequest{Limit: 1 << 40}})

	// ASSERT
	require.NoError(t, err)
	require.Len(t, res.Declarations, int(pagination.MaxLimit))
	require.NotEmpty(t, res.Pagination.NextKey)
}

func TestQueryImportConfirmationShare(t *testing.T) {
	// ARRANGE
	f := newImportFixture(t)
	f.cleared()
	shared, err := f.msg.ShareImportConfirmation(f.ctx, f.shareMsg(op, types.ShareFieldOrigin))
	require.NoError(t, err)

	// ACT / ASSERT
	res, err := f.q.ImportConfirmationShare(f.ctx, &types.QueryImportConfirmationShareRequest{Id: shared.Id})
	require.NoError(t, err)
	stored, err := f.k.Shares.Get(f.ctx, shared.Id)
	require.NoError(t, err)
	require.Equal(t, stored, res.Share)
	require.Equal(t, types.SharedValue{Field: types.ShareFieldOrigin, Value: `["AU","NZ"]`}, res.Share.Values[2])
	_, err = f.q.ImportConfirmationShare(f.ctx, &types.QueryImportConfirmationShareRequest{Id: 404})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.ImportConfirmationShare(f.ctx, &types.QueryImportConfirmationShareRequest{})
	requireCode(t, codes.InvalidArgument, err)
	_, err = f.q.ImportConfirmationShare(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)
}

func declNos(ds []types.ImportDeclaration) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.DeclNo
	}
	return out
}

// padded is i as four digits.
func padded(i int) string {
	b := []byte{'0', '0', '0', '0'}
	for j := 3; j >= 0 && i > 0; j-- {
		b[j] = byte('0' + i%10)
		i /= 10
	}
	return string(b)
}

// TestIndexQueriesFollowTheirRecords: a query served by an IndexedMap's index
// answers right after its record is created, updated and deleted, and pages
// with the same next_key as before the indexes moved into the IndexedMaps
// (the key set's encoding after the query's prefix).
func TestIndexQueriesFollowTheirRecords(t *testing.T) {
	f := newImportFixture(t)

	// Staff: added, then removed.
	id := f.facility(op)
	f.addStaff(op, id, staff2)
	st, err := f.q.FacilityStaff(f.ctx, &types.QueryFacilityStaffRequest{FacilityId: id})
	require.NoError(t, err)
	require.Equal(t, []string{f.s(staff2)}, st.Staff)
	require.Equal(t, []uint64{id}, f.facilitiesOfStaff(staff2))
	_, err = f.msg.RemoveFacilityStaff(f.ctx, &types.MsgRemoveFacilityStaff{Operator: f.s(op), FacilityId: id, Staff: f.s(staff2)})
	require.NoError(t, err)
	st, err = f.q.FacilityStaff(f.ctx, &types.QueryFacilityStaffRequest{FacilityId: id})
	require.NoError(t, err)
	require.Empty(t, st.Staff)
	require.Empty(t, f.facilitiesOfStaff(staff2))

	// A declaration created, then updated four times up to its clearance:
	// listed once by importer and trace number, found by its customs_ref.
	imp := f.cleared()
	byImporter, err := f.q.DeclarationsByImporter(f.ctx, &types.QueryDeclarationsByImporterRequest{FacilityId: imp})
	require.NoError(t, err)
	require.Equal(t, []types.ImportDeclaration{f.storedDecl(declNo)}, byImporter.Declarations)
	byTrace, err := f.q.DeclarationsByTraceNumber(f.ctx, &types.QueryDeclarationsByTraceNumberRequest{TraceNo: traceNo})
	require.NoError(t, err)
	require.Equal(t, []types.ImportDeclaration{f.storedDecl(declNo)}, byTrace.Declarations)
	byRef, err := f.q.DeclarationByCustomsRef(f.ctx, &types.QueryDeclarationByCustomsRefRequest{CustomsRef: customsRef})
	require.NoError(t, err)
	require.Equal(t, types.DeclarationStatusCleared, byRef.Declaration.Status)

	// Paging: next_key is the next record's key within the prefix.
	second := "IMP-2026-0009"
	f.putDeclaration(second, imp, types.DeclarationStatusDeclared, beef("AU-LOT-77", traceNo))
	page, err := f.q.DeclarationsByImporter(f.ctx, &types.QueryDeclarationsByImporterRequest{FacilityId: imp, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []string{declNo}, declNos(page.Declarations))
	require.Equal(t, []byte(second), page.Pagination.NextKey)
	page, err = f.q.DeclarationsByImporter(f.ctx, &types.QueryDeclarationsByImporterRequest{FacilityId: imp, Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, []string{second}, declNos(page.Declarations))
	tracePage, err := f.q.DeclarationsByTraceNumber(f.ctx, &types.QueryDeclarationsByTraceNumberRequest{TraceNo: traceNo, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Equal(t, []byte(second), tracePage.Pagination.NextKey)
	facilities, err := f.q.Facilities(f.ctx, &types.QueryFacilitiesRequest{Operator: f.s(op), Pagination: &query.PageRequest{Limit: 1, CountTotal: true}})
	require.NoError(t, err)
	require.Equal(t, []uint64{id}, []uint64{facilities.Facilities[0].Id})
	require.Equal(t, binary.BigEndian.AppendUint64(nil, imp), facilities.Pagination.NextKey)
	require.Equal(t, uint64(2), facilities.Pagination.Total)
}
