package types

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/merkle"
)

// Trip batches are Merkle SUM trees over the protobuf encodings of their
// BatchTrips, in order. Every node has a hash, the per-operator sums of the
// shares of the trips below it and the number of those trips:
//
//	leaf:  hash = SHA-256(0x00 || trip encoding), sums = the trip's shares, count = 1
//	inner: hash = SHA-256(0x01 || left.hash || enc(left) || right.hash || enc(right)),
//	       sums = left.sums + right.sums, count = left.count + right.count
//
// enc(node) = count (8 bytes, big-endian) || number of sums (4 bytes,
// big-endian) || per sum, by operator in ascending byte order: length of the
// operator (4 bytes, big-endian) || operator || amount (8 bytes, big-endian).
// Sums name each operator once and have no zero amounts. The leaf hash, the
// domain separators and the shape of the tree (a tree of n leaves splits at
// the largest power of two below n) are internal/merkle's, RFC 6962's and
// CometBFT's crypto/merkle's; only the sums are added here. A batch's merkle_root is its root's hash, and the root's
// sums and count are the batch's declared totals and count. A proof is the
// list of sibling nodes (hash, sums, count) from the leaf up to the root; each
// inner node's hash commits to both children's sums, so a node's sums cannot
// differ from what its parent holds, and the sums recomputed up the path of
// any one trip must come out as the declared totals.

// MaxProofSiblings bounds the siblings of a proof: 64 levels hold 2^64 leaves,
// more than any batch (max_batch_trips).
const MaxProofSiblings = 64

// sumNode is a node of a Merkle sum tree.
type sumNode struct {
	hash  []byte
	sums  []OperatorAmount
	count uint64
}

// proto returns the node as a MerkleSumNode.
func (n sumNode) proto() MerkleSumNode {
	return MerkleSumNode{Hash: hex.EncodeToString(n.hash), Sums: n.sums, Count: n.count}
}

// leafNode is the leaf of a trip: its hash and its shares, summed per
// operator. The shares must name an operator and add up to the fare.
func leafNode(t BatchTrip) (sumNode, error) {
	bz, err := t.Marshal()
	if err != nil {
		return sumNode{}, errorsmod.Wrapf(ErrInvalidBatch, "encode trip: %s", err)
	}
	var sums []OperatorAmount
	var fare uint64
	for j, s := range t.Shares {
		if s.Operator == "" {
			return sumNode{}, errorsmod.Wrapf(ErrInvalidBatch, "shares[%d] names no operator", j)
		}
		if fare, err = AddAmounts(fare, s.Amount); err != nil {
			return sumNode{}, errorsmod.Wrap(err, "shares")
		}
		if sums, err = addSums(sums, []OperatorAmount{s}); err != nil {
			return sumNode{}, err
		}
	}
	if fare != t.Fare {
		return sumNode{}, errorsmod.Wrapf(ErrInvalidBatch, "shares sum to %d, fare is %d", fare, t.Fare)
	}
	return sumNode{hash: merkle.LeafHash(bz), sums: sums, count: 1}, nil
}

// innerNode is the parent of l and r; its sums and count are checked sums.
func innerNode(l, r sumNode) (sumNode, error) {
	sums, err := addSums(l.sums, r.sums)
	if err != nil {
		return sumNode{}, err
	}
	count, err := AddAmounts(l.count, r.count)
	if err != nil {
		return sumNode{}, errorsmod.Wrap(err, "count")
	}
	h := sha256.New()
	h.Write([]byte{merkle.InnerPrefix})
	h.Write(l.hash)
	h.Write(encodeSums(l.sums, l.count))
	h.Write(r.hash)
	h.Write(encodeSums(r.sums, r.count))
	return sumNode{hash: h.Sum(nil), sums: sums, count: count}, nil
}

// encodeSums is enc(node) of a node's sums (sorted, no zero amounts) and
// count.
func encodeSums(sums []OperatorAmount, count uint64) []byte {
	bz := binary.BigEndian.AppendUint64(nil, count)
	bz = binary.BigEndian.AppendUint32(bz, uint32(len(sums)))
	for _, s := range sums {
		bz = binary.BigEndian.AppendUint32(bz, uint32(len(s.Operator)))
		bz = append(bz, s.Operator...)
		bz = binary.BigEndian.AppendUint64(bz, s.Amount)
	}
	return bz
}

// addSums merges two sorted sum lists, adding the amounts of an operator in
// both (ErrAmountOverflow past 2^64) and leaving out zero amounts.
func addSums(a, b []OperatorAmount) ([]OperatorAmount, error) {
	out := make([]OperatorAmount, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		var next OperatorAmount
		switch {
		case j == len(b) || (i < len(a) && a[i].Operator < b[j].Operator):
			next, i = a[i], i+1
		case i == len(a) || b[j].Operator < a[i].Operator:
			next, j = b[j], j+1
		default:
			sum, err := AddAmounts(a[i].Amount, b[j].Amount)
			if err != nil {
				return nil, errorsmod.Wrapf(err, "operator %s", a[i].Operator)
			}
			next, i, j = OperatorAmount{Operator: a[i].Operator, Amount: sum}, i+1, j+1
		}
		if next.Amount > 0 {
			out = append(out, next)
		}
	}
	return out, nil
}

// batchTree builds the sum tree of a batch, which must not be empty, and
// the siblings of trips[index].
func batchTree(trips []BatchTrip, index int) (sumNode, []sumNode, error) {
	if len(trips) == 0 {
		return sumNode{}, nil, errorsmod.Wrap(ErrInvalidBatch, "a batch has at least one trip")
	}
	leaves := make([]sumNode, len(trips))
	for i, t := range trips {
		var err error
		if leaves[i], err = leafNode(t); err != nil {
			return sumNode{}, nil, errorsmod.Wrapf(err, "trips[%d]", i)
		}
	}
	return merkle.Tree(leaves, index, innerNode)
}

// LeafHash is the Merkle leaf hash of a batch trip, SHA-256(0x00 || encoding).
func LeafHash(t BatchTrip) ([]byte, error) {
	leaf, err := leafNode(t)
	if err != nil {
		return nil, err
	}
	return leaf.hash, nil
}

// BatchRoot is the root of a batch's Merkle sum tree, the trips in order:
// its hash is the batch's merkle_root, its sums the per-operator totals
// (sorted by operator, no zero amounts) and its count the number of trips.
// Each trip's shares must name an operator and add up to its fare.
func BatchRoot(trips []BatchTrip) (MerkleSumNode, error) {
	root, _, err := batchTree(trips, -1)
	if err != nil {
		return MerkleSumNode{}, err
	}
	return root.proto(), nil
}

// BatchProof returns the siblings proving trips[index] against
// BatchRoot(trips), from the leaf's sibling up to the root's child.
func BatchProof(trips []BatchTrip, index int) ([]MerkleSumNode, error) {
	if index < 0 || index >= len(trips) {
		return nil, errorsmod.Wrapf(ErrInvalidProof, "index %d outside a batch of %d trips", index, len(trips))
	}
	_, path, err := batchTree(trips, index)
	if err != nil {
		return nil, err
	}
	siblings := make([]MerkleSumNode, len(path))
	for i, n := range path {
		siblings[i] = n.proto()
	}
	return siblings, nil
}

// VerifyBatchTrip checks that t is the trip at index of batch b: the path
// from t's leaf through siblings (leaf to root) must end in a node whose hash
// is b's merkle_root, whose count is b's count and whose sums are b's
// declared totals. It returns the trip's leaf hash, also when the proof fails
// (nil only if the trip cannot be hashed). Every failure wraps
// ErrInvalidProof and says what does not match.
func VerifyBatchTrip(b TripBatch, index uint64, t BatchTrip, siblings []MerkleSumNode) ([]byte, error) {
	bz, err := t.Marshal()
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidBatch, "encode trip: %s", err)
	}
	leafHash := merkle.LeafHash(bz)
	fail := func(format string, args ...any) ([]byte, error) {
		return leafHash, errorsmod.Wrapf(ErrInvalidProof, format, args...)
	}
	count := b.Count
	if count == 0 || count > math.MaxInt64 {
		return fail("batch count %d", count)
	}
	if index >= count {
		return fail("index %d outside a batch of %d trips", index, count)
	}
	if len(siblings) > MaxProofSiblings {
		return fail("%d siblings, at most %d", len(siblings), MaxProofSiblings)
	}
	root, err := decodeHash(b.MerkleRoot)
	if err != nil {
		return fail("merkle root: %s", err)
	}
	sizes := merkle.Siblings(index, count)
	if len(siblings) != len(sizes) {
		return fail("trip %d of a batch of %d trips needs %d siblings, got %d", index, count, len(sizes), len(siblings))
	}
	node, err := leafNode(t)
	if err != nil {
		return fail("the trip: %s", err)
	}
	if err := sumsWithin(node.sums, b.DeclaredTotals); err != nil {
		return fail("the trip's shares: %s", err)
	}
	for i, s := range siblings {
		sib := sumNode{sums: s.Sums, count: s.Count}
		if sib.hash, err = decodeHash(s.Hash); err != nil {
			return fail("siblings[%d] hash: %s", i, err)
		}
		if s.Count != sizes[i].Leaves {
			return fail("siblings[%d] counts %d trips, the subtree there has %d", i, s.Count, sizes[i].Leaves)
		}
		if err := sumsWithin(s.Sums, b.DeclaredTotals); err != nil {
			return fail("siblings[%d] sums: %s", i, err)
		}
		l, r := node, sib
		if sizes[i].Left {
			l, r = sib, node
		}
		if node, err = innerNode(l, r); err != nil {
			return fail("siblings[%d]: %s", i, err)
		}
	}
	if !bytes.Equal(node.hash, root) {
		return fail("trip %d does not lead to root %s (the path ends in %x)", index, b.MerkleRoot, node.hash)
	}
	if node.count != count {
		return fail("the root counts %d trips, the batch declares %d", node.count, count)
	}
	if !slices.Equal(node.sums, b.DeclaredTotals) {
		return fail("the root's sums %s are not the batch's declared totals %s", formatSums(node.sums), formatSums(b.DeclaredTotals))
	}
	return leafHash, nil
}

// sumsWithin checks that sums are sorted by operator without repeats or zero
// amounts and name only operators of totals (sums only grow toward the root,
// so no node of a valid proof has an operator or more entries the root lacks).
func sumsWithin(sums, totals []OperatorAmount) error {
	if len(sums) > len(totals) {
		return errorsmod.Wrapf(ErrInvalidProof, "%d operators, the batch's totals name %d", len(sums), len(totals))
	}
	for i, s := range sums {
		if i > 0 && s.Operator <= sums[i-1].Operator {
			return errorsmod.Wrapf(ErrInvalidProof, "[%d] %q: operators must be sorted without repeats", i, s.Operator)
		}
		if s.Amount == 0 {
			return errorsmod.Wrapf(ErrInvalidProof, "[%d] %q is 0", i, s.Operator)
		}
		if _, found := slices.BinarySearchFunc(totals, s.Operator, func(t OperatorAmount, op string) int {
			return strings.Compare(t.Operator, op)
		}); !found {
			return errorsmod.Wrapf(ErrInvalidProof, "operator %q is not in the batch's totals", s.Operator)
		}
	}
	return nil
}

// formatSums writes sums as operator:amount,... for a reason.
func formatSums(sums []OperatorAmount) string {
	parts := make([]string, len(sums))
	for i, s := range sums {
		parts[i] = fmt.Sprintf("%s=%d", s.Operator, s.Amount)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// decodeHash decodes a SHA-256 hash written as 64 hex characters.
func decodeHash(s string) ([]byte, error) {
	if len(s) != 2*sha256.Size {
		return nil, errorsmod.Wrapf(ErrInvalidDigest, "%d hex characters, want %d", len(s), 2*sha256.Size)
	}
	bz, err := hex.DecodeString(s)
	if err != nil {
		return nil, errorsmod.Wrap(ErrInvalidDigest, err.Error())
	}
	return bz, nil
}
