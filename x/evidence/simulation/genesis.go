// Package simulation holds x/evidence's (digitalevidence) part of the SDK simulation: a
// random genesis built on x/agency's random genesis, and simsx message factories that
// drive evidence items through the whole chain-of-custody lifecycle.
package simulation

import (
	"fmt"
	"math/rand"
	"time"

	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/types"
)

// Simulation parameters (AppParams keys) of the module params.
const (
	MaxItemsPerCase    = "max_items_per_case"
	MaxDerivationDepth = "max_derivation_depth"

	MaxIntegrityChecksPerItem = "max_integrity_checks_per_item"
)

const (
	maxGenesisCases        = 4
	maxGenesisItemsPerCase = 3
)

// RandomizedGenState writes a random genesis into simState. Half the time it holds no
// records; otherwise a few cases opened by investigators of the ACTIVE agencies of x/agency's
// genesis (which the simulation manager generates first: "agency" sorts before
// "digitalevidence"), each with up to three items, REGISTERED or already IN_CUSTODY of a
// custodian of the same agency, with their custody logs. It panics if the state it built
// does not validate (a bug in the generator).
func RandomizedGenState(simState *module.SimulationState) {
	params := types.DefaultParams()
	simState.AppParams.GetOrGenerate(MaxItemsPerCase, &params.MaxItemsPerCase, simState.Rand, func(r *rand.Rand) {
		params.MaxItemsPerCase = uint64(5 + r.Intn(200)) //nolint:gosec // positive
	})
	simState.AppParams.GetOrGenerate(MaxDerivationDepth, &params.MaxDerivationDepth, simState.Rand, func(r *rand.Rand) {
		params.MaxDerivationDepth = uint32(1 + r.Intn(6)) //nolint:gosec // small
	})
	simState.AppParams.GetOrGenerate(MaxIntegrityChecksPerItem, &params.MaxIntegrityChecksPerItem, simState.Rand, func(r *rand.Rand) {
		params.MaxIntegrityChecksPerItem = uint32(2 + r.Intn(50)) //nolint:gosec // small
	})

	gs := RandomGenesis(simState.Rand, agencysim.GeneratedGenesis(simState), simState.GenTimestamp, params)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// RandomGenesis builds the genesis of RandomizedGenState from r for the agencies and
// members of agencies; every time is genesisTime.
func RandomGenesis(r *rand.Rand, agencies *agencytypes.GenesisState, genesisTime time.Time, params types.Params) *types.GenesisState {
	gs := types.DefaultGenesis()
	gs.Params = params
	if r.Intn(2) == 0 {
		return gs
	}

	active := make(map[string]bool, len(agencies.Agencies))
	for _, a := range agencies.Agencies {
		active[a.Id] = a.Status == agencytypes.AgencyStatusActive
	}
	var investigators []agencytypes.Member
	custodians := make(map[string][]string) // agency id -> custodians, in genesis order
	for _, m := range agencies.Members {
		if !active[m.AgencyId] {
			continue
		}
		if agencytypes.HasRole(m.Roles, types.RoleInvestigator) {
			investigators = append(investigators, m)
		}
		if agencytypes.HasRole(m.Roles, types.RoleCustodian) {
			custodians[m.AgencyId] = append(custodians[m.AgencyId], m.Address)
		}
	}
	if len(investigators) == 0 {
		return gs
	}

	depth := make(map[uint64]uint32) // evidence id -> derivation depth
	numCases := 1 + r.Intn(maxGenesisCases)
	for c := 0; c < numCases; c++ {
		inv := investigators[r.Intn(len(investigators))]
		kase := types.Case{
			Id:              gs.NextCaseId,
			AgencyId:        inv.AgencyId,
			ReferenceDigest: simulation.RandomDigest(r),
			Status:          types.CaseStatusOpen,
			OpenedAt:        genesisTime,
			OpenedBy:        inv.Address,
		}
		gs.NextCaseId++
		var caseItems []types.EvidenceItem
		numItems := r.Intn(maxGenesisItemsPerCase + 1)
		for n := 0; n < numItems && uint64(n) < params.MaxItemsPerCase; n++ {
			exhibit := fmt.Sprintf("E-%03d", n+1)
			it := types.EvidenceItem{
				Id:              gs.NextEvidenceId,
				CaseId:          kase.Id,
				ExhibitNumber:   exhibit,
				Digest:          simulation.RandomDigest(r),
				SizeBytes:       randomSize(r),
				MediaType:       mediaTypes[r.Intn(len(mediaTypes))],
				Locator:         randomLocator(r, kase.Id, exhibit),
				Custodian:       inv.Address,
				CustodianAgency: inv.AgencyId,
				Status:          types.EvidenceStatusRegistered,
				RegisteredAt:    genesisTime,
				UpdatedAt:       genesisTime,
			}
			gs.NextEvidenceId++
			if len(caseItems) > 0 && r.Intn(3) == 0 {
				parent := caseItems[r.Intn(len(caseItems))]
				if depth[parent.Id]+1 <= params.MaxDerivationDepth {
					it.ParentId = parent.Id
					depth[it.Id] = depth[parent.Id] + 1
				}
			}
			it.Acquisition = randomAcquisition(r, genesisTime, it.ParentId != 0)
			gs.CustodyEvents = append(gs.CustodyEvents, types.CustodyEvent{
				Seq: 1, EvidenceId: it.Id, Action: types.CustodyActionRegistered, Actor: inv.Address, AgencyId: inv.AgencyId,
				FromStatus: types.EvidenceStatusUnspecified, ToStatus: types.EvidenceStatusRegistered, Time: genesisTime,
			})
			if cs := custodians[inv.AgencyId]; len(cs) > 0 && r.Intn(2) == 0 {
				it.Custodian = cs[r.Intn(len(cs))]
				it.Status = types.EvidenceStatusInCustody
				gs.CustodyEvents = append(gs.CustodyEvents, types.CustodyEvent{
					Seq: 2, EvidenceId: it.Id, Action: types.CustodyActionCustodyTaken, Actor: it.Custodian, AgencyId: inv.AgencyId,
					FromStatus: types.EvidenceStatusRegistered, ToStatus: types.EvidenceStatusInCustody, Time: genesisTime,
				})
			}
			caseItems = append(caseItems, it)
		}
		kase.EvidenceCount = uint64(len(caseItems))
		if r.Intn(8) == 0 {
			kase.Status = types.CaseStatusClosed
			kase.ClosedAt = genesisTime
		}
		gs.Cases = append(gs.Cases, kase)
		gs.Items = append(gs.Items, caseItems...)
	}
	if err := gs.Validate(); err != nil {
		panic(fmt.Sprintf("x/evidence simulation: random genesis is invalid: %v", err))
	}
	return gs
}

// Random field values shared by the genesis and the message factories. Only digests,
// codes and pseudonymous locators: nothing personal, as on the real chain.

var (
	mediaTypes = []string{
		"application/octet-stream", "application/x-raw-disk-image", "application/zip",
		"image/jpeg", "video/mp4", "text/plain", "application/vnd.sqlite3",
	}
	tools = []struct{ name, version string }{
		{"ftk-imager", "4.7.1"}, {"x-ways-forensics", "20.9"}, {"dd", ""}, {"cellebrite-ufed", "7.69"}, {"", ""},
	}
	methods = []types.AcquisitionMethod{
		types.AcquisitionMethodSeizure, types.AcquisitionMethodVoluntarySubmission,
		types.AcquisitionMethodForensicImage, types.AcquisitionMethodLogicalExtraction,
	}
)

// maybeDigest returns a random digest once in odds times, else "" (an optional note).
func maybeDigest(r *rand.Rand, odds int) string {
	if r.Intn(odds) != 0 {
		return ""
	}
	return simulation.RandomDigest(r)
}

// randomAcquisition is an acquisition record up to 30 days before now; a derived copy
// when derived.
func randomAcquisition(r *rand.Rand, now time.Time, derived bool) types.Acquisition {
	tool := tools[r.Intn(len(tools))]
	method := methods[r.Intn(len(methods))]
	if derived {
		method = types.AcquisitionMethodDerivedCopy
	}
	return types.Acquisition{
		Method:      method,
		Tool:        tool.name,
		ToolVersion: tool.version,
		AcquiredAt:  now.Add(-time.Duration(1+r.Intn(30*24*60)) * time.Minute).UTC(),
	}
}

// randomLocator is an off-chain storage URI for an exhibit of a case.
func randomLocator(r *rand.Rand, caseID uint64, exhibit string) string {
	return fmt.Sprintf("s3://sim-evidence/%d/%s-%08x.bin", caseID, exhibit, r.Uint32())
}

// randomSize is a payload size between 1 byte and 4 TiB.
func randomSize(r *rand.Rand) uint64 {
	return 1 + uint64(r.Int63n(1<<42)) //nolint:gosec // positive
}
