package keeper

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/toll/types"
)

// Fuzz targets over the stateless message validation (validate.go). The seed
// corpus runs in every `go test`; `go test -fuzz FuzzValidateMsgRecordTrip
// ./x/toll/keeper` explores more. Each asserts that validation never panics
// and that whatever it accepts satisfies the documented bounds and comes
// with its decoded signer.

var (
	fuzzParams = types.DefaultParams()
	idRe       = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	digestRe   = regexp.MustCompile(`^[0-9a-f]{64}$`)
	reasonRe   = regexp.MustCompile(`^[A-Z0-9_]{1,64}$`)
)

const (
	seedAddr   = "civic1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjf6ufg"
	seedAddr2  = "civic1pg9q5zs2pg9q5zs2pg9q5zs2pg9q5zs2v9fgpm"
	seedDigest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
)

// checkSigner fails unless signer is the decoded address s.
func checkSigner(t *testing.T, s string, signer []byte) {
	t.Helper()
	bz, err := sample.Codec.StringToBytes(s)
	if err != nil || len(bz) == 0 || !bytes.Equal(bz, signer) {
		t.Fatalf("accepted signer %q decoded as %x: %v", s, signer, err)
	}
}

// checkID fails unless id is 1..max of [A-Za-z0-9._-].
func checkID(t *testing.T, what, id string, max int) {
	t.Helper()
	if len(id) == 0 || len(id) > max || !idRe.MatchString(id) {
		t.Fatalf("accepted %s %q", what, id)
	}
}

func FuzzValidateMsgRegisterNetwork(f *testing.F) {
	f.Add(seedAddr, "kec", "gyeongbu", "seoul-tg", uint64(0), uint64(100_000), "")
	f.Add(seedAddr, "kec", "gyeongbu", "seoul-tg", uint64(types.MaxPositionM), uint64(types.MaxPositionM), "sjr")
	f.Add(seedAddr, "kec", "gyeongbu", "seoul tg", uint64(5), uint64(5), "s j r")
	f.Add("", "", "", "", uint64(0), uint64(0), "")
	f.Add("cosmos1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du", "kec", strings.Repeat("r", 33), strings.Repeat("p", 65), uint64(types.MaxPositionM+1), uint64(1), "x")
	f.Add(strings.ToUpper(seedAddr), "kec/x", "r\x00", "p", uint64(2), uint64(1), "")
	f.Fuzz(func(t *testing.T, signer, agency, route, plaza string, start, end uint64, operator string) {
		if got, err := validateMsgRegisterOperator(sample.Codec, &types.MsgRegisterOperator{Signer: signer, AgencyId: agency, SettlementAccount: seedAddr2}); err == nil {
			checkSigner(t, signer, got)
			checkID(t, "agency id", agency, types.MaxPlazaIDLength)
		}
		if got, err := validateMsgRegisterRoute(sample.Codec, &types.MsgRegisterRoute{Signer: signer, Route: route}); err == nil {
			checkSigner(t, signer, got)
			checkID(t, "route", route, types.MaxRouteLength)
		}
		if got, err := validateMsgRegisterPlaza(sample.Codec, &types.MsgRegisterPlaza{Signer: signer, PlazaId: plaza, Route: route, PositionM: start}); err == nil {
			checkSigner(t, signer, got)
			checkID(t, "plaza id", plaza, types.MaxPlazaIDLength)
			checkID(t, "route", route, types.MaxRouteLength)
			if start > types.MaxPositionM {
				t.Fatalf("accepted position %d", start)
			}
		}
		if got, err := validateMsgRegisterSegment(sample.Codec, &types.MsgRegisterSegment{Signer: signer, Route: route, StartM: start, EndM: end, Operator: operator}); err == nil {
			checkSigner(t, signer, got)
			checkID(t, "route", route, types.MaxRouteLength)
			if start >= end || end > types.MaxPositionM {
				t.Fatalf("accepted segment [%d, %d)", start, end)
			}
			if operator != "" {
				checkID(t, "operator", operator, types.MaxPlazaIDLength)
			}
		}
		if got, err := validateMsgRetireSegment(sample.Codec, &types.MsgRetireSegment{Signer: signer, Route: route, StartM: start}); err == nil {
			checkSigner(t, signer, got)
			checkID(t, "route", route, types.MaxRouteLength)
		}
		if got, err := validateMsgSetSpendingLimit(sample.Codec, &types.MsgSetSpendingLimit{Payer: signer, Operator: operator, Limit: end}); err == nil {
			checkSigner(t, signer, got)
			checkID(t, "operator", operator, types.MaxPlazaIDLength)
		}
	})
}

func FuzzValidateMsgSetTariff(f *testing.F) {
	f.Add(seedAddr, uint32(1), uint64(900), uint64(443), uint32(3000), uint32(300), uint32(420))
	f.Add(seedAddr, uint32(0), uint64(0), uint64(0), uint32(10_001), uint32(420), uint32(300))
	f.Add(seedAddr, uint32(6), uint64(1), uint64(1), uint32(0), uint32(0), uint32(0))
	f.Add("", uint32(1), uint64(1), uint64(1), uint32(1), uint32(1440), uint32(1441))
	f.Fuzz(func(t *testing.T, signer string, class uint32, base, perKm uint64, bps, from, to uint32) {
		msg := &types.MsgSetTariff{
			Signer: signer, EffectiveFrom: sample.Now,
			Rates:               []types.ClassRate{{VehicleClass: class, BaseFee: base, PerKm: perKm}},
			Discounts:           []types.DiscountRate{{Code: types.DiscountCommuter, Bps: bps}},
			CommuterStartMinute: from, CommuterEndMinute: to,
		}
		got, err := validateMsgSetTariff(sample.Codec, msg)
		if err != nil {
			return
		}
		checkSigner(t, signer, got)
		if types.ValidateTariffBody(msg.Rates, msg.Discounts, msg.CommuterStartMinute, msg.CommuterEndMinute) != nil {
			t.Fatalf("accepted a tariff body its own check refuses")
		}
		if bps > types.BpsDenominator {
			t.Fatalf("accepted %d bps", bps)
		}
	})
}

func FuzzValidateMsgRecordTrip(f *testing.F) {
	f.Add(seedAddr, "osan", "seoul", uint32(1), seedDigest, int32(types.PaymentAccount), seedAddr2, int64(-3600), int64(600))
	f.Add(seedAddr, "osan", "seoul", uint32(1), seedDigest, int32(types.PaymentOffchain), "", int64(-60), int64(0))
	f.Add(seedAddr, "osan", "seoul", uint32(1), seedDigest, int32(types.PaymentOffchain), seedAddr2, int64(-60), int64(0))
	f.Add(seedAddr, "osan", "seoul", uint32(1), seedDigest, int32(types.PaymentAccount), "", int64(-60), int64(0))
	f.Add(seedAddr, "osan", "seoul", uint32(9), strings.ToUpper(seedDigest), int32(0), "", int64(60), int64(-120))
	f.Add(seedAddr, "", "seoul", uint32(1), seedDigest, int32(types.PaymentOffchain), "", int64(-1_000_000_000), int64(1))
	f.Add("", "osan", "se oul", uint32(1), "xyz", int32(7), "payer", int64(0), int64(0))
	f.Fuzz(func(t *testing.T, signer, entry, exit string, class uint32, ref string, method int32, payer string, exitIn, duration int64) {
		exitTime := sample.Now.Add(time.Duration(exitIn) * time.Second)
		msg := &types.MsgRecordTrip{
			Signer: signer, EntryPlaza: entry, ExitPlaza: exit, VehicleClass: class, VehicleRef: ref,
			PaymentMethod: types.PaymentMethod(method), Payer: payer,
			EntryTime: exitTime.Add(-time.Duration(duration) * time.Second), ExitTime: exitTime,
		}
		got, err := validateMsgRecordTrip(sample.Codec, msg, fuzzParams, sample.Now)
		if err != nil {
			return
		}
		checkSigner(t, signer, got)
		checkID(t, "entry plaza", entry, types.MaxPlazaIDLength)
		checkID(t, "exit plaza", exit, types.MaxPlazaIDLength)
		if class < types.VehicleClassMin || class > types.VehicleClassMax {
			t.Fatalf("accepted class %d", class)
		}
		if !digestRe.MatchString(ref) {
			t.Fatalf("accepted vehicle_ref %q", ref)
		}
		switch msg.PaymentMethod {
		case types.PaymentAccount:
			if _, err := sample.Codec.StringToBytes(payer); err != nil {
				t.Fatalf("accepted ACCOUNT payer %q", payer)
			}
		case types.PaymentOffchain:
			if payer != "" {
				t.Fatalf("accepted OFFCHAIN payer %q", payer)
			}
		default:
			t.Fatalf("accepted payment method %d", method)
		}
		if msg.ExitTime.Before(msg.EntryTime) || msg.ExitTime.Sub(msg.EntryTime) > time.Duration(fuzzParams.MaxTripDurationSeconds)*time.Second {
			t.Fatalf("accepted a trip from %s to %s", msg.EntryTime, msg.ExitTime)
		}
		if msg.ExitTime.After(sample.Now.Add(time.Duration(fuzzParams.MaxClockSkewSeconds)*time.Second)) ||
			msg.ExitTime.Before(sample.Now.Add(-time.Duration(fuzzParams.MaxTripAgeSeconds)*time.Second)) {
			t.Fatalf("accepted exit %s at block time %s", msg.ExitTime, sample.Now)
		}
	})
}

func FuzzValidateMsgSubmitTripBatch(f *testing.F) {
	f.Add(seedAddr, "seoul", seedDigest, uint64(120), "kec", uint64(1_000_000), "sjr", uint64(2_500_000))
	f.Add(seedAddr, "seoul", seedDigest, uint64(0), "kec", uint64(1), "sjr", uint64(1))
	f.Add(seedAddr, "seoul", seedDigest, uint64(1), "sjr", uint64(1), "kec", uint64(1))
	f.Add(seedAddr, "seoul", seedDigest, uint64(1), "kec", uint64(1), "kec", uint64(1))
	f.Add(seedAddr, "seoul", seedDigest, uint64(1), "kec", uint64(0), "sjr", uint64(1))
	f.Add(seedAddr, "seoul", seedDigest, uint64(1), "kec", ^uint64(0), "sjr", uint64(1))
	f.Add("", "", "", uint64(1), "", uint64(1), "", uint64(1))
	f.Fuzz(func(t *testing.T, signer, plaza, root string, count uint64, op1 string, a1 uint64, op2 string, a2 uint64) {
		msg := &types.MsgSubmitTripBatch{Signer: signer, PlazaId: plaza, MerkleRoot: root, Count: count,
			Totals: []types.OperatorAmount{{Operator: op1, Amount: a1}, {Operator: op2, Amount: a2}}}
		got, err := validateMsgSubmitTripBatch(sample.Codec, msg, fuzzParams)
		if err != nil {
			return
		}
		checkSigner(t, signer, got)
		checkID(t, "plaza id", plaza, types.MaxPlazaIDLength)
		if !digestRe.MatchString(root) {
			t.Fatalf("accepted merkle_root %q", root)
		}
		if count == 0 || count > fuzzParams.MaxBatchTrips {
			t.Fatalf("accepted count %d", count)
		}
		if op1 >= op2 || a1 == 0 || a2 == 0 || a1+a2 < a1 {
			t.Fatalf("accepted totals %v", msg.Totals)
		}
		checkID(t, "operator", op1, types.MaxPlazaIDLength)
		checkID(t, "operator", op2, types.MaxPlazaIDLength)
	})
}

func FuzzValidatePeriodMsgs(f *testing.F) {
	f.Add(seedAddr, uint64(1))
	f.Add(seedAddr, uint64(0))
	f.Add("", uint64(3))
	f.Add("civic1", uint64(3))
	f.Fuzz(func(t *testing.T, signer string, period uint64) {
		for _, validate := range []func() ([]byte, error){
			func() ([]byte, error) {
				return validateMsgSubmitPeriod(sample.Codec, &types.MsgSubmitPeriod{Signer: signer, PeriodId: period})
			},
			func() ([]byte, error) {
				return validateMsgConfirmPeriod(sample.Codec, &types.MsgConfirmPeriod{Signer: signer, PeriodId: period})
			},
			func() ([]byte, error) {
				return validateMsgSettlePeriod(sample.Codec, &types.MsgSettlePeriod{Signer: signer, PeriodId: period})
			},
			func() ([]byte, error) {
				return validateMsgPayTrip(sample.Codec, &types.MsgPayTrip{Signer: signer, TripId: period})
			},
		} {
			got, err := validate()
			if err != nil {
				continue
			}
			checkSigner(t, signer, got)
		}
		if _, err := validateMsgSubmitPeriod(sample.Codec, &types.MsgSubmitPeriod{Signer: signer}); err == nil {
			t.Fatal("accepted period 0")
		}
	})
}

func FuzzValidateDisputeMsgs(f *testing.F) {
	f.Add(seedAddr, int32(types.DisputeMiscollection), "", int32(types.TargetTrip), uint64(42), seedDigest, int32(types.OutcomeRefund), uint64(100), "")
	f.Add(seedAddr, int32(types.DisputeTariff), "sjr", int32(types.TargetBatch), uint64(1), "", int32(types.OutcomeReject), uint64(0), "WRONG_CLASS")
	f.Add(seedAddr, int32(types.DisputeTariff), "", int32(types.TargetBatch), uint64(1), "", int32(types.OutcomeReject), uint64(0), "")
	f.Add(seedAddr, int32(types.DisputeDuplicate), "sjr", int32(0), uint64(0), "abc", int32(0), uint64(1), "lower")
	f.Add(seedAddr, int32(99), "", int32(3), uint64(1), strings.ToUpper(seedDigest), int32(types.OutcomeRefund), uint64(0), "X")
	f.Add("", int32(types.DisputeMiscollection), "", int32(types.TargetTrip), uint64(1), "", int32(types.OutcomeRefund), uint64(1), strings.Repeat("A", 65))
	f.Fuzz(func(t *testing.T, signer string, kind int32, shareOp string, target int32, targetID uint64, evidence string, outcome int32, refund uint64, reason string) {
		open := &types.MsgOpenDispute{Signer: signer, Kind: types.DisputeKind(kind), ShareOperator: shareOp,
			Target: types.DisputeTarget(target), TargetId: targetID, EvidenceDigest: evidence}
		if got, err := validateMsgOpenDispute(sample.Codec, open); err == nil {
			checkSigner(t, signer, got)
			if _, ok := types.DisputeKind_name[kind]; !ok || kind == 0 {
				t.Fatalf("accepted kind %d", kind)
			}
			if (open.Kind == types.DisputeTariff) != (shareOp != "") {
				t.Fatalf("accepted kind %s with share_operator %q", open.Kind, shareOp)
			}
			if open.Target != types.TargetTrip && open.Target != types.TargetBatch || targetID == 0 {
				t.Fatalf("accepted target %d %d", target, targetID)
			}
			if evidence != "" && !digestRe.MatchString(evidence) {
				t.Fatalf("accepted evidence %q", evidence)
			}
		}
		if got, err := validateMsgAppealDispute(sample.Codec, &types.MsgAppealDispute{Signer: signer, DisputeId: targetID, EvidenceDigest: evidence}); err == nil {
			checkSigner(t, signer, got)
			if evidence != "" && !digestRe.MatchString(evidence) {
				t.Fatalf("accepted appeal evidence %q", evidence)
			}
		}
		resolve := &types.MsgResolveDispute{Signer: signer, DisputeId: targetID, Outcome: types.DisputeOutcome(outcome), Refund: refund, Reason: reason}
		if got, err := validateMsgResolveDispute(sample.Codec, resolve); err == nil {
			checkSigner(t, signer, got)
			switch resolve.Outcome {
			case types.OutcomeRefund:
				if refund == 0 || reason != "" && !reasonRe.MatchString(reason) {
					t.Fatalf("accepted REFUND %d %q", refund, reason)
				}
			case types.OutcomeReject:
				if refund != 0 || !reasonRe.MatchString(reason) {
					t.Fatalf("accepted REJECT %d %q", refund, reason)
				}
			default:
				t.Fatalf("accepted outcome %d", outcome)
			}
		}
		authority, err := sample.Codec.StringToBytes(seedAddr)
		if err != nil {
			t.Fatal(err)
		}
		decide := &types.MsgDecideDispute{Authority: signer, DisputeId: targetID, Outcome: resolve.Outcome, Refund: refund, Reason: reason}
		if got, err := validateMsgDecideDispute(sample.Codec, decide, authority); err == nil {
			if !bytes.Equal(got, authority) {
				t.Fatalf("accepted %q as the authority", signer)
			}
			if validateOutcome(decide.Outcome, refund, reason) != nil {
				t.Fatalf("accepted a decision its outcome check refuses")
			}
		}
	})
}

func FuzzValidateMsgUpdateParams(f *testing.F) {
	f.Add(seedAddr, uint64(0))
	f.Add(seedAddr2, uint64(0))
	f.Add(seedAddr, uint64(1))
	f.Add("", uint64(0))
	f.Fuzz(func(t *testing.T, signer string, maxTripFare uint64) {
		authority, err := sample.Codec.StringToBytes(seedAddr)
		if err != nil {
			t.Fatal(err)
		}
		params := types.DefaultParams()
		if maxTripFare > 0 {
			params.MaxTripFare = maxTripFare
		}
		got, err := validateMsgUpdateParams(sample.Codec, &types.MsgUpdateParams{Authority: signer, Params: params}, authority)
		if err != nil {
			return
		}
		if !bytes.Equal(got, authority) {
			t.Fatalf("accepted %q as the authority", signer)
		}
		if params.Validate() != nil {
			t.Fatalf("accepted params their own check refuses")
		}
	})
}
