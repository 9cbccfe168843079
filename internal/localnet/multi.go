package localnet

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Multi-validator network settings written to every node's config.toml.
const (
	// MultiTimeoutPropose is consensus.timeout_propose of a multi-validator
	// network (CometBFT default 3s): how long validators wait for a proposal
	// before prevoting nil, so a round whose proposer is down costs about 2s.
	MultiTimeoutPropose = 2 * time.Second
	// MultiPeerMaxDialPeriod is p2p.persistent_peers_max_dial_period: a restarted
	// peer is redialled at least this often (default: exponential back-off).
	MultiPeerMaxDialPeriod = 3 * time.Second
	// PortStride is the distance between the ports of node i and node i+1 in
	// StridePorts.
	PortStride = 10
)

// StridePorts is the documented port scheme of `make localnet-multi`: node i
// listens on base + 10*i for every port (RPC 26657, 26667, 26677, 26687; P2P
// 26656, 26666, ...; gRPC 9090, 9100, ...; REST 1317, 1327, ...; pprof 6060,
// 6070, ... or off for every node when base.Pprof is 0).
func StridePorts(base Ports, n int) []Ports {
	out := make([]Ports, n)
	for i := range out {
		d := PortStride * i
		out[i] = Ports{RPC: base.RPC + d, P2P: base.P2P + d, GRPC: base.GRPC + d, API: base.API + d}
		if base.Pprof != 0 {
			out[i].Pprof = base.Pprof + d
		}
	}
	return out
}

// FreePortsN returns free ports for n nodes (see FreePorts), all distinct.
func FreePortsN(n int) ([]Ports, error) {
	out := make([]Ports, 0, n)
	seen := map[int]bool{}
	for len(out) < n {
		p, err := FreePorts()
		if err != nil {
			return nil, err
		}
		if seen[p.RPC] || seen[p.P2P] || seen[p.GRPC] || seen[p.API] || seen[p.Pprof] {
			continue
		}
		for _, x := range []int{p.RPC, p.P2P, p.GRPC, p.API, p.Pprof} {
			seen[x] = true
		}
		p.Pprof = 0 // no pprof listener per test node
		out = append(out, p)
	}
	return out, nil
}

// MultiNetwork is a network of several validators built by InitMulti, one home
// per node under Root (node0, node1, ...).
type MultiNetwork struct {
	Root  string
	Nodes []*Network
	// NodeIDs are the CometBFT node ids (civicd comet show-node-id), by node.
	NodeIDs []string
}

// ValidatorKeyName is the key name of validator i of a multi-validator network:
// config.yml's validator account for node 0, that name plus the index for the
// others ("validator", "validator1", "validator2", ...).
func ValidatorKeyName(cfg Config, i int) string {
	if i == 0 {
		return cfg.Validator.Account
	}
	return cfg.Validator.Account + strconv.Itoa(i)
}

// ValidatorMoniker is the moniker of validator i ("<moniker>-<i>").
func ValidatorMoniker(cfg Config, i int) string {
	return fmt.Sprintf("%s-%d", cfg.Validator.Moniker, i)
}

// InitMulti builds len(ports) validator homes root/node0 .. root/node<N-1> from
// cfg with real civicd commands and real gentxs:
//
//   - every node: civicd init (its own priv_validator_key and node_key);
//   - node0: keys add for every config account and for the validator keys
//     validator1..N-1 (funded like config.yml's validator account), bulk genesis
//     accounts, the gov and x/agency genesis edits (as Init);
//   - node0's keyring-test is copied to every node, so every home holds all keys;
//   - every node i: genesis gentx with its key ValidatorKeyName(cfg, i), stake
//     cfg.Validator.Stake, its own consensus key and 127.0.0.1:<its P2P port>,
//     written into node0/config/gentx;
//   - node0: collect-gentxs and validate; the genesis is copied to every node;
//   - every node: listeners on its ports (127.0.0.1 only), persistent_peers =
//     all other nodes (id@127.0.0.1:p2p, ids from `civicd comet show-node-id`),
//     allow_duplicate_ip = true, addr_book_strict = false, pex = false,
//     timeout_commit from cfg, timeout_propose = MultiTimeoutPropose,
//     persistent_peers_max_dial_period = MultiPeerMaxDialPeriod.
//
// root must not exist or be empty.
func InitMulti(ctx context.Context, binary, root string, cfg Config, ports []Ports) (*MultiNetwork, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	n := len(ports)
	if n < 1 {
		return nil, fmt.Errorf("at least one validator is required")
	}
	for i := 1; i < n; i++ {
		if _, clash := cfg.Account(ValidatorKeyName(cfg, i)); clash {
			return nil, fmt.Errorf("config account %q clashes with the key name of validator %d", ValidatorKeyName(cfg, i), i)
		}
	}
	if err := checkEmpty("root", root); err != nil {
		return nil, err
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	m := &MultiNetwork{Root: root}
	for i := 0; i < n; i++ {
		home := filepath.Join(root, fmt.Sprintf("node%d", i))
		m.Nodes = append(m.Nodes, &Network{Home: home, Binary: binary, ChainID: cfg.ChainID, Denom: cfg.Denom, Ports: ports[i], Addresses: map[string]string{}})
	}
	run := func(node *Network, stdin string, args ...string) ([]byte, error) {
		return node.Exec(ctx, stdin, append(args, "--home", node.Home)...)
	}
	for i, node := range m.Nodes {
		if _, err := run(node, "", "init", ValidatorMoniker(cfg, i), "--chain-id", cfg.ChainID, "--default-denom", cfg.Denom); err != nil {
			return nil, err
		}
		out, err := run(node, "", "comet", "show-node-id")
		if err != nil {
			return nil, err
		}
		m.NodeIDs = append(m.NodeIDs, strings.TrimSpace(string(out)))
	}

	// Keys and genesis accounts, in node0.
	n0 := m.Nodes[0]
	valAcct, _ := cfg.Account(cfg.Validator.Account)
	accounts := append([]Account{}, cfg.Accounts...)
	for i := 1; i < n; i++ {
		accounts = append(accounts, Account{Name: ValidatorKeyName(cfg, i), Coins: valAcct.Coins})
	}
	addrs := map[string]string{}
	for _, a := range accounts {
		addr, err := addKey(ctx, n0, a)
		if err != nil {
			return nil, err
		}
		addrs[a.Name] = addr
	}
	if err := bulkAddAccounts(ctx, n0, accounts, addrs); err != nil {
		return nil, err
	}
	genesis := filepath.Join(n0.Home, "config", "genesis.json")
	if err := editGenesis(genesis, cfg, addrs); err != nil {
		return nil, err
	}
	for _, node := range m.Nodes {
		for k, v := range addrs {
			node.Addresses[k] = v
		}
	}

	// gentxs: every node signs with its own key and consensus key.
	gentxDir := filepath.Join(n0.Home, "config", "gentx")
	if err := os.MkdirAll(gentxDir, 0o700); err != nil {
		return nil, err
	}
	for i, node := range m.Nodes {
		if i > 0 {
			if err := copyDir(filepath.Join(n0.Home, "keyring-test"), filepath.Join(node.Home, "keyring-test")); err != nil {
				return nil, err
			}
			if err := copyFile(genesis, filepath.Join(node.Home, "config", "genesis.json")); err != nil {
				return nil, err
			}
		}
		key := ValidatorKeyName(cfg, i)
		if _, err := run(node, "", "genesis", "gentx", key, cfg.Validator.Stake,
			"--chain-id", cfg.ChainID, "--keyring-backend", "test", "--moniker", ValidatorMoniker(cfg, i),
			"--ip", "127.0.0.1", "--p2p-port", strconv.Itoa(node.Ports.P2P),
			"--output-document", filepath.Join(gentxDir, fmt.Sprintf("gentx-node%d.json", i))); err != nil {
			return nil, err
		}
		out, err := run(node, "", "keys", "show", key, "--bech", "val", "--address", "--keyring-backend", "test")
		if err != nil {
			return nil, err
		}
		node.ValidatorOperator = strings.TrimSpace(string(out))
	}
	if _, err := run(n0, "", "genesis", "collect-gentxs"); err != nil {
		return nil, err
	}
	if _, err := run(n0, "", "genesis", "validate"); err != nil {
		return nil, err
	}
	for i, node := range m.Nodes {
		if i > 0 {
			if err := copyFile(genesis, filepath.Join(node.Home, "config", "genesis.json")); err != nil {
				return nil, err
			}
		}
		if err := writeNodeConfig(node.Home, cfg, node.Ports); err != nil {
			return nil, err
		}
		var peers []string
		for j, other := range m.Nodes {
			if j != i {
				peers = append(peers, fmt.Sprintf("%s@127.0.0.1:%d", m.NodeIDs[j], other.Ports.P2P))
			}
		}
		if err := EditTOML(filepath.Join(node.Home, "config", "config.toml"),
			TOMLEdit{"p2p", "persistent_peers", str(strings.Join(peers, ","))},
			TOMLEdit{"p2p", "persistent_peers_max_dial_period", str(MultiPeerMaxDialPeriod.String())},
			TOMLEdit{"consensus", "timeout_propose", str(MultiTimeoutPropose.String())},
		); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// addKey creates (or recovers from its mnemonic) a key in node's test keyring
// and returns its address.
func addKey(ctx context.Context, node *Network, a Account) (string, error) {
	args := []string{"keys", "add", a.Name, "--keyring-backend", "test", "--output", "json", "--home", node.Home}
	stdin := ""
	if a.Mnemonic != "" {
		args = append(args, "--recover")
		stdin = strings.TrimSpace(a.Mnemonic) + "\n"
	}
	out, err := node.Exec(ctx, stdin, args...)
	if err != nil {
		return "", err
	}
	var key struct {
		Address string `json:"address"`
	}
	if err := jsonUnmarshal(lastJSONLine(out), &key); err != nil || key.Address == "" {
		return "", fmt.Errorf("keys add %s: cannot read the address from %q: %v", a.Name, out, err)
	}
	return key.Address, nil
}

// bulkAddAccounts writes every account's coins into node's genesis with one
// genesis bulk-add-genesis-account.
func bulkAddAccounts(ctx context.Context, node *Network, accounts []Account, addrs map[string]string) error {
	type genAccount struct {
		Address string `json:"address"`
		Coins   []Coin `json:"coins"`
	}
	var gen []genAccount
	for _, a := range accounts {
		coins, err := ParseCoins(a.Coins)
		if err != nil {
			return err
		}
		sort.Slice(coins, func(i, j int) bool { return coins[i].Denom < coins[j].Denom })
		gen = append(gen, genAccount{Address: addrs[a.Name], Coins: coins})
	}
	file := filepath.Join(node.Home, "config", "genesis-accounts.json")
	if err := writeJSONFile(file, gen); err != nil {
		return err
	}
	if _, err := node.Exec(ctx, "", "genesis", "bulk-add-genesis-account", file, "--home", node.Home); err != nil {
		return err
	}
	return os.Remove(file)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

func copyDir(src, dst string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if err := copyFile(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// Start starts every node (logs in <home>/civicd.log) and returns them; on an
// error the nodes already started are stopped.
func (m *MultiNetwork) Start(extraArgs ...string) ([]*Node, error) {
	var nodes []*Node
	for _, n := range m.Nodes {
		node, err := n.Start(filepath.Join(n.Home, "civicd.log"), extraArgs...)
		if err != nil {
			for _, started := range nodes {
				_ = started.Stop(10 * time.Second)
			}
			return nil, err
		}
		nodes = append(nodes, node)
	}
	return nodes, nil
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// ConfigureHome points an existing home's listeners at ports on 127.0.0.1 and
// applies cfg's node settings (timeout_commit, REST API, gRPC, zero minimum gas
// price, client.toml), as Init does; for homes made by hand, e.g. a node
// started from an exported genesis.
func ConfigureHome(home string, cfg Config, ports Ports) error {
	return writeNodeConfig(home, cfg, ports)
}
