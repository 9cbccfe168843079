package keeper

import (
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/toll/types"
)

// The stateless validation of every message: each validator checks what a
// message says without reading the store, in the order its handler did, and
// returns the decoded signer. A handler runs its validator first; the fuzz
// targets (fuzz_test.go) run them on arbitrary input.

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

// validateMsgRegisterOperator checks the signer, the agency id and the
// settlement account.
func validateMsgRegisterOperator(ac address.Codec, msg *types.MsgRegisterOperator) (sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateID("agency_id", msg.AgencyId, types.MaxPlazaIDLength); err != nil {
		return nil, err
	}
	if _, err := accaddr.Parse(ac, "settlement_account", msg.SettlementAccount); err != nil {
		return nil, err
	}
	return signer, nil
}

// validateMsgRegisterRoute checks the route and the signer.
func validateMsgRegisterRoute(ac address.Codec, msg *types.MsgRegisterRoute) (sdk.AccAddress, error) {
	if err := types.ValidateID("route", msg.Route, types.MaxRouteLength); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgRegisterPlaza checks the plaza id, the route, the position and
// the signer.
func validateMsgRegisterPlaza(ac address.Codec, msg *types.MsgRegisterPlaza) (sdk.AccAddress, error) {
	if err := types.ValidateID("plaza_id", msg.PlazaId, types.MaxPlazaIDLength); err != nil {
		return nil, err
	}
	if err := types.ValidateID("route", msg.Route, types.MaxRouteLength); err != nil {
		return nil, err
	}
	if msg.PositionM > types.MaxPositionM {
		return nil, errorsmod.Wrapf(types.ErrInvalidPosition, "position_m %d is beyond %d", msg.PositionM, types.MaxPositionM)
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgRegisterSegment checks the route, the stretch [start_m, end_m),
// the operator if named, and the signer.
func validateMsgRegisterSegment(ac address.Codec, msg *types.MsgRegisterSegment) (sdk.AccAddress, error) {
	if err := types.ValidateID("route", msg.Route, types.MaxRouteLength); err != nil {
		return nil, err
	}
	if msg.StartM >= msg.EndM || msg.EndM > types.MaxPositionM {
		return nil, errorsmod.Wrapf(types.ErrInvalidSegment, "[%d, %d) must satisfy start_m < end_m <= %d", msg.StartM, msg.EndM, types.MaxPositionM)
	}
	if msg.Operator != "" {
		if err := types.ValidateID("operator", msg.Operator, types.MaxPlazaIDLength); err != nil {
			return nil, err
		}
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgRetireSegment checks the route and the signer.
func validateMsgRetireSegment(ac address.Codec, msg *types.MsgRetireSegment) (sdk.AccAddress, error) {
	if err := types.ValidateID("route", msg.Route, types.MaxRouteLength); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgSetTariff checks the tariff's rates, discounts and commuter
// window, and the signer; the rates' bounds (params) are checked by the
// handler.
func validateMsgSetTariff(ac address.Codec, msg *types.MsgSetTariff) (sdk.AccAddress, error) {
	if err := types.ValidateTariffBody(msg.Rates, msg.Discounts, msg.CommuterStartMinute, msg.CommuterEndMinute); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgSetSpendingLimit checks the payer (the signer) and the operator.
func validateMsgSetSpendingLimit(ac address.Codec, msg *types.MsgSetSpendingLimit) (sdk.AccAddress, error) {
	payer, err := accaddr.Parse(ac, "payer", msg.Payer)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateID("operator", msg.Operator, types.MaxPlazaIDLength); err != nil {
		return nil, err
	}
	return payer, nil
}

// validateMsgRecordTrip checks a trip against the params at block time now:
// plazas, class, discount codes, vehicle_ref, the payment method and payer,
// the times (duration, clock skew, age), then the signer.
func validateMsgRecordTrip(ac address.Codec, msg *types.MsgRecordTrip, params types.Params, now time.Time) (sdk.AccAddress, error) {
	if err := types.ValidateID("entry_plaza", msg.EntryPlaza, types.MaxPlazaIDLength); err != nil {
		return nil, err
	}
	if err := types.ValidateID("exit_plaza", msg.ExitPlaza, types.MaxPlazaIDLength); err != nil {
		return nil, err
	}
	if err := types.ValidateVehicleClass(msg.VehicleClass); err != nil {
		return nil, err
	}
	if err := types.ValidateDiscountCodes(msg.DiscountCodes); err != nil {
		return nil, err
	}
	if err := types.ValidateDigest("vehicle_ref", msg.VehicleRef); err != nil {
		return nil, err
	}
	switch msg.PaymentMethod {
	case types.PaymentAccount:
		if msg.Payer == "" {
			return nil, errorsmod.Wrap(types.ErrInvalidPaymentMethod, "an ACCOUNT trip needs a payer")
		}
		if _, err := accaddr.Parse(ac, "payer", msg.Payer); err != nil {
			return nil, err
		}
	case types.PaymentOffchain:
		if msg.Payer != "" {
			return nil, errorsmod.Wrap(types.ErrInvalidPaymentMethod, "an OFFCHAIN trip names no payer")
		}
	default:
		return nil, errorsmod.Wrapf(types.ErrInvalidPaymentMethod, "payment_method %s", msg.PaymentMethod)
	}
	if msg.EntryTime.IsZero() || msg.ExitTime.IsZero() || msg.EntryTime.Unix() <= 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidTime, "entry_time and exit_time are required")
	}
	if msg.ExitTime.Before(msg.EntryTime) {
		return nil, errorsmod.Wrapf(types.ErrExitBeforeEntry, "exit %s is before entry %s", msg.ExitTime.UTC().Format(time.RFC3339), msg.EntryTime.UTC().Format(time.RFC3339))
	}
	if d := msg.ExitTime.Sub(msg.EntryTime); d > time.Duration(params.MaxTripDurationSeconds)*time.Second {
		return nil, errorsmod.Wrapf(types.ErrTripTooLong, "the trip lasts %s, at most %ds", d, params.MaxTripDurationSeconds)
	}
	if msg.ExitTime.After(now.Add(time.Duration(params.MaxClockSkewSeconds) * time.Second)) {
		return nil, errorsmod.Wrapf(types.ErrTripInFuture, "exit %s is more than %ds after the block time %s", msg.ExitTime.UTC().Format(time.RFC3339), params.MaxClockSkewSeconds, now.UTC().Format(time.RFC3339))
	}
	if msg.ExitTime.Before(now.Add(-time.Duration(params.MaxTripAgeSeconds) * time.Second)) {
		return nil, errorsmod.Wrapf(types.ErrTripTooOld, "exit %s is more than %ds before the block time %s", msg.ExitTime.UTC().Format(time.RFC3339), params.MaxTripAgeSeconds, now.UTC().Format(time.RFC3339))
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgPayTrip checks the signer, who pays.
func validateMsgPayTrip(ac address.Codec, msg *types.MsgPayTrip) (sdk.AccAddress, error) {
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgSubmitTripBatch checks a batch against the params: plaza, root,
// count, totals (validateBatchTotals), then the signer.
func validateMsgSubmitTripBatch(ac address.Codec, msg *types.MsgSubmitTripBatch, params types.Params) (sdk.AccAddress, error) {
	if err := types.ValidateID("plaza_id", msg.PlazaId, types.MaxPlazaIDLength); err != nil {
		return nil, err
	}
	if err := types.ValidateDigest("merkle_root", msg.MerkleRoot); err != nil {
		return nil, err
	}
	if msg.Count == 0 || msg.Count > params.MaxBatchTrips {
		return nil, errorsmod.Wrapf(types.ErrInvalidBatch, "count must be 1..%d, got %d", params.MaxBatchTrips, msg.Count)
	}
	if _, err := validateBatchTotals(msg.Totals, params.MaxBatchOperators); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateBatchTotals checks a batch's totals: 1..max entries sorted by
// operator without repeats, every amount > 0; it returns their sum.
func validateBatchTotals(totals []types.OperatorAmount, max uint32) (uint64, error) {
	if len(totals) == 0 || len(totals) > int(max) {
		return 0, errorsmod.Wrapf(types.ErrInvalidBatch, "totals must have 1..%d entries, got %d", max, len(totals))
	}
	var sum uint64
	for i, t := range totals {
		if err := types.ValidateID("totals operator", t.Operator, types.MaxPlazaIDLength); err != nil {
			return 0, err
		}
		if i > 0 && t.Operator <= totals[i-1].Operator {
			return 0, errorsmod.Wrapf(types.ErrInvalidBatch, "totals[%d]: operators must be sorted without repeats", i)
		}
		if t.Amount == 0 {
			return 0, errorsmod.Wrapf(types.ErrInvalidAmount, "totals[%d] (%s) is 0", i, t.Operator)
		}
		var err error
		if sum, err = types.AddAmounts(sum, t.Amount); err != nil {
			return 0, err
		}
	}
	return sum, nil
}

// validatePeriodMsg checks a period message's period id and signer.
func validatePeriodMsg(ac address.Codec, periodID uint64, signer string) (sdk.AccAddress, error) {
	if periodID == 0 {
		return nil, errorsmod.Wrap(types.ErrPeriodNotFound, "period_id is required")
	}
	return accaddr.Parse(ac, "signer", signer)
}

// validateMsgSubmitPeriod checks the period id and the signer.
func validateMsgSubmitPeriod(ac address.Codec, msg *types.MsgSubmitPeriod) (sdk.AccAddress, error) {
	return validatePeriodMsg(ac, msg.PeriodId, msg.Signer)
}

// validateMsgConfirmPeriod checks the period id and the signer.
func validateMsgConfirmPeriod(ac address.Codec, msg *types.MsgConfirmPeriod) (sdk.AccAddress, error) {
	return validatePeriodMsg(ac, msg.PeriodId, msg.Signer)
}

// validateMsgSettlePeriod checks the period id and the signer.
func validateMsgSettlePeriod(ac address.Codec, msg *types.MsgSettlePeriod) (sdk.AccAddress, error) {
	return validatePeriodMsg(ac, msg.PeriodId, msg.Signer)
}

// validateMsgOpenDispute checks the signer, the kind (a TARIFF dispute names
// the share it contests, no other kind does), the target and the evidence
// digest if any.
func validateMsgOpenDispute(ac address.Codec, msg *types.MsgOpenDispute) (sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if !knownEnum(types.DisputeKind_name, msg.Kind) {
		return nil, errorsmod.Wrapf(types.ErrInvalidDispute, "kind %s", msg.Kind)
	}
	if msg.Kind == types.DisputeTariff {
		if err := types.ValidateID("share_operator", msg.ShareOperator, types.MaxPlazaIDLength); err != nil {
			return nil, err
		}
	} else if msg.ShareOperator != "" {
		return nil, errorsmod.Wrapf(types.ErrInvalidDispute, "share_operator is only for a TARIFF dispute, got %q", msg.ShareOperator)
	}
	if msg.Target != types.TargetTrip && msg.Target != types.TargetBatch {
		return nil, errorsmod.Wrapf(types.ErrInvalidDispute, "target %s", msg.Target)
	}
	if msg.TargetId == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidDispute, "target_id is required")
	}
	if msg.EvidenceDigest != "" {
		if err := types.ValidateDigest("evidence_digest", msg.EvidenceDigest); err != nil {
			return nil, err
		}
	}
	return signer, nil
}

// knownEnum reports whether v is a named value of its enum other than 0.
func knownEnum[E ~int32](names map[int32]string, v E) bool {
	_, ok := names[int32(v)]
	return ok && v != 0
}

// validateOutcome checks a decision: a REFUND has refund > 0 and an optional
// reason code, a REJECT no refund and a reason code.
func validateOutcome(outcome types.DisputeOutcome, refund uint64, reason string) error {
	switch outcome {
	case types.OutcomeRefund:
		if refund == 0 {
			return errorsmod.Wrap(types.ErrInvalidRefund, "a REFUND needs a refund > 0")
		}
		if reason != "" {
			return types.ValidateReason(reason)
		}
		return nil
	case types.OutcomeReject:
		if refund != 0 {
			return errorsmod.Wrapf(types.ErrInvalidRefund, "a REJECT refunds nothing, got %d", refund)
		}
		return types.ValidateReason(reason)
	default:
		return errorsmod.Wrapf(types.ErrInvalidDispute, "outcome %s", outcome)
	}
}

// validateMsgResolveDispute checks the decision and the signer.
func validateMsgResolveDispute(ac address.Codec, msg *types.MsgResolveDispute) (sdk.AccAddress, error) {
	if err := validateOutcome(msg.Outcome, msg.Refund, msg.Reason); err != nil {
		return nil, err
	}
	return accaddr.Parse(ac, "signer", msg.Signer)
}

// validateMsgDecideDispute checks the signer is the x/gov authority and the
// decision.
func validateMsgDecideDispute(ac address.Codec, msg *types.MsgDecideDispute, authority []byte) (sdk.AccAddress, error) {
	signer, err := keeperbase.ParseAuthority(ac, authority, msg.Authority)
	if err != nil {
		return nil, err
	}
	if err := validateOutcome(msg.Outcome, msg.Refund, msg.Reason); err != nil {
		return nil, err
	}
	return signer, nil
}

// validateMsgAppealDispute checks the signer and the evidence digest if any.
func validateMsgAppealDispute(ac address.Codec, msg *types.MsgAppealDispute) (sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if msg.EvidenceDigest != "" {
		if err := types.ValidateDigest("evidence_digest", msg.EvidenceDigest); err != nil {
			return nil, err
		}
	}
	return signer, nil
}
