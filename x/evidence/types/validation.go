package types

import (
	"fmt"
	"time"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/digest"
)

// Bounds of every string the module stores. They are checked before any state
// access (keeper/validate.go) and again on genesis import.
const (
	// MaxExhibitNumberLength bounds an exhibit code, e.g. "E-001" or "2024-17/HDD-3".
	MaxExhibitNumberLength = 32
	// MaxMediaTypeLength bounds a media type (RFC 6838 allows 127 per part; we allow 127 in all).
	MaxMediaTypeLength = 127
	// MaxLocatorLength bounds an off-chain storage URI.
	MaxLocatorLength = 512
	// MaxSchemeLength bounds the scheme of a locator.
	MaxSchemeLength = 32
	// MaxToolLength bounds an acquisition tool name.
	MaxToolLength = 64
	// MaxToolVersionLength bounds an acquisition tool version.
	MaxToolVersionLength = 32
	// maxQuoted is how much of a rejected value an error message repeats.
	maxQuoted = 70
)

// ValidateDigest checks a SHA-256 digest: exactly 64 lowercase hex characters.
// Uppercase is rejected so that one payload has one spelling (the digest index
// is an exact-match index).
func ValidateDigest(field, d string) error {
	if err := digest.Check(field, d); err != nil {
		return errorsmod.Wrap(ErrInvalidDigest, err.Error())
	}
	return nil
}

// ValidateOptionalDigest accepts "" or a valid digest.
func ValidateOptionalDigest(field, d string) error {
	if d == "" {
		return nil
	}
	return ValidateDigest(field, d)
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
		return errorsmod.Wrapf(ErrInvalidExhibitNumber, "exhibit_number %s must start with a letter or digit", Quote(s))
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '-' && c != '_' && c != '.' && c != '/' {
			return errorsmod.Wrapf(ErrInvalidExhibitNumber, "exhibit_number %s has a character outside [A-Za-z0-9._/-] at %d", Quote(s), i+1)
		}
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
				return errorsmod.Wrapf(ErrInvalidMediaType, "media_type %s has more than one '/'", Quote(s))
			}
			slash = i
		}
	}
	if slash < 0 {
		return errorsmod.Wrapf(ErrInvalidMediaType, "media_type %s must be type/subtype", Quote(s))
	}
	if !isRestrictedName(s[:slash]) || !isRestrictedName(s[slash+1:]) {
		return errorsmod.Wrapf(ErrInvalidMediaType, "media_type %s is not an RFC 6838 type/subtype", Quote(s))
	}
	return nil
}

// ValidateLocator checks an off-chain storage URI: at most 512 bytes of
// printable ASCII without spaces, an RFC 3986 scheme (a letter, then letters,
// digits, "+", "-", "."; at most 32) followed by ":" and a non-empty rest,
// e.g. "s3://npa-evidence/2024/17/e-001.dd" or "urn:uuid:...".
func ValidateLocator(s string) error {
	if len(s) > MaxLocatorLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "locator is %d bytes, at most %d", len(s), MaxLocatorLength)
	}
	colon := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c > '~' {
			return errorsmod.Wrapf(ErrInvalidLocator, "locator has a space, control or non-ASCII byte at %d", i+1)
		}
		if c == ':' && colon < 0 {
			colon = i
		}
	}
	if colon <= 0 {
		return errorsmod.Wrapf(ErrInvalidLocator, "locator %s has no scheme (want scheme:rest)", Quote(s))
	}
	scheme := s[:colon]
	if len(scheme) > MaxSchemeLength || !isAlpha(scheme[0]) {
		return errorsmod.Wrapf(ErrInvalidLocator, "locator scheme %s must start with a letter and be at most %d bytes", Quote(scheme), MaxSchemeLength)
	}
	for i := 1; i < len(scheme); i++ {
		c := scheme[i]
		if !isAlnum(c) && c != '+' && c != '-' && c != '.' {
			return errorsmod.Wrapf(ErrInvalidLocator, "locator scheme %s has an invalid character", Quote(scheme))
		}
	}
	if colon == len(s)-1 {
		return errorsmod.Wrapf(ErrInvalidLocator, "locator %s is only a scheme", Quote(s))
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
	if err := checkPrintable("acquisition.tool", a.Tool); err != nil {
		return err
	}
	if err := checkPrintable("acquisition.tool_version", a.ToolVersion); err != nil {
		return err
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

// Quote repeats a rejected value in an error message, cut to a readable length.
func Quote(s string) string {
	if len(s) > maxQuoted {
		return fmt.Sprintf("%q...(%d bytes)", s[:maxQuoted], len(s))
	}
	return fmt.Sprintf("%q", s)
}

// checkPrintable accepts printable ASCII (space allowed) only: tool names are
// codes, not free text.
func checkPrintable(field, s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return errorsmod.Wrapf(ErrInvalidAcquisition, "%s has a control or non-ASCII byte at %d", field, i+1)
		}
	}
	return nil
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
