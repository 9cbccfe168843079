// Package keeper holds the state of x/did: versioned DID documents of the
// method did:civic, credential schemas, trusted-issuer bindings and Bitstring
// status lists.
package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/civicchain/civic/x/did/types"
)

// Keeper owns the module's store. Every index is written together with the
// record it points to and rebuilt from the records at InitGenesis.
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

	// NextSchemaID holds the last schema id issued (0 = none yet).
	NextSchemaID collections.Sequence
	// Schemas: schema id -> CredentialSchema.
	Schemas collections.Map[uint64, types.CredentialSchema]
	// SchemasByAgency: (agency id, schema id).
	SchemasByAgency collections.KeySet[collections.Pair[string, uint64]]
	// SchemaByName: (agency id, "name@version") -> schema id; unique per agency.
	SchemaByName collections.Map[collections.Pair[string, string], uint64]

	// Issuers: did -> TrustedIssuer (the DID's agency binding).
	Issuers collections.Map[string, types.TrustedIssuer]
	// IssuerSchemas: (did, schema id) — the schemas a bound issuer was granted.
	IssuerSchemas collections.KeySet[collections.Pair[string, uint64]]
	// SchemaIssuers: (schema id, did) — the same grants by schema.
	SchemaIssuers collections.KeySet[collections.Pair[uint64, string]]

	// NextStatusListID holds the last status list id issued (0 = none yet).
	NextStatusListID collections.Sequence
	// StatusLists: list id -> StatusList.
	StatusLists collections.Map[uint64, types.StatusList]
	// StatusListsByIssuer: (issuer did, list id).
	StatusListsByIssuer collections.KeySet[collections.Pair[string, uint64]]
	// StatusChunks: (list id, chunk) -> 1 KiB of bits; an all-zero chunk is not stored.
	StatusChunks collections.Map[collections.Pair[uint64, uint32], []byte]
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
	authorityBz, err := addressCodec.StringToBytes(authority)
	if err != nil {
		panic(fmt.Sprintf("%s: invalid authority address %q: %s", types.ModuleName, authority, err))
	}
	if agencyKeeper == nil {
		panic(fmt.Sprintf("%s: agency keeper is required", types.ModuleName))
	}

	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: addressCodec,
		agencyKeeper: agencyKeeper,
		authority:    authorityBz,

		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),

		Versions: collections.NewMap(sb, types.VersionsKey, "versions",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), codec.CollValue[types.DidVersion](cdc)),
		LatestVersion: collections.NewMap(sb, types.LatestVersionKey, "latest_version", collections.StringKey, collections.Uint64Value),

		NextSchemaID: collections.NewSequence(sb, types.NextSchemaIDKey, "next_schema_id"),
		Schemas:      collections.NewMap(sb, types.SchemasKey, "schemas", collections.Uint64Key, codec.CollValue[types.CredentialSchema](cdc)),
		SchemasByAgency: collections.NewKeySet(sb, types.SchemasByAgencyKey, "schemas_by_agency",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),
		SchemaByName: collections.NewMap(sb, types.SchemaByNameKey, "schema_by_name",
			collections.PairKeyCodec(collections.StringKey, collections.StringKey), collections.Uint64Value),

		Issuers: collections.NewMap(sb, types.IssuersKey, "issuers", collections.StringKey, codec.CollValue[types.TrustedIssuer](cdc)),
		IssuerSchemas: collections.NewKeySet(sb, types.IssuerSchemasKey, "issuer_schemas",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),
		SchemaIssuers: collections.NewKeySet(sb, types.SchemaIssuersKey, "schema_issuers",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey)),

		NextStatusListID: collections.NewSequence(sb, types.NextStatusListIDKey, "next_status_list_id"),
		StatusLists:      collections.NewMap(sb, types.StatusListsKey, "status_lists", collections.Uint64Key, codec.CollValue[types.StatusList](cdc)),
		StatusListsByIssuer: collections.NewKeySet(sb, types.StatusListsByIssuerKey, "status_lists_by_issuer",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),
		StatusChunks: collections.NewMap(sb, types.StatusChunksKey, "status_chunks",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint32Key), collections.BytesValue),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string {
	s, err := k.addressCodec.BytesToString(k.authority)
	if err != nil {
		panic(err) // decoded in NewKeeper, so it encodes
	}
	return s
}

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

// setSchema stores a schema and its indexes (by agency, by name@version).
func (k Keeper) setSchema(ctx context.Context, s types.CredentialSchema) error {
	if err := k.Schemas.Set(ctx, s.Id, s); err != nil {
		return err
	}
	if err := k.SchemasByAgency.Set(ctx, collections.Join(s.AgencyId, s.Id)); err != nil {
		return err
	}
	return k.SchemaByName.Set(ctx, collections.Join(s.AgencyId, SchemaNameKey(s.Name, s.Version)), s.Id)
}

// SchemaNameKey is the unique-name index key of a schema, "name@version".
func SchemaNameKey(name, version string) string { return name + "@" + version }

// setGrant allows issuer did to issue schema id, in both indexes.
func (k Keeper) setGrant(ctx context.Context, did string, schemaID uint64) error {
	if err := k.IssuerSchemas.Set(ctx, collections.Join(did, schemaID)); err != nil {
		return err
	}
	return k.SchemaIssuers.Set(ctx, collections.Join(schemaID, did))
}

// removeGrant withdraws a grant from both indexes.
func (k Keeper) removeGrant(ctx context.Context, did string, schemaID uint64) error {
	if err := k.IssuerSchemas.Remove(ctx, collections.Join(did, schemaID)); err != nil {
		return err
	}
	return k.SchemaIssuers.Remove(ctx, collections.Join(schemaID, did))
}

// setStatusList stores a status list and its issuer index (the issuer of a
// list never changes).
func (k Keeper) setStatusList(ctx context.Context, l types.StatusList) error {
	if err := k.StatusLists.Set(ctx, l.Id, l); err != nil {
		return err
	}
	return k.StatusListsByIssuer.Set(ctx, collections.Join(l.IssuerDid, l.Id))
}
