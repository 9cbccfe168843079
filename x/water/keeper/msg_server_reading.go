package keeper

import (
	"context"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/text"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/water/types"
)

// SubmitReading records a sensor's reading, signed by the sensor itself:
// one point per value under (site, parameter, phenomenon time, sensor), the
// site's latest value when it is the newest, and the sensor's head. Every
// value is compared with the legal threshold in force at phenomenon_time and
// with the site's operational band; an exceedance opens or updates an alert.
func (m msgServer) SubmitReading(ctx context.Context, msg *types.MsgSubmitReading) (*types.MsgSubmitReadingResponse, error) {
	sensorAddr, err := validateMsgSubmitReading(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	params := make([]types.Parameter, len(msg.Values))
	for i, v := range msg.Values {
		params[i] = v.Parameter
	}
	sensor, site, err := m.activeSensor(ctx, sensorAddr, msg.Sensor, params, msg.PhenomenonTime)
	if err != nil {
		return nil, err
	}
	if err := m.checkTimes(ctx, sensorAddr, msg.PhenomenonTime, msg.PhenomenonTime); err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	if err := m.SensorHeads.Set(ctx, sensorAddr, types.SensorHead{LastTime: msg.PhenomenonTime}); err != nil {
		return nil, err
	}
	var alertIDs []uint64
	for _, v := range msg.Values {
		obs := types.Observation{SiteId: site.Id, Parameter: v.Parameter, PhenomenonTime: msg.PhenomenonTime, Sensor: sensor.Address, Value: v.Value, ResultTime: now}
		if err := m.storePoint(ctx, sensorAddr, obs); err != nil {
			return nil, err
		}
		ids, err := m.evaluate(ctx, site, observed{
			param: v.Parameter, values: []int64{v.Value}, times: []time.Time{msg.PhenomenonTime},
			at: msg.PhenomenonTime, compliantAt: msg.PhenomenonTime, source: types.AlertSourceReading,
		})
		if err != nil {
			return nil, err
		}
		alertIDs = append(alertIDs, ids...)
	}
	return blockctx.Reply(ctx, &types.EventReadingSubmitted{
		Sensor: msg.Sensor, SiteId: site.Id, PhenomenonTime: msg.PhenomenonTime, Values: msg.Values,
	}, &types.MsgSubmitReadingResponse{AlertIds: alertIDs})
}

// SubmitBatch anchors a window of a sensor's raw readings, signed by the
// sensor itself: the window starts after the sensor's previous reading or
// window (windows never overlap) and ends within the clock-skew and backfill
// bounds; count, stats (mean = floor(sum / count)) and root are checked. Each
// parameter's mean is stored as a point at window_end, and its min and max
// are compared with the legal thresholds in force at window_start and at
// window_end and with the site's band.
func (m msgServer) SubmitBatch(ctx context.Context, msg *types.MsgSubmitBatch) (*types.MsgSubmitBatchResponse, error) {
	p, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	sensorAddr, err := validateMsgSubmitBatch(m.addressCodec, msg, p.MaxBatchCount, time.Duration(p.MaxBatchWindowSeconds)*time.Second)
	if err != nil {
		return nil, err
	}
	params := make([]types.Parameter, len(msg.Stats))
	for i, s := range msg.Stats {
		params[i] = s.Parameter
	}
	sensor, site, err := m.activeSensor(ctx, sensorAddr, msg.Sensor, params, msg.WindowEnd)
	if err != nil {
		return nil, err
	}
	if err := m.checkTimes(ctx, sensorAddr, msg.WindowStart, msg.WindowEnd); err != nil {
		return nil, err
	}
	id, err := nextID(ctx, m.LastBatchID)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	batch := types.Batch{
		Id: id, Sensor: msg.Sensor, SiteId: site.Id, WindowStart: msg.WindowStart, WindowEnd: msg.WindowEnd,
		Count: msg.Count, Stats: msg.Stats, MerkleRoot: msg.MerkleRoot, SubmittedAt: now,
	}
	if err := m.Batches.Set(ctx, id, batch); err != nil {
		return nil, err
	}
	if err := m.SensorHeads.Set(ctx, sensorAddr, types.SensorHead{LastTime: msg.WindowEnd}); err != nil {
		return nil, err
	}
	var alertIDs []uint64
	for _, s := range msg.Stats {
		obs := types.Observation{SiteId: site.Id, Parameter: s.Parameter, PhenomenonTime: msg.WindowEnd, Sensor: sensor.Address, Value: s.Mean, ResultTime: now, BatchId: id}
		if err := m.storePoint(ctx, sensorAddr, obs); err != nil {
			return nil, err
		}
		ids, err := m.evaluate(ctx, site, observed{
			param: s.Parameter, values: []int64{s.Max, s.Min}, times: []time.Time{msg.WindowEnd, msg.WindowStart},
			at: msg.WindowEnd, compliantAt: msg.WindowStart, source: types.AlertSourceBatch,
		})
		if err != nil {
			return nil, err
		}
		alertIDs = append(alertIDs, ids...)
	}
	return blockctx.Reply(ctx, &types.EventBatchSubmitted{
		BatchId: id, Sensor: msg.Sensor, SiteId: site.Id, Count: msg.Count, MerkleRoot: msg.MerkleRoot,
	}, &types.MsgSubmitBatchResponse{BatchId: id, AlertIds: alertIDs})
}

// activeSensor loads the signing sensor and its site and checks the sensor
// may submit values of params taken up to latest: it is ACTIVE, measures
// every parameter, its calibration is not due (neither at the block time nor
// at latest), its site is ACTIVE and its agency is ACTIVE in x/agency.
func (k Keeper) activeSensor(ctx context.Context, addr sdk.AccAddress, addrStr string, params []types.Parameter, latest time.Time) (types.Sensor, types.Site, error) {
	sensor, err := k.getSensor(ctx, addr, addrStr)
	if err != nil {
		return types.Sensor{}, types.Site{}, err
	}
	if sensor.Status != types.SensorActive {
		return types.Sensor{}, types.Site{}, errorsmod.Wrapf(types.ErrSensorNotActive, "sensor %s is %s", text.Quote(addrStr), sensor.Status.Label())
	}
	for _, p := range params {
		if !slices.Contains(sensor.Parameters, p) {
			return types.Sensor{}, types.Site{}, errorsmod.Wrapf(types.ErrParameterNotMeasured, "sensor %s does not measure %s", text.Quote(addrStr), p.Label())
		}
	}
	now := blockctx.Time(ctx)
	if due := sensor.Calibration.DueAt; now.After(due) || latest.After(due) {
		return types.Sensor{}, types.Site{}, errorsmod.Wrapf(types.ErrCalibrationOverdue, "sensor %s was due for calibration at %s", text.Quote(addrStr), due.UTC().Format(time.RFC3339))
	}
	site, err := k.getSite(ctx, sensor.SiteId)
	if err != nil {
		return types.Sensor{}, types.Site{}, err
	}
	if site.Status != types.SiteActive {
		return types.Sensor{}, types.Site{}, errorsmod.Wrapf(types.ErrSiteDecommissioned, "site %d of sensor %s is %s", site.Id, text.Quote(addrStr), site.Status.Label())
	}
	agency, err := k.agencyKeeper.GetAgency(ctx, sensor.AgencyId)
	if err != nil {
		return types.Sensor{}, types.Site{}, err
	}
	if agency.Status != agencytypes.AgencyStatusActive {
		return types.Sensor{}, types.Site{}, errorsmod.Wrapf(types.ErrAgencyNotActive, "agency %q of sensor %s is %s", agency.Id, text.Quote(addrStr), agencytypes.StatusName(agency.Status))
	}
	return sensor, site, nil
}

// checkTimes checks a reading's phenomenon time or a batch's window: from
// strictly after the sensor's head (no replay, no overlap), until at most
// max_clock_skew ahead of the block time, from at most max_backfill behind it.
func (k Keeper) checkTimes(ctx context.Context, sensor sdk.AccAddress, from, until time.Time) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	now := blockctx.Time(ctx)
	if ahead := now.Add(time.Duration(p.MaxClockSkewSeconds) * time.Second); until.After(ahead) {
		return errorsmod.Wrapf(types.ErrClockSkew, "%s is after %s (block time + %d s)", until.UTC().Format(time.RFC3339Nano), ahead.UTC().Format(time.RFC3339Nano), p.MaxClockSkewSeconds)
	}
	if behind := now.Add(-time.Duration(p.MaxBackfillSeconds) * time.Second); from.Before(behind) {
		return errorsmod.Wrapf(types.ErrBackfill, "%s is before %s (block time - %d s)", from.UTC().Format(time.RFC3339Nano), behind.UTC().Format(time.RFC3339Nano), p.MaxBackfillSeconds)
	}
	head, found, err := getOptional(ctx, k.SensorHeads, sensor)
	if err != nil {
		return err
	}
	if found && !from.After(head.LastTime) {
		return errorsmod.Wrapf(types.ErrOutOfOrder, "%s is not after the sensor's previous reading or window end %s", from.UTC().Format(time.RFC3339Nano), head.LastTime.UTC().Format(time.RFC3339Nano))
	}
	return nil
}

// storePoint writes an observation's point and makes it the site's latest
// value of its parameter unless a newer one is stored.
func (k Keeper) storePoint(ctx context.Context, sensor sdk.AccAddress, o types.Observation) error {
	key := collections.Join4(o.SiteId, int32(o.Parameter), o.PhenomenonTime.UnixNano(), sensor)
	if err := k.Points.Set(ctx, key, types.Point{Value: o.Value, ResultTime: o.ResultTime, BatchId: o.BatchId}); err != nil {
		return err
	}
	lk := collections.Join(o.SiteId, int32(o.Parameter))
	latest, found, err := getOptional(ctx, k.Latest, lk)
	if err != nil {
		return err
	}
	if found && latest.PhenomenonTime.After(o.PhenomenonTime) {
		return nil
	}
	return k.Latest.Set(ctx, lk, o)
}
