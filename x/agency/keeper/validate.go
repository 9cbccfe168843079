package keeper

import (
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/x/agency/types"
)

// Stateless validation of every message. Each validator checks every bound before the msg
// server touches state and returns the decoded signer; the role catalog and the store are
// checked afterwards. The governance messages' authority is compared with the keeper's
// first (checkAuthority), so their validators only decode it.

// parseAuthority decodes a governance message's authority; a malformed one is
// govtypes.ErrInvalidSigner, as the SDK's modules answer.
func parseAuthority(ac address.Codec, authority string) (sdk.AccAddress, error) {
	bz, err := ac.StringToBytes(authority)
	if err != nil {
		return nil, errorsmod.Wrapf(govtypes.ErrInvalidSigner, "invalid authority address %q: %s", authority, err)
	}
	return bz, nil
}

func validateAgencyID(id string) error {
	if err := types.ValidateAgencyID(id); err != nil {
		return errorsmod.Wrap(types.ErrInvalidAgencyID, err.Error())
	}
	return nil
}

func validateRoles(roles []string) error {
	if err := types.ValidateRoleList(roles); err != nil {
		return errorsmod.Wrap(types.ErrInvalidRole, err.Error())
	}
	return nil
}

func validateExpiry(expiresAt *time.Time, blockTime time.Time) error {
	if expiresAt != nil && !expiresAt.After(blockTime) {
		return errorsmod.Wrapf(types.ErrInvalidExpiry, "expires_at %s must be after the block time %s",
			expiresAt.UTC().Format(timeFormat), blockTime.UTC().Format(timeFormat))
	}
	return nil
}

func validateMsgRegisterAgency(ac address.Codec, msg *types.MsgRegisterAgency) (sdk.AccAddress, error) {
	signer, err := parseAuthority(ac, msg.Authority)
	if err != nil {
		return nil, err
	}
	if err := validateAgencyID(msg.Id); err != nil {
		return nil, err
	}
	if err := types.ValidateName(msg.Name); err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidName, err.Error())
	}
	if _, err := accaddr.Parse(ac, "admin", msg.Admin); err != nil {
		return nil, err
	}
	return signer, validateRoles(msg.Roles)
}

func validateMsgSetAgencyRoles(ac address.Codec, msg *types.MsgSetAgencyRoles) (sdk.AccAddress, error) {
	signer, err := parseAuthority(ac, msg.Authority)
	if err != nil {
		return nil, err
	}
	if err := validateAgencyID(msg.AgencyId); err != nil {
		return nil, err
	}
	return signer, validateRoles(msg.Roles)
}

func validateMsgSetAgencyStatus(ac address.Codec, msg *types.MsgSetAgencyStatus) (sdk.AccAddress, error) {
	signer, err := parseAuthority(ac, msg.Authority)
	if err != nil {
		return nil, err
	}
	if err := validateAgencyID(msg.AgencyId); err != nil {
		return nil, err
	}
	if !types.ValidStatus(msg.Status) {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatus, "status %s is not one of ACTIVE, SUSPENDED, RETIRED", types.StatusName(msg.Status))
	}
	if err := types.ValidateReason(msg.Reason); err != nil {
		return nil, errorsmod.Wrap(types.ErrInvalidReason, err.Error())
	}
	return signer, nil
}

func validateMsgUpdateParams(ac address.Codec, msg *types.MsgUpdateParams) (sdk.AccAddress, error) {
	signer, err := parseAuthority(ac, msg.Authority)
	if err != nil {
		return nil, err
	}
	return signer, msg.Params.Validate()
}

func validateMsgAddMember(ac address.Codec, msg *types.MsgAddMember, blockTime time.Time) (sdk.AccAddress, error) {
	return validateMemberMsg(ac, msg.Admin, msg.AgencyId, msg.Address, msg.Roles, msg.ExpiresAt, blockTime)
}

func validateMsgSetMemberRoles(ac address.Codec, msg *types.MsgSetMemberRoles, blockTime time.Time) (sdk.AccAddress, error) {
	return validateMemberMsg(ac, msg.Admin, msg.AgencyId, msg.Address, msg.Roles, msg.ExpiresAt, blockTime)
}

// validateMemberMsg checks an admin's message granting roles to an address: the admin
// (returned), the agency id, the address, the roles and the membership expiry.
func validateMemberMsg(ac address.Codec, admin, agencyID, addr string, roles []string, expiresAt *time.Time, blockTime time.Time) (sdk.AccAddress, error) {
	signer, err := validateAgencyMsg(ac, "admin", admin, agencyID, "address", addr)
	if err != nil {
		return nil, err
	}
	if err := validateRoles(roles); err != nil {
		return nil, err
	}
	return signer, validateExpiry(expiresAt, blockTime)
}

func validateMsgRemoveMember(ac address.Codec, msg *types.MsgRemoveMember) (sdk.AccAddress, error) {
	return validateAgencyMsg(ac, "admin", msg.Admin, msg.AgencyId, "address", msg.Address)
}

func validateMsgTransferAdmin(ac address.Codec, msg *types.MsgTransferAdmin) (sdk.AccAddress, error) {
	return validateAgencyMsg(ac, "admin", msg.Admin, msg.AgencyId, "new_admin", msg.NewAdmin)
}

func validateMsgAcceptMembership(ac address.Codec, msg *types.MsgAcceptMembership) (sdk.AccAddress, error) {
	return validateAgencyMsg(ac, "address", msg.Address, msg.AgencyId, "", "")
}

func validateMsgDeclineMembership(ac address.Codec, msg *types.MsgDeclineMembership) (sdk.AccAddress, error) {
	return validateAgencyMsg(ac, "address", msg.Address, msg.AgencyId, "", "")
}

func validateMsgWithdrawMembershipOffer(ac address.Codec, msg *types.MsgWithdrawMembershipOffer) (sdk.AccAddress, error) {
	return validateAgencyMsg(ac, "admin", msg.Admin, msg.AgencyId, "address", msg.Address)
}

func validateMsgAcceptAdmin(ac address.Codec, msg *types.MsgAcceptAdmin) (sdk.AccAddress, error) {
	return validateAgencyMsg(ac, "new_admin", msg.NewAdmin, msg.AgencyId, "", "")
}

func validateMsgCancelAdminTransfer(ac address.Codec, msg *types.MsgCancelAdminTransfer) (sdk.AccAddress, error) {
	return validateAgencyMsg(ac, "signer", msg.Signer, msg.AgencyId, "", "")
}

// validateAgencyMsg checks a message an account signs about one agency: the signer's
// address field (returned decoded), the agency id and, when otherField is not "", the
// address the message names. Every address must be canonical (accaddr.Parse,
// sdkerrors.ErrInvalidAddress otherwise): the module stores addresses as sent, so one
// account has one spelling in state and events.
func validateAgencyMsg(ac address.Codec, signerField, signer, agencyID, otherField, other string) (sdk.AccAddress, error) {
	signerBz, err := accaddr.Parse(ac, signerField, signer)
	if err != nil {
		return nil, err
	}
	if err := validateAgencyID(agencyID); err != nil {
		return nil, err
	}
	if otherField != "" {
		if _, err := accaddr.Parse(ac, otherField, other); err != nil {
			return nil, err
		}
	}
	return signerBz, nil
}

// truncate shortens untrusted input echoed in an error message.
func truncate(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
