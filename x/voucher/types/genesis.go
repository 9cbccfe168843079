package types

import (
	"fmt"
	"slices"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/bounds"
	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/internal/text"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// DefaultGenesis is the state of a new chain: default params, nothing stored,
// program ids starting at 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextProgramId: 1}
}

type programAddress struct {
	program uint64
	address string
}

type claimedKey struct{ program, list, index uint64 }

type receiptKey struct {
	program          uint64
	merchant, digest string
}

type usageKey struct {
	program uint64
	kind    UsageKind
	code    string
}

// Validate checks the genesis state is one the msg server could have
// produced: unique program ids below next_program_id, every program
// well-formed (ValidateProgram), every merchant, holder, claimed entry,
// receipt and usage aggregate naming an existing program, no account both a
// holder and a merchant of one program, every receipt naming a merchant of its
// program, each key once. Lists are held to the hard bounds, not to the params
// (governance may lower a bound below what older records hold). Addresses are
// checked by ValidateAddresses. Maps here are only looked up, never iterated.
func (gs GenesisState) Validate() error {
	if err := gs.validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	return nil
}

func (gs GenesisState) validate() error {
	if err := gs.Params.validate(); err != nil {
		return err
	}
	if gs.NextProgramId == 0 {
		return fmt.Errorf("next_program_id starts at 1")
	}
	programs := make(map[uint64]Program, len(gs.Programs))
	for _, p := range gs.Programs {
		if err := genesisio.CheckID("program", p.Id, gs.NextProgramId, programs); err != nil {
			return err
		}
		if err := ValidateProgram(p); err != nil {
			return fmt.Errorf("program %d: %w", p.Id, err)
		}
		programs[p.Id] = p
	}
	requireProgram := func(what string, id uint64) error {
		if _, ok := programs[id]; !ok {
			return fmt.Errorf("%s names program %d, which does not exist", what, id)
		}
		return nil
	}

	merchants := make(map[programAddress]bool, len(gs.Merchants))
	for _, m := range gs.Merchants {
		if err := requireProgram("merchant "+m.Address, m.ProgramId); err != nil {
			return err
		}
		if err := validateMerchant(m, programs[m.ProgramId].BudgetCap); err != nil {
			return fmt.Errorf("merchant %s of program %d: %w", m.Address, m.ProgramId, err)
		}
		key := programAddress{m.ProgramId, m.Address}
		if merchants[key] {
			return fmt.Errorf("merchant %s of program %d is listed twice", m.Address, m.ProgramId)
		}
		merchants[key] = true
	}
	holders := make(map[programAddress]bool, len(gs.Holders))
	for _, h := range gs.Holders {
		if err := requireProgram("holder "+h.Address, h.ProgramId); err != nil {
			return err
		}
		key := programAddress{h.ProgramId, h.Address}
		if holders[key] {
			return fmt.Errorf("holder %s of program %d is listed twice", h.Address, h.ProgramId)
		}
		if merchants[key] {
			return fmt.Errorf("%s is both a holder and a merchant of program %d", h.Address, h.ProgramId)
		}
		holders[key] = true
	}
	claimed := make(map[claimedKey]bool, len(gs.Claimed))
	for _, c := range gs.Claimed {
		if err := requireProgram("claimed entry", c.ProgramId); err != nil {
			return err
		}
		if c.StatusListId == 0 {
			return fmt.Errorf("claimed entry of program %d: status_list_id must be set", c.ProgramId)
		}
		key := claimedKey{c.ProgramId, c.StatusListId, c.StatusIndex}
		if claimed[key] {
			return fmt.Errorf("status entry %d/%d of program %d is claimed twice", c.StatusListId, c.StatusIndex, c.ProgramId)
		}
		claimed[key] = true
	}
	receipts := make(map[receiptKey]bool, len(gs.Receipts))
	for _, r := range gs.Receipts {
		if !merchants[programAddress{r.ProgramId, r.Merchant}] {
			return fmt.Errorf("receipt %s names merchant %s of program %d, which does not exist", r.ReceiptDigest, r.Merchant, r.ProgramId)
		}
		if err := ValidateDigest("receipt_digest", r.ReceiptDigest); err != nil {
			return err
		}
		key := receiptKey{r.ProgramId, r.Merchant, r.ReceiptDigest}
		if receipts[key] {
			return fmt.Errorf("receipt %s of merchant %s in program %d is listed twice", r.ReceiptDigest, r.Merchant, r.ProgramId)
		}
		receipts[key] = true
	}
	usage := make(map[usageKey]bool, len(gs.Usage))
	for _, u := range gs.Usage {
		if err := requireProgram("usage entry", u.ProgramId); err != nil {
			return err
		}
		if err := ValidateUsageCode(u.Kind, u.Code); err != nil {
			return fmt.Errorf("usage entry of program %d: %w", u.ProgramId, err)
		}
		if err := validateUsage(u.Usage, programs[u.ProgramId].BudgetCap); err != nil {
			return fmt.Errorf("usage entry %s %s of program %d: %w", u.Kind.Label(), u.Code, u.ProgramId, err)
		}
		key := usageKey{u.ProgramId, u.Kind, u.Code}
		if usage[key] {
			return fmt.Errorf("usage entry %s %s of program %d is listed twice", u.Kind.Label(), u.Code, u.ProgramId)
		}
		usage[key] = true
	}
	return nil
}

// ValidateUsageCode checks a usage aggregate's kind and its code: an MCC for
// PAYMENTS_BY_MCC, a district code for the others.
func ValidateUsageCode(kind UsageKind, code string) error {
	switch kind {
	case UsageKindPaymentsByMcc:
		return ValidateMcc("code", code)
	case UsageKindPaymentsByDistrict, UsageKindClaimsByDistrict, UsageKindAllocationsByDistrict:
		return ValidateDistrict("code", code)
	}
	return fmt.Errorf("usage kind %d is not a named kind", kind)
}

// validateUsage checks an aggregate's amount is 0..cap (a program's payments
// never exceed what it issued).
func validateUsage(u Usage, cap sdkmath.Int) error {
	if u.Amount.IsNil() || u.Amount.IsNegative() || u.Amount.GT(cap) {
		return fmt.Errorf("amount %s must be 0..%s", bounds.IntString(u.Amount), bounds.IntString(cap))
	}
	if (u.Count == 0) != u.Amount.IsZero() {
		return fmt.Errorf("count %d and amount %s must be zero together", u.Count, u.Amount)
	}
	return nil
}

// storedCodes checks a stored code list: what NormalizeCodes accepts, ascending.
func storedCodes(kind *errorsmod.Error, field string, cs []string, min, max uint32, check func(field, s string) error) error {
	sorted, err := NormalizeCodes(kind, field, cs, min, max, check)
	if err != nil {
		return err
	}
	if !slices.Equal(sorted, cs) {
		return fmt.Errorf("%s must be in ascending order", field)
	}
	return nil
}

// ValidateProgram checks a stored program is well-formed: grammars and hard
// bounds, its own denom, its times in order, the eligibility fields, a stored
// status (never EXPIRED), closed_at set exactly when CLOSED, and its budget
// counters within its cap and adding up. Addresses are left to
// ValidateAddresses.
func ValidateProgram(p Program) error {
	if err := agencytypes.ValidateAgencyID(p.AgencyId); err != nil {
		return err
	}
	if !p.Kind.IsValid() {
		return fmt.Errorf("kind %s is not a named kind", p.Kind.Label())
	}
	if p.Denom != Denom(p.Id) {
		return fmt.Errorf("denom %s must be %s", text.Quote(p.Denom), Denom(p.Id))
	}
	if err := sdk.ValidateDenom(p.FundingDenom); err != nil || IsVoucherDenom(p.FundingDenom) {
		return fmt.Errorf("funding_denom %s is not a bank denom other than a voucher denom", text.Quote(p.FundingDenom))
	}
	if err := ValidateAmount("budget_cap", p.BudgetCap, MaxMaxAmount); err != nil {
		return err
	}
	if err := ValidateAmount("per_holder_cap", p.PerHolderCap, p.BudgetCap); err != nil {
		return err
	}
	if err := storedCodes(ErrInvalidDistricts, "holder_districts", p.HolderDistricts, 1, MaxDistricts, ValidateDistrict); err != nil {
		return err
	}
	if err := storedCodes(ErrInvalidDistricts, "merchant_districts", p.MerchantDistricts, 1, MaxDistricts, ValidateDistrict); err != nil {
		return err
	}
	if err := storedCodes(ErrInvalidMcc, "excluded_mccs", p.ExcludedMccs, 0, MaxExcludedMccs, ValidateMcc); err != nil {
		return err
	}
	if err := ValidateEligibilityFields(p.Eligibility, p.SchemaId, len(p.AmountByClass)); err != nil {
		return err
	}
	if p.Eligibility.AllowsClaims() {
		classes, err := NormalizeClasses(p.AmountByClass, MaxClasses, p.PerHolderCap)
		if err != nil {
			return err
		}
		if !slices.EqualFunc(classes, p.AmountByClass, func(a, b ClassAmount) bool { return a.Class == b.Class }) {
			return fmt.Errorf("amount_by_class must be in ascending class order")
		}
	}
	if p.IncidentId != 0 && p.Kind != ProgramKindRelief {
		return fmt.Errorf("incident_id is for RELIEF programs only, this one is %s", p.Kind.Label())
	}
	if err := ValidateTimes(p.StartsAt, p.ExpiresAt, p.RedeemUntil); err != nil {
		return err
	}
	if len(p.AllocatorAgencies) > 0 {
		if err := storedCodes(ErrInvalidAgencies, "allocator_agencies", p.AllocatorAgencies, 0, MaxAllocators, validateAgencyID); err != nil {
			return err
		}
	}
	switch p.Status {
	case ProgramStatusDraft, ProgramStatusActive, ProgramStatusSuspended, ProgramStatusClosed:
	default:
		return fmt.Errorf("status %s is not a stored status", p.Status.Label())
	}
	if closed := p.Status == ProgramStatusClosed; closed == p.ClosedAt.IsZero() {
		return fmt.Errorf("closed_at must be set exactly when the program is CLOSED")
	}
	if err := p.Budget.Check(p.BudgetCap); err != nil {
		return err
	}
	if p.Status == ProgramStatusClosed && !(p.Budget.Outstanding.IsZero() && p.Budget.Escrow.IsZero()) {
		return fmt.Errorf("a CLOSED program has nothing outstanding and no escrow, got outstanding %s and escrow %s", p.Budget.Outstanding, p.Budget.Escrow)
	}
	if p.PaymentsAmount.IsNil() || p.PaymentsAmount.IsNegative() || p.PaymentsAmount.GT(p.Budget.Issued) {
		return fmt.Errorf("payments_amount %s must be 0..issued %s", bounds.IntString(p.PaymentsAmount), p.Budget.Issued)
	}
	return nil
}

// Check checks the counters of a budget: each 0..cap, funded = escrow +
// redeemed + refunded, issued = outstanding + redeemed + swept, escrow >=
// outstanding.
func (b Budget) Check(cap sdkmath.Int) error {
	for _, c := range []struct {
		name string
		v    sdkmath.Int
	}{
		{"funded", b.Funded}, {"escrow", b.Escrow}, {"issued", b.Issued}, {"outstanding", b.Outstanding},
		{"redeemed", b.Redeemed}, {"swept", b.Swept}, {"refunded", b.Refunded},
	} {
		if c.v.IsNil() || c.v.IsNegative() || c.v.GT(cap) {
			return fmt.Errorf("budget %s %s must be 0..budget_cap %s", c.name, bounds.IntString(c.v), cap)
		}
	}
	if !b.Funded.Equal(b.Escrow.Add(b.Redeemed).Add(b.Refunded)) {
		return fmt.Errorf("budget funded %s must equal escrow %s + redeemed %s + refunded %s", b.Funded, b.Escrow, b.Redeemed, b.Refunded)
	}
	if !b.Issued.Equal(b.Outstanding.Add(b.Redeemed).Add(b.Swept)) {
		return fmt.Errorf("budget issued %s must equal outstanding %s + redeemed %s + swept %s", b.Issued, b.Outstanding, b.Redeemed, b.Swept)
	}
	if b.Escrow.LT(b.Outstanding) {
		return fmt.Errorf("budget escrow %s is below outstanding %s", b.Escrow, b.Outstanding)
	}
	return nil
}

// ZeroBudget is the budget of a new program: every counter 0.
func ZeroBudget() Budget {
	z := sdkmath.ZeroInt()
	return Budget{Funded: z, Escrow: z, Issued: z, Outstanding: z, Redeemed: z, Swept: z, Refunded: z}
}

// validateMerchant checks a stored merchant's grammars and status (addresses
// aside): a decision recorded exactly when it is not PENDING, and its counters
// within its program's budget cap (a merchant never receives more than the
// program issued).
func validateMerchant(m Merchant, cap sdkmath.Int) error {
	if err := ValidateDigest("business_digest", m.BusinessDigest); err != nil {
		return err
	}
	if err := ValidateDistrict("district_code", m.DistrictCode); err != nil {
		return err
	}
	if err := ValidateMcc("mcc", m.Mcc); err != nil {
		return err
	}
	if !m.Status.IsValid() {
		return fmt.Errorf("status %s is not a named status", m.Status.Label())
	}
	if pending := m.Status == MerchantStatusPending; pending != (m.DecidedBy == "") || pending != m.DecidedAt.IsZero() {
		return fmt.Errorf("decided_by and decided_at must be set exactly when the merchant is not PENDING")
	}
	for _, c := range []struct {
		name string
		v    sdkmath.Int
	}{{"received", m.Received}, {"redeemed", m.Redeemed}} {
		if c.v.IsNil() || c.v.IsNegative() || c.v.GT(cap) {
			return fmt.Errorf("%s %s must be 0..budget_cap %s", c.name, bounds.IntString(c.v), cap)
		}
	}
	if m.Redeemed.GT(m.Received) {
		return fmt.Errorf("redeemed %s is above received %s", m.Redeemed, m.Received)
	}
	return nil
}

// ValidateAddresses checks every address in the state decodes with the
// chain's codec and is in its canonical (lowercase) form (accaddr.Parse, as in
// messages).
func (gs GenesisState) ValidateAddresses(ac address.Codec) error {
	check := func(what string, id uint64, addr string) error {
		if _, err := accaddr.Parse(ac, what, addr); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s of program %d: invalid address %s: %s", what, id, text.Quote(addr), err)
		}
		return nil
	}
	for _, p := range gs.Programs {
		if err := check("refund_address", p.Id, p.RefundAddress); err != nil {
			return err
		}
		if err := check("created_by", p.Id, p.CreatedBy); err != nil {
			return err
		}
		if p.SweepCursor != "" {
			if err := check("sweep_cursor", p.Id, p.SweepCursor); err != nil {
				return err
			}
		}
	}
	for _, m := range gs.Merchants {
		if err := check("merchant address", m.ProgramId, m.Address); err != nil {
			return err
		}
		if err := check("merchant settlement_address", m.ProgramId, m.SettlementAddress); err != nil {
			return err
		}
		if m.DecidedBy != "" {
			if err := check("merchant decided_by", m.ProgramId, m.DecidedBy); err != nil {
				return err
			}
		}
	}
	for _, h := range gs.Holders {
		if err := check("holder", h.ProgramId, h.Address); err != nil {
			return err
		}
	}
	for _, r := range gs.Receipts {
		if err := check("receipt merchant", r.ProgramId, r.Merchant); err != nil {
			return err
		}
	}
	return nil
}
