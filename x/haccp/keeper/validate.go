package keeper

import (
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/x/haccp/types"
)

// Stateless validation of every message this file covers. Each validator
// checks every bound and grammar before the msg server touches the store, and
// returns the decoded signer. It needs no state (the block time is passed in
// where a bound depends on it), so fuzz tests can drive it directly.

// parseAddress is accaddr.Parse: a message's account address, canonical.
func parseAddress(ac address.Codec, field, addr string) (sdk.AccAddress, error) {
	return accaddr.Parse(ac, field, addr)
}

func requireFacilityID(field string, id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(types.ErrInvalidFacility, "%s must be set (ids start at 1)", field)
	}
	return nil
}

// validateNotExpiredAt requires until to be after now: a certificate that is
// already expired when written would read as EXPIRED at once.
func validateNotExpiredAt(until, now time.Time) error {
	if !until.After(now) {
		return errorsmod.Wrapf(types.ErrInvalidPeriod, "valid_until %s is not after the block time %s",
			until.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return nil
}

// ---- facilities ----

func validateRegisterFacility(ac address.Codec, msg *types.MsgRegisterFacility) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "operator", msg.Operator)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateDigest("business_registration_digest", msg.BusinessRegistrationDigest); err != nil {
		return nil, err
	}
	if !msg.Type.IsValid() {
		return nil, errorsmod.Wrapf(types.ErrInvalidFacility, "type %d is not a facility type", int32(msg.Type))
	}
	if err := types.ValidateName("name", msg.Name, types.MaxFacilityNameLength); err != nil {
		return nil, err
	}
	if err := types.ValidateRegionCode(msg.RegionCode); err != nil {
		return nil, err
	}
	return addr, nil
}

// validateStaffChange is the shape of AddFacilityStaff and RemoveFacilityStaff;
// it returns the operator, and the msg server decodes the staff account it
// has checked.
func validateStaffChange(ac address.Codec, operator string, facilityID uint64, staff string) (sdk.AccAddress, error) {
	signer, err := parseAddress(ac, "operator", operator)
	if err != nil {
		return nil, err
	}
	if err := requireFacilityID("facility_id", facilityID); err != nil {
		return nil, err
	}
	member, err := parseAddress(ac, "staff", staff)
	if err != nil {
		return nil, err
	}
	if signer.Equals(member) {
		return nil, errorsmod.Wrap(types.ErrInvalidFacility, "the operator cannot be its own facility's staff")
	}
	return signer, nil
}

func validateAddFacilityStaff(ac address.Codec, msg *types.MsgAddFacilityStaff) (sdk.AccAddress, error) {
	return validateStaffChange(ac, msg.Operator, msg.FacilityId, msg.Staff)
}

func validateRemoveFacilityStaff(ac address.Codec, msg *types.MsgRemoveFacilityStaff) (sdk.AccAddress, error) {
	return validateStaffChange(ac, msg.Operator, msg.FacilityId, msg.Staff)
}

// ---- certificates ----

func validateIssueCertificate(ac address.Codec, msg *types.MsgIssueCertificate, now time.Time) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "certifier", msg.Certifier)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateCertNo(msg.CertNo); err != nil {
		return nil, err
	}
	if err := requireFacilityID("facility_id", msg.FacilityId); err != nil {
		return nil, err
	}
	if err := types.ValidateScope(msg.Scope); err != nil {
		return nil, err
	}
	if err := types.ValidatePeriod(msg.ValidFrom, msg.ValidUntil); err != nil {
		return nil, err
	}
	if err := validateNotExpiredAt(msg.ValidUntil, now); err != nil {
		return nil, err
	}
	return addr, nil
}

// validateCertificateAction is the shape of Suspend, Reinstate and Revoke: a
// certifier, a certificate number and a reason code (optional when
// reinstating, required otherwise).
func validateCertificateAction(ac address.Codec, certifier, certNo, reasonCode string, reasonRequired bool) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "certifier", certifier)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateCertNo(certNo); err != nil {
		return nil, err
	}
	if reasonRequired {
		return addr, types.ValidateReasonCode(reasonCode)
	}
	return addr, types.ValidateOptionalReasonCode(reasonCode)
}

func validateSuspendCertificate(ac address.Codec, msg *types.MsgSuspendCertificate) (sdk.AccAddress, error) {
	return validateCertificateAction(ac, msg.Certifier, msg.CertNo, msg.ReasonCode, true)
}

func validateReinstateCertificate(ac address.Codec, msg *types.MsgReinstateCertificate) (sdk.AccAddress, error) {
	return validateCertificateAction(ac, msg.Certifier, msg.CertNo, msg.ReasonCode, false)
}

func validateRevokeCertificate(ac address.Codec, msg *types.MsgRevokeCertificate) (sdk.AccAddress, error) {
	return validateCertificateAction(ac, msg.Certifier, msg.CertNo, msg.ReasonCode, true)
}

func validateRenewCertificate(ac address.Codec, msg *types.MsgRenewCertificate, now time.Time) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "certifier", msg.Certifier)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateCertNo(msg.CertNo); err != nil {
		return nil, err
	}
	if err := types.ValidateScope(msg.Scope); err != nil {
		return nil, err
	}
	if err := types.ValidatePeriod(msg.ValidFrom, msg.ValidUntil); err != nil {
		return nil, err
	}
	if err := validateNotExpiredAt(msg.ValidUntil, now); err != nil {
		return nil, err
	}
	return addr, nil
}

func validateRecordAudit(ac address.Codec, msg *types.MsgRecordAudit, now time.Time) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "certifier", msg.Certifier)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateCertNo(msg.CertNo); err != nil {
		return nil, err
	}
	a := msg.Audit
	if !a.Result.IsValid() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAudit, "result %d is not an audit result", int32(a.Result))
	}
	if a.At.IsZero() || a.At.Unix() <= 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidAudit, "audit time must be set")
	}
	if a.At.After(now) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAudit, "audit time %s is after the block time %s",
			a.At.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	if err := types.ValidateDigest("audit.report_digest", a.ReportDigest); err != nil {
		return nil, err
	}
	return addr, nil
}

// ---- CCP records ----

func validateAnchorCcpRecord(ac address.Codec, msg *types.MsgAnchorCcpRecord, now time.Time) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if err := requireFacilityID("facility_id", msg.FacilityId); err != nil {
		return nil, err
	}
	if err := types.ValidateCcpCode(msg.CcpCode); err != nil {
		return nil, err
	}
	if err := types.ValidateCcpPeriod(msg.PeriodStart, msg.PeriodEnd, now); err != nil {
		return nil, err
	}
	if err := types.ValidateDigest("log_digest", msg.LogDigest); err != nil {
		return nil, err
	}
	return addr, nil
}

func validateRecordCorrectiveAction(ac address.Codec, msg *types.MsgRecordCorrectiveAction) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if msg.RecordId == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidCcpRecord, "record_id must be set (ids start at 1)")
	}
	if err := types.ValidateDigest("action_digest", msg.ActionDigest); err != nil {
		return nil, err
	}
	return addr, nil
}
