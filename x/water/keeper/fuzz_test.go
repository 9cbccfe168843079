package keeper

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/water/types"
)

// Fuzz targets over the stateless message validation (validate.go) and the
// batch proof check. The seed corpus runs in every `go test`; `go test -fuzz
// FuzzValidateMsgSubmitReading ./x/water/keeper` explores more. Each asserts
// that validation never panics and that whatever it accepts satisfies the
// documented grammars and bounds and comes with its decoded signer.

var (
	districtRe = regexp.MustCompile(`^[0-9]{5}$`)
	codeRe     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	basisRe    = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._:+-]*$`)
	digestRe   = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

const (
	seedAddr   = "civic1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjf6ufg"
	seedAddr2  = "civic1pg9q5zs2pg9q5zs2pg9q5zs2pg9q5zs2v9fgpm"
	seedDigest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
)

var seedTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()

// checkSigner fails unless signer is the decoded address s.
func checkSigner(t *testing.T, s string, signer []byte) {
	t.Helper()
	bz, err := sample.Codec.StringToBytes(s)
	if err != nil || len(bz) == 0 || !bytes.Equal(bz, signer) {
		t.Fatalf("accepted signer %q decoded as %x: %v", s, signer, err)
	}
}

// checkValue fails unless v is in p's range.
func checkValue(t *testing.T, p types.Parameter, v int64) {
	t.Helper()
	if err := types.ValidateValue(p, v); err != nil {
		t.Fatalf("accepted %s %d: %v", p, v, err)
	}
}

// measurements turns fuzz bytes into up to 5 measurements: a parameter byte
// and a value each.
func measurements(ps []byte, values []int64) []types.Measurement {
	var out []types.Measurement
	for i, p := range ps {
		if i >= len(values) || i > types.NumParameters {
			break
		}
		out = append(out, types.Measurement{Parameter: types.Parameter(int32(p) % 8), Value: values[i]})
	}
	return out
}

func FuzzValidateMsgRegisterSite(f *testing.F) {
	f.Add(seedAddr, int32(4), "Busanjin-gu Office Tap", "26230", "BJ-03", int64(35_163_000), int64(129_053_000), int32(1))
	f.Add(seedAddr, int32(1), "화명정수장", "26320", "", int64(35_230_123), int64(129_010_456), int32(2))
	f.Add(seedAddr, int32(4), "Tap 010-1234-5678", "2623", "BJ 03", int64(35_163_001), int64(0), int32(0))
	f.Add("", int32(9), "", "2623a", strings.Repeat("b", 33), int64(-90_000_001), int64(180_000_001), int32(7))
	f.Add(strings.ToUpper(seedAddr), int32(2), "kim@example.com", "26230", "-x", int64(0), int64(0), int32(1))
	f.Fuzz(func(t *testing.T, signer string, kind int32, name, district, block string, lat, lon int64, class int32) {
		msg := &types.MsgRegisterSite{Signer: signer, Kind: types.SiteKind(kind), Name: name, DistrictCode: district, SupplyBlock: block,
			LatUdeg: lat, LonUdeg: lon, StandardClass: types.StandardClass(class)}
		got, err := validateMsgRegisterSite(sample.Codec, msg)
		if err != nil {
			return
		}
		checkSigner(t, signer, got)
		if !msg.Kind.IsValid() || !msg.StandardClass.IsValid() || !districtRe.MatchString(district) {
			t.Fatalf("accepted kind %d, class %d, district %q", kind, class, district)
		}
		if name == "" || len(name) > types.MaxNameLength || pii.FindInText(name) != "" {
			t.Fatalf("accepted name %q", name)
		}
		if block != "" && (len(block) > types.MaxSupplyBlockLength || !codeRe.MatchString(block)) {
			t.Fatalf("accepted supply block %q", block)
		}
		if lat < -types.MaxLatUdeg || lat > types.MaxLatUdeg || lon < -types.MaxLonUdeg || lon > types.MaxLonUdeg {
			t.Fatalf("accepted location %d, %d", lat, lon)
		}
		if msg.Kind == types.SiteKindTap && (lat%types.TapCoordinateStep != 0 || lon%types.TapCoordinateStep != 0) {
			t.Fatalf("accepted unrounded tap location %d, %d", lat, lon)
		}
	})
}

func FuzzValidateMsgRegisterSensor(f *testing.F) {
	f.Add(seedAddr, seedAddr2, uint64(3), []byte{1, 2, 3}, "YSI-EXO2", seedDigest, seedDigest, seedTime-1, seedTime+1)
	f.Add(seedAddr, seedAddr, uint64(3), []byte{1}, "m", seedDigest, seedDigest, seedTime, seedTime)
	f.Add(seedAddr, seedAddr2, uint64(0), []byte{3, 1}, "01012345678", "SN-1", strings.ToUpper(seedDigest), int64(0), int64(-1))
	f.Add("x", "", uint64(1), []byte{}, "", "", "", int64(1), int64(2))
	f.Fuzz(func(t *testing.T, signer, sensor string, site uint64, ps []byte, model, serial, cert string, calNs, dueNs int64) {
		var params []types.Parameter
		for _, p := range ps {
			params = append(params, types.Parameter(int32(p)%8))
		}
		msg := &types.MsgRegisterSensor{Signer: signer, Sensor: sensor, SiteId: site, Parameters: params, Model: model, SerialDigest: serial,
			Calibration: types.Calibration{CertificateDigest: cert, CalibratedAt: time.Unix(0, calNs).UTC(), DueAt: time.Unix(0, dueNs).UTC()}}
		got, addr, err := validateMsgRegisterSensor(sample.Codec, msg)
		if err != nil {
			return
		}
		checkSigner(t, signer, got)
		checkSigner(t, sensor, addr)
		if signer == sensor || site == 0 || types.ValidateParameters(params) != nil {
			t.Fatalf("accepted sensor %q by %q at site %d measuring %v", sensor, signer, site, params)
		}
		if len(model) > types.MaxModelLength || !codeRe.MatchString(model) || pii.Find(model) != "" {
			t.Fatalf("accepted model %q", model)
		}
		if !digestRe.MatchString(serial) || !digestRe.MatchString(cert) || dueNs <= calNs {
			t.Fatalf("accepted serial %q, certificate %q, calibration %d..%d", serial, cert, calNs, dueNs)
		}
	})
}

func FuzzValidateMsgSubmitReading(f *testing.F) {
	f.Add(seedAddr, seedTime, []byte{1, 2, 3}, int64(7250), int64(450), int64(80))
	f.Add(seedAddr, seedTime, []byte{5}, int64(-50_000), int64(0), int64(0))
	f.Add(seedAddr, seedTime, []byte{1}, int64(14_001), int64(0), int64(0))
	f.Add(seedAddr, seedTime, []byte{3, 1}, int64(-1), int64(7000), int64(0))
	f.Add(seedAddr, int64(0), []byte{}, int64(0), int64(0), int64(0))
	f.Add("civic1", seedTime, []byte{1, 1}, int64(7000), int64(7000), int64(0))
	f.Fuzz(func(t *testing.T, sensor string, ns int64, ps []byte, v1, v2, v3 int64) {
		values := measurements(ps, []int64{v1, v2, v3})
		msg := &types.MsgSubmitReading{Sensor: sensor, PhenomenonTime: time.Unix(0, ns).UTC(), Values: values}
		got, err := validateMsgSubmitReading(sample.Codec, msg)
		if err != nil {
			return
		}
		checkSigner(t, sensor, got)
		if len(values) == 0 || ns < 0 {
			t.Fatalf("accepted %d values at %d", len(values), ns)
		}
		for i, m := range values {
			checkValue(t, m.Parameter, m.Value)
			if i > 0 && m.Parameter <= values[i-1].Parameter {
				t.Fatalf("accepted values out of order: %v", values)
			}
		}
	})
}

func FuzzValidateMsgSubmitBatch(f *testing.F) {
	f.Add(seedAddr, seedTime-int64(time.Hour), seedTime, uint64(60), int32(3), int64(100), int64(159), int64(7770), int64(129), seedDigest)
	f.Add(seedAddr, seedTime, seedTime, uint64(2), int32(5), int64(-2), int64(-1), int64(-3), int64(-2), seedDigest)
	f.Add(seedAddr, seedTime, seedTime, uint64(2), int32(5), int64(-2), int64(-1), int64(-3), int64(-1), seedDigest)
	f.Add(seedAddr, seedTime, seedTime-1, uint64(0), int32(1), int64(8000), int64(7000), int64(0), int64(0), "root")
	f.Add(seedAddr, seedTime, seedTime, uint64(1)<<62, int32(4), int64(200_000_000), int64(200_000_000), int64(1)<<62, int64(0), seedDigest)
	f.Fuzz(func(t *testing.T, sensor string, startNs, endNs int64, count uint64, p int32, lo, hi, sum, mean int64, root string) {
		stats := []types.ParameterStats{{Parameter: types.Parameter(p), Min: lo, Max: hi, Sum: sum, Mean: mean}}
		msg := &types.MsgSubmitBatch{Sensor: sensor, WindowStart: time.Unix(0, startNs).UTC(), WindowEnd: time.Unix(0, endNs).UTC(),
			Count: count, Stats: stats, MerkleRoot: root}
		got, err := validateMsgSubmitBatch(sample.Codec, msg, types.DefaultMaxBatchCount, 24*time.Hour)
		if err != nil {
			return
		}
		checkSigner(t, sensor, got)
		if count == 0 || count > types.DefaultMaxBatchCount || endNs < startNs || endNs-startNs > int64(24*time.Hour) || !digestRe.MatchString(root) {
			t.Fatalf("accepted count %d, window %d..%d, root %q", count, startNs, endNs, root)
		}
		checkValue(t, stats[0].Parameter, lo)
		checkValue(t, stats[0].Parameter, hi)
		n := int64(count)
		if lo > hi || sum < n*lo || sum > n*hi || mean != types.FloorDiv(sum, n) || mean < lo || mean > hi {
			t.Fatalf("accepted stats %+v over %d readings", stats[0], count)
		}
	})
}

func FuzzValidateMsgSetThreshold(f *testing.F) {
	f.Add(seedAddr, int32(3), int32(1), false, int64(0), true, int64(300), seedTime, "KR-DWQS-ANNEX1")
	f.Add(seedAddr, int32(1), int32(2), true, int64(5800), true, int64(8500), seedTime, "KR-DWQS-ANNEX1+KR-WSHR-FREE-CL")
	f.Add(seedAddr, int32(1), int32(1), true, int64(8501), true, int64(8500), seedTime, "kr")
	f.Add(seedAddr, int32(4), int32(1), false, int64(0), false, int64(0), int64(0), "010-1234-5678")
	f.Fuzz(func(t *testing.T, signer string, p, c int32, hasMin bool, lo int64, hasMax bool, hi int64, ns int64, basis string) {
		msg := &types.MsgSetThreshold{Signer: signer, Parameter: types.Parameter(p), StandardClass: types.StandardClass(c),
			EffectiveFrom: time.Unix(0, ns).UTC(), LegalBasis: basis}
		if hasMin {
			msg.Min = &types.Limit{Value: lo}
		}
		if hasMax {
			msg.Max = &types.Limit{Value: hi}
		}
		got, err := validateMsgSetThreshold(sample.Codec, msg)
		if err != nil {
			return
		}
		checkSigner(t, signer, got)
		if !msg.Parameter.IsValid() || !msg.StandardClass.IsValid() || ns < 0 {
			t.Fatalf("accepted parameter %d, class %d, effective_from %d", p, c, ns)
		}
		if hasMin {
			checkValue(t, msg.Parameter, lo)
		}
		if hasMax {
			checkValue(t, msg.Parameter, hi)
		}
		if hasMin && hasMax && lo > hi {
			t.Fatalf("accepted min %d above max %d", lo, hi)
		}
		if len(basis) > types.MaxLegalBasisLength || !basisRe.MatchString(basis) || pii.Find(basis) != "" {
			t.Fatalf("accepted legal basis %q", basis)
		}
	})
}

func FuzzValidateAlertMessages(f *testing.F) {
	f.Add(seedAddr, uint64(1), uint64(1), seedDigest)
	f.Add(seedAddr, uint64(0), uint64(0), "")
	f.Add("", uint64(7), uint64(9), strings.ToUpper(seedDigest))
	f.Fuzz(func(t *testing.T, signer string, alert, incident uint64, digest string) {
		if got, err := validateMsgAcknowledgeAlert(sample.Codec, &types.MsgAcknowledgeAlert{Signer: signer, AlertId: alert}); err == nil {
			checkSigner(t, signer, got)
			if alert == 0 {
				t.Fatal("accepted alert 0")
			}
		}
		if got, err := validateMsgResolveAlert(sample.Codec, &types.MsgResolveAlert{Signer: signer, AlertId: alert, CorrectiveActionDigest: digest}); err == nil {
			checkSigner(t, signer, got)
			if alert == 0 || !digestRe.MatchString(digest) {
				t.Fatalf("accepted alert %d with digest %q", alert, digest)
			}
		}
		if got, err := validateMsgLinkAlert(sample.Codec, &types.MsgLinkAlert{Signer: signer, AlertId: alert, IncidentId: incident}); err == nil {
			checkSigner(t, signer, got)
			if alert == 0 || incident == 0 {
				t.Fatalf("accepted alert %d, incident %d", alert, incident)
			}
		}
	})
}

// FuzzVerifyBatchReading: a proof check never panics, and accepts only the
// readings of the batch at their index.
func FuzzVerifyBatchReading(f *testing.F) {
	f.Add(uint64(0), seedTime, int64(7000), seedDigest)
	f.Add(uint64(2), seedTime+int64(2*time.Minute), int64(7002), "")
	f.Add(uint64(9), int64(0), int64(-5), "zz")
	rs := make([]types.RawReading, 3)
	for i := range rs {
		rs[i] = types.RawReading{PhenomenonTime: time.Unix(0, seedTime+int64(i)*int64(time.Minute)).UTC(),
			Values: []types.Measurement{{Parameter: types.ParameterPH, Value: 7000 + int64(i)}}}
	}
	stats, err := types.BatchStats(rs)
	if err != nil {
		f.Fatal(err)
	}
	root, err := types.BatchRoot(rs)
	if err != nil {
		f.Fatal(err)
	}
	b := types.Batch{Id: 1, Count: 3, Stats: stats, MerkleRoot: root, WindowStart: rs[0].PhenomenonTime, WindowEnd: rs[2].PhenomenonTime}
	f.Fuzz(func(t *testing.T, index uint64, ns, v int64, sibling string) {
		r := types.RawReading{PhenomenonTime: time.Unix(0, ns).UTC(), Values: []types.Measurement{{Parameter: types.ParameterPH, Value: v}}}
		var siblings []string
		if index < 3 {
			siblings, _ = types.BatchProof(rs, int(index))
		}
		if sibling != "" {
			siblings = append(siblings, sibling)
		}
		if _, err := types.VerifyBatchReading(b, index, r, siblings); err == nil {
			if index >= 3 || !r.PhenomenonTime.Equal(rs[index].PhenomenonTime) || v != rs[index].Values[0].Value {
				t.Fatalf("accepted reading %v at index %d", r, index)
			}
		}
	})
}
