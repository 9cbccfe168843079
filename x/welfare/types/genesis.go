package types

import (
	"fmt"
	"slices"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/bounds"
	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/internal/text"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// DefaultGenesis is the state of a new chain: default params, nothing stored,
// every id starting at 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextProgramId: 1, NextEnrolmentId: 1, NextEntitlementId: 1, NextFindingId: 1}
}

// cycleKey is a cycle's key (program, seq).
type cycleKey struct{ program, seq uint64 }

// paymentKey is a payment's key (program, seq, entitlement).
type paymentKey struct{ program, seq, entitlement uint64 }

// Validate checks the genesis state is one the msg server could have
// produced: every record well-formed under an id its sequence issued and
// naming records that exist (CheckRecords); the duplicate registry and the
// enrolments holding it linked both ways (CheckSlots); every counter equal to
// what it counts (CheckCounters); the programs' money adding up (CheckMoney);
// the cycles' payments adding up (CheckCycles). Records are held to the hard
// bounds, not to the params (governance may lower a bound below what older
// records hold). Addresses are checked by ValidateAddresses. Maps here are
// only looked up, never iterated: errors come in list order.
func (gs GenesisState) Validate() error {
	if err := gs.Params.validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	for _, check := range []func() error{gs.CheckRecords, gs.CheckSlots, gs.CheckCounters, gs.CheckMoney, gs.CheckCycles} {
		if err := check(); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
	}
	return nil
}

// index is a genesis state's records by key.
type index struct {
	groups       map[string]ExclusivityGroup
	programs     map[uint64]Program
	enrolments   map[uint64]Enrolment
	entitlements map[uint64]Entitlement
	cycles       map[cycleKey]Cycle
}

func (gs GenesisState) index() index {
	ix := index{
		groups:       make(map[string]ExclusivityGroup, len(gs.Groups)),
		programs:     make(map[uint64]Program, len(gs.Programs)),
		enrolments:   make(map[uint64]Enrolment, len(gs.Enrolments)),
		entitlements: make(map[uint64]Entitlement, len(gs.Entitlements)),
		cycles:       make(map[cycleKey]Cycle, len(gs.Cycles)),
	}
	for _, g := range gs.Groups {
		ix.groups[g.Id] = g
	}
	for _, p := range gs.Programs {
		ix.programs[p.Id] = p
	}
	for _, e := range gs.Enrolments {
		ix.enrolments[e.Id] = e
	}
	for _, e := range gs.Entitlements {
		ix.entitlements[e.Id] = e
	}
	for _, c := range gs.Cycles {
		ix.cycles[cycleKey{c.ProgramId, c.Seq}] = c
	}
	return ix
}

// CheckRecords checks every record on its own and the references between
// records: ids issued and unique, grammars, stored statuses, the fields each
// status sets, and every named group, program, enrolment, entitlement and
// cycle existing and agreeing (an enrolment's agency is its program's, an
// entitlement's program its enrolment's, at most one live entitlement an
// enrolment and its latest the enrolment's entitlement_id).
func (gs GenesisState) CheckRecords() error {
	for _, n := range []struct {
		name string
		v    uint64
	}{{"next_program_id", gs.NextProgramId}, {"next_enrolment_id", gs.NextEnrolmentId}, {"next_entitlement_id", gs.NextEntitlementId}, {"next_finding_id", gs.NextFindingId}} {
		if n.v == 0 {
			return fmt.Errorf("%s starts at 1", n.name)
		}
	}
	groups := make(map[string]bool, len(gs.Groups))
	for _, g := range gs.Groups {
		if err := ValidateGroup(g); err != nil {
			return fmt.Errorf("group %s: %w", text.Quote(g.Id), err)
		}
		if groups[g.Id] {
			return fmt.Errorf("group %s is listed twice", g.Id)
		}
		groups[g.Id] = true
	}
	programs := make(map[uint64]Program, len(gs.Programs))
	for _, p := range gs.Programs {
		if err := genesisio.CheckID("program", p.Id, gs.NextProgramId, programs); err != nil {
			return err
		}
		if err := ValidateProgram(p); err != nil {
			return fmt.Errorf("program %d: %w", p.Id, err)
		}
		for _, g := range p.Groups {
			if !groups[g] {
				return fmt.Errorf("program %d names group %s, which does not exist", p.Id, g)
			}
		}
		programs[p.Id] = p
	}
	enrolments := make(map[uint64]Enrolment, len(gs.Enrolments))
	for _, e := range gs.Enrolments {
		if err := genesisio.CheckID("enrolment", e.Id, gs.NextEnrolmentId, enrolments); err != nil {
			return err
		}
		p, ok := programs[e.ProgramId]
		if !ok {
			return fmt.Errorf("enrolment %d names program %d, which does not exist", e.Id, e.ProgramId)
		}
		if err := ValidateEnrolment(e, p); err != nil {
			return fmt.Errorf("enrolment %d: %w", e.Id, err)
		}
		enrolments[e.Id] = e
	}
	entitlements := make(map[uint64]Entitlement, len(gs.Entitlements))
	live := make(map[uint64]uint64, len(gs.Entitlements)) // enrolment -> its live entitlement
	latest := make(map[uint64]uint64, len(gs.Entitlements))
	for _, e := range gs.Entitlements {
		if err := genesisio.CheckID("entitlement", e.Id, gs.NextEntitlementId, entitlements); err != nil {
			return err
		}
		en, ok := enrolments[e.EnrolmentId]
		if !ok {
			return fmt.Errorf("entitlement %d names enrolment %d, which does not exist", e.Id, e.EnrolmentId)
		}
		if e.ProgramId != en.ProgramId {
			return fmt.Errorf("entitlement %d is of program %d, its enrolment %d of program %d", e.Id, e.ProgramId, en.Id, en.ProgramId)
		}
		if err := ValidateEntitlement(e); err != nil {
			return fmt.Errorf("entitlement %d: %w", e.Id, err)
		}
		if e.Status.IsLive() {
			if other, ok := live[e.EnrolmentId]; ok {
				return fmt.Errorf("enrolment %d has two live entitlements, %d and %d", e.EnrolmentId, other, e.Id)
			}
			live[e.EnrolmentId] = e.Id
		}
		latest[e.EnrolmentId] = max(latest[e.EnrolmentId], e.Id)
		entitlements[e.Id] = e
	}
	for _, e := range gs.Enrolments {
		if e.EntitlementId != latest[e.Id] {
			return fmt.Errorf("enrolment %d names entitlement %d as its latest, its latest is %d", e.Id, e.EntitlementId, latest[e.Id])
		}
		if _, ok := live[e.Id]; ok && e.Status != EnrolmentStatusEnrolled && e.Status != EnrolmentStatusPaused {
			return fmt.Errorf("enrolment %d is %s with a live entitlement", e.Id, e.Status.Label())
		}
	}
	cycles := make(map[cycleKey]Cycle, len(gs.Cycles))
	for _, c := range gs.Cycles {
		p, ok := programs[c.ProgramId]
		if !ok {
			return fmt.Errorf("cycle %d names program %d, which does not exist", c.Seq, c.ProgramId)
		}
		if c.Seq == 0 || c.Seq > p.LastCycleSeq {
			return fmt.Errorf("cycle seq %d of program %d must be in 1..%d (its last_cycle_seq)", c.Seq, c.ProgramId, p.LastCycleSeq)
		}
		key := cycleKey{c.ProgramId, c.Seq}
		if _, dup := cycles[key]; dup {
			return fmt.Errorf("cycle %d of program %d is listed twice", c.Seq, c.ProgramId)
		}
		if err := ValidateCycle(c, gs.NextEntitlementId); err != nil {
			return fmt.Errorf("cycle %d of program %d: %w", c.Seq, c.ProgramId, err)
		}
		cycles[key] = c
	}
	payments := make(map[paymentKey]bool, len(gs.Payments))
	for _, pm := range gs.Payments {
		key := paymentKey{pm.ProgramId, pm.Seq, pm.EntitlementId}
		c, ok := cycles[cycleKey{pm.ProgramId, pm.Seq}]
		if !ok {
			return fmt.Errorf("payment of entitlement %d names cycle %d of program %d, which does not exist", pm.EntitlementId, pm.Seq, pm.ProgramId)
		}
		e, ok := entitlements[pm.EntitlementId]
		if !ok || e.ProgramId != pm.ProgramId {
			return fmt.Errorf("payment in cycle %d of program %d names entitlement %d, which is not of the program", pm.Seq, pm.ProgramId, pm.EntitlementId)
		}
		if payments[key] {
			return fmt.Errorf("entitlement %d is paid twice in cycle %d of program %d", pm.EntitlementId, pm.Seq, pm.ProgramId)
		}
		if pm.Payee != e.Payee {
			return fmt.Errorf("payment of entitlement %d in cycle %d pays %s, the entitlement's payee is %s", pm.EntitlementId, pm.Seq, pm.Payee, e.Payee)
		}
		if err := ValidateAmount("payment amount", pm.Amount, MaxMaxAmount); err != nil {
			return fmt.Errorf("payment of entitlement %d in cycle %d: %w", pm.EntitlementId, pm.Seq, err)
		}
		if c.Status == CycleStatusDraft || c.Status == CycleStatusToApprove || c.Status == CycleStatusCancelled {
			return fmt.Errorf("cycle %d of program %d is %s and has a payment", c.Seq, c.ProgramId, c.Status.Label())
		}
		if pm.EntitlementId > c.Cursor {
			return fmt.Errorf("payment of entitlement %d in cycle %d of program %d is beyond the cycle's cursor %d", pm.EntitlementId, pm.Seq, pm.ProgramId, c.Cursor)
		}
		payments[key] = true
	}
	findings := make(map[uint64]bool, len(gs.Findings))
	for _, f := range gs.Findings {
		if err := genesisio.CheckID("finding", f.Id, gs.NextFindingId, findings); err != nil {
			return err
		}
		if _, ok := programs[f.ProgramId]; !ok {
			return fmt.Errorf("finding %d names program %d, which does not exist", f.Id, f.ProgramId)
		}
		if _, ok := cycles[cycleKey{f.ProgramId, f.CycleSeq}]; f.CycleSeq != 0 && !ok {
			return fmt.Errorf("finding %d names cycle %d of program %d, which does not exist", f.Id, f.CycleSeq, f.ProgramId)
		}
		if err := ValidateDigest("finding_digest", f.FindingDigest); err != nil {
			return fmt.Errorf("finding %d: %w", f.Id, err)
		}
		if err := agencytypes.ValidateAgencyID(f.AgencyId); err != nil {
			return fmt.Errorf("finding %d: %w", f.Id, err)
		}
		findings[f.Id] = true
	}
	return nil
}

// ValidateGroup checks a stored exclusivity group's grammars.
func ValidateGroup(g ExclusivityGroup) error {
	if err := ValidateGroupID("id", g.Id); err != nil {
		return err
	}
	if err := ValidateDescription(g.Description); err != nil {
		return err
	}
	return ValidateLegalBasis(g.LegalBasis)
}

// ValidateProgram checks a stored program on its own: grammars and hard
// bounds, its groups ascending and distinct, its benefit, a named status,
// closed_at set exactly when CLOSED, and its money counters within range
// (CheckMoney adds them up).
func ValidateProgram(p Program) error {
	if err := agencytypes.ValidateAgencyID(p.AgencyId); err != nil {
		return err
	}
	if err := ValidateProgramName(p.Name); err != nil {
		return err
	}
	if !p.Target.IsValid() {
		return fmt.Errorf("target %s is not a named target", p.Target.Label())
	}
	groups, err := NormalizeGroups(p.Groups, MaxGroupsPerProgram)
	if err != nil {
		return err
	}
	if !slices.Equal(groups, p.Groups) {
		return fmt.Errorf("groups must be in ascending order")
	}
	if err := ValidateBenefit(p.Benefit); err != nil {
		return err
	}
	if err := ValidateAmount("budget_cap", p.BudgetCap, MaxMaxAmount); err != nil {
		return err
	}
	if !p.Status.IsValid() {
		return fmt.Errorf("status %s is not a named status", p.Status.Label())
	}
	if closed := p.Status == ProgramStatusClosed; closed == p.ClosedAt.IsZero() {
		return fmt.Errorf("closed_at must be set exactly when the program is CLOSED")
	}
	t := p.Totals
	for _, c := range []struct {
		name string
		v    sdkmath.Int
	}{
		{"due_per_cycle", p.DuePerCycle}, {"payments_amount", t.PaymentsAmount}, {"funded", t.Funded}, {"escrow", t.Escrow},
		{"reserved", t.Reserved}, {"paid", t.Paid}, {"returned", t.Returned},
	} {
		if c.v.IsNil() || c.v.IsNegative() {
			return fmt.Errorf("%s %s must be 0 or more", c.name, bounds.IntString(c.v))
		}
	}
	return nil
}

// ValidateEnrolment checks a stored enrolment against its program: grammars,
// one slot key per program group, a named status, duplicate_group set exactly
// when DUPLICATED (to one of the program's groups), and the decision recorded
// when ENROLLED, PAUSED or NOT_ELIGIBLE and never when PENDING or DUPLICATED.
func ValidateEnrolment(e Enrolment, p Program) error {
	if e.AgencyId != p.AgencyId {
		return fmt.Errorf("agency_id %s is not its program's agency %s", text.Quote(e.AgencyId), p.AgencyId)
	}
	if err := ValidateBeneficiaryRef(e.BeneficiaryRef); err != nil {
		return err
	}
	if err := ValidateSlotKeys(e.SlotKeys, p.Groups); err != nil {
		return err
	}
	if err := ValidateDigest("application_digest", e.ApplicationDigest); err != nil {
		return err
	}
	if !e.Status.IsValid() {
		return fmt.Errorf("status %s is not a named status", e.Status.Label())
	}
	if dup := e.Status == EnrolmentStatusDuplicated; dup != (e.DuplicateGroup != "") {
		return fmt.Errorf("duplicate_group must be set exactly when the enrolment is DUPLICATED")
	}
	if e.DuplicateGroup != "" && !p.HasGroup(e.DuplicateGroup) {
		return fmt.Errorf("duplicate_group %s is not a group of program %d", text.Quote(e.DuplicateGroup), p.Id)
	}
	decided := e.DecidedBy != ""
	if decided != !e.DecidedAt.IsZero() || decided != (e.DecisionDigest != "") || decided != (e.CriteriaVersion != "") {
		return fmt.Errorf("decided_by, decided_at, decision_digest and criteria_version are set together")
	}
	switch e.Status {
	case EnrolmentStatusPending, EnrolmentStatusDuplicated:
		if decided {
			return fmt.Errorf("a %s enrolment has no decision", e.Status.Label())
		}
	case EnrolmentStatusEnrolled, EnrolmentStatusPaused, EnrolmentStatusNotEligible:
		if !decided {
			return fmt.Errorf("a %s enrolment has a decision", e.Status.Label())
		}
	}
	if decided {
		if err := ValidateDigest("decision_digest", e.DecisionDigest); err != nil {
			return err
		}
		if err := ValidateCriteriaVersion(e.CriteriaVersion); err != nil {
			return err
		}
	}
	if e.ExitReason != "" {
		if err := ValidateReasonCode("exit_reason", e.ExitReason); err != nil {
			return err
		}
	}
	if e.EntitlementId != 0 && e.Status != EnrolmentStatusEnrolled && e.Status != EnrolmentStatusPaused && e.Status != EnrolmentStatusExited {
		return fmt.Errorf("a %s enrolment has no entitlement, got entitlement_id %d", e.Status.Label(), e.EntitlementId)
	}
	return nil
}

// ValidateEntitlement checks a stored entitlement on its own: amount,
// validity, a named status, the audit hold's fields set together, the reason
// code's grammar and its payment counters.
func ValidateEntitlement(e Entitlement) error {
	if err := ValidateAmount("amount_per_cycle", e.AmountPerCycle, MaxMaxAmount); err != nil {
		return err
	}
	if !e.ValidFrom.Before(e.ValidUntil) {
		return fmt.Errorf("valid_from %s must be before valid_until %s", formatTime(e.ValidFrom), formatTime(e.ValidUntil))
	}
	if !e.Status.IsValid() {
		return fmt.Errorf("status %s is not a named status", e.Status.Label())
	}
	if e.AuditHold != (e.AuditAgency != "") || e.AuditHold != (e.AuditReason != "") {
		return fmt.Errorf("audit_agency and audit_reason are set exactly when audit_hold is")
	}
	if e.AuditHold {
		if err := agencytypes.ValidateAgencyID(e.AuditAgency); err != nil {
			return err
		}
		if err := ValidateReasonCode("audit_reason", e.AuditReason); err != nil {
			return err
		}
	}
	if e.EndReason != "" {
		if err := ValidateReasonCode("end_reason", e.EndReason); err != nil {
			return err
		}
	}
	if e.PaidAmount.IsNil() || e.PaidAmount.IsNegative() {
		return fmt.Errorf("paid_amount %s must be 0 or more", bounds.IntString(e.PaidAmount))
	}
	if (e.PaymentsCount == 0) != e.PaidAmount.IsZero() {
		return fmt.Errorf("payments_count %d and paid_amount %s must be zero together", e.PaymentsCount, e.PaidAmount)
	}
	if e.Status == EntitlementStatusActive && e.PaymentsCount == 0 {
		return fmt.Errorf("an ACTIVE entitlement has been paid")
	}
	if (e.Status == EntitlementStatusOffered || e.Status == EntitlementStatusAccepted || e.Status == EntitlementStatusDeclined) && e.PaymentsCount != 0 {
		return fmt.Errorf("a %s entitlement has never been paid, got %d payments", e.Status.Label(), e.PaymentsCount)
	}
	return nil
}

// ValidateCycle checks a stored cycle on its own: its period, a named
// status, its amounts, a reservation only while APPROVED, the approver not
// the submitter, and its cursor below nextEntitlementID.
func ValidateCycle(c Cycle, nextEntitlementID uint64) error {
	if !c.PeriodStart.Before(c.PeriodEnd) {
		return fmt.Errorf("period_start %s must be before period_end %s", formatTime(c.PeriodStart), formatTime(c.PeriodEnd))
	}
	if c.PreviousPeriodEnd.After(c.PeriodStart) {
		return fmt.Errorf("previous_period_end %s is after period_start %s", formatTime(c.PreviousPeriodEnd), formatTime(c.PeriodStart))
	}
	if !c.Status.IsValid() {
		return fmt.Errorf("status %s is not a named status", c.Status.Label())
	}
	for _, a := range []struct {
		name string
		v    sdkmath.Int
	}{{"total_due", c.TotalDue}, {"paid_amount", c.PaidAmount}, {"reserved", c.Reserved}} {
		if a.v.IsNil() || a.v.IsNegative() {
			return fmt.Errorf("%s %s must be 0 or more", a.name, bounds.IntString(a.v))
		}
	}
	if !c.Reserved.IsZero() && c.Status != CycleStatusApproved {
		return fmt.Errorf("a %s cycle reserves nothing, got reserved %s", c.Status.Label(), c.Reserved)
	}
	if c.Status == CycleStatusApproved && c.PaidAmount.Add(c.Reserved).GT(c.TotalDue) {
		return fmt.Errorf("paid_amount %s + reserved %s is above total_due %s", c.PaidAmount, c.Reserved, c.TotalDue)
	}
	if c.ApprovedBy != "" && c.ApprovedBy == c.SubmittedBy {
		return fmt.Errorf("approved_by is the submitter %s", c.SubmittedBy)
	}
	if c.Cursor >= nextEntitlementID {
		return fmt.Errorf("cursor %d is beyond the last entitlement id %d", c.Cursor, nextEntitlementID-1)
	}
	return nil
}

// heldBy reports whether the enrolment's slots are stored (PENDING, ENROLLED
// or PAUSED; a lapsed one's stay until a write releases them).
func heldBy(e Enrolment) bool { return e.Status.HoldsSlots() }

// CheckSlots checks the duplicate registry against the enrolments: every
// slot has a key of the slot grammar, listed once, naming an enrolment that
// holds slots (PENDING, ENROLLED or PAUSED) and lists the key for the slot's
// group; every such enrolment's keys are slots naming it; and each group's
// slots_held counts the slots of the group.
func (gs GenesisState) CheckSlots() error {
	ix := gs.index()
	keys := make(map[string]bool, len(gs.Slots))
	perGroup := make(map[string]uint64, len(gs.Groups))
	for _, s := range gs.Slots {
		if err := ValidateSlotKey("slot_key", s.SlotKey); err != nil {
			return err
		}
		if keys[s.SlotKey] {
			return fmt.Errorf("slot %s is listed twice", s.SlotKey)
		}
		keys[s.SlotKey] = true
		e, ok := ix.enrolments[s.EnrolmentId]
		if !ok {
			return fmt.Errorf("slot %s names enrolment %d, which does not exist", s.SlotKey, s.EnrolmentId)
		}
		if !heldBy(e) {
			return fmt.Errorf("slot %s is held by enrolment %d, which is %s", s.SlotKey, e.Id, e.Status.Label())
		}
		p := ix.programs[e.ProgramId]
		i, found := slices.BinarySearch(p.Groups, s.GroupId)
		if !found || i >= len(e.SlotKeys) || e.SlotKeys[i] != s.SlotKey {
			return fmt.Errorf("slot %s of group %s is not enrolment %d's key for that group", s.SlotKey, s.GroupId, e.Id)
		}
		perGroup[s.GroupId]++
	}
	slots := make(map[string]uint64, len(gs.Slots))
	for _, s := range gs.Slots {
		slots[s.SlotKey] = s.EnrolmentId
	}
	for _, e := range gs.Enrolments {
		if !heldBy(e) {
			continue
		}
		for _, k := range e.SlotKeys {
			if id, ok := slots[k]; !ok || id != e.Id {
				return fmt.Errorf("enrolment %d is %s but its slot %s is not held by it", e.Id, e.Status.Label(), k)
			}
		}
	}
	for _, g := range gs.Groups {
		if g.SlotsHeld != perGroup[g.Id] {
			return fmt.Errorf("group %s counts %d slots held, %d are stored", g.Id, g.SlotsHeld, perGroup[g.Id])
		}
	}
	return nil
}

// CheckCounters checks every counter against what it counts: each program's
// enrolments and entitlements by status, payments (count and amount) and
// due_per_cycle (the sum of its live entitlements' amounts); each group's
// programs and duplicates refused; each entitlement's payments.
func (gs GenesisState) CheckCounters() error {
	counted := make(map[uint64]*Program, len(gs.Programs))
	for _, p := range gs.Programs {
		c := Program{Id: p.Id, DuePerCycle: sdkmath.ZeroInt(), Totals: ZeroTotals()}
		counted[p.Id] = &c
	}
	groupPrograms := make(map[string]uint64, len(gs.Groups))
	groupDuplicates := make(map[string]uint64, len(gs.Groups))
	for _, p := range gs.Programs {
		for _, g := range p.Groups {
			groupPrograms[g]++
		}
	}
	for _, e := range gs.Enrolments {
		if c, ok := counted[e.ProgramId]; ok {
			c.Totals.MoveEnrolment(EnrolmentStatusUnspecified, e.Status)
		}
		if e.Status == EnrolmentStatusDuplicated {
			groupDuplicates[e.DuplicateGroup]++
		}
	}
	type paid struct {
		count  uint64
		amount sdkmath.Int
	}
	perEntitlement := make(map[uint64]paid, len(gs.Entitlements))
	for _, pm := range gs.Payments {
		if c, ok := counted[pm.ProgramId]; ok {
			c.Totals.PaymentsCount++
			c.Totals.PaymentsAmount = c.Totals.PaymentsAmount.Add(pm.Amount)
		}
		got, ok := perEntitlement[pm.EntitlementId]
		if !ok {
			got.amount = sdkmath.ZeroInt()
		}
		perEntitlement[pm.EntitlementId] = paid{got.count + 1, got.amount.Add(pm.Amount)}
	}
	for _, e := range gs.Entitlements {
		if c, ok := counted[e.ProgramId]; ok {
			c.Totals.MoveEntitlement(EntitlementStatusUnspecified, e.Status)
			if e.Status.IsLive() {
				c.DuePerCycle = c.DuePerCycle.Add(e.AmountPerCycle)
			}
		}
		got, ok := perEntitlement[e.Id]
		if !ok {
			got.amount = sdkmath.ZeroInt()
		}
		if e.PaymentsCount != got.count || !e.PaidAmount.Equal(got.amount) {
			return fmt.Errorf("entitlement %d counts %d payments of %s, its payments are %d of %s", e.Id, e.PaymentsCount, e.PaidAmount, got.count, got.amount)
		}
	}
	for _, p := range gs.Programs {
		want := counted[p.Id]
		if err := sameCounts(p, *want); err != nil {
			return fmt.Errorf("program %d: %w", p.Id, err)
		}
	}
	for _, g := range gs.Groups {
		if g.Programs != groupPrograms[g.Id] {
			return fmt.Errorf("group %s counts %d programs, %d list it", g.Id, g.Programs, groupPrograms[g.Id])
		}
		if g.DuplicatesRefused != groupDuplicates[g.Id] {
			return fmt.Errorf("group %s counts %d duplicates refused, %d enrolments are DUPLICATED on it", g.Id, g.DuplicatesRefused, groupDuplicates[g.Id])
		}
	}
	return nil
}

// sameCounts compares a program's counters with those counted from the records.
func sameCounts(p, want Program) error {
	t, w := p.Totals, want.Totals
	for _, c := range []struct {
		name      string
		got, want uint64
	}{
		{"enrolments_pending", t.EnrolmentsPending, w.EnrolmentsPending},
		{"enrolments_enrolled", t.EnrolmentsEnrolled, w.EnrolmentsEnrolled},
		{"enrolments_paused", t.EnrolmentsPaused, w.EnrolmentsPaused},
		{"enrolments_exited", t.EnrolmentsExited, w.EnrolmentsExited},
		{"enrolments_not_eligible", t.EnrolmentsNotEligible, w.EnrolmentsNotEligible},
		{"enrolments_duplicated", t.EnrolmentsDuplicated, w.EnrolmentsDuplicated},
		{"entitlements_offered", t.EntitlementsOffered, w.EntitlementsOffered},
		{"entitlements_accepted", t.EntitlementsAccepted, w.EntitlementsAccepted},
		{"entitlements_active", t.EntitlementsActive, w.EntitlementsActive},
		{"entitlements_suspended", t.EntitlementsSuspended, w.EntitlementsSuspended},
		{"entitlements_ended", t.EntitlementsEnded, w.EntitlementsEnded},
		{"entitlements_declined", t.EntitlementsDeclined, w.EntitlementsDeclined},
		{"payments_count", t.PaymentsCount, w.PaymentsCount},
	} {
		if c.got != c.want {
			return fmt.Errorf("%s is %d, the records count %d", c.name, c.got, c.want)
		}
	}
	if !t.PaymentsAmount.Equal(w.PaymentsAmount) {
		return fmt.Errorf("payments_amount is %s, its payments sum to %s", t.PaymentsAmount, w.PaymentsAmount)
	}
	if !p.DuePerCycle.Equal(want.DuePerCycle) {
		return fmt.Errorf("due_per_cycle is %s, its live entitlements sum to %s", p.DuePerCycle, want.DuePerCycle)
	}
	return nil
}

// CheckMoney checks each program's money: a CASH program keeps funded =
// escrow + paid + returned <= budget_cap, escrow >= reserved and paid =
// payments_amount; a VOUCHER program keeps funded, escrow, paid and returned
// at 0 and payments_amount + reserved <= budget_cap; reserved is the sum of
// its APPROVED cycles' reservations; a CLOSED program holds no escrow and
// reserves nothing.
func (gs GenesisState) CheckMoney() error {
	reserved := make(map[uint64]sdkmath.Int, len(gs.Programs))
	for _, c := range gs.Cycles {
		if c.Status != CycleStatusApproved || c.Reserved.IsNil() {
			continue
		}
		sum, ok := reserved[c.ProgramId]
		if !ok {
			sum = sdkmath.ZeroInt()
		}
		reserved[c.ProgramId] = sum.Add(c.Reserved)
	}
	for _, p := range gs.Programs {
		want, ok := reserved[p.Id]
		if !ok {
			want = sdkmath.ZeroInt()
		}
		if err := CheckProgramMoney(p, want); err != nil {
			return fmt.Errorf("program %d: %w", p.Id, err)
		}
	}
	return nil
}

// CheckProgramMoney checks one program's money counters, reserved being the
// sum of its APPROVED cycles' reservations.
func CheckProgramMoney(p Program, reserved sdkmath.Int) error {
	t := p.Totals
	for _, c := range []struct {
		name string
		v    sdkmath.Int
	}{{"funded", t.Funded}, {"escrow", t.Escrow}, {"reserved", t.Reserved}, {"paid", t.Paid}, {"returned", t.Returned}, {"payments_amount", t.PaymentsAmount}} {
		if c.v.IsNil() || c.v.IsNegative() {
			return fmt.Errorf("%s %s must be 0 or more", c.name, bounds.IntString(c.v))
		}
	}
	if !t.Reserved.Equal(reserved) {
		return fmt.Errorf("reserved is %s, its APPROVED cycles reserve %s", t.Reserved, reserved)
	}
	if p.IsCash() {
		if !t.Funded.Equal(t.Escrow.Add(t.Paid).Add(t.Returned)) {
			return fmt.Errorf("funded %s must equal escrow %s + paid %s + returned %s", t.Funded, t.Escrow, t.Paid, t.Returned)
		}
		if t.Funded.GT(p.BudgetCap) {
			return fmt.Errorf("funded %s is above budget_cap %s", t.Funded, p.BudgetCap)
		}
		if t.Escrow.LT(t.Reserved) {
			return fmt.Errorf("escrow %s is below reserved %s", t.Escrow, t.Reserved)
		}
		if !t.Paid.Equal(t.PaymentsAmount) {
			return fmt.Errorf("paid %s must equal payments_amount %s", t.Paid, t.PaymentsAmount)
		}
	} else {
		if !(t.Funded.IsZero() && t.Escrow.IsZero() && t.Paid.IsZero() && t.Returned.IsZero()) {
			return fmt.Errorf("a VOUCHER program holds no escrow: funded %s, escrow %s, paid %s, returned %s must be 0", t.Funded, t.Escrow, t.Paid, t.Returned)
		}
		if used := t.PaymentsAmount.Add(t.Reserved); used.GT(p.BudgetCap) {
			return fmt.Errorf("payments_amount %s + reserved %s is above budget_cap %s", t.PaymentsAmount, t.Reserved, p.BudgetCap)
		}
	}
	if p.Status == ProgramStatusClosed && !(t.Escrow.IsZero() && t.Reserved.IsZero()) {
		return fmt.Errorf("a CLOSED program holds no escrow and reserves nothing, got escrow %s and reserved %s", t.Escrow, t.Reserved)
	}
	return nil
}

// CheckCycles checks each cycle's payments (paid_count and paid_amount are
// its payments' count and sum) and each program's cycles: seqs 1..last_cycle_seq
// all stored, and last_period_end at or after the period_end of every cycle
// that is not CANCELLED and not after the newest cycle's period_end (zero
// without cycles; a cancelled newest cycle gives back its previous_period_end).
func (gs GenesisState) CheckCycles() error {
	type paid struct {
		count  uint64
		amount sdkmath.Int
	}
	perCycle := make(map[cycleKey]paid, len(gs.Cycles))
	for _, pm := range gs.Payments {
		key := cycleKey{pm.ProgramId, pm.Seq}
		got, ok := perCycle[key]
		if !ok {
			got.amount = sdkmath.ZeroInt()
		}
		perCycle[key] = paid{got.count + 1, got.amount.Add(pm.Amount)}
	}
	ix := gs.index()
	count := make(map[uint64]uint64, len(gs.Programs))
	open := make(map[uint64]uint64, len(gs.Programs))
	for _, c := range gs.Cycles {
		if c.Status == CycleStatusToApprove || c.Status == CycleStatusApproved {
			open[c.ProgramId]++
		}
		got, ok := perCycle[cycleKey{c.ProgramId, c.Seq}]
		if !ok {
			got.amount = sdkmath.ZeroInt()
		}
		if c.PaidCount != got.count || !c.PaidAmount.Equal(got.amount) {
			return fmt.Errorf("cycle %d of program %d counts %d payments of %s, its payments are %d of %s", c.Seq, c.ProgramId, c.PaidCount, c.PaidAmount, got.count, got.amount)
		}
		count[c.ProgramId]++
		p := ix.programs[c.ProgramId]
		if c.Status != CycleStatusCancelled && c.PeriodEnd.After(p.LastPeriodEnd) {
			return fmt.Errorf("program %d: last_period_end %s is before the end %s of its cycle %d", p.Id, formatTime(p.LastPeriodEnd), formatTime(c.PeriodEnd), c.Seq)
		}
	}
	for _, p := range gs.Programs {
		if p.OpenCycles != open[p.Id] {
			return fmt.Errorf("program %d: open_cycles is %d, %d of its cycles are TO_APPROVE or APPROVED", p.Id, p.OpenCycles, open[p.Id])
		}
		if p.Status == ProgramStatusClosed && p.OpenCycles != 0 {
			return fmt.Errorf("program %d is CLOSED with %d open cycles", p.Id, p.OpenCycles)
		}
		if p.LastCycleSeq != count[p.Id] {
			return fmt.Errorf("program %d: last_cycle_seq is %d, it has %d cycles", p.Id, p.LastCycleSeq, count[p.Id])
		}
		newest, ok := ix.cycles[cycleKey{p.Id, p.LastCycleSeq}]
		if !ok && !p.LastPeriodEnd.IsZero() {
			return fmt.Errorf("program %d has no cycle but last_period_end %s", p.Id, formatTime(p.LastPeriodEnd))
		}
		if ok && p.LastPeriodEnd.After(newest.PeriodEnd) {
			return fmt.Errorf("program %d: last_period_end %s is after the end %s of its newest cycle", p.Id, formatTime(p.LastPeriodEnd), formatTime(newest.PeriodEnd))
		}
	}
	return nil
}

// ValidateAddresses checks every address in the state decodes with the
// chain's codec and is in its canonical (lowercase) form (accaddr.Parse, as in
// messages).
func (gs GenesisState) ValidateAddresses(ac address.Codec) error {
	check := func(what string, addr string, optional bool) error {
		if optional && addr == "" {
			return nil
		}
		if _, err := accaddr.Parse(ac, what, addr); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: invalid address %s: %s", what, text.Quote(addr), err)
		}
		return nil
	}
	for _, p := range gs.Programs {
		if err := check(fmt.Sprintf("program %d created_by", p.Id), p.CreatedBy, false); err != nil {
			return err
		}
	}
	for _, e := range gs.Enrolments {
		if err := check(fmt.Sprintf("enrolment %d filed_by", e.Id), e.FiledBy, false); err != nil {
			return err
		}
		if err := check(fmt.Sprintf("enrolment %d decided_by", e.Id), e.DecidedBy, true); err != nil {
			return err
		}
	}
	for _, e := range gs.Entitlements {
		if err := check(fmt.Sprintf("entitlement %d payee", e.Id), e.Payee, false); err != nil {
			return err
		}
		if err := check(fmt.Sprintf("entitlement %d offered_by", e.Id), e.OfferedBy, false); err != nil {
			return err
		}
	}
	for _, c := range gs.Cycles {
		what := fmt.Sprintf("cycle %d of program %d", c.Seq, c.ProgramId)
		if err := check(what+" created_by", c.CreatedBy, false); err != nil {
			return err
		}
		if err := check(what+" submitted_by", c.SubmittedBy, true); err != nil {
			return err
		}
		if err := check(what+" approved_by", c.ApprovedBy, true); err != nil {
			return err
		}
	}
	for _, pm := range gs.Payments {
		if err := check(fmt.Sprintf("payment of entitlement %d in cycle %d", pm.EntitlementId, pm.Seq), pm.Payee, false); err != nil {
			return err
		}
	}
	for _, f := range gs.Findings {
		if err := check(fmt.Sprintf("finding %d recorded_by", f.Id), f.RecordedBy, false); err != nil {
			return err
		}
	}
	return nil
}
