package types

import (
	"slices"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/civicchain/civic/internal/bounds"
	"github.com/civicchain/civic/internal/digest"
	"github.com/civicchain/civic/internal/enum"
	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/internal/text"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	didtypes "github.com/civicchain/civic/x/did/types"
)

// Grammars of the module's strings and numbers. They are checked before any
// state access (keeper/validate*.go) and again on genesis import.
const (
	// DistrictLength is the length of a district code: a 5-digit si/gun/gu
	// code, e.g. "26230" (Busanjin-gu).
	DistrictLength = 5
	// MccLength is the length of an ISO 18245 merchant category code, e.g.
	// "5311" (department stores).
	MccLength = 4
	// MaxClassLength bounds a class name.
	MaxClassLength = 32
	// MaxSignatureLength bounds a claim signature (an Ed25519 or secp256k1
	// signature is 64 bytes; 128 leaves room for a DER encoding).
	MaxSignatureLength = 128
)

// ValidateDigest checks a SHA-256 digest: exactly 64 lowercase hex characters.
func ValidateDigest(field, d string) error {
	return digest.Validate(ErrInvalidDigest, field, d)
}

// ValidateID checks an id is set (ids start at 1).
func ValidateID(field string, id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(ErrInvalidID, "%s must be set (ids start at 1)", field)
	}
	return nil
}

// ValidateAmount checks an amount is 1..max.
func ValidateAmount(field string, a, max sdkmath.Int) error {
	if err := bounds.Amount(field, a, max); err != nil {
		return errorsmod.Wrap(ErrInvalidAmount, err.Error())
	}
	return nil
}

// digits reports whether s is exactly n ASCII digits.
func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidateDistrict checks a district code: exactly 5 ASCII digits.
func ValidateDistrict(field, s string) error {
	if !digits(s, DistrictLength) {
		return errorsmod.Wrapf(ErrInvalidDistrict, "%s %s must be exactly %d ASCII digits", field, text.Quote(s), DistrictLength)
	}
	return nil
}

// ValidateMcc checks an ISO 18245 merchant category code: exactly 4 ASCII digits.
func ValidateMcc(field, s string) error {
	if !digits(s, MccLength) {
		return errorsmod.Wrapf(ErrInvalidMcc, "%s %s must be exactly %d ASCII digits (ISO 18245)", field, text.Quote(s), MccLength)
	}
	return nil
}

// ValidateClass checks a class name: ^[A-Z][A-Z0-9_]{0,31}$, with no
// personal-data shape hidden in its digits.
func ValidateClass(field, s string) error {
	if len(s) < 1 || len(s) > MaxClassLength {
		return errorsmod.Wrapf(ErrInvalidClass, "%s %s must be 1..%d characters, got %d", field, text.Quote(s), MaxClassLength, len(s))
	}
	if s[0] < 'A' || s[0] > 'Z' {
		return errorsmod.Wrapf(ErrInvalidClass, "%s %s must start with an uppercase letter A-Z", field, text.Quote(s))
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return errorsmod.Wrapf(ErrInvalidClass, "%s %s has a character outside [A-Z0-9_] at %d", field, text.Quote(s), i+1)
		}
	}
	if what := pii.Find(s); what != "" {
		return errorsmod.Wrapf(ErrInvalidClass, "%s %s has the shape of %s", field, text.Quote(s), what)
	}
	return nil
}

// NormalizeCodes checks a list of codes as a message sends it: min..max
// codes, each passing check, none twice (a duplicate is refused, not
// dropped). It returns them ascending, the one order they are stored in; cs
// is not modified. kind is the list's registered error.
func NormalizeCodes(kind *errorsmod.Error, field string, cs []string, min, max uint32, check func(field, s string) error) ([]string, error) {
	if uint64(len(cs)) < uint64(min) || uint64(len(cs)) > uint64(max) {
		return nil, errorsmod.Wrapf(kind, "%s must hold %d..%d codes, got %d", field, min, max, len(cs))
	}
	for _, c := range cs {
		if err := check(field, c); err != nil {
			return nil, err
		}
	}
	sorted := slices.Clone(cs)
	slices.Sort(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return nil, errorsmod.Wrapf(kind, "%s names %s twice", field, text.Quote(sorted[i]))
		}
	}
	return sorted, nil
}

// validateAgencyID checks an agency id against x/agency's grammar.
func validateAgencyID(field, id string) error {
	if err := agencytypes.ValidateAgencyID(id); err != nil {
		return errorsmod.Wrapf(ErrInvalidAgencies, "%s: %s", field, err)
	}
	return nil
}

// NormalizeAgencies checks a list of allocator agency ids: 0..max distinct
// ids of x/agency's grammar, returned ascending.
func NormalizeAgencies(field string, ids []string, max uint32) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return NormalizeCodes(ErrInvalidAgencies, field, ids, 0, max, validateAgencyID)
}

// NormalizeClasses checks a class table: 1..max entries, each class
// ValidateClass and named once, each amount 1..perHolderCap. It returns the
// entries ascending by class.
func NormalizeClasses(classes []ClassAmount, max uint32, perHolderCap sdkmath.Int) ([]ClassAmount, error) {
	if len(classes) == 0 || uint64(len(classes)) > uint64(max) {
		return nil, errorsmod.Wrapf(ErrInvalidClass, "amount_by_class must hold 1..%d classes, got %d", max, len(classes))
	}
	out := slices.Clone(classes)
	for _, c := range out {
		if err := ValidateClass("amount_by_class class", c.Class); err != nil {
			return nil, err
		}
		if err := ValidateAmount("amount_by_class amount of "+c.Class, c.Amount, perHolderCap); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b ClassAmount) int {
		switch {
		case a.Class < b.Class:
			return -1
		case a.Class > b.Class:
			return 1
		}
		return 0
	})
	for i := 1; i < len(out); i++ {
		if out[i].Class == out[i-1].Class {
			return nil, errorsmod.Wrapf(ErrInvalidClass, "amount_by_class names %s twice", text.Quote(out[i].Class))
		}
	}
	return out, nil
}

// ValidateTimes checks starts_at < expires_at <= redeem_until.
func ValidateTimes(startsAt, expiresAt, redeemUntil time.Time) error {
	if !startsAt.Before(expiresAt) {
		return errorsmod.Wrapf(ErrInvalidTimes, "starts_at %s must be before expires_at %s", startsAt.UTC().Format(time.RFC3339), expiresAt.UTC().Format(time.RFC3339))
	}
	if redeemUntil.Before(expiresAt) {
		return errorsmod.Wrapf(ErrInvalidTimes, "redeem_until %s must not be before expires_at %s", redeemUntil.UTC().Format(time.RFC3339), expiresAt.UTC().Format(time.RFC3339))
	}
	return nil
}

// ValidateEligibilityFields checks that schema_id and amount_by_class are set
// exactly when the eligibility takes credentials.
func ValidateEligibilityFields(e Eligibility, schemaID uint64, classes int) error {
	if !e.IsValid() {
		return errorsmod.Wrapf(ErrInvalidEligibility, "eligibility must be CREDENTIAL, ALLOCATION or BOTH, got %s", e.Label())
	}
	if e.AllowsClaims() {
		if schemaID == 0 {
			return errorsmod.Wrapf(ErrInvalidEligibility, "schema_id must be set for eligibility %s", e.Label())
		}
		return nil
	}
	if schemaID != 0 || classes != 0 {
		return errorsmod.Wrap(ErrInvalidEligibility, "schema_id and amount_by_class must be empty for eligibility ALLOCATION")
	}
	return nil
}

// ValidateDid checks an issuer DID against x/did's grammar.
func ValidateDid(field, did string) error {
	if err := didtypes.ValidateDid(did); err != nil {
		return errorsmod.Wrapf(ErrInvalidDid, "%s: %s", field, err)
	}
	return nil
}

// ValidateVerificationMethod checks a verification method is a DID URL of did.
func ValidateVerificationMethod(vm, did string) error {
	owner, _, err := didtypes.ParseDidURL(vm)
	if err != nil {
		return errorsmod.Wrapf(ErrInvalidDid, "verification_method: %s", err)
	}
	if owner != did {
		return errorsmod.Wrapf(ErrInvalidDid, "verification_method %s is not a key of issuer_did %s", text.Quote(vm), text.Quote(did))
	}
	return nil
}

// ClassAmountOf returns the amount of class in a program's table.
func (p Program) ClassAmountOf(class string) (sdkmath.Int, bool) {
	i, found := slices.BinarySearchFunc(p.AmountByClass, class, func(c ClassAmount, class string) int {
		switch {
		case c.Class < class:
			return -1
		case c.Class > class:
			return 1
		}
		return 0
	})
	if !found {
		return sdkmath.Int{}, false
	}
	return p.AmountByClass[i].Amount, true
}

// HasHolderDistrict reports whether d is one of the program's holder districts.
func (p Program) HasHolderDistrict(d string) bool {
	_, found := slices.BinarySearch(p.HolderDistricts, d)
	return found
}

// HasMerchantDistrict reports whether d is one of the program's merchant districts.
func (p Program) HasMerchantDistrict(d string) bool {
	_, found := slices.BinarySearch(p.MerchantDistricts, d)
	return found
}

// Excludes reports whether mcc is one of the program's excluded categories.
func (p Program) Excludes(mcc string) bool {
	_, found := slices.BinarySearch(p.ExcludedMccs, mcc)
	return found
}

// AllowsAllocator reports whether agency may allocate through the keeper.
func (p Program) AllowsAllocator(agency string) bool {
	_, found := slices.BinarySearch(p.AllocatorAgencies, agency)
	return found
}

// StatusAt is the status the queries show at block time now: the stored
// status, or EXPIRED once now >= expires_at for a program that is not CLOSED.
func (p Program) StatusAt(now time.Time) ProgramStatus {
	if p.Status != ProgramStatusClosed && !now.Before(p.ExpiresAt) {
		return ProgramStatusExpired
	}
	return p.Status
}

// --- enums ---

// IsValid reports whether k is a named kind other than UNSPECIFIED.
func (k ProgramKind) IsValid() bool { return enum.Named(ProgramKind_name, k) }

// Label is the kind without its enum prefix, e.g. "RELIEF".
func (k ProgramKind) Label() string { return enum.Label(ProgramKind_name, k) }

// IsValid reports whether e is a named eligibility other than UNSPECIFIED.
func (e Eligibility) IsValid() bool { return enum.Named(Eligibility_name, e) }

// Label is the eligibility without its enum prefix, e.g. "BOTH".
func (e Eligibility) Label() string { return enum.Label(Eligibility_name, e) }

// AllowsClaims reports whether holders may claim by credential.
func (e Eligibility) AllowsClaims() bool {
	return e == EligibilityCredential || e == EligibilityBoth
}

// AllowsAllocations reports whether agencies may allocate.
func (e Eligibility) AllowsAllocations() bool {
	return e == EligibilityAllocation || e == EligibilityBoth
}

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s ProgramStatus) IsValid() bool { return enum.Named(ProgramStatus_name, s) }

// Label is the status without its enum prefix, e.g. "ACTIVE".
func (s ProgramStatus) Label() string { return enum.Label(ProgramStatus_name, s) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s MerchantStatus) IsValid() bool { return enum.Named(MerchantStatus_name, s) }

// Label is the status without its enum prefix, e.g. "APPROVED".
func (s MerchantStatus) Label() string { return enum.Label(MerchantStatus_name, s) }

// IsValid reports whether d is a named decision other than UNSPECIFIED.
func (d MerchantDecision) IsValid() bool { return enum.Named(MerchantDecision_name, d) }

// Label is the decision without its enum prefix, e.g. "APPROVE".
func (d MerchantDecision) Label() string { return enum.Label(MerchantDecision_name, d) }

// Label is the usage kind without its enum prefix, e.g. "PAYMENTS_BY_MCC".
func (k UsageKind) Label() string { return enum.Label(UsageKind_name, k) }
