package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and error codespace.
	ModuleName = "haccp"

	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes. They are part of the consensus state: never renumber
// or reuse one; append new ones at the end.
var (
	ParamsKey                  = collections.NewPrefix(0)
	LastFacilityIDKey          = collections.NewPrefix(1)
	FacilitiesKey              = collections.NewPrefix(2)
	FacilitiesByOperatorKey    = collections.NewPrefix(3)
	FacilityStaffKey           = collections.NewPrefix(4)
	StaffFacilitiesKey         = collections.NewPrefix(5)
	CertificatesKey            = collections.NewPrefix(6)
	CertificateVersionsKey     = collections.NewPrefix(7)
	CertificatesByFacilityKey  = collections.NewPrefix(8)
	CertificateEventsKey       = collections.NewPrefix(9)
	CertificateEventHeadKey    = collections.NewPrefix(10)
	LastCcpRecordIDKey         = collections.NewPrefix(11)
	CcpRecordsKey              = collections.NewPrefix(12)
	CcpRecordsByFacilityKey    = collections.NewPrefix(13)
	HygieneCertsKey            = collections.NewPrefix(14)
	DeclarationsKey            = collections.NewPrefix(15)
	DeclarationsByImporterKey  = collections.NewPrefix(16)
	DeclarationByCustomsRefKey = collections.NewPrefix(17)
	DeclarationsByTraceNoKey   = collections.NewPrefix(18)
	LastRecallIDKey            = collections.NewPrefix(19)
	RecallsKey                 = collections.NewPrefix(20)
	ActiveRecallsKey           = collections.NewPrefix(21)
	RecalledLotsKey            = collections.NewPrefix(22)
	LastShareIDKey             = collections.NewPrefix(23)
	SharesKey                  = collections.NewPrefix(24)
	SharesByDeclarationKey     = collections.NewPrefix(25)
)
