package keeper_test

import (
	"strings"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/haccp/types"
)

// Helpers of the recall and genesis tests. Declarations and hygiene
// certificates are written straight into their collections (the IndexedMaps
// write the indexes), so these tests do not depend on the import handlers.

var docDigest = strings.Repeat("e5", 32)

// importer registers an IMPORTER facility of operator and returns its id.
func (f *fixture) importer(operator sdk.AccAddress) uint64 {
	f.t.Helper()
	msg := f.facilityMsg(operator)
	msg.Type = types.FacilityTypeImporter
	msg.Name = "Hanbit Trading Incheon"
	res, err := f.msg.RegisterFacility(f.ctx, msg)
	require.NoError(f.t, err)
	return res.Id
}

// cheese is a non-meat import item of a lot.
func cheese(lot string) types.ImportItem {
	return types.ImportItem{Product: "Cheddar cheese", HsCode: "040690", OriginCountry: "AU", Lot: lot, Quantity: 1200, Unit: "KG"}
}

// beef is a meat import item of a lot, with a livestock trace number.
func beef(lot, traceNo string) types.ImportItem {
	return types.ImportItem{Product: "Chilled beef brisket", HsCode: "020130", OriginCountry: "AU", Lot: lot, Quantity: 800, Unit: "KG", LivestockTraceNo: traceNo}
}

// putDeclaration writes a declaration in status, and the hygiene certificate
// it uses (USED by it once cleared, else VERIFIED), as the import handlers
// would have left them.
func (f *fixture) putDeclaration(declNo string, importerID uint64, status types.DeclarationStatus, items ...types.ImportItem) types.ImportDeclaration {
	f.t.Helper()
	ctx, k := f.ctx, f.k
	hc := types.HygieneCertificate{
		Country: "AU", CertNo: "AU-" + declNo, IssuingAuthority: "Department of Agriculture", Product: items[0].Product,
		Lot: items[0].Lot, DocumentDigest: docDigest, Status: types.HygieneCertStatusVerified, AgencyId: "mfds",
		ReceivedBy: f.s(insp), ReceivedAt: T0.Add(-3 * day), UpdatedAt: T0.Add(-3 * day),
		ImporterFacilityId: importerID, HeldBy: declNo,
	}
	d := types.ImportDeclaration{
		DeclNo: declNo, ImporterFacilityId: importerID, Items: items, HygieneCertCountry: hc.Country, HygieneCertNo: hc.CertNo,
		Status: status, DeclaredBy: f.s(op2), DeclaredAt: T0.Add(-2 * day), UpdatedAt: T0.Add(-day),
	}
	switch status {
	case types.DeclarationStatusInspecting:
		d.Inspection, d.InspectedBy = types.InspectionResultPending, f.s(insp)
	case types.DeclarationStatusRejected:
		d.Inspection, d.InspectedBy, d.InspectionReportDigest = types.InspectionResultFail, f.s(insp), reportDigest
	case types.DeclarationStatusCleared:
		d.Inspection, d.InspectedBy, d.InspectionReportDigest = types.InspectionResultPass, f.s(insp), reportDigest
		d.CustomsRef, d.ClearedBy = "KCS-"+declNo, f.s(insp)
		hc.Status, hc.UsedBy, hc.UpdatedAt = types.HygieneCertStatusUsed, declNo, d.UpdatedAt
	}
	require.NoError(f.t, k.HygieneCerts.Set(ctx, collections.Join(hc.Country, hc.CertNo), hc))
	require.NoError(f.t, k.Declarations.Set(ctx, d.DeclNo, d))
	return d
}

// putShare writes an import-confirmation share of a declaration, as the share
// handler would have, and advances the share sequence.
func (f *fixture) putShare(declNo string, partner sdk.AccAddress) uint64 {
	f.t.Helper()
	last, err := f.k.LastShareID.Next(f.ctx)
	require.NoError(f.t, err)
	s := types.ImportConfirmationShare{
		Id: last + 1, DeclNo: declNo, Partner: f.s(partner),
		Values: []types.SharedValue{
			{Field: types.ShareFieldItems, Value: `[{"product":"Cheddar cheese"}]`},
			{Field: types.ShareFieldQuantities, Digest: logDigest},
		},
		StatusAtShare: types.DeclarationStatusCleared, SharedBy: f.s(op2), SharedAt: f.ctx.BlockTime(),
	}
	require.NoError(f.t, f.k.Shares.Set(f.ctx, s.Id, s))
	return s.Id
}

func (f *fixture) decl(declNo string) types.ImportDeclaration {
	f.t.Helper()
	d, err := f.k.Declarations.Get(f.ctx, declNo)
	require.NoError(f.t, err)
	return d
}

func (f *fixture) recall(id uint64) types.Recall {
	f.t.Helper()
	r, err := f.k.Recalls.Get(f.ctx, id)
	require.NoError(f.t, err)
	return r
}

// recallMsg is a valid class II MsgIssueRecall by signer.
func (f *fixture) recallMsg(signer sdk.AccAddress, lots, declNos []string) *types.MsgIssueRecall {
	return &types.MsgIssueRecall{
		Signer: f.s(signer), Class: types.RecallClassII, ReasonCode: "LISTERIA", Lots: lots, DeclarationNos: declNos,
	}
}

// issueRecall issues a recall by signer and returns its id.
func (f *fixture) issueRecall(signer sdk.AccAddress, lots, declNos []string) uint64 {
	f.t.Helper()
	res, err := f.msg.IssueRecall(f.ctx, f.recallMsg(signer, lots, declNos))
	require.NoError(f.t, err)
	return res.Id
}

func (f *fixture) closeRecall(signer sdk.AccAddress, id uint64) {
	f.t.Helper()
	_, err := f.msg.CloseRecall(f.ctx, &types.MsgCloseRecall{Signer: f.s(signer), RecallId: id})
	require.NoError(f.t, err)
}

// recalledLots is the whole RecalledLots index.
func (f *fixture) recalledLots() []collections.Pair[string, uint64] {
	f.t.Helper()
	it, err := f.k.RecalledLots.Iterate(f.ctx, nil)
	require.NoError(f.t, err)
	keys, err := it.Keys()
	require.NoError(f.t, err)
	return keys
}

// activeRecalls is the whole ActiveRecalls index.
func (f *fixture) activeRecalls() []uint64 {
	f.t.Helper()
	it, err := f.k.ActiveRecalls.Iterate(f.ctx, nil)
	require.NoError(f.t, err)
	keys, err := it.Keys()
	require.NoError(f.t, err)
	return keys
}

// isRecalled asks Query/IsRecalled about a lot.
func (f *fixture) isRecalled(lot string) *types.QueryIsRecalledResponse {
	f.t.Helper()
	res, err := f.q.IsRecalled(f.ctx, &types.QueryIsRecalledRequest{Lot: lot})
	require.NoError(f.t, err)
	return res
}

func lotIDs(lot string, ids ...uint64) []collections.Pair[string, uint64] {
	out := make([]collections.Pair[string, uint64], len(ids))
	for i, id := range ids {
		out[i] = collections.Join(lot, id)
	}
	return out
}

// clearThroughHandlers takes a declaration through the import handlers:
// hygiene certificate received and verified by insp, declared by op2, inspected
// (PASS) by insp and cleared by customsOnly (customsAgency must have run).
func (f *fixture) clearThroughHandlers(declNo string, importerID uint64, items ...types.ImportItem) {
	f.t.Helper()
	hcNo := "NZ-" + declNo
	_, err := f.msg.ReceiveHygieneCert(f.ctx, &types.MsgReceiveHygieneCert{
		Signer: f.s(insp), Country: "NZ", CertNo: hcNo, IssuingAuthority: "Ministry for Primary Industries",
		Product: items[0].Product, Lot: items[0].Lot, DocumentDigest: docDigest, ImporterFacilityId: importerID,
	})
	require.NoError(f.t, err)
	_, err = f.msg.VerifyHygieneCert(f.ctx, &types.MsgVerifyHygieneCert{Inspector: f.s(insp), Country: "NZ", CertNo: hcNo, Verified: true})
	require.NoError(f.t, err)
	_, err = f.msg.DeclareImport(f.ctx, &types.MsgDeclareImport{
		Signer: f.s(op2), DeclNo: declNo, ImporterFacilityId: importerID, Items: items, HygieneCertCountry: "NZ", HygieneCertNo: hcNo,
	})
	require.NoError(f.t, err)
	_, err = f.msg.StartInspection(f.ctx, &types.MsgStartInspection{Inspector: f.s(insp), DeclNo: declNo})
	require.NoError(f.t, err)
	_, err = f.msg.RecordInspection(f.ctx, &types.MsgRecordInspection{Inspector: f.s(insp), DeclNo: declNo, Result: types.InspectionResultPass, ReportDigest: reportDigest})
	require.NoError(f.t, err)
	_, err = f.msg.ClearDeclaration(f.ctx, &types.MsgClearDeclaration{Customs: f.s(customsOnly), DeclNo: declNo, CustomsRef: "KCS-" + declNo})
	require.NoError(f.t, err)
}
