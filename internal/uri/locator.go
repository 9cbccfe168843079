package uri

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/internal/text"
)

// Locators: the references to off-chain storage that modules anchor (an
// evidence file's locator): a URI of an allowed scheme in a narrow grammar
// that leaves no room for free text — no user information, query, fragment,
// percent-encoding or space, and no personal-data shape (internal/pii).

// MaxLocatorLength bounds a locator (Check).
const MaxLocatorLength = 512

// Check returns nil if s is a URI of one of the schemes in allowed, and
// otherwise an error naming field and what is wrong. The grammar is
//
//	urn:uuid:<8-4-4-4-12 lowercase hex>                  (scheme "urn")
//	<scheme>://<host>[:<port>][/<segment>...]           (every other scheme)
//
// where host is a lowercase DNS name ([a-z0-9-] labels joined by "."), port
// 1..5 digits, and a segment 1..128 bytes of [A-Za-z0-9._~-] other than "."
// and "..". Schemes in allowed are lowercase.
func Check(field, s string, allowed []string) error {
	if len(s) > MaxLocatorLength {
		return fmt.Errorf("%s is %d bytes, at most %d", field, len(s), MaxLocatorLength)
	}
	colon := strings.IndexByte(s, ':')
	if colon <= 0 {
		return fmt.Errorf("%s %s has no scheme (want scheme:rest)", field, text.Quote(s))
	}
	scheme := s[:colon]
	if !slices.Contains(allowed, scheme) {
		return fmt.Errorf("%s scheme %s is not one of %s", field, text.Quote(scheme), strings.Join(allowed, ", "))
	}
	rest := s[colon+1:]
	if scheme == "urn" {
		if !strings.HasPrefix(rest, "uuid:") || !isUUID(rest[len("uuid:"):]) {
			return fmt.Errorf("%s %s: a urn must be urn:uuid:<lowercase uuid>", field, text.Quote(s))
		}
		return nil
	}
	if !strings.HasPrefix(rest, "//") {
		return fmt.Errorf("%s %s: want %s://host/path", field, text.Quote(s), scheme)
	}
	rest = rest[2:]
	authority, path, hasPath := strings.Cut(rest, "/")
	if strings.IndexByte(authority, '@') >= 0 {
		return fmt.Errorf("%s %s carries user information (\"@\")", field, text.Quote(s))
	}
	host, p, hasPort := strings.Cut(authority, ":")
	if err := locatorHost(host); err != nil {
		return fmt.Errorf("%s %s: %w", field, text.Quote(s), err)
	}
	if hasPort {
		if err := port(p); err != nil {
			return fmt.Errorf("%s %s: %w", field, text.Quote(s), err)
		}
	}
	if hasPath {
		for i, seg := range strings.Split(path, "/") {
			if err := checkSegment(seg); err != nil {
				return fmt.Errorf("%s %s: path segment %d %w", field, text.Quote(s), i+1, err)
			}
		}
	}
	if what := pii.Find(s); what != "" {
		return fmt.Errorf("%s %s has the shape of %s", field, text.Quote(s), what)
	}
	return nil
}

// locatorHost checks a locator's host: a lowercase DNS name of one label or
// more (an s3 or gs bucket is one label).
func locatorHost(h string) error {
	if h == "" || len(h) > 253 {
		return fmt.Errorf("host must be 1..253 bytes")
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("host %s is not a lowercase DNS name", text.Quote(h))
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return fmt.Errorf("host %s is not a lowercase DNS name", text.Quote(h))
			}
		}
	}
	return nil
}

func checkSegment(seg string) error {
	if seg == "" || seg == "." || seg == ".." || len(seg) > 128 {
		return fmt.Errorf("must be 1..128 bytes and not \".\" or \"..\"")
	}
	for i := 0; i < len(seg); i++ {
		if c := seg[i]; !isSegChar(c) {
			return fmt.Errorf("has %s at %d, outside [A-Za-z0-9._~-] (no query, fragment, percent-encoding or space)",
				strconv.QuoteRune(rune(c)), i+1)
		}
	}
	return nil
}

func isUUID(u string) bool {
	if len(u) != 36 {
		return false
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
