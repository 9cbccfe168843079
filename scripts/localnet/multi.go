package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/civicchain/civic/internal/localnet"
)

// pidsFile lists the nodes started by -start, one "pid home" a line.
func pidsFile(home string) string { return filepath.Join(home, "pids") }

// multi builds the validator homes under home and, with start, starts them.
func multi(ctx context.Context, bin, home string, cfg localnet.Config, ports []localnet.Ports, start bool) error {
	m, err := localnet.InitMulti(ctx, bin, home, cfg, ports)
	if err != nil {
		return err
	}
	var pids []string
	if start {
		for _, n := range m.Nodes {
			pid, err := startDetached(bin, n.Home)
			if err != nil {
				_ = stopNodes(home)
				return err
			}
			pids = append(pids, strconv.Itoa(pid))
			f, err := os.OpenFile(pidsFile(m.Root), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(f, "%d %s\n", pid, n.Home)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
	fmt.Printf("civic localnet: %d validators, chain-id %s, root %s\n", len(m.Nodes), cfg.ChainID, m.Root)
	fmt.Printf("block time ~%s (timeout_commit), timeout_propose %s, peers redialled every <= %s\n\n",
		cfg.Consensus.TimeoutCommit.Std(), localnet.MultiTimeoutPropose, localnet.MultiPeerMaxDialPeriod)
	for i, n := range m.Nodes {
		fmt.Printf("node%d  %s  validator key %q  %s\n", i, m.NodeIDs[i], localnet.ValidatorKeyName(cfg, i), n.ValidatorOperator)
		fmt.Printf("  home   %s\n", n.Home)
		fmt.Printf("  RPC    %s   REST %s   gRPC %s   P2P tcp://127.0.0.1:%d", n.RPCHTTP(), n.APIURL(), n.GRPCAddr(), n.Ports.P2P)
		if n.Ports.Pprof != 0 {
			fmt.Printf("   pprof 127.0.0.1:%d", n.Ports.Pprof)
		}
		fmt.Println()
		if start {
			fmt.Printf("  pid    %s   log %s\n", pids[i], filepath.Join(n.Home, "civicd.log"))
		}
	}
	if start {
		fmt.Printf("\nRunning in the background; pids in %s. Stop with: make localnet-stop\n", pidsFile(m.Root))
	} else {
		fmt.Printf("\nStart a node with: %s start --home %s\n", bin, m.Nodes[0].Home)
	}
	fmt.Printf("Every home holds every key (test keyring), e.g.\n  %s q agency agencies --home %s\n", bin, m.Nodes[0].Home)
	return nil
}

// startDetached starts `civicd start --home home` in its own session, output to
// home/civicd.log, and returns its pid; it outlives this process.
func startDetached(bin, home string) (int, error) {
	logf, err := os.OpenFile(filepath.Join(home, "civicd.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return 0, err
	}
	defer logf.Close()
	cmd := exec.Command(bin, "start", "--home", home, "--log_no_color")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CIVICD_") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	pid := cmd.Process.Pid
	_ = cmd.Process.Release()
	return pid, nil
}

type recorded struct {
	pid  int
	home string
}

func readPids(home string) ([]recorded, error) {
	f, err := os.Open(pidsFile(home))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []recorded
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 2 {
			continue
		}
		pid, err := strconv.Atoi(fields[0])
		if err != nil || pid <= 1 {
			continue
		}
		out = append(out, recorded{pid, fields[1]})
	}
	return out, sc.Err()
}

// isOurNode reports whether pid is a running `civicd start --home home`.
func isOurNode(pid int, home string) bool {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return false
	}
	args := strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
	if len(args) < 2 || !strings.HasPrefix(filepath.Base(args[0]), "civicd") || args[1] != "start" {
		return false
	}
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "--home" && args[i+1] == home {
			return true
		}
	}
	return false
}

// refuseRunning fails when home's pids file lists a node that still runs.
func refuseRunning(home string) error {
	abs, err := filepath.Abs(home)
	if err != nil {
		return err
	}
	recs, err := readPids(abs)
	if err != nil {
		return nil
	}
	for _, r := range recs {
		if isOurNode(r.pid, r.home) {
			return fmt.Errorf("civicd pid %d (%s) is still running: make localnet-stop first", r.pid, r.home)
		}
	}
	return nil
}

// stopNodes stops exactly the recorded nodes that are still civicd processes
// of their home: SIGTERM, then SIGKILL after 20s. The pids file is removed.
func stopNodes(home string) error {
	abs, err := filepath.Abs(home)
	if err != nil {
		return err
	}
	recs, err := readPids(abs)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Printf("no %s: nothing to stop\n", pidsFile(abs))
		return nil
	}
	if err != nil {
		return err
	}
	var live []recorded
	for _, r := range recs {
		if filepath.Dir(r.home) != abs {
			fmt.Printf("pid %d: home %s is not under %s, skipped\n", r.pid, r.home, abs)
			continue
		}
		if !isOurNode(r.pid, r.home) {
			fmt.Printf("pid %d: not a running civicd of %s, skipped\n", r.pid, r.home)
			continue
		}
		if err := syscall.Kill(r.pid, syscall.SIGTERM); err == nil {
			fmt.Printf("pid %d (%s): SIGTERM\n", r.pid, r.home)
			live = append(live, r)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for _, r := range live {
		for isOurNode(r.pid, r.home) && time.Now().Before(deadline) {
			time.Sleep(200 * time.Millisecond)
		}
		if isOurNode(r.pid, r.home) {
			fmt.Printf("pid %d: still running after 20s, SIGKILL\n", r.pid)
			_ = syscall.Kill(r.pid, syscall.SIGKILL)
		}
	}
	for _, r := range live {
		if isOurNode(r.pid, r.home) {
			return fmt.Errorf("pid %d (%s) did not stop; %s kept", r.pid, r.home, pidsFile(abs))
		}
	}
	return os.Remove(pidsFile(abs))
}
