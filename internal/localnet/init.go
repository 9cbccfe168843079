package localnet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Ports are the node's listeners, all on 127.0.0.1.
type Ports struct {
	RPC   int // CometBFT RPC (config.toml [rpc] laddr)
	P2P   int // CometBFT P2P (config.toml [p2p] laddr)
	GRPC  int // gRPC (app.toml [grpc] address)
	API   int // REST, grpc-gateway and gRPC-web (app.toml [api] address)
	Pprof int // pprof (config.toml pprof_laddr); 0 turns it off
}

// DefaultPorts are the usual Cosmos SDK ports.
func DefaultPorts() Ports {
	return Ports{RPC: 26657, P2P: 26656, GRPC: 9090, API: 1317, Pprof: 6060}
}

// FreePorts asks the OS for five distinct free ports on 127.0.0.1. They are
// released before returning, so another process may take one in between: use
// them right away.
func FreePorts() (Ports, error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	ports := make([]int, 5)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return Ports{}, err
		}
		ls = append(ls, l)
		ports[i] = l.Addr().(*net.TCPAddr).Port
	}
	return Ports{RPC: ports[0], P2P: ports[1], GRPC: ports[2], API: ports[3], Pprof: ports[4]}, nil
}

// Network is a node home built by Init.
type Network struct {
	Home    string
	Binary  string
	ChainID string
	Denom   string
	Ports   Ports
	// Addresses maps every config account name to its bech32 address.
	Addresses map[string]string
	// ValidatorOperator is the validator's valoper address.
	ValidatorOperator string
	// Env is extra environment (KEY=VALUE) for the nodes Start runs, e.g. GOGC.
	Env []string
}

// RPCURL is the CometBFT RPC endpoint, as --node takes it.
func (n *Network) RPCURL() string { return fmt.Sprintf("tcp://127.0.0.1:%d", n.Ports.RPC) }

// RPCHTTP is the CometBFT RPC endpoint for HTTP clients.
func (n *Network) RPCHTTP() string { return fmt.Sprintf("http://127.0.0.1:%d", n.Ports.RPC) }

// APIURL is the REST (grpc-gateway) endpoint.
func (n *Network) APIURL() string { return fmt.Sprintf("http://127.0.0.1:%d", n.Ports.API) }

// GRPCAddr is the gRPC endpoint.
func (n *Network) GRPCAddr() string { return fmt.Sprintf("127.0.0.1:%d", n.Ports.GRPC) }

// Init builds a fresh node home at home (which must not exist or be empty) from
// cfg, running binary (a civicd) for every step:
//
//	civicd init, keys add (test keyring) for every account,
//	genesis bulk-add-genesis-account (add-genesis-account for all accounts at once),
//	then the gov and x/agency genesis edits,
//	genesis gentx, genesis collect-gentxs, genesis validate,
//
// and then sets the listeners (ports, all on 127.0.0.1), timeout_commit, the REST
// API with swagger, gRPC, zero minimum gas prices and client.toml (chain-id,
// test keyring, node).
func Init(ctx context.Context, binary, home string, cfg Config, ports Ports) (*Network, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := checkEmpty("home", home); err != nil {
		return nil, err
	}
	home, err := filepath.Abs(home)
	if err != nil {
		return nil, err
	}
	n := &Network{Home: home, Binary: binary, ChainID: cfg.ChainID, Denom: cfg.Denom, Ports: ports, Addresses: map[string]string{}}
	run := func(stdin string, args ...string) ([]byte, error) {
		return n.Exec(ctx, stdin, append(args, "--home", home)...)
	}

	if _, err := run("", "init", cfg.Validator.Moniker, "--chain-id", cfg.ChainID, "--default-denom", cfg.Denom); err != nil {
		return nil, err
	}

	for _, a := range cfg.Accounts {
		if n.Addresses[a.Name], err = addKey(ctx, n, a); err != nil {
			return nil, err
		}
	}
	// One bulk-add-genesis-account instead of an add-genesis-account per account
	// (each civicd run costs a few hundred milliseconds).
	if err := bulkAddAccounts(ctx, n, cfg.Accounts, n.Addresses); err != nil {
		return nil, err
	}

	genesis := filepath.Join(home, "config", "genesis.json")
	if err := editGenesis(genesis, cfg, n.Addresses); err != nil {
		return nil, err
	}

	if _, err := run("", "genesis", "gentx", cfg.Validator.Account, cfg.Validator.Stake,
		"--chain-id", cfg.ChainID, "--keyring-backend", "test", "--moniker", cfg.Validator.Moniker,
		"--ip", "127.0.0.1", "--p2p-port", strconv.Itoa(ports.P2P)); err != nil {
		return nil, err
	}
	if _, err := run("", "genesis", "collect-gentxs"); err != nil {
		return nil, err
	}
	if _, err := run("", "genesis", "validate"); err != nil {
		return nil, err
	}
	out, err := run("", "keys", "show", cfg.Validator.Account, "--bech", "val", "--address", "--keyring-backend", "test")
	if err != nil {
		return nil, err
	}
	n.ValidatorOperator = strings.TrimSpace(string(out))

	if err := writeNodeConfig(home, cfg, ports); err != nil {
		return nil, err
	}
	return n, nil
}

// checkEmpty fails unless dir is absent or empty; what names dir in the error.
func checkEmpty(what, dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s %s is not empty", what, dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// writeNodeConfig edits config.toml, app.toml and client.toml.
func writeNodeConfig(home string, cfg Config, p Ports) error {
	local := func(port int) string { return fmt.Sprintf("127.0.0.1:%d", port) }
	pprof := ""
	if p.Pprof != 0 {
		pprof = local(p.Pprof)
	}
	cometEdits := []TOMLEdit{
		{"rpc", "laddr", str("tcp://" + local(p.RPC))},
		{"rpc", "pprof_laddr", str(pprof)},
		{"p2p", "laddr", str("tcp://" + local(p.P2P))},
		{"p2p", "external_address", str("")},
		// One node, no peers: do not dial or gossip addresses.
		{"p2p", "pex", "false"},
		{"p2p", "addr_book_strict", "false"},
		{"p2p", "allow_duplicate_ip", "true"},
	}
	if tc := cfg.Consensus.TimeoutCommit; tc > 0 {
		cometEdits = append(cometEdits, TOMLEdit{"consensus", "timeout_commit", str(tc.Std().String())})
	}
	config := filepath.Join(home, "config")
	if err := EditTOML(filepath.Join(config, "config.toml"), cometEdits...); err != nil {
		return err
	}
	if err := EditTOML(filepath.Join(config, "app.toml"),
		TOMLEdit{"", "minimum-gas-prices", str("0" + cfg.Denom)},
		TOMLEdit{"api", "enable", "true"},
		TOMLEdit{"api", "swagger", "true"},
		TOMLEdit{"api", "address", str("tcp://" + local(p.API))},
		TOMLEdit{"grpc", "enable", "true"},
		TOMLEdit{"grpc", "address", str(local(p.GRPC))},
	); err != nil {
		return err
	}
	return EditTOML(filepath.Join(config, "client.toml"),
		TOMLEdit{"", "chain-id", str(cfg.ChainID)},
		TOMLEdit{"", "keyring-backend", str("test")},
		TOMLEdit{"", "node", str("tcp://" + local(p.RPC))},
	)
}

// Exec runs the binary with args (add "--home", n.Home yourself where it applies),
// stdin as its standard input when not empty, and returns its stdout; the error
// carries the command line, stderr and stdout.
func (n *Network) Exec(ctx context.Context, stdin string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, n.Binary, args...)
	cmd.Env = cleanEnv()
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), fmt.Errorf("civicd %s: %w\n%s%s", strings.Join(args, " "), err, stderr.String(), stdout.String())
	}
	return stdout.Bytes(), nil
}

func writeJSONFile(path string, v any) error {
	raw, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, raw, 0o600)
}

// cleanEnv is the environment without CIVICD_* variables, which civicd's viper
// would read as flag values (e.g. CIVICD_HOME, CIVICD_NODE).
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CIVICD_") {
			env = append(env, kv)
		}
	}
	return env
}

// lastJSONLine returns the last line of out that looks like a JSON object
// (keys add --recover prints a prompt before the JSON).
func lastJSONLine(out []byte) []byte {
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	for i := len(lines) - 1; i >= 0; i-- {
		if l := bytes.TrimSpace(lines[i]); bytes.HasPrefix(l, []byte("{")) {
			return l
		}
	}
	return out
}
