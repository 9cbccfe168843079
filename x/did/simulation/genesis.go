// Package simulation holds x/did's part of the SDK simulation: a random genesis built on
// x/agency's random genesis (DIDs controlled by simulation accounts, schemas and issuer DIDs
// of the agencies, grants and status lists), and simsx message factories for every
// account-signed message and for the MsgUpdateParams proposal.
package simulation

import (
	"encoding/hex"
	"fmt"
	"math/rand"
	"sort"
	"time"

	"github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// Simulation parameters (AppParams keys) of the module params.
const (
	MaxDocumentBytes     = "max_document_bytes"
	MaxStatusChanges     = "max_status_changes"
	MaxStatusListEntries = "max_status_list_entries"
)

// Bounds of the random genesis.
const (
	maxGenesisDids           = 6
	maxGenesisIssuerAgencies = 2
	maxGenesisSchemas        = 3 // per agency
)

// RandomParams draws params within their bounds: documents of 2..64 KiB, 1..1000 status
// changes a message, status lists of 131072 entries up to 1 Mi.
func RandomParams(r *rand.Rand) types.Params {
	return types.Params{
		MaxDocumentBytes:     uint32(2048 + r.Intn(int(types.MaxMaxDocumentBytes)-2048+1)),                                                                                                   //nolint:gosec // bounded
		MaxStatusChanges:     uint32(1 + r.Intn(1000)),                                                                                                                                       //nolint:gosec // bounded
		MaxStatusListEntries: types.MinStatusListEntries + types.StatusChunkBits*uint64(r.Intn(int((types.DefaultMaxStatusListEntries-types.MinStatusListEntries)/types.StatusChunkBits)+1)), //nolint:gosec // bounded
	}
}

// RandomizedGenState writes a random genesis into simState: random params and, half the
// time, records (RandomGenesis) on x/agency's random genesis, which the simulation manager
// generates first ("agency" sorts before "did"). It panics if the state it built does not
// validate (a bug in the generator).
func RandomizedGenState(simState *module.SimulationState) {
	drawn := RandomParams(simState.Rand)
	params := types.DefaultParams()
	simulation.Param(simState, MaxDocumentBytes, &params.MaxDocumentBytes, drawn.MaxDocumentBytes)
	simulation.Param(simState, MaxStatusChanges, &params.MaxStatusChanges, drawn.MaxStatusChanges)
	simulation.Param(simState, MaxStatusListEntries, &params.MaxStatusListEntries, drawn.MaxStatusListEntries)

	gs := RandomGenesis(simState.Rand, simState.Accounts, agencysim.GeneratedGenesis(simState), simState.GenTimestamp, params)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// RandomGenesis builds the genesis of RandomizedGenState from r. Half the time it holds no
// records; otherwise a few DIDs controlled by simulation accounts (some with a second
// version, some deactivated), and for up to two ACTIVE agencies with a did.issuer member:
// schemas registered by that member, an issuer DID controlled by the agency admin and the
// member (RandomIssuerDocument), bound to the agency and granted some of the schemas, and
// half the time a status list of it, sometimes with set bits. Every time is genesisTime.
func RandomGenesis(r *rand.Rand, accs []simtypes.Account, agencies *agencytypes.GenesisState, genesisTime time.Time, params types.Params) *types.GenesisState {
	gs := types.DefaultGenesis()
	gs.Params = params
	if r.Intn(2) == 0 || len(accs) == 0 {
		return gs
	}
	height := int64(0)
	addVersions := func(doc types.DidDocument, signer string, n int, deactivate bool) {
		for i := 1; i <= n; i++ {
			v := types.DidVersion{
				Document: doc, VersionId: types.FormatVersionID(uint64(i)), //nolint:gosec // small
				Created: genesisTime, Updated: genesisTime, Signer: signer, Height: height,
				Deactivated: deactivate && i == n,
			}
			if i > 1 {
				v.PreviousVersionId = types.FormatVersionID(uint64(i - 1)) //nolint:gosec // small
				doc = RandomUpdate(r, doc)
				v.Document = doc
			}
			gs.Versions = append(gs.Versions, v)
		}
	}

	for i, n := 0, 1+r.Intn(maxGenesisDids); i < n; i++ {
		acc := accs[r.Intn(len(accs))].Address.String()
		addVersions(RandomDocument(r, []string{acc}), acc, 1+r.Intn(2), r.Intn(8) == 0)
	}

	// Issuer agencies: ACTIVE, with a did.issuer member.
	active := make(map[string]agencytypes.Agency, len(agencies.Agencies))
	for _, a := range agencies.Agencies {
		if a.Status == agencytypes.AgencyStatusActive {
			active[a.Id] = a
		}
	}
	var issuerMembers []agencytypes.Member
	taken := make(map[string]bool)
	for _, m := range agencies.Members {
		if _, ok := active[m.AgencyId]; ok && !taken[m.AgencyId] && agencytypes.HasRole(m.Roles, types.RoleIssuer) && m.ExpiresAt == nil {
			issuerMembers = append(issuerMembers, m)
			taken[m.AgencyId] = true
		}
	}
	r.Shuffle(len(issuerMembers), func(i, j int) { issuerMembers[i], issuerMembers[j] = issuerMembers[j], issuerMembers[i] })
	if len(issuerMembers) > maxGenesisIssuerAgencies {
		issuerMembers = issuerMembers[:maxGenesisIssuerAgencies]
	}
	for _, m := range issuerMembers {
		agency := active[m.AgencyId]
		var schemaIDs []uint64
		for i, n := 0, r.Intn(maxGenesisSchemas+1); i < n; i++ {
			s := RandomSchema(r)
			s.Id, s.AgencyId, s.RegisteredBy, s.RegisteredAt = gs.NextSchemaId, agency.Id, m.Address, genesisTime
			s.Version = fmt.Sprintf("1.%d.0", i) // unique per agency
			gs.Schemas = append(gs.Schemas, s)
			schemaIDs = append(schemaIDs, s.Id)
			gs.NextSchemaId++
		}
		controllers := []string{agency.Admin}
		if m.Address != agency.Admin {
			controllers = append(controllers, m.Address)
		}
		issuer := RandomIssuerDocument(r, controllers)
		addVersions(issuer, agency.Admin, 1, false)
		gs.Issuers = append(gs.Issuers, types.TrustedIssuer{Did: issuer.Id, AgencyId: agency.Id, BoundBy: agency.Admin, BoundAt: genesisTime})
		for _, id := range schemaIDs {
			if r.Intn(3) != 0 {
				gs.Grants = append(gs.Grants, types.IssuerSchemaGrant{Did: issuer.Id, SchemaId: id})
			}
		}
		if r.Intn(2) == 0 {
			continue
		}
		l := types.StatusList{
			Id: gs.NextStatusListId, IssuerDid: issuer.Id, AgencyId: agency.Id,
			Purpose: types.StatusPurposeRevocation, Entries: types.MinStatusListEntries, Version: 1,
			CreatedBy: m.Address, CreatedAt: genesisTime, UpdatedAt: genesisTime,
		}
		if r.Intn(2) == 0 {
			l.Purpose = types.StatusPurposeSuspension
		}
		gs.NextStatusListId++
		if r.Intn(2) == 0 {
			bits := make([]byte, types.StatusChunkBits/8)
			for i, n := 0, 1+r.Intn(5); i < n; i++ {
				bits[r.Intn(len(bits))] |= 1 << r.Intn(8)
			}
			chunk := uint32(r.Intn(int(l.Entries / types.StatusChunkBits))) //nolint:gosec // bounded
			gs.StatusChunks = append(gs.StatusChunks, types.StatusChunk{ListId: l.Id, Chunk: chunk, Bits: bits})
			l.SetCount = types.CountBits(bits)
			l.Version = 2
		}
		gs.StatusLists = append(gs.StatusLists, l)
	}

	// in export order: versions by (did, version) (stable: each DID's versions keep their
	// order), issuers by DID, grants by (did, schema)
	sort.SliceStable(gs.Versions, func(i, j int) bool { return gs.Versions[i].Document.Id < gs.Versions[j].Document.Id })
	sort.Slice(gs.Issuers, func(i, j int) bool { return gs.Issuers[i].Did < gs.Issuers[j].Did })
	sort.SliceStable(gs.Grants, func(i, j int) bool { return gs.Grants[i].Did < gs.Grants[j].Did })

	if err := gs.Validate(); err != nil {
		panic(fmt.Sprintf("x/did simulation: random genesis is invalid: %v", err))
	}
	if err := gs.ValidateAddresses(address.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())); err != nil {
		panic(fmt.Sprintf("x/did simulation: random genesis is invalid: %v", err))
	}
	return gs
}

// RandomDid draws a did:civic DID with a base58 id of 16 random bytes.
func RandomDid(r *rand.Rand) string {
	for {
		b := make([]byte, 16)
		_, _ = r.Read(b)
		did := types.DidMethodPrefix + types.Base58Encode(b)
		if types.ValidateDid(did) == nil { // a small number has fewer than 22 digits
			return did
		}
	}
}

// RandomDocument draws a document of a new DID controlled by the given accounts: one
// Ed25519 key "#key-1" (one of the simulation's keys, keys.go) for authentication (and
// assertion, half the time), and a service half the time.
func RandomDocument(r *rand.Rand, controllers []string) types.DidDocument {
	did := RandomDid(r)
	doc := types.DidDocument{Id: did, Controller: controllers}
	setKey(r, &doc)
	if r.Intn(2) == 0 {
		doc.Service = []types.Service{randomService(r, did)}
	}
	return doc
}

// RandomIssuerDocument is RandomDocument whose key is always in the assertionMethod: an
// issuer DID signs credentials (and x/voucher's simulated claims) with it.
func RandomIssuerDocument(r *rand.Rand, controllers []string) types.DidDocument {
	doc := RandomDocument(r, controllers)
	doc.AssertionMethod = []string{doc.VerificationMethod[0].Id}
	return doc
}

// RandomUpdate is the next version of doc: the key rotated, and the service toggled a third
// of the time.
func RandomUpdate(r *rand.Rand, doc types.DidDocument) types.DidDocument {
	next := types.DidDocument{Id: doc.Id, Controller: append([]string(nil), doc.Controller...), Service: doc.Service}
	setKey(r, &next)
	if r.Intn(3) == 0 {
		if len(next.Service) == 0 {
			next.Service = []types.Service{randomService(r, doc.Id)}
		} else {
			next.Service = nil
		}
	}
	return next
}

func setKey(r *rand.Rand, doc *types.DidDocument) {
	vm := types.VerificationMethod{
		Id: doc.Id + "#key-1", Type: types.KeyTypeEd25519, Controller: doc.Id,
		PublicKeyMultibase: types.Ed25519Multibase(RandomKey(r)),
	}
	doc.VerificationMethod = []types.VerificationMethod{vm}
	doc.Authentication = []string{vm.Id}
	doc.AssertionMethod = nil
	if r.Intn(2) == 0 {
		doc.AssertionMethod = []string{vm.Id}
	}
}

func randomService(r *rand.Rand, did string) types.Service {
	return types.Service{Id: did + "#hub", Type: "LinkedDomains", ServiceEndpoint: []string{"https://sim.example/" + randomHex(r, 4)}}
}

// RandomSchema draws a schema's name, version, digest and locator (the caller sets id,
// agency and registration).
func RandomSchema(r *rand.Rand) types.CredentialSchema {
	name := "SimCredential" + randomHex(r, 3)
	return types.CredentialSchema{
		Name:             name,
		Version:          fmt.Sprintf("%d.%d.%d", 1+r.Intn(3), r.Intn(10), r.Intn(10)),
		JsonSchemaDigest: simulation.RandomDigest(r),
		Locator:          "https://schemas.sim.example/" + name + ".json",
	}
}

func randomHex(r *rand.Rand, n int) string {
	b := make([]byte, n)
	_, _ = r.Read(b)
	return hex.EncodeToString(b)
}
