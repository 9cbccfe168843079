package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	tolltypes "github.com/civicchain/civic/x/toll/types"
	"github.com/civicchain/civic/x/voucher/types"
)

// The send restriction through x/bank's keeper: every path outside x/voucher's own flows
// is refused, naming the denom; nothing moves. (app/voucher_test.go sends the real bank,
// authz, gov-deposit and fee paths through the whole app.)
func TestSendRestrictionRefusesEveryOtherPath(t *testing.T) {
	// ARRANGE: holder holds 1 000 of voucher/1, shop is an approved merchant holding 100.
	f := newFixture(t)
	id := f.active(10_000, nil)
	f.allocate(id, f.holder, 1_000, busanjin)
	f.approvedShop(id)
	f.pay(id, f.holder, f.shop, 100, "r1")
	v := sdk.NewCoins(sdk.NewInt64Coin("voucher/1", 10))

	for _, tc := range []struct {
		name string
		act  func() error
	}{
		{"holder to holder", func() error { return f.Bank.SendCoins(f.Ctx, f.holder, f.holder2, v) }},
		{"holder to the approved merchant directly", func() error { return f.Bank.SendCoins(f.Ctx, f.holder, f.shop, v) }},
		{"merchant to holder", func() error { return f.Bank.SendCoins(f.Ctx, f.shop, f.holder, v) }},
		{"merchant to its settlement account", func() error { return f.Bank.SendCoins(f.Ctx, f.shop, f.settle, v) }},
		{"multi-send", func() error {
			return f.Bank.InputOutputCoins(f.Ctx, banktypes.NewInput(f.holder, v), []banktypes.Output{banktypes.NewOutput(f.holder2, v)})
		}},
		{"to another module account", func() error {
			return f.Bank.SendCoinsFromAccountToModule(f.Ctx, f.holder, tolltypes.ModuleName, v)
		}},
		{"to the voucher module outside a flow", func() error {
			return f.Bank.SendCoinsFromAccountToModule(f.Ctx, f.holder, types.ModuleName, v)
		}},
		{"another module to an account", func() error {
			require.NoError(t, f.Bank.MintCoins(f.Ctx, minttypes.ModuleName, sdk.NewCoins(sdk.NewInt64Coin("voucher/1", 10))))
			return f.Bank.SendCoinsFromModuleToAccount(f.Ctx, minttypes.ModuleName, f.holder2, v)
		}},
		{"mixed with another denom", func() error {
			f.Fund(t, f.holder, krw, 10)
			return f.Bank.SendCoins(f.Ctx, f.holder, f.holder2, v.Add(sdk.NewInt64Coin(krw, 10)))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ACT, ASSERT: refused naming the denom, no balance changed.
			before := f.state()
			err := tc.act()
			require.ErrorIs(t, err, types.ErrVoucherTransfer)
			require.ErrorContains(t, err, "voucher/1 may not move from")
			if tc.name != "another module to an account" && tc.name != "mixed with another denom" {
				require.Equal(t, before, f.state())
			}
		})
	}
	// Other denoms pass untouched.
	f.Fund(t, f.holder, krw, 5)
	require.NoError(t, f.Bank.SendCoins(f.Ctx, f.holder, f.holder2, sdk.NewCoins(sdk.NewInt64Coin(krw, 5))))
	require.Equal(t, int64(5), f.bal(f.holder2, krw))
}

// TestSendRestrictionDirect checks the restriction function itself: other denoms pass
// with the receiver unchanged, a voucher outside a flow is refused.
func TestSendRestrictionDirect(t *testing.T) {
	f := newFixture(t)
	to, err := f.k.SendRestriction(f.Ctx, f.holder, f.holder2, sdk.NewCoins(sdk.NewInt64Coin(krw, 1)))
	require.NoError(t, err)
	require.Equal(t, f.holder2, to)
	_, err = f.k.SendRestriction(f.Ctx, f.holder, f.holder2, sdk.NewCoins(sdk.NewInt64Coin("voucher/7", 1)))
	require.ErrorIs(t, err, types.ErrVoucherTransfer)
}
