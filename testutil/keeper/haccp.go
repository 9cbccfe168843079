package keeper

import (
	"testing"

	storetypes "cosmossdk.io/store/types"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	haccpkeeper "github.com/civicchain/civic/x/haccp/keeper"
	haccptypes "github.com/civicchain/civic/x/haccp/types"
)

// HaccpKeeper builds a real x/haccp keeper wired to a real x/agency keeper,
// both on one in-memory multistore, as in the app: the agency role catalog is
// haccptypes.Roles(), both authorities are the x/gov module account, x/agency
// and x/haccp start from their default genesis, and the context is at
// BlockTime. Register agencies and members with
// RegisterTestAgency and AddTestMember.
func HaccpKeeper(t testing.TB) (haccpkeeper.Keeper, agencykeeper.Keeper, sdk.Context) {
	t.Helper()
	SetBech32Config()

	agencyKey := storetypes.NewKVStoreKey(agencytypes.StoreKey)
	haccpKey := storetypes.NewKVStoreKey(haccptypes.StoreKey)
	ctx := testutil.DefaultContextWithKeys(
		map[string]*storetypes.KVStoreKey{agencytypes.StoreKey: agencyKey, haccptypes.StoreKey: haccpKey},
		map[string]*storetypes.TransientStoreKey{"transient_test": storetypes.NewTransientStoreKey("transient_test")},
		nil,
	).WithBlockTime(BlockTime).WithBlockHeight(1)

	encCfg := moduletestutil.MakeTestEncodingConfig()
	agencytypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	haccptypes.RegisterInterfaces(encCfg.InterfaceRegistry)

	ac := addresscodec.NewBech32Codec(Bech32Prefix)
	authority, err := ac.BytesToString(AgencyAuthority())
	if err != nil {
		t.Fatal(err)
	}

	ak := agencykeeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(agencyKey), ac, authority, haccptypes.Roles())
	if err := ak.InitGenesis(ctx, agencytypes.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	hk := haccpkeeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(haccpKey), ac, authority, ak)
	if err := hk.InitGenesis(ctx, haccptypes.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	return hk, ak, ctx
}
