package types

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/digest"
	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/internal/publictext"
	"github.com/civicchain/civic/internal/text"
)

// Grammars and bounds of the module's strings and numbers. They are checked
// before any state access (keeper/validate.go) and again on genesis import.
const (
	// DistrictLength is the length of a 시군구 district code, e.g. "26230".
	DistrictLength = 5
	// MaxNameLength bounds a site's name in bytes.
	MaxNameLength = 128
	// MaxSupplyBlockLength bounds a supply block code.
	MaxSupplyBlockLength = 32
	// MaxModelLength bounds a sensor model code.
	MaxModelLength = 64
	// MaxLegalBasisLength bounds a legal basis code.
	MaxLegalBasisLength = publictext.MaxLegalBasisLength
	// TapCoordinateStep is the rounding of a TAP site's coordinates in
	// micro-degrees (0.001 degree, about 100 m): a tap may stand at a home,
	// and a household's position is personal data.
	TapCoordinateStep = 1000
	// MaxLatUdeg and MaxLonUdeg bound WGS84 coordinates in micro-degrees.
	MaxLatUdeg = 90_000_000
	MaxLonUdeg = 180_000_000
	// NumParameters is the number of parameters: a reading or batch names each at most once.
	NumParameters = 5
)

// nameSymbols is the punctuation a site's name may use.
const nameSymbols = ".,()-'/"

// valueRange is the physically possible range of a parameter's values, in its unit.
type valueRange struct{ min, max int64 }

// valueRanges are the ranges ValidateValue accepts: pH 0..14 (0..14000),
// chlorine 0..20 g/L, turbidity 0..4000 NTU, conductivity 0..200 mS/cm,
// temperature -50..100 °C.
var valueRanges = map[Parameter]valueRange{
	ParameterPH:               {0, 14_000},
	ParameterResidualChlorine: {0, 20_000_000},
	ParameterTurbidity:        {0, 4_000_000},
	ParameterConductivity:     {0, 200_000_000},
	ParameterTemperature:      {-50_000, 100_000},
}

// units are the units of the parameters' values, as SiteSummary shows them.
var units = map[Parameter]string{
	ParameterPH:               "pH/1000",
	ParameterResidualChlorine: "ug/L",
	ParameterTurbidity:        "mNTU",
	ParameterConductivity:     "nS/cm",
	ParameterTemperature:      "mdegC",
}

// AllParameters lists every parameter in enum order.
var AllParameters = []Parameter{ParameterPH, ParameterResidualChlorine, ParameterTurbidity, ParameterConductivity, ParameterTemperature}

// AllStandardClasses lists every standard class in enum order.
var AllStandardClasses = []StandardClass{StandardClassTapWater, StandardClassSmallGroundwater}

// Unit is the unit of a parameter's values ("" for an unknown parameter).
func (p Parameter) Unit() string { return units[p] }

// ValidateDigest checks a SHA-256 digest: exactly 64 lowercase hex characters.
func ValidateDigest(field, d string) error {
	return digest.Validate(ErrInvalidDigest, field, d)
}

// ValidateDistrict checks a district code: exactly 5 ASCII digits.
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

// ValidateSiteName checks a site's name: a public facility's name of 1..128
// bytes, Latin or Hangul letters, digits, single spaces and . , ( ) - ' /,
// with nothing of the shape of personal data.
func ValidateSiteName(s string) error {
	if len(s) > MaxNameLength {
		return errorsmod.Wrapf(ErrInvalidName, "name is %d bytes, at most %d", len(s), MaxNameLength)
	}
	if s == "" {
		return errorsmod.Wrap(ErrInvalidName, "name is empty")
	}
	if !utf8.ValidString(s) {
		return errorsmod.Wrapf(ErrInvalidName, "name %s is not valid UTF-8", text.Quote(s))
	}
	if strings.TrimSpace(s) != s {
		return errorsmod.Wrapf(ErrInvalidName, "name %s has leading or trailing white space", text.Quote(s))
	}
	prevSpace := false
	for i, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return errorsmod.Wrapf(ErrInvalidName, "name %s has two spaces in a row at byte %d", text.Quote(s), i+1)
			}
		case unicode.IsLetter(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Hangul, r)):
		case '0' <= r && r <= '9':
		case strings.ContainsRune(nameSymbols, r):
		default:
			return errorsmod.Wrapf(ErrInvalidName, "name %s has %q at byte %d: a name is Latin or Hangul letters, digits, spaces and %s",
				text.Quote(s), r, i+1, nameSymbols)
		}
		prevSpace = r == ' '
	}
	if what := pii.FindInText(s); what != "" {
		return errorsmod.Wrapf(ErrInvalidName, "name %s has the shape of %s", text.Quote(s), what)
	}
	return nil
}

// ValidateCode checks a code (a supply block, a sensor model): 1..max of
// [A-Za-z0-9._-], starting with a letter or digit, nothing of the shape of
// personal data.
func ValidateCode(field, s string, max int) error {
	if s == "" || len(s) > max {
		return errorsmod.Wrapf(ErrInvalidCode, "%s %s must be 1..%d characters", field, text.Quote(s), max)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || !strings.ContainsRune("._-", rune(c))) {
			return errorsmod.Wrapf(ErrInvalidCode, "%s %s: character %d is not in [A-Za-z0-9._-] (first: a letter or digit)", field, text.Quote(s), i+1)
		}
	}
	if what := pii.Find(s); what != "" {
		return errorsmod.Wrapf(ErrInvalidCode, "%s %s has the shape of %s", field, text.Quote(s), what)
	}
	return nil
}

// ValidateSupplyBlock checks an optional supply block code.
func ValidateSupplyBlock(s string) error {
	if s == "" {
		return nil
	}
	return ValidateCode("supply_block", s, MaxSupplyBlockLength)
}

// ValidateLegalBasis checks a legal basis code (internal/publictext
// LegalBasis, shared with x/welfare): 1..128 of [A-Z0-9._:+-], starting with
// a letter or digit, e.g. "KR-DWQS-ANNEX1".
func ValidateLegalBasis(s string) error {
	if err := publictext.LegalBasis("legal_basis", s); err != nil {
		return errorsmod.Wrap(ErrInvalidCode, err.Error())
	}
	return nil
}

// ValidateLocation checks WGS84 micro-degree coordinates; a TAP site's are
// rounded to TapCoordinateStep.
func ValidateLocation(kind SiteKind, lat, lon int64) error {
	if lat < -MaxLatUdeg || lat > MaxLatUdeg {
		return errorsmod.Wrapf(ErrInvalidLocation, "lat_udeg %d outside -%d..%d", lat, MaxLatUdeg, MaxLatUdeg)
	}
	if lon < -MaxLonUdeg || lon > MaxLonUdeg {
		return errorsmod.Wrapf(ErrInvalidLocation, "lon_udeg %d outside -%d..%d", lon, MaxLonUdeg, MaxLonUdeg)
	}
	if kind == SiteKindTap && (lat%TapCoordinateStep != 0 || lon%TapCoordinateStep != 0) {
		return errorsmod.Wrapf(ErrInvalidLocation, "a TAP site's coordinates are rounded to %d micro-degrees, got %d, %d", TapCoordinateStep, lat, lon)
	}
	return nil
}

// ValidateSiteKind checks a site kind is named.
func ValidateSiteKind(k SiteKind) error {
	if !k.IsValid() {
		return errorsmod.Wrapf(ErrInvalidKind, "kind %s is not a site kind", k)
	}
	return nil
}

// ValidateStandardClass checks a standard class is named.
func ValidateStandardClass(c StandardClass) error {
	if !c.IsValid() {
		return errorsmod.Wrapf(ErrInvalidClass, "standard_class %s is not a standard class", c)
	}
	return nil
}

// ValidateParameter checks a parameter is named.
func ValidateParameter(p Parameter) error {
	if !p.IsValid() {
		return errorsmod.Wrapf(ErrInvalidParameter, "parameter %s is not a parameter", p)
	}
	return nil
}

// ValidateValue checks a value of parameter p lies in its possible range.
func ValidateValue(p Parameter, v int64) error {
	r, ok := valueRanges[p]
	if !ok {
		return errorsmod.Wrapf(ErrInvalidParameter, "parameter %s is not a parameter", p)
	}
	if v < r.min || v > r.max {
		return errorsmod.Wrapf(ErrInvalidValue, "%s value %d outside %d..%d %s", p.Label(), v, r.min, r.max, p.Unit())
	}
	return nil
}

// ValidateParameters checks a sensor's parameter list: 1..5 named
// parameters in ascending order without repeats.
func ValidateParameters(ps []Parameter) error {
	if len(ps) == 0 || len(ps) > NumParameters {
		return errorsmod.Wrapf(ErrInvalidParameter, "parameters must list 1..%d parameters, got %d", NumParameters, len(ps))
	}
	for i, p := range ps {
		if err := ValidateParameter(p); err != nil {
			return err
		}
		if i > 0 && p <= ps[i-1] {
			return errorsmod.Wrapf(ErrInvalidParameter, "parameters must be in ascending order without repeats: %s follows %s", p.Label(), ps[i-1].Label())
		}
	}
	return nil
}

// ValidateMeasurements checks a reading's values: 1..5, parameters in
// ascending order without repeats, each value in its range.
func ValidateMeasurements(ms []Measurement) error {
	if len(ms) == 0 || len(ms) > NumParameters {
		return errorsmod.Wrapf(ErrInvalidParameter, "values must hold 1..%d measurements, got %d", NumParameters, len(ms))
	}
	for i, m := range ms {
		if err := ValidateParameter(m.Parameter); err != nil {
			return errorsmod.Wrapf(err, "values[%d]", i)
		}
		if i > 0 && m.Parameter <= ms[i-1].Parameter {
			return errorsmod.Wrapf(ErrInvalidParameter, "values must be in parameter order without repeats: %s follows %s", m.Parameter.Label(), ms[i-1].Parameter.Label())
		}
		if err := ValidateValue(m.Parameter, m.Value); err != nil {
			return errorsmod.Wrapf(err, "values[%d]", i)
		}
	}
	return nil
}

// ValidateLimits checks a threshold's or band's limits: each in the
// parameter's range, min <= max. requireOne asks for at least one limit.
func ValidateLimits(p Parameter, min, max *Limit, requireOne bool) error {
	if requireOne && min == nil && max == nil {
		return errorsmod.Wrap(ErrInvalidLimits, "set min, max or both")
	}
	if min != nil {
		if err := ValidateValue(p, min.Value); err != nil {
			return errorsmod.Wrapf(ErrInvalidLimits, "min: %s", err)
		}
	}
	if max != nil {
		if err := ValidateValue(p, max.Value); err != nil {
			return errorsmod.Wrapf(ErrInvalidLimits, "max: %s", err)
		}
	}
	if min != nil && max != nil && min.Value > max.Value {
		return errorsmod.Wrapf(ErrInvalidLimits, "min %d is above max %d", min.Value, max.Value)
	}
	return nil
}

// ValidateCalibration checks a calibration's fields: the certificate digest,
// both times set and due_at after calibrated_at.
func ValidateCalibration(c Calibration) error {
	if err := ValidateDigest("calibration.certificate_digest", c.CertificateDigest); err != nil {
		return err
	}
	if err := ValidateTime("calibration.calibrated_at", c.CalibratedAt); err != nil {
		return errorsmod.Wrap(ErrInvalidCalibration, err.Error())
	}
	if err := ValidateTime("calibration.due_at", c.DueAt); err != nil {
		return errorsmod.Wrap(ErrInvalidCalibration, err.Error())
	}
	if !c.DueAt.After(c.CalibratedAt) {
		return errorsmod.Wrapf(ErrInvalidCalibration, "due_at %s is not after calibrated_at %s", c.DueAt.UTC().Format(time.RFC3339), c.CalibratedAt.UTC().Format(time.RFC3339))
	}
	return nil
}

// MinTime and MaxTime bound the times of readings, batches, calibrations and
// thresholds: keys hold times as Unix nanoseconds (int64).
var (
	MinTime = time.Unix(0, 0).UTC()
	MaxTime = time.Date(2262, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// ValidateTime refuses an unset time and one outside MinTime..MaxTime.
func ValidateTime(field string, t time.Time) error {
	if t.IsZero() {
		return errorsmod.Wrapf(ErrInvalidTime, "%s is required", field)
	}
	if t.Before(MinTime) || !t.Before(MaxTime) {
		return errorsmod.Wrapf(ErrInvalidTime, "%s %s is outside %s..%s", field, t.UTC().Format(time.RFC3339Nano), MinTime.Format(time.RFC3339), MaxTime.Format(time.RFC3339))
	}
	return nil
}

// FloorDiv is floor(a / b) for b > 0 (Go's / truncates toward zero).
func FloorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// Check reports whether v complies with the limits: BELOW_MIN or ABOVE_MAX
// (with the limit crossed) when it does not, UNSPECIFIED when it does.
func Check(min, max *Limit, v int64) (AlertKind, int64) {
	if min != nil && v < min.Value {
		return AlertBelowMin, min.Value
	}
	if max != nil && v > max.Value {
		return AlertAboveMax, max.Value
	}
	return AlertKindUnspecified, 0
}

// HasLimits reports whether a threshold version sets a standard.
func (t Threshold) HasLimits() bool { return t.Min != nil || t.Max != nil }

// HasLimits reports whether a band is set (not cleared).
func (b OperationalBand) HasLimits() bool { return b.Min != nil || b.Max != nil }
