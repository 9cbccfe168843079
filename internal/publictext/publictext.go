// Package publictext holds the grammars of the public texts more than one
// module stores — a legal basis code and the public name of a body, a program
// or a group — so that each module checks them the same way. Each function
// returns a plain error naming the field; the module wraps it in its own
// registered error (errorsmod.Wrap(types.ErrInvalidCode, err.Error())).
package publictext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/internal/text"
)

// MaxLegalBasisLength bounds a legal basis code.
const MaxLegalBasisLength = 128

// NameSymbols is the punctuation a public name may use besides letters,
// digits and single spaces.
const NameSymbols = ".,&'()-/+·"

// LegalBasis checks a legal basis code: 1..128 of [A-Z0-9._:+-], starting
// with a letter or digit, with nothing of the shape of personal data, e.g.
// "KR-DWQS-ANNEX1" or "KR-NBLSA-7+KR-EWSA-3" (several rules joined by "+").
func LegalBasis(field, s string) error {
	if s == "" || len(s) > MaxLegalBasisLength {
		return fmt.Errorf("%s %s must be 1..%d characters", field, text.Quote(s), MaxLegalBasisLength)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || !strings.ContainsRune("._:+-", rune(c))) {
			return fmt.Errorf("%s %s: character %d is not in [A-Z0-9._:+-] (first: a letter or digit)", field, text.Quote(s), i+1)
		}
	}
	if what := pii.Find(s); what != "" {
		return fmt.Errorf("%s %s has the shape of %s", field, text.Quote(s), what)
	}
	return nil
}

// Name checks a public name or description: 1..max bytes of valid UTF-8 made
// of Latin or Hangul letters, digits, single spaces and NameSymbols, with no
// leading or trailing space and nothing of the shape of personal data
// (pii.FindInText: no e-mail address, resident registration number,
// telephone number or other number of 7 or more digits).
func Name(field, s string, max int) error {
	if len(s) > max {
		return fmt.Errorf("%s is %d bytes, at most %d", field, len(s), max)
	}
	if s == "" {
		return fmt.Errorf("%s is empty", field)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s %s is not valid UTF-8", field, text.Quote(s))
	}
	if strings.TrimSpace(s) != s {
		return fmt.Errorf("%s %s has leading or trailing white space", field, text.Quote(s))
	}
	prevSpace := false
	for i, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return fmt.Errorf("%s %s has two spaces in a row at byte %d", field, text.Quote(s), i+1)
			}
		case unicode.IsLetter(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Hangul, r)):
		case '0' <= r && r <= '9':
		case strings.ContainsRune(NameSymbols, r):
		default:
			return fmt.Errorf("%s %s has %q at byte %d: a name is Latin or Hangul letters, digits, spaces and %s",
				field, text.Quote(s), r, i+1, NameSymbols)
		}
		prevSpace = r == ' '
	}
	if what := pii.FindInText(s); what != "" {
		return fmt.Errorf("%s %s has the shape of %s", field, text.Quote(s), what)
	}
	return nil
}
