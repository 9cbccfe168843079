package keeper

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/internal/invariant"
)

// RequireInvariantBroken asserts that the invariant called name among invs (a keeper's
// Invariants) reports want on ctx, and that all, the keeper's CheckInvariants on ctx,
// reports it broken too: `<module> invariant "<name>" broken` and want.
func RequireInvariantBroken(t testing.TB, ctx context.Context, invs []invariant.Invariant, all error, module, name, want string) {
	t.Helper()
	var check func(context.Context) error
	for _, inv := range invs {
		if inv.Name == name {
			check = inv.Check
		}
	}
	require.NotNil(t, check, "no invariant %q", name)
	err := check(ctx)
	require.Error(t, err)
	require.Contains(t, err.Error(), want)
	require.ErrorContains(t, all, module+` invariant "`+name+`" broken`)
	require.ErrorContains(t, all, want)
}
