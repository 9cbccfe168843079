package digest_test

import (
	"strings"
	"testing"

	"github.com/civicchain/civic/internal/digest"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" = accepted, else a part of the message
	}{
		{strings.Repeat("a", 64), ""},
		{"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", ""},
		{"", "got 0 characters"},
		{strings.Repeat("a", 63), "got 63 characters"},
		{strings.Repeat("a", 65), "got 65 characters"},
		{strings.Repeat("A", 64), "not lowercase hex (character 1)"},
		{strings.Repeat("a", 63) + "g", "not lowercase hex (character 64)"},
	} {
		err := digest.Check("d", tc.in)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "d ") {
			t.Errorf("%q: got %v, want an error naming d with %q", tc.in, err, tc.want)
		}
	}
}
