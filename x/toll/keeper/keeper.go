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

	"github.com/civicchain/civic/x/toll/types"
)

// Keeper owns the module's store. Every index is written together with the
// record it points to and rebuilt from the records at InitGenesis.
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
	// Plazas: plaza id -> Plaza.
	Plazas collections.Map[string, types.Plaza]
	// PlazasByOperator: (operator, plaza id).
	PlazasByOperator collections.KeySet[collections.Pair[string, string]]
	// Segments: (route, start_m) -> Segment; the segments of a route never overlap.
	Segments collections.Map[collections.Pair[string, uint64], types.Segment]

	// Tariffs: (operator, version) -> Tariff, versions from 1.
	Tariffs collections.Map[collections.Pair[string, uint64], types.Tariff]
	// TariffsByTime: (operator, effective_from) -> version. The time is keyed
	// with sdk.TimeKey (sortable, nanosecond-exact, as x/gov's queues):
	// collections v1.3 has no time codec of its own yet.
	TariffsByTime collections.Map[collections.Pair[string, time.Time], uint64]
	// TariffHead: operator -> its latest version.
	TariffHead collections.Map[string, uint64]

	// SpendingLimits: (payer, operator) -> SpendingLimit.
	SpendingLimits collections.Map[collections.Pair[sdk.AccAddress, string], types.SpendingLimit]

	// NextTripID holds the last trip id issued (0 = none yet).
	NextTripID collections.Sequence
	// Trips: trip id -> Trip, with the unique index of each trip's natural
	// key (TripIndexes).
	Trips *collections.IndexedMap[uint64, types.Trip, TripIndexes]
	// TripsByPlaza: (exit plaza, period id, trip id).
	TripsByPlaza collections.KeySet[collections.Triple[string, uint64, uint64]]
	// TripsByPeriod: (period id, trip id).
	TripsByPeriod collections.KeySet[collections.Pair[uint64, uint64]]
	// UnpaidTrips: (payer, trip id) for the UNPAID trips.
	UnpaidTrips collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]

	// NextBatchID holds the last batch id issued.
	NextBatchID collections.Sequence
	// Batches: batch id -> TripBatch.
	Batches collections.Map[uint64, types.TripBatch]
	// BatchesByPeriod: (period id, batch id).
	BatchesByPeriod collections.KeySet[collections.Pair[uint64, uint64]]

	// Periods: period id -> Period.
	Periods collections.Map[uint64, types.Period]
	// CurrentPeriod is the id of the OPEN period (the last one).
	CurrentPeriod collections.Item[uint64]
	// Accruals: (period id, collector, payee) -> Accrual.
	Accruals collections.Map[collections.Triple[uint64, string, string], types.Accrual]
	// Escrows: (period id, operator) -> amount held in the module account.
	Escrows collections.Map[collections.Pair[uint64, string], uint64]

	// NextDisputeID holds the last dispute id issued.
	NextDisputeID collections.Sequence
	// Disputes: dispute id -> Dispute.
	Disputes collections.Map[uint64, types.Dispute]
	// DisputesByPeriod: (period id, dispute id).
	DisputesByPeriod collections.KeySet[collections.Pair[uint64, uint64]]
	// OpenDisputeByTarget: (target kind, target id) -> the id of its OPEN or APPEALED dispute.
	OpenDisputeByTarget collections.Map[collections.Pair[int32, uint64], uint64]
	// HeldEscrows: (period id, operator) -> what the operator escrowed at
	// confirmation for its disputed payable, held until those disputes are decided.
	HeldEscrows collections.Map[collections.Pair[uint64, string], uint64]
	// DisputeByTarget: (target kind, target id) -> the one dispute the target may have.
	DisputeByTarget collections.Map[collections.Pair[int32, uint64], uint64]

	// Routes: route -> Route (its owning operator).
	Routes collections.Map[string, types.Route]
	// PlazasByRoute: (route, operator, plaza id).
	PlazasByRoute collections.KeySet[collections.Triple[string, string, string]]
	// SegmentsByOperator: (route, operator, start_m) of every segment.
	SegmentsByOperator collections.KeySet[collections.Triple[string, string, uint64]]
}

// TripKey is a trip's natural key: (exit plaza, vehicle_ref, entry time, exit
// time). The same real-world trip recorded twice has the same key.
type TripKey = collections.Quad[string, string, time.Time, time.Time]

// TripIndexes are the indexes the Trips map keeps in step itself.
type TripIndexes struct {
	// ByKey: TripKey -> trip id; at most one trip per key.
	ByKey *indexes.Unique[TripKey, uint64, types.Trip]
}

// IndexesList implements collections.Indexes.
func (i TripIndexes) IndexesList() []collections.Index[uint64, types.Trip] {
	return []collections.Index[uint64, types.Trip]{i.ByKey}
}

// tripKeyOf is the natural key of a trip.
func tripKeyOf(t types.Trip) TripKey {
	return collections.Join4(t.ExitPlaza, t.VehicleRef, t.EntryTime, t.ExitTime)
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
	authorityBz, err := addressCodec.StringToBytes(authority)
	if err != nil {
		panic(fmt.Sprintf("%s: invalid authority address %q: %s", types.ModuleName, authority, err))
	}
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
		authority:     authorityBz,

		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),

		Operators:        collections.NewMap(sb, types.OperatorsKey, "operators", str, codec.CollValue[types.Operator](cdc)),
		Plazas:           collections.NewMap(sb, types.PlazasKey, "plazas", str, codec.CollValue[types.Plaza](cdc)),
		PlazasByOperator: collections.NewKeySet(sb, types.PlazasByOperatorKey, "plazas_by_operator", collections.PairKeyCodec(str, str)),
		Segments:         collections.NewMap(sb, types.SegmentsKey, "segments", collections.PairKeyCodec(str, u64), codec.CollValue[types.Segment](cdc)),

		Tariffs:       collections.NewMap(sb, types.TariffsKey, "tariffs", collections.PairKeyCodec(str, u64), codec.CollValue[types.Tariff](cdc)),
		TariffsByTime: collections.NewMap(sb, types.TariffsByTimeKey, "tariffs_by_time", collections.PairKeyCodec(str, sdk.TimeKey), collections.Uint64Value),
		TariffHead:    collections.NewMap(sb, types.TariffHeadKey, "tariff_head", str, collections.Uint64Value),

		SpendingLimits: collections.NewMap(sb, types.SpendingLimitsKey, "spending_limits", collections.PairKeyCodec(acc, str), codec.CollValue[types.SpendingLimit](cdc)),

		NextTripID: collections.NewSequence(sb, types.NextTripIDKey, "next_trip_id"),
		Trips: collections.NewIndexedMap(sb, types.TripsKey, "trips", u64, codec.CollValue[types.Trip](cdc), TripIndexes{
			ByKey: indexes.NewUnique(sb, types.TripsByKeyKey, "trips_by_key",
				collections.QuadKeyCodec(str, str, sdk.TimeKey, sdk.TimeKey), u64,
				func(_ uint64, t types.Trip) (TripKey, error) { return tripKeyOf(t), nil }),
		}),
		TripsByPlaza:  collections.NewKeySet(sb, types.TripsByPlazaKey, "trips_by_plaza", collections.TripleKeyCodec(str, u64, u64)),
		TripsByPeriod: collections.NewKeySet(sb, types.TripsByPeriodKey, "trips_by_period", collections.PairKeyCodec(u64, u64)),
		UnpaidTrips:   collections.NewKeySet(sb, types.UnpaidTripsKey, "unpaid_trips", collections.PairKeyCodec(acc, u64)),

		NextBatchID:     collections.NewSequence(sb, types.NextBatchIDKey, "next_batch_id"),
		Batches:         collections.NewMap(sb, types.BatchesKey, "batches", u64, codec.CollValue[types.TripBatch](cdc)),
		BatchesByPeriod: collections.NewKeySet(sb, types.BatchesByPeriodKey, "batches_by_period", collections.PairKeyCodec(u64, u64)),

		Periods:       collections.NewMap(sb, types.PeriodsKey, "periods", u64, codec.CollValue[types.Period](cdc)),
		CurrentPeriod: collections.NewItem(sb, types.CurrentPeriodKey, "current_period", collections.Uint64Value),
		Accruals:      collections.NewMap(sb, types.AccrualsKey, "accruals", collections.TripleKeyCodec(u64, str, str), codec.CollValue[types.Accrual](cdc)),
		Escrows:       collections.NewMap(sb, types.EscrowsKey, "escrows", collections.PairKeyCodec(u64, str), collections.Uint64Value),

		NextDisputeID:       collections.NewSequence(sb, types.NextDisputeIDKey, "next_dispute_id"),
		Disputes:            collections.NewMap(sb, types.DisputesKey, "disputes", u64, codec.CollValue[types.Dispute](cdc)),
		DisputesByPeriod:    collections.NewKeySet(sb, types.DisputesByPeriodKey, "disputes_by_period", collections.PairKeyCodec(u64, u64)),
		OpenDisputeByTarget: collections.NewMap(sb, types.OpenDisputeByTargetKey, "open_dispute_by_target", collections.PairKeyCodec(collections.Int32Key, u64), collections.Uint64Value),
		HeldEscrows:         collections.NewMap(sb, types.HeldEscrowsKey, "held_escrows", collections.PairKeyCodec(u64, str), collections.Uint64Value),
		DisputeByTarget:     collections.NewMap(sb, types.DisputeByTargetKey, "dispute_by_target", collections.PairKeyCodec(collections.Int32Key, u64), collections.Uint64Value),

		Routes:             collections.NewMap(sb, types.RoutesKey, "routes", str, codec.CollValue[types.Route](cdc)),
		PlazasByRoute:      collections.NewKeySet(sb, types.PlazasByRouteKey, "plazas_by_route", collections.TripleKeyCodec(str, str, str)),
		SegmentsByOperator: collections.NewKeySet(sb, types.SegmentsByOperatorKey, "segments_by_operator", collections.TripleKeyCodec(str, str, u64)),
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

// AgencyKeeper returns the read-only view of x/agency the keeper authorizes
// with (the simulation finds agency admins and settlement members through it).
func (k Keeper) AgencyKeeper() types.AgencyKeeper { return k.agencyKeeper }

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
