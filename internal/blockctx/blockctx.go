// Package blockctx is what a message handler reads from and writes to the
// block context: the block time (a module never reads the wall clock) and
// the typed events it emits for every state change.
package blockctx

import (
	"context"
	"time"

	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Time is the block time of ctx.
func Time(ctx context.Context) time.Time {
	return sdk.UnwrapSDKContext(ctx).BlockTime()
}

// Emit emits one typed event on the context's event manager.
func Emit(ctx context.Context, ev proto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}
