package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and error codespace.
	ModuleName = "did"

	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes. They are part of the consensus state: never renumber
// or reuse one; append new ones at the end.
var (
	ParamsKey              = collections.NewPrefix(0)
	VersionsKey            = collections.NewPrefix(1)
	LatestVersionKey       = collections.NewPrefix(2)
	LastSchemaIDKey        = collections.NewPrefix(3)
	SchemasKey             = collections.NewPrefix(4)
	SchemasByAgencyKey     = collections.NewPrefix(5)
	SchemaByNameKey        = collections.NewPrefix(6)
	IssuersKey             = collections.NewPrefix(7)
	IssuerSchemasKey       = collections.NewPrefix(8)
	SchemaIssuersKey       = collections.NewPrefix(9)
	LastStatusListIDKey    = collections.NewPrefix(10)
	StatusListsKey         = collections.NewPrefix(11)
	StatusListsByIssuerKey = collections.NewPrefix(12)
	StatusChunksKey        = collections.NewPrefix(13)
)
