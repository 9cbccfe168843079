package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/log"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/cosmos/cosmos-sdk/testutil/mock"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	"github.com/civicchain/civic/app"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	voucherkeeper "github.com/civicchain/civic/x/voucher/keeper"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
)

// voucherChain is a whole civic app after InitChain and one committed block, with a
// busan voucher program: holder holds 1 000 of voucher/1, shop is its APPROVED merchant
// holding 100.
type voucherChain struct {
	app                   *app.App
	ctx                   sdk.Context
	holderKey             *secp256k1.PrivKey
	holder, holder2, shop sdk.AccAddress
}

const voucherChainID = "civic-voucher-test"

func newVoucherChain(t *testing.T) *voucherChain {
	t.Helper()
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()),
		baseapp.SetChainID(voucherChainID))
	pv := mock.NewPV()
	pk, err := pv.GetPubKey()
	require.NoError(t, err)
	valSet := cmttypes.NewValidatorSet([]*cmttypes.Validator{cmttypes.NewValidator(pk, 1)})
	bonder := secp256k1.GenPrivKey()
	acc := authtypes.NewBaseAccount(sdk.AccAddress(bonder.PubKey().Address()), bonder.PubKey(), 0, 0)
	gs, err := simtestutil.GenesisStateWithValSet(a.AppCodec(), a.DefaultGenesis(), valSet, []authtypes.GenesisAccount{acc},
		banktypes.Balance{Address: acc.GetAddress().String(), Coins: sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000_000))})
	require.NoError(t, err)
	state, err := json.Marshal(gs)
	require.NoError(t, err)
	t0 := testkeeper.BlockTime
	_, err = a.InitChain(&abci.RequestInitChain{ChainId: voucherChainID, ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes: state, InitialHeight: 1, Time: t0})
	require.NoError(t, err)
	_, err = a.FinalizeBlock(&abci.RequestFinalizeBlock{Height: 1, Time: t0, NextValidatorsHash: valSet.Hash()})
	require.NoError(t, err)
	_, err = a.Commit()
	require.NoError(t, err)
	ctx := a.NewUncachedContext(false, cmtproto.Header{Height: 2, Time: t0.Add(time.Second), ChainID: voucherChainID})

	c := &voucherChain{app: a, ctx: ctx, holderKey: secp256k1.GenPrivKey()}
	c.holder = sdk.AccAddress(c.holderKey.PubKey().Address())
	c.holder2, c.shop = testkeeper.TestAddress("holder 2"), testkeeper.TestAddress("shop")
	admin, issuer := testkeeper.TestAddress("busan admin"), testkeeper.TestAddress("busan issuer")
	roles := []string{vouchertypes.RoleIssuer, vouchertypes.RoleMerchant}
	testkeeper.RegisterTestAgency(t, a.AgencyKeeper, ctx, "busan", admin, roles...)
	testkeeper.AddTestMember(t, a.AgencyKeeper, ctx, "busan", admin, issuer, roles...)
	krw := sdk.NewCoins(sdk.NewInt64Coin("ukrw", 10_000))
	require.NoError(t, a.BankKeeper.MintCoins(ctx, minttypes.ModuleName, krw))
	require.NoError(t, a.BankKeeper.SendCoinsFromModuleToAccount(ctx, minttypes.ModuleName, issuer, krw))

	ms := voucherkeeper.NewMsgServerImpl(a.VoucherKeeper)
	s := func(a sdk.AccAddress) string { return a.String() }
	res, err := ms.CreateProgram(ctx, &vouchertypes.MsgCreateProgram{
		Issuer: s(issuer), Kind: vouchertypes.ProgramKindLocalCurrency, FundingDenom: "ukrw",
		BudgetCap: sdkmath.NewInt(10_000), PerHolderCap: sdkmath.NewInt(5_000),
		HolderDistricts: []string{"26230"}, MerchantDistricts: []string{"26230"}, Eligibility: vouchertypes.EligibilityAllocation,
		StartsAt: t0, ExpiresAt: t0.Add(30 * 24 * time.Hour), RedeemUntil: t0.Add(60 * 24 * time.Hour), RefundAddress: s(admin),
	})
	require.NoError(t, err)
	id := res.ProgramId
	_, err = ms.FundProgram(ctx, &vouchertypes.MsgFundProgram{Funder: s(issuer), ProgramId: id, Amount: sdkmath.NewInt(10_000)})
	require.NoError(t, err)
	_, err = ms.ActivateProgram(ctx, &vouchertypes.MsgActivateProgram{Issuer: s(issuer), ProgramId: id})
	require.NoError(t, err)
	_, err = ms.Allocate(ctx, &vouchertypes.MsgAllocate{Issuer: s(issuer), ProgramId: id,
		Entries: []vouchertypes.AllocationEntry{{Address: s(c.holder), Amount: sdkmath.NewInt(1_000), DistrictCode: "26230"}}})
	require.NoError(t, err)
	_, err = ms.ApplyMerchant(ctx, &vouchertypes.MsgApplyMerchant{Merchant: s(c.shop), ProgramId: id,
		BusinessDigest: "5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c", DistrictCode: "26230", Mcc: "5411", SettlementAddress: s(c.shop)})
	require.NoError(t, err)
	_, err = ms.DecideMerchant(ctx, &vouchertypes.MsgDecideMerchant{Signer: s(issuer), ProgramId: id, Merchant: s(c.shop), Decision: vouchertypes.MerchantDecisionApprove})
	require.NoError(t, err)
	_, err = ms.Pay(ctx, &vouchertypes.MsgPay{Holder: s(c.holder), ProgramId: id, Merchant: s(c.shop), Amount: sdkmath.NewInt(100),
		ReceiptDigest: "7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e"})
	require.NoError(t, err)
	// The holder pays fees in ucivic when it has some.
	civic := sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000))
	require.NoError(t, a.BankKeeper.MintCoins(ctx, minttypes.ModuleName, civic))
	require.NoError(t, a.BankKeeper.SendCoinsFromModuleToAccount(ctx, minttypes.ModuleName, c.holder, civic))
	require.NoError(t, a.VoucherKeeper.CheckInvariants(ctx))
	return c
}

// deliver runs msg through the app's Msg router, as a transaction's message is run.
func (c *voucherChain) deliver(msg sdk.Msg) error {
	handler := c.app.MsgServiceRouter().Handler(msg)
	if handler == nil {
		return sdkerrors.ErrUnknownRequest
	}
	cache, write := c.ctx.CacheContext()
	if _, err := handler(cache, msg); err != nil {
		return err
	}
	write()
	return nil
}

// balances is every balance of the accounts involved and the voucher's supply.
func (c *voucherChain) balances() []sdk.Coins {
	out := []sdk.Coins{sdk.NewCoins(c.app.BankKeeper.GetSupply(c.ctx, "voucher/1"))}
	for _, a := range []sdk.AccAddress{c.holder, c.holder2, c.shop,
		authtypes.NewModuleAddress(authtypes.FeeCollectorName), authtypes.NewModuleAddress(govtypes.ModuleName),
		authtypes.NewModuleAddress(distrtypes.ModuleName), authtypes.NewModuleAddress(vouchertypes.ModuleName)} {
		out = append(out, c.app.BankKeeper.GetAllBalances(c.ctx, a))
	}
	return out
}

// TestVoucherTransfersRefusedThroughTheApp sends voucher coins along every path that is
// not one of x/voucher's own edges, through the real app (its Msg router, its ante
// handler, x/authz and x/gov): each is refused and no coin moves.
func TestVoucherTransfersRefusedThroughTheApp(t *testing.T) {
	c := newVoucherChain(t)
	v := sdk.NewCoins(sdk.NewInt64Coin("voucher/1", 10))
	anyOf := func(msg sdk.Msg) *codectypes.Any {
		a, err := codectypes.NewAnyWithValue(msg)
		require.NoError(t, err)
		return a
	}
	for _, tc := range []struct {
		name string
		act  func(t *testing.T) error
		want error
	}{
		{"bank MsgSend between holders", func(*testing.T) error {
			return c.deliver(banktypes.NewMsgSend(c.holder, c.holder2, v))
		}, vouchertypes.ErrVoucherTransfer},
		{"bank MsgSend to the approved merchant", func(*testing.T) error {
			return c.deliver(banktypes.NewMsgSend(c.holder, c.shop, v))
		}, vouchertypes.ErrVoucherTransfer},
		{"bank MsgSend from the merchant", func(*testing.T) error {
			return c.deliver(banktypes.NewMsgSend(c.shop, c.holder2, v))
		}, vouchertypes.ErrVoucherTransfer},
		{"bank MsgMultiSend", func(*testing.T) error {
			return c.deliver(&banktypes.MsgMultiSend{Inputs: []banktypes.Input{banktypes.NewInput(c.holder, v)},
				Outputs: []banktypes.Output{banktypes.NewOutput(c.holder2, v)}})
		}, vouchertypes.ErrVoucherTransfer},
		{"authz MsgExec of a MsgSend", func(t *testing.T) error {
			exp := c.ctx.BlockTime().Add(time.Hour)
			require.NoError(t, c.app.AuthzKeeper.SaveGrant(c.ctx, c.holder2, c.holder, banktypes.NewSendAuthorization(v, nil), &exp))
			return c.deliver(&authz.MsgExec{Grantee: c.holder2.String(), Msgs: []*codectypes.Any{anyOf(banktypes.NewMsgSend(c.holder, c.holder2, v))}})
		}, vouchertypes.ErrVoucherTransfer},
		{"gov deposit in vouchers (even where gov accepts the denom)", func(t *testing.T) error {
			params, err := c.app.GovKeeper.Params.Get(c.ctx)
			require.NoError(t, err)
			params.MinDeposit = sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 10_000_000), sdk.NewInt64Coin("voucher/1", 10))
			require.NoError(t, c.app.GovKeeper.Params.Set(c.ctx, params))
			msg, err := govv1.NewMsgSubmitProposal(nil, v, c.holder.String(), "ipfs://voucher-deposit", "vouchers to gov", "a deposit in vouchers", false)
			require.NoError(t, err)
			return c.deliver(msg)
		}, vouchertypes.ErrVoucherTransfer},
		{"bank MsgSend to a module account", func(*testing.T) error {
			return c.deliver(banktypes.NewMsgSend(c.holder, authtypes.NewModuleAddress(distrtypes.ModuleName), v))
		}, sdkerrors.ErrUnauthorized},
		{"a module send to another module account", func(*testing.T) error {
			return c.app.BankKeeper.SendCoinsFromAccountToModule(c.ctx, c.holder, distrtypes.ModuleName, v)
		}, vouchertypes.ErrVoucherTransfer},
		{"fees paid in vouchers", func(t *testing.T) error {
			builder := c.app.TxConfig().NewTxBuilder()
			require.NoError(t, builder.SetMsgs(banktypes.NewMsgSend(c.holder, c.holder2, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))))
			builder.SetFeeAmount(v)
			builder.SetGasLimit(200_000)
			require.NoError(t, builder.SetSignatures(signing.SignatureV2{PubKey: c.holderKey.PubKey(),
				Data: &signing.SingleSignatureData{SignMode: signing.SignMode_SIGN_MODE_DIRECT, Signature: make([]byte, 64)}}))
			cache, _ := c.ctx.CacheContext()
			_, err := c.app.AnteHandler()(cache, builder.GetTx(), false)
			require.ErrorContains(t, err, "voucher/1 may not move from")
			return err
		}, sdkerrors.ErrInsufficientFunds},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			before := c.balances()
			// ACT
			err := tc.act(t)
			// ASSERT
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, c.balances(), "no coin moved")
		})
	}
	require.Equal(t, int64(900), c.app.BankKeeper.GetBalance(c.ctx, c.holder, "voucher/1").Amount.Int64())
	require.NoError(t, c.app.VoucherKeeper.CheckInvariants(c.ctx))

	// Other denoms move as before.
	require.NoError(t, c.deliver(banktypes.NewMsgSend(c.holder, c.holder2, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 5)))))
	require.Equal(t, int64(5), c.app.BankKeeper.GetBalance(c.ctx, c.holder2, app.BondDenom).Amount.Int64())
}
