package types

import (
	"slices"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/digest"
	"github.com/civicchain/civic/internal/enum"
	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/internal/text"
)

// Grammars of the module's strings. They are checked before any state access
// (keeper/validate.go) and again on genesis import.
const (
	// DistrictLength is the length of a district code: a 5-digit si/gun/gu
	// code of the administrative district codes, e.g. "26230" (Busanjin-gu).
	DistrictLength = 5
	// MinMessageCodeLength and MaxMessageCodeLength bound a message code.
	MinMessageCodeLength = 3
	MaxMessageCodeLength = 32
)

// ValidateDigest checks a SHA-256 digest: exactly 64 lowercase hex characters.
func ValidateDigest(field, d string) error {
	return digest.Validate(ErrInvalidDigest, field, d)
}

// ValidateDistrict checks a district code: exactly 5 ASCII digits (no sign,
// space or other Unicode digit).
func ValidateDistrict(field, s string) error {
	if len(s) != DistrictLength {
		return errorsmod.Wrapf(ErrInvalidDistrict, "%s %s must be exactly %d ASCII digits", field, text.Quote(s), DistrictLength)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return errorsmod.Wrapf(ErrInvalidDistrict, "%s %s must be exactly %d ASCII digits (character %d is not)", field, text.Quote(s), DistrictLength, i+1)
		}
	}
	return nil
}

// NormalizeDistricts checks a district list as a message sends it: 1..max
// codes, each ValidateDistrict, none twice (a duplicate is refused, not
// dropped: it is a mistake in the sender's list). It returns the codes in
// ascending order, the one order they are stored in; ds is not modified.
func NormalizeDistricts(field string, ds []string, max uint32) ([]string, error) {
	if len(ds) == 0 {
		return nil, errorsmod.Wrapf(ErrInvalidDistricts, "%s is empty", field)
	}
	if uint64(len(ds)) > uint64(max) {
		return nil, errorsmod.Wrapf(ErrInvalidDistricts, "%s has %d codes, at most %d", field, len(ds), max)
	}
	for _, d := range ds {
		if err := ValidateDistrict(field, d); err != nil {
			return nil, err
		}
	}
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return nil, errorsmod.Wrapf(ErrInvalidDistricts, "%s names %s twice", field, text.Quote(sorted[i]))
		}
	}
	return sorted, nil
}

// ValidateStoredDistricts checks a stored district list (genesis): 1..max
// valid codes in strictly ascending order.
func ValidateStoredDistricts(field string, ds []string, max uint32) error {
	sorted, err := NormalizeDistricts(field, ds, max)
	if err != nil {
		return err
	}
	if !slices.Equal(sorted, ds) {
		return errorsmod.Wrapf(ErrInvalidDistricts, "%s must be in ascending order", field)
	}
	return nil
}

// SubsetOf reports whether every code of sub is in super; both are ascending.
func SubsetOf(sub, super []string) bool {
	for _, d := range sub {
		if _, found := slices.BinarySearch(super, d); !found {
			return false
		}
	}
	return true
}

// FirstMissing returns the first code of sub that super lacks ("" if none);
// super is ascending.
func FirstMissing(sub, super []string) string {
	for _, d := range sub {
		if _, found := slices.BinarySearch(super, d); !found {
			return d
		}
	}
	return ""
}

// ValidateMessageCode checks a public alert's message code:
// ^[A-Z][A-Z0-9_]{2,31}$ (the name of a broadcast template, e.g.
// "FLOOD_EVACUATE"), with no personal-data shape (a telephone number hidden
// in its digits). It is a code, never free text.
func ValidateMessageCode(s string) error {
	if len(s) < MinMessageCodeLength || len(s) > MaxMessageCodeLength {
		return errorsmod.Wrapf(ErrInvalidMessageCode, "message_code %s must be %d..%d characters, got %d", text.Quote(s), MinMessageCodeLength, MaxMessageCodeLength, len(s))
	}
	if s[0] < 'A' || s[0] > 'Z' {
		return errorsmod.Wrapf(ErrInvalidMessageCode, "message_code %s must start with an uppercase letter A-Z", text.Quote(s))
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return errorsmod.Wrapf(ErrInvalidMessageCode, "message_code %s has a character outside [A-Z0-9_] at %d", text.Quote(s), i+1)
		}
	}
	if what := pii.Find(s); what != "" {
		return errorsmod.Wrapf(ErrInvalidMessageCode, "message_code %s has the shape of %s", text.Quote(s), what)
	}
	return nil
}

// ValidateType checks an incident type is a named type other than UNSPECIFIED.
func ValidateType(t IncidentType) error {
	if !t.IsValid() {
		return errorsmod.Wrapf(ErrInvalidType, "type must be one of FLOOD, TYPHOON, WATER_CONTAMINATION, HEAT_WAVE, EARTHQUAKE, OTHER, got %s", t.Label())
	}
	return nil
}

// ValidateSeverity checks a severity (field names it: severity or level) is
// one of the four crisis-alert levels.
func ValidateSeverity(field string, s Severity) error {
	if !s.IsValid() {
		return errorsmod.Wrapf(ErrInvalidSeverity, "%s must be one of ATTENTION, CAUTION, ALERT, SERIOUS, got %s", field, s.Label())
	}
	return nil
}

// --- enums ---

// IsValid reports whether t is a named incident type other than UNSPECIFIED.
func (t IncidentType) IsValid() bool { return enum.Named(IncidentType_name, t) }

// Label is the type without its enum prefix, e.g. "FLOOD".
func (t IncidentType) Label() string { return enum.Label(IncidentType_name, t) }

// IsValid reports whether s is a named severity other than UNSPECIFIED.
func (s Severity) IsValid() bool { return enum.Named(Severity_name, s) }

// Label is the severity without its enum prefix, e.g. "CAUTION".
func (s Severity) Label() string { return enum.Label(Severity_name, s) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s IncidentStatus) IsValid() bool { return enum.Named(IncidentStatus_name, s) }

// Label is the status without its enum prefix, e.g. "RESPONDING".
func (s IncidentStatus) Label() string { return enum.Label(IncidentStatus_name, s) }
