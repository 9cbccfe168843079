package keeper

import (
	"cosmossdk.io/core/address"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
)

// parseAddress is accaddr.Parse: a message's account address, canonical.
func parseAddress(ac address.Codec, field, addr string) (sdk.AccAddress, error) {
	return accaddr.Parse(ac, field, addr)
}
