package keeper

import (
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/x/welfare/types"
)

// Stateless validation of every message. Each validator checks every bound
// and grammar before the msg server touches a record, and returns the decoded
// signer (and whatever else the handler needs decoded or in its stored
// order). Bounds that are params come in as params (read first by the
// handler); the block time comes in as now. Validators read no record, so
// FuzzValidate* drives them directly.

func validateMsgCreateGroup(ac address.Codec, msg *types.MsgCreateGroup) (sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "authority", msg.Authority)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateGroupID("id", msg.Id); err != nil {
		return nil, err
	}
	if err := types.ValidateDescription(msg.Description); err != nil {
		return nil, err
	}
	return signer, types.ValidateLegalBasis(msg.LegalBasis)
}

// validateMsgCreateProgram returns the signer and the groups in their stored
// (ascending) order.
func validateMsgCreateProgram(ac address.Codec, msg *types.MsgCreateProgram, params types.Params) (sdk.AccAddress, []string, error) {
	signer, err := accaddr.Parse(ac, "manager", msg.Manager)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateProgramName(msg.Name); err != nil {
		return nil, nil, err
	}
	if !msg.Target.IsValid() {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidTarget, "target must be INDIVIDUAL or HOUSEHOLD, got %s", msg.Target.Label())
	}
	groups, err := types.NormalizeGroups(msg.Groups, params.MaxGroupsPerProgram)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateBenefit(msg.Benefit); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateAmount("budget_cap", msg.BudgetCap, params.MaxAmount); err != nil {
		return nil, nil, err
	}
	return signer, groups, nil
}

// validateProgramRef checks a message naming a program: its signer and the id.
func validateProgramRef(ac address.Codec, field, signer string, programID uint64) (sdk.AccAddress, error) {
	addr, err := accaddr.Parse(ac, field, signer)
	if err != nil {
		return nil, err
	}
	return addr, types.ValidateID("program_id", programID)
}

func validateMsgActivateProgram(ac address.Codec, msg *types.MsgActivateProgram) (sdk.AccAddress, error) {
	return validateProgramRef(ac, "manager", msg.Manager, msg.ProgramId)
}

func validateMsgFundProgram(ac address.Codec, msg *types.MsgFundProgram, params types.Params) (sdk.AccAddress, error) {
	signer, err := validateProgramRef(ac, "funder", msg.Funder, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	return signer, types.ValidateAmount("amount", msg.Amount, params.MaxAmount)
}

func validateMsgCloseProgram(ac address.Codec, msg *types.MsgCloseProgram) (sdk.AccAddress, error) {
	return validateProgramRef(ac, "signer", msg.Signer, msg.ProgramId)
}

// validateMsgApply checks the grammars of an application; that slot_keys
// hold exactly one key per group of the program is checked against the
// program by the handler.
func validateMsgApply(ac address.Codec, msg *types.MsgApply) (sdk.AccAddress, error) {
	signer, err := validateProgramRef(ac, "caseworker", msg.Caseworker, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateBeneficiaryRef(msg.BeneficiaryRef); err != nil {
		return nil, err
	}
	if uint64(len(msg.SlotKeys)) > uint64(types.MaxGroupsPerProgram) {
		return nil, errorsmod.Wrapf(types.ErrSlotKeysMismatch, "slot_keys hold at most %d keys (one per group of the program), got %d", types.MaxGroupsPerProgram, len(msg.SlotKeys))
	}
	for i, k := range msg.SlotKeys {
		if err := types.ValidateSlotKey("slot_keys", k); err != nil {
			return nil, err
		}
		for j := 0; j < i; j++ {
			if msg.SlotKeys[j] == k {
				return nil, errorsmod.Wrapf(types.ErrSlotKeysMismatch, "slot_keys name %s twice (keys %d and %d)", k, j+1, i+1)
			}
		}
	}
	return signer, types.ValidateDigest("application_digest", msg.ApplicationDigest)
}

// validateEnrolmentRef checks a message naming an enrolment: its signer and the id.
func validateEnrolmentRef(ac address.Codec, field, signer string, enrolmentID uint64) (sdk.AccAddress, error) {
	addr, err := accaddr.Parse(ac, field, signer)
	if err != nil {
		return nil, err
	}
	return addr, types.ValidateID("enrolment_id", enrolmentID)
}

func validateMsgDecideEligibility(ac address.Codec, msg *types.MsgDecideEligibility) (sdk.AccAddress, error) {
	signer, err := validateEnrolmentRef(ac, "caseworker", msg.Caseworker, msg.EnrolmentId)
	if err != nil {
		return nil, err
	}
	if msg.Outcome != types.EnrolmentStatusEnrolled && msg.Outcome != types.EnrolmentStatusNotEligible {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "outcome must be ENROLLED or NOT_ELIGIBLE, got %s", msg.Outcome.Label())
	}
	if err := types.ValidateDigest("decision_digest", msg.DecisionDigest); err != nil {
		return nil, err
	}
	return signer, types.ValidateCriteriaVersion(msg.CriteriaVersion)
}

func validateMsgSetEnrolmentStatus(ac address.Codec, msg *types.MsgSetEnrolmentStatus) (sdk.AccAddress, error) {
	signer, err := validateEnrolmentRef(ac, "caseworker", msg.Caseworker, msg.EnrolmentId)
	if err != nil {
		return nil, err
	}
	switch msg.Status {
	case types.EnrolmentStatusPaused, types.EnrolmentStatusEnrolled, types.EnrolmentStatusExited:
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "status must be PAUSED, ENROLLED or EXITED, got %s", msg.Status.Label())
	}
	return signer, types.ValidateReasonCode("reason_code", msg.ReasonCode)
}

// validateMsgOfferEntitlement returns the caseworker and the payee.
func validateMsgOfferEntitlement(ac address.Codec, msg *types.MsgOfferEntitlement, params types.Params, now time.Time) (sdk.AccAddress, sdk.AccAddress, error) {
	signer, err := validateEnrolmentRef(ac, "caseworker", msg.Caseworker, msg.EnrolmentId)
	if err != nil {
		return nil, nil, err
	}
	payee, err := accaddr.Parse(ac, "payee", msg.Payee)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateAmount("amount_per_cycle", msg.AmountPerCycle, params.MaxAmount); err != nil {
		return nil, nil, err
	}
	if err := validatePeriod("valid_from", "valid_until", msg.ValidFrom, msg.ValidUntil, params.MaxEntitlementSeconds, "params.max_entitlement_seconds"); err != nil {
		return nil, nil, err
	}
	if !now.Before(msg.ValidUntil) {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidTimes, "valid_until %s is not after the block time %s", formatTime(msg.ValidUntil), formatTime(now))
	}
	return signer, payee, nil
}

// validatePeriod checks start < end, at most maxSeconds apart.
func validatePeriod(startField, endField string, start, end time.Time, maxSeconds uint64, bound string) error {
	if !start.Before(end) {
		return errorsmod.Wrapf(types.ErrInvalidTimes, "%s %s must be before %s %s", startField, formatTime(start), endField, formatTime(end))
	}
	if d := end.Sub(start); d > time.Duration(maxSeconds)*time.Second || d < 0 {
		return errorsmod.Wrapf(types.ErrInvalidTimes, "%s - %s is %s, at most %d seconds (%s)", endField, startField, d, maxSeconds, bound)
	}
	return nil
}

// validateEntitlementRef checks a message naming an entitlement: its signer and the id.
func validateEntitlementRef(ac address.Codec, field, signer string, entitlementID uint64) (sdk.AccAddress, error) {
	addr, err := accaddr.Parse(ac, field, signer)
	if err != nil {
		return nil, err
	}
	return addr, types.ValidateID("entitlement_id", entitlementID)
}

func validateMsgAcceptEntitlement(ac address.Codec, msg *types.MsgAcceptEntitlement) (sdk.AccAddress, error) {
	return validateEntitlementRef(ac, "payee", msg.Payee, msg.EntitlementId)
}

func validateMsgDeclineEntitlement(ac address.Codec, msg *types.MsgDeclineEntitlement) (sdk.AccAddress, error) {
	return validateEntitlementRef(ac, "payee", msg.Payee, msg.EntitlementId)
}

func validateMsgSetEntitlementStatus(ac address.Codec, msg *types.MsgSetEntitlementStatus) (sdk.AccAddress, error) {
	signer, err := validateEntitlementRef(ac, "caseworker", msg.Caseworker, msg.EntitlementId)
	if err != nil {
		return nil, err
	}
	switch msg.Status {
	case types.EntitlementStatusSuspended, types.EntitlementStatusActive, types.EntitlementStatusEnded:
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "status must be SUSPENDED, ACTIVE or ENDED, got %s", msg.Status.Label())
	}
	return signer, types.ValidateReasonCode("reason_code", msg.ReasonCode)
}

func validateMsgCreateCycle(ac address.Codec, msg *types.MsgCreateCycle, params types.Params) (sdk.AccAddress, error) {
	signer, err := validateProgramRef(ac, "manager", msg.Manager, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	return signer, validatePeriod("period_start", "period_end", msg.PeriodStart, msg.PeriodEnd, params.MaxCycleSeconds, "params.max_cycle_seconds")
}

// validateCycleRef checks a message naming a cycle: its signer, the program id and the seq.
func validateCycleRef(ac address.Codec, field, signer string, programID, seq uint64) (sdk.AccAddress, error) {
	addr, err := validateProgramRef(ac, field, signer, programID)
	if err != nil {
		return nil, err
	}
	return addr, types.ValidateID("seq", seq)
}

func validateMsgSubmitCycle(ac address.Codec, msg *types.MsgSubmitCycle) (sdk.AccAddress, error) {
	return validateCycleRef(ac, "manager", msg.Manager, msg.ProgramId, msg.Seq)
}

func validateMsgApproveCycle(ac address.Codec, msg *types.MsgApproveCycle) (sdk.AccAddress, error) {
	return validateCycleRef(ac, "manager", msg.Manager, msg.ProgramId, msg.Seq)
}

func validateMsgEndCycle(ac address.Codec, msg *types.MsgEndCycle) (sdk.AccAddress, error) {
	return validateCycleRef(ac, "manager", msg.Manager, msg.ProgramId, msg.Seq)
}

func validateMsgCancelCycle(ac address.Codec, msg *types.MsgCancelCycle) (sdk.AccAddress, error) {
	return validateCycleRef(ac, "manager", msg.Manager, msg.ProgramId, msg.Seq)
}

func validateMsgDistribute(ac address.Codec, msg *types.MsgDistribute, params types.Params) (sdk.AccAddress, error) {
	signer, err := validateCycleRef(ac, "manager", msg.Manager, msg.ProgramId, msg.Seq)
	if err != nil {
		return nil, err
	}
	if msg.Limit == 0 || msg.Limit > params.MaxDistribute {
		return nil, errorsmod.Wrapf(types.ErrInvalidLimit, "limit must be 1..%d (params.max_distribute), got %d", params.MaxDistribute, msg.Limit)
	}
	return signer, nil
}

func validateMsgPlaceAuditHold(ac address.Codec, msg *types.MsgPlaceAuditHold) (sdk.AccAddress, error) {
	signer, err := validateEntitlementRef(ac, "auditor", msg.Auditor, msg.EntitlementId)
	if err != nil {
		return nil, err
	}
	return signer, types.ValidateReasonCode("reason_code", msg.ReasonCode)
}

func validateMsgReleaseAuditHold(ac address.Codec, msg *types.MsgReleaseAuditHold) (sdk.AccAddress, error) {
	return validateEntitlementRef(ac, "auditor", msg.Auditor, msg.EntitlementId)
}

func validateMsgRecordFinding(ac address.Codec, msg *types.MsgRecordFinding) (sdk.AccAddress, error) {
	signer, err := validateProgramRef(ac, "auditor", msg.Auditor, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	return signer, types.ValidateDigest("finding_digest", msg.FindingDigest)
}

// formatTime prints a time in RFC 3339, UTC.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
