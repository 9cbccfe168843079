package types_test

import (
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/types"
)

type fieldCase struct {
	in   string
	want *errorsmod.Error // nil = valid
	msg  string
}

func runFieldCases(t *testing.T, f func(string) error, cases []fieldCase) {
	t.Helper()
	for _, tc := range cases {
		err := f(tc.in)
		if tc.want == nil {
			require.NoError(t, err, "%q", tc.in)
			continue
		}
		require.ErrorIs(t, err, tc.want, "%q", tc.in)
		require.ErrorContains(t, err, tc.msg, "%q", tc.in)
	}
}

func TestValidateSchemaName(t *testing.T) {
	runFieldCases(t, types.ValidateSchemaName, []fieldCase{
		{"a", nil, ""},
		{"DriverLicense", nil, ""},
		{"kr.go.police.evidence-receipt_v2", nil, ""},
		{strings.Repeat("n", 64), nil, ""},
		{"", types.ErrInvalidSchema, "empty"},
		{strings.Repeat("n", 65), types.ErrFieldTooLong, "65 bytes, at most 64"},
		{"has space", types.ErrInvalidSchema, "' ' at position 4"},
		{"a/b", types.ErrInvalidSchema, "'/'"},
		{"운전면허", types.ErrInvalidSchema, "outside [A-Za-z0-9._-]"},
		{"a:b", types.ErrInvalidSchema, "':'"},
		{"card-01012345678", types.ErrInvalidSchema, "run of more than 8 digits"},
		{"hong-900101-1234567", types.ErrInvalidSchema, "run of more than 8 digits"},
	})
}

func TestValidateSchemaVersion(t *testing.T) {
	runFieldCases(t, types.ValidateSchemaVersion, []fieldCase{
		{"0.0.0", nil, ""},
		{"1.2.3", nil, ""},
		{"10.20.30", nil, ""},
		{"2026.12.6", nil, ""},
		{"1.0.123456", nil, ""},
		{"1.0.1234567", types.ErrInvalidSchema, "run of more than 8 digits"},
		{"900101.1234567.0", types.ErrInvalidSchema, "run of more than 8 digits"},
		{"", types.ErrInvalidSchema, "not MAJOR.MINOR.PATCH"},
		{"1", types.ErrInvalidSchema, "has 1 numbers"},
		{"1.2", types.ErrInvalidSchema, "has 2 numbers"},
		{"1.2.3.4", types.ErrInvalidSchema, "has 4 numbers"},
		{"01.2.3", types.ErrInvalidSchema, "leading zeros"},
		{"1.02.3", types.ErrInvalidSchema, "leading zeros"},
		{"1.2.03", types.ErrInvalidSchema, "leading zeros"},
		{"1..3", types.ErrInvalidSchema, "not MAJOR.MINOR.PATCH"},
		{".1.2", types.ErrInvalidSchema, "not MAJOR.MINOR.PATCH"},
		{"1.2.", types.ErrInvalidSchema, "not MAJOR.MINOR.PATCH"},
		{"v1.2.3", types.ErrInvalidSchema, "'v' at position 1"},
		{"1.2.3-beta", types.ErrInvalidSchema, "'-'"},
		{"1.2.3+build", types.ErrInvalidSchema, "'+'"},
		{"1.2.-3", types.ErrInvalidSchema, "'-'"},
		{"1.0.0" + strings.Repeat(".", 28), types.ErrFieldTooLong, "33 bytes, at most 32"},
	})
}

func TestValidateDigest(t *testing.T) {
	f := func(s string) error { return types.ValidateDigest("json_schema_digest", s) }
	runFieldCases(t, f, []fieldCase{
		{strings.Repeat("a", 64), nil, ""},
		{"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", nil, ""},
		{"", types.ErrInvalidSchema, "json_schema_digest must be 64 lowercase hex characters, got 0"},
		{strings.Repeat("a", 63), types.ErrInvalidSchema, "got 63"},
		{strings.Repeat("a", 65), types.ErrInvalidSchema, "got 65"},
		{strings.Repeat("A", 64), types.ErrInvalidSchema, "not lowercase hex (character 1)"},
		{strings.Repeat("a", 63) + "g", types.ErrInvalidSchema, "character 64"},
		{strings.Repeat("a", 62) + "é", types.ErrInvalidSchema, "json_schema_digest"},
	})
}

func TestValidateLocator(t *testing.T) {
	f := func(s string) error { return types.ValidateLocator("locator", s) }
	runFieldCases(t, f, []fieldCase{
		{"https://schemas.gov.kr/dl/1.0.0.json", nil, ""},
		{"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", nil, ""},
		{"https://schemas.gov.kr/" + strings.Repeat("a", 233), nil, ""}, // 256 bytes
		{"https://schemas.gov.kr/" + strings.Repeat("a", 234), types.ErrFieldTooLong, "locator is 257 bytes, at most 256"},
		{"", types.ErrInvalidSchema, "not an https URL"},
		{"urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", types.ErrInvalidSchema, "not an https URL"},
		{"schemas.gov.kr/dl.json", types.ErrInvalidSchema, "not an https URL"},
		{"https:", types.ErrInvalidSchema, "not an https URL"},
		{"https://a.kr/a b", types.ErrInvalidSchema, "outside [A-Za-z0-9._~-]"},
		{"https://a.kr/a\tb", types.ErrInvalidSchema, "outside [A-Za-z0-9._~-]"},
		{"https://ü.kr", types.ErrInvalidSchema, "outside lowercase"},
		{"https://hong@schemas.gov.kr/dl.json", types.ErrInvalidSchema, "no user information"},
		{"https://schemas.gov.kr/dl.json?owner=hong", types.ErrInvalidSchema, "outside [A-Za-z0-9._~-]"},
		{"https://schemas.gov.kr/010-1234-5678.json", types.ErrInvalidSchema, "run of more than 8 digits"},
		{"ipfs://hong-gildong", types.ErrInvalidSchema, "CID"},
		{"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/a", types.ErrInvalidSchema, "CID"},
	})
}
