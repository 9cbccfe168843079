package simulation

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

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

func statuses(s ...types.EvidenceStatus) []types.EvidenceStatus { return s }

// MsgOpenCaseFactory opens a case with a fresh reference digest, signed by an investigator
// (openers of existing cases are tried first).
func MsgOpenCaseFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgOpenCase] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgOpenCase) {
		s := newSearch(ctx, k, testData, reporter)
		var openers []string
		s.cases(func(types.Case) bool { return true }, func(c types.Case) bool {
			openers = append(openers, c.OpenedBy)
			return false
		})
		msg := &types.MsgOpenCase{ReferenceDigest: randomDigest(s.r)}
		s.signerFor(openers, true, mayNotAct, func(addr string) error {
			msg.Investigator = addr
			_, err := s.msgs.OpenCase(s.probe, msg)
			return err
		})
		return finish(s, true, "", "open a case", msg)
	}
}

// MsgCloseCaseFactory closes an OPEN case, signed by an investigator of its agency.
func MsgCloseCaseFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCloseCase] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCloseCase) {
		s := newSearch(ctx, k, testData, reporter)
		var msg *types.MsgCloseCase
		seen := s.cases(isOpen, func(c types.Case) bool {
			return s.signerFor([]string{c.OpenedBy}, true, mayNotAct, func(addr string) error {
				msg = &types.MsgCloseCase{Investigator: addr, CaseId: c.Id}
				_, err := s.msgs.CloseCase(s.probe, msg)
				return err
			})
		})
		return finish(s, seen, "no case is OPEN", "close a case", msg)
	}
}

// MsgRegisterEvidenceFactory registers an item in an OPEN case that has room, signed by
// an investigator of the case's agency; a third of the time it is a derived copy of an
// item of the same case (within max_derivation_depth), half of those with the same digest.
func MsgRegisterEvidenceFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterEvidence] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterEvidence) {
		s := newSearch(ctx, k, testData, reporter)
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		now := blockTime(ctx)
		var msg *types.MsgRegisterEvidence
		seen := s.cases(func(c types.Case) bool { return isOpen(c) && c.EvidenceCount < params.MaxItemsPerCase }, func(c types.Case) bool {
			exhibit, ok := s.freeExhibit(c)
			if !ok {
				return false
			}
			msg = &types.MsgRegisterEvidence{
				CaseId:        c.Id,
				ExhibitNumber: exhibit,
				Digest:        randomDigest(s.r),
				SizeBytes:     randomSize(s.r),
				MediaType:     mediaTypes[s.r.Intn(len(mediaTypes))],
				Locator:       randomLocator(s.r, c.Id, exhibit),
			}
			if s.r.Intn(3) == 0 {
				if parent, ok := s.copyable(c.Id, params.MaxDerivationDepth); ok {
					msg.ParentId = parent.Id
					if s.r.Intn(2) == 0 {
						msg.Digest = parent.Digest
					}
				}
			}
			msg.Acquisition = randomAcquisition(s.r, now, msg.ParentId != 0)
			return s.signerFor([]string{c.OpenedBy}, true, mayNotAct, func(addr string) error {
				msg.Investigator = addr
				_, err := s.msgs.RegisterEvidence(s.probe, msg)
				return err
			})
		})
		return finish(s, seen, "no OPEN case has room", "register evidence", msg)
	}
}

// MsgTakeCustodyFactory takes a REGISTERED item into custody, signed by a custodian of its agency.
func MsgTakeCustodyFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgTakeCustody] {
	return takeCustody.factory(k)
}

// MsgProposeTransferFactory proposes handing an IN_CUSTODY item from its custodian to
// another account that may hold evidence (a custodian or analyst of an active agency).
func MsgProposeTransferFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgProposeTransfer] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgProposeTransfer) {
		s := newSearch(ctx, k, testData, reporter)
		var msg *types.MsgProposeTransfer
		seen := s.items(statuses(types.EvidenceStatusInCustody), func(it types.EvidenceItem) bool {
			if !testData.HasAccount(it.Custodian) {
				return false
			}
			note := maybeDigest(s.r, 3)
			receiver, ok := s.candidate(nil, true, badReceiver, func(addr string) error {
				msg = &types.MsgProposeTransfer{Custodian: it.Custodian, EvidenceId: it.Id, Receiver: addr, NoteDigest: note}
				_, err := s.msgs.ProposeTransfer(s.probe, msg)
				return err
			})
			if ok {
				msg.Receiver = receiver
				s.signer, s.ok = it.Custodian, true
			}
			return ok
		})
		return finish(s, seen, "no item is IN_CUSTODY", "propose a transfer", msg)
	}
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
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgVerifyIntegrity) {
		s := newSearch(ctx, k, testData, reporter)
		var msg *types.MsgVerifyIntegrity
		seen := s.items(allStatuses, func(it types.EvidenceItem) bool {
			digest := it.Digest
			if s.r.Intn(6) == 0 {
				digest = randomDigest(s.r)
			}
			return s.signerFor([]string{it.Custodian}, true, mayNotAct, func(addr string) error {
				msg = &types.MsgVerifyIntegrity{Verifier: addr, EvidenceId: it.Id, Digest: digest}
				_, err := s.msgs.VerifyIntegrity(s.probe, msg)
				return err
			})
		})
		return finish(s, seen, "no item yet", "verify integrity", msg)
	}
}

func isOpen(c types.Case) bool { return c.Status == types.CaseStatusOpen }

// freeExhibit returns an exhibit number not yet used in the case.
func (s *search) freeExhibit(c types.Case) (string, bool) {
	for i := 0; i < 4; i++ {
		exhibit := fmt.Sprintf("E-%03d", c.EvidenceCount+1)
		if i > 0 {
			exhibit = fmt.Sprintf("E-%d-%06x", c.EvidenceCount+1, s.r.Intn(1<<24))
		}
		_, err := s.k.Items.Indexes.Exhibit.MatchExact(s.ctx, collections.Join(c.Id, exhibit))
		if errors.Is(err, collections.ErrNotFound) {
			return exhibit, true
		}
	}
	return "", false
}

// copyable picks a random item among the first of the case whose copy stays within maxDepth.
func (s *search) copyable(caseID uint64, maxDepth uint32) (types.EvidenceItem, bool) {
	var ids []uint64
	rng := collections.NewPrefixedPairRange[uint64, uint64](caseID)
	_ = s.k.Items.Indexes.Case.Walk(s.ctx, rng, func(_, id uint64) (bool, error) {
		ids = append(ids, id)
		return len(ids) >= maxRecordsScanned, nil
	})
	if len(ids) == 0 {
		return types.EvidenceItem{}, false
	}
	parent, err := s.k.Items.Get(s.ctx, ids[s.r.Intn(len(ids))])
	if err != nil {
		return types.EvidenceItem{}, false
	}
	// The copy's depth is the parent's depth + 1; walk up at most maxDepth links.
	depth, cur := uint32(1), parent
	for cur.ParentId != 0 && depth <= maxDepth {
		depth++
		if cur, err = s.k.Items.Get(s.ctx, cur.ParentId); err != nil {
			return types.EvidenceItem{}, false
		}
	}
	return parent, depth <= maxDepth
}
