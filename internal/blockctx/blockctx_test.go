package blockctx_test

import (
	"testing"
	"time"

	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/civicchain/civic/internal/blockctx"
)

func TestTimeAndEmit(t *testing.T) {
	at := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	ctx := testutil.DefaultContext(storetypes.NewKVStoreKey("b"), storetypes.NewTransientStoreKey("b_t")).
		WithBlockTime(at).WithEventManager(sdk.NewEventManager())
	if got := blockctx.Time(ctx); !got.Equal(at) {
		t.Fatalf("Time = %v, want the block time %v", got, at)
	}
	if err := blockctx.Emit(ctx, &banktypes.Metadata{Base: "ucivic"}); err != nil {
		t.Fatal(err)
	}
	evs := ctx.EventManager().Events()
	if len(evs) != 1 || evs[0].Type != "cosmos.bank.v1beta1.Metadata" {
		t.Fatalf("events %v, want one typed event cosmos.bank.v1beta1.Metadata", evs)
	}
}

func TestReply(t *testing.T) {
	ctx := testutil.DefaultContext(storetypes.NewKVStoreKey("r"), storetypes.NewTransientStoreKey("r_t")).
		WithEventManager(sdk.NewEventManager())
	want := &banktypes.MsgSendResponse{}
	got, err := blockctx.Reply(ctx, &banktypes.Metadata{Base: "ucivic"}, want)
	if err != nil || got != want {
		t.Fatalf("Reply = %v, %v; want the response it was given and no error", got, err)
	}
	evs := ctx.EventManager().Events()
	if len(evs) != 1 || evs[0].Type != "cosmos.bank.v1beta1.Metadata" {
		t.Fatalf("events %v, want one typed event cosmos.bank.v1beta1.Metadata", evs)
	}
	got, err = blockctx.Reply(ctx, nil, want)
	if err == nil || got != nil {
		t.Fatalf("Reply of an event that cannot be emitted = %v, %v; want nil and an error", got, err)
	}
}
