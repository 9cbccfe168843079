package types_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/toll/types"
)

// merkleTrips returns n distinct off-chain trips exiting at plaza "seoul-tg";
// each pays 1000 + i, split between "kec" (the collector) and "sjr".
func merkleTrips(n int) []types.BatchTrip {
	trips := make([]types.BatchTrip, n)
	for i := range trips {
		fare := uint64(1000 + i)
		trips[i] = types.BatchTrip{
			EntryPlaza:    "daejeon-tg",
			ExitPlaza:     "seoul-tg",
			VehicleClass:  1 + uint32(i%5),
			EntryUnix:     1_767_225_600 + int64(i)*60,
			ExitUnix:      1_767_229_200 + int64(i)*60,
			DiscountCodes: []types.DiscountCode{types.DiscountCompact},
			VehicleRef:    fmt.Sprintf("%064x", i+1),
			Fare:          fare,
			Shares:        []types.OperatorAmount{{Operator: "kec", Amount: fare - 400}, {Operator: "sjr", Amount: 400}},
		}
	}
	return trips
}

// The hashes of RFC 6962, written out independently of CometBFT.
func rfcLeaf(t *testing.T, trip types.BatchTrip) []byte {
	t.Helper()
	bz, err := trip.Marshal()
	require.NoError(t, err)
	h := sha256.Sum256(append([]byte{0x00}, bz...))
	return h[:]
}

func rfcInner(l, r []byte) []byte {
	h := sha256.Sum256(append(append([]byte{0x01}, l...), r...))
	return h[:]
}

func hexes(bzs [][]byte) []string {
	out := make([]string, len(bzs))
	for i, b := range bzs {
		out[i] = hex.EncodeToString(b)
	}
	return out
}

func TestLeafHash(t *testing.T) {
	trip := merkleTrips(1)[0]
	got, err := types.LeafHash(trip)
	require.NoError(t, err)
	require.Equal(t, rfcLeaf(t, trip), got)

	trip.Fare++
	changed, err := types.LeafHash(trip)
	require.NoError(t, err)
	require.NotEqual(t, got, changed, "every field is hashed")
}

func TestBatchRoot(t *testing.T) {
	trips := merkleTrips(7)
	l := make([][]byte, len(trips))
	for i, trip := range trips {
		l[i] = rfcLeaf(t, trip)
	}
	cases := []struct {
		n    int
		want []byte
	}{
		{1, l[0]},
		{2, rfcInner(l[0], l[1])},
		// 3 leaves split at 2: ((0 1) 2)
		{3, rfcInner(rfcInner(l[0], l[1]), l[2])},
		// 7 leaves split at 4, then (4 5 6) at 2: (((0 1) (2 3)) ((4 5) 6))
		{7, rfcInner(rfcInner(rfcInner(l[0], l[1]), rfcInner(l[2], l[3])), rfcInner(rfcInner(l[4], l[5]), l[6]))},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%d leaves", tc.n), func(t *testing.T) {
			root, err := types.BatchRoot(trips[:tc.n])
			require.NoError(t, err)
			require.Equal(t, hex.EncodeToString(tc.want), hex.EncodeToString(root))
		})
	}

	_, err := types.BatchRoot(nil)
	require.ErrorIs(t, err, types.ErrInvalidBatch)
}

func TestEveryProofOfASevenTripBatchVerifies(t *testing.T) {
	trips := merkleTrips(7)
	root, err := types.BatchRoot(trips)
	require.NoError(t, err)
	rootHex := hex.EncodeToString(root)
	wantAunts := []int{3, 3, 3, 3, 3, 3, 2} // leaf 6 is the right child of the 3-leaf subtree's root
	for i, trip := range trips {
		aunts, err := types.BatchProof(trips, i)
		require.NoError(t, err)
		require.Len(t, aunts, wantAunts[i], "trip %d", i)

		leaf, err := types.VerifyBatchTrip(rootHex, 7, uint64(i), trip, hexes(aunts))
		require.NoError(t, err, "trip %d", i)
		require.Equal(t, rfcLeaf(t, trip), leaf)
	}

	// A batch of one trip: the root is the leaf, the proof has no aunts.
	one := trips[:1]
	root, err = types.BatchRoot(one)
	require.NoError(t, err)
	aunts, err := types.BatchProof(one, 0)
	require.NoError(t, err)
	require.Empty(t, aunts)
	_, err = types.VerifyBatchTrip(hex.EncodeToString(root), 1, 0, one[0], nil)
	require.NoError(t, err)

	for _, i := range []int{-1, 7} {
		_, err = types.BatchProof(trips, i)
		require.ErrorIs(t, err, types.ErrInvalidProof, "index %d", i)
	}
}

func TestVerifyBatchTripRejects(t *testing.T) {
	trips := merkleTrips(7)
	root, err := types.BatchRoot(trips)
	require.NoError(t, err)
	rootHex := hex.EncodeToString(root)
	proof, err := types.BatchProof(trips, 2)
	require.NoError(t, err)
	aunts := hexes(proof)

	changedFare := trips[2]
	changedFare.Fare++
	changedFare.Shares[0].Amount++
	tooMany := make([]string, types.MaxProofAunts+1)
	for i := range tooMany {
		tooMany[i] = aunts[0]
	}

	cases := []struct {
		name   string
		root   string
		count  uint64
		index  uint64
		trip   types.BatchTrip
		aunts  []string
		reason string
	}{
		{"a changed fare", rootHex, 7, 2, changedFare, aunts, "does not lead to root"},
		{"another trip at the index", rootHex, 7, 2, trips[3], aunts, "does not lead to root"},
		{"a wrong index", rootHex, 7, 3, trips[2], aunts, "does not lead to root"},
		{"a wrong index of another depth", rootHex, 7, 6, trips[2], aunts, "needs 2 aunts, got 3"},
		{"a truncated aunt list", rootHex, 7, 2, trips[2], aunts[:2], "needs 3 aunts, got 2"},
		{"an extra aunt", rootHex, 7, 2, trips[2], append(append([]string{}, aunts...), aunts[0]), "needs 3 aunts, got 4"},
		{"swapped aunts", rootHex, 7, 2, trips[2], []string{aunts[1], aunts[0], aunts[2]}, "does not lead to root"},
		{"another batch's count", rootHex, 8, 2, trips[2], aunts, "does not lead to root"},
		{"an index outside the batch", rootHex, 7, 7, trips[2], aunts, "index 7 outside a batch of 7 trips"},
		{"an empty batch", rootHex, 0, 0, trips[2], aunts, "batch count 0"},
		{"a count beyond int64", rootHex, math.MaxInt64 + 1, 2, trips[2], aunts, "batch count"},
		{"more than 64 aunts", rootHex, 7, 2, trips[2], tooMany, "65 aunts, at most 64"},
		{"a root that is not hex", strings.Repeat("zz", 32), 7, 2, trips[2], aunts, "merkle root"},
		{"a short root", rootHex[:62], 7, 2, trips[2], aunts, "merkle root: 62 hex characters"},
		{"an aunt that is not hex", rootHex, 7, 2, trips[2], []string{aunts[0], "x" + aunts[1][1:], aunts[2]}, "aunts[1]"},
		{"a short aunt", rootHex, 7, 2, trips[2], []string{aunts[0], aunts[1], aunts[2][:10]}, "aunts[2]: 10 hex characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			leaf, err := types.VerifyBatchTrip(tc.root, tc.count, tc.index, tc.trip, tc.aunts)
			require.ErrorIs(t, err, types.ErrInvalidProof)
			require.ErrorContains(t, err, tc.reason)
			require.Equal(t, rfcLeaf(t, tc.trip), leaf, "the leaf hash is returned with the failure")
		})
	}
}

func TestBatchTotals(t *testing.T) {
	trips := merkleTrips(3) // fares 1000, 1001, 1002; sjr 400 each
	trips[1].Shares = append(trips[1].Shares, types.OperatorAmount{Operator: "ano", Amount: 0})
	trips[2].Shares = []types.OperatorAmount{{Operator: "ano", Amount: 2}, {Operator: "kec", Amount: 600}, {Operator: "sjr", Amount: 400}}

	totals, total, err := types.BatchTotals(trips)
	require.NoError(t, err)
	require.Equal(t, []types.OperatorAmount{
		{Operator: "ano", Amount: 2},
		{Operator: "kec", Amount: 600 + 601 + 600},
		{Operator: "sjr", Amount: 1200},
	}, totals)
	require.Equal(t, uint64(3003), total)

	// an operator whose shares are all zero is left out
	zero := merkleTrips(1)
	zero[0].Shares = append(zero[0].Shares, types.OperatorAmount{Operator: "ano"})
	totals, _, err = types.BatchTotals(zero)
	require.NoError(t, err)
	require.Len(t, totals, 2)

	bad := merkleTrips(2)
	bad[1].Fare = 5
	_, _, err = types.BatchTotals(bad)
	require.ErrorIs(t, err, types.ErrInvalidBatch)
	require.ErrorContains(t, err, "trips[1]: shares sum to 1001, fare is 5")

	noOperator := merkleTrips(1)
	noOperator[0].Shares[1].Operator = ""
	_, _, err = types.BatchTotals(noOperator)
	require.ErrorContains(t, err, "trips[0].shares[1] names no operator")

	huge := []types.BatchTrip{
		{Fare: math.MaxUint64, Shares: []types.OperatorAmount{{Operator: "kec", Amount: math.MaxUint64}}},
		{Fare: 1, Shares: []types.OperatorAmount{{Operator: "kec", Amount: 1}}},
	}
	_, _, err = types.BatchTotals(huge)
	require.ErrorIs(t, err, types.ErrAmountOverflow)
	_, _, err = types.BatchTotals([]types.BatchTrip{{Fare: 0, Shares: []types.OperatorAmount{{Operator: "a", Amount: math.MaxUint64}, {Operator: "b", Amount: 1}}}})
	require.ErrorIs(t, err, types.ErrAmountOverflow)
}
