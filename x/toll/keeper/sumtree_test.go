package keeper_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// stOsanTrips are n off-chain trips of prv's plaza R1-OSAN, each paying kec
// 1 329 and prv 2 974.
func stOsanTrips(n int) []types.BatchTrip {
	trips := make([]types.BatchTrip, n)
	for i := range trips {
		trips[i] = types.BatchTrip{
			EntryPlaza: "R1-SEOUL", ExitPlaza: "R1-OSAN", VehicleClass: 1,
			EntryUnix: ntNow.Unix() - 3600 + int64(i), ExitUnix: ntNow.Unix() - 1800 + int64(i),
			VehicleRef: fmt.Sprintf("%064x", 500+i), Fare: 4_303,
			Shares: []types.OperatorAmount{{Operator: ntKec, Amount: 1_329}, {Operator: ntPrv, Amount: 2_974}},
		}
	}
	return trips
}

// TestSuspectedBatchTotalsTiedToMerkleTree: a batch's merkle_root is the root
// of a Merkle sum tree whose root sums and count must be the declared totals
// and count. A plaza that anchors the root of its honest trips but declares
// inflated totals (within the bounds of TestFinding01BatchTotalsBounded, so
// the chain, which never sees the trips, accepts it) can no longer have any
// of its trips verify: every trip holder's proof answers valid false naming
// the mismatch, so the inconsistency is provable; the same for a wrong count.
// The honest batch of the same trips verifies, and refunds (which change
// totals) leave the declared totals, and so the proofs, intact.
func TestSuspectedBatchTotalsTiedToMerkleTree(t *testing.T) {
	// ARRANGE: prv's plaza R1-OSAN has five off-chain trips
	f := ntNetwork(t)
	q := keeper.NewQueryServerImpl(f.Keeper)
	trips := stOsanTrips(5)
	root, err := types.BatchRoot(trips)
	require.NoError(t, err)
	require.Equal(t, ntShares(ntKec, 5*1_329, ntPrv, 5*2_974), root.Sums)
	submit := func(count uint64, totals []types.OperatorAmount) uint64 {
		t.Helper()
		res, err := f.msg.SubmitTripBatch(f.Ctx, &types.MsgSubmitTripBatch{
			Signer: f.s(ntPrvOp), PlazaId: "R1-OSAN", MerkleRoot: root.Hash, Count: count, Totals: totals,
		})
		require.NoError(t, err)
		return res.BatchId
	}
	verifyAll := func(batchID uint64) []*types.QueryVerifyTripResponse {
		t.Helper()
		out := make([]*types.QueryVerifyTripResponse, len(trips))
		for i, tr := range trips {
			siblings, err := types.BatchProof(trips, i)
			require.NoError(t, err)
			out[i], err = q.VerifyTrip(f.Ctx, &types.QueryVerifyTripRequest{BatchId: batchID, Trip: tr, Index: uint64(i), Siblings: siblings})
			require.NoError(t, err)
		}
		return out
	}

	// ACT: the honest batch, one declaring kec 100 000 more, one declaring a sixth trip
	honest := submit(5, root.Sums)
	inflated := submit(5, ntShares(ntKec, 5*1_329+100_000, ntPrv, 5*2_974))
	miscounted := submit(6, root.Sums)

	// ASSERT: every honest proof holds against the honest batch ...
	for i, res := range verifyAll(honest) {
		require.True(t, res.Valid, "trip %d: %s", i, res.Reason)
	}
	b, err := f.Keeper.Batches.Get(f.Ctx, honest)
	require.NoError(t, err)
	require.Equal(t, root.Sums, b.DeclaredTotals, "the declared totals are stored")
	// ... and none against the inflated one: the root's sums are not its totals
	for i, res := range verifyAll(inflated) {
		require.False(t, res.Valid, "trip %d", i)
		require.Contains(t, res.Reason, fmt.Sprintf("the root's sums [%s=6645 %s=14870] are not the batch's declared totals [%s=106645 %s=14870]", ntKec, ntPrv, ntKec, ntPrv))
	}
	// ... nor against the miscounted one: the tree of 5 trips is not shaped as one of 6
	for i, res := range verifyAll(miscounted) {
		require.False(t, res.Valid, "trip %d", i)
		require.Regexp(t, `siblings\[2\] counts 1 trips, the subtree there has 2|trip 4 of a batch of 6 trips needs 2 siblings, got 1`, res.Reason)
	}

	// A refund changes the batch's totals but not what its root must sum to.
	b.Totals, b.Total, b.Refunded = ntShares(ntKec, 5*1_329-100, ntPrv, 5*2_974), b.Total-100, 100
	require.NoError(t, f.Keeper.Batches.Set(f.Ctx, honest, b))
	for i, res := range verifyAll(honest) {
		require.True(t, res.Valid, "trip %d after a refund: %s", i, res.Reason)
	}
}
