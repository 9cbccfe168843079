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
	evidencekeeper "github.com/civicchain/civic/x/evidence/keeper"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
)

// EvidenceKeeper builds a real x/evidence keeper wired to a real x/agency keeper,
// both on one in-memory multistore, as in the app: the agency role catalog is
// evidencetypes.Roles(), both authorities are the x/gov module account, both
// modules start from their default genesis, and the context is at BlockTime.
// Register agencies and members with RegisterTestAgency and AddTestMember.
func EvidenceKeeper(t testing.TB) (evidencekeeper.Keeper, agencykeeper.Keeper, sdk.Context) {
	t.Helper()
	SetBech32Config()

	agencyKey := storetypes.NewKVStoreKey(agencytypes.StoreKey)
	evidenceKey := storetypes.NewKVStoreKey(evidencetypes.StoreKey)
	ctx := testutil.DefaultContextWithKeys(
		map[string]*storetypes.KVStoreKey{agencytypes.StoreKey: agencyKey, evidencetypes.StoreKey: evidenceKey},
		map[string]*storetypes.TransientStoreKey{"transient_test": storetypes.NewTransientStoreKey("transient_test")},
		nil,
	).WithBlockTime(BlockTime).WithBlockHeight(1)

	encCfg := moduletestutil.MakeTestEncodingConfig()
	agencytypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	evidencetypes.RegisterInterfaces(encCfg.InterfaceRegistry)

	ac := addresscodec.NewBech32Codec(Bech32Prefix)
	authority, err := ac.BytesToString(AgencyAuthority())
	if err != nil {
		t.Fatal(err)
	}

	ak := agencykeeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(agencyKey), ac, authority, evidencetypes.Roles())
	if err := ak.InitGenesis(ctx, agencytypes.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	ek := evidencekeeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(evidenceKey), ac, authority, ak)
	if err := ek.InitGenesis(ctx, evidencetypes.DefaultGenesis()); err != nil {
		t.Fatal(err)
	}
	return ek, ak, ctx
}
