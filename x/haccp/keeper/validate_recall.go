package keeper

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/x/haccp/types"
)

// ---- recalls ----

// validateIssueRecall checks a MsgIssueRecall without state: class, reason
// code, the lots and declaration numbers (each valid, sorted and unique), at
// least one target, and the total within the hard bound types.MaxMaxRecallTargets
// (the handler then applies params.max_recall_targets).
func validateIssueRecall(ac address.Codec, msg *types.MsgIssueRecall) (sdk.AccAddress, error) {
	return validSigner(ac, "signer", msg.Signer,
		validateRecallClass(msg.Class),
		types.ValidateReasonCode(msg.ReasonCode),
		validateRecallTargetCount(msg),
		validateRecallTargets("lots", msg.Lots, types.ValidateLot),
		validateRecallTargets("declaration_nos", msg.DeclarationNos, types.ValidateDeclNo),
	)
}

// validateRecallTargetCount requires a target and at most
// types.MaxMaxRecallTargets lots and declarations.
func validateRecallTargetCount(msg *types.MsgIssueRecall) error {
	targets := uint64(len(msg.Lots)) + uint64(len(msg.DeclarationNos))
	if targets == 0 && msg.FacilityId == 0 {
		return errorsmod.Wrap(types.ErrInvalidRecall, "a recall names at least one lot, declaration or facility")
	}
	if targets > uint64(types.MaxMaxRecallTargets) {
		return errorsmod.Wrapf(types.ErrInvalidRecall, "%d lots and declarations, at most %d", targets, types.MaxMaxRecallTargets)
	}
	return nil
}

// validateRecallTargets checks a recall's list of lots or declaration
// numbers: each valid (check), sorted and unique.
func validateRecallTargets(field string, list []string, check func(string) error) error {
	for i, s := range list {
		if err := check(s); err != nil {
			return errorsmod.Wrapf(err, "%s[%d]", field, i)
		}
		if i > 0 && list[i-1] >= s {
			return errorsmod.Wrapf(types.ErrInvalidRecall, "%s must be sorted and unique: %s follows %s", field, text.Quote(s), text.Quote(list[i-1]))
		}
	}
	return nil
}

func validateRecallClass(c types.RecallClass) error {
	if !c.IsValid() {
		return errorsmod.Wrapf(types.ErrInvalidRecall, "class %d is not a recall class", int32(c))
	}
	return nil
}

// validateCloseRecall checks a MsgCloseRecall without state.
func validateCloseRecall(ac address.Codec, msg *types.MsgCloseRecall) (sdk.AccAddress, error) {
	return validSigner(ac, "signer", msg.Signer, requireID(types.ErrInvalidRecall, "recall_id", msg.RecallId))
}
