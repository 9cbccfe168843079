package types_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/types"
)

func TestValidateDid(t *testing.T) {
	b22 := strings.Repeat("z", 22)
	b44 := strings.Repeat("1", 44)
	for _, tc := range []struct {
		name, did string
		wantErr   string // "" = valid; else a substring of the message
	}{
		{"base58 22", "did:civic:" + b22, ""},
		{"base58 44", "did:civic:" + b44, ""},
		{"base58 alphabet", "did:civic:123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdef", ""},
		{"uuid", "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9a66", ""},
		{"test fixture", testDid(1), ""},
		{"empty", "", "does not start with"},
		{"no prefix", "civic:" + b22, "does not start with"},
		{"other method", "did:web:" + b22, "not of the method did:civic"},
		{"uppercase method", "did:CIVIC:" + b22, "not of the method did:civic"},
		{"DID prefix only", "did:civic:", "empty method-specific id"},
		{"too short", "did:civic:" + strings.Repeat("z", 21), "21 characters"},
		{"too long", "did:civic:" + strings.Repeat("z", 45), "at most 54"},
		{"far too long", "did:civic:" + strings.Repeat("z", 10000), "10010 bytes"},
		{"zero", "did:civic:0" + strings.Repeat("z", 21), "'0' at position 1"},
		{"capital O", "did:civic:" + strings.Repeat("z", 21) + "O", "'O' at position 22"},
		{"capital I", "did:civic:I" + strings.Repeat("z", 21), "'I'"},
		{"lowercase l", "did:civic:l" + strings.Repeat("z", 21), "'l'"},
		{"colon", "did:civic:ab:" + strings.Repeat("z", 21), "':'"},
		{"space", "did:civic: " + strings.Repeat("z", 21), "' '"},
		{"non-ascii", "did:civic:é" + strings.Repeat("z", 21), "not base58btc"},
		{"fragment", "did:civic:" + b22 + "#key-1", "'#' at position 23"},
		{"path", "did:civic:" + b22 + "/p", "a DID has no path"},
		{"query", "did:civic:" + b22 + "?q", "'?'"},
		{"uppercase uuid", "did:civic:6E8BC430-9C3A-11D9-9669-0800200C9A66", "not a lowercase UUID"},
		{"uuid without one dash", "did:civic:6e8bc430-9c3a-11d9-96690800200c9a66", "not a lowercase UUID"},
		{"uuid misplaced dash", "did:civic:6e8bc4309-c3a-11d9-9669-0800200c9a66", "not a lowercase UUID"},
		{"uuid non-hex", "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9g66", "not a lowercase UUID"},
		{"uuid braces", "did:civic:{6e8bc430-9c3a-11d9-9669-0800200c9a66}", "not a lowercase UUID"},
		{"trailing newline", "did:civic:" + b22 + "\n", "not base58btc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := types.ValidateDid(tc.did)
			if tc.wantErr == "" {
				require.NoError(t, err)
				require.True(t, types.IsDid(tc.did))
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidDid)
			require.ErrorContains(t, err, tc.wantErr)
			require.False(t, types.IsDid(tc.did))
		})
	}
}

func TestParseDidURL(t *testing.T) {
	did := testDid(1)
	for _, tc := range []struct {
		name, url    string
		wantFragment string
		wantErr      string
	}{
		{"simple", did + "#key-1", "key-1", ""},
		{"all fragment characters", did + "#aZ09._~-", "aZ09._~-", ""},
		{"64-char fragment", did + "#" + strings.Repeat("f", 64), strings.Repeat("f", 64), ""},
		{"uuid DID", "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9a66#k", "k", ""},
		{"no fragment", did, "", "has no fragment"},
		{"empty fragment", did + "#", "", "fragment is empty"},
		{"65-char fragment", did + "#" + strings.Repeat("f", 65), "", "65 bytes"},
		{"second hash", did + "#a#b", "", "'#' at position 2"},
		{"fragment space", did + "#a b", "", "' ' at position 2"},
		{"fragment slash", did + "#a/b", "", "'/'"},
		{"fragment percent", did + "#a%20", "", "'%'"},
		{"path", did + "/path#key-1", "", "paths and queries are not supported"},
		{"query", did + "?versionId=1#key-1", "", "paths and queries are not supported"},
		{"path without fragment", did + "/path", "", "paths and queries are not supported"},
		{"relative", "#key-1", "", "does not start with"},
		{"other method", "did:web:example.com#key-1", "", "not of the method did:civic"},
		{"bad DID", "did:civic:0OIl#key-1", "", "4 characters"},
		{"too long", did + "#" + strings.Repeat("f", 200), "", "at most 128"},
		{"empty", "", "", "has no fragment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gotDid, frag, err := types.ParseDidURL(tc.url)
			if tc.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, tc.url, gotDid+"#"+frag)
				require.Equal(t, tc.wantFragment, frag)
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidDidURL)
			require.ErrorContains(t, err, tc.wantErr)
			require.Empty(t, gotDid)
			require.Empty(t, frag)
		})
	}
}
