// Package invariant runs a module's named state checks. Each module lists its
// invariants (keeper.Invariants) and runs them with Run; the checks walk the
// whole store, so they are for tests and simulations, never for a block hook.
package invariant

import (
	"context"
	"errors"
	"fmt"
)

// Invariant is one named check of a module's state: nil when it holds, or an
// error naming the broken record.
type Invariant struct {
	Name  string
	Check func(ctx context.Context) error
}

// Run runs every invariant in order and joins their errors, each prefixed
// with the module and the invariant's name; nil when the state is sound.
func Run(ctx context.Context, module string, invs []Invariant) error {
	var errs []error
	for _, inv := range invs {
		if err := inv.Check(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s invariant %q broken: %w", module, inv.Name, err))
		}
	}
	return errors.Join(errs...)
}
