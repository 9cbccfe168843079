package types

import (
	"strings"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/digest"
	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/internal/uri"
)

// Bounds of credential schema fields.
const (
	// MaxSchemaNameLength bounds a schema name.
	MaxSchemaNameLength = 64
	// MaxSchemaVersionLength bounds a schema version.
	MaxSchemaVersionLength = 32
	// MaxLocatorLength bounds a schema locator.
	MaxLocatorLength = MaxURILength
)

// ValidateSchemaName checks a schema name: 1..64 characters of [A-Za-z0-9._-]
// without a run of more than uri.MaxDigits digits (a name of a kind of
// credential, never a number of a person).
func ValidateSchemaName(name string) error {
	if len(name) > MaxSchemaNameLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "schema name is %d bytes, at most %d", len(name), MaxSchemaNameLength)
	}
	if name == "" {
		return errorsmod.Wrap(ErrInvalidSchema, "schema name is empty")
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isAlnum(c) && c != '.' && c != '_' && c != '-' {
			return errorsmod.Wrapf(ErrInvalidSchema, "schema name %s has %q at position %d, outside [A-Za-z0-9._-]", text.Quote(name), c, i+1)
		}
	}
	if err := uri.DigitRun("schema name", name); err != nil {
		return errorsmod.Wrap(ErrInvalidSchema, err.Error())
	}
	return nil
}

// ValidateSchemaVersion checks a schema version: a semantic version
// MAJOR.MINOR.PATCH of decimal numbers without leading zeros (no pre-release
// or build suffix), at most 32 bytes, at most uri.MaxDigits digits in all.
func ValidateSchemaVersion(v string) error {
	if len(v) > MaxSchemaVersionLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "schema version is %d bytes, at most %d", len(v), MaxSchemaVersionLength)
	}
	parts, start := 0, 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) && v[i] != '.' {
			if !isDigit(v[i]) {
				return errorsmod.Wrapf(ErrInvalidSchema, "schema version %s has %q at position %d; want MAJOR.MINOR.PATCH digits", text.Quote(v), v[i], i+1)
			}
			continue
		}
		n := v[start:i]
		if n == "" || (len(n) > 1 && n[0] == '0') {
			return errorsmod.Wrapf(ErrInvalidSchema, "schema version %s is not MAJOR.MINOR.PATCH (numbers without leading zeros)", text.Quote(v))
		}
		parts++
		start = i + 1
	}
	if parts != 3 {
		return errorsmod.Wrapf(ErrInvalidSchema, "schema version %s has %d numbers, want MAJOR.MINOR.PATCH", text.Quote(v), parts)
	}
	if err := uri.DigitRun("schema version", v); err != nil {
		return errorsmod.Wrap(ErrInvalidSchema, err.Error())
	}
	return nil
}

// ValidateDigest checks a SHA-256 digest named field: exactly 64 lowercase hex
// characters, so that one document has one spelling.
func ValidateDigest(field, d string) error {
	if err := digest.Check(field, d); err != nil {
		return errorsmod.Wrap(ErrInvalidSchema, err.Error())
	}
	return nil
}

// ValidateLocator checks a URL named field where a document is published: at
// most 256 bytes (ErrFieldTooLong), an https URL of the strict grammar of
// internal/uri or an ipfs:// content address of a SHA-256 CIDv1
// (ErrInvalidSchema).
func ValidateLocator(field, l string) error {
	if len(l) > MaxLocatorLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "%s is %d bytes, at most %d", field, len(l), MaxLocatorLength)
	}
	check := uri.HTTPS
	if strings.HasPrefix(l, "ipfs:") {
		check = uri.IPFS
	}
	if err := check(field, l); err != nil {
		return errorsmod.Wrap(ErrInvalidSchema, err.Error())
	}
	return nil
}

// MaxIssuerSchemas bounds the schemas one issuer may be granted, so that
// TrustedIssuer can answer with all of them in one response.
const MaxIssuerSchemas = 256
