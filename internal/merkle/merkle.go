// Package merkle is the RFC 6962 Merkle tree CometBFT's crypto/merkle builds,
// for modules that anchor a list of records by one root on chain and prove a
// record against it off chain (x/toll's trip batches; x/water, x/health and
// x/autodrive can anchor plain roots with Root, Proof and Verify).
//
//	leaf hash:  SHA-256(0x00 || data)
//	inner hash: SHA-256(0x01 || left || right)
//
// A tree of n > 1 leaves splits at SplitPoint(n), the largest power of two
// below n: the left subtree holds that many leaves, the right one the rest.
// The root of no leaves is SHA-256 of nothing. A proof is the list of
// sibling hashes from the leaf's sibling up to the root's child. Tree and
// Siblings give the shape to trees whose nodes carry more than a hash (x/toll's
// Merkle sum tree).
package merkle

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
)

// Domain separators of leaf and inner hashes (RFC 6962, section 2.1).
const (
	LeafPrefix  = 0x00
	InnerPrefix = 0x01
)

// ErrInvalidProof is wrapped by every failure of Verify.
var ErrInvalidProof = errors.New("invalid merkle proof")

// LeafHash is the hash of a leaf holding data: SHA-256(0x00 || data).
func LeafHash(data []byte) []byte {
	h := sha256.New()
	h.Write([]byte{LeafPrefix})
	h.Write(data)
	return h.Sum(nil)
}

// InnerHash is the hash of an inner node: SHA-256(0x01 || left || right).
func InnerHash(left, right []byte) []byte {
	h := sha256.New()
	h.Write([]byte{InnerPrefix})
	h.Write(left)
	h.Write(right)
	return h.Sum(nil)
}

// EmptyHash is the root of a tree of no leaves: SHA-256 of nothing.
func EmptyHash() []byte {
	h := sha256.Sum256(nil)
	return h[:]
}

// SplitPoint is the number of leaves in the left subtree of a tree of n > 1
// leaves: the largest power of two strictly below n. It panics if n < 2.
func SplitPoint(n uint64) uint64 {
	if n < 2 {
		panic(fmt.Sprintf("merkle: no split point of a tree of %d leaves", n))
	}
	p := uint64(1)
	for p*2 < n {
		p *= 2
	}
	return p
}

// Tree folds leaves (at least one) into the root of the RFC 6962 shape,
// joining two subtrees' roots with join, and returns the root and the
// siblings of leaves[index] from the leaf's sibling up to the root's child
// (nil when index is outside the leaves). A join error stops the fold.
func Tree[N any](leaves []N, index int, join func(left, right N) (N, error)) (N, []N, error) {
	n := len(leaves)
	if n == 0 {
		var zero N
		return zero, nil, errors.New("merkle: a tree has at least one leaf")
	}
	if n == 1 {
		return leaves[0], nil, nil
	}
	k := int(SplitPoint(uint64(n)))
	li, ri := -1, -1
	if index >= 0 && index < k {
		li = index
	} else if index >= k && index < n {
		ri = index - k
	}
	l, lpath, err := Tree(leaves[:k], li, join)
	if err != nil {
		return l, nil, err
	}
	r, rpath, err := Tree(leaves[k:], ri, join)
	if err != nil {
		return r, nil, err
	}
	root, err := join(l, r)
	if err != nil {
		return root, nil, err
	}
	switch {
	case li >= 0:
		return root, append(lpath, r), nil
	case ri >= 0:
		return root, append(rpath, l), nil
	}
	return root, nil, nil
}

// Sibling is where a proof's sibling sits: the number of leaves under it
// and whether it is the left child (the proven path goes right there).
type Sibling struct {
	Leaves uint64
	Left   bool
}

// Siblings lists, from the leaf's sibling up to the root's child, the
// siblings on the path of leaf index in a tree of total leaves (index <
// total). A proof of that leaf has exactly len(Siblings(index, total)) hashes.
func Siblings(index, total uint64) []Sibling {
	var out []Sibling
	for total > 1 {
		split := SplitPoint(total)
		if index < split {
			out = append(out, Sibling{Leaves: total - split})
			total = split
		} else {
			out = append(out, Sibling{Leaves: split, Left: true})
			index, total = index-split, total-split
		}
	}
	slices.Reverse(out)
	return out
}

// join is the inner hash as a Tree join.
func join(l, r []byte) ([]byte, error) { return InnerHash(l, r), nil }

// leafHashes hashes every leaf.
func leafHashes(leaves [][]byte) [][]byte {
	out := make([][]byte, len(leaves))
	for i, l := range leaves {
		out[i] = LeafHash(l)
	}
	return out
}

// Root is the root hash of leaves, in order (CometBFT's HashFromByteSlices).
func Root(leaves [][]byte) []byte {
	if len(leaves) == 0 {
		return EmptyHash()
	}
	root, _, _ := Tree(leafHashes(leaves), -1, join) // join never fails
	return root
}

// Proof returns the sibling hashes proving leaves[index] against
// Root(leaves), from the leaf's sibling up to the root's child (CometBFT's
// Proof.Aunts).
func Proof(leaves [][]byte, index int) ([][]byte, error) {
	if index < 0 || index >= len(leaves) {
		return nil, fmt.Errorf("merkle: index %d outside %d leaves", index, len(leaves))
	}
	_, siblings, _ := Tree(leafHashes(leaves), index, join) // join never fails
	return siblings, nil
}

// Verify checks that leaf is the data of leaf index of a tree of total
// leaves whose root is root, with siblings from the leaf's sibling up. Every
// failure wraps ErrInvalidProof.
func Verify(root, leaf []byte, index, total uint64, siblings [][]byte) error {
	if index >= total {
		return fmt.Errorf("%w: index %d outside %d leaves", ErrInvalidProof, index, total)
	}
	at := Siblings(index, total)
	if len(siblings) != len(at) {
		return fmt.Errorf("%w: leaf %d of %d needs %d siblings, got %d", ErrInvalidProof, index, total, len(at), len(siblings))
	}
	h := LeafHash(leaf)
	for i, s := range siblings {
		if at[i].Left {
			h = InnerHash(s, h)
		} else {
			h = InnerHash(h, s)
		}
	}
	if !bytes.Equal(h, root) {
		return fmt.Errorf("%w: leaf %d leads to %X, not the root %X", ErrInvalidProof, index, h, root)
	}
	return nil
}
