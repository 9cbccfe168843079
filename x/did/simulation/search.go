package simulation

import (
	"context"
	"errors"
	"math/rand"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// Bounds of one factory run, so that an operation costs about the same on a large state.
const (
	maxRecordsScanned = 256 // DIDs, issuers, lists or agencies read looking for a candidate
	maxRecordTries    = 8   // records tried once found
	maxDryRuns        = 200 // candidate messages tried on the throw-away cache
)

// search is one run of a message factory, as in x/evidence's simulation: records are found
// by reading the module's state (and x/agency's, for admins and did.issuer members), and a
// candidate message is run through the module's own Msg service on a throw-away cache of the
// block state (a dry run: nothing is written, no event escapes), so that only messages the
// chain accepts are delivered. A factory that finds nothing reports a skip with the reason.
type search struct {
	ctx      context.Context
	probe    sdk.Context
	k        keeper.Keeper
	ak       agencykeeper.Keeper
	msgs     types.MsgServer
	testData *simsx.ChainDataSource
	reporter simsx.SimulationReporter
	r        *rand.Rand

	dryRuns int
	lastErr error
	signer  string
	ok      bool
}

func newSearch(ctx context.Context, k keeper.Keeper, ak agencykeeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) *search {
	probe, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	return &search{
		ctx: ctx, probe: probe, k: k, ak: ak, msgs: keeper.NewMsgServerImpl(k),
		testData: testData, reporter: reporter, r: testData.Rand().Rand,
	}
}

// try dry-runs a candidate message signed by addr (a simulation account): on success addr
// becomes the signer. It reports whether the message was accepted.
func (s *search) try(addr string, run func() error) bool {
	if s.ok || addr == "" || !s.testData.HasAccount(addr) || s.dryRuns >= maxDryRuns {
		return s.ok
	}
	s.dryRuns++
	if err := run(); err != nil {
		if s.lastErr == nil || !errors.Is(err, agencytypes.ErrNotMember) {
			s.lastErr = err
		}
		return false
	}
	s.signer, s.ok = addr, true
	return true
}

// sweep tries every simulation account from a random offset until one is accepted.
func (s *search) sweep(run func(addr string) error) bool {
	n := s.testData.AccountsCount()
	start := s.r.Intn(n)
	for i := 0; i < n && !s.ok && s.dryRuns < maxDryRuns; i++ {
		addr := s.testData.AccountAt(s.reporter, (start+i)%n).AddressBech32
		s.try(addr, func() error { return run(addr) })
	}
	return s.ok
}

// dids calls visit with the latest version of DIDs from a random one on (wrapping around),
// scanning at most maxRecordsScanned and trying at most maxRecordTries of those keep
// accepts, until visit returns true. It reports whether any DID passed keep.
func (s *search) dids(keep func(types.DidVersion) bool, visit func(types.DidVersion) bool) bool {
	seen, scanned, tries := false, 0, 0
	walk := func(did string, n uint64) (bool, error) {
		scanned++
		v, err := s.k.Versions.Get(s.ctx, collections.Join(did, n))
		if err == nil && keep(v) {
			seen = true
			tries++
			if visit(v) {
				return true, nil
			}
		}
		return s.ok || scanned >= maxRecordsScanned || tries >= maxRecordTries || s.dryRuns >= maxDryRuns, nil
	}
	start := types.DidMethodPrefix + string(types.Base58Alphabet[s.r.Intn(len(types.Base58Alphabet))])
	_ = s.k.LatestVersion.Walk(s.ctx, new(collections.Range[string]).StartInclusive(start), walk)
	if !s.ok && scanned < maxRecordsScanned && tries < maxRecordTries {
		_ = s.k.LatestVersion.Walk(s.ctx, new(collections.Range[string]).EndExclusive(start), walk)
	}
	return seen
}

// issuers calls visit for bound issuers from a random one on, as dids does.
func (s *search) issuers(visit func(types.TrustedIssuer) bool) bool {
	seen, scanned := false, 0
	walk := func(_ string, is types.TrustedIssuer) (bool, error) {
		scanned++
		seen = true
		if visit(is) {
			return true, nil
		}
		return s.ok || scanned >= maxRecordTries || s.dryRuns >= maxDryRuns, nil
	}
	start := types.DidMethodPrefix + string(types.Base58Alphabet[s.r.Intn(len(types.Base58Alphabet))])
	_ = s.k.Issuers.Walk(s.ctx, new(collections.Range[string]).StartInclusive(start), walk)
	if !s.ok && scanned < maxRecordTries {
		_ = s.k.Issuers.Walk(s.ctx, new(collections.Range[string]).EndExclusive(start), walk)
	}
	return seen
}

// statusLists calls visit for status lists from a random id on, as dids does.
func (s *search) statusLists(visit func(types.StatusList) bool) bool {
	last, err := s.k.NextStatusListID.Peek(s.ctx)
	if err != nil || last == 0 {
		return false
	}
	seen, scanned := false, 0
	walk := func(_ uint64, l types.StatusList) (bool, error) {
		scanned++
		seen = true
		if visit(l) {
			return true, nil
		}
		return s.ok || scanned >= maxRecordTries || s.dryRuns >= maxDryRuns, nil
	}
	start := 1 + uint64(s.r.Int63n(int64(last))) //nolint:gosec // ids are far below 2^63
	_ = s.k.StatusLists.Walk(s.ctx, new(collections.Range[uint64]).StartInclusive(start), walk)
	if !s.ok && scanned < maxRecordTries {
		_ = s.k.StatusLists.Walk(s.ctx, new(collections.Range[uint64]).EndExclusive(start), walk)
	}
	return seen
}

// latest is the latest version of a DID.
func (s *search) latest(did string) (types.DidVersion, bool) {
	n, err := s.k.LatestVersion.Get(s.ctx, did)
	if err != nil {
		return types.DidVersion{}, false
	}
	v, err := s.k.Versions.Get(s.ctx, collections.Join(did, n))
	return v, err == nil
}

// admin is the admin of an agency ("" if the agency is unknown).
func (s *search) admin(agencyID string) string {
	a, err := s.ak.Agencies.Get(s.ctx, agencyID)
	if err != nil {
		return ""
	}
	return a.Admin
}

// issuerControllers picks an ACTIVE agency whose admin is a simulation account and that has
// an unexpired did.issuer member who is one too, and returns [admin, member] (one address
// if the admin is the member): the account controllers of a DID the agency can bind as an
// issuer and publish status lists for. Nil if there is none.
func (s *search) issuerControllers() []string {
	var out []string
	now := sdk.UnwrapSDKContext(s.ctx).BlockTime()
	scanned := 0
	_ = s.ak.Agencies.Walk(s.ctx, nil, func(id string, a agencytypes.Agency) (bool, error) {
		scanned++
		if a.Status != agencytypes.AgencyStatusActive || !s.testData.HasAccount(a.Admin) || s.r.Intn(2) == 0 {
			return scanned >= maxRecordsScanned, nil
		}
		_ = s.ak.Members.Indexes.Agency.Walk(s.ctx, collections.NewPrefixedPairRange[string, sdk.AccAddress](id), func(_ string, addr sdk.AccAddress) (bool, error) {
			m, err := s.ak.Members.Get(s.ctx, addr)
			if err != nil || !agencytypes.HasRole(m.Roles, types.RoleIssuer) || !s.testData.HasAccount(m.Address) ||
				(m.ExpiresAt != nil && !m.ExpiresAt.After(now)) {
				return false, nil
			}
			out = []string{a.Admin}
			if m.Address != a.Admin {
				out = append(out, m.Address)
			}
			return true, nil
		})
		return out != nil || scanned >= maxRecordsScanned, nil
	})
	return out
}

// accountControllers are the account controllers of doc that are simulation accounts, in
// random order.
func (s *search) accountControllers(doc types.DidDocument) []string {
	var out []string
	for _, c := range doc.AccountControllers() {
		if s.testData.HasAccount(c) {
			out = append(out, c)
		}
	}
	s.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// finish returns the accepted message with its signer, or reports a skip: none when no
// record was in the right state, else that no simulation account may do action, with the
// root cause of the most telling refusal.
func finish[M sdk.Msg](s *search, seen bool, none, action string, msg M) ([]simsx.SimAccount, M) {
	if s.ok {
		return []simsx.SimAccount{s.testData.GetAccount(s.reporter, s.signer)}, msg
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
