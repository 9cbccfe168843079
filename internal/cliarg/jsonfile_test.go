package cliarg_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/cliarg"
)

func TestParseRecords(t *testing.T) {
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	coins, err := cliarg.ParseRecords[sdk.Coin](cdc, []byte(`[{"denom":"ukrw","amount":"5"},{"denom":"ucivic","amount":"7"}]`), "coins")
	require.NoError(t, err)
	require.Equal(t, []sdk.Coin{sdk.NewInt64Coin("ukrw", 5), sdk.NewInt64Coin("ucivic", 7)}, coins)

	for in, want := range map[string]string{
		`{}`:                       "not a JSON array of coins",
		`[] []`:                    "trailing data after the array of coins",
		`[]`:                       "no coins: a batch has at least one",
		`[{"denom":"u","x":true}]`: "coins[0]:",
	} {
		_, err := cliarg.ParseRecords[sdk.Coin](cdc, []byte(in), "coins")
		require.ErrorContains(t, err, want, in)
	}
}

func TestReadRecordsFile(t *testing.T) {
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	path := filepath.Join(t.TempDir(), "coins.json")
	require.NoError(t, os.WriteFile(path, []byte(`[{"denom":"ukrw","amount":"5"}]`), 0o600))

	coins, err := cliarg.ReadRecordsFile[sdk.Coin](cdc, path, 1<<10, "coins")
	require.NoError(t, err)
	require.Len(t, coins, 1)

	_, err = cliarg.ReadRecordsFile[sdk.Coin](cdc, path, 10, "coins")
	require.ErrorContains(t, err, "is larger than 10 bytes")
	_, err = cliarg.ReadRecordsFile[sdk.Coin](cdc, filepath.Join(t.TempDir(), "missing.json"), 1<<10, "coins")
	require.Error(t, err)
}
