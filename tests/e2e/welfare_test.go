package e2e

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	welfaretypes "github.com/civicchain/civic/x/welfare/types"
)

// The x/welfare worked example of x/welfare/README.md (§14 Worked example),
// run through the real civicd against one chain built from config.yml:
// governance creates the exclusivity group livelihood by an expedited
// proposal; meanwhile Busan's voucher office opens voucher program 1, which
// lists busan among its allocator agencies, and two people's wallets create
// pairwise DIDs (one deactivated). The Ministry of Health and Welfare (mohw)
// runs a CASH program in won and Busan (busan) a VOUCHER program on voucher
// program 1, both in the group. Person A, enrolled by MOHW (the second
// caseworker decides), accepts an entitlement to payee-1; cycle 1 is approved
// by the manager who did not submit it once a second tranche covers it and
// is distributed from the escrow. A applies at Busan with the same slot key
// (an HMAC made off chain): DUPLICATED, counted in Busan's totals and the
// group's. MOHW exits A; Busan's new application is PENDING, enrolled, paid
// in vouchers by its cycle 1; the Board of Audit and Inspection (bai) holds
// the entitlement and Busan's cycle 2 skips it (counted) and records a
// finding; MOHW closes its program, the escrow left returning to its admin.
// The refusals, each with its registered error in a block: a VOUCHER benefit
// without allocator permission, a caseworker of another agency, a
// deactivated beneficiary DID, a missing and a malformed slot key, the filing
// caseworker deciding, a payee of the paying agency, acceptance by another
// account, approval without escrow cover, the submitter approving, a second
// distribution of a distributed cycle and a cycle over a paid month. After
// every step each program's ProgramTotals (REST) must equal what the test
// expects and x/bank must agree with it: the welfare module account holds
// the CASH program's escrow, funded = escrow + paid + returned, the payee's
// won rose by what was paid, the managers' fell by what they funded, the
// admin received what was returned; the VOUCHER program's payments are the
// supply of voucher/1, payee-1's balance of it and voucher program 1's issued
// and outstanding, and x/voucher's module account holds its escrow.
// Transactions of different accounts that follow one another in the README
// share a block here (sameBlock).

const (
	welfareAPI       = "/civic/welfare/v1"
	mohwAdmin        = "mohw-admin"
	mohwManager1     = "mohw-manager-1"
	mohwManager2     = "mohw-manager-2"
	mohwCaseworker1  = "mohw-caseworker-1"
	mohwCaseworker2  = "mohw-caseworker-2"
	busanManager1    = "busan-welfare-manager-1"
	busanManager2    = "busan-welfare-manager-2"
	busanCaseworker1 = "busan-caseworker-1"
	busanCaseworker2 = "busan-caseworker-2"
	baiAuditor       = "bai-auditor"
	welfarePayee1    = "payee-1" // person A's account
	welfarePayee2    = "payee-2" // another person's account
	// mohwManagerUkrw is each MOHW manager's ukrw at genesis (config.yml): 100,000,000 KRW.
	mohwManagerUkrw = 100_000_000 * krw
	// The amounts of the example, in KRW.
	welfareVoucherFund = 2_000_000 // Busan escrows it in voucher program 1
	welfareTranche1    = 500_000   // MOHW's first funding of program 1
	welfareTranche2    = 2_000_000 // its second, after the refused approval
	welfareMohwMonthly = 820_556   // A's livelihood benefit, a month
	welfareBusanAmount = 730_500   // A's emergency support, a month
	// welfareSSISKey is the README's SSIS_K: the key K of the social security
	// information system, which makes slot keys off chain.
	welfareSSISKey = "the SSIS key K (made up here)"
)

// welfareMoney is a program's money and payment counters in ProgramTotals, in ukrw.
type welfareMoney struct {
	Funded, Escrow, Reserved, Paid, Returned, PaymentsCount, PaymentsAmount int64
}

// welfareExample is the state the steps share and what the test expects the
// chain to hold: each program's money, the won of the accounts it moves
// between, and the vouchers payee-1 holds.
type welfareExample struct {
	prop, vp, pm, pb string // proposal, voucher program, MOHW's and Busan's programs
	didA, didX       string // A's pairwise DID for MOHW; another person's, deactivated
	slotA            string // A's slot key for livelihood
	ea, eb           string // A's enrolments at MOHW and (PENDING) at Busan
	na, nb           string // their entitlements
	money            map[string]*welfareMoney
	ukrw             map[string]int64 // account -> balance
	vouchers         int64            // payee-1's voucher/<vp> = issued = outstanding
	voucherEscrow    int64
	welfareModule    string
	voucherModule    string
}

// welfareMonth is the first of this month plus n months, as the README's m().
func welfareMonth(n int) string {
	now := time.Now().UTC()
	return rfc3339(time.Date(now.Year(), now.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC))
}

// welfareSlot is the README's slot(): HMAC-SHA256 with the SSIS key of a
// pseudonym (64 hex) and a group id.
func welfareSlot(pseudonym, group string) string {
	mac := hmac.New(sha256.New, []byte(welfareSSISKey))
	mac.Write([]byte(pseudonym + group))
	return hex.EncodeToString(mac.Sum(nil))
}

// welfareDid is a fresh did:civic DID (a version 4 UUID).
func welfareDid(label string) string {
	u := sha256.Sum256([]byte("civic-e2e-welfare/" + label + "/" + strconv.FormatInt(time.Now().UnixNano(), 10)))
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:16])
	return "did:civic:" + h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func TestWelfare(t *testing.T) {
	c, run := startExample(t, "welfare e2e")
	ex := &welfareExample{
		money:         map[string]*welfareMoney{},
		ukrw:          map[string]int64{},
		welfareModule: authtypes.NewModuleAddress(welfaretypes.ModuleName).String(),
		voucherModule: authtypes.NewModuleAddress(vouchertypes.ModuleName).String(),
	}
	for _, a := range []string{mohwManager1, mohwManager2, mohwAdmin, welfarePayee1, voucherIssuer} {
		ex.ukrw[a] = c.balanceOf(t, c.addr(a), "ukrw")
	}
	mustEqual(t, "mohw-manager-1's ukrw at genesis", ex.ukrw[mohwManager1], mohwManagerUkrw)
	mustEqual(t, "mohw-manager-2's ukrw at genesis", ex.ukrw[mohwManager2], mohwManagerUkrw)
	step := func(name string, f func(t *testing.T)) {
		run(name, func(t *testing.T) {
			f(t)
			ex.check(t, c)
		})
	}

	step("1-3 group proposed; voucher program 1, DIDs", func(t *testing.T) { welfareSetup(t, c, ex) })
	step("4 group created; programs, funding, cycles", func(t *testing.T) { welfarePrograms(t, c, ex) })
	step("4-5 cycles; A applies; three refusals", func(t *testing.T) { welfareApply(t, c, ex) })
	step("5-7 malformed key; four eyes; offered", func(t *testing.T) {
		// The filer cannot decide; the other caseworker enrols A; a caseworker
		// cannot make itself the payee; the other one offers payee-1 a year.
		bad := strings.ToUpper(ex.slotA)
		sameBlock(t, c,
			refuse(welfaretypes.ErrInvalidSlotKey, busanCaseworker1, "tx", "welfare", "apply", ex.pb, sha256Hex("salt 71c0|person B"), sha256Hex("Busan application 2026-0415"), bad),
			refuse(welfaretypes.ErrSelfDecision, mohwCaseworker1, welfareDecide(ex.ea, "MOHW decision 2026-0001")...),
			deliver(mohwCaseworker2, welfareDecide(ex.ea, "MOHW decision 2026-0001")...))
		mustEqual(t, "enrolment "+ex.ea, welfareEnrolmentStatus(t, c, ex.ea), "ENROLMENT_STATUS_ENROLLED")
		res := sameBlock(t, c,
			refuse(welfaretypes.ErrPayeeIsAgencyMember, mohwCaseworker1, "tx", "welfare", "offer-entitlement", ex.ea, c.addr(mohwCaseworker1),
				amount(welfareMohwMonthly), welfareMonth(0), welfareMonth(12)),
			deliver(mohwCaseworker2, "tx", "welfare", "offer-entitlement", ex.ea, c.addr(welfarePayee1),
				amount(welfareMohwMonthly), welfareMonth(0), welfareMonth(12)))
		ex.na = res[1].attr("civic.welfare.v1.EventEntitlementOffered", "entitlement_id")
		mustEqual(t, "entitlement id", ex.na, "1")
		welfareTotals(t, c, ex.pm, 0, map[string]string{"enrolments_enrolled": "1", "entitlements_offered": "1"})
	})
	step("7-8 payee accepts; cycle 1 submitted, not covered", func(t *testing.T) {
		sameBlock(t, c,
			refuse(welfaretypes.ErrNotPayee, welfarePayee2, "tx", "welfare", "accept-entitlement", ex.na),
			deliver(welfarePayee1, "tx", "welfare", "accept-entitlement", ex.na),
			deliver(mohwManager2, "tx", "welfare", "submit-cycle", ex.pm, "1"),
			refuse(welfaretypes.ErrEscrowShort, mohwManager1, "tx", "welfare", "approve-cycle", ex.pm, "1"))
		welfareTotals(t, c, ex.pm, 1, map[string]string{"entitlements_accepted": "1",
			"cycle.status": "CYCLE_STATUS_TO_APPROVE", "cycle.total_due": amount(welfareMohwMonthly)})
	})
	step("8 second tranche; approved by the other manager", func(t *testing.T) {
		sameBlock(t, c,
			refuse(welfaretypes.ErrSelfApproval, mohwManager2, "tx", "welfare", "approve-cycle", ex.pm, "1"),
			deliver(mohwManager1, "tx", "welfare", "fund-program", ex.pm, amount(welfareTranche2)))
		ex.fund(ex.pm, mohwManager1, welfareTranche2*krw)
		ex.check(t, c)
		sameBlock(t, c, deliver(mohwManager1, "tx", "welfare", "approve-cycle", ex.pm, "1"))
		ex.money[ex.pm].Reserved += welfareMohwMonthly * krw
		welfareTotals(t, c, ex.pm, 1, map[string]string{"cycle.status": "CYCLE_STATUS_APPROVED"})
	})
	step("8 distributed from escrow", func(t *testing.T) {
		res := sameBlock(t, c, deliver(mohwManager2, "tx", "welfare", "distribute", ex.pm, "1", "100"))[0]
		mustEqual(t, "EventPaymentMade payee", res.attr("civic.welfare.v1.EventPaymentMade", "payee"), c.addr(welfarePayee1))
		mustEqual(t, "EventCycleDistributed paid_count", res.attr("civic.welfare.v1.EventCycleDistributed", "paid_count"), "1")
		ex.payCash(ex.pm, welfarePayee1, welfareMohwMonthly*krw)
		welfareTotals(t, c, ex.pm, 1, map[string]string{"entitlements_accepted": "0", "entitlements_active": "1",
			"cycle.status": "CYCLE_STATUS_DISTRIBUTED", "cycle.paid_count": "1", "cycle.paid_amount": amount(welfareMohwMonthly)})
	})
	step("8-9 no second payment; A at Busan: DUPLICATED", func(t *testing.T) {
		res := sameBlock(t, c,
			refuse(welfaretypes.ErrInvalidTransition, mohwManager2, "tx", "welfare", "distribute", ex.pm, "1", "100"),
			refuse(welfaretypes.ErrPeriodOverlap, mohwManager1, "tx", "welfare", "create-cycle", ex.pm, welfareMonth(0), welfareMonth(1)),
			deliver(busanCaseworker1, welfareBusanApply(ex, "Busan application 2026-0417")...))
		mustEqual(t, "Busan application status", res[2].attr("civic.welfare.v1.EventApplied", "status"), "ENROLMENT_STATUS_DUPLICATED")
		mustEqual(t, "Busan application duplicate_group", res[2].attr("civic.welfare.v1.EventApplied", "duplicate_group"), "livelihood")
		welfareTotals(t, c, ex.pb, 0, map[string]string{"enrolments_duplicated": "1", "enrolments_pending": "0"})
		welfareGroupTotals(t, c, "1 1 2") // slots held, duplicates refused, programs
		welfareSlotHeld(t, c, ex.slotA, true, ex.ea, ex.pm)
	})
	step("10 MOHW exits A; Busan's application PENDING", func(t *testing.T) {
		sameBlock(t, c,
			deliver(mohwManager2, "tx", "welfare", "end-cycle", ex.pm, "1"),
			deliver(mohwCaseworker1, "tx", "welfare", "set-enrolment-status", ex.ea, "exited", "SWITCHED_TO_EMERGENCY_AID"))
		welfareSlotHeld(t, c, ex.slotA, false, "0", "0")
		mustEqual(t, "entitlement "+ex.na, welfareGetEntitlement(t, c, ex.na).Status, "ENTITLEMENT_STATUS_ENDED")
		welfareTotals(t, c, ex.pm, 1, map[string]string{"enrolments_enrolled": "0", "enrolments_exited": "1",
			"entitlements_active": "0", "entitlements_ended": "1", "cycle.status": "CYCLE_STATUS_ENDED"})
		res := sameBlock(t, c, deliver(busanCaseworker1, welfareBusanApply(ex, "Busan application 2026-0418")...))[0]
		ex.eb = res.attr("civic.welfare.v1.EventApplied", "enrolment_id")
		mustEqual(t, "Busan's second application", res.attr("civic.welfare.v1.EventApplied", "status"), "ENROLMENT_STATUS_PENDING")
		welfareSlotHeld(t, c, ex.slotA, true, ex.eb, ex.pb)
		welfareGroupTotals(t, c, "1 1 2")
	})
	step("11 Busan enrols A; cycle 1 paid in vouchers", func(t *testing.T) { welfareBusanPays(t, c, ex) })
	step("12-13 audit hold skips cycle 2; MOHW closes", func(t *testing.T) { welfareAudit(t, c, ex) })
	run("privacy scan", func(t *testing.T) { privacyScan(t, c) })
}

// welfareSetup is steps 1-3: the group proposal (submitted, voted), voucher
// program 1 (created, funded, activated), the two DIDs (one deactivated) and
// MOHW's refused VOUCHER program.
func welfareSetup(t *testing.T, c *chain, ex *welfareExample) {
	govAddr := authtypes.NewModuleAddress("gov").String()
	proposal := writeJSON(t, "livelihood.json", map[string]any{
		"messages": []any{map[string]any{
			"@type": "/civic.welfare.v1.MsgCreateGroup", "authority": govAddr,
			"id": "livelihood", "description": "기초생활보장 생계급여 and 긴급복지 생계지원", "legal_basis": "KR-NBLSA-8+KR-EWSA-3",
		}},
		"deposit": c.Cfg.Gov.ExpeditedMinDeposit, "title": "Exclusivity group livelihood",
		"summary": "One livelihood benefit at a time", "expedited": true,
	})
	ex.didA, ex.didX = welfareDid("A"), welfareDid("X")
	didA := writeJSON(t, "did-a.json", map[string]any{"id": ex.didA, "controller": c.addr(welfarePayee1)})
	didX := writeJSON(t, "did-x.json", map[string]any{"id": ex.didX, "controller": c.addr(welfarePayee2)})
	now := time.Now().UTC().Truncate(time.Second)
	res := sameBlock(t, c,
		deliver("citizen", "tx", "gov", "submit-proposal", proposal),
		deliver(voucherIssuer, "tx", "voucher", "create-program", "local-currency", "ukrw", amount(10_000_000), amount(2_000_000), "allocation",
			rfc3339(now), rfc3339(now.Add(365*24*time.Hour)), rfc3339(now.Add(395*24*time.Hour)), c.addr(voucherIssuer),
			"--holder-districts", busanjinGu, "--merchant-districts", busanjinGu, "--allocator-agencies", "busan"),
		deliver(welfarePayee1, "tx", "did", "create", didA),
		deliver(welfarePayee2, "tx", "did", "create", didX))
	ex.prop = res[0].attr("submit_proposal", "proposal_id")
	ex.vp = res[1].attr("civic.voucher.v1.EventProgramCreated", "program_id")
	mustEqual(t, "voucher program id", ex.vp, "1")

	voucherBenefit := fmt.Sprintf(`{"kind":"BENEFIT_KIND_VOUCHER","voucher_program_id":%q}`, ex.vp)
	sameBlock(t, c,
		deliver("validator", "tx", "gov", "vote", ex.prop, "yes"),
		deliver(voucherIssuer, "tx", "voucher", "fund-program", ex.vp, amount(welfareVoucherFund)),
		deliver(welfarePayee2, "tx", "did", "deactivate", ex.didX, "1"),
		refuse(welfaretypes.ErrNotAllocator, mohwManager1, "tx", "welfare", "create-program", "생계급여 바우처", "individual", voucherBenefit, amount(1_000_000)))
	ex.voucherEscrow += welfareVoucherFund * krw
	ex.ukrw[voucherIssuer] -= welfareVoucherFund * krw
	sameBlock(t, c, deliver(voucherIssuer, "tx", "voucher", "activate-program", ex.vp))
	mustEqual(t, "voucher program 1", voucherProgramStatus(t, c, ex.vp), "PROGRAM_STATUS_ACTIVE")
}

// welfarePrograms is step 4: the proposal passes; MOHW's CASH program and
// Busan's VOUCHER program join the group, are activated, MOHW funds a first
// tranche; MOHW opens this month's cycle and Busan its next two months'.
func welfarePrograms(t *testing.T, c *chain, ex *welfareExample) {
	c.eventually(c.Cfg.Gov.ExpeditedVotingPeriod.Std()+30*time.Second, 250*time.Millisecond, "proposal "+ex.prop+" to pass", func() error {
		var p struct {
			Proposal struct {
				Status       string `json:"status"`
				FailedReason string `json:"failed_reason"`
			} `json:"proposal"`
		}
		c.restGet("/cosmos/gov/v1/proposals/"+ex.prop, &p)
		switch p.Proposal.Status {
		case "PROPOSAL_STATUS_PASSED":
			return nil
		case "PROPOSAL_STATUS_REJECTED", "PROPOSAL_STATUS_FAILED":
			t.Fatalf("proposal %s ended %s: %s", ex.prop, p.Proposal.Status, p.Proposal.FailedReason)
		}
		return fmt.Errorf("status %s", p.Proposal.Status)
	})
	var g struct {
		Group struct {
			ID          string `json:"id"`
			Description string `json:"description"`
			LegalBasis  string `json:"legal_basis"`
		} `json:"group"`
	}
	c.restGet(welfareAPI+"/groups/livelihood", &g)
	mustEqual(t, "group", fmt.Sprint(g.Group.ID, " | ", g.Group.Description, " | ", g.Group.LegalBasis),
		"livelihood | 기초생활보장 생계급여 and 긴급복지 생계지원 | KR-NBLSA-8+KR-EWSA-3")
	welfareGroupTotals(t, c, "0 0 0")

	voucherBenefit := fmt.Sprintf(`{"kind":"BENEFIT_KIND_VOUCHER","voucher_program_id":%q}`, ex.vp)
	res := sameBlock(t, c,
		deliver(mohwManager1, "tx", "welfare", "create-program", "기초생활보장 생계급여", "individual", `{"kind":"BENEFIT_KIND_CASH","denom":"ukrw"}`,
			amount(10_000_000), "--groups", "livelihood"),
		deliver(busanManager1, "tx", "welfare", "create-program", "긴급복지 생계지원", "individual", voucherBenefit,
			amount(5_000_000), "--groups", "livelihood"))
	ex.pm = res[0].attr("civic.welfare.v1.EventProgramCreated", "program_id")
	ex.pb = res[1].attr("civic.welfare.v1.EventProgramCreated", "program_id")
	mustEqual(t, "program ids", ex.pm+" "+ex.pb, "1 2")
	mustEqual(t, "program 2 agency", res[1].attr("civic.welfare.v1.EventProgramCreated", "agency_id"), "busan")
	ex.money[ex.pm], ex.money[ex.pb] = &welfareMoney{}, &welfareMoney{}

	sameBlock(t, c,
		deliver(mohwManager2, "tx", "welfare", "activate-program", ex.pm),
		deliver(busanManager1, "tx", "welfare", "activate-program", ex.pb),
		deliver(mohwManager1, "tx", "welfare", "fund-program", ex.pm, amount(welfareTranche1)))
	ex.fund(ex.pm, mohwManager1, welfareTranche1*krw)
	welfareTotals(t, c, ex.pm, 0, map[string]string{"status": "PROGRAM_STATUS_ACTIVE"})
	welfareTotals(t, c, ex.pb, 0, map[string]string{"status": "PROGRAM_STATUS_ACTIVE"})
	welfareGroupTotals(t, c, "0 0 2")
}

// welfareApply is the end of step 4 (the cycles) and step 5: A applies at
// MOHW with its slot key and a DID; another agency's caseworker, a
// deactivated DID and an application without a slot key are refused.
func welfareApply(t *testing.T, c *chain, ex *welfareExample) {
	ex.slotA = welfareSlot(sha256Hex("SSIS pseudonym of person A"), "livelihood")
	slotX := welfareSlot(sha256Hex("SSIS pseudonym of person X"), "livelihood")
	res := sameBlock(t, c,
		deliver(mohwManager1, "tx", "welfare", "create-cycle", ex.pm, welfareMonth(0), welfareMonth(1)),
		deliver(busanManager1, "tx", "welfare", "create-cycle", ex.pb, welfareMonth(1), welfareMonth(2)),
		deliver(busanManager2, "tx", "welfare", "create-cycle", ex.pb, welfareMonth(2), welfareMonth(3)),
		deliver(mohwCaseworker1, "tx", "welfare", "apply", ex.pm, ex.didA, sha256Hex("MOHW application 2026-0001"), ex.slotA),
		refuse(welfaretypes.ErrWrongAgency, busanCaseworker1, "tx", "welfare", "apply", ex.pm, sha256Hex("salt 3f9a|person A"), sha256Hex("Busan application 2026-0417"), ex.slotA),
		refuse(welfaretypes.ErrBeneficiaryInactive, busanCaseworker2, "tx", "welfare", "apply", ex.pb, ex.didX, sha256Hex("Busan application 2026-0416"), slotX),
		refuse(welfaretypes.ErrSlotKeysMismatch, mohwCaseworker2, "tx", "welfare", "apply", ex.pm, sha256Hex("salt 71c0|person B"), sha256Hex("MOHW application 2026-0002")))
	for i, want := range []string{"1", "1", "2"} {
		mustEqual(t, "cycle seq", res[i].attr("civic.welfare.v1.EventCycleCreated", "seq"), want)
	}
	ex.ea = res[3].attr("civic.welfare.v1.EventApplied", "enrolment_id")
	mustEqual(t, "A's application", ex.ea+" "+res[3].attr("civic.welfare.v1.EventApplied", "status"), "1 ENROLMENT_STATUS_PENDING")
	welfareSlotHeld(t, c, ex.slotA, true, ex.ea, ex.pm)
	welfareSlotHeld(t, c, slotX, false, "0", "0")
	welfareTotals(t, c, ex.pm, 0, map[string]string{"enrolments_pending": "1"})
	welfareTotals(t, c, ex.pb, 0, map[string]string{"enrolments_pending": "0", "enrolments_duplicated": "0"})
	welfareGroupTotals(t, c, "1 0 2")
}

// welfareBusanPays is step 11: Busan enrols A (the other caseworker), offers
// payee-1 six months from next month, payee-1 accepts, cycle 1 is submitted,
// approved by the other manager and distributed in vouchers; cycle 2 is
// submitted.
func welfareBusanPays(t *testing.T, c *chain, ex *welfareExample) {
	sameBlock(t, c, deliver(busanCaseworker2, welfareDecide(ex.eb, "Busan decision 2026-0418")...))
	res := sameBlock(t, c, deliver(busanCaseworker1, "tx", "welfare", "offer-entitlement", ex.eb, c.addr(welfarePayee1),
		amount(welfareBusanAmount), welfareMonth(1), welfareMonth(7)))[0]
	ex.nb = res.attr("civic.welfare.v1.EventEntitlementOffered", "entitlement_id")
	mustEqual(t, "Busan's entitlement id", ex.nb, "2")
	sameBlock(t, c,
		deliver(welfarePayee1, "tx", "welfare", "accept-entitlement", ex.nb),
		deliver(busanManager1, "tx", "welfare", "submit-cycle", ex.pb, "1"))
	sameBlock(t, c, deliver(busanManager2, "tx", "welfare", "approve-cycle", ex.pb, "1"))
	ex.money[ex.pb].Reserved += welfareBusanAmount * krw
	ex.check(t, c)

	paid := sameBlock(t, c,
		deliver(busanManager1, "tx", "welfare", "distribute", ex.pb, "1", "100"),
		deliver(busanManager2, "tx", "welfare", "submit-cycle", ex.pb, "2"))[0]
	mustEqual(t, "EventVouchersAllocated holder", paid.attr("civic.voucher.v1.EventVouchersAllocated", "holder"), c.addr(welfarePayee1))
	mustEqual(t, "EventPaymentMade denom", paid.attr("civic.welfare.v1.EventPaymentMade", "denom"), "voucher/"+ex.vp)
	ex.payVoucher(ex.pb, welfareBusanAmount*krw)
	welfareTotals(t, c, ex.pb, 1, map[string]string{"enrolments_enrolled": "1", "enrolments_duplicated": "1", "entitlements_active": "1",
		"cycle.status": "CYCLE_STATUS_DISTRIBUTED", "cycle.paid_count": "1", "cycle.paid_amount": amount(welfareBusanAmount)})
	welfareTotals(t, c, ex.pb, 2, map[string]string{"cycle.status": "CYCLE_STATUS_TO_APPROVE", "cycle.total_due": amount(welfareBusanAmount)})
}

// welfareAudit is steps 12 and 13: payee-1 is paid by two agencies'
// entitlements (PayeeFanIn); cycle 2 is approved, bai holds the entitlement,
// the distribution skips it (counted) and releases the reservation; bai
// records a finding; MOHW closes program 1 and its escrow returns to
// mohw-admin.
func welfareAudit(t *testing.T, c *chain, ex *welfareExample) {
	var fan struct {
		Live         string               `json:"live"`
		Entitlements []welfareEntitlement `json:"entitlements"`
	}
	c.restGet(welfareAPI+"/payees/"+c.addr(welfarePayee1)+"/entitlements", &fan)
	var got []string
	for _, e := range fan.Entitlements {
		got = append(got, e.ID+" "+e.ProgramID+" "+e.Status)
	}
	mustEqual(t, "payee-1's live entitlements", fan.Live, "1")
	mustEqualSlices(t, "payee-1's entitlements", got, []string{"1 1 ENTITLEMENT_STATUS_ENDED", "2 2 ENTITLEMENT_STATUS_ACTIVE"})

	sameBlock(t, c,
		deliver(busanManager1, "tx", "welfare", "approve-cycle", ex.pb, "2"),
		deliver(baiAuditor, "tx", "welfare", "place-audit-hold", ex.nb, "PAYEE_REVIEW"))
	ex.money[ex.pb].Reserved += welfareBusanAmount * krw
	e := welfareGetEntitlement(t, c, ex.nb)
	mustEqual(t, "entitlement "+ex.nb+" hold", fmt.Sprint(e.Status, " ", e.AuditHold, " ", e.AuditAgency), "ENTITLEMENT_STATUS_ACTIVE true bai")
	ex.check(t, c)

	res := sameBlock(t, c,
		deliver(busanManager2, "tx", "welfare", "distribute", ex.pb, "2", "100"),
		deliver(baiAuditor, "tx", "welfare", "record-finding", ex.pb, "2", sha256Hex("BAI finding 2026-077")),
		deliver(mohwManager1, "tx", "welfare", "close-program", ex.pm))
	mustEqual(t, "EventPaymentSkipped reason", res[0].attr("civic.welfare.v1.EventPaymentSkipped", "reason"), "SKIP_REASON_SUSPENDED")
	mustEqual(t, "EventCycleDistributed released", res[0].attr("civic.welfare.v1.EventCycleDistributed", "released"), amount(welfareBusanAmount))
	ex.money[ex.pb].Reserved -= welfareBusanAmount * krw
	welfareTotals(t, c, ex.pb, 2, map[string]string{"cycle.status": "CYCLE_STATUS_DISTRIBUTED",
		"cycle.paid_count": "0", "cycle.paid_amount": "0", "cycle.skipped_suspended": "1"})
	var findings struct {
		Findings []struct {
			ID       string `json:"id"`
			CycleSeq string `json:"cycle_seq"`
			AgencyID string `json:"agency_id"`
		} `json:"findings"`
	}
	c.restGet(welfareAPI+"/programs/"+ex.pb+"/findings", &findings)
	if len(findings.Findings) != 1 || findings.Findings[0].CycleSeq != "2" || findings.Findings[0].AgencyID != "bai" {
		t.Fatalf("findings of program %s: %+v, want one of bai on cycle 2", ex.pb, findings.Findings)
	}
	mustEqual(t, "EventProgramClosed returned", res[2].attr("civic.welfare.v1.EventProgramClosed", "returned"),
		amount(welfareTranche1+welfareTranche2-welfareMohwMonthly))
	ex.close(ex.pm, mohwAdmin)
	welfareTotals(t, c, ex.pm, 0, map[string]string{"status": "PROGRAM_STATUS_CLOSED"})
}

// welfareDecide is the command line of an ENROLLED decision.
func welfareDecide(enrolment, decision string) []string {
	return []string{"tx", "welfare", "decide-eligibility", enrolment, "enrolled", sha256Hex(decision), "2026.1"}
}

// welfareBusanApply is the command line of A's application at Busan.
func welfareBusanApply(ex *welfareExample, application string) []string {
	return []string{"tx", "welfare", "apply", ex.pb, sha256Hex("salt 3f9a|person A"), sha256Hex(application), ex.slotA}
}

// welfareEntitlement is the REST JSON of an Entitlement.
type welfareEntitlement struct {
	ID          string `json:"id"`
	ProgramID   string `json:"program_id"`
	Payee       string `json:"payee"`
	Status      string `json:"status"`
	AuditHold   bool   `json:"audit_hold"`
	AuditAgency string `json:"audit_agency"`
}

// welfareGetEntitlement is Entitlement(id) over REST (the status at the block).
func welfareGetEntitlement(t *testing.T, c *chain, id string) welfareEntitlement {
	t.Helper()
	var r struct {
		Entitlement welfareEntitlement `json:"entitlement"`
	}
	c.restGet(welfareAPI+"/entitlements/"+id, &r)
	return r.Entitlement
}

// welfareEnrolmentStatus is Enrolment(id)'s status over REST.
func welfareEnrolmentStatus(t *testing.T, c *chain, id string) string {
	t.Helper()
	var r struct {
		Enrolment struct {
			Status string `json:"status"`
		} `json:"enrolment"`
	}
	c.restGet(welfareAPI+"/enrolments/"+id, &r)
	return r.Enrolment.Status
}

// welfareSlotHeld checks SlotHeld(key) over REST.
func welfareSlotHeld(t *testing.T, c *chain, key string, held bool, enrolment, program string) {
	t.Helper()
	var r struct {
		Held        bool   `json:"held"`
		EnrolmentID string `json:"enrolment_id"`
		ProgramID   string `json:"program_id"`
	}
	c.restGet(welfareAPI+"/slots/"+key, &r)
	mustEqual(t, "SlotHeld "+key, fmt.Sprint(r.Held, " ", r.EnrolmentID, " ", r.ProgramID), fmt.Sprint(held, " ", enrolment, " ", program))
}

// welfareGroupTotals checks GroupTotals(livelihood): "<slots held> <duplicates refused> <programs>".
func welfareGroupTotals(t *testing.T, c *chain, want string) {
	t.Helper()
	var r struct {
		SlotsHeld         string `json:"slots_held"`
		DuplicatesRefused string `json:"duplicates_refused"`
		Programs          string `json:"programs"`
	}
	c.restGet(welfareAPI+"/groups/livelihood/totals", &r)
	mustEqual(t, "GroupTotals(livelihood) slots held, duplicates refused, programs", r.SlotsHeld+" "+r.DuplicatesRefused+" "+r.Programs, want)
}

// welfareProgramTotals is ProgramTotals(program, seq) over REST: the
// response's status, every counter of totals and, as "cycle.<field>", the
// cycle's.
func welfareProgramTotals(t *testing.T, c *chain, program string, seq int) map[string]string {
	t.Helper()
	var r struct {
		Status string            `json:"status"`
		Totals map[string]string `json:"totals"`
		Cycle  map[string]any    `json:"cycle"`
	}
	c.restGet(fmt.Sprintf("%s/programs/%s/totals?cycle_seq=%d", welfareAPI, program, seq), &r)
	out := map[string]string{"status": r.Status}
	for k, v := range r.Totals {
		out[k] = v
	}
	for k, v := range r.Cycle {
		out["cycle."+k] = fmt.Sprint(v)
	}
	return out
}

// welfareTotals checks the fields of want in ProgramTotals(program, seq).
func welfareTotals(t *testing.T, c *chain, program string, seq int, want map[string]string) {
	t.Helper()
	got := welfareProgramTotals(t, c, program, seq)
	for k, v := range want {
		mustEqual(t, fmt.Sprintf("program %s totals (cycle %d) %s", program, seq, k), got[k], v)
	}
}

// The expected ledger: each method does to the test's expectation what the
// chain is expected to do.

func (ex *welfareExample) fund(p, funder string, n int64) {
	ex.money[p].Funded += n
	ex.money[p].Escrow += n
	ex.ukrw[funder] -= n
}

func (ex *welfareExample) payCash(p, payee string, n int64) {
	m := ex.money[p]
	m.Escrow -= n
	m.Paid += n
	m.Reserved -= n
	m.PaymentsCount++
	m.PaymentsAmount += n
	ex.ukrw[payee] += n
}

// payVoucher: vouchers of voucher program ex.vp issued to payee-1 (x/voucher's Allocate).
func (ex *welfareExample) payVoucher(p string, n int64) {
	m := ex.money[p]
	m.Reserved -= n
	m.PaymentsCount++
	m.PaymentsAmount += n
	ex.vouchers += n
}

// close returns the escrow left to the agency's admin.
func (ex *welfareExample) close(p, admin string) {
	m := ex.money[p]
	m.Returned += m.Escrow
	ex.ukrw[admin] += m.Escrow
	m.Escrow = 0
}

// check compares the chain with the expectation: every program's money in
// ProgramTotals over REST and its identities (CASH: funded = escrow + paid +
// returned, paid = payments; VOUCHER: no escrow of its own), the welfare
// module account's ukrw (= the CASH escrow), the ukrw of the managers, the
// payee and the admin, and for voucher program 1 its Budget, the supply of
// its denom and payee-1's balance of it (= the VOUCHER program's payments)
// and x/voucher's module account (= its escrow).
func (ex *welfareExample) check(t *testing.T, c *chain) {
	t.Helper()
	var cashEscrow int64
	for _, p := range []string{ex.pm, ex.pb} {
		if p == "" {
			continue
		}
		got := welfareProgramTotals(t, c, p, 0)
		n := func(field string) int64 {
			v, err := strconv.ParseInt(got[field], 10, 64)
			if err != nil {
				t.Fatalf("program %s totals.%s = %q", p, field, got[field])
			}
			return v
		}
		m := welfareMoney{Funded: n("funded"), Escrow: n("escrow"), Reserved: n("reserved"), Paid: n("paid"), Returned: n("returned"),
			PaymentsCount: n("payments_count"), PaymentsAmount: n("payments_amount")}
		mustEqual(t, "program "+p+" money", m, *ex.money[p])
		mustEqual(t, "program "+p+" funded = escrow + paid + returned", m.Funded, m.Escrow+m.Paid+m.Returned)
		if p == ex.pm {
			mustEqual(t, "program "+p+" paid = payments", m.Paid, m.PaymentsAmount)
			cashEscrow += m.Escrow
		} else {
			mustEqual(t, "program "+p+" (VOUCHER) funded", m.Funded, 0)
			mustEqual(t, "program "+p+" payments = vouchers issued to payee-1", m.PaymentsAmount, ex.vouchers)
		}
	}
	mustEqual(t, "welfare module account ukrw = Σ CASH escrow", c.balanceOf(t, ex.welfareModule, "ukrw"), cashEscrow)
	for _, a := range []string{mohwManager1, mohwManager2, mohwAdmin, welfarePayee1, voucherIssuer} {
		mustEqual(t, a+" ukrw", c.balanceOf(t, c.addr(a), "ukrw"), ex.ukrw[a])
	}
	if ex.vp == "" {
		return
	}
	denom := "voucher/" + ex.vp
	var b struct {
		Budget map[string]string `json:"budget"`
	}
	c.restGet("/civic/voucher/v1/programs/"+ex.vp+"/budget", &b)
	mustEqual(t, "voucher program "+ex.vp+" escrow issued outstanding", b.Budget["escrow"]+" "+b.Budget["issued"]+" "+b.Budget["outstanding"],
		fmt.Sprint(ex.voucherEscrow, " ", ex.vouchers, " ", ex.vouchers))
	var supply struct {
		Amount struct {
			Amount string `json:"amount"`
		} `json:"amount"`
	}
	c.restGet("/cosmos/bank/v1beta1/supply/by_denom?denom="+denom, &supply)
	mustEqual(t, denom+" supply", supply.Amount.Amount, strconv.FormatInt(ex.vouchers, 10))
	mustEqual(t, "payee-1 "+denom, c.balanceOf(t, c.addr(welfarePayee1), denom), ex.vouchers)
	mustEqual(t, "voucher module account ukrw = voucher program escrow", c.balanceOf(t, ex.voucherModule, "ukrw"), ex.voucherEscrow)
}
