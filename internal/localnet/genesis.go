package localnet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"

	"github.com/cosmos/cosmos-sdk/types/bech32"
)

// editGenesis rewrites genesis.json: gov params from cfg.Gov and, when cfg has
// agencies, the x/agency agencies and members (ACTIVE, dated genesis_time).
// addrs maps account names to bech32 addresses.
func editGenesis(path string, cfg Config, addrs map[string]string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keep big integers exact
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	appState, ok := doc["app_state"].(map[string]any)
	if !ok {
		return fmt.Errorf("%s: no app_state object", path)
	}
	genesisTime, _ := doc["genesis_time"].(string)
	if genesisTime == "" {
		return fmt.Errorf("%s: no genesis_time", path)
	}

	if err := setGovParams(appState, cfg.Gov); err != nil {
		return err
	}
	if len(cfg.Agencies) > 0 {
		if err := setAgencies(appState, cfg, addrs, genesisTime); err != nil {
			return err
		}
	}

	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(out, '\n'), 0o600)
}

// protoDuration writes d as a protobuf JSON Duration ("20s", "1.5s").
func protoDuration(d Duration) string {
	return strconv.FormatFloat(d.Std().Seconds(), 'f', -1, 64) + "s"
}

func setGovParams(appState map[string]any, g Gov) error {
	gov, ok := appState["gov"].(map[string]any)
	if !ok {
		return fmt.Errorf("genesis has no gov module state")
	}
	params, ok := gov["params"].(map[string]any)
	if !ok {
		return fmt.Errorf("genesis gov state has no params")
	}
	set := func(key string, v any) error {
		if _, ok := params[key]; !ok {
			return fmt.Errorf("genesis gov params have no %q", key)
		}
		params[key] = v
		return nil
	}
	durations := []struct {
		key string
		d   Duration
	}{{"voting_period", g.VotingPeriod}, {"expedited_voting_period", g.ExpeditedVotingPeriod}, {"max_deposit_period", g.MaxDepositPeriod}}
	for _, e := range durations {
		if e.d > 0 {
			if err := set(e.key, protoDuration(e.d)); err != nil {
				return err
			}
		}
	}
	coins := []struct{ key, s string }{{"min_deposit", g.MinDeposit}, {"expedited_min_deposit", g.ExpeditedMinDeposit}}
	for _, e := range coins {
		if e.s == "" {
			continue
		}
		c, err := ParseCoins(e.s)
		if err != nil {
			return err
		}
		sort.Slice(c, func(i, j int) bool { return c[i].Denom < c[j].Denom })
		if err := set(e.key, c); err != nil {
			return err
		}
	}
	return nil
}

// agencyJSON and memberJSON are the proto JSON of civic.agency.v1.Agency and Member.
type agencyJSON struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Admin        string   `json:"admin"`
	Roles        []string `json:"roles"`
	Status       string   `json:"status"`
	RegisteredAt string   `json:"registered_at"`
	UpdatedAt    string   `json:"updated_at"`
}

type memberJSON struct {
	AgencyID  string   `json:"agency_id"`
	Address   string   `json:"address"`
	Roles     []string `json:"roles"`
	ExpiresAt *string  `json:"expires_at"`
	AddedAt   string   `json:"added_at"`
}

// AgencyModule is the x/agency genesis key in app_state.
const AgencyModule = "agency"

func setAgencies(appState map[string]any, cfg Config, addrs map[string]string, genesisTime string) error {
	state, ok := appState[AgencyModule].(map[string]any)
	if !ok {
		return fmt.Errorf("genesis has no %q module state: is this civicd built with x/agency?", AgencyModule)
	}
	sorted := func(in []string) []string {
		out := append([]string{}, in...)
		sort.Strings(out)
		return out
	}
	addr := func(name string) (string, error) {
		a, ok := addrs[name]
		if !ok {
			return "", fmt.Errorf("no address for account %q", name)
		}
		return a, nil
	}

	agencies := make([]agencyJSON, 0, len(cfg.Agencies))
	var members []memberJSON
	for _, a := range cfg.Agencies {
		admin, err := addr(a.Admin)
		if err != nil {
			return err
		}
		agencies = append(agencies, agencyJSON{
			ID: a.ID, Name: a.Name, Admin: admin, Roles: sorted(a.Roles),
			Status: "AGENCY_STATUS_ACTIVE", RegisteredAt: genesisTime, UpdatedAt: genesisTime,
		})
		for _, m := range a.Members {
			address, err := addr(m.Account)
			if err != nil {
				return err
			}
			mj := memberJSON{AgencyID: a.ID, Address: address, Roles: sorted(m.Roles), AddedAt: genesisTime}
			if m.ExpiresAt != "" {
				e := m.ExpiresAt
				mj.ExpiresAt = &e
			}
			members = append(members, mj)
		}
	}
	// Genesis order: agencies by id, members by address bytes (as ExportGenesis writes them).
	sort.Slice(agencies, func(i, j int) bool { return agencies[i].ID < agencies[j].ID })
	keys := make(map[string][]byte, len(members))
	for _, m := range members {
		_, bz, err := bech32.DecodeAndConvert(m.Address)
		if err != nil {
			return fmt.Errorf("member address %s: %w", m.Address, err)
		}
		keys[m.Address] = bz
	}
	sort.Slice(members, func(i, j int) bool { return bytes.Compare(keys[members[i].Address], keys[members[j].Address]) < 0 })
	if members == nil {
		members = []memberJSON{}
	}
	state["agencies"] = agencies
	state["members"] = members
	return nil
}
