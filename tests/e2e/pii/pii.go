// Package pii finds Korean personal data in strings and in decoded JSON: resident
// registration numbers, phone numbers, e-mail addresses and Hangul personal
// names. The e2e privacy scan (tests/e2e/privacy_test.go) runs it over a
// chain's exported state and every event; nothing of the kind should be there
// (issue 11, finding 15), since the modules anchor digests, never documents.
//
// The patterns favour standalone values: a digit group inside a hex digest,
// a bech32 address or a longer number is not a hit.
//
// It is deliberately independent of internal/pii, the check the modules run
// on every free-text field before they store it: the scan is a second
// opinion on what reached the chain, so a gap in the modules' check is not
// shared by the test that is meant to catch it.
package pii

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is a class of personal data.
type Kind string

const (
	RRN   Kind = "resident registration number"
	Phone Kind = "phone number"
	Email Kind = "e-mail address"
	Name  Kind = "Hangul personal name"
)

// Match is one personal-data value found in a string.
type Match struct {
	Kind  Kind
	Value string
}

var (
	// YYMMDD, then a hyphen or not, then the sex/century digit 1-8 and six digits.
	rrnRe = regexp.MustCompile(`^(\d{2})(\d{2})(\d{2})-?[1-8]\d{6}`)
	// Mobile 01X and area codes 02, 031-064, 070; domestic 0... or +82 / 0082 with
	// the trunk zero dropped (or written as "(0)"); hyphen, dot or space between groups.
	phoneRe = regexp.MustCompile(`^(?:0|(?:\+|00)82[- ]?(?:\(0\)[- ]?)?)(?:1[016789]|2|[3-6][1-5]|70)[-. ]?\d{3,4}[-. ]?\d{4}`)
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
)

// Korean surnames, most common first; together they cover well over 99% of
// the population. Two-syllable surnames are listed separately.
var (
	surnames  = []rune("김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉")
	surnames2 = []string{"남궁", "황보", "제갈", "사공", "선우", "서문", "독고", "동방"}
)

// Find returns the personal data in s. With names false, Hangul names are not
// looked for (the value is in a field meant for names of public bodies or
// products).
func Find(s string, names bool) []Match {
	var out []Match
	for i := 0; i < len(s); i++ {
		if !tokenStart(s, i) {
			continue
		}
		if m := rrnAt(s, i); m != "" {
			out = append(out, Match{RRN, m})
			i += len(m) - 1
			continue
		}
		if m := phoneAt(s, i); m != "" {
			out = append(out, Match{Phone, m})
			i += len(m) - 1
		}
	}
	for _, m := range emailRe.FindAllString(s, -1) {
		out = append(out, Match{Email, m})
	}
	if names {
		for _, m := range hangulNames(s) {
			out = append(out, Match{Name, m})
		}
	}
	return out
}

// isAlnum reports an ASCII letter or digit: a neighbour that makes a digit
// group part of a larger token (hex digest, bech32 address, coin amount).
func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// tokenStart reports whether a standalone value may start at s[i]: the byte
// before it is no letter or digit, and no decimal point or separator that
// follows a digit ("12.345...", "1,234...").
func tokenStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	p := s[i-1]
	if isAlnum(p) {
		return false
	}
	return !((p == '.' || p == ',') && i >= 2 && isDigit(s[i-2]))
}

// tokenEnd reports whether a standalone value may end before s[j].
func tokenEnd(s string, j int) bool {
	if j >= len(s) {
		return true
	}
	n := s[j]
	if isAlnum(n) {
		return false
	}
	return !((n == '.' || n == ',' || n == '-') && j+1 < len(s) && isDigit(s[j+1]))
}

// rrnAt returns the resident registration number that starts at s[i], if
// one does: 13 digits (6-7 with a hyphen) whose first six are a date. A bare
// 13-digit number is also what an amount looks like, so without the hyphen
// the number must also carry a valid check digit, as every number issued
// before October 2020 does.
func rrnAt(s string, i int) string {
	loc := rrnRe.FindStringSubmatchIndex(s[i:])
	if loc == nil || !tokenEnd(s, i+loc[1]) {
		return ""
	}
	m := s[i : i+loc[1]]
	month, _ := strconv.Atoi(s[i+loc[4] : i+loc[5]])
	day, _ := strconv.Atoi(s[i+loc[6] : i+loc[7]])
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return ""
	}
	if !strings.Contains(m, "-") && !rrnCheckDigitOK(m) {
		return ""
	}
	return m
}

// rrnCheckDigitOK checks the 13th digit of a bare number: (11 - sum of the
// first twelve digits weighted 2..9,2..5, mod 11) mod 10.
func rrnCheckDigitOK(d string) bool {
	weights := [12]int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}
	sum := 0
	for k, w := range weights {
		sum += int(d[k]-'0') * w
	}
	return (11-sum%11)%10 == int(d[12]-'0')
}

// phoneAt returns the Korean phone number that starts at s[i], if one does.
func phoneAt(s string, i int) string {
	loc := phoneRe.FindStringIndex(s[i:])
	if loc == nil || !tokenEnd(s, i+loc[1]) {
		return ""
	}
	return s[i : i+loc[1]]
}

func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// hangulNames returns the runs of 2-4 Hangul syllables, standing alone (no
// Hangul syllable next to them), that start with a surname: one syllable
// followed by 1-3 more, or a two-syllable surname followed by 1-2 more.
func hangulNames(s string) []string {
	var out []string
	runes := []rune(s)
	for i := 0; i < len(runes); {
		if !isHangulSyllable(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && isHangulSyllable(runes[j]) {
			j++
		}
		run := string(runes[i:j])
		n := j - i
		switch {
		case n >= 3 && n <= 4 && slices.Contains(surnames2, string(runes[i:i+2])):
			out = append(out, run)
		case n >= 2 && n <= 4 && slices.Contains(surnames, runes[i]):
			out = append(out, run)
		}
		i = j
	}
	return out
}

// Finding is a match with where it was found.
type Finding struct {
	Where string // JSON path or event type and attribute, with indices
	Kind  Kind
	Match string
	Value string // the whole string the match is in
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s %q in %q", f.Where, f.Kind, f.Match, f.Value)
}

// Scanner walks decoded JSON and collects findings. A string whose field
// path is in NameFields may hold names: Hangul names are not looked for
// there, the other patterns are. A field path is the JSON path with indices
// written as "[]", starting over at the type of a packed Any ("@type").
type Scanner struct {
	NameFields map[string]bool
	Strings    int // strings scanned, object keys included
	Findings   []Finding
}

// NewScanner returns a Scanner that allows Hangul names in nameFields.
func NewScanner(nameFields ...string) *Scanner {
	s := &Scanner{NameFields: map[string]bool{}}
	for _, f := range nameFields {
		s.NameFields[f] = true
	}
	return s
}

// Walk scans every string in v (a value decoded by encoding/json) and every
// object key. where is the path shown in findings, field the path matched
// against NameFields; both grow as the walk descends.
func (s *Scanner) Walk(where, field string, v any) {
	switch x := v.(type) {
	case map[string]any:
		// A packed Any (a message in a tx or a proposal) is matched by its
		// type, wherever it is: "civic.agency.v1.MsgRegisterAgency.name".
		if typ, ok := x["@type"].(string); ok {
			field = strings.TrimPrefix(typ, "/")
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			s.String(join(where, "{key}"), join(field, "{key}"), k)
			s.Walk(join(where, k), join(field, k), x[k])
		}
	case []any:
		for i, y := range x {
			s.Walk(fmt.Sprintf("%s[%d]", where, i), field+"[]", y)
		}
	case string:
		s.String(where, field, x)
	case json.Number:
		s.String(where, field, x.String())
	}
}

// String scans one string. A string that holds JSON (a typed event's
// attribute value, a document kept as text) is walked as JSON instead, and
// one that is base64 of printable text (proto bytes) is also decoded and
// scanned.
func (s *Scanner) String(where, field, v string) {
	if inner, ok := jsonValue(v); ok {
		s.Walk(where, field, inner)
		return
	}
	s.Strings++
	for _, m := range Find(v, !s.NameFields[field]) {
		s.Findings = append(s.Findings, Finding{Where: where, Kind: m.Kind, Match: m.Value, Value: v})
	}
	if text, ok := base64Text(v); ok {
		s.String(where+"(base64)", field, text)
	}
}

// Decode decodes JSON as Walk expects it: numbers kept as json.Number, so
// that long integers keep their digits.
func Decode(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

// jsonValue decodes v when it is a JSON object, array or string.
func jsonValue(v string) (any, bool) {
	t := strings.TrimSpace(v)
	if t == "" || (t[0] != '{' && t[0] != '[' && t[0] != '"') {
		return nil, false
	}
	inner, err := Decode([]byte(t))
	return inner, err == nil
}

// base64Text decodes v when it is standard base64 (as encoding/json writes
// []byte) of printable UTF-8 text, at least 6 bytes of it.
func base64Text(v string) (string, bool) {
	if len(v) < 8 || len(v)%4 != 0 {
		return "", false
	}
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(raw) < 6 || !utf8.Valid(raw) {
		return "", false
	}
	for _, r := range string(raw) {
		if !unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return "", false
		}
	}
	return string(raw), true
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
