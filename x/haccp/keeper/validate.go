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

// validSigner decodes a message's signer and returns it when the message's
// other stateless checks, given in order, all passed; otherwise the first
// failure, the signer's own first. The checks are values, each evaluated
// whatever the others found: they are pure bound and grammar checks, safe on
// any input.
func validSigner(ac address.Codec, field, addr string, checks ...error) (sdk.AccAddress, error) {
	signer, err := parseAddress(ac, field, addr)
	if err != nil {
		return nil, err
	}
	for _, err := range checks {
		if err != nil {
			return nil, err
		}
	}
	return signer, nil
}

// requireID fails with kind unless a record id is set.
func requireID(kind *errorsmod.Error, field string, id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(kind, "%s must be set (ids start at 1)", field)
	}
	return nil
}

func requireFacilityID(field string, id uint64) error {
	return requireID(types.ErrInvalidFacility, field, id)
}

// reasonCode checks a reason code that is required, or optional (may be "").
func reasonCode(s string, required bool) error {
	if required {
		return types.ValidateReasonCode(s)
	}
	return types.ValidateOptionalReasonCode(s)
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
	return validSigner(ac, "operator", msg.Operator,
		types.ValidateDigest("business_registration_digest", msg.BusinessRegistrationDigest),
		validateFacilityType(msg.Type),
		types.ValidateName("name", msg.Name, types.MaxFacilityNameLength),
		types.ValidateRegionCode(msg.RegionCode),
	)
}

func validateFacilityType(t types.FacilityType) error {
	if !t.IsValid() {
		return errorsmod.Wrapf(types.ErrInvalidFacility, "type %d is not a facility type", int32(t))
	}
	return nil
}

// validateStaffChange is the shape of AddFacilityStaff and RemoveFacilityStaff;
// it returns the operator, and the msg server decodes the staff account it
// has checked.
func validateStaffChange(ac address.Codec, operator string, facilityID uint64, staff string) (sdk.AccAddress, error) {
	signer, err := validSigner(ac, "operator", operator, requireFacilityID("facility_id", facilityID))
	if err != nil {
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
	return validSigner(ac, "certifier", msg.Certifier,
		types.ValidateCertNo(msg.CertNo),
		requireFacilityID("facility_id", msg.FacilityId),
		validateCertificateTerms(msg.Scope, msg.ValidFrom, msg.ValidUntil, now),
	)
}

func validateRenewCertificate(ac address.Codec, msg *types.MsgRenewCertificate, now time.Time) (sdk.AccAddress, error) {
	return validSigner(ac, "certifier", msg.Certifier,
		types.ValidateCertNo(msg.CertNo),
		validateCertificateTerms(msg.Scope, msg.ValidFrom, msg.ValidUntil, now),
	)
}

// validateCertificateTerms checks what IssueCertificate and RenewCertificate
// write: the scope and a validity period that has not ended at now.
func validateCertificateTerms(scope []string, from, until, now time.Time) error {
	if err := types.ValidateScope(scope); err != nil {
		return err
	}
	if err := types.ValidatePeriod(from, until); err != nil {
		return err
	}
	return validateNotExpiredAt(until, now)
}

// validateCertificateAction is the shape of Suspend, Reinstate and Revoke: a
// certifier, a certificate number and a reason code (optional when
// reinstating, required otherwise).
func validateCertificateAction(ac address.Codec, certifier, certNo, reason string, reasonRequired bool) (sdk.AccAddress, error) {
	return validSigner(ac, "certifier", certifier, types.ValidateCertNo(certNo), reasonCode(reason, reasonRequired))
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

func validateRecordAudit(ac address.Codec, msg *types.MsgRecordAudit, now time.Time) (sdk.AccAddress, error) {
	return validSigner(ac, "certifier", msg.Certifier, types.ValidateCertNo(msg.CertNo), validateAudit(msg.Audit, now))
}

// validateAudit checks an audit: a result, a time not after now and a report digest.
func validateAudit(a types.Audit, now time.Time) error {
	if !a.Result.IsValid() {
		return errorsmod.Wrapf(types.ErrInvalidAudit, "result %d is not an audit result", int32(a.Result))
	}
	if a.At.IsZero() || a.At.Unix() <= 0 {
		return errorsmod.Wrap(types.ErrInvalidAudit, "audit time must be set")
	}
	if a.At.After(now) {
		return errorsmod.Wrapf(types.ErrInvalidAudit, "audit time %s is after the block time %s",
			a.At.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return types.ValidateDigest("audit.report_digest", a.ReportDigest)
}

// ---- CCP records ----

func validateAnchorCcpRecord(ac address.Codec, msg *types.MsgAnchorCcpRecord, now time.Time) (sdk.AccAddress, error) {
	return validSigner(ac, "signer", msg.Signer,
		requireFacilityID("facility_id", msg.FacilityId),
		types.ValidateCcpCode(msg.CcpCode),
		types.ValidateCcpPeriod(msg.PeriodStart, msg.PeriodEnd, now),
		types.ValidateDigest("log_digest", msg.LogDigest),
	)
}

func validateRecordCorrectiveAction(ac address.Codec, msg *types.MsgRecordCorrectiveAction) (sdk.AccAddress, error) {
	return validSigner(ac, "signer", msg.Signer,
		requireID(types.ErrInvalidCcpRecord, "record_id", msg.RecordId),
		types.ValidateDigest("action_digest", msg.ActionDigest),
	)
}
