// Package accaddr parses the account addresses of civic's messages the same
// way in every module.
package accaddr

import (
	"strconv"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// MaxLength bounds an address string before it is decoded.
const MaxLength = 128

// Parse decodes the bech32 account address of a message field and requires
// its canonical (lowercase) spelling: state stores addresses as sent and
// compares them as strings, so one account must have one spelling. Every
// failure is sdkerrors.ErrInvalidAddress naming the field.
func Parse(ac address.Codec, field, addr string) (sdk.AccAddress, error) {
	if len(addr) > MaxLength {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s is %d bytes, at most %d", field, len(addr), MaxLength)
	}
	bz, err := ac.StringToBytes(addr)
	if err != nil {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s %s: %s", field, strconv.Quote(addr), err)
	}
	if len(bz) == 0 {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s is empty", field)
	}
	if canonical, err := ac.BytesToString(bz); err != nil || canonical != addr {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s %s is not in canonical (lowercase) form", field, strconv.Quote(addr))
	}
	return bz, nil
}
