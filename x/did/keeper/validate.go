package keeper

import (
	"strconv"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// maxAddressLength bounds an address string before it is decoded.
const maxAddressLength = 128

// parseAddress decodes a bech32 account address of a message field and
// requires its canonical (lowercase) spelling, so that state compares
// addresses as strings safely.
func parseAddress(ac address.Codec, field, addr string) (sdk.AccAddress, error) {
	if len(addr) > maxAddressLength {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s is %d bytes, at most %d", field, len(addr), maxAddressLength)
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
