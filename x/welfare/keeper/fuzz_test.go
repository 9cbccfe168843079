package keeper

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/welfare/types"
)

// Native Go fuzz targets over the stateless message validation. The seed corpus below
// runs in every `go test`; `go test -fuzz FuzzValidateApply` explores further. Lists are
// fuzzed as one comma-separated string, amounts as decimal strings.

var (
	// Oracles: the grammars as regular expressions, independent of the hand-written checks.
	hexRe      = regexp.MustCompile(`^[0-9a-f]{64}$`)
	groupRe    = regexp.MustCompile(`^[a-z][a-z0-9_]{1,31}$`)
	reasonRe   = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,31}$`)
	criteriaRe = regexp.MustCompile(`^[A-Za-z0-9._-]{1,32}$`)
	basisRe    = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._:+-]{0,127}$`)
)

// split turns the fuzzed "a,b,c" into a list ("" is the empty list).
func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// parseInt is the fuzzed amount (a nil Int when it is not a decimal integer).
func parseInt(s string) sdkmath.Int {
	i, ok := sdkmath.NewIntFromString(s)
	if !ok {
		return sdkmath.Int{}
	}
	return i
}

// amountOK is the amount oracle: 1..max.
func amountOK(a, max sdkmath.Int) bool {
	return !a.IsNil() && a.IsPositive() && a.LTE(max)
}

// distinct reports whether no string is listed twice.
func distinct(xs []string) bool {
	s := slices.Clone(xs)
	slices.Sort(s)
	return len(slices.Compact(s)) == len(xs)
}

func FuzzValidateCreateGroup(f *testing.F) {
	a := sample.Addr("gov")
	f.Add(a, "livelihood", "기초생활보장 생계급여", "KR-NBLSA-8+KR-EWSA-3")
	f.Add(a, "Livelihood", "x", "KR")
	f.Add(a, "l", "x", "KR")
	f.Add(a, "housing", "", "KR")
	f.Add(a, "housing", "call 010-1234-5678", "KR")
	f.Add(a, "housing", "Housing", "-KR")
	f.Add(a, "housing", "Housing", "kr")
	f.Add("civic1nope", "housing", "Housing", "KR")
	f.Fuzz(func(t *testing.T, authority, id, description, basis string) {
		msg := &types.MsgCreateGroup{Authority: authority, Id: id, Description: description, LegalBasis: basis}
		addr, err := validateMsgCreateGroup(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || !groupRe.MatchString(id) || description == "" || len(description) > types.MaxDescriptionLength ||
			pii.FindInText(description) != "" || !basisRe.MatchString(basis) || pii.Find(basis) != "" {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateCreateProgram(f *testing.F) {
	m := sample.Addr("manager")
	f.Add(m, "기초생활보장 생계급여", int32(1), "livelihood,housing", int32(1), "ukrw", uint64(0), "1000000")
	f.Add(m, "Energy voucher", int32(2), "", int32(2), "", uint64(3), "1000")
	f.Add(m, "x", int32(0), "livelihood", int32(1), "ukrw", uint64(0), "1")
	f.Add(m, "x", int32(1), "livelihood,livelihood", int32(1), "ukrw", uint64(0), "1")
	f.Add(m, "x", int32(1), "aa,bb,cc,dd,ee", int32(1), "ukrw", uint64(0), "1")
	f.Add(m, "x", int32(1), "", int32(1), "voucher/1", uint64(0), "1")
	f.Add(m, "x", int32(1), "", int32(1), "ukrw", uint64(1), "1")
	f.Add(m, "x", int32(1), "", int32(2), "ukrw", uint64(1), "1")
	f.Add(m, "x", int32(1), "", int32(2), "", uint64(0), "1")
	f.Add(m, "x", int32(1), "", int32(1), "ukrw", uint64(0), "0")
	f.Add(m, "x", int32(1), "", int32(1), "ukrw", uint64(0), "1000000000000001")
	f.Add(m, "홍길동 900101-1234567", int32(1), "", int32(1), "ukrw", uint64(0), "1")
	f.Fuzz(func(t *testing.T, manager, name string, target int32, groups string, kind int32, denom string, voucher uint64, budget string) {
		params := types.DefaultParams()
		msg := &types.MsgCreateProgram{
			Manager: manager, Name: name, Target: types.Target(target), Groups: split(groups),
			Benefit:   types.Benefit{Kind: types.BenefitKind(kind), Denom: denom, VoucherProgramId: voucher},
			BudgetCap: parseInt(budget),
		}
		addr, stored, err := validateMsgCreateProgram(sample.Codec, msg, params)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		benefitOK := (kind == 1 && voucher == 0 && denom != "" && !strings.HasPrefix(denom, "voucher/")) || (kind == 2 && voucher != 0 && denom == "")
		groupsOK := len(msg.Groups) <= int(params.MaxGroupsPerProgram) && distinct(msg.Groups)
		for _, g := range msg.Groups {
			groupsOK = groupsOK && groupRe.MatchString(g)
		}
		if addr.Empty() || name == "" || pii.FindInText(name) != "" || target < 1 || target > 2 || !groupsOK || !benefitOK || !amountOK(msg.BudgetCap, params.MaxAmount) {
			t.Fatalf("accepted %+v", msg)
		}
		want := slices.Clone(msg.Groups)
		slices.Sort(want)
		if !slices.Equal(want, stored) && len(want) > 0 {
			t.Fatalf("groups %q stored as %q", msg.Groups, stored)
		}
	})
}

func FuzzValidateApply(f *testing.F) {
	c, d := sample.Addr("caseworker"), sample.HexDigest("a")
	f.Add(c, uint64(1), d, sample.HexDigest("b")+","+sample.HexDigest("c"), d)
	f.Add(c, uint64(1), "did:civic:4ZMGMNaZ8KSb3UrGWwCTHx", sample.HexDigest("b"), d)
	f.Add(c, uint64(1), "did:web:example.org", "", d)
	f.Add(c, uint64(1), "홍길동", "", d)
	f.Add(c, uint64(0), d, "", d)
	f.Add(c, uint64(1), d, sample.HexDigest("b")+","+sample.HexDigest("b"), d)
	f.Add(c, uint64(1), d, strings.ToUpper(sample.HexDigest("b")), d)
	f.Add(c, uint64(1), d, "abc", d)
	f.Add(c, uint64(1), d, "1,2,3,4,5", d)
	f.Add(c, uint64(1), d, "", "xyz")
	f.Fuzz(func(t *testing.T, caseworker string, program uint64, ref, keys, application string) {
		msg := &types.MsgApply{Caseworker: caseworker, ProgramId: program, BeneficiaryRef: ref, SlotKeys: split(keys), ApplicationDigest: application}
		addr, err := validateMsgApply(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		keysOK := len(msg.SlotKeys) <= int(types.MaxGroupsPerProgram) && distinct(msg.SlotKeys)
		for _, k := range msg.SlotKeys {
			keysOK = keysOK && hexRe.MatchString(k)
		}
		refOK := hexRe.MatchString(ref) || strings.HasPrefix(ref, "did:civic:")
		if addr.Empty() || program == 0 || !keysOK || !refOK || !hexRe.MatchString(application) {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateDecideEligibility(f *testing.F) {
	c, d := sample.Addr("caseworker"), sample.HexDigest("d")
	f.Add(c, uint64(1), int32(2), d, "2026.1")
	f.Add(c, uint64(1), int32(3), d, "v2_rev-3")
	f.Add(c, uint64(1), int32(4), d, "2026.1")
	f.Add(c, uint64(1), int32(2), "", "2026.1")
	f.Add(c, uint64(1), int32(2), d, "")
	f.Add(c, uint64(1), int32(2), d, "2026 1")
	f.Add(c, uint64(1), int32(2), d, "kim@mohw.go.kr")
	f.Add(c, uint64(0), int32(2), d, "2026.1")
	f.Fuzz(func(t *testing.T, caseworker string, id uint64, outcome int32, decision, criteria string) {
		msg := &types.MsgDecideEligibility{Caseworker: caseworker, EnrolmentId: id, Outcome: types.EnrolmentStatus(outcome), DecisionDigest: decision, CriteriaVersion: criteria}
		addr, err := validateMsgDecideEligibility(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || id == 0 || (outcome != 2 && outcome != 3) || !hexRe.MatchString(decision) || !criteriaRe.MatchString(criteria) || pii.Find(criteria) != "" {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateOfferEntitlement(f *testing.F) {
	c, p := sample.Addr("caseworker"), sample.Addr("payee")
	day := int64(24 * 3600)
	f.Add(c, uint64(1), p, "500000", int64(0), 365*day)
	f.Add(c, uint64(1), p, "0", int64(0), day)
	f.Add(c, uint64(1), p, "1000000000000001", int64(0), day)
	f.Add(c, uint64(1), "civic1x", "1", int64(0), day)
	f.Add(c, uint64(1), p, "1", day, day)
	f.Add(c, uint64(1), p, "1", -2*day, -day)
	f.Add(c, uint64(1), p, "1", int64(0), 6*365*day)
	f.Add(c, uint64(0), p, "1", int64(0), day)
	f.Fuzz(func(t *testing.T, caseworker string, id uint64, payee, amount string, from, until int64) {
		const bound = int64(100 * 365 * 24 * 3600)
		if from < -bound || from > bound || until < -bound || until > bound {
			return
		}
		params := types.DefaultParams()
		msg := &types.MsgOfferEntitlement{Caseworker: caseworker, EnrolmentId: id, Payee: payee, AmountPerCycle: parseInt(amount),
			ValidFrom: sample.Now.Add(time.Duration(from) * time.Second), ValidUntil: sample.Now.Add(time.Duration(until) * time.Second)}
		addr, payeeAddr, err := validateMsgOfferEntitlement(sample.Codec, msg, params, sample.Now)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || payeeAddr.Empty() || id == 0 || !amountOK(msg.AmountPerCycle, params.MaxAmount) ||
			until <= from || until-from > int64(params.MaxEntitlementSeconds) || until <= 0 {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateSetEntitlementStatus(f *testing.F) {
	c := sample.Addr("caseworker")
	f.Add(c, uint64(1), int32(4), "DOCUMENTS_MISSING")
	f.Add(c, uint64(1), int32(3), "X")
	f.Add(c, uint64(1), int32(5), "DECEASED")
	f.Add(c, uint64(1), int32(6), "X")
	f.Add(c, uint64(1), int32(4), "missing")
	f.Add(c, uint64(1), int32(4), "R9001011234567")
	f.Add(c, uint64(1), int32(4), "")
	f.Fuzz(func(t *testing.T, caseworker string, id uint64, status int32, reason string) {
		msg := &types.MsgSetEntitlementStatus{Caseworker: caseworker, EntitlementId: id, Status: types.EntitlementStatus(status), ReasonCode: reason}
		addr, err := validateMsgSetEntitlementStatus(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || id == 0 || status < 3 || status > 5 || !reasonRe.MatchString(reason) || pii.Find(reason) != "" {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateDistribute(f *testing.F) {
	m := sample.Addr("manager")
	f.Add(m, uint64(1), uint64(1), uint32(100))
	f.Add(m, uint64(1), uint64(1), uint32(0))
	f.Add(m, uint64(1), uint64(1), uint32(201))
	f.Add(m, uint64(0), uint64(1), uint32(1))
	f.Add(m, uint64(1), uint64(0), uint32(1))
	f.Fuzz(func(t *testing.T, manager string, program, seq uint64, limit uint32) {
		params := types.DefaultParams()
		msg := &types.MsgDistribute{Manager: manager, ProgramId: program, Seq: seq, Limit: limit}
		addr, err := validateMsgDistribute(sample.Codec, msg, params)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || program == 0 || seq == 0 || limit == 0 || limit > params.MaxDistribute {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateCreateCycle(f *testing.F) {
	m := sample.Addr("manager")
	day := int64(24 * 3600)
	f.Add(m, uint64(1), int64(0), 30*day)
	f.Add(m, uint64(1), int64(0), int64(0))
	f.Add(m, uint64(1), 30*day, int64(0))
	f.Add(m, uint64(1), int64(0), 367*day)
	f.Add(m, uint64(0), int64(0), day)
	f.Fuzz(func(t *testing.T, manager string, program uint64, start, end int64) {
		const bound = int64(100 * 365 * 24 * 3600)
		if start < -bound || start > bound || end < -bound || end > bound {
			return
		}
		params := types.DefaultParams()
		msg := &types.MsgCreateCycle{Manager: manager, ProgramId: program,
			PeriodStart: sample.Now.Add(time.Duration(start) * time.Second), PeriodEnd: sample.Now.Add(time.Duration(end) * time.Second)}
		addr, err := validateMsgCreateCycle(sample.Codec, msg, params)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || program == 0 || end <= start || end-start > int64(params.MaxCycleSeconds) {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateRecordFinding(f *testing.F) {
	a := sample.Addr("auditor")
	f.Add(a, uint64(1), uint64(0), sample.HexDigest("f"))
	f.Add(a, uint64(1), uint64(2), sample.HexDigest("F"))
	f.Add(a, uint64(0), uint64(0), sample.HexDigest("f"))
	f.Add(a, uint64(1), uint64(0), "finding")
	f.Fuzz(func(t *testing.T, auditor string, program, seq uint64, finding string) {
		msg := &types.MsgRecordFinding{Auditor: auditor, ProgramId: program, CycleSeq: seq, FindingDigest: finding}
		addr, err := validateMsgRecordFinding(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || program == 0 || !hexRe.MatchString(finding) {
			t.Fatalf("accepted %+v", msg)
		}
	})
}
