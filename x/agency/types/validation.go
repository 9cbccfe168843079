package types

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	// MaxAgencyIDLength bounds an agency id (slug) in bytes.
	MaxAgencyIDLength = 32
	// MaxNameLength bounds an agency name in bytes of UTF-8 (about 42 Hangul syllables).
	MaxNameLength = 128
	// MaxNameDigits bounds the digits of an agency name ("112", "2nd District"): a phone
	// number or a resident registration number does not fit.
	MaxNameDigits = 4
	// MaxReasonLength bounds the reason of a status change in bytes of UTF-8.
	MaxReasonLength = 256
	// MaxReasonDigits bounds the digits of a reason (a date or a decision number fits; a
	// phone number or a resident registration number does not).
	MaxReasonDigits = 8
)

var agencyIDRe = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)

// ValidateAgencyID checks the slug grammar ^[a-z][a-z0-9-]{1,31}$.
func ValidateAgencyID(id string) error {
	if len(id) > MaxAgencyIDLength || !agencyIDRe.MatchString(id) {
		return fmt.Errorf("agency id %q does not match %s", truncate(id), agencyIDRe.String())
	}
	return nil
}

// nameSymbols are the punctuation marks a public body's name uses.
const nameSymbols = "-().,&'·/"

// reasonSymbols are the punctuation marks a status-change reason may use besides nameSymbols.
const reasonSymbols = ":;"

// ValidateName checks an agency name, the name of a public body: 1..MaxNameLength bytes of
// Latin, Hangul or Han letters, ASCII digits (at most MaxNameDigits), single spaces between
// words and the punctuation -().,&'·/ — so no e-mail address, phone number or resident
// registration number fits.
func ValidateName(name string) error {
	if len(name) == 0 || len(name) > MaxNameLength {
		return fmt.Errorf("name must be 1..%d bytes, got %d", MaxNameLength, len(name))
	}
	if err := checkText(name, nameSymbols, MaxNameDigits); err != nil {
		return fmt.Errorf("name: %w", err)
	}
	return nil
}

// ValidateReason checks a status-change reason: empty, or at most MaxReasonLength bytes of
// the name grammar (ValidateName) plus ':' and ';', with at most MaxReasonDigits digits.
func ValidateReason(reason string) error {
	if len(reason) > MaxReasonLength {
		return fmt.Errorf("reason must be at most %d bytes, got %d", MaxReasonLength, len(reason))
	}
	if reason == "" {
		return nil
	}
	if err := checkText(reason, nameSymbols+reasonSymbols, MaxReasonDigits); err != nil {
		return fmt.Errorf("reason: %w", err)
	}
	return nil
}

// checkText checks s against the public-text grammar: valid UTF-8; only Latin, Hangul and
// Han letters, ASCII digits (at most maxDigits), U+0020 spaces and the given symbols; no
// space at either end and no two spaces in a row.
func checkText(s, symbols string, maxDigits int) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("not valid UTF-8")
	}
	if strings.TrimSpace(s) != s {
		return fmt.Errorf("must not start or end with white space")
	}
	if strings.Contains(s, "  ") {
		return fmt.Errorf("must not hold two spaces in a row")
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
			if digits > maxDigits {
				return fmt.Errorf("more than %d digits (no phone or registration numbers)", maxDigits)
			}
		case r == ' ', strings.ContainsRune(symbols, r):
		case unicode.In(r, unicode.Latin, unicode.Hangul, unicode.Han) && unicode.IsLetter(r):
		default:
			return fmt.Errorf("character %U %q not allowed: only Latin, Hangul or Han letters, digits, spaces and %s", r, r, symbols)
		}
	}
	return nil
}

// truncate shortens untrusted input echoed in an error message.
func truncate(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
