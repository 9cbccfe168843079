// Package invariant runs a module's named state checks. Each module lists its
// invariants (keeper.Invariants) and runs them with Run; the checks walk the
// whole store, so they are for tests and simulations, never for a block hook.
package invariant

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/walk"
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

// Sequence is the id sequence of a kind of record: a collections.Sequence,
// which holds the last id issued (0 when none).
type Sequence interface {
	Peek(ctx context.Context) (uint64, error)
}

// EachIssued walks records stored under their ids, which last issued: it
// checks that every record is stored under its own id (id reads it from the
// record, such as (*types.Case).GetId) and that the id was issued (1..last),
// then calls check, if any, and stops at the first error. what names the
// record in the error: "case stored under 3 has id 4 (ids issued: 1..5)".
func EachIssued[V any](ctx context.Context, last Sequence, m walk.Walker[uint64, V], what string, id func(*V) uint64,
	check func(id uint64, v V) error,
) error {
	n, err := last.Peek(ctx)
	if err != nil {
		return err
	}
	return walk.Each(ctx, m, func(key uint64, v V) error {
		if got := id(&v); got != key || key == 0 || key > n {
			return fmt.Errorf("%s stored under %d has id %d (ids issued: 1..%d)", what, key, got, n)
		}
		if check == nil {
			return nil
		}
		return check(key, v)
	})
}

// Numbered walks entries keyed by (group, n), such as the versions of a
// certificate, and checks that each entry is stored under the key it names
// (stored reads it) and that each group's entries are numbered 1, 2, ...
// without gaps. It returns each group's last n. The errors are formatted
// with storedFormat (key group, key n, stored group, stored n), such as
// "tariff stored under (%s, %d) is (%s, %d)", and followsFormat (group, n,
// previous n), such as "tariff %s: version %d follows version %d".
func Numbered[G comparable, V any](ctx context.Context, m walk.Walker[collections.Pair[G, uint64], V], stored func(V) (G, uint64),
	storedFormat, followsFormat string,
) (map[G]uint64, error) {
	last := map[G]uint64{}
	err := walk.Each(ctx, m, func(key collections.Pair[G, uint64], v V) error {
		g, n := key.K1(), key.K2()
		if sg, sn := stored(v); sg != g || sn != n {
			return fmt.Errorf(storedFormat, g, n, sg, sn)
		}
		if n != last[g]+1 {
			return fmt.Errorf(followsFormat, g, n, last[g])
		}
		last[g] = n
		return nil
	})
	return last, err
}
