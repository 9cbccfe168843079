package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key, error codespace and the name
	// of its module account, which holds settlement escrow.
	ModuleName = "toll"

	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes. They are part of the consensus state: never renumber
// or reuse one; append new ones at the end.
var (
	ParamsKey              = collections.NewPrefix(0)
	OperatorsKey           = collections.NewPrefix(1)
	PlazasKey              = collections.NewPrefix(2)
	PlazasByOperatorKey    = collections.NewPrefix(3)
	SegmentsKey            = collections.NewPrefix(4)
	TariffsKey             = collections.NewPrefix(5)
	TariffsByTimeKey       = collections.NewPrefix(6)
	TariffHeadKey          = collections.NewPrefix(7)
	SpendingLimitsKey      = collections.NewPrefix(8)
	LastTripIDKey          = collections.NewPrefix(9)
	TripsKey               = collections.NewPrefix(10)
	TripsByPlazaKey        = collections.NewPrefix(11)
	TripsByPeriodKey       = collections.NewPrefix(12)
	UnpaidTripsKey         = collections.NewPrefix(13)
	LastBatchIDKey         = collections.NewPrefix(14)
	BatchesKey             = collections.NewPrefix(15)
	BatchesByPeriodKey     = collections.NewPrefix(16)
	PeriodsKey             = collections.NewPrefix(17)
	CurrentPeriodKey       = collections.NewPrefix(18)
	AccrualsKey            = collections.NewPrefix(19)
	EscrowsKey             = collections.NewPrefix(20)
	LastDisputeIDKey       = collections.NewPrefix(21)
	DisputesKey            = collections.NewPrefix(22)
	DisputesByPeriodKey    = collections.NewPrefix(23)
	OpenDisputeByTargetKey = collections.NewPrefix(24)
	HeldEscrowsKey         = collections.NewPrefix(25)
	DisputeByTargetKey     = collections.NewPrefix(26)

	RoutesKey             = collections.NewPrefix(35)
	TripsByKeyKey         = collections.NewPrefix(36)
	PlazasByRouteKey      = collections.NewPrefix(37)
	SegmentsByOperatorKey = collections.NewPrefix(38)
)
