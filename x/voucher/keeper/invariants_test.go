package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	"github.com/civicchain/civic/x/voucher/types"
)

func TestInvariantsHoldAfterMessages(t *testing.T) {
	empty := newFixture(t)
	require.NoError(t, empty.k.CheckInvariants(empty.Ctx), "an empty state is sound")
	busyState(t).requireSound()
}

func TestInvariantsBroken(t *testing.T) {
	for _, tc := range []struct {
		name, invariant, want string
		spoil                 func(f *fixture)
	}{
		{"escrow below outstanding", "budgets", "below outstanding", func(f *fixture) {
			p := f.program(1)
			p.Budget.Escrow = p.Budget.Outstanding.SubRaw(1)
			p.Budget.Refunded = p.Budget.Funded.Sub(p.Budget.Escrow).Sub(p.Budget.Redeemed)
			require.NoError(f.t, f.k.Programs.Set(f.Ctx, 1, p))
		}},
		{"counters not adding up", "budgets", "issued", func(f *fixture) {
			p := f.program(1)
			p.Budget.Swept = p.Budget.Swept.AddRaw(1)
			require.NoError(f.t, f.k.Programs.Set(f.Ctx, 1, p))
		}},
		{"program under a foreign id", "budgets", "program stored under 3 has id 1", func(f *fixture) {
			require.NoError(f.t, f.k.Programs.Set(f.Ctx, 3, f.program(1)))
		}},
		{"supply above outstanding", "supply", "supply of voucher/1", func(f *fixture) {
			require.NoError(f.t, f.Bank.MintCoins(f.Ctx, minttypes.ModuleName, sdk.NewCoins(sdk.NewInt64Coin("voucher/1", 5))))
		}},
		{"module balance off the escrow", "escrow", "the programs' escrow in it is", func(f *fixture) {
			f.Fund(f.t, f.issuer, krw, 7)
			require.NoError(f.t, f.Bank.SendCoinsFromAccountToModule(f.Ctx, f.issuer, types.ModuleName, sdk.NewCoins(sdk.NewCoin(krw, sdkmath.NewInt(7)))))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := busyState(t)
			tc.spoil(f)
			err := f.k.CheckInvariants(f.Ctx)
			require.ErrorContains(t, err, `voucher invariant "`+tc.invariant+`" broken`)
			require.ErrorContains(t, err, tc.want)
		})
	}
}
