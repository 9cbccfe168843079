package types_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/evidence/types"
)

// t0 is the reference time of the genesis tables.
var t0 = sample.Now

// validGenesis has one open case with an original item (IN_CUSTODY, verified
// once) and a derived copy with an open transfer.
func validGenesis() *types.GenesisState {
	inv, cust, lab := sample.Addr("inv"), sample.Addr("cust"), sample.Addr("lab")
	item := func(id, parent uint64, exhibit string, status types.EvidenceStatus) types.EvidenceItem {
		return types.EvidenceItem{
			Id: id, CaseId: 1, ExhibitNumber: exhibit, ParentId: parent, Digest: sample.HexDigest("a"), SizeBytes: 10,
			MediaType: "application/octet-stream", Locator: "s3://b/" + exhibit,
			Acquisition: types.Acquisition{Method: types.AcquisitionMethodSeizure, AcquiredAt: t0.Add(-time.Hour)},
			Custodian:   cust, CustodianAgency: "knpa", Status: status, RegisteredAt: t0, UpdatedAt: t0,
		}
	}
	ev := func(id, seq uint64, a types.CustodyAction, actor string, from, to types.EvidenceStatus) types.CustodyEvent {
		return types.CustodyEvent{Seq: seq, EvidenceId: id, Action: a, Actor: actor, AgencyId: "knpa", FromStatus: from, ToStatus: to, Time: t0}
	}
	return &types.GenesisState{
		Params: types.DefaultParams(),
		Cases: []types.Case{{
			Id: 1, AgencyId: "knpa", ReferenceDigest: sample.HexDigest("1"), Status: types.CaseStatusOpen,
			OpenedAt: t0, OpenedBy: inv, EvidenceCount: 2,
		}},
		Items: []types.EvidenceItem{
			item(1, 0, "E-001", types.EvidenceStatusInCustody),
			item(2, 1, "E-001-C1", types.EvidenceStatusTransferPending),
		},
		CustodyEvents: []types.CustodyEvent{
			ev(1, 1, types.CustodyActionRegistered, inv, types.EvidenceStatusUnspecified, types.EvidenceStatusRegistered),
			ev(1, 2, types.CustodyActionCustodyTaken, cust, types.EvidenceStatusRegistered, types.EvidenceStatusInCustody),
			ev(1, 3, types.CustodyActionIntegrityMismatch, cust, types.EvidenceStatusInCustody, types.EvidenceStatusInCustody),
			ev(2, 1, types.CustodyActionRegistered, inv, types.EvidenceStatusUnspecified, types.EvidenceStatusRegistered),
			ev(2, 2, types.CustodyActionCustodyTaken, cust, types.EvidenceStatusRegistered, types.EvidenceStatusInCustody),
			ev(2, 3, types.CustodyActionTransferProposed, cust, types.EvidenceStatusInCustody, types.EvidenceStatusTransferPending),
		},
		Transfers: []types.Transfer{{
			EvidenceId: 2, Proposer: cust, ProposerAgency: "knpa", Receiver: lab, ProposedAt: t0,
		}},
		NextCaseId:     2,
		NextEvidenceId: 3,
	}
}

func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	require.NoError(t, validGenesis().Validate())
	require.NoError(t, validGenesis().ValidateAddresses(sample.Codec))

	for _, tc := range []struct {
		name   string
		mutate func(gs *types.GenesisState)
		msg    string
	}{
		{"invalid params", func(gs *types.GenesisState) { gs.Params.MaxItemsPerCase = 0 }, "max_items_per_case"},
		{"next case id zero", func(gs *types.GenesisState) { gs.NextCaseId = 0 }, "start at 1"},
		{"case id zero", func(gs *types.GenesisState) { gs.Cases[0].Id = 0 }, "case id 0"},
		{"case id not below next", func(gs *types.GenesisState) { gs.NextCaseId = 1 }, "case id 1"},
		{"duplicate case", func(gs *types.GenesisState) {
			gs.Cases = append(gs.Cases, gs.Cases[0])
		}, "duplicate case id 1"},
		{"duplicate case reference", func(gs *types.GenesisState) {
			c := gs.Cases[0]
			c.Id, c.EvidenceCount = 2, 0
			gs.Cases, gs.NextCaseId = append(gs.Cases, c), 3
		}, "already has a case"},
		{"bad agency id", func(gs *types.GenesisState) { gs.Cases[0].AgencyId = "KNPA" }, "case 1"},
		{"bad reference digest", func(gs *types.GenesisState) { gs.Cases[0].ReferenceDigest = "2026-1234" }, "reference_digest"},
		{"case status unspecified", func(gs *types.GenesisState) { gs.Cases[0].Status = 0 }, "invalid status"},
		{"closed case without closed_at", func(gs *types.GenesisState) { gs.Cases[0].Status = types.CaseStatusClosed }, "closed_at"},
		{"open case with closed_at", func(gs *types.GenesisState) { gs.Cases[0].ClosedAt = t0 }, "closed_at"},
		{"case without opener", func(gs *types.GenesisState) { gs.Cases[0].OpenedBy = "" }, "opened_by"},
		{"evidence count wrong", func(gs *types.GenesisState) { gs.Cases[0].EvidenceCount = 1 }, "evidence_count"},
		{"duplicate item", func(gs *types.GenesisState) { gs.Items[1].Id = 1 }, "duplicate evidence id 1"},
		{"item id not below next", func(gs *types.GenesisState) { gs.NextEvidenceId = 2 }, "evidence id 2"},
		{"item of unknown case", func(gs *types.GenesisState) { gs.Items[0].CaseId = 9 }, "unknown case 9"},
		{"item digest uppercase", func(gs *types.GenesisState) { gs.Items[0].Digest = sample.HexDigest("A") }, "lowercase hex"},
		{"item exhibit invalid", func(gs *types.GenesisState) { gs.Items[0].ExhibitNumber = "홍길동" }, "exhibit_number"},
		{"duplicate exhibit in case", func(gs *types.GenesisState) { gs.Items[1].ExhibitNumber = "E-001" }, "used twice"},
		{"item size zero", func(gs *types.GenesisState) { gs.Items[0].SizeBytes = 0 }, "size_bytes"},
		{"item locator without scheme", func(gs *types.GenesisState) { gs.Items[0].Locator = "bucket/key" }, "scheme"},
		{"item acquired after registration", func(gs *types.GenesisState) { gs.Items[0].Acquisition.AcquiredAt = t0.Add(time.Hour) }, "acquired_at"},
		{"item without custodian", func(gs *types.GenesisState) { gs.Items[0].Custodian = "" }, "custodian"},
		{"item status unspecified", func(gs *types.GenesisState) { gs.Items[0].Status = 0 }, "invalid status"},
		{"unknown parent", func(gs *types.GenesisState) { gs.Items[1].ParentId = 7 }, "parent 7"},
		{"parent not earlier (cycle)", func(gs *types.GenesisState) { gs.Items[0].ParentId = 2 }, "parent 2"},
		{"event of unknown item", func(gs *types.GenesisState) { gs.CustodyEvents[0].EvidenceId = 9 }, "unknown evidence 9"},
		{"seq gap", func(gs *types.GenesisState) { gs.CustodyEvents[2].Seq = 4 }, "seq 4 follows 2"},
		{"seq repeated", func(gs *types.GenesisState) { gs.CustodyEvents[2].Seq = 2 }, "seq 2 follows 2"},
		{"seq out of order", func(gs *types.GenesisState) {
			gs.CustodyEvents[0], gs.CustodyEvents[1] = gs.CustodyEvents[1], gs.CustodyEvents[0]
		}, "seq 2 follows 0"},
		{"first entry not REGISTERED", func(gs *types.GenesisState) {
			gs.CustodyEvents[0].Action = types.CustodyActionCustodyTaken
		}, "first entry"},
		{"REGISTERED later", func(gs *types.GenesisState) { gs.CustodyEvents[2].Action = types.CustodyActionRegistered }, "only the first"},
		{"illegal transition in log", func(gs *types.GenesisState) {
			gs.CustodyEvents[1].ToStatus = types.EvidenceStatusArchived
		}, "from REGISTERED to ARCHIVED"},
		{"entry does not start where the log was", func(gs *types.GenesisState) {
			gs.CustodyEvents[5].FromStatus = types.EvidenceStatusTransferPending
			gs.CustodyEvents[5].ToStatus = types.EvidenceStatusInCustody
		}, "starts from TRANSFER_PENDING"},
		{"integrity entry changes status", func(gs *types.GenesisState) {
			gs.CustodyEvents[2].ToStatus = types.EvidenceStatusInAnalysis
		}, "does not change the status"},
		{"log ends elsewhere than the item", func(gs *types.GenesisState) { gs.CustodyEvents = gs.CustodyEvents[:5] }, "log ends in IN_CUSTODY"},
		{"item without log", func(gs *types.GenesisState) { gs.CustodyEvents = gs.CustodyEvents[:3] }, "evidence 2 has no custody log"},
		{"bad note digest", func(gs *types.GenesisState) { gs.CustodyEvents[2].NoteDigest = "note" }, "note_digest"},
		{"entry without actor", func(gs *types.GenesisState) { gs.CustodyEvents[2].Actor = "" }, "actor"},
		{"transfer of unknown item", func(gs *types.GenesisState) { gs.Transfers[0].EvidenceId = 9 }, "unknown evidence 9"},
		{"two transfers for one item", func(gs *types.GenesisState) {
			gs.Transfers = append(gs.Transfers, gs.Transfers[0])
		}, "two open transfers"},
		{"transfer for an item not pending", func(gs *types.GenesisState) {
			tr := gs.Transfers[0]
			tr.EvidenceId = 1
			gs.Transfers = append(gs.Transfers, tr)
		}, "open transfer but is IN_CUSTODY"},
		{"pending item without transfer", func(gs *types.GenesisState) { gs.Transfers = nil }, "exactly for TRANSFER_PENDING"},
		{"transfer to the proposer", func(gs *types.GenesisState) { gs.Transfers[0].Receiver = gs.Transfers[0].Proposer }, "differ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis()
			tc.mutate(gs)
			err := gs.Validate()
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.msg)
		})
	}
}

func TestGenesisValidateAddresses(t *testing.T) {
	for _, mutate := range []func(gs *types.GenesisState){
		func(gs *types.GenesisState) { gs.Cases[0].OpenedBy = "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq" },
		func(gs *types.GenesisState) { gs.Items[0].Custodian = "civic1zzz" },
		func(gs *types.GenesisState) { gs.CustodyEvents[0].Actor = "x" },
		func(gs *types.GenesisState) { gs.Transfers[0].Receiver = "civic" },
	} {
		gs := validGenesis()
		mutate(gs)
		require.ErrorIs(t, gs.ValidateAddresses(sample.Codec), types.ErrInvalidGenesis)
	}
}

// Finding 13 of issue 11: an upper-case spelling of an address decodes to the same account;
// genesis refuses it as every message does, so state holds one spelling per account.
func TestFinding13UpperCaseAddressRefusedInGenesis(t *testing.T) {
	gs := validGenesis()
	gs.Items[0].Custodian = strings.ToUpper(gs.Items[0].Custodian)
	err := gs.ValidateAddresses(sample.Codec)
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
	require.ErrorContains(t, err, "canonical")
}
