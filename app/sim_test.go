package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"cosmossdk.io/log"
	"cosmossdk.io/x/feegrant"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	"github.com/cosmos/cosmos-sdk/x/simulation"
	simcli "github.com/cosmos/cosmos-sdk/x/simulation/client/cli"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
)

// The SDK simulation of the whole app (x/simulation with simsx message factories): random
// genesis, random blocks of random messages of every module, civic's included.
//
// By default (go test ./...) the runs are short: shortNumBlocks blocks of about
// shortBlockSize operations, fixed seeds, a fixed genesis time. -Enabled=true runs the long
// version with the standard sim flags and their defaults (500 blocks of 200 operations):
//
//	go test ./app -run 'TestAppStateDeterminism|TestAppImportExport' -Enabled=true -NumBlocks=100 -BlockSize=100 -timeout 2h -v
//
// -Seed runs that seed only; -NumBlocks, -BlockSize, -Commit, -GenesisTime, -Params,
// -Verbose and the other sim flags work as in simapp, short or long.

func init() {
	simcli.GetSimulatorFlags()
}

const (
	simChainID     = "civic-sim-1"
	shortNumBlocks = 30
	shortBlockSize = 40
	// simGenesisTime is the genesis time (2026-01-01T00:00:00Z) unless -GenesisTime is
	// given: the SDK's default is the wall clock, which would make runs of a seed differ
	// between processes.
	simGenesisTime = 1767225600
)

// The seeds: short runs use seeds whose random block sizes give every civic message type a
// chance (re-picked when a module joins, since the random genesis draws agencies' roles from
// the whole role catalog: with x/water's roles, seed 2 never picked toll's
// MsgRegisterOperator, seed 1 delivers the most message types; with x/welfare and
// x/voucher's claims, seed 6's import run shrank to 296 operations; once x/agency's random
// genesis gave every role two holders, seed 3's run delivered no x/haccp message and seed
// 7's delivers 109 civic message types of all nine modules); long runs the first seeds of
// simapp's list.
var (
	shortSeeds      = []int64{1, 12}
	shortImportSeed = int64(7)
	longSeeds       = []int64{1, 2, 4}
)

// simConfig is the simulation config from the flags, shortened unless -Enabled=true.
func simConfig() simtypes.Config {
	cfg := simcli.NewConfigFromFlags()
	cfg.ChainID = simChainID
	set := explicitFlags()
	if !set["GenesisTime"] {
		cfg.GenesisTime = simGenesisTime
	}
	if !simcli.FlagEnabledValue {
		if !set["NumBlocks"] {
			cfg.NumBlocks = shortNumBlocks
		}
		if !set["BlockSize"] {
			cfg.BlockSize = shortBlockSize
		}
	}
	return cfg
}

// simSeeds are the seeds to run: -Seed if given, else the long set, else short.
func simSeeds(cfg simtypes.Config, short []int64) []int64 {
	switch {
	case explicitFlags()["Seed"]:
		return []int64{cfg.Seed}
	case simcli.FlagEnabledValue:
		return longSeeds
	default:
		return short
	}
}

func explicitFlags() map[string]bool {
	set := make(map[string]bool)
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

func newSimApp(logger log.Logger, db dbm.DB, traceStore io.Writer, loadLatest bool, appOpts servertypes.AppOptions, baseAppOptions ...func(*baseapp.BaseApp)) *App {
	return New(logger, db, traceStore, loadLatest, appOpts, baseAppOptions...)
}

func setupStateFactory(app *App) simsx.SimStateFactory {
	return simsx.SimStateFactory{
		Codec:         app.AppCodec(),
		AppStateFn:    simtestutil.AppStateFn(app.AppCodec(), app.SimulationManager(), app.DefaultGenesis()),
		BlockedAddr:   BlockedAddresses(),
		AccountSource: app.AccountKeeper,
		BalanceSource: simBalances{app.BankKeeper},
	}
}

// simBalances is the simulation's view of spendable balances: x/bank's without voucher
// coins. The bank refuses to move vouchers outside x/voucher's own messages (its send
// restriction), so the random fees and random bank sends of the simulation must not pick
// them; x/voucher's factories read voucher balances through its keeper.
type simBalances struct{ bankkeeper.BaseKeeper }

// SpendableCoins is the account's spendable coins less its voucher coins.
func (b simBalances) SpendableCoins(ctx context.Context, addr sdk.AccAddress) sdk.Coins {
	var out sdk.Coins
	for _, c := range b.BaseKeeper.SpendableCoins(ctx, addr) {
		if !vouchertypes.IsVoucherDenom(c.Denom) {
			out = append(out, c)
		}
	}
	return out
}

// TestAppStateDeterminism runs every seed several times from scratch and requires the same
// app hash each time; every run must also leave civic's state sound and have delivered
// civic messages.
func TestAppStateDeterminism(t *testing.T) {
	cfg := simConfig()
	if !cfg.Commit {
		t.Skip("determinism compares app hashes: run with -Commit=true")
	}
	runs, seeds := 2, shortSeeds
	if testing.Short() {
		seeds = shortSeeds[:1]
	}
	if simcli.FlagEnabledValue {
		runs = 3
	}
	cov := newCoverage(t)
	for _, seed := range simSeeds(cfg, seeds) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			var hashes [][]byte
			for i := 0; i < runs; i++ {
				simsx.RunWithSeed(t, cfg, newSimApp, setupStateFactory, seed, nil,
					cov.checkCivic,
					func(_ testing.TB, ti simsx.TestInstance[*App], _ []simtypes.Account) {
						hashes = append(hashes, ti.App.LastCommitID().Hash)
					})
			}
			require.Len(t, hashes, runs)
			for i := 1; i < runs; i++ {
				require.Equal(t, hashes[0], hashes[i], "non-determinism in seed %d: run %d has app hash %X, run 1 %X", seed, i+1, hashes[i], hashes[0])
			}
			t.Logf("seed %d: %d runs, app hash %X", seed, runs, hashes[0])
		})
	}
}

// TestAppImportExport runs a simulation, exports the genesis, imports it into a fresh app
// and requires every store to be equal (but for the prefixes simapp skips too, which hold
// queues and caches that a genesis does not carry), and civic's state sound on both sides.
func TestAppImportExport(t *testing.T) {
	cfg := simConfig()
	cov := newCoverage(t)
	for _, seed := range simSeeds(cfg, []int64{shortImportSeed}) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			simsx.RunWithSeed(t, cfg, newSimApp, setupStateFactory, seed, nil, cov.checkCivic, checkImportExport)
		})
	}
}

// coverage adds up the civic operations of a test's runs (its seeds run in parallel
// subtests). Once they are all done it logs the sums by message type and, in the long runs
// of the default seeds (-Enabled=true without -Seed: make test-sim), requires every civic
// message type picked at least minAttemptsPerType times to have been delivered
// (messageCoverage). One seed is not enough for that: some types need a long chain of
// other messages first (a payment: a program created, activated, funded and allocated, a
// merchant applied and approved; a claim: an issuer DID bound, granted the program's
// schema and given a status list), which a seed with small blocks does not always reach,
// and the short runs are shorter still; they only log.
type coverage struct {
	mu       sync.Mutex
	ok, noop map[string]int
	runs     int
}

func newCoverage(t *testing.T) *coverage {
	c := &coverage{ok: make(map[string]int), noop: make(map[string]int)}
	t.Cleanup(func() { // after the parallel subtests
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.runs == 0 {
			return
		}
		t.Logf("civic operations delivered over %d runs (ok / NoOp): %s", c.runs, summary(c.ok, c.noop))
		if simcli.FlagEnabledValue && !explicitFlags()["Seed"] {
			if err := messageCoverage(c.ok, c.noop); err != nil {
				t.Error(err)
			}
		}
	})
	return c
}

// checkCivic requires civic's invariants to hold and civic messages to have been delivered
// (a simulation in which every civic operation was a NoOp fails), and adds the run's
// operations to c.
func (c *coverage) checkCivic(tb testing.TB, ti simsx.TestInstance[*App], _ []simtypes.Account) {
	tb.Helper()
	ctx := latestContext(ti)
	require.NoError(tb, ti.App.AgencyKeeper.CheckInvariants(ctx))
	require.NoError(tb, ti.App.DidKeeper.CheckInvariants(ctx))
	require.NoError(tb, ti.App.DigitalEvidenceKeeper.CheckInvariants(ctx))
	require.NoError(tb, ti.App.HaccpKeeper.CheckInvariants(ctx))
	require.NoError(tb, ti.App.TollKeeper.CheckInvariants(ctx))
	require.NoError(tb, ti.App.DisasterKeeper.CheckInvariants(ctx))
	require.NoError(tb, ti.App.WaterKeeper.CheckInvariants(ctx))
	require.NoError(tb, ti.App.VoucherKeeper.CheckInvariants(ctx))
	require.NoError(tb, ti.App.WelfareKeeper.CheckInvariants(ctx))

	ok, noop := civicOperations(tb, ti)
	tb.Logf("civic operations delivered (ok / NoOp): %s", summary(ok, noop))
	c.mu.Lock()
	c.runs++
	for name, n := range ok {
		c.ok[name] += n
	}
	for name, n := range noop {
		c.noop[name] += n
	}
	c.mu.Unlock()
	var agencies, byGov int
	require.NoError(tb, ti.App.AgencyKeeper.Agencies.Walk(ctx, nil, func(id string, _ agencytypes.Agency) (bool, error) {
		agencies++
		if strings.HasPrefix(id, "sim-g") { // MsgRegisterAgencyFactory's ids
			byGov++
		}
		return false, nil
	}))
	tb.Logf("agencies: %d, of which %d onboarded by a governance proposal", agencies, byGov)
	require.NoError(tb, civicCoverage(ok, noop))
}

// civicCoverage fails when no civic operation delivered a message, or when a civic module
// was picked at least minAttemptsPerModule times and every time was a NoOp (its factories,
// or its handlers, are broken).
func civicCoverage(ok, noop map[string]int) error {
	total := 0
	for _, prefix := range []string{"/civic.agency.", "/civic.did.", "/civic.evidence.", "/civic.haccp.", "/civic.toll.", "/civic.disaster.", "/civic.water.", "/civic.voucher.", "/civic.welfare."} {
		delivered, skipped := countPrefix(ok, prefix), countPrefix(noop, prefix)
		total += delivered
		if delivered == 0 && skipped >= minAttemptsPerModule {
			return fmt.Errorf("all %d %s* operations were NoOps: %v", skipped, prefix, noop)
		}
	}
	if total == 0 {
		return fmt.Errorf("no civic message was delivered; NoOps: %v", noop)
	}
	return nil
}

// messageCoverage fails when a civic message type was picked at least minAttemptsPerType
// times and every time was a NoOp (its factory, or its handler, is broken, or the
// simulation never builds the state it needs), naming each such type.
func messageCoverage(ok, noop map[string]int) error {
	var never []string
	for _, name := range slices.Sorted(maps.Keys(noop)) {
		if ok[name] == 0 && noop[name] >= minAttemptsPerType {
			never = append(never, fmt.Sprintf("%s (%d NoOps)", name, noop[name]))
		}
	}
	if len(never) > 0 {
		return fmt.Errorf("civic message types never delivered: %s", strings.Join(never, ", "))
	}
	return nil
}

// minAttemptsPerType is how many times the long runs must have picked a civic message type
// before messageCoverage requires one of them to have delivered it.
const minAttemptsPerType = 20

// minAttemptsPerModule is how many operations of a civic module a run must have picked
// before checkCivic requires one of them to have delivered a message (a seed with tiny
// blocks may pick a module a few times only).
const minAttemptsPerModule = 20

func countPrefix(counts map[string]int, prefix string) int {
	n := 0
	for name, c := range counts {
		if strings.HasPrefix(name, prefix) {
			n += c
		}
	}
	return n
}

// checkImportExport exports the simulated chain, imports the genesis into a fresh app and
// compares the stores.
func checkImportExport(tb testing.TB, ti simsx.TestInstance[*App], _ []simtypes.Account) {
	tb.Helper()
	app := ti.App
	exported, err := app.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(tb, err)

	newApp := simsx.NewSimulationAppInstance(tb, ti.Cfg, newSimApp).App
	ctxA := latestContext(ti)
	ctxB := newApp.NewContextLegacy(true, cmtproto.Header{Height: app.LastBlockHeight()})
	_, err = newApp.InitChainer(ctxB, &abci.RequestInitChain{AppStateBytes: exported.AppState})
	if err != nil && strings.Contains(err.Error(), "validator set is empty after InitGenesis") {
		tb.Skip("all validators were unbonded: nothing to import")
	}
	require.NoError(tb, err)
	require.NoError(tb, newApp.StoreConsensusParams(ctxB, exported.ConsensusParams))
	require.NoError(tb, newApp.AgencyKeeper.CheckInvariants(ctxB))
	require.NoError(tb, newApp.DidKeeper.CheckInvariants(ctxB))
	require.NoError(tb, newApp.DigitalEvidenceKeeper.CheckInvariants(ctxB))
	require.NoError(tb, newApp.HaccpKeeper.CheckInvariants(ctxB))
	require.NoError(tb, newApp.TollKeeper.CheckInvariants(ctxB))
	require.NoError(tb, newApp.DisasterKeeper.CheckInvariants(ctxB))
	require.NoError(tb, newApp.WaterKeeper.CheckInvariants(ctxB))
	require.NoError(tb, newApp.VoucherKeeper.CheckInvariants(ctxB))
	require.NoError(tb, newApp.WelfareKeeper.CheckInvariants(ctxB))

	skipPrefixes := map[string][][]byte{
		stakingtypes.StoreKey: {
			stakingtypes.UnbondingQueueKey, stakingtypes.RedelegationQueueKey, stakingtypes.ValidatorQueueKey,
			stakingtypes.HistoricalInfoKey, stakingtypes.UnbondingIDKey, stakingtypes.UnbondingIndexKey,
			stakingtypes.UnbondingTypeKey, stakingtypes.ValidatorUpdatesKey,
		},
		authzkeeper.StoreKey:   {authzkeeper.GrantQueuePrefix},
		feegrant.StoreKey:      {feegrant.FeeAllowanceQueueKeyPrefix},
		slashingtypes.StoreKey: {slashingtypes.ValidatorMissedBlockBitmapKeyPrefix},
	}
	for _, name := range slices.Sorted(maps.Keys(app.keys)) {
		storeA, storeB := ctxA.KVStore(app.keys[name]), ctxB.KVStore(newApp.keys[name])
		diffA, diffB := simtestutil.DiffKVStores(storeA, storeB, skipPrefixes[name])
		require.Equal(tb, len(diffA), len(diffB), "store %s: unequal sets of key/values", name)
		require.Empty(tb, diffA, "store %s differs after import:\n%s", name,
			simtestutil.GetSimulationLog(name, app.SimulationManager().StoreDecoders, diffA, diffB))
		tb.Logf("store %s: equal after import", name)
	}
}

// latestContext reads the latest state: the committed one, or the last block's when the
// simulation does not commit.
func latestContext(ti simsx.TestInstance[*App]) sdk.Context {
	header := cmtproto.Header{Height: ti.App.LastBlockHeight(), ChainID: ti.Cfg.ChainID}
	return ti.App.NewContextLegacy(ti.Cfg.Commit, header)
}

// civicOperations counts, by message type, the civic operations of the run that delivered
// a message (ok) and those that were NoOps, from the simulation's operation log.
func civicOperations(tb testing.TB, ti simsx.TestInstance[*App]) (ok, noop map[string]int) {
	tb.Helper()
	w, isStd := ti.ExecLogWriter.(*simulation.StandardLogWriter)
	require.True(tb, isStd, "operation log is a %T", ti.ExecLogWriter)
	ok, noop = make(map[string]int), make(map[string]int)
	for _, e := range w.OpEntries {
		if e.EntryKind != simulation.MsgEntryKind && e.EntryKind != simulation.QueuedMsgEntryKind {
			continue
		}
		var op simtypes.OperationMsg
		require.NoError(tb, json.Unmarshal(e.Operation, &op))
		if !strings.HasPrefix(op.Name, "/civic.") {
			continue
		}
		if op.OK {
			ok[op.Name]++
		} else {
			noop[op.Name]++
		}
	}
	return ok, noop
}

func summary(ok, noop map[string]int) string {
	names := maps.Clone(ok)
	maps.Copy(names, noop)
	var b strings.Builder
	for _, n := range slices.Sorted(maps.Keys(names)) {
		fmt.Fprintf(&b, "\n  %-45s %4d / %d", strings.TrimPrefix(n, "/civic."), ok[n], noop[n])
	}
	return b.String()
}

func TestCivicCoverage(t *testing.T) {
	const addMember, openCase = "/civic.agency.v1.MsgAddMember", "/civic.evidence.v1.MsgOpenCase"
	cases := []struct {
		name    string
		ok, nop map[string]int
		wantErr string
	}{
		{"no civic operation at all", nil, nil, "no civic message was delivered"},
		{"every civic operation a NoOp", nil, map[string]int{addMember: 3, openCase: 4}, "no civic message was delivered"},
		{"a module picked often, all NoOps", map[string]int{addMember: 5}, map[string]int{openCase: minAttemptsPerModule}, "/civic.evidence.* operations were NoOps"},
		{"a module picked rarely, all NoOps", map[string]int{addMember: 5}, map[string]int{openCase: minAttemptsPerModule - 1}, ""},
		{"both modules delivered", map[string]int{addMember: 1, openCase: 1}, map[string]int{openCase: 100}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := civicCoverage(tc.ok, tc.nop)
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestMessageCoverage(t *testing.T) {
	const pay, redeem = "/civic.voucher.v1.MsgPay", "/civic.voucher.v1.MsgRedeem"
	cases := []struct {
		name    string
		ok, nop map[string]int
		wantErr string
	}{
		{"nothing picked", nil, nil, ""},
		{"every type delivered", map[string]int{pay: 1, redeem: 2}, map[string]int{pay: 500, redeem: 500}, ""},
		{"a type picked often, never delivered", map[string]int{pay: 3}, map[string]int{pay: 1, redeem: minAttemptsPerType},
			"civic message types never delivered: " + redeem + " (20 NoOps)"},
		{"a type picked rarely, never delivered", map[string]int{pay: 3}, map[string]int{redeem: minAttemptsPerType - 1}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := messageCoverage(tc.ok, tc.nop)
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, tc.wantErr)
		})
	}
}
