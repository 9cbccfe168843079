package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/x/water/types"
)

// RegisterSensor registers a device account as a sensor at an ACTIVE site of
// the signer's agency. The account must belong to no agency (a sensor key
// holds no role and can do nothing but submit its own readings), must never
// have been registered, and its calibration must be current. Calibration 1
// of its history is the one given.
func (m msgServer) RegisterSensor(ctx context.Context, msg *types.MsgRegisterSensor) (*types.MsgRegisterSensorResponse, error) {
	signer, sensorAddr, err := validateMsgRegisterSensor(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	site, err := m.siteOperator(ctx, signer, msg.Signer, msg.SiteId)
	if err != nil {
		return nil, err
	}
	if site.Status != types.SiteActive {
		return nil, errorsmod.Wrapf(types.ErrSiteDecommissioned, "site %d is %s", site.Id, site.Status.Label())
	}
	exists, err := m.Sensors.Has(ctx, sensorAddr)
	if err != nil {
		return nil, err
	}
	if exists {
		return nil, errorsmod.Wrapf(types.ErrSensorExists, "sensor %s is already registered", text.Quote(msg.Sensor))
	}
	affiliation, err := m.agencyKeeper.Affiliation(ctx, sensorAddr)
	if err != nil {
		return nil, err
	}
	if affiliation != "" {
		return nil, errorsmod.Wrapf(types.ErrSensorAffiliated, "%s belongs to agency %q", text.Quote(msg.Sensor), affiliation)
	}
	now := blockctx.Time(ctx)
	if err := currentCalibration(msg.Calibration, now); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.checkSiteCapacity(ctx, site.Id, params.MaxSensorsPerSite); err != nil {
		return nil, err
	}
	sensor := types.Sensor{
		Address:          msg.Sensor,
		AgencyId:         site.AgencyId,
		SiteId:           site.Id,
		Parameters:       msg.Parameters,
		Model:            msg.Model,
		SerialDigest:     msg.SerialDigest,
		Calibration:      msg.Calibration,
		Status:           types.SensorActive,
		RegisteredBy:     msg.Signer,
		RegisteredAt:     now,
		CalibrationCount: 1,
	}
	if err := m.Sensors.Set(ctx, sensorAddr, sensor); err != nil {
		return nil, err
	}
	record := types.CalibrationRecord{Sensor: msg.Sensor, Seq: 1, Calibration: msg.Calibration, RecordedBy: msg.Signer, RecordedAt: now}
	if err := m.Calibrations.Set(ctx, collections.Join(sensorAddr, uint64(1)), record); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventSensorRegistered{
		Sensor: msg.Sensor, SiteId: site.Id, AgencyId: site.AgencyId, Parameters: msg.Parameters,
		DueAt: msg.Calibration.DueAt, Signer: msg.Signer,
	}); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventCalibrationRecorded{
		Sensor: msg.Sensor, Seq: 1, CertificateDigest: msg.Calibration.CertificateDigest, DueAt: msg.Calibration.DueAt, Signer: msg.Signer,
	}, &types.MsgRegisterSensorResponse{})
}

// RecordCalibration records the next calibration of a sensor not RETIRED:
// calibrated after the current one, not in the future, due after now. It
// becomes the sensor's calibration and entry n+1 of its history.
func (m msgServer) RecordCalibration(ctx context.Context, msg *types.MsgRecordCalibration) (*types.MsgRecordCalibrationResponse, error) {
	signer, sensorAddr, err := validateMsgRecordCalibration(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	sensor, err := m.sensorOperator(ctx, signer, msg.Signer, sensorAddr, msg.Sensor)
	if err != nil {
		return nil, err
	}
	if sensor.Status == types.SensorRetired {
		return nil, errorsmod.Wrapf(types.ErrSensorNotActive, "sensor %s is RETIRED", text.Quote(msg.Sensor))
	}
	if !msg.Calibration.CalibratedAt.After(sensor.Calibration.CalibratedAt) {
		return nil, errorsmod.Wrapf(types.ErrInvalidCalibration, "calibrated_at %s is not after the current calibration's %s",
			msg.Calibration.CalibratedAt.UTC().Format(time.RFC3339), sensor.Calibration.CalibratedAt.UTC().Format(time.RFC3339))
	}
	now := blockctx.Time(ctx)
	if err := currentCalibration(msg.Calibration, now); err != nil {
		return nil, err
	}
	seq := sensor.CalibrationCount + 1
	sensor.Calibration, sensor.CalibrationCount = msg.Calibration, seq
	if err := m.Sensors.Set(ctx, sensorAddr, sensor); err != nil {
		return nil, err
	}
	record := types.CalibrationRecord{Sensor: msg.Sensor, Seq: seq, Calibration: msg.Calibration, RecordedBy: msg.Signer, RecordedAt: now}
	if err := m.Calibrations.Set(ctx, collections.Join(sensorAddr, seq), record); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventCalibrationRecorded{
		Sensor: msg.Sensor, Seq: seq, CertificateDigest: msg.Calibration.CertificateDigest, DueAt: msg.Calibration.DueAt, Signer: msg.Signer,
	}, &types.MsgRecordCalibrationResponse{Seq: seq})
}

// SetSensorStatus moves a sensor along its lifecycle: ACTIVE <-> SUSPENDED,
// either -> RETIRED.
func (m msgServer) SetSensorStatus(ctx context.Context, msg *types.MsgSetSensorStatus) (*types.MsgSetSensorStatusResponse, error) {
	signer, sensorAddr, err := validateMsgSetSensorStatus(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	sensor, err := m.sensorOperator(ctx, signer, msg.Signer, sensorAddr, msg.Sensor)
	if err != nil {
		return nil, err
	}
	from := sensor.Status
	if err := types.ValidateSensorTransition(from, msg.Status); err != nil {
		return nil, err
	}
	sensor.Status = msg.Status
	if err := m.Sensors.Set(ctx, sensorAddr, sensor); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventSensorStatusChanged{Sensor: msg.Sensor, From: from, To: msg.Status, Signer: msg.Signer}, &types.MsgSetSensorStatusResponse{})
}

// currentCalibration refuses a calibration made after now or already due.
func currentCalibration(c types.Calibration, now time.Time) error {
	if c.CalibratedAt.After(now) {
		return errorsmod.Wrapf(types.ErrInvalidCalibration, "calibrated_at %s is after the block time %s", c.CalibratedAt.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	if !c.DueAt.After(now) {
		return errorsmod.Wrapf(types.ErrCalibrationOverdue, "due_at %s is not after the block time %s", c.DueAt.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return nil
}

// checkSiteCapacity fails with ErrTooManySensors when the site already has
// max sensors that are not RETIRED. It reads the site's sensors, which only
// the site's own agency registers.
func (k Keeper) checkSiteCapacity(ctx context.Context, siteID uint64, max uint32) error {
	var live uint32
	err := k.Sensors.Indexes.BySite.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](siteID),
		func(key collections.Pair[uint64, sdk.AccAddress]) (bool, error) {
			s, err := k.Sensors.Get(ctx, key.K2())
			if err != nil {
				return true, err
			}
			if s.Status != types.SensorRetired {
				live++
			}
			return live >= max, nil
		})
	if err != nil {
		return err
	}
	if live >= max {
		return errorsmod.Wrapf(types.ErrTooManySensors, "site %d has %d sensors that are not retired, at most %d", siteID, live, max)
	}
	return nil
}
