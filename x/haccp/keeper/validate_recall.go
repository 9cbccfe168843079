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
	addr, err := validSigner(ac, "signer", msg.Signer, validateRecallClass(msg.Class), types.ValidateReasonCode(msg.ReasonCode))
	if err != nil {
		return nil, err
	}
	targets := uint64(len(msg.Lots)) + uint64(len(msg.DeclarationNos))
	if targets == 0 && msg.FacilityId == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidRecall, "a recall names at least one lot, declaration or facility")
	}
	if targets > uint64(types.MaxMaxRecallTargets) {
		return nil, errorsmod.Wrapf(types.ErrInvalidRecall, "%d lots and declarations, at most %d", targets, types.MaxMaxRecallTargets)
	}
	for i, l := range msg.Lots {
		if err := types.ValidateLot(l); err != nil {
			return nil, errorsmod.Wrapf(err, "lots[%d]", i)
		}
		if i > 0 && msg.Lots[i-1] >= l {
			return nil, errorsmod.Wrapf(types.ErrInvalidRecall, "lots must be sorted and unique: %s follows %s", text.Quote(l), text.Quote(msg.Lots[i-1]))
		}
	}
	for i, no := range msg.DeclarationNos {
		if err := types.ValidateDeclNo(no); err != nil {
			return nil, errorsmod.Wrapf(err, "declaration_nos[%d]", i)
		}
		if i > 0 && msg.DeclarationNos[i-1] >= no {
			return nil, errorsmod.Wrapf(types.ErrInvalidRecall, "declaration_nos must be sorted and unique: %s follows %s", text.Quote(no), text.Quote(msg.DeclarationNos[i-1]))
		}
	}
	return addr, nil
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
