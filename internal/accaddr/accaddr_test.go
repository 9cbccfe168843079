package accaddr_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/civicchain/civic/internal/accaddr"
)

func TestParse(t *testing.T) {
	ac := addresscodec.NewBech32Codec("civic")
	addr, err := ac.BytesToString(make([]byte, 20))
	require.NoError(t, err)

	bz, err := accaddr.Parse(ac, "signer", addr)
	require.NoError(t, err)
	require.Len(t, bz, 20)

	for name, bad := range map[string]string{
		"empty":        "",
		"not bech32":   "civic1xyz",
		"upper case":   strings.ToUpper(addr),
		"too long":     strings.Repeat("a", accaddr.MaxLength+1),
		"other prefix": "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a",
	} {
		_, err := accaddr.Parse(ac, "signer", bad)
		require.ErrorIs(t, err, sdkerrors.ErrInvalidAddress, name)
		require.Contains(t, err.Error(), "signer", name)
	}
}
