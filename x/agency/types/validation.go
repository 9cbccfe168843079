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
	// MaxReasonLength bounds the reason of a status change in bytes of UTF-8.
	MaxReasonLength = 256
)

var agencyIDRe = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)

// ValidateAgencyID checks the slug grammar ^[a-z][a-z0-9-]{1,31}$.
func ValidateAgencyID(id string) error {
	if len(id) > MaxAgencyIDLength || !agencyIDRe.MatchString(id) {
		return fmt.Errorf("agency id %q does not match %s", truncate(id), agencyIDRe.String())
	}
	return nil
}

// ValidateName checks an agency name: 1..MaxNameLength bytes of UTF-8, no control
// characters, no leading or trailing white space.
func ValidateName(name string) error {
	if len(name) == 0 || len(name) > MaxNameLength {
		return fmt.Errorf("name must be 1..%d bytes, got %d", MaxNameLength, len(name))
	}
	if err := checkText(name); err != nil {
		return fmt.Errorf("name: %w", err)
	}
	if strings.TrimSpace(name) != name {
		return fmt.Errorf("name must not start or end with white space")
	}
	return nil
}

// ValidateReason checks a status-change reason: at most MaxReasonLength bytes of UTF-8
// without control characters (it may be empty).
func ValidateReason(reason string) error {
	if len(reason) > MaxReasonLength {
		return fmt.Errorf("reason must be at most %d bytes, got %d", MaxReasonLength, len(reason))
	}
	if err := checkText(reason); err != nil {
		return fmt.Errorf("reason: %w", err)
	}
	return nil
}

func checkText(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("not valid UTF-8")
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Errorf("control character %U not allowed", r)
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

// StatusName is the short name of a status: ACTIVE, SUSPENDED, RETIRED, UNSPECIFIED.
func StatusName(s AgencyStatus) string {
	if name, ok := AgencyStatus_name[int32(s)]; ok {
		return strings.TrimPrefix(name, "AGENCY_STATUS_")
	}
	return fmt.Sprintf("UNKNOWN(%d)", int32(s))
}

// ValidateStatusTransition enforces the agency lifecycle:
// ACTIVE <-> SUSPENDED, ACTIVE | SUSPENDED -> RETIRED; RETIRED is final.
// The error names the current and the requested state.
func ValidateStatusTransition(from, to AgencyStatus) error {
	ok := false
	switch from {
	case AgencyStatusActive:
		ok = to == AgencyStatusSuspended || to == AgencyStatusRetired
	case AgencyStatusSuspended:
		ok = to == AgencyStatusActive || to == AgencyStatusRetired
	}
	if !ok {
		return fmt.Errorf("agency is %s, cannot become %s", StatusName(from), StatusName(to))
	}
	return nil
}

// ValidStatus reports whether s is a storable status (not UNSPECIFIED, not out of range).
func ValidStatus(s AgencyStatus) bool {
	return s == AgencyStatusActive || s == AgencyStatusSuspended || s == AgencyStatusRetired
}
