package simulation

import (
	"context"
	"errors"
	"fmt"
	"math/rand"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/walk"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// Bounds of one factory run, so that an operation costs about the same on a large state.
const (
	maxRecordsScanned = 2048 // records read looking for the right state
	maxRecordTries    = 8    // records tried once found
	maxDryRuns        = 400  // candidate messages tried on a throw-away cache
)

// search is one run of a message factory. Records in the right state are read from the
// keeper; who may sign is partly x/agency's answer, which this module only sees through
// Authorize: so each candidate message is run through the module's own Msg service on a
// throw-away cache of the block state (a dry run: nothing is written, no event escapes),
// and only an accepted one is returned. A factory that finds nothing reports a skip with
// the reason (a NoOpMsg in the simulation summary).
type search struct {
	ctx      sdk.Context
	k        keeper.Keeper
	msgs     types.MsgServer
	testData *simsx.ChainDataSource
	reporter simsx.SimulationReporter
	r        *rand.Rand

	dryRuns int
	lastErr error
}

func newSearch(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) *search {
	return &search{
		ctx: sdk.UnwrapSDKContext(ctx), k: k, msgs: keeper.NewMsgServerImpl(k),
		testData: testData, reporter: reporter, r: testData.Rand().Rand,
	}
}

// dryRun runs msg on a throw-away cache and returns its response, or nil with lastErr
// set when the Msg service refused it.
func (s *search) dryRun(msg sdk.Msg) any {
	if s.dryRuns >= maxDryRuns {
		return nil
	}
	s.dryRuns++
	probe, _ := s.ctx.CacheContext()
	probe = probe.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
	resp, err := deliver(probe, s.msgs, msg)
	if err != nil {
		s.lastErr = err
		return nil
	}
	return resp
}

// trySigners dry-runs build(addr) for each candidate signer until one is accepted. A
// refusal that says the candidate may not act moves on to the next candidate; any other
// ends the search for this record.
func (s *search) trySigners(signers []string, build func(addr string) sdk.Msg) (string, sdk.Msg, bool) {
	for _, addr := range signers {
		msg := build(addr)
		if s.dryRun(msg) != nil {
			return addr, msg, true
		}
		if !mayNotAct(s.lastErr) || s.dryRuns >= maxDryRuns {
			return "", nil, false
		}
	}
	return "", nil, false
}

// signers is preferred (those the simulation holds keys for), then, with sweep, every
// simulation account from a random offset; each address once.
func (s *search) signers(preferred []string, sweep bool) []string {
	seen := make(map[string]bool)
	var out []string
	for _, a := range preferred {
		if a != "" && !seen[a] && s.testData.HasAccount(a) {
			seen[a] = true
			out = append(out, a)
		}
	}
	if !sweep {
		return out
	}
	n := s.testData.AccountsCount()
	if n == 0 {
		return out
	}
	start := s.r.Intn(n)
	for i := 0; i < n; i++ {
		a := s.testData.AccountAt(s.reporter, (start+i)%n).AddressBech32
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// operatorSigners are the accounts known to act for the operators (their settlement
// accounts, then who set their latest tariff), then every simulation account.
func (s *search) operatorSigners(operators ...string) []string {
	var preferred []string
	for _, id := range operators {
		if op, err := s.k.Operators.Get(s.ctx, id); err == nil {
			preferred = append(preferred, op.SettlementAccount)
		}
		if head, err := s.k.TariffHead.Get(s.ctx, id); err == nil {
			if t, err := s.k.Tariffs.Get(s.ctx, collections.Join(id, head)); err == nil {
				preferred = append(preferred, t.SetBy)
			}
		}
	}
	return s.signers(preferred, true)
}

// randomAccount is a random simulation account's address ("" if there is none).
func (s *search) randomAccount() string {
	n := s.testData.AccountsCount()
	if n == 0 {
		return ""
	}
	return s.testData.AccountAt(s.reporter, s.r.Intn(n)).AddressBech32
}

// sample reads at most maxRecordsScanned records of m in rng and returns at most
// maxRecordTries of those that pass keep, chosen uniformly (reservoir sampling) in random
// order.
func sample[K, V any](s *search, m walk.Walker[K, V], rng collections.Ranger[K], keep func(V) bool) []V {
	var kept []V
	scanned, eligible := 0, 0
	_ = m.Walk(s.ctx, rng, func(_ K, v V) (bool, error) {
		scanned++
		if keep(v) {
			eligible++
			if len(kept) < maxRecordTries {
				kept = append(kept, v)
			} else if j := s.r.Intn(eligible); j < maxRecordTries {
				kept[j] = v
			}
		}
		return scanned >= maxRecordsScanned, nil
	})
	s.r.Shuffle(len(kept), func(i, j int) { kept[i], kept[j] = kept[j], kept[i] })
	return kept
}

// all keeps every record.
func all[V any](V) bool { return true }

// operators samples the registered operators.
func (s *search) operators() []types.Operator {
	return sample(s, s.k.Operators, nil, all[types.Operator])
}

// done returns the accepted message with its signer, or reports a skip: none when no
// record was in the right state, else that no simulation account may do it and why. A
// positive spend is reserved from the signer's liquid balance, so that the fees of the
// transaction do not take what the message moves.
func done[M sdk.Msg](s *search, signer string, msg sdk.Msg, ok bool, none string, spend uint64) ([]simsx.SimAccount, M) {
	var zero M
	if ok {
		acc := s.testData.GetAccount(s.reporter, signer)
		if spend > 0 {
			params, err := s.k.Params.Get(s.ctx)
			if err != nil || !acc.LiquidBalance().BlockAmount(sdk.NewCoin(params.Denom, sdkmath.NewIntFromUint64(spend))) {
				s.reporter.Skipf("%s cannot spend %d", signer, spend)
				return nil, zero
			}
		}
		return []simsx.SimAccount{acc}, msg.(M)
	}
	switch {
	case none != "":
		s.reporter.Skip(none)
	case s.lastErr != nil:
		s.reporter.Skipf("no simulation account may send %s: %s", sdk.MsgTypeURL(zero), rootCause(s.lastErr))
	default:
		s.reporter.Skipf("no simulation account may send %s", sdk.MsgTypeURL(zero))
	}
	return nil, zero
}

// mayNotAct reports whether err says the candidate signer may not act: another may.
func mayNotAct(err error) bool {
	for _, e := range []error{
		agencytypes.ErrNotMember, agencytypes.ErrAgencyNotActive, agencytypes.ErrMembershipExpired, agencytypes.ErrRoleNotHeld,
		agencytypes.ErrRoleNotInAgency,
		types.ErrOperatorNotRegistered, types.ErrWrongOperator, types.ErrNotSettlementAccount, types.ErrNotParticipant,
		types.ErrAlreadyConfirmed, types.ErrNotDisputant, types.ErrInsufficientFunds,
	} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// rootCause is the registered error at the bottom of err's chain, so that skip reasons
// group in the simulation summary.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// Deliver runs msg through the Msg service m.
func Deliver(ctx context.Context, m types.MsgServer, msg sdk.Msg) error {
	_, err := deliver(ctx, m, msg)
	return err
}

// deliver runs msg through the Msg service m and returns its response.
func deliver(ctx context.Context, m types.MsgServer, msg sdk.Msg) (any, error) {
	switch msg := msg.(type) {
	case *types.MsgUpdateParams:
		return m.UpdateParams(ctx, msg)
	case *types.MsgRegisterOperator:
		return m.RegisterOperator(ctx, msg)
	case *types.MsgRegisterPlaza:
		return m.RegisterPlaza(ctx, msg)
	case *types.MsgRegisterSegment:
		return m.RegisterSegment(ctx, msg)
	case *types.MsgSetTariff:
		return m.SetTariff(ctx, msg)
	case *types.MsgSetSpendingLimit:
		return m.SetSpendingLimit(ctx, msg)
	case *types.MsgRecordTrip:
		return m.RecordTrip(ctx, msg)
	case *types.MsgPayTrip:
		return m.PayTrip(ctx, msg)
	case *types.MsgSubmitTripBatch:
		return m.SubmitTripBatch(ctx, msg)
	case *types.MsgSubmitPeriod:
		return m.SubmitPeriod(ctx, msg)
	case *types.MsgConfirmPeriod:
		return m.ConfirmPeriod(ctx, msg)
	case *types.MsgSettlePeriod:
		return m.SettlePeriod(ctx, msg)
	case *types.MsgOpenDispute:
		return m.OpenDispute(ctx, msg)
	case *types.MsgResolveDispute:
		return m.ResolveDispute(ctx, msg)
	case *types.MsgAppealDispute:
		return m.AppealDispute(ctx, msg)
	case *types.MsgDecideDispute:
		return m.DecideDispute(ctx, msg)
	case *types.MsgRegisterRoute:
		return m.RegisterRoute(ctx, msg)
	case *types.MsgRetireSegment:
		return m.RetireSegment(ctx, msg)
	default:
		return nil, fmt.Errorf("x/toll simulation: unexpected message %T", msg)
	}
}

// sampleKeys is sample for a key set.
func sampleKeys[K any](s *search, ks walk.KeyWalker[K], rng collections.Ranger[K]) []K {
	var kept []K
	scanned := 0
	_ = ks.Walk(s.ctx, rng, func(k K) (bool, error) {
		scanned++
		if len(kept) < maxRecordTries {
			kept = append(kept, k)
		} else if j := s.r.Intn(scanned); j < maxRecordTries {
			kept[j] = k
		}
		return scanned >= maxRecordsScanned, nil
	})
	s.r.Shuffle(len(kept), func(i, j int) { kept[i], kept[j] = kept[j], kept[i] })
	return kept
}
