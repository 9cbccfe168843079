package merkle_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	cmtmerkle "github.com/cometbft/cometbft/crypto/merkle"

	"github.com/civicchain/civic/internal/merkle"
)

// leaves are n distinct leaves, one of them empty.
func leaves(n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = []byte(fmt.Sprintf("leaf %d", i))
	}
	if n > 2 {
		out[2] = nil
	}
	return out
}

// TestAgainstCometBFT: for n = 0..20 leaves the root is CometBFT's
// HashFromByteSlices, every proof is the aunts of ProofsFromByteSlices and
// verifies, and CometBFT verifies it too.
func TestAgainstCometBFT(t *testing.T) {
	for n := 0; n <= 20; n++ {
		items := leaves(n)
		root := merkle.Root(items)
		cmtRoot, proofs := cmtmerkle.ProofsFromByteSlices(items)
		if !bytes.Equal(root, cmtmerkle.HashFromByteSlices(items)) || !bytes.Equal(root, cmtRoot) {
			t.Fatalf("n=%d: root %X, CometBFT %X", n, root, cmtRoot)
		}
		for i := 0; i < n; i++ {
			siblings, err := merkle.Proof(items, i)
			if err != nil {
				t.Fatalf("n=%d i=%d: %v", n, i, err)
			}
			if len(siblings) != len(proofs[i].Aunts) {
				t.Fatalf("n=%d i=%d: %d siblings, CometBFT %d aunts", n, i, len(siblings), len(proofs[i].Aunts))
			}
			for j := range siblings {
				if !bytes.Equal(siblings[j], proofs[i].Aunts[j]) {
					t.Fatalf("n=%d i=%d: sibling %d is %X, CometBFT's aunt %X", n, i, j, siblings[j], proofs[i].Aunts[j])
				}
			}
			if !bytes.Equal(merkle.LeafHash(items[i]), proofs[i].LeafHash) {
				t.Fatalf("n=%d i=%d: leaf hash differs from CometBFT's", n, i)
			}
			if err := merkle.Verify(root, items[i], uint64(i), uint64(n), siblings); err != nil {
				t.Fatalf("n=%d i=%d: %v", n, i, err)
			}
			cmtProof := &cmtmerkle.Proof{Total: int64(n), Index: int64(i), LeafHash: merkle.LeafHash(items[i]), Aunts: siblings}
			if err := cmtProof.Verify(root, items[i]); err != nil {
				t.Fatalf("n=%d i=%d: CometBFT refuses our proof: %v", n, i, err)
			}
			if got := len(merkle.Siblings(uint64(i), uint64(n))); got != len(siblings) {
				t.Fatalf("n=%d i=%d: Siblings lists %d, the proof has %d", n, i, got, len(siblings))
			}
		}
	}
}

func TestVerifyRefuses(t *testing.T) {
	items := leaves(5)
	root := merkle.Root(items)
	proof, err := merkle.Proof(items, 3)
	if err != nil {
		t.Fatal(err)
	}
	wrongSibling := append([][]byte{}, proof...)
	wrongSibling[0] = merkle.LeafHash([]byte("other"))
	cases := map[string]error{
		"another leaf":     merkle.Verify(root, []byte("other"), 3, 5, proof),
		"another index":    merkle.Verify(root, items[3], 2, 5, proof),
		"index outside":    merkle.Verify(root, items[3], 5, 5, proof),
		"another total":    merkle.Verify(root, items[3], 3, 4, proof),
		"missing sibling":  merkle.Verify(root, items[3], 3, 5, proof[1:]),
		"wrong sibling":    merkle.Verify(root, items[3], 3, 5, wrongSibling),
		"another root":     merkle.Verify(merkle.EmptyHash(), items[3], 3, 5, proof),
		"no leaves at all": merkle.Verify(root, items[3], 0, 0, nil),
	}
	for name, err := range cases {
		if !errors.Is(err, merkle.ErrInvalidProof) {
			t.Errorf("%s: got %v, want ErrInvalidProof", name, err)
		}
	}
	if _, err := merkle.Proof(items, 5); err == nil {
		t.Error("a proof of a leaf outside the tree")
	}
	if _, err := merkle.Proof(items, -1); err == nil {
		t.Error("a proof of leaf -1")
	}
}

func TestSplitPointAndSiblings(t *testing.T) {
	for n, want := range map[uint64]uint64{2: 1, 3: 2, 4: 2, 5: 4, 8: 4, 9: 8, 1 << 40: 1 << 39, 1<<40 + 1: 1 << 40} {
		if got := merkle.SplitPoint(n); got != want {
			t.Errorf("SplitPoint(%d) = %d, want %d", n, got, want)
		}
	}
	// 5 leaves: ((0 1)(2 3)) 4 - leaf 4's only sibling is the left subtree of
	// 4; leaf 2's are leaf 3, the pair (0 1) on the left and leaf 4.
	if got, want := merkle.Siblings(4, 5), []merkle.Sibling{{Leaves: 4, Left: true}}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Siblings(4, 5) = %v, want %v", got, want)
	}
	if got, want := merkle.Siblings(2, 5), []merkle.Sibling{{Leaves: 1}, {Leaves: 2, Left: true}, {Leaves: 1}}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Siblings(2, 5) = %v, want %v", got, want)
	}
	if got := merkle.Siblings(0, 1); len(got) != 0 {
		t.Errorf("Siblings(0, 1) = %v, want none", got)
	}
}

func TestTreeStopsAtAJoinError(t *testing.T) {
	boom := errors.New("boom")
	_, _, err := merkle.Tree([]int{1, 2, 3}, 0, func(l, r int) (int, error) {
		if l+r > 3 {
			return 0, boom
		}
		return l + r, nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	if _, _, err := merkle.Tree([]int(nil), 0, func(l, r int) (int, error) { return l + r, nil }); err == nil {
		t.Fatal("a tree of no leaves")
	}
	root, siblings, err := merkle.Tree([]int{1, 2, 3, 4, 5}, 4, func(l, r int) (int, error) { return l + r, nil })
	if err != nil || root != 15 || fmt.Sprint(siblings) != "[10]" {
		t.Fatalf("Tree = %d %v %v, want 15 [10] nil", root, siblings, err)
	}
}
