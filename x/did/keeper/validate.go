package keeper

import (
	"cosmossdk.io/core/address"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/x/did/types"
)

// parseAddress is accaddr.Parse: a message's account address, canonical.
func parseAddress(ac address.Codec, field, addr string) (sdk.AccAddress, error) {
	return accaddr.Parse(ac, field, addr)
}

// validateSignerDid checks the shape most DID messages open with: the signer
// and the DID they act on.
func validateSignerDid(ac address.Codec, signer, did string) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "signer", signer)
	if err != nil {
		return nil, err
	}
	return addr, types.ValidateDid(did)
}
