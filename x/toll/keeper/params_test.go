package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/toll/keeper"
	"github.com/civicchain/civic/x/toll/types"
)

// ptAuthority is the x/gov module account, the fixture's authority.
func ptAuthority(t *testing.T) string {
	t.Helper()
	s, err := sdk.Bech32ifyAddressBytes("civic", testkeeper.AgencyAuthority())
	require.NoError(t, err)
	return s
}

func TestUpdateParams(t *testing.T) {
	f := testkeeper.TollKeeper(t)
	srv := keeper.NewMsgServerImpl(f.Keeper)
	authority := ptAuthority(t)

	next := types.DefaultParams()
	next.MaxBatchTrips = 5000
	next.Denom = "ukrw2"
	_, err := srv.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: authority, Params: next})
	require.NoError(t, err)
	got, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, next, got)
	require.Len(t, f.Ctx.EventManager().Events(), 1)
	require.Equal(t, "civic.toll.v1.EventParamsUpdated", f.Ctx.EventManager().Events()[0].Type)
}

func TestUpdateParamsRejected(t *testing.T) {
	f := testkeeper.TollKeeper(t)
	srv := keeper.NewMsgServerImpl(f.Keeper)
	authority := ptAuthority(t)
	other, err := sdk.Bech32ifyAddressBytes("civic", sdk.AccAddress("not-the-gov-account!"))
	require.NoError(t, err)

	badDenom := types.DefaultParams()
	badDenom.Denom = "1"
	zeroTrips := types.DefaultParams()
	zeroTrips.MaxBatchTrips = 0
	newDenom := types.DefaultParams()
	newDenom.Denom = "ukrw2"

	// The module account holds escrow in the current denom: the denom may not change.
	escrowed := func() {
		payer := sdk.AccAddress("escrow-payer--------")
		f.Fund(t, payer, types.DefaultDenom, 10)
		require.NoError(t, f.Bank.SendCoinsFromAccountToModule(f.Ctx, payer, types.ModuleName, sdk.NewCoins(sdk.NewInt64Coin(types.DefaultDenom, 10))))
	}

	for _, tc := range []struct {
		name   string
		before func()
		msg    types.MsgUpdateParams
		want   error
	}{
		{"not the authority", nil, types.MsgUpdateParams{Authority: other, Params: types.DefaultParams()}, govtypes.ErrInvalidSigner},
		{"bad authority address", nil, types.MsgUpdateParams{Authority: "civic1nope", Params: types.DefaultParams()}, sdkerrors.ErrInvalidAddress},
		{"invalid denom", nil, types.MsgUpdateParams{Authority: authority, Params: badDenom}, types.ErrInvalidParams},
		{"max_batch_trips 0", nil, types.MsgUpdateParams{Authority: authority, Params: zeroTrips}, types.ErrInvalidParams},
		{"denom change while escrow is held", escrowed, types.MsgUpdateParams{Authority: authority, Params: newDenom}, types.ErrInvalidParams},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.before != nil {
				tc.before()
			}
			_, err := srv.UpdateParams(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			got, err := f.Keeper.Params.Get(f.Ctx)
			require.NoError(t, err)
			require.Equal(t, types.DefaultParams(), got, "params unchanged")
		})
	}
}
