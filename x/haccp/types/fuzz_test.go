package types_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/civicchain/civic/x/haccp/types"
)

// FuzzValidateItem checks ValidateItem never panics, and that an accepted item
// keeps every invariant the keeper relies on.
func FuzzValidateItem(f *testing.F) {
	f.Add("Chilled beef brisket", "020130", "AU", "AU-2026-001", uint64(1200), "KG", "L12345678901234")
	f.Add("Cheddar", "040690", "NZ", "NZ/77.A", uint64(5), "BOX", "")
	f.Add("Pork belly", "0203190000", "ES", "ES_9", uint64(1), "T", "002123456789")
	f.Add("", "", "", "", uint64(0), "", "")
	f.Add(" x", "98", "kr", "a b", uint64(1), "lb", "L1")
	f.Add("냉장 소고기", "020220", "US", "US-1", uint64(^uint64(0)), "EA", "L1234567890123X")
	f.Fuzz(func(t *testing.T, product, hs, country, lot string, qty uint64, unit, trace string) {
		it := types.ImportItem{Product: product, HsCode: hs, OriginCountry: country, Lot: lot, Quantity: qty, Unit: unit, LivestockTraceNo: trace}
		if err := types.ValidateItem(it, 0); err != nil {
			return
		}
		if !utf8.ValidString(product) || len(product) == 0 || len(product) > types.MaxProductLength || strings.TrimSpace(product) != product {
			t.Fatalf("accepted product %q", product)
		}
		if types.ValidateHSCode(hs) != nil || types.ValidateCountry(country) != nil || types.ValidateLot(lot) != nil || qty == 0 {
			t.Fatalf("accepted item %+v", it)
		}
		if types.IsMeat(hs) != (trace != "") {
			t.Fatalf("trace number %q with hs_code %q", trace, hs)
		}
		if trace != "" && types.ValidateTraceNumber(trace) != nil {
			t.Fatalf("accepted trace number %q", trace)
		}
	})
}

// FuzzValidateTraceNumber checks the accepted set is exactly 12 digits or "L" + 14 digits.
func FuzzValidateTraceNumber(f *testing.F) {
	for _, s := range []string{"002123456789", "L12345678901234", "", "L", "00212345678", "l12345678901234", "L1234567890123A", "٠١٢٣٤٥٦٧٨٩٠١"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := types.ValidateTraceNumber(s)
		digits := func(x string) bool {
			for i := 0; i < len(x); i++ {
				if x[i] < '0' || x[i] > '9' {
					return false
				}
			}
			return len(x) > 0
		}
		want := (len(s) == 12 && digits(s)) || (len(s) == 15 && s[0] == 'L' && digits(s[1:]))
		if want != (err == nil) {
			t.Fatalf("ValidateTraceNumber(%q) = %v, want ok=%v", s, err, want)
		}
	})
}

// FuzzValidateHSCode checks the accepted set is exactly 6..10 ASCII digits with chapter 01..97.
func FuzzValidateHSCode(f *testing.F) {
	for _, s := range []string{"020130", "0201300000", "970100", "000100", "980000", "02013", "02013000000", "02013A", "", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := types.ValidateHSCode(s)
		ok := len(s) >= 6 && len(s) <= 10
		for i := 0; ok && i < len(s); i++ {
			ok = s[i] >= '0' && s[i] <= '9'
		}
		if ok {
			ch := int(s[0]-'0')*10 + int(s[1]-'0')
			ok = ch >= 1 && ch <= 97
		}
		if ok != (err == nil) {
			t.Fatalf("ValidateHSCode(%q) = %v, want ok=%v", s, err, ok)
		}
	})
}
