package types_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/types"
)

// validGenesis has two versions of one DID, a schema, a bound issuer with a
// grant and a status list with one chunk.
func validGenesis(t testing.TB) types.GenesisState {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	doc := fullDocument(t)
	v2 := clone(t, doc)
	v2.AlsoKnownAs = nil
	gs := *types.DefaultGenesis()
	gs.Versions = []types.DidVersion{
		{Document: doc, VersionId: "1", Created: t0, Updated: t0, Signer: testAccount(7), Height: 5},
		{Document: v2, VersionId: "2", PreviousVersionId: "1", Created: t0, Updated: t0.Add(time.Hour), Signer: testAccount(7), Height: 9},
	}
	gs.Schemas = []types.CredentialSchema{{
		Id: 1, AgencyId: "mois", Name: "ResidentCard", Version: "1.0.0",
		JsonSchemaDigest: strings.Repeat("ab", 32), Locator: "https://schemas.gov.kr/resident/1.0.0.json",
		RegisteredBy: testAccount(8), RegisteredAt: t0,
	}}
	gs.NextSchemaId = 2
	gs.Issuers = []types.TrustedIssuer{{Did: doc.Id, AgencyId: "mois", BoundBy: testAccount(9), BoundAt: t0}}
	gs.Grants = []types.IssuerSchemaGrant{{Did: doc.Id, SchemaId: 1}}
	bits := make([]byte, types.StatusChunkBits/8)
	bits[0] = 0x81
	gs.StatusLists = []types.StatusList{{
		Id: 1, IssuerDid: doc.Id, AgencyId: "mois", Purpose: types.StatusPurposeRevocation,
		Entries: types.MinStatusListEntries, SetCount: 2, Version: 2, CreatedBy: testAccount(8), CreatedAt: t0, UpdatedAt: t0,
	}}
	gs.StatusChunks = []types.StatusChunk{{ListId: 1, Chunk: 0, Bits: bits}}
	gs.NextStatusListId = 2
	return gs
}

func TestGenesisValid(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	require.NoError(t, types.DefaultGenesis().ValidateAddresses(ac))
	gs := validGenesis(t)
	require.NoError(t, gs.Validate())
	require.NoError(t, gs.ValidateAddresses(ac))
}

func TestGenesisValidateRejects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(gs *types.GenesisState)
		msg    string
	}{
		{"malformed DID", func(gs *types.GenesisState) {
			gs.Versions[0].Document.Id = "did:civic:bad"
			gs.Versions[1].Document.Id = "did:civic:bad"
		}, "version 0"},
		{"schema agency id", func(gs *types.GenesisState) { gs.Schemas[0].AgencyId = "MOIS" }, "schema 1"},
		{"schema name", func(gs *types.GenesisState) { gs.Schemas[0].Name = "Resident Card" }, "schema name"},
		{"schema version", func(gs *types.GenesisState) { gs.Schemas[0].Version = "1.0" }, "schema version"},
		{"schema digest", func(gs *types.GenesisState) {
			gs.Schemas[0].JsonSchemaDigest = strings.ToUpper(gs.Schemas[0].JsonSchemaDigest)
		}, "json_schema_digest"},
		{"schema locator", func(gs *types.GenesisState) { gs.Schemas[0].Locator = "schemas.gov.kr" }, "locator"},
		{"issuer DID", func(gs *types.GenesisState) { gs.Issuers[0].Did = "did:web:x" }, "issuer"},
		{"issuer agency id", func(gs *types.GenesisState) { gs.Issuers[0].AgencyId = "" }, "issuer"},
		{"status list agency id", func(gs *types.GenesisState) { gs.StatusLists[0].AgencyId = "Bad Agency" }, "status list 1"},
		{"status list set count above entries", func(gs *types.GenesisState) {
			gs.StatusLists[0].SetCount = gs.StatusLists[0].Entries + 1
		}, "exceeds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis(t)
			tc.mutate(&gs)
			err := gs.Validate()
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.msg)
		})
	}
}

func TestGenesisValidateAddressesRejects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(gs *types.GenesisState)
		msg    string
	}{
		{"document with a dangling reference", func(gs *types.GenesisState) {
			gs.Versions[1].Document.Authentication = []string{gs.Versions[1].Document.Id + "#gone"}
		}, "version 2"},
		{"document with a bad controller address", func(gs *types.GenesisState) {
			gs.Versions[0].Document.Controller[1] = "civic1notanaddress"
		}, "controller[1]"},
		{"document locked out", func(gs *types.GenesisState) {
			d := &gs.Versions[1].Document
			d.Controller = []string{d.Id}
			d.Authentication = nil
		}, "no controller could change the document"},
		{"document too large", func(gs *types.GenesisState) {
			d := &gs.Versions[0].Document
			ref := strings.Repeat("r", types.MaxDidURLLength) // within every length bound
			for _, rel := range []*[]string{&d.Authentication, &d.AssertionMethod, &d.KeyAgreement, &d.CapabilityInvocation, &d.CapabilityDelegation} {
				for len(*rel) < types.MaxRelationshipEntries {
					*rel = append(*rel, ref)
				}
			}
			for len(d.Service) < types.MaxServices {
				d.Service = append(d.Service, types.Service{Id: ref})
			}
			for i := range d.Service {
				for len(d.Service[i].ServiceEndpoint) < types.MaxServiceEndpoints {
					d.Service[i].ServiceEndpoint = append(d.Service[i].ServiceEndpoint, "https://"+strings.Repeat("e", types.MaxURILength-8))
				}
			}
		}, "too large"},
		{"version signer", func(gs *types.GenesisState) { gs.Versions[1].Signer = "" }, "signer"},
		{"schema registered_by", func(gs *types.GenesisState) { gs.Schemas[0].RegisteredBy = "cosmos1xyz" }, "registered_by"},
		{"issuer bound_by", func(gs *types.GenesisState) { gs.Issuers[0].BoundBy = "x" }, "bound_by"},
		{"status list created_by", func(gs *types.GenesisState) { gs.StatusLists[0].CreatedBy = "" }, "created_by"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis(t)
			tc.mutate(&gs)
			err := gs.ValidateAddresses(ac)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.msg)
		})
	}
}

func TestGenesisDeactivatedVersionNotHeldToLockout(t *testing.T) {
	gs := validGenesis(t)
	d := &gs.Versions[1].Document
	d.Controller = []string{d.Id}
	d.Authentication = nil
	gs.Versions[1].Deactivated = true
	require.NoError(t, gs.Validate())
	require.NoError(t, gs.ValidateAddresses(ac))
	// Other checks still apply to the deactivated version.
	d.Authentication = []string{d.Id + "#gone"}
	require.ErrorIs(t, gs.ValidateAddresses(ac), types.ErrInvalidGenesis)
}

func TestGenesisDocumentBoundIsTheHardCap(t *testing.T) {
	// A document written under a larger max_document_bytes stays importable
	// after governance lowered the parameter.
	gs := validGenesis(t)
	gs.Params.MaxDocumentBytes = 64
	require.NoError(t, gs.Validate())
	require.NoError(t, gs.ValidateAddresses(ac))
}

// Finding 13 of issue 11: an upper-case spelling of an address decodes to the same account;
// genesis refuses it as every message does, so state holds one spelling per account.
func TestFinding13UpperCaseAddressRefusedInGenesis(t *testing.T) {
	gs := validGenesis(t)
	gs.Schemas[0].RegisteredBy = strings.ToUpper(gs.Schemas[0].RegisteredBy)
	err := gs.ValidateAddresses(ac)
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
	require.ErrorContains(t, err, "canonical")
}
