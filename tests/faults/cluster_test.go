package faults

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/civicchain/civic/internal/cometrpc"
	"github.com/civicchain/civic/internal/localnet"
	testchain "github.com/civicchain/civic/testutil/chain"
)

// cluster is a running multi-validator network; nodes[i] is the current
// process of validator i (nil while it is down).
type cluster struct {
	t   *testing.T
	ctx context.Context
	cfg localnet.Config
	m   *localnet.MultiNetwork

	mu    sync.Mutex
	nodes []*localnet.Node
	downs map[int]int // times validator i went down (killed or stopped), its mempool with it
}

// startCluster builds n validator homes from config.yml on free ports, starts
// every node and waits for block 2 on all. Every process is stopped (process
// group) in t.Cleanup, and the log tails are printed when the test failed.
func startCluster(t *testing.T, ctx context.Context, n int) *cluster {
	t.Helper()
	m, cfg := testchain.InitMulti(t, ctx, civicd, n)
	c := &cluster{t: t, ctx: ctx, cfg: cfg, m: m, nodes: make([]*localnet.Node, n)}
	t.Cleanup(func() { c.stopAll(t) })
	start := time.Now()
	for i := range c.m.Nodes {
		c.startNode(i)
	}
	for i := range c.m.Nodes {
		c.waitHeight(i, 2, 90*time.Second)
	}
	t.Logf("block 2 on all %d nodes after %s", n, time.Since(start).Round(time.Millisecond))
	return c
}

// logTail reads the last n bytes of a log file.
func logTail(path string, n int64) string {
	node := &localnet.Node{LogPath: path}
	return node.LogTail(n)
}

func (c *cluster) rpc(i int) string { return c.m.Nodes[i].RPCHTTP() }
func (c *cluster) api(i int) string { return c.m.Nodes[i].APIURL() }

// startNode starts validator i (again), its log appended to <home>/civicd.log.
func (c *cluster) startNode(i int) {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.nodes[i] != nil && !c.nodes[i].Exited() {
		c.t.Fatalf("node%d is already running", i)
	}
	n := c.m.Nodes[i]
	node, err := n.Start(filepath.Join(n.Home, "civicd.log"))
	if err != nil {
		c.t.Fatal(err)
	}
	c.nodes[i] = node
}

// kill crashes validator i: SIGKILL to its process group.
func (c *cluster) kill(i int) {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.nodes[i] == nil {
		c.t.Fatalf("node%d is not running", i)
	}
	if err := c.nodes[i].Kill(); err != nil {
		c.t.Fatal(err)
	}
	c.nodes[i] = nil
	c.markDown(i)
}

// stopAll stops every running node (SIGTERM to its process group, SIGKILL
// after 20s) and dumps the log tails when t failed.
func (c *cluster) stopAll(t *testing.T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, node := range c.nodes {
		if node == nil {
			continue
		}
		if err := node.Stop(20 * time.Second); err != nil {
			t.Errorf("node%d: %v", i, err)
		}
		c.nodes[i] = nil
		c.markDown(i)
	}
	if t.Failed() {
		for i, n := range c.m.Nodes {
			log := filepath.Join(n.Home, "civicd.log")
			t.Logf("node%d log tail (%s):\n%s", i, log, logTail(log, 6000))
		}
	}
}

// markDown counts validator i going down; c.mu is held.
func (c *cluster) markDown(i int) {
	if c.downs == nil {
		c.downs = map[int]int{}
	}
	c.downs[i]++
}

// downCount is how many times validator i went down so far.
func (c *cluster) downCount(i int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.downs[i]
}

// downCounts is downCount of every validator that went down.
func (c *cluster) downCounts() map[int]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[int]int, len(c.downs))
	for i, n := range c.downs {
		out[i] = n
	}
	return out
}

// up lists the validators that run.
func (c *cluster) up() []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []int
	for i, n := range c.nodes {
		if n != nil && !n.Exited() {
			out = append(out, i)
		}
	}
	return out
}

// height is node i's latest height.
func (c *cluster) height(i int) (int64, error) {
	st, err := rpcClient(c.rpc(i)).Status(c.ctx)
	return st.Height, err
}

// maxHeight is the highest latest height among the running nodes.
func (c *cluster) maxHeight() int64 {
	var max int64
	for _, i := range c.up() {
		if h, err := c.height(i); err == nil && h > max {
			max = h
		}
	}
	return max
}

// waitHeight waits until node i reaches height h; it fails the test after timeout.
func (c *cluster) waitHeight(i int, h int64, timeout time.Duration) {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	var last int64
	var lastErr error
	for time.Now().Before(deadline) {
		c.mu.Lock()
		node := c.nodes[i]
		c.mu.Unlock()
		if node != nil && node.Exited() {
			c.t.Fatalf("node%d exited while waiting for height %d", i, h)
		}
		got, err := c.height(i)
		if err == nil && got >= h {
			return
		}
		last, lastErr = got, err
		time.Sleep(250 * time.Millisecond)
	}
	c.t.Fatalf("node%d: height %d not reached within %s (at %d, last error %v)", i, h, timeout, last, lastErr)
}

// waitAllHeight waits until every running node reaches h.
func (c *cluster) waitAllHeight(h int64, timeout time.Duration) {
	c.t.Helper()
	for _, i := range c.up() {
		c.waitHeight(i, h, timeout)
	}
}

// mempoolsEmpty reports whether the mempool of every node in nodes is empty,
// and the sizes it read.
func (c *cluster) mempoolsEmpty(nodes []int) (bool, map[int]int) {
	c.t.Helper()
	sizes := map[int]int{}
	empty := true
	for _, i := range nodes {
		n, err := rpcClient(c.rpc(i)).NumUnconfirmedTxs(c.ctx)
		if err != nil {
			c.t.Fatalf("node%d: %v", i, err)
		}
		sizes[i] = n
		empty = empty && n == 0
	}
	return empty, sizes
}

// drainMempools waits until the mempool of every node in nodes is empty, lets
// two more blocks pass on all of them and checks again (a broadcast whose
// client gave up may still have reached a mempool meanwhile). It returns the
// highest height read after the second check, which every node in nodes has
// then reached: a transaction in no block through it was in no mempool
// either. It fails the test after timeout.
func (c *cluster) drainMempools(nodes []int, timeout time.Duration) int64 {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	top := func() int64 {
		var max int64
		for _, i := range nodes {
			h, err := c.height(i)
			if err != nil {
				c.t.Fatalf("node%d: %v", i, err)
			}
			if h > max {
				max = h
			}
		}
		return max
	}
	for {
		empty, sizes := c.mempoolsEmpty(nodes)
		if empty {
			h := top() + 2
			for _, i := range nodes {
				c.waitHeight(i, h, 60*time.Second)
			}
			if empty, _ = c.mempoolsEmpty(nodes); empty {
				h = top()
				for _, i := range nodes {
					c.waitHeight(i, h, 60*time.Second)
				}
				return h
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("mempools not empty within %s: transactions by node %v", timeout, sizes)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// checkAppHashes compares, for every height 1..max of the lowest running node,
// the block hash and app hash on every running node (and on all nodes, when
// all run). It returns the number of heights checked.
func (c *cluster) checkAppHashes(nodes []int) int64 {
	c.t.Helper()
	var top int64 = -1
	for _, i := range nodes {
		h, err := c.height(i)
		if err != nil {
			c.t.Fatalf("node%d: %v", i, err)
		}
		if top < 0 || h < top {
			top = h
		}
	}
	var ref map[int64]cometrpc.BlockMeta
	for k, i := range nodes {
		metas, err := rpcClient(c.rpc(i)).BlockMetas(c.ctx, 1, top)
		if err != nil {
			c.t.Fatalf("node%d: %v", i, err)
		}
		if k == 0 {
			ref = metas
			continue
		}
		for h := int64(1); h <= top; h++ {
			if metas[h] != ref[h] {
				c.t.Fatalf("height %d: node%d has block %s app hash %s, node%d has block %s app hash %s",
					h, nodes[0], ref[h].Hash, ref[h].AppHash, i, metas[h].Hash, metas[h].AppHash)
			}
		}
	}
	return top
}

// checkTxs asks every node in nodes for every committed tx: each must be in
// the node's block at the height the client saw, with the same result code.
// It reads the block store, not the tx index (see blockTxCodes).
func (c *cluster) checkTxs(nodes []int, committed []committedTx) {
	c.t.Helper()
	if len(committed) == 0 {
		c.t.Fatal("no transaction was committed")
	}
	type key struct {
		node   int
		height int64
	}
	blocks := map[key]map[string]uint32{}
	for _, tx := range committed {
		for _, i := range nodes {
			k := key{i, tx.Height}
			codes, ok := blocks[k]
			if !ok {
				var err error
				if codes, err = blockTxCodes(c.ctx, c.rpc(i), tx.Height); err != nil {
					c.t.Fatalf("node%d block %d: %v", i, tx.Height, err)
				}
				blocks[k] = codes
			}
			code, found := codes[tx.Hash]
			if !found {
				c.t.Fatalf("node%d has no tx %s (%s) in its block %d", i, tx.Hash, tx.Kind, tx.Height)
			}
			if code != tx.Code {
				c.t.Fatalf("node%d: tx %s in block %d has code %d, the client saw code %d", i, tx.Hash, tx.Height, code, tx.Code)
			}
		}
	}
}
