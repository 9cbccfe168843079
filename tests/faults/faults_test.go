package faults

import (
	"context"
	"testing"
	"time"

	"github.com/civicchain/civic/internal/cometrpc"
)

// TestValidatorFaults runs the crash scenarios one after the other on one
// four-validator network under load:
//
//   - kill one: kill -9 one validator, blocks continue on three, restart it,
//     it catches up (long: 10 cycles rotating the victim);
//   - two down: kill -9 two validators, the chain halts without a fork, one
//     comes back and blocks resume;
//   - all killed: kill -9 all four and restart, the chain resumes above the old height.
//
// After every scenario every committed transaction is looked up on every node
// and block hashes and app hashes are compared at every height. At the end the
// load stops and settles (see load.settle): once every mempool is empty, each
// transaction CheckTx accepted is found committed, with its code, in every
// node's blocks, or proven absent from all of them.
func TestValidatorFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("faults: skipped with -short")
	}
	began := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	c := startCluster(t, ctx, 4)
	l := startLoad(t, c)
	all := []int{0, 1, 2, 3}

	// Some load first, so that case 1 and evidence 1 exist.
	c.waitAllHeight(c.maxHeight()+4, 60*time.Second)

	run := func(name string, step func(t *testing.T)) {
		t.Helper()
		start := time.Now()
		ok := t.Run(name, func(t *testing.T) {
			c.t = t
			step(t)
		})
		c.t = t
		if !ok {
			t.FailNow()
		}
		t.Logf("%-12s %s (%s)", name, time.Since(start).Round(time.Millisecond), l.summary())
	}

	// verify waits until every node has the same height, then checks every
	// committed tx on every node and the hashes at every height.
	verify := func(t *testing.T) {
		t.Helper()
		top := c.maxHeight()
		c.waitAllHeight(top, 90*time.Second)
		c.checkTxs(all, l.snapshot())
		n := c.checkAppHashes(all)
		t.Logf("%d committed txs found on all 4 nodes; block and app hashes equal on all 4 at heights 1..%d", len(l.snapshot()), n)
	}

	run("kill one", func(t *testing.T) {
		cycles := 1
		if long() {
			cycles = 10
		}
		for k := 0; k < cycles; k++ {
			victim := (k + 1) % 4
			h0 := c.maxHeight()
			c.kill(victim)
			c.waitAllHeight(h0+3, 60*time.Second) // three validators (75% of the power) keep going
			l.waitCommittedAbove(t, h0, 2, 30*time.Second)
			t.Logf("cycle %d: node%d killed at height %d; the others reached %d", k+1, victim, h0, h0+3)
			c.startNode(victim)
			target := c.maxHeight()
			start := time.Now()
			c.waitHeight(victim, target, 90*time.Second)
			t.Logf("cycle %d: node%d restarted and caught up to %d in %s", k+1, victim, target, time.Since(start).Round(time.Millisecond))
			c.waitAllHeight(target+2, 60*time.Second)
		}
		verify(t)
	})

	run("two down", func(t *testing.T) {
		halt := 8 * time.Second
		if long() {
			halt = 30 * time.Second
		}
		c.kill(2)
		c.kill(3)
		time.Sleep(3 * time.Second) // a block already voted may still commit
		before := map[int]cometrpc.Status{}
		for _, i := range []int{0, 1} {
			st, err := rpcClient(c.rpc(i)).Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			before[i] = st
		}
		time.Sleep(halt)
		after := map[int]cometrpc.Status{}
		for _, i := range []int{0, 1} {
			st, err := rpcClient(c.rpc(i)).Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Height != before[i].Height {
				t.Fatalf("node%d went from height %d to %d with half of the voting power down", i, before[i].Height, st.Height)
			}
			after[i] = st
		}
		if after[0].Height != after[1].Height || after[0].Hash != after[1].Hash {
			t.Fatalf("halted nodes disagree on the last block: node0 %d %s, node1 %d %s", after[0].Height, after[0].Hash, after[1].Height, after[1].Hash)
		}
		top := after[0].Height
		// No fork: both agree on every block up to the lower height, including the last.
		n := c.checkAppHashes([]int{0, 1})
		t.Logf("halted at height %d for %s; nodes 0 and 1 agree on blocks 1..%d", top, halt, n)
		committed := l.snapshot()
		for _, tx := range committed {
			if tx.Height > top {
				t.Fatalf("tx %s committed at height %d, above the halt height %d", tx.Hash, tx.Height, top)
			}
		}

		c.startNode(2)
		start := time.Now()
		c.waitAllHeight(top+3, 90*time.Second)
		t.Logf("node2 back: blocks resumed, height %d reached in %s", top+3, time.Since(start).Round(time.Millisecond))
		c.checkTxs([]int{0, 1, 2}, committed) // nothing committed before the halt is lost
		l.waitCommittedAbove(t, top, 2, 60*time.Second)
		c.startNode(3)
		c.waitHeight(3, c.maxHeight(), 90*time.Second)
		verify(t)
	})

	run("all killed", func(t *testing.T) {
		h0 := c.maxHeight()
		for _, i := range all {
			c.kill(i)
		}
		for _, i := range all {
			c.startNode(i)
		}
		start := time.Now()
		for _, i := range all {
			c.waitHeight(i, h0, 90*time.Second) // the store kept every block it had
		}
		c.waitAllHeight(h0+3, 90*time.Second)
		l.waitCommittedAbove(t, h0, 2, 60*time.Second)
		t.Logf("all four killed at height %d; height %d on all after restart in %s", h0, h0+3, time.Since(start).Round(time.Millisecond))
		verify(t)
	})

	c.t = t
	acc := l.settle(t, all)
	verify(t)
	l.requireKinds(t, "bank.MsgSend", "evidence.OpenCase", "evidence.RegisterEvidence", "evidence.VerifyIntegrity")
	t.Logf("load: %s", l.summary())
	t.Logf("accounting on all 4 nodes %s", acc)
	t.Logf("faults total %s", time.Since(began).Round(time.Millisecond))
}
