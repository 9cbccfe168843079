package simulation

import (
	"slices"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/simulation"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	"github.com/civicchain/civic/x/welfare/keeper"
	"github.com/civicchain/civic/x/welfare/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them. Every message of a program's life is simulated: programs (CASH,
// or VOUCHER on an x/voucher program listing the agency among its allocators), funding,
// applications (duplicates included), decisions, enrolment changes, entitlements offered,
// accepted, declined and changed, cycles created, submitted, approved, distributed, ended
// and cancelled, programs closed, audit holds and findings. The weights follow the flow:
// the steps towards a payment outweigh those that end a record early.
const (
	OpWeightMsgCreateProgram        = "op_weight_msg_welfare_create_program"
	OpWeightMsgActivateProgram      = "op_weight_msg_welfare_activate_program"
	OpWeightMsgFundProgram          = "op_weight_msg_welfare_fund_program"
	OpWeightMsgCloseProgram         = "op_weight_msg_welfare_close_program"
	OpWeightMsgApply                = "op_weight_msg_welfare_apply"
	OpWeightMsgDecideEligibility    = "op_weight_msg_welfare_decide_eligibility"
	OpWeightMsgSetEnrolmentStatus   = "op_weight_msg_welfare_set_enrolment_status"
	OpWeightMsgOfferEntitlement     = "op_weight_msg_welfare_offer_entitlement"
	OpWeightMsgAcceptEntitlement    = "op_weight_msg_welfare_accept_entitlement"
	OpWeightMsgDeclineEntitlement   = "op_weight_msg_welfare_decline_entitlement"
	OpWeightMsgSetEntitlementStatus = "op_weight_msg_welfare_set_entitlement_status"
	OpWeightMsgCreateCycle          = "op_weight_msg_welfare_create_cycle"
	OpWeightMsgSubmitCycle          = "op_weight_msg_welfare_submit_cycle"
	OpWeightMsgApproveCycle         = "op_weight_msg_welfare_approve_cycle"
	OpWeightMsgDistribute           = "op_weight_msg_welfare_distribute"
	OpWeightMsgEndCycle             = "op_weight_msg_welfare_end_cycle"
	OpWeightMsgCancelCycle          = "op_weight_msg_welfare_cancel_cycle"
	OpWeightMsgPlaceAuditHold       = "op_weight_msg_welfare_place_audit_hold"
	OpWeightMsgReleaseAuditHold     = "op_weight_msg_welfare_release_audit_hold"
	OpWeightMsgRecordFinding        = "op_weight_msg_welfare_record_finding"

	DefaultWeightMsgCreateProgram        = 15
	DefaultWeightMsgActivateProgram      = 15
	DefaultWeightMsgFundProgram          = 20
	DefaultWeightMsgCloseProgram         = 5
	DefaultWeightMsgApply                = 50
	DefaultWeightMsgDecideEligibility    = 40
	DefaultWeightMsgSetEnrolmentStatus   = 10
	DefaultWeightMsgOfferEntitlement     = 40
	DefaultWeightMsgAcceptEntitlement    = 35
	DefaultWeightMsgDeclineEntitlement   = 8
	DefaultWeightMsgSetEntitlementStatus = 10
	DefaultWeightMsgCreateCycle          = 20
	DefaultWeightMsgSubmitCycle          = 20
	DefaultWeightMsgApproveCycle         = 20
	DefaultWeightMsgDistribute           = 30
	DefaultWeightMsgEndCycle             = 10
	DefaultWeightMsgCancelCycle          = 5
	DefaultWeightMsgPlaceAuditHold       = 10
	DefaultWeightMsgReleaseAuditHold     = 8
	DefaultWeightMsgRecordFinding        = 8
)

// Reason codes, criteria versions and periods of the simulated messages (codes only, as on
// the real chain).
var (
	pauseReasons   = []string{"INCOME_REVIEW", "DOCUMENTS_MISSING"}
	resumeReasons  = []string{"REVIEW_CLEARED", "DOCUMENTS_RECEIVED"}
	exitReasons    = []string{"INCOME_ABOVE_THRESHOLD", "MOVED_OUT_OF_DISTRICT", "BENEFICIARY_REQUEST"}
	suspendReasons = []string{"PAYEE_UNREACHABLE", "ACCOUNT_UNDER_REVIEW"}
	endReasons     = []string{"OFFER_WITHDRAWN", "CIRCUMSTANCES_CHANGED"}
	auditReasons   = []string{"PAYEE_FAN_IN", "IRREGULAR_PAYMENT", "SAMPLE_CHECK"}
	criteria       = []string{"2026.1", "2026.2", "NBLSA-2026"}
)

const (
	// newestVoucherPrograms is how many of x/voucher's newest programs CreateProgram looks
	// at for a VOUCHER benefit.
	newestVoucherPrograms = 32
	// voucherLifeLeft is how long a voucher program must have before it expires for a new
	// VOUCHER program to draw on it.
	voucherLifeLeft = 12 * time.Hour
	// maxCycleAhead is how far after the block time a program's newest cycle may end for a
	// new cycle to be created: periods stay near the block time, where entitlements are
	// valid.
	maxCycleAhead = 24 * time.Hour
)

// search is one run of a factory: the engine's search, with the keeper to read the
// module's state, x/agency's keeper and query server to read who may sign (its members
// and their roles), and what the search has read of both.
type search struct {
	*simulation.Search
	k        keeper.Keeper
	agencies agencykeeper.Keeper
	progs    map[uint64]types.Program
	staffs   map[string][]string
}

// factory returns the simsx factory that runs find on a new search for each operation;
// its candidate messages are dry-run through the module's Msg service. A refusal of the
// signer's role or agency, of a caseworker deciding its own filing or a manager approving
// its own submission, of a payee of the paying agency or of a manager whose agency may
// not allocate from a voucher program moves on to the next candidate signer.
func factory[M sdk.Msg](k keeper.Keeper, ak agencykeeper.Keeper, find func(s *search) ([]simsx.SimAccount, M)) simsx.SimMsgFactoryFn[M] {
	router := simulation.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	e := simulation.NewEngine(router, append(agencysim.RoleRefusals(), types.ErrWrongAgency, types.ErrSelfDecision,
		types.ErrSelfApproval, types.ErrPayeeIsAgencyMember, types.ErrNotAllocator)...)
	return simulation.Factory(e, func(s *simulation.Search) ([]simsx.SimAccount, M) {
		return find(&search{
			Search: s, k: k, agencies: ak,
			progs: make(map[uint64]types.Program), staffs: make(map[string][]string),
		})
	})
}

// staff are the simulation accounts among the members of agency agencyID holding role
// whose membership has not expired (agencysim.RoleMembers), in random order: the
// candidate signers of a message of that agency in that role.
func (s *search) staff(agencyID, role string) []string {
	key := agencyID + " " + role
	if out, ok := s.staffs[key]; ok {
		return out
	}
	out := simulation.Shuffle(s.Search, agencysim.RoleMembers(s.Ctx, s.agencies, s.TestData, agencyID, role))
	s.staffs[key] = out
	return out
}

// signers are the candidate signers of a message of agency agencyID in role: preferred
// (accounts that acted on the record before) first, then its staff; each once.
func (s *search) signers(agencyID, role string, preferred ...string) []string {
	return s.Signers(append(preferred, s.staff(agencyID, role)...), false)
}

// anyStaff are the staff holding role of up to MaxRecordTries ACTIVE agencies that hold
// it: the candidate signers of a message that names no agency (a new program, an audit).
func (s *search) anyStaff(role string) []string {
	agencies := simulation.Sample(s.Search, s.agencies.Agencies, nil, func(a agencytypes.Agency) bool {
		return a.Status == agencytypes.AgencyStatusActive && agencytypes.HasRole(a.Roles, role)
	})
	var out []string
	for _, a := range agencies {
		out = append(out, s.staff(a.Id, role)...)
	}
	return out
}

// payee is a random simulation account that belongs to no agency or to another than
// agencyID, the paying agency (a few tries; "" when none was found).
func (s *search) payee(agencyID string) string {
	for range simulation.MaxRecordTries {
		addr := s.RandomAccount()
		bz, err := s.k.AddressCodec().StringToBytes(addr)
		if err != nil {
			continue
		}
		if got, err := s.agencies.Affiliation(s.Ctx, bz); err == nil && got != agencyID {
			return addr
		}
	}
	return ""
}

// params reads the module params (the defaults if the read fails, which the dry run
// then refuses).
func (s *search) params() types.Params {
	p, err := s.k.Params.Get(s.Ctx)
	if err != nil {
		return types.DefaultParams()
	}
	return p
}

// now is the block time.
func (s *search) now() time.Time { return s.Ctx.BlockTime() }

// programs samples the programs that pass keep, newest first.
func (s *search) programs(keep func(types.Program) bool) []types.Program {
	return simulation.Sample(s.Search, s.k.Programs, new(collections.Range[uint64]).Descending(), keep)
}

// program is program id as this search read it first (false if it does not exist).
func (s *search) program(id uint64) (types.Program, bool) {
	if p, ok := s.progs[id]; ok {
		return p, true
	}
	p, err := s.k.GetProgram(s.Ctx, id)
	if err != nil {
		return p, false
	}
	s.progs[id] = p
	return p, true
}

// activeProgram reports whether program id is ACTIVE.
func (s *search) activeProgram(id uint64) bool {
	p, ok := s.program(id)
	return ok && p.Status == types.ProgramStatusActive
}

// enrolments samples the enrolments that pass keep, newest first.
func (s *search) enrolments(keep func(types.Enrolment) bool) []types.Enrolment {
	return simulation.Sample(s.Search, s.k.Enrolments, new(collections.Range[uint64]).Descending(), keep)
}

// entitlements samples the entitlements that pass keep, newest first.
func (s *search) entitlements(keep func(types.Entitlement) bool) []types.Entitlement {
	return simulation.Sample(s.Search, s.k.Entitlements, new(collections.Range[uint64]).Descending(), keep)
}

// cycles samples the cycles that pass keep, newest programs first.
func (s *search) cycles(keep func(types.Cycle) bool) []types.Cycle {
	return simulation.Sample(s.Search, s.k.Cycles, new(collections.Range[keeper.CycleKey]).Descending(), keep)
}

// randomInt is a random amount in 1..max (max >= 1).
func (s *search) randomInt(max sdkmath.Int) sdkmath.Int {
	if max.IsInt64() {
		return sdkmath.NewInt(1 + s.R.Int63n(max.Int64()))
	}
	return sdkmath.NewInt(1 + s.R.Int63n(1<<62))
}

// pick is a random element of from.
func pick[V any](s *search, from []V) V { return from[s.R.Intn(len(from))] }

// except is build refusing to build for the account not (a four-eyes rule's first pair
// of eyes).
func except(not string, build func(addr string) sdk.Msg) func(string) sdk.Msg {
	return func(addr string) sdk.Msg {
		if addr == not {
			return nil
		}
		return build(addr)
	}
}

// MsgCreateProgramFactory creates a program in up to max_groups_per_program of the stored
// groups, signed by a manager: one time in three a VOUCHER program on one of x/voucher's
// newest programs that takes allocations from some agencies (voucherBenefits), when one
// of their managers accepts it; else a CASH program in the bond denom.
func MsgCreateProgramFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateProgram] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgCreateProgram) {
		p := s.params()
		groups := simulation.Sample(s.Search, s.k.Groups, nil, func(types.ExclusivityGroup) bool { return true })
		n := s.R.Intn(min(len(groups), int(p.MaxGroupsPerProgram)) + 1)
		var ids []string
		for _, g := range simulation.Shuffle(s.Search, groups)[:n] {
			ids = append(ids, g.Id)
		}
		m := types.MsgCreateProgram{
			Name:      pick(s, programNames),
			Target:    pick(s, []types.Target{types.TargetIndividual, types.TargetHousehold}),
			Groups:    ids,
			Benefit:   types.Benefit{Kind: types.BenefitKindCash, Denom: sdk.DefaultBondDenom},
			BudgetCap: s.randomInt(sdkmath.MinInt(p.MaxAmount, sdkmath.NewInt(100_000_000))),
		}
		build := func(benefit types.Benefit) func(string) sdk.Msg {
			return func(addr string) sdk.Msg {
				out := m
				out.Manager, out.Benefit = addr, benefit
				return &out
			}
		}
		if s.R.Intn(3) == 0 {
			if bs := s.voucherBenefits(); len(bs) > 0 {
				b := pick(s, bs)
				if addr, msg, ok := s.TrySigners(s.allocatorManagers(b.VoucherProgramId), build(b)); ok {
					return simulation.Done[*types.MsgCreateProgram](s.Search, addr, msg, true, "")
				}
			}
		}
		addr, msg, ok := s.TrySigners(s.anyStaff(types.RoleManager), build(m.Benefit))
		return simulation.Done[*types.MsgCreateProgram](s.Search, addr, msg, ok, "")
	})
}

// voucherBenefits are VOUCHER benefits on those of x/voucher's newest programs a program
// may draw on for a while: not CLOSED, taking allocations from some agencies, and at
// least voucherLifeLeft before they expire (x/voucher's simulated programs live 6..66
// hours, and a payment is some ten messages away).
func (s *search) voucherBenefits() []types.Benefit {
	last := s.lastVoucherProgram()
	if last == 0 {
		return nil
	}
	first := uint64(1)
	if last > newestVoucherPrograms {
		first = last - newestVoucherPrograms + 1
	}
	var out []types.Benefit
	for id := first; id <= last; id++ {
		vp, err := s.k.VoucherProgram(s.Ctx, id)
		if err != nil || len(vp.AllocatorAgencies) == 0 || !vp.Eligibility.AllowsAllocations() ||
			vp.Status == vouchertypes.ProgramStatusClosed || vp.ExpiresAt.Before(s.now().Add(voucherLifeLeft)) {
			continue
		}
		out = append(out, types.Benefit{Kind: types.BenefitKindVoucher, VoucherProgramId: id})
	}
	return out
}

// allocatorManagers are the managers of the allocator agencies of voucher program id:
// the candidate signers of a program drawing on it.
func (s *search) allocatorManagers(id uint64) []string {
	vp, err := s.k.VoucherProgram(s.Ctx, id)
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range vp.AllocatorAgencies {
		out = append(out, s.staff(a, types.RoleManager)...)
	}
	return out
}

// lastVoucherProgram is the id of x/voucher's newest program (0 when there is none): its
// ids are issued one after the other and programs are never deleted, so a doubling probe
// and a binary search find it in a few reads.
func (s *search) lastVoucherProgram() uint64 {
	exists := func(id uint64) bool {
		_, err := s.k.VoucherProgram(s.Ctx, id)
		return err == nil
	}
	if !exists(1) {
		return 0
	}
	lo, hi := uint64(1), uint64(2) // exists(lo), hi unknown
	for exists(hi) {
		lo, hi = hi, 2*hi
		if hi > 1<<40 {
			return lo
		}
	}
	for hi-lo > 1 { // exists(lo) && !exists(hi)
		if mid := lo + (hi-lo)/2; exists(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// MsgActivateProgramFactory activates a DRAFT program, signed by a manager of its agency
// (its creator first).
func MsgActivateProgramFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgActivateProgram] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgActivateProgram) {
		ps := s.programs(func(p types.Program) bool { return p.Status == types.ProgramStatusDraft })
		return simulation.FirstAccepted[*types.MsgActivateProgram](s.Search, ps, "no DRAFT program",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				return s.signers(p.AgencyId, types.RoleManager, p.CreatedBy), func(addr string) sdk.Msg {
					return &types.MsgActivateProgram{Manager: addr, ProgramId: p.Id}
				}
			})
	})
}

// MsgFundProgramFactory funds a CASH program that is not CLOSED, below its cap (one whose
// free escrow is short of a cycle's due first, with at least the shortfall when the funder
// can), from a manager of its agency holding the denom; what it escrows is reserved from
// the signer's liquid balance so that fees do not take it.
func MsgFundProgramFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgFundProgram] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgFundProgram) {
		ps := s.programs(func(p types.Program) bool {
			return p.IsCash() && p.Status != types.ProgramStatusClosed && p.Totals.Funded.LT(p.BudgetCap)
		})
		slices.SortStableFunc(ps, func(a, b types.Program) int { // those short of a cycle's due first
			return boolOrder(shortfall(b).IsPositive(), shortfall(a).IsPositive())
		})
		for _, p := range ps {
			room, short := p.BudgetCap.Sub(p.Totals.Funded), shortfall(p)
			signer, msg, ok := s.TrySigners(s.signers(p.AgencyId, types.RoleManager, p.CreatedBy), func(addr string) sdk.Msg {
				a, err := s.k.AddressCodec().StringToBytes(addr)
				if err != nil {
					return nil
				}
				most := sdkmath.MinInt(room, s.k.Balance(s.Ctx, a, p.Benefit.Denom).QuoRaw(2))
				if !most.IsPositive() {
					return nil
				}
				amount := s.randomInt(most)
				if short.IsPositive() && short.LTE(most) { // short..most
					amount = short.Sub(sdkmath.OneInt()).Add(s.randomInt(most.Sub(short).AddRaw(1)))
				}
				return &types.MsgFundProgram{Funder: addr, ProgramId: p.Id, Amount: amount}
			})
			if !ok {
				continue
			}
			spend := sdk.NewCoin(p.Benefit.Denom, msg.(*types.MsgFundProgram).Amount)
			acc := s.TestData.GetAccount(s.Reporter, signer)
			if !acc.LiquidBalance().BlockAmount(spend) {
				s.Reporter.Skipf("%s cannot spend %s", signer, spend)
				return nil, nil
			}
			return []simsx.SimAccount{acc}, msg.(*types.MsgFundProgram)
		}
		return simulation.Done[*types.MsgFundProgram](s.Search, "", nil, false, "no program to fund")
	})
}

// shortfall is what a CASH program's free escrow (escrow less reserved) lacks to cover a
// cycle of its due_per_cycle (zero or negative when it covers it).
func shortfall(p types.Program) sdkmath.Int {
	return p.DuePerCycle.Sub(p.Totals.Escrow.Sub(p.Totals.Reserved))
}

// boolOrder orders false before true.
func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// MsgCloseProgramFactory closes a DRAFT or ACTIVE program without a cycle TO_APPROVE or
// APPROVED, signed by a manager of its agency (its creator first); its escrow returns to
// the agency's admin and its enrolments' slots count as free.
func MsgCloseProgramFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCloseProgram] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgCloseProgram) {
		ps := s.programs(func(p types.Program) bool { return p.Status != types.ProgramStatusClosed && p.OpenCycles == 0 })
		return simulation.FirstAccepted[*types.MsgCloseProgram](s.Search, ps, "no program to close",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				return s.signers(p.AgencyId, types.RoleManager, p.CreatedBy), func(addr string) sdk.Msg {
					return &types.MsgCloseProgram{Signer: addr, ProgramId: p.Id}
				}
			})
	})
}

// MsgApplyFactory files an application to an ACTIVE program, signed by a caseworker of
// its agency, for a salted-digest beneficiary: one slot key per group, each a fresh key
// or, one time in three, a key held in that group by a live enrolment (the application
// is then stored DUPLICATED, at the same or another agency).
func MsgApplyFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgApply] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgApply) {
		ps := s.programs(func(p types.Program) bool { return p.Status == types.ProgramStatusActive })
		held := simulation.Sample(s.Search, s.k.Slots, nil, func(types.Slot) bool { return true })
		return simulation.FirstAccepted[*types.MsgApply](s.Search, ps, "no ACTIVE program",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				keys := make([]string, len(p.Groups))
				for i, g := range p.Groups {
					keys[i] = simulation.RandomDigest(s.R)
					if s.R.Intn(3) == 0 {
						if j := slices.IndexFunc(held, func(sl types.Slot) bool { return sl.GroupId == g }); j >= 0 {
							keys[i] = held[j].SlotKey
						}
					}
				}
				m := types.MsgApply{
					ProgramId: p.Id, BeneficiaryRef: simulation.RandomDigest(s.R), SlotKeys: keys,
					ApplicationDigest: simulation.RandomDigest(s.R),
				}
				return s.signers(p.AgencyId, types.RoleCaseworker), func(addr string) sdk.Msg {
					out := m
					out.Caseworker = addr
					return &out
				}
			})
	})
}

// MsgDecideEligibilityFactory decides a PENDING enrolment of an ACTIVE program: ENROLLED,
// or one time in four NOT_ELIGIBLE (its slots released); signed by a caseworker of the
// program's agency other than the one who filed it (four eyes).
func MsgDecideEligibilityFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDecideEligibility] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgDecideEligibility) {
		es := s.enrolments(func(e types.Enrolment) bool {
			return e.Status == types.EnrolmentStatusPending && s.activeProgram(e.ProgramId)
		})
		return simulation.FirstAccepted[*types.MsgDecideEligibility](s.Search, es, "no PENDING enrolment of an ACTIVE program",
			func(e types.Enrolment) ([]string, func(string) sdk.Msg) {
				outcome := types.EnrolmentStatusEnrolled
				if s.R.Intn(4) == 0 {
					outcome = types.EnrolmentStatusNotEligible
				}
				m := types.MsgDecideEligibility{
					EnrolmentId: e.Id, Outcome: outcome, DecisionDigest: simulation.RandomDigest(s.R), CriteriaVersion: pick(s, criteria),
				}
				return s.signers(e.AgencyId, types.RoleCaseworker), except(e.FiledBy, func(addr string) sdk.Msg {
					out := m
					out.Caseworker = addr
					return &out
				})
			})
	})
}

// MsgSetEnrolmentStatusFactory pauses an ENROLLED enrolment or resumes a PAUSED one of an
// ACTIVE program, or (one time in three, or when the program is not ACTIVE) exits either
// (its slots released, its live entitlement ENDED); signed by a caseworker of the
// program's agency (who filed or decided it first).
func MsgSetEnrolmentStatusFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetEnrolmentStatus] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgSetEnrolmentStatus) {
		es := s.enrolments(func(e types.Enrolment) bool {
			return e.Status == types.EnrolmentStatusEnrolled || e.Status == types.EnrolmentStatusPaused
		})
		return simulation.FirstAccepted[*types.MsgSetEnrolmentStatus](s.Search, es, "no ENROLLED or PAUSED enrolment",
			func(e types.Enrolment) ([]string, func(string) sdk.Msg) {
				m := types.MsgSetEnrolmentStatus{EnrolmentId: e.Id, Status: types.EnrolmentStatusExited, ReasonCode: pick(s, exitReasons)}
				if s.R.Intn(3) != 0 && s.activeProgram(e.ProgramId) {
					m.Status, m.ReasonCode = types.EnrolmentStatusPaused, pick(s, pauseReasons)
					if e.Status == types.EnrolmentStatusPaused {
						m.Status, m.ReasonCode = types.EnrolmentStatusEnrolled, pick(s, resumeReasons)
					}
				}
				return s.signers(e.AgencyId, types.RoleCaseworker, e.DecidedBy, e.FiledBy), func(addr string) sdk.Msg {
					out := m
					out.Caseworker = addr
					return &out
				}
			})
	})
}

// MsgOfferEntitlementFactory offers an ENROLLED enrolment of an ACTIVE program without a
// live entitlement an entitlement: a random simulation account as payee (another is
// drawn when it belongs to the paying agency), at most a tenth of what the program can
// pay a cycle beyond its other entitlements (payable) and at least 1,
// valid from up to a day ago for one to ten days; signed by a caseworker of the program's
// agency (who decided or filed it first).
func MsgOfferEntitlementFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgOfferEntitlement] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgOfferEntitlement) {
		params := s.params()
		es := s.enrolments(func(e types.Enrolment) bool {
			return e.Status == types.EnrolmentStatusEnrolled && s.activeProgram(e.ProgramId) && !s.hasLiveEntitlement(e)
		})
		return simulation.FirstAccepted[*types.MsgOfferEntitlement](s.Search, es, "no ENROLLED enrolment without a live entitlement",
			func(e types.Enrolment) ([]string, func(string) sdk.Msg) {
				p, _ := s.program(e.ProgramId)
				amount := sdkmath.MinInt(params.MaxAmount, sdkmath.MaxInt(s.payable(p).QuoRaw(10), sdkmath.OneInt()))
				from, until := s.validity(params.MaxEntitlementSeconds)
				m := types.MsgOfferEntitlement{EnrolmentId: e.Id, AmountPerCycle: s.randomInt(amount), ValidFrom: from, ValidUntil: until}
				return s.signers(e.AgencyId, types.RoleCaseworker, e.DecidedBy, e.FiledBy), func(addr string) sdk.Msg {
					out := m
					if out.Payee = s.payee(e.AgencyId); out.Payee == "" {
						return nil
					}
					out.Caseworker = addr
					return &out
				}
			})
	})
}

// payable is what program p can pay a cycle beyond its live entitlements' due: a CASH
// program's free escrow (or, unfunded, a twentieth of its budget: funding follows); a
// VOUCHER program's voucher program's unissued escrow within the program's unspent
// budget, at most the voucher program's per-holder cap.
func (s *search) payable(p types.Program) sdkmath.Int {
	if p.IsCash() {
		if !p.Totals.Escrow.IsPositive() {
			return p.BudgetCap.QuoRaw(20)
		}
		return p.Totals.Escrow.Sub(p.Totals.Reserved).Sub(p.DuePerCycle)
	}
	vp, err := s.k.VoucherProgram(s.Ctx, p.Benefit.VoucherProgramId)
	if err != nil {
		return sdkmath.ZeroInt()
	}
	budget := p.BudgetCap.Sub(p.Totals.PaymentsAmount).Sub(p.Totals.Reserved)
	return sdkmath.MinInt(sdkmath.MinInt(vp.Budget.Escrow.Sub(vp.Budget.Outstanding), budget).Sub(p.DuePerCycle), vp.PerHolderCap)
}

// hasLiveEntitlement reports whether e's latest entitlement is stored live.
func (s *search) hasLiveEntitlement(e types.Enrolment) bool {
	if e.EntitlementId == 0 {
		return false
	}
	ent, err := s.k.GetEntitlement(s.Ctx, e.EntitlementId)
	return err != nil || ent.Status.IsLive()
}

// validity is an entitlement's period: from up to a day before the block time until one
// to ten days after it, at most maxSeconds long.
func (s *search) validity(maxSeconds uint64) (time.Time, time.Time) {
	now := s.now()
	from := now.Add(-time.Duration(s.R.Intn(24)) * time.Hour)
	until := now.Add(time.Duration(24+s.R.Intn(9*24)) * time.Hour)
	if span := time.Duration(maxSeconds) * time.Second; until.Sub(from) > span {
		from, until = now, now.Add(min(span, until.Sub(now)))
	}
	return from, until
}

// offered samples the entitlements showing OFFERED now whose payee is a simulation account
// and that pass keep.
func (s *search) offered(keep func(types.Entitlement) bool) []types.Entitlement {
	now := s.now()
	return s.entitlements(func(ent types.Entitlement) bool {
		return ent.StatusAt(now) == types.EntitlementStatusOffered && s.TestData.HasAccount(ent.Payee) && keep(ent)
	})
}

// MsgAcceptEntitlementFactory has the payee of an OFFERED entitlement of an ACTIVE
// program accept it.
func MsgAcceptEntitlementFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAcceptEntitlement] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgAcceptEntitlement) {
		ents := s.offered(func(ent types.Entitlement) bool { return s.activeProgram(ent.ProgramId) })
		return simulation.FirstAccepted[*types.MsgAcceptEntitlement](s.Search, ents, "no OFFERED entitlement of an ACTIVE program",
			func(ent types.Entitlement) ([]string, func(string) sdk.Msg) {
				return []string{ent.Payee}, func(addr string) sdk.Msg {
					return &types.MsgAcceptEntitlement{Payee: addr, EntitlementId: ent.Id}
				}
			})
	})
}

// MsgDeclineEntitlementFactory has the payee of an OFFERED entitlement decline it.
func MsgDeclineEntitlementFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDeclineEntitlement] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgDeclineEntitlement) {
		ents := s.offered(func(types.Entitlement) bool { return true })
		return simulation.FirstAccepted[*types.MsgDeclineEntitlement](s.Search, ents, "no OFFERED entitlement",
			func(ent types.Entitlement) ([]string, func(string) sdk.Msg) {
				return []string{ent.Payee}, func(addr string) sdk.Msg {
					return &types.MsgDeclineEntitlement{Payee: addr, EntitlementId: ent.Id}
				}
			})
	})
}

// MsgSetEntitlementStatusFactory suspends an ACTIVE entitlement, resumes a SUSPENDED one
// without an audit hold, or (one time in four, and always for one past valid_until)
// ends either; when there is none, it ends an OFFERED or ACCEPTED one. Signed by a
// caseworker of the program's agency (who offered it first).
func MsgSetEntitlementStatusFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetEntitlementStatus] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgSetEntitlementStatus) {
		now := s.now()
		ents := s.entitlements(func(ent types.Entitlement) bool {
			return ent.Status == types.EntitlementStatusActive || ent.Status == types.EntitlementStatusSuspended ||
				ent.Status.IsLive() && ent.Lapsed(now)
		})
		if len(ents) == 0 {
			ents = s.entitlements(func(ent types.Entitlement) bool { return ent.Status.IsLive() })
		}
		return simulation.FirstAccepted[*types.MsgSetEntitlementStatus](s.Search, ents, "no live entitlement",
			func(ent types.Entitlement) ([]string, func(string) sdk.Msg) {
				m := types.MsgSetEntitlementStatus{EntitlementId: ent.Id, Status: types.EntitlementStatusEnded, ReasonCode: pick(s, endReasons)}
				if shown := ent.StatusAt(now); s.R.Intn(4) != 0 {
					switch {
					case shown == types.EntitlementStatusActive:
						m.Status, m.ReasonCode = types.EntitlementStatusSuspended, pick(s, suspendReasons)
					case shown == types.EntitlementStatusSuspended && !ent.AuditHold:
						m.Status, m.ReasonCode = types.EntitlementStatusActive, pick(s, resumeReasons)
					}
				}
				p, _ := s.program(ent.ProgramId)
				return s.signers(p.AgencyId, types.RoleCaseworker, ent.OfferedBy), func(addr string) sdk.Msg {
					out := m
					out.Caseworker = addr
					return &out
				}
			})
	})
}

// MsgCreateCycleFactory creates a cycle of an ACTIVE program without a cycle TO_APPROVE
// or APPROVED whose newest cycle ends at most a day after the block time and that has
// live entitlements to pay (one time in four, one that may have none): from the end of
// that cycle (or a day before the block time, whichever is later) for six to 48 hours;
// signed by a manager of its agency (its creator first).
func MsgCreateCycleFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateCycle] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgCreateCycle) {
		params, now := s.params(), s.now()
		idle := s.R.Intn(4) == 0
		ps := s.programs(func(p types.Program) bool {
			return p.Status == types.ProgramStatusActive && p.OpenCycles == 0 && p.LastPeriodEnd.Before(now.Add(maxCycleAhead)) &&
				(idle || p.DuePerCycle.IsPositive())
		})
		return simulation.FirstAccepted[*types.MsgCreateCycle](s.Search, ps, "no ACTIVE program to run a cycle",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				start := now.Add(-24 * time.Hour)
				if p.LastPeriodEnd.After(start) {
					start = p.LastPeriodEnd
				}
				length := min(time.Duration(6+s.R.Intn(43))*time.Hour, time.Duration(params.MaxCycleSeconds)*time.Second)
				return s.signers(p.AgencyId, types.RoleManager, p.CreatedBy), func(addr string) sdk.Msg {
					return &types.MsgCreateCycle{Manager: addr, ProgramId: p.Id, PeriodStart: start, PeriodEnd: start.Add(length)}
				}
			})
	})
}

// cycleFactory is a factory acting on a cycle that keep keeps (with its program), named
// what in a skip, signed by a manager of the program's agency (those build prefers and
// the program's creator first, not notBy).
func cycleFactory[M sdk.Msg](k keeper.Keeper, ak agencykeeper.Keeper, what string, keep func(types.Cycle, types.Program) bool,
	build func(s *search, c types.Cycle) (preferred []string, notBy string, msg func(addr string) sdk.Msg),
) simsx.SimMsgFactoryFn[M] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, M) {
		cs := s.cycles(func(c types.Cycle) bool {
			p, ok := s.program(c.ProgramId)
			return ok && keep(c, p)
		})
		return simulation.FirstAccepted[M](s.Search, cs, "no "+what, func(c types.Cycle) ([]string, func(string) sdk.Msg) {
			preferred, notBy, msg := build(s, c)
			p, _ := s.program(c.ProgramId)
			return s.signers(p.AgencyId, types.RoleManager, append(preferred, p.CreatedBy)...), except(notBy, msg)
		})
	})
}

// MsgSubmitCycleFactory submits a DRAFT cycle of an ACTIVE program, signed by a manager of
// its agency (its creator first).
func MsgSubmitCycleFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSubmitCycle] {
	return cycleFactory[*types.MsgSubmitCycle](k, ak, "DRAFT cycle of an ACTIVE program",
		func(c types.Cycle, p types.Program) bool {
			return c.Status == types.CycleStatusDraft && p.Status == types.ProgramStatusActive
		},
		func(_ *search, c types.Cycle) ([]string, string, func(string) sdk.Msg) {
			return []string{c.CreatedBy}, "", func(addr string) sdk.Msg {
				return &types.MsgSubmitCycle{Manager: addr, ProgramId: c.ProgramId, Seq: c.Seq}
			}
		})
}

// MsgApproveCycleFactory approves a TO_APPROVE cycle of an ACTIVE program whose escrow
// (or voucher program) covers it, signed by a manager of its agency other than the one
// who submitted it (four eyes).
func MsgApproveCycleFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgApproveCycle] {
	return cycleFactory[*types.MsgApproveCycle](k, ak, "TO_APPROVE cycle of an ACTIVE program",
		func(c types.Cycle, p types.Program) bool {
			return c.Status == types.CycleStatusToApprove && p.Status == types.ProgramStatusActive
		},
		func(_ *search, c types.Cycle) ([]string, string, func(string) sdk.Msg) {
			return []string{c.CreatedBy}, c.SubmittedBy, func(addr string) sdk.Msg {
				return &types.MsgApproveCycle{Manager: addr, ProgramId: c.ProgramId, Seq: c.Seq}
			}
		})
}

// MsgDistributeFactory pays the next 1..max_distribute entitlements of an APPROVED cycle,
// signed by a manager of its agency (its approver first).
func MsgDistributeFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDistribute] {
	return cycleFactory[*types.MsgDistribute](k, ak, "APPROVED cycle",
		func(c types.Cycle, _ types.Program) bool { return c.Status == types.CycleStatusApproved },
		func(s *search, c types.Cycle) ([]string, string, func(string) sdk.Msg) {
			limit := 1 + uint32(s.R.Intn(int(s.params().MaxDistribute))) //nolint:gosec // bounded
			return []string{c.ApprovedBy, c.SubmittedBy}, "", func(addr string) sdk.Msg {
				return &types.MsgDistribute{Manager: addr, ProgramId: c.ProgramId, Seq: c.Seq, Limit: limit}
			}
		})
}

// MsgEndCycleFactory ends a DISTRIBUTED cycle, signed by a manager of its agency.
func MsgEndCycleFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgEndCycle] {
	return cycleFactory[*types.MsgEndCycle](k, ak, "DISTRIBUTED cycle",
		func(c types.Cycle, _ types.Program) bool { return c.Status == types.CycleStatusDistributed },
		func(_ *search, c types.Cycle) ([]string, string, func(string) sdk.Msg) {
			return []string{c.ApprovedBy, c.SubmittedBy}, "", func(addr string) sdk.Msg {
				return &types.MsgEndCycle{Manager: addr, ProgramId: c.ProgramId, Seq: c.Seq}
			}
		})
}

// MsgCancelCycleFactory cancels a DRAFT or TO_APPROVE cycle, or an APPROVED one that has
// paid nothing, signed by a manager of its agency.
func MsgCancelCycleFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCancelCycle] {
	return cycleFactory[*types.MsgCancelCycle](k, ak, "cycle to cancel",
		func(c types.Cycle, _ types.Program) bool {
			switch c.Status {
			case types.CycleStatusDraft, types.CycleStatusToApprove:
				return true
			case types.CycleStatusApproved:
				return c.PaidCount == 0
			}
			return false
		},
		func(_ *search, c types.Cycle) ([]string, string, func(string) sdk.Msg) {
			return []string{c.CreatedBy, c.SubmittedBy}, "", func(addr string) sdk.Msg {
				return &types.MsgCancelCycle{Manager: addr, ProgramId: c.ProgramId, Seq: c.Seq}
			}
		})
}

// MsgPlaceAuditHoldFactory has an auditor of any agency hold a live entitlement not past
// valid_until and not held.
func MsgPlaceAuditHoldFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgPlaceAuditHold] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgPlaceAuditHold) {
		now := s.now()
		ents := s.entitlements(func(ent types.Entitlement) bool { return ent.StatusAt(now).IsLive() && !ent.AuditHold })
		return simulation.FirstAccepted[*types.MsgPlaceAuditHold](s.Search, ents, "no live entitlement to hold",
			func(ent types.Entitlement) ([]string, func(string) sdk.Msg) {
				reason := pick(s, auditReasons)
				return s.anyStaff(types.RoleAuditor), func(addr string) sdk.Msg {
					return &types.MsgPlaceAuditHold{Auditor: addr, EntitlementId: ent.Id, ReasonCode: reason}
				}
			})
	})
}

// MsgReleaseAuditHoldFactory has an auditor of the agency that placed an entitlement's
// audit hold release it.
func MsgReleaseAuditHoldFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgReleaseAuditHold] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgReleaseAuditHold) {
		ents := s.entitlements(func(ent types.Entitlement) bool { return ent.AuditHold })
		return simulation.FirstAccepted[*types.MsgReleaseAuditHold](s.Search, ents, "no entitlement under an audit hold",
			func(ent types.Entitlement) ([]string, func(string) sdk.Msg) {
				return s.signers(ent.AuditAgency, types.RoleAuditor), func(addr string) sdk.Msg {
					return &types.MsgReleaseAuditHold{Auditor: addr, EntitlementId: ent.Id}
				}
			})
	})
}

// MsgRecordFindingFactory has an auditor of any agency record a finding on a program or
// one of its cycles.
func MsgRecordFindingFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRecordFinding] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgRecordFinding) {
		ps := s.programs(nil)
		return simulation.FirstAccepted[*types.MsgRecordFinding](s.Search, ps, "no program",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				m := types.MsgRecordFinding{
					ProgramId: p.Id, CycleSeq: uint64(s.R.Int63n(int64(p.LastCycleSeq) + 1)), FindingDigest: simulation.RandomDigest(s.R), //nolint:gosec // bounded
				}
				return s.anyStaff(types.RoleAuditor), func(addr string) sdk.Msg {
					out := m
					out.Auditor = addr
					return &out
				}
			})
	})
}
