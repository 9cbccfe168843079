package enum_test

import (
	"testing"

	"github.com/civicchain/civic/internal/enum"
)

type color int32

var colorName = map[int32]string{0: "COLOR_UNSPECIFIED", 1: "COLOR_RED", 2: "COLOR_GREEN", 5: "COLOR_BLUE"}

func TestNamed(t *testing.T) {
	for v, want := range map[color]bool{
		0:  false, // UNSPECIFIED
		1:  true,
		2:  true,
		3:  false, // a gap
		5:  true,
		6:  false,
		-1: false,
	} {
		if got := enum.Named(colorName, v); got != want {
			t.Errorf("Named(%d) = %v, want %v", v, got, want)
		}
	}
}

func TestNamedWithoutZeroName(t *testing.T) {
	// An enum whose zero is named anything else is still not "set".
	if enum.Named(map[int32]string{0: "NONE", 1: "ONE"}, color(0)) {
		t.Error("Named accepted the zero value")
	}
}
