package simulation

import (
	"context"
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
		digest := simulation.RandomDigest(s.R)
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
		return simulation.FirstAccepted[*types.MsgCloseCase](s.Search, cases, "no case is OPEN", func(c types.Case) ([]string, func(string) sdk.Msg) {
			return s.Signers([]string{c.OpenedBy}, true), func(addr string) sdk.Msg {
				return &types.MsgCloseCase{Investigator: addr, CaseId: c.Id}
			}
		})
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
		now := s.Ctx.BlockTime()
		return simulation.FirstAccepted[*types.MsgRegisterEvidence](s.Search, cases, "no OPEN case has room", func(c types.Case) ([]string, func(string) sdk.Msg) {
			items := s.caseItems(c.Id)
			exhibit, ok := s.freeExhibit(c, items)
			if !ok {
				return nil, nil
			}
			m := types.MsgRegisterEvidence{
				CaseId:        c.Id,
				ExhibitNumber: exhibit,
				Digest:        simulation.RandomDigest(s.R),
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
			return s.Signers([]string{c.OpenedBy}, true), func(addr string) sdk.Msg {
				out := m
				out.Investigator = addr
				return &out
			}
		})
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
		return simulation.FirstAccepted[*types.MsgVerifyIntegrity](s.Search, items, "no item yet", func(it types.EvidenceItem) ([]string, func(string) sdk.Msg) {
			digest := it.Digest
			if s.R.Intn(6) == 0 {
				digest = simulation.RandomDigest(s.R)
			}
			return s.Signers([]string{it.Custodian}, true), func(addr string) sdk.Msg {
				return &types.MsgVerifyIntegrity{Verifier: addr, EvidenceId: it.Id, Digest: digest}
			}
		})
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

// step is a lifecycle message that acts on one item: the statuses it starts from, whom to
// try as signer first (and whether to try every simulation account after them) and how
// to build it for an item and a signer. factory builds the message for an item in one of
// those statuses; outOfOrder probes the others.
type step[T sdk.Msg] struct {
	name      string // "take custody"
	from      []types.EvidenceStatus
	preferred func(s *search, it types.EvidenceItem) []string
	sweep     bool
	build     func(s *search, it types.EvidenceItem, signer string) T
}

func (st step[T]) factory(k keeper.Keeper) simsx.SimMsgFactoryFn[T] {
	return factory(k, func(s *search) ([]simsx.SimAccount, T) {
		items := s.items(st.from)
		if len(items) == 0 {
			return simulation.Done[T](s.Search, "", nil, false, "no item is "+labels(st.from))
		}
		signer, msg, ok, _ := st.find(s, items)
		return simulation.Done[T](s.Search, signer, msg, ok, "")
	})
}

// find looks for one of items and a signer the Msg service accepts for it. Without one,
// refusal is the last refusal that was not about the signer (the item's status, say).
func (st step[T]) find(s *search, items []types.EvidenceItem) (signer string, msg sdk.Msg, ok bool, refusal error) {
	for _, it := range items {
		if signer, msg, ok = s.TrySigners(s.Signers(st.preferred(s, it), st.sweep), func(addr string) sdk.Msg {
			return st.build(s, it, addr)
		}); ok {
			return signer, msg, true, nil
		}
		if err := s.LastErr(); err != nil && !s.MayNotAct(err) {
			refusal = err
		}
	}
	return "", nil, false, refusal
}

// outOfOrder probes the lifecycle: it tries the message on items in a status the message
// does not start from, with the same signers as factory. The Msg service must refuse it
// (the probe then reports a NoOp naming the refusal); if it accepts, the probe delivers the
// message with a result handler that fails the simulation, naming the hole.
func (st step[T]) outOfOrder(k keeper.Keeper) simsx.SimMsgFactoryX {
	others := otherStatuses(st.from)
	e := newEngine(k)
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, T, simsx.SimDeliveryResultHandler) {
		s := &search{Search: e.Search(ctx, testData, reporter), k: k, q: keeper.NewQueryServerImpl(k)}
		var zero T
		items := s.items(others)
		signer, msg, ok, refusal := st.find(s, items)
		switch {
		case ok:
			return []simsx.SimAccount{testData.GetAccount(reporter, signer)}, msg.(T), func(err error) error {
				return fmt.Errorf("lifecycle hole: %s was accepted for an item that is not %s (delivery error: %v)",
					sdk.MsgTypeURL(msg), labels(st.from), err)
			}
		case len(items) == 0:
			reporter.Skipf("out of order: no item is other than %s", labels(st.from))
		case refusal != nil:
			reporter.Skipf("out of order: refused as it must be: %s", simulation.RootCause(refusal))
		default:
			reporter.Skipf("out of order: no simulation account may %s", st.name)
		}
		return nil, zero, nil
	})
}

// DefaultWeightOutOfOrder is the default weight of each lifecycle probe.
const DefaultWeightOutOfOrder = 3

// OutOfOrderProbes are the probes of every lifecycle message (see step.outOfOrder), each
// with the AppParams key of its weight, "op_weight_<msg>_out_of_order".
func OutOfOrderProbes(k keeper.Keeper) []simulation.Op {
	return []simulation.Op{
		{WeightKey: "op_weight_msg_take_custody_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: takeCustodyOrReclaim().outOfOrder(k)},
		{WeightKey: "op_weight_msg_propose_transfer_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: proposeTransferOutOfOrder.outOfOrder(k)},
		{WeightKey: "op_weight_msg_accept_transfer_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: acceptTransfer.outOfOrder(k)},
		{WeightKey: "op_weight_msg_reject_transfer_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: rejectTransfer.outOfOrder(k)},
		{WeightKey: "op_weight_msg_cancel_transfer_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: cancelTransfer.outOfOrder(k)},
		{WeightKey: "op_weight_msg_start_analysis_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: startAnalysis.outOfOrder(k)},
		{WeightKey: "op_weight_msg_complete_analysis_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: completeAnalysis.outOfOrder(k)},
		{WeightKey: "op_weight_msg_submit_to_court_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: submitToCourt.outOfOrder(k)},
		{WeightKey: "op_weight_msg_record_court_decision_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: recordCourtDecision.outOfOrder(k)},
		{WeightKey: "op_weight_msg_archive_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: archive.outOfOrder(k)},
		{WeightKey: "op_weight_msg_dispose_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: dispose.outOfOrder(k)},
		{WeightKey: "op_weight_msg_return_out_of_order", DefaultWeight: DefaultWeightOutOfOrder, Factory: returnItem.outOfOrder(k)},
	}
}

// takeCustodyOrReclaim is takeCustody for the lifecycle probe: an IN_CUSTODY or
// IN_ANALYSIS item may be taken too, as a reclaim when its holder can no longer act
// (types.Reclaimable), so the probe tries only the other statuses. The factory itself
// generates takes of REGISTERED items only.
func takeCustodyOrReclaim() step[*types.MsgTakeCustody] {
	st := takeCustody
	st.from = statuses(types.EvidenceStatusRegistered, types.EvidenceStatusInCustody, types.EvidenceStatusInAnalysis)
	return st
}

// The lifecycle steps, with the signers the state names first.

func custodian(_ *search, it types.EvidenceItem) []string { return []string{it.Custodian} }

func custodianAndLastActor(s *search, it types.EvidenceItem) []string {
	return []string{it.Custodian, s.lastActor(it.Id)}
}

func receiver(s *search, it types.EvidenceItem) []string {
	if t, err := s.k.Transfers.Get(s.Ctx, it.Id); err == nil {
		return []string{t.Receiver}
	}
	return []string{it.Custodian}
}

func proposer(s *search, it types.EvidenceItem) []string {
	if t, err := s.k.Transfers.Get(s.Ctx, it.Id); err == nil {
		return []string{t.Proposer}
	}
	return []string{it.Custodian}
}

var (
	takeCustody = step[*types.MsgTakeCustody]{
		name: "take custody", from: statuses(types.EvidenceStatusRegistered), preferred: custodian, sweep: true,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgTakeCustody {
			return &types.MsgTakeCustody{Custodian: addr, EvidenceId: it.Id, NoteDigest: maybeDigest(s.R, 3)}
		},
	}
	// proposeTransferOutOfOrder is ProposeTransfer for the probe only: the status is checked
	// before the receiver, so any other simulation account will do as receiver.
	// (MsgProposeTransferFactory searches for a receiver that may hold evidence.)
	proposeTransferOutOfOrder = step[*types.MsgProposeTransfer]{
		name: "propose a transfer", from: statuses(types.EvidenceStatusInCustody), preferred: custodian, sweep: false,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgProposeTransfer {
			n := s.TestData.AccountsCount()
			i := s.R.Intn(n)
			other := s.TestData.AccountAt(s.Reporter, i).AddressBech32 // in range: no skip
			if other == addr {
				other = s.TestData.AccountAt(s.Reporter, (i+1)%n).AddressBech32
			}
			return &types.MsgProposeTransfer{Custodian: addr, EvidenceId: it.Id, Receiver: other}
		},
	}
	acceptTransfer = step[*types.MsgAcceptTransfer]{
		name: "accept a transfer", from: statuses(types.EvidenceStatusTransferPending), preferred: receiver,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgAcceptTransfer {
			return &types.MsgAcceptTransfer{Receiver: addr, EvidenceId: it.Id, NoteDigest: maybeDigest(s.R, 3)}
		},
	}
	rejectTransfer = step[*types.MsgRejectTransfer]{
		name: "reject a transfer", from: statuses(types.EvidenceStatusTransferPending), preferred: receiver,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgRejectTransfer {
			return &types.MsgRejectTransfer{Receiver: addr, EvidenceId: it.Id, NoteDigest: maybeDigest(s.R, 3)}
		},
	}
	cancelTransfer = step[*types.MsgCancelTransfer]{
		name: "cancel a transfer", from: statuses(types.EvidenceStatusTransferPending), preferred: proposer,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgCancelTransfer {
			return &types.MsgCancelTransfer{Proposer: addr, EvidenceId: it.Id, NoteDigest: maybeDigest(s.R, 3)}
		},
	}
	startAnalysis = step[*types.MsgStartAnalysis]{
		name: "start the analysis", from: statuses(types.EvidenceStatusInCustody), preferred: custodian,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgStartAnalysis {
			return &types.MsgStartAnalysis{Analyst: addr, EvidenceId: it.Id, NoteDigest: maybeDigest(s.R, 3)}
		},
	}
	completeAnalysis = step[*types.MsgCompleteAnalysis]{
		name: "complete the analysis", from: statuses(types.EvidenceStatusInAnalysis), preferred: custodian,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgCompleteAnalysis {
			return &types.MsgCompleteAnalysis{Analyst: addr, EvidenceId: it.Id, ReportDigest: simulation.RandomDigest(s.R)}
		},
	}
	submitToCourt = step[*types.MsgSubmitToCourt]{
		name: "submit to court", from: statuses(types.EvidenceStatusAnalyzed), preferred: custodianAndLastActor, sweep: true,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgSubmitToCourt {
			return &types.MsgSubmitToCourt{Prosecutor: addr, EvidenceId: it.Id, CourtRefDigest: simulation.RandomDigest(s.R)}
		},
	}
	recordCourtDecision = step[*types.MsgRecordCourtDecision]{
		name: "record the court's decision", from: statuses(types.EvidenceStatusSubmitted), preferred: custodianAndLastActor, sweep: true,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgRecordCourtDecision {
			decision := types.CourtDecisionAdmitted
			if s.R.Intn(3) == 0 {
				decision = types.CourtDecisionExcluded
			}
			return &types.MsgRecordCourtDecision{Prosecutor: addr, EvidenceId: it.Id, Decision: decision, NoteDigest: maybeDigest(s.R, 3)}
		},
	}
	archive = step[*types.MsgArchive]{
		name: "archive", from: statuses(types.EvidenceStatusAdmitted, types.EvidenceStatusExcluded), preferred: custodianAndLastActor, sweep: true,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgArchive {
			return &types.MsgArchive{Custodian: addr, EvidenceId: it.Id, NoteDigest: maybeDigest(s.R, 3)}
		},
	}
	dispose = step[*types.MsgDispose]{
		name: "dispose", from: statuses(types.EvidenceStatusArchived), preferred: custodian, sweep: true,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgDispose {
			return &types.MsgDispose{Custodian: addr, EvidenceId: it.Id, NoteDigest: maybeDigest(s.R, 2)}
		},
	}
	returnItem = step[*types.MsgReturn]{
		name: "return", from: statuses(types.EvidenceStatusArchived), preferred: custodian, sweep: true,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgReturn {
			return &types.MsgReturn{Custodian: addr, EvidenceId: it.Id, NoteDigest: maybeDigest(s.R, 2)}
		},
	}
)

// allStatuses are the statuses an item can be in.
var allStatuses = statuses(
	types.EvidenceStatusRegistered, types.EvidenceStatusInCustody, types.EvidenceStatusTransferPending,
	types.EvidenceStatusInAnalysis, types.EvidenceStatusAnalyzed, types.EvidenceStatusSubmitted,
	types.EvidenceStatusAdmitted, types.EvidenceStatusExcluded, types.EvidenceStatusArchived,
	types.EvidenceStatusDisposed, types.EvidenceStatusReturned,
)

func otherStatuses(from []types.EvidenceStatus) []types.EvidenceStatus {
	var out []types.EvidenceStatus
	for _, s := range allStatuses {
		if !hasStatus(from, s) {
			out = append(out, s)
		}
	}
	return out
}

func labels(ss []types.EvidenceStatus) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " or "
		}
		out += s.Label()
	}
	return out
}
