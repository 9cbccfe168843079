package bounds

import (
	"testing"

	sdkmath "cosmossdk.io/math"
)

func TestAmount(t *testing.T) {
	max := sdkmath.NewInt(100)
	cases := []struct {
		a    sdkmath.Int
		want string
	}{
		{sdkmath.NewInt(1), ""},
		{sdkmath.NewInt(100), ""},
		{sdkmath.NewInt(101), "amount 101 is above 100"},
		{sdkmath.ZeroInt(), "amount must be positive, got 0"},
		{sdkmath.NewInt(-5), "amount must be positive, got -5"},
		{sdkmath.Int{}, "amount must be positive, got nothing"},
	}
	for _, c := range cases {
		err := Amount("amount", c.a, max)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("Amount(%s) = %q, want %q", IntString(c.a), got, c.want)
		}
	}
}

func TestIntString(t *testing.T) {
	if got := IntString(sdkmath.Int{}); got != "nothing" {
		t.Errorf("nil: %q", got)
	}
	if got := IntString(sdkmath.NewInt(42)); got != "42" {
		t.Errorf("42: %q", got)
	}
}
