// Package keeper holds the state of x/toll: operators, plazas, route
// segments, versioned tariffs, spending limits, trips and trip batches,
// settlement periods with their accruals and escrow, and disputes.
package keeper

import (
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/index"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/toll/types"
)

// Keeper owns the module's store. The indexes that always follow their
// record are indexes of an IndexedMap, which keeps them in step; the
// conditional ones (UnpaidTrips, OpenDisputeByTarget) are business state,
// written by the handlers and checked by the invariants.
type Keeper struct {
	cdc           codec.BinaryCodec
	storeService  corestore.KVStoreService
	addressCodec  address.Codec
	agencyKeeper  types.AgencyKeeper
	bankKeeper    types.BankKeeper
	accountKeeper types.AccountKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]

	// Operators: agency id -> Operator.
	Operators collections.Map[string, types.Operator]
	// Plazas: plaza id -> Plaza, indexed by operator and by route.
	Plazas *collections.IndexedMap[string, types.Plaza, PlazaIndexes]
	// Segments: (route, start_m) -> Segment, indexed by operator; the
	// segments of a route never overlap.
	Segments *collections.IndexedMap[collections.Pair[string, uint64], types.Segment, SegmentIndexes]

	// Tariffs: (operator, version) -> Tariff, versions from 1, indexed by
	// effective_from.
	Tariffs *collections.IndexedMap[collections.Pair[string, uint64], types.Tariff, TariffIndexes]
	// TariffHead: operator -> its latest version.
	TariffHead collections.Map[string, uint64]

	// SpendingLimits: (payer, operator) -> SpendingLimit.
	SpendingLimits collections.Map[collections.Pair[sdk.AccAddress, string], types.SpendingLimit]

	// LastTripID is the last trip id issued (0 = none yet).
	LastTripID collections.Sequence
	// Trips: trip id -> Trip, indexed by natural key, exit plaza and period.
	Trips *collections.IndexedMap[uint64, types.Trip, TripIndexes]
	// UnpaidTrips: (payer, trip id) for exactly the UNPAID trips.
	UnpaidTrips collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]

	// LastBatchID is the last batch id issued (0 = none yet).
	LastBatchID collections.Sequence
	// Batches: batch id -> TripBatch, indexed by period.
	Batches *collections.IndexedMap[uint64, types.TripBatch, BatchIndexes]

	// Periods: period id -> Period.
	Periods collections.Map[uint64, types.Period]
	// CurrentPeriod is the id of the OPEN period (the last one).
	CurrentPeriod collections.Item[uint64]
	// Accruals: (period id, collector, payee) -> Accrual.
	Accruals collections.Map[collections.Triple[uint64, string, string], types.Accrual]
	// Escrows: (period id, operator) -> amount held in the module account.
	Escrows collections.Map[collections.Pair[uint64, string], uint64]

	// LastDisputeID is the last dispute id issued (0 = none yet).
	LastDisputeID collections.Sequence
	// Disputes: dispute id -> Dispute, indexed by period and by target.
	Disputes *collections.IndexedMap[uint64, types.Dispute, DisputeIndexes]
	// OpenDisputeByTarget: (target kind, target id) -> the id of its OPEN or APPEALED dispute.
	OpenDisputeByTarget collections.Map[collections.Pair[int32, uint64], uint64]
	// HeldEscrows: (period id, operator) -> what the operator escrowed at
	// confirmation for its disputed payable, held until those disputes are decided.
	HeldEscrows collections.Map[collections.Pair[uint64, string], uint64]

	// Routes: route -> Route (its owning operator).
	Routes collections.Map[string, types.Route]
}

// PlazaIndexes are the indexes that always follow a plaza.
type PlazaIndexes struct {
	// ByOperator: (operator, plaza id), for the Plazas query of one operator.
	ByOperator *index.Keys[collections.Pair[string, string], string, types.Plaza]
	// ByRoute: (route, operator, plaza id); "another operator has a plaza
	// on the route" is two seeks.
	ByRoute *index.Keys[collections.Triple[string, string, string], string, types.Plaza]
}

// IndexesList implements collections.Indexes.
func (i PlazaIndexes) IndexesList() []collections.Index[string, types.Plaza] {
	return []collections.Index[string, types.Plaza]{i.ByOperator, i.ByRoute}
}

// SegmentIndexes are the indexes that always follow a segment.
type SegmentIndexes struct {
	// ByOperator: (route, operator, start_m); "the operator holds a segment
	// of the route" is one seek.
	ByOperator *index.Keys[collections.Triple[string, string, uint64], collections.Pair[string, uint64], types.Segment]
}

// IndexesList implements collections.Indexes.
func (i SegmentIndexes) IndexesList() []collections.Index[collections.Pair[string, uint64], types.Segment] {
	return []collections.Index[collections.Pair[string, uint64], types.Segment]{i.ByOperator}
}

// TariffIndexes are the indexes that always follow a tariff version.
type TariffIndexes struct {
	// ByTime: (operator, effective_from) -> (operator, version); "the tariff
	// at time t" is one reverse seek. A version takes effect after the
	// previous one, so the time is unique. The time is keyed with
	// sdk.TimeKey (sortable, nanosecond-exact, as x/gov's queues).
	ByTime *indexes.Unique[collections.Pair[string, time.Time], collections.Pair[string, uint64], types.Tariff]
}

// IndexesList implements collections.Indexes.
func (i TariffIndexes) IndexesList() []collections.Index[collections.Pair[string, uint64], types.Tariff] {
	return []collections.Index[collections.Pair[string, uint64], types.Tariff]{i.ByTime}
}

// TripKey is a trip's natural key: (exit plaza, vehicle_ref, entry time, exit
// time). The same real-world trip recorded twice has the same key.
type TripKey = collections.Quad[string, string, time.Time, time.Time]

// TripIndexes are the indexes that always follow a trip.
type TripIndexes struct {
	// ByKey: TripKey -> trip id; at most one trip per key.
	ByKey *indexes.Unique[TripKey, uint64, types.Trip]
	// ByPlaza: (exit plaza, period id, trip id), for TripsByPlaza.
	ByPlaza *index.Keys[collections.Triple[string, uint64, uint64], uint64, types.Trip]
	// ByPeriod: (period id, trip id), for TripsByPeriod.
	ByPeriod *index.Keys[collections.Pair[uint64, uint64], uint64, types.Trip]
}

// IndexesList implements collections.Indexes.
func (i TripIndexes) IndexesList() []collections.Index[uint64, types.Trip] {
	return []collections.Index[uint64, types.Trip]{i.ByKey, i.ByPlaza, i.ByPeriod}
}

// tripKeyOf is the natural key of a trip.
func tripKeyOf(t types.Trip) TripKey {
	return collections.Join4(t.ExitPlaza, t.VehicleRef, t.EntryTime, t.ExitTime)
}

// BatchIndexes are the indexes that always follow a trip batch.
type BatchIndexes struct {
	// ByPeriod: (period id, batch id), for TripBatches.
	ByPeriod *index.Keys[collections.Pair[uint64, uint64], uint64, types.TripBatch]
}

// IndexesList implements collections.Indexes.
func (i BatchIndexes) IndexesList() []collections.Index[uint64, types.TripBatch] {
	return []collections.Index[uint64, types.TripBatch]{i.ByPeriod}
}

// DisputeIndexes are the indexes that always follow a dispute.
type DisputeIndexes struct {
	// ByPeriod: (period id, dispute id), for the Disputes query of one period.
	ByPeriod *index.Keys[collections.Pair[uint64, uint64], uint64, types.Dispute]
	// ByTarget: (target kind, target id) -> dispute id; the one dispute a
	// trip or batch may ever have.
	ByTarget *indexes.Unique[collections.Pair[int32, uint64], uint64, types.Dispute]
}

// IndexesList implements collections.Indexes.
func (i DisputeIndexes) IndexesList() []collections.Index[uint64, types.Dispute] {
	return []collections.Index[uint64, types.Dispute]{i.ByPeriod, i.ByTarget}
}

// NewKeeper builds the keeper. authority is the bech32 address of the x/gov
// module account; it panics if the address does not decode or a keeper is
// missing, as wiring errors.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	authority string,
	agencyKeeper types.AgencyKeeper,
	bankKeeper types.BankKeeper,
	accountKeeper types.AccountKeeper,
) Keeper {
	if agencyKeeper == nil || bankKeeper == nil || accountKeeper == nil {
		panic(fmt.Sprintf("%s: agency, bank and account keepers are required", types.ModuleName))
	}
	if accountKeeper.GetModuleAddress(types.ModuleName) == nil {
		panic(fmt.Sprintf("%s: module account is not in the account keeper's permissions", types.ModuleName))
	}

	sb := collections.NewSchemaBuilder(storeService)
	u64, str, acc := collections.Uint64Key, collections.StringKey, sdk.AccAddressKey
	k := Keeper{
		cdc:           cdc,
		storeService:  storeService,
		addressCodec:  addressCodec,
		agencyKeeper:  agencyKeeper,
		bankKeeper:    bankKeeper,
		accountKeeper: accountKeeper,
		authority:     keeperbase.MustAuthority(addressCodec, types.ModuleName, authority),

		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),

		Operators: collections.NewMap(sb, types.OperatorsKey, "operators", str, codec.CollValue[types.Operator](cdc)),
		Plazas: collections.NewIndexedMap(sb, types.PlazasKey, "plazas", str, codec.CollValue[types.Plaza](cdc), PlazaIndexes{
			ByOperator: index.NewKeys(sb, types.PlazasByOperatorKey, "plazas_by_operator", collections.PairKeyCodec(str, str),
				index.One(func(id string, p types.Plaza) collections.Pair[string, string] {
					return collections.Join(p.Operator, id)
				})),
			ByRoute: index.NewKeys(sb, types.PlazasByRouteKey, "plazas_by_route", collections.TripleKeyCodec(str, str, str),
				index.One(func(id string, p types.Plaza) collections.Triple[string, string, string] {
					return collections.Join3(p.Route, p.Operator, id)
				})),
		}),
		Segments: collections.NewIndexedMap(sb, types.SegmentsKey, "segments", collections.PairKeyCodec(str, u64), codec.CollValue[types.Segment](cdc), SegmentIndexes{
			ByOperator: index.NewKeys(sb, types.SegmentsByOperatorKey, "segments_by_operator", collections.TripleKeyCodec(str, str, u64),
				index.One(func(key collections.Pair[string, uint64], s types.Segment) collections.Triple[string, string, uint64] {
					return collections.Join3(key.K1(), s.Operator, key.K2())
				})),
		}),

		Tariffs: collections.NewIndexedMap(sb, types.TariffsKey, "tariffs", collections.PairKeyCodec(str, u64), codec.CollValue[types.Tariff](cdc), TariffIndexes{
			ByTime: indexes.NewUnique(sb, types.TariffsByTimeKey, "tariffs_by_time", collections.PairKeyCodec(str, sdk.TimeKey), collections.PairKeyCodec(str, u64),
				func(key collections.Pair[string, uint64], t types.Tariff) (collections.Pair[string, time.Time], error) {
					return collections.Join(key.K1(), t.EffectiveFrom), nil
				}),
		}),
		TariffHead: collections.NewMap(sb, types.TariffHeadKey, "tariff_head", str, collections.Uint64Value),

		SpendingLimits: collections.NewMap(sb, types.SpendingLimitsKey, "spending_limits", collections.PairKeyCodec(acc, str), codec.CollValue[types.SpendingLimit](cdc)),

		LastTripID: collections.NewSequence(sb, types.LastTripIDKey, "last_trip_id"),
		Trips: collections.NewIndexedMap(sb, types.TripsKey, "trips", u64, codec.CollValue[types.Trip](cdc), TripIndexes{
			ByKey: indexes.NewUnique(sb, types.TripsByKeyKey, "trips_by_key",
				collections.QuadKeyCodec(str, str, sdk.TimeKey, sdk.TimeKey), u64,
				func(_ uint64, t types.Trip) (TripKey, error) { return tripKeyOf(t), nil }),
			ByPlaza: index.NewKeys(sb, types.TripsByPlazaKey, "trips_by_plaza", collections.TripleKeyCodec(str, u64, u64),
				index.One(func(id uint64, t types.Trip) collections.Triple[string, uint64, uint64] {
					return collections.Join3(t.ExitPlaza, t.PeriodId, id)
				})),
			ByPeriod: index.NewKeys(sb, types.TripsByPeriodKey, "trips_by_period", collections.PairKeyCodec(u64, u64),
				index.One(func(id uint64, t types.Trip) collections.Pair[uint64, uint64] {
					return collections.Join(t.PeriodId, id)
				})),
		}),
		UnpaidTrips: collections.NewKeySet(sb, types.UnpaidTripsKey, "unpaid_trips", collections.PairKeyCodec(acc, u64)),

		LastBatchID: collections.NewSequence(sb, types.LastBatchIDKey, "last_batch_id"),
		Batches: collections.NewIndexedMap(sb, types.BatchesKey, "batches", u64, codec.CollValue[types.TripBatch](cdc), BatchIndexes{
			ByPeriod: index.NewKeys(sb, types.BatchesByPeriodKey, "batches_by_period", collections.PairKeyCodec(u64, u64),
				index.One(func(id uint64, b types.TripBatch) collections.Pair[uint64, uint64] {
					return collections.Join(b.PeriodId, id)
				})),
		}),

		Periods:       collections.NewMap(sb, types.PeriodsKey, "periods", u64, codec.CollValue[types.Period](cdc)),
		CurrentPeriod: collections.NewItem(sb, types.CurrentPeriodKey, "current_period", collections.Uint64Value),
		Accruals:      collections.NewMap(sb, types.AccrualsKey, "accruals", collections.TripleKeyCodec(u64, str, str), codec.CollValue[types.Accrual](cdc)),
		Escrows:       collections.NewMap(sb, types.EscrowsKey, "escrows", collections.PairKeyCodec(u64, str), collections.Uint64Value),

		LastDisputeID: collections.NewSequence(sb, types.LastDisputeIDKey, "last_dispute_id"),
		Disputes: collections.NewIndexedMap(sb, types.DisputesKey, "disputes", u64, codec.CollValue[types.Dispute](cdc), DisputeIndexes{
			ByPeriod: index.NewKeys(sb, types.DisputesByPeriodKey, "disputes_by_period", collections.PairKeyCodec(u64, u64),
				index.One(func(id uint64, d types.Dispute) collections.Pair[uint64, uint64] {
					return collections.Join(d.PeriodId, id)
				})),
			ByTarget: indexes.NewUnique(sb, types.DisputeByTargetKey, "dispute_by_target", collections.PairKeyCodec(collections.Int32Key, u64), u64,
				func(_ uint64, d types.Dispute) (collections.Pair[int32, uint64], error) {
					return collections.Join(int32(d.Target), d.TargetId), nil
				}),
		}),
		OpenDisputeByTarget: collections.NewMap(sb, types.OpenDisputeByTargetKey, "open_dispute_by_target", collections.PairKeyCodec(collections.Int32Key, u64), collections.Uint64Value),
		HeldEscrows:         collections.NewMap(sb, types.HeldEscrowsKey, "held_escrows", collections.PairKeyCodec(u64, str), collections.Uint64Value),

		Routes: collections.NewMap(sb, types.RoutesKey, "routes", str, codec.CollValue[types.Route](cdc)),
	}
	k.Schema = keeperbase.MustBuild(sb)
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string { return keeperbase.AuthorityString(k.addressCodec, k.authority) }

// AgencyKeeper returns the read-only view of x/agency the keeper authorizes
// with (the simulation finds agency admins and settlement members through it).
func (k Keeper) AgencyKeeper() types.AgencyKeeper { return k.agencyKeeper }

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
