package types

import (
	"strings"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/internal/uri"
)

// The DID method did:civic.
//
//	did              = "did:civic:" method-specific-id
//	method-specific-id = base58-id / uuid
//	base58-id        = 22*44 base58btc character
//	                   ; 123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz
//	uuid             = 8hexlc "-" 4hexlc "-" 4hexlc "-" 4hexlc "-" 12hexlc
//	hexlc            = DIGIT / %x61-66 ; lowercase only, so one DID has one spelling
//	did-url          = did "#" fragment ; paths and queries are not supported
//	fragment         = 1*64 ( ALPHA / DIGIT / "." / "_" / "~" / "-" )
//	                   ; no run of more than 8 digits (internal/uri.DigitRun)
const (
	// DidMethodPrefix starts every DID of the method.
	DidMethodPrefix = "did:civic:"
	// MinBase58IDLength and MaxBase58IDLength bound a base58 method-specific id
	// (22 characters carry 128 bits, 44 carry 256 bits).
	MinBase58IDLength = 22
	MaxBase58IDLength = 44
	// UUIDLength is the length of a UUID method-specific id.
	UUIDLength = 36
	// MaxDidLength bounds a DID of the method.
	MaxDidLength = len(DidMethodPrefix) + MaxBase58IDLength
	// MaxFragmentLength bounds the fragment of a DID URL.
	MaxFragmentLength = 64
	// MaxDidURLLength bounds a DID URL (verification method and service ids,
	// relationship entries, controllers).
	MaxDidURLLength = 128
)

// ValidateDid checks that did is a DID of the method did:civic (grammar
// above). It fails with ErrInvalidDid naming what is wrong.
func ValidateDid(did string) error {
	if len(did) > MaxDidLength {
		return errorsmod.Wrapf(ErrInvalidDid, "DID is %d bytes, at most %d", len(did), MaxDidLength)
	}
	if !strings.HasPrefix(did, DidMethodPrefix) {
		if strings.HasPrefix(did, "did:") {
			return errorsmod.Wrapf(ErrInvalidDid, "%s is not of the method did:civic", text.Quote(did))
		}
		return errorsmod.Wrapf(ErrInvalidDid, "%s does not start with %q", text.Quote(did), DidMethodPrefix)
	}
	id := did[len(DidMethodPrefix):]
	if id == "" {
		return errorsmod.Wrapf(ErrInvalidDid, "%s has an empty method-specific id", text.Quote(did))
	}
	if i := strings.IndexAny(id, "#/?"); i >= 0 {
		return errorsmod.Wrapf(ErrInvalidDid, "%s has %q at position %d of its method-specific id: a DID has no path, query or fragment", text.Quote(did), id[i], i+1)
	}
	if strings.IndexByte(id, '-') >= 0 {
		if !isLowerUUID(id) {
			return errorsmod.Wrapf(ErrInvalidDid, "%s: method-specific id %s has a '-' but is not a lowercase UUID (8-4-4-4-12 hex digits)", text.Quote(did), text.Quote(id))
		}
		return nil
	}
	if len(id) < MinBase58IDLength || len(id) > MaxBase58IDLength {
		return errorsmod.Wrapf(ErrInvalidDid, "%s: method-specific id is %d characters, want %d..%d base58 characters or a UUID",
			text.Quote(did), len(id), MinBase58IDLength, MaxBase58IDLength)
	}
	for i := 0; i < len(id); i++ {
		if !isBase58(id[i]) {
			return errorsmod.Wrapf(ErrInvalidDid, "%s: method-specific id has %q at position %d, which is not base58btc (no 0, O, I, l or punctuation)",
				text.Quote(did), id[i], i+1)
		}
	}
	return nil
}

// ParseDidURL splits an absolute DID URL did:civic:<id>#<fragment> into the
// DID and the fragment. Paths ("/") and queries ("?") are not supported; the
// fragment is 1..64 characters of [A-Za-z0-9._~-]. It fails with
// ErrInvalidDidURL naming what is wrong.
func ParseDidURL(u string) (did, fragment string, err error) {
	if len(u) > MaxDidURLLength {
		return "", "", errorsmod.Wrapf(ErrInvalidDidURL, "DID URL is %d bytes, at most %d", len(u), MaxDidURLLength)
	}
	hash := strings.IndexByte(u, '#')
	if hash < 0 {
		if strings.ContainsAny(u, "/?") {
			return "", "", errorsmod.Wrapf(ErrInvalidDidURL, "%s: DID URL paths and queries are not supported, only did:civic:<id>#<fragment>", text.Quote(u))
		}
		return "", "", errorsmod.Wrapf(ErrInvalidDidURL, "%s has no fragment (want did:civic:<id>#<fragment>)", text.Quote(u))
	}
	did, fragment = u[:hash], u[hash+1:]
	if strings.ContainsAny(did, "/?") {
		return "", "", errorsmod.Wrapf(ErrInvalidDidURL, "%s: DID URL paths and queries are not supported, only did:civic:<id>#<fragment>", text.Quote(u))
	}
	if err := ValidateDid(did); err != nil {
		return "", "", errorsmod.Wrapf(ErrInvalidDidURL, "%s: %s", text.Quote(u), err)
	}
	if err := validateFragment(fragment); err != nil {
		return "", "", errorsmod.Wrapf(ErrInvalidDidURL, "%s: %s", text.Quote(u), err)
	}
	return did, fragment, nil
}

// validateFragment checks a DID URL fragment: 1..64 characters of
// [A-Za-z0-9._~-] without a run of more than uri.MaxDigits digits (a key or
// service name, never a number of a person).
func validateFragment(f string) error {
	if err := uri.Segment("fragment", f, MaxFragmentLength); err != nil {
		return errorsmod.Wrap(ErrInvalidDidURL, err.Error())
	}
	return nil
}

// IsDid reports whether s is a valid did:civic DID.
func IsDid(s string) bool { return ValidateDid(s) == nil }

// isLowerUUID reports whether s is 8-4-4-4-12 lowercase hex digits.
func isLowerUUID(s string) bool {
	if len(s) != UUIDLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isLowerHex(s[i]) {
				return false
			}
		}
	}
	return true
}

func isLowerHex(c byte) bool { return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') }
func isAlpha(c byte) bool    { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool    { return isAlpha(c) || isDigit(c) }
