package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and error codespace.
	ModuleName = "disaster"

	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes. They are part of the consensus state: never renumber
// or reuse one; append new ones at the end.
var (
	ParamsKey                    = collections.NewPrefix(0)
	LastIncidentIDKey            = collections.NewPrefix(1)
	LastAlertIDKey               = collections.NewPrefix(2)
	IncidentsKey                 = collections.NewPrefix(3)
	IncidentsByStatusKey         = collections.NewPrefix(4)
	IncidentsByDistrictKey       = collections.NewPrefix(5)
	IncidentsByDistrictStatusKey = collections.NewPrefix(6)
	IncidentByDescriptionKey     = collections.NewPrefix(7)
	RevisionsKey                 = collections.NewPrefix(8)
	AlertsKey                    = collections.NewPrefix(9)
	AlertsByIncidentKey          = collections.NewPrefix(10)
	AlertsByDistrictKey          = collections.NewPrefix(11)
	AlertByBroadcastKey          = collections.NewPrefix(12)
)
