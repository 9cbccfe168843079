package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	"github.com/civicchain/civic/internal/localnet"
	welfaretypes "github.com/civicchain/civic/x/welfare/types"
)

// LoadAccount is a funded account the load generator signs for with a raw
// secp256k1 key (no keyring).
type LoadAccount struct {
	Index   int
	Priv    *secp256k1.PrivKey
	Address string // bech32 civic1...
	AccNum  uint64
	Seq     uint64
}

// NewLoadAccounts derives n deterministic keys (sha256 of "civic-bench/<i>").
// They are for a throwaway benchmark chain only.
func NewLoadAccounts(n int) ([]*LoadAccount, error) {
	out := make([]*LoadAccount, n)
	for i := range out {
		seed := sha256.Sum256([]byte(fmt.Sprintf("civic-bench/%d", i)))
		priv := &secp256k1.PrivKey{Key: seed[:]}
		addr, err := bech32.ConvertAndEncode(Bech32Prefix, sdk.AccAddress(priv.PubKey().Address()))
		if err != nil {
			return nil, err
		}
		out[i] = &LoadAccount{Index: i, Priv: priv, Address: addr}
	}
	return out, nil
}

// Bech32Prefix is civic's account prefix.
const Bech32Prefix = "civic"

// LoadAgency is the agency the load accounts join at genesis, and LoadRoles the
// roles they hold (evidence.investigator opens cases and registers; evidence.custodian
// takes custody, transfers and receives; toll.plaza records trips, as a plaza terminal;
// welfare.caseworker files applications; welfare.manager distributes cycles).
const LoadAgency = "knpa"

// LoadRoles are the load accounts' roles in LoadAgency (toll.operator and
// toll.plaza are granted to LoadAgency by ExtendGenesis for the x/toll
// workloads, welfare.caseworker and welfare.manager for the x/welfare ones).
var LoadRoles = []string{"evidence.custodian", "evidence.investigator", "toll.plaza", welfaretypes.RoleCaseworker, welfaretypes.RoleManager}

// ExtendGenesis adds the load accounts to genesis.json: auth BaseAccounts with
// account numbers after the existing ones, bank balances of coins (the supply is
// left empty in genesis, so the chain computes it), and memberships of agency with
// roles, and for x/haccp's DeclareImport an IMPORTER facility per account with
// hygieneCerts hygiene certificates each, the toll network (extendTollGenesis),
// a water site with its sensor per account (extendWaterGenesis), a voucher
// program every account holds vouchers of (extendVoucherGenesis) and the
// welfare programs, entitlements and approved cycles (extendWelfareGenesis).
// It keeps the genesis orderings (balances and members by address bytes).
func ExtendGenesis(path string, accts []*LoadAccount, denom, amount, agency string, roles []string, hygieneCerts int) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	genesisTime, _ := doc["genesis_time"].(string)
	app, ok := doc["app_state"].(map[string]any)
	if !ok {
		return fmt.Errorf("%s: no app_state", path)
	}
	auth, _ := app["auth"].(map[string]any)
	bank, _ := app["bank"].(map[string]any)
	ag, _ := app["agency"].(map[string]any)
	if auth == nil || bank == nil || ag == nil {
		return fmt.Errorf("%s: genesis lacks auth, bank or agency state", path)
	}
	if supply, _ := bank["supply"].([]any); len(supply) != 0 {
		// The supply is written: add the new balances to it.
		per, ok := new(big.Int).SetString(amount, 10)
		if !ok {
			return fmt.Errorf("amount %q is not an integer", amount)
		}
		add := new(big.Int).Mul(per, big.NewInt(int64(len(accts))))
		found := false
		for _, c := range supply {
			m, _ := c.(map[string]any)
			if fmt.Sprint(m["denom"]) != denom {
				continue
			}
			cur, ok := new(big.Int).SetString(fmt.Sprint(m["amount"]), 10)
			if !ok {
				return fmt.Errorf("supply amount %v", m["amount"])
			}
			m["amount"] = cur.Add(cur, add).String()
			found = true
		}
		if !found {
			return fmt.Errorf("%s: supply has no %s", path, denom)
		}
	}
	accounts, _ := auth["accounts"].([]any)
	next := uint64(0)
	for _, a := range accounts {
		m, _ := a.(map[string]any)
		if n, ok := m["account_number"]; ok {
			v, err := strconv.ParseUint(fmt.Sprint(n), 10, 64)
			if err == nil && v+1 > next {
				next = v + 1
			}
		}
	}
	balances, _ := bank["balances"].([]any)
	members, _ := ag["members"].([]any)
	sortedRoles := append([]string(nil), roles...)
	sort.Strings(sortedRoles)
	for _, a := range accts {
		a.AccNum = next
		accounts = append(accounts, map[string]any{
			"@type": "/cosmos.auth.v1beta1.BaseAccount", "address": a.Address, "pub_key": nil,
			"account_number": strconv.FormatUint(next, 10), "sequence": "0",
		})
		next++
		balances = append(balances, map[string]any{"address": a.Address, "coins": []any{map[string]any{"denom": denom, "amount": amount}}})
		if agency != "" {
			members = append(members, map[string]any{"agency_id": agency, "address": a.Address, "roles": sortedRoles, "expires_at": nil, "added_at": genesisTime})
		}
	}
	sortByAddress(balances)
	sortByAddress(members)
	auth["accounts"] = accounts
	bank["balances"] = balances
	ag["members"] = members
	if haccp, ok := app["haccp"].(map[string]any); ok && len(accts) > 0 {
		extendHaccpGenesis(haccp, accts, agency, genesisTime, hygieneCerts)
	}
	extendTollGenesis(app, accts, denom, agency, genesisTime)
	if err := extendWaterGenesis(app, accts, agency, genesisTime); err != nil {
		return err
	}
	if err := extendVoucherGenesis(app, accts, agency, genesisTime); err != nil {
		return err
	}
	if err := extendWelfareGenesis(app, accts, agency, genesisTime); err != nil {
		return err
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o600)
}

// sortByAddress sorts genesis entries by the bytes of their "address" (x/bank
// balances, x/agency members).
func sortByAddress(list []any) {
	addrBytes := func(v any) []byte {
		m, _ := v.(map[string]any)
		_, bz, _ := bech32.DecodeAndConvert(fmt.Sprint(m["address"]))
		return bz
	}
	sort.SliceStable(list, func(i, j int) bool { return bytes.Compare(addrBytes(list[i]), addrBytes(list[j])) < 0 })
}

// extendHaccpGenesis adds load account i's IMPORTER facility BenchFacilityID(i)
// and its hygiene certificates BenchHygieneCertNo(i, 0..n-1), received by
// agency's first load account, and moves next_facility_id above them.
func extendHaccpGenesis(haccp map[string]any, accts []*LoadAccount, agency, genesisTime string, n int) {
	facilities, _ := haccp["facilities"].([]any)
	certs, _ := haccp["hygiene_certificates"].([]any)
	for i, a := range accts {
		id := BenchFacilityID(i)
		facilities = append(facilities, map[string]any{
			"id": strconv.FormatUint(id, 10), "operator": a.Address, "business_registration_digest": digestOf(fmt.Sprintf("bench facility %d", i)),
			"type": "FACILITY_TYPE_IMPORTER", "name": fmt.Sprintf("Bench Importer %d", i), "region_code": "11110",
			"staff_count": "0", "registered_at": genesisTime,
		})
		for k := 0; k < n; k++ {
			certs = append(certs, map[string]any{
				"country": BenchHygieneCountry, "cert_no": BenchHygieneCertNo(i, k), "issuing_authority": "Bench Export Authority",
				"product": "Frozen beef", "lot": BenchLot(i, k), "document_digest": digestOf(fmt.Sprintf("bench hygiene certificate %d %d", i, k)),
				"status": "HYGIENE_CERT_STATUS_RECEIVED", "agency_id": agency, "received_by": accts[0].Address,
				"received_at": genesisTime, "used_by": "", "reason_code": "", "updated_at": genesisTime,
				"importer_facility_id": strconv.FormatUint(id, 10), "held_by": "",
			})
		}
	}
	haccp["facilities"] = facilities
	haccp["hygiene_certificates"] = certs
	next := BenchFacilityID(len(accts))
	if cur, err := strconv.ParseUint(fmt.Sprint(haccp["next_facility_id"]), 10, 64); err == nil && cur > next {
		next = cur
	}
	haccp["next_facility_id"] = strconv.FormatUint(next, 10)
}

// NodeTuning are the throughput settings the harness writes into its own home.
type NodeTuning struct {
	TimeoutCommit string // consensus.timeout_commit, e.g. "1s"
	MempoolSize   int    // mempool.size (CometBFT, txs)
	MempoolCache  int    // mempool.cache_size
	Indexer       string // tx_index.indexer: "null" or "kv"
	IAVLCache     int    // app.toml iavl-cache-size
	GOGC          string // the node processes' GOGC ("" = Go's default, 100)
}

// NodeEnv is the extra environment of the node processes.
func (t NodeTuning) NodeEnv() []string {
	if t.GOGC == "" {
		return nil
	}
	return []string{"GOGC=" + t.GOGC}
}

// DefaultTuning is what `make bench` uses.
func DefaultTuning() NodeTuning {
	return NodeTuning{TimeoutCommit: "1s", MempoolSize: 20000, MempoolCache: 100000, Indexer: "null", IAVLCache: 781250}
}

// Edits returns the config.toml and app.toml edits.
func (t NodeTuning) Edits() (comet, app []localnet.TOMLEdit) {
	q := strconv.Quote
	comet = []localnet.TOMLEdit{
		{Section: "consensus", Key: "timeout_commit", Value: q(t.TimeoutCommit)},
		{Section: "mempool", Key: "size", Value: strconv.Itoa(t.MempoolSize)},
		{Section: "mempool", Key: "cache_size", Value: strconv.Itoa(t.MempoolCache)},
		{Section: "tx_index", Key: "indexer", Value: q(t.Indexer)},
		{Section: "", Key: "log_level", Value: q("warn")},
	}
	app = []localnet.TOMLEdit{{Section: "", Key: "iavl-cache-size", Value: strconv.Itoa(t.IAVLCache)}}
	return comet, app
}

// Chain is a running benchmark network: Net/Node are node 0 (the one the load
// generator talks to), Others the other validators of a multi-validator network.
type Chain struct {
	Net      *localnet.Network
	Node     *localnet.Node
	Others   []*localnet.Node
	Accounts []*LoadAccount
	Dir      string
}

// SetupOptions configure StartChain.
type SetupOptions struct {
	Binary     string // civicd
	ConfigYML  string // config.yml
	Dir        string // working directory (home, log); must be empty or absent
	Accounts   int
	Coins      string // amount of the denom per load account
	Tuning     NodeTuning
	Validators int // 1; 4 needs multi-validator init in internal/localnet
	// HygieneCerts is how many genesis hygiene certificates each load account
	// gets (one per haccp-declare-import transaction it may send).
	HygieneCerts int
}

// StartChain builds a fresh home with internal/localnet from config.yml, adds the
// load accounts to genesis, applies the tuning, starts civicd and waits for block 2.
// Validators > 1 builds a multi-validator network with localnet.InitMulti.
func StartChain(ctx context.Context, o SetupOptions) (*Chain, error) {
	if o.Validators > 1 {
		return startMulti(ctx, o)
	}
	cfg, accts, err := o.load()
	if err != nil {
		return nil, err
	}
	ports, err := localnet.FreePorts()
	if err != nil {
		return nil, err
	}
	home := filepath.Join(o.Dir, "home")
	n, err := localnet.Init(ctx, o.Binary, home, cfg, ports)
	if err != nil {
		return nil, err
	}
	if _, err := o.extendGenesis(ctx, n, cfg, accts); err != nil {
		return nil, err
	}
	comet, app := o.Tuning.Edits()
	if err := editConfigs(n.Home, comet, app); err != nil {
		return nil, err
	}
	n.Env = o.Tuning.NodeEnv()
	node, err := n.Start(filepath.Join(o.Dir, "civicd.log"))
	if err != nil {
		return nil, err
	}
	c := &Chain{Net: n, Node: node, Accounts: accts, Dir: o.Dir}
	if err := node.WaitForHeight(ctx, 2); err != nil {
		_ = node.Stop(20e9)
		return nil, fmt.Errorf("%w\n%s", err, node.LogTail(4000))
	}
	return c, nil
}

// startMulti is StartChain for o.Validators nodes (localnet.InitMulti): the load
// accounts go into node 0's genesis, which is copied to every node; every node
// gets the tuning; node 0 also listens for pprof.
func startMulti(ctx context.Context, o SetupOptions) (*Chain, error) {
	cfg, accts, err := o.load()
	if err != nil {
		return nil, err
	}
	ports, err := localnet.FreePortsN(o.Validators)
	if err != nil {
		return nil, err
	}
	extra, err := localnet.FreePorts()
	if err != nil {
		return nil, err
	}
	ports[0].Pprof = extra.Pprof
	m, err := localnet.InitMulti(ctx, o.Binary, filepath.Join(o.Dir, "net"), cfg, ports)
	if err != nil {
		return nil, err
	}
	n0 := m.Nodes[0]
	gen, err := o.extendGenesis(ctx, n0, cfg, accts)
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(gen)
	if err != nil {
		return nil, err
	}
	comet, app := o.Tuning.Edits()
	for i, n := range m.Nodes {
		n.Env = o.Tuning.NodeEnv()
		if i > 0 {
			if err := os.WriteFile(filepath.Join(n.Home, "config", "genesis.json"), raw, 0o600); err != nil {
				return nil, err
			}
		}
		edits := comet
		if i == 0 {
			edits = append(append([]localnet.TOMLEdit(nil), comet...), localnet.TOMLEdit{Section: "rpc", Key: "pprof_laddr", Value: strconv.Quote(fmt.Sprintf("127.0.0.1:%d", ports[0].Pprof))})
		}
		if err := editConfigs(n.Home, edits, app); err != nil {
			return nil, err
		}
	}
	nodes, err := m.Start()
	if err != nil {
		return nil, err
	}
	c := &Chain{Net: n0, Node: nodes[0], Others: nodes[1:], Accounts: accts, Dir: o.Dir}
	if err := nodes[0].WaitForHeight(ctx, 2); err != nil {
		_ = c.Stop()
		return nil, fmt.Errorf("%w\n%s", err, nodes[0].LogTail(4000))
	}
	return c, nil
}

// load reads config.yml and derives the load accounts.
func (o SetupOptions) load() (localnet.Config, []*LoadAccount, error) {
	cfg, err := localnet.LoadConfig(o.ConfigYML)
	if err != nil {
		return localnet.Config{}, nil, err
	}
	accts, err := NewLoadAccounts(o.Accounts)
	return cfg, accts, err
}

// extendGenesis adds the load accounts, their coins and roles and the
// hygiene certificates to the genesis of node n (ExtendGenesis), has civicd
// validate it and returns its path.
func (o SetupOptions) extendGenesis(ctx context.Context, n *localnet.Network, cfg localnet.Config, accts []*LoadAccount) (string, error) {
	gen := filepath.Join(n.Home, "config", "genesis.json")
	if err := ExtendGenesis(gen, accts, cfg.Denom, o.Coins, LoadAgency, LoadRoles, o.HygieneCerts); err != nil {
		return "", err
	}
	if _, err := n.Exec(ctx, "", "genesis", "validate", "--home", n.Home); err != nil {
		return "", err
	}
	return gen, nil
}

// editConfigs applies the comet edits to a node home's config.toml and the
// app edits to its app.toml.
func editConfigs(home string, comet, app []localnet.TOMLEdit) error {
	if err := localnet.EditTOML(filepath.Join(home, "config", "config.toml"), comet...); err != nil {
		return err
	}
	return localnet.EditTOML(filepath.Join(home, "config", "app.toml"), app...)
}

// Stop ends every node.
func (c *Chain) Stop() error {
	err := c.Node.Stop(30e9)
	for _, n := range c.Others {
		if e := n.Stop(30e9); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// DirSize is the total size in bytes of the regular files under dir.
func DirSize(dir string) (int64, error) {
	var total int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.Mode().IsRegular() {
			total += info.Size()
		}
		return nil
	})
	return total, err
}
