package keeper

import (
	"testing"
	"time"

	"cosmossdk.io/log"
	"cosmossdk.io/store"
	"cosmossdk.io/store/metrics"
	"cosmossdk.io/store/rootmulti"
	storetypes "cosmossdk.io/store/types"
	dbm "github.com/cosmos/cosmos-db"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// BlockSize is how many messages make one block of a Blocks benchmark.
const BlockSize = 1000

// Blocks runs a keeper benchmark's messages as a node does: each in its own
// cache context over a block-level cache context, which is written to the
// IAVL stores and committed every BlockSize messages (outside the timer), on a
// goleveldb database as a node's. Without commits every IAVL iterator walks
// all unsaved writes (O(n) a call) and the figures would depend on b.N; on an
// in-memory database every iterator is a goroutine and a channel.
type Blocks struct {
	// Ctx is the committed state's context (set-up writes go here; Commit
	// commits them).
	Ctx sdk.Context

	ops      int
	blockCtx sdk.Context
	write    func() // writes the block cache; nil between blocks
}

// NewBlocks moves a Fixture's ctx onto a fresh committable multistore with the
// same store keys, each IAVL store on its own (the Fixture mounts its stores
// on one database without prefixes, which works until the first Commit).
func NewBlocks(tb testing.TB, ctx sdk.Context) *Blocks {
	tb.Helper()
	rs, ok := ctx.MultiStore().(*rootmulti.Store)
	if !ok {
		tb.Fatalf("fixture multistore is %T", ctx.MultiStore())
	}
	db, err := dbm.NewGoLevelDB("bench", tb.TempDir(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	cms := store.NewCommitMultiStore(db, log.NewNopLogger(), metrics.NewNoOpMetrics())
	for _, key := range rs.StoreKeysByName() {
		switch key.(type) {
		case *storetypes.KVStoreKey:
			cms.MountStoreWithDB(key, storetypes.StoreTypeIAVL, nil)
		case *storetypes.TransientStoreKey:
			cms.MountStoreWithDB(key, storetypes.StoreTypeTransient, nil)
		case *storetypes.MemoryStoreKey:
			cms.MountStoreWithDB(key, storetypes.StoreTypeMemory, nil)
		}
	}
	if err := cms.LoadLatestVersion(); err != nil {
		tb.Fatal(err)
	}
	return &Blocks{Ctx: ctx.WithMultiStore(cms)}
}

// Run executes fn in a transaction cache over the block cache, at block time
// now unless now is zero, keeps its writes when it succeeds (a failure stops
// the benchmark), and commits every BlockSize messages.
func (bl *Blocks) Run(b *testing.B, now time.Time, fn func(ctx sdk.Context) error) {
	if bl.write == nil {
		bl.blockCtx, bl.write = bl.Ctx.CacheContext()
	}
	tx := bl.blockCtx
	if !now.IsZero() {
		tx = tx.WithBlockTime(now)
	}
	cctx, write := tx.CacheContext()
	if err := fn(cctx); err != nil {
		b.Fatal(err)
	}
	write()
	bl.ops++
	if bl.ops%BlockSize == 0 {
		b.StopTimer()
		bl.Commit()
		b.StartTimer()
	}
}

// Commit writes the block cache, if any, and commits the multistore.
func (bl *Blocks) Commit() {
	if bl.write != nil {
		bl.write()
		bl.write = nil
	}
	bl.Ctx.MultiStore().(storetypes.CommitMultiStore).Commit()
	bl.Ctx = bl.Ctx.WithEventManager(sdk.NewEventManager())
}
