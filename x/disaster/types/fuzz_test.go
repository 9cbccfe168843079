package types_test

import (
	"testing"

	"github.com/civicchain/civic/x/disaster/types"
)

// FuzzValidateDistrict: whatever ValidateDistrict accepts is exactly 5 ASCII digits.
func FuzzValidateDistrict(f *testing.F) {
	for _, seed := range []string{"26230", "2623", "２６２３０", "26 30", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if types.ValidateDistrict("district", s) != nil {
			return
		}
		if len(s) != 5 {
			t.Fatalf("accepted %q of %d bytes", s, len(s))
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				t.Fatalf("accepted %q with a non-digit", s)
			}
		}
	})
}

// FuzzValidateMessageCode: whatever ValidateMessageCode accepts matches
// ^[A-Z][A-Z0-9_]{2,31}$.
func FuzzValidateMessageCode(f *testing.F) {
	for _, seed := range []string{"FLOOD_EVACUATE", "flood", "CALL_01012345678", "A", "EVACUATE NOW"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if types.ValidateMessageCode(s) != nil {
			return
		}
		if len(s) < 3 || len(s) > 32 || s[0] < 'A' || s[0] > 'Z' {
			t.Fatalf("accepted %q", s)
		}
		for i := 0; i < len(s); i++ {
			if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
				t.Fatalf("accepted %q with %q", s, c)
			}
		}
	})
}
