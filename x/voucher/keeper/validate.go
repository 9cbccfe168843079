package keeper

import (
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/x/voucher/types"
)

// Stateless validation of every message. Each validator checks every bound
// and grammar before the msg server touches a record, and returns the decoded
// signer (and whatever else the handler needs decoded or in its stored
// order). Bounds that are params come in as params (read first by the
// handler); the block time comes in as now. Validators read no record, so
// FuzzValidate* drives them directly.

// programFields are the lists of a MsgCreateProgram in their stored order.
type programFields struct {
	holderDistricts, merchantDistricts, excludedMccs, allocators []string
	classes                                                      []types.ClassAmount
	refund                                                       sdk.AccAddress
}

func validateMsgCreateProgram(ac address.Codec, msg *types.MsgCreateProgram, params types.Params, now time.Time) (sdk.AccAddress, programFields, error) {
	var f programFields
	signer, err := accaddr.Parse(ac, "issuer", msg.Issuer)
	if err != nil {
		return nil, f, err
	}
	if !msg.Kind.IsValid() {
		return nil, f, errorsmod.Wrapf(types.ErrInvalidKind, "kind must be LOCAL_CURRENCY, RELIEF or WELFARE, got %s", msg.Kind.Label())
	}
	if !params.AllowsFunding(msg.FundingDenom) {
		return nil, f, errorsmod.Wrapf(types.ErrInvalidDenom, "funding_denom %s is not one of params.allowed_funding_denoms %v", text.Quote(msg.FundingDenom), params.AllowedFundingDenoms)
	}
	if err := types.ValidateAmount("budget_cap", msg.BudgetCap, params.MaxAmount); err != nil {
		return nil, f, err
	}
	if err := types.ValidateAmount("per_holder_cap", msg.PerHolderCap, msg.BudgetCap); err != nil {
		return nil, f, err
	}
	if f.holderDistricts, err = types.NormalizeCodes(types.ErrInvalidDistricts, "holder_districts", msg.HolderDistricts, 1, params.MaxDistricts, types.ValidateDistrict); err != nil {
		return nil, f, err
	}
	if f.merchantDistricts, err = types.NormalizeCodes(types.ErrInvalidDistricts, "merchant_districts", msg.MerchantDistricts, 1, params.MaxDistricts, types.ValidateDistrict); err != nil {
		return nil, f, err
	}
	if f.excludedMccs, err = types.NormalizeCodes(types.ErrInvalidMcc, "excluded_mccs", msg.ExcludedMccs, 0, params.MaxExcludedMccs, types.ValidateMcc); err != nil {
		return nil, f, err
	}
	if len(f.excludedMccs) == 0 {
		f.excludedMccs = nil
	}
	if err := types.ValidateEligibilityFields(msg.Eligibility, msg.SchemaId, len(msg.AmountByClass)); err != nil {
		return nil, f, err
	}
	if msg.Eligibility.AllowsClaims() {
		if f.classes, err = types.NormalizeClasses(msg.AmountByClass, params.MaxClasses, msg.PerHolderCap); err != nil {
			return nil, f, err
		}
	}
	if msg.IncidentId != 0 && msg.Kind != types.ProgramKindRelief {
		return nil, f, errorsmod.Wrapf(types.ErrIncident, "incident_id is for RELIEF programs only, this one is %s", msg.Kind.Label())
	}
	if err := types.ValidateTimes(msg.StartsAt, msg.ExpiresAt, msg.RedeemUntil); err != nil {
		return nil, f, err
	}
	if !now.Before(msg.ExpiresAt) {
		return nil, f, errorsmod.Wrapf(types.ErrInvalidTimes, "expires_at %s is not after the block time %s", msg.ExpiresAt.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	if f.refund, err = accaddr.Parse(ac, "refund_address", msg.RefundAddress); err != nil {
		return nil, f, err
	}
	if f.allocators, err = types.NormalizeAgencies("allocator_agencies", msg.AllocatorAgencies, params.MaxAllocators); err != nil {
		return nil, f, err
	}
	if len(f.allocators) > 0 && !msg.Eligibility.AllowsAllocations() {
		return nil, f, errorsmod.Wrapf(types.ErrInvalidAgencies, "allocator_agencies need eligibility ALLOCATION or BOTH, got %s", msg.Eligibility.Label())
	}
	return signer, f, nil
}

func validateMsgActivateProgram(ac address.Codec, msg *types.MsgActivateProgram) (sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "issuer", msg.Issuer)
	if err != nil {
		return nil, err
	}
	return signer, types.ValidateID("program_id", msg.ProgramId)
}

func validateMsgSetProgramStatus(ac address.Codec, msg *types.MsgSetProgramStatus) (sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateID("program_id", msg.ProgramId); err != nil {
		return nil, err
	}
	if msg.Status != types.ProgramStatusActive && msg.Status != types.ProgramStatusSuspended {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "status must be ACTIVE or SUSPENDED, got %s", msg.Status.Label())
	}
	return signer, nil
}

func validateMsgFundProgram(ac address.Codec, msg *types.MsgFundProgram, params types.Params) (sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "funder", msg.Funder)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateID("program_id", msg.ProgramId); err != nil {
		return nil, err
	}
	return signer, types.ValidateAmount("amount", msg.Amount, params.MaxAmount)
}

// validateMsgAllocate returns the signer and every entry's decoded address.
func validateMsgAllocate(ac address.Codec, msg *types.MsgAllocate, params types.Params) (sdk.AccAddress, []sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "issuer", msg.Issuer)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateID("program_id", msg.ProgramId); err != nil {
		return nil, nil, err
	}
	if n := len(msg.Entries); n == 0 || uint64(n) > uint64(params.MaxAllocationEntries) {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidEntries, "entries must hold 1..%d holders (params.max_allocation_entries), got %d", params.MaxAllocationEntries, n)
	}
	addrs := make([]sdk.AccAddress, len(msg.Entries))
	seen := make(map[string]bool, len(msg.Entries))
	for i, e := range msg.Entries {
		if addrs[i], err = accaddr.Parse(ac, "entries address", e.Address); err != nil {
			return nil, nil, err
		}
		if seen[e.Address] {
			return nil, nil, errorsmod.Wrapf(types.ErrInvalidEntries, "entries name %s twice", e.Address)
		}
		seen[e.Address] = true
		if err := types.ValidateAmount("entries amount", e.Amount, params.MaxAmount); err != nil {
			return nil, nil, err
		}
		if err := types.ValidateDistrict("entries district_code", e.DistrictCode); err != nil {
			return nil, nil, err
		}
	}
	return signer, addrs, nil
}

func validateMsgClaim(ac address.Codec, msg *types.MsgClaim) (sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "holder", msg.Holder)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateID("program_id", msg.ProgramId); err != nil {
		return nil, err
	}
	c := msg.Claim
	if c.ProgramId != msg.ProgramId {
		return nil, errorsmod.Wrapf(types.ErrClaimMismatch, "claim is for program %d, the message for program %d", c.ProgramId, msg.ProgramId)
	}
	if c.Holder != msg.Holder {
		return nil, errorsmod.Wrapf(types.ErrClaimMismatch, "claim is for holder %s, the message is signed by %s", text.Quote(c.Holder), msg.Holder)
	}
	if c.ChainId == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidClaim, "claim chain_id must be set")
	}
	if err := types.ValidateDistrict("claim district_code", c.DistrictCode); err != nil {
		return nil, err
	}
	if err := types.ValidateClass("claim class", c.Class); err != nil {
		return nil, err
	}
	if c.StatusListId == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidClaim, "claim status_list_id must be set (ids start at 1)")
	}
	if c.ValidUntil.IsZero() {
		return nil, errorsmod.Wrap(types.ErrInvalidClaim, "claim valid_until must be set")
	}
	if err := types.ValidateDid("issuer_did", msg.IssuerDid); err != nil {
		return nil, err
	}
	if err := types.ValidateVerificationMethod(msg.VerificationMethod, msg.IssuerDid); err != nil {
		return nil, err
	}
	if n := len(msg.Signature); n == 0 || n > types.MaxSignatureLength {
		return nil, errorsmod.Wrapf(types.ErrInvalidClaim, "signature must be 1..%d bytes, got %d", types.MaxSignatureLength, n)
	}
	return signer, nil
}

// validateMsgApplyMerchant returns the merchant and its settlement address.
func validateMsgApplyMerchant(ac address.Codec, msg *types.MsgApplyMerchant) (sdk.AccAddress, sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "merchant", msg.Merchant)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateID("program_id", msg.ProgramId); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateDigest("business_digest", msg.BusinessDigest); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateDistrict("district_code", msg.DistrictCode); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateMcc("mcc", msg.Mcc); err != nil {
		return nil, nil, err
	}
	settlement, err := accaddr.Parse(ac, "settlement_address", msg.SettlementAddress)
	if err != nil {
		return nil, nil, err
	}
	return signer, settlement, nil
}

// validateMsgDecideMerchant returns the signer and the merchant.
func validateMsgDecideMerchant(ac address.Codec, msg *types.MsgDecideMerchant) (sdk.AccAddress, sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateID("program_id", msg.ProgramId); err != nil {
		return nil, nil, err
	}
	merchant, err := accaddr.Parse(ac, "merchant", msg.Merchant)
	if err != nil {
		return nil, nil, err
	}
	if !msg.Decision.IsValid() {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidDecision, "decision must be APPROVE, SUSPEND, REINSTATE or REVOKE, got %s", msg.Decision.Label())
	}
	return signer, merchant, nil
}

// validateMsgPay returns the holder and the merchant.
func validateMsgPay(ac address.Codec, msg *types.MsgPay, params types.Params) (sdk.AccAddress, sdk.AccAddress, error) {
	holder, err := accaddr.Parse(ac, "holder", msg.Holder)
	if err != nil {
		return nil, nil, err
	}
	if err := types.ValidateID("program_id", msg.ProgramId); err != nil {
		return nil, nil, err
	}
	merchant, err := accaddr.Parse(ac, "merchant", msg.Merchant)
	if err != nil {
		return nil, nil, err
	}
	if holder.Equals(merchant) {
		return nil, nil, errorsmod.Wrapf(types.ErrHolderIsMerchant, "%s cannot pay itself", msg.Holder)
	}
	if err := types.ValidateAmount("amount", msg.Amount, params.MaxAmount); err != nil {
		return nil, nil, err
	}
	if err := types.ValidateDigest("receipt_digest", msg.ReceiptDigest); err != nil {
		return nil, nil, err
	}
	return holder, merchant, nil
}

func validateMsgRedeem(ac address.Codec, msg *types.MsgRedeem, params types.Params) (sdk.AccAddress, error) {
	merchant, err := accaddr.Parse(ac, "merchant", msg.Merchant)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateID("program_id", msg.ProgramId); err != nil {
		return nil, err
	}
	return merchant, types.ValidateAmount("amount", msg.Amount, params.MaxAmount)
}

func validateMsgSweep(ac address.Codec, msg *types.MsgSweep, params types.Params) (sdk.AccAddress, error) {
	signer, err := accaddr.Parse(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateID("program_id", msg.ProgramId); err != nil {
		return nil, err
	}
	if msg.Limit == 0 || msg.Limit > params.MaxSweep {
		return nil, errorsmod.Wrapf(types.ErrInvalidLimit, "limit must be 1..%d (params.max_sweep), got %d", params.MaxSweep, msg.Limit)
	}
	return signer, nil
}
