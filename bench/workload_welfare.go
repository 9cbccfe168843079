package bench

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"strconv"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/gogoproto/proto"

	welfaretypes "github.com/civicchain/civic/x/welfare/types"
)

// The x/welfare objects ExtendGenesis writes into the bench chain's genesis,
// all of the load agency (granted welfare.manager and welfare.caseworker,
// which every load account holds):
//
//   - the exclusivity group BenchWelfareGroup and the ACTIVE CASH program
//     BenchWelfareApplyProgramID in it, which welfare-apply files
//     applications to;
//   - for load account i, the ACTIVE CASH program BenchWelfareProgramID(i)
//     (no group: distribution never reads the registry) with
//     BenchWelfareEntitlements ENROLLED enrolments, each with an ACCEPTED
//     entitlement of BenchWelfareAmount ukrw a cycle to a payee of its own
//     (BenchWelfarePayee, an x/auth account: a payee accepted its
//     entitlement by signing, so its account exists), and BenchWelfareCycles
//     APPROVED cycles of 30 days from genesis, each reserving its total due;
//     account i filed, submitted and offered, account i+1 decided and
//     approved (four eyes). The escrow (every cycle's total due) is in the
//     welfare module account.
//
// The state is the one MsgCreateGroup, MsgCreateProgram, MsgFundProgram,
// MsgActivateProgram, MsgApply, MsgDecideEligibility, MsgOfferEntitlement,
// MsgAcceptEntitlement, MsgCreateCycle, MsgSubmitCycle and MsgApproveCycle
// would have left: the counters equal what they count, funded = escrow =
// reserved = the module account's ukrw (x/welfare's genesis checks and
// invariants).
const (
	// BenchWelfareGroup is the apply program's exclusivity group.
	BenchWelfareGroup = "bench_livelihood"
	// BenchWelfareApplyProgramID is the program welfare-apply files to; the
	// distribute programs follow it. Ids above the local network's own.
	BenchWelfareApplyProgramID uint64 = 1_000_000
	// BenchWelfareIDBase is the first enrolment and entitlement id.
	BenchWelfareIDBase uint64 = 1_000_000
	// BenchWelfareDenom is the programs' cash denom.
	BenchWelfareDenom = "ukrw"
	// BenchWelfareAmount is each entitlement's amount a cycle.
	BenchWelfareAmount int64 = 1_000_000
	// BenchWelfareEntitlements is the ACCEPTED entitlements of each load
	// account's program: BenchWelfareEntitlements/BenchWelfareLimit
	// welfare-distribute messages a cycle.
	BenchWelfareEntitlements = 40
	// BenchWelfareCycles is the APPROVED cycles of each load account's
	// program: BenchWelfareEntitlements*BenchWelfareCycles payments an
	// account (1,000: at 5,000 payments/s over 30 s, 300 accounts use half).
	BenchWelfareCycles = 25
	// BenchWelfareLimit is the limit of one welfare-distribute message: the
	// entitlements it visits, each a payment.
	BenchWelfareLimit = 20
	// BenchWelfareCycleDays is the length of a cycle's period.
	BenchWelfareCycleDays = 30
	// BenchWelfareValidYears is how long the entitlements are valid from genesis
	// (within the default max_entitlement_seconds, five years; beyond every cycle).
	BenchWelfareValidYears = 4
)

// BenchWelfareProgramID is load account acct's distribute program.
func BenchWelfareProgramID(acct int) uint64 {
	return BenchWelfareApplyProgramID + 1 + uint64(acct) //nolint:gosec // acct >= 0
}

// BenchWelfareEntitlementID is the id of entitlement j of load account
// acct's program, and of the enrolment it belongs to.
func BenchWelfareEntitlementID(acct, j int) uint64 {
	return BenchWelfareIDBase + uint64(acct*BenchWelfareEntitlements+j) //nolint:gosec // acct, j >= 0
}

// BenchWelfarePayee is the payee of entitlement j of load account acct's
// program: the first 20 bytes of sha256("civic-bench/welfare-payee/<acct>/<j>"),
// a key-less account of the throwaway chain.
func BenchWelfarePayee(acct, j int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("civic-bench/welfare-payee/%d/%d", acct, j)))
	addr, err := bech32.ConvertAndEncode(Bech32Prefix, h[:20])
	if err != nil {
		panic(fmt.Sprintf("welfare payee %d/%d: %v", acct, j, err)) // 20 bytes always encode
	}
	return addr
}

// benchWelfareDistributeMsgs is how many welfare-distribute messages an
// account has: every cycle of its program, BenchWelfareLimit entitlements a
// message.
func benchWelfareDistributeMsgs() int {
	return BenchWelfareCycles * benchWelfareMsgsPerCycle()
}

// benchWelfareMsgsPerCycle is the messages that distribute one cycle.
func benchWelfareMsgsPerCycle() int {
	return (BenchWelfareEntitlements + BenchWelfareLimit - 1) / BenchWelfareLimit
}

// WelfareApply: x/welfare MsgApply signed by a caseworker (x/agency
// Authorize welfare.caseworker) to the bench apply program, with a fresh slot
// key, beneficiary reference and application digest every message: the
// program read, the one slot looked up in the shared duplicate registry (free),
// the slot reserved, the group's slots_held and the program's totals counted,
// the PENDING enrolment written with its two index entries, a typed event.
type WelfareApply struct{}

func (WelfareApply) Name() string { return "welfare-apply" }

func (WelfareApply) Msgs(env *Env, acct, max int) []sdk.Msg {
	return makeMsgs(max, func(i int) sdk.Msg {
		id := fmt.Sprintf("%s/%d/%d", env.RunID, acct, i)
		return &welfaretypes.MsgApply{
			Caseworker:        env.Accounts[acct].Address,
			ProgramId:         BenchWelfareApplyProgramID,
			BeneficiaryRef:    digestOf("welfare-beneficiary/" + id),
			SlotKeys:          []string{digestOf("welfare-slot/" + id)},
			ApplicationDigest: digestOf("welfare-application/" + id),
		}
	})
}

// WelfareDistribute: x/welfare MsgDistribute signed by a manager (x/agency
// Authorize welfare.manager) of its own program's APPROVED cycles, in order,
// BenchWelfareLimit entitlements a message: the cycle and program read, the
// program's entitlement index ranged from the cycle's cursor, and for each
// entitlement visited its record, the payment key and its enrolment read, one
// x/bank transfer from the module account to the payee (on a cache), the
// payment written, the entitlement rewritten (ACCEPTED -> ACTIVE at its first
// payment), a typed event; then the cycle (DISTRIBUTED by its last message)
// and the program. Its unit is the payment: the results report payments/s
// (EventPaymentMade events of committed transactions over the same window as
// tx/s), node CPU per payment and payments/s against bank tx/s.
type WelfareDistribute struct{}

func (WelfareDistribute) Name() string { return "welfare-distribute" }

func (WelfareDistribute) Msgs(env *Env, acct, max int) []sdk.Msg {
	if len(env.Accounts) < 2 { // the genesis has no programs: no second manager approved them
		return nil
	}
	per := benchWelfareMsgsPerCycle()
	return makeMsgs(min(max, benchWelfareDistributeMsgs()), func(i int) sdk.Msg {
		return &welfaretypes.MsgDistribute{
			Manager:   env.Accounts[acct].Address,
			ProgramId: BenchWelfareProgramID(acct),
			Seq:       uint64(i/per) + 1, //nolint:gosec // i >= 0
			Limit:     BenchWelfareLimit,
		}
	})
}

// Unit: a welfare-distribute transaction's work is its payments.
func (WelfareDistribute) Unit() string { return "payments" }

// Units counts the payments of a committed transaction.
func (WelfareDistribute) Units(events []Event) int {
	n := 0
	for _, e := range events {
		if e.Type == welfarePaymentEvent {
			n++
		}
	}
	return n
}

// welfarePaymentEvent is the type of x/welfare's EventPaymentMade.
var welfarePaymentEvent = proto.MessageName(&welfaretypes.EventPaymentMade{})

// benchWelfare is the bench's x/welfare state (see the constants above) and
// the accounts it needs.
type benchWelfare struct {
	group        welfaretypes.ExclusivityGroup
	programs     []welfaretypes.Program
	enrolments   []welfaretypes.Enrolment
	entitlements []welfaretypes.Entitlement
	cycles       []welfaretypes.Cycle
	payees       []string
	escrow       sdkmath.Int // the module account's ukrw
}

// benchWelfareGenesis builds the bench's x/welfare state for accts of agency
// at genesis. With fewer than two accounts there is no second manager to
// approve the cycles, and only the apply program is written.
func benchWelfareGenesis(accts []*LoadAccount, agency string, genesis time.Time) benchWelfare {
	zero := sdkmath.ZeroInt()
	amount := sdkmath.NewInt(BenchWelfareAmount)
	program := func(id uint64, name string, groups []string, by string) welfaretypes.Program {
		return welfaretypes.Program{
			Id: id, AgencyId: agency, Name: name, Target: welfaretypes.TargetIndividual, Groups: groups,
			Benefit:   welfaretypes.Benefit{Kind: welfaretypes.BenefitKindCash, Denom: BenchWelfareDenom},
			BudgetCap: amount.MulRaw(BenchWelfareEntitlements * BenchWelfareCycles), Status: welfaretypes.ProgramStatusActive,
			CreatedBy: by, CreatedAt: genesis, DuePerCycle: zero, Totals: welfaretypes.ZeroTotals(),
		}
	}
	w := benchWelfare{
		group: welfaretypes.ExclusivityGroup{
			Id: BenchWelfareGroup, Description: "Bench livelihood benefits", LegalBasis: "KR-NBLSA-8",
			CreatedAt: genesis, Programs: 1,
		},
		programs: []welfaretypes.Program{program(BenchWelfareApplyProgramID, "Bench livelihood benefit", []string{BenchWelfareGroup}, accts[0].Address)},
		escrow:   zero,
	}
	if len(accts) < 2 {
		return w
	}
	validUntil := genesis.AddDate(BenchWelfareValidYears, 0, 0)
	period := BenchWelfareCycleDays * 24 * time.Hour
	due := amount.MulRaw(BenchWelfareEntitlements)
	for i, a := range accts {
		second := accts[(i+1)%len(accts)].Address
		p := program(BenchWelfareProgramID(i), fmt.Sprintf("Bench benefit %d", i), nil, a.Address)
		for j := range BenchWelfareEntitlements {
			id := BenchWelfareEntitlementID(i, j)
			payee := BenchWelfarePayee(i, j)
			w.enrolments = append(w.enrolments, welfaretypes.Enrolment{
				Id: id, ProgramId: p.Id, AgencyId: agency,
				BeneficiaryRef:    digestOf(fmt.Sprintf("bench welfare beneficiary %d %d", i, j)),
				ApplicationDigest: digestOf(fmt.Sprintf("bench welfare application %d %d", i, j)),
				Status:            welfaretypes.EnrolmentStatusEnrolled,
				FiledBy:           a.Address, FiledAt: genesis,
				DecidedBy: second, DecidedAt: genesis, CriteriaVersion: "bench-1",
				DecisionDigest: digestOf(fmt.Sprintf("bench welfare decision %d %d", i, j)),
				EntitlementId:  id, UpdatedAt: genesis,
			})
			w.entitlements = append(w.entitlements, welfaretypes.Entitlement{
				Id: id, EnrolmentId: id, ProgramId: p.Id, Payee: payee, AmountPerCycle: amount,
				ValidFrom: genesis, ValidUntil: validUntil, Status: welfaretypes.EntitlementStatusAccepted,
				OfferedBy: a.Address, OfferedAt: genesis, PaidAmount: zero, UpdatedAt: genesis,
			})
			w.payees = append(w.payees, payee)
		}
		p.Totals.EnrolmentsEnrolled = BenchWelfareEntitlements
		p.Totals.EntitlementsAccepted = BenchWelfareEntitlements
		p.DuePerCycle = due
		var prevEnd time.Time
		for c := range BenchWelfareCycles {
			start := genesis.Add(time.Duration(c) * period)
			w.cycles = append(w.cycles, welfaretypes.Cycle{
				ProgramId: p.Id, Seq: uint64(c) + 1, PeriodStart: start, PeriodEnd: start.Add(period), //nolint:gosec // c >= 0
				PreviousPeriodEnd: prevEnd, TotalDue: due, Status: welfaretypes.CycleStatusApproved,
				CreatedBy: a.Address, CreatedAt: genesis, SubmittedBy: a.Address, ApprovedBy: second,
				PaidAmount: zero, Reserved: due, UpdatedAt: genesis,
			})
			prevEnd = start.Add(period)
		}
		funded := due.MulRaw(BenchWelfareCycles)
		p.Totals.Funded, p.Totals.Escrow, p.Totals.Reserved = funded, funded, funded
		p.LastCycleSeq, p.LastPeriodEnd, p.OpenCycles = BenchWelfareCycles, prevEnd, BenchWelfareCycles
		w.escrow = w.escrow.Add(funded)
		w.programs = append(w.programs, p)
	}
	return w
}

// extendWelfareGenesis writes the bench x/welfare state (see the constants
// above) into app_state.welfare and moves its next ids above it, grants
// welfare.manager and welfare.caseworker to the load agency, adds the payees
// to app_state.auth as accounts numbered after the existing ones, and gives
// the welfare module account the escrow in app_state.bank (and, when the
// genesis writes the supply, adds it there).
func extendWelfareGenesis(app map[string]any, accts []*LoadAccount, agency, genesisTime string) error {
	welfare, ok := app["welfare"].(map[string]any)
	auth, _ := app["auth"].(map[string]any)
	bank, _ := app["bank"].(map[string]any)
	if !ok || auth == nil || bank == nil || len(accts) == 0 || agency == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, genesisTime)
	if err != nil {
		return fmt.Errorf("genesis_time %q: %w", genesisTime, err)
	}
	grantRoles(app, agency, welfaretypes.RoleCaseworker, welfaretypes.RoleManager)
	w := benchWelfareGenesis(accts, agency, t.UTC())

	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	parts := []struct {
		field string
		msgs  []proto.Message
	}{
		{"groups", []proto.Message{&w.group}},
		{"programs", protoList(w.programs)},
		{"enrolments", protoList(w.enrolments)},
		{"entitlements", protoList(w.entitlements)},
		{"cycles", protoList(w.cycles)},
	}
	for _, part := range parts {
		list, _ := welfare[part.field].([]any)
		for _, m := range part.msgs {
			v, err := protoJSON(cdc, m)
			if err != nil {
				return fmt.Errorf("welfare %s: %w", part.field, err)
			}
			list = append(list, v)
		}
		welfare[part.field] = list
	}
	nextProgram := BenchWelfareProgramID(len(accts))
	nextID := BenchWelfareEntitlementID(len(accts), 0)
	for _, n := range []struct {
		field string
		next  uint64
	}{{"next_program_id", nextProgram}, {"next_enrolment_id", nextID}, {"next_entitlement_id", nextID}} {
		next := n.next
		if cur, err := strconv.ParseUint(fmt.Sprint(welfare[n.field]), 10, 64); err == nil && cur > next {
			next = cur
		}
		welfare[n.field] = strconv.FormatUint(next, 10)
	}

	// x/auth: the payees, numbered after every existing account.
	accounts, _ := auth["accounts"].([]any)
	num := nextAccountNumber(accounts)
	for _, p := range w.payees {
		accounts = append(accounts, map[string]any{
			"@type": "/cosmos.auth.v1beta1.BaseAccount", "address": p, "pub_key": nil,
			"account_number": strconv.FormatUint(num, 10), "sequence": "0",
		})
		num++
	}
	auth["accounts"] = accounts

	// x/bank: the escrow in the module account, and the supply.
	if !w.escrow.IsPositive() {
		return nil
	}
	module, err := bech32.ConvertAndEncode(Bech32Prefix, authtypes.NewModuleAddress(welfaretypes.ModuleName))
	if err != nil {
		return err
	}
	balances, _ := bank["balances"].([]any)
	if balances, err = addBalance(balances, module, BenchWelfareDenom, w.escrow.BigInt()); err != nil {
		return err
	}
	sortByAddress(balances)
	bank["balances"] = balances
	if supply, _ := bank["supply"].([]any); len(supply) != 0 {
		if supply, err = addCoin(supply, BenchWelfareDenom, new(big.Int).Set(w.escrow.BigInt())); err != nil {
			return fmt.Errorf("supply: %w", err)
		}
		bank["supply"] = supply
	}
	return nil
}

// protoList is a slice of records as proto messages.
func protoList[T any, P interface {
	*T
	proto.Message
}](records []T) []proto.Message {
	out := make([]proto.Message, len(records))
	for i := range records {
		out[i] = P(&records[i])
	}
	return out
}

// nextAccountNumber is the account number after the highest of the genesis
// auth accounts (0 without any).
func nextAccountNumber(accounts []any) uint64 {
	next := uint64(0)
	for _, a := range accounts {
		m, _ := a.(map[string]any)
		n, ok := m["account_number"]
		if !ok {
			if base, _ := m["base_account"].(map[string]any); base != nil { // module accounts
				n, ok = base["account_number"]
			}
		}
		if !ok {
			continue
		}
		if v, err := strconv.ParseUint(fmt.Sprint(n), 10, 64); err == nil && v+1 > next {
			next = v + 1
		}
	}
	return next
}
