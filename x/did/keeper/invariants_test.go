package keeper_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// invState names the records of invGenesis: a DID with two versions, a deactivated DID, an
// issuer DID bound to agency "mfds" and granted both of its schemas, and two status lists of
// the issuer, the first with set bits in chunks 0 and 5.
type invState struct {
	holder, gone, issuer string
}

func invDid(name string) string {
	h := sha256.Sum256([]byte("civic-did-invariants/" + name))
	return types.DidMethodPrefix + types.Base58Encode(h[:16])
}

func invDoc(did string, controller string) types.DidDocument {
	seed := sha256.Sum256([]byte(did))
	pub := ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
	vm := types.VerificationMethod{Id: did + "#key-1", Type: types.KeyTypeEd25519, Controller: did, PublicKeyMultibase: types.Ed25519Multibase(pub)}
	return types.DidDocument{Id: did, Controller: []string{controller}, VerificationMethod: []types.VerificationMethod{vm}, Authentication: []string{vm.Id}}
}

// invGenesis is a sound state that fills every collection.
func invGenesis(s invState) *types.GenesisState {
	signer := sdk.AccAddress([]byte("did-invariants-owner")).String()
	t0 := testkeeper.BlockTime
	version := func(did string, n uint64, deactivated bool) types.DidVersion {
		prev := ""
		if n > 1 {
			prev = types.FormatVersionID(n - 1)
		}
		return types.DidVersion{
			Document: invDoc(did, signer), VersionId: types.FormatVersionID(n), PreviousVersionId: prev,
			Created: t0, Updated: t0.Add(time.Duration(n) * time.Hour), Deactivated: deactivated, Signer: signer, Height: int64(n),
		}
	}
	chunk := func(bits ...int) []byte {
		b := make([]byte, types.StatusChunkBits/8)
		for _, i := range bits {
			b[i/8] |= 0x80 >> (i % 8)
		}
		return b
	}
	schema := func(id uint64, version string) types.CredentialSchema {
		return types.CredentialSchema{
			Id: id, AgencyId: "mfds", Name: "FoodHandlerLicense", Version: version,
			JsonSchemaDigest: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
			Locator:          "https://schemas.mfds.go.kr/food-handler/" + version + ".json", RegisteredBy: signer, RegisteredAt: t0,
		}
	}
	list := func(id uint64, purpose types.StatusPurpose, set uint64) types.StatusList {
		return types.StatusList{
			Id: id, IssuerDid: s.issuer, AgencyId: "mfds", Purpose: purpose, Entries: types.MinStatusListEntries,
			SetCount: set, Version: 1 + set, CreatedBy: signer, CreatedAt: t0, UpdatedAt: t0,
		}
	}
	gs := types.DefaultGenesis()
	// versions ordered by (did, version)
	byDid := map[string][]types.DidVersion{
		s.holder: {version(s.holder, 1, false), version(s.holder, 2, false)},
		s.gone:   {version(s.gone, 1, false), version(s.gone, 2, true)},
		s.issuer: {version(s.issuer, 1, false)},
	}
	for _, did := range sortedKeys(byDid) {
		gs.Versions = append(gs.Versions, byDid[did]...)
	}
	gs.Schemas = []types.CredentialSchema{schema(1, "1.0.0"), schema(2, "2.0.0")}
	gs.NextSchemaId = 3
	gs.Issuers = []types.TrustedIssuer{{Did: s.issuer, AgencyId: "mfds", BoundBy: signer, BoundAt: t0}}
	gs.Grants = []types.IssuerSchemaGrant{{Did: s.issuer, SchemaId: 1}, {Did: s.issuer, SchemaId: 2}}
	gs.StatusLists = []types.StatusList{list(1, types.StatusPurposeRevocation, 3), list(2, types.StatusPurposeSuspension, 0)}
	gs.StatusChunks = []types.StatusChunk{{ListId: 1, Chunk: 0, Bits: chunk(3, 4000)}, {ListId: 1, Chunk: 5, Bits: chunk(0)}}
	gs.NextStatusListId = 3
	return gs
}

func sortedKeys(m map[string][]types.DidVersion) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

func newInvState(t *testing.T) (keeper.Keeper, sdk.Context, invState) {
	t.Helper()
	k, _, ctx := testkeeper.DidKeeper(t)
	s := invState{holder: invDid("holder"), gone: invDid("gone"), issuer: invDid("issuer")}
	gs := invGenesis(s)
	require.NoError(t, gs.Validate())
	require.NoError(t, k.InitGenesis(ctx, gs))
	return k, ctx, s
}

func TestDidInvariantsHold(t *testing.T) {
	k, ctx, _ := newInvState(t)
	require.NoError(t, k.CheckInvariants(ctx))

	empty, _, emptyCtx := testkeeper.DidKeeper(t)
	require.NoError(t, empty.CheckInvariants(emptyCtx), "an empty state is sound")

	// and after an export/import round trip
	exported, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	k2, _, ctx2 := testkeeper.DidKeeper(t)
	require.NoError(t, k2.InitGenesis(ctx2, exported))
	require.NoError(t, k2.CheckInvariants(ctx2))
}

func TestDidInvariantsCatchCorruption(t *testing.T) {
	type corruption func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error
	getVersion := func(t *testing.T, k keeper.Keeper, ctx sdk.Context, did string, n uint64) types.DidVersion {
		t.Helper()
		v, err := k.Versions.Get(ctx, collections.Join(did, n))
		require.NoError(t, err)
		return v
	}
	setList := func(id uint64, change func(*types.StatusList)) corruption {
		return func(t *testing.T, k keeper.Keeper, ctx sdk.Context, _ invState) error {
			l, err := k.StatusLists.Get(ctx, id)
			require.NoError(t, err)
			change(&l)
			return k.StatusLists.Set(ctx, id, l)
		}
	}
	setSchema := func(id uint64, change func(*types.CredentialSchema)) corruption {
		return func(t *testing.T, k keeper.Keeper, ctx sdk.Context, _ invState) error {
			sc, err := k.Schemas.Get(ctx, id)
			require.NoError(t, err)
			change(&sc)
			return k.Schemas.Set(ctx, id, sc)
		}
	}
	cases := []struct {
		name      string
		corrupt   corruption
		invariant string
		want      string
	}{
		// versions
		{"gap in the versions", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			v := getVersion(t, k, ctx, s.holder, 2)
			if err := k.Versions.Remove(ctx, collections.Join(s.holder, uint64(2))); err != nil {
				return err
			}
			v.VersionId, v.PreviousVersionId = "3", "2"
			return k.Versions.Set(ctx, collections.Join(s.holder, uint64(3)), v)
		}, "versions", "version 3 follows version 1"},
		{"versions not from 1", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			return k.Versions.Remove(ctx, collections.Join(s.holder, uint64(1)))
		}, "versions", "version 2 follows version 0"},
		{"latest version behind", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			return k.LatestVersion.Set(ctx, s.holder, 1)
		}, "versions", "is recorded as 1 but it has 2 versions"},
		{"latest version missing", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			return k.LatestVersion.Remove(ctx, s.holder)
		}, "versions", "has 2 versions but no latest-version entry"},
		{"latest version without versions", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			return k.LatestVersion.Set(ctx, invDid("ghost"), 1)
		}, "versions", "but it has no versions"},
		{"a version after deactivation", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			v := getVersion(t, k, ctx, s.gone, 2)
			v.VersionId, v.PreviousVersionId, v.Deactivated = "3", "2", false
			if err := k.Versions.Set(ctx, collections.Join(s.gone, uint64(3)), v); err != nil {
				return err
			}
			return k.LatestVersion.Set(ctx, s.gone, 3)
		}, "versions", "version 3 follows the deactivated version 2"},
		{"document under another DID", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			v := getVersion(t, k, ctx, s.holder, 2)
			v.Document = invDoc(s.issuer, v.Signer)
			return k.Versions.Set(ctx, collections.Join(s.holder, uint64(2)), v)
		}, "versions", "holds the document of"},
		{"version id off", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			v := getVersion(t, k, ctx, s.holder, 2)
			v.VersionId = "7"
			return k.Versions.Set(ctx, collections.Join(s.holder, uint64(2)), v)
		}, "versions", `says version_id "7"`},

		// schemas
		{"schema id never issued", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, _ invState) error {
			return k.LastSchemaID.Set(ctx, 1)
		}, "schemas", "ids issued: 1..1"},
		{"schema under another id", setSchema(2, func(sc *types.CredentialSchema) { sc.Id = 9 }), "schemas", "schema stored under 2 has id 9"},

		// issuers and grants
		{"issuer of no DID", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, _ invState) error {
			ghost := invDid("ghost")
			return k.Issuers.Set(ctx, ghost, types.TrustedIssuer{Did: ghost, AgencyId: "mfds"})
		}, "issuers", "is no DID"},
		{"issuer under another DID", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			return k.Issuers.Set(ctx, s.holder, types.TrustedIssuer{Did: s.issuer, AgencyId: "mfds"})
		}, "issuers", "names " + invDid("issuer")},
		{"grant to an unbound DID", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			return k.IssuerSchemas.Set(ctx, collections.Join(s.holder, uint64(1)), collections.NoValue{})
		}, "grants", "which is not a bound issuer"},
		{"grant of a missing schema", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, s invState) error {
			return k.IssuerSchemas.Set(ctx, collections.Join(s.issuer, uint64(7)), collections.NoValue{})
		}, "grants", "schema 7, granted to"},

		// status lists
		{"list of no DID", setList(2, func(l *types.StatusList) { l.IssuerDid = invDid("ghost") }), "status-lists", "is no DID"},
		{"list id never issued", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, _ invState) error {
			return k.LastStatusListID.Set(ctx, 1)
		}, "status-lists", "ids issued: 1..1"},
		{"list without purpose", setList(2, func(l *types.StatusList) { l.Purpose = types.StatusPurposeUnspecified }), "status-lists", "has purpose"},
		{"list size not whole chunks", setList(2, func(l *types.StatusList) { l.Entries = types.MinStatusListEntries + 1 }), "status-lists", "entries (a multiple of 8192"},

		// status chunks
		{"set_count off", setList(1, func(l *types.StatusList) { l.SetCount = 4 }), "status-chunks", "has set_count 4 but its chunks hold 3 set bits"},
		{"set_count without bits", setList(2, func(l *types.StatusList) { l.SetCount = 1 }), "status-chunks", "status list 2 has set_count 1 but no set bits"},
		{"all-zero chunk", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, _ invState) error {
			return k.StatusChunks.Set(ctx, collections.Join(uint64(2), uint32(0)), make([]byte, types.StatusChunkBits/8))
		}, "status-chunks", "status chunk 0 of list 2 is all zero"},
		{"short chunk", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, _ invState) error {
			return k.StatusChunks.Set(ctx, collections.Join(uint64(1), uint32(5)), []byte{0x80})
		}, "status-chunks", "holds 1 bytes, not 1024"},
		{"chunk outside its list", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, _ invState) error {
			bits := make([]byte, types.StatusChunkBits/8)
			bits[0] = 1
			return k.StatusChunks.Set(ctx, collections.Join(uint64(2), uint32(types.MinStatusListEntries/types.StatusChunkBits)), bits)
		}, "status-chunks", "status chunk 16 of list 2 lies outside the list's 131072 entries"},
		{"chunk of a missing list", func(t *testing.T, k keeper.Keeper, ctx sdk.Context, _ invState) error {
			bits := make([]byte, types.StatusChunkBits/8)
			bits[0] = 1
			return k.StatusChunks.Set(ctx, collections.Join(uint64(5), uint32(0)), bits)
		}, "status-chunks", "status chunk 0 of list 5: the list does not exist"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k, ctx, s := newInvState(t)
			require.NoError(t, tc.corrupt(t, k, ctx, s))
			err := k.CheckInvariants(ctx)
			require.ErrorContains(t, err, fmt.Sprintf("%s invariant %q broken", types.ModuleName, tc.invariant))
			require.ErrorContains(t, err, tc.want)
		})
	}
}
