package types

import (
	"slices"
	"strings"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/bounds"
	"github.com/civicchain/civic/internal/digest"
	"github.com/civicchain/civic/internal/enum"
	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/internal/publictext"
	"github.com/civicchain/civic/internal/text"
	didtypes "github.com/civicchain/civic/x/did/types"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
)

// Grammars of the module's strings and numbers. They are checked before any
// state access (keeper/validate.go) and again on genesis import. No field
// holds free text about a person: beneficiaries are pairwise DIDs or salted
// digests, slots opaque keys, files digests, reasons codes.
const (
	// MaxGroupIDLength bounds a group id: ^[a-z][a-z0-9_]{1,31}$.
	MaxGroupIDLength = 32
	// MaxDescriptionLength bounds a group's description in bytes.
	MaxDescriptionLength = 256
	// MaxNameLength bounds a program's name in bytes.
	MaxNameLength = 128
	// SlotKeyLength is the length of a slot key: an HMAC-SHA256 in lowercase hex.
	SlotKeyLength = 64
	// MaxCriteriaLength bounds a criteria version: ^[A-Za-z0-9._-]{1,32}$.
	MaxCriteriaLength = 32
	// MaxReasonLength bounds a reason code: ^[A-Z][A-Z0-9_]{0,31}$.
	MaxReasonLength = 32
	// DidPrefix starts a beneficiary_ref that is a DID.
	DidPrefix = "did:"
)

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

// ValidateDigest checks a SHA-256 digest: exactly 64 lowercase hex characters.
func ValidateDigest(field, d string) error {
	return digest.Validate(ErrInvalidDigest, field, d)
}

// ValidateGroupID checks an exclusivity group id: ^[a-z][a-z0-9_]{1,31}$,
// e.g. "livelihood".
func ValidateGroupID(field, s string) error {
	if len(s) < 2 || len(s) > MaxGroupIDLength {
		return errorsmod.Wrapf(ErrInvalidGroupID, "%s %s must be 2..%d characters", field, text.Quote(s), MaxGroupIDLength)
	}
	if s[0] < 'a' || s[0] > 'z' {
		return errorsmod.Wrapf(ErrInvalidGroupID, "%s %s must start with a lowercase letter a-z", field, text.Quote(s))
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return errorsmod.Wrapf(ErrInvalidGroupID, "%s %s has a character outside [a-z0-9_] at %d", field, text.Quote(s), i+1)
		}
	}
	if what := pii.Find(s); what != "" {
		return errorsmod.Wrapf(ErrInvalidGroupID, "%s %s has the shape of %s", field, text.Quote(s), what)
	}
	return nil
}

// ValidateDescription checks a group's description: a public text
// (internal/publictext Name, at most 256 bytes).
func ValidateDescription(s string) error {
	if err := publictext.Name("description", s, MaxDescriptionLength); err != nil {
		return errorsmod.Wrap(ErrInvalidName, err.Error())
	}
	return nil
}

// ValidateProgramName checks a program's name: a public name (internal/publictext
// Name, at most 128 bytes), e.g. "기초생활보장 생계급여".
func ValidateProgramName(s string) error {
	if err := publictext.Name("name", s, MaxNameLength); err != nil {
		return errorsmod.Wrap(ErrInvalidName, err.Error())
	}
	return nil
}

// ValidateLegalBasis checks a legal basis code (internal/publictext
// LegalBasis, the grammar x/water uses): 1..128 of [A-Z0-9._:+-].
func ValidateLegalBasis(s string) error {
	if err := publictext.LegalBasis("legal_basis", s); err != nil {
		return errorsmod.Wrap(ErrInvalidLegalBasis, err.Error())
	}
	return nil
}

// ValidateSlotKey checks a slot key: exactly 64 lowercase hex characters
// (an HMAC-SHA256 made off chain).
func ValidateSlotKey(field, k string) error {
	if err := digest.Check(field, k); err != nil {
		return errorsmod.Wrap(ErrInvalidSlotKey, err.Error())
	}
	return nil
}

// IsDidRef reports whether a beneficiary_ref is a DID (it then must be an
// active did:civic DID) rather than a salted digest.
func IsDidRef(ref string) bool { return strings.HasPrefix(ref, DidPrefix) }

// ValidateBeneficiaryRef checks a beneficiary reference: a did:civic DID of
// x/did's grammar, or a salted digest of 64 lowercase hex characters.
func ValidateBeneficiaryRef(ref string) error {
	if IsDidRef(ref) {
		if err := didtypes.ValidateDid(ref); err != nil {
			return errorsmod.Wrapf(ErrInvalidBeneficiary, "beneficiary_ref: %s", err)
		}
		return nil
	}
	if err := digest.Check("beneficiary_ref", ref); err != nil {
		return errorsmod.Wrapf(ErrInvalidBeneficiary, "%s (or a did:civic DID)", err)
	}
	return nil
}

// ValidateCriteriaVersion checks a criteria version: ^[A-Za-z0-9._-]{1,32}$.
func ValidateCriteriaVersion(s string) error {
	if s == "" || len(s) > MaxCriteriaLength {
		return errorsmod.Wrapf(ErrInvalidCriteria, "criteria_version %s must be 1..%d characters", text.Quote(s), MaxCriteriaLength)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("._-", c) >= 0) {
			return errorsmod.Wrapf(ErrInvalidCriteria, "criteria_version %s has a character outside [A-Za-z0-9._-] at %d", text.Quote(s), i+1)
		}
	}
	if what := pii.Find(s); what != "" {
		return errorsmod.Wrapf(ErrInvalidCriteria, "criteria_version %s has the shape of %s", text.Quote(s), what)
	}
	return nil
}

// ValidateReasonCode checks a reason code: ^[A-Z][A-Z0-9_]{0,31}$, e.g.
// INCOME_ABOVE_THRESHOLD.
func ValidateReasonCode(field, s string) error {
	if s == "" || len(s) > MaxReasonLength {
		return errorsmod.Wrapf(ErrInvalidReasonCode, "%s %s must be 1..%d characters", field, text.Quote(s), MaxReasonLength)
	}
	if s[0] < 'A' || s[0] > 'Z' {
		return errorsmod.Wrapf(ErrInvalidReasonCode, "%s %s must start with an uppercase letter A-Z", field, text.Quote(s))
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return errorsmod.Wrapf(ErrInvalidReasonCode, "%s %s has a character outside [A-Z0-9_] at %d", field, text.Quote(s), i+1)
		}
	}
	if what := pii.Find(s); what != "" {
		return errorsmod.Wrapf(ErrInvalidReasonCode, "%s %s has the shape of %s", field, text.Quote(s), what)
	}
	return nil
}

// ValidateCashDenom checks a CASH program's denom: a bank denom that is not
// a voucher denom (vouchers are paid as VOUCHER benefits through x/voucher).
func ValidateCashDenom(d string) error {
	if err := sdk.ValidateDenom(d); err != nil {
		return errorsmod.Wrapf(ErrInvalidDenom, "benefit denom %s is not a bank denom: %s", text.Quote(d), err)
	}
	if vouchertypes.IsVoucherDenom(d) {
		return errorsmod.Wrapf(ErrInvalidDenom, "benefit denom %s is a voucher denom: pay vouchers as a VOUCHER benefit", text.Quote(d))
	}
	return nil
}

// ValidateBenefit checks a benefit: CASH with a bank denom and no voucher
// program, or VOUCHER with a voucher program and no denom.
func ValidateBenefit(b Benefit) error {
	switch b.Kind {
	case BenefitKindCash:
		if b.VoucherProgramId != 0 {
			return errorsmod.Wrapf(ErrInvalidBenefit, "a CASH benefit names no voucher program, got voucher_program_id %d", b.VoucherProgramId)
		}
		return ValidateCashDenom(b.Denom)
	case BenefitKindVoucher:
		if b.Denom != "" {
			return errorsmod.Wrapf(ErrInvalidBenefit, "a VOUCHER benefit names no denom (its voucher program's), got %s", text.Quote(b.Denom))
		}
		if b.VoucherProgramId == 0 {
			return errorsmod.Wrap(ErrInvalidBenefit, "a VOUCHER benefit needs voucher_program_id")
		}
		return nil
	}
	return errorsmod.Wrapf(ErrInvalidBenefit, "benefit kind must be CASH or VOUCHER, got %s", b.Kind.Label())
}

// NormalizeGroups checks a program's group list as a message sends it:
// 0..max distinct group ids, returned ascending (the order slot keys follow).
func NormalizeGroups(ids []string, max uint32) ([]string, error) {
	if uint64(len(ids)) > uint64(max) {
		return nil, errorsmod.Wrapf(ErrInvalidGroups, "groups must hold 0..%d groups, got %d", max, len(ids))
	}
	if len(ids) == 0 {
		return nil, nil
	}
	for _, id := range ids {
		if err := ValidateGroupID("groups", id); err != nil {
			return nil, err
		}
	}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return nil, errorsmod.Wrapf(ErrInvalidGroups, "groups names %s twice", text.Quote(sorted[i]))
		}
	}
	return sorted, nil
}

// ValidateSlotKeys checks the slot keys of an application against the
// program's groups: exactly one per group, each a slot key, none twice.
func ValidateSlotKeys(keys []string, groups []string) error {
	if len(keys) != len(groups) {
		return errorsmod.Wrapf(ErrSlotKeysMismatch, "the program has %d group(s) %v: slot_keys must hold one key per group, got %d", len(groups), groups, len(keys))
	}
	for i, k := range keys {
		if err := ValidateSlotKey("slot key of group "+groups[i], k); err != nil {
			return err
		}
		for j := 0; j < i; j++ {
			if keys[j] == k {
				return errorsmod.Wrapf(ErrSlotKeysMismatch, "slot_keys name %s twice (groups %s and %s)", k, groups[j], groups[i])
			}
		}
	}
	return nil
}

// formatTime prints a block time in RFC 3339, UTC.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// ZeroTotals are the totals of a new program: every counter 0.
func ZeroTotals() Totals {
	z := sdkmath.ZeroInt()
	return Totals{PaymentsAmount: z, Funded: z, Escrow: z, Reserved: z, Paid: z, Returned: z}
}

// IsCash reports whether the program pays cash from its escrow here.
func (p Program) IsCash() bool { return p.Benefit.Kind == BenefitKindCash }

// HasGroup reports whether g is one of the program's groups.
func (p Program) HasGroup(g string) bool {
	_, found := slices.BinarySearch(p.Groups, g)
	return found
}

// PayDenom is the denom a payment of the program moves: its cash denom, or
// its voucher program's denom.
func (p Program) PayDenom() string {
	if p.IsCash() {
		return p.Benefit.Denom
	}
	return vouchertypes.Denom(p.Benefit.VoucherProgramId)
}

// HoldsSlots reports whether an enrolment of status s holds its slots (when
// its program is open and its latest entitlement has not lapsed).
func (s EnrolmentStatus) HoldsSlots() bool {
	return s == EnrolmentStatusPending || s == EnrolmentStatusEnrolled || s == EnrolmentStatusPaused
}

// IsLive reports whether an entitlement of stored status s is live: OFFERED,
// ACCEPTED, ACTIVE or SUSPENDED (one per enrolment; counted in due_per_cycle
// and in its payee's fan-in).
func (s EntitlementStatus) IsLive() bool {
	return s == EntitlementStatusOffered || s == EntitlementStatusAccepted ||
		s == EntitlementStatusActive || s == EntitlementStatusSuspended
}

// Lapsed reports whether the entitlement is past valid_until at block time now.
func (e Entitlement) Lapsed(now time.Time) bool { return !now.Before(e.ValidUntil) }

// StatusAt is the status the queries show at block time now: the stored
// status, or ENDED once now >= valid_until for a live entitlement.
func (e Entitlement) StatusAt(now time.Time) EntitlementStatus {
	if e.Status.IsLive() && e.Lapsed(now) {
		return EntitlementStatusEnded
	}
	return e.Status
}

// ValidIn reports whether the entitlement is valid at some time of the
// period [start, end): valid_from < end and valid_until > start.
func (e Entitlement) ValidIn(start, end time.Time) bool {
	return e.ValidFrom.Before(end) && e.ValidUntil.After(start)
}

// --- enums ---

// IsValid reports whether t is a named target other than UNSPECIFIED.
func (t Target) IsValid() bool { return enum.Named(Target_name, t) }

// Label is the target without its enum prefix, e.g. "HOUSEHOLD".
func (t Target) Label() string { return enum.Label(Target_name, t) }

// IsValid reports whether k is a named benefit kind other than UNSPECIFIED.
func (k BenefitKind) IsValid() bool { return enum.Named(BenefitKind_name, k) }

// Label is the benefit kind without its enum prefix, e.g. "CASH".
func (k BenefitKind) Label() string { return enum.Label(BenefitKind_name, k) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s ProgramStatus) IsValid() bool { return enum.Named(ProgramStatus_name, s) }

// Label is the status without its enum prefix, e.g. "ACTIVE".
func (s ProgramStatus) Label() string { return enum.Label(ProgramStatus_name, s) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s EnrolmentStatus) IsValid() bool { return enum.Named(EnrolmentStatus_name, s) }

// Label is the status without its enum prefix, e.g. "DUPLICATED".
func (s EnrolmentStatus) Label() string { return enum.Label(EnrolmentStatus_name, s) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s EntitlementStatus) IsValid() bool { return enum.Named(EntitlementStatus_name, s) }

// Label is the status without its enum prefix, e.g. "SUSPENDED".
func (s EntitlementStatus) Label() string { return enum.Label(EntitlementStatus_name, s) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s CycleStatus) IsValid() bool { return enum.Named(CycleStatus_name, s) }

// Label is the status without its enum prefix, e.g. "TO_APPROVE".
func (s CycleStatus) Label() string { return enum.Label(CycleStatus_name, s) }

// Label is the reason without its enum prefix, e.g. "UNCOVERED".
func (r SkipReason) Label() string { return enum.Label(SkipReason_name, r) }
