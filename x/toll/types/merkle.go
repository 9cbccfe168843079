package types

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"math"
	"slices"

	"github.com/cometbft/cometbft/crypto/merkle"

	errorsmod "cosmossdk.io/errors"
)

// Trip batches are RFC 6962 Merkle trees exactly as CometBFT's crypto/merkle
// builds them: a leaf is SHA-256(0x00 || the protobuf encoding of a BatchTrip),
// an inner node SHA-256(0x01 || left || right), and a tree of n leaves splits
// at the largest power of two below n. A proof is the list of sibling hashes
// ("aunts") from the leaf up to the root.

// MaxProofAunts bounds the aunts of a proof: 64 levels hold 2^64 leaves, more
// than any batch (max_batch_trips).
const MaxProofAunts = 64

// leafPrefix is RFC 6962's domain separator of leaf hashes.
const leafPrefix = 0x00

// leafBytes is what a trip's leaf hashes: its gogoproto encoding.
func leafBytes(t BatchTrip) ([]byte, error) {
	bz, err := t.Marshal()
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidBatch, "encode trip: %s", err)
	}
	return bz, nil
}

// LeafHash is the Merkle leaf hash of a batch trip, SHA-256(0x00 || encoding).
func LeafHash(t BatchTrip) ([]byte, error) {
	bz, err := leafBytes(t)
	if err != nil {
		return nil, err
	}
	return hashLeaf(bz), nil
}

// hashLeaf is SHA-256(0x00 || bz).
func hashLeaf(bz []byte) []byte {
	h := sha256.Sum256(append([]byte{leafPrefix}, bz...))
	return h[:]
}

// batchLeaves encodes every trip of a batch, which must not be empty.
func batchLeaves(trips []BatchTrip) ([][]byte, error) {
	if len(trips) == 0 {
		return nil, errorsmod.Wrap(ErrInvalidBatch, "a batch has at least one trip")
	}
	leaves := make([][]byte, len(trips))
	for i, t := range trips {
		bz, err := leafBytes(t)
		if err != nil {
			return nil, errorsmod.Wrapf(err, "trips[%d]", i)
		}
		leaves[i] = bz
	}
	return leaves, nil
}

// BatchRoot is the Merkle root of a batch's trips, in order.
func BatchRoot(trips []BatchTrip) ([]byte, error) {
	leaves, err := batchLeaves(trips)
	if err != nil {
		return nil, err
	}
	return merkle.HashFromByteSlices(leaves), nil
}

// BatchProof returns the aunts proving trips[index] against BatchRoot(trips),
// from the leaf's sibling up to the root's child.
func BatchProof(trips []BatchTrip, index int) ([][]byte, error) {
	if index < 0 || index >= len(trips) {
		return nil, errorsmod.Wrapf(ErrInvalidProof, "index %d outside a batch of %d trips", index, len(trips))
	}
	leaves, err := batchLeaves(trips)
	if err != nil {
		return nil, err
	}
	_, proofs := merkle.ProofsFromByteSlices(leaves)
	return proofs[index].Aunts, nil
}

// VerifyBatchTrip checks that t is the trip at index of a batch of count trips
// with Merkle root rootHex, given the proof's aunts (64 hex characters each,
// leaf to root). It returns the trip's leaf hash, also when the proof fails
// (nil only if the trip cannot be encoded). Every failure of the proof wraps
// ErrInvalidProof and says what is wrong.
func VerifyBatchTrip(rootHex string, count, index uint64, t BatchTrip, auntsHex []string) ([]byte, error) {
	bz, err := leafBytes(t)
	if err != nil {
		return nil, err
	}
	leaf := hashLeaf(bz)
	if count == 0 || count > math.MaxInt64 {
		return leaf, errorsmod.Wrapf(ErrInvalidProof, "batch count %d", count)
	}
	if index >= count {
		return leaf, errorsmod.Wrapf(ErrInvalidProof, "index %d outside a batch of %d trips", index, count)
	}
	if len(auntsHex) > MaxProofAunts {
		return leaf, errorsmod.Wrapf(ErrInvalidProof, "%d aunts, at most %d", len(auntsHex), MaxProofAunts)
	}
	root, err := decodeHash(rootHex)
	if err != nil {
		return leaf, errorsmod.Wrapf(ErrInvalidProof, "merkle root: %s", err)
	}
	aunts := make([][]byte, len(auntsHex))
	for i, a := range auntsHex {
		if aunts[i], err = decodeHash(a); err != nil {
			return leaf, errorsmod.Wrapf(ErrInvalidProof, "aunts[%d]: %s", i, err)
		}
	}
	if want := proofDepth(index, count); len(aunts) != want {
		return leaf, errorsmod.Wrapf(ErrInvalidProof, "trip %d of a batch of %d trips needs %d aunts, got %d", index, count, want, len(aunts))
	}
	proof := merkle.Proof{Total: int64(count), Index: int64(index), LeafHash: leaf, Aunts: aunts}
	if err := proof.Verify(root, bz); err != nil {
		return leaf, errorsmod.Wrapf(ErrInvalidProof, "trip %d does not lead to root %s: %s", index, rootHex, err)
	}
	return leaf, nil
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

// proofDepth is the number of aunts of leaf index in a tree of total leaves:
// the depth of that leaf, the tree splitting as CometBFT's does.
func proofDepth(index, total uint64) int {
	depth := 0
	for total > 1 {
		split := splitPoint(total)
		if index < split {
			total = split
		} else {
			index, total = index-split, total-split
		}
		depth++
	}
	return depth
}

// splitPoint is the largest power of two strictly below n (n > 1).
func splitPoint(n uint64) uint64 {
	p := uint64(1)
	for p*2 < n {
		p *= 2
	}
	return p
}

// BatchTotals sums the trips' shares per operator: one entry per operator
// with a non-zero sum, sorted by operator, and the total of all shares. Each
// trip's shares must name an operator and sum to its fare.
func BatchTotals(trips []BatchTrip) ([]OperatorAmount, uint64, error) {
	sums := make(map[string]uint64)
	var total uint64
	for i, t := range trips {
		var fare uint64
		for j, s := range t.Shares {
			if s.Operator == "" {
				return nil, 0, errorsmod.Wrapf(ErrInvalidBatch, "trips[%d].shares[%d] names no operator", i, j)
			}
			var err error
			if fare, err = AddAmounts(fare, s.Amount); err != nil {
				return nil, 0, errorsmod.Wrapf(err, "trips[%d] shares", i)
			}
			if sums[s.Operator], err = AddAmounts(sums[s.Operator], s.Amount); err != nil {
				return nil, 0, errorsmod.Wrapf(err, "operator %s", s.Operator)
			}
		}
		if fare != t.Fare {
			return nil, 0, errorsmod.Wrapf(ErrInvalidBatch, "trips[%d]: shares sum to %d, fare is %d", i, fare, t.Fare)
		}
		var err error
		if total, err = AddAmounts(total, fare); err != nil {
			return nil, 0, errorsmod.Wrap(err, "batch total")
		}
	}
	var totals []OperatorAmount
	for _, op := range slices.Sorted(maps.Keys(sums)) {
		if sums[op] > 0 {
			totals = append(totals, OperatorAmount{Operator: op, Amount: sums[op]})
		}
	}
	return totals, total, nil
}
