package simulation

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them. The lifecycle steps weigh about the same so that items travel the
// whole way, registration a little more so that there is always something to move.
const (
	OpWeightMsgOpenCase            = "op_weight_msg_open_case"
	OpWeightMsgCloseCase           = "op_weight_msg_close_case"
	OpWeightMsgRegisterEvidence    = "op_weight_msg_register_evidence"
	OpWeightMsgTakeCustody         = "op_weight_msg_take_custody"
	OpWeightMsgProposeTransfer     = "op_weight_msg_propose_transfer"
	OpWeightMsgAcceptTransfer      = "op_weight_msg_accept_transfer"
	OpWeightMsgRejectTransfer      = "op_weight_msg_reject_transfer"
	OpWeightMsgCancelTransfer      = "op_weight_msg_cancel_transfer"
	OpWeightMsgStartAnalysis       = "op_weight_msg_start_analysis"
	OpWeightMsgCompleteAnalysis    = "op_weight_msg_complete_analysis"
	OpWeightMsgSubmitToCourt       = "op_weight_msg_submit_to_court"
	OpWeightMsgRecordCourtDecision = "op_weight_msg_record_court_decision"
	OpWeightMsgArchive             = "op_weight_msg_archive"
	OpWeightMsgDispose             = "op_weight_msg_dispose"
	OpWeightMsgReturn              = "op_weight_msg_return"
	OpWeightMsgVerifyIntegrity     = "op_weight_msg_verify_integrity"

	DefaultWeightMsgOpenCase            = 30
	DefaultWeightMsgCloseCase           = 3
	DefaultWeightMsgRegisterEvidence    = 60
	DefaultWeightMsgTakeCustody         = 50
	DefaultWeightMsgProposeTransfer     = 50
	DefaultWeightMsgAcceptTransfer      = 40
	DefaultWeightMsgRejectTransfer      = 8
	DefaultWeightMsgCancelTransfer      = 8
	DefaultWeightMsgStartAnalysis       = 40
	DefaultWeightMsgCompleteAnalysis    = 40
	DefaultWeightMsgSubmitToCourt       = 35
	DefaultWeightMsgRecordCourtDecision = 35
	DefaultWeightMsgArchive             = 30
	DefaultWeightMsgDispose             = 15
	DefaultWeightMsgReturn              = 15
	DefaultWeightMsgVerifyIntegrity     = 20
)

// maxDryRuns bounds the dry runs of one search: a lifecycle step may try every
// simulation account on several items.
const maxDryRuns = 1000

// search is one run of a factory: the engine's search, with the keeper and its query
// server to read the module's state. Candidate signers are the accounts the state names
// first (custodian, receiver, proposer, case opener, last actor), then, for most
// messages, every simulation account from a random offset.
type search struct {
	*simulation.Search
	k keeper.Keeper
	q types.QueryServer
}

// factory returns the simsx factory that runs find on a new search for each operation;
// its candidate messages are dry-run through the module's Msg service.
func factory[M sdk.Msg](k keeper.Keeper, find func(s *search) ([]simsx.SimAccount, M)) simsx.SimMsgFactoryFn[M] {
	return simulation.Factory(newEngine(k), func(s *simulation.Search) ([]simsx.SimAccount, M) {
		return find(&search{Search: s, k: k, q: keeper.NewQueryServerImpl(k)})
	})
}

// newEngine dry-runs through the module's Msg service; a signer that is not a member,
// lacks the role, is of the wrong agency, or is not the custodian or receiver may not
// act, and another is tried.
func newEngine(k keeper.Keeper) *simulation.Engine {
	router := simulation.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	return simulation.NewEngine(router, append(agencysim.RoleRefusals(),
		types.ErrWrongAgency, types.ErrNotCustodian, types.ErrNotReceiver)...).WithMaxDryRuns(maxDryRuns)
}

func statuses(s ...types.EvidenceStatus) []types.EvidenceStatus { return s }

// items samples the items in one of statuses.
func (s *search) items(statuses []types.EvidenceStatus) []types.EvidenceItem {
	return simulation.Sample(s.Search, s.k.Items, nil, func(it types.EvidenceItem) bool { return hasStatus(statuses, it.Status) })
}

// cases samples the cases that pass keep (nil: all).
func (s *search) cases(keep func(types.Case) bool) []types.Case {
	return simulation.Sample(s.Search, s.k.Cases, nil, keep)
}

// MsgOpenCaseFactory opens a case with a fresh reference digest, signed by an investigator:
// half the time openers of existing cases are tried first, else every simulation account
// from a random offset (so that cases are not all opened in the first opener's agency).
func MsgOpenCaseFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgOpenCase] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgOpenCase) {
		var openers []string
		if s.R.Intn(2) == 0 {
			for _, c := range s.cases(nil) {
				openers = append(openers, c.OpenedBy)
			}
		}
		digest := randomDigest(s.R)
		addr, msg, ok := s.TrySigners(s.Signers(openers, true), func(addr string) sdk.Msg {
			return &types.MsgOpenCase{Investigator: addr, ReferenceDigest: digest}
		})
		return simulation.Done[*types.MsgOpenCase](s.Search, addr, msg, ok, "")
	})
}

// MsgCloseCaseFactory closes an OPEN case, signed by an investigator of its agency.
func MsgCloseCaseFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCloseCase] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgCloseCase) {
		cases := s.cases(isOpen)
		if len(cases) == 0 {
			return simulation.Done[*types.MsgCloseCase](s.Search, "", nil, false, "no case is OPEN")
		}
		for _, c := range cases {
			if addr, msg, ok := s.TrySigners(s.Signers([]string{c.OpenedBy}, true), func(addr string) sdk.Msg {
				return &types.MsgCloseCase{Investigator: addr, CaseId: c.Id}
			}); ok {
				return simulation.Done[*types.MsgCloseCase](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgCloseCase](s.Search, "", nil, false, "")
	})
}

// MsgRegisterEvidenceFactory registers an item in an OPEN case that has room, signed by
// an investigator of the case's agency; a third of the time it is a derived copy of an
// item of the same case (within max_derivation_depth), half of those with the same digest.
func MsgRegisterEvidenceFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterEvidence] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRegisterEvidence) {
		params, err := k.Params.Get(s.Ctx)
		if err != nil {
			return simulation.Done[*types.MsgRegisterEvidence](s.Search, "", nil, false, err.Error())
		}
		cases := s.cases(func(c types.Case) bool { return isOpen(c) && c.EvidenceCount < params.MaxItemsPerCase })
		if len(cases) == 0 {
			return simulation.Done[*types.MsgRegisterEvidence](s.Search, "", nil, false, "no OPEN case has room")
		}
		now := s.Ctx.BlockTime()
		for _, c := range cases {
			items := s.caseItems(c.Id)
			exhibit, ok := s.freeExhibit(c, items)
			if !ok {
				continue
			}
			m := types.MsgRegisterEvidence{
				CaseId:        c.Id,
				ExhibitNumber: exhibit,
				Digest:        randomDigest(s.R),
				SizeBytes:     randomSize(s.R),
				MediaType:     mediaTypes[s.R.Intn(len(mediaTypes))],
				Locator:       randomLocator(s.R, c.Id, exhibit),
			}
			if s.R.Intn(3) == 0 {
				if parent, ok := s.copyable(items, params.MaxDerivationDepth); ok {
					m.ParentId = parent.Id
					if s.R.Intn(2) == 0 {
						m.Digest = parent.Digest
					}
				}
			}
			m.Acquisition = randomAcquisition(s.R, now, m.ParentId != 0)
			if addr, msg, ok := s.TrySigners(s.Signers([]string{c.OpenedBy}, true), func(addr string) sdk.Msg {
				out := m
				out.Investigator = addr
				return &out
			}); ok {
				return simulation.Done[*types.MsgRegisterEvidence](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgRegisterEvidence](s.Search, "", nil, false, "")
	})
}

// MsgTakeCustodyFactory takes a REGISTERED item into custody, signed by a custodian of its agency.
func MsgTakeCustodyFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgTakeCustody] {
	return takeCustody.factory(k)
}

// MsgProposeTransferFactory proposes handing an IN_CUSTODY item from its custodian to
// another account that may hold evidence (a custodian or analyst of an active agency).
func MsgProposeTransferFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgProposeTransfer] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgProposeTransfer) {
		items := s.items(statuses(types.EvidenceStatusInCustody))
		if len(items) == 0 {
			return simulation.Done[*types.MsgProposeTransfer](s.Search, "", nil, false, "no item is IN_CUSTODY")
		}
		for _, it := range items {
			if !s.TestData.HasAccount(it.Custodian) {
				continue
			}
			note := maybeDigest(s.R, 3)
			if _, msg, ok := s.Try(s.Signers(nil, true), badReceiver, func(receiver string) sdk.Msg {
				return &types.MsgProposeTransfer{Custodian: it.Custodian, EvidenceId: it.Id, Receiver: receiver, NoteDigest: note}
			}); ok {
				return simulation.Done[*types.MsgProposeTransfer](s.Search, it.Custodian, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgProposeTransfer](s.Search, "", nil, false, "")
	})
}

// MsgAcceptTransferFactory accepts an open transfer, signed by its receiver.
func MsgAcceptTransferFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAcceptTransfer] {
	return acceptTransfer.factory(k)
}

// MsgRejectTransferFactory rejects an open transfer, signed by its receiver.
func MsgRejectTransferFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRejectTransfer] {
	return rejectTransfer.factory(k)
}

// MsgCancelTransferFactory cancels an open transfer, signed by its proposer.
func MsgCancelTransferFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCancelTransfer] {
	return cancelTransfer.factory(k)
}

// MsgStartAnalysisFactory starts the analysis of an IN_CUSTODY item by its custodian (an
// analyst of the custodian agency).
func MsgStartAnalysisFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgStartAnalysis] {
	return startAnalysis.factory(k)
}

// MsgCompleteAnalysisFactory completes the analysis of an IN_ANALYSIS item by its custodian.
func MsgCompleteAnalysisFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCompleteAnalysis] {
	return completeAnalysis.factory(k)
}

// MsgSubmitToCourtFactory submits an ANALYZED item to court, signed by a prosecutor.
func MsgSubmitToCourtFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSubmitToCourt] {
	return submitToCourt.factory(k)
}

// MsgRecordCourtDecisionFactory records the court's decision (admitted two times in three)
// on a SUBMITTED item, signed by a prosecutor (the one who submitted it first).
func MsgRecordCourtDecisionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRecordCourtDecision] {
	return recordCourtDecision.factory(k)
}

// MsgArchiveFactory archives an ADMITTED or EXCLUDED item, signed by a custodian of the
// custodian agency.
func MsgArchiveFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgArchive] {
	return archive.factory(k)
}

// MsgDisposeFactory disposes of an ARCHIVED item, signed by a custodian of the custodian agency.
func MsgDisposeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDispose] {
	return dispose.factory(k)
}

// MsgReturnFactory returns an ARCHIVED item to its owner, signed by a custodian of the
// custodian agency.
func MsgReturnFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgReturn] {
	return returnItem.factory(k)
}

// MsgVerifyIntegrityFactory checks an item of any status against a digest: the recorded one
// (a match) five times in six, else another (a mismatch, recorded and not an error), signed
// by anyone holding an evidence role.
func MsgVerifyIntegrityFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgVerifyIntegrity] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgVerifyIntegrity) {
		items := s.items(allStatuses)
		if len(items) == 0 {
			return simulation.Done[*types.MsgVerifyIntegrity](s.Search, "", nil, false, "no item yet")
		}
		for _, it := range items {
			digest := it.Digest
			if s.R.Intn(6) == 0 {
				digest = randomDigest(s.R)
			}
			if addr, msg, ok := s.TrySigners(s.Signers([]string{it.Custodian}, true), func(addr string) sdk.Msg {
				return &types.MsgVerifyIntegrity{Verifier: addr, EvidenceId: it.Id, Digest: digest}
			}); ok {
				return simulation.Done[*types.MsgVerifyIntegrity](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgVerifyIntegrity](s.Search, "", nil, false, "")
	})
}

func isOpen(c types.Case) bool { return c.Status == types.CaseStatusOpen }

// badReceiver reports whether err is about the proposed receiver: another may do.
func badReceiver(err error) bool { return errors.Is(err, types.ErrInvalidReceiver) }

func hasStatus(statuses []types.EvidenceStatus, s types.EvidenceStatus) bool {
	return slices.Contains(statuses, s)
}

// caseItems are the first items of a case (one query page).
func (s *search) caseItems(caseID uint64) []types.EvidenceItem {
	res, err := s.q.EvidenceByCase(s.Ctx, &types.QueryEvidenceByCaseRequest{CaseId: caseID, Pagination: &query.PageRequest{Limit: simulation.MaxRecordsScanned}})
	if err != nil {
		return nil
	}
	return res.Evidence
}

// freeExhibit returns an exhibit number not used by the case's items.
func (s *search) freeExhibit(c types.Case, items []types.EvidenceItem) (string, bool) {
	taken := make(map[string]bool, len(items))
	for _, it := range items {
		taken[it.ExhibitNumber] = true
	}
	for i := 0; i < 4; i++ {
		exhibit := fmt.Sprintf("E-%03d", c.EvidenceCount+1)
		if i > 0 {
			exhibit = fmt.Sprintf("E-%d-%06x", c.EvidenceCount+1, s.R.Intn(1<<24))
		}
		if !taken[exhibit] {
			return exhibit, true
		}
	}
	return "", false
}

// copyable picks a random item among items whose copy stays within maxDepth.
func (s *search) copyable(items []types.EvidenceItem, maxDepth uint32) (types.EvidenceItem, bool) {
	if len(items) == 0 {
		return types.EvidenceItem{}, false
	}
	parent := items[s.R.Intn(len(items))]
	// The copy's depth is the parent's depth + 1; walk up at most maxDepth links.
	depth, cur := uint32(1), parent
	for cur.ParentId != 0 && depth <= maxDepth {
		depth++
		var err error
		if cur, err = s.k.Items.Get(s.Ctx, cur.ParentId); err != nil {
			return types.EvidenceItem{}, false
		}
	}
	return parent, depth <= maxDepth
}

// lastActor is the actor of an item's last custody entry ("" if none).
func (s *search) lastActor(evidenceID uint64) string {
	res, err := s.q.CustodyHistory(s.Ctx, &types.QueryCustodyHistoryRequest{EvidenceId: evidenceID, Pagination: &query.PageRequest{Limit: 1, Reverse: true}})
	if err != nil || len(res.Events) == 0 {
		return ""
	}
	return res.Events[0].Actor
}
