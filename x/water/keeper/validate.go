package keeper

import (
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/water/types"
)

// The stateless validation of every message: each validator checks what a
// message says without reading the store and returns the decoded signer. A
// handler runs its validator first; the fuzz targets (fuzz_test.go) run them
// on arbitrary input.

// validateMsgUpdateParams checks the signer is the x/gov authority and the
// params are valid.
func validateMsgUpdateParams(ac address.Codec, msg *types.MsgUpdateParams, authority []byte) (sdk.AccAddress, error) {
	signer, err := keeperbase.ParseAuthority(ac, authority, msg.Authority)
	if err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	return signer, nil
}

// validateMsgRegisterSite checks the signer and every field of the site.
func validateMsgRegisterSite(ac address.Codec, msg *types.MsgRegisterSite) (sdk.AccAddress, error) {
	if err := types.ValidateSiteKind(msg.Kind); err != nil {
		return nil, err
	}
	if err := types.ValidateSiteName(msg.Name); err != nil {
		return nil, err
	}
	if err := types.ValidateDistrict("district_code", msg.DistrictCode); err != nil {
		return nil, err
	}
	if err := types.ValidateSupplyBlock(msg.SupplyBlock); err != nil {
		return nil, err
	}
	if err := types.ValidateLocation(msg.Kind, msg.LatUdeg, msg.LonUdeg); err != nil {
		return nil, err
	}
	if err := types.ValidateStandardClass(msg.StandardClass); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgDecommissionSite checks the signer and the site id.
func validateMsgDecommissionSite(ac address.Codec, msg *types.MsgDecommissionSite) (sdk.AccAddress, error) {
	if err := requireID("site_id", msg.SiteId); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgRegisterSensor checks the signer, the sensor address (not the
// signer's), the site id, the parameters, the model, the serial digest and
// the calibration. It returns the signer and the sensor.
func validateMsgRegisterSensor(ac address.Codec, msg *types.MsgRegisterSensor) (sdk.AccAddress, sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, nil, err
	}
	sensor, err := accaddr.Parse(ac, "sensor", msg.Sensor)
	if err != nil {
		return nil, nil, err
	}
	if msg.Sensor == msg.Signer {
		return nil, nil, errorsmod.Wrap(types.ErrSensorAffiliated, "the operator's own account cannot be a sensor")
	}
	if err := requireID("site_id", msg.SiteId); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateParameters(msg.Parameters); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateCode("model", msg.Model, types.MaxModelLength); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateDigest("serial_digest", msg.SerialDigest); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateCalibration(msg.Calibration); err != nil {
		return nil, nil, err
	}
	return signer, sensor, nil
}

// validateMsgRecordCalibration checks the signer, the sensor and the calibration.
func validateMsgRecordCalibration(ac address.Codec, msg *types.MsgRecordCalibration) (sdk.AccAddress, sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, nil, err
	}
	sensor, err := accaddr.Parse(ac, "sensor", msg.Sensor)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateCalibration(msg.Calibration); err != nil {
		return nil, nil, err
	}
	return signer, sensor, nil
}

// validateMsgSetSensorStatus checks the signer, the sensor and the status.
func validateMsgSetSensorStatus(ac address.Codec, msg *types.MsgSetSensorStatus) (sdk.AccAddress, sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, nil, err
	}
	sensor, err := accaddr.Parse(ac, "sensor", msg.Sensor)
	if err != nil {
		return nil, nil, err
	}
	if !msg.Status.IsValid() {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidStatus, "status %s is not a sensor status", msg.Status)
	}
	return signer, sensor, nil
}

// validateMsgSetThreshold checks the signer, the parameter and class, the
// limits (none means no standard), effective_from and the legal basis.
func validateMsgSetThreshold(ac address.Codec, msg *types.MsgSetThreshold) (sdk.AccAddress, error) {
	if err := types.ValidateParameter(msg.Parameter); err != nil {
		return nil, err
	}
	if err := types.ValidateStandardClass(msg.StandardClass); err != nil {
		return nil, err
	}
	if err := types.ValidateLimits(msg.Parameter, msg.Min, msg.Max, false); err != nil {
		return nil, err
	}
	if err := requireTime("effective_from", msg.EffectiveFrom); err != nil {
		return nil, err
	}
	if err := types.ValidateLegalBasis(msg.LegalBasis); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgSetOperationalBand checks the signer, the site, the parameter
// and the limits (at least one).
func validateMsgSetOperationalBand(ac address.Codec, msg *types.MsgSetOperationalBand) (sdk.AccAddress, error) {
	if err := requireID("site_id", msg.SiteId); err != nil {
		return nil, err
	}
	if err := types.ValidateParameter(msg.Parameter); err != nil {
		return nil, err
	}
	if err := types.ValidateLimits(msg.Parameter, msg.Min, msg.Max, true); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgClearOperationalBand checks the signer, the site and the parameter.
func validateMsgClearOperationalBand(ac address.Codec, msg *types.MsgClearOperationalBand) (sdk.AccAddress, error) {
	if err := requireID("site_id", msg.SiteId); err != nil {
		return nil, err
	}
	if err := types.ValidateParameter(msg.Parameter); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgSubmitReading checks the sensor, the phenomenon time and the values.
func validateMsgSubmitReading(ac address.Codec, msg *types.MsgSubmitReading) (sdk.AccAddress, error) {
	if err := requireTime("phenomenon_time", msg.PhenomenonTime); err != nil {
		return nil, err
	}
	if err := types.ValidateMeasurements(msg.Values); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "sensor", msg.Sensor)
}

// validateMsgSubmitBatch checks the sensor, the window, the count and stats
// (bounded by maxCount and maxWindow) and the Merkle root.
func validateMsgSubmitBatch(ac address.Codec, msg *types.MsgSubmitBatch, maxCount uint64, maxWindow time.Duration) (sdk.AccAddress, error) {
	if err := requireTime("window_start", msg.WindowStart); err != nil {
		return nil, err
	}
	if err := requireTime("window_end", msg.WindowEnd); err != nil {
		return nil, err
	}
	if msg.WindowEnd.Before(msg.WindowStart) {
		return nil, errorsmod.Wrapf(types.ErrInvalidBatch, "window_end %s is before window_start %s", msg.WindowEnd.UTC().Format(time.RFC3339Nano), msg.WindowStart.UTC().Format(time.RFC3339Nano))
	}
	if msg.WindowEnd.Sub(msg.WindowStart) > maxWindow {
		return nil, errorsmod.Wrapf(types.ErrInvalidBatch, "the window lasts %s, at most %s", msg.WindowEnd.Sub(msg.WindowStart), maxWindow)
	}
	if err := types.ValidateBatchStats(msg.Count, maxCount, msg.Stats); err != nil {
		return nil, err
	}
	if err := types.ValidateDigest("merkle_root", msg.MerkleRoot); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "sensor", msg.Sensor)
}

// validateMsgAcknowledgeAlert checks the signer and the alert id.
func validateMsgAcknowledgeAlert(ac address.Codec, msg *types.MsgAcknowledgeAlert) (sdk.AccAddress, error) {
	if err := requireID("alert_id", msg.AlertId); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgResolveAlert checks the signer, the alert id and the corrective
// action digest.
func validateMsgResolveAlert(ac address.Codec, msg *types.MsgResolveAlert) (sdk.AccAddress, error) {
	if err := requireID("alert_id", msg.AlertId); err != nil {
		return nil, err
	}
	if err := types.ValidateDigest("corrective_action_digest", msg.CorrectiveActionDigest); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgLinkAlert checks the signer, the alert id and the incident id.
func validateMsgLinkAlert(ac address.Codec, msg *types.MsgLinkAlert) (sdk.AccAddress, error) {
	if err := requireID("alert_id", msg.AlertId); err != nil {
		return nil, err
	}
	if err := requireID("incident_id", msg.IncidentId); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// requireID refuses an unset (0) id.
func requireID(field string, id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(types.ErrInvalidID, "%s is required", field)
	}
	return nil
}

// requireTime refuses an unset time or one a store key cannot hold.
func requireTime(field string, t time.Time) error {
	return types.ValidateTime(field, t)
}
