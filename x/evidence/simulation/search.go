package simulation

import (
	"context"
	"errors"
	"math/rand"
	"time"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

// Bounds of one factory run, so that an operation costs about the same on a large state.
const (
	maxRecordsScanned = 256  // items or cases read looking for the right status
	maxRecordTries    = 8    // records tried once found
	maxDryRuns        = 1000 // candidate messages tried on the throw-away cache
)

// search is one run of a message factory. Records in the right status are found by reading
// the module's state (statuses, custodians, open transfers, cases). Who may sign is
// x/agency's answer (members, roles, agency status, expiry), which this module only sees
// through Authorize: so a candidate message is run through the module's own Msg service on
// a throw-away cache of the block state (a dry run: nothing is written, no event escapes).
// Candidates are the accounts the state names first (custodian, receiver, proposer, case
// opener, last actor), then the simulation accounts from a random offset. A factory that
// finds nothing reports a skip with the reason.
type search struct {
	ctx      context.Context
	probe    sdk.Context
	k        keeper.Keeper
	msgs     types.MsgServer
	testData *simsx.ChainDataSource
	reporter simsx.SimulationReporter
	r        *rand.Rand

	dryRuns int
	lastErr error  // the most telling refusal of a candidate
	refusal error  // the last refusal that was not about the candidate (a status, say)
	signer  string // the signer of the accepted message
	ok      bool
}

func newSearch(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) *search {
	probe, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	return &search{
		ctx: ctx, probe: probe, k: k, msgs: keeper.NewMsgServerImpl(k),
		testData: testData, reporter: reporter, r: testData.Rand().Rand,
	}
}

// items calls try for items in one of statuses, scanning at most maxRecordsScanned items
// from a random id on (wrapping around) and trying at most maxRecordTries, until try returns
// true. It reports whether any item in those statuses was seen.
func (s *search) items(statuses []types.EvidenceStatus, try func(types.EvidenceItem) bool) bool {
	last, err := s.k.LastEvidenceID.Peek(s.ctx)
	if err != nil || last == 0 {
		return false
	}
	seen, scanned, tries := false, 0, 0
	visit := func(_ uint64, it types.EvidenceItem) (bool, error) {
		scanned++
		if hasStatus(statuses, it.Status) {
			seen = true
			tries++
			if try(it) {
				return true, nil
			}
		}
		return s.ok || scanned >= maxRecordsScanned || tries >= maxRecordTries, nil
	}
	start := 1 + uint64(s.r.Int63n(int64(last))) //nolint:gosec // ids are far below 2^63
	_ = s.k.Items.Walk(s.ctx, new(collections.Range[uint64]).StartInclusive(start), visit)
	if !s.ok && scanned < maxRecordsScanned && tries < maxRecordTries {
		_ = s.k.Items.Walk(s.ctx, new(collections.Range[uint64]).EndExclusive(start), visit)
	}
	return seen
}

// cases is items for cases: it calls try for cases that pass keep.
func (s *search) cases(keep func(types.Case) bool, try func(types.Case) bool) bool {
	last, err := s.k.LastCaseID.Peek(s.ctx)
	if err != nil || last == 0 {
		return false
	}
	seen, scanned, tries := false, 0, 0
	visit := func(_ uint64, c types.Case) (bool, error) {
		scanned++
		if keep(c) {
			seen = true
			tries++
			if try(c) {
				return true, nil
			}
		}
		return s.ok || scanned >= maxRecordsScanned || tries >= maxRecordTries, nil
	}
	start := 1 + uint64(s.r.Int63n(int64(last))) //nolint:gosec // ids are far below 2^63
	_ = s.k.Cases.Walk(s.ctx, new(collections.Range[uint64]).StartInclusive(start), visit)
	if !s.ok && scanned < maxRecordsScanned && tries < maxRecordTries {
		_ = s.k.Cases.Walk(s.ctx, new(collections.Range[uint64]).EndExclusive(start), visit)
	}
	return seen
}

// signerFor dry-runs accept(addr) for the preferred addresses the simulation holds keys
// for, then (with sweep) for every simulation account from a random offset, until one is
// accepted: that address becomes the signer. An error that retry accepts (the candidate
// may not act) moves on to the next candidate; any other error ends the search for this
// record. It reports whether a message was accepted.
func (s *search) signerFor(preferred []string, sweep bool, retry func(error) bool, accept func(addr string) error) bool {
	addr, ok := s.candidate(preferred, sweep, retry, accept)
	if ok {
		s.signer, s.ok = addr, true
	}
	return ok
}

// candidate is signerFor without setting the signer (for a receiver, say).
func (s *search) candidate(preferred []string, sweep bool, retry func(error) bool, accept func(addr string) error) (string, bool) {
	tried := make(map[string]bool, len(preferred))
	run := func(addr string) (accepted, stop bool) {
		if tried[addr] || !s.testData.HasAccount(addr) || s.dryRuns >= maxDryRuns {
			return false, s.dryRuns >= maxDryRuns
		}
		tried[addr] = true
		s.dryRuns++
		err := accept(addr)
		if err == nil {
			return true, true
		}
		// Keep the most telling refusal for the skip reason: "not a member" only
		// when nothing else was said.
		if s.lastErr == nil || !errors.Is(err, agencytypes.ErrNotMember) {
			s.lastErr = err
		}
		if !retry(err) {
			s.refusal = err
			return false, true
		}
		return false, false
	}
	for _, addr := range preferred {
		if addr == "" {
			continue
		}
		if accepted, stop := run(addr); accepted || stop {
			return addr, accepted
		}
	}
	if !sweep {
		return "", false
	}
	n := s.testData.AccountsCount()
	start := s.r.Intn(n)
	for i := 0; i < n; i++ {
		addr := s.testData.AccountAt(s.reporter, (start+i)%n).AddressBech32 // in range: no skip
		if accepted, stop := run(addr); accepted || stop {
			return addr, accepted
		}
	}
	return "", false
}

// lastActor is the actor of an item's last custody entry ("" if none).
func (s *search) lastActor(evidenceID uint64) string {
	it, err := s.k.CustodyLog.Iterate(s.ctx, collections.NewPrefixedPairRange[uint64, uint64](evidenceID).Descending())
	if err != nil {
		return ""
	}
	defer it.Close()
	if !it.Valid() {
		return ""
	}
	e, err := it.Value()
	if err != nil {
		return ""
	}
	return e.Actor
}

// finish returns the accepted message with its signer, or reports a skip: none when no
// record was in the right state ("no item is REGISTERED"), else that no simulation account
// may do action, with the root cause of the most telling refusal.
func finish[M sdk.Msg](s *search, seen bool, none, action string, msg M) ([]simsx.SimAccount, M) {
	if s.ok {
		return []simsx.SimAccount{s.testData.GetAccount(s.reporter, s.signer)}, msg // a sim account: no skip
	}
	var zero M
	switch {
	case !seen:
		s.reporter.Skip(none)
	case s.lastErr != nil:
		s.reporter.Skipf("no simulation account may %s: %s", action, rootCause(s.lastErr))
	default:
		s.reporter.Skipf("no simulation account may %s", action)
	}
	return nil, zero
}

// mayNotAct reports whether err says the candidate signer may not act (not a member, agency
// not active, membership expired, role not held, wrong agency, not the custodian or the
// receiver): another candidate may.
func mayNotAct(err error) bool {
	for _, e := range []error{
		agencytypes.ErrNotMember, agencytypes.ErrAgencyNotActive, agencytypes.ErrMembershipExpired, agencytypes.ErrRoleNotHeld,
		types.ErrWrongAgency, types.ErrNotCustodian, types.ErrNotReceiver,
	} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// badReceiver reports whether err is about the proposed receiver.
func badReceiver(err error) bool { return errors.Is(err, types.ErrInvalidReceiver) }

// rootCause is the registered error at the bottom of err's chain ("role not held"), so that
// skip reasons group in the simulation summary.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

func hasStatus(statuses []types.EvidenceStatus, s types.EvidenceStatus) bool {
	for _, x := range statuses {
		if x == s {
			return true
		}
	}
	return false
}

// blockTime is the block time of the simulated block.
func blockTime(ctx context.Context) time.Time { return sdk.UnwrapSDKContext(ctx).BlockTime() }
