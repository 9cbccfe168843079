package simulation

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

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

// OutOfOrderProbe is one lifecycle probe with its weight key.
type OutOfOrderProbe struct {
	OpWeight string
	Factory  simsx.SimMsgFactoryX
}

// DefaultWeightOutOfOrder is the default weight of each lifecycle probe.
const DefaultWeightOutOfOrder = 3

// OutOfOrderProbes are the probes of every lifecycle message (see step.outOfOrder), each
// with the AppParams key of its weight, "op_weight_<msg>_out_of_order".
func OutOfOrderProbes(k keeper.Keeper) []OutOfOrderProbe {
	return []OutOfOrderProbe{
		{"op_weight_msg_take_custody_out_of_order", takeCustodyOrReclaim().outOfOrder(k)},
		{"op_weight_msg_propose_transfer_out_of_order", proposeTransferOutOfOrder.outOfOrder(k)},
		{"op_weight_msg_accept_transfer_out_of_order", acceptTransfer.outOfOrder(k)},
		{"op_weight_msg_reject_transfer_out_of_order", rejectTransfer.outOfOrder(k)},
		{"op_weight_msg_cancel_transfer_out_of_order", cancelTransfer.outOfOrder(k)},
		{"op_weight_msg_start_analysis_out_of_order", startAnalysis.outOfOrder(k)},
		{"op_weight_msg_complete_analysis_out_of_order", completeAnalysis.outOfOrder(k)},
		{"op_weight_msg_submit_to_court_out_of_order", submitToCourt.outOfOrder(k)},
		{"op_weight_msg_record_court_decision_out_of_order", recordCourtDecision.outOfOrder(k)},
		{"op_weight_msg_archive_out_of_order", archive.outOfOrder(k)},
		{"op_weight_msg_dispose_out_of_order", dispose.outOfOrder(k)},
		{"op_weight_msg_return_out_of_order", returnItem.outOfOrder(k)},
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
			return &types.MsgCompleteAnalysis{Analyst: addr, EvidenceId: it.Id, ReportDigest: randomDigest(s.R)}
		},
	}
	submitToCourt = step[*types.MsgSubmitToCourt]{
		name: "submit to court", from: statuses(types.EvidenceStatusAnalyzed), preferred: custodianAndLastActor, sweep: true,
		build: func(s *search, it types.EvidenceItem, addr string) *types.MsgSubmitToCourt {
			return &types.MsgSubmitToCourt{Prosecutor: addr, EvidenceId: it.Id, CourtRefDigest: randomDigest(s.R)}
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
