package types_test

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
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

// node is a sum tree node computed independently of the package: README
// section 7's layout written out again.
type node struct {
	hash       []byte
	kec, sjr   uint64
	count      uint64
	otherNames bool
}

func rfcLeaf(t *testing.T, trip types.BatchTrip) []byte {
	t.Helper()
	bz, err := trip.Marshal()
	require.NoError(t, err)
	h := sha256.Sum256(append([]byte{0x00}, bz...))
	return h[:]
}

func leaf(t *testing.T, trip types.BatchTrip) node {
	t.Helper()
	n := node{hash: rfcLeaf(t, trip), count: 1}
	for _, s := range trip.Shares {
		switch s.Operator {
		case "kec":
			n.kec += s.Amount
		case "sjr":
			n.sjr += s.Amount
		default:
			n.otherNames = true
		}
	}
	require.False(t, n.otherNames)
	return n
}

// enc is count ‖ number of sums ‖ (len ‖ operator ‖ amount)..., big-endian.
func (n node) enc() []byte {
	bz := binary.BigEndian.AppendUint64(nil, n.count)
	bz = binary.BigEndian.AppendUint32(bz, 2)
	bz = append(binary.BigEndian.AppendUint32(bz, 3), "kec"...)
	bz = binary.BigEndian.AppendUint64(bz, n.kec)
	bz = append(binary.BigEndian.AppendUint32(bz, 3), "sjr"...)
	return binary.BigEndian.AppendUint64(bz, n.sjr)
}

func inner(l, r node) node {
	var in []byte
	in = append(in, 0x01)
	in = append(in, l.hash...)
	in = append(in, l.enc()...)
	in = append(in, r.hash...)
	in = append(in, r.enc()...)
	h := sha256.Sum256(in)
	return node{hash: h[:], kec: l.kec + r.kec, sjr: l.sjr + r.sjr, count: l.count + r.count}
}

func (n node) sums() []types.OperatorAmount {
	return []types.OperatorAmount{{Operator: "kec", Amount: n.kec}, {Operator: "sjr", Amount: n.sjr}}
}

// batchOf is the batch an honest plaza anchors for trips.
func batchOf(t *testing.T, trips []types.BatchTrip) types.TripBatch {
	t.Helper()
	root, err := types.BatchRoot(trips)
	require.NoError(t, err)
	return types.TripBatch{Id: 1, PlazaId: "seoul-tg", MerkleRoot: root.Hash, Count: root.Count, Totals: root.Sums, DeclaredTotals: slices.Clone(root.Sums)}
}

func TestLeafHash(t *testing.T) {
	trip := merkleTrips(1)[0]
	got, err := types.LeafHash(trip)
	require.NoError(t, err)
	require.Equal(t, rfcLeaf(t, trip), got)

	trip.Fare++
	trip.Shares = []types.OperatorAmount{{Operator: "kec", Amount: trip.Fare}}
	changed, err := types.LeafHash(trip)
	require.NoError(t, err)
	require.NotEqual(t, got, changed, "every field is hashed")
}

func TestBatchRoot(t *testing.T) {
	trips := merkleTrips(7)
	l := make([]node, len(trips))
	for i, trip := range trips {
		l[i] = leaf(t, trip)
	}
	cases := []struct {
		n    int
		want node
	}{
		{1, l[0]},
		{2, inner(l[0], l[1])},
		// 3 leaves split at 2: ((0 1) 2)
		{3, inner(inner(l[0], l[1]), l[2])},
		// 7 leaves split at 4, then (4 5 6) at 2: (((0 1) (2 3)) ((4 5) 6))
		{7, inner(inner(inner(l[0], l[1]), inner(l[2], l[3])), inner(inner(l[4], l[5]), l[6]))},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%d leaves", tc.n), func(t *testing.T) {
			root, err := types.BatchRoot(trips[:tc.n])
			require.NoError(t, err)
			require.Equal(t, hex.EncodeToString(tc.want.hash), root.Hash)
			require.Equal(t, uint64(tc.n), root.Count)
			require.Equal(t, tc.want.sums(), root.Sums)
		})
	}

	_, err := types.BatchRoot(nil)
	require.ErrorIs(t, err, types.ErrInvalidBatch)
}

func TestBatchRootSums(t *testing.T) {
	trips := merkleTrips(3) // fares 1000, 1001, 1002; sjr 400 each
	trips[1].Shares = append(trips[1].Shares, types.OperatorAmount{Operator: "ano", Amount: 0})
	trips[2].Shares = []types.OperatorAmount{{Operator: "sjr", Amount: 400}, {Operator: "kec", Amount: 600}, {Operator: "ano", Amount: 2}}

	root, err := types.BatchRoot(trips)
	require.NoError(t, err)
	require.Equal(t, []types.OperatorAmount{
		{Operator: "ano", Amount: 2},
		{Operator: "kec", Amount: 600 + 601 + 600},
		{Operator: "sjr", Amount: 1200},
	}, root.Sums, "sorted by operator whatever the shares' order")
	require.Equal(t, uint64(3), root.Count)

	// an operator whose shares are all zero is left out
	zero := merkleTrips(1)
	zero[0].Shares = append(zero[0].Shares, types.OperatorAmount{Operator: "ano"})
	root, err = types.BatchRoot(zero)
	require.NoError(t, err)
	require.Len(t, root.Sums, 2)

	bad := merkleTrips(2)
	bad[1].Fare = 5
	_, err = types.BatchRoot(bad)
	require.ErrorIs(t, err, types.ErrInvalidBatch)
	require.ErrorContains(t, err, "trips[1]: shares sum to 1001, fare is 5")

	noOperator := merkleTrips(1)
	noOperator[0].Shares[1].Operator = ""
	_, err = types.BatchRoot(noOperator)
	require.ErrorContains(t, err, "trips[0]: shares[1] names no operator")

	huge := []types.BatchTrip{
		{Fare: math.MaxUint64, Shares: []types.OperatorAmount{{Operator: "kec", Amount: math.MaxUint64}}},
		{Fare: 1, Shares: []types.OperatorAmount{{Operator: "kec", Amount: 1}}},
	}
	_, err = types.BatchRoot(huge)
	require.ErrorIs(t, err, types.ErrAmountOverflow)
	_, err = types.BatchRoot([]types.BatchTrip{{Fare: 0, Shares: []types.OperatorAmount{{Operator: "a", Amount: math.MaxUint64}, {Operator: "b", Amount: 1}}}})
	require.ErrorIs(t, err, types.ErrAmountOverflow)
}

func TestEveryProofOfASevenTripBatchVerifies(t *testing.T) {
	trips := merkleTrips(7)
	b := batchOf(t, trips)
	wantSiblings := []int{3, 3, 3, 3, 3, 3, 2} // leaf 6 is the right child of the 3-leaf subtree's root
	for i, trip := range trips {
		siblings, err := types.BatchProof(trips, i)
		require.NoError(t, err)
		require.Len(t, siblings, wantSiblings[i], "trip %d", i)

		leafHash, err := types.VerifyBatchTrip(b, uint64(i), trip, siblings)
		require.NoError(t, err, "trip %d", i)
		require.Equal(t, rfcLeaf(t, trip), leafHash)
	}
	// the sibling of trip 6 is the node of trips 4 and 5, counting 2
	siblings, err := types.BatchProof(trips, 6)
	require.NoError(t, err)
	require.Equal(t, hex.EncodeToString(inner(leaf(t, trips[4]), leaf(t, trips[5])).hash), siblings[0].Hash)
	require.Equal(t, uint64(2), siblings[0].Count)
	require.Equal(t, uint64(4), siblings[1].Count)

	// A batch of one trip: the root is the leaf, the proof has no siblings.
	one := trips[:1]
	siblings, err = types.BatchProof(one, 0)
	require.NoError(t, err)
	require.Empty(t, siblings)
	_, err = types.VerifyBatchTrip(batchOf(t, one), 0, one[0], nil)
	require.NoError(t, err)

	for _, i := range []int{-1, 7} {
		_, err = types.BatchProof(trips, i)
		require.ErrorIs(t, err, types.ErrInvalidProof, "index %d", i)
	}
}

// cloneProof deep-copies siblings so a case can tamper with one.
func cloneProof(siblings []types.MerkleSumNode) []types.MerkleSumNode {
	out := make([]types.MerkleSumNode, len(siblings))
	for i, s := range siblings {
		out[i] = s
		out[i].Sums = slices.Clone(s.Sums)
	}
	return out
}

func TestVerifyBatchTripRejects(t *testing.T) {
	trips := merkleTrips(7)
	b := batchOf(t, trips)
	proof, err := types.BatchProof(trips, 2)
	require.NoError(t, err)

	changedFare := trips[2]
	changedFare.Fare++
	changedFare.Shares = []types.OperatorAmount{{Operator: "kec", Amount: trips[2].Shares[0].Amount + 1}, trips[2].Shares[1]}
	badShares := trips[2]
	badShares.Fare++
	tooMany := make([]types.MerkleSumNode, types.MaxProofSiblings+1)
	for i := range tooMany {
		tooMany[i] = proof[0]
	}
	with := func(f func(b *types.TripBatch)) types.TripBatch {
		c := b
		c.DeclaredTotals = slices.Clone(b.DeclaredTotals)
		f(&c)
		return c
	}
	tamper := func(f func(p []types.MerkleSumNode)) []types.MerkleSumNode {
		p := cloneProof(proof)
		f(p)
		return p
	}

	cases := []struct {
		name     string
		batch    types.TripBatch
		index    uint64
		trip     types.BatchTrip
		siblings []types.MerkleSumNode
		reason   string
	}{
		{"a changed fare", b, 2, changedFare, proof, "does not lead to root"},
		{"shares that are not the fare", b, 2, badShares, proof, "the trip: shares sum to 1002, fare is 1003"},
		{"another trip at the index", b, 2, trips[3], proof, "does not lead to root"},
		{"a wrong index", b, 3, trips[2], proof, "does not lead to root"},
		{"a wrong index of another depth", b, 6, trips[2], proof, "needs 2 siblings, got 3"},
		{"a truncated sibling list", b, 2, trips[2], proof[:2], "needs 3 siblings, got 2"},
		{"an extra sibling", b, 2, trips[2], append(cloneProof(proof), proof[0]), "needs 3 siblings, got 4"},
		{"swapped siblings", b, 2, trips[2], []types.MerkleSumNode{proof[1], proof[0], proof[2]}, "siblings[0] counts 2 trips, the subtree there has 1"},
		{"a tampered sibling sum", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) { p[1].Sums[0].Amount++ }), "does not lead to root"},
		{"a sibling sum moved between operators", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) { p[2].Sums[0].Amount--; p[2].Sums[1].Amount++ }), "does not lead to root"},
		{"a tampered sibling count", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) { p[2].Count++ }), "siblings[2] counts 4 trips, the subtree there has 3"},
		{"a sibling with unsorted sums", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) { p[0].Sums[0], p[0].Sums[1] = p[0].Sums[1], p[0].Sums[0] }), "siblings[0] sums: [1] \"kec\": operators must be sorted"},
		{"a sibling with a zero sum", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) { p[0].Sums[1].Amount = 0 }), "siblings[0] sums: [1] \"sjr\" is 0"},
		{"a sibling naming an operator outside the totals", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) { p[0].Sums[1].Operator = "zzz" }), "siblings[0] sums: operator \"zzz\" is not in the batch's totals"},
		{"a sibling with more operators than the totals", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) {
			p[0].Sums = append(p[0].Sums, types.OperatorAmount{Operator: "zzz", Amount: 1})
		}), "siblings[0] sums: 3 operators, the batch's totals name 2"},
		{"a sibling whose sums overflow", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) { p[0].Sums[0].Amount = math.MaxUint64 }), "siblings[0]: operator kec"},
		{"an inflated declared total", with(func(b *types.TripBatch) { b.DeclaredTotals[0].Amount++ }), 2, trips[2], proof, "the root's sums [kec=4221 sjr=2800] are not the batch's declared totals [kec=4222 sjr=2800]"},
		{"an operator declared beyond the leaves", with(func(b *types.TripBatch) {
			b.DeclaredTotals = append(b.DeclaredTotals, types.OperatorAmount{Operator: "zzz", Amount: 1})
		}), 2, trips[2], proof, "are not the batch's declared totals"},
		{"a wrong declared count", with(func(b *types.TripBatch) { b.Count = 8 }), 2, trips[2], proof, "siblings[2] counts 3 trips, the subtree there has 4"},
		{"an index outside the batch", b, 7, trips[2], proof, "index 7 outside a batch of 7 trips"},
		{"an empty batch", with(func(b *types.TripBatch) { b.Count = 0 }), 0, trips[2], proof, "batch count 0"},
		{"a count beyond int64", with(func(b *types.TripBatch) { b.Count = math.MaxInt64 + 1 }), 2, trips[2], proof, "batch count"},
		{"more than 64 siblings", b, 2, trips[2], tooMany, "65 siblings, at most 64"},
		{"a root that is not hex", with(func(b *types.TripBatch) { b.MerkleRoot = strings.Repeat("zz", 32) }), 2, trips[2], proof, "merkle root"},
		{"a short root", with(func(b *types.TripBatch) { b.MerkleRoot = b.MerkleRoot[:62] }), 2, trips[2], proof, "merkle root: 62 hex characters"},
		{"a sibling hash that is not hex", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) { p[1].Hash = "x" + p[1].Hash[1:] }), "siblings[1] hash"},
		{"a short sibling hash", b, 2, trips[2], tamper(func(p []types.MerkleSumNode) { p[2].Hash = p[2].Hash[:10] }), "siblings[2] hash: 10 hex characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			leafHash, err := types.VerifyBatchTrip(tc.batch, tc.index, tc.trip, tc.siblings)
			require.ErrorIs(t, err, types.ErrInvalidProof)
			require.ErrorContains(t, err, tc.reason)
			require.Equal(t, rfcLeaf(t, tc.trip), leafHash, "the leaf hash is returned with the failure")
		})
	}
}

// TestSuspectedBatchTotalsTiedToMerkleTreeSiblingLeaf: the parent of two
// leaves commits to each child's sums, so a plaza cannot shift sums between
// sibling leaves and still give both trips' holders a proof that verifies
// (the attack a tree hashing only the parent's sum allows): the sums a
// holder's own trip has are the ones the parent holds for its leaf.
func TestSuspectedBatchTotalsTiedToMerkleTreeSiblingLeaf(t *testing.T) {
	trips := merkleTrips(2)
	a, c := leaf(t, trips[0]), leaf(t, trips[1])
	// a dishonest parent claiming 100 more for kec in trip 1's leaf
	inflated := c
	inflated.kec += 100
	parent := inner(a, inflated)
	b := types.TripBatch{MerkleRoot: hex.EncodeToString(parent.hash), Count: 2, DeclaredTotals: parent.sums()}

	// trip 0's holder is shown the inflated sibling: it verifies (trip 0 is honest) ...
	_, err := types.VerifyBatchTrip(b, 0, trips[0], []types.MerkleSumNode{{Hash: hex.EncodeToString(c.hash), Sums: inflated.sums(), Count: 1}})
	require.NoError(t, err)
	// ... but trip 1's holder cannot verify with its real shares, whatever it is shown for trip 0
	for _, shown := range []node{a, {kec: a.kec - 100, sjr: a.sjr}} {
		_, err = types.VerifyBatchTrip(b, 1, trips[1], []types.MerkleSumNode{{Hash: hex.EncodeToString(a.hash), Sums: shown.sums(), Count: 1}})
		require.ErrorIs(t, err, types.ErrInvalidProof)
		require.ErrorContains(t, err, "does not lead to root")
	}
}
