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
	didkeeper "github.com/civicchain/civic/x/did/keeper"
	didtypes "github.com/civicchain/civic/x/did/types"
)

// DidChainID is the chain id of DidKeeper's context; DID proofs sign over it.
const DidChainID = "civic-test-1"

// DidKeeper builds a real x/did keeper wired to a real x/agency keeper, both on
// one in-memory multistore, as in the app: the agency role catalog is
// didtypes.Roles(), both authorities are the x/gov module account, both modules
// start from their default genesis, and the context is at BlockTime, height 1,
// chain id DidChainID. Register agencies and members with RegisterTestAgency
// and AddTestMember.
func DidKeeper(t testing.TB) (didkeeper.Keeper, agencykeeper.Keeper, sdk.Context) {
	t.Helper()
	SetBech32Config()

	agencyKey := storetypes.NewKVStoreKey(agencytypes.StoreKey)
	didKey := storetypes.NewKVStoreKey(didtypes.StoreKey)
	ctx := testutil.DefaultContextWithKeys(
		map[string]*storetypes.KVStoreKey{agencytypes.StoreKey: agencyKey, didtypes.StoreKey: didKey},
		map[string]*storetypes.TransientStoreKey{"transient_test": storetypes.NewTransientStoreKey("transient_test")},
		nil,
	).WithBlockTime(BlockTime).WithBlockHeight(1).WithChainID(DidChainID)

	encCfg := moduletestutil.MakeTestEncodingConfig()
	agencytypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	didtypes.RegisterInterfaces(encCfg.InterfaceRegistry)

	ac := addresscodec.NewBech32Codec(Bech32Prefix)
	authority, err := ac.BytesToString(AgencyAuthority())
	if err != nil {
		t.Fatal(err)
	}

	ak := agencykeeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(agencyKey), ac, authority, didtypes.Roles())
	if err := ak.InitGenesis(ctx, agencytypes.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	dk := didkeeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(didKey), ac, authority, ak)
	if err := dk.InitGenesis(ctx, didtypes.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	return dk, ak, ctx
}
