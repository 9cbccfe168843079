// Package simulation is the engine of civic's simsx message factories, shared by every
// module's simulation package.
//
// A factory must return only messages the chain accepts (the simulation fails on a
// delivered message that fails), but who may sign is often another module's answer (an
// x/agency role, membership or expiry). So a factory reads candidate records from the
// module's state, builds candidate messages and dry-runs each through the module's Msg
// service on a throw-away cache of the block state (nothing is written, no event
// escapes), keeping the first one accepted. A Search is one run of a factory; an Engine
// routes the dry runs through a baseapp MsgServiceRouter, as the app does, so no factory
// names a handler. Each module's simulation package keeps only what is its own: its
// genesis, its message builders and its proposals; its module_simulation.go registers
// them from one table of Op (Register).
package simulation

import (
	"context"
	"errors"
	"math/rand"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	storetypes "cosmossdk.io/store/types"
	gogogrpc "github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/baseapp"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/civicchain/civic/internal/walk"
)

// Bounds of one search, so that an operation costs about the same on a large state.
const (
	MaxRecordsScanned = 2048 // records read looking for the right state (Sample)
	MaxRecordTries    = 8    // records kept by Sample, tried one after the other
	DefaultMaxDryRuns = 400  // candidate messages dry-run by one search
)

// NewRouter returns a baseapp MsgServiceRouter serving the Msg services that
// registerServices registers (a module's types.RegisterMsgServer), whose messages
// registerInterfaces registers (the module's types.RegisterInterfaces). Handler(msg)
// runs a message as the app's router does: ValidateBasic, then the Msg service.
func NewRouter(registerInterfaces func(codectypes.InterfaceRegistry), registerServices func(gogogrpc.Server)) *baseapp.MsgServiceRouter {
	ir := codectypes.NewInterfaceRegistry()
	registerInterfaces(ir)
	router := baseapp.NewMsgServiceRouter()
	router.SetInterfaceRegistry(ir)
	registerServices(router)
	return router
}

// Deliver runs msg through the router's handler for it on ctx.
func Deliver(ctx sdk.Context, router baseapp.MessageRouter, msg sdk.Msg) error {
	handler := router.Handler(msg)
	if handler == nil {
		return errUnrouted(msg)
	}
	_, err := handler(ctx, msg)
	return err
}

func errUnrouted(msg sdk.Msg) error {
	return errors.New("simulation: no Msg service handles " + sdk.MsgTypeURL(msg))
}

// Engine dry-runs a module's candidate messages.
type Engine struct {
	router     baseapp.MessageRouter
	mayNotAct  []error
	anyRefusal bool
	maxDryRuns int
}

// NewEngine returns an engine that dry-runs messages through router. A refusal that is
// one of mayNotAct (errors.Is) says the candidate signer may not act, so that another
// candidate may be tried (TrySigners).
func NewEngine(router baseapp.MessageRouter, mayNotAct ...error) *Engine {
	return &Engine{router: router, mayNotAct: mayNotAct, maxDryRuns: DefaultMaxDryRuns}
}

// WithMaxDryRuns returns a copy of e whose searches dry-run at most n messages.
func (e *Engine) WithMaxDryRuns(n int) *Engine {
	c := *e
	c.maxDryRuns = n
	return &c
}

// WithAnyRefusal returns a copy of e on which every refusal says the candidate signer may
// not act, so that TrySigners moves on to the next candidate whatever the refusal.
func (e *Engine) WithAnyRefusal() *Engine {
	c := *e
	c.anyRefusal = true
	return &c
}

// MayNotAct reports whether err says the candidate signer may not act: another may.
func (e *Engine) MayNotAct(err error) bool {
	if e.anyRefusal {
		return err != nil
	}
	for _, target := range e.mayNotAct {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// Search is one run of a message factory over the block state ctx.
type Search struct {
	e        *Engine
	Ctx      sdk.Context
	R        *rand.Rand
	TestData *simsx.ChainDataSource
	Reporter simsx.SimulationReporter

	dryRuns int
	lastErr error
}

// Factory returns a simsx factory that runs find on a new search of e for each operation.
func Factory[M sdk.Msg](e *Engine, find func(s *Search) ([]simsx.SimAccount, M)) simsx.SimMsgFactoryFn[M] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, M) {
		return find(e.Search(ctx, testData, reporter))
	}
}

// Search starts one run of a factory.
func (e *Engine) Search(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) *Search {
	return &Search{
		e: e, Ctx: sdk.UnwrapSDKContext(ctx), R: testData.Rand().Rand,
		TestData: testData, Reporter: reporter,
	}
}

// DryRun runs msg on a throw-away cache of the block state, with its own event manager
// and an infinite gas meter, and returns the Msg service's refusal (nil: accepted). A
// search that used up its dry runs refuses every message.
func (s *Search) DryRun(msg sdk.Msg) error {
	if s.Exhausted() {
		return errExhausted
	}
	s.dryRuns++
	probe, _ := s.Ctx.CacheContext()
	probe = probe.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
	err := Deliver(probe, s.e.router, msg)
	if err != nil {
		s.lastErr = err
	}
	return err
}

var errExhausted = errors.New("simulation: dry runs used up")

// Exhausted reports whether the search used up its dry runs.
func (s *Search) Exhausted() bool { return s.dryRuns >= s.e.maxDryRuns }

// LastErr is the last refusal of a dry run (nil if none was refused).
func (s *Search) LastErr() error { return s.lastErr }

// MayNotAct reports whether err says the candidate signer may not act (see NewEngine).
func (s *Search) MayNotAct(err error) bool { return s.e.MayNotAct(err) }

// Try dry-runs build(c) for each candidate c until one is accepted and returns it. A
// nil message skips the candidate; a refusal that retry accepts moves on to the next
// candidate, any other ends the search (the refusal stays in LastErr).
func (s *Search) Try(candidates []string, retry func(error) bool, build func(c string) sdk.Msg) (string, sdk.Msg, bool) {
	for _, c := range candidates {
		msg := build(c)
		if msg == nil {
			continue
		}
		err := s.DryRun(msg)
		if err == nil {
			return c, msg, true
		}
		if !retry(err) || s.Exhausted() {
			break
		}
	}
	return "", nil, false
}

// TrySigners is Try moving on only when a candidate signer may not act.
func (s *Search) TrySigners(signers []string, build func(signer string) sdk.Msg) (string, sdk.Msg, bool) {
	return s.Try(signers, s.MayNotAct, build)
}

// FirstAccepted ends a factory that acts on one of records: for each record in turn, try
// names the candidate signers and builds the message for one of them (no signers pass the
// record over); the first message accepted ends the search (Done). Without records it
// skips saying none.
func FirstAccepted[M sdk.Msg, V any](s *Search, records []V, none string, try func(V) ([]string, func(signer string) sdk.Msg)) ([]simsx.SimAccount, M) {
	if len(records) == 0 {
		return Done[M](s, "", nil, false, none)
	}
	for _, v := range records {
		signers, build := try(v)
		if signer, msg, ok := s.TrySigners(signers, build); ok {
			return Done[M](s, signer, msg, true, "")
		}
	}
	return Done[M](s, "", nil, false, "")
}

// Signers is preferred (those the simulation holds keys for), then, with sweep, every
// simulation account from a random offset; each address once.
func (s *Search) Signers(preferred []string, sweep bool) []string {
	seen := make(map[string]bool)
	var out []string
	for _, a := range preferred {
		if a != "" && !seen[a] && s.TestData.HasAccount(a) {
			seen[a] = true
			out = append(out, a)
		}
	}
	n := s.TestData.AccountsCount()
	if !sweep || n == 0 {
		return out
	}
	start := s.R.Intn(n)
	for i := 0; i < n; i++ {
		a := s.TestData.AccountAt(s.Reporter, (start+i)%n).AddressBech32
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// RandomAccount is a random simulation account's address ("" if there is none).
func (s *Search) RandomAccount() string {
	n := s.TestData.AccountsCount()
	if n == 0 {
		return ""
	}
	return s.TestData.AccountAt(s.Reporter, s.R.Intn(n)).AddressBech32
}

// Sample reads at most MaxRecordsScanned records of m in rng and returns at most
// MaxRecordTries of those that pass keep (nil keeps all), chosen uniformly (reservoir
// sampling), in random order.
func Sample[K, V any](s *Search, m walk.Walker[K, V], rng collections.Ranger[K], keep func(V) bool) []V {
	return SampleWith(s, m, rng, func(_ K, v V) (V, bool) { return v, keep == nil || keep(v) })
}

// SampleWith is Sample for what pick makes of an entry (a record the entry points to,
// say): it returns at most MaxRecordTries of the picked values of the entries pick keeps.
func SampleWith[K, V, R any](s *Search, m walk.Walker[K, V], rng collections.Ranger[K], pick func(K, V) (R, bool)) []R {
	var kept []R
	scanned, eligible := 0, 0
	_ = m.Walk(s.Ctx, rng, func(k K, v V) (bool, error) {
		scanned++
		if r, ok := pick(k, v); ok {
			eligible++
			kept = reservoir(s.R, kept, eligible, r)
		}
		return scanned >= MaxRecordsScanned, nil
	})
	return Shuffle(s, kept)
}

// SampleKeys is Sample for a key set.
func SampleKeys[K any](s *Search, ks walk.KeyWalker[K], rng collections.Ranger[K]) []K {
	var kept []K
	scanned := 0
	_ = ks.Walk(s.Ctx, rng, func(k K) (bool, error) {
		scanned++
		kept = reservoir(s.R, kept, scanned, k)
		return scanned >= MaxRecordsScanned, nil
	})
	return Shuffle(s, kept)
}

// SampleOf is Sample for records already read (a query's page).
func SampleOf[V any](s *Search, records []V, keep func(V) bool) []V {
	var kept []V
	eligible := 0
	for _, v := range records {
		if keep == nil || keep(v) {
			eligible++
			kept = reservoir(s.R, kept, eligible, v)
		}
	}
	return Shuffle(s, kept)
}

// reservoir adds the n-th eligible value v to kept (at most MaxRecordTries).
func reservoir[V any](r *rand.Rand, kept []V, n int, v V) []V {
	if len(kept) < MaxRecordTries {
		return append(kept, v)
	}
	if j := r.Intn(n); j < MaxRecordTries {
		kept[j] = v
	}
	return kept
}

// Shuffle shuffles vs in place with the search's randomness and returns it.
func Shuffle[V any](s *Search, vs []V) []V {
	s.R.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
	return vs
}

// Done ends a factory: with ok, the accepted message msg and its signer (a simulation
// account); else a skip (a NoOp in the simulation summary) saying why: none when no
// record was in the right state, else that no simulation account may send M, with the
// root cause of the last refusal.
func Done[M sdk.Msg](s *Search, signer string, msg sdk.Msg, ok bool, none string) ([]simsx.SimAccount, M) {
	var zero M
	if ok {
		return []simsx.SimAccount{s.TestData.GetAccount(s.Reporter, signer)}, msg.(M)
	}
	switch {
	case none != "":
		s.Reporter.Skip(none)
	case s.lastErr != nil:
		s.Reporter.Skipf("no simulation account may send %s: %s", sdk.MsgTypeURL(zero), RootCause(s.lastErr))
	default:
		s.Reporter.Skipf("no simulation account may send %s", sdk.MsgTypeURL(zero))
	}
	return nil, zero
}

// NewTestData is a simsx.ChainDataSource over accs for testing factories on keepers
// without x/auth and x/bank: module addresses are derived from module names, and no
// account has a balance.
func NewTestData(ctx context.Context, r *rand.Rand, ac address.Codec, accs ...simtypes.Account) *simsx.ChainDataSource {
	return simsx.NewChainDataSource(ctx, r, moduleAccounts{}, noBalances{}, ac, accs...)
}

type moduleAccounts struct{}

func (moduleAccounts) GetModuleAddress(name string) sdk.AccAddress {
	return authtypes.NewModuleAddress(name)
}

type noBalances struct{}

func (noBalances) SpendableCoins(context.Context, sdk.AccAddress) sdk.Coins { return nil }
func (noBalances) IsSendEnabledDenom(context.Context, string) bool          { return true }

// RootCause is the error at the bottom of err's chain (a registered error such as "role
// not held"), so that skip reasons group in the simulation summary.
func RootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
