package bench

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/civicchain/civic/internal/cometrpc"
)

// RPC is the CometBFT JSON-RPC client of the harness.
type RPC = cometrpc.Client

// NewRPC returns a client for url (http://127.0.0.1:port) with a connection pool
// sized for conns concurrent senders.
func NewRPC(url string, conns int) *RPC {
	return cometrpc.New(url, conns, 30*time.Second)
}

// Event is an ABCI event of a committed transaction (only civic's typed events are
// kept, see fetchBlock).
type Event = cometrpc.Event

// fetchBlock reads a committed block and the outcome of its transactions, keeping
// civic's typed events only (the workloads read nothing else).
func fetchBlock(ctx context.Context, r *RPC, height int64) (cometrpc.Block, error) {
	return r.Block(ctx, height, "civic.")
}

// sentTx is a transaction the harness broadcast.
type sentTx struct {
	acct     int
	msgIndex int
	sentAt   time.Time
	height   int64
	code     uint32
	log      string
	events   []Event
}

// Tracker follows committed blocks and matches them with sent transactions.
type Tracker struct {
	rpc *RPC

	mu        sync.Mutex
	sent      map[[32]byte]*sentTx
	blocks    map[int64]cometrpc.Block // header time only (Txs dropped)
	okPer     map[int64]int            // our code-0 txs per height (current workload)
	committed atomic.Int64             // our txs seen in blocks (any code)
	next      int64                    // next height to fetch
	err       error
}

// NewTracker starts at height from (the first block it will read).
func NewTracker(r *RPC, from int64) *Tracker {
	return &Tracker{rpc: r, sent: map[[32]byte]*sentTx{}, blocks: map[int64]cometrpc.Block{}, okPer: map[int64]int{}, next: from}
}

// Reset forgets the sent transactions and per-block counts (a new workload).
func (t *Tracker) Reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sent = map[[32]byte]*sentTx{}
	t.okPer = map[int64]int{}
	t.committed.Store(0)
}

func (t *Tracker) add(hash [32]byte, s *sentTx) {
	t.mu.Lock()
	t.sent[hash] = s
	t.mu.Unlock()
}

// Run polls until ctx ends.
func (t *Tracker) Run(ctx context.Context) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := t.Poll(ctx); err != nil && ctx.Err() == nil {
			t.mu.Lock()
			t.err = err
			t.mu.Unlock()
		}
	}
}

// Poll reads every block up to the latest height.
func (t *Tracker) Poll(ctx context.Context) error {
	latest, err := t.rpc.Height(ctx)
	if err != nil {
		return err
	}
	// The latest block's results may not be stored yet when /status reports it:
	// read up to latest-1 (the next poll takes the rest).
	for t.next < latest {
		b, err := fetchBlock(ctx, t.rpc, t.next)
		if err != nil {
			return err
		}
		t.mu.Lock()
		for _, o := range b.Txs {
			s, ok := t.sent[o.Hash]
			if !ok || s.height != 0 {
				continue
			}
			s.height, s.code, s.log, s.events = b.Height, o.Code, o.Log, o.Events
			if o.Code == 0 {
				t.okPer[b.Height]++
			}
			t.committed.Add(1)
		}
		t.blocks[b.Height] = cometrpc.Block{Height: b.Height, Time: b.Time}
		t.next++
		t.mu.Unlock()
	}
	return nil
}

// LastHeight is the last height read.
func (t *Tracker) LastHeight() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.next - 1
}
