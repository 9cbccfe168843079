package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

const (
	certA = "HACCP-2026-0001"
	certB = "HACCP-2026-0002"
	declC = "IMP-2026-0003"
	declD = "IMP-2026-0004"
)

// genesisState builds a state with every kind of record: facilities with
// staff, certificates with versions, audits and history, CCP records with a
// corrective action, hygiene certificates and declarations (one through the
// import handlers, three written directly in CLEARED and DECLARED), a share
// (written directly), an active recall naming a lot and two declarations, and
// a closed one. It returns the ids.
type genesisIDs struct {
	fac, imp, ccp, active, closed, share uint64
}

func (f *fixture) genesisState() genesisIDs {
	f.t.Helper()
	var ids genesisIDs
	ids.fac = f.facility(op)
	f.addStaff(op, ids.fac, staff)
	ids.imp = f.importer(op2)
	f.addStaff(op2, ids.imp, staff2)

	_, err := f.msg.IssueCertificate(f.ctx, f.issueMsg(certA, ids.fac))
	require.NoError(f.t, err)
	other := f.issueMsg(certB, ids.imp)
	other.Certifier = f.s(cert2)
	_, err = f.msg.IssueCertificate(f.ctx, other)
	require.NoError(f.t, err)
	f.at(T0.Add(time.Hour))
	f.suspend(certA)
	_, err = f.msg.RenewCertificate(f.ctx, f.renewMsg(certA, T0.Add(time.Hour)))
	require.NoError(f.t, err)
	_, err = f.msg.RecordAudit(f.ctx, &types.MsgRecordAudit{Certifier: f.s(cert), CertNo: certA,
		Audit: types.Audit{At: T0.Add(time.Hour), Result: types.AuditResultPass, ReportDigest: reportDigest}})
	require.NoError(f.t, err)

	ids.ccp = f.anchor(staff, ids.fac, true)
	_, err = f.msg.RecordCorrectiveAction(f.ctx, &types.MsgRecordCorrectiveAction{Signer: f.s(op), RecordId: ids.ccp, ActionDigest: actionDigest})
	require.NoError(f.t, err)
	f.anchor(op2, ids.imp, false)

	f.putDeclaration(declA, ids.imp, types.DeclarationStatusCleared, cheese("LOT-B"), beef("LOT-C", "002012345678"))
	f.putDeclaration(declB, ids.imp, types.DeclarationStatusCleared, cheese("LOT-D"))
	f.putDeclaration(declC, ids.imp, types.DeclarationStatusDeclared, beef("LOT-E", "L20260101000001"))
	f.customsAgency()
	f.clearThroughHandlers(declD, ids.imp, cheese("LOT-F"))
	ids.share = f.putShare(declA, outsider)

	f.at(T0.Add(2 * time.Hour))
	ids.active = f.issueRecall(cert, []string{"LOT-A"}, []string{declA, declD})
	ids.closed = f.issueRecall(insp, []string{"LOT-X"}, []string{declB})
	f.closeRecall(insp, ids.closed)
	return ids
}

// indexes is every derived collection: InitGenesis must rebuild each from
// the exported records (the IndexedMaps' indexes with their records).
type indexes struct {
	FacilitiesByOperator    []collections.Pair[sdk.AccAddress, uint64]
	FacilityStaff           []collections.Pair[uint64, sdk.AccAddress]
	StaffFacilities         []collections.Pair[sdk.AccAddress, uint64]
	Certificates            []collections.KeyValue[string, types.Certificate]
	CertificatesByFacility  []collections.Pair[uint64, string]
	CertificateEventHead    []collections.KeyValue[string, uint64]
	CcpRecordsByFacility    []collections.Pair[uint64, uint64]
	DeclarationsByImporter  []collections.Pair[uint64, string]
	DeclarationByCustomsRef []collections.KeyValue[string, string]
	DeclarationsByTraceNo   []collections.Pair[string, string]
	ActiveRecalls           []uint64
	RecalledLots            []collections.Pair[string, uint64]
	SharesByDeclaration     []collections.Pair[string, uint64]
}

// staffKeys is every (facility id, staff account) entry, in order.
func staffKeys(t *testing.T, ctx sdk.Context, k keeper.Keeper) []collections.Pair[uint64, sdk.AccAddress] {
	t.Helper()
	var keys []collections.Pair[uint64, sdk.AccAddress]
	for _, kv := range testkeeper.EntriesOf(t, ctx, k.FacilityStaff) {
		keys = append(keys, kv.Key)
	}
	return keys
}

// staffByAccount is every (staff account, facility id) entry of the staff's account index, in order.
func staffByAccount(t *testing.T, ctx sdk.Context, k keeper.Keeper) []collections.Pair[sdk.AccAddress, uint64] {
	t.Helper()
	var keys []collections.Pair[sdk.AccAddress, uint64]
	require.NoError(t, k.FacilityStaff.Indexes.Account.Walk(ctx, nil, func(account sdk.AccAddress, facilityID uint64) (bool, error) {
		keys = append(keys, collections.Join(account, facilityID))
		return false, nil
	}))
	return keys
}

// facilitiesOfStaff are the facilities an account is staff of, from the staff's account index.
func (f *fixture) facilitiesOfStaff(account sdk.AccAddress) []uint64 {
	f.t.Helper()
	it, err := f.k.FacilityStaff.Indexes.Account.MatchExact(f.ctx, account)
	require.NoError(f.t, err)
	keys, err := it.PrimaryKeys()
	require.NoError(f.t, err)
	var ids []uint64
	for _, key := range keys {
		ids = append(ids, key.K1())
	}
	return ids
}

func (f *fixture) indexes() indexes {
	t, ctx, k := f.t, f.ctx, f.k
	return indexes{
		FacilitiesByOperator:    testkeeper.KeysOf(t, ctx, k.Facilities.Indexes.Operator),
		FacilityStaff:           staffKeys(t, ctx, k),
		StaffFacilities:         staffByAccount(t, ctx, k),
		Certificates:            testkeeper.EntriesOf(t, ctx, k.Certificates),
		CertificatesByFacility:  testkeeper.KeysOf(t, ctx, k.Certificates.Indexes.Facility),
		CertificateEventHead:    testkeeper.EntriesOf(t, ctx, k.CertificateEventHead),
		CcpRecordsByFacility:    testkeeper.KeysOf(t, ctx, k.CcpRecords.Indexes.Facility),
		DeclarationsByImporter:  testkeeper.KeysOf(t, ctx, k.Declarations.Indexes.Importer),
		DeclarationByCustomsRef: testkeeper.EntriesOf(t, ctx, k.Declarations.Indexes.CustomsRef),
		DeclarationsByTraceNo:   testkeeper.KeysOf(t, ctx, k.Declarations.Indexes.TraceNo),
		ActiveRecalls:           testkeeper.KeysOf(t, ctx, k.ActiveRecalls),
		RecalledLots:            testkeeper.KeysOf(t, ctx, k.RecalledLots),
		SharesByDeclaration:     testkeeper.KeysOf(t, ctx, k.Shares.Indexes.Declaration),
	}
}

// TestGenesisRoundTrip exports a state with every kind of record, imports it
// into a fresh keeper, and checks the export is identical, every index was
// rebuilt and the id sequences and histories continue.
func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ids := f.genesisState()
	exported := f.export()
	require.NoError(t, exported.Validate())
	require.NoError(t, exported.ValidateAddresses(f.k.AddressCodec()))
	require.Len(t, exported.Facilities, 2)
	require.Len(t, exported.Staff, 2)
	require.Len(t, exported.Certificates, 3, "certA versions 1 and 2, certB version 1")
	require.Len(t, exported.CertificateEvents, 5)
	require.Len(t, exported.CcpRecords, 2)
	require.NotNil(t, exported.CcpRecords[0].CorrectiveAction)
	require.Len(t, exported.HygieneCertificates, 4)
	require.Len(t, exported.Declarations, 4)
	require.Len(t, exported.Recalls, 2)
	require.Len(t, exported.Shares, 1)
	require.Equal(t, uint64(3), exported.NextFacilityId)
	require.Equal(t, uint64(3), exported.NextCcpRecordId)
	require.Equal(t, uint64(3), exported.NextRecallId)
	require.Equal(t, uint64(2), exported.NextShareId)
	want := f.indexes()
	require.Equal(t, append(append(append(lotIDs("LOT-A", ids.active), lotIDs("LOT-B", ids.active)...),
		lotIDs("LOT-C", ids.active)...), lotIDs("LOT-F", ids.active)...), want.RecalledLots)

	// ACT
	g := newFixture(t)
	g.at(f.ctx.BlockTime())
	require.NoError(t, g.k.InitGenesis(g.ctx, exported))

	// ASSERT
	require.Equal(t, exported, g.export())
	require.Equal(t, want, g.indexes(), "every index rebuilt as the handlers wrote it")

	// The imported chain carries on: ids continue, histories append, recalls close.
	require.Equal(t, exported.NextFacilityId, g.facility(op))
	require.Equal(t, exported.NextCcpRecordId, g.anchor(op, ids.fac, false))
	require.Equal(t, exported.NextRecallId, g.issueRecall(cert, []string{"LOT-Z"}, nil))
	require.Equal(t, exported.NextShareId, g.putShare(declB, outsider))
	g.reinstate(certA) // renewal kept certA SUSPENDED
	head, err := g.k.CertificateEventHead.Get(g.ctx, certA)
	require.NoError(t, err)
	require.Equal(t, uint64(5), head, "certA had 4 events before the import")
	_, err = g.msg.AddFacilityStaff(g.ctx, &types.MsgAddFacilityStaff{Operator: g.s(op), FacilityId: ids.fac, Staff: g.s(staff)})
	require.ErrorIs(t, err, types.ErrStaffExists, "the staff index was rebuilt")
	_, err = g.msg.IssueRecall(g.ctx, g.recallMsg(cert, nil, []string{declA}))
	require.ErrorIs(t, err, types.ErrInvalidTransition, "declA is still RECALLED")
	require.Equal(t, []uint64{ids.active}, g.isRecalled("LOT-B").RecallIds)
	g.closeRecall(insp, ids.active)
	require.False(t, g.isRecalled("LOT-B").Recalled)
	require.False(t, g.isRecalled("LOT-C").Recalled)
	require.False(t, g.isRecalled("LOT-F").Recalled)
	require.Equal(t, []uint64{exported.NextRecallId}, g.activeRecalls())
}

func TestInitGenesisRejectsInvalid(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(gs *types.GenesisState)
	}{
		{"next_recall_id 0", func(gs *types.GenesisState) { gs.NextRecallId = 0 }},
		{"invalid params", func(gs *types.GenesisState) { gs.Params.MaxRecallTargets = 0 }},
		{"recall id not below next_recall_id", func(gs *types.GenesisState) { gs.NextRecallId = gs.Recalls[len(gs.Recalls)-1].Id }},
		{"recall naming an unknown declaration", func(gs *types.GenesisState) { gs.Recalls[0].DeclarationNos = []string{"IMP-404"} }},
		{"active recall with closed_at", func(gs *types.GenesisState) { gs.Recalls[0].ClosedAt = &T0 }},
		{"recall issued_by not a civic address", func(gs *types.GenesisState) { gs.Recalls[0].IssuedBy = "cosmos1notcivic" }},
		{"facility operator not a civic address", func(gs *types.GenesisState) { gs.Facilities[0].Operator = "cosmos1notcivic" }},
		{"staff_count disagrees", func(gs *types.GenesisState) { gs.Facilities[0].StaffCount++ }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			gs := validGenesis(t)
			tc.edit(gs)
			k, _, ctx := testkeeper.HaccpKeeper(t)
			before, err := k.ExportGenesis(ctx)
			require.NoError(t, err)

			// ACT
			err = k.InitGenesis(ctx, gs)

			// ASSERT
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			after, err := k.ExportGenesis(ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "a rejected genesis writes nothing")
		})
	}
}

func TestDefaultGenesisExport(t *testing.T) {
	k, _, ctx := testkeeper.HaccpKeeper(t)
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultGenesis(), gs)
}

// validGenesis is the export of the full genesisState.
func validGenesis(t *testing.T) *types.GenesisState {
	f := newFixture(t)
	f.genesisState()
	gs := f.export()
	require.NoError(t, gs.Validate())
	return gs
}
