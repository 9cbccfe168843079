package types_test

import (
	"errors"
	"math"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/toll/types"
)

// Native Go fuzz targets over the stateless validation and arithmetic. The
// seed corpus below runs in every `go test`; `go test -fuzz FuzzMulDiv`
// explores further.

var (
	// Oracles: the grammars as regular expressions, independent of the hand-written checks.
	idRe     = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
	digestRe = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// FuzzValidateID checks the accepted set is exactly 1..max characters of [A-Za-z0-9._-].
func FuzzValidateID(f *testing.F) {
	f.Add("SEOUL-TG_01.a", uint8(types.MaxPlazaIDLength))
	f.Add("R1", uint8(types.MaxRouteLength))
	f.Add(strings.Repeat("R", types.MaxRouteLength+1), uint8(types.MaxRouteLength))
	f.Add("", uint8(64))
	f.Add("서울", uint8(64))
	f.Add("a b", uint8(64))
	f.Add("x", uint8(0))
	f.Fuzz(func(t *testing.T, s string, max uint8) {
		err := types.ValidateID("id", s, int(max))
		want := len(s) <= int(max) && idRe.MatchString(s)
		if want != (err == nil) {
			t.Fatalf("ValidateID(%q, %d) = %v, want ok=%v", s, max, err, want)
		}
		if err != nil && !errors.Is(err, types.ErrInvalidID) {
			t.Fatalf("ValidateID(%q) returned %v, not ErrInvalidID", s, err)
		}
	})
}

// FuzzValidateDigest checks the accepted set is exactly 64 lowercase hex characters.
func FuzzValidateDigest(f *testing.F) {
	f.Add(strings.Repeat("ab", 32))
	f.Add(strings.Repeat("AB", 32))
	f.Add(strings.Repeat("a", 63))
	f.Add(strings.Repeat("g", 64))
	f.Add("")
	f.Add(strings.Repeat("0", 62) + "é")
	f.Fuzz(func(t *testing.T, s string) {
		err := types.ValidateDigest("digest", s)
		if want := digestRe.MatchString(s); want != (err == nil) {
			t.Fatalf("ValidateDigest(%q) = %v, want ok=%v", s, err, want)
		}
		if err != nil && !errors.Is(err, types.ErrInvalidDigest) {
			t.Fatalf("ValidateDigest(%q) returned %v, not ErrInvalidDigest", s, err)
		}
	})
}

// FuzzValidateTariffBody builds rates from classes (one rate per byte) and
// discounts from pairs of bytes (code, bps/50), and checks an accepted body
// has exactly the classes 1..5 in order, at most 4 discounts of known codes
// in increasing order with 1..10000 bps, and no window or start < end <= 1440.
func FuzzValidateTariffBody(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5}, []byte{1, 100, 4, 40}, uint32(300), uint32(420))
	f.Add([]byte{1, 2, 3, 4, 5}, []byte{}, uint32(0), uint32(0))
	f.Add([]byte{1, 2, 3, 4, 5}, []byte{1, 200, 2, 201, 3, 1, 4, 0}, uint32(0), uint32(1440))
	f.Add([]byte{1, 2, 3, 4}, []byte{}, uint32(0), uint32(0))
	f.Add([]byte{1, 2, 4, 3, 5}, []byte{}, uint32(0), uint32(0))
	f.Add([]byte{1, 2, 3, 4, 5}, []byte{4, 1, 1, 1}, uint32(0), uint32(0))
	f.Add([]byte{1, 2, 3, 4, 5}, []byte{5, 1}, uint32(420), uint32(300))
	f.Add([]byte{1, 2, 3, 4, 5}, []byte{0, 1}, uint32(0), uint32(1441))
	f.Fuzz(func(t *testing.T, classes, discounts []byte, start, end uint32) {
		rates := make([]types.ClassRate, len(classes))
		for i, c := range classes {
			rates[i] = types.ClassRate{VehicleClass: uint32(c), BaseFee: uint64(i), PerKm: uint64(c)}
		}
		var ds []types.DiscountRate
		for i := 0; i+1 < len(discounts); i += 2 {
			ds = append(ds, types.DiscountRate{Code: types.DiscountCode(int8(discounts[i])), Bps: uint32(discounts[i+1]) * 50})
		}
		if err := types.ValidateTariffBody(rates, ds, start, end); err != nil {
			if !errors.Is(err, types.ErrInvalidTariff) {
				t.Fatalf("returned %v, not ErrInvalidTariff", err)
			}
			return
		}
		if len(rates) != types.VehicleClassMax {
			t.Fatalf("accepted %d rates", len(rates))
		}
		for i, r := range rates {
			if r.VehicleClass != uint32(i+1) {
				t.Fatalf("accepted rates[%d] for class %d", i, r.VehicleClass)
			}
		}
		if len(ds) > types.MaxDiscountCodes {
			t.Fatalf("accepted %d discounts", len(ds))
		}
		for i, d := range ds {
			if d.Code < types.DiscountCompact || d.Code > types.DiscountCommuter || d.Bps == 0 || d.Bps > types.BpsDenominator {
				t.Fatalf("accepted discount %+v", d)
			}
			if i > 0 && d.Code <= ds[i-1].Code {
				t.Fatalf("accepted discounts out of order: %+v", ds)
			}
		}
		if (start != 0 || end != 0) && (start >= end || end > types.MinutesPerDay) {
			t.Fatalf("accepted commuter window [%d, %d)", start, end)
		}
	})
}

// FuzzMulDiv compares MulDiv with math/big: floor(a*b/d) when it fits 64
// bits, ErrAmountOverflow otherwise.
func FuzzMulDiv(f *testing.F) {
	f.Add(uint64(12_345), uint64(60_000), uint64(1000))
	f.Add(uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64))
	f.Add(uint64(math.MaxUint64), uint64(2), uint64(1))
	f.Add(uint64(math.MaxUint64), uint64(2), uint64(2))
	f.Add(uint64(1)<<63, uint64(2), uint64(1))
	f.Add(uint64(7), uint64(9_999), uint64(10_000))
	f.Add(uint64(0), uint64(math.MaxUint64), uint64(3))
	f.Fuzz(func(t *testing.T, a, b, d uint64) {
		if d == 0 {
			return // MulDiv's contract: d is never 0
		}
		got, err := types.MulDiv(a, b, d)
		want := new(big.Int).Mul(new(big.Int).SetUint64(a), new(big.Int).SetUint64(b))
		want.Quo(want, new(big.Int).SetUint64(d))
		if !want.IsUint64() {
			if !errors.Is(err, types.ErrAmountOverflow) {
				t.Fatalf("MulDiv(%d, %d, %d) = %d, %v; want ErrAmountOverflow", a, b, d, got, err)
			}
			return
		}
		if err != nil || got != want.Uint64() {
			t.Fatalf("MulDiv(%d, %d, %d) = %d, %v; want %s", a, b, d, got, err, want)
		}
	})
}

// FuzzGenesisValidate decodes arbitrary bytes as a GenesisState: Validate and
// ValidateAddresses must not panic, and an accepted state has its ids below
// the next ids and its last period OPEN.
func FuzzGenesisValidate(f *testing.F) {
	seed := func(gs *types.GenesisState) {
		bz, err := gs.Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bz)
	}
	seed(types.DefaultGenesis())
	seed(validGenesis())
	for _, mod := range []func(*types.GenesisState){
		func(g *types.GenesisState) { g.Accruals[0].Amount++ },
		func(g *types.GenesisState) { g.Trips[0].Shares[0].Amount = math.MaxUint64 },
		func(g *types.GenesisState) { g.Disputes[1].Target = types.TargetBatch },
		func(g *types.GenesisState) { g.Periods = g.Periods[:2] },
		func(g *types.GenesisState) { g.Segments = append(g.Segments, g.Segments[0]) },
	} {
		g := validGenesis()
		mod(g)
		seed(g)
	}
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		var gs types.GenesisState
		if err := gs.Unmarshal(data); err != nil {
			return
		}
		if err := gs.Validate(); err != nil {
			if !errors.Is(err, types.ErrInvalidGenesis) {
				t.Fatalf("Validate returned %v, not ErrInvalidGenesis", err)
			}
			return
		}
		_ = gs.ValidateAddresses(sample.Codec) // must not panic
		for _, tr := range gs.Trips {
			if tr.Id == 0 || tr.Id >= gs.NextTripId {
				t.Fatalf("accepted trip id %d with next_trip_id %d", tr.Id, gs.NextTripId)
			}
		}
		for _, b := range gs.Batches {
			if b.Id == 0 || b.Id >= gs.NextBatchId {
				t.Fatalf("accepted batch id %d with next_batch_id %d", b.Id, gs.NextBatchId)
			}
		}
		for _, d := range gs.Disputes {
			if d.Id == 0 || d.Id >= gs.NextDisputeId {
				t.Fatalf("accepted dispute id %d with next_dispute_id %d", d.Id, gs.NextDisputeId)
			}
		}
		if n := len(gs.Periods); n > 0 && gs.Periods[n-1].Status != types.PeriodOpen {
			t.Fatalf("accepted periods whose last is %s", gs.Periods[n-1].Status)
		}
	})
}

// FuzzPositionsOf nets up to four operators' accruals scaled so that the
// period's total stays within MaxPeriodTotal, as the keeper keeps it: netting
// never fails and the nets sum to zero (the bound of finding 1 of issue 11).
func FuzzPositionsOf(f *testing.F) {
	f.Add(uint64(types.MaxPeriodTotal), uint64(0), uint64(0), uint64(0), uint64(0), uint8(0))
	f.Add(uint64(1), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(7), uint64(3), uint8(0xff))
	f.Add(uint64(types.MaxPeriodTotal/3), uint64(types.MaxPeriodTotal/3), uint64(types.MaxPeriodTotal/3), uint64(1), uint64(0), uint8(0x1b))
	f.Fuzz(func(t *testing.T, a, b, c, d, disputed uint64, pairs uint8) {
		ops := []string{"a", "b", "c", "d"}
		var accruals []types.Accrual
		var total uint64
		for i, amount := range []uint64{a, b, c, d} {
			amount %= types.MaxPeriodTotal - total + 1
			total += amount
			collector, payee := ops[int(pairs>>(2*i))&3], ops[i]
			accruals = append(accruals, types.Accrual{PeriodId: 1, Collector: collector, Payee: payee, Amount: amount, Disputed: disputed % (amount + 1)})
		}
		positions, err := types.PositionsOf(accruals, nil)
		if err != nil {
			t.Fatalf("netting %v within the period bound failed: %v", accruals, err)
		}
		var sum int64
		for _, p := range positions {
			sum += p.Net
		}
		if sum != 0 {
			t.Fatalf("nets of %v sum to %d", accruals, sum)
		}
	})
}
