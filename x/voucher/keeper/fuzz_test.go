package keeper

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/voucher/types"
)

// Native Go fuzz targets over the stateless message validation. The seed corpus below
// runs in every `go test`; `go test -fuzz FuzzValidateCreateProgram` explores further.
// Code lists are fuzzed as one comma-separated string, amounts as decimal strings.

var (
	// Oracles: the grammars as regular expressions, independent of the hand-written checks.
	digestRe   = regexp.MustCompile(`^[0-9a-f]{64}$`)
	districtRe = regexp.MustCompile(`^[0-9]{5}$`)
	mccRe      = regexp.MustCompile(`^[0-9]{4}$`)
	classRe    = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,31}$`)
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

// codesOK is the code-list oracle: min..max codes matching re, none twice.
func codesOK(cs []string, re *regexp.Regexp, min, max int) bool {
	if len(cs) < min || len(cs) > max {
		return false
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if !re.MatchString(c) || seen[c] {
			return false
		}
		seen[c] = true
	}
	return true
}

// amountOK is the amount oracle: 1..max.
func amountOK(a, max sdkmath.Int) bool {
	return !a.IsNil() && a.IsPositive() && a.LTE(max)
}

func sorted(cs []string) []string {
	out := slices.Clone(cs)
	slices.Sort(out)
	return out
}

func FuzzValidateCreateProgram(f *testing.F) {
	i := sample.Addr("issuer")
	f.Add(i, "ukrw", "1000000", "500000", "26230,26260", "5311,5813", int32(2), uint64(0), "")
	f.Add(i, "ucivic", "1000", "1000", "26230", "", int32(1), uint64(3), "HOUSEHOLD_1")
	f.Add(i, "ukrw", "1000", "1000", "26230", "", int32(3), uint64(3), "household")
	f.Add(i, "ukrw", "1000", "1000", "26230", "", int32(1), uint64(0), "ONE")
	f.Add(i, "uatom", "1000", "1000", "26230", "", int32(2), uint64(0), "")
	f.Add(i, "ukrw", "0", "0", "26230", "", int32(2), uint64(0), "")
	f.Add(i, "ukrw", "-5", "1", "26230", "", int32(2), uint64(0), "")
	f.Add(i, "ukrw", "1000000000000000001", "1", "26230", "", int32(2), uint64(0), "")
	f.Add(i, "ukrw", "10", "11", "26230", "", int32(2), uint64(0), "")
	f.Add(i, "ukrw", "10", "10", "", "", int32(2), uint64(0), "")
	f.Add(i, "ukrw", "10", "10", "26230,26230", "", int32(2), uint64(0), "")
	f.Add(i, "ukrw", "10", "10", "26230", "531", int32(2), uint64(0), "")
	f.Add(i, "ukrw", "10", "10", "26230", "", int32(0), uint64(0), "")
	f.Add(i, "ukrw", "10", "10", "26230", "", int32(2), uint64(5), "")
	f.Add("civic1nope", "ukrw", "10", "10", "26230", "", int32(2), uint64(0), "")
	f.Fuzz(func(t *testing.T, issuer, denom, budget, perHolder, holderDistricts, mccs string, eligibility int32, schema uint64, class string) {
		params := types.DefaultParams()
		msg := &types.MsgCreateProgram{
			Issuer: issuer, Kind: types.ProgramKindLocalCurrency, FundingDenom: denom,
			BudgetCap: parseInt(budget), PerHolderCap: parseInt(perHolder),
			HolderDistricts: split(holderDistricts), MerchantDistricts: []string{"26230"}, ExcludedMccs: split(mccs),
			Eligibility: types.Eligibility(eligibility), SchemaId: schema,
			StartsAt: sample.Now, ExpiresAt: sample.Now.Add(time.Hour), RedeemUntil: sample.Now.Add(time.Hour),
			RefundAddress: sample.Addr("refund"),
		}
		if class != "" {
			msg.AmountByClass = []types.ClassAmount{{Class: class, Amount: sdkmath.OneInt()}}
		}
		addr, got, err := validateMsgCreateProgram(sample.Codec, msg, params, sample.Now)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		e := types.Eligibility(eligibility)
		claims := e == types.EligibilityCredential || e == types.EligibilityBoth
		if addr.Empty() || !params.AllowsFunding(denom) || !amountOK(msg.BudgetCap, params.MaxAmount) || !amountOK(msg.PerHolderCap, msg.BudgetCap) ||
			!codesOK(msg.HolderDistricts, districtRe, 1, int(params.MaxDistricts)) || !codesOK(msg.ExcludedMccs, mccRe, 0, int(params.MaxExcludedMccs)) ||
			eligibility < 1 || eligibility > 3 || claims != (schema != 0) || claims != (class != "") || (class != "" && !classRe.MatchString(class)) {
			t.Fatalf("accepted %+v", msg)
		}
		if !slices.Equal(sorted(msg.HolderDistricts), got.holderDistricts) {
			t.Fatalf("districts %q stored as %q", msg.HolderDistricts, got.holderDistricts)
		}
	})
}

func FuzzValidateAllocate(f *testing.F) {
	i, h := sample.Addr("issuer"), sample.Addr("holder")
	f.Add(i, uint64(1), h, "400000", "26230")
	f.Add(i, uint64(0), h, "1", "26230")
	f.Add(i, uint64(1), h, "0", "26230")
	f.Add(i, uint64(1), h, "1000000000000001", "26230")
	f.Add(i, uint64(1), "civic1x", "1", "26230")
	f.Add(i, uint64(1), h, "1", "2623")
	f.Add(i, uint64(1), h, "abc", "26230")
	f.Fuzz(func(t *testing.T, issuer string, id uint64, holder, amount, district string) {
		params := types.DefaultParams()
		msg := &types.MsgAllocate{Issuer: issuer, ProgramId: id,
			Entries: []types.AllocationEntry{{Address: holder, Amount: parseInt(amount), DistrictCode: district}}}
		addr, holders, err := validateMsgAllocate(sample.Codec, msg, params)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || len(holders) != 1 || id == 0 || !amountOK(msg.Entries[0].Amount, params.MaxAmount) || !districtRe.MatchString(district) {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateClaim(f *testing.F) {
	h := sample.Addr("holder")
	did := "did:civic:4ZMGMNaZ8KSb3UrGWwCTHx"
	f.Add(h, uint64(1), uint64(1), h, "civic-test-1", "26230", "HOUSEHOLD_1", uint64(1), did, did+"#assert-ed", 64)
	f.Add(h, uint64(1), uint64(2), h, "civic-test-1", "26230", "HOUSEHOLD_1", uint64(1), did, did+"#assert-ed", 64)
	f.Add(h, uint64(1), uint64(1), sample.Addr("other"), "civic-test-1", "26230", "HOUSEHOLD_1", uint64(1), did, did+"#assert-ed", 64)
	f.Add(h, uint64(1), uint64(1), h, "", "26230", "HOUSEHOLD_1", uint64(1), did, did+"#assert-ed", 64)
	f.Add(h, uint64(1), uint64(1), h, "civic-test-1", "26230", "household", uint64(1), did, did+"#assert-ed", 64)
	f.Add(h, uint64(1), uint64(1), h, "civic-test-1", "26230", "HOUSEHOLD_1", uint64(0), did, did+"#assert-ed", 64)
	f.Add(h, uint64(1), uint64(1), h, "civic-test-1", "26230", "HOUSEHOLD_1", uint64(1), "did:web:example.com", "did:web:example.com#k", 64)
	f.Add(h, uint64(1), uint64(1), h, "civic-test-1", "26230", "HOUSEHOLD_1", uint64(1), did, "did:civic:other#k", 64)
	f.Add(h, uint64(1), uint64(1), h, "civic-test-1", "26230", "HOUSEHOLD_1", uint64(1), did, did+"#assert-ed", 0)
	f.Add(h, uint64(1), uint64(1), h, "civic-test-1", "26230", "HOUSEHOLD_1", uint64(1), did, did+"#assert-ed", 129)
	f.Fuzz(func(t *testing.T, holder string, id, claimID uint64, claimHolder, chain, district, class string, list uint64, issuer, vm string, sigLen int) {
		if sigLen < 0 || sigLen > 1024 {
			return
		}
		msg := &types.MsgClaim{Holder: holder, ProgramId: id, IssuerDid: issuer, VerificationMethod: vm, Signature: make([]byte, sigLen),
			Claim: types.Claim{ChainId: chain, ProgramId: claimID, Holder: claimHolder, DistrictCode: district, Class: class,
				StatusListId: list, ValidUntil: sample.Now}}
		addr, err := validateMsgClaim(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || id == 0 || claimID != id || claimHolder != holder || chain == "" || !districtRe.MatchString(district) ||
			!classRe.MatchString(class) || list == 0 || !strings.HasPrefix(issuer, "did:civic:") || !strings.HasPrefix(vm, issuer+"#") ||
			sigLen == 0 || sigLen > types.MaxSignatureLength {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateApplyMerchant(f *testing.F) {
	m, st := sample.Addr("shop"), sample.Addr("settle")
	d := sample.HexDigest("b")
	f.Add(m, uint64(1), d, "26230", "5411", st)
	f.Add(m, uint64(1), "Kim 010-1234-5678", "26230", "5411", st)
	f.Add(m, uint64(1), d, "２６２３０", "5411", st)
	f.Add(m, uint64(1), d, "26230", "541", st)
	f.Add(m, uint64(1), d, "26230", "5411", "")
	f.Add(m, uint64(0), d, "26230", "5411", st)
	f.Fuzz(func(t *testing.T, merchant string, id uint64, digest, district, mcc, settlement string) {
		msg := &types.MsgApplyMerchant{Merchant: merchant, ProgramId: id, BusinessDigest: digest, DistrictCode: district, Mcc: mcc, SettlementAddress: settlement}
		addr, settle, err := validateMsgApplyMerchant(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || settle.Empty() || id == 0 || !digestRe.MatchString(digest) || !districtRe.MatchString(district) || !mccRe.MatchString(mcc) {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateDecideMerchant(f *testing.F) {
	sg, m := sample.Addr("desk"), sample.Addr("shop")
	f.Add(sg, uint64(1), m, int32(1))
	f.Add(sg, uint64(1), m, int32(4))
	f.Add(sg, uint64(1), m, int32(0))
	f.Add(sg, uint64(1), m, int32(5))
	f.Add(sg, uint64(0), m, int32(1))
	f.Add(sg, uint64(1), "", int32(1))
	f.Fuzz(func(t *testing.T, signer string, id uint64, merchant string, decision int32) {
		msg := &types.MsgDecideMerchant{Signer: signer, ProgramId: id, Merchant: merchant, Decision: types.MerchantDecision(decision)}
		addr, mer, err := validateMsgDecideMerchant(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || mer.Empty() || id == 0 || decision < 1 || decision > 4 {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidatePay(f *testing.F) {
	h, m := sample.Addr("holder"), sample.Addr("shop")
	d := sample.HexDigest("c")
	f.Add(h, uint64(1), m, "12000", d)
	f.Add(h, uint64(1), h, "12000", d)
	f.Add(h, uint64(1), m, "0", d)
	f.Add(h, uint64(1), m, "1000000000000001", d)
	f.Add(h, uint64(1), m, "12000", "receipt")
	f.Add(h, uint64(0), m, "12000", d)
	f.Fuzz(func(t *testing.T, holder string, id uint64, merchant, amount, receipt string) {
		params := types.DefaultParams()
		msg := &types.MsgPay{Holder: holder, ProgramId: id, Merchant: merchant, Amount: parseInt(amount), ReceiptDigest: receipt}
		from, to, err := validateMsgPay(sample.Codec, msg, params)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if from.Empty() || to.Empty() || from.Equals(to) || id == 0 || !amountOK(msg.Amount, params.MaxAmount) || !digestRe.MatchString(receipt) {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateRedeemFundSweep(f *testing.F) {
	a := sample.Addr("someone")
	f.Add(a, uint64(1), "100", uint32(10))
	f.Add(a, uint64(0), "100", uint32(10))
	f.Add(a, uint64(1), "0", uint32(0))
	f.Add(a, uint64(1), "-1", uint32(101))
	f.Add("", uint64(1), "100", uint32(10))
	f.Fuzz(func(t *testing.T, signer string, id uint64, amount string, limit uint32) {
		params := types.DefaultParams()
		amountGood := amountOK(parseInt(amount), params.MaxAmount)
		for _, tc := range []struct {
			run  func() (bool, error)
			good bool
		}{
			{func() (bool, error) {
				addr, err := validateMsgRedeem(sample.Codec, &types.MsgRedeem{Merchant: signer, ProgramId: id, Amount: parseInt(amount)}, params)
				return !addr.Empty(), err
			}, amountGood},
			{func() (bool, error) {
				addr, err := validateMsgFundProgram(sample.Codec, &types.MsgFundProgram{Funder: signer, ProgramId: id, Amount: parseInt(amount)}, params)
				return !addr.Empty(), err
			}, amountGood},
			{func() (bool, error) {
				addr, err := validateMsgSweep(sample.Codec, &types.MsgSweep{Signer: signer, ProgramId: id, Limit: limit}, params)
				return !addr.Empty(), err
			}, limit >= 1 && limit <= params.MaxSweep},
		} {
			ok, err := tc.run()
			if err != nil {
				sample.RequireModuleError(t, types.ModuleName, err)
				continue
			}
			if !ok || id == 0 || !tc.good {
				t.Fatalf("accepted signer %q id %d amount %q limit %d", signer, id, amount, limit)
			}
		}
	})
}
