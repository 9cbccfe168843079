package chain

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/civicchain/civic/internal/localnet"
)

// templates holds, per binary, one home built by localnet.Init that Start copies
// instead of building a home per chain: Init runs civicd about thirty times
// (init, a key per account, gentx, collect-gentxs, validate), some 10 s of CPU,
// and every single-validator chain of a test package starts from the same
// config.yml. TestMainWithBinary removes the folder when the package is done.
var templates struct {
	sync.Mutex
	dir   string
	homes map[string]*localnet.Network
}

// homeFromTemplate makes home a copy of binary's template home (built on first
// use) with its listeners on ports and its genesis time, and the x/agency
// timestamps that equal it, moved to now, so that the copy is the home Init
// would have built now.
func homeFromTemplate(ctx context.Context, binary, home string, cfg localnet.Config, ports localnet.Ports) (*localnet.Network, error) {
	tmpl, err := template(ctx, binary, cfg)
	if err != nil {
		return nil, err
	}
	if err := os.CopyFS(home, os.DirFS(tmpl.Home)); err != nil {
		return nil, fmt.Errorf("copying the template home: %w", err)
	}
	if err := localnet.ConfigureHome(home, cfg, ports); err != nil {
		return nil, err
	}
	if err := restampGenesis(filepath.Join(home, "config", "genesis.json"), time.Now().UTC()); err != nil {
		return nil, err
	}
	net := *tmpl
	net.Home, net.Ports = home, ports
	net.Addresses = make(map[string]string, len(tmpl.Addresses))
	for name, addr := range tmpl.Addresses {
		net.Addresses[name] = addr
	}
	return &net, nil
}

// template returns binary's template home, building it on first use.
func template(ctx context.Context, binary string, cfg localnet.Config) (*localnet.Network, error) {
	templates.Lock()
	defer templates.Unlock()
	if n, ok := templates.homes[binary]; ok {
		return n, nil
	}
	if templates.dir == "" {
		dir, err := os.MkdirTemp("", "civic-home-template-")
		if err != nil {
			return nil, err
		}
		templates.dir, templates.homes = dir, map[string]*localnet.Network{}
	}
	home := filepath.Join(templates.dir, fmt.Sprint(len(templates.homes)))
	ports, err := localnet.FreePorts()
	if err != nil {
		return nil, err
	}
	n, err := localnet.Init(ctx, binary, home, cfg, ports)
	if err != nil {
		return nil, err
	}
	templates.homes[binary] = n
	return n, nil
}

// removeTemplates deletes the template homes.
func removeTemplates() {
	templates.Lock()
	defer templates.Unlock()
	if templates.dir != "" {
		_ = os.RemoveAll(templates.dir)
	}
	templates.dir, templates.homes = "", nil
}

// restampGenesis replaces every JSON string equal to the genesis file's
// genesis_time (the genesis_time itself and the x/agency registered_at and
// updated_at localnet sets to it) with now.
func restampGenesis(path string, now time.Time) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc struct {
		GenesisTime string `json:"genesis_time"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil || doc.GenesisTime == "" {
		return fmt.Errorf("%s: no genesis_time (%v)", path, err)
	}
	old, _ := json.Marshal(doc.GenesisTime)
	stamp, _ := json.Marshal(now.Format(time.RFC3339Nano))
	return os.WriteFile(path, bytes.ReplaceAll(raw, old, stamp), 0o600)
}
