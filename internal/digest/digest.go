// Package digest checks the SHA-256 digests civic's modules anchor, the same
// way in every module: Check returns a plain error, Validate and
// ValidateOptional wrap it in the module's own registered error.
package digest

import (
	"fmt"
	"strconv"

	errorsmod "cosmossdk.io/errors"
)

// HexLength is the length of a SHA-256 digest in hex.
const HexLength = 64

// Check returns nil if d is a SHA-256 digest in its one canonical spelling,
// exactly 64 lowercase hex characters, and otherwise an error naming field
// and what is wrong.
func Check(field, d string) error {
	if len(d) != HexLength {
		return fmt.Errorf("%s must be %d lowercase hex characters, got %d characters", field, HexLength, len(d))
	}
	for i := 0; i < len(d); i++ {
		if c := d[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return fmt.Errorf("%s %s is not lowercase hex (character %d)", field, strconv.Quote(d), i+1)
		}
	}
	return nil
}

// Validate is Check with the error wrapped in kind, the calling module's
// registered invalid-digest error.
func Validate(kind *errorsmod.Error, field, d string) error {
	if err := Check(field, d); err != nil {
		return errorsmod.Wrap(kind, err.Error())
	}
	return nil
}

// ValidateOptional is Validate for a field that may be left empty: "" is
// accepted.
func ValidateOptional(kind *errorsmod.Error, field, d string) error {
	if d == "" {
		return nil
	}
	return Validate(kind, field, d)
}
