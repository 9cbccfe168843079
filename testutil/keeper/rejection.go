package keeper

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// RequireRejected runs act, the ACT of a message that must be refused, on the context
// ctx points at (its event manager is replaced first), and asserts that it fails with
// want, leaves the state unchanged (state reads it before and after: the store and
// whatever else the fixture watches) and emits no event.
func RequireRejected[S any](t testing.TB, want error, ctx *sdk.Context, state func() S, act func() error) {
	t.Helper()
	before := state()
	*ctx = ctx.WithEventManager(sdk.NewEventManager())
	err := act()
	require.ErrorIs(t, err, want)
	require.Equal(t, before, state(), "a rejected message must not change the state")
	require.Empty(t, ctx.EventManager().Events(), "a rejected message must not emit an event")
}
