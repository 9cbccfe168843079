package types_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/types"
)

func TestBase58Vectors(t *testing.T) {
	// Vectors from the Bitcoin Core base58 tests and the base58btc draft.
	for _, tc := range []struct{ hex, enc string }{
		{"", ""},
		{"61", "2g"},
		{"626262", "a3gV"},
		{"636363", "aPEr"},
		{"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
		{"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
		{"516b6fcd0f", "ABnLTmg"},
		{"bf4f89001e670274dd", "3SEo3LWLoPntC"},
		{"572e4794", "3EFU7m"},
		{"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
		{"10c8511e", "Rt5zm"},
		{"00000000000000000000", "1111111111"},
		{"000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"},
		{"48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U"},
	} {
		b, err := hex.DecodeString(tc.hex)
		require.NoError(t, err)
		require.Equal(t, tc.enc, types.Base58Encode(b), "encode %s", tc.hex)
		got, ok := types.Base58Decode(tc.enc)
		require.True(t, ok, tc.enc)
		require.True(t, bytes.Equal(b, got), "decode %s: %x", tc.enc, got)
	}
}

func TestBase58DecodeRejects(t *testing.T) {
	for _, s := range []string{"0", "O", "I", "l", "abc0", " 1", "1 ", "+", "é", "\x00"} {
		_, ok := types.Base58Decode(s)
		require.False(t, ok, "%q", s)
	}
}

func TestBase58RoundTrip(t *testing.T) {
	for n := 0; n < 80; n++ {
		for _, lead := range []int{0, 1, 3} {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(i*37 + n*11 + 0xff)
			}
			for i := 0; i < lead && i < n; i++ {
				b[i] = 0
			}
			got, ok := types.Base58Decode(types.Base58Encode(b))
			require.True(t, ok)
			require.True(t, bytes.Equal(b, got), "n=%d lead=%d", n, lead)
		}
	}
	for _, b := range [][]byte{bytes.Repeat([]byte{0xff}, 64), bytes.Repeat([]byte{0}, 7)} {
		got, ok := types.Base58Decode(types.Base58Encode(b))
		require.True(t, ok)
		require.Equal(t, b, got)
	}
}
