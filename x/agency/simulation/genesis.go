// Package simulation holds x/agency's part of the SDK simulation: a random
// genesis whose admins and members are simulation accounts, and simsx message
// factories for the admin messages and the governance proposals.
package simulation

import (
	"fmt"
	"math/rand"
	"time"

	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/civicchain/civic/x/agency/types"
)

// MaxMembersPerAgency is the simulation parameter (AppParams key) of params.max_members_per_agency.
const MaxMembersPerAgency = "max_members_per_agency"

// Bounds of the random genesis.
const (
	minAgencies         = 2
	maxAgencies         = 5
	maxGenesisMembers   = 6 // per agency, the admin not counted
	maxExpiryHours      = 90 * 24
	minMaxMembersRandom = 100
	maxMaxMembersRandom = 1000
)

// RandomizedGenState writes a random x/agency genesis into simState: a few agencies (mostly
// ACTIVE) whose admins and members are simulation accounts, roles drawn from catalog (the
// first agency, ACTIVE, has them all and at least two members, and every role of an agency
// is held by two of its members, or its only one), and random params. It panics if the state it built does not validate (a bug in
// the generator).
func RandomizedGenState(simState *module.SimulationState, catalog []types.RoleDefinition) {
	var maxMembers uint32
	simState.AppParams.GetOrGenerate(MaxMembersPerAgency, &maxMembers, simState.Rand, func(r *rand.Rand) {
		maxMembers = uint32(minMaxMembersRandom + r.Intn(maxMaxMembersRandom-minMaxMembersRandom+1)) //nolint:gosec // bounded
	})
	params := types.DefaultParams()
	params.MaxMembersPerAgency = maxMembers
	gs := RandomGenesis(simState.Rand, simState.Accounts, catalog, simState.GenTimestamp, params)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// RandomGenesis builds the random genesis of RandomizedGenState from r. Admins and members
// are distinct accounts of accs (an admin may also be a member of its own agency) and at most
// half of accs are used, so that the message factories find free accounts to add. Every time
// is genesisTime; some members get an expiry up to 90 days later.
func RandomGenesis(r *rand.Rand, accs []simtypes.Account, catalog []types.RoleDefinition, genesisTime time.Time, params types.Params) *types.GenesisState {
	gs := &types.GenesisState{Params: params}
	budget := len(accs) / 2 // accounts the genesis may affiliate
	if budget < 2 {
		return gs
	}
	names := make([]string, len(catalog))
	for i, d := range catalog {
		names[i] = d.Name
	}
	names = types.NormalizeRoles(names)

	perm := r.Perm(len(accs))
	used := 0
	take := func() simtypes.Account {
		a := accs[perm[used]]
		used++
		return a
	}

	n := minAgencies + r.Intn(maxAgencies-minAgencies+1)
	if n > budget/2 {
		n = budget / 2
	}
	agencies := make([]types.Agency, n)
	for i := range agencies {
		status := types.AgencyStatusActive
		switch x := r.Intn(16); {
		case i == 0: // the first agency stays ACTIVE, so the roles have somewhere to live
		case x < 2:
			status = types.AgencyStatusSuspended
		case x < 3:
			status = types.AgencyStatusRetired
		}
		agencies[i] = types.Agency{
			Id:           fmt.Sprintf("sim-%d", i),
			Name:         fmt.Sprintf("Simulated agency %d", i),
			Admin:        take().Address.String(),
			Roles:        randomSubset(r, names, 2),
			Status:       status,
			RegisteredAt: genesisTime,
			UpdatedAt:    genesisTime,
		}
	}
	// The first agency holds the whole catalog, so that a service module can run its whole
	// flow inside one agency; the others hold random subsets.
	agencies[0].Roles = names

	for i := range agencies {
		a := &agencies[i]
		var members []types.Member
		if r.Intn(4) == 0 { // the admin is a member of its own agency too
			members = append(members, types.Member{AgencyId: a.Id, Address: a.Admin})
		}
		want := 1 + r.Intn(maxGenesisMembers)
		if i == 0 {
			want = max(want, 2) // two holders of each role (below)
		}
		for j := 0; j < want && used < budget && uint32(len(members)) < params.MaxMembersPerAgency; j++ { //nolint:gosec // small
			members = append(members, types.Member{AgencyId: a.Id, Address: take().Address.String()})
		}
		if len(members) == 0 {
			continue
		}
		for k := range members {
			members[k].Roles = randomSubset(r, a.Roles, 2)
			members[k].AddedAt = genesisTime
		}
		// Every role of the agency is held by two of its members (one when it has one): the
		// four-eyes rules of the service modules need a second holder (x/welfare: a second
		// caseworker decides what the first filed, a second manager approves what the first
		// submitted).
		need := min(2, len(members))
		for _, role := range a.Roles {
			var without []int
			for k, m := range members {
				if !types.HasRole(m.Roles, role) {
					without = append(without, k)
				}
			}
			for held := len(members) - len(without); held < need; held++ {
				j := r.Intn(len(without))
				m := &members[without[j]]
				m.Roles = types.NormalizeRoles(append(m.Roles, role))
				without = append(without[:j], without[j+1:]...)
			}
		}
		for k := range members {
			if r.Intn(5) == 0 {
				at := genesisTime.Add(time.Duration(1+r.Intn(maxExpiryHours)) * time.Hour)
				members[k].ExpiresAt = &at
			}
		}
		gs.Members = append(gs.Members, members...)
	}
	gs.Agencies = agencies
	if err := gs.Validate(); err != nil {
		panic(fmt.Sprintf("x/agency simulation: random genesis is invalid: %v", err))
	}
	return gs
}

// randomSubset returns the elements of sorted kept each with probability 1/odds (in order,
// so a sorted input gives a sorted output).
func randomSubset(r *rand.Rand, sorted []string, odds int) []string {
	out := make([]string, 0, len(sorted))
	for _, s := range sorted {
		if r.Intn(odds) == 0 {
			out = append(out, s)
		}
	}
	return out
}

// GeneratedGenesis is the x/agency genesis simState already holds: the simulation manager
// generates the modules' genesis in the order of their names, and the modules that build
// on x/agency's agencies ("did", "digitalevidence", "toll") sort after "agency". Empty
// when simState holds none; it panics if the genesis does not decode.
func GeneratedGenesis(simState *module.SimulationState) *types.GenesisState {
	var gs types.GenesisState
	if bz, ok := simState.GenState[types.ModuleName]; ok {
		if err := simState.Cdc.UnmarshalJSON(bz, &gs); err != nil {
			panic(fmt.Sprintf("x/agency simulation: read the generated genesis: %v", err))
		}
	}
	return &gs
}
