package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and error codespace. The SDK's
	// own x/evidence (double-sign handling) owns "evidence", so this one is
	// "digitalevidence".
	ModuleName = "digitalevidence"

	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes. They are part of the consensus state: never renumber
// or reuse one; append new ones at the end.
var (
	ParamsKey              = collections.NewPrefix(0)
	LastCaseIDKey          = collections.NewPrefix(1)
	LastEvidenceIDKey      = collections.NewPrefix(2)
	CasesKey               = collections.NewPrefix(3)
	CasesByAgencyKey       = collections.NewPrefix(4)
	CaseByReferenceKey     = collections.NewPrefix(5)
	ItemsKey               = collections.NewPrefix(6)
	ItemsByCaseKey         = collections.NewPrefix(7)
	ItemByExhibitKey       = collections.NewPrefix(8)
	ItemsByDigestKey       = collections.NewPrefix(9)
	CustodyLogKey          = collections.NewPrefix(10)
	TransfersKey           = collections.NewPrefix(11)
	TransfersByReceiverKey = collections.NewPrefix(12)
	CustodyHeadKey         = collections.NewPrefix(13)
	IntegrityChecksKey     = collections.NewPrefix(14)
	IntegrityMismatchesKey = collections.NewPrefix(15)
)
