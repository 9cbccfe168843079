package keeper

import (
	"testing"

	"cosmossdk.io/log"
	sdkmath "cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	tollkeeper "github.com/civicchain/civic/x/toll/keeper"
	tolltypes "github.com/civicchain/civic/x/toll/types"
)

// TollFixture is a real x/toll keeper wired, as in the app, to real x/agency,
// x/auth and x/bank keepers on one in-memory multistore.
type TollFixture struct {
	Keeper  tollkeeper.Keeper
	Agency  agencykeeper.Keeper
	Bank    bankkeeper.BaseKeeper
	Account authkeeper.AccountKeeper
	Ctx     sdk.Context
}

// TollKeeper builds a TollFixture: the agency role catalog is
// tolltypes.Roles(), every authority is the x/gov module account, x/agency and
// x/toll start from their default genesis (period 1 OPEN at BlockTime), and
// the context is at BlockTime. Fund accounts with Fund; register agencies and
// members with RegisterTestAgency and AddTestMember.
func TollKeeper(t testing.TB) TollFixture {
	t.Helper()
	SetBech32Config()

	keys := storetypes.NewKVStoreKeys(agencytypes.StoreKey, tolltypes.StoreKey, authtypes.StoreKey, banktypes.StoreKey)
	ctx := testutil.DefaultContextWithKeys(keys,
		map[string]*storetypes.TransientStoreKey{"transient_test": storetypes.NewTransientStoreKey("transient_test")},
		nil,
	).WithBlockTime(BlockTime).WithBlockHeight(1)

	encCfg := moduletestutil.MakeTestEncodingConfig()
	agencytypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	tolltypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	authtypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	banktypes.RegisterInterfaces(encCfg.InterfaceRegistry)

	ac := addresscodec.NewBech32Codec(Bech32Prefix)
	authority, err := ac.BytesToString(AgencyAuthority())
	if err != nil {
		t.Fatal(err)
	}

	maccPerms := map[string][]string{
		minttypes.ModuleName: {authtypes.Minter},
		tolltypes.ModuleName: nil,
	}
	accountKeeper := authkeeper.NewAccountKeeper(encCfg.Codec, runtime.NewKVStoreService(keys[authtypes.StoreKey]),
		authtypes.ProtoBaseAccount, maccPerms, ac, Bech32Prefix, authority)
	bankKeeper := bankkeeper.NewBaseKeeper(encCfg.Codec, runtime.NewKVStoreService(keys[banktypes.StoreKey]),
		accountKeeper, map[string]bool{}, authority, log.NewNopLogger())
	if err := bankKeeper.SetParams(ctx, banktypes.DefaultParams()); err != nil {
		t.Fatal(err)
	}

	ak := agencykeeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(keys[agencytypes.StoreKey]), ac, authority, tolltypes.Roles())
	if err := ak.InitGenesis(ctx, agencytypes.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	tk := tollkeeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(keys[tolltypes.StoreKey]), ac, authority, ak, bankKeeper, accountKeeper)
	if err := tk.InitGenesis(ctx, tolltypes.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	return TollFixture{Keeper: tk, Agency: ak, Bank: bankKeeper, Account: accountKeeper, Ctx: ctx}
}

// Fund mints amount of denom to addr (through the mint module account).
func (f TollFixture) Fund(t testing.TB, addr sdk.AccAddress, denom string, amount uint64) {
	t.Helper()
	c := sdk.NewCoins(sdk.NewCoin(denom, sdkmath.NewIntFromUint64(amount)))
	if err := f.Bank.MintCoins(f.Ctx, minttypes.ModuleName, c); err != nil {
		t.Fatal(err)
	}
	if err := f.Bank.SendCoinsFromModuleToAccount(f.Ctx, minttypes.ModuleName, addr, c); err != nil {
		t.Fatal(err)
	}
}

// Balance is addr's balance of denom.
func (f TollFixture) Balance(addr sdk.AccAddress, denom string) uint64 {
	return f.Bank.GetBalance(f.Ctx, addr, denom).Amount.Uint64()
}
