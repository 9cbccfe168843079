package types

import (
	"strconv"

	errorsmod "cosmossdk.io/errors"
)

// maxVersionIDLength bounds a version id string (a uint64 in decimal).
const maxVersionIDLength = 20

// FormatVersionID spells a DID version number as its versionId: the number in
// decimal, versions counting from 1.
func FormatVersionID(n uint64) string {
	return strconv.FormatUint(n, 10)
}

// ParseVersionID reads a versionId written by FormatVersionID: decimal digits
// without a sign or leading zeros, at least 1.
func ParseVersionID(s string) (uint64, error) {
	if s == "" || len(s) > maxVersionIDLength || (len(s) > 1 && s[0] == '0') {
		return 0, errorsmod.Wrapf(ErrInvalidVersionID, "version id %q is not a version number (1, 2, ...)", s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errorsmod.Wrapf(ErrInvalidVersionID, "version id %q is not a version number (1, 2, ...)", s)
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n == 0 {
		return 0, errorsmod.Wrapf(ErrInvalidVersionID, "version id %q is not a version number (1, 2, ...)", s)
	}
	return n, nil
}
