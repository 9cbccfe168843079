package localnet

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/civicchain/civic/internal/cometrpc"
)

// Node is a running `civicd start`.
type Node struct {
	Network *Network
	LogPath string

	cmd  *exec.Cmd
	log  *os.File
	done chan struct{}
	err  error // exit status, valid after done is closed
}

// Start runs `civicd start --home <home>` as a subprocess in its own process
// group, its output appended to logPath. Call Stop (for example in t.Cleanup).
func (n *Network) Start(logPath string, extraArgs ...string) (*Node, error) {
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	args := append([]string{"start", "--home", n.Home, "--log_no_color"}, extraArgs...)
	cmd := exec.Command(n.Binary, args...)
	cmd.Env = append(cleanEnv(), n.Env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, err
	}
	node := &Node{Network: n, LogPath: logPath, cmd: cmd, log: logFile, done: make(chan struct{})}
	go func() {
		node.err = cmd.Wait()
		_ = logFile.Close()
		close(node.done)
	}()
	return node, nil
}

// Pid is the node's process id.
func (node *Node) Pid() int { return node.cmd.Process.Pid }

// Exited reports whether the process has ended.
func (node *Node) Exited() bool {
	select {
	case <-node.done:
		return true
	default:
		return false
	}
}

// Stop ends the node: SIGTERM to its process group, SIGKILL after timeout. It
// waits for the exit and may be called more than once.
func (node *Node) Stop(timeout time.Duration) error {
	if node.Exited() {
		return nil
	}
	pgid := node.cmd.Process.Pid // Setpgid: the group id is the pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-node.done:
		return nil
	case <-time.After(timeout):
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	select {
	case <-node.done:
		return fmt.Errorf("civicd (pid %d) did not stop within %s and was killed", pgid, timeout)
	case <-time.After(10 * time.Second):
		return fmt.Errorf("civicd (pid %d) did not exit after SIGKILL", pgid)
	}
}

// WaitForHeight polls the RPC /status until the latest block height reaches
// height. It fails early when the process exits.
func (node *Node) WaitForHeight(ctx context.Context, height int64) error {
	ticker := time.NewTicker(200 * time.Millisecond)
	defer ticker.Stop()
	var last error
	for {
		if node.Exited() {
			return fmt.Errorf("civicd exited before height %d: %v (log: %s)", height, node.err, node.LogPath)
		}
		h, err := node.Network.LatestHeight(ctx)
		if err == nil && h >= height {
			return nil
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for height %d: %w (last error: %v)", height, ctx.Err(), last)
		case <-ticker.C:
		}
	}
}

// LatestHeight asks the node's CometBFT RPC (status) for the latest block height.
func (n *Network) LatestHeight(ctx context.Context) (int64, error) {
	c := &cometrpc.Client{URL: n.RPCHTTP(), HTTP: http.DefaultClient}
	return c.Height(ctx)
}

// LogTail returns the last n bytes of the node's log.
func (node *Node) LogTail(n int64) string {
	raw, err := os.ReadFile(node.LogPath)
	if err != nil {
		return err.Error()
	}
	if int64(len(raw)) > n {
		raw = raw[int64(len(raw))-n:]
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			raw = raw[i+1:]
		}
	}
	return string(raw)
}

// Kill sends SIGKILL to the node's process group (a crash, no shutdown) and
// waits for the exit.
func (node *Node) Kill() error {
	if node.Exited() {
		return nil
	}
	_ = syscall.Kill(-node.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-node.done:
		return nil
	case <-time.After(10 * time.Second):
		return fmt.Errorf("civicd (pid %d) did not exit after SIGKILL", node.cmd.Process.Pid)
	}
}
