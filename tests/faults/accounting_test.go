package faults

import (
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"
)

// accounting is the fate of every transaction the load broadcast, read from
// the nodes' block stores once their mempools are empty. Every transaction
// some node's CheckTx accepted (or may have accepted: a broadcast without an
// answer) is exactly one of committed or absent:
//
//	Committed + Absent == Accepted + Unanswered
//	Committed == the number of transactions in the blocks searched
type accounting struct {
	Height     int64          // blocks searched: the load's first height .. Height, on every node
	Accepted   int            // transactions some node's CheckTx accepted
	Unanswered int            // transactions broadcast without an answer and never accepted
	Committed  int            // of those, found in the blocks
	Absent     int            // of those, in no node's blocks
	Lost       int            // accepted by CheckTx and absent (part of Absent): every node that accepted it went down since
	OK         map[string]int // committed with code 0, by kind
	Failed     map[string]int // committed with another code, by kind
}

func (a accounting) String() string {
	return fmt.Sprintf("through height %d: %d accepted by CheckTx + %d unanswered = %d committed (ok %v, failed in DeliverTx %v) + %d absent (%d of them accepted)",
		a.Height, a.Accepted, a.Unanswered, a.Committed, a.OK, a.Failed, a.Absent, a.Lost)
}

// sameFate reports whether a and b account the same transactions the same
// way, whatever height each searched through.
func sameFate(a, b accounting) bool {
	a.Height, b.Height = 0, 0
	return reflect.DeepEqual(a, b)
}

// nodeBlocks is what one node's block store holds: every transaction in the
// blocks searched, by hash, with its height and result code.
type nodeBlocks struct {
	Node int
	Txs  map[string]txResult
}

// settle stops the load, waits until the mempools of the nodes are empty (see
// drainMempools) and accounts every transaction through that height.
func (l *load) settle(t *testing.T, nodes []int) accounting {
	t.Helper()
	l.stop()
	return l.account(t, nodes, l.c.drainMempools(nodes, 2*time.Minute))
}

// account reads the blocks above the load's first height through height from
// the block store of every node in nodes (concurrently, node by node) and
// classifies every tracked transaction (see classify), recording where each
// committed one is. It fails the test on any problem.
func (l *load) account(t *testing.T, nodes []int, height int64) accounting {
	t.Helper()
	stores := make([]nodeBlocks, len(nodes))
	errs := make([]error, len(nodes))
	var wg sync.WaitGroup
	for k, i := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[k], errs[k] = l.readBlocks(i, height)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	downs := l.c.downCounts()
	l.mu.Lock()
	acc, problems := classify(l.sent, stores, height, downs)
	l.mu.Unlock()
	for k, p := range problems {
		if k == 20 {
			t.Errorf("... and %d more", len(problems)-k)
			break
		}
		t.Error(p)
	}
	if len(problems) > 0 {
		t.FailNow()
	}
	return acc
}

// readBlocks reads heights from+1..height of node i's block store.
func (l *load) readBlocks(i int, height int64) (nodeBlocks, error) {
	out := nodeBlocks{Node: i, Txs: map[string]txResult{}}
	for h := l.from + 1; h <= height; h++ {
		codes, err := blockTxCodes(l.c.ctx, l.c.rpc(i), h)
		if err != nil {
			return out, fmt.Errorf("node%d block %d: %w", i, h, err)
		}
		for hash, code := range codes {
			if prev, ok := out.Txs[hash]; ok {
				return out, fmt.Errorf("node%d: tx %s is in block %d and in block %d", i, hash, prev.Height, h)
			}
			out.Txs[hash] = txResult{Height: h, Code: code}
		}
	}
	return out, nil
}

// classify accounts the tracked transactions sent against what the block
// stores hold (stores[0] is the reference; every store must hold the same)
// and records each committed one's height and code in sent; downs is how
// many times each node went down (cluster.downCounts). It returns the
// accounting and every problem found:
//
//   - the nodes' blocks differ (a transaction missing on one, or at another
//     height or with another code);
//   - a block holds a transaction the load never broadcast, or one every
//     CheckTx refused;
//   - a transaction seen committed (by a sender's /tx poll or an earlier
//     accounting) is in no block, or at another height or with another code;
//   - a transaction CheckTx accepted is in no block although a node that
//     accepted it never went down since (its mempool should have kept it
//     until a block took it);
//   - Committed + Absent != Accepted + Unanswered, or Committed differs from
//     the number of transactions in the blocks.
func classify(sent map[string]*sentTx, stores []nodeBlocks, height int64, downs map[int]int) (accounting, []string) {
	acc := accounting{Height: height, OK: map[string]int{}, Failed: map[string]int{}}
	var problems []string
	if len(stores) == 0 {
		return acc, []string{"no node's blocks to account against"}
	}
	ref := stores[0]
	inBlocks := sortedHashes(ref.Txs)
	for _, s := range stores[1:] {
		for _, h := range inBlocks {
			want := ref.Txs[h]
			got, ok := s.Txs[h]
			switch {
			case !ok:
				problems = append(problems, fmt.Sprintf("tx %s is in node%d's block %d but in no block of node%d through %d", h, ref.Node, want.Height, s.Node, height))
			case got != want:
				problems = append(problems, fmt.Sprintf("tx %s: node%d has it in block %d with code %d, node%d in block %d with code %d", h, ref.Node, want.Height, want.Code, s.Node, got.Height, got.Code))
			}
		}
		for _, h := range sortedHashes(s.Txs) {
			if _, ok := ref.Txs[h]; !ok {
				problems = append(problems, fmt.Sprintf("tx %s is in node%d's block %d but in no block of node%d through %d", h, s.Node, s.Txs[h].Height, ref.Node, height))
			}
		}
	}
	for _, h := range inBlocks {
		tx, ok := sent[h]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("block %d holds tx %s, which the load never broadcast", ref.Txs[h].Height, h))
		case !tx.Accepted && !tx.Unanswered:
			problems = append(problems, fmt.Sprintf("block %d holds tx %s (%s), which CheckTx refused every time (%d times)", ref.Txs[h].Height, h, tx.Kind, tx.Refused))
		}
	}
	hashes := make([]string, 0, len(sent))
	for h := range sent {
		hashes = append(hashes, h)
	}
	sort.Strings(hashes)
	for _, h := range hashes {
		tx := sent[h]
		if !tx.Accepted && !tx.Unanswered {
			continue
		}
		if tx.Accepted {
			acc.Accepted++
		} else {
			acc.Unanswered++
		}
		got, found := ref.Txs[h]
		if !found {
			if tx.Committed != nil {
				problems = append(problems, fmt.Sprintf("tx %s (%s) was seen committed in block %d, but no block through %d holds it", h, tx.Kind, tx.Committed.Height, height))
			}
			acc.Absent++
			if tx.Accepted {
				acc.Lost++
				nodes := make([]int, 0, len(tx.AcceptedBy))
				for n := range tx.AcceptedBy {
					nodes = append(nodes, n)
				}
				sort.Ints(nodes)
				for _, n := range nodes {
					if downs[n] <= tx.AcceptedBy[n] {
						problems = append(problems, fmt.Sprintf("tx %s (%s) accepted by node%d's CheckTx is in no block through %d and in no mempool, though node%d has not gone down since", h, tx.Kind, n, height, n))
					}
				}
			}
			continue
		}
		if tx.Committed != nil && *tx.Committed != got {
			problems = append(problems, fmt.Sprintf("tx %s (%s) was seen committed in block %d with code %d; the block store has it in block %d with code %d", h, tx.Kind, tx.Committed.Height, tx.Committed.Code, got.Height, got.Code))
		}
		tx.Committed = &got
		acc.Committed++
		if got.Code == 0 {
			acc.OK[tx.Kind]++
		} else {
			acc.Failed[tx.Kind]++
		}
	}
	if acc.Committed+acc.Absent != acc.Accepted+acc.Unanswered || acc.Committed != len(ref.Txs) {
		problems = append(problems, fmt.Sprintf("accounting does not add up: %d committed + %d absent != %d accepted + %d unanswered, or %d committed != %d transactions in the blocks",
			acc.Committed, acc.Absent, acc.Accepted, acc.Unanswered, acc.Committed, len(ref.Txs)))
	}
	return acc, problems
}

func sortedHashes(txs map[string]txResult) []string {
	out := make([]string, 0, len(txs))
	for h := range txs {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}
