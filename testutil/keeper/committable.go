package keeper

import (
	"testing"

	"cosmossdk.io/log"
	"cosmossdk.io/store"
	"cosmossdk.io/store/metrics"
	"cosmossdk.io/store/rootmulti"
	storetypes "cosmossdk.io/store/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// CommittableContext moves ctx onto a fresh multistore on a goleveldb database
// in a temporary folder, as a node's (an in-memory database would make every
// iterator a goroutine and a channel), with the same store keys, each IAVL
// store on its own (the fixtures mount their stores on one database without
// prefixes, which works until the first Commit). Keeper benchmarks use it to
// commit every block as a node does; the new store is empty, so they write
// the genesis they need on the returned context.
func CommittableContext(tb testing.TB, ctx sdk.Context) sdk.Context {
	tb.Helper()
	rs, ok := ctx.MultiStore().(*rootmulti.Store)
	if !ok {
		tb.Fatalf("fixture multistore is %T", ctx.MultiStore())
	}
	db, err := dbm.NewGoLevelDB("bench", tb.TempDir(), nil)
	require.NoError(tb, err)
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
	require.NoError(tb, cms.LoadLatestVersion())
	return ctx.WithMultiStore(cms)
}
