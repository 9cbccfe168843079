package types

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/digest"
	"github.com/civicchain/civic/internal/enum"
	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/internal/text"
)

// Bounds of every string and list the module stores. They are checked before
// any state access (keeper/validate.go) and again on genesis import.
const (
	// MinNumberLength and MaxNumberLength bound certificate and declaration
	// numbers, ^[A-Z0-9][A-Z0-9-]{3,31}$.
	MinNumberLength = 4
	MaxNumberLength = 32
	// MaxScopeEntries bounds a certificate's scope list.
	MaxScopeEntries = 32
	// MaxScopeCodeLength bounds one scope entry, ^[a-z0-9][a-z0-9._-]{0,63}$.
	MaxScopeCodeLength = 64
	// CountryCodeLength is the length of an ISO 3166-1 alpha-2 code.
	CountryCodeLength = 2
	// MinHSCodeLength and MaxHSCodeLength bound an HS code (digits only).
	MinHSCodeLength = 6
	MaxHSCodeLength = 10
	// AnimalTraceNumberLength is a 12-digit animal (individual) number.
	AnimalTraceNumberLength = 12
	// LotTraceNumberLength is a bundle number: "L" + 14 digits.
	LotTraceNumberLength = 15
	// MaxProductLength bounds a product name.
	MaxProductLength = 128
	// MaxFacilityNameLength bounds a facility's public business name.
	MaxFacilityNameLength = 128
	// MaxIssuingAuthorityLength bounds a hygiene certificate's issuing authority.
	MaxIssuingAuthorityLength = 128
	// MaxLotLength bounds a lot number, [A-Za-z0-9._/-]{1,64}.
	MaxLotLength = 64
	// MinReasonCodeLength and MaxReasonCodeLength bound ^[A-Z][A-Z0-9_]{1,31}$.
	MinReasonCodeLength = 2
	MaxReasonCodeLength = 32
	// MaxCcpCodeLength bounds ^[A-Z0-9][A-Z0-9-]{0,31}$.
	MaxCcpCodeLength = 32
	// MinCustomsRefLength and MaxCustomsRefLength bound ^[A-Z0-9][A-Z0-9-]{5,39}$.
	MinCustomsRefLength = 6
	MaxCustomsRefLength = 40
	// RegionCodeLength is a 5-digit si/gun/gu code.
	RegionCodeLength = 5
	// MaxPartnerLength bounds a share's partner (an account address or a DID).
	MaxPartnerLength = 128
	// MaxSharedValueLength bounds one disclosed value (canonical JSON).
	MaxSharedValueLength = 256 * 1024
)

// Units an import item's quantity may be given in.
var Units = []string{"KG", "G", "T", "L", "ML", "EA", "BOX"}

// ValidateDigest checks a SHA-256 digest: exactly 64 lowercase hex characters.
func ValidateDigest(field, d string) error {
	return digest.Validate(ErrInvalidDigest, field, d)
}

// ValidateOptionalDigest accepts "" or a valid digest.
func ValidateOptionalDigest(field, d string) error {
	return digest.ValidateOptional(ErrInvalidDigest, field, d)
}

// ValidateCertNo checks a HACCP certificate number, ^[A-Z0-9][A-Z0-9-]{3,31}$.
func ValidateCertNo(s string) error {
	if !isNumber(s) {
		return errorsmod.Wrapf(ErrInvalidCertNo, "cert_no %s does not match ^[A-Z0-9][A-Z0-9-]{3,31}$", text.Quote(s))
	}
	return noPersonalData(ErrInvalidCertNo, "cert_no", s)
}

// ValidateHygieneCertNo checks a foreign hygiene certificate number; it uses
// the same grammar as a HACCP certificate number.
func ValidateHygieneCertNo(s string) error {
	if !isNumber(s) {
		return errorsmod.Wrapf(ErrInvalidHygieneCert, "hygiene cert_no %s does not match ^[A-Z0-9][A-Z0-9-]{3,31}$", text.Quote(s))
	}
	return noPersonalData(ErrInvalidHygieneCert, "hygiene cert_no", s)
}

// ValidateDeclNo checks an import declaration number, ^[A-Z0-9][A-Z0-9-]{3,31}$.
func ValidateDeclNo(s string) error {
	if !isNumber(s) {
		return errorsmod.Wrapf(ErrInvalidDeclNo, "decl_no %s does not match ^[A-Z0-9][A-Z0-9-]{3,31}$", text.Quote(s))
	}
	return noPersonalData(ErrInvalidDeclNo, "decl_no", s)
}

// ValidateScope checks a certificate scope: 1..32 product-category codes,
// each ^[a-z0-9][a-z0-9._-]{0,63}$, sorted and unique.
func ValidateScope(scope []string) error {
	if len(scope) == 0 || len(scope) > MaxScopeEntries {
		return errorsmod.Wrapf(ErrInvalidScope, "scope must have 1..%d entries, got %d", MaxScopeEntries, len(scope))
	}
	for i, s := range scope {
		if !isScopeCode(s) {
			return errorsmod.Wrapf(ErrInvalidScope, "scope[%d] %s does not match ^[a-z0-9][a-z0-9._-]{0,63}$", i, text.Quote(s))
		}
		if i > 0 && scope[i-1] >= s {
			return errorsmod.Wrapf(ErrInvalidScope, "scope must be sorted and unique: %s follows %s", text.Quote(s), text.Quote(scope[i-1]))
		}
		if err := noPersonalData(ErrInvalidScope, fmt.Sprintf("scope[%d]", i), s); err != nil {
			return err
		}
	}
	return nil
}

// ValidatePeriod checks a validity period: both ends set and from < until.
func ValidatePeriod(from, until time.Time) error {
	return validateSpan("valid_from", "valid_until", from, until)
}

// ValidateCcpPeriod checks a CCP record period: period_start < period_end <= now (block time).
func ValidateCcpPeriod(start, end, now time.Time) error {
	if err := validateSpan("period_start", "period_end", start, end); err != nil {
		return err
	}
	if end.After(now) {
		return errorsmod.Wrapf(ErrInvalidPeriod, "period_end %s is after the block time %s",
			end.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return nil
}

// validateSpan checks that the times of fields from and until are set (after
// the Unix epoch) and in that order.
func validateSpan(fromField, untilField string, from, until time.Time) error {
	if from.IsZero() || until.IsZero() || from.Unix() <= 0 || until.Unix() <= 0 {
		return errorsmod.Wrapf(ErrInvalidPeriod, "%s and %s must be set", fromField, untilField)
	}
	if !from.Before(until) {
		return errorsmod.Wrapf(ErrInvalidPeriod, "%s %s must be before %s %s",
			fromField, from.UTC().Format(time.RFC3339), untilField, until.UTC().Format(time.RFC3339))
	}
	return nil
}

// countryCodes are the officially assigned ISO 3166-1 alpha-2 codes, sorted
// (a test checks the order and the count, 249).
var countryCodes = []string{
	"AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
	"BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ",
	"CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
	"DE", "DJ", "DK", "DM", "DO", "DZ",
	"EC", "EE", "EG", "EH", "ER", "ES", "ET",
	"FI", "FJ", "FK", "FM", "FO", "FR",
	"GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY",
	"HK", "HM", "HN", "HR", "HT", "HU",
	"ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
	"JE", "JM", "JO", "JP",
	"KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
	"LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
	"MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
	"NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
	"OM",
	"PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
	"QA",
	"RE", "RO", "RS", "RU", "RW",
	"SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ",
	"TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
	"UA", "UG", "UM", "US", "UY", "UZ",
	"VA", "VC", "VE", "VG", "VI", "VN", "VU",
	"WF", "WS",
	"YE", "YT",
	"ZA", "ZM", "ZW",
}

// IsCountryCode reports whether c is an officially assigned ISO 3166-1 alpha-2 code.
func IsCountryCode(c string) bool {
	if len(c) != CountryCodeLength {
		return false
	}
	i := sort.SearchStrings(countryCodes, c)
	return i < len(countryCodes) && countryCodes[i] == c
}

// ValidateCountry checks an ISO 3166-1 alpha-2 code (uppercase, officially assigned).
func ValidateCountry(c string) error {
	if len(c) != CountryCodeLength || !isUpper(c[0]) || !isUpper(c[1]) {
		return errorsmod.Wrapf(ErrInvalidCountry, "country %s must be two uppercase letters (ISO 3166-1 alpha-2)", text.Quote(c))
	}
	if !IsCountryCode(c) {
		return errorsmod.Wrapf(ErrInvalidCountry, "country %s is not an assigned ISO 3166-1 alpha-2 code", text.Quote(c))
	}
	return nil
}

// ValidateHSCode checks an HS code: 6..10 digits whose first two, the
// chapter, are 01..97.
func ValidateHSCode(s string) error {
	if len(s) < MinHSCodeLength || len(s) > MaxHSCodeLength {
		return errorsmod.Wrapf(ErrInvalidHSCode, "hs_code %s must be %d..%d digits, got %d characters", text.Quote(s), MinHSCodeLength, MaxHSCodeLength, len(s))
	}
	if !isDigits(s) {
		return errorsmod.Wrapf(ErrInvalidHSCode, "hs_code %s must be digits only", text.Quote(s))
	}
	if ch := hsChapter(s); ch < 1 || ch > 97 {
		return errorsmod.Wrapf(ErrInvalidHSCode, "hs_code %s has chapter %02d, want 01..97", text.Quote(s), ch)
	}
	return nil
}

// IsMeat reports whether an HS code is of chapter 02 (meat and edible meat
// offal), whose items need a livestock trace number. It does not validate the code.
func IsMeat(hsCode string) bool {
	return len(hsCode) >= 2 && hsCode[0] == '0' && hsCode[1] == '2'
}

// ValidateTraceNumber checks a livestock trace number: a 12-digit animal
// number or a bundle number "L" followed by 14 digits.
func ValidateTraceNumber(s string) error {
	switch {
	case len(s) == AnimalTraceNumberLength && isDigits(s):
		return nil
	case len(s) == LotTraceNumberLength && s[0] == 'L' && isDigits(s[1:]):
		return nil
	}
	return errorsmod.Wrapf(ErrInvalidTraceNumber, "livestock_trace_no %s must be 12 digits or \"L\" followed by 14 digits", text.Quote(s))
}

// ValidateUnit checks an item's unit: KG, G, T, L, ML, EA or BOX.
func ValidateUnit(u string) error {
	for _, v := range Units {
		if u == v {
			return nil
		}
	}
	return errorsmod.Wrapf(ErrInvalidItem, "unit %s must be one of %s", text.Quote(u), strings.Join(Units, ", "))
}

// ValidateLot checks a lot number: 1..64 bytes of [A-Za-z0-9._/-].
func ValidateLot(s string) error {
	if len(s) == 0 || len(s) > MaxLotLength {
		return errorsmod.Wrapf(ErrInvalidLot, "lot %s must be 1..%d bytes, got %d", text.Quote(s), MaxLotLength, len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '.' && c != '_' && c != '/' && c != '-' {
			return errorsmod.Wrapf(ErrInvalidLot, "lot %s has a character outside [A-Za-z0-9._/-] at %d", text.Quote(s), i+1)
		}
	}
	return noPersonalData(ErrInvalidLot, "lot", s)
}

// ValidateItem checks one line of an import declaration; index names it in
// errors (items[index]). The livestock trace number is required for meat (HS
// chapter 02) and refused for everything else.
func ValidateItem(item ImportItem, index int) error {
	wrap := func(err error) error { return errorsmod.Wrapf(err, "items[%d]", index) }
	if err := ValidateName("product", item.Product, MaxProductLength); err != nil {
		return wrap(err)
	}
	if err := ValidateHSCode(item.HsCode); err != nil {
		return wrap(err)
	}
	if err := ValidateCountry(item.OriginCountry); err != nil {
		return wrap(err)
	}
	if err := ValidateLot(item.Lot); err != nil {
		return wrap(err)
	}
	if item.Quantity == 0 {
		return wrap(errorsmod.Wrap(ErrInvalidItem, "quantity must be positive"))
	}
	if err := ValidateUnit(item.Unit); err != nil {
		return wrap(err)
	}
	if IsMeat(item.HsCode) {
		if item.LivestockTraceNo == "" {
			return wrap(errorsmod.Wrapf(ErrInvalidTraceNumber, "livestock_trace_no is required for meat (hs_code %s)", text.Quote(item.HsCode)))
		}
		if err := ValidateTraceNumber(item.LivestockTraceNo); err != nil {
			return wrap(err)
		}
	} else if item.LivestockTraceNo != "" {
		return wrap(errorsmod.Wrapf(ErrInvalidTraceNumber, "livestock_trace_no %s given for non-meat hs_code %s", text.Quote(item.LivestockTraceNo), text.Quote(item.HsCode)))
	}
	return nil
}

// ValidateItems checks a declaration's items: 1..max lines, each valid.
func ValidateItems(items []ImportItem, max uint32) error {
	if len(items) == 0 || uint64(len(items)) > uint64(max) {
		return errorsmod.Wrapf(ErrInvalidItem, "a declaration has 1..%d items, got %d", max, len(items))
	}
	for i, it := range items {
		if err := ValidateItem(it, i); err != nil {
			return err
		}
	}
	return nil
}

// ValidateReasonCode checks a reason code, ^[A-Z][A-Z0-9_]{1,31}$.
func ValidateReasonCode(s string) error {
	if len(s) < MinReasonCodeLength || len(s) > MaxReasonCodeLength || !isUpper(s[0]) {
		return errorsmod.Wrapf(ErrInvalidReasonCode, "reason_code %s does not match ^[A-Z][A-Z0-9_]{1,31}$", text.Quote(s))
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isUpper(c) && !isDigit(c) && c != '_' {
			return errorsmod.Wrapf(ErrInvalidReasonCode, "reason_code %s does not match ^[A-Z][A-Z0-9_]{1,31}$", text.Quote(s))
		}
	}
	return noPersonalData(ErrInvalidReasonCode, "reason_code", s)
}

// ValidateOptionalReasonCode accepts "" or a valid reason code.
func ValidateOptionalReasonCode(s string) error {
	if s == "" {
		return nil
	}
	return ValidateReasonCode(s)
}

// ValidateCcpCode checks a critical-control-point code, ^[A-Z0-9][A-Z0-9-]{0,31}$.
func ValidateCcpCode(s string) error {
	if len(s) == 0 || len(s) > MaxCcpCodeLength || !isUpperCode(s) {
		return errorsmod.Wrapf(ErrInvalidCcpRecord, "ccp_code %s does not match ^[A-Z0-9][A-Z0-9-]{0,31}$", text.Quote(s))
	}
	return noPersonalData(ErrInvalidCcpRecord, "ccp_code", s)
}

// ValidateCustomsRef checks a customs clearance number, ^[A-Z0-9][A-Z0-9-]{5,39}$.
func ValidateCustomsRef(s string) error {
	if len(s) < MinCustomsRefLength || len(s) > MaxCustomsRefLength || !isUpperCode(s) {
		return errorsmod.Wrapf(ErrInvalidCustomsRef, "customs_ref %s does not match ^[A-Z0-9][A-Z0-9-]{5,39}$", text.Quote(s))
	}
	return noPersonalData(ErrInvalidCustomsRef, "customs_ref", s)
}

// ValidateName checks a free-text field (a public name, a product, an
// issuing authority): 1..max bytes of valid UTF-8 made of Latin or Hangul
// letters, digits, single spaces and the punctuation . , & ' ( ) - / + —
// enough for the name of a public body, a business or a product, and nothing
// that makes an e-mail address — with no leading or trailing space and no
// resident registration number, telephone number or other number of 7 or
// more digits (internal/pii.FindInText).
func ValidateName(field, s string, max int) error {
	if len(s) > max {
		return errorsmod.Wrapf(ErrFieldTooLong, "%s is %d bytes, at most %d", field, len(s), max)
	}
	if s == "" {
		return errorsmod.Wrapf(ErrInvalidName, "%s is empty", field)
	}
	if !utf8.ValidString(s) {
		return errorsmod.Wrapf(ErrInvalidName, "%s %s is not valid UTF-8", field, text.Quote(s))
	}
	if strings.TrimSpace(s) != s {
		return errorsmod.Wrapf(ErrInvalidName, "%s %s has leading or trailing white space", field, text.Quote(s))
	}
	prevSpace := false
	for i, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return errorsmod.Wrapf(ErrInvalidName, "%s %s has two spaces in a row at byte %d", field, text.Quote(s), i+1)
			}
		case unicode.IsLetter(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Hangul, r)):
		case '0' <= r && r <= '9':
		case strings.ContainsRune(nameSymbols, r):
		default:
			return errorsmod.Wrapf(ErrInvalidName, "%s %s has %q at byte %d: a name is Latin or Hangul letters, digits, spaces and %s",
				field, text.Quote(s), r, i+1, nameSymbols)
		}
		prevSpace = r == ' '
	}
	if what := pii.FindInText(s); what != "" {
		return errorsmod.Wrapf(ErrInvalidName, "%s %s has the shape of %s", field, text.Quote(s), what)
	}
	return nil
}

// nameSymbols is the punctuation a public name may use.
const nameSymbols = ".,&'()-/+"

// noPersonalData fails with kind when a code has the shape of a resident
// registration number, a telephone number or an e-mail address: a grammar of
// letters, digits and dashes would otherwise take "010-1234-5678".
func noPersonalData(kind *errorsmod.Error, field, s string) error {
	if what := pii.Find(s); what != "" {
		return errorsmod.Wrapf(kind, "%s %s has the shape of %s", field, text.Quote(s), what)
	}
	return nil
}

// ValidateRegionCode checks an administrative region code: 5 digits.
func ValidateRegionCode(s string) error {
	if len(s) != RegionCodeLength || !isDigits(s) {
		return errorsmod.Wrapf(ErrInvalidFacility, "region_code %s must be %d digits", text.Quote(s), RegionCodeLength)
	}
	return nil
}

// ValidatePartner checks a share's partner: an account address in bech32
// shape (a lowercase prefix, "1", then 38..90 characters of the bech32
// alphabet) or a DID (did:<method>:<id>, a lowercase method of 1..16
// characters and an id of [A-Za-z0-9._:-]), 1..128 bytes, with no personal-
// data shape. An address is not decoded here.
func ValidatePartner(s string) error {
	if len(s) == 0 || len(s) > MaxPartnerLength {
		return errorsmod.Wrapf(ErrInvalidShare, "partner %s must be 1..%d bytes, got %d", text.Quote(s), MaxPartnerLength, len(s))
	}
	if !isBech32Shape(s) && !isDID(s) {
		return errorsmod.Wrapf(ErrInvalidShare, "partner %s is neither a bech32 account address nor a DID (did:method:id)", text.Quote(s))
	}
	return noPersonalData(ErrInvalidShare, "partner", s)
}

// isBech32Shape reports whether s looks like a bech32 string: a lowercase
// human-readable part of 1..16 letters, "1", and 38..90 data characters.
func isBech32Shape(s string) bool {
	sep := strings.LastIndexByte(s, '1')
	if sep < 1 || sep > 16 {
		return false
	}
	for i := 0; i < sep; i++ {
		if !isLower(s[i]) {
			return false
		}
	}
	data := s[sep+1:]
	if len(data) < 38 || len(data) > 90 {
		return false
	}
	for i := 0; i < len(data); i++ {
		if !strings.ContainsRune(bech32Charset, rune(data[i])) {
			return false
		}
	}
	return true
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// isDID reports whether s is did:<method>:<id> with a lowercase alphanumeric
// method of 1..16 characters and an id of [A-Za-z0-9._:-] not ending in ":".
func isDID(s string) bool {
	rest, ok := strings.CutPrefix(s, "did:")
	if !ok {
		return false
	}
	method, id, ok := strings.Cut(rest, ":")
	if !ok || method == "" || len(method) > 16 || id == "" || id[len(id)-1] == ':' {
		return false
	}
	for i := 0; i < len(method); i++ {
		if !isLower(method[i]) && !isDigit(method[i]) {
			return false
		}
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !isAlnum(c) && c != '.' && c != '_' && c != ':' && c != '-' {
			return false
		}
	}
	return true
}

// ValidateSharedValue checks one field of a share: a named field with exactly
// one of value (1..256 KiB) and digest (64 lowercase hex).
func ValidateSharedValue(v SharedValue) error {
	if !v.Field.IsValid() {
		return errorsmod.Wrapf(ErrInvalidShare, "shared field %s is not a share field", v.Field)
	}
	if len(v.Value) > MaxSharedValueLength {
		return errorsmod.Wrapf(ErrFieldTooLong, "value of %s is %d bytes, at most %d", v.Field.Label(), len(v.Value), MaxSharedValueLength)
	}
	if (v.Value == "") == (v.Digest == "") {
		return errorsmod.Wrapf(ErrInvalidShare, "field %s needs exactly one of value and digest", v.Field.Label())
	}
	if v.Digest != "" {
		return ValidateDigest(v.Field.Label()+" digest", v.Digest)
	}
	if !utf8.ValidString(v.Value) {
		return errorsmod.Wrapf(ErrInvalidShare, "value of %s is not valid UTF-8", v.Field.Label())
	}
	return nil
}

// --- enums ---

// IsValid reports whether t is a named facility type other than UNSPECIFIED.
func (t FacilityType) IsValid() bool { return enum.Named(FacilityType_name, t) }

// Label is the type without its enum prefix, e.g. "IMPORTER".
func (t FacilityType) Label() string { return enum.Label(FacilityType_name, t) }

// IsValid reports whether s is a named status other than UNSPECIFIED
// (EXPIRED included; see IsStored).
func (s CertificateStatus) IsValid() bool { return enum.Named(CertificateStatus_name, s) }

// IsStored reports whether s may be stored: ACTIVE, SUSPENDED or REVOKED
// (EXPIRED is only ever derived from valid_until).
func (s CertificateStatus) IsStored() bool {
	return s == CertificateStatusActive || s == CertificateStatusSuspended || s == CertificateStatusRevoked
}

// Label is the status without its enum prefix, e.g. "ACTIVE".
func (s CertificateStatus) Label() string { return enum.Label(CertificateStatus_name, s) }

// IsValid reports whether a is a named action other than UNSPECIFIED.
func (a CertificateAction) IsValid() bool { return enum.Named(CertificateAction_name, a) }

// Label is the action without its enum prefix, e.g. "ISSUED".
func (a CertificateAction) Label() string { return enum.Label(CertificateAction_name, a) }

// IsValid reports whether r is a named audit result other than UNSPECIFIED.
func (r AuditResult) IsValid() bool { return enum.Named(AuditResult_name, r) }

// Label is the result without its enum prefix, e.g. "PASS".
func (r AuditResult) Label() string { return enum.Label(AuditResult_name, r) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s HygieneCertStatus) IsValid() bool { return enum.Named(HygieneCertStatus_name, s) }

// Label is the status without its enum prefix, e.g. "VERIFIED".
func (s HygieneCertStatus) Label() string { return enum.Label(HygieneCertStatus_name, s) }

// IsValid reports whether r is a named inspection result other than UNSPECIFIED.
func (r InspectionResult) IsValid() bool { return enum.Named(InspectionResult_name, r) }

// Label is the result without its enum prefix, e.g. "PASS".
func (r InspectionResult) Label() string { return enum.Label(InspectionResult_name, r) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s DeclarationStatus) IsValid() bool { return enum.Named(DeclarationStatus_name, s) }

// Label is the status without its enum prefix, e.g. "DECLARED".
func (s DeclarationStatus) Label() string { return enum.Label(DeclarationStatus_name, s) }

// IsValid reports whether c is a named recall class other than UNSPECIFIED.
func (c RecallClass) IsValid() bool { return enum.Named(RecallClass_name, c) }

// Label is the class without its enum prefix, e.g. "I".
func (c RecallClass) Label() string { return enum.Label(RecallClass_name, c) }

// IsValid reports whether f is a named share field other than UNSPECIFIED.
func (f ShareField) IsValid() bool { return enum.Named(ShareField_name, f) }

// Label is the field without its enum prefix, e.g. "ORIGIN".
func (f ShareField) Label() string { return enum.Label(ShareField_name, f) }

// --- helpers ---

// isNumber matches ^[A-Z0-9][A-Z0-9-]{3,31}$.
func isNumber(s string) bool {
	return len(s) >= MinNumberLength && len(s) <= MaxNumberLength && isUpperCode(s)
}

// isUpperCode matches ^[A-Z0-9][A-Z0-9-]*$ (length checked by the caller).
func isUpperCode(s string) bool {
	if len(s) == 0 || (!isUpper(s[0]) && !isDigit(s[0])) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isUpper(c) && !isDigit(c) && c != '-' {
			return false
		}
	}
	return true
}

// isScopeCode matches ^[a-z0-9][a-z0-9._-]{0,63}$.
func isScopeCode(s string) bool {
	if len(s) == 0 || len(s) > MaxScopeCodeLength || (!isLower(s[0]) && !isDigit(s[0])) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isLower(c) && !isDigit(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// hsChapter is the chapter (first two digits) of a code of at least two digits.
func hsChapter(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func isDigits(s string) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isAlnum(c byte) bool { return isDigit(c) || isUpper(c) || isLower(c) }
