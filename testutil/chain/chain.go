// Package chain starts real civicd networks for tests (tests/e2e, tests/storm,
// tests/faults): homes built from the repository's config.yml with internal/localnet
// on free 127.0.0.1 ports, the binary built once by TestMainWithBinary, and every
// process stopped when the test ends.
package chain

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/civicchain/civic/internal/cometrpc"
	"github.com/civicchain/civic/internal/localnet"
)

// Chain is one running single-validator civicd.
type Chain struct {
	Ctx context.Context
	Cfg localnet.Config
	Net *localnet.Network
	// Node is the running process. A test that restarts the node sets Node to the new
	// one, which the cleanup then stops.
	Node *localnet.Node
	// RPC is a CometBFT RPC client of the node.
	RPC *cometrpc.Client
}

// Option configures Start.
type Option func(*options)

type options struct {
	timeout time.Duration
	edit    func(net *localnet.Network) error
	logTail int64
}

// WithTimeout bounds the whole test's use of the chain (Chain.Ctx; default 10 minutes).
func WithTimeout(d time.Duration) Option {
	return func(o *options) { o.timeout = d }
}

// WithHomeEdit runs edit on the built home before the node starts (e.g. to change
// config.toml).
func WithHomeEdit(edit func(net *localnet.Network) error) Option {
	return func(o *options) { o.edit = edit }
}

// WithLogTail sets how many bytes of the node's log a failed test prints (default 12000).
func WithLogTail(n int64) Option {
	return func(o *options) { o.logTail = n }
}

// ConfigPath is the repository's config.yml, found from the working directory up.
func ConfigPath(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "config.yml")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// LoadConfig loads the repository's config.yml.
func LoadConfig(t testing.TB) localnet.Config {
	t.Helper()
	cfg, err := localnet.LoadConfig(ConfigPath(t))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// Start builds a home from config.yml on free ports with binary, starts civicd and
// waits for block 2. The node is stopped in t.Cleanup, and its log tail is printed
// when the test failed.
func Start(t *testing.T, binary string, opts ...Option) *Chain {
	t.Helper()
	o := options{timeout: 10 * time.Minute, logTail: 12000}
	for _, opt := range opts {
		opt(&o)
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	t.Cleanup(cancel)

	cfg := LoadConfig(t)
	ports, err := localnet.FreePorts()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	start := time.Now()
	net, err := homeFromTemplate(ctx, binary, filepath.Join(dir, "home"), cfg, ports)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("home built in %s (RPC %s, REST %s)", time.Since(start).Round(time.Millisecond), net.RPCURL(), net.APIURL())
	if o.edit != nil {
		if err := o.edit(net); err != nil {
			t.Fatal(err)
		}
	}

	start = time.Now()
	node, err := net.Start(filepath.Join(dir, "civicd.log"))
	if err != nil {
		t.Fatal(err)
	}
	c := &Chain{Ctx: ctx, Cfg: cfg, Net: net, Node: node, RPC: cometrpc.New(net.RPCHTTP(), 16, 30*time.Second)}
	t.Cleanup(func() { // c.Node: the test may have restarted the node
		if err := c.Node.Stop(20 * time.Second); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("civicd log tail (%s):\n%s", c.Node.LogPath, c.Node.LogTail(o.logTail))
		}
	})
	waitCtx, waitCancel := context.WithTimeout(ctx, 60*time.Second)
	defer waitCancel()
	if err := node.WaitForHeight(waitCtx, 2); err != nil {
		t.Fatal(err)
	}
	t.Logf("block 2 after %s", time.Since(start).Round(time.Millisecond))
	return c
}

// InitMulti builds n validator homes from config.yml on free ports with binary (not
// started: the test starts, kills and restarts the nodes).
func InitMulti(t *testing.T, ctx context.Context, binary string, n int) (*localnet.MultiNetwork, localnet.Config) {
	t.Helper()
	cfg := LoadConfig(t)
	ports, err := localnet.FreePortsN(n)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	m, err := localnet.InitMulti(ctx, binary, filepath.Join(t.TempDir(), "net"), cfg, ports)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d homes built in %s", n, time.Since(start).Round(time.Millisecond))
	return m, cfg
}
