package blockctx

import (
	"context"

	"github.com/cosmos/gogoproto/proto"
)

// Reply ends a message handler: it emits the handler's one typed event and
// answers resp, or nil and the error when the event cannot be emitted.
func Reply[R any](ctx context.Context, ev proto.Message, resp *R) (*R, error) {
	if err := Emit(ctx, ev); err != nil {
		return nil, err
	}
	return resp, nil
}
