package pii_test

import (
	"testing"

	"github.com/civicchain/civic/internal/pii"
)

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"hong@example.kr", "an e-mail address"},
		{"900101-1234567", "a resident registration number"},
		{"9001011234567", "a resident registration number"},
		{"E-900101-2234567-X", "a resident registration number"},
		{"010-1234-5678", "a telephone number"},
		{"01012345678", "a telephone number"},
		{"02-323-4567", "a telephone number"},
		{"(02) 323-4567", "a telephone number"},
		{"+82-10-1234-5678", "a telephone number"},
		{"s3://bucket/010.1234.5678.dd", "a telephone number"},
		// codes that are no personal data
		{"AU-LOT-260417", ""},
		{"KCS-26-0417-000123", ""},
		{"IMP-2026-000417", ""},
		{"HACCP-2026-0417", ""},
		{"AU-VHC-2026-88123", ""},
		{"991399-1234567", ""}, // month 13: not a date
		{"4.7.1", ""},
		{"", ""},
	} {
		if got := pii.Find(tc.in); got != tc.want {
			t.Errorf("Find(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFindInText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"Hanbit Foods Import", ""},
		{"Department of Agriculture, Fisheries and Forestry", ""},
		{"한빛식품 2공장", ""},
		{"Chilled beef 1200", ""},
		{"홍길동 123 4567", "a number of 7 or more digits"},
		{"Hanbit 1234567", "a number of 7 or more digits"},
		{"홍길동 010 1234 5678", "a telephone number"},
		{"hong at example@kr", "an e-mail address"},
	} {
		if got := pii.FindInText(tc.in); got != tc.want {
			t.Errorf("FindInText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFindNoFalseTelephone(t *testing.T) {
	for _, in := range []string{"E-001-23430802", "001-2343-0802", "0201300000-LOT", "KCS-26-0417-000123", "LOT-0123-4567"} {
		if got := pii.Find(in); got != "" {
			t.Errorf("Find(%q) = %q, want none", in, got)
		}
	}
}
