// Package keeper holds the state of x/did: versioned DID documents of the
// method did:civic, credential schemas, trusted-issuer bindings and Bitstring
// status lists.
package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/civicchain/civic/internal/index"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/did/types"
)

// Keeper owns the module's store. The indexes of schemas, grants and status
// lists are collections.IndexedMap indexes, which collections keeps in step
// with their records; LatestVersion is the head of each DID's version chain,
// written with every version.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec
	agencyKeeper types.AgencyKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]

	// Versions: (did, version) -> DidVersion; versions are numbered from 1 without gaps.
	Versions collections.Map[collections.Pair[string, uint64], types.DidVersion]
	// LatestVersion: did -> number of its latest version.
	LatestVersion collections.Map[string, uint64]

	// LastSchemaID is the last schema id issued (0 = none yet).
	LastSchemaID collections.Sequence
	// Schemas: schema id -> CredentialSchema, indexed by agency and by name@version.
	Schemas *collections.IndexedMap[uint64, types.CredentialSchema, SchemaIndexes]
	// schemasByAgency reads the store of Schemas.Indexes.Agency for pagination.
	schemasByAgency collections.KeySet[collections.Pair[string, uint64]]

	// Issuers: did -> TrustedIssuer (the DID's agency binding).
	Issuers collections.Map[string, types.TrustedIssuer]
	// IssuerSchemas: (did, schema id) — the schemas a bound issuer was granted,
	// indexed by schema.
	IssuerSchemas *collections.IndexedMap[collections.Pair[string, uint64], collections.NoValue, GrantIndexes]

	// LastStatusListID is the last status list id issued (0 = none yet).
	LastStatusListID collections.Sequence
	// StatusLists: list id -> StatusList, indexed by issuer.
	StatusLists *collections.IndexedMap[uint64, types.StatusList, StatusListIndexes]
	// statusListsByIssuer reads the store of StatusLists.Indexes.Issuer for pagination.
	statusListsByIssuer collections.KeySet[collections.Pair[string, uint64]]
	// StatusChunks: (list id, chunk) -> 1 KiB of bits; an all-zero chunk is not stored.
	StatusChunks collections.Map[collections.Pair[uint64, uint32], []byte]
}

// SchemaIndexes are the indexes that always follow a schema (collections keeps them in step).
type SchemaIndexes struct {
	// Agency: (agency id, schema id), for Schemas of one agency.
	Agency *indexes.Multi[string, uint64, types.CredentialSchema]
	// Name: (agency id, "name@version") -> schema id; one schema per name@version and agency.
	Name *indexes.Unique[collections.Pair[string, string], uint64, types.CredentialSchema]
}

// IndexesList implements collections.Indexes.
func (i SchemaIndexes) IndexesList() []collections.Index[uint64, types.CredentialSchema] {
	return []collections.Index[uint64, types.CredentialSchema]{i.Agency, i.Name}
}

// GrantIndexes are the indexes that always follow a grant.
type GrantIndexes struct {
	// Schema: (schema id, did), for TrustedIssuers.
	Schema *indexes.ReversePair[string, uint64, collections.NoValue]
}

// IndexesList implements collections.Indexes.
func (i GrantIndexes) IndexesList() []collections.Index[collections.Pair[string, uint64], collections.NoValue] {
	return []collections.Index[collections.Pair[string, uint64], collections.NoValue]{i.Schema}
}

// StatusListIndexes are the indexes that always follow a status list.
type StatusListIndexes struct {
	// Issuer: (issuer did, list id), for StatusListsByIssuer.
	Issuer *indexes.Multi[string, uint64, types.StatusList]
}

// IndexesList implements collections.Indexes.
func (i StatusListIndexes) IndexesList() []collections.Index[uint64, types.StatusList] {
	return []collections.Index[uint64, types.StatusList]{i.Issuer}
}

// NewKeeper builds the keeper. authority is the bech32 address of the x/gov
// module account; it panics if the address does not decode, as a wiring error.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	authority string,
	agencyKeeper types.AgencyKeeper,
) Keeper {
	if agencyKeeper == nil {
		panic(fmt.Sprintf("%s: agency keeper is required", types.ModuleName))
	}

	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: addressCodec,
		agencyKeeper: agencyKeeper,
		authority:    keeperbase.MustAuthority(addressCodec, types.ModuleName, authority),

		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),

		Versions: collections.NewMap(sb, types.VersionsKey, "versions",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), codec.CollValue[types.DidVersion](cdc)),
		LatestVersion: collections.NewMap(sb, types.LatestVersionKey, "latest_version", collections.StringKey, collections.Uint64Value),

		LastSchemaID: collections.NewSequence(sb, types.LastSchemaIDKey, "last_schema_id"),
		Schemas: collections.NewIndexedMap(sb, types.SchemasKey, "schemas", collections.Uint64Key, codec.CollValue[types.CredentialSchema](cdc),
			SchemaIndexes{
				Agency: indexes.NewMulti(sb, types.SchemasByAgencyKey, "schemas_by_agency", collections.StringKey, collections.Uint64Key,
					func(_ uint64, s types.CredentialSchema) (string, error) { return s.AgencyId, nil }),
				Name: indexes.NewUnique(sb, types.SchemaByNameKey, "schema_by_name",
					collections.PairKeyCodec(collections.StringKey, collections.StringKey), collections.Uint64Key,
					func(_ uint64, s types.CredentialSchema) (collections.Pair[string, string], error) {
						return collections.Join(s.AgencyId, SchemaNameKey(s.Name, s.Version)), nil
					}),
			}),
		schemasByAgency: index.Pages(storeService, types.SchemasByAgencyKey, collections.StringKey, collections.Uint64Key),

		Issuers: collections.NewMap(sb, types.IssuersKey, "issuers", collections.StringKey, codec.CollValue[types.TrustedIssuer](cdc)),
		IssuerSchemas: collections.NewIndexedMap(sb, types.IssuerSchemasKey, "issuer_schemas",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), collections.NoValue{},
			GrantIndexes{
				Schema: indexes.NewReversePair[collections.NoValue](sb, types.SchemaIssuersKey, "schema_issuers",
					collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),
			}),

		LastStatusListID: collections.NewSequence(sb, types.LastStatusListIDKey, "last_status_list_id"),
		StatusLists: collections.NewIndexedMap(sb, types.StatusListsKey, "status_lists", collections.Uint64Key, codec.CollValue[types.StatusList](cdc),
			StatusListIndexes{
				Issuer: indexes.NewMulti(sb, types.StatusListsByIssuerKey, "status_lists_by_issuer", collections.StringKey, collections.Uint64Key,
					func(_ uint64, l types.StatusList) (string, error) { return l.IssuerDid, nil }),
			}),
		statusListsByIssuer: index.Pages(storeService, types.StatusListsByIssuerKey, collections.StringKey, collections.Uint64Key),
		StatusChunks: collections.NewMap(sb, types.StatusChunksKey, "status_chunks",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint32Key), collections.BytesValue),
	}
	k.Schema = keeperbase.MustBuild(sb)
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string { return keeperbase.AuthorityString(k.addressCodec, k.authority) }

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// setVersion stores version n of a DID and makes it the latest. Versions are
// written in order (1, 2, ...), so the last one written is the latest.
func (k Keeper) setVersion(ctx context.Context, n uint64, v types.DidVersion) error {
	if err := k.Versions.Set(ctx, collections.Join(v.Document.Id, n), v); err != nil {
		return err
	}
	return k.LatestVersion.Set(ctx, v.Document.Id, n)
}

// SchemaNameKey is the unique-name index key of a schema, "name@version".
func SchemaNameKey(name, version string) string { return name + "@" + version }
