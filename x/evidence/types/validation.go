package types

import (
	"strings"
	"time"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/digest"
	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/internal/uri"
)

// Bounds of every string the module stores. They are checked before any state
// access (keeper/validate.go) and again on genesis import.
const (
	// MaxExhibitNumberLength bounds an exhibit code, e.g. "E-001" or "2024-17/HDD-3".
	MaxExhibitNumberLength = 32
	// MaxMediaTypeLength bounds a media type (RFC 6838 allows 127 per part; we allow 127 in all).
	MaxMediaTypeLength = 127
	// MaxLocatorLength bounds an off-chain storage URI: internal/uri's locator bound.
	MaxLocatorLength = uri.MaxLocatorLength
	// MaxToolLength bounds an acquisition tool name.
	MaxToolLength = 64
	// MaxToolVersionLength bounds an acquisition tool version.
	MaxToolVersionLength = 32
)

// ValidateDigest checks a SHA-256 digest: exactly 64 lowercase hex characters.
// Uppercase is rejected so that one payload has one spelling (the digest index
// is an exact-match index).
func ValidateDigest(field, d string) error {
	return digest.Validate(ErrInvalidDigest, field, d)
}

// ValidateOptionalDigest accepts "" or a valid digest.
func ValidateOptionalDigest(field, d string) error {
	return digest.ValidateOptional(ErrInvalidDigest, field, d)
}

// ValidateExhibitNumber checks an exhibit code: 1..32 bytes of ASCII letters,
// digits and "-", "_", ".", "/", starting with a letter or digit. A short code
// keeps names and other personal data out of it.
func ValidateExhibitNumber(s string) error {
	if len(s) > MaxExhibitNumberLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "exhibit_number is %d bytes, at most %d", len(s), MaxExhibitNumberLength)
	}
	if s == "" {
		return errorsmod.Wrap(ErrInvalidExhibitNumber, "exhibit_number is empty")
	}
	if !isAlnum(s[0]) {
		return errorsmod.Wrapf(ErrInvalidExhibitNumber, "exhibit_number %s must start with a letter or digit", text.Quote(s))
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '-' && c != '_' && c != '.' && c != '/' {
			return errorsmod.Wrapf(ErrInvalidExhibitNumber, "exhibit_number %s has a character outside [A-Za-z0-9._/-] at %d", text.Quote(s), i+1)
		}
	}
	if what := pii.Find(s); what != "" {
		return errorsmod.Wrapf(ErrInvalidExhibitNumber, "exhibit_number %s has the shape of %s", text.Quote(s), what)
	}
	return nil
}

// ValidateMediaType checks "type/subtype" with the RFC 6838 restricted-name
// grammar for both parts (first an ALPHA or DIGIT, then ALPHA / DIGIT /
// "!#$&-^_.+"). Parameters (";charset=...") are not accepted.
func ValidateMediaType(s string) error {
	if len(s) > MaxMediaTypeLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "media_type is %d bytes, at most %d", len(s), MaxMediaTypeLength)
	}
	slash := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			if slash >= 0 {
				return errorsmod.Wrapf(ErrInvalidMediaType, "media_type %s has more than one '/'", text.Quote(s))
			}
			slash = i
		}
	}
	if slash < 0 {
		return errorsmod.Wrapf(ErrInvalidMediaType, "media_type %s must be type/subtype", text.Quote(s))
	}
	if !isRestrictedName(s[:slash]) || !isRestrictedName(s[slash+1:]) {
		return errorsmod.Wrapf(ErrInvalidMediaType, "media_type %s is not an RFC 6838 type/subtype", text.Quote(s))
	}
	return nil
}

// LocatorSchemes are the storage schemes a locator may use: object stores
// (s3, gs), an agency's HTTPS store, IPFS (a lowercase CIDv1 as host) and
// urn:uuid.
var LocatorSchemes = []string{"s3", "gs", "https", "ipfs", "urn"}

// ValidateLocator checks an off-chain storage URI with internal/uri: at most
// 512 bytes, a scheme of LocatorSchemes, then either urn:uuid:<uuid> or
// //host[:port]/path with a lowercase DNS host and path segments of
// [A-Za-z0-9._~-] — no user information, query, fragment, percent-encoding or
// space, and no resident registration number, telephone number or e-mail
// shape — e.g. "s3://npa-evidence/2024/17/e-001.dd".
func ValidateLocator(s string) error {
	if len(s) > MaxLocatorLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "locator is %d bytes, at most %d", len(s), MaxLocatorLength)
	}
	if err := uri.Check("locator", s, LocatorSchemes); err != nil {
		return errorsmod.Wrap(ErrInvalidLocator, err.Error())
	}
	return nil
}

// ValidateAcquisition checks the acquisition record; acquired_at must be set
// and not after now (block time).
func ValidateAcquisition(a Acquisition, now time.Time) error {
	if _, ok := AcquisitionMethod_name[int32(a.Method)]; !ok || a.Method == AcquisitionMethodUnspecified {
		return errorsmod.Wrapf(ErrInvalidAcquisition, "acquisition.method must be set, got %s", a.Method)
	}
	if len(a.Tool) > MaxToolLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "acquisition.tool is %d bytes, at most %d", len(a.Tool), MaxToolLength)
	}
	if len(a.ToolVersion) > MaxToolVersionLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "acquisition.tool_version is %d bytes, at most %d", len(a.ToolVersion), MaxToolVersionLength)
	}
	if a.Tool != "" && !isProductCode(a.Tool) {
		return errorsmod.Wrapf(ErrInvalidAcquisition, "acquisition.tool %s is not a product code: letters and digits in parts joined by one of \".\", \"_\", \"+\", \"-\", starting with a letter (e.g. \"ftk-imager\")", text.Quote(a.Tool))
	}
	if a.ToolVersion != "" && !isVersion(a.ToolVersion) {
		return errorsmod.Wrapf(ErrInvalidAcquisition, "acquisition.tool_version %s is not a version: 1..4 dot-separated numbers of at most 8 digits, then optionally \"-\" or \"+\" and a tag of letters, digits and dots (e.g. \"4.7.1\", \"7.0-beta1\")", text.Quote(a.ToolVersion))
	}
	for _, f := range []struct{ name, v string }{{"acquisition.tool", a.Tool}, {"acquisition.tool_version", a.ToolVersion}} {
		if what := pii.Find(f.v); what != "" {
			return errorsmod.Wrapf(ErrInvalidAcquisition, "%s %s has the shape of %s", f.name, text.Quote(f.v), what)
		}
	}
	if a.ToolVersion != "" && a.Tool == "" {
		return errorsmod.Wrap(ErrInvalidAcquisition, "acquisition.tool_version given without acquisition.tool")
	}
	if a.AcquiredAt.IsZero() || a.AcquiredAt.Unix() <= 0 {
		return errorsmod.Wrap(ErrInvalidAcquisition, "acquisition.acquired_at must be set")
	}
	if a.AcquiredAt.After(now) {
		return errorsmod.Wrapf(ErrInvalidAcquisition, "acquisition.acquired_at %s is after the block time %s",
			a.AcquiredAt.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return nil
}

// ValidateSize checks size_bytes: an item has at least one byte.
func ValidateSize(n uint64) error {
	if n == 0 {
		return errorsmod.Wrap(ErrInvalidSize, "size_bytes must be positive")
	}
	return nil
}

// isProductCode reports whether s is a product code: a letter, then parts of
// letters and digits joined by single ".", "_", "+" or "-" (no spaces), so
// that a tool name cannot carry a sentence.
func isProductCode(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if isAlnum(c) {
			continue
		}
		if !isCodeSeparator(c) || isCodeSeparator(s[i-1]) || i == len(s)-1 {
			return false
		}
	}
	return true
}

func isCodeSeparator(c byte) bool { return c == '.' || c == '_' || c == '+' || c == '-' }

// isVersion reports whether s is a version: 1..4 dot-separated numbers of at
// most 8 digits, then optionally "-" or "+" and a tag of 1..16 letters, digits
// and dots.
func isVersion(s string) bool {
	core, tag := s, ""
	if i := strings.IndexAny(s, "-+"); i >= 0 {
		core, tag = s[:i], s[i+1:]
		if tag == "" || len(tag) > 16 {
			return false
		}
		for j := 0; j < len(tag); j++ {
			if !isAlnum(tag[j]) && tag[j] != '.' {
				return false
			}
		}
	}
	parts := strings.Split(core, ".")
	if len(parts) > 4 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 8 || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

func isRestrictedName(s string) bool {
	if len(s) == 0 || len(s) > MaxMediaTypeLength || !isAlnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlnum(c):
		case c == '!' || c == '#' || c == '$' || c == '&' || c == '-' || c == '^' || c == '_' || c == '.' || c == '+':
		default:
			return false
		}
	}
	return true
}

func isAlpha(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
func isAlnum(c byte) bool { return isAlpha(c) || ('0' <= c && c <= '9') }
