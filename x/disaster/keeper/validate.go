package keeper

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/x/disaster/types"
)

// Stateless validation of every message. Each validator checks every bound and
// grammar before the msg server touches the store, and returns the decoded
// signer (and, for messages that carry a district list, the list in its one
// stored order: ascending). District lists are held here to the hard bound
// types.MaxDistricts; the handler then holds them to the params. Validators
// need no state, so FuzzValidate* drives them directly.

func requireID(field string, id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(types.ErrInvalidID, "%s must be set (ids start at 1)", field)
	}
	return nil
}

func validateDeclareIncident(ac address.Codec, msg *types.MsgDeclareIncident) (sdk.AccAddress, []string, error) {
	addr, err := accaddr.Parse(ac, "coordinator", msg.Coordinator)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateType(msg.Type); err != nil {
		return nil, nil, err
	}
	districts, err := types.NormalizeDistricts("affected_districts", msg.AffectedDistricts, types.MaxDistricts)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateSeverity("severity", msg.Severity); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateDigest("description_digest", msg.DescriptionDigest); err != nil {
		return nil, nil, err
	}
	return addr, districts, nil
}

// validateUpdateIncident returns the new district list, or nil when the
// message keeps the current one.
func validateUpdateIncident(ac address.Codec, msg *types.MsgUpdateIncident) (sdk.AccAddress, []string, error) {
	addr, err := accaddr.Parse(ac, "coordinator", msg.Coordinator)
	if err != nil {
		return nil, nil, err
	}
	if err := requireID("incident_id", msg.IncidentId); err != nil {
		return nil, nil, err
	}
	if msg.Severity == types.SeverityUnspecified && len(msg.AffectedDistricts) == 0 {
		return nil, nil, errorsmod.Wrap(types.ErrNoChange, "set severity, affected_districts or both")
	}
	if msg.Severity != types.SeverityUnspecified {
		if err := types.ValidateSeverity("severity", msg.Severity); err != nil {
			return nil, nil, err
		}
	}
	var districts []string
	if len(msg.AffectedDistricts) > 0 {
		if districts, err = types.NormalizeDistricts("affected_districts", msg.AffectedDistricts, types.MaxDistricts); err != nil {
			return nil, nil, err
		}
	}
	if err := types.ValidateDigest("reason_digest", msg.ReasonDigest); err != nil {
		return nil, nil, err
	}
	return addr, districts, nil
}

func validateSetIncidentStatus(ac address.Codec, msg *types.MsgSetIncidentStatus) (sdk.AccAddress, error) {
	addr, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if err := requireID("incident_id", msg.IncidentId); err != nil {
		return nil, err
	}
	if !msg.Status.IsValid() {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "status must be RESPONDING or CLOSED, got %s", msg.Status.Label())
	}
	return addr, nil
}

func validateIssuePublicAlert(ac address.Codec, msg *types.MsgIssuePublicAlert) (sdk.AccAddress, []string, error) {
	addr, err := accaddr.Parse(ac, "coordinator", msg.Coordinator)
	if err != nil {
		return nil, nil, err
	}
	if err := requireID("incident_id", msg.IncidentId); err != nil {
		return nil, nil, err
	}
	districts, err := types.NormalizeDistricts("districts", msg.Districts, types.MaxDistricts)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateSeverity("level", msg.Level); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateMessageCode(msg.MessageCode); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateDigest("broadcast_digest", msg.BroadcastDigest); err != nil {
		return nil, nil, err
	}
	return addr, districts, nil
}
