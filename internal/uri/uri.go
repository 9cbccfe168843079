// Package uri checks the URIs and short identifiers civic's modules store, the
// same way in every module, so that no free-text field can carry personal
// data (a name, a resident registration number, a phone number, an e-mail
// address). Each module wraps the result in its own registered error.
//
// The grammars are deliberately narrower than RFC 3986: what a public chain
// stores is a locator of an institution's resource, not any URI.
//
//	https-url = "https://" host [ ":" port ] [ path ]
//	host      = label 1*( "." label )       ; a DNS name, lowercase, at most 253 bytes
//	label     = 1*63( %x61-7A / DIGIT / "-" ) ; no "-" first or last; the last label not all digits
//	port      = 1*5DIGIT                    ; 1..65535, no leading zero
//	path      = 1*( "/" *segchar )          ; no "." or ".." segment
//	segchar   = ALPHA / DIGIT / "-" / "." / "_" / "~"
//
// So an https URL has no user information (no e-mail address or name before
// an "@"), no query or fragment, no percent-encoding (no hidden spaces or
// non-ASCII names) and no IP address; and, like every identifier checked here,
// no run of more than MaxDigits digits (DigitRun), which is how resident
// registration and phone numbers are written.
package uri

import (
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/civicchain/civic/internal/text"
)

const (
	// MaxLength bounds an https URL.
	MaxLength = 256
	// MaxHostLength bounds a DNS name.
	MaxHostLength = 253
	// MaxLabelLength bounds one label of a DNS name.
	MaxLabelLength = 63
	// MaxDigits is the most digits a run may hold (see DigitRun): a date
	// (20261206) fits, a phone number (010-1234-5678: 11) or a resident
	// registration number (13) does not.
	MaxDigits = 8
)

// HTTPS returns nil if s is an https URL of the package grammar, and otherwise
// an error naming field and what is wrong.
func HTTPS(field, s string) error {
	if len(s) > MaxLength {
		return fmt.Errorf("%s is %d bytes, at most %d", field, len(s), MaxLength)
	}
	const prefix = "https://"
	if !strings.HasPrefix(s, prefix) {
		return fmt.Errorf("%s %s is not an https URL (want https://host/path)", field, text.Quote(s))
	}
	rest := s[len(prefix):]
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if i := strings.IndexAny(authority, "@?#"); i >= 0 {
		return fmt.Errorf("%s %s has %q in its host: no user information, query or fragment", field, text.Quote(s), authority[i])
	}
	host := authority
	if i := strings.IndexByte(authority, ':'); i >= 0 {
		host = authority[:i]
		if err := port(authority[i+1:]); err != nil {
			return fmt.Errorf("%s %s: %w", field, text.Quote(s), err)
		}
	}
	if err := DNSName(field+" host", host); err != nil {
		return err
	}
	if err := urlPath(path); err != nil {
		return fmt.Errorf("%s %s: %w", field, text.Quote(s), err)
	}
	return DigitRun(field, s)
}

// IPFS returns nil if s is "ipfs://" and a CIDv1 in base32 (multibase "b",
// lowercase, no padding) whose multihash is a SHA-256 digest — a content
// address, which can hold nothing but a digest — and otherwise an error
// naming field.
func IPFS(field, s string) error {
	const prefix = "ipfs://b"
	if len(s) > MaxLength {
		return fmt.Errorf("%s is %d bytes, at most %d", field, len(s), MaxLength)
	}
	if !strings.HasPrefix(s, prefix) {
		return fmt.Errorf("%s %s is not ipfs:// and a base32 CIDv1", field, text.Quote(s))
	}
	enc := s[len(prefix):]
	for i := 0; i < len(enc); i++ {
		if c := enc[i]; !('a' <= c && c <= 'z') && !('2' <= c && c <= '7') {
			return fmt.Errorf("%s %s: the CID has %q, outside base32 [a-z2-7]", field, text.Quote(s), c)
		}
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(enc))
	if err != nil || len(raw) < 1 || raw[0] != 1 {
		return fmt.Errorf("%s %s: the CID is not a CIDv1", field, text.Quote(s))
	}
	_, n := binary.Uvarint(raw[1:]) // the content codec
	const sha256Code, sha256Len = 0x12, 32
	if n <= 0 || len(raw) != 1+n+2+sha256Len || raw[1+n] != sha256Code || raw[2+n] != sha256Len {
		return fmt.Errorf("%s %s: the CID's multihash is not a SHA-256 digest", field, text.Quote(s))
	}
	return nil
}

// DNSName returns nil if host is a lowercase DNS name of at least two labels
// (package grammar), and otherwise an error naming field.
func DNSName(field, host string) error {
	if host == "" {
		return fmt.Errorf("%s is empty", field)
	}
	if len(host) > MaxHostLength {
		return fmt.Errorf("%s is %d bytes, at most %d", field, len(host), MaxHostLength)
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return fmt.Errorf("%s %s is not a DNS name of at least two labels", field, text.Quote(host))
	}
	for _, l := range labels {
		if l == "" || len(l) > MaxLabelLength {
			return fmt.Errorf("%s %s has a label of %d bytes (want 1..%d)", field, text.Quote(host), len(l), MaxLabelLength)
		}
		if l[0] == '-' || l[len(l)-1] == '-' {
			return fmt.Errorf("%s %s has a label starting or ending with '-'", field, text.Quote(host))
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !isLowerAlnum(c) && c != '-' {
				return fmt.Errorf("%s %s has %q, outside lowercase [a-z0-9-]", field, text.Quote(host), c)
			}
		}
	}
	if last := labels[len(labels)-1]; strings.Trim(last, "0123456789") == "" {
		return fmt.Errorf("%s %s is an IP address, not a DNS name", field, text.Quote(host))
	}
	return nil
}

// Segment returns nil if s is 1..maxLen characters of [A-Za-z0-9._~-] with no
// digit run above MaxDigits (an id, a fragment, a name), and otherwise an
// error naming field.
func Segment(field, s string, maxLen int) error {
	if s == "" {
		return fmt.Errorf("%s is empty", field)
	}
	if len(s) > maxLen {
		return fmt.Errorf("%s is %d bytes, at most %d", field, len(s), maxLen)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isSegChar(c) {
			return fmt.Errorf("%s %s has %q at position %d, outside [A-Za-z0-9._~-]", field, text.Quote(s), c, i+1)
		}
	}
	return DigitRun(field, s)
}

// DigitRun returns an error naming field if s holds a run of more than
// MaxDigits digits, counting digits joined by a single "-", ".", "_" or " "
// as one run (010-1234-5678 is a run of 11), and nil otherwise.
func DigitRun(field, s string) error {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			run++
			if run > MaxDigits {
				return fmt.Errorf("%s %s holds a run of more than %d digits (a phone or registration number is not stored)", field, text.Quote(s), MaxDigits)
			}
		case isJoiner(c) && run > 0 && i+1 < len(s) && '0' <= s[i+1] && s[i+1] <= '9':
			// a separator between digits continues the run
		default:
			run = 0
		}
	}
	return nil
}

// port checks a port number 1..65535 without leading zeros.
func port(p string) error {
	if p == "" || len(p) > 5 || p[0] == '0' {
		return fmt.Errorf("port %s is not 1..65535", text.Quote(p))
	}
	n, err := strconv.Atoi(p)
	if err != nil || n > 65535 {
		return fmt.Errorf("port %s is not 1..65535", text.Quote(p))
	}
	return nil
}

// urlPath checks an https path: "" or "/"-separated segments of segchar, no
// "." or ".." segment.
func urlPath(p string) error {
	if p == "" {
		return nil
	}
	for i, seg := range strings.Split(p[1:], "/") {
		if seg == "." || seg == ".." {
			return fmt.Errorf("path segment %d is %q", i+1, seg)
		}
		for j := 0; j < len(seg); j++ {
			if c := seg[j]; !isSegChar(c) {
				return fmt.Errorf("path has %q, outside [A-Za-z0-9._~-] (no query, fragment, percent-encoding or space)", c)
			}
		}
	}
	return nil
}

func isLowerAlnum(c byte) bool { return ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') }

func isSegChar(c byte) bool {
	return isLowerAlnum(c) || ('A' <= c && c <= 'Z') || c == '-' || c == '.' || c == '_' || c == '~'
}

func isJoiner(c byte) bool {
	return c == '-' || c == '.' || c == '_' || c == ' '
}
