package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/x/water/types"
)

// InitGenesis validates gs and writes it. The IndexedMaps index the records
// as they are written (sites, sensors, thresholds by time and their last
// version, batches, alerts with their open keys).
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	return genesisio.InitGenesis(ctx, gs, k.addressCodec, k.genesis)
}

// ExportGenesis returns the whole state; the indexes are left out and
// rebuilt by InitGenesis.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	return genesisio.ExportGenesis(ctx, k.genesis)
}

// genesis lists the collection that holds each part of gs, in the order
// InitGenesis writes them.
func (k Keeper) genesis(gs *types.GenesisState) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(k.Params, &gs.Params),
		genesisio.NextID(k.LastSiteID, &gs.NextSiteId),
		genesisio.NextID(k.LastBatchID, &gs.NextBatchId),
		genesisio.NextID(k.LastAlertID, &gs.NextAlertId),
		genesisio.Map(k.Sites, &gs.Sites, (*types.Site).GetId),
		genesisio.MapDecoded(k.Sensors, &gs.Sensors, func(s *types.Sensor) (sdk.AccAddress, error) {
			return k.addressCodec.StringToBytes(s.Address)
		}),
		genesisio.MapDecoded(k.Calibrations, &gs.Calibrations, func(c *types.CalibrationRecord) (collections.Pair[sdk.AccAddress, uint64], error) {
			addr, err := k.addressCodec.StringToBytes(c.Sensor)
			return collections.Join(sdk.AccAddress(addr), c.Seq), err
		}),
		genesisio.Entries(k.SensorHeads, &gs.SensorHeads, k.headKV, k.headEntry),
		genesisio.Map(k.Thresholds, &gs.Thresholds, func(t *types.Threshold) ThresholdKey {
			return thresholdKey(t.Parameter, t.StandardClass, t.Version)
		}),
		genesisio.Map(k.Bands, &gs.Bands, func(b *types.OperationalBand) collections.Pair[uint64, int32] {
			return bandKey(b.SiteId, b.Parameter)
		}),
		genesisio.Entries(k.Points, &gs.Observations, k.pointKV, k.observation),
		genesisio.Map(k.Latest, &gs.Latest, func(o *types.Observation) collections.Pair[uint64, int32] {
			return collections.Join(o.SiteId, int32(o.Parameter))
		}),
		genesisio.Map(k.Batches, &gs.Batches, (*types.Batch).GetId),
		genesisio.Map(k.Alerts, &gs.Alerts, (*types.Alert).GetId),
	}
}

// headKV is the store key and value of a sensor head entry.
func (k Keeper) headKV(e types.SensorHeadEntry) (sdk.AccAddress, types.SensorHead, error) {
	addr, err := k.addressCodec.StringToBytes(e.Sensor)
	return addr, e.Head, err
}

// headEntry is the genesis entry of a sensor head.
func (k Keeper) headEntry(addr sdk.AccAddress, h types.SensorHead) (types.SensorHeadEntry, error) {
	s, err := k.addressCodec.BytesToString(addr)
	return types.SensorHeadEntry{Sensor: s, Head: h}, err
}

// pointKV is the store key and value of an observation.
func (k Keeper) pointKV(o types.Observation) (PointKey, types.Point, error) {
	addr, err := k.addressCodec.StringToBytes(o.Sensor)
	key := collections.Join4(o.SiteId, int32(o.Parameter), o.PhenomenonTime.UnixNano(), sdk.AccAddress(addr))
	return key, types.Point{Value: o.Value, ResultTime: o.ResultTime, BatchId: o.BatchId}, err
}

// observation is the observation a stored point stands for.
func (k Keeper) observation(key PointKey, p types.Point) (types.Observation, error) {
	sensor, err := k.addressCodec.BytesToString(key.K4())
	return types.Observation{
		SiteId: key.K1(), Parameter: types.Parameter(key.K2()), PhenomenonTime: unixNano(key.K3()),
		Sensor: sensor, Value: p.Value, ResultTime: p.ResultTime, BatchId: p.BatchId,
	}, err
}
