// Package lifecycle is a status lifecycle written as a table of its legal
// edges, the shape of x/evidence's and x/haccp's transition tables: the table
// is the one place a status change is allowed, and every handler asks it.
package lifecycle

import (
	"fmt"
	"slices"
)

// Status is a lifecycle's status enum: comparable, and labelled for messages
// (the enum name without its prefix, e.g. "ACTIVE").
type Status interface {
	comparable
	Label() string
}

// Edge is one legal status change.
type Edge[S Status] struct {
	From S
	To   S
}

// Table is a lifecycle: the only status changes it allows.
type Table[S Status] []Edge[S]

// Allows reports whether the table has the edge from -> to.
func (t Table[S]) Allows(from, to S) bool {
	return slices.Contains(t, Edge[S]{From: from, To: to})
}

// Check returns "<what> cannot go from <from> to <to>" (labels) unless the
// table has the edge from -> to; the module wraps it in its own registered
// error (errorsmod.Wrap(types.ErrInvalidTransition, err.Error())).
func (t Table[S]) Check(what string, from, to S) error {
	if t.Allows(from, to) {
		return nil
	}
	return fmt.Errorf("%s cannot go from %s to %s", what, from.Label(), to.Label())
}
