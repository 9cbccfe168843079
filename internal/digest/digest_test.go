package digest_test

import (
	"errors"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"

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

var errTest = errorsmod.Register("digest_test", 2, "invalid digest")

func TestValidate(t *testing.T) {
	good := strings.Repeat("a", 64)
	if err := digest.Validate(errTest, "d", good); err != nil {
		t.Errorf("Validate(good): %v", err)
	}
	err := digest.Validate(errTest, "d", "ABC")
	if !errors.Is(err, errTest) || err.Error() != "d must be 64 lowercase hex characters, got 3 characters: invalid digest" {
		t.Errorf("Validate(ABC): got %v, want %v wrapping the Check message", err, errTest)
	}

	if err := digest.ValidateOptional(errTest, "d", ""); err != nil {
		t.Errorf("ValidateOptional(\"\"): %v", err)
	}
	if err := digest.ValidateOptional(errTest, "d", good); err != nil {
		t.Errorf("ValidateOptional(good): %v", err)
	}
	if err := digest.ValidateOptional(errTest, "d", "ABC"); !errors.Is(err, errTest) {
		t.Errorf("ValidateOptional(ABC): got %v, want %v", err, errTest)
	}
}
