// Package localnet builds a civic node home from config.yml with the real civicd
// commands (init, keys add, genesis add-genesis-account/gentx/collect-gentxs/validate),
// writes the gov timings and the x/agency genesis from the config, points every
// listener at 127.0.0.1, and can start and stop the node. scripts/localnet (make
// localnet), bench/ and the tests of
// a real network (through testutil/chain) use it.
//
// It depends on the standard library, a YAML decoder and internal/cometrpc only, never on the app
// or the modules, so it keeps compiling while they change.
package localnet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"sigs.k8s.io/yaml"
)

// Config is config.yml: the local network to build.
type Config struct {
	ChainID   string     `json:"chain_id"`
	Denom     string     `json:"denom"`
	Accounts  []Account  `json:"accounts"`
	Validator Validator  `json:"validator"`
	Consensus Consensus  `json:"consensus"`
	Gov       Gov        `json:"gov"`
	Agencies  []AgencyCf `json:"agencies"`
}

// Account is a key in the test keyring with coins at genesis.
type Account struct {
	// Name is the key name (also how agencies and the validator refer to it).
	Name string `json:"name"`
	// Coins as the CLI writes them, e.g. "1000ucivic" or "1000ucivic,5stake".
	Coins string `json:"coins"`
	// Mnemonic, when set, recovers the key instead of creating a new one.
	Mnemonic string `json:"mnemonic,omitempty"`
}

// Validator is the single genesis validator.
type Validator struct {
	// Account is the name of the account that self-delegates.
	Account string `json:"account"`
	Moniker string `json:"moniker"`
	// Stake is the self-delegation, e.g. "100000000000ucivic".
	Stake string `json:"stake"`
}

// Consensus holds the CometBFT settings written to config.toml.
type Consensus struct {
	TimeoutCommit Duration `json:"timeout_commit"`
}

// Gov holds the x/gov params written to genesis; zero values keep the defaults.
type Gov struct {
	VotingPeriod          Duration `json:"voting_period"`
	ExpeditedVotingPeriod Duration `json:"expedited_voting_period"`
	MaxDepositPeriod      Duration `json:"max_deposit_period"`
	MinDeposit            string   `json:"min_deposit"`
	ExpeditedMinDeposit   string   `json:"expedited_min_deposit"`
}

// AgencyCf is an agency of the x/agency genesis.
type AgencyCf struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Admin string   `json:"admin"` // account name
	Roles []string `json:"roles"`
	// Members of the agency; their roles must be a subset of Roles.
	Members []MemberCf `json:"members"`
}

// MemberCf is an agency member.
type MemberCf struct {
	Account string   `json:"account"` // account name
	Roles   []string `json:"roles"`
	// ExpiresAt, RFC 3339, optional: when the membership stops authorizing.
	ExpiresAt string `json:"expires_at,omitempty"`
}

// Duration is a time.Duration written as "20s", "1m30s" in YAML.
type Duration time.Duration

// UnmarshalJSON accepts a Go duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration must be a string like \"20s\": %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// Std returns the time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// LoadConfig reads and validates a config.yml. Unknown fields are an error.
func LoadConfig(path string) (Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Config{}, err
	}
	cfg, err := ParseConfig(raw)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// ParseConfig decodes and validates config.yml content.
func ParseConfig(raw []byte) (Config, error) {
	js, err := yaml.YAMLToJSON(raw)
	if err != nil {
		return Config{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	var cfg Config
	if err := dec.Decode(&cfg); err != nil {
		return Config{}, err
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

var (
	nameRe     = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,63}$`)
	agencyIDRe = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)
	roleRe     = regexp.MustCompile(`^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$`)
	coinRe     = regexp.MustCompile(`^([0-9]+)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$`)
	chainIDRe  = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,50}$`)
)

// Validate checks the config: unique well-formed names, references to existing
// accounts, coins in the right grammar, one agency per account, member roles a
// subset of the agency's. Whether the roles exist in the chain's role catalog is
// checked by the chain itself (InitGenesis) and by tests/e2e.
func (c Config) Validate() error {
	if !chainIDRe.MatchString(c.ChainID) {
		return fmt.Errorf("chain_id %q is not valid", c.ChainID)
	}
	if c.Denom == "" {
		return fmt.Errorf("denom is required")
	}
	if len(c.Accounts) == 0 {
		return fmt.Errorf("accounts: at least one account is required")
	}
	accounts := map[string]bool{}
	for i, a := range c.Accounts {
		if err := addUnique(accounts, "accounts", i, "name", a.Name, nameRe); err != nil {
			return err
		}
		if _, err := ParseCoins(a.Coins); err != nil {
			return fmt.Errorf("account %q: coins: %w", a.Name, err)
		}
	}
	v := c.Validator
	if !accounts[v.Account] {
		return fmt.Errorf("validator.account %q is not an account", v.Account)
	}
	if v.Moniker == "" {
		return fmt.Errorf("validator.moniker is required")
	}
	stake, err := ParseCoins(v.Stake)
	if err != nil || len(stake) != 1 || stake[0].Denom != c.Denom {
		return fmt.Errorf("validator.stake %q must be one amount of %s", v.Stake, c.Denom)
	}
	if c.Consensus.TimeoutCommit < 0 {
		return fmt.Errorf("consensus.timeout_commit must not be negative")
	}
	g := c.Gov
	for name, d := range map[string]Duration{"voting_period": g.VotingPeriod, "expedited_voting_period": g.ExpeditedVotingPeriod, "max_deposit_period": g.MaxDepositPeriod} {
		if d < 0 || (d > 0 && d.Std() < time.Second) {
			return fmt.Errorf("gov.%s must be at least 1s", name)
		}
	}
	if g.VotingPeriod > 0 && g.ExpeditedVotingPeriod > 0 && g.ExpeditedVotingPeriod >= g.VotingPeriod {
		return fmt.Errorf("gov.expedited_voting_period (%s) must be shorter than gov.voting_period (%s)",
			g.ExpeditedVotingPeriod.Std(), g.VotingPeriod.Std())
	}
	for name, s := range map[string]string{"min_deposit": g.MinDeposit, "expedited_min_deposit": g.ExpeditedMinDeposit} {
		if s == "" {
			continue
		}
		if _, err := ParseCoins(s); err != nil {
			return fmt.Errorf("gov.%s: %w", name, err)
		}
	}

	affiliated := map[string]string{} // account -> agency
	ids := map[string]bool{}
	for i, a := range c.Agencies {
		if err := addUnique(ids, "agencies", i, "id", a.ID, agencyIDRe); err != nil {
			return err
		}
		if a.Name == "" || len(a.Name) > 128 {
			return fmt.Errorf("agency %q: name must be 1..128 bytes", a.ID)
		}
		if !accounts[a.Admin] {
			return fmt.Errorf("agency %q: admin %q is not an account", a.ID, a.Admin)
		}
		if other, ok := affiliated[a.Admin]; ok {
			return fmt.Errorf("agency %q: admin %q already belongs to agency %q", a.ID, a.Admin, other)
		}
		affiliated[a.Admin] = a.ID
		if err := validateRoles(a.Roles); err != nil {
			return fmt.Errorf("agency %q: %w", a.ID, err)
		}
		granted := map[string]bool{}
		for _, r := range a.Roles {
			granted[r] = true
		}
		for _, m := range a.Members {
			if !accounts[m.Account] {
				return fmt.Errorf("agency %q: member %q is not an account", a.ID, m.Account)
			}
			if other, ok := affiliated[m.Account]; ok && (other != a.ID || m.Account != a.Admin) {
				return fmt.Errorf("agency %q: member %q already belongs to agency %q", a.ID, m.Account, other)
			}
			affiliated[m.Account] = a.ID
			if err := validateRoles(m.Roles); err != nil {
				return fmt.Errorf("agency %q member %q: %w", a.ID, m.Account, err)
			}
			for _, r := range m.Roles {
				if !granted[r] {
					return fmt.Errorf("agency %q member %q: role %q is not one of the agency's roles %v", a.ID, m.Account, r, a.Roles)
				}
			}
			if m.ExpiresAt != "" {
				if _, err := time.Parse(time.RFC3339, m.ExpiresAt); err != nil {
					return fmt.Errorf("agency %q member %q: expires_at: %w", a.ID, m.Account, err)
				}
			}
		}
	}
	return nil
}

// addUnique adds the key (field) of item i of list to seen; it fails on a key
// that does not match re or is already in seen.
func addUnique(seen map[string]bool, list string, i int, field, key string, re *regexp.Regexp) error {
	if !re.MatchString(key) {
		return fmt.Errorf("%s[%d]: %s %q must match %s", list, i, field, key, re)
	}
	if seen[key] {
		return fmt.Errorf("%s: duplicate %s %q", list, field, key)
	}
	seen[key] = true
	return nil
}

func validateRoles(roles []string) error {
	seen := map[string]bool{}
	for _, r := range roles {
		if !roleRe.MatchString(r) {
			return fmt.Errorf("role %q must look like module.role", r)
		}
		if seen[r] {
			return fmt.Errorf("duplicate role %q", r)
		}
		seen[r] = true
	}
	return nil
}

// Account returns the account of that name.
func (c Config) Account(name string) (Account, bool) {
	for _, a := range c.Accounts {
		if a.Name == name {
			return a, true
		}
	}
	return Account{}, false
}

// Agency returns the agency of that id.
func (c Config) Agency(id string) (AgencyCf, bool) {
	for _, a := range c.Agencies {
		if a.ID == id {
			return a, true
		}
	}
	return AgencyCf{}, false
}

// Coin is one amount of a denom; Amount is a decimal string (no overflow).
type Coin struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

// ParseCoins parses "100ucivic,5stake" into coins, in the given order.
func ParseCoins(s string) ([]Coin, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("no coins")
	}
	var out []Coin
	for _, part := range strings.Split(s, ",") {
		m := coinRe.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return nil, fmt.Errorf("%q is not an amount and a denom like 1000ucivic", part)
		}
		out = append(out, Coin{Denom: m[2], Amount: strings.TrimLeft(m[1], "0")})
		if out[len(out)-1].Amount == "" {
			out[len(out)-1].Amount = "0"
		}
	}
	return out, nil
}
