package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and error codespace.
	ModuleName = "water"

	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes. They are part of the consensus state: never renumber
// or reuse one; append new ones at the end.
var (
	ParamsKey                = collections.NewPrefix(0)
	LastSiteIDKey            = collections.NewPrefix(1)
	SitesKey                 = collections.NewPrefix(2)
	SitesByDistrictKey       = collections.NewPrefix(3)
	SitesByKindKey           = collections.NewPrefix(4)
	SensorsKey               = collections.NewPrefix(5)
	SensorsBySiteKey         = collections.NewPrefix(6)
	SensorsByDueKey          = collections.NewPrefix(7)
	CalibrationsKey          = collections.NewPrefix(8)
	SensorHeadsKey           = collections.NewPrefix(9)
	ThresholdsKey            = collections.NewPrefix(10)
	ThresholdsByTimeKey      = collections.NewPrefix(11)
	BandsKey                 = collections.NewPrefix(12)
	PointsKey                = collections.NewPrefix(13)
	LatestKey                = collections.NewPrefix(14)
	LastBatchIDKey           = collections.NewPrefix(15)
	BatchesKey               = collections.NewPrefix(16)
	BatchesBySensorKey       = collections.NewPrefix(17)
	LastAlertIDKey           = collections.NewPrefix(18)
	AlertsKey                = collections.NewPrefix(19)
	AlertsBySiteKey          = collections.NewPrefix(20)
	OpenAlertByKeyKey        = collections.NewPrefix(21)
	OpenAlertsBySiteKey      = collections.NewPrefix(22)
	OpenAlertsByDistrictKey  = collections.NewPrefix(23)
	ThresholdsLastVersionKey = collections.NewPrefix(24)
)
