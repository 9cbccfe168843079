package bounds

import (
	"fmt"

	sdkmath "cosmossdk.io/math"
)

// Amount fails unless a is 1..max: "<name> must be positive, got <a>" or
// "<name> <a> is above <max>". A nil a reads "nothing".
func Amount(name string, a, max sdkmath.Int) error {
	if a.IsNil() || !a.IsPositive() {
		return fmt.Errorf("%s must be positive, got %s", name, IntString(a))
	}
	if a.GT(max) {
		return fmt.Errorf("%s %s is above %s", name, a, max)
	}
	return nil
}

// IntString prints i, or "nothing" when it is nil (a field left out of a
// message or a genesis file), where i.String() would panic.
func IntString(i sdkmath.Int) string {
	if i.IsNil() {
		return "nothing"
	}
	return i.String()
}
