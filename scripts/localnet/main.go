// Command localnet builds a fresh single-validator civic home from config.yml
// (see internal/localnet) and prints the endpoints and accounts. It does not
// start the node: `make localnet` runs it and then `civicd start`, or:
//
//	go run ./scripts/localnet -binary build/civicd && build/civicd start --home .localnet
//
// Every setting is a flag with an environment default:
//
//	-home      CIVIC_HOME       node home, wiped and recreated      (./.localnet)
//	-binary    CIVICD           the civicd to run                   (build/civicd)
//	-config    CIVIC_CONFIG     the network description             (config.yml)
//	-rpc-port  CIVIC_RPC_PORT   CometBFT RPC                        (26657)
//	-p2p-port  CIVIC_P2P_PORT   CometBFT P2P                        (26656)
//	-grpc-port CIVIC_GRPC_PORT  gRPC                                (9090)
//	-api-port  CIVIC_API_PORT   REST (grpc-gateway) and swagger     (1317)
//	-pprof-port CIVIC_PPROF_PORT pprof, 0 = off                     (6060)
//
// All listeners bind to 127.0.0.1 only.
//
// Several validators (make localnet-multi):
//
//	-validators N  CIVIC_VALIDATORS  N > 1 builds N validator homes        (1)
//	               $CIVIC_HOME/node0 .. node<N-1> with real gentxs; node i
//	               listens on every base port + 10*i
//	-start         start every node in the background (N > 1 only): logs in
//	               <node home>/civicd.log, pids in $CIVIC_HOME/pids
//	-stop          stop the nodes listed in $CIVIC_HOME/pids (SIGTERM, then
//	               SIGKILL after 20s), only pids that are civicd processes
//	               started with --home of that node; nothing else is touched
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/civicchain/civic/internal/localnet"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "localnet:", err)
		os.Exit(1)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func envInt(key string, def int) int {
	return envNumber(key, def, "a number", func(int) bool { return true })
}

func envPort(key string, def int) int {
	return envNumber(key, def, "a port", func(p int) bool { return p >= 0 && p <= 65535 })
}

// envNumber is the environment variable key as a number, def when unset; a
// value that is not a number or not ok exits with "<key>=<value> is not <what>".
func envNumber(key string, def int, what string, ok func(int) bool) int {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || !ok(n) {
		fmt.Fprintf(os.Stderr, "localnet: %s=%q is not %s\n", key, v, what)
		os.Exit(2)
	}
	return n
}

func run() error {
	def := localnet.DefaultPorts()
	var (
		home    = flag.String("home", envOr("CIVIC_HOME", ".localnet"), "node home to wipe and recreate (env CIVIC_HOME)")
		binary  = flag.String("binary", envOr("CIVICD", "build/civicd"), "civicd binary (env CIVICD)")
		cfgPath = flag.String("config", envOr("CIVIC_CONFIG", "config.yml"), "network description (env CIVIC_CONFIG)")
		force   = flag.Bool("force", false, "wipe -home even if it does not look like a civic home")
		vals    = flag.Int("validators", envInt("CIVIC_VALIDATORS", 1), "number of validators; N > 1 builds $CIVIC_HOME/node0..N-1 (env CIVIC_VALIDATORS)")
		start   = flag.Bool("start", false, "with -validators > 1: start every node in the background")
		stopAll = flag.Bool("stop", false, "stop the nodes recorded in <home>/pids and exit")
		ports   localnet.Ports
	)
	flag.IntVar(&ports.RPC, "rpc-port", envPort("CIVIC_RPC_PORT", def.RPC), "CometBFT RPC port (env CIVIC_RPC_PORT)")
	flag.IntVar(&ports.P2P, "p2p-port", envPort("CIVIC_P2P_PORT", def.P2P), "CometBFT P2P port (env CIVIC_P2P_PORT)")
	flag.IntVar(&ports.GRPC, "grpc-port", envPort("CIVIC_GRPC_PORT", def.GRPC), "gRPC port (env CIVIC_GRPC_PORT)")
	flag.IntVar(&ports.API, "api-port", envPort("CIVIC_API_PORT", def.API), "REST API port (env CIVIC_API_PORT)")
	flag.IntVar(&ports.Pprof, "pprof-port", envPort("CIVIC_PPROF_PORT", def.Pprof), "pprof port, 0 = off (env CIVIC_PPROF_PORT)")
	flag.Parse()
	if flag.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %v", flag.Args())
	}

	if *stopAll {
		return stopNodes(*home)
	}
	if *vals < 1 || *vals > 20 {
		return fmt.Errorf("-validators %d: must be 1..20", *vals)
	}
	if *start && *vals < 2 {
		return fmt.Errorf("-start is for -validators > 1 (make localnet runs the single node in the foreground)")
	}
	cfg, err := localnet.LoadConfig(*cfgPath)
	if err != nil {
		return err
	}
	bin, err := filepath.Abs(*binary)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("civicd binary: %w (run 'make build' or pass -binary)", err)
	}
	if err := refuseRunning(*home); err != nil {
		return err
	}
	if err := wipe(*home, *force); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *vals > 1 {
		return multi(ctx, bin, *home, cfg, localnet.StridePorts(ports, *vals), *start)
	}
	n, err := localnet.Init(ctx, bin, *home, cfg, ports)
	if err != nil {
		return err
	}
	printSummary(n, cfg)
	return nil
}

// wipe removes home, refusing a non-empty folder that is not a node home
// (no config/genesis.json) unless force is set.
func wipe(home string, force bool) error {
	abs, err := filepath.Abs(home)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(abs)
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	if abs == "/" || abs == os.Getenv("HOME") {
		return fmt.Errorf("refusing to wipe %s", abs)
	}
	_, errSingle := os.Stat(filepath.Join(abs, "config", "genesis.json"))
	_, errMulti := os.Stat(filepath.Join(abs, "node0", "config", "genesis.json"))
	if errSingle != nil && errMulti != nil && !force {
		return fmt.Errorf("%s is not empty and holds neither config/genesis.json nor node0/config/genesis.json; pass -force to wipe it anyway", abs)
	}
	return os.RemoveAll(abs)
}

func printSummary(n *localnet.Network, cfg localnet.Config) {
	fmt.Printf("civic localnet ready: chain-id %s, home %s\n\n", n.ChainID, n.Home)
	fmt.Printf("  CometBFT RPC  %s\n", n.RPCHTTP())
	fmt.Printf("  REST API      %s   (OpenAPI: %s/swagger/)\n", n.APIURL(), n.APIURL())
	fmt.Printf("  gRPC          %s\n", n.GRPCAddr())
	if n.Ports.Pprof != 0 {
		fmt.Printf("  pprof         http://127.0.0.1:%d/debug/pprof/\n", n.Ports.Pprof)
	}
	fmt.Printf("  P2P           tcp://127.0.0.1:%d\n\n", n.Ports.P2P)

	role := map[string]string{}
	for _, a := range cfg.Agencies {
		role[a.Admin] = a.ID + " admin"
		for _, m := range a.Members {
			r := a.ID + " " + strings.Join(m.Roles, ",")
			if m.Account == a.Admin {
				r = a.ID + " admin, " + strings.Join(m.Roles, ",")
			}
			role[m.Account] = r
		}
	}
	role[cfg.Validator.Account] = "validator " + n.ValidatorOperator
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "  KEY\tADDRESS\tCOINS\tAGENCY / ROLE")
	for _, a := range cfg.Accounts {
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", a.Name, n.Addresses[a.Name], a.Coins, role[a.Name])
	}
	_ = w.Flush()
	fmt.Printf(`
Keys are in the "test" keyring of the home; client.toml already points at this node:
  civicd start --home %[1]s
  civicd query agency agencies --home %[1]s
  civicd tx digitalevidence open-case <sha256-of-case-number> --from knpa-investigator --home %[1]s
  curl %[2]s/civic/agency/v1/agencies
`, n.Home, n.APIURL())
}
