package keeper

import (
	"bytes"
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/x/agency/types"
)

// Stateless validation of every message. Each validator checks every bound before the msg
// server touches state; the role catalog and the store are checked afterwards.

// checkAuthority compares the signer to the keeper's authority as bytes.
func (k Keeper) checkAuthority(signer string) error {
	bz, err := k.addressCodec.StringToBytes(signer)
	if err != nil {
		return errorsmod.Wrapf(govtypes.ErrInvalidSigner, "invalid authority address %q: %s", signer, err)
	}
	if !bytes.Equal(bz, k.authority) {
		return errorsmod.Wrapf(govtypes.ErrInvalidSigner, "expected %s, got %s", k.authorityStr, signer)
	}
	return nil
}

// checkCatalog fails with ErrUnknownRole for the first role not in the catalog.
func (k Keeper) checkCatalog(roles []string) error {
	for _, r := range roles {
		if _, ok := k.catalog[r]; !ok {
			return errorsmod.Wrapf(types.ErrUnknownRole, "role %q is not in the role catalog", r)
		}
	}
	return nil
}

// validateAddress requires a bech32 account address in its canonical (lowercase) spelling
// (accaddr.Parse, sdkerrors.ErrInvalidAddress otherwise): the module stores addresses as
// sent, so one account has one spelling in state and events.
func validateAddress(ac address.Codec, field, addr string) error {
	_, err := accaddr.Parse(ac, field, addr)
	return err
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

func validateMsgRegisterAgency(ac address.Codec, msg *types.MsgRegisterAgency) error {
	if err := validateAgencyID(msg.Id); err != nil {
		return err
	}
	if err := types.ValidateName(msg.Name); err != nil {
		return errorsmod.Wrap(types.ErrInvalidName, err.Error())
	}
	if err := validateAddress(ac, "admin", msg.Admin); err != nil {
		return err
	}
	return validateRoles(msg.Roles)
}

func validateMsgSetAgencyRoles(msg *types.MsgSetAgencyRoles) error {
	if err := validateAgencyID(msg.AgencyId); err != nil {
		return err
	}
	return validateRoles(msg.Roles)
}

func validateMsgSetAgencyStatus(msg *types.MsgSetAgencyStatus) error {
	if err := validateAgencyID(msg.AgencyId); err != nil {
		return err
	}
	if !types.ValidStatus(msg.Status) {
		return errorsmod.Wrapf(types.ErrInvalidStatus, "status %s is not one of ACTIVE, SUSPENDED, RETIRED", types.StatusName(msg.Status))
	}
	if err := types.ValidateReason(msg.Reason); err != nil {
		return errorsmod.Wrap(types.ErrInvalidReason, err.Error())
	}
	return nil
}

func validateMsgAddMember(ac address.Codec, msg *types.MsgAddMember, blockTime time.Time) error {
	return validateMemberMsg(ac, msg.Admin, msg.AgencyId, msg.Address, msg.Roles, msg.ExpiresAt, blockTime)
}

func validateMsgSetMemberRoles(ac address.Codec, msg *types.MsgSetMemberRoles, blockTime time.Time) error {
	return validateMemberMsg(ac, msg.Admin, msg.AgencyId, msg.Address, msg.Roles, msg.ExpiresAt, blockTime)
}

func validateMemberMsg(ac address.Codec, admin, agencyID, addr string, roles []string, expiresAt *time.Time, blockTime time.Time) error {
	if err := validateAddress(ac, "admin", admin); err != nil {
		return err
	}
	if err := validateAgencyID(agencyID); err != nil {
		return err
	}
	if err := validateAddress(ac, "address", addr); err != nil {
		return err
	}
	if err := validateRoles(roles); err != nil {
		return err
	}
	return validateExpiry(expiresAt, blockTime)
}

func validateMsgRemoveMember(ac address.Codec, msg *types.MsgRemoveMember) error {
	if err := validateAddress(ac, "admin", msg.Admin); err != nil {
		return err
	}
	if err := validateAgencyID(msg.AgencyId); err != nil {
		return err
	}
	return validateAddress(ac, "address", msg.Address)
}

func validateMsgTransferAdmin(ac address.Codec, msg *types.MsgTransferAdmin) error {
	if err := validateAddress(ac, "admin", msg.Admin); err != nil {
		return err
	}
	if err := validateAgencyID(msg.AgencyId); err != nil {
		return err
	}
	return validateAddress(ac, "new_admin", msg.NewAdmin)
}

// validateOfferMsg checks a message about a pending offer: the signer's address field, the
// agency id and, when other is not "", the address the offer names.
func validateOfferMsg(ac address.Codec, signerField, signer, agencyID, otherField, other string) error {
	if err := validateAddress(ac, signerField, signer); err != nil {
		return err
	}
	if err := validateAgencyID(agencyID); err != nil {
		return err
	}
	if otherField == "" {
		return nil
	}
	return validateAddress(ac, otherField, other)
}

// truncate shortens untrusted input echoed in an error message.
func truncate(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
