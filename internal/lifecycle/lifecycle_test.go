package lifecycle_test

import (
	"testing"

	"github.com/civicchain/civic/internal/lifecycle"
)

type status int32

const (
	open status = iota + 1
	closed
	archived
)

func (s status) Label() string { return [...]string{"UNSPECIFIED", "OPEN", "CLOSED", "ARCHIVED"}[s] }

var table = lifecycle.Table[status]{
	{From: open, To: closed},
	{From: closed, To: archived},
}

func TestTable(t *testing.T) {
	for _, tc := range []struct {
		from, to status
		want     string // "" = allowed
	}{
		{open, closed, ""},
		{closed, archived, ""},
		{closed, open, "door cannot go from CLOSED to OPEN"},
		{open, archived, "door cannot go from OPEN to ARCHIVED"},
		{open, open, "door cannot go from OPEN to OPEN"},
		{archived, closed, "door cannot go from ARCHIVED to CLOSED"},
	} {
		if got := table.Allows(tc.from, tc.to); got != (tc.want == "") {
			t.Errorf("Allows(%s, %s) = %v", tc.from.Label(), tc.to.Label(), got)
		}
		err := table.Check("door", tc.from, tc.to)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("Check(%s, %s): %v", tc.from.Label(), tc.to.Label(), err)
		case tc.want != "" && (err == nil || err.Error() != tc.want):
			t.Errorf("Check(%s, %s) = %v, want %q", tc.from.Label(), tc.to.Label(), err, tc.want)
		}
	}
}

func TestEmptyTableAllowsNothing(t *testing.T) {
	var none lifecycle.Table[status]
	if none.Allows(open, closed) || none.Check("door", open, closed) == nil {
		t.Error("an empty table allowed OPEN -> CLOSED")
	}
}
