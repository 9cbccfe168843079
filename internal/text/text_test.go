package text_test

import (
	"strings"
	"testing"

	"github.com/civicchain/civic/internal/text"
)

func TestQuote(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", `""`},
		{"knpa", `"knpa"`},
		{"a\nb\x00", `"a\nb\x00"`},
		{strings.Repeat("x", text.MaxQuoted), `"` + strings.Repeat("x", text.MaxQuoted) + `"`},
		{strings.Repeat("y", 100), `"` + strings.Repeat("y", text.MaxQuoted) + `"...(100 bytes)`},
	}
	for _, tc := range cases {
		if got := text.Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
