package haccp_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/haccp"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

func TestModuleBasics(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	am := haccp.NewAppModule(keeper.Keeper{})
	require.Equal(t, "haccp", am.Name())
	require.Equal(t, uint64(haccp.ConsensusVersion), am.ConsensusVersion())

	am.RegisterInterfaces(enc.InterfaceRegistry)
	am.RegisterLegacyAminoCodec(enc.Amino) // panics on an amino name over 39 characters
	require.NoError(t, enc.InterfaceRegistry.EnsureRegistered(&types.MsgShareImportConfirmation{}))
	// Every Msg has a valid cosmos.msg.v1.signer field (what a hand-wired app checks at start).
	require.NoError(t, enc.InterfaceRegistry.SigningContext().Validate())

	var gs types.GenesisState
	require.NoError(t, enc.Codec.UnmarshalJSON(am.DefaultGenesis(enc.Codec), &gs))
	require.NoError(t, gs.Validate())
	require.Equal(t, types.DefaultParams(), gs.Params)
	require.Equal(t, uint64(1), gs.NextFacilityId)
	require.Equal(t, uint64(1), gs.NextRecallId)
}

func TestModuleGenesisJSONRoundTrip(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	k, _, ctx := testkeeper.HaccpKeeper(t)
	am := haccp.NewAppModule(k)

	bz := am.DefaultGenesis(enc.Codec)
	require.NoError(t, am.ValidateGenesis(enc.Codec, nil, bz))
	am.InitGenesis(ctx, enc.Codec, bz)
	require.JSONEq(t, string(bz), string(am.ExportGenesis(ctx, enc.Codec)))

	require.Error(t, am.ValidateGenesis(enc.Codec, nil, []byte(`{"next_facility_id":"0"}`)))
	require.Error(t, am.ValidateGenesis(enc.Codec, nil, []byte(`not json`)))
}
