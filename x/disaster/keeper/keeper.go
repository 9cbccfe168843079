// Package keeper holds the state of x/disaster: incidents, their numbered
// revision records and the public alerts recorded for them.
package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/civicchain/civic/internal/index"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/disaster/types"
)

// DistrictStatus is the reference of the IncidentIndexes.DistrictStatus index:
// (district code, incident status).
type DistrictStatus = collections.Pair[string, types.IncidentStatus]

// Keeper owns the module's store. Every index follows its record: the
// incident and alert indexes are indexes of their IndexedMap, kept in step by
// collections.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec
	agencyKeeper types.AgencyKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]
	// LastIncidentID is the last incident id issued (0 = none yet).
	LastIncidentID collections.Sequence
	// LastAlertID is the last public alert id issued (0 = none yet).
	LastAlertID collections.Sequence

	// Incidents: incident id -> Incident, indexed by status, district,
	// (district, status) and (agency, description digest).
	Incidents *collections.IndexedMap[uint64, types.Incident, IncidentIndexes]
	// Revisions: (incident id, revision) -> IncidentRevision; append-only,
	// revision from 1 (the declaration).
	Revisions collections.Map[collections.Pair[uint64, uint64], types.IncidentRevision]
	// Alerts: alert id -> PublicAlert, indexed by incident, district and
	// (incident, broadcast digest).
	Alerts *collections.IndexedMap[uint64, types.PublicAlert, AlertIndexes]
}

// IncidentIndexes are the indexes that always follow an incident (collections
// keeps them in step when a status or the district list changes).
type IncidentIndexes struct {
	// Status: (status, incident id), for Incidents filtered by status.
	Status *index.Keys[collections.Pair[types.IncidentStatus, uint64], uint64, types.Incident]
	// District: (district, incident id) for every current affected district,
	// for Incidents filtered by district.
	District *index.Keys[collections.Pair[string, uint64], uint64, types.Incident]
	// DistrictStatus: ((district, status), incident id) for every current
	// affected district, for Incidents filtered by both and for
	// IncidentsCoveringDistrict (the DECLARED and RESPONDING ranges).
	DistrictStatus *index.Keys[collections.Pair[DistrictStatus, uint64], uint64, types.Incident]
	// Description: (agency id, description digest) -> incident id; an agency
	// declares one incident per description.
	Description *indexes.Unique[collections.Pair[string, string], uint64, types.Incident]
}

// IndexesList implements collections.Indexes.
func (i IncidentIndexes) IndexesList() []collections.Index[uint64, types.Incident] {
	return []collections.Index[uint64, types.Incident]{i.Status, i.District, i.DistrictStatus, i.Description}
}

// AlertIndexes are the indexes that always follow a public alert.
type AlertIndexes struct {
	// Incident: (incident id, alert id), for IncidentAlerts.
	Incident *index.Keys[collections.Pair[uint64, uint64], uint64, types.PublicAlert]
	// District: (district, alert id) for every district of the alert, for DistrictAlerts.
	District *index.Keys[collections.Pair[string, uint64], uint64, types.PublicAlert]
	// Broadcast: (incident id, broadcast digest) -> alert id; a broadcast is
	// recorded once per incident.
	Broadcast *indexes.Unique[collections.Pair[uint64, string], uint64, types.PublicAlert]
}

// IndexesList implements collections.Indexes.
func (i AlertIndexes) IndexesList() []collections.Index[uint64, types.PublicAlert] {
	return []collections.Index[uint64, types.PublicAlert]{i.Incident, i.District, i.Broadcast}
}

// statusKey encodes an IncidentStatus as an index key (its int32 value, ordered).
var statusKey collcodec.KeyCodec[types.IncidentStatus] = collcodec.NewInt32Key[types.IncidentStatus]()

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
	u64, str := collections.Uint64Key, collections.StringKey
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: addressCodec,
		agencyKeeper: agencyKeeper,
		authority:    keeperbase.MustAuthority(addressCodec, types.ModuleName, authority),

		Params:         collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		LastIncidentID: collections.NewSequence(sb, types.LastIncidentIDKey, "last_incident_id"),
		LastAlertID:    collections.NewSequence(sb, types.LastAlertIDKey, "last_alert_id"),

		Incidents: collections.NewIndexedMap(sb, types.IncidentsKey, "incidents", u64, codec.CollValue[types.Incident](cdc), IncidentIndexes{
			Status: index.NewPairs(sb, types.IncidentsByStatusKey, "incidents_by_status", statusKey, u64,
				func(_ uint64, inc types.Incident) ([]types.IncidentStatus, error) {
					return []types.IncidentStatus{inc.Status}, nil
				}),
			District: index.NewPairs(sb, types.IncidentsByDistrictKey, "incidents_by_district", str, u64,
				func(_ uint64, inc types.Incident) ([]string, error) { return inc.AffectedDistricts, nil }),
			DistrictStatus: index.NewPairs(sb, types.IncidentsByDistrictStatusKey, "incidents_by_district_status",
				collections.PairKeyCodec(str, statusKey), u64,
				func(_ uint64, inc types.Incident) ([]DistrictStatus, error) {
					out := make([]DistrictStatus, len(inc.AffectedDistricts))
					for i, d := range inc.AffectedDistricts {
						out[i] = collections.Join(d, inc.Status)
					}
					return out, nil
				}),
			Description: indexes.NewUnique(sb, types.IncidentByDescriptionKey, "incident_by_description",
				collections.PairKeyCodec(str, str), u64,
				func(_ uint64, inc types.Incident) (collections.Pair[string, string], error) {
					return collections.Join(inc.AgencyId, inc.DescriptionDigest), nil
				}),
		}),
		Revisions: collections.NewMap(sb, types.RevisionsKey, "revisions",
			collections.PairKeyCodec(u64, u64), codec.CollValue[types.IncidentRevision](cdc)),

		Alerts: collections.NewIndexedMap(sb, types.AlertsKey, "alerts", u64, codec.CollValue[types.PublicAlert](cdc), AlertIndexes{
			Incident: index.NewPairs(sb, types.AlertsByIncidentKey, "alerts_by_incident", u64, u64,
				func(_ uint64, a types.PublicAlert) ([]uint64, error) { return []uint64{a.IncidentId}, nil }),
			District: index.NewPairs(sb, types.AlertsByDistrictKey, "alerts_by_district", str, u64,
				func(_ uint64, a types.PublicAlert) ([]string, error) { return a.Districts, nil }),
			Broadcast: indexes.NewUnique(sb, types.AlertByBroadcastKey, "alert_by_broadcast",
				collections.PairKeyCodec(u64, str), u64,
				func(_ uint64, a types.PublicAlert) (collections.Pair[uint64, string], error) {
					return collections.Join(a.IncidentId, a.BroadcastDigest), nil
				}),
		}),
	}
	k.Schema = keeperbase.MustBuild(sb)
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string { return keeperbase.AuthorityString(k.addressCodec, k.authority) }

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
