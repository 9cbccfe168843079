package publictext_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/internal/publictext"
)

func TestLegalBasis(t *testing.T) {
	for _, ok := range []string{"KR-DWQS-ANNEX1", "KR-DWQS-ANNEX1+KR-WSHR-FREE-CL", "KR-NBLSA-7+KR-EWSA-3", "A", "EU2016.679", strings.Repeat("A", 128)} {
		require.NoError(t, publictext.LegalBasis("legal_basis", ok), ok)
	}
	for _, tc := range []struct{ in, want string }{
		{"", "must be 1..128 characters"},
		{strings.Repeat("A", 129), "must be 1..128 characters"},
		{"-KR", "character 1 is not in"},
		{"kr-law", "character 1 is not in"},
		{"KR LAW", "character 3 is not in"},
		{"KR-900101-1234567", "resident registration number"},
		{"KR-010-1234-5678", "telephone number"},
	} {
		err := publictext.LegalBasis("legal_basis", tc.in)
		require.ErrorContains(t, err, tc.want, tc.in)
		require.ErrorContains(t, err, "legal_basis", tc.in)
	}
}

func TestName(t *testing.T) {
	for _, ok := range []string{"기초생활보장 생계급여", "Emergency livelihood support (긴급복지)", "Busan 2026 · relief", "A&B Co., Ltd."} {
		require.NoError(t, publictext.Name("name", ok, 128), ok)
	}
	for _, tc := range []struct{ in, want string }{
		{"", "is empty"},
		{strings.Repeat("가", 50), "at most 128"},
		{" lead", "leading or trailing"},
		{"two  spaces", "two spaces"},
		{"hong@example.kr", "'@'"},
		{"홍길동 900101-1234567", "resident registration number"},
		{"call 010-1234-5678", "telephone number"},
		{"case 12345678", "7 or more digits"},
		{"漢字", "a name is Latin or Hangul"},
		{"bad\xff", "not valid UTF-8"},
	} {
		err := publictext.Name("name", tc.in, 128)
		require.ErrorContains(t, err, tc.want, tc.in)
	}
}
