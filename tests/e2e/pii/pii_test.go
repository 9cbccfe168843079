package pii

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
)

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// Each planted value must be found, as that kind and that exact text.
func TestFinding15FindCatchesPlantedValues(t *testing.T) {
	cases := []struct {
		in   string
		kind Kind
		want string
	}{
		{"900101-1234567", RRN, "900101-1234567"},
		{"9001011234568", RRN, "9001011234568"}, // bare: valid check digit
		{"id 0203043456784", RRN, "0203043456784"},
		{"holder 851231-2345678, seoul", RRN, "851231-2345678"},
		{"주민번호:020304-3456789", RRN, "020304-3456789"},
		{"rrn=991231-8123456;", RRN, "991231-8123456"},
		{"010-1234-5678", Phone, "010-1234-5678"},
		{"01012345678", Phone, "01012345678"},
		{"call 011-123-4567 now", Phone, "011-123-4567"},
		{"02-123-4567", Phone, "02-123-4567"},
		{"(031)1234-5678 is not a form we take, 031-1234-5678 is", Phone, "031-1234-5678"},
		{"064.712.3456", Phone, "064.712.3456"},
		{"070 1234 5678", Phone, "070 1234 5678"},
		{"+82-10-1234-5678", Phone, "+82-10-1234-5678"},
		{"+82 10 1234 5678", Phone, "+82 10 1234 5678"},
		{"+821012345678", Phone, "+821012345678"},
		{"+82 (0)2 123 4567", Phone, "+82 (0)2 123 4567"},
		{"008227654321", Phone, "008227654321"},
		{"hong.gildong@example.com", Email, "hong.gildong@example.com"},
		{"mailto:a+b@mail.go.kr?subject=x", Email, "a+b@mail.go.kr"},
		{"홍길동", Name, "홍길동"},
		{"김철수", Name, "김철수"},
		{"이영", Name, "이영"},
		{"남궁민수", Name, "남궁민수"},
		{"담당: 박지성 님", Name, "박지성"},
		{"driver=최민호;", Name, "최민호"},
	}
	for _, tc := range cases {
		got := Find(tc.in, true)
		if !slices.Contains(got, Match{tc.kind, tc.want}) {
			t.Errorf("Find(%q) = %v, want it to contain %s %q", tc.in, got, tc.kind, tc.want)
		}
	}
}

// Digests, addresses, amounts, timestamps and ordinary identifiers must not be
// taken for personal data.
func TestFinding15FindIgnoresDigestsAddressesAndAmounts(t *testing.T) {
	clean := []string{
		// hex digests, also ones with a planted digit group inside
		sha("forensic image of a seized phone"),
		sha("900101-1234567"),
		"ab9001011234567cd" + sha("x")[:47],
		"9001011234567abcdef" + sha("y")[:45],
		"f01012345678e" + sha("z")[:51],
		"0x01012345678",
		// bech32 addresses (the charset has no '1' after the separator)
		"civic1xq9002022345678zz0202345678qqqqqqqqqqqqqqqqqq",
		"civic1qyqszqgpqyqszqgpqyqszqgpqyqszqgpwvj5fh",
		"civicvaloper1q0202345678s9002022345678z3sxq2",
		// amounts, long numbers, decimals
		"64000000000",
		"1000000000000stake",
		"9001011234567", // a date first, but a wrong check digit: an amount
		"9001011234567stake",
		"9001011234568stake",
		"9001011234567ucivic,500stake",
		"12345678901234567890",
		"90010112345680",
		"19001011234568",
		"0.050000000000000000",
		"3.9001011234567",
		"9001011234567.5",
		"1,234,567,890,123",
		"01012345678.25",
		// 13 digits that are no date of birth
		"9013011234567",
		"9001321234567",
		"9000011234567",
		"900101-9234567",
		// times and identifiers
		"2026-01-05T09:30:00Z",
		"2026-12-06T01:02:03.123456789Z",
		"1767605400000",
		"123e4567-e89b-12d3-a456-426614174000",
		"E-001",
		"2026-01-0123",
		"010-12-345", // too short for a phone number
		"s3://knpa-evidence/2026/000123/e-001.dd",
		"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
		"did:civic:knpa:8b1f9a2c",
		"@context",
		"github.com/x/y@v1.2.3",
		"10.0.0.1:26657",
		// Hangul that is no personal name: one syllable, five or more, or no surname first
		"수산물",
		"님",
		"대한민국정부",
		"냉동 새우 2026",
	}
	for _, s := range clean {
		if got := Find(s, true); len(got) != 0 {
			t.Errorf("Find(%q) = %v, want nothing", s, got)
		}
	}
}

func TestFinding15FindWithoutNames(t *testing.T) {
	got := Find("홍길동 010-1234-5678", false)
	want := []Match{{Phone, "010-1234-5678"}}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestFinding15ScannerWalksStateEventsAndTxs(t *testing.T) {
	phoneText := base64.StdEncoding.EncodeToString([]byte("contact 010-9876-5432"))
	doc, err := Decode([]byte(`{
		"app_state": {
			"agency": {"agencies": [
				{"id": "knpa", "name": "경찰청", "admin": "civic1qyqszqgpqyqszqgpqyqszqgpqyqszqgpwvj5fh"},
				{"id": "x", "name": "홍길동 010-1111-2222"}
			]},
			"bank": {"supply": [{"denom": "stake", "amount": "9001011234567"}]},
			"haccp": {"declarations": [{"note": "김철수", "qty": 9001011234567, "doc": "` + phoneText + `"}]},
			"labels": {"a@b.com": "x"},
			"gov": {"proposals": [{"title": "이순신", "messages": [
				{"@type": "/civic.agency.v1.MsgRegisterAgency", "name": "경찰청", "admin": "홍길동"}
			]}]}
		}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	s := NewScanner("app_state.agency.agencies[].name", "civic.agency.v1.MsgRegisterAgency.name")
	s.Walk("", "", doc)
	// A typed event's attribute value is JSON, its strings quoted.
	s.String("block 5 tx 0 civic.x.v1.EventY.who", "civic.x.v1.EventY.who", `{"person":"\"900101-1234567\""}`)

	var got []string
	for _, f := range s.Findings {
		got = append(got, f.Where+" "+string(f.Kind)+" "+f.Match)
	}
	slices.Sort(got)
	want := []string{
		"app_state.agency.agencies[1].name phone number 010-1111-2222",
		"app_state.gov.proposals[0].messages[0].admin Hangul personal name 홍길동",
		"app_state.gov.proposals[0].title Hangul personal name 이순신",
		"app_state.haccp.declarations[0].doc(base64) phone number 010-9876-5432",
		"app_state.haccp.declarations[0].note Hangul personal name 김철수",
		"app_state.labels.{key} e-mail address a@b.com",
		"block 5 tx 0 civic.x.v1.EventY.who.person resident registration number 900101-1234567",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s.Strings < 20 {
		t.Fatalf("scanned %d strings, want every key and value", s.Strings)
	}
	f := s.Findings[0]
	if !strings.Contains(f.String(), f.Where) || !strings.Contains(f.String(), f.Value) {
		t.Fatalf("finding %q does not name its path and value", f.String())
	}
}
